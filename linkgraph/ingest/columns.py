"""Columnar kernels over Arrow arrays: text, timestamps, integers, IPs, SimHash.

Every function takes a column of any Arrow type (an ``Array`` or ``ChunkedArray``) and
returns numpy masks or normalised Arrow data; nothing loops over rows in Python except
over the few values that a vectorised prefilter could not decide.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

Column: TypeAlias = pa.Array | pa.ChunkedArray

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4_RE = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
TS = pa.timestamp("us", tz="UTC")
_HEX = np.full(256, 255, dtype=np.uint8)
for _i, _c in enumerate(b"0123456789abcdef"):
    _HEX[_c] = _i
for _i, _c in enumerate(b"ABCDEF"):
    _HEX[_c] = 10 + _i
_SPACEY = np.zeros(256, dtype=bool)
_SPACEY[: ord(" ") + 1] = True
_SPACEY[0x7F:] = True
"""Bytes a value that needs trimming can start or end with: ASCII controls and space, and every
byte of a multi-byte character (Unicode spaces such as U+00A0 among them)."""


def chunks(col: Column) -> list[pa.Array]:
    return list(col.chunks) if isinstance(col, pa.ChunkedArray) else [col]


def concat_masks(masks: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(masks) if masks else np.zeros(0, dtype=bool)


def valid_mask(arr: pa.Array) -> np.ndarray:
    if arr.null_count == 0:
        return np.ones(len(arr), dtype=bool)
    return np.asarray(arr.is_valid().to_numpy(zero_copy_only=False), dtype=bool)


def string_ends(arr: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start offsets, lengths and the data bytes of a (large) string or binary array."""
    n = len(arr)
    bufs = arr.buffers()
    large = pa.types.is_large_string(arr.type) or pa.types.is_large_binary(arr.type)
    if n == 0 or bufs[1] is None:
        return np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(1, np.uint8)
    raw = np.frombuffer(bufs[1], dtype=np.int64 if large else np.int32, count=arr.offset + n + 1)
    off: np.ndarray = raw[arr.offset :]  # int32 or int64 offsets, used as they are
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None and bufs[2].size else np.zeros(1, np.uint8)
    return off[:-1], off[1:] - off[:-1], data


def string_chunks(col: pa.ChunkedArray) -> list[pa.Array]:
    """The chunks of a text column as ``string`` (large strings cast down)."""
    return [c if c.type == pa.string() else c.cast(pa.string()) for c in col.chunks]


def dictionary_codes(encoded: pa.ChunkedArray) -> np.ndarray:
    """The indices of a dictionary-encoded column as int32, -1 for null (read-only when Arrow's own)."""
    parts = [c.indices.fill_null(-1).to_numpy(zero_copy_only=False) for c in encoded.chunks]
    if len(parts) == 1 and parts[0].dtype == np.int32:
        return parts[0]
    return np.concatenate(parts, dtype=np.int32) if parts else np.zeros(0, dtype=np.int32)


def plain_strings(arr: pa.Array) -> pa.Array:
    """View types as their classic (offset-based) counterparts."""
    t = arr.type
    if pa.types.is_string_view(t):
        return arr.cast(pa.large_string())
    if pa.types.is_binary_view(t) or pa.types.is_fixed_size_binary(t):
        return arr.cast(pa.large_binary())
    return arr


# --- text ---------------------------------------------------------------------------


def as_text(col: Column) -> pa.ChunkedArray:
    """Any column as UTF-8 text (numbers and times as their canonical text).

    Raises ``pa.ArrowInvalid`` for bytes that are not UTF-8 and ``pa.ArrowNotImplementedError``
    for nested types.
    """
    col = col if isinstance(col, pa.ChunkedArray) else pa.chunked_array([col])
    t = col.type
    if pa.types.is_string(t):
        return col
    if pa.types.is_large_string(t):
        try:
            return col.cast(pa.string())
        except pa.ArrowInvalid:  # over 2 GB of text in one chunk
            return col
    if pa.types.is_dictionary(t):
        return as_text(col.cast(t.value_type))
    if pa.types.is_null(t):
        return pa.chunked_array([pa.nulls(len(c), pa.string()) for c in col.chunks], type=pa.string())
    return as_text(col.cast(pa.large_string() if pa.types.is_large_binary(t) else pa.string()))


def trimmed(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Whitespace trimmed from both ends.

    Trimming copies every value, so the first and last byte of each value are looked at
    first: when none could be whitespace the column is returned as it is.
    """
    if not any(_may_need_trim(a) for a in col.chunks):
        return col
    return pc.utf8_trim_whitespace(col)


def _may_need_trim(arr: pa.Array) -> bool:
    """True when some value may start or end with whitespace (no false negatives).

    An empty value reads a neighbour's byte instead: at worst a needless trim.
    """
    start, length, data = string_ends(plain_strings(arr))
    if start.size == 0:
        return False
    return _spacey(data, start) or _spacey(data, start + length - 1)


def _spacey(data: np.ndarray, at: np.ndarray) -> bool:
    """Whether a byte at one of the ascending positions ``at`` is in ``_SPACEY`` (past the end: the last byte).

    Two byte comparisons instead of a table lookup: no index arrays are widened.
    """
    if at[-1] >= data.size:
        at = np.minimum(at, data.size - 1)
    return bool(((data[at] - np.uint8(0x21)) >= np.uint8(0x7F - 0x21)).any())


def empty_mask(col: pa.ChunkedArray) -> np.ndarray:
    """Null or empty text."""
    return concat_masks([(string_ends(a)[1] == 0) | ~valid_mask(a) for a in col.chunks])


def null_if_empty(col: pa.ChunkedArray) -> pa.ChunkedArray:
    if not empty_mask(col).any():
        return col
    return pc.if_else(pc.equal(col, ""), pa.scalar(None, col.type), col)


# --- typed columns --------------------------------------------------------------------


def timestamps(col: Column) -> tuple[pa.ChunkedArray, np.ndarray]:
    """(timestamp[us, UTC] values, mask of unparsable rows). A time without a zone is UTC."""
    col = col if isinstance(col, pa.ChunkedArray) else pa.chunked_array([col])
    t = col.type
    n = len(col)
    if pa.types.is_timestamp(t):
        if t.tz is None:
            return col.cast(pa.timestamp("us")).cast(TS), np.zeros(n, dtype=bool)
        return col.cast(TS), np.zeros(n, dtype=bool)
    if pa.types.is_date(t):
        return col.cast(pa.timestamp("us")).cast(TS), np.zeros(n, dtype=bool)
    text = null_if_empty(trimmed(as_text(col)))
    try:
        return text.cast(TS), np.zeros(n, dtype=bool)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    try:
        return text.cast(pa.timestamp("us")).cast(TS), np.zeros(n, dtype=bool)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    series = pd.Series(text.to_pandas(), dtype=object)
    with np.errstate(all="ignore"):
        ts = pd.to_datetime(series, format="ISO8601", utc=True, errors="coerce")
    bad = (ts.isna() & series.notna()).to_numpy(dtype=bool)
    naive = ts.dt.tz_convert(None).astype("datetime64[us]").to_numpy()
    return pa.chunked_array([pa.array(naive, type=pa.timestamp("us"), from_pandas=True).cast(TS)]), bad


def integers(col: Column) -> tuple[pa.ChunkedArray, np.ndarray]:
    """(int64 values, mask of rows that are not non-negative integers); empty text is null."""
    col = col if isinstance(col, pa.ChunkedArray) else pa.chunked_array([col])
    t = col.type
    if pa.types.is_dictionary(t):
        col, t = col.cast(t.value_type), t.value_type
    if pa.types.is_integer(t) or pa.types.is_boolean(t) or pa.types.is_null(t):
        vals = pa.chunked_array([pc.cast(c, pa.float64()) for c in col.chunks], type=pa.float64())
    elif pa.types.is_floating(t) or pa.types.is_decimal(t):
        vals = col.cast(pa.float64())
    else:
        text = null_if_empty(trimmed(as_text(col)))
        try:
            ints = text.cast(pa.int64())
            bad = np.asarray(pc.less(ints, 0).fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
            return pc.if_else(pc.less(ints, 0), pa.scalar(None, pa.int64()), ints), bad
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
        num = pd.to_numeric(pd.Series(text.to_pandas(), dtype=object), errors="coerce")
        vals = pa.chunked_array([pa.array(num.to_numpy(dtype=np.float64, na_value=np.nan), from_pandas=True)])
        missing = (num.isna() & pd.Series(text.to_pandas(), dtype=object).notna()).to_numpy(dtype=bool)
        return _from_float(vals, missing)
    if pa.types.is_integer(t) and t.bit_width == 64 and not pa.types.is_unsigned_integer(t):
        ints = col.cast(pa.int64())
        neg = pc.less(ints, 0)
        bad = np.asarray(neg.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
        return (pc.if_else(neg, pa.scalar(None, pa.int64()), ints) if bad.any() else ints), bad
    return _from_float(vals, np.zeros(len(col), dtype=bool))


def _from_float(vals: pa.ChunkedArray, bad: np.ndarray) -> tuple[pa.ChunkedArray, np.ndarray]:
    x = vals.to_numpy() if len(vals) else np.zeros(0)
    x = np.asarray(x, dtype=np.float64)
    null = np.isnan(x)
    with np.errstate(all="ignore"):
        bad = bad | (~null & ((x < 0) | (x != np.floor(x)) | (x >= 2.0**63)))
    keep = ~null & ~bad
    out = np.where(keep, x, 0).astype(np.int64)
    return pa.chunked_array([pa.array(out, mask=~keep, type=pa.int64())]), bad


def ips(text: pa.ChunkedArray) -> tuple[pa.ChunkedArray, np.ndarray]:
    """(canonical IP text, mask of invalid rows). IPv4 by one vectorised pattern; others parsed once per value."""
    text = null_if_empty(text)
    v4 = pc.match_substring_regex(text, f"^{IPV4_RE}$").fill_null(True)
    if pc.all(v4).as_py() is not False:
        return text, np.zeros(len(text), dtype=bool)
    other = pc.invert(v4)
    values = pc.unique(text.filter(other))
    canon = [_canonical_ip(v) for v in values.to_pylist()]
    fixed = pa.array(canon, type=pa.string())
    if fixed.null_count == 0 and fixed.equals(values):  # every other address is valid and written canonically
        return text, np.zeros(len(text), dtype=bool)
    pos = pc.index_in(text, value_set=values)
    mapped = pc.take(fixed, pos)
    out = pc.if_else(other, mapped, text)
    bad = np.asarray(pc.and_(other, pc.is_null(mapped)).fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
    return out, bad


def _canonical_ip(value: str | None) -> str | None:
    """``ipaddress``'s compressed text; IPv6 goes through the C parser first (same text, 20x faster)."""
    if value is None:
        return None
    try:
        text = socket.inet_ntop(socket.AF_INET6, socket.inet_pton(socket.AF_INET6, value))
        if "." not in text:  # embedded IPv4 is spelled differently by the two; let ipaddress decide
            return text
    except (OSError, ValueError):
        pass
    try:
        return ipaddress.ip_address(value).compressed
    except ValueError:
        return None


def _sixteen_bytes(data: np.ndarray, start: np.ndarray, idx: np.ndarray, n: int) -> np.ndarray:
    """The 16 bytes of each row in ``idx`` (rows of length 16) as an (len(idx), 16) matrix."""
    if not idx.size:
        return np.zeros((0, 16), np.uint8)
    if idx.size == n:  # every row is 16 bytes: the data is the matrix, no gather
        first = int(start[0])
        return data[first : first + 16 * n].reshape(n, 16)
    return data[start[idx, None] + np.arange(16)]


def _words_at_once(data: np.ndarray, start: np.ndarray, length: np.ndarray, rows: np.ndarray) -> np.ndarray | None:
    """The 64-bit words of ``rows`` (each 16 bytes long) by one ``bytes.fromhex`` over the whole
    text, when every value is 16 bytes or empty (then the 16-byte values lie end to end) and all
    of them are hex digits; None otherwise (the caller then reads them digit by digit)."""
    sixteen = np.flatnonzero(length == 16)
    if not rows.any() or len(sixteen) + int((length == 0).sum()) != len(length):
        return None
    first = int(start[sixteen[0]])
    try:
        raw = bytes.fromhex(data[first : first + 16 * len(sixteen)].tobytes().decode("ascii"))
    except ValueError:  # not hex (UnicodeDecodeError is one too): some value is invalid
        return None
    if len(raw) != 8 * len(sixteen):  # fromhex skips whitespace: a value held a space
        return None
    return np.frombuffer(raw, dtype=">u8").astype(np.uint64)[rows[sixteen]]


def hex64(text: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(uint64 values, present mask, invalid mask) of 16-hex-digit text; empty or null is absent."""
    values, present, bad = [], [], []
    for arr in text.chunks:
        start, length, data = string_ends(arr)
        valid = valid_mask(arr) & (length > 0)
        ok16 = valid & (length == 16)
        idx = np.flatnonzero(ok16)
        out = np.zeros(len(arr), dtype=np.uint64)
        word = _words_at_once(data, start, length, ok16)
        if word is not None:
            good = np.ones(len(idx), dtype=bool)
        else:
            nib = _HEX[_sixteen_bytes(data, start, idx, len(arr))]
            good = (nib != 255).all(axis=1)
            # two hex digits per byte, then eight big-endian bytes per word
            packed = np.ascontiguousarray((nib[:, 0::2] << 4) | nib[:, 1::2])
            word = packed.view(">u8").ravel().astype(np.uint64)
        if idx.size:
            out[idx[good]] = word[good]
        has = np.zeros(len(arr), dtype=bool)
        has[idx[good]] = True
        values.append(out)
        present.append(has)
        bad.append(valid & ~has)
    return (
        np.concatenate(values) if values else np.zeros(0, np.uint64),
        concat_masks(present),
        concat_masks(bad),
    )
