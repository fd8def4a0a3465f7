"""Cohorts: small companies that meet at one venue on a timetable.

An accelerator's batch signs its founders up on kickoff night: each startup on a vanity
domain of its own, with one company card and a cloud VM of its own, two to four founders
each. Twice a week they meet at the programme's coworking space for workshops, send the
workshop's exercise in the same minutes from the space's NAT, and try a new model together
at the launch party. Leiden puts the batch in one cluster, and its burst, cards, shared
addresses, templates and co-timing read like an operation's. A startup of three is below the
five members that make a domain a company (:func:`~linkgraph.scoring.features.owned_members`:
a throwaway domain per cell of three or four accounts is no company), so nothing excuses them.

:func:`cohort_members` does, for startups that hold together on their own: each pays with a
card only its members use and works from an address only its members use (its VM, its
office), and the companies meet only at one venue (at most :data:`VENUE_MAX` addresses that
members of two or more of them use) on a timetable (the cluster's lockstep ``scheduled``).
An operation that dresses its cells up as startups runs them from shared infrastructure: its
VMs serve several companies each (dozens of addresses across companies in the twentieth
world's op_grantfarm), and its dispatcher's minutes spread over the day and the week.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.features import owned_members

MIN_COMPANIES = 3
"""Self-contained companies a cluster needs before it reads as a cohort."""
VENUE_MAX = 4
"""The most addresses a cohort's companies may share (one venue's NAT, as an office's pool)."""
ON_TIMETABLE = 0.5
"""The cluster's ``scheduled`` from which its companies' meetings are the timetable's."""


def cohort_members(
    shared: pd.DataFrame,
    acct: np.ndarray,
    community: np.ndarray,
    domain: pd.Series,
    domain_counts: pd.Series,
    scheduled: pd.Series,
    min_ownership: float = 0.5,
) -> np.ndarray:
    """Per member (``acct`` in ``community``, on email ``domain``): whether it belongs to a
    self-contained company of a cohort (see the module docstring).

    A company is a domain with two or more of the cluster's members that the cluster owns
    (``min_ownership`` of its accounts in the whole population, ``domain_counts``, are
    there). ``shared``: the members' shared links (``community, acct, art, kind, generic,
    n_in``; ``n_in`` counts the artifact's users in the cluster). ``scheduled``: per
    community, how far its shared minutes recur on a clock. Linear in the shared links.
    """
    out = np.zeros(len(acct), dtype=bool)
    on_clock = scheduled.reindex(community).fillna(0.0).to_numpy() >= ON_TIMETABLE
    if not on_clock.any():
        return out
    company = on_clock & owned_members(community, domain, domain_counts, min_members=2, min_ownership=min_ownership)
    if not company.any():
        return out
    # one code per (community, domain): a domain split evenly between two clusters is two companies
    pairs = pd.DataFrame({"c": community, "d": domain.to_numpy()})
    codes = np.where(company, pairs.groupby(["c", "d"], observed=True, sort=False).ngroup().to_numpy(), -1)
    company_of = pd.Series(codes[company], index=acct[company])
    company_of = company_of[~company_of.index.duplicated()]
    kind = shared["kind"]
    wanted = ((kind == "payment") | (kind == "ip")).to_numpy() & ~shared["generic"].to_numpy()
    links = shared.loc[wanted, ["community", "acct", "art", "kind", "n_in"]]
    links = links[links["acct"].isin(company_of.index).to_numpy()]
    if links.empty:
        return out
    links = links.assign(co=company_of.reindex(links["acct"].to_numpy()).to_numpy())
    per_art = links.groupby(["community", "art"], observed=True).agg(
        kind=("kind", "first"), n_in=("n_in", "first"), users=("acct", "nunique"), companies=("co", "nunique")
    )
    private = per_art[(per_art["companies"] == 1) & (per_art["users"] >= per_art["n_in"])].reset_index()
    held = links.merge(private[["community", "art"]], on=["community", "art"])
    kinds_held = held.groupby("co", observed=True)["kind"].nunique()
    contained = kinds_held.index[kinds_held.to_numpy() == 2]  # a card and an address of its own
    crossing = per_art[per_art["companies"] >= 2].reset_index()
    cross_cards = crossing.loc[(crossing["kind"] == "payment").to_numpy(), "community"].unique()
    venue = crossing[(crossing["kind"] == "ip").to_numpy()].groupby("community", observed=True).size()
    is_contained = company & np.isin(codes, contained.to_numpy())
    n_companies = pd.Series(codes[is_contained]).groupby(community[is_contained]).nunique()
    cohort = n_companies.index[(n_companies >= MIN_COMPANIES).to_numpy()]
    cohort = cohort[~np.isin(cohort, cross_cards)]
    cohort = cohort[venue.reindex(cohort).fillna(0).to_numpy() <= VENUE_MAX]
    return is_contained & np.isin(community, cohort)
