"""The campaign rule on hand-made clusters: which evidence links clusters, and which does not."""

from __future__ import annotations

import pandas as pd
import pytest

from linkgraph.campaigns.rule import CampaignParams, carriers, cluster_links, group_clusters


def artifacts(rows: list[tuple[int, int, str, int, int]]) -> pd.DataFrame:
    """``(community, art, kind, n_members, df)`` rows as a cluster_artifacts table."""
    frame = pd.DataFrame(rows, columns=["community", "art", "kind", "n_members", "df"])
    return frame.assign(generic=False, weight=0.5, strength=1.0)


N_ACCOUNTS = 100_000


def links_of(rows: list[tuple[int, int, str, int, int]], basis: dict[int, int], **kw: object) -> pd.DataFrame:
    members = pd.DataFrame({"acct": [0], "community": [0], "role": ["core"], "enforced": [False]})
    carry = carriers(artifacts(rows), None, members, pd.Series(basis))
    return cluster_links(carry, CampaignParams(**kw), N_ACCOUNTS)  # type: ignore[arg-type]


def test_one_rare_shared_card_links_two_cells() -> None:
    links = links_of([(1, 10, "payment", 6, 12), (2, 10, "payment", 5, 12)], {1: 10, 2: 8})
    assert links[["a", "b"]].values.tolist() == [[1, 2]]
    assert links["kinds"].iloc[0] == "payment ×1"


@pytest.mark.parametrize("kind", ["family", "lockstep"])
def test_a_template_family_or_lockstep_window_is_enough(kind: str) -> None:
    assert len(links_of([(1, 7, kind, 9, 20), (2, 7, kind, 9, 20)], {1: 10, 2: 10})) == 1


def test_one_shared_ip_is_not_enough_two_are() -> None:
    one = [(1, 1, "ip", 5, 12), (2, 1, "ip", 5, 12)]
    assert links_of(one, {1: 10, 2: 10}).empty
    two = [*one, (1, 2, "fingerprint", 5, 12), (2, 2, "fingerprint", 5, 12)]
    assert len(links_of(two, {1: 10, 2: 10})) == 1


def test_popular_artifacts_link_nothing() -> None:
    # 10 of 1,000 users of the card sit in the two clusters: a coincidence, not an operation
    assert links_of([(1, 10, "payment", 5, 1000), (2, 10, "payment", 5, 1000)], {1: 10, 2: 10}).empty


def test_a_big_cluster_brushing_an_operation_does_not_join_it() -> None:
    # the shared card covers 3 of the smaller cluster's 500 core members
    rows = [(1, 10, "payment", 3, 8), (2, 10, "payment", 4, 8)]
    assert links_of(rows, {1: 500, 2: 600}).empty
    assert len(links_of(rows, {1: 500, 2: 600}, min_coverage=0.0)) == 1


def test_a_popular_family_used_at_the_background_rate_does_not_tie_an_operation() -> None:
    # 1% of all accounts use the family; 1% of the operation's 900 core members do too (chance),
    # while it is what the 400 ordinary users of the other cluster have in common
    popular = [(1, 7, "family", 9, 1000), (2, 7, "family", 400, 1000)]
    assert links_of(popular, {1: 900, 2: 500}).empty
    assert len(links_of(popular, {1: 900, 2: 500}, min_lift=0.0)) == 1
    # the operation's own family: a third of its members, 60 times the background rate
    own = [(1, 8, "family", 300, 500), (2, 8, "family", 100, 500)]
    assert len(links_of(own, {1: 900, 2: 500})) == 1


def test_campaigns_are_connected_components() -> None:
    links = pd.DataFrame({"a": [1, 2, 5], "b": [2, 3, 6]})
    labels = group_clusters(pd.Index([1, 2, 3, 4, 5, 6]), links)
    assert labels.tolist() == [0, 0, 0, 1, 2, 2]


def test_generic_artifacts_never_link() -> None:
    rows = artifacts([(1, 10, "payment", 6, 12), (2, 10, "payment", 5, 12)]).assign(generic=True)
    members = pd.DataFrame({"acct": [0], "community": [0], "role": ["core"]})
    carry = carriers(rows, None, members, pd.Series({1: 10, 2: 10}))
    assert cluster_links(carry, CampaignParams(), N_ACCOUNTS).empty
