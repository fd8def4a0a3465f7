"""Account lookup and why two accounts are linked (hand-made runs from ``handmade.py``)."""

from __future__ import annotations

from linkgraph.investigate import network, paths, run_data


def test_lookup_account(run: run_data.RunData) -> None:
    view = paths.lookup_account(run, " a3 ")
    assert view is not None
    assert (view.cluster_id, view.role) == ("C000001", "core")
    assert view.links["artifact"].tolist() == ["P1", "I1"]  # strongest first
    assert view.attributes["country"] == "US"
    assert paths.lookup_account(run, "nobody") is None
    assert paths.suggest_accounts(run, "b") == ["b1", "b2", "b3"]


def test_why_linked_direct_and_chain(run: run_data.RunData) -> None:
    direct = paths.why_linked(run, "a1", "a2")
    assert direct.found and len(direct.steps) == 1
    assert direct.steps.iloc[0][["kind", "artifact"]].tolist() == ["payment", "P1"]
    assert direct.shared["artifact"].tolist() == ["P1"]
    chain = paths.why_linked(run, "a1", "a5")
    assert chain.shared.empty
    assert chain.steps["artifact"].tolist() == ["P1", "I1", "F1"]
    assert chain.steps["from_account"].tolist() == ["a1", "a3", "a4"]
    assert chain.steps["to_account"].tolist()[-1] == "a5"
    elements = network.path_network(chain)
    assert len(elements["nodes"]) == 7 and len(elements["edges"]) == 6


def test_why_linked_across_clusters_and_failures(run: run_data.RunData) -> None:
    cross = paths.why_linked(run, "a1", "b1")
    assert cross.steps["artifact"].tolist() == ["P1", "I1", "I2"]
    assert not paths.why_linked(run, "a1", "c1").found
    assert "no chain" in paths.why_linked(run, "a1", "c1").message
    assert "in no cluster" in paths.why_linked(run, "a1", "nobody").message
    assert "same account" in paths.why_linked(run, "a1", "a1").message
    capped = paths.why_linked(run, "z0001", "z0002", max_links=100)
    assert not capped.found and "more than" in capped.message
