"""End to end on the evasive world: operations that share no card are found, look-alikes are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkgraph.detect import detect
from linkgraph.enforcement.evaluate import evaluate, read_truth
from linkgraph.enforcement.export import enforcement_list
from linkgraph.runs.store import read_manifest, read_table
from linkgraph.synth import generate_world


@pytest.fixture(scope="module", params=[3, 11])
def evasive_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    data = tmp_path_factory.mktemp(f"evasive{request.param}")
    generate_world(data, 20_000, seed=request.param, world="evasive")
    runs = data / "runs"
    run_id = detect(data, runs)
    return data, runs / run_id


def test_evasive_operations_are_found_without_hitting_look_alikes(evasive_run: tuple[Path, Path]) -> None:
    data, run = evasive_run
    members = read_table(run, "members")
    enforced = members.loc[members["enforced"], "account_id"]
    result = evaluate(enforcement_list(run)["account_id"], read_truth(data / "truth.csv"), enforced)
    assert result.precision >= 0.99
    assert result.recall >= 0.95
    assert min(result.group_recall.values()) >= 0.9
    assert result.replacement_recall is not None and result.replacement_recall >= 0.9
    assert result.benign_group_exported == 0
    assert not {"organic_cron", "organic_proxy_customers", "organic_hydra_customers"} & set(
        result.organic_exported_by_group
    )


def test_the_new_signals_fire_and_are_recorded(evasive_run: tuple[Path, Path]) -> None:
    _, run = evasive_run
    manifest = read_manifest(run)
    assert manifest["signals"]["families"] > 0 and manifest["signals"]["lockstep_links"] > 0
    assert {"signals", "graph", "communities", "scoring"} <= set(manifest["timings_s"])
    evidence = read_table(run, "evidence")
    assert {"family", "lockstep"} <= set(evidence["kind"])
    members = read_table(run, "members")
    assert members["replacement"].any() and members["enforced"].any()


def test_enforced_accounts_stay_off_the_default_list(evasive_run: tuple[Path, Path]) -> None:
    _, run = evasive_run
    members = read_table(run, "members")
    enforced = set(members.loc[members["enforced"], "account_id"])
    assert enforced and not enforced & set(enforcement_list(run)["account_id"])
    assert enforced & set(enforcement_list(run, include_enforced=True)["account_id"])


@pytest.mark.parametrize("seed", [2, 7])
def test_the_generators_default_size_finds_the_varied_operation(seed: int, tmp_path: Path) -> None:
    """At 5,000 accounts (``linkgraph generate``'s default) op_varied is 2% of all accounts and
    some of its families pass the 1% cut-off; they stay evidence as one network's own
    (``graph.popular_families``). Before that, seed 7 found none of it and seed 2 86%."""
    generate_world(tmp_path, 5000, seed=seed, world="evasive")
    runs = tmp_path / "runs"
    run = runs / detect(tmp_path, runs)
    members = read_table(run, "members")
    enforced = members.loc[members["enforced"], "account_id"]
    result = evaluate(enforcement_list(run)["account_id"], read_truth(tmp_path / "truth.csv"), enforced)
    assert result.group_recall["op_varied"] >= 0.95
    assert result.precision == 1.0
