"""Known-bad seeds: ties to banned accounts through evidence artifacts, and replacements."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.seeds import NAT, enforced_mask, seed_features, seed_ties

DAY = 86_400 * 10**9


def _edges(pairs: list[tuple[int, int]]) -> pd.DataFrame:
    return pd.DataFrame({"acct": [a for a, _ in pairs], "art": [x for _, x in pairs]})


def test_enforced_mask_reads_status_case_insensitively() -> None:
    accounts = pd.DataFrame({"status": ["active", "Banned", None, "suspended "]})
    assert enforced_mask(accounts).tolist() == [False, True, False, True]
    assert not enforced_mask(pd.DataFrame({"account_id": ["a"]})).any()


def test_replacement_needs_two_kinds_and_a_later_creation() -> None:
    # accounts 0,1 banned (last active day 10); 2 created day 12 shares ip 0 + family 1 (two kinds): replacement;
    # 3 created day 1 shares the same: tied, not a replacement; 4 shares only ip 0: not tied.
    edges = _edges([(0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (2, 1), (3, 0), (3, 1), (4, 0)])
    kind = np.array([0, 1])  # art 0 is an ip, art 1 a template family
    enforced = np.array([True, True, False, False, False])
    last = np.array([10, 10, 20, 20, 20]) * DAY
    created = np.array([0, 0, 12, 1, 12]) * DAY
    ties = seed_ties(edges, kind, enforced, last, created, min_taint=2)
    assert ties.tied.tolist() == [False, False, True, True, False]
    assert ties.replacement.tolist() == [False, False, True, False, False]
    assert ties.tie_ban_ns[2] == 10 * DAY
    assert ties.tied_enforced[2] == 4


def test_ties_through_a_banned_account_are_told_from_ties_through_suspended_ones() -> None:
    """Accounts 0, 1 and 3 are enforced: 0 and 1 on ip 0, 1 and 3 on family 1; only account 0
    is banned. Account 2 is tied through both; one of its ties (ip 0) has a banned user."""
    edges = _edges([(0, 0), (1, 0), (1, 1), (3, 1), (2, 0), (2, 1)])
    kind = np.array([0, 1])
    enforced = np.array([True, True, False, True])
    banned = np.array([True, False, False, False])
    last, created = np.full(4, 10 * DAY), np.full(4, NAT)
    ties = seed_ties(edges, kind, enforced, last, created, min_taint=2, banned=banned)
    assert ties.tied[2] and ties.tied_banned is not None
    assert ties.tied_banned.tolist() == [0, 0, 1, 0]
    assert seed_ties(edges, kind, enforced, last, created, min_taint=2).tied_banned is None


def test_a_pool_customer_on_banned_accounts_exits_is_tied_but_no_replacement() -> None:
    """Account 2 signed up after the bans and sends from three pool exits the banned accounts
    also used: three tainted artifacts of one class (network). It is tied, not a replacement."""
    edges = _edges([(0, 0), (1, 0), (0, 1), (1, 1), (0, 2), (1, 2), (2, 0), (2, 1), (2, 2)])
    kind = np.array([0, 0, 0])  # three IPs
    enforced = np.array([True, True, False])
    ties = seed_ties(edges, kind, enforced, np.array([10, 10, 20]) * DAY, np.array([0, 0, 12]) * DAY, min_taint=2)
    assert ties.tied.tolist() == [False, False, True]
    assert not ties.replacement.any()


def test_unknown_dates_never_make_replacements() -> None:
    edges = _edges([(0, 0), (0, 1), (1, 0), (1, 1)])
    ties = seed_ties(
        edges, np.array([0, 1]), np.array([True, False]), np.array([NAT, NAT]), np.array([NAT, 5]), min_taint=1
    )
    assert ties.tied.tolist() == [False, True]
    assert not ties.replacement.any()


def test_known_bad_is_a_share_not_a_count() -> None:
    """A big community with a few unrelated bans scores low; a replacement cell scores high."""
    n = 1000
    enforced = np.zeros(n, dtype=bool)
    tied = np.zeros(n, dtype=bool)
    enforced[:10] = True  # cell: 10 banned + 10 tied in community 0
    tied[10:20] = True
    enforced[100:103] = True  # big community 1: 3 bans, 2 tied among 800
    tied[103:105] = True
    ties = seed_ties(_edges([]), np.array([0]), enforced, np.full(n, NAT), np.full(n, NAT))
    ties.tie_kinds = tied.astype(int) * 2
    community = np.where(np.arange(n) < 20, 0, 1)
    members = pd.DataFrame({"acct": np.arange(n), "community": community})
    features = seed_features(ties, members, np.arange(n), pd.Index([0, 1]))
    assert features.loc[0, "known_bad"] > 0.9
    assert features.loc[1, "known_bad"] < 0.05
    assert features.loc[1, "n_enforced"] == 3


def test_one_suspension_does_not_taint_a_company_card() -> None:
    """Twenty colleagues on one card and one NAT, one of them suspended: nobody is tied."""
    n = 20
    edges = _edges([(a, 0) for a in range(n)] + [(a, 1) for a in range(n)])
    enforced = np.zeros(n, dtype=bool)
    enforced[0] = True
    ties = seed_ties(edges, np.array([0, 1]), enforced, np.full(n, 5 * DAY), np.full(n, 9 * DAY))
    assert not ties.tied.any()
    assert not ties.replacement.any()
