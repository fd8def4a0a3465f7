"""Column checks and normalisation for one table (or one batch of it), on Arrow data.

Every problem is collected, not just the first; a problem found in several batches of
one file is reported once, with its first rows and the total.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import linkgraph.ingest.cards as cards
import linkgraph.ingest.columns as kernels
from linkgraph.ingest.contract import MAX_EXAMPLES, STATUSES, Problem, TableSpec

CARD_MESSAGE = "looks like a raw card number (passes the Luhn check); send a processor token or fingerprint instead"
STATUS_TYPE = pa.dictionary(pa.int8(), pa.string())
CATEGORIES = ("model", "prompt_fingerprint")
"""Request columns loaded as categories: any text, no other check."""


def row_numbers(mask: np.ndarray, offset: int = 0) -> tuple[tuple[int, ...], int]:
    """The first offending 1-based rows and how many there are in all."""
    idx = np.flatnonzero(np.asarray(mask, dtype=bool))
    return tuple(int(i) + 1 + offset for i in idx[:MAX_EXAMPLES]), int(idx.size)


class Problems:
    """Problems in the order found; flags of one kind in one file merge across batches."""

    def __init__(self) -> None:
        self._items: list[Problem | list] = []
        self._open: dict[tuple[str, str | None, str], list] = {}

    def add(self, problem: Problem) -> None:
        self._items.append(problem)

    def flag(self, label: str, mask: np.ndarray, column: str | None, message: str, offset: int = 0) -> None:
        rows, total = row_numbers(mask, offset)
        if not total:
            return
        key = (label, column, message)
        if key in self._open:
            entry = self._open[key]
            entry[3] = (entry[3] + rows)[:MAX_EXAMPLES]
            entry[4] += total
            return
        entry = [label, message, column, rows, total]
        self._open[key] = entry
        self._items.append(entry)

    def extend(self, problems: list[Problem]) -> None:
        self._items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self._items)

    def list(self) -> list[Problem]:
        return [p if isinstance(p, Problem) else Problem(p[0], p[1], p[2], tuple(p[3]), p[4]) for p in self._items]


class TableChecker:
    """Validates and normalises one table (or one batch of a file starting at data row ``offset + 1``)."""

    def __init__(
        self, spec: TableSpec, table: pa.Table, label: str, problems: Problems | None = None, offset: int = 0
    ) -> None:
        self.spec = spec
        self.table = table
        self.label = label
        self.problems = problems if problems is not None else Problems()
        self.offset = offset
        self.out: dict[str, pa.ChunkedArray] = {}

    def flag(self, mask: np.ndarray, column: str | None, message: str) -> None:
        self.problems.flag(self.label, mask, column, message, self.offset)

    def check(self) -> pa.Table | None:
        """The normalised table (meaningful only without problems); None when a required column is missing."""
        names = self.table.column_names
        missing = [c for c in self.spec.required if c not in names]
        if missing:
            have = ", ".join(map(str, names)) or "none"
            for col in missing:
                self.problems.add(Problem(self.label, f"required column is missing (columns found: {have})", col))
            return None
        self.out = {name: self.table.column(name) for name in names}
        fixes: dict[str, Callable[[str], np.ndarray | None]] = {
            "ip": self._ip,
            "email_domain": self._lower,
            "status": self._status,
        }
        for col in names:
            raw = self.out[col]
            suspect: np.ndarray | None
            if col in self.spec.timestamps:
                suspect = self._timestamp(col)
            elif col in self.spec.hex64:
                suspect = self._hex64(col)
            elif col in fixes:
                suspect = fixes[col](col)
            elif col in self.spec.integers:
                suspect = self._integer(col)
            elif col in self.spec.required:
                suspect = self._text_id(col)
            elif col in CATEGORIES:
                suspect = self._category(col)
            else:
                suspect = None
            self._cards(col, raw, suspect)
        if "status" in self.spec.optional and "status" not in names:
            codes = pa.array(np.zeros(self.table.num_rows, dtype=np.int8))
            self.out["status"] = pa.chunked_array([pa.DictionaryArray.from_arrays(codes, pa.array(STATUSES))])
        return pa.table(self.out)

    def _cards(self, col: str, raw: pa.ChunkedArray, suspect: np.ndarray | None) -> None:
        """Refuse card numbers: in every row, or only in ``suspect`` rows of a column whose valid
        values cannot be one (timestamps, IPs, statuses, SimHashes). A valid SimHash is 16 hex digits
        by contract; one in 20,000 is all decimal and passes Luhn, which is its format, not a card."""
        if suspect is None:
            self.flag(cards.card_mask(raw), col, CARD_MESSAGE)
        elif suspect.any():
            rows = np.flatnonzero(suspect)
            hit = cards.card_mask(raw.take(pa.array(rows)))
            mask = np.zeros(len(raw), dtype=bool)
            mask[rows[hit]] = True
            self.flag(mask, col, CARD_MESSAGE)

    def _text(self, col: str, trim: bool = True) -> pa.ChunkedArray | None:
        """The column as (trimmed) text; a column that cannot be text is flagged and left null."""
        n = len(self.out[col])
        try:
            text = kernels.as_text(self.out[col])
            return kernels.trimmed(text) if trim else text
        except pa.ArrowInvalid:
            self.flag(np.ones(n, dtype=bool), col, "is not UTF-8 text; save the values as UTF-8")
        except pa.ArrowNotImplementedError:
            self.flag(np.ones(n, dtype=bool), col, f"has type {self.out[col].type}; expected text")
        self.out[col] = pa.chunked_array([pa.nulls(n, pa.string())])
        return None

    def _text_id(self, col: str) -> np.ndarray | None:
        text = self._text(col)
        if text is not None:
            self.flag(kernels.empty_mask(text), col, "value is empty")
            self.out[col] = text
        return None  # every row is screened for card numbers

    def _category(self, col: str) -> np.ndarray | None:
        """Text kept as given (a Parquet dictionary of text stays one)."""
        t = self.out[col].type
        if not (pa.types.is_dictionary(t) and pa.types.is_string(t.value_type)):
            text = self._text(col, trim=False)
            if text is not None:
                self.out[col] = text
        return None  # every row is screened for card numbers

    def _lower(self, col: str) -> None:
        text = self._text(col)
        if text is not None:
            self.out[col] = pc.utf8_lower(text)

    def _status(self, col: str) -> np.ndarray | None:
        text = self._text(col)
        if text is None:
            return None
        encoded = pc.utf8_lower(kernels.null_if_empty(text)).combine_chunks().dictionary_encode()
        known = pc.index_in(encoded.dictionary, value_set=pa.array(STATUSES)).fill_null(-1)
        codes = known.to_numpy(zero_copy_only=False).astype(np.int8)
        idx = encoded.indices.fill_null(-2).to_numpy(zero_copy_only=False)
        status = np.where(idx >= 0, codes[np.maximum(idx, 0)] if codes.size else -1, 0).astype(np.int8)
        self.flag(status < 0, col, f"not a valid status ({', '.join(STATUSES[:-1])} or {STATUSES[-1]})")
        arr = pa.DictionaryArray.from_arrays(pa.array(np.maximum(status, 0)), pa.array(STATUSES))
        self.out[col] = pa.chunked_array([arr], type=STATUS_TYPE)
        return status < 0

    def _timestamp(self, col: str) -> np.ndarray:
        try:
            values, bad = kernels.timestamps(self.out[col])
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            values, bad = (
                pa.chunked_array([pa.nulls(len(self.out[col]), kernels.TS)]),
                np.ones(len(self.out[col]), bool),
            )
        self.flag(bad, col, "not an ISO 8601 timestamp (e.g. 2026-02-01T12:00:00Z)")
        self.out[col] = values
        return bad

    def _integer(self, col: str) -> np.ndarray | None:
        try:
            values, bad = kernels.integers(self.out[col])
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            values, bad = (
                pa.chunked_array([pa.nulls(len(self.out[col]), pa.int64())]),
                np.ones(len(self.out[col]), bool),
            )
        self.flag(bad, col, "not a non-negative integer")
        self.out[col] = values
        return None  # a valid integer can be a card number: every row is screened

    def _ip(self, col: str) -> np.ndarray | None:
        text = self._text(col)
        if text is None:
            return None
        self.flag(kernels.empty_mask(text), col, "value is empty")
        canon, bad = kernels.ips(text)
        self.flag(bad, col, "not a valid IPv4 or IPv6 address")
        self.out[col] = canon
        return bad

    def _hex64(self, col: str) -> np.ndarray:
        text = self._text(col)
        if text is None:  # flagged; left null, as the SimHashes it would have held
            self.out[col] = pa.chunked_array([pa.nulls(len(self.out[col]), pa.uint64())])
            return np.zeros(len(self.out[col]), dtype=bool)
        values, present, bad = kernels.hex64(text)
        self.flag(bad, col, "not a SimHash (16 hex digits, e.g. 0f3a9c2be47d1806)")
        self.out[col] = pa.chunked_array([pa.array(values, mask=~present, type=pa.uint64())])
        return bad
