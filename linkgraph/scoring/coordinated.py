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
buckets of its cluster in which members on two or more different owned domains of the
cluster took part. Such members do not count towards the cluster's owned-domain share. A
public evaluation run by a consortium's labs meets the same way, and its labs are small;
what keeps a scheduled public event off the list is its schedule, not its domains.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_BUCKETS = 2
"""Lockstep buckets shared with another organisation that make a member coordinated (twice is no accident)."""


def cross_organisation(
    lockstep: pd.DataFrame, acct: np.ndarray, domain: np.ndarray, min_buckets: int = MIN_BUCKETS
) -> np.ndarray:
    """Per member (``acct``, on the owned ``domain`` codes, ``-1`` when not on an owned domain):
    whether it is coordinated across organisations.

    ``lockstep``: the cluster members' links to lockstep buckets (``community, acct, art``).
    Accounts belong to one cluster each, so an account's domain code says which
    organisation of its cluster it belongs to. Linear in the lockstep links.
    """
    out = np.zeros(len(acct), dtype=bool)
    on_owned = domain >= 0
    if lockstep.empty or not on_owned.any():
        return out
    dom_of = pd.Series(domain[on_owned], index=acct[on_owned])
    dom_of = dom_of[~dom_of.index.duplicated()]
    rows = lockstep[["community", "acct", "art"]]
    rows = rows[rows["acct"].isin(dom_of.index).to_numpy()]
    if rows.empty:
        return out
    rows = rows.assign(dom=dom_of.reindex(rows["acct"].to_numpy()).to_numpy())
    n_orgs = rows.groupby(["community", "art"], observed=True)["dom"].transform("nunique").to_numpy()
    crossing = rows[n_orgs >= 2].drop_duplicates(["acct", "art"])
    per_member = crossing.groupby("acct").size()
    coordinated = per_member.index[per_member.to_numpy() >= min_buckets].to_numpy()
    return np.isin(acct, coordinated) & on_owned
