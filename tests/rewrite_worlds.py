"""Rewrites of master templates: SimHashes a few bits from a random master (rewrite-group tests)."""

from __future__ import annotations

import numpy as np


def flip(rng: np.random.Generator, base: int, bits: int) -> int:
    """``base`` with ``bits`` distinct random bits flipped."""
    for bit in rng.choice(64, size=bits, replace=False):
        base ^= 1 << int(bit)
    return base


def rewrites(rng: np.random.Generator, n: int, lo: int = 4, hi: int = 7) -> np.ndarray:
    """``n`` rewrites of one random master, each ``lo``-``hi`` bits from it."""
    master = int(rng.integers(0, 2**63)) * 2 + 1
    return np.array([flip(rng, master, int(rng.integers(lo, hi + 1))) for _ in range(n)], dtype=np.uint64)
