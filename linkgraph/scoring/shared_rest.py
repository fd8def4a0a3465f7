"""Round-the-clock accounts that all rest in the same hours: one operator's clock.

People work, sleep and send in their own hours: even a reviewer on twelve-hour shifts covers
half the day. A program sends around the clock. Programs that users run on their own (uptime
probes, CI jobs, a tool's scheduler) keep their own hours and stop at no common time; an
operation's accounts, each on its own card, address and paraphrases, stop together when their
operator pauses them (maintenance, a shift change, a budget window): every day the same UTC
hours are empty for all of them, whichever country they claim.

A member **works round the clock** when, over :data:`MIN_DAYS` or more active days, the
median day's span (24 minus the longest circular gap between its active UTC hours, plus one)
is at least :data:`ROUND_THE_CLOCK_SPAN` hours. A cluster's round-the-clock members **rest
together** when the quietest :data:`REST_HOURS` consecutive UTC hours of their pooled active
hours hold at most :data:`REST_SHARE` of the share those hours would hold over a flat day,
and there are at least ``min_members`` of them. :func:`shared_rest` is then the share of the
cluster's members with requests who work round the clock (0 otherwise): an identity link like
a shared card (:mod:`~linkgraph.scoring.independence`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ROUND_THE_CLOCK_SPAN = 18
"""Hours of the day a member's median active day spans to count as working round the clock."""
MIN_DAYS = 3
"""Active days a member needs before its day's span counts."""
REST_HOURS = 3
"""Consecutive UTC hours the common rest spans."""
REST_SHARE = 0.05
"""The most of a flat day's share of activity that the rest hours may hold."""
HOURS = 24


def _day_spans(hours: pd.DataFrame) -> pd.DataFrame:
    """``acct, day, span`` from distinct ``acct, day, hod`` rows (see the module docstring)."""
    h = hours.sort_values(["acct", "day", "hod"], kind="stable")
    acct, day, hod = (h[c].to_numpy() for c in ("acct", "day", "hod"))
    start = np.ones(len(h), dtype=bool)
    start[1:] = (acct[1:] != acct[:-1]) | (day[1:] != day[:-1])
    group = np.cumsum(start) - 1
    first = hod[start]
    gap = np.empty(len(h), dtype=np.int64)  # from each active hour to the next in the day, circularly
    gap[:-1] = hod[1:] - hod[:-1]
    end = np.r_[start[1:], True]
    gap[end] = first[group[end]] + HOURS - hod[end]
    widest = np.zeros(group[-1] + 1 if len(h) else 0, dtype=np.int64)
    np.maximum.at(widest, group, gap)
    return pd.DataFrame({"acct": acct[start], "day": day[start], "span": HOURS - widest + 1})


def round_the_clock(minutes: pd.DataFrame) -> np.ndarray:
    """Account codes in ``minutes`` (``acct, minute``) whose median active day spans
    :data:`ROUND_THE_CLOCK_SPAN` hours or more over :data:`MIN_DAYS` or more days."""
    if minutes.empty:
        return np.empty(0, dtype=np.int64)
    hour = minutes["minute"].to_numpy() // 60
    hours = pd.DataFrame({"acct": minutes["acct"].to_numpy(), "day": hour // HOURS, "hod": hour % HOURS})
    spans = _day_spans(hours.drop_duplicates())
    per = spans.groupby("acct")["span"].agg(["median", "size"])
    ok = (per["size"] >= MIN_DAYS) & (per["median"] >= ROUND_THE_CLOCK_SPAN)
    return per.index[ok.to_numpy()].to_numpy(dtype=np.int64)


def shared_rest(minutes: pd.DataFrame, min_members: int) -> pd.Series:
    """Per community: the share of its members with requests that work round the clock, where
    at least ``min_members`` do and all of them rest in the same UTC hours; 0 elsewhere.

    ``minutes``: distinct ``community, acct, minute`` of the members' requests
    (:func:`~linkgraph.scoring.cluster_waves.member_minutes`).
    """
    members = minutes.groupby("community")["acct"].nunique()
    out = pd.Series(0.0, index=members.index)
    clock = round_the_clock(minutes[["acct", "minute"]])
    if len(clock) == 0:
        return out
    rtc = minutes[np.isin(minutes["acct"].to_numpy(), clock)]
    hour = rtc["minute"].to_numpy() // 60
    active = pd.DataFrame({"community": rtc["community"].to_numpy(), "acct": rtc["acct"].to_numpy(), "hour": hour})
    active = active.drop_duplicates()
    counts = pd.crosstab(active["community"], active["hour"].to_numpy() % HOURS)
    counts = counts.reindex(columns=range(HOURS), fill_value=0)
    h = counts.to_numpy(dtype=np.float64)
    window = np.sum([np.roll(h, -k, axis=1) for k in range(REST_HOURS)], axis=0)
    fair = h.sum(axis=1) * REST_HOURS / HOURS
    rests = window.min(axis=1) <= REST_SHARE * fair
    n_clock = active.groupby("community")["acct"].nunique().reindex(counts.index)
    keep = rests & (n_clock.to_numpy() >= min_members)
    share = (n_clock / members.reindex(counts.index))[keep]
    out.loc[share.index] = share.to_numpy()
    return out
