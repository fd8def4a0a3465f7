"""Cluster waves: a cluster's members fire in the same minute, far above their own rate that hour.

The lockstep signal (:mod:`linkgraph.signals.lockstep`) finds minutes in which five accounts
send on one key, across the whole population, and a wave spread over many paraphrase
families or jittered over a few minutes leaves no such bucket in a small world (the
thirteenth world at 5k: a pool of 39 recruited mules whose relay agents each pick up the
queue's job within a minute, a fresh paraphrase of one of six families each time, read no
lockstep at all). Once the cluster is known, its own traffic shows them: in a **wave minute**
:data:`WAVE_MEMBERS` or more of its members sent a request, :data:`WAVE_LIFT` times or more
the members active per minute over the rest of that clock hour. Offices and households are
busy for hours, not for a minute; an hour that is otherwise quiet needs the five members.
A wave jittered over a few minutes (each member sends within a minute or two of the call,
two or three to a minute) makes a **wave window** instead: :data:`JITTER` minutes either side
of a centre hold the five members, ten times what the hour's rate puts in three minutes
(the independent world's varied operation: a quarter of its members per wave, half of them
±2 minutes late). Centres whose minutes overlap are one wave.

A member **rides the waves** when it took part in :data:`RETURNING_WAVES` or more of them.
The feature is the share of the cluster's basis that does (``wave_share``). It is timing
evidence like the lockstep buckets, so it adds only what they do not already say: the risk
score weighs ``wave_share − lockstep_share`` (see ``scoring.clusters.add_risk``). Waves
that recur on a clock (:func:`~linkgraph.scoring.schedule.scheduled_share` of the waves,
``wave_scheduled``: one minute of the hour, one hour of the week, or each member at its own
time of day) add nothing: a study app's daily reminder at 20:00 local time has its
participants answer together, day after day. They do not discount either: an operation's
cells that run a daily job at a fixed hour look the same (the eleventh world's op_kiosk was
missed at every seed when the waves' clock counted as `scheduled`).

Linear in the members' requests: distinct (member, minute) pairs, each read in the three
windows it falls in (only those its previous minute did not reach), counted by sorting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkgraph.codes import distinct_ints, sorted_counts, sorted_unique

WAVE_MEMBERS = 5
"""Members a minute needs before it can be a wave."""
WAVE_LIFT = 10.0
"""How many times the members' per-minute rate over the rest of the clock hour a wave needs."""
QUIET_RATE = 0.05
"""The per-minute rate an otherwise silent hour counts as (so five members make a wave)."""
RETURNING_WAVES = 3
"""Waves a member must take part in to ride the cluster's waves."""
JITTER = 1
"""Minutes either side of a wave window's centre: members jittered over three minutes still meet."""

MINUTE_NS = 60 * 10**9


def member_minutes(requests: pd.DataFrame, community_of: np.ndarray) -> pd.DataFrame:
    """Distinct ``community, acct, minute`` of the requests of accounts with ``community_of`` ≥ 0."""
    acct = requests["acct"].to_numpy()
    inside = (acct >= 0) & (acct < len(community_of))
    inside[inside] = community_of[acct[inside]] >= 0
    stamps = pd.DatetimeIndex(pd.to_datetime(requests["timestamp"][inside], utc=True)).as_unit("ns")
    ok = ~np.asarray(stamps.isna())
    acct = acct[inside][ok]
    frame = pd.DataFrame({"acct": acct, "minute": stamps.asi8[ok] // MINUTE_NS}).drop_duplicates()
    frame.insert(0, "community", community_of[frame["acct"].to_numpy()])
    return frame.reset_index(drop=True)


def wave_minutes(minutes: pd.DataFrame) -> pd.DataFrame:
    """``community, minute, lo, hi`` of each cluster's wave centres (see the module docstring).

    ``lo, hi``: the minutes a member's request takes part in: the centre alone for a wave
    minute, the centre ±:data:`JITTER` for a wave window.
    """
    if minutes.empty:
        return pd.DataFrame({"community": [], "minute": [], "lo": [], "hi": []}, dtype=np.int64)
    all_community = minutes["community"].to_numpy().astype(np.int64)
    all_minute = minutes["minute"].to_numpy().astype(np.int64)
    base = int(all_minute.min())
    span = int(all_minute.max()) - base + 1
    key, k = sorted_counts(all_community * span + (all_minute - base))  # members per cluster and minute, in order
    community, minute = key // span, key % span + base
    hour = minute // 60
    first = np.flatnonzero(np.r_[True, (community[1:] != community[:-1]) | (hour[1:] != hour[:-1])])
    in_hour = np.repeat(np.add.reduceat(k, first), np.diff(np.r_[first, len(k)]))  # summed over the clock hour
    rest = np.maximum((in_hour - k) / 59.0, QUIET_RATE)
    exact = (k >= WAVE_MEMBERS) & (k >= WAVE_LIFT * rest)
    found = [pd.DataFrame({"community": community[exact], "minute": minute[exact], "lo": minute[exact]})]
    found[0]["hi"] = found[0]["lo"]
    window = _wave_windows(minutes, community, minute, in_hour)
    if len(window):
        found.append(window)
    waves = pd.concat(found, ignore_index=True).sort_values(["community", "minute", "lo"])
    return waves.drop_duplicates(["community", "minute"]).reset_index(drop=True)  # a window's wider range first


def _wave_windows(
    minutes: pd.DataFrame, community: np.ndarray, minute: np.ndarray, in_hour: np.ndarray
) -> pd.DataFrame:
    """Wave windows: centres whose :data:`JITTER` minutes either side hold :data:`WAVE_MEMBERS`
    or more members, :data:`WAVE_LIFT` times or more what the rest of the hour's rate puts in
    such a window (of the busier hour, for a window across two).

    ``community, minute, in_hour``: per cluster and minute with requests, its members'
    requests summed over the clock hour (:func:`wave_minutes`).
    """
    width = 2 * JITTER + 1
    m = minutes["minute"].to_numpy().astype(np.int64)
    if not len(m):
        return pd.DataFrame({"community": [], "minute": [], "lo": [], "hi": []}, dtype=np.int64)
    base = int(m.min()) - JITTER
    span = int(m.max()) + JITTER - base + 1
    members, member = distinct_ints(minutes["acct"].to_numpy().astype(np.int64))
    community_of = np.empty(len(members), dtype=np.int64)
    community_of[member] = minutes["community"].to_numpy()
    owner, offset = _centres(member.astype(np.int64), m - base, span)
    labels, rank_of = distinct_ints(community_of)
    window, w = sorted_counts(rank_of[owner].astype(np.int64) * span + offset)
    enough = w >= WAVE_MEMBERS
    window, w = window[enough], w[enough]
    cluster, centre = labels[window // span], window % span + base
    hours = pd.Series(in_hour, index=pd.MultiIndex.from_arrays([community, minute // 60])).groupby(level=[0, 1]).first()
    busy = np.zeros(len(window))
    for edge in (-JITTER, JITTER):  # a window across two clock hours reads the busier one
        key = pd.MultiIndex.from_arrays([cluster, (centre + edge) // 60])
        busy = np.maximum(busy, hours.reindex(key).fillna(0.0).to_numpy())
    rest = np.maximum((busy - w) / (60.0 - width), QUIET_RATE)
    wave = w >= WAVE_LIFT * width * rest
    return pd.DataFrame(
        {"community": cluster[wave], "minute": centre[wave], "lo": centre[wave] - JITTER, "hi": centre[wave] + JITTER}
    )


def _centres(member: np.ndarray, offset: np.ndarray, span: int) -> tuple[np.ndarray, np.ndarray]:
    """Each member once per window centre within :data:`JITTER` of one of its minutes (``offset``,
    at least :data:`JITTER` and below ``span - JITTER``): ``member, centre`` pairs.

    Sorted by member and minute, a minute adds only the centres its predecessor's did not reach
    (one sort of the minutes instead of one of three times as many centres).
    """
    keys = sorted_unique(member * span + offset)
    owner, at = np.divmod(keys, span)
    same = np.r_[False, owner[1:] == owner[:-1]]
    reached = np.where(same, np.r_[np.int64(0), at[:-1]] + JITTER, -1)  # the previous minute's last centre
    first = np.maximum(at - JITTER, reached + 1)
    count = at + JITTER - first + 1
    starts = np.repeat(first - np.cumsum(count) + count, count)
    return np.repeat(owner, count), starts + np.arange(int(count.sum()))


@dataclass
class ClusterWaves:
    """Each cluster's waves and who rode them.

    ``share``: per community, the share of its accounts riding its waves; ``rows``:
    ``community, acct, art``, one row per rider and wave it took part in, ``art`` numbering
    the waves; ``starts``: per wave number, its minute (minutes since the epoch). ``rows`` and
    ``starts`` read like lockstep buckets, so the clock of
    :func:`~linkgraph.scoring.schedule.scheduled_share` reads them too.
    """

    share: pd.Series
    rows: pd.DataFrame
    starts: np.ndarray


def cluster_waves(minutes: pd.DataFrame, community_of: np.ndarray) -> ClusterWaves:
    """The waves of the clusters ``community_of`` (≥ 0), from :func:`member_minutes` of their requests."""
    empty = ClusterWaves(pd.Series(dtype=float), pd.DataFrame({"community": [], "acct": [], "art": []}), np.zeros(0))
    members = community_of >= 0
    if minutes.empty or not members.any():
        return empty
    waves = _episodes(wave_minutes(minutes))
    span = (waves["hi"] - waves["lo"] + 1).to_numpy()
    offsets = np.arange(len(span)).repeat(span)
    within = np.arange(int(span.sum())) - np.repeat(np.cumsum(span) - span, span)
    reach = pd.DataFrame(
        {
            "community": waves["community"].to_numpy()[offsets],
            "minute": waves["lo"].to_numpy()[offsets] + within,
            "art": waves["art"].to_numpy()[offsets],
        }
    ).drop_duplicates(["community", "minute"])
    taken = minutes.merge(reach, on=["community", "minute"])[["community", "acct", "art"]].drop_duplicates()
    per_account = taken.groupby("acct")["art"].transform("size").to_numpy()
    rows = taken.loc[per_account >= RETURNING_WAVES, ["community", "acct", "art"]].reset_index(drop=True)
    size = np.bincount(community_of[members])
    riders = np.unique(rows["acct"].to_numpy())
    hits = np.bincount(community_of[riders], minlength=len(size))
    present = np.flatnonzero(size)
    share = pd.Series(hits[present] / size[present], index=present)
    starts = waves.groupby("art", sort=True)["minute"].min().to_numpy(dtype=np.int64)
    return ClusterWaves(share, rows, starts)


def _episodes(waves: pd.DataFrame) -> pd.DataFrame:
    """``waves`` with ``art``, one number per wave: centres whose ranges overlap are one wave."""
    waves = waves.sort_values(["community", "lo", "hi"]).reset_index(drop=True)
    reach = waves.groupby("community", sort=False)["hi"].cummax()
    before = reach.groupby(waves["community"], sort=False).shift()
    fresh = before.isna().to_numpy() | (waves["lo"].to_numpy() > before.fillna(0).to_numpy())
    waves["art"] = np.cumsum(fresh) - 1
    return waves
