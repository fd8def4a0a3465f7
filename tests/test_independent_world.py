"""End to end on a world linkgraph's generator did not make (``bench/alt_world.py``).

The independent generator was written from the data contract and the evasive-operations
issue alone. Whatever its hydra cells score, nobody innocent may be listed, and the
synchronized and varied operations and the replacement accounts must be found.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from linkgraph.detect import detect
from linkgraph.enforcement.evaluate import Evaluation, evaluate, read_truth
from linkgraph.enforcement.export import enforcement_list
from linkgraph.runs.store import read_table

ALT_WORLD = Path(__file__).resolve().parents[1] / "bench" / "alt_world.py"


@pytest.fixture(scope="module", params=[1, 2])
def evaluated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Evaluation:
    data = tmp_path_factory.mktemp(f"alt{request.param}")
    command = [sys.executable, str(ALT_WORLD), str(data), "--accounts", "20000", "--seed", str(request.param)]
    subprocess.run(command, check=True, capture_output=True)
    run = data / "runs" / detect(data, data / "runs")
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
