"""Spark against embedded on a generated 100k-account evasive world (template families, lockstep, seeds).

Marked ``spark_world`` so it can be selected (``pytest -m spark_world``); CI runs it with the
rest of the suite. The world is generated once per test run (seeded, so always the same).
"""

from __future__ import annotations

import json
import os

import pytest
from spark_pairs import Pair, assert_same_clusters, detect_both

from linkgraph.enforcement.evaluate import evaluate, read_truth
from linkgraph.enforcement.export import enforcement_list
from linkgraph.runs.store import read_table
from linkgraph.spark.parity import enforcement_difference, partition_ari, same_partition
from linkgraph.synth import generate_world

pytestmark = [pytest.mark.spark, pytest.mark.spark_world]
ACCOUNTS = int(os.environ.get("LINKGRAPH_SPARK_WORLD_ACCOUNTS", "100000"))


@pytest.fixture(scope="module")
def world(spark_settings: object, tmp_path_factory: pytest.TempPathFactory) -> Pair:
    data = tmp_path_factory.mktemp("world") / "evasive"
    generate_world(data, ACCOUNTS, seed=7, world="evasive")
    return detect_both(data, tmp_path_factory.mktemp("world-runs"), spark_settings)


def test_components_are_identical(world: Pair) -> None:
    assert same_partition(world.embedded_wcc, world.spark.components)  # type: ignore[attr-defined]


def test_leiden_is_identical(world: Pair) -> None:
    """Both engines run the same per-group partition (communities/groups.py): not close, equal."""
    assert same_partition(world.embedded_leiden, world.spark.membership)  # type: ignore[attr-defined]
    assert partition_ari(world.embedded_leiden, world.spark.membership) == 1.0  # type: ignore[attr-defined]


def test_enforcement_lists_agree(world: Pair) -> None:
    differ, listed_embedded, _ = enforcement_difference(world.embedded_run, world.spark_run)
    assert listed_embedded > 0
    assert differ == 0


def test_scored_clusters_match_embedded(world: Pair) -> None:
    """The published clusters: the same members, counts, bands and features (model pivot, concentration, ...)."""
    assert_same_clusters(world)


def test_quality_is_unchanged(world: Pair) -> None:
    truth = read_truth(world.data / "truth.csv")
    scores = {}
    for name, run in (("embedded", world.embedded_run), ("spark", world.spark_run)):
        members = read_table(run, "members")
        enforced = members.loc[members["enforced"].astype(bool), "account_id"]
        scores[name] = evaluate(enforcement_list(run)["account_id"], truth, enforced)
    assert scores["spark"].precision >= scores["embedded"].precision - 0.01
    assert scores["spark"].recall >= scores["embedded"].recall - 0.01


def test_derived_signals_match_embedded(world: Pair) -> None:
    spark = json.loads((world.spark_run / "manifest.json").read_text())["signals"]
    embedded = json.loads((world.embedded_run / "manifest.json").read_text())["signals"]
    assert embedded["families"] > 0 and embedded["lockstep_links"] > 0
    for key in (
        "families",
        "family_links",
        "lockstep_buckets",
        "lockstep_links",
        "lockstep_busy_windows",
        "lockstep_popular_key_waves",
    ):
        assert spark[key] == embedded[key], key
