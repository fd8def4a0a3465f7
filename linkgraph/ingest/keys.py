"""Exact lookups of text keys in a set hashed once: a numpy open-addressing hash table.

``pc.index_in`` hashes its whole value set again on every call, and the account ids are
looked up by several link tables and by the request log. When every key has the same byte
width (ids of one format, the usual case) the keys are read straight from Arrow's data
buffer as 64-bit words and placed once in a linear-probing table whose slots hold the
words themselves and the key's row. A lookup probes all queries at once, one round per
probe step, touching one slot per query and round; words are compared in full, so a
collision of hashes never gives a false match. Keys of mixed or large widths get no
table (:meth:`KeyTable.of` returns None) and are left to Arrow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

MAX_WIDTH = 32
"""Widest key (bytes) placed in a table: four words and the row make a slot of 40 bytes."""
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


def _words(arr: pa.Array, width: int) -> tuple[np.ndarray | None, np.ndarray]:
    """(rows, words): the valid rows of ``arr`` that are ``width`` bytes long (None: all rows)
    and their words as an (rows, k) uint64 matrix; keys under 8 bytes are zero-padded."""
    off, data = _offsets(arr)
    n = len(arr)
    lengths = off[1:] - off[:-1]
    spots = _spots(width)
    packed = n and width >= 8 and arr.null_count == 0 and int(off[-1]) - int(off[0]) == n * width
    if packed and bool((lengths == width).all()):  # evenly packed: row i starts at off[0] + i * width
        base = int(off[0])
        return None, np.stack([np.ndarray((n,), "<u8", data, base + s, (width,)) for s in spots], axis=1)
    valid = np.asarray(arr.is_valid().to_numpy(zero_copy_only=False), dtype=bool) if arr.null_count else True
    rows = np.flatnonzero((lengths == width) & valid)
    matrix = np.zeros((rows.size, max(width, 8)), dtype=np.uint8)
    if rows.size:
        matrix[:, :width] = data[off[:-1][rows, None] + np.arange(width)]
    return rows, np.stack([matrix[:, s : s + 8].copy().view("<u8")[:, 0] for s in spots], axis=1)


def _home(words: np.ndarray, bits: int) -> np.ndarray:
    """The home slot of each key: a multiply-xorshift hash of its words, top ``bits`` bits."""
    x = np.zeros(len(words), dtype=np.uint64)
    for j in range(words.shape[1]):
        x ^= words[:, j]
        x *= _MIX[j % len(_MIX)]
        x ^= x >> np.uint64(31)
    x *= _MIX[1]
    return (x >> np.uint64(64 - bits)).astype(np.int64)


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
    def of(cls, keys: pa.Array) -> KeyTable | None:
        """The table of ``keys`` (string, no nulls, all one width up to :data:`MAX_WIDTH`), else None."""
        if len(keys) == 0 or keys.null_count:
            return None
        off, _ = _offsets(keys)
        width = int(off[1] - off[0])
        if not 0 < width <= MAX_WIDTH or not bool(((off[1:] - off[:-1]) == width).all()):
            return None
        words = _words(keys, width)[1]
        n, bits = len(words), max(3, (2 * len(words) - 1).bit_length())
        home = _home(words, bits)
        order = np.argsort(home, kind="stable")
        step = np.arange(n, dtype=np.int64)
        at = np.maximum.accumulate(np.take(home, order) - step) + step  # its home, or just past the key before
        size = max(1 << bits, int(at[-1]) + 2)  # every home slot, and past the last key an empty slot
        slots = np.zeros((size, words.shape[1] + 1), dtype=np.uint64)
        slots[at, :-1] = np.take(words, order, axis=0)
        slots[at, -1] = order.astype(np.uint64) + 1
        return cls(width, slots, bits)

    def find(self, col: pa.ChunkedArray) -> np.ndarray:
        """The first key row holding each value of ``col`` (text); -1 where none does (and for null)."""
        parts = [self._find_chunk(chunk) for chunk in col.chunks]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def _find_chunk(self, arr: pa.Array) -> np.ndarray:
        rows, words = _words(arr, self.width)
        k = words.shape[1]
        found = np.full(len(words), -1, dtype=np.int64)
        slot = _home(words, self.bits)
        pending = np.arange(len(words), dtype=np.int64)
        while pending.size:
            entry = np.take(self.slots, slot, axis=0)
            live = entry[:, k] != 0
            hit = live & _same(entry, words)
            found[pending[hit]] = entry[hit, k].astype(np.int64) - 1
            moving = live & ~hit
            pending, slot, words = pending[moving], slot[moving] + 1, words[moving]
        if rows is None:
            return found
        out = np.full(len(arr), -1, dtype=np.int64)
        out[rows] = found
        return out


def _same(entries: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Whether each slot entry holds the key with these words (word by word: no 2-D reduction)."""
    same = entries[:, 0] == words[:, 0]
    for j in range(1, words.shape[1]):
        same &= entries[:, j] == words[:, j]
    return same
