"""Coherent hubs: an artifact over its absolute cut-off is evidence again when its users are one network."""

from __future__ import annotations

import numpy as np

from linkgraph.coherence import account_components, coherent_hubs
from linkgraph.graph import GraphParams

N = 100_000
CARD_A, CARD_B, OP_IP, NAT, GIANT_CHAIN, GIANT_HUB, H1, H2, OFFICE = range(9)


def _links() -> tuple[np.ndarray, np.ndarray]:
    pairs: list[tuple[int, int]] = []
    op = range(200)
    pairs += [(a, CARD_A) for a in range(100)] + [(a, CARD_B) for a in range(80, 200)]  # one network by cards
    pairs += [(a, OP_IP) for a in op]  # the operation's proxy IP, over the absolute cut-off
    pairs += [(a, NAT) for a in range(200, 1200)]  # a carrier NAT: 1,000 strangers ...
    pairs += [(a, OFFICE) for a in range(200, 205)]  # ... five of whom are colleagues
    pairs += [(a, GIANT_CHAIN) for a in range(1400, 2900)]  # a component of 1.5% of the world
    pairs += [(a, GIANT_HUB) for a in range(1400, 1800)]  # a hub inside it: the component is too large to say anything
    pairs += [(a, H1) for a in [*op, *range(1200, 1260)]]  # mostly the operation
    pairs += [(a, H2) for a in range(1200, 1300)]  # tied to the operation only through H1
    acct, art = np.array(pairs, dtype=np.int64).T
    return acct, art


def _run(rounds: int) -> np.ndarray:
    acct, art = _links()
    df = np.bincount(art, minlength=9)
    usable = np.zeros(9, dtype=bool)
    usable[[CARD_A, CARD_B, GIANT_CHAIN, OFFICE]] = True
    candidate = np.zeros(9, dtype=bool)
    candidate[[OP_IP, NAT, GIANT_HUB, H1, H2]] = True
    return coherent_hubs(acct, art, df, usable, candidate, N, share=0.25, lift=100.0, rounds=rounds)


def test_a_hub_of_one_network_is_evidence_and_a_hub_of_strangers_is_not() -> None:
    kept = _run(rounds=3)
    assert kept[OP_IP] and kept[H1]
    assert not kept[NAT]  # five colleagues among 1,000 users are no network
    assert not kept[GIANT_HUB]  # all its users share a component, but that component is 1.5% of the world
    assert not kept[[CARD_A, CARD_B, OFFICE, GIANT_CHAIN]].any()  # only candidates are ever re-admitted


def test_later_rounds_follow_the_hubs_re_admitted_before() -> None:
    assert not _run(rounds=1)[H2]
    assert _run(rounds=2)[H2]
    assert not _run(rounds=0).any()


def test_components_are_those_of_the_bipartite_graph() -> None:
    labels = account_components(np.array([0, 1, 3]), np.array([0, 0, 1]), 5, 2)
    assert labels[0] == labels[1] and len({labels[1], labels[2], labels[3], labels[4]}) == 4


def test_relative_cut_off_bounds_the_candidates() -> None:
    params = GraphParams()
    assert params.relative_cutoff(10_000_000) == 100_000
    assert params.generic_cutoff("ip", 10_000_000) == 300 < params.relative_cutoff(10_000_000)
    assert params.as_dict()["coherent_rounds"] == 3


def test_thresholds_may_differ_per_artifact() -> None:
    """H1's users are 200 of the operation and 60 others: 77% in one component. With the hub
    thresholds it is re-admitted; asked for 90% (a popular family's rule), it is not."""
    acct, art = _links()
    df = np.bincount(art, minlength=9)
    usable = np.zeros(9, dtype=bool)
    usable[[CARD_A, CARD_B, GIANT_CHAIN, OFFICE]] = True
    candidate = np.zeros(9, dtype=bool)
    candidate[[OP_IP, H1]] = True
    share = np.full(9, 0.25)
    assert coherent_hubs(acct, art, df, usable, candidate, N, share, 100.0, 1)[H1]
    share[H1] = 0.9
    kept = coherent_hubs(acct, art, df, usable, candidate, N, share, np.full(9, 2.0), 1)
    assert kept[OP_IP] and not kept[H1]


def test_popular_families_are_families_just_over_the_relative_cut_off() -> None:
    """5,000 accounts: the cut-off is 50 users; families of 51-100 are candidates, not 101, not
    50 (evidence already), nor an IP of 60."""
    import pandas as pd

    from linkgraph.graph import popular_families

    kind = pd.Series(["family", "family", "family", "family", "ip"], dtype="category")
    df = np.array([50, 51, 100, 101, 60])
    generic = df > 50
    got = popular_families(kind, df, generic, 5000, GraphParams())
    assert got.tolist() == [False, True, True, False, False]
    assert not popular_families(kind, df, generic, 5000, GraphParams(family_factor=1.0)).any()


def test_a_popular_family_a_quarter_of_whose_users_share_cards_with_each_other_is_evidence() -> None:
    """Two families of 100 users each, no component among them: the operation's accounts pay in
    pairs on prepaid cards (half of them), the app's users are strangers, two of whom share a
    household card; a third card ties an app user to an outsider only."""
    from linkgraph.coherence import card_tied_families

    OP_FAMILY, APP_FAMILY, FIRST_CARD = 0, 1, 2
    rows = [(a, OP_FAMILY) for a in range(100)] + [(a, APP_FAMILY) for a in range(100, 200)]
    cards = [(a, FIRST_CARD + a // 2) for a in range(50)]  # 25 pairs inside the operation
    household, stranger = FIRST_CARD + 25, FIRST_CARD + 26
    cards += [(100, household), (101, household), (150, stranger), (900, stranger)]
    acct, art = np.array(rows + cards, dtype=np.int64).T
    df = np.bincount(art)
    is_card = np.arange(len(df)) >= FIRST_CARD
    candidate = ~is_card
    found = card_tied_families(acct, art, is_card, candidate, df, share=0.25)
    assert found.tolist()[:2] == [True, False]
    assert not found[FIRST_CARD:].any()  # only candidates are ever found
    assert not card_tied_families(acct, art, is_card, candidate, df, share=0.6)[OP_FAMILY]  # half is not 60%


def test_card_tied_candidates_reach_further_over_the_cut_off() -> None:
    """5,000 accounts, cut-off 50: families of up to 200 users are card-tied candidates (four
    times the cut-off), as an operation of 2% of a small world writes families of 100 and more."""
    import pandas as pd

    from linkgraph.graph import popular_families

    kind = pd.Series(["family"] * 4, dtype="category")
    df = np.array([101, 150, 200, 201])
    got = popular_families(kind, df, df > 50, 5000, GraphParams(), GraphParams().family_card_factor)
    assert got.tolist() == [True, True, True, False]
    assert not popular_families(kind, df, df > 50, 5000, GraphParams()).any()


def test_popular_families_with_one_set_of_users_are_evidence() -> None:
    """Three families used by the same 100 accounts (an operation's playbook, with nine of its
    accounts missing one family each) are evidence; two families of one app, and families
    drawn by strangers at random, are not; a non-candidate family with the same users is
    never found, and does not count as a partner."""
    from linkgraph.coherence import co_used_families

    rng = np.random.default_rng(7)
    rows: list[tuple[int, int]] = []
    for fam in range(3):  # families 0-2: the operation's; account fam*3 .. fam*3+2 skip this one
        rows += [(a, fam) for a in range(100) if (a // 3 != fam and a < 90) or a >= 90]
    rows += [(a, 3) for a in range(100, 200)] + [(a, 4) for a in range(100, 200)]  # an app's two prompts
    for fam in (5, 6, 7):  # strangers: 100 of 10,000 each
        rows += [(int(a), fam) for a in rng.choice(10_000, 100, replace=False) + 1000]
    rows += [(a, 8) for a in range(100, 200)]  # the app's third prompt, not a candidate
    acct, art = np.array(rows, dtype=np.int64).T
    candidate = np.arange(9) < 8
    found = co_used_families(acct, art, candidate, share=0.9, partners=2)
    assert found.tolist() == [True, True, True, False, False, False, False, False, False]
    assert not co_used_families(acct, art, candidate, share=0.9, partners=3).any()
    assert not co_used_families(acct, art, candidate, share=0.9, partners=0).any()  # turned off
    assert co_used_families(acct, art, np.arange(9) < 9, share=0.9, partners=2)[[3, 4, 8]].all()
