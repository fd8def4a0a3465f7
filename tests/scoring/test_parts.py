"""A cluster whose core falls apart into evidence-disjoint parts is split (scoring/parts.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from small_graphs import graph_of

from linkgraph.graph import LinkGraph
from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.parts import (
    billing_hubs,
    disjoint_core_parts,
    network_groups,
    public_prompts,
    shared_exits,
    shared_templates,
    sole_by_more_than_chance,
    sole_teams,
    template_team,
)
from linkgraph.scoring.score import score


def _frames(groups: list[tuple[list[int], list[int]]], community: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Members (all core) and evidence links: every account of a group links every artifact of it."""
    members, links = [], []
    for accounts, artifacts in groups:
        members += [{"acct": a, "community": community, "role": "core"} for a in accounts]
        links += [{"acct": a, "community": community, "art": t} for a in accounts for t in artifacts]
    return pd.DataFrame(members).drop_duplicates("acct"), pd.DataFrame(links)


def test_a_connected_core_is_not_split() -> None:
    members, links = _frames([([0, 1, 2, 3, 4, 5], [100, 101]), ([5, 6, 7, 8, 9], [102])])
    assert disjoint_core_parts(members, links, min_part=5) is None


def test_an_evidence_disjoint_part_becomes_its_own_community() -> None:
    members, links = _frames([(list(range(0, 12)), [100, 101]), (list(range(20, 27)), [200])])
    out = disjoint_core_parts(members, links, min_part=5)
    assert out is not None
    by_acct = out.set_index("acct")["community"]
    assert set(by_acct.loc[list(range(0, 12))]) == {0}  # the largest part keeps the id
    assert set(by_acct.loc[list(range(20, 27))]) == {1}  # a new id above every existing one


def test_parts_below_the_minimum_and_peripherals_stay() -> None:
    members, links = _frames([(list(range(0, 12)), [100]), ([20, 21, 22], [200])])
    periphery = pd.DataFrame({"acct": [50], "community": [0], "role": ["peripheral"]})
    assert disjoint_core_parts(pd.concat([members, periphery]), links, min_part=5) is None


def test_artifacts_of_other_communities_do_not_join_parts() -> None:
    """The same artifact code in two communities ties nothing across them (nodes are per community)."""
    a_members, a_links = _frames([(list(range(0, 6)), [100]), (list(range(10, 16)), [101])], community=0)
    b_members, b_links = _frames([(list(range(30, 36)), [100, 101])], community=1)
    out = disjoint_core_parts(pd.concat([a_members, b_members]), pd.concat([a_links, b_links]), min_part=5)
    assert out is not None
    by_acct = out.set_index("acct")["community"]
    assert by_acct.loc[10] == 2 and by_acct.loc[0] == 0 and by_acct.loc[30] == 1


def _crowd_with_a_team(n_crowd: int, n_team: int, team_families: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A crowd on one carrier IP (art 100) and a public template seen by many (fingerprint 101);
    the team is on the same IP and also on ``team_families`` families of its own (200, 201, ...)."""
    crowd, team = list(range(n_crowd)), list(range(1000, 1000 + n_team))
    members, links = _frames([(crowd + team, [100])])
    links["kind"] = "ip"
    rows = [{"acct": a, "community": 0, "art": 101, "kind": "fingerprint"} for a in crowd[:10]]
    rows += [{"acct": a, "community": 0, "art": 200 + f, "kind": "family"} for a in team for f in range(team_families)]
    return members, pd.concat([links, pd.DataFrame(rows)], ignore_index=True)


def test_a_template_team_in_a_crowd_becomes_its_own_community() -> None:
    """A fifth of a carrier crowd's core tied by two families of its own is scored apart."""
    members, links = _crowd_with_a_team(80, 20)
    assert disjoint_core_parts(members, links, min_part=5) is None  # one connected core
    out = disjoint_core_parts(members, links, min_part=5, team_share=0.25)
    assert out is not None
    by_acct = out.set_index("acct")["community"]
    assert set(by_acct.loc[list(range(1000, 1020))]) == {1}
    assert set(by_acct.loc[list(range(80))]) == {0}


def test_no_team_when_it_is_not_a_minority_or_shares_one_template() -> None:
    """A team of more than the share is the cluster (an operation's own core); one family is no team."""
    members, links = _crowd_with_a_team(50, 30)
    assert disjoint_core_parts(members, links, min_part=5, team_share=0.25) is None
    members, links = _crowd_with_a_team(80, 20, team_families=1)
    assert disjoint_core_parts(members, links, min_part=5, team_share=0.25) is None
    members, links = _crowd_with_a_team(80, 4)
    assert disjoint_core_parts(members, links, min_part=5, team_share=0.25) is None


def _operation_beside_a_nat_pool(visitors: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An operation (0-19) on two families (200, 201) and two private exits (100, 101); twelve
    households (50-61) on a carrier's three NAT addresses (300-302) alone; the first ``visitors``
    operation accounts passed through the pool too."""
    pool = [300, 301, 302]
    groups = [(list(range(20)), [200, 201]), (list(range(10)), [100]), (list(range(10, 20)), [101])]
    members, links = _frames([*groups, (list(range(50, 62)), pool), (list(range(visitors)), pool)])
    art = links["art"].to_numpy()
    links["kind"] = np.where((art >= 200) & (art < 300), "family", "ip")
    return members, links


def test_households_behind_a_pool_one_operation_account_passed_through_are_a_part() -> None:
    members, links = _operation_beside_a_nat_pool(visitors=1)
    assert disjoint_core_parts(members, links, min_part=5) is None  # the visitor ties them
    out = disjoint_core_parts(members, links, min_part=5, team_share=0.25)
    assert out is not None
    by_acct = out.set_index("acct")["community"]
    assert set(by_acct.loc[list(range(20))]) == {0}
    assert set(by_acct.loc[list(range(50, 62))]) == {1}


def test_a_pool_the_rest_of_the_core_passes_through_is_no_part() -> None:
    """Six of the twenty operation accounts use the pool: the pool is the operation's too."""
    members, links = _operation_beside_a_nat_pool(visitors=6)
    assert disjoint_core_parts(members, links, min_part=5, team_share=0.25) is None
    group = network_groups(members, links, min_part=5, max_visitors=0.25)
    assert (group == -1).all()


def test_a_cell_whose_members_use_its_families_unevenly_is_not_split() -> None:
    """Twenty-two of a hydra cell's members use one of its two families each, five use both:
    the rest shares the five's templates, so they are one operation."""
    members, links = _crowd_with_a_team(22, 5)
    rest = [{"acct": a, "community": 0, "art": 200 + a % 2, "kind": "family"} for a in range(22)]
    links = pd.concat([links, pd.DataFrame(rest)], ignore_index=True)
    assert disjoint_core_parts(members, links, min_part=5, team_share=0.25) is None


def _billed_operation(billed: int = 10) -> tuple[LinkGraph, pd.DataFrame]:
    """One community of 60 among 200 accounts: an operation (0-19) on two templates and two
    private IPs, ``billed`` of it billed through a reseller's token; an office of the reseller's
    customers (30-34) on its own IP and the token; 20 more customers (40-59) on the token alone."""
    links = [(a, t) for a in range(20) for t in ("fp:t1", "fp:t2")]
    links += [(a, "ip:vps1" if a < 10 else "ip:vps2") for a in range(20)]
    links += [(a, "pm:token") for a in [*range(billed), *range(30, 35), *range(40, 60)]]
    links += [(a, "pm:card1" if a < 15 else "pm:card2") for a in range(10, 20)]
    links += [(a, "ip:office") for a in range(30, 35)]
    members = [*range(20), *range(30, 35), *range(40, 60)]
    return graph_of(links, 200), pd.DataFrame({"acct": members, "community": 0})


def test_a_token_billing_many_peripheral_members_is_a_hub() -> None:
    graph, membership = _billed_operation()
    scored = score(graph, pd.DataFrame(index=range(200)), membership, split=False)
    ev = scored.member_links
    hubs = set(ev.loc[billing_hubs(ev, scored.members, min_outside=5), "artifact"])
    assert hubs == {"pm:token"}  # the operation's own cards bill core members only


def test_a_token_billing_customers_of_other_clusters_is_a_hub() -> None:
    """The reseller's other 20 customers sit in a cluster of their own: in the operation's
    cluster the token bills its core (all 20) and the office (5, a fifth) only, and it is still
    a hub, since it bills 20 more accounts the core does not hold."""
    graph, membership = _billed_operation(billed=20)
    membership.loc[membership["acct"] >= 40, "community"] = 1
    scored = score(graph, pd.DataFrame(index=range(200)), membership, split=False)
    ev = scored.member_links
    ours = (ev["community"] == 0).to_numpy()
    assert set(ev.loc[ours & billing_hubs(ev, scored.members, min_outside=5), "artifact"]) == {"pm:token"}


def test_a_billing_hub_does_not_join_the_resellers_customers_to_the_operation() -> None:
    graph, membership = _billed_operation()
    unsplit = score(graph, pd.DataFrame(index=range(200)), membership, split=False).members.set_index("acct")
    assert (unsplit.loc[30:34, "role"] == "core").all()  # the token and their office IP hold them
    members = score(graph, pd.DataFrame(index=range(200)), membership).members.set_index("acct")
    assert (members.loc[0:19, "role"] == "core").all() and (members.loc[0:19, "community"] == 0).all()
    assert (members.loc[30:34, "role"] == "peripheral").all()
    assert members.loc[30:34, "community"].nunique() == 1 and members.loc[30, "community"] != 0


def _office_beside_an_operation() -> tuple[LinkGraph, pd.DataFrame]:
    """Community 0: an operation (0-19, two cards, its own template), an office (30-39, its
    card and NAT) and households (50-69, peripheral); five of the operation's accounts, the
    office and the households all pass through one carrier address."""
    links = [(a, "pm:c1" if a < 10 else "pm:c2") for a in range(20)] + [(a, "fp:op") for a in range(20)]
    links += [(a, "pm:office") for a in range(30, 40)] + [(a, "ip:office") for a in range(30, 40)]
    links += [(a, "ip:carrier") for a in [*range(5), *range(30, 40), *range(50, 70)]]
    members = [*range(20), *range(30, 40), *range(50, 70)]
    return graph_of(links, 200), pd.DataFrame({"acct": members, "community": 0})


def test_an_address_shared_with_peripheral_users_is_no_exit_of_the_core() -> None:
    graph, membership = _office_beside_an_operation()
    scored = score(graph, pd.DataFrame(index=range(200)), membership, split=False)
    ev = scored.member_links
    assert set(ev.loc[shared_exits(ev, scored.members, 0.9), "artifact"]) == {"ip:carrier"}


def test_a_prompt_the_core_shares_with_the_population_does_not_join_its_parts() -> None:
    """An operation (0-19, two cards, its family) and a company (30-37, its card) in one core;
    two staff and one operation account sent a prompt nine outsiders sent too."""
    members, own = _frames([(list(range(20)), [1, 2, 3]), (list(range(30, 38)), [4])])
    own = pd.concat([own, pd.DataFrame({"acct": [5, 30, 31], "community": 0, "art": 9})], ignore_index=True)
    own["kind"] = np.where(own["art"] == 4, "payment", np.where(own["art"].isin([1, 2]), "payment", "family"))
    own["kind"] = np.where(own["art"] == 9, "fingerprint", own["kind"])
    own["df"] = np.where(own["art"] == 9, 12, own.groupby("art")["acct"].transform("size"))
    thin = shared_templates(own, members)
    assert set(own.loc[thin, "art"]) == {9}  # the operation's family is its own
    assert disjoint_core_parts(members, own, min_part=5) is None  # one part through the prompt
    split = disjoint_core_parts(members, own[~thin], min_part=5)
    assert split is not None and split.set_index("acct").loc[30:37, "community"].nunique() == 1
    assert split.set_index("acct").loc[30, "community"] != split.set_index("acct").loc[0, "community"]


def test_an_office_met_on_a_carrier_address_is_split_from_the_operation() -> None:
    graph, membership = _office_beside_an_operation()
    unsplit = score(graph, pd.DataFrame(index=range(200)), membership, split=False).members.set_index("acct")
    assert (unsplit.loc[[*range(20), *range(30, 40)], "role"] == "core").all()
    members = score(graph, pd.DataFrame(index=range(200)), membership).members.set_index("acct")
    assert (members.loc[0:19, "community"] == 0).all()
    assert members.loc[30:39, "community"].nunique() == 1 and members.loc[30, "community"] != 0


def _crowd_with_cover(n_op: int = 12, company: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Core of community 0: 60 ordinary members (0-59) each on two of six popular templates
    that 30% of their users send from elsewhere; an operation (100-...) on three paraphrase
    families of its own (all their users) and, as cover, on the popular ones too; optionally
    a company (200-...) on two templates of its own."""
    rows = [(a, 10 + (a + k) % 6, "family", 0) for a in range(60) for k in (0, 1)]
    op = list(range(100, 100 + n_op))
    rows += [(a, 20 + f, "family", 0) for a in op for f in range(3)]
    rows += [(a, 10 + a % 6, "family", 0) for a in op]
    staff = list(range(200, 200 + company))
    rows += [(a, 30 + t, "fingerprint", 0) for a in staff for t in range(2)]
    own = pd.DataFrame(rows, columns=["acct", "art", "kind", "community"])
    own["n_in"] = own.groupby("art")["acct"].transform("nunique")
    own["df"] = np.where(own["art"] < 20, (own["n_in"] / 0.7).round().astype(int), own["n_in"])
    core = pd.DataFrame({"acct": sorted(own["acct"].unique()), "community": 0})
    return core, own


def test_an_operation_with_cover_templates_is_a_sole_team() -> None:
    core, own = _crowd_with_cover()
    assert template_team(core, own, min_part=5, max_share=0.25).sum() == 0  # its cover ties it to the crowd
    label = pd.Series(sole_teams(core, own, 5, 0.25, 0.9), index=core["acct"])
    assert label.loc[100:111].nunique() == 1 and (label.loc[100:111] >= 0).all()
    assert (label.loc[0:59] == -1).all()


def test_a_companys_own_templates_make_a_team_of_its_own_and_big_teams_are_none() -> None:
    core, own = _crowd_with_cover(company=8)
    label = pd.Series(sole_teams(core, own, 5, 0.25, 0.9), index=core["acct"])
    assert label.loc[200:207].nunique() == 1 and label.loc[200] not in (-1, label.loc[100])
    core, own = _crowd_with_cover(n_op=30)  # 30 of 90: more than a quarter of the core
    assert (sole_teams(core, own, 5, 0.25, 0.9) == -1).all()


def test_a_team_whose_templates_many_others_use_is_part_of_a_larger_group() -> None:
    """Twelve members on the operation's first family alone: as many as a quarter of the team."""
    core, own = _crowd_with_cover()
    loners = pd.DataFrame({"acct": range(300, 304), "art": 20, "kind": "family", "community": 0})
    own = pd.concat([own, loners], ignore_index=True)
    own["n_in"] = own.groupby("art")["acct"].transform("nunique")
    own["df"] = np.where(own["art"] < 20, (own["n_in"] / 0.7).round().astype(int), own["n_in"])
    core = pd.DataFrame({"acct": sorted(own["acct"].unique()), "community": 0})
    assert (sole_teams(core, own, 5, 0.25, 0.9) == -1).all()


def test_a_crowds_own_templates_do_not_chain_its_members_to_an_operation() -> None:
    """Sixty crowd members (0-59) on one of six templates the crowd holds alone, ten more
    (60-69) on two of them; the operation (100-111) on three families of its own and, as cover,
    on one of the crowd's. Few of a crowd template's users are tied members: no team joins on it."""
    rows = [(a, 10 + a % 6, "family", 0) for a in range(60)]
    rows += [(a, 10 + (a + k) % 6, "family", 0) for a in range(60, 70) for k in (0, 1)]
    rows += [(a, 20 + f, "family", 0) for a in range(100, 112) for f in range(3)]
    rows += [(a, 10 + a % 6, "family", 0) for a in range(100, 112)]
    own = pd.DataFrame(rows, columns=["acct", "art", "kind", "community"])
    own["n_in"] = own.groupby("art")["acct"].transform("nunique")
    own["df"] = own["n_in"]
    core = pd.DataFrame({"acct": sorted(own["acct"].unique()), "community": 0})
    label = pd.Series(sole_teams(core, own, 5, 0.25, 0.9), index=core["acct"])
    assert label.loc[100:111].nunique() == 1 and (label.loc[100:111] >= 0).all()
    assert (label.loc[0:69] == -1).all()


def test_a_template_a_crowd_holds_by_its_mass_is_not_its_own() -> None:
    """A crowd of half the world holds both users of a template two people share one time in
    four; all twenty users of a family, never by chance."""
    got = sole_by_more_than_chance(np.array([2, 5, 20]), np.array([2, 5, 20]), np.array([0.5, 0.5, 0.5]))
    assert got.tolist() == [False, False, True]
    assert sole_by_more_than_chance(np.array([5]), np.array([5]), np.array([0.1])).tolist() == [True]


def test_sole_teams_are_split_off_crowds_only() -> None:
    """An operation's own cluster (72 members here) is not cut into its cells."""
    core, own = _crowd_with_cover()
    members = core.assign(role="core")
    assert disjoint_core_parts(members, own, 5, 0.25, sole_share=0.9, crowd_size=100) is None
    split = disjoint_core_parts(members, own, 5, 0.25, sole_share=0.9, crowd_size=50)
    assert split is not None
    by_acct = split.set_index("acct")["community"]
    assert set(by_acct.loc[100:111]) == {1} and set(by_acct.loc[0:59]) == {0}


def _public_prompt_beside_an_operation(light: bool) -> tuple[LinkGraph, pd.DataFrame]:
    """Community 0: an operation (0-19, two cards, its own template) and a household (30-36, its
    card and home IP); both pasted one public prompt, as did 130 accounts elsewhere."""
    links = [(a, "pm:c1" if a < 10 else "pm:c2") for a in range(20)] + [(a, "fp:op") for a in range(20)]
    links += [(a, "pm:home") for a in range(30, 37)] + [(a, "ip:home") for a in range(30, 37)]
    links += [(a, "fp:public") for a in [*range(20), *range(30, 37), *range(100, 230)]]
    graph = graph_of(links, 2000)
    graph.artifacts["light"] = light & (graph.artifacts["artifact"] == "fp:public").to_numpy()
    return graph, pd.DataFrame({"acct": [*range(20), *range(30, 37)], "community": 0})


def test_a_public_prompt_does_not_join_a_household_to_the_operation() -> None:
    graph, membership = _public_prompt_beside_an_operation(light=True)
    scored = score(graph, pd.DataFrame(index=range(2000)), membership, split=False)
    ev = scored.member_links
    light = graph.artifacts["light"].to_numpy()
    assert set(ev.loc[public_prompts(ev, scored.members, 0.25, light), "artifact"]) == {"fp:public"}
    assert not public_prompts(ev, scored.members, 0.0, light).any()  # 0 turns the rule off
    members = score(graph, pd.DataFrame(index=range(2000)), membership).members.set_index("acct")
    assert (members.loc[0:19, "community"] == 0).all()
    assert members.loc[30:36, "community"].nunique() == 1 and members.loc[30, "community"] != 0


def test_a_prompt_sent_again_and_again_still_joins_the_parts() -> None:
    graph, membership = _public_prompt_beside_an_operation(light=False)
    members = score(graph, pd.DataFrame(index=range(2000)), membership).members.set_index("acct")
    assert (members.loc[[*range(20), *range(30, 37)], "community"] == 0).all()


def test_a_light_prompt_the_core_holds_enough_of_joins_the_parts() -> None:
    graph, membership = _public_prompt_beside_an_operation(light=True)  # the core: 27 of its 157 users
    held = score(graph, pd.DataFrame(index=range(2000)), membership, params=ScoringParams(public_prompt_hold=0.15))
    assert (held.members.set_index("acct").loc[[*range(20), *range(30, 37)], "community"] == 0).all()
