"""Validation of the contract in Spark SQL: the embedded rules and messages, file, row and column, list capped.

One aggregation per table counts every rule's bad rows per file; only a rule that fires
costs more (its first :data:`~linkgraph.ingest.contract.MAX_EXAMPLES` rows, numbered as
the embedded engine numbers them). Duplicate account ids and links to unknown accounts
are joins. A refused input raises :class:`~linkgraph.ingest.contract.InputError` with
every problem, so ``detect --engine spark`` stops before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from linkgraph.ingest.contract import MAX_EXAMPLES, TABLES, InputError, Problem
from linkgraph.spark.checks import Rule, column_rules
from linkgraph.spark.read import TableFiles, list_tables, read_file, with_ordinals

KEEP = {
    "accounts": ("account_id", "created_at", "email_domain", "country", "status"),
    "payment_methods": ("account_id", "payment_method_id", "first_seen", "last_seen"),
    "proxies": ("account_id", "ip", "asn", "first_seen", "last_seen", "request_count"),
    "prompt_fingerprints": ("account_id", "fingerprint", "first_seen", "last_seen", "request_count", "simhash"),
    "requests": ("account_id", "timestamp", "model", "prompt_fingerprint", "prompt_simhash"),
}
"""Columns kept after the check (what detection reads; as the embedded ``detect`` reads them)."""


@dataclass
class Checked:
    """Validated, normalised tables (persisted DataFrames with ``_file, _mono``), their files and rows."""

    tables: dict[str, Any]
    files: dict[str, TableFiles]
    rows: dict[str, list[int]] = field(default_factory=dict)


def _label(path: str) -> str:
    return PurePosixPath(path).name


def _examples(spark: Any, frame: Any, bad: Any, file: int) -> tuple[int, ...]:
    from pyspark.sql import functions as F

    hits = with_ordinals(spark, frame.filter((F.col("_file") == file) & bad), frame)
    return tuple(int(r["_row"]) for r in hits.orderBy("_row").limit(MAX_EXAMPLES).select("_row").collect())


def _rule_problems(spark: Any, frame: Any, rules: list[Rule], files: TableFiles) -> tuple[list[Problem], list[int]]:
    """One pass: bad rows per rule and file, and rows per file; then the example rows of the rules that fired."""
    from pyspark.sql import functions as F

    sums = [F.sum(F.when(r.bad, 1).otherwise(0)).alias(f"r{i}") for i, r in enumerate(rules)]
    counts = frame.groupBy("_file").agg(F.count(F.lit(1)).alias("_n"), *sums).collect()
    by_file = {row["_file"]: row for row in counts}
    problems, rows = [], []
    for file in range(len(files.paths)):
        row = by_file.get(file)
        rows.append(int(row["_n"]) if row else 0)
        for i, rule in enumerate(rules):
            total = int(row[f"r{i}"] or 0) if row else 0
            if total:
                examples = _examples(spark, frame, rule.bad, file)
                problems.append(Problem(_label(files.paths[file]), rule.message, rule.column, examples, total))
    return problems, rows


def _row_problems(spark: Any, flagged: Any, table: Any, files: TableFiles, message: str, column: str) -> list[Problem]:
    """Problems for rows already selected (``_file, _mono``) by a join: counted per file, first rows numbered."""
    from pyspark.sql import functions as F

    totals = {r["_file"]: int(r["count"]) for r in flagged.groupBy("_file").count().collect()}
    out = []
    for file, total in sorted(totals.items()):
        hits = with_ordinals(spark, flagged.filter(F.col("_file") == file), table)
        examples = tuple(int(r["_row"]) for r in hits.orderBy("_row").limit(MAX_EXAMPLES).select("_row").collect())
        out.append(Problem(_label(files.paths[file]), message, column, examples, total))
    return out


def _unknown_accounts(spark: Any, tables: dict[str, Any], files: dict[str, TableFiles]) -> list[Problem]:
    """Rows of the link tables and requests whose account is not in accounts: one anti join for all of them."""
    from pyspark.sql import functions as F

    names = [n for n in ("payment_methods", "proxies", "prompt_fingerprints", "requests") if n in tables]
    if not names:
        return []
    rows = None
    for i, name in enumerate(names):
        part = tables[name].select(F.lit(i).alias("_table"), "account_id", "_file", "_mono")
        rows = part if rows is None else rows.unionByName(part)
    assert rows is not None
    unknown = rows.join(tables["accounts"].select("account_id").distinct(), "account_id", "left_anti")
    hit = {r["_table"] for r in unknown.select("_table").distinct().collect()}
    out = []
    for i in sorted(hit):
        flagged = unknown.filter(F.col("_table") == i)
        out += _row_problems(
            spark, flagged, tables[names[i]], files[names[i]], "account_id is not in accounts", "account_id"
        )
    return out


def _check_table(spark: Any, name: str, files: TableFiles) -> tuple[Any | None, list[Problem], list[int]]:
    """Read, check and normalise one table; None when a file lacks a required column."""
    from pyspark.sql import functions as F

    spec = TABLES[name]
    frames, problems = [], []
    for i, path in enumerate(files.paths):
        frame = read_file(spark, path, i)
        have = [c for c in frame.columns if c not in ("_file", "_mono")]
        missing = [c for c in spec.required if c not in have]
        for col in missing:
            message = f"required column is missing (columns found: {', '.join(have) or 'none'})"
            problems.append(Problem(_label(path), message, col))
        frames.append(frame)
    if problems:
        return None, problems, []
    table = frames[0]
    for frame in frames[1:]:
        table = table.unionByName(frame, allowMissingColumns=True)
    keep = KEEP[name] if name == "requests" else None  # detection reads these request columns only
    types = dict(table.dtypes)
    rules: list[Rule] = []
    values = {}
    for col in [c for c in table.columns if c not in ("_file", "_mono")]:
        if keep is not None and col not in keep:
            continue
        col_rules, value = column_rules(spec, col, types[col])
        rules += col_rules
        values[col] = value if value is not None else F.col(f"`{col}`")
    found, rows = _rule_problems(spark, table, rules, files)
    out = [v.alias(c) for c, v in values.items() if c in KEEP[name]]
    if name == "accounts" and "status" not in values:
        out.append(F.lit("active").alias("status"))
    return table.select(*out, "_file", "_mono"), problems + found, rows


def validate_tables(spark: Any, root: str) -> Checked:
    """Every contract table under ``root``, checked and normalised; raises InputError listing every problem."""
    from pyspark.sql import functions as F

    files, problems = list_tables(spark, root)
    tables: dict[str, Any] = {}
    rows: dict[str, list[int]] = {}
    for name in TABLES:
        if name not in files:
            continue
        frame, found, counted = _check_table(spark, name, files[name])
        problems += found
        if frame is not None:
            tables[name] = frame
            rows[name] = counted
    accounts = tables.get("accounts")
    if accounts is not None:
        if sum(rows["accounts"]) == 0:
            problems.append(Problem(_label(files["accounts"].paths[0]), "has no rows"))
        ids = accounts.select("account_id", "_file", "_mono")
        dup_ids = ids.groupBy("account_id").count().filter("count > 1").select("account_id")
        dups = ids.join(F.broadcast(dup_ids), "account_id")
        first = dups.groupBy("account_id").agg(F.min(F.struct("_file", "_mono")).alias("_first"))
        later = dups.join(first, "account_id").filter(F.struct("_file", "_mono") != F.col("_first"))
        problems += _row_problems(spark, later, accounts, files["accounts"], "duplicate account_id", "account_id")
        problems += _unknown_accounts(spark, tables, files)
    if problems:
        raise InputError(problems)
    # Read once and cut the plans: every later stage starts from these checkpoints.
    return Checked({name: frame.checkpoint(eager=True) for name, frame in tables.items()}, files, rows)
