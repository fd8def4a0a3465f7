"""Raw card numbers in any column: a vectorised prefilter, then the Luhn check on the few candidates.

Works on every Arrow type (text and bytes, integers and integral floats, decimals,
dictionaries checked once per distinct value, lists, maps and structs by their elements);
nothing loops over rows in Python except over fewer than 2,000 candidates.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest.columns import Column, chunks, concat_masks, plain_strings, string_ends, valid_mask
from linkgraph.ingest.contract import looks_like_card_number

_CARDISH = np.zeros(256, dtype=bool)
_CARDISH[list(b"0123456789 -")] = True


def card_mask(col: Column) -> np.ndarray:
    """Rows holding a value that looks like a raw card number (see ``looks_like_card_number``).

    Works on any type: text and bytes, integers and integral floats, decimals,
    dictionaries (checked once per distinct value), lists and structs (any element).
    """
    return concat_masks([_card_array(a) for a in chunks(col)])


def _card_array(arr: pa.Array) -> np.ndarray:
    n, t = len(arr), arr.type
    if n == 0 or arr.null_count == n:
        return np.zeros(n, dtype=bool)
    if pa.types.is_dictionary(t):
        hit = _card_array(arr.dictionary)
        if not hit.any():
            return np.zeros(n, dtype=bool)
        idx = arr.indices.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        return hit[idx] & valid_mask(arr)
    arr = plain_strings(arr)
    t = arr.type
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return _card_text(arr)
    if pa.types.is_integer(t):
        vals = arr.fill_null(0).to_numpy(zero_copy_only=False)
        big = (vals >= 10**12) if pa.types.is_unsigned_integer(t) else (np.abs(vals.astype(np.float64)) >= 1e12)
        return _card_text(pc.cast(arr.filter(pa.array(big)), pa.string()), np.flatnonzero(big), n)
    if pa.types.is_floating(t):
        vals = arr.cast(pa.float64()).fill_null(0).to_numpy(zero_copy_only=False)
        big = np.isfinite(vals) & (np.abs(vals) >= 1e12) & (np.abs(vals) < 1e20) & (vals == np.round(vals))
        text = pa.array([str(int(v)) for v in vals[big]], type=pa.string())
        return _card_text(text, np.flatnonzero(big), n)
    if pa.types.is_decimal(t):
        return _card_text(arr.cast(pa.string()))
    if pa.types.is_struct(t):
        out = np.zeros(n, dtype=bool)
        for child in arr.flatten():
            out |= _card_array(child)
        return out
    if pa.types.is_map(t):
        out = np.zeros(n, dtype=bool)
        parents = pc.list_parent_indices(arr).to_numpy(zero_copy_only=False)
        for child in (arr.keys, arr.items):
            hit = _card_array(child)
            out[parents[hit]] = True
        return out
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        hit = _card_array(pc.list_flatten(arr))
        out = np.zeros(n, dtype=bool)
        if hit.any():
            out[pc.list_parent_indices(arr).to_numpy(zero_copy_only=False)[hit]] = True
        return out
    return np.zeros(n, dtype=bool)  # temporal, boolean, null: cannot hold 13+ digits


def _card_text(arr: pa.Array, rows: np.ndarray | None = None, n: int | None = None) -> np.ndarray:
    """Card mask of a text/bytes array; ``rows`` maps its positions into a longer table of ``n`` rows."""
    start, length, data = string_ends(arr)
    out = np.zeros(len(arr) if n is None else n, dtype=bool)
    cand = length >= 13
    if cand.any():
        idx = np.flatnonzero(cand)
        s, e = start[idx], start[idx] + length[idx] - 1
        idx = idx[_CARDISH[data[s]] & _CARDISH[data[e]]]
    else:
        idx = np.zeros(0, dtype=np.int64)
    if arr.null_count:
        idx = idx[valid_mask(arr)[idx]]
    if idx.size == 0:
        return out
    values = arr.take(pa.array(idx))
    hits = _luhn_many(values)
    out[(idx if rows is None else rows[idx])[hits]] = True
    return out


def _luhn_many(values: pa.Array) -> np.ndarray:
    """``looks_like_card_number`` of each value (bytes that are not UTF-8 are never card numbers)."""
    if len(values) < 2000:
        return np.array([_maybe_card(v) for v in values.to_pylist()], dtype=bool)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        try:
            values = values.cast(pa.large_string())
        except pa.ArrowInvalid:
            return np.array([_maybe_card(v) for v in values.to_pylist()], dtype=bool)
    digits = pc.replace_substring(pc.replace_substring(values, " ", ""), "-", "")
    dl = pc.utf8_length(digits).to_numpy(zero_copy_only=False)
    ok = np.asarray(pc.ascii_is_decimal(digits).to_numpy(zero_copy_only=False), dtype=bool)
    ok &= (dl >= 13) & (dl <= 19)
    out = np.zeros(len(values), dtype=bool)
    idx = np.flatnonzero(ok)
    if idx.size == 0:
        return out
    sub = digits.take(pa.array(idx)).cast(pa.large_string())
    start, length, data = string_ends(sub)
    total = np.zeros(idx.size, dtype=np.int64)
    for k in range(19):  # k-th digit from the right
        present = length > k
        d = np.where(present, data[np.where(present, start + length - 1 - k, 0)], 48).astype(np.int64) - 48
        if k % 2 == 1:
            d = d * 2
            d = np.where(d > 9, d - 9, d)
        total += d
    out[idx] = total % 10 == 0
    return out


def _maybe_card(value: object) -> bool:
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return isinstance(value, str) and looks_like_card_number(value)
