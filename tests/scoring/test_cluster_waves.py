"""Cluster waves: members firing together in one minute, far above their rate that hour (scoring/cluster_waves.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from request_logs import requests_at as _requests

from linkgraph.scoring.cluster_waves import (
    JITTER,
    RETURNING_WAVES,
    WAVE_MEMBERS,
    _centres,
    cluster_waves,
    member_minutes,
    wave_minutes,
)
from linkgraph.scoring.schedule import scheduled_share


def wave_share(requests: pd.DataFrame, community_of: np.ndarray) -> pd.Series:
    return cluster_waves(member_minutes(requests, community_of), community_of).share


def wave_riders(requests: pd.DataFrame, community_of: np.ndarray) -> np.ndarray:
    return np.unique(
        cluster_waves(member_minutes(requests, community_of), community_of).rows["acct"].to_numpy()
    ).astype(np.int64)


def _waves(members: range, days: int, minute: float = 137.0) -> list[tuple[int, float]]:
    """Every member in ``members`` sends once in the same minute of each of ``days`` days."""
    return [(a, d * 1440 + minute + 0.2 * (a % 3)) for d in range(days) for a in members]


def test_members_sending_together_on_several_days_ride_the_waves() -> None:
    """Eight accounts of cluster 0 meet in one minute on four days; cluster 1's eight accounts
    send as often, each at its own minute."""
    rows = _waves(range(8), 4)
    rows += [(a, d * 1440 + 60 + 7 * (a - 8)) for d in range(4) for a in range(8, 16)]
    community_of = np.array([0] * 8 + [1] * 8)
    assert wave_riders(_requests(rows), community_of).tolist() == list(range(8))
    assert wave_share(_requests(rows), community_of).to_dict() == {0: 1.0, 1: 0.0}


def test_a_busy_hour_is_no_wave() -> None:
    """An office of 40 sends all through its working hours: eight in one minute is its normal rate."""
    rng = np.random.default_rng(3)
    busy = [(a, d * 1440 + 540) for d in range(5) for a in range(40) for _ in range(12)]
    rows = [(a, start + float(rng.uniform(0, 60))) for a, start in busy]
    rows += [(a, d * 1440 + 570.5) for d in range(5) for a in range(8)]
    community_of = np.zeros(40, dtype=np.int64)
    pairs = pd.DataFrame({"community": 0, "acct": [a for a, _ in rows], "minute": [int(m) for _, m in rows]})
    minutes = wave_minutes(pairs.drop_duplicates())
    assert minutes.empty
    assert wave_share(_requests(rows), community_of).to_dict() == {0: 0.0}


def test_a_wave_needs_five_members_and_a_member_three_waves() -> None:
    four = _waves(range(WAVE_MEMBERS - 1), 6)
    assert wave_share(_requests(four), np.zeros(4, dtype=np.int64)).to_dict() == {0: 0.0}
    two_days = _waves(range(8), RETURNING_WAVES - 1)
    assert wave_share(_requests(two_days), np.zeros(8, dtype=np.int64)).to_dict() == {0: 0.0}


def test_accounts_outside_any_cluster_and_bad_stamps_are_ignored() -> None:
    rows = _waves(range(10), 3)
    frame = _requests(rows)
    frame.loc[0, "timestamp"] = pd.NaT
    community_of = np.array([0] * 8 + [-1, -1])
    assert wave_share(frame, community_of).to_dict() == {0: pytest.approx(7 / 8)}  # account 0 kept two waves


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.floats(0, 4 * 1440)), max_size=200), st.integers(0, 2**16))
def test_riders_are_members_and_shares_lie_in_0_1(rows: list[tuple[int, float]], seed: int) -> None:
    community_of = np.random.default_rng(seed).integers(-1, 3, size=12)
    frame = _requests(rows)
    riders = wave_riders(frame, community_of)
    assert (community_of[riders] >= 0).all()
    shares = wave_share(frame, community_of)
    assert ((shares >= 0) & (shares <= 1)).all()


@given(st.sets(st.tuples(st.integers(0, 5), st.integers(JITTER, 40 - JITTER - 1)), max_size=120))
def test_each_member_counts_once_per_centre_it_reaches(minutes: set[tuple[int, int]]) -> None:
    """``_centres`` equals the brute force: every centre within JITTER of a member's minute, once."""
    span = 40
    member = np.array([m for m, _ in minutes], dtype=np.int64)
    offset = np.array([t for _, t in minutes], dtype=np.int64)
    owner, centre = _centres(member, offset, span)
    expected = sorted({(m, t + d) for m, t in minutes for d in range(-JITTER, JITTER + 1)})
    assert list(zip(owner.tolist(), centre.tolist(), strict=True)) == expected


def test_the_waves_clock_tells_a_daily_reminder_from_an_operations_queue() -> None:
    """Cluster 0: a study app's reminder at 20:00 every day, eight participants answering
    within the minute. Cluster 1: an operation's queue fans a job out to eight accounts at a
    random minute of each day. Both ride waves; only the reminder's recur at one time of day."""
    rng = np.random.default_rng(11)
    reminder = [(a, d * 1440 + 1200.3) for d in range(10) for a in range(8)]
    jobs = [d * 1440 + float(rng.integers(0, 1440)) + 0.3 for d in range(10)]
    rows = reminder + [(a, minute) for minute in jobs for a in range(8, 16)]
    community_of = np.array([0] * 8 + [1] * 8)
    waves = cluster_waves(member_minutes(_requests(rows), community_of), community_of)
    assert waves.share.to_dict() == {0: 1.0, 1: 1.0}
    clock = scheduled_share(waves.rows, waves.starts, pd.Index([0, 1]))
    assert clock.loc[0] == 1.0
    assert clock.loc[1] == 0.0


def test_a_wave_jittered_over_three_minutes_is_one_wave() -> None:
    """Eight members answer each call within a minute either side, never more than three in
    one minute: no wave minute, but one wave window per call, however its centres overlap."""
    calls = [d * 1440 + 300.0 + 97 * d for d in range(4)]
    rows = [(a, call + (a % 3 - 1) + 0.5) for call in calls for a in range(8)]
    community_of = np.zeros(8, dtype=np.int64)
    minutes = member_minutes(_requests(rows), community_of)
    waves = wave_minutes(minutes)
    assert (waves["hi"] > waves["lo"]).all()  # windows, not single minutes
    assert minutes.groupby("minute").size().max() < WAVE_MEMBERS
    found = cluster_waves(minutes, community_of)
    assert len(found.starts) == len(calls)
    assert found.share.to_dict() == {0: 1.0}
    assert found.rows.groupby("acct")["art"].nunique().eq(len(calls)).all()
