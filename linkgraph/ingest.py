"""Load a directory of input tables into one validated, normalised :class:`Dataset`.

The load is all or nothing: every table is read and checked first, and any problem
raises :class:`~linkgraph.contract.InputError` listing all of them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph.contract import TABLES, InputError, Problem
from linkgraph.readers import ReadError, SourceFile, find_table, read_table
from linkgraph.validate import TableChecker, row_numbers

log = logging.getLogger(__name__)

LINK_COLUMNS = ("acct", "kind", "artifact", "first_seen", "last_seen", "count")
_LINK_SOURCES = (  # table, artifact column, kind, count column
    ("payment_methods", "payment_method_id", "payment", None),
    ("proxies", "ip", "ip", "request_count"),
    ("prompt_fingerprints", "fingerprint", "fingerprint", "request_count"),
)


@dataclass
class Dataset:
    """Validated input.

    ``accounts`` has one row per account; its RangeIndex is the account code ``acct``
    used by ``links``. ``links`` has one row per (account, artifact) with columns
    ``acct, kind, artifact, first_seen, last_seen, count``; ``kind`` is one of
    payment, ip, asn, fingerprint. ``ip_asn`` maps each IP to its ASN where known.
    """

    accounts: pd.DataFrame
    links: pd.DataFrame
    requests: pd.DataFrame | None = None
    ip_asn: pd.Series = field(default_factory=lambda: pd.Series(dtype="Int64"))
    sources: list[SourceFile] = field(default_factory=list)

    @property
    def n_accounts(self) -> int:
        return len(self.accounts)

    def row_counts(self) -> dict[str, int]:
        return {s.table: s.rows for s in self.sources}


def _read_all(data_dir: Path) -> tuple[dict[str, pd.DataFrame], list[SourceFile], list[Problem]]:
    frames: dict[str, pd.DataFrame] = {}
    sources: list[SourceFile] = []
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise InputError([Problem(str(data_dir), "is not a directory of input tables")])
    for name, spec in TABLES.items():
        paths = find_table(data_dir, name)
        if not paths:
            if not spec.optional_table:
                problems.append(Problem(f"{name}.csv", f"table '{name}' is missing from {data_dir} (.csv, .csv.gz or .parquet)"))
            continue
        if len(paths) > 1:
            names = ", ".join(p.name for p in paths)
            problems.append(Problem(paths[0].name, f"table '{name}' is given more than once ({names}); keep one"))
            continue
        try:
            raw, source = read_table(name, paths[0])
        except ReadError as err:
            problems.append(err.problem)
            continue
        checker = TableChecker(spec, raw, paths[0].name)
        frames[name] = checker.check()
        problems.extend(checker.problems)
        sources.append(source)
    return frames, sources, problems


def _account_codes(
    frames: dict[str, pd.DataFrame], sources: list[SourceFile], problems: list[Problem]
) -> pd.Index:
    label = {s.table: Path(s.path).name for s in sources}
    accounts = frames["accounts"]
    if accounts.empty:
        problems.append(Problem(label["accounts"], "has no rows"))
    dup = accounts["account_id"].duplicated(keep="first") & accounts["account_id"].notna()
    rows, total = row_numbers(dup)
    if total:
        problems.append(Problem(label["accounts"], "duplicate account_id", "account_id", rows, total))
    index = pd.Index(accounts["account_id"])
    for name, frame in frames.items():
        if name == "accounts" or "account_id" not in frame.columns:
            continue
        if index.is_unique:
            codes = index.get_indexer(frame["account_id"])
        else:  # duplicates are reported above; still find unknown accounts
            codes = np.where(frame["account_id"].isin(index).to_numpy(), 0, -1)
        unknown = (codes < 0) & frame["account_id"].notna().to_numpy()
        rows, total = row_numbers(unknown)
        if total:
            problems.append(Problem(label[name], "account_id is not in accounts", "account_id", rows, total))
        frame["acct"] = codes
    return index


def _links(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    parts = []
    for table, column, kind, count_col in _LINK_SOURCES:
        frame = frames.get(table)
        if frame is None:
            continue
        part = pd.DataFrame(
            {
                "acct": frame["acct"].astype(np.int32),
                "kind": kind,
                "artifact": frame[column],
                "first_seen": frame.get("first_seen"),
                "last_seen": frame.get("last_seen"),
                "count": frame[count_col] if count_col and count_col in frame else pd.NA,
            }
        )
        parts.append(part)
        if table == "proxies" and "asn" in frame.columns:
            asn = part[frame["asn"].notna().to_numpy()].copy()
            asn["kind"] = "asn"
            asn["artifact"] = "AS" + frame.loc[frame["asn"].notna(), "asn"].astype("int64").astype(str).to_numpy()
            parts.append(asn)
    links = pd.concat(parts, ignore_index=True)
    for col in ("first_seen", "last_seen"):
        links[col] = pd.to_datetime(links[col], utc=True).astype("datetime64[us, UTC]")
    links["count"] = pd.to_numeric(links["count"]).astype("Int64")
    links["kind"] = pd.Categorical(links["kind"], categories=["payment", "ip", "asn", "fingerprint"])
    key = links[["acct", "kind", "artifact"]]
    if key.duplicated().any():
        links = (
            links.groupby(["acct", "kind", "artifact"], observed=True, sort=False)
            .agg(first_seen=("first_seen", "min"), last_seen=("last_seen", "max"), count=("count", "sum"))
            .reset_index()
        )
    return links.reset_index(drop=True)[list(LINK_COLUMNS)]


def load_tables(data_dir: str | Path) -> Dataset:
    """Read, validate and normalise the contract's tables from ``data_dir``.

    Raises :class:`InputError` listing every problem found; nothing is returned then.
    ``truth.csv`` is never read.
    """
    data_dir = Path(data_dir)
    frames, sources, problems = _read_all(data_dir)
    if "accounts" in frames and "account_id" in frames["accounts"].columns:
        _account_codes(frames, sources, problems)
    if problems:
        raise InputError(problems)
    accounts = frames["accounts"].drop(columns=["acct"], errors="ignore").reset_index(drop=True)
    proxies = frames.get("proxies")
    ip_asn = pd.Series(dtype="Int64")
    if proxies is not None and "asn" in proxies.columns:
        known = proxies[proxies["asn"].notna()]
        ip_asn = known.drop_duplicates("ip").set_index("ip")["asn"]
    dataset = Dataset(accounts, _links(frames), frames.get("requests"), ip_asn, sources)
    log.info("loaded %d accounts and %d links from %s", dataset.n_accounts, len(dataset.links), data_dir)
    return dataset


def validate_dir(data_dir: str | Path) -> list[Problem]:
    """Every problem in ``data_dir`` (empty when the tables are valid)."""
    try:
        load_tables(data_dir)
    except InputError as err:
        return err.problems
    return []
