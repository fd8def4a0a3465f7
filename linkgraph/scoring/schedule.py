"""Scheduled traffic: co-timing that recurs at one minute of the hour is a scheduler's.

A company's CI fleet fires its test prompts at the top of every hour; thousands of people's
cron jobs run at minute :00. Their accounts share minutes hour after hour, as an operation's
waves do, but always the same minute of the hour. An operation balancing load across its
accounts sends its waves whenever its queue fills: its shared minutes spread over the hour.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_BUCKETS = 24
"""Distinct shared minutes a cluster needs before its clock says anything (a day of hourly runs)."""


def lockstep_clock(artifacts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per artifact code: a code for the clock hour of a lockstep bucket's window, and its minute
    of the hour (-1 for other kinds in both).

    Bucket ids are ``ls:<window start, ISO>|<key>``: the hour is their characters 3 to 15, the
    minute their characters 17 and 18. Only the lockstep rows become Python text.
    """
    hours = np.full(len(artifacts), -1, dtype=np.int32)
    minutes = np.full(len(artifacts), -1, dtype=np.int16)
    rows = np.flatnonzero((artifacts["kind"] == "lockstep").to_numpy())
    if len(rows):
        names = pd.Series(artifacts["artifact"].array.take(rows)).astype(object)
        hours[rows] = pd.factorize(names.str.slice(3, 16))[0]
        minutes[rows] = pd.to_numeric(names.str.slice(17, 19), errors="coerce").fillna(-1).to_numpy(dtype=np.int16)
    return hours, minutes


ON_SCHEDULE = (0.5, 0.9)
"""The share of a cluster's shared minutes on its one minute of the hour (±1) from which its
traffic starts to count as scheduled, and from which it counts fully."""


def scheduled_share(lockstep: pd.DataFrame, minutes: np.ndarray, index: pd.Index) -> pd.Series:
    """Per cluster, in [0, 1]: how far its shared minutes (``lockstep`` rows: ``community,
    art``) fall within one minute of one minute of the hour.

    The share ``s`` of its distinct shared minutes within ±1 of its most common minute of the
    hour, mapped linearly from 0 at :data:`ON_SCHEDULE`'s first value to 1 at its second; 0
    with fewer than :data:`MIN_BUCKETS` of them. Random wave times give ``s`` about 0.05 (up
    to 0.3 on a few dozen minutes); a CI fleet at :00 gives 1.
    """
    out = pd.Series(0.0, index=index)
    buckets = lockstep[["community", "art"]].drop_duplicates()
    minute = minutes[buckets["art"].to_numpy()]
    ok = minute >= 0
    community = buckets["community"].to_numpy()[ok]
    if not len(community):
        return out
    codes, labels = pd.factorize(community)
    counts = np.zeros((len(labels), 60))
    np.add.at(counts, (codes, minute[ok].astype(np.int64)), 1.0)
    near = counts + np.roll(counts, 1, axis=1) + np.roll(counts, -1, axis=1)  # ±1 minute, round the hour
    total = counts.sum(axis=1)
    share = np.where(total >= MIN_BUCKETS, near.max(axis=1) / np.maximum(total, 1), 0.0)
    low, high = ON_SCHEDULE
    share = np.clip((share - low) / (high - low), 0.0, 1.0)
    return pd.Series(share, index=labels).reindex(index).fillna(0.0).astype(float)
