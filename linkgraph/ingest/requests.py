"""The optional ``requests`` table, streamed in batches into a compact frame.

A request log can be far larger than the link tables, so it is never held as text:
each batch is checked like any table (file, row and column in every problem, card
numbers refused in any column), then reduced to ``acct`` (int32), ``timestamp``
(datetime64[ns, UTC]) and, when read, ``model``, ``prompt_fingerprint``, ``ip``
(categoricals) and ``prompt_simhash`` (uint64) with ``has_simhash`` (bool): about 22
bytes a row with every column.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

import linkgraph.ingest.columns as kernels
from linkgraph.ingest.accounts import AccountIndex
from linkgraph.ingest.contract import TABLES
from linkgraph.ingest.readers import ReadError, iter_batches
from linkgraph.ingest.validate import Problems, TableChecker

BATCH_ROWS = 4_000_000
"""Rows per batch: large enough that the per-batch account lookup is paid rarely, small enough to bound memory."""
CATEGORIES = ("model", "prompt_fingerprint", "ip")
NS_MIN_US, NS_MAX_US = -(2**63) // 1000 + 1, (2**63 - 1) // 1000


class _Categories:
    """Codes against one growing list of distinct values, across batches and files."""

    def __init__(self) -> None:
        self.values = pa.array([], type=pa.string())
        self.codes: list[np.ndarray] = []

    def add(self, col: pa.ChunkedArray) -> None:
        """Codes of one batch: its chunks get one dictionary (repeats merged) first, so the
        batch's distinct values are looked up once."""
        if not pa.types.is_dictionary(col.type):
            unified = col.dictionary_encode()
        elif any(c.dictionary.null_count for c in col.chunks):  # Arrow cannot unify those: encode the values
            unified = col.cast(col.type.value_type).dictionary_encode()
        else:
            unified = col.unify_dictionaries()
        if not unified.num_chunks or not len(unified):
            self.codes.append(np.zeros(0, dtype=np.int32))
            return
        local = kernels.as_text(unified.chunk(0).dictionary).combine_chunks()
        if not pa.types.is_string(unified.type.value_type) and len(pc.unique(local)) != len(local):
            unified = unified.cast(unified.type.value_type).dictionary_encode()
            local = kernels.as_text(unified.chunk(0).dictionary).combine_chunks()
        first = not len(self.values)
        mapping = self._mapping(local)
        for chunk in unified.chunks:
            idx = chunk.indices.fill_null(-1).to_numpy(zero_copy_only=False)
            if first:  # the batch's own dictionary is the list: its indices are the codes
                self.codes.append(idx.astype(np.int32, copy=False))
                continue
            idx = idx.astype(np.int64)
            self.codes.append(
                np.where(idx >= 0, mapping[np.maximum(idx, 0)] if mapping.size else -1, -1).astype(np.int32)
            )

    def _mapping(self, local: pa.Array) -> np.ndarray:
        """The code of each distinct value of a batch; new values are appended to the list."""
        if not len(self.values):
            self.values = local
            return np.arange(len(local), dtype=np.int32)
        pos = pc.index_in(local, value_set=self.values)
        mapping = pos.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
        fresh = np.flatnonzero(pc.is_null(pos).to_numpy(zero_copy_only=False))
        if fresh.size:
            mapping[fresh] = len(self.values) + np.arange(fresh.size, dtype=np.int32)
            self.values = pa.concat_arrays([self.values, local.take(pa.array(fresh))])
        return mapping

    def categorical(self) -> pd.Categorical:
        codes = np.concatenate(self.codes) if self.codes else np.zeros(0, dtype=np.int32)
        categories = pd.Index(self.values.to_pandas(), dtype="str")  # distinct by construction
        dtype = pd.CategoricalDtype._from_fastpath(categories, False)  # type: ignore[attr-defined]
        return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def read_requests(
    paths: list[Path],
    columns: tuple[str, ...] | None,
    accounts: AccountIndex | pa.Array | None,
    problems: Problems,
    batch_rows: int = BATCH_ROWS,
) -> tuple[pd.DataFrame | None, list[tuple[Path, int]]]:
    """The compact requests frame (None if no file could be read) and (file, rows) per file read.

    ``accounts`` (the account ids in order, or their index) turns ``account_id`` into ``acct``;
    without it (accounts unreadable) unknown accounts are not checked and ``acct`` is -1.
    """
    if isinstance(accounts, pa.Array):
        accounts = AccountIndex.of(pa.table({"account_id": accounts}))
    spec = TABLES["requests"]
    wanted = None if columns is None else tuple(dict.fromkeys((*spec.required, *columns)))
    acct: list[np.ndarray] = []
    stamps: list[np.ndarray] = []
    cats = {name: _Categories() for name in CATEGORIES}
    simhash: list[np.ndarray] = []
    has: list[np.ndarray] = []
    present: set[str] = set()
    read: list[tuple[Path, int]] = []
    for path in paths:
        offset = 0
        try:
            for batch in iter_batches(path, wanted, batch_rows, dictionary=CATEGORIES[:2]):
                checked = TableChecker(spec, batch, path.name, problems, offset).check()
                if checked is None:
                    break
                n = checked.num_rows
                acct.append(_accounts(checked.column("account_id"), accounts, problems, path.name, offset))
                stamps.append(_nanoseconds(checked.column("timestamp"), problems, path.name, offset))
                for name, builder in cats.items():
                    if name in checked.column_names:
                        present.add(name)
                        builder.add(checked.column(name))
                    else:
                        builder.codes.append(np.full(n, -1, dtype=np.int32))
                if "prompt_simhash" in checked.column_names:
                    present.add("prompt_simhash")
                    col = checked.column("prompt_simhash")
                    simhash.append(col.fill_null(0).to_numpy().astype(np.uint64))
                    has.append(np.asarray(col.is_valid().to_numpy(), dtype=bool))
                else:
                    simhash.append(np.zeros(n, dtype=np.uint64))
                    has.append(np.zeros(n, dtype=bool))
                offset += n
        except ReadError as err:
            problems.add(err.problem)
            continue
        read.append((path, offset))
    if not read or problems:
        return None, read
    frame = pd.DataFrame(
        {
            "acct": _joined(acct),
            "timestamp": _utc(_joined(stamps)),
        }
    )
    for name in CATEGORIES:
        if name in present:
            frame[name] = cats[name].categorical()
    if "prompt_simhash" in present:
        frame["prompt_simhash"] = _joined(simhash)
        frame["has_simhash"] = _joined(has)
    return frame, read


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    """The batches' arrays as one writable array (a single batch's own array when it is one)."""
    return parts[0] if len(parts) == 1 and parts[0].flags.writeable else np.concatenate(parts)


def _accounts(
    ids: pa.ChunkedArray, accounts: AccountIndex | None, problems: Problems, label: str, offset: int
) -> np.ndarray:
    """Account codes (row of the id in ``accounts``; -1 for a null or unknown id) by one hash lookup per row."""
    if accounts is None:
        return np.full(len(ids), -1, dtype=np.int32)
    text = pa.chunked_array([c if c.type == pa.string() else c.cast(pa.string()) for c in ids.chunks], pa.string())
    codes = accounts.find(text)
    unknown = (codes < 0) & text.is_valid().to_numpy(zero_copy_only=False)
    problems.flag(label, unknown, "account_id", "account_id is not in accounts", offset)
    return codes


def _utc(ns: np.ndarray) -> pd.Series:
    """datetime64[ns, UTC] from epoch nanoseconds (NaT as int64 min), without a pandas re-localisation pass."""
    null = ns == np.iinfo(np.int64).min
    return pa.array(ns, type=pa.timestamp("ns", tz="UTC"), mask=null if null.any() else None).to_pandas()


def _nanoseconds(ts: pa.ChunkedArray, problems: Problems, label: str, offset: int) -> np.ndarray:
    us = ts.cast(pa.int64()).fill_null(np.iinfo(np.int64).min).to_numpy()
    if len(us) and ts.null_count == 0 and us.min() >= NS_MIN_US and us.max() <= NS_MAX_US:
        return us * 1000  # every time is there and in range
    null = us == np.iinfo(np.int64).min
    out_of_range = ~null & ((us < NS_MIN_US) | (us > NS_MAX_US))
    problems.flag(label, out_of_range, "timestamp", "timestamp is out of range (years 1678 to 2261)", offset)
    ns = np.where(null | out_of_range, 0, us) * 1000
    ns[null | out_of_range] = np.iinfo(np.int64).min  # NaT
    return ns
