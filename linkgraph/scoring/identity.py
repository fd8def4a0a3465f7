"""Who a cluster's members are: creation bursts, tenure, owned e-mail domains, tenants and sponsored newcomers.

:func:`account_features` reads the accounts table (``created_at``, ``email_domain``) for each
cluster's basis; the organisation feature it returns is what the risk score's owned-domain
weight multiplies (README, "Risk score", the organisation row).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.cohorts import cohort_members
from linkgraph.scoring.coordinated import cross_organisation, paid_across
from linkgraph.scoring.features import burst_share, member_share, organisation, owned_members, tenant_share
from linkgraph.scoring.independence import tenured_share
from linkgraph.scoring.lookup import lookup
from linkgraph.scoring.population import Population, created_ns, population_of
from linkgraph.scoring.sponsors import sponsored_members


def account_features(
    accounts: pd.DataFrame,
    basis: pd.DataFrame,
    index: pd.Index,
    organisation_majority: float = 0.5,
    population: Population | None = None,
    own: pd.DataFrame | None = None,
    occasions: pd.DataFrame | None = None,
    shared: pd.DataFrame | None = None,
    min_members: int = 5,
    scheduled: pd.Series | None = None,
) -> pd.DataFrame:
    """Creation bursts, owned email domains and tenants' own domains of each cluster's basis (see :func:`organisation`).

    ``population`` gives the sign-ups per hour and the accounts per domain; by default ``accounts`` is
    the whole population. ``own`` (rows of ``basis``; by default all of it) is whose domains
    are counted: the basis without riders (:mod:`linkgraph.scoring.riders`). A data vendor's
    annotators on its domain are a company, however many of a proxy pool's customers ride
    along in the core. ``occasions`` (the members' lockstep buckets and waves, ``community,
    acct, art``: :func:`~linkgraph.scoring.coordinated.meeting_occasions`) leaves out of the
    owned-domain share the members who meet another of the cluster's organisations on them
    (:mod:`linkgraph.scoring.coordinated`), and ``shared`` those who pay with a card that
    members on another of its owned domains pay with too; ``n_cross_organisation``
    counts them, for the investigator. ``shared`` (the members' shared links,
    ``community, acct, art, kind, generic``) gives ``sponsored_share``: the members an organisation's
    card pays for (:mod:`linkgraph.scoring.sponsors`; ``min_members`` tenured staff on the domain
    of a member who pays with the card). ``scheduled`` (per cluster, its lockstep on a clock)
    makes the small self-contained companies of a cohort that meets on a timetable owned too
    (:mod:`linkgraph.scoring.cohorts`); their timetabled meetings do not make them coordinated.
    ``n_cohort_companies`` counts those companies, for the investigator.
    """
    if population is None:
        population = population_of(len(accounts), accounts, None)
    out = pd.DataFrame(index=index)
    comm = basis["community"].to_numpy()
    out["burst_share"] = 0.0
    out["tenured_share"] = 0.0
    hours = population.created_hours
    if hours is not None and "created_at" in accounts.columns:
        ns = created_ns(accounts["created_at"].iloc[basis["acct"].to_numpy()])
        out["burst_share"] = burst_share(comm, ns, hours).reindex(index).fillna(0.0)
        out["tenured_share"] = tenured_share(comm, ns, population.log_start_ns).reindex(index).fillna(0.0)
    out["owned_domain_share"] = 0.0
    out["tenant_share"] = 0.0
    out["sponsored_share"] = 0.0
    out["n_cross_organisation"] = 0
    out["n_cohort_companies"] = 0
    if "email_domain" in accounts.columns and population.domain_counts is not None:
        own = basis if own is None else own
        acct, comm = own["acct"].to_numpy(), own["community"].to_numpy()
        domains = accounts["email_domain"].iloc[acct]
        home = accounts["home_network"].to_numpy()[acct] if "home_network" in accounts else None
        on_owned = owned_members(comm, domains, population.domain_counts, home=home)
        cohort = np.zeros(len(acct), dtype=bool)
        if shared is not None and scheduled is not None:
            cohort = cohort_members(shared, acct, comm, domains, population.domain_counts, scheduled) & ~on_owned
            on_owned |= cohort
            companies = pd.Series(domains.to_numpy()[cohort]).groupby(comm[cohort]).nunique()
            out["n_cohort_companies"] = companies.reindex(index).fillna(0).astype(np.int64)
        if occasions is not None or shared is not None:
            codes = np.where(on_owned, pd.factorize(domains)[0], -1)
            crossing = np.zeros(len(acct), dtype=bool)
            if occasions is not None:
                crossing |= cross_organisation(occasions, acct, codes) & ~cohort
            if shared is not None:
                crossing |= paid_across(shared, acct, codes)
            on_owned &= ~crossing
            per_cluster = pd.Series(crossing, index=comm).groupby(level=0).sum()
            out["n_cross_organisation"] = per_cluster.reindex(index).fillna(0).astype(np.int64)
        owned = member_share(comm, on_owned)
        out["owned_domain_share"] = owned.reindex(index).fillna(0.0)
        out["tenant_share"] = tenant_share(comm, domains, population.domain_counts).reindex(index).fillna(0.0)
        if shared is not None and "created_at" in accounts.columns:
            tenant = lookup(domains, population.domain_counts) == 1
            created = created_ns(accounts["created_at"])
            staff_domain = np.where(on_owned, pd.factorize(domains)[0], -1)
            paid = sponsored_members(acct, comm, staff_domain, shared, created, min_members) & ~tenant
            out["sponsored_share"] = member_share(comm, paid).reindex(index).fillna(0.0)
    # a company on its own domains with the newcomers its card pays for, or a platform's
    # customers each on theirs (disjoint: an owned domain has two or more members)
    joined = out["owned_domain_share"] + out["sponsored_share"] + out["tenant_share"]
    out["organisation"] = organisation(joined, organisation_majority)
    return out
