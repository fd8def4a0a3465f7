"""Scheduled traffic: co-timing that recurs at one point of a cycle is a scheduler's or a timetable's.

A company's CI fleet fires its test prompts at the top of every hour; thousands of people's
cron jobs run at minute :00. Their accounts share minutes hour after hour, as an operation's
waves do, but always the same minute of the hour. A class meets at the same hour every week:
its students send the week's exercise in the same minutes, week after week, and never at
another time. A study app or a reminder pings each participant at the same local time every
day: each of them answers at its own fixed time of day, and the cluster at as many times as
it has time zones. An operation balancing load across its accounts sends its waves whenever its
queue fills: its shared minutes spread over the hour and over the week.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_BUCKETS = 24
"""Distinct shared minutes a cluster needs before its clock says anything (a day of hourly runs)."""


def lockstep_clock(artifacts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per artifact code: a code for the clock hour of a lockstep bucket's window, and the
    window's start in minutes since the epoch (-1 for other kinds in both).

    Bucket ids are ``ls:<window start, ISO minute>|<key>``: the start is their characters 3 to
    18, and the clock hour follows from it. Only the lockstep rows become Python text.
    """
    hours = np.full(len(artifacts), -1, dtype=np.int32)
    starts = np.full(len(artifacts), -1, dtype=np.int64)
    rows = np.flatnonzero((artifacts["kind"] == "lockstep").to_numpy())
    if len(rows):
        names = pd.Series(artifacts["artifact"].array.take(rows)).astype(object)
        stamp = pd.to_datetime(names.str.slice(3, 19), format="%Y-%m-%dT%H:%M", utc=True, errors="coerce")
        minute = (stamp - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(minutes=1)
        starts[rows] = minute.fillna(-1).to_numpy(dtype=np.int64)
        hours[rows] = pd.factorize(np.where(starts[rows] >= 0, starts[rows] // 60, -1))[0]
    return hours, starts


ON_SCHEDULE = (0.5, 0.9)
"""The share of a cluster's shared minutes on its one minute of the hour (±1) from which its
traffic starts to count as scheduled, and from which it counts fully."""


MIN_WEEKS = 4
"""Distinct weeks a cluster's hour of the week must recur in before it reads as a timetable."""
WEEKLY_SLOTS = 3
"""Hours of the week a timetable may hold: a class that meets on Tuesdays and Thursdays, a show
streamed three evenings a week."""
WEEK_HOURS = 168
MONDAY_OFFSET_H = 72
"""Hours from the Monday 00:00 before the epoch (a Thursday) to the epoch."""


PERSONAL_MINUTES = 10
"""How close (±, in minutes of the day) a member's shared minutes must lie to its own usual time."""
MIN_DAYS = 3
"""Distinct days a member's shared minutes must fall on before its time of day says anything.
Three days within the same 21 minutes of the day is rare for wave traffic (a member of an
operation working eight hours a day lands there by chance less than once in a hundred), and a
study participant answering a daily reminder shares few minutes with five others."""
MIN_PERSONAL = 5
"""Members with such a clock a cluster needs before their clocks say anything."""


def scheduled_share(lockstep: pd.DataFrame, starts: np.ndarray, index: pd.Index) -> pd.Series:
    """Per cluster, in [0, 1]: how far its shared minutes (``lockstep`` rows: ``community,
    art``; ``starts``: per artifact code, the window's start in epoch minutes) recur at one
    point of the hour or of the week.

    Two shares ``s``, the larger counts, each mapped linearly from 0 at :data:`ON_SCHEDULE`'s
    first value to 1 at its second, and 0 with fewer than :data:`MIN_BUCKETS` distinct windows:

    - hourly: the share within ±1 minute of its most common minute of the hour (a CI fleet at
      :00 gives 1; random wave times about 0.05, up to 0.3 on a few dozen minutes);
    - weekly: the share within ±1 hour of its :data:`WEEKLY_SLOTS` most common hours of the
      week (a daylight-saving shift stays inside), each counted when its windows fall in
      :data:`MIN_WEEKS` distinct weeks or more (a class that meets every Tuesday evening, or
      on Tuesdays and Thursdays, gives 1; an operation's waves spread over its working hours
      give 0.44 at most over the 299 operation clusters of 24 windows or more on our 165
      survey runs, the tenth world's op_islands, whose cells work in one hour of the day; a
      one-off event, however concentrated, is not a timetable); counted over windows, and
      again over occasions (the distinct clock hours that hold a window), the larger counts: a
      consortium's weekly regression run at Monday 00:00 recurs in five weeks, but its
      one-off launch-day run holds as many windows as all of them together;
    - daily, on personal clocks (``lockstep`` with ``acct``; :func:`personal_clock`), which
      has its own evidence floors (days per member, members per cluster) and so counts below
      :data:`MIN_BUCKETS` too: a diary study's 80 participants in four time zones answer
      within minutes, but the minutes five of them share are only a couple of dozen.
    """
    out = pd.Series(0.0, index=index)
    buckets = lockstep[["community", "art"]].drop_duplicates()
    start = starts[buckets["art"].to_numpy()]
    ok = start >= 0
    community, start = buckets["community"].to_numpy()[ok], start[ok]
    if not len(community):
        return out
    codes, labels = pd.factorize(community)
    total = np.bincount(codes, minlength=len(labels)).astype(float)
    hourly, _ = share_near_peak(codes, len(labels), start % 60, 60)
    hour = start // 60 + MONDAY_OFFSET_H
    weekly = _weekly(codes, len(labels), hour)
    span = int(hour.max()) + 1
    occasion = pd.unique(codes.astype(np.int64) * span + hour)  # distinct (cluster, clock hour)
    by_occasion = _weekly(occasion // span, len(labels), occasion % span)
    share = np.where(total >= MIN_BUCKETS, np.maximum(hourly, np.maximum(weekly, by_occasion)), 0.0)
    if "acct" in lockstep.columns:
        daily = personal_clock(lockstep, starts).reindex(labels).fillna(0.0).to_numpy()
        share = np.maximum(share, daily)
    low, high = ON_SCHEDULE
    share = np.clip((share - low) / (high - low), 0.0, 1.0)
    return pd.Series(share, index=labels).reindex(index).fillna(0.0).astype(float)


def _weekly(codes: np.ndarray, n_codes: int, hour: np.ndarray) -> np.ndarray:
    """Per code, the share of its rows (``hour``: hours since the Monday before the epoch)
    within ±1 hour of its :data:`WEEKLY_SLOTS` most common hours of the week (the most common,
    then the most common of the rest, and so on), each slot counted only when its rows fall in
    :data:`MIN_WEEKS` distinct weeks or more."""
    total = np.bincount(codes, minlength=n_codes).astype(float)
    covered = np.zeros(n_codes)
    left = np.arange(len(codes))
    for _ in range(WEEKLY_SLOTS):
        if not len(left):
            break
        _, near = share_near_peak(codes[left], n_codes, hour[left] % WEEK_HOURS, WEEK_HOURS)
        slot = left[near]
        weeks = pd.Series(hour[slot] // WEEK_HOURS).groupby(codes[slot]).nunique()
        recurs = weeks.reindex(np.arange(n_codes)).fillna(0).to_numpy() >= MIN_WEEKS
        covered += np.where(recurs, np.bincount(codes[slot], minlength=n_codes), 0)
        left = left[~near]
    return covered / np.maximum(total, 1)


def personal_clock(lockstep: pd.DataFrame, starts: np.ndarray) -> pd.Series:
    """Per community: the median, over members whose shared minutes (``lockstep``: ``community,
    acct, art``) fall on :data:`MIN_DAYS` days or more, of the share of a member's shared minutes
    within ±:data:`PERSONAL_MINUTES` of its own most common time of day; 0 when fewer than
    :data:`MIN_PERSONAL` members have such a clock.

    Participants of a diary study answer the app's daily reminder at 20:00 their time: each
    member's minutes gather at one time of day (about 1), and the cluster's at one time per
    time zone. An office's staff log in at their shift's start, a CI platform runs everyone's
    nightly jobs after the same delay: one clock for many members, day after day. An
    operation's waves, and a scheduler's ticks spread over its hours, give each member a
    spread of times (0.33 at most, typically 0.11, over the 253 operation clusters listed on our survey worlds).
    """
    rows = lockstep[["community", "acct", "art"]].drop_duplicates()
    start = starts[rows["art"].to_numpy()]
    ok = start >= 0
    rows, start = rows[ok], start[ok]
    if rows.empty:
        return pd.Series(dtype=float)
    community = rows["community"].to_numpy().astype(np.int64)
    member = pd.factorize(community * (int(rows["acct"].max()) + 1) + rows["acct"].to_numpy())[0]
    days = pd.Series(start // 1440).groupby(member).nunique().to_numpy()
    dated = days[member] >= MIN_DAYS
    if not dated.any():
        return pd.Series(dtype=float)
    owner, _ = pd.factorize(member[dated])
    mine = _clock_share(owner, start[dated] % 1440)
    community_of = np.empty(len(mine), dtype=np.int64)
    community_of[owner] = community[dated]
    personal = pd.Series(mine).groupby(community_of)
    return personal.median().where(personal.size() >= MIN_PERSONAL, 0.0)


def _clock_share(owner: np.ndarray, minute_of_day: np.ndarray) -> np.ndarray:
    """Per owner code (``0..k-1``, every code present): the largest share of its rows within
    ±:data:`PERSONAL_MINUTES` of one of them, round the clock."""
    n = int(owner.max()) + 1
    span = 3 * 1440
    base = owner.astype(np.int64) * span + 1440
    m = minute_of_day.astype(np.int64)
    copies = np.sort(np.concatenate([base + m - 1440, base + m, base + m + 1440]))
    centre = base + m
    near = np.searchsorted(copies, centre + PERSONAL_MINUTES, "right") - np.searchsorted(
        copies, centre - PERSONAL_MINUTES, "left"
    )
    best = pd.Series(near).groupby(owner).max().reindex(np.arange(n), fill_value=0).to_numpy()
    return best / np.bincount(owner, minlength=n)


def share_near_peak(codes: np.ndarray, n_codes: int, phase: np.ndarray, cycle: int) -> tuple[np.ndarray, np.ndarray]:
    """Per code, the share of its rows within ±1 of its most common ``phase`` (round the
    ``cycle``), and which rows those are.

    >>> share_near_peak(np.array([0, 0, 0, 0]), 1, np.array([23, 0, 1, 12]), 24)[0].tolist()
    [0.75]
    """
    total = np.bincount(codes, minlength=n_codes).astype(float)
    counts = np.zeros((n_codes, cycle))
    np.add.at(counts, (codes, phase.astype(np.int64)), 1.0)
    near = counts + np.roll(counts, 1, axis=1) + np.roll(counts, -1, axis=1)
    peak = near.argmax(axis=1)
    offset = (phase - peak[codes]) % cycle
    return near.max(axis=1) / np.maximum(total, 1), (offset <= 1) | (offset == cycle - 1)
