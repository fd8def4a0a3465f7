"""Integer-code helpers (linkgraph/codes.py) equal numpy's unique."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from linkgraph.codes import sorted_counts, sorted_unique

KEYS = st.lists(st.integers(-(2**40), 2**40), max_size=60)


@given(KEYS)
def test_sorted_unique_is_np_unique(keys: list[int]) -> None:
    x = np.asarray(keys, dtype=np.int64)
    assert sorted_unique(x).tolist() == np.unique(x).tolist()


@given(KEYS)
def test_sorted_counts_is_np_unique_with_counts(keys: list[int]) -> None:
    x = np.asarray(keys, dtype=np.int64)
    values, counts = sorted_counts(x)
    want_values, want_counts = np.unique(x, return_counts=True)
    assert values.tolist() == want_values.tolist()
    assert counts.tolist() == want_counts.tolist()
