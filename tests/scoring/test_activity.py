"""Model-pivot evidence from the requests table."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from linkgraph.scoring.activity import model_pivot


def test_pivot_to_a_new_model_is_seen_and_slow_adoption_is_not() -> None:
    rng = np.random.default_rng(0)
    start = pd.Timestamp("2026-09-01", tz="UTC")
    release = pd.Timestamp("2026-09-15", tz="UTC")
    rows = []
    for acct in range(200):  # population: 2 % adopt early
        for t in rng.uniform(0, 30 * 24, 10):
            ts = start + pd.Timedelta(hours=float(t))
            new = ts >= release and rng.random() < 0.02
            rows.append((acct, ts, "model-c" if new else "model-b"))
    for acct in range(200, 230):  # an operation: half its traffic moves within a day
        for t in rng.uniform(0, 48, 10):
            ts = release + pd.Timedelta(hours=float(t))
            rows.append((acct, ts, "model-c" if rng.random() < 0.5 else "model-b"))
    rows.append((0, release, "model-c"))
    requests = pd.DataFrame(rows, columns=["acct", "timestamp", "model"])
    community = np.full(230, -1)
    community[200:230] = 1
    community[0:40] = 0
    lift = model_pivot(requests, community)
    assert lift.get(1, 0.0) > 0.3
    assert lift.get(0, 0.0) < 0.1


def test_no_model_column_means_no_evidence() -> None:
    frame = pd.DataFrame({"acct": [0], "timestamp": [pd.Timestamp("2026-01-01", tz="UTC")]})
    assert model_pivot(frame, np.array([0])).empty


def test_volume_baseline_is_the_mean_unless_whales_carry_the_traffic() -> None:
    """Ordinary accounts send 2-6 requests; a mean of 4 stands. Add a CI fleet of 3% of the
    accounts sending 600 each and the mean (21.9) would make a network sending 18 each look
    average; the baseline is then three times the median account's 4."""
    from linkgraph.scoring.activity import request_volume, volume_baseline

    ordinary = np.repeat(np.arange(100), np.tile([2, 3, 4, 5, 6], 20))
    assert volume_baseline(pd.DataFrame({"acct": ordinary})) == 4.0
    fleet = np.repeat(np.arange(100, 103), 600)
    network = np.repeat(np.arange(103, 108), 18)
    requests = pd.DataFrame({"acct": np.concatenate([ordinary, fleet, network])})
    assert volume_baseline(requests) == 12.0
    community = np.full(108, -1)
    community[103:108] = 0
    assert request_volume(requests, community).loc[0] > 0.15  # 1.5x the baseline, not below the mean
    assert volume_baseline(None) is None
    assert volume_baseline(pd.DataFrame({"acct": np.array([-1, -1])})) is None


@given(st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=200))
def test_baseline_of_counts_matches_numpy_on_the_expanded_counts(counts: list[int]) -> None:
    """The histogram form gives exactly what numpy gives on the per-account counts."""
    from linkgraph.scoring.activity import WHALE_CAP, baseline_of_counts

    per_account = np.array(counts, dtype=np.int64)
    values, accounts = np.unique(per_account, return_counts=True)
    expected = min(float(per_account.sum()) / len(per_account), WHALE_CAP * float(np.median(per_account)))
    got = baseline_of_counts(values[::-1], accounts[::-1])  # any order
    assert got is not None and abs(got - expected) <= 1e-12 * expected
    assert baseline_of_counts(np.array([5]), np.array([0])) is None
