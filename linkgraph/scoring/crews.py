"""A crew inside real companies: the few members who meet other companies are scored apart.

A staff-augmentation firm places "contractors" in genuine client companies. Each seat is on
the company's domain, paid by the company's card, behind the company's VPN, with its
templates: hard links to the real staff around it. Every night one dispatcher drives the
seats of all the companies together, so Leiden puts the companies in one cluster, and the
bans of the seats void the organisation discount of every colleague (the nineteenth world:
150 staff listed at 20k). The companies' own members never meet each other; the seats do.

:func:`organisation_crews` takes, per community, the core members coordinated across
organisations (:func:`~linkgraph.scoring.coordinated.cross_organisation`: at least two
lockstep buckets shared with members of another owned domain) and moves them to a community
of their own, to be scored again, when they look like seats in companies:

- under half of the cluster's core, and of the accounts on each domain they sit on (in the
  whole population: a company Leiden split keeps its staff in other clusters);
- most of the rest of the core is on owned domains: the crew sits in companies;
- the crew is enforced beyond the population's rate and the rest of the core is not: the
  split keeps the crew's bans from voiding its colleagues' discount, and without them there
  is nothing to split for.

Shell companies that are the operation from end to end (the thirteenth world's op_shellco)
fail these tests and keep the cross-organisation rule of the owned-domain share. Each test
was added when the survey showed an operation's remainder split off and missed: a crew that
was most of its cluster (4 of the twelfth world's op_cadence at 5k seed 29, 9 of the
fifteenth world's op_agedmarket and op_vpshop at 20k seed 23), an operation's accounts on
privacy mail, of which a small world has few (9 of them at the fifteenth world's 20k seed
13), and a crew of seven that the provider had not banned (op_shellco at 20k seed 13).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.coordinated import cross_organisation
from linkgraph.scoring.features import owned_members
from linkgraph.scoring.independence import enforced_beyond_chance
from linkgraph.scoring.lookup import lookup

CREW_MINORITY = 0.5
"""A crew is split off only while it is under this share of its cluster's core, and of the
accounts on each domain it sits on."""
COMPANIES = 0.5
"""The share of the rest of the core that must be on owned domains: the crew sits in companies."""


def organisation_crews(
    members: pd.DataFrame,
    ev: pd.DataFrame,
    accounts: pd.DataFrame,
    domain_counts: pd.Series | None,
    min_part: int,
    origin: pd.DataFrame,
    enforced_rate: float = 0.0,
) -> pd.DataFrame | None:
    """``acct, community`` with each crew of at least ``min_part`` core members moved to a
    community of its own, or None when no community has one (see the module docstring).

    ``members``: ``acct, community, role``; ``ev``: the evidence links (``acct, community,
    art, kind``); ``accounts``: ``email_domain`` (and ``home_network`` where known) by
    account code; ``domain_counts``: accounts per email domain in the whole population;
    ``origin``: ``acct, community`` before any split. Every community a split made is
    numbered by :func:`by_origin`. ``enforced_rate``: the population's (``members`` needs
    ``enforced`` where it is above 0).
    """
    if "email_domain" not in accounts.columns or domain_counts is None or enforced_rate <= 0:
        return None  # without bans nothing voids the colleagues' discount: nothing to split for
    core = members[members["role"].eq("core").to_numpy()]
    acct, comm = core["acct"].to_numpy(), core["community"].to_numpy()
    domains = accounts["email_domain"].iloc[acct]
    home = accounts["home_network"].to_numpy()[acct] if "home_network" in accounts.columns else None
    on_owned = owned_members(comm, domains, domain_counts, home=home)
    if not on_owned.any():
        return None
    org = np.where(on_owned, pd.factorize(domains)[0], -1)
    lockstep = ev[(ev["kind"] == "lockstep").to_numpy()][["community", "acct", "art"]]
    crew = cross_organisation(lockstep, acct, org)
    if crew.sum() < min_part:
        return None
    accounts_on = lookup(domains, domain_counts)[on_owned]
    frame = pd.DataFrame({"community": comm[on_owned], "org": org[on_owned], "crew": crew[on_owned]})
    per_org = frame.assign(n=accounts_on).groupby(["community", "org"]).agg(crew=("crew", "sum"), n=("n", "first"))
    minority = (per_org["crew"] < CREW_MINORITY * per_org["n"]).groupby(level=0).all()
    size = frame.groupby("community")["crew"].sum().reindex(minority.index).to_numpy()
    n_core = pd.Series(comm).value_counts().reindex(minority.index).to_numpy()
    rest = pd.Series(on_owned[~crew]).groupby(comm[~crew]).mean().reindex(minority.index).fillna(0.0).to_numpy()
    companies = (rest >= COMPANIES) & _holds_the_bans(
        core["enforced"].to_numpy(dtype=bool), crew, comm, minority.index, enforced_rate
    )
    split = minority.index[minority.to_numpy() & companies & (size >= min_part) & (size < CREW_MINORITY * n_core)]
    if not len(split):
        return None
    start = int(members["community"].max()) + 1
    new_id = pd.Series(start + np.arange(len(split)), index=split)
    moving = crew & np.isin(comm, split)
    relabel = pd.Series(new_id.reindex(comm[moving]).to_numpy(), index=acct[moving])
    out = members[["acct", "community"]].copy()
    hit = out["acct"].isin(relabel.index).to_numpy()
    out.loc[hit, "community"] = relabel.reindex(out.loc[hit, "acct"]).to_numpy()
    return by_origin(out.reset_index(drop=True), origin)


def _holds_the_bans(
    enforced: np.ndarray, crew: np.ndarray, comm: np.ndarray, index: pd.Index, rate: float
) -> np.ndarray:
    """Per community of ``index``: the crew is enforced beyond the population's ``rate``, and
    the rest of the core is not."""

    def beyond(rows: np.ndarray) -> np.ndarray:
        n = pd.Series(rows).groupby(comm).sum().reindex(index).fillna(0)
        hit = pd.Series(enforced & rows).groupby(comm).sum().reindex(index).fillna(0)
        return enforced_beyond_chance(hit, n, rate).to_numpy()

    return beyond(crew) & ~beyond(~crew)


def by_origin(membership: pd.DataFrame, origin: pd.DataFrame) -> pd.DataFrame:
    """``membership`` with the communities that splits made (labels past every label of
    ``origin``) numbered in the order of the community they came from, then of their label.

    A scorer of a group of communities (:mod:`~linkgraph.scoring.local`) numbers its splits
    that way; so the whole population's crews, made after every part, get the same labels.
    """
    first = int(origin["community"].max()) + 1
    label = membership["community"].to_numpy()
    new = label >= first
    came_from = pd.Series(origin["community"].to_numpy(), index=origin["acct"].to_numpy())
    made = pd.DataFrame({"label": label[new], "from": came_from.reindex(membership["acct"].to_numpy()[new]).to_numpy()})
    made = made.drop_duplicates("label").sort_values(["from", "label"], kind="stable")
    number = pd.Series(first + np.arange(len(made)), index=made["label"].to_numpy())
    out = membership.copy()
    out.loc[new, "community"] = number.reindex(label[new]).to_numpy()
    return out
