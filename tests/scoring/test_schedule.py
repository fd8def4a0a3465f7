"""Scheduled traffic: shared minutes that recur at one minute of the hour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkgraph.scoring.schedule import MIN_BUCKETS, lockstep_clock, scheduled_share


def buckets(stamps: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Lockstep rows of community 3, one per bucket at each ``stamps`` (ISO minute), and the minutes per code."""
    names = [f"ls:{s}|tf:00aa" for s in stamps] + ["1.2.3.4"]
    artifacts = pd.DataFrame({"kind": ["lockstep"] * len(stamps) + ["ip"], "artifact": names})
    rows = pd.DataFrame({"community": 3, "art": np.arange(len(stamps))})
    return rows, lockstep_clock(artifacts)[1]


def test_minutes_are_read_from_bucket_ids() -> None:
    _, minutes = buckets(["2026-03-02T16:30", "2026-03-02T17:00"])
    assert minutes.tolist() == [30, 0, -1]


def test_a_fleet_at_the_top_of_every_hour_is_scheduled() -> None:
    hours = pd.date_range("2026-03-02", periods=48, freq="h")
    stamps = [t.strftime("%Y-%m-%dT%H:%M") for t in hours]
    stamps[5] = stamps[5][:-2] + "59"  # a run a minute early still counts (±1, round the hour)
    rows, minutes = buckets(stamps)
    assert scheduled_share(rows, minutes, pd.Index([3, 4])).tolist() == [1.0, 0.0]


def test_waves_spread_over_the_hour_are_not_scheduled() -> None:
    rng = np.random.default_rng(7)
    starts = pd.Timestamp("2026-03-02") + pd.to_timedelta(np.sort(rng.integers(0, 30 * 24 * 60, 200)), unit="min")
    rows, minutes = buckets([t.strftime("%Y-%m-%dT%H:%M") for t in starts])
    assert scheduled_share(rows, minutes, pd.Index([3])).tolist() == [0.0]


@pytest.mark.parametrize("n", [MIN_BUCKETS - 1, MIN_BUCKETS])
def test_too_few_minutes_say_nothing(n: int) -> None:
    stamps = [t.strftime("%Y-%m-%dT%H:%M") for t in pd.date_range("2026-03-02", periods=n, freq="h")]
    rows, minutes = buckets(stamps)
    assert scheduled_share(rows, minutes, pd.Index([3])).tolist() == [float(n >= MIN_BUCKETS)]


def test_half_on_schedule_is_the_start_of_the_ramp() -> None:
    on = [t.strftime("%Y-%m-%dT%H:%M") for t in pd.date_range("2026-03-02", periods=30, freq="h")]
    off = [t.strftime("%Y-%m-%dT%H:%M") for t in pd.date_range("2026-03-05 00:20", periods=30, freq="61min")]
    rows, minutes = buckets(on + off)
    assert scheduled_share(rows, minutes, pd.Index([3])).iloc[0] == pytest.approx(0.0, abs=0.1)
