"""Which evidence ties a member to its cluster's core (pure functions of the evidence links)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from small_graphs import graph_of

from linkgraph.scoring.clusters import link_shares
from linkgraph.scoring.members import (
    cell_timing_links,
    exact_templates,
    exclusive_families,
    member_evidence,
    member_links,
    owned_generic,
    owned_links,
    popular_variants,
    relabel_member_links,
    template_echoes,
)
from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.schedule import lockstep_clock

KINDS = pd.CategoricalDtype(["payment", "ip", "fingerprint", "family", "rewrite"])


def evidence(rows: list[tuple[int, int, int, str, int]]) -> pd.DataFrame:
    """Evidence links from ``(acct, community, art, kind, df)``; ``n_in`` is counted from the rows."""
    ev = pd.DataFrame(rows, columns=["acct", "community", "art", "kind", "df"])
    ev["kind"] = ev["kind"].astype(KINDS)
    ev["n_in"] = ev.groupby(["community", "art"])["acct"].transform("size")
    ev["weight"] = 0.5
    return ev


def test_a_share_chance_gives_a_big_cluster_ties_nothing() -> None:
    # community 0 holds 10% of 1,000 accounts: 10x chance is 100%, capped at 50% of the users;
    # community 1 holds 1%: 10% of the users; the floor is min_exclusivity (5%)
    sizes = pd.Series({0: 100, 1: 10})
    ev = pd.DataFrame(
        {
            "community": [0, 0, 0, 1, 1, 1],
            "n_in": [40, 40, 30, 5, 5, 5],
            "df": [600, 60, 61, 40, 60, 40],
        }
    )
    assert owned_links(ev, sizes, 1_000, ScoringParams()).tolist() == [False, True, False, True, False, True]
    no_lift = ScoringParams(min_lift=0.0)
    assert owned_links(ev, sizes, 1_000, no_lift).tolist() == [True, True, True, True, True, True]
    assert owned_links(ev, sizes, 1_000_000, ScoringParams()).tolist() == [True] * 6  # tiny clusters: the floor


def test_pool_customers_with_a_popular_template_stay_peripheral_in_a_big_cluster() -> None:
    """A cell on three private IPs is core; its proxy pool's customers share one pool IP and a
    popular template with each other: coincidence at this cluster's size, so peripheral."""
    rows = []
    cell, customers = range(20), range(20, 50)
    for a in cell:
        rows += [(a, 0, art, "ip", 20) for art in (1, 2, 3)]
    for a in customers:
        pool_ip = 10 + a % 3  # 10 customers on each of three pool IPs, 12 users each
        rows += [(a, 0, pool_ip, "ip", 12), (a, 0, 20, "fingerprint", 600), (a, 0, 21, "family", 600)]
    membership = pd.DataFrame({"acct": np.arange(100), "community": 0})  # 50 members without ties
    ev = evidence(rows)

    big = member_evidence(membership, ev, ScoringParams(), n_accounts=1_000).set_index("acct")["role"]
    assert (big[list(cell)] == "core").all()
    assert (big[list(customers)] == "peripheral").all()

    # the same cluster in a population of 100,000 holds 0.1%: 30 of a template's 600 users is
    # 5% of them, 50x chance, so the template ties them (the fixed floor alone decides)
    small = member_evidence(membership, ev, ScoringParams(), n_accounts=100_000).set_index("acct")["role"]
    assert (small[list(customers)] == "core").all()


def test_a_generic_template_counts_for_the_cluster_that_owns_it() -> None:
    """An operation's paraphrase families can be too popular to carry edges (over 1% of all
    accounts) and still be its own: templating counts them; a popular prompt spread over the
    population does not count for the cluster that holds a few of its users."""
    rows = []
    for a in range(40):  # community 0: 40 members on two generic families they own (42 users each)
        rows += [(a, 0, 1, "family", 42), (a, 0, 2, "family", 42)]
    for a in range(40, 80):  # community 1: 40 members on two generic families of 2,000 users each
        rows += [(a, 1, 3, "family", 2_000), (a, 1, 4, "family", 2_000)]
    for a in range(80, 120):  # community 2: two generic families of 60 users, 40 of them here
        rows += [(a, 2, 5, "family", 60), (a, 2, 6, "family", 60)]
    ml = evidence(rows).assign(generic=True)
    clusters = pd.DataFrame({"size": [40, 40, 40]}, index=pd.Index([0, 1, 2], name="community"))
    n_basis = clusters["size"]
    in_basis = np.ones(120, dtype=bool)
    shares, _, _ = link_shares(ml, in_basis, clusters, n_basis, 4_000, ScoringParams())
    # two thirds of a popular template's users in one cluster is how Leiden groups ordinary
    # users around it; an operation's own family has nearly all its users in the cluster
    assert shares["multi_template_share"].tolist() == [1.0, 0.0, 0.0]
    assert shares["family_share"].tolist() == [1.0, 0.0, 0.0]
    assert shares["ip_share"].tolist() == [0.0, 0.0, 0.0]
    assert owned_generic(ml, clusters["size"], 4_000, ScoringParams(generic_owned_share=0.6)).sum() == 160


def test_versions_of_one_template_are_one_template() -> None:
    """An app's users send its prompt as each release words it (two exact fingerprints of one
    family): one template. An operation's accounts send paraphrases of two templates: two."""
    rows = []
    for a in range(20):  # community 0: the app's users, two wordings (10, 11) of family 12
        rows += [(a, 0, 10, "fingerprint", 20), (a, 0, 11, "fingerprint", 20), (a, 0, 12, "family", 20)]
    for a in range(20, 40):  # community 1: wordings of two families (13 in 15, 14 in 16)
        rows += [(a, 1, 13, "fingerprint", 20), (a, 1, 14, "fingerprint", 20)]
        rows += [(a, 1, 15, "family", 20), (a, 1, 16, "family", 20)]
    ml = evidence(rows).assign(generic=False)
    family_of = np.full(17, -1, dtype=np.int64)
    family_of[[10, 11, 13, 14]] = [12, 12, 15, 16]
    clusters = pd.DataFrame({"size": [20, 20]}, index=pd.Index([0, 1], name="community"))
    in_basis = np.ones(40, dtype=bool)
    params = ScoringParams()
    shares, _, _ = link_shares(ml, in_basis, clusters, clusters["size"], 4_000, params, family_of=family_of)
    assert shares["multi_template_share"].tolist() == [0.0, 1.0]
    assert shares["template_share"].tolist() == [1.0, 1.0]
    # without families every exact wording is a template of its own
    shares, _, _ = link_shares(ml, in_basis, clusters, clusters["size"], 4_000, params)
    assert shares["multi_template_share"].tolist() == [1.0, 1.0]


def test_an_owned_generic_template_is_evidence_for_the_core() -> None:
    """A member of a large operation tied by one card and its operation's (generic) family is core."""
    from types import SimpleNamespace

    from linkgraph.scoring.score import _evidence_links

    rows = []
    for a in range(0, 40, 2):  # 20 pairs on prepaid cards, everyone on the operation's family
        rows += [(a, 0, 100 + a, "payment", 2), (a + 1, 0, 100 + a, "payment", 2)]
    rows += [(a, 0, 1, "family", 41) for a in range(40)]
    ml = evidence(rows).assign(generic=lambda d: d["kind"].eq("family"), weight=0.3)
    ml["evidence"] = ~ml["generic"]
    membership = pd.DataFrame({"acct": np.arange(40), "community": 0})
    graph = SimpleNamespace(n_accounts=4_000, artifacts=pd.DataFrame({"artifact": [f"a{i}" for i in range(200)]}))
    ev = _evidence_links(graph, ml, membership, ScoringParams())  # type: ignore[arg-type]
    assert len(ev) == len(ml)
    roles = member_evidence(membership, ev, ScoringParams(), 4_000)["role"]
    assert (roles == "core").all()
    spread = ml.assign(df=np.where(ml["generic"], 400, ml["df"]))  # the family's users mostly elsewhere
    ev = _evidence_links(graph, spread, membership, ScoringParams())  # type: ignore[arg-type]
    assert not ev["generic"].any()
    assert (member_evidence(membership, ev, ScoringParams(), 4_000)["role"] == "peripheral").all()


def test_a_crowd_owns_no_generic_template() -> None:
    """A community of 30% of all accounts holds 90% of a popular family's users because it holds
    most of the population (ordinary users glued by popular templates): it does not own it."""
    ml = evidence([(a, 0, 1, "family", 100) for a in range(90)]).assign(generic=True)
    sizes = pd.Series({0: 300})
    assert not owned_generic(ml, sizes, 1_000, ScoringParams()).any()
    assert owned_generic(ml, sizes, 1_000, ScoringParams(crowd_share=0.5)).all()
    assert owned_generic(ml, pd.Series({0: 90}), 1_000, ScoringParams()).all()  # 9%: an operation may be that large


def _links_with_families() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Two communities of 20 in 10,000 accounts. Artifacts: 0 a popular family (generic, 3,000
    users, 6 here) with its wordings 1 (60 users, 4 here) and 2 (2 users, both here); 3 an
    operation's own family (generic, 8 users, 7 of them in community 1) with its wording 4;
    5 a rare family with wording 6; 7 a fingerprint without a family."""
    artifacts = pd.DataFrame(
        {
            "kind": pd.Categorical(
                [
                    "family",
                    "fingerprint",
                    "fingerprint",
                    "family",
                    "fingerprint",
                    "family",
                    "fingerprint",
                    "fingerprint",
                ],
                dtype=KINDS,
            ),
            "generic": [True, False, False, True, False, False, False, False],
            "family": [-1, 0, 0, -1, 3, -1, 5, -1],
        }
    )
    rows = [(a, 0, art, df) for a in range(4) for art, df in ((0, 3000), (1, 60))]
    rows += [(a, 0, art, df) for a in range(4, 6) for art, df in ((0, 3000), (2, 2), (5, 8), (6, 8), (7, 9))]
    rows += [(a, 1, art, df) for a in range(20, 27) for art, df in ((3, 8), (4, 9))]
    ml = pd.DataFrame(rows, columns=["acct", "community", "art", "df"])
    ml["kind"] = pd.Categorical.from_codes(artifacts["kind"].cat.codes.to_numpy()[ml["art"]], dtype=KINDS)
    ml["n_in"] = ml.groupby(["community", "art"])["acct"].transform("size")
    ml["generic"] = artifacts["generic"].to_numpy()[ml["art"]]
    ml["weight"] = 0.3
    return ml, artifacts, pd.Series({0: 20, 1: 20})


def test_wordings_of_a_popular_family_are_not_evidence_unless_the_cluster_owns_the_family() -> None:
    ml, artifacts, sizes = _links_with_families()
    popular = popular_variants(ml, artifacts, sizes, 10_000, ScoringParams())
    flagged = set(zip(ml["community"][popular], ml["art"][popular], strict=True))
    assert flagged == {(0, 1), (0, 2)}  # both wordings of the popular family, rare or not
    assert owned_generic(ml, sizes, 10_000, ScoringParams())[(ml["art"] == 3).to_numpy()].all()
    less_owned = ScoringParams(generic_owned_share=0.95)  # 7 of 8 users is no longer the cluster's own
    flagged = set(ml["art"][popular_variants(ml, artifacts, sizes, 10_000, less_owned)])
    assert flagged == {1, 2, 4}


def test_no_family_column_changes_nothing() -> None:
    ml, artifacts, sizes = _links_with_families()
    assert not popular_variants(ml, artifacts.drop(columns="family"), sizes, 10_000, ScoringParams()).any()


def test_lockstep_counts_occasions_by_the_hour() -> None:
    """Three prompts of one session beside other viewers of a tutorial are one occasion; an
    operation's waves three hours apart are three."""
    names = ["ls:2026-02-07T16:05|tf:a", "ls:2026-02-07T16:06|tf:b", "ls:2026-02-07T16:07|tf:c"]
    names += ["ls:2026-02-07T10:00|tf:x", "ls:2026-02-07T13:00|tf:x", "ls:2026-02-07T16:00|tf:x"]
    artifacts = pd.DataFrame({"kind": pd.Categorical(["lockstep"] * 6), "artifact": names})
    hours = lockstep_clock(artifacts)[0]
    assert len(set(hours[:3])) == 1 and len(set(hours[3:])) == 3
    kinds = pd.CategoricalDtype(["payment", "ip", "fingerprint", "family", "lockstep"])
    rows = [(a, 0, art) for a in range(6) for art in range(3)] + [
        (a, 1, art) for a in range(6, 12) for art in (3, 4, 5)
    ]
    ml = pd.DataFrame(rows, columns=["acct", "community", "art"])
    ml["kind"] = pd.Series(["lockstep"] * len(ml), dtype=kinds)
    ml["n_in"], ml["df"], ml["generic"], ml["weight"] = 6, 6, False, 0.4
    clusters = pd.DataFrame({"size": [6, 6]}, index=pd.Index([0, 1], name="community"))
    shares, _, _ = link_shares(ml, np.ones(12, dtype=bool), clusters, clusters["size"], 1_000, ScoringParams(), hours)
    assert shares["lockstep_share"].tolist() == [0.0, 1.0]
    without_hours, _, _ = link_shares(ml, np.ones(12, dtype=bool), clusters, clusters["size"], 1_000, ScoringParams())
    assert without_hours["lockstep_share"].tolist() == [1.0, 1.0]


def test_classes_on_their_own_card_and_room_ip_are_offices() -> None:
    """Ten classes of 20, each on its sponsor's card and its room's IP, joined by one curriculum:
    ten offices behind the whole cluster, although the largest hub is 10% of it. A cell on
    shared cards that rotates through the cell's IPs is not an office."""
    from linkgraph.scoring.offices import office_accounts

    rows = []
    for a in range(200):
        room = a // 20
        rows += [(a, 0, 1000 + room, "payment", 20), (a, 0, 2000 + room, "ip", 20), (a, 0, 1, "fingerprint", 200)]
    for a in range(200, 240):  # community 1: two cards of 20, every member on three of the cell's IPs
        rows += [(a, 1, 3000 + (a // 20), "payment", 20)]
        rows += [(a, 1, 4000 + (a + k) % 6, "ip", 20) for k in range(3)]
    ml = evidence(rows).assign(generic=False)
    clusters = pd.DataFrame({"size": [200, 40]}, index=pd.Index([0, 1], name="community"))
    shares, shared, _ = link_shares(ml, np.ones(240, dtype=bool), clusters, clusters["size"], 10_000, ScoringParams())

    offices = office_accounts(shared, ScoringParams().network_min_members)
    assert sorted(offices["acct"]) == list(range(200))
    assert shares["hub_share"].tolist() == [1.0, 0.5]  # the cell: its largest card holds half of it
    assert shares["multi_ip_share"].tolist() == [0.0, 1.0]
    small_cards = evidence([(a, 0, 9000 + a // 3, "payment", 3) for a in range(30)]).assign(generic=False)
    assert office_accounts(small_cards, 5).empty  # prepaid cards shared by three are no office
    # twenty accounts on one resold card, each out of its own residential IP: no NAT, no office
    scattered = evidence([(a, 0, 9500, "payment", 20) for a in range(20)]).assign(generic=False)
    assert office_accounts(scattered, 5).empty


def test_resold_cards_over_datacenter_addresses_are_no_offices() -> None:
    """A bulk operation of 60: three resold cards, half its accounts on two of them, and each
    account behind one of ten datacenter IPs. Each card's users sit behind many IPs and each
    IP's users pay with many cards: no five members share a card *and* an IP, so there is no
    office, although every member pays with a card of 20 or more and sits behind one IP of six."""
    from linkgraph.scoring.offices import office_accounts

    rows = []
    for a in range(60):
        cards = [a % 3] if a % 2 else [a % 3, (a + 1) % 3]
        rows += [(a, 0, 100 + c, "payment", 30) for c in cards]
        rows += [(a, 0, 200 + (a * 7) % 10, "ip", 6)]
    ml = evidence(rows).assign(generic=False)
    clusters = pd.DataFrame({"size": [60]}, index=pd.Index([0], name="community"))
    shares, shared, _ = link_shares(ml, np.ones(60, dtype=bool), clusters, clusters["size"], 10_000, ScoringParams())
    assert office_accounts(shared, ScoringParams().network_min_members).empty
    top_card = shared[shared["kind"] == "payment"].groupby("art").size().max() / 60
    assert shares["hub_share"].iloc[0] == pytest.approx(top_card)  # the largest card, not offices of 100%


def test_a_gateway_shared_with_its_customers_is_no_office() -> None:
    """Twelve members, each on its own card; three of them send through one address of a
    reseller's gateway that a hundred customers use. The cluster holds 3% of the address's
    users: it is the reseller's, not the cluster's office, so it is no hub. A company of
    twelve behind its office NAT (ten of its eleven users) keeps the NAT as its hub."""
    rows = [(a, 0, 100 + a, "payment", 1) for a in range(12)] + [(a, 0, 50, "ip", 100) for a in range(3)]
    rows += [(a, 1, 60, "ip", 11) for a in range(12, 22)] + [(a, 1, 200 + a, "payment", 1) for a in range(12, 24)]
    ml = evidence(rows).assign(generic=False)
    clusters = pd.DataFrame({"size": [12, 12]}, index=pd.Index([0, 1], name="community"))
    shares, _, _ = link_shares(ml, np.ones(24, dtype=bool), clusters, clusters["size"], 20_000, ScoringParams())
    assert shares["hub_share"].tolist() == pytest.approx([0.0, 10 / 12])
    assert shares["ip_share"].tolist() == pytest.approx([3 / 12, 10 / 12])  # still a shared IP


def test_rotating_through_a_resellers_gateways_is_no_office() -> None:
    """An operation of 40 sends through all four addresses of a reseller's gateway (too popular
    to be evidence, but a third of their users are its own) and each slot's VM, paying with
    cards that pairs share: no office behind four NATs. A company of 12 behind the one NAT it
    holds keeps it, however popular the address."""
    rows = [(a, 0, 50 + k, "ip", 120) for a in range(40) for k in range(4)]
    rows += [(a, 0, 60 + a // 8, "ip", 8) for a in range(40)] + [(a, 0, 100 + a // 2, "payment", 2) for a in range(40)]
    rows += [(a, 1, 70, "ip", 30) for a in range(40, 52)] + [(a, 1, 200 + a, "payment", 1) for a in range(40, 52)]
    ml = evidence(rows)
    ml["generic"] = ml["art"].isin([50, 51, 52, 53, 70]).to_numpy()
    clusters = pd.DataFrame({"size": [40, 12]}, index=pd.Index([0, 1], name="community"))
    shares, _, _ = link_shares(ml, np.ones(52, dtype=bool), clusters, clusters["size"], 5_000, ScoringParams())
    assert shares["multi_ip_share"].tolist() == [0.0, 0.0]  # one VM each: the gateways are no evidence
    assert shares["hub_share"].tolist() == pytest.approx([2 / 40, 1.0])


@settings(max_examples=60, deadline=None)
@given(
    users=st.lists(st.integers(1, 12), min_size=1, max_size=4),
    strangers=st.lists(st.integers(0, 60), min_size=4, max_size=4),
    more=st.integers(1, 200),
)
def test_strangers_on_an_address_never_raise_the_hub(users: list[int], strangers: list[int], more: int) -> None:
    """Members of one cluster of 12 on up to four IPs; adding strangers to the first IP (its
    ``df`` grows) can only lower the hub: an address becomes the cluster's NAT by holding its
    users, never by losing them."""

    def hub(extra: int) -> float:
        rows = [
            (a, 0, 10 + ip, "ip", n + strangers[ip] + (extra if ip == 0 else 0))
            for ip, n in enumerate(users)
            for a in range(n)
        ]
        rows += [(a, 0, 100 + a, "payment", 1) for a in range(12)]
        ml = evidence(rows).assign(generic=False)
        clusters = pd.DataFrame({"size": [12]}, index=pd.Index([0], name="community"))
        shares, _, _ = link_shares(ml, np.ones(12, dtype=bool), clusters, clusters["size"], 20_000, ScoringParams())
        return float(shares["hub_share"].iloc[0])

    assert hub(more) <= hub(0)


def test_classes_that_meet_in_the_same_minutes_are_not_lockstep() -> None:
    """Ten classes of 20 on their sponsors' cards and room IPs, on one curriculum, meet other
    classes in the same minutes in three clock hours: their offices explain it. A fleet on the
    same cards that rotates through three shared IPs is in lockstep."""
    kinds = pd.CategoricalDtype(["payment", "ip", "fingerprint", "family", "lockstep"])
    rows = []
    for a in range(200):  # community 0: the classes
        room = a // 20
        rows += [(a, 0, 1000 + room, "payment"), (a, 0, 2000 + room, "ip")]
        rows += [(a, 0, 5000 + hour, "lockstep") for hour in range(3)]
    for a in range(200, 240):  # community 1: the fleet
        rows += [(a, 1, 3000 + (a // 20), "payment")]
        rows += [(a, 1, 4000 + (a + k) % 6, "ip") for k in range(3)]
        rows += [(a, 1, 6000 + hour, "lockstep") for hour in range(3)]
    ml = pd.DataFrame(rows, columns=["acct", "community", "art", "kind"])
    ml["kind"] = ml["kind"].astype(kinds)
    ml["n_in"] = ml.groupby(["community", "art"])["acct"].transform("size")
    ml["df"], ml["generic"], ml["weight"] = ml["n_in"], False, 0.4
    hours = np.full(7_000, -1, dtype=np.int32)
    hours[5000:5003] = hours[6000:6003] = [0, 1, 2]
    clusters = pd.DataFrame({"size": [200, 40]}, index=pd.Index([0, 1], name="community"))
    shares, _, in_office = link_shares(
        ml, np.ones(240, dtype=bool), clusters, clusters["size"], 10_000, ScoringParams(), hours
    )
    assert shares["lockstep_share"].tolist() == [0.0, 1.0]
    assert in_office.tolist() == [True] * 200 + [False] * 40


def test_a_household_on_one_exit_of_a_cell_is_peripheral() -> None:
    """Five cells of twenty, each on its template family and one private exit; three
    households of two whose home address the pool also uses as one of those exits, each on
    its family card. Cell members are core; the households share one IP that is not the
    cluster's exit and a card between relatives, and neither ties them to the operation."""
    rows = []
    for a in range(100):
        cell = a // 20
        rows += [(a, 0, 500 + cell, "family", 20), (a, 0, 600 + cell, "ip", 22)]
    for h in range(3):
        for a in (100 + 2 * h, 101 + 2 * h):
            rows += [(a, 0, 700 + h, "payment", 2), (a, 0, 600 + h, "ip", 22)]
    ev = evidence(rows)
    ev["df"] = ev["n_in"]
    membership = pd.DataFrame({"acct": np.arange(106), "community": 0})
    roles = member_evidence(membership, ev, ScoringParams(), n_accounts=10_000).set_index("acct")["role"]
    assert (roles[list(range(100))] == "core").all()
    assert (roles[list(range(100, 106))] == "peripheral").all()


def test_two_families_of_the_cluster_alone_tie_a_member_without_another_kind() -> None:
    """A varied operation's account with no shared card, on a public pool, still writes
    paraphrases of two of the operation's own families; two families that are also used
    outside the cluster do not make a core, nor do two families in a crowd."""
    rows = []
    for a in range(12):  # the operation: a card per pair and two of its three families each
        rows += [(a, 0, 100 + a // 2, "payment", 2)]
        rows += [(a, 0, 10 + (a + k) % 3, "family", 11) for k in (0, 1)]
    for a in range(12, 16):  # nothing but two of its families
        rows += [(a, 0, 10 + (a + k) % 3, "family", 11) for k in (0, 1)]
    for a in range(16, 20):  # two families whose users are mostly elsewhere (df 40)
        rows += [(a, 0, 20 + k, "family", 40) for k in (0, 1)]
    for a in range(20, 26):
        rows += [(a, 0, 20 + k, "family", 40) for k in (0, 1)]
    ev = evidence(rows)
    membership = pd.DataFrame({"acct": np.arange(26), "community": 0})
    sizes = membership["community"].value_counts()
    exclusive = exclusive_families(ev, sizes, 10_000, ScoringParams())
    assert np.isfinite(exclusive).tolist() == (ev["kind"] == "family").tolist()
    assert ((ev["n_in"] >= exclusive) == ev["art"].between(10, 12)).all()
    roles = member_evidence(membership, ev, ScoringParams(), n_accounts=10_000).set_index("acct")["role"]
    assert (roles[list(range(16))] == "core").all()
    assert (roles[list(range(16, 26))] == "peripheral").all()
    # the same cluster as a crowd of more than a tenth of everyone: no family is its alone
    crowd = member_evidence(membership, ev, ScoringParams(), n_accounts=200).set_index("acct")["role"]
    assert (crowd[list(range(12, 16))] == "peripheral").all()


def test_users_of_a_script_an_operation_sends_as_cover_are_not_core() -> None:
    """An operation (a card per pair, two of its three families) sends a cron script's two
    prompts as cover, and Leiden draws the script's users into its cluster: each sends the
    script's exact prompt, so a fingerprint and its family per prompt. Four links, but two
    templates, of one kind; and with the single-prompt users peeled, the script's families
    are no longer the core's alone. The operation stays core."""
    rows = []
    for a in range(12):
        rows += [(a, 0, 100 + a // 2, "payment", 2)]
        rows += [(a, 0, 10 + (a + k) % 3, "family", 12) for k in (0, 1)]
        rows += [(a, 0, 50, "fingerprint", 42), (a, 0, 60, "family", 42)]  # the script's first prompt, as cover
    for a in range(12, 42):  # the script's users: its first prompt; five of them the second too
        rows += [(a, 0, 50, "fingerprint", 42), (a, 0, 60, "family", 42)]
        if a < 17:
            rows += [(a, 0, 51, "fingerprint", 5), (a, 0, 61, "family", 5)]
    ev = evidence(rows)
    membership = pd.DataFrame({"acct": np.arange(42), "community": 0})
    family_of = np.full(200, -1)
    family_of[[50, 51]] = [60, 61]
    roles = member_evidence(membership, ev, ScoringParams(), 10_000, family_of=family_of).set_index("acct")["role"]
    assert (roles[list(range(12))] == "core").all()
    assert (roles[list(range(12, 42))] == "peripheral").all()
    # an operation's exact wording inside its paraphrase family (more users) is a link of its own
    echo = template_echoes(ev, family_of)
    assert echo.sum() == 12 + 30 + 5 and not echo[(ev["kind"] == "family").to_numpy()].any()
    family_of[50] = 11
    assert template_echoes(ev, family_of).sum() == 5


def test_micro_cells_in_lockstep_on_one_rewrite_group_are_core() -> None:
    """Six cells of two, each on its own private rewrite (df 2) of one master (the rewrite
    group, df 12): one template link each, no core. Cells whose members meet in the same
    minutes day after day (``locked``) have timing as a second kind of evidence; four locked
    members are fewer than the five any tie needs."""
    rows = []
    for a in range(12):
        rows += [(a, 0, 50, "rewrite", 12), (a, 0, 60 + a // 2, "family", 2)]
    ev = evidence(rows)
    membership = pd.DataFrame({"acct": np.arange(12), "community": 0})
    params = ScoringParams()

    def roles(locked: np.ndarray | None) -> pd.Series:
        return member_evidence(membership, ev, params, 10_000, locked).set_index("acct")["role"]

    assert (roles(None) == "peripheral").all()
    assert (roles(np.arange(12)) == "core").all()
    some = roles(np.arange(6))
    assert (some[list(range(6))] == "core").all() and (some[list(range(6, 12))] == "peripheral").all()
    assert (roles(np.arange(4)) == "peripheral").all()
    timing = cell_timing_links(ev, np.array([0, 1]))
    assert timing["acct"].tolist() == [0, 1] and (timing["art"] > ev["art"].max()).all()
    assert cell_timing_links(ev, None).empty


def test_a_crowd_counts_only_what_it_holds_above_chance() -> None:
    """A crowd of 300 of 1,000 accounts holds 30% of a popular template's users by its mass: no
    tie; twice its share (60%), or 90% when that is more, is. Smaller clusters count every link."""
    from linkgraph.scoring.clusters import above_chance

    sizes = pd.Series({0: 300, 1: 50, 2: 800})
    links = pd.DataFrame(
        {
            "community": [0, 0, 0, 1, 2, 2],
            "n_in": [30, 60, 5, 2, 80, 95],
            "df": [100, 100, 5, 100, 100, 100],
        }
    )
    assert above_chance(links, sizes, 1_000, ScoringParams()).tolist() == [False, True, True, True, False, True]


def test_a_crowd_of_ordinary_users_on_popular_templates_has_no_template_share() -> None:
    """Forty of a 3,000-account crowd's members share two popular templates (200 users each, a
    third in the crowd): not the crowd's evidence. A cell of 20 on its own two templates is."""
    rows = [(a, 0, 1 + a % 2, "fingerprint", 200) for a in range(40)]
    rows += [(a, 0, 1 + (a + 1) % 2, "fingerprint", 200) for a in range(40)]
    rows += [(a, 1, 10 + k, "fingerprint", 20) for a in range(100, 120) for k in range(2)]
    ml = evidence(rows).assign(generic=False)
    clusters = pd.DataFrame({"size": [3_000, 20]}, index=pd.Index([0, 1], name="community"))
    shares, _, _ = link_shares(ml, np.ones(120, dtype=bool), clusters, pd.Series([40, 20]), 10_000, ScoringParams())
    assert shares["template_share"].tolist() == [0.0, 1.0]


def test_relabelled_member_links_equal_links_gathered_again() -> None:
    """After members move between communities, relabelling the old member links gives exactly what
    gathering them from the graph gives, and a community that fell below the minimum drops out."""
    pairs = [(a, f"pm:{a // 3}") for a in range(12)] + [(a, "ip:shared") for a in range(12)]
    pairs += [(a, f"fp:{a % 4}") for a in range(12)] + [(a, "fp:solo") for a in (0,)]
    graph = graph_of(pairs, 12)
    graph.artifacts.loc[graph.artifacts["artifact"] == "fp:1", "generic"] = True
    before = pd.DataFrame({"acct": np.arange(12), "community": np.repeat([0, 1, 2], 4)})
    after = before.assign(community=[0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2])  # 0 gives two members to 1
    old = member_links(graph, before)
    old["generic"] = True  # a flag of the first scoring (popular variants) must not survive
    kept = after[after["community"] != 2]  # as if community 2 had fallen below the minimum size
    again = relabel_member_links(old, kept, graph.artifacts)
    pd.testing.assert_frame_equal(again.reset_index(drop=True), member_links(graph, kept))


def test_a_pod_that_resamples_rare_prompts_is_a_core() -> None:
    """Six accounts whose every pair shares five prompts nobody else sent (two users each) form a
    core on those prompts alone, as two sharers of a card do; six that share one each do not."""
    import itertools

    from linkgraph.scoring.prompt_pairs import MIN_SHARED_PROMPTS

    def pod(per_pair: int) -> pd.Series:
        rows, art = [], 0
        for a, b in itertools.combinations(range(6), 2):
            for _ in range(per_pair):
                rows += [(a, 0, art, "fingerprint", 2), (b, 0, art, "fingerprint", 2)]
                art += 1
        membership = pd.DataFrame({"acct": np.arange(6), "community": 0})
        return member_evidence(membership, evidence(rows), ScoringParams(), n_accounts=40_000)["role"]

    assert (pod(MIN_SHARED_PROMPTS) == "core").all()
    assert (pod(1) == "peripheral").all()


def test_a_paraphrase_family_held_by_the_cluster_keeps_the_operations_quieter_accounts() -> None:
    """An operation (a card per pair, two of its three paraphrase families) with six quieter
    accounts that write two of the families and nothing else, and six that wrote one. The
    peel drops the one-family accounts first; counted in the core, the families then fall
    under 90% of their users and the quieter accounts go too. Nobody outside the operation
    writes its paraphrases, so a paraphrase family's share counts the cluster. A script's
    exact prompt (one wording with all the family's users) keeps the core count."""
    rows = []
    for a in range(12):
        rows += [(a, 0, 100 + a // 2, "payment", 2)]
        rows += [(a, 0, 10 + (a + k) % 3, "family", 14) for k in (0, 1)]
    for a in range(12, 18):  # two families, nothing else
        rows += [(a, 0, 10 + (a + k) % 3, "family", 14) for k in (0, 1)]
    for a in range(18, 24):  # one family
        rows += [(a, 0, 10 + a % 3, "family", 14)]
    ev = evidence(rows)
    assert (ev.loc[ev["kind"] == "family", "n_in"] == 14).all()
    membership = pd.DataFrame({"acct": np.arange(24), "community": 0})

    def roles(family_of: np.ndarray | None) -> pd.Series:
        found = member_evidence(membership, ev, ScoringParams(), 10_000, family_of=family_of)
        return found.set_index("acct")["role"]

    paraphrased = np.full(200, -1)  # every wording its writer's own: no fingerprint is evidence
    assert (roles(paraphrased)[list(range(18))] == "core").all()
    assert (roles(paraphrased)[list(range(18, 24))] == "peripheral").all()
    # without fingerprint families (or as exact templates) the share counts the core
    assert (roles(None)[list(range(12, 24))] == "peripheral").all()
    scripted = ev[ev["kind"] == "family"].assign(art=ev["art"] + 40, kind="fingerprint")
    ev_scripted = pd.concat([ev, scripted], ignore_index=True)
    ev_scripted["kind"] = ev_scripted["kind"].astype(KINDS)
    family_of = np.full(200, -1)
    family_of[[50, 51, 52]] = [10, 11, 12]
    exact = exact_templates(ev_scripted, family_of)
    assert exact.sum() == len(scripted) and not exact[(ev_scripted["kind"] != "family").to_numpy()].any()
    assert not exact_templates(ev, paraphrased).any()
