"""Load a directory of input tables into one validated, normalised :class:`Dataset`.

The load is all or nothing: every table is read and checked first, and any problem
raises :class:`~linkgraph.ingest.contract.InputError` listing all of them. The work is
columnar (Arrow compute and numpy on whole columns): tables are read two at a time (the
largest first; see :mod:`linkgraph.ingest.tables`), the files are hashed beside them, and
the request log is streamed in batches meanwhile, after which this thread takes on
whatever is still queued.
"""

from __future__ import annotations

import ctypes
import functools
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

from linkgraph.ingest.accounts import AccountIndex, account_problems
from linkgraph.ingest.contract import TABLES, InputError, Problem
from linkgraph.ingest.links import artifact_codes, build_links, ip_asn_of, simhashes_of, to_pandas
from linkgraph.ingest.readers import SourceFile, find_table, part_number, sha256_of
from linkgraph.ingest.requests import read_requests
from linkgraph.ingest.tables import LINK_TABLES, TableRead, read_table
from linkgraph.ingest.validate import Problems

log = logging.getLogger(__name__)
T = TypeVar("T")

READ_THREADS = 2
REQUEST_BATCH_ROWS, MAX_REQUEST_BATCH_ROWS = 4_000_000, 32_000_000
"""Rows of the request log checked at a time: at least twice the accounts, since every batch
looks its account ids up among all accounts, and at most 32M (about 2.5 GB of text)."""


@dataclass
class Dataset:
    """Validated input.

    ``accounts`` has one row per account; its RangeIndex is the account code ``acct``
    used by ``links``; its ``status`` column (categorical: active, banned, suspended) is
    always there. ``artifacts`` has one row per distinct artifact (``kind``,
    ``artifact``); its RangeIndex is the artifact code ``art``. ``links`` has one row per
    (account, artifact) with columns ``acct, art, kind, artifact, first_seen, last_seen,
    count``; ``kind`` is payment, ip or fingerprint. ``ip_asn`` maps each IP to its ASN
    where known (ASNs are network context, not links). ``requests`` (None without the
    table) is compact: ``acct, timestamp`` and the optional columns read (see
    :mod:`linkgraph.ingest.requests`). ``simhashes`` (None without the
    ``prompt_fingerprints.simhash`` column) has ``acct, simhash, first_seen, last_seen,
    count`` for every fingerprint row with a SimHash.
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


def _paths(data_dir: Path, name: str, problems: Problems) -> list[Path]:
    """The files of one table (base, then parts); a missing or doubly given table is a problem."""
    paths = find_table(data_dir, name)
    if not paths:
        if not TABLES[name].optional_table:
            problems.add(
                Problem(f"{name}.csv", f"table '{name}' is missing from {data_dir} (.csv, .csv.gz or .parquet)")
            )
        return []
    base = [p for p in paths if part_number(p, name) is None]
    if len(base) > 1:
        names = ", ".join(p.name for p in base)
        problems.add(Problem(base[0].name, f"table '{name}' is given more than once ({names}); keep one"))
        return []
    return paths


@dataclass
class _Job(Generic[T]):
    """A call queued in the pool that the waiting thread may run itself while it is still queued."""

    future: Future[T]
    call: Callable[[], T]
    stolen: list[T] = field(default_factory=list)

    @classmethod
    def submit(cls, pool: ThreadPoolExecutor, fn: Callable[..., T], *args: Any) -> _Job[T]:
        return cls(pool.submit(fn, *args), functools.partial(fn, *args))

    def steal(self) -> None:
        """Run the call here if no pool thread has started it."""
        if self.future.cancel():
            self.stolen.append(self.call())

    def result(self) -> T:
        return self.stolen[0] if self.stolen else self.future.result()


def _account_index(accounts: Future[TableRead] | None) -> AccountIndex | None:
    return accounts.result().index if accounts is not None else None


@contextmanager
def _returning_memory() -> Iterator[None]:
    """Arrow allocates from jemalloc returning freed pages at once while the input is read.

    Reading churns through far more transient text than it keeps (about 1 GB at 1M accounts);
    Arrow's default allocator (mimalloc) holds on to freed pages, which made that churn the
    peak RSS of the whole detection. Arrays keep the pool they came from, so the default
    pool is restored afterwards. The numpy temporaries of the read leave free holes in
    glibc's heap; they are handed back at the end too (:func:`_trim_heap`).
    """
    previous = pa.default_memory_pool()
    try:
        pool = pa.jemalloc_memory_pool()
        pa.jemalloc_set_decay_ms(0)
        pa.set_memory_pool(pool)
    except (NotImplementedError, pa.ArrowException):  # a build without jemalloc
        pass
    try:
        yield
    finally:
        pa.set_memory_pool(previous)
        _trim_heap()


def _trim_heap() -> None:
    """Return the free pages of the C heap to the system (glibc's ``malloc_trim``; elsewhere nothing).

    About 100 MB of the read's freed numpy temporaries sit in holes of the heap at 1M
    accounts; left there, they add to whatever later stage peaks.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc
        return
    trim(0)


def load_tables(
    data_dir: str | Path, with_requests: bool = True, request_columns: tuple[str, ...] | None = None
) -> Dataset:
    """Read, validate and normalise the contract's tables from ``data_dir``.

    Raises :class:`InputError` listing every problem found; nothing is returned then.
    ``truth.csv`` is never read. ``with_requests=False`` leaves the optional ``requests``
    table unread; ``request_columns`` reads only those of its columns (plus the required
    ``account_id, timestamp``; detection asks for ``model, prompt_fingerprint,
    prompt_simhash``; ``linkgraph validate`` checks every column).
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InputError([Problem(str(data_dir), "is not a directory of input tables")])
    with _returning_memory():
        return _load(data_dir, with_requests, request_columns)


def _load(data_dir: Path, with_requests: bool, request_columns: tuple[str, ...] | None) -> Dataset:
    found = Problems()
    names = [n for n in TABLES if with_requests or n != "requests"]
    paths = {name: _paths(data_dir, name, found) for name in names}
    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        reads: dict[str, _Job[TableRead]] = {}
        if paths.get("accounts"):
            reads["accounts"] = _Job.submit(pool, read_table, "accounts", paths["accounts"])
        index = functools.partial(_account_index, reads["accounts"].future if "accounts" in reads else None)
        for name in sorted(LINK_TABLES, key=lambda n: -sum(p.stat().st_size for p in paths.get(n, []))):
            if paths.get(name):  # the largest first, so that no big table is left to the end
                reads[name] = _Job.submit(pool, read_table, name, paths[name], index)
        hashes = {p: _Job.submit(pool, sha256_of, p) for ps in paths.values() for p in ps}
        first = reads["accounts"].result() if "accounts" in reads else TableRead()
        req_problems = Problems()
        requests: pd.DataFrame | None = None
        req_spans: list[tuple[Path, int]] = []
        if paths.get("requests"):  # streamed here while the pool reads the link tables
            n_accounts = 0 if first.index is None else len(first.index.ids)
            rows = min(max(REQUEST_BATCH_ROWS, 2 * n_accounts), MAX_REQUEST_BATCH_ROWS)
            requests, req_spans = read_requests(paths["requests"], request_columns, first.index, req_problems, rows)
        queued: list[_Job[Any]] = [*reads.values(), *hashes.values()]
        for job in queued:  # this thread takes on what is still queued
            job.steal()
        tables = {name: job.result() for name, job in reads.items()}
        digests = {p: job.result() for p, job in hashes.items()}
    problems = found.list()
    for name in names:
        if name in tables:
            problems.extend(tables[name].problems.list())
    problems.extend(req_problems.list())
    spans = {name: t.spans for name, t in tables.items()}
    spans["requests"] = req_spans
    codes: dict[str, np.ndarray] = {}
    if first.index is not None:
        codes = {n: t.acct for n in LINK_TABLES if n in tables and (t := tables[n]).acct is not None}
        problems.extend(account_problems(first.index, spans, codes))
        codes = {n: c.astype(np.int32, copy=False) for n, c in codes.items()}
    if problems:
        raise InputError(problems)
    sources = [
        SourceFile(name, str(p), p.stat().st_size, digests[p], rows) for name in names for p, rows in spans[name]
    ]
    links_in = {n: (tables[n].table, codes[n]) for n in LINK_TABLES if n in tables and tables[n].table is not None}
    encoded: dict[str, tuple[np.ndarray, pa.Array]] = {}
    for n in links_in:
        if (art := tables[n].artifacts) is not None:
            encoded[n] = art
    repeats = {n: d for n in links_in if (d := tables[n].duplicated) is not None}
    links, artifacts = build_links(links_in, encoded, repeats)
    ip_asn = pd.Series(dtype="Int64")
    if "proxies" in links_in:
        made = tables["proxies"].ip_asn  # made in the pool
        codes_ip = encoded["proxies"][0] if "proxies" in encoded else None
        ip_asn = made if made is not None else ip_asn_of(links_in["proxies"][0], codes_ip)
    accounts = tables["accounts"].frame
    dataset = Dataset(
        accounts=to_pandas(tables["accounts"].table) if accounts is None else accounts,
        links=links,
        artifacts=artifacts,
        requests=requests,
        ip_asn=ip_asn,
        sources=sources,
        simhashes=_simhashes(
            links_in.get("prompt_fingerprints"), tables.get("prompt_fingerprints"), encoded, len(artifacts)
        ),
    )
    log.info("loaded %d accounts and %d links from %s", dataset.n_accounts, len(dataset.links), data_dir)
    return dataset


def _simhashes(
    prompts: tuple[pa.Table, np.ndarray] | None,
    read: TableRead | None,
    encoded: dict[str, tuple[np.ndarray, pa.Array]],
    n_artifacts: int,
) -> pd.DataFrame | None:
    """The SimHash rows with their fingerprint's code: fingerprints are the last artifacts coded."""
    if prompts is None or "simhash" not in prompts[0].column_names:
        return None
    table, acct = prompts
    local, uniques = encoded.get("prompt_fingerprints") or artifact_codes(table, "prompt_fingerprints")
    if read is not None and read.frame is not None:  # made in the pool with the table's own codes
        read.frame["art"] += n_artifacts - len(uniques)
        return read.frame
    return simhashes_of(table, acct, local.astype(np.int64) + (n_artifacts - len(uniques)))


def validate_dir(data_dir: str | Path) -> list[Problem]:
    """Every problem in ``data_dir`` (empty when the tables are valid)."""
    try:
        load_tables(data_dir)
    except InputError as err:
        return err.problems
    return []
