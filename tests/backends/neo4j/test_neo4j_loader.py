"""Pure parts of the Neo4j path: parameter rows, checkpoint ids, settings redaction, import file format.

What the loader does to a database (batches, checkpoints, resume, idempotency) is tested on the
live server, in test_neo4j_live.py.
"""

from __future__ import annotations

import csv
import logging
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from linkgraph.backends.neo4j.import_files import import_command, write_import_files
from linkgraph.backends.neo4j.loader import GraphLoader, Step
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


def test_vectorised_columns_give_exactly_the_value_by_value_values(dataset: Dataset) -> None:
    from linkgraph.backends.neo4j.rows import _plain, plain_column

    frame = pd.DataFrame(
        {
            "i64": np.array([1, -2, 3], dtype=np.int64),
            "i32": np.array([1, 2, 3], dtype=np.int32),
            "u8": np.array([1, 2, 255], dtype=np.uint8),
            "f": [0.5, np.nan, -np.inf],
            "f_full": [0.5, 1.5, 2.0],
            "b": [True, False, True],
            "I64": pd.array([5, None, 7], dtype="Int64"),
            "B": pd.array([True, None, False], dtype="boolean"),
            "S": pd.array(["a", None, "c"], dtype="string"),
            "o": ["a", None, {"k": 1}],
            "o_str": ["a", "b", "c"],
            "o_str_none": ["a", None, "c"],
            "t": pd.to_datetime(["2026-01-02", None, "2026-03-04"], utc=True),
        }
    )
    columns = {name: frame[name] for name in frame.columns}
    columns |= {f"{name}:{column}": rows[column] for name, rows in dataset_statements(dataset) for column in rows}
    for name, column in columns.items():
        fast, slow = plain_column(column), [_plain(v) for v in column.astype(object)]
        assert fast == slow, name
        assert [type(v) for v in fast] == [type(v) for v in slow], name


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
    assert account["created_at_ns"] == pd.Timestamp(datetime(2026, 1, 1, tzinfo=UTC)).value
    assert account["properties"] == {
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


def test_batch_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        GraphLoader(object(), batch_size=0)  # type: ignore[arg-type]


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


def test_link_timestamps_travel_as_epoch_nanoseconds() -> None:
    from linkgraph.backends.neo4j.rows import epoch_ns

    stamps = pd.Series(
        pd.to_datetime(["2026-01-02T03:04:05.123456789Z", None, "1999-12-31T23:59:59Z"], utc=True, format="ISO8601")
    )
    assert epoch_ns(stamps).tolist() == [1767323045123456789, pd.NA, 946684799000000000]
    micro = pd.Series(pd.to_datetime(["2026-01-02T03:04:05Z"], utc=True).as_unit("us"))
    assert epoch_ns(micro).tolist() == [pd.Timestamp("2026-01-02T03:04:05Z").value]  # any unit: nanoseconds


def test_the_driver_packs_parameters_with_the_rust_extension() -> None:
    """``neo4j-rust-ext`` (the neo4j extra) packs the rows in Rust: 2-9 µs a row instead of 90-170 µs."""
    import importlib.util

    assert importlib.util.find_spec("neo4j._rust") is not None, "pip install 'linkgraph[neo4j]' (neo4j-rust-ext)"
