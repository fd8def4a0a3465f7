"""Parity of the Spark engine with the embedded one: partitions (adjusted Rand index) and enforcement lists."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph.enforcement.export import enforcement_list


def _pairs(counts: np.ndarray) -> float:
    counts = counts.astype(np.float64)
    return float((counts * (counts - 1) / 2).sum())


def adjusted_rand_index(a: np.ndarray, b: np.ndarray) -> float:
    """Adjusted Rand index of two labelings of the same items (1.0: the same partition).

    >>> adjusted_rand_index(np.array([0, 0, 1, 1]), np.array([5, 5, 7, 7]))
    1.0
    """
    if len(a) != len(b):
        raise ValueError("labelings differ in length")
    if len(a) < 2:
        return 1.0
    _, a_codes = np.unique(a, return_inverse=True)
    _, b_codes = np.unique(b, return_inverse=True)
    _, joint = np.unique(
        a_codes.ravel().astype(np.int64) * (int(b_codes.max()) + 1) + b_codes.ravel(), return_counts=True
    )
    index = _pairs(joint)
    sum_a, sum_b = _pairs(np.bincount(a_codes.ravel())), _pairs(np.bincount(b_codes.ravel()))
    expected = sum_a * sum_b / _pairs(np.array([len(a)]))
    top = (sum_a + sum_b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def same_partition(a: pd.DataFrame, b: pd.DataFrame, key: str = "acct") -> bool:
    """True when two ``key, community`` frames hold the same items in the same groups (labels may differ)."""
    if len(a) != len(b):
        return False
    merged = a.merge(b, on=key, suffixes=("_a", "_b"))
    if len(merged) != len(a):
        return False
    pairs = merged[["community_a", "community_b"]].drop_duplicates()
    return bool(pairs["community_a"].is_unique and pairs["community_b"].is_unique)


def partition_ari(a: pd.DataFrame, b: pd.DataFrame, key: str = "acct") -> float:
    """Adjusted Rand index of two ``key, community`` frames over the items both hold."""
    merged = a.merge(b, on=key, suffixes=("_a", "_b"))
    return adjusted_rand_index(merged["community_a"].to_numpy(), merged["community_b"].to_numpy())


def enforcement_difference(run_a: str | Path, run_b: str | Path) -> tuple[int, int, int]:
    """(accounts on exactly one of the two default enforcement lists, list sizes of a and b)."""
    listed_a = set(enforcement_list(run_a)["account_id"])
    listed_b = set(enforcement_list(run_b)["account_id"])
    return len(listed_a ^ listed_b), len(listed_a), len(listed_b)
