"""Smoke tests against the real in-process Neo4j 5.26 + open GDS (``tools/neo4j-server``), no mocks.

The server is the session's (``neo4j_server`` in tests/conftest.py): the jar, started once, or
``NEO4J_URI``. Build the jar with ``make neo4j-jar``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from graphdatascience import GraphDataScience
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ClientError

from linkgraph.backends.neo4j.settings import Neo4jSettings

pytestmark = pytest.mark.neo4j

GRAPH = "smoke_graph"
# Two weighted triangles joined by one weak edge, plus a separate pair: 2 components, 3 communities.
EDGES: list[dict[str, Any]] = [
    {"src": "a1", "dst": "a2", "weight": 5.0},
    {"src": "a2", "dst": "a3", "weight": 5.0},
    {"src": "a1", "dst": "a3", "weight": 5.0},
    {"src": "b1", "dst": "b2", "weight": 5.0},
    {"src": "b2", "dst": "b3", "weight": 5.0},
    {"src": "b1", "dst": "b3", "weight": 5.0},
    {"src": "a3", "dst": "b1", "weight": 0.1},
    {"src": "c1", "dst": "c2", "weight": 1.0},
]
CREATE_EDGES = """
UNWIND $edges AS e
MERGE (a:SmokeAccount {id: e.src})
MERGE (b:SmokeAccount {id: e.dst})
MERGE (a)-[r:SMOKE_LINK]->(b)
SET r.weight = e.weight
"""
PROJECT = """
CALL gds.graph.project($graph, 'SmokeAccount', {SMOKE_LINK: {orientation: 'UNDIRECTED', properties: 'weight'}})
YIELD graphName, nodeCount, relationshipCount
RETURN graphName, nodeCount, relationshipCount
"""
CLIENT_GRAPH = "smoke_client_graph"
CYPHER_PROJECTION = """
MATCH (s:SmokeAccount)-[r:SMOKE_LINK]->(t:SmokeAccount)
RETURN gds.graph.project(
  $graph, s, t, {relationshipProperties: {weight: r.weight}}, {undirectedRelationshipTypes: ['*']}
)
"""
PROJECTION_CONFIG = {"SMOKE_LINK": {"orientation": "UNDIRECTED", "properties": "weight"}}


@pytest.fixture(scope="module")
def server(neo4j_server: Neo4jSettings) -> Neo4jSettings:
    """The session's live server."""
    return neo4j_server


@pytest.fixture(scope="module")
def driver(server: Neo4jSettings) -> Iterator[Driver]:
    """An authenticated driver on the live server."""
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as drv:
        yield drv


@pytest.fixture(scope="module")
def smoke_graph(driver: Driver) -> Iterator[None]:
    """The small weighted graph, created with parameters and removed afterwards."""
    driver.execute_query("MATCH (n:SmokeAccount) DETACH DELETE n")
    driver.execute_query(CREATE_EDGES, edges=EDGES)
    yield
    driver.execute_query("MATCH (n:SmokeAccount) DETACH DELETE n")


@pytest.fixture()
def projected(driver: Driver, smoke_graph: None) -> Iterator[str]:
    """The graph projected into the GDS catalog; dropped afterwards (also after a failure)."""
    records, _, _ = driver.execute_query(PROJECT, graph=GRAPH)
    assert records[0]["nodeCount"] == 8
    assert records[0]["relationshipCount"] == 2 * len(EDGES)  # undirected: both directions
    yield GRAPH
    driver.execute_query("CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName", graph=GRAPH)


def _partition(driver: Driver, query: str, **params: Any) -> dict[str, int]:
    records, _, _ = driver.execute_query(query, **params)
    return {r["id"]: r["community"] for r in records}


def _groups(partition: dict[str, int]) -> set[frozenset[str]]:
    by_id: dict[int, set[str]] = {}
    for node, community in partition.items():
        by_id.setdefault(community, set()).add(node)
    return {frozenset(members) for members in by_id.values()}


def test_driver_connects_with_password(server: Neo4jSettings, driver: Driver) -> None:
    driver.verify_connectivity()
    records, _, _ = driver.execute_query("RETURN $x + 1 AS y", x=41)
    assert records[0]["y"] == 42
    records, _, _ = driver.execute_query("CALL dbms.components() YIELD name, versions, edition RETURN *")
    assert records[0]["versions"][0].startswith("5.26.")
    assert records[0]["edition"] == "community"


def test_wrong_password_is_refused(server: Neo4jSettings) -> None:
    with (
        GraphDatabase.driver(server.uri, auth=(server.user, server.password + "-wrong")) as bad,
        pytest.raises(AuthError),
    ):
        bad.verify_connectivity()


def test_graphdatascience_client(server: Neo4jSettings) -> None:
    gds = GraphDataScience(server.uri, auth=(server.user, server.password), arrow=False, show_progress=False)
    try:
        # graphdatascience 2.x has no gds.version(); this is the same procedure call
        version = gds.run_cypher("RETURN gds.version() AS version", {})["version"][0]
        assert version.startswith("2.13.")
        assert str(gds.server_version()) == version
        assert not gds.is_licensed()  # open GDS (the client returns a numpy bool)
    finally:
        gds.close()


def test_graphdatascience_typed_calls(server: Neo4jSettings, smoke_graph: None) -> None:
    """The calls linkgraph.neo4j_store.gds makes: Cypher-aggregation projection, write, estimate, drop."""
    gds = GraphDataScience(server.uri, auth=(server.user, server.password), arrow=False, show_progress=False)
    try:
        G, projected = gds.graph.project.cypher(CYPHER_PROJECTION, graph_name=CLIENT_GRAPH, graph=CLIENT_GRAPH)
        try:
            assert (projected.node_count, projected.relationship_count) == (8, 2 * len(EDGES))
            wcc = gds.wcc.stream(G, concurrency=1)
            assert wcc["componentId"].nunique() == 2
            leiden = gds.leiden.write(
                G,
                write_property="smokeCommunity",
                relationship_weight_property="weight",
                random_seed=42,
                concurrency=1,
            )
            assert leiden.community_count == 3
            assert leiden.node_properties_written == 8
        finally:
            gds.graph.drop(CLIENT_GRAPH, fail_if_missing=False)
        estimate = gds.graph.project.estimate(
            node_projection=["SmokeAccount"], relationship_projection={"SMOKE_LINK": {"orientation": "UNDIRECTED"}}
        )
        assert estimate.node_count == 8
        assert estimate.bytes_min > 0
    finally:
        gds.close()


def test_wcc_leiden_louvain_and_estimate(driver: Driver, projected: str) -> None:
    wcc = _partition(
        driver,
        "CALL gds.wcc.stream($graph, {concurrency: 1}) YIELD nodeId, componentId "
        "RETURN gds.util.asNode(nodeId).id AS id, componentId AS community",
        graph=projected,
    )
    assert _groups(wcc) == {frozenset({"a1", "a2", "a3", "b1", "b2", "b3"}), frozenset({"c1", "c2"})}

    leiden_query = (
        "CALL gds.leiden.stream($graph, {relationshipWeightProperty: 'weight', randomSeed: $seed, concurrency: 1}) "
        "YIELD nodeId, communityId RETURN gds.util.asNode(nodeId).id AS id, communityId AS community"
    )
    first = _partition(driver, leiden_query, graph=projected, seed=42)
    second = _partition(driver, leiden_query, graph=projected, seed=42)
    assert first == second
    assert _groups(first) == {
        frozenset({"a1", "a2", "a3"}),
        frozenset({"b1", "b2", "b3"}),
        frozenset({"c1", "c2"}),
    }

    louvain = _partition(
        driver,
        "CALL gds.louvain.stream($graph, {relationshipWeightProperty: 'weight', concurrency: 1}) "
        "YIELD nodeId, communityId RETURN gds.util.asNode(nodeId).id AS id, communityId AS community",
        graph=projected,
    )
    assert _groups(louvain) == _groups(first)

    records, _, _ = driver.execute_query(
        "CALL gds.leiden.stream.estimate($graph, {relationshipWeightProperty: 'weight', concurrency: 1}) "
        "YIELD bytesMin, bytesMax, nodeCount RETURN bytesMin, bytesMax, nodeCount",
        graph=projected,
    )
    assert records[0]["nodeCount"] == 8
    assert 0 < records[0]["bytesMin"] <= records[0]["bytesMax"]

    records, _, _ = driver.execute_query(
        "CALL gds.graph.project.estimate('SmokeAccount', $rels) YIELD requiredMemory, nodeCount "
        "RETURN requiredMemory, nodeCount",
        rels=PROJECTION_CONFIG,
    )
    assert records[0]["nodeCount"] == 8
    assert records[0]["requiredMemory"]


def test_projection_is_dropped(driver: Driver, smoke_graph: None) -> None:
    driver.execute_query(PROJECT, graph=GRAPH)
    records, _, _ = driver.execute_query("RETURN gds.graph.exists($graph) AS exists", graph=GRAPH)
    assert records[0]["exists"] is True
    driver.execute_query("CALL gds.graph.drop($graph) YIELD graphName RETURN graphName", graph=GRAPH)
    records, _, _ = driver.execute_query("RETURN gds.graph.exists($graph) AS exists", graph=GRAPH)
    assert records[0]["exists"] is False


def test_concurrency_above_four_is_refused(driver: Driver, projected: str) -> None:
    """Open GDS caps concurrency at 4 ("Community users cannot exceed concurrency=4")."""
    with pytest.raises(ClientError, match="cannot exceed concurrency=4"):
        driver.execute_query(
            "CALL gds.wcc.stream($graph, {concurrency: $concurrency}) YIELD nodeId RETURN count(*) AS n",
            graph=projected,
            concurrency=8,
        )
    records, _, _ = driver.execute_query(
        "CALL gds.wcc.stream($graph, {concurrency: $concurrency}) YIELD nodeId RETURN count(*) AS n",
        graph=projected,
        concurrency=4,
    )
    assert records[0]["n"] == 8
