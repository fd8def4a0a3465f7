"""The Neo4j loader (batches, checkpoints, resume, idempotency), settings redaction, import files.

Runs against :class:`neo4j_fakes.FakeNeo4j`, which executes linkgraph's own statements with
transaction semantics, so no server is needed.
"""

from __future__ import annotations

import csv
import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from neo4j_fakes import FakeNeo4j
from typer.testing import CliRunner

from linkgraph.backends.neo4j.import_files import import_command, write_import_files
from linkgraph.backends.neo4j.loader import CONSTRAINTS, GraphLoader, LoadError, Step
from linkgraph.backends.neo4j.rows import dataset_statements, link_statements, records, weight_rows
from linkgraph.backends.neo4j.settings import SECRETS_ENV, Neo4jSettings, SettingsError
from linkgraph.graph import build_link_graph
from linkgraph.ingest.load import Dataset, load_tables

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "s3cret-Pa55word!"
MERGES = {"merge_accounts", "merge_proxies", "merge_paid_with", "merge_connected_from", "merge_sent"}


@pytest.fixture
def dataset(tiny_dir: Path) -> Dataset:
    return load_tables(tiny_dir)


def steps_of(dataset: Dataset) -> list[Step]:
    return [Step(name, rows) for name, rows in dataset_statements(dataset)]


def merge_batches(db: FakeNeo4j) -> list[tuple[str, int]]:
    """(statement, number of rows) of every MERGE batch sent."""
    return [(name, len(params["rows"])) for name, params in db.calls if name in MERGES]


# ------------------------------------------------------------------ rows


def test_records_are_plain_driver_values() -> None:
    frame = pd.DataFrame(
        {
            "t": pd.to_datetime(["2026-01-02T03:04:05Z", None], utc=True),
            "n": pd.array([5, None], dtype="Int64"),
            "x": [np.float64(0.5), np.nan],
            "s": ["a", None],
            "b": np.array([True, False]),
        }
    )
    assert records(frame) == [
        {"t": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "n": 5, "x": 0.5, "s": "a", "b": True},
        {"t": None, "n": None, "x": None, "s": None, "b": False},
    ]
    assert type(records(frame)[0]["n"]) is int and type(records(frame)[0]["b"]) is bool


def test_dataset_rows(dataset: Dataset) -> None:
    statements = dict(dataset_statements(dataset))
    assert list(statements) == [
        "merge_accounts",
        "merge_proxies",
        "merge_paid_with",
        "merge_connected_from",
        "merge_sent",
    ]
    account = records(statements["merge_accounts"])[0]
    assert account["account_id"] == "a00"
    assert account["properties"] == {
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
        "email_domain": "gmail.com",
        "country": "US",
        "status": "active",
    }
    proxies = {r["ip"]: r["asn"] for r in records(statements["merge_proxies"])}
    assert proxies == {
        "10.0.0.1": 64500,
        "2001:db8::1": 64501,
        "192.0.2.7": 64510,
        "198.51.100.1": None,
        "198.51.100.2": 64520,
    }
    assert len(statements["merge_paid_with"]) == 10 and len(statements["merge_sent"]) == 5
    # detect's sync builds the same link rows from the graph, so checkpoints are shared
    graph = build_link_graph(dataset)
    for (name, rows), (_, same) in zip(
        link_statements(graph.links, graph.account_ids), list(statements.items())[2:], strict=True
    ):
        assert Step(name, rows).checkpoint_id(7) == Step(name, same).checkpoint_id(7)


def test_weight_rows_mark_exactly_the_evidence_artifacts(dataset: Dataset) -> None:
    graph = build_link_graph(dataset)
    rows = pd.concat([weight_rows(graph, k) for k in ("payment", "ip", "fingerprint")], ignore_index=True)
    assert len(rows) == len(graph.artifacts[graph.artifacts["kind"] != "asn"])
    evidence = set(rows.loc[rows["evidence"], "artifact"])
    assert evidence == set(graph.artifacts.loc[graph.edges["art"].unique(), "artifact"])
    assert "pm_solo" not in evidence  # shared by one account: no edge
    weights = dict(zip(rows["artifact"], rows["weight"], strict=True))
    assert weights["pm_ring"] == pytest.approx(float(graph.artifacts.set_index("artifact").loc["pm_ring", "weight"]))


def test_checkpoint_ids_follow_content_and_batch_size(dataset: Dataset) -> None:
    rows = dict(dataset_statements(dataset))["merge_sent"]
    step = Step("merge_sent", rows)
    assert step.checkpoint_id(100) == Step("merge_sent", rows.copy()).checkpoint_id(100)
    assert step.checkpoint_id(100) != step.checkpoint_id(50)
    changed = rows.copy()
    changed.loc[0, "count"] = 99
    assert step.checkpoint_id(100) != Step("merge_sent", changed).checkpoint_id(100)
    accounts = Step("merge_accounts", dict(dataset_statements(dataset))["merge_accounts"])
    assert accounts.checkpoint_id(5).startswith("merge_accounts:")


# ------------------------------------------------------------------ loading


def test_constraints_come_first_then_batches_in_managed_transactions(dataset: Dataset) -> None:
    db = FakeNeo4j()
    reports = GraphLoader(db, "linkgraph", batch_size=4).load(steps_of(dataset))
    names = db.names()
    assert names[: len(CONSTRAINTS)] == list(CONSTRAINTS)
    assert db.graph.constraints == set(CONSTRAINTS)
    assert set(db.databases) == {"linkgraph"}
    # every MERGE batch shares its transaction with its checkpoint, and nothing else
    batch_transactions = [tx for tx in db.transactions if tx[0] in MERGES]
    assert all(tx[1:] == ["set_load_checkpoint"] for tx in batch_transactions)
    assert merge_batches(db) == [
        ("merge_accounts", 4),
        ("merge_accounts", 4),
        ("merge_accounts", 4),
        ("merge_proxies", 4),
        ("merge_proxies", 1),
        ("merge_paid_with", 4),
        ("merge_paid_with", 4),
        ("merge_paid_with", 2),
        ("merge_connected_from", 4),
        ("merge_connected_from", 4),
        ("merge_sent", 4),
        ("merge_sent", 1),
    ]
    assert [(r.statement, r.rows, r.batches, r.skipped_batches) for r in reports][2] == ("merge_paid_with", 10, 3, 0)
    assert db.graph.counts() == {
        "accounts": 12,
        "payment_methods": 4,
        "proxies": 5,
        "prompt_fingerprints": 2,
        "paid_with": 10,
        "connected_from": 8,
        "sent": 5,
    }
    assert db.graph.nodes["Proxy"]["10.0.0.1"] == {"asn": 64500}
    assert db.graph.rels["CONNECTED_FROM"][("a00", "10.0.0.1")]["count"] == 5


def test_loading_twice_sends_nothing_new_and_changes_nothing(dataset: Dataset) -> None:
    db = FakeNeo4j()
    GraphLoader(db, batch_size=3).load(steps_of(dataset))
    before = (db.graph.counts(), db.graph.rels)
    db.calls.clear()
    reports = GraphLoader(db, batch_size=3).load(steps_of(dataset))
    assert merge_batches(db) == []
    assert all(r.skipped_batches == r.batches for r in reports)
    assert (db.graph.counts(), db.graph.rels) == before
    # forced reload (or another batch size): every batch again, still no duplicates
    GraphLoader(db, batch_size=3).load(steps_of(dataset), restart=True)
    GraphLoader(db, batch_size=5).load(steps_of(dataset))
    assert len(merge_batches(db)) > 0
    assert (db.graph.counts(), db.graph.rels) == before


def test_a_failed_batch_is_reported_and_the_load_resumes_after_the_last_commit(dataset: Dataset) -> None:
    clean = FakeNeo4j()
    GraphLoader(clean, batch_size=2).load(steps_of(dataset))

    db = FakeNeo4j()
    sent = []

    def fail_third_sent_batch(name: str, params: dict) -> bool:
        if name == "merge_sent":
            sent.append(params)
            return len(sent) == 3
        return False

    db.fail = fail_third_sent_batch
    with pytest.raises(LoadError) as info:
        GraphLoader(db, batch_size=2).load(steps_of(dataset))
    error = info.value
    assert (error.step, error.batch, error.n_batches, error.rows) == ("merge_sent", 2, 3, (4, 5))
    assert "merge_sent: batch 3 of 3 (index 2, rows 4-4) failed: ServiceUnavailable" in str(error)
    assert "resume" in str(error)
    assert len(db.graph.rels["SENT"]) == 4  # batches 0 and 1 committed, batch 2 rolled back
    checkpoint = next(c for c in db.graph.nodes["LoadCheckpoint"].values() if c["step"] == "merge_sent")
    assert checkpoint["batches_done"] == 2

    db.fail = None
    db.calls.clear()
    reports = GraphLoader(db, batch_size=2).load(steps_of(dataset))
    assert merge_batches(db) == [("merge_sent", 1)]  # only the failed batch is sent again
    assert [r.skipped_batches for r in reports] == [6, 3, 5, 4, 2]
    assert db.graph.counts() == clean.graph.counts()
    assert db.graph.rels == clean.graph.rels
    assert db.graph.nodes == clean.graph.nodes


def test_batch_and_checkpoint_commit_together(dataset: Dataset) -> None:
    db = FakeNeo4j()
    db.fail = lambda name, params: name == "set_load_checkpoint" and params["step"] == "merge_paid_with"
    with pytest.raises(LoadError, match="merge_paid_with: batch 1 of 1"):
        GraphLoader(db, batch_size=100).load(steps_of(dataset))
    assert db.graph.rels["PAID_WITH"] == {}  # the checkpoint failed, so the batch did not commit either
    assert len(db.graph.nodes["Account"]) == 12  # earlier steps stay committed


def test_write_batches_without_checkpoints(dataset: Dataset) -> None:
    db = FakeNeo4j()
    loader = GraphLoader(db, batch_size=2)
    loader.load(steps_of(dataset))
    graph = build_link_graph(dataset)
    db.calls.clear()
    rows = weight_rows(graph, "payment")
    out = loader.write_batches("set_payment_method_weights", rows, run="r1")
    assert [r["matched"] for r in out] == [2, 2]
    assert db.names() == ["set_payment_method_weights", "set_payment_method_weights"]
    assert db.graph.nodes["PaymentMethod"]["pm_ring"]["weights_run"] == "r1"
    assert db.graph.nodes["PaymentMethod"]["pm_solo"]["evidence"] is False


def test_batch_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        GraphLoader(FakeNeo4j(), batch_size=0)


# ------------------------------------------------------------------ settings


def test_settings_from_environment() -> None:
    s = Neo4jSettings.from_env(
        {
            "NEO4J_URI": "neo4j+s://abc.databases.neo4j.io",
            "NEO4J_USERNAME": "ops",
            "NEO4J_PASSWORD": PASSWORD,
            "NEO4J_DATABASE": "fraud",
        }
    )
    assert (s.uri, s.user, s.password, s.database, s.encrypted) == (
        "neo4j+s://abc.databases.neo4j.io",
        "ops",
        PASSWORD,
        "fraud",
        True,
    )
    plain = Neo4jSettings.from_env({"NEO4J_URI": "bolt://localhost:7687"})
    assert (plain.user, plain.password, plain.database, plain.encrypted) == ("neo4j", "", None, False)


def test_settings_from_secrets_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secrets = tmp_path / "neo4j.toml"
    secrets.write_text(f'[neo4j]\nuri = "neo4j://db:7687"\nusername = "svc"\npassword = "{PASSWORD}"\n')
    secrets.chmod(0o600)
    s = Neo4jSettings.from_env({SECRETS_ENV: str(secrets)})
    assert (s.uri, s.user, s.password) == ("neo4j://db:7687", "svc", PASSWORD)
    # the environment wins per key
    s = Neo4jSettings.from_env({SECRETS_ENV: str(secrets), "NEO4J_URI": "neo4j+s://other.example:7687"})
    assert (s.uri, s.password) == ("neo4j+s://other.example:7687", PASSWORD)
    if os.name == "posix":
        secrets.chmod(0o644)
        with caplog.at_level(logging.WARNING):
            Neo4jSettings.from_env({SECRETS_ENV: str(secrets)})
        assert "readable by other users" in caplog.text and PASSWORD not in caplog.text


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "NEO4J_URI is not set"),
        ({"NEO4J_URI": "http://localhost:7474"}, "scheme 'http'"),
        ({"NEO4J_URI": f"neo4j://neo4j:{PASSWORD}@localhost"}, "must not contain credentials"),
        ({"NEO4J_URI": "neo4j://"}, "no host"),
    ],
)
def test_bad_settings_are_explained_without_the_password(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)) as info:
        Neo4jSettings.from_env({**env, "NEO4J_PASSWORD": PASSWORD})
    assert PASSWORD not in str(info.value)


def test_bad_secrets_file_does_not_echo_its_content(tmp_path: Path) -> None:
    secrets = tmp_path / "broken.toml"
    secrets.write_text(f'password = "{PASSWORD}\n')
    with pytest.raises(SettingsError, match="not valid UTF-8 TOML") as info:
        Neo4jSettings.from_env({SECRETS_ENV: str(secrets)})
    assert PASSWORD not in str(info.value)
    with pytest.raises(SettingsError, match="cannot read"):
        Neo4jSettings.from_env({SECRETS_ENV: str(tmp_path / "missing.toml")})


def test_password_never_shown(caplog: pytest.LogCaptureFixture) -> None:
    from linkgraph.backends.neo4j.backend import Neo4jBackend

    s = Neo4jSettings(uri="neo4j+s://abc.databases.neo4j.io", user="ops", password=PASSWORD)
    with caplog.at_level(logging.DEBUG):
        backend = Neo4jBackend(s)
        shown = [repr(s), str(s), s.describe(), repr(backend), f"{s}"]
        logging.getLogger("linkgraph").info("settings %s backend %r", s, backend)
    assert all(PASSWORD not in text for text in shown)
    assert PASSWORD not in caplog.text
    assert "password='***'" in repr(s)
    # read from the environment, even the bare value hides itself from tracebacks that print locals
    loaded = Neo4jSettings.from_env({"NEO4J_URI": "neo4j://db:7687", "NEO4J_PASSWORD": PASSWORD})
    assert loaded.password == PASSWORD and repr(loaded.password) == "'***'"


def test_tls_uri_builds_an_encrypted_driver_without_connecting() -> None:
    driver = Neo4jSettings(uri="neo4j+s://abc.databases.neo4j.io", password=PASSWORD).driver()
    try:
        assert driver.encrypted is True
    finally:
        driver.close()
    driver = Neo4jSettings(uri="bolt://localhost:7687").driver()
    try:
        assert driver.encrypted is False
    finally:
        driver.close()


# ------------------------------------------------------------------ bulk import files


def _read(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_import_files_format(dataset: Dataset, tmp_path: Path) -> None:
    files = write_import_files(dataset, tmp_path / "import", batch_size=4)
    headers = {f.data.stem: _read(f.header)[0] for f in files}
    assert headers == {
        "accounts": ["account_id:ID(Account)", "created_at:datetime", "email_domain", "country", "status", ":LABEL"],
        "proxies": ["ip:ID(Proxy)", "asn:long", ":LABEL"],
        "payment_methods": ["payment_method_id:ID(PaymentMethod)", ":LABEL"],
        "prompt_fingerprints": ["fingerprint:ID(PromptFingerprint)", ":LABEL"],
        "load_checkpoints": [
            "checkpoint_id:ID(LoadCheckpoint)",
            "step",
            "batches_done:long",
            "batch_size:long",
            "total_rows:long",
            ":LABEL",
        ],
        "paid_with": [
            ":START_ID(Account)",
            ":END_ID(PaymentMethod)",
            "first_seen:datetime",
            "last_seen:datetime",
            "count:long",
            ":TYPE",
        ],
        "connected_from": [
            ":START_ID(Account)",
            ":END_ID(Proxy)",
            "first_seen:datetime",
            "last_seen:datetime",
            "count:long",
            ":TYPE",
        ],
        "sent": [
            ":START_ID(Account)",
            ":END_ID(PromptFingerprint)",
            "first_seen:datetime",
            "last_seen:datetime",
            "count:long",
            ":TYPE",
        ],
    }
    data = {f.data.stem: _read(f.data) for f in files}
    assert all(len(data[f.data.stem]) == f.rows for f in files)
    assert data["accounts"][0] == ["a00", "2026-01-01T00:00:00.000000Z", "gmail.com", "US", "active", "Account"]
    assert ["198.51.100.1", "", "Proxy"] in data["proxies"]
    ids = {
        stem: [row[0] for row in data[stem]]
        for stem in ("accounts", "proxies", "payment_methods", "prompt_fingerprints")
    }
    assert all(len(v) == len(set(v)) for v in ids.values())
    for stem, end in (("paid_with", "payment_methods"), ("connected_from", "proxies"), ("sent", "prompt_fingerprints")):
        assert all(row[0] in ids["accounts"] and row[1] in ids[end] for row in data[stem])
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", row[2]) for row in data[stem])
    assert data["connected_from"][0] == [
        "a00",
        "10.0.0.1",
        "2026-01-02T00:00:00.000000Z",
        "2026-02-02T00:00:00.000000Z",
        "5",
        "CONNECTED_FROM",
    ]
    assert data["paid_with"][0][4] == ""  # unknown count stays empty (no property)


def test_import_command(dataset: Dataset, tmp_path: Path) -> None:
    files = write_import_files(dataset, tmp_path / "out")
    command = import_command(files, "fraud", "/import")
    assert command.startswith("neo4j-admin database import full fraud \\\n")
    assert command.count("--nodes=") == 5 and command.count("--relationships=") == 3
    assert "--nodes=/import/accounts.header.csv,/import/accounts.csv" in command
    assert f"--relationships={tmp_path}/out/sent.header.csv,{tmp_path}/out/sent.csv" in import_command(files)


def test_imported_checkpoints_let_neo4j_load_skip_everything(dataset: Dataset, tmp_path: Path) -> None:
    files = write_import_files(dataset, tmp_path / "import", batch_size=4)
    checkpoints = next(f for f in files if f.data.stem == "load_checkpoints")
    db = FakeNeo4j()
    for row in _read(checkpoints.data):  # what neo4j-admin would create
        db.graph.nodes["LoadCheckpoint"][row[0]] = {"step": row[1], "batches_done": int(row[2])}
    GraphLoader(db, batch_size=4).load(steps_of(dataset))
    assert merge_batches(db) == []


def test_cli_import_files_and_missing_settings(tiny_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from linkgraph.cli.main import app

    runner = CliRunner()
    out = tmp_path / "bulk"
    result = runner.invoke(app, ["neo4j-import-files", str(tiny_dir), str(out), "--container-dir", "/import"])
    assert result.exit_code == 0, result.output
    assert "neo4j-admin database import full neo4j" in result.stdout
    script = (out / "neo4j-admin-import.sh").read_text()
    assert script.startswith("#!/bin/sh") and "--nodes=/import/accounts.header.csv" in script
    for var in ("NEO4J_URI", SECRETS_ENV):
        monkeypatch.delenv(var, raising=False)
    for command in (
        ["doctor"],
        ["neo4j-load", str(tiny_dir)],
        ["detect", str(tiny_dir), "--backend", "neo4j", "--runs", str(tmp_path / "runs")],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert "NEO4J_URI is not set" in result.output


def test_cli_load_and_doctor_against_the_fakes(tiny_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graphdatascience import GraphDataScience
    from neo4j_fakes import RecordingQueryRunner

    from linkgraph.backends.neo4j import gds as gds_ops
    from linkgraph.cli.main import app

    db = FakeNeo4j()
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://abc.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    monkeypatch.setattr(Neo4jSettings, "driver", lambda self, **config: db)
    monkeypatch.setattr(
        gds_ops, "connect", lambda driver, database=None: GraphDataScience(RecordingQueryRunner(), arrow=False)
    )
    runner = CliRunner()
    result = runner.invoke(app, ["neo4j-load", str(tiny_dir), "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert "merge_paid_with: 10 rows in 3 batches" in result.output
    assert "accounts 12, payment_methods 4" in result.stdout
    result = runner.invoke(app, ["neo4j-load", str(tiny_dir), "--batch-size", "4"])
    assert "merge_paid_with: 10 rows in 3 batches, 3 already committed" in result.output
    db.fail = lambda name, params: name == "merge_sent"
    result = runner.invoke(app, ["neo4j-load", str(tiny_dir), "--batch-size", "4", "--restart"])
    assert result.exit_code == 1 and "merge_sent: batch 1 of 2 (index 0" in result.output
    result = runner.invoke(app, ["doctor", "--json"])
    assert result.exit_code == 0, result.output
    assert '"name": "memory"' in result.stdout and PASSWORD not in result.output


def test_benchmark_skips_cleanly_without_a_server() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", SECRETS_ENV)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_neo4j_load.py")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("skipped: NEO4J_URI is not set")
