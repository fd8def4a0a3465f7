"""Cluster sessions: a cluster's members at work in the same clock hours, day after day, off any clock.

An operation's cell works in sessions: an operator starts its accounts' jobs together, and
for an hour they all send, a request or two a minute at most, spread over the hour (the
independent world's hydra cells: 20–40 accounts, 10–20 one-hour sessions over their life).
No minute holds five of them on one key, so neither the lockstep buckets nor the cluster's
own waves (:mod:`~linkgraph.scoring.cluster_waves`) see anything. Their hours do: in a
**session hour** :data:`SESSION_MEMBERS` or more of the cluster's members sent a request,
:data:`SESSION_LIFT` times or more the members active per hour over the rest of that UTC
day (an otherwise silent day counts as :data:`QUIET_RATE` members an hour). An office is busy for
eight hours a day, so none of its hours stands out; a class, a lab's batch window or a
reminder recurs at one hour of the day, which the clock below discounts.

A member **works in sessions** when its session hours fall on :data:`SESSION_DAYS` distinct
days or more: a one-off event (a launch day, a hackathon, a single burst) is not a working
pattern. ``session_share`` is the share of the cluster's basis that does. ``session_scheduled``
is how far the session hours recur at one hour of the day (the share within ±1 hour of the
most common one, mapped from 0 at :data:`ON_CLOCK`'s first value to 1 at its second): an
HPC centre's nightly batch window, a bootcamp's class hour. The risk score weighs the share
beyond the other timing signals (see ``scoring.clusters.add_risk``), off the clock.

Linear in the members' distinct (member, minute) pairs: one more group-by on hours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkgraph.scoring.schedule import share_near_peak

SESSION_MEMBERS = 5
"""Members an hour needs before it can be a session."""
SESSION_LIFT = 10.0
"""How many times the members' per-hour rate over the rest of the UTC day a session needs."""
QUIET_RATE = 0.2
"""The per-hour rate an otherwise silent day counts as (so five members make a session)."""
SESSION_DAYS = 3
"""Distinct days a member's session hours must fall on before it works in sessions."""
ON_CLOCK = (0.5, 0.9)
"""The share of session hours within ±1 hour of the most common hour of the day from which
the sessions start to count as scheduled, and from which they count fully."""
DAY_HOURS = 24


@dataclass
class ClusterSessions:
    """Per community: ``share`` of its members working in sessions; ``scheduled`` in [0, 1]."""

    share: pd.Series
    scheduled: pd.Series


def member_hours(minutes: pd.DataFrame) -> pd.DataFrame:
    """Distinct ``community, acct, hour`` (hours since the epoch) of ``community, acct, minute`` rows."""
    hours = pd.DataFrame(
        {
            "community": minutes["community"].to_numpy(),
            "acct": minutes["acct"].to_numpy(),
            "hour": minutes["minute"].to_numpy() // 60,
        }
    )
    return hours.drop_duplicates().reset_index(drop=True)


def session_hours(hours: pd.DataFrame) -> pd.DataFrame:
    """``community, hour`` of each cluster's session hours (see the module docstring)."""
    per_hour = hours.groupby(["community", "hour"], sort=False).size().rename("k").reset_index()
    day = per_hour["hour"].to_numpy() // DAY_HOURS
    in_day = per_hour.groupby([per_hour["community"].to_numpy(), day], sort=False)["k"].transform("sum")
    k = per_hour["k"].to_numpy()
    rest = np.maximum((in_day.to_numpy() - k) / (DAY_HOURS - 1.0), QUIET_RATE)
    session = (k >= SESSION_MEMBERS) & (k >= SESSION_LIFT * rest)
    return per_hour.loc[session, ["community", "hour"]].reset_index(drop=True)


def cluster_sessions(minutes: pd.DataFrame, community_of: np.ndarray) -> ClusterSessions:
    """The sessions of the clusters ``community_of`` (≥ 0), from their members' minutes.

    ``minutes``: :func:`~linkgraph.scoring.cluster_waves.member_minutes`. ``share`` has every
    cluster with members (0 without sessions), ``scheduled`` those with sessions.
    """
    size = np.bincount(community_of[community_of >= 0])
    present = np.flatnonzero(size)
    hits = np.zeros(len(size), dtype=np.int64)
    scheduled = pd.Series(dtype=float)
    hours = member_hours(minutes)
    sessions = session_hours(hours) if len(hours) else hours.iloc[:0]
    if len(sessions):
        taken = hours.merge(sessions, on=["community", "hour"])
        days = taken.assign(day=taken["hour"] // DAY_HOURS).groupby(["community", "acct"])["day"].nunique()
        workers = days[days >= SESSION_DAYS].reset_index()
        hits = np.bincount(workers["community"].to_numpy(dtype=np.int64), minlength=len(size))
        codes, labels = pd.factorize(sessions["community"].to_numpy())
        clock, _ = share_near_peak(codes, len(labels), sessions["hour"].to_numpy() % DAY_HOURS, DAY_HOURS)
        low, high = ON_CLOCK
        scheduled = pd.Series(np.clip((clock - low) / (high - low), 0.0, 1.0), index=labels)
    return ClusterSessions(pd.Series(hits[present] / size[present], index=present), scheduled)
