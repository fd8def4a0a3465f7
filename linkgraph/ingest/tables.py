"""One input table read, checked and coded in the load's thread pool (accounts and link tables).

Each table is read from its files in batches and checked as it goes; then, still in the
pool and beside the other tables, it gets what only it needs: the accounts their
:class:`~linkgraph.ingest.accounts.AccountIndex` and frame, a link table its artifact and
account codes, whether it repeats a link, and its share of the frames (IP ASNs, SimHash
rows). The per-table frames are made only for a table without problems; the load uses
them only when no table has any.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from linkgraph.ingest.accounts import AccountIndex
from linkgraph.ingest.contract import TABLES
from linkgraph.ingest.links import artifact_codes, has_duplicates, ip_asn_of, simhashes_of, to_pandas
from linkgraph.ingest.readers import ReadError, iter_batches
from linkgraph.ingest.validate import Problems, TableChecker

BATCH_ROWS = 1 << 18
"""Rows read and checked at a time from one file of a link table or accounts."""
LINK_TABLES = ("payment_methods", "proxies", "prompt_fingerprints")
KEEP = {
    "payment_methods": ("account_id", "payment_method_id", "first_seen", "last_seen"),
    "proxies": ("account_id", "ip", "asn", "first_seen", "last_seen", "request_count"),
    "prompt_fingerprints": ("account_id", "fingerprint", "first_seen", "last_seen", "request_count", "simhash"),
}
"""Columns of each link table kept after the check (extra columns are checked, then dropped)."""


@dataclass
class TableRead:
    """One table read from its files: the normalised data and, per file, its name and rows."""

    table: pa.Table | None = None
    spans: list[tuple[Path, int]] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    artifacts: tuple[np.ndarray, pa.Array] | None = None  # link tables: artifact codes, distinct artifacts
    index: AccountIndex | None = None  # accounts: the account ids and their codes
    acct: np.ndarray | None = None  # link tables: the account code of each row
    duplicated: bool | None = None  # link tables: whether some (account, artifact) pair repeats
    frame: pd.DataFrame | None = None  # accounts: the frame; prompt_fingerprints: SimHash rows (local codes)
    ip_asn: pd.Series | None = None  # proxies: the ASN of each IP


def read_table(name: str, paths: list[Path], accounts: Callable[[], AccountIndex | None] | None = None) -> TableRead:
    """Read and check one table (its base file, then appended part files, each on its own).

    Files are read in batches, so only checked, normalised columns accumulate (timestamps as
    8-byte integers, not text); a link table keeps only the columns the link table needs.
    The accounts table gets its :class:`AccountIndex`; a link table then looks its account
    ids up in ``accounts()`` (which waits for the accounts table), here in the pool.
    """
    out = TableRead()
    parts = []
    keep = KEEP.get(name)
    for path in paths:
        rows, pieces = 0, []
        try:
            for batch in iter_batches(path, None, BATCH_ROWS):
                checked = TableChecker(TABLES[name], batch, path.name, out.problems, rows).check()
                rows += batch.num_rows
                if checked is None:  # a required column is missing: said once
                    break
                pieces.append(
                    checked if keep is None else checked.select([c for c in checked.column_names if c in keep])
                )
        except ReadError as err:
            out.problems.add(err.problem)
            continue
        out.spans.append((path, rows))
        parts.extend(pieces)
    if parts:
        out.table = parts[0] if len(parts) == 1 else _concat(parts)
        if name in LINK_TABLES and not out.problems:  # encoded here, in the pool, beside other tables
            out.artifacts = artifact_codes(out.table, name)
        if name == "accounts":
            out.index = AccountIndex.of(out.table)
        elif accounts is not None and (index := accounts()) is not None:
            out.acct = index.codes(out.table.column("account_id"))
            if out.artifacts is not None:
                out.duplicated = has_duplicates(out.acct, out.artifacts[0], len(out.artifacts[1]))
        if not out.problems:
            _frames(name, out)
    return out


def _frames(name: str, out: TableRead) -> None:
    """The table's own frames, made beside the other tables rather than after all of them."""
    assert out.table is not None
    if name == "accounts":
        out.frame = to_pandas(out.table)
    elif name == "proxies" and out.artifacts is not None:
        out.ip_asn = ip_asn_of(out.table, out.artifacts[0])
    elif name == "prompt_fingerprints" and out.artifacts is not None and out.acct is not None:
        out.frame = simhashes_of(out.table, out.acct, out.artifacts[0])


def _concat(parts: list[pa.Table]) -> pa.Table:
    try:
        return pa.concat_tables(parts, promote_options="permissive")
    except (pa.ArrowException, TypeError, ValueError):  # extra columns of clashing types: keep them as text
        common = set.intersection(*(set(p.column_names) for p in parts))
        return pa.concat_tables(
            [p.select([c for c in p.column_names if c in common]) for p in parts], promote_options="permissive"
        )
