"""Looking text keys up once per distinct key (scoring/lookup.py) equals ``Series.map``."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from linkgraph.scoring.lookup import lookup

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
