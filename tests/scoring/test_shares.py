"""A cluster's share of members with enough distinct artifacts (scoring/clusters.py ``_share``) by its definition."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from linkgraph.scoring.clusters import _share


def _by_groupby(rows: pd.DataFrame, index: pd.Index, n_basis: pd.Series, at_least: int) -> pd.Series:
    per = rows.groupby(["community", "acct"], observed=True)["art"].nunique()
    hit = (per >= at_least).groupby(level="community").sum()
    return (hit / n_basis).reindex(index).fillna(0.0)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 9), st.integers(0, 6)), max_size=60), st.integers(1, 3))
def test_share_counts_each_members_distinct_artifacts(links: list[tuple[int, int, int]], at_least: int) -> None:
    rows = pd.DataFrame(links, columns=["community", "acct", "art"], dtype=np.int64)
    index = pd.Index([0, 1, 2, 3, 4])
    n_basis = pd.Series([4, 5, 6, 7, 8], index=index)
    got = _share(rows, index, n_basis, at_least)
    pd.testing.assert_series_equal(got, _by_groupby(rows, index, n_basis, at_least), check_names=False)
