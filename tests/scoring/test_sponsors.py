"""Sponsored members: the newcomers an organisation's own card pays for (pure function)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from linkgraph.scoring.sponsors import TENURE_DAYS, sponsored_members

DAY = 86_400 * 10**9
UNKNOWN = np.iinfo(np.int64).min
KINDS = pd.CategoricalDtype(["payment", "ip", "fingerprint", "family", "rewrite", "lockstep"])


def links(rows: list[tuple]) -> pd.DataFrame:
    """Shared links from ``(community, acct, art, kind)``; nothing generic."""
    frame = pd.DataFrame(rows, columns=["community", "acct", "art", "kind"]).assign(generic=False)
    return frame.astype({"kind": KINDS})


def ngo(n_staff: int, n_volunteers: int, staff_age_days: float, card_staff: int, staff_domains: int = 1) -> tuple:
    """One cluster: staff on owned domains (accounts 0..; ``staff_domains`` of them, round robin),
    volunteers after them; ``card_staff`` of the staff and every volunteer pay with card 7, and
    everyone works on template family 9."""
    n = n_staff + n_volunteers
    acct = np.arange(n)
    domain = np.where(acct < n_staff, acct % staff_domains, -1)
    created = np.where(acct < n_staff, 100 * DAY - int(staff_age_days * DAY), 100 * DAY + acct * 3_600 * 10**9)
    payers = list(range(card_staff)) + list(range(n_staff, n))
    rows = [(0, a, 7, "payment") for a in payers] + [(0, a, 9, "family") for a in range(n)]
    return acct, np.zeros(n, dtype=np.int64), domain, links(rows), created.astype(np.int64)


def test_volunteers_on_the_staffs_card_doing_its_work_are_sponsored() -> None:
    acct, comm, domain, shared, created = ngo(10, 30, 200, card_staff=6)
    paid = sponsored_members(acct, comm, domain, shared, created, 5)
    assert paid[10:].all()
    assert not paid[:10].any()  # the staff count as owned-domain members already


def test_one_staff_member_on_the_card_ties_it_to_the_organisation() -> None:
    """The staff pay with the NGO's own card; a coordinator pays with the donor's card too."""
    acct, comm, domain, shared, created = ngo(10, 30, 200, card_staff=1)
    assert sponsored_members(acct, comm, domain, shared, created, 5)[10:].all()


def test_a_card_no_staff_member_pays_with_sponsors_nobody() -> None:
    acct, comm, domain, shared, created = ngo(10, 30, 200, card_staff=0)
    assert not sponsored_members(acct, comm, domain, shared, created, 5).any()


def test_too_few_staff_sponsor_nobody() -> None:
    acct, comm, domain, shared, created = ngo(4, 30, 200, card_staff=4)
    assert not sponsored_members(acct, comm, domain, shared, created, 5).any()


def test_a_resellers_customers_on_their_own_domains_are_no_staff() -> None:
    """Ten tenured payers of one billing token on five small companies' domains (two each): no
    domain has five staff, so the strangers it also bills are not sponsored."""
    acct, comm, domain, shared, created = ngo(10, 30, 200, card_staff=10, staff_domains=5)
    assert not sponsored_members(acct, comm, domain, shared, created, 5).any()


def test_payers_who_do_their_own_work_are_not_sponsored() -> None:
    """Strangers on the staff's card who share no template with the staff."""
    acct, comm, domain, shared, created = ngo(10, 30, 200, card_staff=10)
    own_work = shared["kind"].eq("family").to_numpy() & (shared["acct"].to_numpy() >= 10)
    shared.loc[own_work, "art"] = 11
    assert not sponsored_members(acct, comm, domain, shared, created, 5).any()
    shared["generic"] = shared["art"].eq(9)  # the staff's template: a popular framework's prompt
    shared.loc[own_work, "art"] = 9
    assert not sponsored_members(acct, comm, domain, shared, created, 5).any()


def test_domain_accounts_made_with_the_newcomers_are_no_staff() -> None:
    """An operation that puts some of its fresh accounts on a domain of its own sponsors nobody."""
    acct, comm, domain, shared, created = ngo(10, 30, TENURE_DAYS - 5, card_staff=10)
    assert not sponsored_members(acct, comm, domain, shared, created, 5).any()


def test_unknown_creation_times_are_never_tenured() -> None:
    acct, comm, domain, shared, created = ngo(10, 30, 200, card_staff=10)
    created[:10] = UNKNOWN
    assert not sponsored_members(acct, comm, domain, shared, created, 5).any()


def test_a_card_sponsors_only_in_the_cluster_that_holds_its_staff() -> None:
    """The same card's payers in another community (no staff there) are not sponsored."""
    acct, comm, domain, shared, created = ngo(10, 30, 200, card_staff=6)
    acct = np.r_[acct, 100 + np.arange(20)]
    comm = np.r_[comm, np.ones(20, dtype=np.int64)]
    domain = np.r_[domain, np.full(20, -1)]
    created = np.r_[created, np.full(80, 300 * DAY, dtype=np.int64)]  # per account code 0..119
    other = links([(1, a, 7, "payment") for a in range(100, 120)] + [(1, a, 9, "family") for a in range(100, 120)])
    paid = sponsored_members(acct, comm, domain, pd.concat([shared, other], ignore_index=True), created, 5)
    assert paid[10:40].all() and not paid[40:].any()


@given(st.integers(0, 12), st.integers(0, 40), st.floats(0, 400), st.integers(0, 12), st.integers(1, 4))
def test_sponsored_members_pay_with_a_card_off_the_owned_domains(n_staff, n_vol, age, card_staff, n_domains) -> None:
    """Property: a sponsored member pays with a card and is not on an owned domain; without a
    staff member on the card, or with fewer than five tenured staff on the domain of one who
    is, nobody is sponsored."""
    card_staff = min(card_staff, n_staff)
    acct, comm, domain, shared, created = ngo(n_staff, n_vol, age, card_staff, n_domains)
    paid = sponsored_members(acct, comm, domain, shared, created, 5)
    assert not (paid & (domain >= 0)).any()
    assert set(acct[paid]) <= set(shared.loc[shared["kind"] == "payment", "acct"])
    staff_per_domain = np.bincount(domain[:n_staff], minlength=n_domains)
    largest_on_card = max((staff_per_domain[d] for d in set(domain[:card_staff].tolist())), default=0)
    if largest_on_card < 5 or age < TENURE_DAYS - 3:
        assert not paid.any()
