"""Community detection in Neo4j Graph Data Science through the ``graphdatascience`` client.

One call of :func:`detect_communities`:

1. drops a stale projection of the same name (an interrupted earlier run);
2. projects the run's evidence graph with ``queries/project_evidence_graph.cypher`` (Cypher
   aggregation ``gds.graph.project``: bipartite, undirected, relationship property ``weight``;
   for Leiden and Louvain without the accounts that have a single evidence link, which
   :func:`linkgraph.backends.neo4j.backend.memberships` puts in their artifact's community,
   as the embedded backend does);
3. runs ``gds.wcc.write``, ``gds.leiden.write`` or ``gds.louvain.write`` with
   ``concurrency: 1`` (and ``randomSeed`` for Leiden) so results repeat, writing the
   community id to the ``community`` property of every projected node;
4. streams ``account_id, community`` and ``kind, artifact, community`` back into pandas;
5. always drops the projection in ``finally``, also when a step failed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from graphdatascience import GraphDataScience
from graphdatascience.graph.graph_api import Graph

from linkgraph.backends.neo4j.cypher import load
from linkgraph.backends.neo4j.loader import DATABASE_ERRORS
from linkgraph.communities.params import PartitionParams

log = logging.getLogger(__name__)

GRAPH_NAME = "linkgraph_evidence"
COMMUNITY_PROPERTY = "community"
"""Written by the GDS write step; read by ``queries/stream_*_communities.cypher``."""
WEIGHT_PROPERTY = "weight"
"""Relationship property set by ``queries/project_evidence_graph.cypher``."""
METHODS = ("leiden", "louvain", "wcc")
MODEL_LABELS = (
    "Account",
    "PaymentMethod",
    "Proxy",
    "PromptFingerprint",
    "TemplateFamily",
    "RewriteGroup",
    "LockstepWindow",
)
MODEL_RELATIONSHIPS = ("PAID_WITH", "CONNECTED_FROM", "SENT", "IN_FAMILY", "IN_REWRITE_GROUP", "IN_WINDOW")


def connect(driver: Any, database: str | None = None) -> GraphDataScience:
    """A GDS client on an existing driver (Bolt only, no Arrow; no progress bars)."""
    return GraphDataScience(driver, database=database, arrow=False, show_progress=False)


@dataclass
class GdsCommunities:
    """Memberships streamed back from Neo4j, plus what the projection and algorithm reported."""

    accounts: pd.DataFrame
    artifacts: pd.DataFrame
    node_count: int
    relationship_count: int
    summary: dict[str, Any] = field(default_factory=dict)


def _write(gds: GraphDataScience, G: Graph, params: PartitionParams) -> dict[str, Any]:
    if params.method == "wcc":
        # Unweighted on purpose: the embedded WCC joins through every evidence edge, even weight 0.
        wcc = gds.wcc.write(G, write_property=COMMUNITY_PROPERTY, concurrency=1)
        return {"communities": wcc.component_count, "written": wcc.node_properties_written}
    if params.method == "leiden":
        leiden = gds.leiden.write(
            G,
            write_property=COMMUNITY_PROPERTY,
            relationship_weight_property=WEIGHT_PROPERTY,
            random_seed=params.seed,
            gamma=params.resolution,
            concurrency=1,
        )
        return {
            "communities": leiden.community_count,
            "written": leiden.node_properties_written,
            "modularity": leiden.modularity,
            "levels": leiden.ran_levels,
        }
    louvain = gds.louvain.write(
        G, write_property=COMMUNITY_PROPERTY, relationship_weight_property=WEIGHT_PROPERTY, concurrency=1
    )
    return {
        "communities": louvain.community_count,
        "written": louvain.node_properties_written,
        "modularity": louvain.modularity,
        "levels": louvain.ran_levels,
    }


def check_method(params: PartitionParams) -> None:
    """Refuse what GDS cannot do the way the embedded backend does."""
    if params.method not in METHODS:
        raise ValueError(f"unknown method {params.method!r}; use one of {', '.join(METHODS)}")
    if params.method == "louvain" and params.resolution != 1.0:
        raise ValueError("GDS Louvain has no resolution parameter; use --method leiden for --resolution")


def min_degree(params: PartitionParams) -> int:
    """Fewest evidence links an account needs to be projected: single-link accounts are set aside
    for Leiden and Louvain, exactly as the embedded backend does (``partition_bipartite``)."""
    return 1 if params.method == "wcc" else 2


def drop_projection(gds: GraphDataScience, graph_name: str = GRAPH_NAME) -> None:
    """Drop the named projection if it exists."""
    gds.graph.drop(graph_name, fail_if_missing=False)


def detect_communities(
    gds: GraphDataScience, run: str, params: PartitionParams, graph_name: str = GRAPH_NAME
) -> GdsCommunities:
    """Project the evidence graph of ``run``, partition it, stream memberships; always drop."""
    check_method(params)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[stage] = round(now - clock, 3)
        clock = now

    drop_projection(gds, graph_name)
    try:
        G, projected = gds.graph.project.cypher(
            load("project_evidence_graph"), graph_name=graph_name, run=run, min_degree=min_degree(params)
        )
        lap("project")
        log.info(
            "projected %s: %d nodes, %d relationships", graph_name, projected.node_count, projected.relationship_count
        )
        summary = _write(gds, G, params)
        lap("algorithm")
        accounts = gds.run_cypher(load("stream_account_communities"), {"run": run}, mode="READ")
        artifacts = gds.run_cypher(load("stream_artifact_communities"), {"run": run}, mode="READ")
        lap("stream")
    finally:
        try:
            drop_projection(gds, graph_name)
        except DATABASE_ERRORS as exc:  # never hide the original error; the next run drops it anyway
            log.warning("could not drop projection %s: %s", graph_name, exc)
    lap("drop")
    summary["seconds"] = seconds
    return GdsCommunities(accounts, artifacts, int(projected.node_count), int(projected.relationship_count), summary)


def projection_estimate(
    gds: GraphDataScience, labels: Sequence[str] = MODEL_LABELS, types: Sequence[str] = MODEL_RELATIONSHIPS
) -> dict[str, Any]:
    """GDS memory estimate for projecting all loaded accounts and artifacts (an upper bound).

    ``labels`` and ``types`` narrow the model to what the database holds (a native projection
    refuses labels that do not exist).
    """
    estimate = gds.graph.project.estimate(
        node_projection=[label for label in MODEL_LABELS if label in labels],
        relationship_projection={rel: {"orientation": "UNDIRECTED"} for rel in MODEL_RELATIONSHIPS if rel in types},
    )
    return {
        "required_memory": estimate.required_memory,
        "bytes_min": estimate.bytes_min,
        "bytes_max": estimate.bytes_max,
        "node_count": estimate.node_count,
        "relationship_count": estimate.relationship_count,
        "heap_percentage_max": estimate.heap_percentage_max,
    }
