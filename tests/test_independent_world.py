"""End to end on a world linkgraph's generator did not make (``bench/alt_world.py``).

The independent generator was written from the data contract and the evasive-operations
issue alone. Nobody innocent may be listed; the synchronized and varied operations, the
replacement accounts and the hydra cells that no organisation explains must be found.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from bench_worlds import detected_world, evaluated_run

from linkgraph.enforcement.evaluate import Evaluation
from linkgraph.runs.store import read_table


@pytest.fixture(scope="module", params=[1, 2])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the world's directory, its run)."""
    return detected_world("alt_world.py", tmp_path_factory.mktemp(f"alt{request.param}"), 20000, request.param)


@pytest.fixture(scope="module")
def evaluated(world: tuple[Path, Path]) -> Evaluation:
    return evaluated_run(*world)


def test_no_innocent_account_is_listed(evaluated: Evaluation) -> None:
    assert evaluated.precision == 1.0
    assert evaluated.benign_group_exported == 0 and evaluated.organic_exported == 0


def test_the_synchronized_and_varied_operations_and_the_replacements_are_found(evaluated: Evaluation) -> None:
    assert evaluated.group_recall["op_sync"] >= 0.85
    assert evaluated.group_recall["op_varied"] >= 0.9
    assert evaluated.replacement_recall is not None and evaluated.replacement_recall >= 0.9


def _hydra_cells(data: Path, run: Path) -> pd.DataFrame:
    """The clusters holding ten or more op_hydra accounts."""
    truth = pd.read_csv(data / "truth.csv")
    members = read_table(run, "members").merge(truth, on="account_id")
    hydra = members[members["group"] == "op_hydra"].groupby("cluster_id").size()
    clusters = read_table(run, "clusters").set_index("cluster_id")
    return clusters.loc[hydra[hydra >= 10].index]


def test_hydra_cells_that_no_organisation_explains_are_high(world: tuple[Path, Path]) -> None:
    """A cell rotating through its private proxies, with no billing hub and no domain of its own, is listed."""
    cells = _hydra_cells(*world)
    unexplained = cells[(cells["organisation"] == 0) & (cells["hub_share"] == 0)]
    assert len(unexplained) >= 2
    assert (unexplained["rotation"] >= 0.9).all()
    assert (unexplained["risk_band"] == "high").all()


def test_hydra_cells_working_in_sessions_are_listed_even_on_a_domain_of_their_own(world: tuple[Path, Path]) -> None:
    """A cell's operator runs its accounts together for an hour at a time, on many days and at
    other hours each time (``session_share``), and no minute-level timing sees it. About 40%
    of a cell sits on a throwaway domain of the cell's own, which the organisation rule credits;
    the sessions list it all the same."""
    cells = _hydra_cells(*world)
    working = cells[(cells["session_share"] >= 0.9) & (cells["lockstep_share"] == 0)]
    assert len(working) >= 3
    assert (working["session_scheduled"] < 0.5).all()
    assert (working["risk_score"] >= 0.7).all()
