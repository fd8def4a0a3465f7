"""Core peeling and integer grouping helpers agree with their plain reference versions."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from linkgraph.scoring.features import distinct_ints, peel_core


def peel_reference(community, acct, art, kind, min_links, min_kinds_alt, min_sharers) -> np.ndarray:
    """Peeling with a mask over all links every round (the original formulation)."""
    accounts, a_idx = np.unique(acct, return_inverse=True)
    _, x_idx = np.unique(community * (int(art.max()) + 1) + art, return_inverse=True)
    kind_codes = pd.factorize(kind)[0]
    n_kinds = int(kind_codes.max()) + 1
    alive = np.ones(len(acct), dtype=bool)
    while True:
        sharers = np.bincount(x_idx[alive], minlength=int(x_idx.max()) + 1)
        links = np.bincount(a_idx[alive], minlength=len(accounts))
        per_kind = np.bincount(a_idx[alive] * n_kinds + kind_codes[alive], minlength=len(accounts) * n_kinds)
        kinds = (per_kind.reshape(len(accounts), n_kinds) > 0).sum(axis=1)
        ok = (links >= min_links) | ((links >= 2) & (kinds >= min_kinds_alt))
        nxt = alive & (sharers[x_idx] >= min_sharers) & ok[a_idx]
        if nxt.sum() == alive.sum():
            break
        alive = nxt
    survived = np.zeros(len(accounts), dtype=bool)
    survived[np.unique(a_idx[alive])] = True
    return survived


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 400), st.integers(1, 4), st.booleans())
def test_peel_core_equals_the_reference(seed: int, n_links: int, min_links: int, per_link: bool) -> None:
    rng = np.random.default_rng(seed)
    acct = rng.integers(0, 40, n_links)
    community = acct % 3
    art = rng.integers(0, 25, n_links)
    kind = rng.integers(0, 3, n_links)
    sharers = rng.integers(2, 6, n_links) if per_link else 3
    got = peel_core(community, acct, art, kind, min_links, 2, sharers)
    assert np.array_equal(got, peel_reference(community, acct, art, kind, min_links, 2, sharers))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-5, 3000), max_size=200), st.sampled_from([np.int32, np.int64]))
def test_distinct_ints_is_np_unique(values: list[int], dtype: type) -> None:
    x = np.array(values, dtype=dtype)
    uniques, inverse = distinct_ints(x)
    expected, expected_inverse = np.unique(x, return_inverse=True)
    assert np.array_equal(uniques, expected) and uniques.dtype == expected.dtype
    assert np.array_equal(inverse, expected_inverse.ravel())
