"""Organisations in lockstep with each other lose the organisation excuse; alone they keep it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from linkgraph.scoring.coordinated import cross_organisation, meeting_occasions, paid_across
from linkgraph.scoring.features import member_share, owned_domain_share, owned_members


def _lockstep(rows: list[tuple[int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["community", "acct", "art"])


def test_members_meeting_another_organisation_twice_are_coordinated() -> None:
    acct = np.arange(6)
    domain = np.array([0, 0, 0, 1, 1, 1])  # two companies in one cluster
    # buckets 10 and 11 mix both companies; bucket 12 is company 0's own
    rows = [(0, a, 10) for a in (0, 1, 3)] + [(0, a, 11) for a in (0, 1, 4)] + [(0, a, 12) for a in (0, 1, 2)]
    out = cross_organisation(_lockstep(rows), acct, domain)
    # 0 and 1 meet company 1 twice; 3 and 4 meet company 0 once each; 2 only meets its own
    assert out.tolist() == [True, True, False, False, False, False]


def test_a_card_paying_for_two_organisations_makes_both_sides_pay_across() -> None:
    """Card 20 pays for members of companies 0 and 1; card 21 is company 0's own; card 22 is
    a payment platform's token (generic) on both; members off owned domains never count."""
    acct = np.arange(7)
    domain = np.array([0, 0, 0, 1, 1, -1, 1])
    rows = [(0, 0, 20, "payment", False), (0, 3, 20, "payment", False), (0, 1, 21, "payment", False)]
    rows += [(0, 2, 21, "payment", False), (0, 2, 22, "payment", True), (0, 6, 22, "payment", True)]
    rows += [(0, 5, 21, "payment", False), (0, 1, 30, "ip", False), (0, 4, 30, "ip", False)]
    shared = pd.DataFrame(rows, columns=["community", "acct", "art", "kind", "generic"])
    assert paid_across(shared, acct, domain).tolist() == [True, False, False, True, False, False, False]


def test_one_organisation_alone_is_never_coordinated() -> None:
    acct = np.arange(5)
    rows = [(0, a, b) for a in range(5) for b in (1, 2, 3)]
    assert not cross_organisation(_lockstep(rows), acct, np.zeros(5, dtype=int)).any()


def test_members_off_owned_domains_neither_count_nor_cross() -> None:
    acct = np.arange(4)
    domain = np.array([0, 0, -1, -1])  # webmail members in lockstep with the company
    rows = [(0, a, b) for a in range(4) for b in (1, 2)]
    assert not cross_organisation(_lockstep(rows), acct, domain).any()


def test_coordinated_members_leave_the_owned_domain_share() -> None:
    community = np.zeros(10, dtype=int)
    domains = pd.Series(["a.example"] * 5 + ["b.example"] * 5)
    counts = domains.value_counts()
    assert owned_members(community, domains, counts).all()
    assert owned_domain_share(community, domains, counts).tolist() == [1.0]
    coordinated = np.array([False] * 5 + [True] * 3 + [False] * 2)
    assert member_share(community, owned_members(community, domains, counts) & ~coordinated).tolist() == [0.7]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 5)), min_size=1, max_size=60),
    st.lists(st.integers(-1, 2), min_size=12, max_size=12),
)
def test_the_marks_do_not_depend_on_row_order_and_need_two_organisations(
    pairs: list[tuple[int, int]], domains: list[int]
) -> None:
    acct = np.arange(12)
    domain = np.array(domains)
    rows = _lockstep([(0, a, b) for a, b in pairs])
    out = cross_organisation(rows, acct, domain)
    shuffled = rows.sample(frac=1.0, random_state=7).reset_index(drop=True)
    assert (cross_organisation(shuffled, acct, domain) == out).all()
    assert not out[domain < 0].any()
    one_organisation = np.where(domain >= 0, 0, -1)
    assert not cross_organisation(rows, acct, one_organisation).any()


def test_shells_writing_their_own_house_style_meet_in_the_dispatchers_waves() -> None:
    """Each shell sends its own variant of the templates: a lockstep bucket (one minute, one
    family) never holds two shells, but the waves of their cluster hold them all."""
    acct = np.arange(6)
    domain = np.array([0, 0, 0, 1, 1, 1])
    buckets = [(0, a, 100 + a // 3) for a in acct] + [(0, a, 102 + a // 3) for a in acct]  # per shell
    shared = pd.DataFrame(buckets, columns=["community", "acct", "art"]).assign(kind="lockstep", generic=False)
    assert not cross_organisation(meeting_occasions(shared, _lockstep([]), 200), acct, domain).any()
    waves = _lockstep([(0, a, w) for a in acct for w in (0, 1)])  # wave numbers, apart from artifact codes
    timing = meeting_occasions(shared, waves, 200)
    assert sorted(set(timing["art"])) == [100, 101, 102, 103, 200, 201]
    assert cross_organisation(timing, acct, domain).all()


def test_one_batch_job_over_consecutive_minutes_is_one_meeting() -> None:
    """Two institutions' researchers share an evaluation harness; the centre's scheduler starts
    their jobs in the same seven minutes after maintenance. With the buckets' clock hours that
    is one meeting, and only members who meet again in another hour are coordinated."""
    acct = np.arange(4)
    domain = np.array([0, 0, 1, 1])
    starts = np.full(40, -1, dtype=np.int64)
    starts[10:17] = 600 * 60 + np.arange(7)  # one job: minutes 0..6 of hour 600
    starts[20] = 768 * 60 + 2  # a week later, hour 768
    rows = [(0, a, b) for a in acct for b in range(10, 17)] + [(0, a, 20) for a in (0, 2)]
    shared = pd.DataFrame(rows, columns=["community", "acct", "art"]).assign(kind="lockstep", generic=False)
    assert cross_organisation(meeting_occasions(shared, _lockstep([]), 40), acct, domain).all()
    timing = meeting_occasions(shared, _lockstep([]), 40, starts=starts, wave_starts=np.zeros(0, dtype=np.int64))
    assert set(timing["hour"]) == {600, 768}
    assert cross_organisation(timing, acct, domain).tolist() == [True, False, True, False]


def test_waves_carry_their_clock_hour() -> None:
    shared = _lockstep([(0, 0, 5)]).assign(kind="lockstep", generic=False)
    starts = np.array([-1, -1, -1, -1, -1, 120], dtype=np.int64)
    waves = _lockstep([(0, 1, 0), (0, 1, 1)])
    timing = meeting_occasions(shared, waves, 6, starts=starts, wave_starts=np.array([180, 245]))
    assert timing[["art", "hour"]].values.tolist() == [[5, 2], [6, 3], [7, 4]]
