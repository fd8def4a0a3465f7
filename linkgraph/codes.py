"""Integer codes: distinct values and dense ranks by counting, where sorting would cost more."""

from __future__ import annotations

import numpy as np


def distinct_ints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` for small non-negative ints, by counting instead of sorting."""
    values = np.asarray(values)
    if not values.size or values.min() < 0 or values.max() > 4 * values.size + 1_000_000:
        uniques, inverse = np.unique(values, return_inverse=True)
        return uniques, inverse.ravel()
    present = np.bincount(values) > 0
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present).astype(values.dtype, copy=False), rank[values]
