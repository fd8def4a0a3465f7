"""Load a directory of input tables into one validated, normalised :class:`Dataset`.

The load is all or nothing: every table is read and checked first, and any problem
raises :class:`~linkgraph.ingest.contract.InputError` listing all of them.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest.contract import TABLES, InputError, Problem
from linkgraph.ingest.readers import ReadError, SourceFile, find_table, part_number, read_table
from linkgraph.ingest.validate import TableChecker, row_numbers

log = logging.getLogger(__name__)

LINK_COLUMNS = ("acct", "art", "kind", "artifact", "first_seen", "last_seen", "count")
LINK_KINDS = ("payment", "ip", "fingerprint")
READ_THREADS = 2
_LINK_SOURCES = (  # table, artifact column, kind, count column
    ("payment_methods", "payment_method_id", "payment", None),
    ("proxies", "ip", "ip", "request_count"),
    ("prompt_fingerprints", "fingerprint", "fingerprint", "request_count"),
)


@dataclass
class Dataset:
    """Validated input.

    ``accounts`` has one row per account; its RangeIndex is the account code ``acct``
    used by ``links``. ``artifacts`` has one row per distinct artifact (``kind``,
    ``artifact``); its RangeIndex is the artifact code ``art``. ``links`` has one row per
    (account, artifact) with columns ``acct, art, kind, artifact, first_seen, last_seen,
    count``; ``kind`` is payment, ip or fingerprint. ``ip_asn`` maps each IP to its ASN
    where known (ASNs are network context, not links).
    """

    accounts: pd.DataFrame
    links: pd.DataFrame
    artifacts: pd.DataFrame
    requests: pd.DataFrame | None = None
    ip_asn: pd.Series = field(default_factory=lambda: pd.Series(dtype="Int64"))
    sources: list[SourceFile] = field(default_factory=list)
    simhashes: pd.DataFrame | None = None

    @property
    def n_accounts(self) -> int:
        return len(self.accounts)

    def row_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for s in self.sources:
            counts[s.table] = counts.get(s.table, 0) + s.rows
        return counts


def _read_one(
    data_dir: Path, name: str, columns: tuple[str, ...] | None = None
) -> tuple[pd.DataFrame | None, list[SourceFile], list[Problem]]:
    """Read and check one table (its base file, then appended part files, each on its own)."""
    spec = TABLES[name]
    sources: list[SourceFile] = []
    problems: list[Problem] = []
    paths = find_table(data_dir, name)
    if not paths:
        if not spec.optional_table:
            problems.append(
                Problem(f"{name}.csv", f"table '{name}' is missing from {data_dir} (.csv, .csv.gz or .parquet)")
            )
        return None, sources, problems
    base = [p for p in paths if part_number(p, name) is None]
    if len(base) > 1:
        names = ", ".join(p.name for p in base)
        problems.append(Problem(base[0].name, f"table '{name}' is given more than once ({names}); keep one"))
        return None, sources, problems
    parts = []
    for path in paths:
        try:
            raw, source = read_table(name, path, columns)
        except ReadError as err:
            problems.append(err.problem)
            continue
        checker = TableChecker(spec, raw, path.name)
        parts.append(checker.check())
        problems.extend(checker.problems)
        sources.append(source)
    if not parts:
        return None, sources, problems
    return (parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)), sources, problems


def _read_all(
    data_dir: Path, skip: tuple[str, ...] = (), columns: dict[str, tuple[str, ...]] | None = None
) -> tuple[dict[str, pd.DataFrame], list[SourceFile], list[Problem]]:
    """Read and check every table, two at a time (pyarrow and pandas release the GIL)."""
    if not data_dir.is_dir():
        raise InputError([Problem(str(data_dir), "is not a directory of input tables")])
    names = [name for name in TABLES if name not in skip]
    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        results = list(pool.map(lambda name: _read_one(data_dir, name, (columns or {}).get(name)), names))
    frames: dict[str, pd.DataFrame] = {}
    sources: list[SourceFile] = []
    problems: list[Problem] = []
    for name, (frame, table_sources, table_problems) in zip(names, results, strict=True):
        if frame is not None:
            frames[name] = frame
        sources.extend(table_sources)
        problems.extend(table_problems)
    return frames, sources, problems


def _file_problems(spans: list[tuple[str, int]], mask: np.ndarray, message: str, column: str) -> list[Problem]:
    """Problems for a mask over a table read from several files, each naming its own file and rows."""
    out, start = [], 0
    for label, n in spans:
        rows, total = row_numbers(mask[start : start + n])
        if total:
            out.append(Problem(label, message, column, rows, total))
        start += n
    return out


def _account_codes(frames: dict[str, pd.DataFrame], sources: list[SourceFile], problems: list[Problem]) -> pd.Index:
    spans: dict[str, list[tuple[str, int]]] = {}
    for s in sources:
        spans.setdefault(s.table, []).append((Path(s.path).name, s.rows))
    accounts = frames["accounts"]
    if accounts.empty:
        problems.append(Problem(spans["accounts"][0][0], "has no rows"))
    dup = accounts["account_id"].duplicated(keep="first") & accounts["account_id"].notna()
    problems.extend(_file_problems(spans["accounts"], dup.to_numpy(), "duplicate account_id", "account_id"))
    index = pd.Index(accounts["account_id"])
    value_set = pa.array(accounts["account_id"], type=pa.string())
    for name, frame in frames.items():
        if name == "accounts" or "account_id" not in frame.columns:
            continue
        found = pc.index_in(pa.array(frame["account_id"], type=pa.string()), value_set=value_set)
        codes = found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        unknown = (codes < 0) & frame["account_id"].notna().to_numpy()
        problems.extend(_file_problems(spans[name], unknown, "account_id is not in accounts", "account_id"))
        frame["acct"] = codes
    return index


def _links(frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The link table (one row per account and artifact) and the artifact table.

    Artifacts get integer codes ``art`` (by kind, in order of first appearance). A link
    given twice is merged: earliest first_seen, latest last_seen, summed count.
    """
    parts = []
    artifacts = []
    offset = 0
    for table, column, kind, count_col in _LINK_SOURCES:
        frame = frames.get(table)
        if frame is None:
            continue
        local, uniques = pd.factorize(frame[column])
        code = LINK_KINDS.index(kind)
        artifacts.append(pd.DataFrame({"kind": np.full(len(uniques), code, dtype=np.int8), "artifact": uniques}))
        parts.append(
            pd.DataFrame(
                {
                    "acct": frame["acct"].to_numpy().astype(np.int32),
                    "art": (local + offset).astype(np.int64),
                    "kind": np.full(len(frame), code, dtype=np.int8),
                    "artifact": frame[column],
                    "first_seen": frame["first_seen"] if "first_seen" in frame else pd.NaT,
                    "last_seen": frame["last_seen"] if "last_seen" in frame else pd.NaT,
                    "count": frame[count_col] if count_col and count_col in frame else pd.NA,
                }
            )
        )
        offset += len(uniques)
    links = pd.concat(parts, ignore_index=True)
    for col in ("first_seen", "last_seen"):
        links[col] = pd.to_datetime(links[col], utc=True).astype("datetime64[us, UTC]")
    links["count"] = pd.to_numeric(links["count"]).astype("Int64")
    links["kind"] = pd.Categorical.from_codes(links["kind"].to_numpy(), categories=pd.Index(LINK_KINDS))
    art_table = pd.concat(artifacts, ignore_index=True)
    art_table["kind"] = pd.Categorical.from_codes(art_table["kind"].to_numpy(), categories=pd.Index(LINK_KINDS))
    key = links["acct"].to_numpy().astype(np.int64) * max(offset, 1) + links["art"].to_numpy()
    if pd.Series(key).duplicated().any():
        links = (
            links.groupby(["acct", "art"], sort=False)
            .agg(
                kind=("kind", "first"),
                artifact=("artifact", "first"),
                first_seen=("first_seen", "min"),
                last_seen=("last_seen", "max"),
                count=("count", "sum"),
            )
            .reset_index()
        )
    return links.reset_index(drop=True)[list(LINK_COLUMNS)], art_table


def load_tables(
    data_dir: str | Path, with_requests: bool = True, request_columns: tuple[str, ...] | None = None
) -> Dataset:
    """Read, validate and normalise the contract's tables from ``data_dir``.

    Raises :class:`InputError` listing every problem found; nothing is returned then.
    ``truth.csv`` is never read. ``with_requests=False`` leaves the optional ``requests``
    table unread; ``request_columns`` reads only those of its columns (detection needs
    ``account_id, timestamp, model``; ``linkgraph validate`` checks every column).
    """
    data_dir = Path(data_dir)
    columns = {"requests": request_columns} if request_columns else None
    frames, sources, problems = _read_all(data_dir, () if with_requests else ("requests",), columns)
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
    links, artifacts = _links(frames)
    dataset = Dataset(accounts, links, artifacts, frames.get("requests"), ip_asn, sources)
    log.info("loaded %d accounts and %d links from %s", dataset.n_accounts, len(dataset.links), data_dir)
    return dataset


def validate_dir(data_dir: str | Path) -> list[Problem]:
    """Every problem in ``data_dir`` (empty when the tables are valid)."""
    try:
        load_tables(data_dir)
    except InputError as err:
        return err.problems
    return []
