"""Model-pivot evidence from the requests table."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
