"""From checked Arrow tables to the normalised frames: the link table, ASNs, SimHashes.

One dictionary encoding per link table gives the artifact codes (account codes come
from :mod:`linkgraph.ingest.accounts`). The frames are built straight from Arrow
buffers, without intermediate pandas copies.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from linkgraph.ingest.columns import TS, dictionary_codes, string_chunks

LINK_COLUMNS = ("acct", "art", "kind", "artifact", "first_seen", "last_seen", "count")
LINK_KINDS = ("payment", "ip", "fingerprint")
SIMHASH_COLUMNS = ("simhash", "first_seen", "last_seen", "request_count")
LINK_SOURCES = (  # table, artifact column, kind, count column
    ("payment_methods", "payment_method_id", "payment", None),
    ("proxies", "ip", "ip", "request_count"),
    ("prompt_fingerprints", "fingerprint", "fingerprint", "request_count"),
)


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
    encoded = pa.chunked_array(string_chunks(table.column(column)), type=pa.string()).dictionary_encode()
    uniques = encoded.chunk(0).dictionary if encoded.num_chunks else pa.array([], type=pa.string())
    return dictionary_codes(encoded), uniques


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
    acct, kind, artifact, first, last, count = [], [], [], [], [], []
    art: list[tuple[np.ndarray, int]] = []
    art_kind, art_values = [], []
    offset, merge = 0, False
    for name, column, kind_name, count_col in LINK_SOURCES:
        if name not in tables:
            continue
        table, codes = tables[name]
        values = pa.chunked_array(string_chunks(table.column(column)), type=pa.string())
        local, uniques = encoded[name] if name in encoded else artifact_codes(table, name)
        code = LINK_KINDS.index(kind_name)
        known = (duplicated or {}).get(name)
        repeats = has_duplicates(codes, local, len(uniques)) if known is None else known
        merge = merge or repeats
        acct.append(codes)
        art.append((local, offset))
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
            "acct": np.concatenate(acct, dtype=np.int32) if acct else np.zeros(0, np.int32),
            "art": _offset_codes(art),
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


def _offset_codes(parts: list[tuple[np.ndarray, int]]) -> np.ndarray:
    """Each table's artifact codes plus its offset, written straight into one int64 array."""
    out = np.empty(sum(len(codes) for codes, _ in parts), dtype=np.int64)
    start = 0
    for codes, offset in parts:
        np.add(codes, offset, out=out[start : start + len(codes)])
        start += len(codes)
    return out


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
    rows = prompts.select([c for c in prompts.column_names if c in SIMHASH_COLUMNS])  # not the text columns
    rows = rows.filter(has) if prompts.column("simhash").null_count else rows
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
