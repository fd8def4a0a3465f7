"""Pure core: rarity weights, generic cut-offs, roles, features and risk on a hand-made world."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from worlds import write_tables

from linkgraph import load_tables
from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import GraphParams, build_link_graph, light_prompts, rarity_weight, share_links
from linkgraph.scoring.params import ScoringParams, risk_band
from linkgraph.scoring.score import score


def test_rarity_weight_is_idf_in_unit_interval() -> None:
    w = rarity_weight(np.array([1, 2, 10, 1000, 10**6]), 10**6)
    assert w[0] == pytest.approx(1.0)
    assert np.all(np.diff(w) < 0) and w[-1] == pytest.approx(0.0)


def test_a_prompt_nearly_everyone_sent_once_is_light() -> None:
    """A public prompt is pasted once by each user; a template is sent again and again; a card is no prompt."""
    art = np.array([0] * 10 + [1] * 10 + [2] * 10 + [3] * 10)
    kind = ["fingerprint"] * 10 + ["family"] * 10 + ["fingerprint"] * 10 + ["payment"] * 10
    count = [1] * 10 + [1] * 9 + [5] + [1] * 8 + [3, 4] + [1] * 10
    links = pd.DataFrame({"art": art, "kind": pd.Categorical(kind), "count": pd.array(count, dtype="Int64")})
    assert light_prompts(links, 5).tolist() == [True, True, False, False, False]
    unknown = links.assign(count=links["count"].where(links.index != 25))  # a fingerprint without a count
    assert not light_prompts(unknown, 5).any()
    unpaid = links.assign(count=links["count"].where(links["art"] != 3))  # cards carry no count
    assert light_prompts(unpaid, 5).tolist() == [True, True, False, False, False]


def test_generic_cutoff_absolute_and_relative() -> None:
    params = GraphParams()
    assert params.generic_cutoff("ip", 1_000_000) == 300
    assert params.generic_cutoff("ip", 5_000) == 50
    assert params.generic_cutoff("payment", 100) == 25


def world() -> dict[str, pd.DataFrame]:
    """An operation of 30, a company of 10 on its own domain, a tourist, a family, 200 loners."""
    rows_acc, pay, prox, fps = [], [], [], []
    for i in range(30):  # the operation: burst-created, card pool, rotating proxies, templates
        a = f"op{i}"
        rows_acc.append((a, f"2026-03-01T0{i % 3}:00:00Z", "gmail.com"))
        pay += [(a, f"pm_op{i % 4}"), (a, f"pm_op{(i + 1) % 4}")]
        prox += [(a, f"203.0.113.{j}", 64500 + j) for j in (i % 6, (i + 1) % 6, (i + 2) % 6)]
        fps += [(a, f"fp_op{j}") for j in (i % 3, (i + 1) % 3)]
    for i in range(10):  # a company: one card, one office IP, internal templates, own domain
        a = f"co{i}"
        rows_acc.append((a, f"2025-{1 + i % 9:02d}-15T10:00:00Z", "acme.example"))
        pay.append((a, "pm_acme"))
        prox.append((a, "198.51.100.9", 64600))
        fps += [(a, "fp_acme1"), (a, "fp_acme2")]
    rows_acc.append(("tourist", "2024-07-01T00:00:00Z", "gmail.com"))  # touched one operation IP
    prox.append(("tourist", "203.0.113.1", 64501))
    pay.append(("tourist", "pm_tourist"))
    for a in ("fam1", "fam2"):
        rows_acc.append((a, "2024-02-02T00:00:00Z", "yahoo.com"))
        pay.append((a, "pm_family"))
        prox.append((a, "192.0.2.55", 64700))
    for i in range(200):
        a = f"loner{i}"
        rows_acc.append((a, f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T00:00:00Z", "gmail.com"))
        pay.append((a, f"pm_l{i}"))
        prox.append((a, f"10.1.{i // 250}.{i % 250}", 64800))
    accounts = pd.DataFrame(rows_acc, columns=["account_id", "created_at", "email_domain"])
    return {
        "accounts": accounts,
        "payment_methods": pd.DataFrame(pay, columns=["account_id", "payment_method_id"]),
        "proxies": pd.DataFrame(prox, columns=["account_id", "ip", "asn"]),
        "prompt_fingerprints": pd.DataFrame(fps, columns=["account_id", "fingerprint"]),
    }


@pytest.fixture
def scored(tmp_path: Path):  # type: ignore[no-untyped-def]
    return _scored(tmp_path, seed=0)


def _scored(tmp_path: Path, seed: int):  # type: ignore[no-untyped-def]
    data = load_tables(write_tables(world(), tmp_path / "w"))
    graph = build_link_graph(data)
    membership = EmbeddedBackend().partition(graph, PartitionParams(seed=seed))
    result = score(graph, data.accounts, membership, data.ip_asn)
    ids = data.accounts["account_id"]
    members = result.members.assign(account_id=ids.iloc[result.members["acct"]].to_numpy())
    return graph, result, members.set_index("account_id")


def test_edges_only_for_shared_non_generic_artifacts(scored) -> None:  # type: ignore[no-untyped-def]
    graph, _, _ = scored
    arts = graph.artifacts
    usable = (~arts["generic"]) & (arts["df"] >= GraphParams().min_sharers)
    expected = graph.links["art"].isin(np.flatnonzero(usable.to_numpy())).sum()
    assert len(graph.edges) == expected
    assert not graph.edges["art"].isin(np.flatnonzero((arts["df"] < 5).to_numpy())).any()


@pytest.mark.parametrize("seed", range(4))
def test_operation_is_high_risk_core(tmp_path: Path, seed: int) -> None:
    """Leiden cuts this 30-account operation into two cells at every seed (where, depends on
    the seed); each cell is core, bursty and templated, the larger one is high risk and the
    other at least medium (its risk sits at the high band's edge, 0.69-0.71)."""
    _, result, members = _scored(tmp_path, seed)
    op = members.loc[[f"op{i}" for i in range(30)]]
    assert (op["role"] == "core").mean() >= 0.7
    clusters = result.clusters.set_index("community").loc[op.loc[op["role"] == "core", "community"].unique()]
    assert clusters.sort_values("size")["risk_band"].iloc[-1] == "high"
    assert clusters["risk_band"].isin(["high", "medium"]).all()
    assert (clusters["burst_share"] > 0.5).all() and (clusters["multi_template_share"] > 0.5).all()


def test_company_on_its_own_domain_is_not_high_risk(scored) -> None:  # type: ignore[no-untyped-def]
    _, result, members = scored
    company = members.loc[[f"co{i}" for i in range(10)]]
    cluster = result.clusters.set_index("community").loc[company["community"].iloc[0]]
    assert cluster["owned_domain_share"] == pytest.approx(1.0)
    assert cluster["risk_band"] == "low"


def test_tourist_is_peripheral_and_a_family_is_no_network(scored) -> None:  # type: ignore[no-untyped-def]
    _, _, members = scored
    assert members.loc["tourist", "role"] == "peripheral"
    assert "fam1" not in members.index and "fam2" not in members.index  # a card of two ties no network
    assert "loner0" not in members.index


def test_evidence_tables_name_shared_artifacts(scored) -> None:  # type: ignore[no-untyped-def]
    _, result, members = scored
    community = members.loc["op0", "community"]
    ev = result.cluster_artifacts[result.cluster_artifacts["community"] == community]
    assert {"pm_op0", "fp_op0", "203.0.113.0"} <= set(ev["artifact"])
    row = result.clusters.set_index("community").loc[community]
    assert "payment" in row["dominant_kinds"] and "pm_op" in row["top_evidence"]


def test_same_seed_same_scores(tmp_path: Path) -> None:
    data = load_tables(write_tables(world(), tmp_path / "w"))
    graph = build_link_graph(data)
    runs = [
        score(graph, data.accounts, EmbeddedBackend().partition(graph, PartitionParams(seed=5)), data.ip_asn)
        for _ in range(2)
    ]
    pd.testing.assert_frame_equal(runs[0].clusters, runs[1].clusters)
    pd.testing.assert_frame_equal(runs[0].members, runs[1].members)


def test_risk_bands() -> None:
    bands = risk_band(pd.Series([0.95, 0.7, 0.5, 0.1]), ScoringParams())
    assert bands.tolist() == ["high", "high", "medium", "low"]


def test_a_split_scores_only_what_it_touches_and_equals_scoring_the_split_membership(tmp_path: Path) -> None:
    data = load_tables(write_tables(world(), tmp_path / "w"))
    graph = build_link_graph(data)
    membership = EmbeddedBackend().partition(graph, PartitionParams(seed=0))
    ids = data.accounts["account_id"].to_numpy()
    company = np.isin(ids[membership["acct"].to_numpy()], [f"co{i}" for i in range(10)])
    op_community = membership.loc[ids[membership["acct"].to_numpy()] == "op0", "community"].iloc[0]
    merged = membership.assign(community=np.where(company, op_community, membership["community"]))
    split = score(graph, data.accounts, merged, data.ip_asn)
    assert split.members.groupby("community").size().max() < merged.groupby("community").size().max()
    parts = split.members[["acct", "community"]]
    direct = score(graph, data.accounts, parts, data.ip_asn, split=False)
    for name in ("clusters", "members", "cluster_artifacts", "member_links"):
        pd.testing.assert_frame_equal(getattr(split, name), getattr(direct, name), obj=name)


def test_share_links_keeps_one_link_table_with_the_same_values(tmp_path: Path) -> None:
    data = load_tables(write_tables(world(), tmp_path / "w"))
    before = data.links.copy()
    stamp = pd.Timestamp("2026-03-01", tz="UTC")
    derived = pd.DataFrame(
        {
            "acct": np.arange(6),
            "kind": "lockstep",
            "artifact": "ls:2026-03-01T00:00/m:x",
            "first_seen": stamp,
            "last_seen": stamp,
            "count": 1,
        }
    )
    graph = build_link_graph(data, None, derived)
    share_links(data, graph)
    assert np.shares_memory(data.links["acct"].to_numpy(), graph.links["acct"].to_numpy())
    pd.testing.assert_frame_equal(
        data.links.assign(kind=data.links["kind"].astype(str)), before.assign(kind=before["kind"].astype(str))
    )
    alone = load_tables(write_tables(world(), tmp_path / "v"))
    plain = build_link_graph(alone)
    share_links(alone, plain)
    assert alone.links is plain.links


def test_classes_on_their_sponsors_cards_are_offices(tmp_path: Path) -> None:
    """Four classes of twelve, each on its sponsor's card and its room's IP in its own city's
    ISP, signed up together and joined by one curriculum: offices behind every cluster they
    form, and their rooms' ISPs are no proxy network (``n_asn`` leaves office members out)."""
    rows_acc, pay, prox, fps = [], [], [], []
    for c in range(4):
        for i in range(12):
            a = f"class{c}_{i}"
            rows_acc.append((a, f"2026-03-0{1 + c}T09:{i:02d}:00Z", "gmail.com"))
            pay.append((a, f"pm_sponsor{c}"))
            prox.append((a, f"198.51.{c}.7", 64600 + c))
            fps += [(a, f"fp_exercise{k}") for k in range(3)]
    for i in range(300):
        a = f"loner{i}"
        rows_acc.append((a, f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T00:00:00Z", "gmail.com"))
        pay.append((a, f"pm_l{i}"))
        prox.append((a, f"10.1.{i // 250}.{i % 250}", 64800))
    tables = {
        "accounts": pd.DataFrame(rows_acc, columns=["account_id", "created_at", "email_domain"]),
        "payment_methods": pd.DataFrame(pay, columns=["account_id", "payment_method_id"]),
        "proxies": pd.DataFrame(prox, columns=["account_id", "ip", "asn"]),
        "prompt_fingerprints": pd.DataFrame(fps, columns=["account_id", "fingerprint"]),
    }
    data = load_tables(write_tables(tables, tmp_path / "w"))
    graph = build_link_graph(data)
    result = score(graph, data.accounts, EmbeddedBackend().partition(graph, PartitionParams()), data.ip_asn)
    members = result.members.assign(account_id=data.accounts["account_id"].iloc[result.members["acct"]].to_numpy())
    classes = members[members["account_id"].str.startswith("class")]
    clusters = result.clusters.set_index("community").loc[classes["community"].unique()]
    assert (clusters["hub_share"] == 1.0).all()
    assert (clusters["n_asn"] == 0).all() and (clusters["dispersion"] == 0.0).all()
    assert (clusters["risk_band"] != "high").all()
