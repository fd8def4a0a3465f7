"""A cohort of small self-contained companies meeting at one venue on a timetable is owned; an
operation's shells on shared VMs, or meeting off any timetable, are not."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.cohorts import MIN_COMPANIES, VENUE_MAX, cohort_members

VENUE = (900, 901)


def _cohort(n_companies: int = 4, size: int = 3, vm_shared_by: int = 1) -> tuple[pd.DataFrame, np.ndarray, pd.Series]:
    """Companies of ``size`` founders: a card each, a VM per ``vm_shared_by`` companies, the venue's two addresses."""
    rows, domains = [], []
    for c in range(n_companies):
        for f in range(size):
            a = c * size + f
            domains.append(f"startup{c}.example")
            rows += [(0, a, 100 + c, "payment"), (0, a, 200 + c // vm_shared_by, "ip"), (0, a, VENUE[a % 2], "ip")]
    shared = pd.DataFrame(rows, columns=["community", "acct", "art", "kind"]).assign(generic=False)
    shared["n_in"] = shared.groupby("art")["acct"].transform("nunique")
    return shared, np.arange(len(domains)), pd.Series(domains)


def _members(shared: pd.DataFrame, acct: np.ndarray, domains: pd.Series, scheduled: float) -> np.ndarray:
    return cohort_members(
        shared, acct, np.zeros(len(acct), dtype=int), domains, domains.value_counts(), pd.Series([scheduled])
    )


def test_self_contained_startups_meeting_on_a_timetable_are_a_cohort() -> None:
    shared, acct, domains = _cohort()
    assert _members(shared, acct, domains, scheduled=1.0).all()


def test_meetings_off_a_timetable_are_no_cohort() -> None:
    shared, acct, domains = _cohort()
    assert not _members(shared, acct, domains, scheduled=0.2).any()


def test_vms_serving_several_companies_are_no_cohort() -> None:
    """Every VM serves two companies: no company has an address of its own."""
    shared, acct, domains = _cohort(vm_shared_by=2)
    assert not _members(shared, acct, domains, scheduled=1.0).any()


def test_a_card_paying_across_companies_voids_the_cohort() -> None:
    shared, acct, domains = _cohort()
    extra = pd.DataFrame([(0, 0, 555, "payment", False, 2), (0, 3, 555, "payment", False, 2)], columns=shared.columns)
    assert not _members(pd.concat([shared, extra]), acct, domains, scheduled=1.0).any()


def test_more_shared_addresses_than_one_venue_are_no_cohort() -> None:
    shared, acct, domains = _cohort()
    crossing = [(0, a, 950 + k, "ip", False, 2) for k in range(VENUE_MAX - len(VENUE)) for a in (0, 3)]
    assert _members(pd.concat([shared, pd.DataFrame(crossing, columns=shared.columns)]), acct, domains, 1.0).all()
    crossing += [(0, a, 999, "ip", False, 2) for a in (0, 3)]
    assert not _members(pd.concat([shared, pd.DataFrame(crossing, columns=shared.columns)]), acct, domains, 1.0).any()


def test_too_few_companies_or_domains_used_outside_are_no_cohort() -> None:
    shared, acct, domains = _cohort(n_companies=MIN_COMPANIES - 1)
    assert not _members(shared, acct, domains, scheduled=1.0).any()
    shared, acct, domains = _cohort()
    counts = pd.concat([domains, pd.Series(["startup0.example"] * 10)]).value_counts()  # a big firm's domain
    out = cohort_members(shared, acct, np.zeros(len(acct), dtype=int), domains, counts, pd.Series([1.0]))
    assert out.tolist() == [False] * 3 + [True] * 9


def test_a_domain_split_between_two_clusters_is_two_companies() -> None:
    """startup0's staff sit half in each of two cohorts; only the half with a card of its own is contained."""
    shared, acct, domains = _cohort()
    second = shared.assign(community=1, acct=shared["acct"] + 100, art=shared["art"] + 1000)
    second = second[~((second["acct"] < 103) & (second["kind"] == "payment"))]  # its startup0 half has no card
    both = pd.concat([shared, second], ignore_index=True)
    acct2 = np.r_[acct, acct + 100]
    community = np.r_[np.zeros(len(acct), dtype=int), np.ones(len(acct), dtype=int)]
    domains2 = pd.concat([domains, domains], ignore_index=True)
    out = cohort_members(both, acct2, community, domains2, domains2.value_counts(), pd.Series([1.0, 1.0]))
    assert out[: len(acct)].all()
    assert out[len(acct) :].tolist() == [False] * 3 + [True] * 9
