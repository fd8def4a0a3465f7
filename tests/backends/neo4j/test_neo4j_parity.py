"""Parity on the live server: the shipped sample and a v2 world, embedded vs Neo4j; bulk import vs UNWIND.

- ``data/sample`` through ``detect``: identical WCC partitions, Leiden partitions with an
  adjusted Rand index >= 0.95, enforcement lists whose account sets differ by <= 0.5 %.
- An evasive (contract v2) world with derived artifacts (template families, lockstep
  windows): identical WCC; Leiden agrees with embedded as well as embedded agrees with itself
  under other seeds (about 0.65 there: Leiden is unstable on its organic mass), and with an
  adjusted Rand index >= 0.95 on the accounts of the operations.
- The files ``neo4j-import-files`` writes, imported by Neo4j's own ``neo4j-admin database
  import full`` (from the server jar) into a second server, hold exactly the graph an UNWIND
  load builds; ``neo4j-load`` then finds every batch committed.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from neo4j_checks import adjusted_rand_index, snapshot, wipe
from neo4j_live_server import admin_import, running_server

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.backends.neo4j.backend import Neo4jBackend
from linkgraph.backends.neo4j.import_files import write_import_files
from linkgraph.backends.neo4j.loader import GraphLoader, Step
from linkgraph.backends.neo4j.rows import dataset_statements
from linkgraph.backends.neo4j.settings import Neo4jSettings
from linkgraph.communities.params import PartitionParams
from linkgraph.detect import ACTIVITY_COLUMNS
from linkgraph.graph import LinkGraph, build_link_graph
from linkgraph.ingest.load import load_tables
from linkgraph.signals.derive import SignalParams, derive_links

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "sample"
MAX_ENFORCEMENT_DIFFERENCE = 0.005
MIN_ARI = 0.95


def enforcement_difference(a: set[str], b: set[str]) -> float:
    """Share of the accounts on either list that are on only one of them."""
    return len(a ^ b) / max(1, len(a | b))


def test_enforcement_difference() -> None:
    assert enforcement_difference({"a", "b"}, {"a", "b"}) == 0.0
    assert enforcement_difference({"a", "b"}, {"a", "c"}) == pytest.approx(2 / 3)
    assert enforcement_difference(set(), set()) == 0.0


def detect_both(settings: Neo4jSettings, data: Path, runs: Path, method: str) -> dict[str, Path]:
    from linkgraph.detect import DetectParams, detect

    params = DetectParams(partition=PartitionParams(method=method, seed=0))
    out = {}
    for name, engine in (("embedded", EmbeddedBackend()), ("neo4j", Neo4jBackend(settings))):
        try:
            out[name] = runs / name / detect(data, runs / name, params, engine)
        finally:
            engine.close()
    return out


@pytest.fixture(scope="module")
def sample_runs(neo4j_server: Neo4jSettings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    with neo4j_server.driver() as driver:
        wipe(driver, neo4j_server.database)
    runs = tmp_path_factory.mktemp("sample_runs")
    return {method: detect_both(neo4j_server, SAMPLE, runs / method, method) for method in ("wcc", "leiden")}


def members(run: Path) -> pd.DataFrame:
    return pd.read_parquet(run / "members.parquet").sort_values("account_id", ignore_index=True)


def test_sample_wcc_partitions_identical(sample_runs: dict[str, dict[str, Path]]) -> None:
    runs = sample_runs["wcc"]
    cols = ["account_id", "cluster_id", "role"]
    mine, reference = members(runs["neo4j"]), members(runs["embedded"])
    assert len(reference) > 100
    pd.testing.assert_frame_equal(mine[cols], reference[cols])


def test_sample_leiden_partitions_agree(sample_runs: dict[str, dict[str, Path]]) -> None:
    runs = sample_runs["leiden"]
    mine, reference = members(runs["neo4j"]), members(runs["embedded"])
    assert mine["account_id"].tolist() == reference["account_id"].tolist()
    ari = adjusted_rand_index(mine["cluster_id"].to_numpy(), reference["cluster_id"].to_numpy())
    assert ari >= MIN_ARI, f"adjusted Rand index {ari:.4f} < {MIN_ARI}"


@pytest.mark.parametrize("method", ["wcc", "leiden"])
def test_sample_enforcement_lists_agree(sample_runs: dict[str, dict[str, Path]], method: str) -> None:
    from linkgraph.enforcement.export import enforcement_list

    lists = {name: set(enforcement_list(run)["account_id"]) for name, run in sample_runs[method].items()}
    assert len(lists["embedded"]) > 20
    difference = enforcement_difference(lists["neo4j"], lists["embedded"])
    assert difference <= MAX_ENFORCEMENT_DIFFERENCE, f"{difference:.2%} of the enforced accounts differ"


# ------------------------------------------------------------------ derived artifacts (contract v2)


def evasive_graph(folder: Path, n_accounts: int = 5000, seed: int = 1) -> LinkGraph:
    """An evasive world's link graph with its derived links (template families, lockstep windows)."""
    from linkgraph.synth import generate_world

    generate_world(folder, n_accounts=n_accounts, seed=seed, world="evasive")
    dataset = load_tables(folder, request_columns=ACTIVITY_COLUMNS)
    assert dataset.simhashes is not None and dataset.requests is not None
    derived = derive_links(dataset.simhashes, dataset.requests, SignalParams())
    return build_link_graph(dataset, None, derived.links)


@pytest.fixture(scope="module")
def v2_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("evasive")


@pytest.fixture(scope="module")
def v2_graph(v2_world: Path) -> LinkGraph:
    return evasive_graph(v2_world)


def test_derived_artifacts_are_stored_projected_and_partitioned_by_wcc_like_embedded(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, v2_graph: LinkGraph
) -> None:
    graph = v2_graph
    edge_kinds = graph.artifacts.loc[np.unique(graph.edges["art"]), "kind"].astype(str).value_counts()
    assert edge_kinds.get("family", 0) > 0 and edge_kinds.get("lockstep", 0) > 0, edge_kinds.to_dict()
    backend = Neo4jBackend(neo4j_server)
    try:
        wcc = backend.partition(graph, PartitionParams(method="wcc"))
        pd.testing.assert_frame_equal(wcc, EmbeddedBackend().partition(graph, PartitionParams(method="wcc")))
        counts = GraphLoader(empty_neo4j).counts()
        kinds = graph.artifacts["kind"].astype(str).value_counts()
        links = graph.links["kind"].astype(str).value_counts()
        assert counts["template_families"] == kinds["family"] and counts["lockstep_windows"] == kinds["lockstep"]
        assert counts["in_family"] == links["family"] and counts["in_window"] == links["lockstep"]
        projected = empty_neo4j.execute_query(
            "MATCH (x:TemplateFamily|LockstepWindow) WHERE x.community IS NOT NULL RETURN count(x) AS n"
        ).records[0]["n"]
        assert projected == edge_kinds["family"] + edge_kinds["lockstep"]  # in the projection, written by GDS
    finally:
        backend.close()


def test_derived_artifacts_leiden_agrees_with_embedded_as_well_as_embedded_with_itself(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, v2_graph: LinkGraph, v2_world: Path
) -> None:
    """On an evasive world Leiden itself is unstable: igraph with another seed agrees with seed 0
    at an ARI of about 0.65 (the organic accounts form one big component that modularity carves
    into pieces of near-equal quality in many ways). GDS must agree with igraph's seed 0 as well as
    igraph's other seeds do, and on the accounts of the operations (not organic) almost exactly.
    Each agreement is one draw, so GDS gets as many seeds as igraph and their median is compared
    (one GDS seed read 0.63 where its three others read 0.72-0.74 and igraph's 0.70-0.75)."""
    params = PartitionParams(method="leiden", seed=0)
    backend = Neo4jBackend(neo4j_server)
    try:
        mine, reference = backend.partition(v2_graph, params), EmbeddedBackend().partition(v2_graph, params)
        others = [backend.partition(v2_graph, PartitionParams(method="leiden", seed=seed)) for seed in (1, 2, 3)]
    finally:
        backend.close()
    assert mine["acct"].tolist() == reference["acct"].tolist()
    gds = [adjusted_rand_index(p["community"].to_numpy(), reference["community"].to_numpy()) for p in [mine, *others]]
    spread = [
        adjusted_rand_index(
            EmbeddedBackend().partition(v2_graph, PartitionParams(method="leiden", seed=seed))["community"].to_numpy(),
            reference["community"].to_numpy(),
        )
        for seed in (1, 2, 3)
    ]
    median = float(np.median(gds))
    assert median >= min(spread) - 0.02, f"GDS seeds 0-3 vs igraph seed 0: {gds}; igraph's seeds 1-3: {spread}"
    truth = pd.read_csv(v2_world / "truth.csv").set_index("account_id")["kind"]
    operation = (truth.reindex(v2_graph.account_ids[reference["acct"].to_numpy()]) != "organic").to_numpy()
    assert operation.sum() > 100
    ari = adjusted_rand_index(mine["community"].to_numpy()[operation], reference["community"].to_numpy()[operation])
    assert ari >= MIN_ARI, f"on the operations' accounts: adjusted Rand index {ari:.4f} < {MIN_ARI}"


# ------------------------------------------------------------------ bulk import files


def test_bulk_import_files_build_the_same_graph_as_the_unwind_load(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, tmp_path: Path
) -> None:
    from linkgraph.synth import generate_world

    generate_world(tmp_path / "world", n_accounts=1500, seed=2)  # account properties of every type, v2 columns
    dataset = load_tables(tmp_path / "world")
    steps = [Step(name, rows) for name, rows in dataset_statements(dataset)]
    GraphLoader(empty_neo4j, batch_size=5000).load(steps)
    unwind_counts, unwind = GraphLoader(empty_neo4j).counts(), snapshot(empty_neo4j)

    files = write_import_files(dataset, tmp_path / "files", batch_size=5000)
    data_dir = tmp_path / "imported"
    args = ["database", "import", "full", "neo4j", *(f"{f.option}={f.header},{f.data}" for f in files)]
    report = admin_import(args, data_dir)
    assert "IMPORT DONE" in report
    with (
        running_server(secrets.token_urlsafe(18), data_dir=data_dir) as live,
        Neo4jSettings(live.uri, live.user, live.password).driver() as imported,
    ):
        loader = GraphLoader(imported, batch_size=5000)
        assert loader.counts() == unwind_counts
        assert snapshot(imported) == unwind
        reports = loader.load(steps)  # creates the constraints; every batch already committed
        assert all(r.skipped_batches == r.batches for r in reports)
        assert snapshot(imported) == unwind
        graph = build_link_graph(dataset)
        imported_backend = Neo4jBackend(Neo4jSettings(live.uri, live.user, live.password))
        try:
            result = imported_backend.partition(graph, PartitionParams(method="wcc"))
        finally:
            imported_backend.close()
        pd.testing.assert_frame_equal(result, EmbeddedBackend().partition(graph, PartitionParams(method="wcc")))
