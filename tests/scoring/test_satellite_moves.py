"""Satellites: members whose evidence belongs to another cluster's core move there."""

from __future__ import annotations

import pandas as pd
import pytest
from satellite_worlds import coreless_world, crowd_yield_world, satellite_world

from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.satellites import satellite_moves

POPULATION = 1_000
"""Accounts in the population of the small world's tests: community 1 (25) is no crowd."""


def test_members_held_by_the_network_alone_follow_their_cards_and_templates() -> None:
    """30 and 31 move on their families; 34, peripheral, moves on any artifacts."""
    members, links, artifacts = satellite_world()
    assert satellite_moves(members, links, artifacts, ScoringParams(), POPULATION).to_dict() == {30: 0, 31: 0, 34: 0}


@pytest.mark.parametrize("stayer", [32, 33])
def test_a_core_part_moves_whole_or_not_at_all(stayer: int) -> None:
    """A core member with the operation's family stays: 32 has the crowd's card too; 33 has one
    family and the operation's exit (enough for a peripheral member, but a core member is held
    by its IPs and moves on cards and templates only). 30 and 31 would leave it without the
    peers on that family: they stay with it."""
    members, links, artifacts = satellite_world(stayer)
    assert satellite_moves(members, links, artifacts, ScoringParams(), POPULATION).to_dict() == {34: 0}


@pytest.mark.parametrize(("stayer", "moved"), [(32, {30: 0, 31: 0, 32: 0, 34: 0}), (33, {30: 0, 31: 0, 34: 0})])
def test_in_a_crowd_a_core_member_moves_on_its_own_cards_and_templates(stayer: int, moved: dict) -> None:
    """The same world as the whole population: community 1 holds 25 of 35 accounts, a crowd.
    32 moves although the crowd homes its card: a core of most of the population holds a card
    of six users by chance. 33 (one family) stays without holding back 30 and 31: the crowd's
    core does not rest on them."""
    members, links, artifacts = satellite_world(stayer)
    assert satellite_moves(members, links, artifacts, ScoringParams(), n_accounts=35).to_dict() == moved


def test_in_a_crowd_an_operation_that_is_its_core_keeps_its_members() -> None:
    """In a population of 250, the crowd (25 members plus 200 hangers-on without links) has a core
    of 24, a tenth of everyone. Its core holds all six users of the card, ten times that share:
    the card is the core's own, and 32, which has it, stays."""
    members, links, artifacts = satellite_world(32)
    extra = pd.DataFrame({"acct": range(35, 235), "community": 1, "role": "peripheral"})
    members = pd.concat([members, extra], ignore_index=True)
    assert satellite_moves(members, links, artifacts, ScoringParams(), n_accounts=250).to_dict() == {
        30: 0,
        31: 0,
        34: 0,
    }


@pytest.mark.parametrize(("population", "home"), [(POPULATION, 0), (200, 1)])
def test_a_crowd_holding_a_members_exits_by_its_mass_yields_to_its_templates(population: int, home: int) -> None:
    """The world of :func:`crowd_yield_world`: 42 passed through the three NAT addresses of
    community 0's core and sends the two families of community 1's. Among 1,000 accounts it follows
    the three addresses to community 0; among 200, community 0 is a crowd that holds the
    addresses by its mass, and 42 goes where its families belong."""
    members, links, artifacts = crowd_yield_world()
    assert satellite_moves(members, links, artifacts, ScoringParams(), population).to_dict() == {42: home}


FRAGMENT = {10: 0, 11: 0, 12: 0}


@pytest.mark.parametrize(
    ("cell", "population", "moved"),
    [(3, POPULATION, FRAGMENT), (5, POPULATION, {**FRAGMENT, 13: 0, 14: 0}), (6, POPULATION, {}), (3, 60, {})],
)
def test_a_community_without_a_core_moves_only_as_a_fragment(cell: int, population: int, moved: dict) -> None:
    """The world of :func:`coreless_world`: a community without a core on the two families of
    community 0's core. Three or five of the operation's accounts cut off with a family of their
    own move there (the core holds the families at least twice as often); six are a sibling cell
    and stay apart (a warm start keeps cells apart). Among 60 accounts community 0 is a crowd whose
    core of a sixth of everyone holds the families by its mass: nothing moves."""
    members, links, artifacts = coreless_world(cell)
    assert satellite_moves(members, links, artifacts, ScoringParams(), population).to_dict() == moved


def test_a_crowd_draws_a_fragment_on_what_its_core_holds_beyond_its_mass() -> None:
    """Community 0 with 200 hangers-on without links is a crowd of 250 accounts, its core a
    twenty-fifth of them: holding 10 of the families' 13 users is ten times more than its mass
    explains, and the fragment moves."""
    members, links, artifacts = coreless_world(3, hangers=200)
    assert satellite_moves(members, links, artifacts, ScoringParams(), n_accounts=250).to_dict() == FRAGMENT


def test_ips_do_not_draw_a_community_without_a_core() -> None:
    """Without its families the fragment shares only the exit (and a family of its own): it stays."""
    members, links, artifacts = coreless_world(3)
    links = links[~(links["acct"].ge(10) & links["art"].isin([0, 1]))]
    assert satellite_moves(members, links, artifacts, ScoringParams(), POPULATION).empty
