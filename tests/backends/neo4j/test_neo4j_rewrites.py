"""Rewrite groups (derived kind ``rewrite``) in Neo4j: stored, weighed, projected, partitioned like embedded.

The world: three master templates, five cells of two accounts on rewrites of each (3-5 bits
from the master; every account has three fingerprints 0-1 bits from its cell's rewrite), so
each master gives one rewrite group of ten accounts. One member of each cell shares its
group's IP (five sharers), a bridge IP joins four accounts of the first group and one of the
second, and twenty loners send unrelated templates. The rewrite groups tie each cell's other
member to the rest: without them Leiden finds other communities.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from rewrite_worlds import flip
from worlds import write_tables

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.backends.neo4j import cypher
from linkgraph.backends.neo4j.backend import Neo4jBackend
from linkgraph.backends.neo4j.loader import GraphLoader
from linkgraph.backends.neo4j.rows import DERIVED_LINK_STATEMENTS, LINK_STATEMENTS, WEIGHT_STATEMENTS, link_statements
from linkgraph.backends.neo4j.settings import Neo4jSettings
from linkgraph.communities.groups import ARTIFACT_KINDS
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import LinkGraph, build_link_graph
from linkgraph.ingest.load import load_tables
from linkgraph.signals.derive import REWRITE, SignalParams, derive_links

BRIDGE = ["u001", "u003", "u005", "u007", "u011"]


def rewrite_world(seed: int = 7) -> dict[str, pd.DataFrame]:
    """The tables of the module docstring's world (accounts ``u000``-``u049``)."""
    rng = np.random.default_rng(seed)
    rows = []
    for group in range(3):
        master = int(rng.integers(0, 2**63))
        for cell in range(5):
            rewrite = flip(rng, master, int(rng.integers(3, 6)))
            for member in range(2):
                account = group * 10 + cell * 2 + member
                rows += [(account, p, flip(rng, rewrite, int(rng.integers(0, 2)))) for p in range(3)]
    rows += [(30 + k, 0, int(rng.integers(0, 2**63))) for k in range(20)]
    ids = [f"u{a:03d}" for a, _, _ in rows]
    firsts = [f"u{a:03d}" for a in range(0, 30, 2)]
    return {
        "accounts": pd.DataFrame({"account_id": sorted(set(ids))}),
        "payment_methods": pd.DataFrame({"account_id": ["u000"], "payment_method_id": ["pm_1"]}),
        "proxies": pd.DataFrame(
            {"account_id": BRIDGE + firsts, "ip": ["10.0.0.1"] * 5 + [f"10.1.0.{int(a[1:]) // 10}" for a in firsts]}
        ),
        "prompt_fingerprints": pd.DataFrame(
            {
                "account_id": ids,
                "fingerprint": [f"fp_{a}_{p}" for a, p, _ in rows],
                "simhash": [f"{h:016x}" for _, _, h in rows],
            }
        ),
    }


@pytest.fixture(scope="module")
def rewrite_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tables(rewrite_world(), tmp_path_factory.mktemp("rewrites"))


@pytest.fixture(scope="module")
def rewrite_graph(rewrite_data: Path) -> LinkGraph:
    dataset = load_tables(rewrite_data)
    derived = derive_links(dataset.simhashes, dataset.requests, SignalParams())
    return build_link_graph(dataset, None, derived.links)


def test_every_artifact_kind_has_its_statements_in_canonical_order() -> None:
    assert (*LINK_STATEMENTS, *DERIVED_LINK_STATEMENTS) == ARTIFACT_KINDS
    assert tuple(WEIGHT_STATEMENTS) == ARTIFACT_KINDS
    assert DERIVED_LINK_STATEMENTS[REWRITE] == "merge_in_rewrite_group"
    assert WEIGHT_STATEMENTS[REWRITE] == "set_rewrite_group_weights"
    for name in (*LINK_STATEMENTS.values(), *DERIVED_LINK_STATEMENTS.values(), *WEIGHT_STATEMENTS.values()):
        assert cypher.load(name)


def test_the_world_has_rewrite_groups_that_carry_evidence(rewrite_graph: LinkGraph) -> None:
    links = rewrite_graph.links
    rewrites = links[links["kind"] == REWRITE]
    assert len(rewrites) == 30 and rewrites["artifact"].nunique() == 3
    assert rewrites["artifact"].astype(str).str.fullmatch(r"rw:[0-9a-f]{16}").all()
    evidence = rewrite_graph.artifacts.loc[np.unique(rewrite_graph.edges["art"])]
    assert (evidence["kind"] == REWRITE).sum() == 3 and (evidence.loc[evidence["kind"] == REWRITE, "df"] == 10).all()
    steps = dict(link_statements(links, rewrite_graph.account_ids))
    assert len(steps["merge_in_rewrite_group"]) == 30
    assert set(steps["merge_in_rewrite_group"]["account_id"]) == {f"u{a:03d}" for a in range(30)}


def test_without_rewrite_groups_leiden_finds_other_communities(rewrite_data: Path, rewrite_graph: LinkGraph) -> None:
    dataset = load_tables(rewrite_data)
    links = rewrite_graph.links
    params = PartitionParams(method="leiden", seed=0)
    with_rewrites = EmbeddedBackend().partition(rewrite_graph, params)
    without = EmbeddedBackend().partition(build_link_graph(dataset, None, links[links["kind"] != REWRITE]), params)
    assert len(with_rewrites) == 30 and len(without) < 30


@pytest.mark.parametrize("method", ["wcc", "leiden"])
def test_rewrite_groups_are_stored_projected_and_partitioned_like_embedded(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, rewrite_graph: LinkGraph, method: str
) -> None:
    params = PartitionParams(method=method, seed=0)
    backend = Neo4jBackend(neo4j_server)
    try:
        mine = backend.partition(rewrite_graph, params)
    finally:
        backend.close()
    reference = EmbeddedBackend().partition(rewrite_graph, params)
    pd.testing.assert_frame_equal(mine, reference)
    assert reference["community"].nunique() == (2 if method == "wcc" else 4)

    counts = GraphLoader(empty_neo4j).counts()
    kinds = rewrite_graph.artifacts["kind"].astype(str).value_counts()
    links = rewrite_graph.links["kind"].astype(str).value_counts()
    assert counts["rewrite_groups"] == kinds[REWRITE] == 3 and counts["in_rewrite_group"] == links[REWRITE] == 30
    assert counts["template_families"] == kinds["family"] and counts["in_family"] == links["family"]
    assert counts["accounts"] == rewrite_graph.n_accounts and counts["proxies"] == kinds["ip"]
    stored = empty_neo4j.execute_query(
        "MATCH (g:RewriteGroup) WHERE g.community IS NOT NULL "
        "RETURN g.rewrite_id AS artifact, g.df AS df, g.weight AS weight, g.generic AS generic ORDER BY artifact"
    ).records
    arts = rewrite_graph.artifacts
    expected = arts[arts["kind"] == REWRITE].sort_values("artifact")
    assert [r["artifact"] for r in stored] == expected["artifact"].astype(str).tolist()
    assert [r["df"] for r in stored] == expected["df"].tolist()
    assert [r["weight"] for r in stored] == pytest.approx(expected["weight"].tolist())
    assert not any(r["generic"] for r in stored)


@pytest.mark.parametrize("method", ["wcc", "leiden"])
def test_detect_with_rewrite_groups_gives_the_embedded_run(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, rewrite_data: Path, tmp_path: Path, method: str
) -> None:
    from linkgraph.detect import DetectParams, detect

    params = DetectParams(partition=PartitionParams(method=method, seed=0))
    members = {}
    for name, engine in (("embedded", EmbeddedBackend()), ("neo4j", Neo4jBackend(neo4j_server))):
        try:
            run = tmp_path / name / detect(rewrite_data, tmp_path / name, params, engine)
        finally:
            engine.close()
        members[name] = pd.read_parquet(run / "members.parquet").sort_values("account_id", ignore_index=True)
    cols = ["account_id", "cluster_id", "role"]
    assert len(members["embedded"]) == 30
    pd.testing.assert_frame_equal(members["neo4j"][cols], members["embedded"][cols])
