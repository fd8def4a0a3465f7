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

Linear in the members' requests: distinct (member, minute) pairs, then group-bys.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

WAVE_MEMBERS = 5
"""Members a minute needs before it can be a wave."""
WAVE_LIFT = 10.0
"""How many times the members' per-minute rate over the rest of the clock hour a wave needs."""
QUIET_RATE = 0.05
"""The per-minute rate an otherwise silent hour counts as (so five members make a wave)."""
RETURNING_WAVES = 3
"""Wave minutes a member must take part in to ride the cluster's waves."""

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
    """``community, minute`` of each cluster's wave minutes (see the module docstring)."""
    per_minute = minutes.groupby(["community", "minute"], sort=False).size().rename("k").reset_index()
    hour = per_minute["minute"].to_numpy() // 60
    in_hour = per_minute.groupby([per_minute["community"].to_numpy(), hour], sort=False)["k"].transform("sum")
    k = per_minute["k"].to_numpy()
    rest = np.maximum((in_hour.to_numpy() - k) / 59.0, QUIET_RATE)
    wave = (k >= WAVE_MEMBERS) & (k >= WAVE_LIFT * rest)
    return per_minute.loc[wave, ["community", "minute"]]


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
    waves = wave_minutes(minutes).reset_index(drop=True)
    waves["art"] = np.arange(len(waves), dtype=np.int64)
    taken = minutes.merge(waves, on=["community", "minute"])
    per_account = taken.groupby("acct")["art"].transform("size").to_numpy()
    rows = taken.loc[per_account >= RETURNING_WAVES, ["community", "acct", "art"]].reset_index(drop=True)
    size = np.bincount(community_of[members])
    riders = np.unique(rows["acct"].to_numpy())
    hits = np.bincount(community_of[riders], minlength=len(size))
    present = np.flatnonzero(size)
    share = pd.Series(hits[present] / size[present], index=present)
    return ClusterWaves(share, rows, waves["minute"].to_numpy(dtype=np.int64))
