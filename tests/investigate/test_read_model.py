"""The read model (linkgraph.investigate), reviews, access and the `linkgraph app` command on hand-made runs."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from linkgraph.enforcement import reviews
from linkgraph.enforcement.audit import read_audit
from linkgraph.enforcement.export import enforcement_list
from linkgraph.investigate import export, network, overview, paths, run_data, timelines
from linkgraph.runs.activity import activity_table

RUN_1 = "20261101T000000Z-aaaaaa"
RUN_2 = "20261102T000000Z-bbbbbb"
BIG = "C000004"
BIG_SIZE = 1200


def _link(acct: str, cid: str, kind: str, artifact: str, n: int, df: int, w: float) -> dict:
    return {
        "account_id": acct,
        "cluster_id": cid,
        "kind": kind,
        "artifact": artifact,
        "n_members": n,
        "df": df,
        "weight": w,
    }


def build_tables() -> dict[str, pd.DataFrame]:
    """Three small clusters with a known structure and one big one.

    C000001 (high): a1-a3 share card P1, a3-a4 share IP I1, a4-a5 share template F1; a5 is peripheral.
    C000002 (medium): b1-b3 share IP I2; b3 also used I1 (the only cross-cluster artifact).
    C000003 (low): c1-c2 share ASN 64500.
    C000004 (high): 1,200 accounts over 40 card hubs and 200 IPs.
    """
    clusters = [
        ("C000001", 5, 0.9, "high", 4, "payment+ip+fingerprint", "payment P1 (3 accts, w=0.9)"),
        ("C000002", 3, 0.5, "medium", 2, "ip", "ip I2 (3 accts, w=0.6)"),
        ("C000003", 2, 0.1, "low", 2, "asn", "asn 64500 (2 accts, w=0.1)"),
        (BIG, BIG_SIZE, 0.8, "high", 1000, "payment+ip", "payment H000 (30 accts, w=0.8)"),
    ]
    clusters_df = pd.DataFrame(
        clusters, columns=["cluster_id", "size", "risk_score", "risk_band", "n_core", "dominant_kinds", "top_evidence"]
    )
    members = [
        ("a1", "C000001", "core", 0.9, 1),
        ("a2", "C000001", "core", 0.8, 1),
        ("a3", "C000001", "core", 0.85, 2),
        ("a4", "C000001", "core", 0.7, 2),
        ("a5", "C000001", "peripheral", 0.3, 1),
        ("b1", "C000002", "core", 0.6, 1),
        ("b2", "C000002", "core", 0.6, 1),
        ("b3", "C000002", "peripheral", 0.4, 2),
        ("c1", "C000003", "core", 0.2, 1),
        ("c2", "C000003", "core", 0.2, 1),
    ]
    links = [
        _link("a1", "C000001", "payment", "P1", 3, 3, 0.9),
        _link("a2", "C000001", "payment", "P1", 3, 3, 0.9),
        _link("a3", "C000001", "payment", "P1", 3, 3, 0.9),
        _link("a3", "C000001", "ip", "I1", 2, 3, 0.7),
        _link("a4", "C000001", "ip", "I1", 2, 3, 0.7),
        _link("a4", "C000001", "fingerprint", "F1", 2, 2, 0.5),
        _link("a5", "C000001", "fingerprint", "F1", 2, 2, 0.5),
        _link("b1", "C000002", "ip", "I2", 3, 3, 0.6),
        _link("b2", "C000002", "ip", "I2", 3, 3, 0.6),
        _link("b3", "C000002", "ip", "I2", 3, 3, 0.6),
        _link("b3", "C000002", "ip", "I1", 1, 3, 0.7),
        _link("c1", "C000003", "asn", "64500", 2, 2, 0.1),
        _link("c2", "C000003", "asn", "64500", 2, 2, 0.1),
    ]
    for i in range(BIG_SIZE):
        acct = f"z{i:04d}"
        members.append((acct, BIG, "core" if i < 1000 else "peripheral", round(0.5 + (i % 50) / 100, 2), 2))
        links.append(_link(acct, BIG, "payment", f"H{i % 40:03d}", 30, 30, 0.8))
        links.append(_link(acct, BIG, "ip", f"10.9.{i % 200}.1", 6, 6, 0.5))
    members_df = pd.DataFrame(members, columns=["account_id", "cluster_id", "role", "evidence_score", "n_shared"])
    links_df = pd.DataFrame(links)
    evidence = links_df.groupby(["cluster_id", "kind", "artifact"], as_index=False).agg(
        n_members=("n_members", "max"), df=("df", "max"), weight=("weight", "max")
    )
    evidence["generic"] = False
    evidence["strength"] = evidence["n_members"] * evidence["weight"]
    created = pd.Timestamp("2026-10-01", tz="UTC") + pd.to_timedelta(range(len(members_df)), unit="h")
    accounts = pd.DataFrame(
        {
            "account_id": members_df["account_id"],
            "created_at": created,
            "email_domain": "example.com",
            "country": "US",
            "status": "active",
        }
    )
    return {
        "clusters": clusters_df,
        "members": members_df,
        "evidence": evidence,
        "member_links": links_df,
        "accounts": accounts,
    }


def write_run(
    runs_dir: Path,
    run_id: str,
    inputs: list[dict] | None = None,
    lineage: pd.DataFrame | None = None,
    flagged: int = 1004,
) -> Path:
    """Write the hand-made tables as a published run."""
    tables = build_tables()
    folder = runs_dir / run_id
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    if lineage is not None:
        lineage.to_parquet(folder / "lineage.parquet", index=False)
    bands = tables["clusters"]["risk_band"].value_counts().to_dict()
    manifest = {
        "run_id": run_id,
        "started_at": f"{run_id[:4]}-{run_id[4:6]}-{run_id[6:8]}T00:00:00+00:00",
        "finished_at": "2026-11-01T00:01:00+00:00",
        "export_threshold": 0.7,
        "accounts": 2000,
        "clusters_by_band": bands,
        "flagged_accounts": flagged,
        "inputs": inputs or [],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def make_runs(tmp_path: Path) -> Path:
    """Two runs; the second has lineage and keeps the activity of its members (the first, an old run, none)."""
    requests = pd.DataFrame(
        {
            "account_id": ["a1", "a1", "a2", "b1", "zz"],
            "timestamp": pd.to_datetime(
                [
                    "2026-10-01T01:00:00Z",
                    "2026-10-01T02:00:00Z",
                    "2026-10-03T00:00:00Z",
                    "2026-10-01T00:00:00Z",
                    "2026-10-01T00:00:00Z",
                ]
            ),
            "model": ["m1", "m2", "m2", "m1", "m1"],
        }
    )
    ids = np.array(sorted(set(build_tables()["members"]["account_id"]) | {"zz"}), dtype=object)
    requests["acct"] = pd.Index(ids).get_indexer(requests["account_id"])
    members = pd.Index(ids).get_indexer(build_tables()["members"]["account_id"])
    root = tmp_path / "runs"
    write_run(root, RUN_1, flagged=1000)
    lineage = pd.DataFrame(
        {
            "cluster_id": ["C000001", "C000002", "C000009"],
            "status": ["grown", "unchanged", "dissolved"],
            "added": [2, 0, 0],
            "removed": [0, 0, 3],
            "sources": ["C000001", "C000002", "C000009"],
        }
    )
    folder = write_run(root, RUN_2, lineage=lineage)
    activity_table(requests, ids, members).to_parquet(folder / "activity.parquet", index=False)
    return root


@pytest.fixture
def runs(tmp_path: Path) -> Path:
    return make_runs(tmp_path)


@pytest.fixture
def run(runs: Path) -> run_data.RunData:
    return run_data.load_run(runs / RUN_2)


# --- loading and overview -------------------------------------------------------------------


def test_load_run_slices_each_cluster(run: run_data.RunData) -> None:
    assert set(run.members_of("C000001")["account_id"]) == {"a1", "a2", "a3", "a4", "a5"}
    assert run.members_of("C000001")["role"].tolist()[-1] == "peripheral"  # core first
    assert len(run.links_of("C000002")) == 4
    assert set(run.evidence_of("C000003")["artifact"]) == {"64500"}
    assert run.members_of("C999999").empty
    b3 = run.member("b3")
    assert b3 is not None and b3["cluster_id"] == "C000002"
    assert run.member("nobody") is None


def test_change_status_from_lineage_and_without(runs: Path, run: run_data.RunData) -> None:
    assert run.clusters.loc["C000001", "change"] == "grown"
    assert run.clusters.loc["C000002", "change"] == "unchanged"
    assert run.clusters.loc["C000003", "change"] == "new"  # not in lineage
    first = run_data.load_run(runs / RUN_1)
    assert set(first.clusters["change"]) == {"new"}
    assert run_data.lineage_of(run, "C000001").startswith("grown, from C000001, +2")
    assert "no lineage" in run_data.lineage_of(first, "C000001")


def test_overview_and_trend(runs: Path, run: run_data.RunData) -> None:
    ov = overview.overview(run)
    assert ov["bands"] == {"high": 2, "medium": 1, "low": 1}
    assert ov["previous_run"] == RUN_1
    assert ov["flagged_delta"] == 4
    assert ov["high_delta"] == 0
    assert ov["changes"]["grown"] == 1 and ov["dissolved"] == 1
    assert ov["high_changed"] == 2  # C000001 grown, C000004 new
    trend = run_data.run_trend(runs)
    assert trend["run_id"].tolist() == [RUN_1, RUN_2]
    assert trend["flagged_accounts"].tolist() == [1000, 1004]


# --- clusters ---------------------------------------------------------------------------------


def test_filter_clusters(run: run_data.RunData) -> None:
    c = run.clusters
    assert overview.filter_clusters(c, bands=["high"])["cluster_id"].tolist() == ["C000001", BIG]
    assert overview.filter_clusters(c, min_risk=0.6)["cluster_id"].tolist() == ["C000001", BIG]
    assert overview.filter_clusters(c, min_size=3, max_size=10)["cluster_id"].tolist() == ["C000001", "C000002"]
    assert c["cluster_id"].tolist() == ["C000001", BIG, "C000002", "C000003"]  # ranked by risk
    assert overview.filter_clusters(c, kinds=["payment", "ip"])["cluster_id"].tolist() == ["C000001", BIG]
    assert overview.filter_clusters(c, kinds=["fingerprint"])["cluster_id"].tolist() == ["C000001"]
    assert overview.filter_clusters(c, changes=["grown"])["cluster_id"].tolist() == ["C000001"]
    assert overview.filter_clusters(c, search="c000003")["cluster_id"].tolist() == ["C000003"]
    assert overview.filter_clusters(c, search="ip I2")["cluster_id"].tolist() == ["C000002"]
    assert overview.filter_clusters(c, bands=["low"], min_risk=0.5).empty


def test_evidence_kinds_come_from_the_run(runs: Path, run: run_data.RunData) -> None:
    assert overview.evidence_kinds(run) == ["asn", "fingerprint", "ip", "payment"]  # what this run's evidence holds
    run.evidence.loc[0, "kind"] = "template"  # a kind added later needs no code change
    assert "template" in overview.evidence_kinds(run)


def test_reviews_column_and_mark_filter(runs: Path, run: run_data.RunData) -> None:
    reviews.mark_cluster(runs, run.run_id, "C000002", "needs_review", ["b1"], "look again", who="ana")
    table = overview.with_reviews(run.clusters, reviews.latest_marks(runs))
    assert table.loc["C000002", "review"] == "needs_review"
    assert table.loc["C000001", "review"] == "unreviewed"
    assert overview.filter_clusters(table, marks=["needs_review"])["cluster_id"].tolist() == ["C000002"]
    assert len(overview.filter_clusters(table, marks=["unreviewed"])) == 3
    assert overview.cluster_table(table, limit=2)["cluster_id"].tolist() == ["C000001", BIG]  # risk order


# --- network ----------------------------------------------------------------------------------


def _check_elements(elements: dict) -> tuple[dict, list]:
    nodes = {n["data"]["id"]: n["data"] for n in elements["nodes"]}
    for e in elements["edges"]:
        assert e["data"]["source"] in nodes and e["data"]["target"] in nodes
    return nodes, elements["edges"]


def test_small_cluster_network_is_drawn_whole(run: run_data.RunData) -> None:
    net = network.cluster_network(run, "C000001")
    nodes, edges = _check_elements(net.elements)
    assert not net.summarised
    labels = sorted(d["label"] for d in nodes.values())
    assert labels == ["core"] * 4 + ["fingerprint", "ip", "payment", "peripheral"]
    assert len(edges) == 7
    p1 = next(d for d in nodes.values() if d.get("artifact") == "P1")
    assert p1["members"] == 3 and p1["kind"] == "payment"


def test_big_cluster_network_is_summarised(run: run_data.RunData) -> None:
    net = network.cluster_network(run, BIG, max_nodes=300)
    nodes, edges = _check_elements(net.elements)
    assert net.summarised
    assert len(nodes) <= 300
    assert net.accounts_total == BIG_SIZE and net.artifacts_total == 240
    accounts = [d for d in nodes.values() if d["label"] in ("core", "peripheral")]
    hubs = [d for d in nodes.values() if d["label"] in ("payment", "ip")]
    assert {d["label"] for d in accounts} == {"core", "peripheral"}  # roles kept and marked
    assert all(d["members"] == 30 for d in hubs if d["label"] == "payment")  # hubs carry full counts
    assert sum(d["label"] == "payment" for d in hubs) == 40  # the strongest hubs are kept
    assert edges and all(e["data"]["weight"] > 0 for e in edges)
    again = network.cluster_network(run, BIG, max_nodes=300)
    assert again.elements == net.elements  # deterministic


# --- cluster tables and timelines -----------------------------------------------------------


def test_evidence_and_member_tables(run: run_data.RunData) -> None:
    ev = overview.evidence_table(run, "C000001")
    assert ev["artifact"].tolist()[0] == "P1"  # strongest first
    assert list(ev.columns) == overview.EVIDENCE_COLUMNS
    members = overview.member_table(run, "C000002")
    assert members["account_id"].tolist() == ["b1", "b2", "b3"]
    assert members["email_domain"].eq("example.com").all()


def test_timelines(runs: Path, run: run_data.RunData) -> None:
    created = timelines.creation_timeline(overview.member_table(run, "C000001"))
    assert int(created.drop(columns="period").to_numpy().sum()) == 5
    activity, why = timelines.activity_timeline(run, "C000001")
    assert why == "" and activity is not None
    assert int(activity.drop(columns="period").to_numpy().sum()) == 3  # a1 twice, a2 once
    assert set(activity.columns) == {"period", "m1", "m2"}
    quiet, why = timelines.activity_timeline(run, "C000003")
    assert quiet is not None and quiet.empty and why == ""  # kept activity, but none of these accounts
    old, why = timelines.activity_timeline(run_data.load_run(runs / RUN_1), "C000001")
    assert old is None and why == "no activity recorded in this run"  # runs before runs kept activity


def test_activity_table_aggregates_members_per_day_and_model() -> None:
    reqs = pd.DataFrame(
        {
            "acct": [0, 0, 0, 1, 2],
            "timestamp": pd.to_datetime(
                ["2026-01-01T01:00Z", "2026-01-01T23:00Z", "2026-01-02T00:00Z"] * 1 + ["2026-01-01T00:00Z"] * 2
            ),
            "model": ["m1", "m1", None, "m2", "m1"],
        }
    )
    table = activity_table(reqs, np.array(["a", "b", "c"], dtype=object), np.array([0, 1]))
    assert table.columns.tolist() == ["account_id", "day", "model", "requests"]
    assert table[["account_id", "model", "requests"]].values.tolist() == [
        ["a", "m1", 2],
        ["a", "unknown", 1],
        ["b", "m2", 1],
    ]  # c is in no cluster: left out
    assert activity_table(None, np.array(["a"]), np.array([0])).empty


# --- accounts -----------------------------------------------------------------------------------


def test_lookup_account(run: run_data.RunData) -> None:
    view = paths.lookup_account(run, " a3 ")
    assert view is not None
    assert (view.cluster_id, view.role) == ("C000001", "core")
    assert view.links["artifact"].tolist() == ["P1", "I1"]  # strongest first
    assert view.attributes["country"] == "US"
    assert paths.lookup_account(run, "nobody") is None
    assert paths.suggest_accounts(run, "b") == ["b1", "b2", "b3"]


def test_why_linked_direct_and_chain(run: run_data.RunData) -> None:
    direct = paths.why_linked(run, "a1", "a2")
    assert direct.found and len(direct.steps) == 1
    assert direct.steps.iloc[0][["kind", "artifact"]].tolist() == ["payment", "P1"]
    assert direct.shared["artifact"].tolist() == ["P1"]
    chain = paths.why_linked(run, "a1", "a5")
    assert chain.shared.empty
    assert chain.steps["artifact"].tolist() == ["P1", "I1", "F1"]
    assert chain.steps["from_account"].tolist() == ["a1", "a3", "a4"]
    assert chain.steps["to_account"].tolist()[-1] == "a5"
    elements = network.path_network(chain)
    assert len(elements["nodes"]) == 7 and len(elements["edges"]) == 6


def test_why_linked_across_clusters_and_failures(run: run_data.RunData) -> None:
    cross = paths.why_linked(run, "a1", "b1")
    assert cross.steps["artifact"].tolist() == ["P1", "I1", "I2"]
    assert not paths.why_linked(run, "a1", "c1").found
    assert "no chain" in paths.why_linked(run, "a1", "c1").message
    assert "in no cluster" in paths.why_linked(run, "a1", "nobody").message
    assert "same account" in paths.why_linked(run, "a1", "a1").message
    capped = paths.why_linked(run, "z0001", "z0002", max_links=100)
    assert not capped.found and "more than" in capped.message


# --- export and reviews ---------------------------------------------------------------------


def test_export_payload_matches_enforcement_list(runs: Path) -> None:
    payload = export.export_payload(runs / RUN_2, "csv")
    frame = pd.read_csv(io.BytesIO(payload.data))
    expected = enforcement_list(runs / RUN_2)
    assert len(frame) == len(expected) == 1004
    assert frame["account_id"].tolist() == expected["account_id"].tolist()
    assert payload.manifest["row_count"] == 1004 and payload.manifest["run_id"] == RUN_2
    assert payload.manifest["sha256"] == hashlib.sha256(payload.data).hexdigest()
    one = export.export_payload(runs / RUN_2, "jsonl", cluster_ids=["C000002"])
    rows = [json.loads(line) for line in one.data.decode().splitlines()]
    assert [r["account_id"] for r in rows] == ["b1", "b2"]  # core members only
    assert one.file_name.endswith("-C000002.jsonl") and one.manifest["cluster_ids"] == ["C000002"]
    parquet = export.export_payload(runs / RUN_2, "parquet", threshold=0.95)
    assert pd.read_parquet(io.BytesIO(parquet.data)).empty


def test_review_marks_are_durable_audited_and_feed_the_allowlist(runs: Path) -> None:
    with pytest.raises(ValueError, match="unknown mark"):
        reviews.mark_cluster(runs, RUN_2, "C000001", "fraud", ["a1"])
    rec = reviews.mark_cluster(runs, RUN_2, "C000001", "benign", ["a2", "a1", "a3", "a4"], " team account ", who="ana")
    assert rec["members"] == ["a1", "a2", "a3", "a4"] and rec["note"] == "team account"
    assert reviews.allowlisted_accounts(runs) == {"a1", "a2", "a3", "a4"}
    audit = read_audit(runs)
    assert audit[-1]["action"] == "review" and audit[-1]["mark"] == "benign" and audit[-1]["who"] == "ana"
    # later runs respect the allowlist; a newer mark of the same cluster id wins
    assert not set(enforcement_list(runs / RUN_2)["account_id"]) & {"a1", "a2", "a3", "a4"}
    reviews.mark_cluster(runs, RUN_2, "C000001", "confirmed", ["a1"], who="bo")
    assert reviews.allowlisted_accounts(runs) == set()
    assert {"a1", "a2"} <= set(enforcement_list(runs / RUN_2)["account_id"])
    log = reviews.read_reviews(runs)
    assert log["mark"].tolist() == ["benign", "confirmed"]
    with (runs / reviews.REVIEWS_FILE).open("a") as fh:
        fh.write('{"cluster_id": "C0000')  # a torn write
    assert reviews.read_reviews(runs)["mark"].tolist() == ["benign", "confirmed"]
    reviews.mark_cluster(runs, RUN_2, "C000003", "benign", ["c1", "c2"], who="bo")  # still readable after it
    assert reviews.allowlisted_accounts(runs) == {"c1", "c2"}
