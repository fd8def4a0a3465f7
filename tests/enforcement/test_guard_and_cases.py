"""Exports that cannot hit innocents by accident, and case work, on a detected sample run."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from linkgraph.cli.main import app
from linkgraph.detect import detect
from linkgraph.enforcement import cases
from linkgraph.enforcement.audit import read_audit
from linkgraph.enforcement.export import enforcement_list
from linkgraph.enforcement.guard import NeedsConfirmation, threshold_impact
from linkgraph.enforcement.registry import export_and_record, read_registry
from linkgraph.enforcement.reviews import allowlisted_accounts
from linkgraph.runs.store import read_table

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
runner = CliRunner()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    runs = tmp_path_factory.mktemp("runs")
    return runs, detect(SAMPLE, runs)


@pytest.fixture
def runs(sample: tuple[Path, str], tmp_path: Path) -> Path:
    """A private copy of the sample runs (exports, reviews and cases write beside the runs)."""
    import shutil

    shutil.copytree(sample[0], tmp_path / "runs")
    return tmp_path / "runs"


def test_impact_says_what_a_lower_threshold_adds(runs: Path) -> None:
    run_dir = sorted(p for p in runs.iterdir() if p.is_dir() and not p.name.startswith("."))[0]
    impact = threshold_impact(run_dir, 0.0)
    default = set(enforcement_list(run_dir)["account_id"])
    lower = set(enforcement_list(run_dir, threshold=0.0)["account_id"])
    assert impact.below_default and impact.accounts == len(lower - default) > 0
    clusters = read_table(run_dir, "clusters")
    added = clusters[(clusters["risk_score"] < 0.7)]
    assert impact.clusters == len(added)
    assert impact.largest_size == added["size"].max()
    assert f"{impact.accounts:,} accounts" in impact.message()
    assert not threshold_impact(run_dir, 0.8).below_default


def test_below_threshold_needs_force_and_a_reason_and_records_both(runs: Path, tmp_path: Path) -> None:
    with pytest.raises(NeedsConfirmation, match="below the documented default"):
        export_and_record(runs, tmp_path / "x.csv", threshold=0.0)
    with pytest.raises(NeedsConfirmation, match="reason"):
        export_and_record(runs, tmp_path / "x.csv", threshold=0.0, force=True)
    assert not (tmp_path / "x.csv").exists() and read_registry(runs) == []
    record = export_and_record(runs, tmp_path / "x.csv", threshold=0.0, force=True, reason="ticket 7", who="ana")
    sidecar = json.loads((tmp_path / "x.csv.manifest.json").read_text())
    assert sidecar["who"] == "ana" and sidecar["reason"] == "ticket 7" and sidecar["forced_below_threshold"]
    assert sidecar["threshold_impact"]["accounts"] > 0
    assert record["who"] == "ana" and record["reason"] == "ticket 7"
    audit = [a for a in read_audit(runs) if a["action"] == "export"]
    assert audit[-1]["who"] == "ana" and audit[-1]["reason"] == "ticket 7"


def test_default_export_is_unchanged_and_carries_campaign_ids(runs: Path, tmp_path: Path) -> None:
    export_and_record(runs, tmp_path / "d.csv")
    frame = pd.read_csv(tmp_path / "d.csv")
    run_dir = sorted(p for p in runs.iterdir() if p.is_dir() and not p.name.startswith("."))[0]
    members = read_table(run_dir, "members")
    clusters = read_table(run_dir, "clusters")
    risky = set(clusters.loc[clusters["risk_score"] >= 0.7, "cluster_id"])
    core = members[(members["role"] == "core") & members["cluster_id"].isin(risky) & ~members["enforced"]]
    assert set(frame["account_id"]) == set(core["account_id"])
    assert frame["campaign_id"].str.match(r"^K\d{6}$").all()
    campaign = members.set_index("account_id")["campaign_id"]
    assert (frame["campaign_id"] == frame["account_id"].map(campaign)).all()


def test_reviewed_mode_takes_only_confirmed_clusters(runs: Path, tmp_path: Path) -> None:
    run_dir = sorted(p for p in runs.iterdir() if p.is_dir() and not p.name.startswith("."))[0]
    run_id = run_dir.name
    clusters = read_table(run_dir, "clusters")
    low = str(clusters.sort_values("risk_score")["cluster_id"].iloc[-1])
    members = read_table(run_dir, "members")
    ids = members.loc[members["cluster_id"] == low, "account_id"].tolist()
    assert export_and_record(runs, tmp_path / "r0.csv", reviewed=True, reason="weekly")["accounts"] == 0
    cases.set_status(runs, run_id, low, "confirmed", "checked cards", who="ana", members=ids)
    export_and_record(runs, tmp_path / "r1.csv", reviewed=True, reason="weekly")
    assert set(pd.read_csv(tmp_path / "r1.csv")["cluster_id"]) == {low}


def test_case_workflow_with_who_and_when_and_the_allowlist(runs: Path) -> None:
    run_id = "R"
    cases.assign(runs, run_id, "C000009", "ana", who="lead")
    cases.add_note(runs, run_id, "C000009", "same card as K000001", who="ana")
    cases.set_status(runs, run_id, "C000009", "escalated", who="ana")
    state = cases.case_state(runs)
    assert state.loc["C000009", ["assignee", "notes"]].tolist() == ["ana", 1]
    cases.set_status(runs, run_id, "C000009", "benign", "a company", who="ana", members=["x1", "x2"])
    assert {"x1", "x2"} <= allowlisted_accounts(runs)  # the old review marks keep feeding the allowlist
    with pytest.raises(ValueError, match="cannot move from benign to escalated"):
        cases.set_status(runs, run_id, "C000009", "escalated", who="ana")
    cases.set_status(runs, run_id, "C000009", "open", "reopened", who="lead")
    history = cases.case_history(runs, "C000009")
    assert history["who"].tolist()[0] == "lead" and history["at"].notna().all()
    assert any(a["action"] == "case_status" for a in read_audit(runs))
    with pytest.raises(ValueError, match="unknown case status"):
        cases.set_status(runs, run_id, "C000009", "done")


def test_bulk_moves_are_all_or_nothing(runs: Path) -> None:
    cases.set_status(runs, "R", "C000001", "confirmed", who="ana")
    with pytest.raises(ValueError, match="C000001"):
        cases.bulk_status(runs, "R", {"C000002": None, "C000001": None}, "escalated", who="ana")
    assert "C000002" not in cases.case_state(runs).index
    cases.bulk_status(runs, "R", {"C000002": None, "C000003": None}, "escalated", who="ana")
    assert set(cases.case_state(runs).query("status == 'escalated'")["target"]) == {"C000002", "C000003"}


def test_cli_export_below_threshold_is_refused_without_force(runs: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    refused = runner.invoke(app, ["export", "--runs", str(runs), "-o", str(out), "--threshold", "0.2"])
    assert refused.exit_code == 2 and "below the documented default" in refused.output and not out.exists()
    done = runner.invoke(
        app, ["export", "--runs", str(runs), "-o", str(out), "--threshold", "0.2", "--force", "--reason", "audit"]
    )
    assert done.exit_code == 0, done.output
    assert json.loads((tmp_path / "e.csv.manifest.json").read_text())["reason"] == "audit"
