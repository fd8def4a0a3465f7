"""Spark's satellite job finds the moves the embedded scoring finds (fifth independent world)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bench_worlds import generated_world
from satellite_worlds import coreless_world, crowd_yield_world, later_round_world, satellite_world

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.detect import ACTIVITY_COLUMNS, DetectParams
from linkgraph.graph import build_link_graph
from linkgraph.ingest.load import load_tables
from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.population import population_of
from linkgraph.scoring.satellite_rounds import drawn_by_templates
from linkgraph.scoring.satellites import satellite_moves
from linkgraph.scoring.score import known_bad_ties, score_communities
from linkgraph.signals.derive import derive_links

pytestmark = pytest.mark.spark


def test_spark_finds_the_embedded_satellites(spark_settings: object, tmp_path: Path) -> None:
    from linkgraph.spark.satellites import spark_satellite_moves
    from linkgraph.spark.session import start_session

    data = generated_world("fifth_world.py", tmp_path / "fifth", 20_000, 1)
    params = DetectParams()
    dataset = load_tables(data, request_columns=ACTIVITY_COLUMNS)
    derived = derive_links(dataset.simhashes, dataset.requests, params.signals)
    graph = build_link_graph(dataset, params.graph, derived.links, derived.fingerprint_family)
    membership = EmbeddedBackend().partition(graph, params.partition)
    population = population_of(graph.n_accounts, dataset.accounts, dataset.requests)
    ties = known_bad_ties(graph, dataset.accounts, dataset.requests)
    first = score_communities(
        graph, dataset.accounts, membership, population, ties, dataset.ip_asn, params.scoring, None, satellites=False
    )
    s = params.scoring
    want = satellite_moves(first.members, graph.links, graph.artifacts, s, graph.n_accounts)
    assert len(want) >= 50

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    links = spark.createDataFrame(graph.links[["acct", "art"]].astype(np.int64))
    arts = graph.artifacts[["df", "weight", "generic"]].assign(
        art=np.arange(len(graph.artifacts), dtype=np.int64), kind=graph.artifacts["kind"].astype(str).to_numpy()
    )
    got = spark_satellite_moves(spark, links, spark.createDataFrame(arts), first.members, s, graph.n_accounts)
    assert got.sort_index().to_dict() == want.sort_index().to_dict()


@pytest.mark.parametrize("population", [1_000, 35])
@pytest.mark.parametrize("stayer", [None, 32, 33])
def test_spark_moves_core_parts_whole_as_embedded(spark_settings: object, stayer: int | None, population: int) -> None:
    """The small worlds of ``tests/scoring/test_satellite_moves.py``: core members held by the network
    alone move on their cards and templates, and only as a whole part."""
    members, links, artifacts = satellite_world(stayer)
    assert_same_moves(spark_settings, members, links, artifacts, population)


@pytest.mark.parametrize("population", [1_000, 200])
def test_spark_lets_a_crowd_yield_as_embedded(spark_settings: object, population: int) -> None:
    """A member drawn by its families away from a crowd that holds its exits by its mass."""
    assert_same_moves(spark_settings, *crowd_yield_world(), population)


@pytest.mark.parametrize(("cell", "hangers", "population"), [(3, 0, 1_000), (6, 0, 1_000), (3, 0, 60), (3, 200, 250)])
def test_spark_moves_a_fragment_without_a_core_as_embedded(
    spark_settings: object, cell: int, hangers: int, population: int
) -> None:
    """A community without a core moves on the families its drawing core holds twice over (a
    crowd's core, beyond its mass)."""
    assert_same_moves(spark_settings, *coreless_world(cell, hangers), population)


def assert_same_moves(
    spark_settings: object, members: pd.DataFrame, links: pd.DataFrame, artifacts: pd.DataFrame, population: int
) -> None:
    """Spark's moves on a small world are the embedded scoring's."""
    from linkgraph.spark.satellites import spark_satellite_moves
    from linkgraph.spark.session import start_session

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    arts = artifacts.assign(art=np.arange(len(artifacts), dtype=np.int64))
    got = spark_satellite_moves(
        spark,
        spark.createDataFrame(links.astype(np.int64)),
        spark.createDataFrame(arts),
        members,
        ScoringParams(),
        population,
    )
    want = satellite_moves(members, links, artifacts, ScoringParams(), population)
    assert got.sort_index().to_dict() == want.sort_index().to_dict()


@pytest.mark.parametrize("families", [True, False])
def test_spark_keeps_the_later_round_moves_the_embedded_scoring_keeps(spark_settings: object, families: bool) -> None:
    """Paraphrased families and cards draw a member, pasted words and IPs do not
    (tests/scoring/test_satellite_rounds.py)."""
    from linkgraph.spark.satellites import spark_drawn_by_templates
    from linkgraph.spark.session import start_session

    members, links, artifacts, moves = later_round_world()
    if not families:
        artifacts = artifacts.drop(columns="family")
    spark = start_session(spark_settings)  # type: ignore[arg-type]
    arts = spark.createDataFrame(artifacts.assign(art=np.arange(len(artifacts), dtype=np.int64)))
    got = spark_drawn_by_templates(
        spark, spark.createDataFrame(links.astype(np.int64)), arts, moves, members, ScoringParams()
    )
    want = drawn_by_templates(moves, members, links, artifacts, ScoringParams())
    assert got.to_dict() == want.to_dict()
    assert len(want) == (2 if families else 4)
