"""Account ids to account codes: duplicate accounts, and the code of every link row.

An :class:`AccountIndex` gives every account id its code (its row, for distinct ids),
finds duplicates, and looks ids up for the link tables and the request log: a link
table looks up only the first row of each run of one account (none at all when its
runs are the accounts in order), and the ids are hashed once for all lookups
(:class:`~linkgraph.ingest.keys.KeyTable`) when they have one byte width.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest.columns import dictionary_codes, string_chunks
from linkgraph.ingest.contract import Problem
from linkgraph.ingest.keys import KeyTable
from linkgraph.ingest.validate import row_numbers


def _file_problems(spans: list[tuple[Path, int]], mask: np.ndarray, message: str, column: str) -> list[Problem]:
    """Problems for a mask over a table read from several files, each naming its own file and rows."""
    out, start = [], 0
    for path, n in spans:
        rows, total = row_numbers(mask[start : start + n])
        if total:
            out.append(Problem(path.name, message, column, rows, total))
        start += n
    return out


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


def _expand(head_codes: np.ndarray | None, starts: np.ndarray) -> np.ndarray:
    """Per-row codes (int32) from the codes of the run heads (None: run i has code i)."""
    run = np.cumsum(starts, dtype=np.int32)
    run -= 1
    return run if head_codes is None else head_codes.astype(np.int32, copy=False)[run]


def _increasing(ids: pa.ChunkedArray) -> bool:
    """Strictly increasing text without nulls (so every value is distinct); one comparison pass."""
    arr = ids.combine_chunks() if ids.num_chunks != 1 else ids.chunk(0)
    if arr.null_count or len(arr) < 2:
        return arr.null_count == 0
    return bool(pc.all(pc.less(arr.slice(0, len(arr) - 1), arr.slice(1))).as_py())


@dataclass
class AccountIndex:
    """The account ids in row order and the code of each row (its first row with that id)."""

    ids: pa.ChunkedArray
    own: np.ndarray
    distinct: int
    _keys: list[KeyTable | None] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def of(cls, accounts: pa.Table) -> AccountIndex:
        """Accounts sorted by id need no hashing to know they are distinct."""
        ids = pa.chunked_array(string_chunks(accounts.column("account_id")), type=pa.string())
        n = len(ids)
        if _increasing(ids):
            return cls(ids, np.arange(n, dtype=np.int64), n)
        own = dictionary_codes(ids.dictionary_encode())
        distinct = n if np.array_equal(own, np.arange(n)) else (int(own.max()) + 1 if n else 0)
        return cls(ids, own, distinct)

    def duplicates(self) -> np.ndarray:
        """Mask of account rows whose id an earlier row already has."""
        if self.distinct == len(self.own):
            return np.zeros(len(self.own), dtype=bool)
        dup = np.ones(len(self.own), dtype=bool)
        dup[np.unique(self.own, return_index=True)[1]] = False
        return dup & (self.own >= 0)

    def keys(self) -> KeyTable | None:
        """The ids hashed once for every lookup (built on first use; None: ids of mixed widths or repeated)."""
        with self._lock:
            if not self._keys:
                distinct = self.distinct == len(self.own)
                self._keys.append(KeyTable.of(self.ids) if distinct else None)
            return self._keys[0]

    def find(self, ids: pa.ChunkedArray) -> np.ndarray:
        """The first account row with each id of ``ids`` (text) as int32, -1 for an unknown or null id."""
        keys = self.keys()
        if keys is not None:
            return keys.find(ids)
        found = pc.index_in(ids, value_set=self.ids.combine_chunks()).fill_null(-1)
        return found.to_numpy().astype(np.int32, copy=False)

    def codes(self, account_id: pa.ChunkedArray) -> np.ndarray:
        """``acct`` of each row of a link table (``>= distinct`` for an unknown account, -1 for null).

        Only the first row of each run of equal ids is looked up (link tables are grouped by
        account), and a table whose runs are the accounts themselves, in order, takes the
        accounts' own codes without any lookup.
        """
        col = pa.chunked_array(string_chunks(account_id), type=pa.string())
        starts = _run_starts(col)
        heads = col if starts.all() else col.filter(pa.array(starts))
        if _same_values(heads, self.ids):  # run i holds account row i's id
            return _expand(None if self.distinct == len(self.own) else self.own, starts)
        if self.keys() is not None:  # distinct ids: a row is its own code
            rows = self.find(heads)
            valid = np.asarray(heads.is_valid().to_numpy(), dtype=bool) if heads.null_count else True
            return _expand(np.where(rows >= 0, rows, np.where(valid, self.distinct, -1)), starts)
        n = len(self.ids)
        encoded = dictionary_codes(
            pa.chunked_array([*self.ids.chunks, *heads.chunks], type=pa.string()).dictionary_encode()
        )
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
