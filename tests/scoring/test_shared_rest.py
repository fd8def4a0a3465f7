"""Round-the-clock accounts that rest in the same hours (scoring/shared_rest.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from linkgraph.scoring.shared_rest import _day_spans, round_the_clock, shared_rest

DAYS = 10
OPERATOR_PAUSE = {19, 20, 21}  # UTC hours every account of the operation is silent


def _minutes(community: int, acct: int, hours_of_day: set[int], days: int = DAYS, minute: int = 7) -> pd.DataFrame:
    """One request at ``minute`` past each of ``hours_of_day`` on each of ``days`` days."""
    rows = [(community, acct, (d * 24 + h) * 60 + minute) for d in range(days) for h in sorted(hours_of_day)]
    return pd.DataFrame(rows, columns=["community", "acct", "minute"])


def _crowd(community: int, first: int, n: int, hours_of) -> pd.DataFrame:
    return pd.concat([_minutes(community, first + i, hours_of(i)) for i in range(n)], ignore_index=True)


def test_a_day_spans_from_its_first_to_its_last_active_hour_around_the_longest_gap() -> None:
    hours = pd.DataFrame(
        {
            "acct": [*[0] * 21, 1, 2, 2, 3, 3, 3],
            "day": [0] * 27,
            "hod": [*range(19), 22, 23, 5, 2, 14, 1, 9, 23],  # 0: 19:00-22:00 free; 1: one hour; 2: two; 3: three
        }
    )
    spans = _day_spans(hours).set_index("acct")["span"]
    assert spans.to_dict() == {0: 21, 1: 1, 2: 13, 3: 11}


def test_an_operation_pausing_in_the_same_hours_rests_together() -> None:
    """Twelve programs, each active in a different 18–21 hours of the day but none in the
    operator's pause: all twelve rest together."""
    rng = np.random.default_rng(3)

    def hours(i: int) -> set[int]:
        awake = [h for h in range(24) if h not in OPERATOR_PAUSE]
        return set(rng.choice(awake, size=int(rng.integers(18, 22)), replace=False).tolist()) | {0, 18}

    minutes = _crowd(0, 0, 12, hours)
    humans = _crowd(0, 100, 4, lambda i: {9, 10, 11})  # four people in the same cluster
    share = shared_rest(pd.concat([minutes, humans], ignore_index=True), min_members=5)
    assert share.loc[0] == 12 / 16


def test_programs_that_stop_at_no_common_time_do_not() -> None:
    """Uptime probes: each stops for its own owner's three hours, at a different time."""
    minutes = _crowd(0, 0, 12, lambda i: set(range(24)) - {(2 * i + k) % 24 for k in range(3)})
    assert shared_rest(minutes, min_members=5).loc[0] == 0.0


def test_people_on_long_shifts_are_not_programs_around_the_clock() -> None:
    """Reviewers on twelve-hour shifts all rest at night, but nobody works around the clock."""
    minutes = _crowd(0, 0, 30, lambda i: set(range(8, 20)))
    assert len(round_the_clock(minutes)) == 0
    assert shared_rest(minutes, min_members=5).loc[0] == 0.0


def test_a_few_programs_or_a_few_days_say_nothing() -> None:
    few = _crowd(0, 0, 4, lambda i: set(range(24)) - OPERATOR_PAUSE)
    assert shared_rest(few, min_members=5).loc[0] == 0.0
    short = pd.concat([_minutes(1, a, set(range(24)) - OPERATOR_PAUSE, days=2) for a in range(10)], ignore_index=True)
    assert shared_rest(short, min_members=5).loc[1] == 0.0


def test_no_requests_no_rest() -> None:
    empty = pd.DataFrame({"community": [], "acct": [], "minute": []}, dtype=np.int64)
    assert shared_rest(empty, min_members=5).empty


@given(st.lists(st.sets(st.integers(0, 23), min_size=1), min_size=1, max_size=8))
def test_a_days_span_is_between_its_active_hours_and_the_whole_day(days: list[set[int]]) -> None:
    rows = [(0, d, h) for d, hs in enumerate(days) for h in hs]
    hours = pd.DataFrame(rows, columns=["acct", "day", "hod"])
    spans = _day_spans(hours)["span"].to_numpy()
    active = np.array([len(hs) for hs in days])
    assert (spans >= active).all() and (spans <= 24).all()
