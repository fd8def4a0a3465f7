"""A domain's home network: the office NAT or corporate card most of its accounts use."""

from __future__ import annotations

import numpy as np
import pandas as pd
from small_graphs import graph_of

from linkgraph.scoring.features import owned_domain_share
from linkgraph.scoring.home import home_network


def test_staff_on_the_office_network_are_at_home() -> None:
    """Ten employees on acme.example, eight behind the office NAT with one visitor; the other two work from home."""
    domain = pd.Series(["acme.example"] * 10 + ["mail.example"])
    links = [(a, "ip:office") for a in range(8)] + [(10, "ip:office"), (8, "ip:home8"), (9, "ip:home9")]
    home = home_network(graph_of(links, 11), domain, min_members=5)
    assert home.tolist() == [True] * 8 + [False] * 3


def test_a_corporate_card_is_a_home_network_too() -> None:
    domain = pd.Series(["acme.example"] * 6)
    home = home_network(graph_of([(a, "pm:corporate") for a in range(6)], 6), domain, min_members=5)
    assert home.all()


def test_webmail_users_on_one_address_are_not_at_home() -> None:
    """Six webmail users on one IP: far fewer than half of the domain's accounts."""
    domain = pd.Series(["mail.example"] * 40)
    home = home_network(graph_of([(a, "ip:cafe") for a in range(6)], 40), domain, min_members=5)
    assert not home.any()


def test_a_carrier_address_shared_with_everyone_is_nobodys_home() -> None:
    """Six of a small company's eight accounts behind a carrier NAT whose twenty users are mostly webmail's."""
    domain = pd.Series(["acme.example"] * 8 + ["mail.example"] * 100)
    links = [(a, "ip:carrier") for a in range(6)] + [(a, "ip:carrier") for a in range(8, 22)]
    home = home_network(graph_of(links, 108), domain, min_members=5)
    assert not home.any()


def test_an_operation_on_a_universitys_domain_is_not_on_its_campus() -> None:
    """Students share the campus NAT; accounts an operation made on the domain share their own VPS."""
    domain = pd.Series(["uni.example"] * 20)
    links = [(a, "ip:campus") for a in range(14)] + [(a, "ip:vps") for a in range(14, 20)]
    home = home_network(graph_of(links, 20), domain, min_members=5)
    assert home.tolist() == [True] * 14 + [False] * 6


def test_an_operation_outnumbering_a_firms_staff_does_not_take_its_office() -> None:
    """A firm's ten established staff behind its office NAT; an operation signs up twenty new
    accounts on the firm's breached domain, all on its own VMs. By all thirty accounts, eight
    on the NAT are not half; by the ten accounts the domain had before the log, they are. The
    operation's VMs, used by two thirds of the domain, stay its home too: only what the
    established accounts add is new, and it makes only them at home."""
    domain = pd.Series(["firm.example"] * 30)
    links = [(a, "ip:office") for a in range(8)] + [(a, "ip:vm") for a in range(10, 30)]
    graph = graph_of(links, 30)
    established = np.arange(30) < 10
    assert not home_network(graph, domain, min_members=5)[:10].any()
    home = home_network(graph, domain, min_members=5, established=established)
    assert home.tolist() == [True] * 8 + [False] * 2 + [True] * 20
    hired = links + [(a, "ip:office") for a in (30, 31)]  # two newcomers behind the office NAT only
    domain32 = pd.Series(["firm.example"] * 32)
    home = home_network(graph_of(hired, 32), domain32, min_members=5, established=np.arange(32) < 10)
    assert home[:8].all() and not home[30:].any()  # the staff's home makes only the staff at home
    few = np.arange(30) < 4  # four established accounts say nothing about whose the domain is
    assert not home_network(graph, domain, min_members=5, established=few)[:10].any()


def test_too_few_accounts_make_no_home() -> None:
    domain = pd.Series(["tiny.example"] * 4)
    assert not home_network(graph_of([(a, "ip:office") for a in range(4)], 4), domain, min_members=5).any()


def test_templates_make_no_home_and_links_count_once() -> None:
    domain = pd.Series(["acme.example"] * 6)
    links = [(a, "fp:helpdesk") for a in range(6)] + [(0, "ip:office")] * 5 + [(1, "ip:office")]
    assert not home_network(graph_of(links, 6), domain, min_members=5).any()


def test_a_team_at_home_owns_its_companys_domain() -> None:
    """A cluster of 6 of a company's 20 accounts owns the domain when they are on its home network."""
    community = np.zeros(6, dtype=np.int64)
    domain = pd.Series(["acme.example"] * 6)
    counts = pd.Series({"acme.example": 20})
    assert owned_domain_share(community, domain, counts).tolist() == []
    share = owned_domain_share(community, domain, counts, home=np.array([True] * 5 + [False]))
    assert share.tolist() == [5 / 6]
    assert owned_domain_share(community, domain, counts, home=np.array([True] * 4 + [False] * 2)).tolist() == []
