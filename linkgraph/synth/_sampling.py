"""Vectorised sampling helpers shared by the world builders."""

from __future__ import annotations

import numpy as np


def zipf_weights(m: int, s: float, q: float = 0.0) -> np.ndarray:
    """Zipf-Mandelbrot probabilities ``(rank + q) ** -s`` for ranks 1..m, normalised."""
    w = (np.arange(1, m + 1, dtype=np.float64) + q) ** -s
    return w / w.sum()


def segments(sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For consecutive groups of the given sizes: (group of each member, rank in group, group start)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    group = np.repeat(np.arange(sizes.size), sizes)
    rank = np.arange(group.size, dtype=np.int64) - starts[group]
    return group, rank, starts


def cross(sizes_a: np.ndarray, sizes_b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs (i < a_g, j < b_g) of every group g: returns (group, i, j)."""
    sizes_a = np.asarray(sizes_a, dtype=np.int64)
    sizes_b = np.asarray(sizes_b, dtype=np.int64)
    group, rank, _ = segments(sizes_a * sizes_b)
    return group, rank // sizes_b[group], rank % sizes_b[group]


def distinct_choice(rng: np.random.Generator, pool: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every row r draw ``k[r]`` distinct values in ``[0, pool[r])``.

    Returns (row, value) pairs, row-major. Uses sorted draws from ``[0, pool - k]``
    shifted by their rank, which is distinct by construction and needs no loop.
    """
    pool = np.asarray(pool, dtype=np.int64)
    k = np.minimum(np.asarray(k, dtype=np.int64), pool)
    m = pool.size
    kmax = int(k.max()) if m else 0
    if kmax == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    span = (pool - k + 1)[:, None]
    draws = np.floor(rng.random((m, kmax)) * span).astype(np.int64)
    valid = np.arange(kmax)[None, :] < k[:, None]
    draws = np.where(valid, draws, np.iinfo(np.int64).max // 2)
    draws.sort(axis=1)
    values = draws + np.arange(kmax)[None, :]
    rows = np.broadcast_to(np.arange(m)[:, None], (m, kmax))
    return rows[valid], values[valid]


def lognormal_counts(rng: np.random.Generator, mu: float, sigma: float, size: int) -> np.ndarray:
    """Positive integer counts with a lognormal shape (median ``exp(mu)``)."""
    return np.maximum(1, np.rint(rng.lognormal(mu, sigma, size))).astype(np.int64)


def fill_sizes(rng: np.random.Generator, total: int, lo: int, hi: int, min_last: int) -> np.ndarray:
    """Group sizes uniform in [lo, hi] that add up to ``total``; a too small last group is merged."""
    draws = rng.integers(lo, hi + 1, total // lo + 2)
    cum = np.cumsum(draws)
    g = int(np.searchsorted(cum, total)) + 1
    sizes = draws[:g].copy()
    sizes[-1] -= cum[g - 1] - total
    if sizes.size > 1 and sizes[-1] < min_last:
        sizes[-2] += sizes[-1]
        sizes = sizes[:-1]
    return sizes
