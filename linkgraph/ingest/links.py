"""From checked Arrow tables to the normalised frames: account codes, the link table, ASNs, SimHashes.

An :class:`AccountIndex` gives every account id its code (and finds duplicates and
unknown accounts), hashing only the first row of each run of one account in a link
table; one dictionary encoding per link table gives the artifact codes. The frames
are built straight from Arrow buffers, without intermediate pandas copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest.columns import TS
from linkgraph.ingest.contract import Problem
from linkgraph.ingest.validate import row_numbers

LINK_COLUMNS = ("acct", "art", "kind", "artifact", "first_seen", "last_seen", "count")
LINK_KINDS = ("payment", "ip", "fingerprint")
LINK_SOURCES = (  # table, artifact column, kind, count column
    ("payment_methods", "payment_method_id", "payment", None),
    ("proxies", "ip", "ip", "request_count"),
    ("prompt_fingerprints", "fingerprint", "fingerprint", "request_count"),
)


def _file_problems(spans: list[tuple[Path, int]], mask: np.ndarray, message: str, column: str) -> list[Problem]:
    """Problems for a mask over a table read from several files, each naming its own file and rows."""
    out, start = [], 0
    for path, n in spans:
        rows, total = row_numbers(mask[start : start + n])
        if total:
            out.append(Problem(path.name, message, column, rows, total))
        start += n
    return out


def _strings(col: pa.ChunkedArray) -> list[pa.Array]:
    return [c if c.type == pa.string() else c.cast(pa.string()) for c in col.chunks]


def _indices(encoded: pa.ChunkedArray) -> np.ndarray:
    parts = [c.indices.fill_null(-1).to_numpy(zero_copy_only=False) for c in encoded.chunks]
    return np.concatenate(parts).astype(np.int64, copy=False) if parts else np.zeros(0, dtype=np.int64)


def _run_starts(col: pa.ChunkedArray) -> np.ndarray:
    """Mask of the rows that start a run of equal consecutive values (nulls always do).

    Link tables are usually grouped by account, so their runs are far fewer than their
    rows: comparing neighbours is one cheap pass, hashing only the run heads saves most
    of the hashing.
    """
    starts = np.ones(len(col), dtype=bool)
    pos, prev = 0, None
    for chunk in col.chunks:
        n = len(chunk)
        if n == 0:
            continue
        if n > 1:
            same = pc.equal(chunk.slice(1), chunk.slice(0, n - 1)).fill_null(False)
            starts[pos + 1 : pos + n] = ~np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool)
        first = chunk[0].as_py()
        starts[pos] = first is None or first != prev
        prev = chunk[n - 1].as_py()
        pos += n
    return starts


def _same_values(a: pa.ChunkedArray, b: pa.ChunkedArray) -> bool:
    """Same length and the same values in the same order (no nulls)."""
    return len(a) == len(b) and a.null_count == 0 and b.null_count == 0 and a.equals(b)


def _expand(head_codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per-row codes from the codes of the run heads."""
    heads = np.flatnonzero(starts)
    return np.repeat(head_codes, np.diff(heads, append=len(starts)))


def _increasing(ids: pa.ChunkedArray) -> bool:
    """Strictly increasing text without nulls (so every value is distinct); one comparison pass."""
    arr = ids.combine_chunks() if ids.num_chunks != 1 else ids.chunk(0)
    if arr.null_count or len(arr) < 2:
        return arr.null_count == 0
    return bool(pc.all(pc.less(arr.slice(0, len(arr) - 1), arr.slice(1))).as_py())


@dataclass(frozen=True)
class AccountIndex:
    """The account ids in row order and the code of each row (its first row with that id)."""

    ids: pa.ChunkedArray
    own: np.ndarray
    distinct: int

    @classmethod
    def of(cls, accounts: pa.Table) -> AccountIndex:
        """Accounts sorted by id need no hashing to know they are distinct."""
        ids = pa.chunked_array(_strings(accounts.column("account_id")), type=pa.string())
        n = len(ids)
        if _increasing(ids):
            return cls(ids, np.arange(n, dtype=np.int64), n)
        own = _indices(ids.dictionary_encode())
        distinct = n if np.array_equal(own, np.arange(n)) else (int(own.max()) + 1 if n else 0)
        return cls(ids, own, distinct)

    def duplicates(self) -> np.ndarray:
        """Mask of account rows whose id an earlier row already has."""
        if self.distinct == len(self.own):
            return np.zeros(len(self.own), dtype=bool)
        dup = np.ones(len(self.own), dtype=bool)
        dup[np.unique(self.own, return_index=True)[1]] = False
        return dup & (self.own >= 0)

    def codes(self, account_id: pa.ChunkedArray) -> np.ndarray:
        """``acct`` of each row of a link table (``>= distinct`` for an unknown account, -1 for null).

        Only the first row of each run of equal ids is looked up (link tables are grouped by
        account), and a table whose runs are the accounts themselves, in order, takes the
        accounts' own codes without any lookup.
        """
        col = pa.chunked_array(_strings(account_id), type=pa.string())
        starts = _run_starts(col)
        heads = col if starts.all() else col.filter(pa.array(starts))
        if _same_values(heads, self.ids):  # run i holds account row i's id
            return _expand(self.own, starts)
        n = len(self.ids)
        encoded = _indices(pa.chunked_array([*self.ids.chunks, *heads.chunks], type=pa.string()).dictionary_encode())
        return _expand(encoded[n:], starts)


def account_problems(
    index: AccountIndex, spans: dict[str, list[tuple[Path, int]]], codes: dict[str, np.ndarray]
) -> list[Problem]:
    """An empty accounts table, duplicate accounts, then unknown accounts of each link table."""
    problems = []
    if len(index.ids) == 0:
        problems.append(Problem(spans["accounts"][0][0].name, "has no rows"))
    problems.extend(_file_problems(spans["accounts"], index.duplicates(), "duplicate account_id", "account_id"))
    for name, c in codes.items():
        unknown = c >= index.distinct
        problems.extend(_file_problems(spans[name], unknown, "account_id is not in accounts", "account_id"))
    return problems


def account_codes(
    accounts: pa.Table,
    spans: dict[str, list[tuple[Path, int]]],
    tables: dict[str, pa.Table | None],
    problems: list[Problem],
) -> dict[str, np.ndarray]:
    """``acct`` of every link row (its row in ``accounts``); adds duplicate and unknown accounts to ``problems``."""
    index = AccountIndex.of(accounts)
    codes = {name: index.codes(t.column("account_id")) for name, t in tables.items() if t is not None}
    problems.extend(account_problems(index, spans, codes))
    return {name: c.astype(np.int32) for name, c in codes.items()}


def _column(table: pa.Table, name: str | None, typ: pa.DataType) -> list[pa.Array]:
    if name is None or name not in table.column_names:
        return [pa.nulls(table.num_rows, typ)]
    col = table.column(name)
    return [c if c.type == typ else c.cast(typ) for c in col.chunks] or [pa.nulls(0, typ)]


def nullable_int(chunks: list[pa.Array]) -> pd.arrays.IntegerArray:
    col = pa.chunked_array(chunks, type=pa.int64())
    values = col.fill_null(0).to_numpy() if len(col) else np.zeros(0, dtype=np.int64)
    mask = np.asarray(col.is_null().to_numpy(), dtype=bool) if len(col) else np.zeros(0, dtype=bool)
    return pd.arrays.IntegerArray(values.astype(np.int64, copy=False), mask)


def artifact_codes(table: pa.Table, name: str) -> tuple[np.ndarray, pa.Array]:
    """(code of each row, distinct artifacts in order of first appearance) of one link table."""
    column = next(col for tab, col, _, _ in LINK_SOURCES if tab == name)
    encoded = pa.chunked_array(_strings(table.column(column)), type=pa.string()).dictionary_encode()
    uniques = encoded.chunk(0).dictionary if encoded.num_chunks else pa.array([], type=pa.string())
    return _indices(encoded), uniques


def has_duplicates(acct: np.ndarray, local: np.ndarray, n_uniques: int) -> bool:
    """Whether some (account, artifact) pair is given twice.

    Link tables are usually grouped by account, so the pair keys are nearly sorted and a
    stable sort (timsort, which merges the runs it finds) takes a fraction of a quicksort.
    """
    if len(local) < 2:
        return False
    key = acct.astype(np.int64) * max(n_uniques, 1) + local
    grouped = bool((acct[1:] >= acct[:-1]).all())
    key.sort(kind="stable" if grouped else "quicksort")
    return bool((key[1:] == key[:-1]).any())


def build_links(
    tables: dict[str, tuple[pa.Table, np.ndarray]],
    encoded: dict[str, tuple[np.ndarray, pa.Array]],
    duplicated: dict[str, bool] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The link table (one row per account and artifact) and the artifact table.

    Artifacts get integer codes ``art`` (by kind, in order of first appearance). A link
    given twice is merged: earliest first_seen, latest last_seen, summed count.
    ``duplicated`` says per table whether it repeats a link (else it is found out here).
    """
    acct, art, kind, artifact, first, last, count = [], [], [], [], [], [], []
    art_kind, art_values = [], []
    offset, merge = 0, False
    for name, column, kind_name, count_col in LINK_SOURCES:
        if name not in tables:
            continue
        table, codes = tables[name]
        values = pa.chunked_array(_strings(table.column(column)), type=pa.string())
        local, uniques = encoded[name] if name in encoded else artifact_codes(table, name)
        code = LINK_KINDS.index(kind_name)
        known = (duplicated or {}).get(name)
        repeats = has_duplicates(codes, local, len(uniques)) if known is None else known
        merge = merge or repeats
        acct.append(codes)
        art.append(local + offset)
        kind.append(np.full(len(local), code, dtype=np.int8))
        artifact += values.chunks
        first += _column(table, "first_seen", TS)
        last += _column(table, "last_seen", TS)
        count += _column(table, count_col, pa.int64())
        art_kind.append(np.full(len(uniques), code, dtype=np.int8))
        art_values.append(uniques)
        offset += len(uniques)
    kinds = pd.Index(LINK_KINDS)
    links = pd.DataFrame(
        {
            "acct": np.concatenate(acct).astype(np.int32) if acct else np.zeros(0, np.int32),
            "art": np.concatenate(art) if art else np.zeros(0, np.int64),
            "kind": pd.Categorical.from_codes(np.concatenate(kind) if kind else [], categories=kinds),
            "artifact": pa.chunked_array(artifact, type=pa.string()).to_pandas(),
            "first_seen": pa.chunked_array(first, type=TS).to_pandas(),
            "last_seen": pa.chunked_array(last, type=TS).to_pandas(),
            "count": nullable_int(count),
        },
        copy=False,
    )
    artifacts = pd.DataFrame(
        {
            "kind": pd.Categorical.from_codes(np.concatenate(art_kind) if art_kind else [], categories=kinds),
            "artifact": pa.chunked_array(art_values, type=pa.string()).to_pandas(),
        },
        copy=False,
    )
    if merge:
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
    return links.reset_index(drop=True)[list(LINK_COLUMNS)], artifacts


def ip_asn_of(proxies: pa.Table, ip_codes: np.ndarray | None = None) -> pd.Series:
    """The ASN of each IP where known (the first row naming one wins); ``ip_codes`` as from :func:`artifact_codes`."""
    if "asn" not in proxies.column_names:
        return pd.Series(dtype="Int64")
    codes = artifact_codes(proxies, "proxies")[0] if ip_codes is None else ip_codes
    asn = proxies.column("asn")
    if asn.null_count == 0:  # codes number IPs by first appearance: a first row is a new running maximum
        seen = np.maximum.accumulate(codes) if codes.size else codes
        keep = pa.array(np.flatnonzero(np.diff(seen, prepend=-1) > 0) if codes.size else np.zeros(0, np.int64))
    else:
        rows = np.flatnonzero(np.asarray(asn.is_valid().to_numpy(), dtype=bool))
        codes = codes[rows]
        first = np.full(int(codes.max()) + 1 if codes.size else 0, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first, codes, rows)
        keep = pa.array(np.sort(first[first < np.iinfo(np.int64).max]))
    known = proxies.select(["ip", "asn"]).take(keep)
    return pd.Series(
        nullable_int(_column(known, "asn", pa.int64())),
        index=pd.Index(known.column("ip").to_pandas(), name="ip"),
        name="asn",
    )


def simhashes_of(prompts: pa.Table, acct: np.ndarray, art: np.ndarray) -> pd.DataFrame | None:
    """One row per prompt_fingerprints row with a SimHash (None without the column).

    ``art`` is each row's fingerprint code in the artifact table (kept as ``art``), so a
    fingerprint can be told which template family it belongs to.
    """
    if "simhash" not in prompts.column_names:
        return None
    has = prompts.column("simhash").is_valid()
    rows = prompts.filter(has)
    keep = np.asarray(has.to_numpy(), dtype=bool) if len(has) else np.zeros(0, dtype=bool)
    count = pa.chunked_array(_column(rows, "request_count", pa.int64()), type=pa.int64()).fill_null(1)
    return pd.DataFrame(
        {
            "acct": acct[keep].astype(np.int64),
            "art": art[keep].astype(np.int64),
            "simhash": pa.chunked_array(_column(rows, "simhash", pa.uint64())).to_numpy().astype(np.uint64),
            "first_seen": pa.chunked_array(_column(rows, "first_seen", TS), type=TS).to_pandas(),
            "last_seen": pa.chunked_array(_column(rows, "last_seen", TS), type=TS).to_pandas(),
            "count": count.to_numpy().astype(np.int64) if len(count) else np.zeros(0, np.int64),
        },
        copy=False,
    )


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """The accounts frame: Arrow text as pandas ``str``, times as datetime64[us, UTC], status categorical."""
    return table.to_pandas().reset_index(drop=True)
