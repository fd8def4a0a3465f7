"""Cytoscape elements of a cluster: drawn whole or summarised, deterministic (hand-made runs from ``handmade.py``)."""

from __future__ import annotations

from handmade import BIG, BIG_SIZE

from linkgraph.investigate import network, run_data


def _check_elements(elements: dict) -> tuple[dict, list]:
    nodes = {n["data"]["id"]: n["data"] for n in elements["nodes"]}
    for e in elements["edges"]:
        assert e["data"]["source"] in nodes and e["data"]["target"] in nodes
    return nodes, elements["edges"]


def test_small_cluster_network_is_drawn_whole(run: run_data.RunData) -> None:
    net = network.cluster_network(run, "C000001")
    nodes, edges = _check_elements(net.elements)
    assert not net.summarised
    labels = sorted(d["label"] for d in nodes.values())
    assert labels == ["core"] * 4 + ["fingerprint", "ip", "payment", "peripheral"]
    assert len(edges) == 7
    p1 = next(d for d in nodes.values() if d.get("artifact") == "P1")
    assert p1["members"] == 3 and p1["kind"] == "payment"


def test_big_cluster_network_is_summarised(run: run_data.RunData) -> None:
    net = network.cluster_network(run, BIG, max_nodes=300)
    nodes, edges = _check_elements(net.elements)
    assert net.summarised
    assert len(nodes) <= 300
    assert net.accounts_total == BIG_SIZE and net.artifacts_total == 240
    accounts = [d for d in nodes.values() if d["label"] in ("core", "peripheral")]
    hubs = [d for d in nodes.values() if d["label"] in ("payment", "ip")]
    assert {d["label"] for d in accounts} == {"core", "peripheral"}  # roles kept and marked
    assert all(d["members"] == 30 for d in hubs if d["label"] == "payment")  # hubs carry full counts
    assert sum(d["label"] == "payment" for d in hubs) == 40  # the strongest hubs are kept
    assert edges and all(e["data"]["weight"] > 0 for e in edges)
    again = network.cluster_network(run, BIG, max_nodes=300)
    assert again.elements == net.elements  # deterministic
