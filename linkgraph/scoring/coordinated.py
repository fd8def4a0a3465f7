"""Organisations in lockstep with each other: an organisation excuses its own coordination only.

A company's staff share its domain, its card and its office, and work to its rhythm: that
explains why they meet. It does not explain why they meet the staff of *another* company.
An operation hidden behind shell companies gives every shell a vanity domain, a corporate
card and an office address, and drives them all from one dispatcher: the shells' accounts
keep sending in the same minutes as each other's. Companies that happen to share a cluster
(a travel chain's two brands, in the fifteenth world) have no such windows: each works to
its own hours.

A member on one of its cluster's owned domains (:func:`~linkgraph.scoring.features.owned_members`)
is *coordinated across organisations* when it took part in at least ``min_buckets`` lockstep
buckets or waves of its cluster (:mod:`~linkgraph.scoring.cluster_waves`) in which members on
two or more different owned domains of the cluster took part. Such members do not count
towards the cluster's owned-domain share. Waves count because each shell may write its own
house style of the templates: a lockstep bucket is one minute and one template family, so
the shells never share one, while the dispatcher's waves hold them all (the thirteenth world
at 20k seed 13: 89 of 163 shell accounts missed, organisation 0.85, before). A
public evaluation run by a consortium's labs meets the same way, and its labs are small;
what keeps a scheduled public event off the list is its schedule, not its domains.

A card says the same at once (:func:`paid_across`): a company pays for its own staff, so a
card that members on two of a cluster's owned domains pay with is one payer behind both.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_BUCKETS = 2
"""Occasions shared with another organisation that make a member coordinated (twice is no accident)."""
CLOCK_WAVES = 0.5
"""The ``wave_scheduled`` at which a cluster's waves are a scheduler's, not occasions to meet."""


def cross_organisation(
    occasions: pd.DataFrame, acct: np.ndarray, domain: np.ndarray, min_buckets: int = MIN_BUCKETS
) -> np.ndarray:
    """Per member (``acct``, on the owned ``domain`` codes, ``-1`` when not on an owned domain):
    whether it is coordinated across organisations.

    ``occasions``: the cluster members' lockstep buckets and waves (``community, acct, art``;
    :func:`meeting_occasions`). Accounts belong to one cluster each, so an account's domain
    code says which organisation of its cluster it belongs to. Linear in the occasions.

    With an ``hour`` column (the bucket's or wave's clock hour), a member's mixed buckets count
    once per clock hour: one batch job filling seven consecutive minutes is one meeting, and
    twice means two separate times.
    """
    out = np.zeros(len(acct), dtype=bool)
    on_owned = domain >= 0
    if occasions.empty or not on_owned.any():
        return out
    dom_of = pd.Series(domain[on_owned], index=acct[on_owned])
    dom_of = dom_of[~dom_of.index.duplicated()]
    keep = ["community", "acct", "art"] + (["hour"] if "hour" in occasions.columns else [])
    rows = occasions[keep]
    rows = rows[rows["acct"].isin(dom_of.index).to_numpy()]
    if rows.empty:
        return out
    rows = rows.assign(dom=dom_of.reindex(rows["acct"].to_numpy()).to_numpy())
    n_orgs = rows.groupby(["community", "art"], observed=True)["dom"].transform("nunique").to_numpy()
    crossing = rows[n_orgs >= 2].drop_duplicates(["acct", keep[-1]])
    per_member = crossing.groupby("acct").size()
    coordinated = per_member.index[per_member.to_numpy() >= min_buckets].to_numpy()
    return np.isin(acct, coordinated) & on_owned


def meeting_occasions(
    shared: pd.DataFrame,
    wave_rows: pd.DataFrame,
    n_artifacts: int,
    wave_clock: pd.Series | None = None,
    starts: np.ndarray | None = None,
    wave_starts: np.ndarray | None = None,
) -> pd.DataFrame:
    """``community, acct, art``: the members' lockstep buckets (their ``shared`` links of kind
    ``lockstep``, not generic) and the waves of their cluster they rode (``wave_rows``, wave
    numbers shifted past the ``n_artifacts`` artifact codes): what :func:`cross_organisation` reads.

    ``wave_clock`` (per community, ``wave_scheduled``): waves at least :data:`CLOCK_WAVES` on a
    clock are left out: startups' hourly CI jobs fire at :00 each on its own domain, and when
    Leiden puts several in one cluster they meet at the top of every hour (the fifteenth world
    at 200k: 23 accounts listed). A scheduler's rhythm, not a dispatcher's.

    ``starts`` (per artifact code, a lockstep window's start in epoch minutes) and
    ``wave_starts`` (per wave number, its minute), given together, add the ``hour`` column that makes
    :func:`cross_organisation` count meetings per clock hour. An HPC centre's scheduler
    releases its queue after the weekly maintenance: research groups of two institutions
    sharing an evaluation harness run in the same seven minutes once (the thirteenth world at
    50k seed 2: 9 of 27 researchers counted as coordinated across organisations, before).
    """
    lockstep = shared[(shared["kind"] == "lockstep").to_numpy() & ~shared["generic"].to_numpy()]
    lockstep = lockstep[["community", "acct", "art"]]
    if wave_clock is not None and not wave_rows.empty:
        on_clock = wave_clock.reindex(wave_rows["community"].to_numpy()).fillna(0.0).to_numpy() >= CLOCK_WAVES
        wave_rows = wave_rows[~on_clock]
    if starts is not None and wave_starts is not None:
        lockstep = lockstep.assign(hour=starts[lockstep["art"].to_numpy()] // 60)
    if wave_rows.empty:
        return lockstep
    number = wave_rows["art"].to_numpy(dtype=np.int64)
    waves = wave_rows[["community", "acct", "art"]].assign(art=number + n_artifacts)
    if starts is not None and wave_starts is not None:
        waves = waves.assign(hour=wave_starts[number] // 60)
    return pd.concat([lockstep, waves], ignore_index=True)


def paid_across(shared: pd.DataFrame, acct: np.ndarray, domain: np.ndarray) -> np.ndarray:
    """Per member (``acct``, on the owned ``domain`` codes as for :func:`cross_organisation`):
    whether it pays with a card that members on another owned domain of its cluster pay with.

    ``shared``: the members' shared links (``community, acct, art, kind, generic``); a generic
    card (a payment platform's token on thousands of accounts) is nobody's. On the 111 survey
    runs of 2026-12-07 the only clusters of companies with such a card were the tenth
    world's op_bridge, whose sub-network of three custom domains pays with a few cards of
    about 18 accounts each across all three (organisation 1.0, risk 0.01 before).
    """
    cards = shared[(shared["kind"] == "payment").to_numpy() & ~shared["generic"].to_numpy()]
    return cross_organisation(cards[["community", "acct", "art"]], acct, domain, min_buckets=1)
