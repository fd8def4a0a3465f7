"""Fast lookups (scoring/lookup.py) equal ``Series.map`` and ``Series.reindex``."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from linkgraph.scoring.lookup import by_code, lookup

KEYS = st.lists(st.one_of(st.none(), st.sampled_from(["a.com", "b.org", "c.net", "d.io"])), max_size=40)


@given(KEYS, st.dictionaries(st.sampled_from(["a.com", "b.org", "c.net", "x.edu"]), st.integers(0, 50)))
def test_lookup_equals_map(keys: list[str | None], table: dict[str, int]) -> None:
    series = pd.Series(keys, dtype="str")
    counts = pd.Series(table, dtype=np.int64)
    expected = series.map(counts).to_numpy(dtype=float, na_value=np.nan)
    np.testing.assert_array_equal(lookup(series, counts), expected)


def test_missing_and_null_keys_are_nan() -> None:
    out = lookup(pd.Series(["a.com", None, "zz.com", "a.com"]), pd.Series({"a.com": 3}))
    assert out[0] == 3 and out[3] == 3
    assert np.isnan(out[1]) and np.isnan(out[2])


@given(st.dictionaries(st.integers(0, 30), st.integers(1, 99)), st.lists(st.integers(0, 40), max_size=50))
def test_by_code_equals_reindex(table: dict[int, int], codes: list[int]) -> None:
    sizes = pd.Series(table, dtype=np.int64)
    array = np.asarray(codes, dtype=np.int64)
    expected = sizes.reindex(array).to_numpy(dtype=np.float64, na_value=np.nan)
    np.testing.assert_array_equal(by_code(sizes, array), expected)
