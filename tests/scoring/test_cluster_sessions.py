"""Cluster sessions: members at work in the same clock hours, day after day (scoring/cluster_sessions.py)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from request_logs import requests_at as _requests

from linkgraph.scoring.cluster_sessions import (
    SESSION_DAYS,
    SESSION_MEMBERS,
    ClusterSessions,
    cluster_sessions,
    member_hours,
    session_hours,
)
from linkgraph.scoring.cluster_waves import cluster_waves, member_minutes


def _sessions(rows: list[tuple[int, float]], community_of: np.ndarray) -> ClusterSessions:
    return cluster_sessions(member_minutes(_requests(rows), community_of), community_of)


def _cell(members: range, starts: list[float], rng: np.random.Generator) -> list[tuple[int, float]]:
    """Each member sends twice at random minutes of every one-hour session starting at ``starts``."""
    return [(a, start + float(rng.uniform(0, 60))) for start in starts for a in members for _ in range(2)]


def test_a_cell_working_in_sessions_off_any_clock_is_read_and_its_minutes_are_no_waves() -> None:
    """Twenty accounts of cluster 0 work one hour on eight days, each at another hour of the
    day; cluster 1's twenty send as often at random times."""
    rng = np.random.default_rng(5)
    starts = [d * 1440 + h * 60.0 for d, h in enumerate([2, 9, 15, 21, 5, 12, 18, 0])]
    rows = _cell(range(20), starts, rng)
    rows += [(a, float(rng.uniform(0, 8 * 1440))) for a in range(20, 40) for _ in range(16)]
    community_of = np.array([0] * 20 + [1] * 20)
    sessions = _sessions(rows, community_of)
    assert sessions.share.to_dict() == {0: 1.0, 1: 0.0}
    assert sessions.scheduled.loc[0] == 0.0
    waves = cluster_waves(member_minutes(_requests(rows), community_of), community_of)
    assert waves.share.loc[0] < 0.5  # two requests an hour each: few minutes hold five of them


def test_an_office_day_is_no_session() -> None:
    """Thirty colleagues send all through an eight-hour working day, five days running."""
    rng = np.random.default_rng(7)
    rows = [(a, d * 1440 + 540 + float(rng.uniform(0, 480))) for d in range(5) for a in range(30) for _ in range(16)]
    hours = member_hours(member_minutes(_requests(rows), np.zeros(30, dtype=np.int64)))
    assert session_hours(hours).empty
    assert _sessions(rows, np.zeros(30, dtype=np.int64)).share.to_dict() == {0: 0.0}


def test_a_class_hour_is_a_session_on_the_clock() -> None:
    """A bootcamp of twenty meets at 18:00 on ten days: sessions, all at one hour of the day."""
    rng = np.random.default_rng(9)
    rows = _cell(range(20), [d * 1440 + 1080.0 for d in range(10)], rng)
    sessions = _sessions(rows, np.zeros(20, dtype=np.int64))
    assert sessions.share.loc[0] == 1.0
    assert sessions.scheduled.loc[0] == 1.0


def test_a_session_needs_five_members_and_a_member_three_days() -> None:
    rng = np.random.default_rng(13)
    starts = [d * 1440 + h * 60.0 for d, h in enumerate([3, 11, 19, 7, 15])]
    few = _cell(range(SESSION_MEMBERS - 1), starts, rng)
    assert _sessions(few, np.zeros(SESSION_MEMBERS - 1, dtype=np.int64)).share.to_dict() == {0: 0.0}
    one_off = _cell(range(12), starts[: SESSION_DAYS - 1], rng)  # a two-day event
    assert _sessions(one_off, np.zeros(12, dtype=np.int64)).share.to_dict() == {0: 0.0}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.floats(0, 6 * 1440)), max_size=300), st.integers(0, 2**16))
def test_shares_and_clocks_lie_in_0_1_and_belong_to_clusters(rows: list[tuple[int, float]], seed: int) -> None:
    community_of = np.random.default_rng(seed).integers(-1, 3, size=12)
    sessions = _sessions(rows, community_of)
    for series in (sessions.share, sessions.scheduled):
        assert ((series >= 0) & (series <= 1)).all()
        assert set(series.index) <= set(community_of[community_of >= 0].tolist())
