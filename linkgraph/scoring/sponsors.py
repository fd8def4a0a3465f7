"""Sponsored members: the newcomers an established organisation pays for.

A relief NGO's staff, on the NGO's own domain for months or years, take in hundreds of
volunteers after a disaster, and one donor's card pays for staff and volunteers alike. The
volunteers sign up in a burst, on webmail, and share the card, the field teams' addresses
and the translation templates: alone they read as a fresh ring on a shared card. What says
"one organisation" is that its own staff pay with the same card and do the same work.

A card *sponsors* a cluster's members when a member on one of its owned domains
(:func:`~linkgraph.scoring.features.owned_members`) pays with it and at least
``min_members`` of the cluster's members on that domain, its staff, were each created
:data:`TENURE_DAYS` or more before the median newcomer on the card (its payers in the
cluster off the owned domains). The staff were there first; an operation's accounts, on a
domain of its own or not, are made together for the campaign. The staff may pay with the
NGO's own card and leave the donor's card to a coordinator or two: one of them on it ties
it to the organisation. A payer off the owned domains is *sponsored* when it also shares a
template (fingerprint, family or rewrite group) with those staff: it does the
organisation's work. A reseller's
billing token pays for its customers' companies and for strangers who bought access; the
strangers do their own work, and several small companies are not one organisation's staff.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TENURE_DAYS = 30
"""How much earlier than the card's median newcomer its staff payers must have been created."""
TEMPLATE_KINDS = ("fingerprint", "family", "rewrite")
_DAY_NS = 86_400 * 10**9
_UNKNOWN = np.iinfo(np.int64).min


def sponsored_members(
    acct: np.ndarray,
    community: np.ndarray,
    staff_domain: np.ndarray,
    shared: pd.DataFrame,
    created: np.ndarray,
    min_members: int,
) -> np.ndarray:
    """Per member (``acct``, ``community``, ``staff_domain``: one entry each): paid for by a sponsor card.

    ``staff_domain``: the member's owned domain as a code (-1: not on an owned domain).
    ``shared``: the members' shared links (``community, acct, art, kind, generic``; a generic
    template is nobody's work in particular). ``created``: creation time per account code,
    int64 ns (int64 min: unknown, never tenured). Members on owned domains are not counted
    again (False).
    """
    out = np.zeros(len(acct), dtype=bool)
    if not (staff_domain >= 0).any() or not len(shared):
        return out
    member = pd.DataFrame({"community": community, "acct": acct, "dom": staff_domain})
    is_payment = (shared["kind"] == "payment").to_numpy()
    links = shared.loc[is_payment, ["community", "acct", "art"]].merge(member, on=["community", "acct"])
    links["created"] = created[links["acct"].to_numpy()]
    links = links[links["created"].to_numpy() != _UNKNOWN]
    is_staff = links["dom"].to_numpy() >= 0
    median_new = links[~is_staff].groupby(["community", "art"], observed=True)["created"].median()
    staff = _tenured(links[is_staff][["community", "art", "dom", "created"]], median_new)
    staff = staff[["community", "art", "dom"]].drop_duplicates()  # the cards a tenured staff member pays with
    colleagues = member[member["dom"].to_numpy() >= 0]
    colleagues = colleagues.assign(created=created[colleagues["acct"].to_numpy()])
    staff = _tenured(staff.merge(colleagues, on=["community", "dom"]), median_new)
    per_domain = staff.groupby(["community", "art", "dom"], observed=True)["acct"].transform("size")
    staff = staff[per_domain.to_numpy() >= min_members]
    if not len(staff):
        return out
    on_card = links.set_index(["community", "art"]).index.isin(pd.MultiIndex.from_frame(staff[["community", "art"]]))
    payers = links.loc[on_card & ~is_staff, ["community", "acct"]].drop_duplicates()
    is_work = shared["kind"].isin(TEMPLATE_KINDS).to_numpy() & ~shared["generic"].to_numpy(dtype=bool)
    is_work &= np.isin(shared["community"].to_numpy(), staff["community"].unique())
    templates = shared.loc[is_work, ["community", "acct", "art"]]
    staff_work = templates.merge(staff[["community", "acct"]].drop_duplicates(), on=["community", "acct"])
    work = templates.merge(payers, on=["community", "acct"])
    shares_work = work.set_index(["community", "art"]).index.isin(
        pd.MultiIndex.from_frame(staff_work[["community", "art"]].drop_duplicates())
    )
    sponsored = work.loc[shares_work, ["community", "acct"]].drop_duplicates()
    hit = pd.MultiIndex.from_arrays([community, acct]).isin(pd.MultiIndex.from_frame(sponsored))
    return np.asarray(hit & (staff_domain < 0), dtype=bool)


def _tenured(rows: pd.DataFrame, median_new: pd.Series) -> pd.DataFrame:
    """``rows`` (``community, art, created``) created :data:`TENURE_DAYS` or more before the median
    newcomer on the card ``art`` (none when the card has no newcomer)."""
    cutoff = median_new.reindex(pd.MultiIndex.from_frame(rows[["community", "art"]])).to_numpy()
    known = rows["created"].to_numpy() != _UNKNOWN
    return rows[known & (rows["created"].to_numpy() <= cutoff - TENURE_DAYS * _DAY_NS)]  # NaN cutoff: False
