"""64-bit SimHash values: parse the contract's 16-hex text, format, popcount, Hamming.

Everything is vectorised: parsing a million hashes touches no Python per row.

Example:
    >>> h, ok = parse_simhash(np.array(["00000000000000ff", "zz", None], dtype=object))
    >>> ok.tolist(), int(h[0]), popcount64(h[:1]).tolist()
    ([True, False, False], 255, [8])
    >>> format_simhash(h[:1]).tolist()
    ['00000000000000ff']
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_HEX_DIGITS = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_NIBBLE = np.full(256, 255, dtype=np.uint8)
_NIBBLE[_HEX_DIGITS] = np.arange(16, dtype=np.uint8)
_NIBBLE[np.frombuffer(b"ABCDEF", dtype=np.uint8)] = np.arange(10, 16, dtype=np.uint8)
_BYTE_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def _as_arrow_strings(values: pa.Array | pa.ChunkedArray | pd.Series | np.ndarray) -> pa.Array:
    """One contiguous arrow large_string array; nulls (None, NaN, NA) stay null."""
    if not isinstance(values, pa.Array | pa.ChunkedArray):
        try:
            values = pa.array(values, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed objects: compare their text
            series = pd.Series(values, dtype=object)
            values = pa.array(series.astype(str).where(series.notna(), None), from_pandas=True)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.cast(pa.large_string())


def parse_simhash(values: pa.Array | pa.ChunkedArray | pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parse 16-hex-digit SimHashes into ``uint64``; returns ``(hashes, valid)``.

    Nulls, wrong lengths and non-hex characters are invalid (hash 0), so the caller can
    name the bad rows. Upper-case hex digits are accepted.
    """
    arr = _as_arrow_strings(values)
    n = len(arr)
    lengths = pc.fill_null(pc.binary_length(arr), 0).to_numpy(zero_copy_only=False)
    valid = lengths == 16
    out = np.zeros(n, dtype=np.uint64)
    if not valid.any():
        return out, valid
    sub = arr.filter(pa.array(valid))
    if sub.offset:
        sub = pa.concat_arrays([sub])
    _, offsets_buf, data_buf = sub.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int64)[: len(sub) + 1]
    start = int(offsets[0])
    # every kept value has 16 bytes, so the character data is one contiguous n x 16 block
    chars = np.frombuffer(data_buf, dtype=np.uint8)[start : start + 16 * len(sub)].reshape(-1, 16)
    nibbles = _NIBBLE[chars]
    hexok = (nibbles != 255).all(axis=1)
    packed = np.ascontiguousarray((nibbles[:, 0::2] << 4) | (nibbles[:, 1::2] & 15))
    parsed = packed.view(">u8").ravel().astype(np.uint64)
    idx = np.flatnonzero(valid)
    out[idx[hexok]] = parsed[hexok]
    valid[idx[~hexok]] = False
    return out, valid


def format_simhash(hashes: np.ndarray) -> np.ndarray:
    """16 lowercase hex digits per ``uint64`` (vectorised); returns a numpy ``str`` array."""
    big_endian = np.ascontiguousarray(hashes, dtype=np.uint64).astype(">u8").view(np.uint8).reshape(-1, 8)
    chars = np.empty((len(big_endian), 16), dtype=np.uint8)
    chars[:, 0::2] = _HEX_DIGITS[big_endian >> 4]
    chars[:, 1::2] = _HEX_DIGITS[big_endian & 15]
    return chars.view("S16").ravel().astype(str)


def simhash_texts(hashes: np.ndarray, prefix: str = "") -> np.ndarray:
    """``prefix`` + 16 lowercase hex digits per ``uint64``, as an object array of ``str``.

    Built as bytes in one buffer and decoded by Arrow: much cheaper than numpy string
    arithmetic for millions of hashes.

    Example:
        >>> simhash_texts(np.array([255], dtype=np.uint64), "tf:").tolist()
        ['tf:00000000000000ff']
    """
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    width = len(head) + 16
    big_endian = np.ascontiguousarray(hashes, dtype=np.uint64).astype(">u8").view(np.uint8).reshape(-1, 8)
    chars = np.empty((len(big_endian), width), dtype=np.uint8)
    chars[:, : len(head)] = head
    chars[:, len(head) :: 2] = _HEX_DIGITS[big_endian >> 4]
    chars[:, len(head) + 1 :: 2] = _HEX_DIGITS[big_endian & 15]
    offsets = np.arange(0, width * (len(chars) + 1), width, dtype=np.int64)
    text = pa.LargeStringArray.from_buffers(len(chars), pa.py_buffer(offsets), pa.py_buffer(chars))
    return np.asarray(text.to_numpy(zero_copy_only=False), dtype=object)


def popcount64(x: np.ndarray) -> np.ndarray:
    """Number of set bits of each ``uint64`` (``np.bitwise_count`` on numpy ≥ 2, else a byte table)."""
    x = np.asarray(x, dtype=np.uint64)
    if hasattr(np, "bitwise_count"):
        return np.asarray(np.bitwise_count(x), dtype=np.uint8)
    flat = np.ascontiguousarray(x).reshape(-1)
    return _BYTE_POPCOUNT[flat.view(np.uint8)].reshape(-1, 8).sum(axis=1, dtype=np.uint8).reshape(x.shape)


def hamming(a: np.ndarray | int, b: np.ndarray | int) -> np.ndarray:
    """Hamming distance between ``uint64`` hashes (broadcasts)."""
    xa = np.asarray(a, dtype=np.uint64)
    xb = np.asarray(b, dtype=np.uint64)
    return popcount64(np.bitwise_xor(xa, xb))
