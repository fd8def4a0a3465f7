"""The detection job end to end on the shipped sample world: run layout, export, evaluation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from linkgraph.cli.main import app
from linkgraph.detect import detect
from linkgraph.enforcement.evaluate import evaluate, read_truth
from linkgraph.enforcement.export import EXPORT_COLUMNS, enforcement_list
from linkgraph.runs.store import list_runs, read_manifest, resolve_run

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
runner = CliRunner()


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    runs = tmp_path_factory.mktemp("runs")
    result = runner.invoke(app, ["detect", str(SAMPLE), "--runs", str(runs)])
    assert result.exit_code == 0, result.output
    return runs, result.stdout.strip().splitlines()[-1]


def test_last_line_is_the_run_id_and_the_run_is_complete(sample_run: tuple[Path, str]) -> None:
    runs, run_id = sample_run
    assert list_runs(runs) == [run_id]
    folder = runs / run_id
    for name in ("manifest.json", "clusters.parquet", "members.parquet", "evidence.parquet", "member_links.parquet"):
        assert (folder / name).is_file(), name
    manifest = read_manifest(folder)
    assert manifest["run_id"] == run_id
    assert {s["table"] for s in manifest["inputs"]} >= {"accounts", "payment_methods", "proxies", "prompt_fingerprints"}
    assert all(len(s["sha256"]) == 64 and s["size"] > 0 for s in manifest["inputs"])
    assert manifest["parameters"]["partition"]["seed"] == 0
    assert set(manifest["timings_s"]) >= {"read", "graph", "communities", "scoring"}
    clusters = pd.read_parquet(folder / "clusters.parquet")
    assert list(clusters.columns[:4]) == ["cluster_id", "size", "risk_score", "risk_band"]
    assert clusters["risk_score"].between(0, 1).all()
    members = pd.read_parquet(folder / "members.parquet")
    assert list(members.columns[:4]) == ["account_id", "cluster_id", "role", "evidence_score"]
    assert members["account_id"].is_unique and set(members["role"]) <= {"core", "peripheral"}
    assert not (runs / ".staging").exists() or not any((runs / ".staging").iterdir())


def test_sample_quality(sample_run: tuple[Path, str]) -> None:
    runs, _ = sample_run
    result = evaluate(enforcement_list(resolve_run(runs))["account_id"], read_truth(SAMPLE / "truth.csv"))
    assert result.precision >= 0.97 and result.recall >= 0.97
    assert min(result.group_recall.values()) >= 0.95
    assert result.benign_group_exported <= 0.005 * result.benign_group_accounts


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_export_formats_and_sidecar(sample_run: tuple[Path, str], tmp_path: Path, fmt: str) -> None:
    runs, run_id = sample_run
    out = tmp_path / f"list.{fmt}"
    result = runner.invoke(app, ["export", "--runs", str(runs), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = {"csv": pd.read_csv, "parquet": pd.read_parquet, "jsonl": lambda p: pd.read_json(p, lines=True)}[fmt](out)
    assert list(frame.columns) == EXPORT_COLUMNS
    assert frame["account_id"].is_unique and (frame["role"] == "core").all()
    assert frame["evidence"].str.contains("shared with").all()
    sidecar = json.loads(out.with_name(out.name + ".manifest.json").read_text())
    assert sidecar["run_id"] == run_id and sidecar["row_count"] == len(frame)
    assert sidecar["threshold"] == read_manifest(runs / run_id)["export_threshold"]
    assert (frame["risk_score"] >= sidecar["threshold"]).all()


def test_evaluate_cli(sample_run: tuple[Path, str]) -> None:
    runs, _ = sample_run
    result = runner.invoke(app, ["evaluate", "--runs", str(runs), "--truth", str(SAMPLE / "truth.csv")])
    assert result.exit_code == 0, result.output
    assert (
        "precision" in result.stdout and "recall op_hydra" in result.stdout and "benign-group exported" in result.stdout
    )


def test_detect_never_reads_truth(tmp_path: Path, sample_run: tuple[Path, str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    (data / "truth.csv").write_text("garbage that would break any reader\x00\n")
    run_id = detect(data, tmp_path / "runs")
    a = pd.read_parquet(tmp_path / "runs" / run_id / "members.parquet")
    runs, first = sample_run
    b = pd.read_parquet(runs / first / "members.parquet")
    pd.testing.assert_frame_equal(a.drop(columns="cluster_id"), b.drop(columns="cluster_id"))


def test_bad_input_writes_no_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    accounts = pd.read_csv(data / "accounts.csv")
    pd.concat([accounts, accounts.head(1)]).to_csv(data / "accounts.csv", index=False)
    result = runner.invoke(app, ["detect", str(data), "--runs", str(tmp_path / "runs")])
    assert result.exit_code == 3
    assert "duplicate account_id" in result.output
    assert list_runs(tmp_path / "runs") == []


def test_crash_while_writing_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: pd.DataFrame, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_parquet", boom)
    with pytest.raises(KeyboardInterrupt):
        detect(SAMPLE, tmp_path / "runs")
    assert list_runs(tmp_path / "runs") == []
    staging = tmp_path / "runs" / ".staging"
    assert not staging.exists() or not any(staging.iterdir())


def test_unknown_run_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--runs", str(tmp_path), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 4
    assert "no runs" in result.output


def test_explain_account_and_pair(sample_run: tuple[Path, str]) -> None:
    runs, run_id = sample_run
    members = pd.read_parquet(runs / run_id / "members.parquet")
    core = members[members["role"] == "core"].sort_values(["cluster_id", "account_id"])
    first_cluster = core[core["cluster_id"] == core["cluster_id"].iloc[0]]["account_id"].tolist()
    one = runner.invoke(app, ["explain", first_cluster[0], "--runs", str(runs)])
    assert one.exit_code == 0, one.output
    assert "core member of" in one.stdout and "shared with" in one.stdout
    pair = runner.invoke(app, ["explain", first_cluster[0], first_cluster[-1], "--runs", str(runs)])
    assert pair.exit_code == 0, pair.output
    assert "1. " + first_cluster[0] in pair.stdout
    missing = runner.invoke(app, ["explain", "no-such-account", "--runs", str(runs)])
    assert missing.exit_code == 4


def test_refused_input_creates_nothing(tmp_path: Path) -> None:
    """A refused detect leaves no runs directory and no lock file behind."""
    from worlds import tiny_tables, write_tables

    from linkgraph.ingest.contract import InputError

    tables = tiny_tables()
    tables["proxies"].loc[0, "ip"] = "not-an-ip"
    data = write_tables(tables, tmp_path / "bad")
    runs = tmp_path / "runs"
    with pytest.raises(InputError):
        detect(data, runs)
    assert not runs.exists()
