"""Scheduled traffic: co-timing that recurs at one point of a cycle is a scheduler's or a timetable's.

A company's CI fleet fires its test prompts at the top of every hour; thousands of people's
cron jobs run at minute :00. Their accounts share minutes hour after hour, as an operation's
waves do, but always the same minute of the hour. A class meets at the same hour every week:
its students send the week's exercise in the same minutes, week after week, and never at
another time. An operation balancing load across its accounts sends its waves whenever its
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
WEEK_HOURS = 168
MONDAY_OFFSET_H = 72
"""Hours from the Monday 00:00 before the epoch (a Thursday) to the epoch."""


def scheduled_share(lockstep: pd.DataFrame, starts: np.ndarray, index: pd.Index) -> pd.Series:
    """Per cluster, in [0, 1]: how far its shared minutes (``lockstep`` rows: ``community,
    art``; ``starts``: per artifact code, the window's start in epoch minutes) recur at one
    point of the hour or of the week.

    Two shares ``s``, the larger counts, each mapped linearly from 0 at :data:`ON_SCHEDULE`'s
    first value to 1 at its second, and 0 with fewer than :data:`MIN_BUCKETS` distinct windows:

    - hourly: the share within ±1 minute of its most common minute of the hour (a CI fleet at
      :00 gives 1; random wave times about 0.05, up to 0.3 on a few dozen minutes);
    - weekly: the share within ±1 hour of its most common hour of the week (a daylight-saving
      shift stays inside), when those windows fall in :data:`MIN_WEEKS` distinct weeks or
      more (a class that meets every Tuesday evening gives 1; an operation's waves spread
      over its working hours give 0.2 at most on our survey worlds, and a one-off event,
      however concentrated, is not a timetable).
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
    hourly, _ = _on_one_point(codes, len(labels), start % 60, 60, total)
    hour = start // 60 + MONDAY_OFFSET_H
    weekly, near = _on_one_point(codes, len(labels), hour % WEEK_HOURS, WEEK_HOURS, total)
    weeks = pd.Series(hour[near] // WEEK_HOURS).groupby(codes[near]).nunique()
    weekly = np.where(weeks.reindex(np.arange(len(labels))).fillna(0).to_numpy() >= MIN_WEEKS, weekly, 0.0)
    share = np.where(total >= MIN_BUCKETS, np.maximum(hourly, weekly), 0.0)
    low, high = ON_SCHEDULE
    share = np.clip((share - low) / (high - low), 0.0, 1.0)
    return pd.Series(share, index=labels).reindex(index).fillna(0.0).astype(float)


def _on_one_point(
    codes: np.ndarray, n_codes: int, phase: np.ndarray, cycle: int, total: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per code, the share of its windows within ±1 of its most common ``phase`` (round the
    ``cycle``), and which windows those are."""
    counts = np.zeros((n_codes, cycle))
    np.add.at(counts, (codes, phase.astype(np.int64)), 1.0)
    near = counts + np.roll(counts, 1, axis=1) + np.roll(counts, -1, axis=1)
    peak = near.argmax(axis=1)
    offset = (phase - peak[codes]) % cycle
    return near.max(axis=1) / np.maximum(total, 1), (offset <= 1) | (offset == cycle - 1)
