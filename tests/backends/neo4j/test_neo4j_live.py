"""The Neo4j backend against the live server: loading, checkpoints, projection, GDS, errors, doctor.

Every test gets the session's server emptied (``empty_neo4j``). What linkgraph *sends* is
recorded by :class:`neo4j_fakes.SpyDriver`, which forwards everything to the real server;
failures are real server errors (a statement whose parameters the server refuses), so the
rollbacks checked here are Neo4j's own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from neo4j_checks import snapshot
from neo4j_fakes import SpyDriver
from typer.testing import CliRunner

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.backends.neo4j import gds as gds_ops
from linkgraph.backends.neo4j.backend import Neo4jBackend, Neo4jBackendError
from linkgraph.backends.neo4j.doctor import run_checks
from linkgraph.backends.neo4j.loader import CONSTRAINTS, GraphLoader, LoadError, Step
from linkgraph.backends.neo4j.rows import dataset_statements, weight_rows
from linkgraph.backends.neo4j.settings import Neo4jSettings
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import GraphParams, LinkGraph, build_link_graph
from linkgraph.ingest.load import Dataset, load_tables

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "sample"
MERGES = {"merge_accounts", "merge_proxies", "merge_paid_with", "merge_connected_from", "merge_sent"}
TINY_COUNTS = {
    "accounts": 12,
    "payment_methods": 4,
    "proxies": 5,
    "prompt_fingerprints": 2,
    "template_families": 0,
    "rewrite_groups": 0,
    "lockstep_windows": 0,
    "paid_with": 10,
    "connected_from": 8,
    "sent": 5,
    "in_family": 0,
    "in_rewrite_group": 0,
    "in_window": 0,
}


@pytest.fixture
def dataset(tiny_dir: Path) -> Dataset:
    return load_tables(tiny_dir)


@pytest.fixture
def graph(dataset: Dataset) -> LinkGraph:
    return build_link_graph(dataset, GraphParams(min_sharers=2))


def steps_of(dataset: Dataset) -> list[Step]:
    return [Step(name, rows) for name, rows in dataset_statements(dataset)]


def merge_batches(spy: SpyDriver) -> list[tuple[str, int]]:
    return [(name, len(params["rows"])) for name, params in spy.calls if name in MERGES]


def checkpoint_of(driver: Any, step: str) -> int:
    records = driver.execute_query("MATCH (c:LoadCheckpoint {step: $step}) RETURN c.batches_done AS n", step=step)
    return int(records.records[0]["n"])


def refuse(statement: str, when: Any = lambda params, seen: True) -> Any:
    """A ``tamper`` that gives the server a value it refuses (a map property) in ``statement``."""
    seen: list[dict[str, Any]] = []

    def tamper(name: str, params: dict[str, Any]) -> dict[str, Any]:
        if name != statement:
            return params
        seen.append(params)
        if not when(params, seen):
            return params
        if "rows" in params:
            rows = [dict(r) for r in params["rows"]]
            rows[-1]["count"] = {"not": "a property value"}
            return {**params, "rows": rows}
        return {**params, "batches_done": {"not": "a property value"}}

    return tamper


# ------------------------------------------------------------------ loading


def test_load_creates_the_model_batch_by_batch(empty_neo4j: Any, dataset: Dataset) -> None:
    spy = SpyDriver(empty_neo4j)
    reports = GraphLoader(spy, None, batch_size=4).load(steps_of(dataset))
    assert spy.names()[: len(CONSTRAINTS)] == list(CONSTRAINTS)
    # every MERGE batch shares its transaction with its checkpoint, and nothing else
    batch_transactions = [tx for tx in spy.transactions if tx and tx[0] in MERGES]
    assert batch_transactions and all(tx[1:] == ["set_load_checkpoint"] for tx in batch_transactions)
    assert merge_batches(spy)[:5] == [
        ("merge_accounts", 4),
        ("merge_accounts", 4),
        ("merge_accounts", 4),
        ("merge_proxies", 4),
        ("merge_proxies", 1),
    ]
    assert [(r.statement, r.rows, r.batches, r.skipped_batches) for r in reports][2] == ("merge_paid_with", 10, 3, 0)
    assert GraphLoader(empty_neo4j).counts() == TINY_COUNTS
    record = empty_neo4j.execute_query(
        "MATCH (a:Account {account_id: 'a00'})-[r:CONNECTED_FROM]->(p:Proxy {ip: '10.0.0.1'}) "
        "RETURN p.asn AS asn, r.count AS count, r.first_seen AS first, a.created_at AS created, a.country AS country"
    ).records[0]
    assert (record["asn"], record["count"], record["country"]) == (64500, 5, "US")
    assert record["first"].to_native() == pd.Timestamp("2026-01-02T00:00:00Z").to_pydatetime()
    assert record["created"].to_native() == pd.Timestamp("2026-01-01T00:00:00Z").to_pydatetime()
    constraints = {r["name"] for r in empty_neo4j.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert {"account_id", "proxy_ip", "template_family_id", "rewrite_group_id", "lockstep_window_id"} <= constraints


def test_loading_twice_sends_nothing_new_and_changes_nothing(empty_neo4j: Any, dataset: Dataset) -> None:
    GraphLoader(empty_neo4j, batch_size=3).load(steps_of(dataset))
    before = snapshot(empty_neo4j)
    spy = SpyDriver(empty_neo4j)
    reports = GraphLoader(spy, batch_size=3).load(steps_of(dataset))
    assert merge_batches(spy) == []
    assert all(r.skipped_batches == r.batches for r in reports)
    # forced reload, and another batch size: every MERGE runs again, still no duplicates
    GraphLoader(spy, batch_size=3).load(steps_of(dataset), restart=True)
    GraphLoader(spy, batch_size=5).load(steps_of(dataset))
    assert len(merge_batches(spy)) > 0
    assert snapshot(empty_neo4j) == before
    assert GraphLoader(empty_neo4j).counts() == TINY_COUNTS


def test_a_failed_batch_rolls_back_and_the_load_resumes_after_the_last_commit(
    empty_neo4j: Any, dataset: Dataset
) -> None:
    GraphLoader(empty_neo4j, batch_size=2).load(steps_of(dataset))
    clean = snapshot(empty_neo4j)
    empty_neo4j.execute_query("MATCH (n) DETACH DELETE n")

    spy = SpyDriver(empty_neo4j, tamper=refuse("merge_sent", lambda params, seen: len(seen) == 3))
    with pytest.raises(LoadError) as info:
        GraphLoader(spy, batch_size=2).load(steps_of(dataset))
    error = info.value
    assert (error.step, error.batch, error.n_batches, error.rows) == ("merge_sent", 2, 3, (4, 5))
    assert "merge_sent: batch 3 of 3 (index 2, rows 4-4) failed: " in str(error) and "resume" in str(error)
    assert GraphLoader(empty_neo4j).counts()["sent"] == 4  # batches 0 and 1 committed, batch 2 rolled back
    assert checkpoint_of(empty_neo4j, "merge_sent") == 2

    spy = SpyDriver(empty_neo4j)
    reports = GraphLoader(spy, batch_size=2).load(steps_of(dataset))
    assert merge_batches(spy) == [("merge_sent", 1)]  # only the failed batch is sent again
    assert [r.skipped_batches for r in reports] == [6, 3, 5, 4, 2]
    assert snapshot(empty_neo4j) == clean


def test_batch_and_checkpoint_commit_together(empty_neo4j: Any, dataset: Dataset) -> None:
    spy = SpyDriver(
        empty_neo4j, tamper=refuse("set_load_checkpoint", lambda params, seen: params["step"] == "merge_paid_with")
    )
    with pytest.raises(LoadError, match="merge_paid_with: batch 1 of 1"):
        GraphLoader(spy, batch_size=100).load(steps_of(dataset))
    counts = GraphLoader(empty_neo4j).counts()
    assert counts["paid_with"] == 0 and counts["payment_methods"] == 0  # the checkpoint failed: no batch either
    assert counts["accounts"] == 12  # earlier steps stay committed


BATCH = 100


def test_a_load_killed_mid_way_resumes_to_exactly_a_clean_load(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, tmp_path: Path
) -> None:
    """Terminate ``linkgraph neo4j-load`` between batches (SIGKILL), load again: the clean load's graph."""
    from linkgraph.synth import generate_world

    data = tmp_path / "world"
    generate_world(data, n_accounts=1000, seed=3)
    steps = steps_of(load_tables(data))
    GraphLoader(empty_neo4j, batch_size=BATCH).load(steps)
    clean_counts, clean = GraphLoader(empty_neo4j).counts(), snapshot(empty_neo4j)
    empty_neo4j.execute_query("MATCH (n) DETACH DELETE n")

    env = {
        **os.environ,
        "NEO4J_URI": neo4j_server.uri,
        "NEO4J_USER": neo4j_server.user,
        "NEO4J_PASSWORD": neo4j_server.password,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "linkgraph.cli.main", "neo4j-load", str(data), "--batch-size", str(BATCH)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    total = sum(-(-len(s.rows) // BATCH) for s in steps)
    done = 0
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            rows = empty_neo4j.execute_query("MATCH (c:LoadCheckpoint) RETURN sum(c.batches_done) AS n").records
            done = int(rows[0]["n"] or 0)
            if done >= total // 3:
                break
            time.sleep(0.02)
    finally:
        with suppress(ProcessLookupError):  # it may have ended on its own (then the assert below says so)
            os.killpg(proc.pid, signal.SIGKILL)
        _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, f"the load ended before it was killed: {stderr.decode()[-2000:]}"
    assert 0 < done < total
    assert GraphLoader(empty_neo4j).counts() != clean_counts  # killed mid-way

    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "already committed" in result.stderr
    assert GraphLoader(empty_neo4j).counts() == clean_counts
    assert snapshot(empty_neo4j) == clean


def test_write_batches_without_checkpoints(empty_neo4j: Any, dataset: Dataset) -> None:
    loader = GraphLoader(empty_neo4j, batch_size=2)
    loader.load(steps_of(dataset))
    spy = SpyDriver(empty_neo4j)
    out = GraphLoader(spy, batch_size=2).write_batches(
        "set_payment_method_weights", weight_rows(build_link_graph(dataset), "payment"), run="r1"
    )
    assert [r["matched"] for r in out] == [2, 2]
    assert spy.names() == ["set_payment_method_weights", "set_payment_method_weights"]
    nodes = {
        r["id"]: r.data()
        for r in empty_neo4j.execute_query(
            "MATCH (m:PaymentMethod) RETURN m.payment_method_id AS id, m.weights_run AS run, m.evidence AS evidence"
        ).records
    }
    assert nodes["pm_ring"]["run"] == "r1" and nodes["pm_solo"]["evidence"] is False


# ------------------------------------------------------------------ the whole backend


def live_backend(neo4j_server: Neo4jSettings, driver: Any = None, **kw: Any) -> Neo4jBackend:
    if driver is None:
        return Neo4jBackend(neo4j_server, **kw)
    real = driver.driver if isinstance(driver, SpyDriver) else driver
    return Neo4jBackend(driver=driver, gds=gds_ops.connect(real, neo4j_server.database), **kw)


@pytest.mark.parametrize("method", ["wcc", "leiden", "louvain"])
def test_backend_runs_the_whole_path(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, graph: LinkGraph, method: str
) -> None:
    backend = live_backend(neo4j_server, empty_neo4j, batch_size=3)
    result = backend.partition(graph, PartitionParams(method=method, seed=5))
    assert GraphLoader(empty_neo4j).counts()["paid_with"] == 10
    stored = {
        (r["kind"], r["artifact"]): r.data()
        for r in empty_neo4j.execute_query(
            "MATCH (x) WHERE x.weights_run IS NOT NULL RETURN "
            "CASE WHEN x:PaymentMethod THEN 'payment' WHEN x:Proxy THEN 'ip' ELSE 'fingerprint' END AS kind, "
            "coalesce(x.payment_method_id, x.ip, x.fingerprint) AS artifact, x.weight AS weight, x.df AS df, "
            "x.evidence AS evidence, x.community AS community"
        ).records
    }
    evidence_arts = set(graph.edges["art"])
    leaves_aside = method != "wcc"  # single-link accounts are not projected; artifacts only they reach neither
    degree = graph.edges["acct"].value_counts()
    projected_arts = set(graph.edges.loc[degree.reindex(graph.edges["acct"]).to_numpy() >= 2, "art"])
    for art, row in graph.artifacts[graph.artifacts["kind"] != "asn"].iterrows():
        if art not in evidence_arts:  # weights go to evidence artifacts only
            assert (row["kind"], row["artifact"]) not in stored
            continue
        node = stored[(row["kind"], row["artifact"])]
        assert node["weight"] == pytest.approx(row["weight"]) and node["df"] == row["df"] and node["evidence"]
        in_projection = art in projected_arts or not leaves_aside
        assert (node["community"] is not None) == in_projection  # written by GDS on projected nodes only
    assert list(result.columns) == ["acct", "community"]
    assert set(result["acct"]) == set(graph.edges["acct"])
    if method == "wcc":  # exact parity with the embedded backend, labels included
        pd.testing.assert_frame_equal(result, EmbeddedBackend().partition(graph, PartitionParams(method="wcc")))
    assert empty_neo4j.execute_query("CALL gds.graph.list() YIELD graphName RETURN graphName").records == []


def test_a_second_run_skips_the_load_and_pushes_weights(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, graph: LinkGraph
) -> None:
    live_backend(neo4j_server, empty_neo4j).partition(graph, PartitionParams(method="wcc"))
    spy = SpyDriver(empty_neo4j)
    live_backend(neo4j_server, spy).partition(graph, PartitionParams(method="wcc"))
    assert not [n for n in spy.names() if n.startswith("merge_")]
    assert list(dict.fromkeys(n for n in spy.names() if n.startswith("set_") and n.endswith("_weights"))) == [
        "set_payment_method_weights",
        "set_proxy_weights",
        "set_prompt_fingerprint_weights",
    ]


def random_graph(folder: Path, seed: int) -> LinkGraph:
    """60 accounts linked at random to cards, IPs and templates; artifacts on more than 5 accounts are generic."""
    rng = np.random.default_rng(seed)
    accounts = [f"acct{i:02d}" for i in range(60)]
    folder.mkdir()
    pd.DataFrame({"account_id": accounts}).to_csv(folder / "accounts.csv", index=False)
    for table, column, make in (
        ("payment_methods", "payment_method_id", lambda i: f"pm{i}"),
        ("proxies", "ip", lambda i: f"10.0.{i // 250}.{i % 250}"),
        ("prompt_fingerprints", "fingerprint", lambda i: f"fp{i}"),
    ):
        n = int(rng.integers(30, 60))
        pd.DataFrame(
            {
                "account_id": rng.choice(accounts, n),
                column: [make(int(i)) for i in rng.integers(0, 8 if table == "proxies" else 35, n)],
            }
        ).to_csv(folder / f"{table}.csv", index=False)
    return build_link_graph(load_tables(folder), GraphParams(min_generic_df=5, max_df_fraction=0.0, min_sharers=2))


def test_gds_wcc_matches_networkx_on_random_graphs(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, tmp_path: Path
) -> None:
    for seed in range(4):
        empty_neo4j.execute_query("MATCH (n) DETACH DELETE n")
        graph = random_graph(tmp_path / f"world{seed}", seed)
        assert graph.artifacts["generic"].any() and len(graph.edges) > 20
        result = live_backend(neo4j_server, empty_neo4j).partition(graph, PartitionParams(method="wcc"))
        g = nx.Graph()
        g.add_edges_from((("a", a), ("x", x)) for a, x in graph.edges[["acct", "art"]].to_numpy())
        reference = {frozenset(a for kind, a in comp if kind == "a") for comp in nx.connected_components(g)}
        assert {frozenset(group["acct"]) for _, group in result.groupby("community")} == reference, f"seed {seed}"
        pd.testing.assert_frame_equal(result, EmbeddedBackend().partition(graph, PartitionParams(method="wcc")))


def test_gds_leiden_repeats_for_a_seed(neo4j_server: Neo4jSettings, empty_neo4j: Any, tmp_path: Path) -> None:
    graph = build_link_graph(load_tables(SAMPLE))
    backend = live_backend(neo4j_server, empty_neo4j)
    raw = []
    for _ in range(2):
        found = backend.partition(graph, PartitionParams(method="leiden", seed=11))
        raw.append(
            sorted(
                (r["account_id"], r["community"])
                for r in empty_neo4j.execute_query(
                    "MATCH (a:Account) WHERE a.community IS NOT NULL RETURN a.account_id AS account_id, "
                    "a.community AS community"
                ).records
            )
        )
        if len(raw) == 1:
            first = found
    assert raw[0] == raw[1]  # GDS's own community ids, not only our renumbering
    pd.testing.assert_frame_equal(first, found)


def test_the_projection_is_dropped_when_the_algorithm_fails(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, graph: LinkGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gds_ops, "WEIGHT_PROPERTY", "no_such_property")  # GDS refuses the Leiden config
    backend = live_backend(neo4j_server, empty_neo4j)
    with pytest.raises(Neo4jBackendError, match=r"step gds: .*no_such_property"):
        backend.partition(graph, PartitionParams(method="leiden"))
    exists = empty_neo4j.execute_query("RETURN gds.graph.exists($g) AS e", g=gds_ops.GRAPH_NAME).records[0]["e"]
    assert exists is False
    monkeypatch.undo()
    assert backend.partition(graph, PartitionParams(method="leiden")).shape[0] > 0  # the next run is not hindered


def test_backend_refuses_a_database_missing_the_data(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, graph: LinkGraph
) -> None:
    backend = live_backend(neo4j_server, empty_neo4j, sync=False)
    with pytest.raises(Neo4jBackendError, match=r"holds 0 of the 3 payment evidence artifacts.*neo4j-load"):
        backend.partition(graph, PartitionParams(method="wcc"))


def test_server_errors_become_one_clear_error(neo4j_server: Neo4jSettings, empty_neo4j: Any, graph: LinkGraph) -> None:
    spy = SpyDriver(empty_neo4j, tamper=refuse("merge_connected_from"))
    with pytest.raises(Neo4jBackendError, match=r"step sync: LoadError: merge_connected_from: batch 1 of 3") as info:
        live_backend(neo4j_server, spy, batch_size=3).partition(graph, PartitionParams(method="wcc"))
    assert info.value.__cause__ is None and info.value.__suppress_context__

    wrong = Neo4jSettings(neo4j_server.uri, neo4j_server.user, neo4j_server.password + "-wrong")
    with pytest.raises(Neo4jBackendError, match="step connect: AuthError") as info:
        Neo4jBackend(wrong).partition(graph, PartitionParams(method="wcc"))
    assert neo4j_server.password not in str(info.value)


def test_detect_with_the_neo4j_backend_publishes_the_same_run(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, tiny_dir: Path, tmp_path: Path
) -> None:
    from linkgraph.detect import DetectParams, detect

    params = DetectParams(partition=PartitionParams(method="wcc"), graph=GraphParams(min_sharers=2))
    members = {}
    for name, engine in (("neo4j", live_backend(neo4j_server)), ("embedded", EmbeddedBackend())):
        run_id = detect(tiny_dir, tmp_path / name, params, engine)
        manifest = json.loads((tmp_path / name / run_id / "manifest.json").read_text())
        assert manifest["backend"] == name
        members[name] = pd.read_parquet(tmp_path / name / run_id / "members.parquet")
        engine.close()
    assert len(members["neo4j"]) > 0
    pd.testing.assert_frame_equal(members["neo4j"], members["embedded"])


# ------------------------------------------------------------------ doctor and the CLI


def test_doctor_reports_the_real_server(neo4j_server: Neo4jSettings, empty_neo4j: Any, dataset: Dataset) -> None:
    memory = next(c for c in run_checks(neo4j_server) if c.name == "memory")
    assert (memory.ok, memory.detail) == (None, "nothing loaded yet (linkgraph neo4j-load DATA_DIR)")
    GraphLoader(empty_neo4j).load(steps_of(dataset))
    checks = list(run_checks(neo4j_server))
    assert [(c.name, c.ok) for c in checks] == [
        ("settings", True),
        ("connectivity", True),
        ("neo4j", True),
        ("gds", True),
        ("graph", True),
        ("memory", True),
    ]
    details = {c.name: c.detail for c in checks}
    assert details["neo4j"].startswith("Neo4j 5.26.") and "community" in details["neo4j"]
    assert details["gds"].startswith("Graph Data Science 2.13.")
    assert "accounts 12" in details["graph"]
    assert "projection of all 23 nodes / 46 relationships needs" in details["memory"]
    assert all(neo4j_server.password not in c.detail for c in checks)


def test_cli_load_and_doctor(
    neo4j_server: Neo4jSettings, empty_neo4j: Any, tiny_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from linkgraph.cli.main import app

    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    runner = CliRunner()
    result = runner.invoke(app, ["neo4j-load", str(tiny_dir), "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert "merge_paid_with: 10 rows in 3 batches" in result.output
    assert "accounts 12, payment_methods 4" in result.stdout
    result = runner.invoke(app, ["neo4j-load", str(tiny_dir), "--batch-size", "4"])
    assert "merge_paid_with: 10 rows in 3 batches, 3 already committed" in result.output
    result = runner.invoke(app, ["doctor", "--json"])
    assert result.exit_code == 0, result.output
    checks = {c["name"]: c for c in json.loads(result.stdout)}
    assert checks["memory"]["ok"] is True and checks["gds"]["detail"].startswith("Graph Data Science 2.13.")
    assert neo4j_server.password not in result.output
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password + "-wrong")
    result = runner.invoke(app, ["neo4j-load", str(tiny_dir)])
    assert result.exit_code == 1 and "AuthError" in result.output
