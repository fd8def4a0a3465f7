"""A scheduler's egress: addresses a cluster's members use only for its scheduled job.

A seat-splitting service checks every seat's quota at 06:00 each day from its own two
servers; a CI platform runs its customers' nightly prompts from its runners. Each member's
own traffic comes from home or a phone, and the service's addresses carry nothing but the
scheduled minutes (:mod:`~linkgraph.scoring.schedule`). Shared by the whole cluster, they
read as a proxy pool the members rotate through, though they only say where the scheduler
runs, and the schedule is already weighed as such. An operation's proxies carry its
members' own traffic, between and beyond any shared minutes.

An IP link is *on the member's clock* when its first and last use both fall within a minute of
a time of day at which the member shares minutes with others (the start of one of its lockstep
buckets), and it carried no more requests than one per such time and day between them: every
use could be the scheduler's. A daily job that did not make a shared bucket one morning (too
few seats awake yet) still falls on the member's clock. An IP is the cluster's scheduler
egress when the cluster's traffic is scheduled and every member link to it is on the clock,
leaving out members that share no minute with others at all (one seat of a hundred at the
eighteenth world's 20k seed 3), as long as they are under half of the address's members.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DAY_MINUTES = 1440
"""A member's clock: the minutes of the day at which it shares minutes with others."""
JUDGED_SHARE = 0.5
"""The share of an address's member links whose members have a clock at all, for it to be judged."""


def scheduler_egress(
    ips: pd.DataFrame, lockstep: pd.DataFrame, links: pd.DataFrame, scheduled: pd.Series
) -> np.ndarray:
    """Which rows of ``ips`` (``link, acct, community, art``: members' links to shared IPs)
    are to an IP that is the scheduler's egress of its cluster (see the module docstring).

    ``lockstep``: the members' lockstep links (``link, acct, community``); ``links``: the
    graph's link table (``first_seen, last_seen, count`` by link row); ``scheduled``: per
    community, how far its shared minutes recur on a clock (only communities above 0 count).
    """
    out = np.zeros(len(ips), dtype=bool)
    on_clock = scheduled[scheduled > 0].index.to_numpy()
    rows = np.flatnonzero(np.isin(ips["community"].to_numpy(), on_clock))
    lockstep = lockstep[np.isin(lockstep["community"].to_numpy(), on_clock)]
    if not len(rows) or lockstep.empty or "count" not in links.columns:
        return out
    start, _, _ = _times(links, lockstep["link"].to_numpy())
    dated = start >= 0
    phase = np.unique(
        lockstep["acct"].to_numpy()[dated].astype(np.int64) * DAY_MINUTES + start[dated] // 60 % DAY_MINUTES
    )
    acct_of = phase // DAY_MINUTES
    near = np.unique(np.concatenate([acct_of * DAY_MINUTES + (phase + d) % DAY_MINUTES for d in (-1, 0, 1)]))

    acct = ips["acct"].to_numpy()[rows].astype(np.int64)
    t0, t1, n = _times(links, ips["link"].to_numpy()[rows])
    phases = np.bincount(acct_of, minlength=int(acct.max()) + 1)[acct]  # the member's times of day

    def on_member_clock(t: np.ndarray) -> np.ndarray:
        return (t >= 0) & np.isin(acct * DAY_MINUTES + t // 60 % DAY_MINUTES, near)

    days = t1 // 86400 - t0 // 86400 + 1
    only = on_member_clock(t0) & on_member_clock(t1) & (n > 0) & (n <= days * phases)
    judged = phases > 0  # a member that shares no minute with others says nothing about the address
    per_ip = pd.DataFrame({"ok": only | ~judged, "judged": judged}).groupby(
        [ips["community"].to_numpy()[rows], ips["art"].to_numpy()[rows]]
    )
    whole = per_ip["ok"].transform("all") & (per_ip["judged"].transform("mean") >= JUDGED_SHARE)
    out[rows] = whole.to_numpy(dtype=bool)
    return out


def _times(links: pd.DataFrame, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the link ``rows``: first and last use in epoch seconds (-1: unknown) and the
    request count (0: unknown)."""

    def seconds(column: str) -> np.ndarray:
        taken = pd.to_datetime(links[column].take(rows), utc=True)
        ns = taken.to_numpy(dtype="datetime64[ns]").view(np.int64)
        return np.where(ns == np.iinfo(np.int64).min, -1, ns // 1_000_000_000)

    count = pd.to_numeric(links["count"].take(rows), errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    return seconds("first_seen"), seconds("last_seen"), count
