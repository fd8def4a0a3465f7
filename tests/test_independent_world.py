"""End to end on a world linkgraph's generator did not make (``bench/alt_world.py``).

The independent generator was written from the data contract and the evasive-operations
issue alone. Nobody innocent may be listed; the synchronized and varied operations, the
replacement accounts and the hydra cells that no organisation explains must be found.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from linkgraph.detect import detect
from linkgraph.enforcement.evaluate import Evaluation, evaluate, read_truth
from linkgraph.enforcement.export import enforcement_list
from linkgraph.runs.store import read_table

ALT_WORLD = Path(__file__).resolve().parents[1] / "bench" / "alt_world.py"


@pytest.fixture(scope="module", params=[1, 2])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the world's directory, its run)."""
    data = tmp_path_factory.mktemp(f"alt{request.param}")
    command = [sys.executable, str(ALT_WORLD), str(data), "--accounts", "20000", "--seed", str(request.param)]
    subprocess.run(command, check=True, capture_output=True)
    return data, data / "runs" / detect(data, data / "runs")


@pytest.fixture(scope="module")
def evaluated(world: tuple[Path, Path]) -> Evaluation:
    data, run = world
    members = read_table(run, "members")
    enforced = members.loc[members["enforced"], "account_id"]
    return evaluate(enforcement_list(run)["account_id"], read_truth(data / "truth.csv"), enforced)


def test_no_innocent_account_is_listed(evaluated: Evaluation) -> None:
    assert evaluated.precision == 1.0
    assert evaluated.benign_group_exported == 0 and evaluated.organic_exported == 0


def test_the_synchronized_and_varied_operations_and_the_replacements_are_found(evaluated: Evaluation) -> None:
    assert evaluated.group_recall["op_sync"] >= 0.85
    assert evaluated.group_recall["op_varied"] >= 0.9
    assert evaluated.replacement_recall is not None and evaluated.replacement_recall >= 0.9


def test_hydra_cells_that_no_organisation_explains_are_high(world: tuple[Path, Path]) -> None:
    """A cell rotating through its private proxies, with no billing hub and no domain of its own, is listed."""
    data, run = world
    truth = pd.read_csv(data / "truth.csv")
    members = read_table(run, "members").merge(truth, on="account_id")
    hydra = members[members["group"] == "op_hydra"].groupby("cluster_id").size()
    clusters = read_table(run, "clusters").set_index("cluster_id")
    cells = clusters.loc[hydra[hydra >= 10].index]
    unexplained = cells[(cells["organisation"] == 0) & (cells["hub_share"] == 0)]
    assert len(unexplained) >= 2
    assert (unexplained["rotation"] >= 0.9).all()
    assert (unexplained["risk_band"] == "high").all()
