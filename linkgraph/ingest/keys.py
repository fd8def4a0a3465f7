"""Exact lookups of text keys in a set hashed once: a numpy open-addressing hash table.

``pc.index_in`` hashes its whole value set again on every call, and the account ids are
looked up by several link tables and by the request log. When every key has the same byte
width (ids of one format, the usual case) the keys are read straight from Arrow's data
buffer as 64-bit words and placed once in a linear-probing table whose slots hold the
words themselves and the key's row. Queries are probed a slice at a time (small, reused
temporaries), all rows of a slice at once, one round per probe step; words are compared
in full, so a collision of hashes never gives a false match. Keys of mixed or large
widths get no table (:meth:`KeyTable.of` returns None) and are left to Arrow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

MAX_WIDTH = 32
"""Widest key (bytes) placed in a table: four words and the row make a slot of 40 bytes."""
SLICE_ROWS = 1 << 17
"""Queries probed at a time."""
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)


def _offsets(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (n + 1) and data bytes of a string or binary array (either offset width)."""
    n = len(arr)
    bufs = arr.buffers()
    if bufs[1] is None or n == 0:
        return np.zeros(n + 1, np.int64), np.zeros(0, np.uint8)
    large = pa.types.is_large_string(arr.type) or pa.types.is_large_binary(arr.type)
    off = np.frombuffer(bufs[1], dtype=np.int64 if large else np.int32, count=arr.offset + n + 1)[arr.offset :]
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    return off, data


def _spots(width: int) -> list[int]:
    """Byte offsets of the words of a key: every 8 bytes, the last word ending with the key."""
    return sorted({*range(0, width - 7, 8), width - 8}) if width >= 8 else [0]


def _words(arr: pa.Array, width: int) -> tuple[np.ndarray | None, list[np.ndarray]]:
    """(rows, words): the valid rows of ``arr`` that are ``width`` bytes long (None: all rows)
    and their 64-bit words, one array per word; keys under 8 bytes are zero-padded. Evenly
    packed rows are read in place (strided views of Arrow's data buffer, no copy)."""
    off, data = _offsets(arr)
    n = len(arr)
    lengths = off[1:] - off[:-1]
    spots = _spots(width)
    packed = n and width >= 8 and arr.null_count == 0 and int(off[-1]) - int(off[0]) == n * width
    if packed and bool((lengths == width).all()):  # row i starts at off[0] + i * width
        return None, [np.ndarray((n,), "<u8", data, int(off[0]) + s, (width,)) for s in spots]
    valid = np.asarray(arr.is_valid().to_numpy(zero_copy_only=False), dtype=bool) if arr.null_count else True
    rows = np.flatnonzero((lengths == width) & valid)
    matrix = np.zeros((rows.size, max(width, 8)), dtype=np.uint8)
    if rows.size:
        matrix[:, :width] = data[off[:-1][rows, None] + np.arange(width)]
    return rows, [np.ascontiguousarray(matrix[:, s : s + 8]).view("<u8")[:, 0] for s in spots]


def _home(words: list[np.ndarray], bits: int) -> np.ndarray:
    """The home slot of each key: a multiply-xorshift hash of its words, top ``bits`` bits."""
    x = np.zeros(len(words[0]), dtype=np.uint64)
    for j, w in enumerate(words):
        x ^= w
        x *= _MIX[j % len(_MIX)]
        x ^= x >> np.uint64(31)
    x *= _MIX[1]
    x >>= np.uint64(64 - bits)
    return x.view(np.int64)


@dataclass(frozen=True)
class KeyTable:
    """The values of a text column of one byte width, each with the first row holding it.

    Keys are placed by linear probing in the order of their home slots (rows in order
    within a slot), so placing them is a sort and one running maximum rather than rounds
    of random writes; the table is long enough that no probe wraps around.
    """

    width: int
    slots: np.ndarray  # (size, k + 1) uint64: a key's words, then its row + 1 (0: an empty slot)
    bits: int

    @classmethod
    def of(cls, keys: pa.ChunkedArray) -> KeyTable | None:
        """The table of ``keys`` (text, no nulls, all one width up to :data:`MAX_WIDTH`), else None."""
        chunks = [c for c in keys.chunks if len(c)]
        if not chunks or keys.null_count:
            return None
        width = -1
        for chunk in chunks:
            off = _offsets(chunk)[0]
            width = int(off[1] - off[0]) if width < 0 else width
            if not 0 < width <= MAX_WIDTH or not bool(((off[1:] - off[:-1]) == width).all()):
                return None
        parts = [_words(chunk, width)[1] for chunk in chunks]
        words = parts[0] if len(parts) == 1 else [np.concatenate(ws) for ws in zip(*parts, strict=True)]
        n, bits = len(keys), max(3, (2 * len(keys) - 1).bit_length())
        home = _home(words, bits)
        order = np.argsort(home, kind="stable")
        at = np.take(home, order)
        step = np.arange(n, dtype=np.int64)
        at -= step
        np.maximum.accumulate(at, out=at)
        at += step  # a key's slot: its home, or just past the key before it
        size = max(1 << bits, int(at[-1]) + 2)  # every home slot, and past the last key an empty slot
        slots = np.zeros((size, len(words) + 1), dtype=np.uint64)
        for j, w in enumerate(words):
            slots[at, j] = np.take(w, order)
        slots[at, -1] = order.astype(np.uint64) + 1
        return cls(width, slots, bits)

    def find(self, col: pa.ChunkedArray) -> np.ndarray:
        """The first key row holding each value of ``col`` (text) as int32; -1 where none does (and for null)."""
        parts = [
            self._find(chunk.slice(start, SLICE_ROWS))
            for chunk in col.chunks
            for start in range(0, max(len(chunk), 1), SLICE_ROWS)
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)

    def _find(self, arr: pa.Array) -> np.ndarray:
        rows, words = _words(arr, self.width)
        k = len(words)
        found = np.full(len(words[0]), -1, dtype=np.int32)
        slot = _home(words, self.bits)
        pending = np.arange(len(slot), dtype=np.int64)
        while pending.size:
            entry = np.take(self.slots, slot, axis=0)
            live = entry[:, k] != 0
            hit = live & (entry[:, 0] == words[0])
            for j in range(1, k):
                hit &= entry[:, j] == words[j]
            found[pending[hit]] = entry[hit, k] - 1
            moving = live & ~hit
            pending, slot = pending[moving], slot[moving] + 1
            words = [w[moving] for w in words]
        if rows is None:
            return found
        out = np.full(len(arr), -1, dtype=np.int32)
        out[rows] = found
        return out
