"""Stable identity on a scheduled run: drop 10% of an operation's accounts and detect again.

The small version of ``bench/bench_stability.py`` (which prints the figures for bigger
worlds): the operation's campaign keeps its id, at least 90% of its remaining accounts keep
their cell (cluster) id, its cells are ``shrunk`` rather than ``dissolved`` plus ``new``,
and the same input on a fresh runs directory repeats the first run exactly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_stability import measure

from linkgraph.synth import generate_world


@pytest.mark.parametrize("seed", [3])
def test_dropping_a_tenth_of_an_operation_keeps_its_ids(tmp_path: Path, seed: int) -> None:
    world = tmp_path / "world"
    generate_world(world, 20_000, seed)
    result = measure(world, tmp_path, fraction=0.1, seed=seed)
    assert result["campaign_kept"], result
    assert result["op_cell_kept"] >= 0.9, result
    assert "dissolved" not in result["statuses"] and "new" not in result["statuses"], result
    assert result["statuses"].get("shrunk", 0) >= 1, result
    assert result["cold_repeat_identical"], result
