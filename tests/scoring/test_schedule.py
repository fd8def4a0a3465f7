"""Scheduled traffic: shared minutes that recur at one minute of the hour or one hour of the week."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkgraph.scoring.schedule import (
    MIN_BUCKETS,
    MIN_DAYS,
    MIN_WEEKS,
    lockstep_clock,
    personal_clock,
    scheduled_share,
)


def buckets(stamps: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Lockstep rows of community 3, one per bucket at each ``stamps`` (ISO minute), and the window starts per code."""
    names = [f"ls:{s}|tf:00aa" for s in stamps] + ["1.2.3.4"]
    artifacts = pd.DataFrame({"kind": ["lockstep"] * len(stamps) + ["ip"], "artifact": names})
    rows = pd.DataFrame({"community": 3, "art": np.arange(len(stamps))})
    return rows, lockstep_clock(artifacts)[1]


def test_window_starts_are_read_from_bucket_ids() -> None:
    _, starts = buckets(["2026-03-02T16:30", "2026-03-02T17:00"])
    epoch = int(pd.Timestamp("2026-03-02T16:30", tz="UTC").timestamp()) // 60
    assert starts.tolist() == [epoch, epoch + 30, -1]


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


def _weekly(weeks: int, start: str = "2026-01-06 17:05") -> list[str]:
    """A class every Tuesday evening: eight shared minutes spread over its first hour, for ``weeks`` weeks."""
    classes = pd.date_range(start, periods=weeks, freq="7D")
    offsets = pd.to_timedelta([0, 3, 9, 14, 22, 31, 40, 52], unit="min")
    return [(c + o).strftime("%Y-%m-%dT%H:%M") for c in classes for o in offsets]


def test_a_class_at_one_hour_of_every_week_is_scheduled() -> None:
    """Its minutes spread over the hour (not a cron job), but every week at the same hour of the week."""
    rows, starts = buckets(_weekly(12))
    assert scheduled_share(rows, starts, pd.Index([3])).tolist() == [1.0]


def test_a_class_on_tuesdays_and_thursdays_is_scheduled() -> None:
    """Two hours of the week, each every week: as much a timetable as one."""
    rows, starts = buckets(_weekly(6) + _weekly(6, "2026-01-08 17:05"))
    assert scheduled_share(rows, starts, pd.Index([3])).tolist() == [1.0]


def test_a_show_streamed_three_evenings_a_week_is_scheduled_and_a_fourth_evening_dilutes_it() -> None:
    """Viewers paste the host's prompts on Tuesdays, Thursdays and Saturdays at 19:00: three
    slots of the week; on four evenings a week a quarter of the minutes fall outside them."""
    evenings = ["2026-01-06 19:05", "2026-01-08 19:05", "2026-01-10 19:05"]
    rows, starts = buckets([m for e in evenings for m in _weekly(5, e)])
    assert scheduled_share(rows, starts, pd.Index([3])).tolist() == [1.0]
    rows, starts = buckets([m for e in [*evenings, "2026-01-11 19:05"] for m in _weekly(5, e)])
    assert scheduled_share(rows, starts, pd.Index([3])).iloc[0] == pytest.approx((0.75 - 0.5) / 0.4)


def test_a_timetable_needs_weeks() -> None:
    """One event, however concentrated in one hour, is no timetable: the hour must recur in MIN_WEEKS weeks."""
    concentrated = [t.strftime("%Y-%m-%dT%H:%M") for t in pd.date_range("2026-01-06 17:00", periods=40, freq="90s")]
    rows, starts = buckets(concentrated)
    assert scheduled_share(rows, starts, pd.Index([3])).tolist() == [0.0]
    rows, starts = buckets(_weekly(MIN_WEEKS - 1) + _weekly(MIN_WEEKS - 1, "2026-03-04 09:05"))
    assert scheduled_share(rows, starts, pd.Index([3])).tolist() == [0.0]


def test_a_weekly_run_outweighed_by_a_one_off_run_is_still_a_timetable() -> None:
    """An evaluation consortium: a launch-day run of 60 shared minutes, then its regression run
    every Monday at 00:00 (eight minutes each, five weeks). Counted by minutes the launch run
    is as large as all weeks together; counted by occasions (clock hours), five of six recur."""
    launch = [t.strftime("%Y-%m-%dT%H:%M") for t in pd.date_range("2026-01-07 17:00", periods=60, freq="min")]
    rows, starts = buckets(launch + _weekly(5, "2026-01-12 00:02"))
    assert scheduled_share(rows, starts, pd.Index([3])).iloc[0] >= 0.5
    rows, starts = buckets(launch + _weekly(MIN_WEEKS - 1, "2026-01-12 00:02"))
    assert scheduled_share(rows, starts, pd.Index([3])).tolist() == [0.0]


def test_a_daylight_saving_shift_stays_on_the_timetable() -> None:
    """The class keeps its local time: in UTC it moves an hour, which ±1 hour of the week absorbs."""
    rows, starts = buckets(_weekly(6, "2025-10-07 16:05") + _weekly(6, "2025-11-18 17:05"))
    assert scheduled_share(rows, starts, pd.Index([3])).tolist() == [1.0]


def test_waves_in_working_hours_are_not_a_timetable() -> None:
    """An operation that fires at random minutes of its working hours, weekdays, for two months."""
    rng = np.random.default_rng(11)
    days = pd.bdate_range("2026-01-05", periods=40)
    starts = [d + pd.Timedelta(minutes=int(rng.integers(60, 600))) for d in days for _ in range(4)]
    rows, codes = buckets([t.strftime("%Y-%m-%dT%H:%M") for t in starts])
    assert scheduled_share(rows, codes, pd.Index([3])).tolist() == [0.0]


def _diary(zones: list[int], days: int = 12, per_zone: int = 6, jitter: int = 12) -> pd.DataFrame:
    """Participants answering a daily reminder at 20:00 their time (``zones``: UTC offsets in
    hours), each a few minutes late: ``community, acct, art`` rows and the window names."""
    rng = np.random.default_rng(3)
    rows, names = [], []
    for z, offset in enumerate(zones):
        for d in range(days):
            reminder = pd.Timestamp("2026-03-02 20:00", tz="UTC") + pd.Timedelta(days=d, hours=-offset)
            for p in range(per_zone):
                late = pd.Timedelta(minutes=int(rng.integers(0, jitter)))
                names.append(f"ls:{(reminder + late).strftime('%Y-%m-%dT%H:%M')}|tf:{z}{p}")
                rows.append((3, z * per_zone + p, len(names) - 1))
    return pd.DataFrame(rows, columns=["community", "acct", "art"]), names


def _starts(names: list[str]) -> np.ndarray:
    return lockstep_clock(pd.DataFrame({"kind": "lockstep", "artifact": names}))[1]


def test_participants_answering_a_daily_reminder_at_their_own_time_are_scheduled() -> None:
    rows, names = _diary([-4, -7, 1, 5])
    assert personal_clock(rows, _starts(names)).tolist() == [1.0]
    assert scheduled_share(rows, _starts(names), pd.Index([3])).tolist() == [1.0]


def test_staff_arriving_at_their_shifts_start_day_after_day_are_scheduled() -> None:
    """Everyone at one or two times of day (two offices' shift starts, a CI platform's nightly
    run): each member keeps the clock it shares with the others, and that is a timetable too."""
    for zones in ([0, 0, 0, 0], [8, 8, -3, -3]):
        rows, names = _diary(zones)
        assert personal_clock(rows, _starts(names)).tolist() == [1.0]
        assert scheduled_share(rows, _starts(names), pd.Index([3])).tolist() == [1.0]


def test_staff_who_arrive_at_any_time_keep_no_clock() -> None:
    rows, names = _diary([0, 0, 0, 0], jitter=240)
    assert personal_clock(rows, _starts(names)).iloc[0] < 0.3
    assert scheduled_share(rows, _starts(names), pd.Index([3])).tolist() == [0.0]


def test_waves_at_random_times_give_members_no_clock_of_their_own() -> None:
    rng = np.random.default_rng(5)
    names = [
        f"ls:{t.strftime('%Y-%m-%dT%H:%M')}|k"
        for t in pd.Timestamp("2026-03-02") + pd.to_timedelta(np.sort(rng.integers(0, 20 * 1440, 300)), unit="min")
    ]
    rows = pd.DataFrame({"community": 3, "acct": rng.integers(0, 20, 300), "art": np.arange(300)})
    assert personal_clock(rows, _starts(names)).iloc[0] < 0.3
    assert scheduled_share(rows, _starts(names), pd.Index([3])).tolist() == [0.0]


def test_a_few_days_say_nothing_about_a_clock() -> None:
    rows, names = _diary([-4, -7, 1, 5], days=MIN_DAYS - 1)
    assert personal_clock(rows, _starts(names)).reindex([3]).fillna(0.0).tolist() == [0.0]


def _shared_windows(times: list[pd.Timestamp], members: list[list[int]]) -> tuple[pd.DataFrame, list[str]]:
    """One lockstep window per time, shared by the given members (community 3)."""
    names = [f"ls:{t.strftime('%Y-%m-%dT%H:%M')}|tf:aa" for t in times]
    rows = [(3, acct, art) for art, accts in enumerate(members) for acct in accts]
    return pd.DataFrame(rows, columns=["community", "acct", "art"]), names


def test_a_daily_reminder_with_few_shared_minutes_is_still_a_timetable() -> None:
    """A small diary study: two time zones, each answering the reminder together on a few
    days; far fewer shared minutes than the hourly and weekly rules need, but every member
    keeps its time of day on enough days."""
    times, members = [], []
    for day in range(MIN_DAYS + 1):
        for zone, offset in enumerate([0, -5]):
            times.append(pd.Timestamp("2026-03-02 20:03") + pd.Timedelta(days=day, hours=-offset, minutes=day % 3))
            members.append(list(range(zone * 6, zone * 6 + 6)))
    rows, names = _shared_windows(times, members)
    assert len(names) < MIN_BUCKETS
    assert scheduled_share(rows, _starts(names), pd.Index([3])).tolist() == [1.0]


def test_a_few_waves_in_working_hours_keep_no_clock() -> None:
    """An operation's few shared minutes at random times of its working day: members keep no
    time of day, however few the windows."""
    rng = np.random.default_rng(13)
    day, minute = rng.integers(0, 12, 20), rng.integers(0, 480, 20)
    start = pd.Timestamp("2026-03-02 08:00")
    times = [start + pd.Timedelta(days=int(d), minutes=int(m)) for d, m in zip(day, minute, strict=True)]
    members = [sorted(rng.choice(10, 5, replace=False).tolist()) for _ in times]
    rows, names = _shared_windows(times, members)
    assert scheduled_share(rows, _starts(names), pd.Index([3])).tolist() == [0.0]
