"""Worlds written by the independent generators in ``bench/``, detected and evaluated (import as ``bench_worlds``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from linkgraph.detect import detect
from linkgraph.enforcement.evaluate import Evaluation, evaluate, read_truth
from linkgraph.enforcement.export import enforcement_list
from linkgraph.runs.store import read_table

BENCH = Path(__file__).resolve().parents[1] / "bench"


def generated_world(generator: str, data: Path, accounts: int, seed: int) -> Path:
    """``data``, where ``bench/<generator>`` wrote its world."""
    command = [sys.executable, str(BENCH / generator), str(data), "--accounts", str(accounts), "--seed", str(seed)]
    subprocess.run(command, check=True, capture_output=True)
    return data


def detected_world(generator: str, data: Path, accounts: int, seed: int) -> tuple[Path, Path]:
    """(the world's directory, its run): ``bench/<generator>`` writes the world, ``detect`` runs on it."""
    generated_world(generator, data, accounts, seed)
    return data, data / "runs" / detect(data, data / "runs")


def evaluated_run(data: Path, run: Path) -> Evaluation:
    """The default enforcement list of ``run`` against the world's ``truth.csv``."""
    members = read_table(run, "members")
    enforced = members.loc[members["enforced"], "account_id"]
    return evaluate(enforcement_list(run)["account_id"], read_truth(data / "truth.csv"), enforced)


def listed_truth(world: tuple[Path, Path]) -> pd.DataFrame:
    """The world's truth rows (indexed by ``account_id``) of the accounts on the run's enforcement list."""
    data, run = world
    truth = pd.read_csv(data / "truth.csv").set_index("account_id")
    return truth.loc[enforcement_list(run)["account_id"]]


def members_and_clusters(world: tuple[Path, Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The run's members with the world's truth columns, and its clusters by ``cluster_id``."""
    data, run = world
    members = read_table(run, "members").merge(pd.read_csv(data / "truth.csv"), on="account_id")
    return members, read_table(run, "clusters").set_index("cluster_id")


def world_fixtures(generator: str, accounts: int = 20000, seed: int = 1, suffix: str = "") -> tuple[Any, Any]:
    """Module-scoped ``world`` ((directory, run)) and ``evaluated`` fixtures for ``bench/<generator>``
    (named ``world<suffix>`` and ``evaluated<suffix>``, so a module can hold several worlds)."""

    @pytest.fixture(scope="module", name=f"world{suffix}")
    def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
        return detected_world(generator, tmp_path_factory.mktemp(Path(generator).stem), accounts, seed)

    @pytest.fixture(scope="module", name=f"evaluated{suffix}")
    def evaluated(request: pytest.FixtureRequest) -> Evaluation:
        return evaluated_run(*request.getfixturevalue(f"world{suffix}"))

    return world, evaluated
