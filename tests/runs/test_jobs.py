"""Scheduled jobs: locking, killed runs, re-alerting, retention, incremental input, logs, docs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from test_lineage import DAY1, DAY2, build_world, day2_tables, members, write_world
from typer.testing import CliRunner

import linkgraph.detect as detect_mod
import linkgraph.runs.writer as writer_mod
from linkgraph.cli.main import app
from linkgraph.detect import detect
from linkgraph.enforcement.audit import read_audit
from linkgraph.enforcement.export import enforcement_list
from linkgraph.enforcement.registry import export_and_record, read_registry, referenced_runs, sent_accounts
from linkgraph.ingest.contract import InputError
from linkgraph.ingest.deltas import DELIVERED, STAGING, append_delta, read_delivered, recover_appends
from linkgraph.ingest.load import load_tables
from linkgraph.runs.retention import prune_runs
from linkgraph.runs.store import list_runs, read_manifest, read_table
from linkgraph.storage.lock import LockHeld

ROOT = Path(__file__).resolve().parents[2]
RUN_CLI = "import sys; from linkgraph.cli.main import main; sys.argv[0] = 'linkgraph'; main()"
runner = CliRunner()

FORCED = {"force": True, "reason": "test: every cluster"}
"""A below-threshold export needs explicit confirmation and a reason."""


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in a child process (what a scheduler runs)."""
    return subprocess.run(
        [sys.executable, "-c", RUN_CLI, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def day1(tmp_path: Path) -> Path:
    return write_world(build_world(DAY1), tmp_path / "day1")


@pytest.fixture
def day2(tmp_path: Path) -> Path:
    return write_world(day2_tables(), tmp_path / "day2")


# --- locking -------------------------------------------------------------------------------------------


def test_second_run_exits_at_once_with_75_while_another_holds_the_lock(tmp_path: Path, day1: Path) -> None:
    runs = tmp_path / "runs"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom linkgraph.storage.lock import run_lock\n"
            "with run_lock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n",
            str(runs),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        start = time.monotonic()
        refused = cli("detect", str(day1), "--runs", str(runs), "--min-sharers", "2", "--log-json")
        assert refused.returncode == 75
        assert time.monotonic() - start < 20  # exits at once (the bound is only interpreter start-up)
        assert refused.stdout == ""
        lines = json_lines(refused.stderr)
        assert lines[-1]["event"] == "summary" and lines[-1]["status"] == "locked" and lines[-1]["exit_code"] == 75
        assert f"pid {holder.pid}" in lines[-1]["error"] and "try again later" in lines[-1]["error"]
        plain = cli("detect", str(day1), "--runs", str(runs), "--min-sharers", "2")
        assert plain.returncode == 75 and "another linkgraph run" in plain.stderr
        assert list_runs(runs) == []
    finally:
        holder.kill()
        holder.wait()
    ok = cli("detect", str(day1), "--runs", str(runs), "--min-sharers", "2", env={"LINKGRAPH_LOG_FORMAT": "json"})
    assert ok.returncode == 0, ok.stderr
    lines = json_lines(ok.stderr)  # every stderr line is JSON, the last one is the summary
    summary = lines[-1]
    assert summary["event"] == "summary" and summary["status"] == "ok" and summary["exit_code"] == 0
    assert summary["run_id"] == ok.stdout.strip().splitlines()[-1] == list_runs(runs)[0]
    assert summary["lineage"]["counts"]["new"] == len(DAY1)


def test_concurrent_runs_in_threads_one_is_refused(tmp_path: Path, day1: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = tmp_path / "runs"
    inside, release = threading.Event(), threading.Event()
    real = detect_mod.run_detection

    def slow(*args: object, **kwargs: object) -> object:
        inside.set()
        release.wait(30)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(detect_mod, "run_detection", slow)
    results: list[str] = []
    first = threading.Thread(target=lambda: results.append(detect(day1, runs)))
    first.start()
    assert inside.wait(30)
    with pytest.raises(LockHeld, match="try again later"):
        detect(day1, runs)
    release.set()
    first.join(30)
    assert list_runs(runs) == results


# --- crashes -------------------------------------------------------------------------------------------

KILLABLE = """
import sys, time
from pathlib import Path
import linkgraph.runs.writer as d
real, marker = d.write_json_atomic, Path(sys.argv[1])
def stall(path, payload):
    real(path, payload)  # the manifest is in the staging folder, the run is not published yet
    marker.touch()
    time.sleep(120)
d.write_json_atomic = stall
sys.argv = ["linkgraph", *sys.argv[2:]]
from linkgraph.cli.main import main
main()
"""


def test_run_killed_mid_write_leaves_no_partial_run_and_next_run_succeeds(
    tmp_path: Path, day1: Path, day2: Path
) -> None:
    runs = tmp_path / "runs"
    first = detect(day1, runs)
    marker = tmp_path / "writing"
    victim = subprocess.Popen(
        [sys.executable, "-c", KILLABLE, str(marker), "detect", str(day2), "--runs", str(runs), "--min-sharers", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and victim.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the child never reached the write stage"
        staged = list((runs / ".staging").iterdir())
        assert staged and (staged[0] / "clusters.parquet").is_file()  # it really was killed mid-write
        os.kill(victim.pid, signal.SIGKILL)
    finally:
        victim.kill()
        victim.wait()
    assert list_runs(runs) == [first]  # nothing partial is visible

    result = cli("detect", str(day2), "--runs", str(runs), "--min-sharers", "2")
    assert result.returncode == 0, result.stderr  # the lock died with the process
    assert list_runs(runs) == [first, result.stdout.strip()]
    assert list((runs / ".staging").iterdir()) == []  # the leftover was swept
    assert read_manifest(runs / list_runs(runs)[-1])["lineage"]["previous_run"] == first


def test_exception_inside_staged_run_publishes_nothing(
    tmp_path: Path, day1: Path, day2: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = tmp_path / "runs"
    first = detect(day1, runs)
    counter = (runs / "cluster_ids.json").read_text()

    def boom(path: Path, payload: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writer_mod, "write_json_atomic", boom)
    with pytest.raises(OSError, match="disk full"):
        detect(day2, runs)
    monkeypatch.undo()
    assert list_runs(runs) == [first]
    assert list((runs / ".staging").iterdir()) == []
    assert (runs / "cluster_ids.json").read_text() == counter
    second = detect(day2, runs)
    assert list_runs(runs) == [first, second]
    assert not [p for p in day2.iterdir() if p.name.startswith(".")]  # a detection only reads its data


# --- re-alerting ---------------------------------------------------------------------------------------


def test_since_last_export_sends_nothing_twice_and_misses_nothing(tmp_path: Path, day1: Path, day2: Path) -> None:
    runs = tmp_path / "runs"
    detect(day1, runs)
    sent1 = export_and_record(runs, tmp_path / "e1.csv", threshold=0.0, since_last_export=True, **FORCED)
    file1 = pd.read_csv(tmp_path / "e1.csv")
    assert len(file1) == sent1["accounts"] > 0
    again = cli(
        "export",
        "--runs",
        str(runs),
        "-o",
        str(tmp_path / "e2.csv"),
        "--threshold",
        "0",
        "--force",
        "--reason",
        "test: everything",
        "--since-last-export",
        "--log-json",
    )
    assert again.returncode == 0, again.stderr
    assert pd.read_csv(tmp_path / "e2.csv").empty  # nothing new yet
    assert json_lines(again.stderr)[-1]["accounts"] == 0

    run2 = detect(day2, runs)
    export_and_record(runs, tmp_path / "e3.parquet", threshold=0.0, since_last_export=True, **FORCED)
    file3 = pd.read_parquet(tmp_path / "e3.parquet")
    current = set(enforcement_list(runs / run2, threshold=0.0)["account_id"])
    assert not set(file1["account_id"]) & set(file3["account_id"])  # nothing twice
    assert set(file3["account_id"]) == current - set(file1["account_id"])  # nothing missed
    assert current <= set(file1["account_id"]) | set(file3["account_id"])
    reasons = file3.set_index("account_id")["alert_reason"]
    grown = [a for a in members("d", 6, 9) if a in reasons.index]
    fresh = [a for a in DAY2["F"] if a in reasons.index]
    assert grown and fresh
    assert set(reasons[grown]) == {"joined_flagged_cluster"} and set(reasons[fresh]) == {"cluster_newly_flagged"}

    registry = read_registry(runs)
    assert [r["mode"] for r in registry] == ["since-last-export"] * 3
    assert [r["accounts"] for r in registry] == [len(file1), 0, len(file3)]
    assert not sent_accounts(runs)["account_id"].duplicated().any()
    audit = [r for r in read_audit(runs) if r["action"] == "export"]
    assert [a["sha256"] for a in audit] == [r["sha256"] for r in registry]
    assert all(a["who"] and a["at"] and a["run_id"] for a in audit)


def fake_run(runs: Path, run_id: str, clusters: dict[str, float], member_of: dict[str, str]) -> None:
    """A minimal run folder (what the export reads) with the given cluster risks and members."""
    folder = runs / run_id
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"run_id": run_id, "export_threshold": 0.7}))
    pd.DataFrame({"cluster_id": list(clusters), "risk_score": list(clusters.values())}).to_parquet(
        folder / "clusters.parquet"
    )
    pd.DataFrame({"account_id": list(member_of), "cluster_id": list(member_of.values()), "role": "core"}).to_parquet(
        folder / "members.parquet"
    )
    pd.DataFrame(
        {
            "account_id": list(member_of),
            "cluster_id": list(member_of.values()),
            "kind": "payment",
            "artifact": "card",
            "n_members": 2,
            "weight": 0.9,
        }
    ).to_parquet(folder / "member_links.parquet")


def test_newly_above_threshold_and_newly_in_a_flagged_cluster(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    fake_run(
        runs,
        "20260101T000000Z-000001",
        {"C000001": 0.9, "C000002": 0.5},
        {"a": "C000001", "b": "C000001", "c": "C000002", "d": "C000002"},
    )
    export_and_record(runs, tmp_path / "full.csv")  # a full export counts as sent too
    assert set(pd.read_csv(tmp_path / "full.csv")["account_id"]) == {"a", "b"}
    fake_run(
        runs,
        "20260102T000000Z-000001",
        {"C000001": 0.9, "C000002": 0.8},
        {"a": "C000001", "b": "C000001", "e": "C000001", "c": "C000002", "d": "C000002"},
    )
    export_and_record(runs, tmp_path / "delta.csv", since_last_export=True)
    delta = pd.read_csv(tmp_path / "delta.csv").set_index("account_id")["alert_reason"].to_dict()
    assert delta == {"e": "joined_flagged_cluster", "c": "cluster_newly_flagged", "d": "cluster_newly_flagged"}


# --- retention -----------------------------------------------------------------------------------------


def test_prune_keeps_the_newest_and_every_exported_run(tmp_path: Path, day1: Path, day2: Path) -> None:
    runs = tmp_path / "runs"
    r1 = detect(day1, runs)
    r2 = detect(day2, runs)
    export_and_record(runs, tmp_path / "e.csv", run=r2, threshold=0.0, **FORCED)
    r3 = detect(day2, runs)
    r4 = detect(day2, runs, keep=2)  # the job prunes after publishing
    assert list_runs(runs) == [r2, r3, r4]
    result = runner.invoke(app, ["prune", "--runs", str(runs), "--keep", "1"])
    assert result.exit_code == 0, result.output
    assert list_runs(runs) == [r2, r4]  # r2 stays: an export refers to it
    assert not (runs / ".trash").exists() and r1 not in os.listdir(runs)
    assert runner.invoke(app, ["prune", "--runs", str(runs), "--keep", "0"]).exit_code == 2
    assert prune_runs(runs, 1, referenced_runs).removed == []


# --- incremental input ---------------------------------------------------------------------------------


def write_delta(folder: Path, accounts: list[str], card: str, fmt: str = "csv") -> Path:
    tables = {
        "accounts": pd.DataFrame({"account_id": accounts, "created_at": "2026-01-02T00:00:00Z"}),
        "payment_methods": pd.DataFrame({"account_id": accounts, "payment_method_id": card}),
        "proxies": pd.DataFrame({"account_id": accounts, "ip": "203.0.113.5", "asn": 64999}),
    }
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        if fmt == "parquet":
            frame.to_parquet(folder / f"{name}.parquet", index=False)
        else:
            frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def test_append_then_redelivery_is_not_double_counted(tmp_path: Path, day1: Path) -> None:
    before = load_tables(day1).row_counts()
    delta = write_delta(tmp_path / "delta1", members("n", 0, 5), "card_new", fmt="parquet")
    result = runner.invoke(app, ["append", str(day1), str(delta)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in day1.glob("*.part-*")) == [
        "accounts.part-0001.parquet",
        "payment_methods.part-0002.parquet",
        "proxies.part-0003.parquet",
    ]
    after = load_tables(day1).row_counts()
    assert after["accounts"] == before["accounts"] + 5 and after["proxies"] == before["proxies"] + 5

    again = append_delta(day1, delta)  # the same files delivered again
    assert again.added == [] and len(again.skipped) == 3
    copy = tmp_path / "delta1-copy"  # same content under another folder, plus one genuinely new file
    copy.mkdir()
    for f in delta.iterdir():
        (copy / f.name).write_bytes(f.read_bytes())
    pd.DataFrame({"account_id": members("n", 0, 5), "fingerprint": "tmpl_new"}).to_csv(
        copy / "prompt_fingerprints.csv", index=False
    )
    mixed = append_delta(day1, copy)
    assert [a["part"] for a in mixed.added] == ["prompt_fingerprints.part-0004.csv"] and len(mixed.skipped) == 3
    assert load_tables(day1).row_counts()["accounts"] == before["accounts"] + 5
    delivered = read_delivered(day1)
    assert {v["part"] for v in delivered.values()} >= {"accounts.csv", "accounts.part-0001.parquet"}
    # a detection sees the appended accounts as one new cluster
    runs = tmp_path / "runs"
    run = detect(day1, runs)
    ids = read_table(runs / run, "members").set_index("account_id")["cluster_id"]
    assert ids.reindex(members("n", 0, 5)).nunique() == 1


def test_bad_delta_is_refused_whole_and_names_the_delivered_file(tmp_path: Path, day1: Path) -> None:
    delta = write_delta(tmp_path / "bad", members("n", 0, 3), "card_new")
    proxies = pd.read_csv(delta / "proxies.csv")
    proxies.loc[1, "account_id"] = "nobody"
    proxies.to_csv(delta / "proxies.csv", index=False)
    listing = sorted(os.listdir(day1))
    with pytest.raises(InputError) as info:
        append_delta(day1, delta)
    [problem] = info.value.problems
    assert str(delta / "proxies.csv") in problem.file and "proxies.part-" in problem.file
    assert problem.rows == (2,) and problem.column == "account_id"
    assert [f for f in sorted(os.listdir(day1)) if not f.startswith(".linkgraph.lock")] == listing
    result = runner.invoke(app, ["append", str(day1), str(delta)])
    assert result.exit_code == 3 and "account_id is not in accounts" in result.output
    (delta / "proxy.csv").write_text("account_id,ip\n")  # a misspelt table is an error, not silently ignored
    with pytest.raises(InputError, match="not a table of the data contract"):
        append_delta(day1, delta)


def test_interrupted_append_is_finished_or_discarded_before_the_next_read(
    tmp_path: Path, day1: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import linkgraph.ingest.deltas as deltas

    delta = write_delta(tmp_path / "delta", members("n", 0, 4), "card_new")
    base_rows = load_tables(day1).row_counts()["accounts"]

    def crash(data_dir: Path, tx: Path) -> None:
        raise KeyboardInterrupt  # killed right after the commit point (the journal)

    monkeypatch.setattr(deltas, "_roll_forward", crash)
    with pytest.raises(KeyboardInterrupt):
        append_delta(day1, delta)
    monkeypatch.undo()
    assert (day1 / STAGING).is_dir() and not list(day1.glob("*.part-*"))
    uncommitted = day1 / STAGING / "zz-uncommitted"
    (uncommitted / "parts").mkdir(parents=True)
    (uncommitted / "parts" / "accounts.part-0099.csv").write_text("account_id\nghost\n")
    run = detect(day1, tmp_path / "runs")  # the detection finishes the committed append first
    assert read_manifest(tmp_path / "runs" / run)["input_rows"]["accounts"] == base_rows + 4
    assert not (day1 / STAGING).exists() and not (day1 / "accounts.part-0099.csv").exists()
    assert len(read_delivered(day1)) > 0 and (day1 / DELIVERED).is_file()
    assert recover_appends(day1) == []
    assert append_delta(day1, delta).added == []  # and knows the files were delivered


def test_part_file_problems_name_the_part_and_its_row(tmp_path: Path, day1: Path) -> None:
    pd.DataFrame({"account_id": ["a00", "ghost"], "ip": ["not-an-ip", "10.9.9.9"]}).to_csv(
        day1 / "proxies.part-0001.csv", index=False
    )
    with pytest.raises(InputError) as info:
        load_tables(day1)
    found = {(p.file, p.column, p.rows) for p in info.value.problems}
    assert found == {("proxies.part-0001.csv", "ip", (1,)), ("proxies.part-0001.csv", "account_id", (2,))}


# --- diff and docs -------------------------------------------------------------------------------------


def test_diff_prints_the_changes(tmp_path: Path, day1: Path, day2: Path) -> None:
    runs = tmp_path / "runs"
    detect(day1, runs)
    detect(day2, runs)
    result = runner.invoke(app, ["diff", "--runs", str(runs), "previous", "latest"])
    assert result.exit_code == 0, result.output
    for status in ("merged", "split", "grown", "shrunk", "dissolved", "new"):
        assert status in result.output
    as_json = runner.invoke(app, ["diff", "--runs", str(runs), "previous", "latest", "--json"])
    payload = json.loads(as_json.output)
    assert payload["counts"] == read_manifest(runs / list_runs(runs)[-1])["lineage"]["counts"]
    assert runner.invoke(app, ["diff", "--runs", str(runs), "nope", "latest"]).exit_code == 4


def test_scheduling_docs_cover_the_job_commands() -> None:
    text = (ROOT / "docs" / "scheduling.md").read_text()
    for needle in (
        "linkgraph diff",
        "linkgraph append",
        "linkgraph prune",
        "--since-last-export",
        "--keep",
        "--log-json",
        "LINKGRAPH_LOG_FORMAT",
        "75",
        "crontab",
        "OnCalendar",
        "BashOperator",
        "--no-warm-start",
        '"event": "summary"',
    ):
        assert needle in text, needle
