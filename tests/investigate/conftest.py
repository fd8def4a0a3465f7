"""Fixtures of the read-model tests: the hand-made runs of ``handmade.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import RUN_2, make_runs

from linkgraph.investigate import run_data


@pytest.fixture
def runs(tmp_path: Path) -> Path:
    return make_runs(tmp_path)


@pytest.fixture
def run(runs: Path) -> run_data.RunData:
    return run_data.load_run(runs / RUN_2)
