"""Creation and activity timelines, and the activity table a run keeps (hand-made runs from ``handmade.py``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from handmade import RUN_1

from linkgraph.investigate import overview, run_data, timelines
from linkgraph.runs.activity import activity_table


def test_timelines(runs: Path, run: run_data.RunData) -> None:
    created = timelines.creation_timeline(overview.member_table(run, "C000001"))
    assert int(created.drop(columns="period").to_numpy().sum()) == 5
    activity, why = timelines.activity_timeline(run, "C000001")
    assert why == "" and activity is not None
    assert int(activity.drop(columns="period").to_numpy().sum()) == 3  # a1 twice, a2 once
    assert set(activity.columns) == {"period", "m1", "m2"}
    quiet, why = timelines.activity_timeline(run, "C000003")
    assert quiet is not None and quiet.empty and why == ""  # kept activity, but none of these accounts
    old, why = timelines.activity_timeline(run_data.load_run(runs / RUN_1), "C000001")
    assert old is None and why == "no activity recorded in this run"  # runs before runs kept activity


def test_activity_table_aggregates_members_per_day_and_model() -> None:
    reqs = pd.DataFrame(
        {
            "acct": [0, 0, 0, 1, 2],
            "timestamp": pd.to_datetime(
                ["2026-01-01T01:00Z", "2026-01-01T23:00Z", "2026-01-02T00:00Z"] * 1 + ["2026-01-01T00:00Z"] * 2
            ),
            "model": ["m1", "m1", None, "m2", "m1"],
        }
    )
    table = activity_table(reqs, np.array(["a", "b", "c"], dtype=object), np.array([0, 1]))
    assert table.columns.tolist() == ["account_id", "day", "model", "requests"]
    assert table[["account_id", "model", "requests"]].values.tolist() == [
        ["a", "m1", 2],
        ["a", "unknown", 1],
        ["b", "m2", 1],
    ]  # c is in no cluster: left out
    assert activity_table(None, np.array(["a"]), np.array([0])).empty
