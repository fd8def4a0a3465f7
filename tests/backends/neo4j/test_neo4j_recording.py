"""The real ``graphdatascience`` client over a recording query runner: what linkgraph sends to GDS.

:class:`neo4j_fakes.RecordingQueryRunner` subclasses the client's own ``Neo4jQueryRunner``
and replaces only the methods that would reach a server, so the recorded Cypher is exactly
what the client would send. It computes nothing: what GDS does with it is tested on the live
server (test_neo4j_live.py). The recorded queries are also linted, in test_cypher_files.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

import neo4j
import pandas as pd
import pytest
from graphdatascience import GraphDataScience
from neo4j_fakes import RecordingQueryRunner

from linkgraph.backends.neo4j import cypher
from linkgraph.backends.neo4j import gds as gds_ops
from linkgraph.backends.neo4j.backend import Neo4jBackend
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
    assert project == {"graph_name": "linkgraph_evidence", "run": "run-1", "min_degree": 2}
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
    assert "MATCH (a:Account)-[:PAID_WITH|CONNECTED_FROM|SENT|IN_FAMILY|IN_REWRITE_GROUP|IN_WINDOW]->(x)" in flat
    assert "WHERE x.weights_run = $run AND x.evidence" in flat  # only this run's evidence artifacts
    assert "RETURN gds.graph.project( $graph_name, a, x," in flat  # Cypher aggregation projection
    assert "relationshipProperties: {weight: x.weight}" in flat
    assert "{undirectedRelationshipTypes: ['EVIDENCE']}" in flat
    assert "(a)--(" not in flat and "(b:Account)" not in flat  # no account-account pairs


def test_wcc_is_unweighted_and_louvain_weighted(gds: GraphDataScience, runner: RecordingQueryRunner) -> None:
    gds_ops.detect_communities(gds, "r", PartitionParams(method="wcc", seed=9))
    gds_ops.detect_communities(gds, "r", PartitionParams(method="louvain", seed=9))
    # WCC projects every evidence account; Louvain (like Leiden) sets single-link accounts aside
    assert [p["min_degree"] for p in runner.params_of("project_evidence_graph")] == [1, 2]
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
    assert params["nodeProjection"] == list(gds_ops.MODEL_LABELS)
    assert params["relationshipProjection"] == {t: {"orientation": "UNDIRECTED"} for t in gds_ops.MODEL_RELATIONSHIPS}
    # only what the database holds: a native projection refuses labels that do not exist
    gds_ops.projection_estimate(gds, ["Account", "Proxy", "LoadCheckpoint"], ["CONNECTED_FROM"])
    params = runner.params_of("gds.graph.project.estimate")[-1]
    assert params["nodeProjection"] == ["Account", "Proxy"]
    assert params["relationshipProjection"] == {"CONNECTED_FROM": {"orientation": "UNDIRECTED"}}


def test_backend_refuses_artifact_kinds_it_cannot_store(graph: LinkGraph, runner: RecordingQueryRunner) -> None:
    artifacts = graph.artifacts.copy()
    artifacts["kind"] = artifacts["kind"].cat.rename_categories({"fingerprint": "device"})
    odd = LinkGraph(graph.n_accounts, graph.account_ids, artifacts, graph.links, graph.edges)
    untouchable = object()  # any use of the driver would fail
    backend = Neo4jBackend(driver=untouchable, gds=GraphDataScience(runner, arrow=False, show_progress=False))
    with pytest.raises(ValueError, match=r"no node type for artifact kind\(s\) device"):
        backend.partition(odd, PartitionParams(method="wcc"))
    assert runner.queries == []
