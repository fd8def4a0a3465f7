"""Look keys up in a table fast: text once per distinct key (``Series.map`` hashes every row), codes by position."""

from __future__ import annotations

import numpy as np
import pandas as pd


def lookup(keys: pd.Series | pd.Index, table: pd.Series) -> np.ndarray:
    """``table[key]`` for each of ``keys`` as float64: NaN for a null key or one ``table`` lacks.

    The same values as ``keys.map(table).to_numpy(dtype=float)``, about ten times faster on
    a million email domains: the keys are factorized first, and only the distinct ones are
    looked up.
    """
    codes, distinct = pd.factorize(keys)
    out = np.full(len(codes), np.nan)
    if len(distinct):
        values = table.reindex(distinct).to_numpy(dtype=np.float64, na_value=np.nan)
        found = codes >= 0
        out[found] = values[codes[found]]
    return out


def by_code(table: pd.Series, codes: np.ndarray) -> np.ndarray:
    """``table[code]`` for each of ``codes`` (small non-negative ints, such as community labels) as
    float64, NaN where ``table`` lacks the code: ``table.reindex(codes)`` by position, not by hash."""
    codes = np.asarray(codes)
    index = table.index.to_numpy()
    if not len(codes):
        return np.zeros(0)
    small = codes.dtype.kind in "iu" and index.dtype.kind in "iu" and table.index.is_unique
    top = int(max(codes.max(), index.max(initial=0)))
    if not small or codes.min() < 0 or index.min(initial=0) < 0 or top > 4 * len(codes) + 1_000_000:
        return table.reindex(codes).to_numpy(dtype=np.float64, na_value=np.nan)
    dense = np.full(top + 1, np.nan)
    dense[index] = table.to_numpy(dtype=np.float64, na_value=np.nan)
    return dense[codes]
