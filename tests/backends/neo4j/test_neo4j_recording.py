"""The real ``graphdatascience`` client over a recording query runner: what linkgraph sends to GDS.

:class:`neo4j_fakes.RecordingQueryRunner` subclasses the client's own ``Neo4jQueryRunner``
and replaces only the methods that would reach a server, so the recorded Cypher is exactly
what the client would send. Its answers can be computed from a :class:`FakeNeo4j`, which
lets the whole backend (sync, weights, projection, write, stream, map back) run offline.
The recorded queries are also linted, in tests/test_cypher_files.py.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import neo4j
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from graphdatascience import GraphDataScience
from neo4j.exceptions import ServiceUnavailable
from neo4j_fakes import FakeNeo4j, RecordingQueryRunner

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.backends.neo4j import cypher
from linkgraph.backends.neo4j import gds as gds_ops
from linkgraph.backends.neo4j.backend import Neo4jBackend, Neo4jBackendError
from linkgraph.backends.neo4j.doctor import run_checks
from linkgraph.backends.neo4j.settings import Neo4jSettings
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import GraphParams, LinkGraph, build_link_graph
from linkgraph.ingest.load import load_tables


@pytest.fixture
def graph(tiny_dir: Path) -> LinkGraph:
    return build_link_graph(load_tables(tiny_dir), GraphParams(min_sharers=2))


@pytest.fixture
def runner() -> RecordingQueryRunner:
    return RecordingQueryRunner()


@pytest.fixture
def gds(runner: RecordingQueryRunner) -> GraphDataScience:
    return GraphDataScience(runner, arrow=False, show_progress=False)


def offline_backend(db: FakeNeo4j | None = None) -> tuple[Neo4jBackend, RecordingQueryRunner, FakeNeo4j]:
    db = db or FakeNeo4j()
    runner = RecordingQueryRunner(db)
    backend = Neo4jBackend(driver=db, gds=GraphDataScience(runner, arrow=False, show_progress=False), batch_size=3)
    return backend, runner, db


# ------------------------------------------------------------------ what is sent to GDS


def test_leiden_projection_write_stream_and_drop(gds: GraphDataScience, runner: RecordingQueryRunner) -> None:
    gds_ops.detect_communities(gds, "run-1", PartitionParams(method="leiden", seed=42, resolution=0.8))
    assert runner.procedures() == [
        "gds.graph.drop",  # a stale projection from an interrupted run
        "project_evidence_graph",
        "gds.leiden.write",
        "stream_account_communities",
        "stream_artifact_communities",
        "gds.graph.drop",
    ]
    drop_query, drop = runner.queries[0]
    assert drop_query.startswith("CALL gds.graph.drop($graphName, $failIfMissing)")
    assert drop == {"graphName": ["linkgraph_evidence"], "failIfMissing": False}
    project_query, project = runner.queries[1]
    assert project_query == cypher.load("project_evidence_graph")
    assert project == {"graph_name": "linkgraph_evidence", "run": "run-1"}
    (leiden,) = runner.params_of("gds.leiden.write")
    assert runner.queries[2][0] == "CALL gds.leiden.write($graph_name, $config)"
    assert leiden["graph_name"] == "linkgraph_evidence"
    config = leiden["config"]
    assert {
        k: config[k]
        for k in (
            "writeProperty",
            "relationshipWeightProperty",
            "randomSeed",
            "concurrency",
            "gamma",
            "includeIntermediateCommunities",
        )
    } == {
        "writeProperty": "community",
        "relationshipWeightProperty": "weight",
        "randomSeed": 42,
        "concurrency": 1,
        "gamma": 0.8,
        "includeIntermediateCommunities": False,
    }
    assert [p for _, p in runner.queries[3:5]] == [{"run": "run-1"}, {"run": "run-1"}]


def test_the_projection_is_the_weighted_undirected_bipartite_evidence_graph() -> None:
    text = cypher.load("project_evidence_graph")
    flat = " ".join(text.split())
    assert "MATCH (a:Account)-[:PAID_WITH|CONNECTED_FROM|SENT]->(x)" in flat
    assert "WHERE x.weights_run = $run AND x.evidence" in flat  # only this run's evidence artifacts
    assert "RETURN gds.graph.project( $graph_name, a, x," in flat  # Cypher aggregation projection
    assert "relationshipProperties: {weight: x.weight}" in flat
    assert "{undirectedRelationshipTypes: ['EVIDENCE']}" in flat
    assert "(a)--(" not in flat and "(b:Account)" not in flat  # no account-account pairs


def test_wcc_is_unweighted_and_louvain_weighted(gds: GraphDataScience, runner: RecordingQueryRunner) -> None:
    gds_ops.detect_communities(gds, "r", PartitionParams(method="wcc", seed=9))
    gds_ops.detect_communities(gds, "r", PartitionParams(method="louvain", seed=9))
    (wcc,) = runner.params_of("gds.wcc.write")
    assert wcc["config"]["writeProperty"] == "community" and wcc["config"]["concurrency"] == 1
    assert "relationshipWeightProperty" not in wcc["config"] and "randomSeed" not in wcc["config"]
    (louvain,) = runner.params_of("gds.louvain.write")
    assert louvain["config"]["relationshipWeightProperty"] == "weight" and louvain["config"]["concurrency"] == 1
    assert runner.procedures().count("gds.graph.drop") == 4


def test_methods_gds_cannot_match_are_refused_before_anything_is_sent(
    gds: GraphDataScience, runner: RecordingQueryRunner
) -> None:
    with pytest.raises(ValueError, match="no resolution parameter"):
        gds_ops.detect_communities(gds, "r", PartitionParams(method="louvain", resolution=0.5))
    with pytest.raises(ValueError, match="unknown method 'kmeans'"):
        gds_ops.detect_communities(gds, "r", PartitionParams(method="kmeans"))
    assert runner.queries == []


@pytest.mark.parametrize("failing", ["gds.leiden.write", "project_evidence_graph"])
def test_the_projection_is_dropped_even_on_error(
    gds: GraphDataScience, runner: RecordingQueryRunner, failing: str
) -> None:
    runner.fail_on = failing
    with pytest.raises(RuntimeError, match="injected failure"):
        gds_ops.detect_communities(gds, "r", PartitionParams(method="leiden"))
    assert runner.procedures()[-1] == "gds.graph.drop"
    assert runner.procedures().count("gds.graph.drop") == 2


def test_a_failing_final_drop_does_not_hide_the_result(
    gds: GraphDataScience, runner: RecordingQueryRunner, caplog: pytest.LogCaptureFixture
) -> None:
    calls = []
    original = runner._gds

    def flaky(proc: str, params: dict, query: str) -> pd.DataFrame:
        calls.append(proc)
        if proc == "gds.graph.drop" and calls.count(proc) == 2:
            raise neo4j.exceptions.ServiceUnavailable("connection lost")
        return original(proc, params, query)

    runner._gds = flaky  # type: ignore[method-assign]
    with caplog.at_level(logging.WARNING):
        found = gds_ops.detect_communities(gds, "r", PartitionParams(method="wcc"))
    assert isinstance(found.accounts, pd.DataFrame)
    assert "could not drop projection linkgraph_evidence" in caplog.text


def test_memory_estimate_for_the_projection(gds: GraphDataScience, runner: RecordingQueryRunner) -> None:
    estimate = gds_ops.projection_estimate(gds)
    assert estimate["required_memory"] == "[1 MiB ... 2 MiB]"
    (params,) = runner.params_of("gds.graph.project.estimate")
    assert params["nodeProjection"] == ["Account", "PaymentMethod", "Proxy", "PromptFingerprint"]
    assert params["relationshipProjection"] == {
        t: {"orientation": "UNDIRECTED"} for t in ("PAID_WITH", "CONNECTED_FROM", "SENT")
    }


# ------------------------------------------------------------------ the whole backend, offline


@pytest.mark.parametrize("method", ["wcc", "leiden", "louvain"])
def test_backend_offline_runs_the_whole_path(graph: LinkGraph, method: str) -> None:
    backend, runner, db = offline_backend()
    result = backend.partition(graph, PartitionParams(method=method, seed=5))
    # links were merged, weights pushed for every artifact, and the projection saw exactly the evidence edges
    assert db.graph.counts()["paid_with"] == 10
    for art, row in graph.artifacts[graph.artifacts["kind"] != "asn"].iterrows():
        label = {"payment": "PaymentMethod", "ip": "Proxy", "fingerprint": "PromptFingerprint"}[row["kind"]]
        node = db.graph.nodes[label][row["artifact"]]
        assert node["weight"] == pytest.approx(row["weight"]) and node["df"] == row["df"]
        assert node["evidence"] == (art in set(graph.edges["art"]))
    ids = graph.account_ids
    projected = {(a, key) for a, (_, key) in runner.projected}
    expected = {(ids[a], graph.artifacts.loc[x, "artifact"]) for a, x in graph.edges[["acct", "art"]].to_numpy()}
    assert projected == expected
    assert list(result.columns) == ["acct", "community"]
    assert set(result["acct"]) == set(graph.edges["acct"])
    if method == "wcc":  # exact parity with the embedded backend, labels included
        pd.testing.assert_frame_equal(result, EmbeddedBackend().partition(graph, PartitionParams(method="wcc")))
    assert runner.procedures()[-1] == "gds.graph.drop"
    backend.close()
    assert db.closed is False  # the driver was handed in: the caller closes it


def test_backend_offline_second_run_skips_the_load(graph: LinkGraph) -> None:
    backend, _, db = offline_backend()
    backend.partition(graph, PartitionParams(method="wcc"))
    db.calls.clear()
    backend.partition(graph, PartitionParams(method="wcc"))
    assert not [n for n in db.names() if n.startswith("merge_")]
    assert list(dict.fromkeys(n for n in db.names() if n.startswith("set_") and n.endswith("_weights"))) == [
        "set_payment_method_weights",
        "set_proxy_weights",
        "set_prompt_fingerprint_weights",
    ]


def random_graph(folder: Path, seed: int) -> LinkGraph:
    """60 accounts linked at random to cards, IPs and templates; artifacts on more than 5 accounts are generic."""
    rng = np.random.default_rng(seed)
    accounts = [f"acct{i:02d}" for i in range(60)]
    folder.mkdir()
    pd.DataFrame({"account_id": accounts}).to_csv(folder / "accounts.csv", index=False)
    for table, column, make in (
        ("payment_methods", "payment_method_id", lambda i: f"pm{i}"),
        ("proxies", "ip", lambda i: f"10.0.{i // 250}.{i % 250}"),
        ("prompt_fingerprints", "fingerprint", lambda i: f"fp{i}"),
    ):
        n = int(rng.integers(30, 60))
        pd.DataFrame(
            {
                "account_id": rng.choice(accounts, n),
                column: [make(int(i)) for i in rng.integers(0, 8 if table == "proxies" else 35, n)],
            }
        ).to_csv(folder / f"{table}.csv", index=False)
    return build_link_graph(load_tables(folder), GraphParams(min_generic_df=5, max_df_fraction=0.0, min_sharers=2))


def test_backend_wcc_matches_networkx_on_random_graphs(tmp_path: Path) -> None:
    for seed in range(4):
        graph = random_graph(tmp_path / f"world{seed}", seed)
        assert graph.artifacts["generic"].any() and len(graph.edges) > 20
        backend, _, _ = offline_backend()
        result = backend.partition(graph, PartitionParams(method="wcc"))
        g = nx.Graph()
        g.add_edges_from((("a", a), ("x", x)) for a, x in graph.edges[["acct", "art"]].to_numpy())
        reference = {frozenset(a for kind, a in comp if kind == "a") for comp in nx.connected_components(g)}
        found = {frozenset(group["acct"]) for _, group in result.groupby("community")}
        assert found == reference, f"seed {seed}"
        pd.testing.assert_frame_equal(result, EmbeddedBackend().partition(graph, PartitionParams(method="wcc")))


def test_backend_without_edges_sends_nothing(graph: LinkGraph) -> None:
    backend, runner, db = offline_backend()
    empty = LinkGraph(graph.n_accounts, graph.account_ids, graph.artifacts, graph.links, graph.edges.iloc[:0])
    result = backend.partition(empty, PartitionParams(method="leiden"))
    assert result.empty and runner.queries == [] and db.calls == []


def test_backend_refuses_a_database_missing_the_data(graph: LinkGraph) -> None:
    backend, runner, _ = offline_backend()
    backend.sync = False
    with pytest.raises(RuntimeError, match=r"holds 0 of the 4 payment artifacts.*neo4j-load"):
        backend.partition(graph, PartitionParams(method="wcc"))
    assert runner.queries == []


def test_backend_refuses_artifact_kinds_it_cannot_store(graph: LinkGraph) -> None:
    artifacts = graph.artifacts.copy()
    artifacts["kind"] = artifacts["kind"].cat.rename_categories({"fingerprint": "device"})
    odd = LinkGraph(graph.n_accounts, graph.account_ids, artifacts, graph.links, graph.edges)
    backend, runner, db = offline_backend()
    with pytest.raises(ValueError, match=r"no node type for artifact kind\(s\) device"):
        backend.partition(odd, PartitionParams(method="wcc"))
    assert runner.queries == [] and db.calls == []


def test_server_errors_become_one_clear_error_without_the_driver_traceback(graph: LinkGraph) -> None:
    backend, _, db = offline_backend()
    db.fail = lambda name, params: name == "merge_connected_from"
    with pytest.raises(Neo4jBackendError, match=r"step sync: LoadError: merge_connected_from: batch 1 of 3") as info:
        backend.partition(graph, PartitionParams(method="wcc"))
    assert info.value.__cause__ is None and info.value.__suppress_context__

    class Unreachable(FakeNeo4j):
        def verify_connectivity(self) -> None:
            raise ServiceUnavailable("Unable to retrieve routing information")

    backend, runner, _ = offline_backend(Unreachable())
    with pytest.raises(Neo4jBackendError, match="step connect: ServiceUnavailable: Unable to retrieve routing"):
        backend.partition(graph, PartitionParams(method="wcc"))
    assert runner.queries == []


def test_detect_with_the_neo4j_backend_publishes_the_same_run(tiny_dir: Path, tmp_path: Path) -> None:
    from linkgraph.detect import DetectParams, detect

    params = DetectParams(partition=PartitionParams(method="wcc"), graph=GraphParams(min_sharers=2))
    members = {}
    for name, engine in (("neo4j", offline_backend()[0]), ("embedded", EmbeddedBackend())):
        run_id = detect(tiny_dir, tmp_path / name, params, engine)
        manifest = json.loads((tmp_path / name / run_id / "manifest.json").read_text())
        assert manifest["backend"] == name
        members[name] = pd.read_parquet(tmp_path / name / run_id / "members.parquet")
    assert len(members["neo4j"]) > 0
    pd.testing.assert_frame_equal(members["neo4j"], members["embedded"])


def test_doctor_offline(runner: RecordingQueryRunner) -> None:
    db = FakeNeo4j()
    settings = Neo4jSettings(uri="neo4j+s://abc.databases.neo4j.io", password="pw-not-shown")
    checks = list(run_checks(settings, lambda s: db, lambda driver, database: GraphDataScience(runner, arrow=False)))
    assert [(c.name, c.ok) for c in checks] == [
        ("settings", True),
        ("connectivity", True),
        ("neo4j", True),
        ("gds", True),
        ("graph", True),
        ("memory", True),
    ]
    details = {c.name: c.detail for c in checks}
    assert "TLS" in details["settings"] and details["neo4j"] == "Neo4j 5.26.0 community"
    assert details["gds"].startswith("Graph Data Science 2.13.0")
    assert "needs [1 MiB ... 2 MiB]" in details["memory"]
    assert all("pw-not-shown" not in c.detail for c in checks)
    assert db.closed
