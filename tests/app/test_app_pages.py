"""Every page of the investigator app through streamlit.testing.v1.AppTest."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from linkgraph.app import access as auth
from linkgraph.app.access import PASSWORD_ENV
from linkgraph.cli.app_cmds import APP_MAIN
from linkgraph.enforcement import reviews
from linkgraph.enforcement.audit import read_audit
from linkgraph.enforcement.export import enforcement_list
from linkgraph.investigate.run_data import RUNS_ENV

HANDMADE = Path(__file__).parents[1] / "investigate" / "handmade.py"
_spec = importlib.util.spec_from_file_location("_app_fixture", HANDMADE)
assert _spec and _spec.loader
fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture)
RUN_2, BIG = fixture.RUN_2, fixture.BIG


@pytest.fixture
def runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = fixture.make_runs(tmp_path)
    monkeypatch.setenv(RUNS_ENV, str(root))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LINKGRAPH_USER", "tester")
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    return root


def open_page(page: str | None = None, **query: str) -> AppTest:
    """Run the app, switch to ``views/<page>.py`` with ``query`` and run it; fail on any exception."""
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    at.run()
    if page:
        at.switch_page(f"views/{page}.py")
        at.query_params.update(query)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def open_tab(at: AppTest, label: str) -> AppTest:
    """Switch the cluster page's tabs (they run lazily: only the open one renders)."""
    at.session_state["tab"] = label
    return ok(at.run())


def select_row(at: AppTest, key: str, row: int) -> AppTest:
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return ok(at.run())


# --- overview and clusters ------------------------------------------------------------------


def test_overview(runs: Path) -> None:
    at = open_page("overview")
    assert at.title[0].value == "Overview"
    m = metrics(at)
    assert m["High-risk clusters"] == "2" and m["Accounts flagged"] == "1,004"
    assert m["New or changed clusters"] == "3"  # C000001 grown, C000003 and C000004 new
    top = at.dataframe(key="overview_table").value
    assert top["cluster_id"].tolist() == ["C000001", BIG]
    select_row(at, "overview_table", 1)
    assert at.title[0].value == "Cluster detail"
    assert at.query_params["cluster"] == BIG


def test_clusters_filters_and_selection(runs: Path) -> None:
    at = open_page("clusters")
    table = at.dataframe(key="clusters_table")
    assert table.value["cluster_id"].tolist() == ["C000001", BIG, "C000002"]  # high + medium by default
    at.multiselect(key="f_bands").set_value(["low"])
    assert ok(at.run()).dataframe(key="clusters_table").value["cluster_id"].tolist() == ["C000003"]
    at.multiselect(key="f_bands").set_value([])
    at.multiselect(key="f_kinds").set_value(["fingerprint"])
    assert ok(at.run()).dataframe(key="clusters_table").value["cluster_id"].tolist() == ["C000001"]
    at.multiselect(key="f_kinds").set_value([])
    at.multiselect(key="f_changes").set_value(["new"])
    at.slider(key="f_min_risk").set_value(0.5)
    assert ok(at.run()).dataframe(key="clusters_table").value["cluster_id"].tolist() == [BIG]
    at.multiselect(key="f_changes").set_value([])
    at.slider(key="f_min_risk").set_value(0.0)
    at.text_input(key="f_search").set_value("ip I2")
    assert ok(at.run()).dataframe(key="clusters_table").value["cluster_id"].tolist() == ["C000002"]
    select_row(at, "clusters_table", 0)
    assert at.title[0].value == "Cluster detail" and at.query_params["cluster"] == "C000002"
    assert at.text_input(key="cluster_pick").value == "C000002"


# --- cluster detail ---------------------------------------------------------------------------


def test_cluster_detail_shows_network_evidence_timelines_members(runs: Path) -> None:
    at = open_page("cluster", cluster="C000001")
    m = metrics(at)
    assert (m["Risk"], m["Accounts"], m["Core members"]) == ("0.90", "5", "4")
    assert ":blue-badge[grown]" in at.markdown[0].value
    assert m["Review"] == "not yet"
    graph = json.loads(at.get("component_instance")[0].proto.json_args)["elements"]
    assert len(graph["nodes"]) == 8 and len(graph["edges"]) == 7
    assert {n["data"]["label"] for n in graph["nodes"]} == {"core", "peripheral", "payment", "ip", "fingerprint"}
    evidence = at.dataframe[0].value
    assert evidence["artifact"].tolist() == ["P1", "I1", "F1"]
    assert any("grown, from C000001" in c.value for c in at.caption)
    assert len(at.get("vega_lite_chart")) == 1  # the risk waterfall; hidden tabs do not run
    assert any("risk = sigmoid(bias" in c.value for c in at.caption)
    open_tab(at, "Timeline")
    assert len(at.get("vega_lite_chart")) == 3  # the waterfall, creation and activity timelines
    assert not at.get("component_instance")
    open_tab(at, "Members")
    assert at.dataframe(key="members_table").value["account_id"].tolist() == ["a1", "a3", "a2", "a4", "a5"]
    select_row(at, "members_table", 4)
    assert at.title[0].value == "Account lookup" and at.query_params["account"] == "a5"


def test_cluster_detail_notes_organisations_in_lockstep(runs: Path) -> None:
    """A cluster whose members on its own domains meet another of its organisations says so;
    the others say nothing (and runs from before the column: the other tests)."""
    path = runs / RUN_2 / "clusters.parquet"
    clusters = pd.read_parquet(path)
    clusters["n_cross_organisation"] = (clusters["cluster_id"] == "C000001") * 29
    clusters.to_parquet(path, index=False)
    at = open_page("cluster", cluster="C000001")
    assert len(at.info) == 1 and "29 members on its own domains" in at.info[0].value
    assert not open_page("cluster", cluster="C000002").info


def test_big_cluster_is_summarised(runs: Path) -> None:
    at = open_page("cluster", cluster=BIG)
    graph = json.loads(at.get("component_instance")[0].proto.json_args)["elements"]
    assert len(graph["nodes"]) <= 300
    assert any(c.value.startswith("Summarised: 240 of 1,200 accounts") for c in at.caption)


def test_typed_cluster_ids_win_over_the_url_the_page_wrote(runs: Path) -> None:
    at = open_page("cluster")
    assert metrics(at)["Accounts"] == "5"  # the riskiest cluster by default
    for cid, size in (("C000002", "3"), ("c000003", "2"), (BIG, "1,200")):
        at.text_input(key="cluster_pick").set_value(cid)
        assert metrics(ok(at.run()))["Accounts"] == size
        assert at.query_params["cluster"] == cid.upper()


def test_unknown_cluster_warns(runs: Path) -> None:
    at = open_page("cluster", cluster="C999999")
    assert "has no cluster `C999999`" in at.warning[0].value


def test_cluster_export_and_review(runs: Path) -> None:
    at = open_page("cluster", cluster="C000002", tab="Review and export")
    assert any(c.value.startswith("2 core members") for c in at.caption)
    at.download_button(key="cluster_export_file").click()
    ok(at.run())
    last = read_audit(runs)[-1]
    assert (last["action"], last["what"], last["accounts"], last["cluster_ids"]) == ("download", "list", 2, ["C000002"])
    assert last["who"] == "tester" and last["source"] == "app"
    at.radio(key="cluster_review_mark").set_value("needs_review")
    at.text_area(key="cluster_review_note").set_value("shared office IP?")
    at.button[0].click()
    ok(at.run())
    marks = reviews.read_reviews(runs)
    assert marks[["cluster_id", "mark", "note", "who", "run_id"]].iloc[-1].tolist() == [
        "C000002",
        "needs_review",
        "shared office IP?",
        "tester",
        RUN_2,
    ]
    assert marks["members"].iloc[-1] == ["b1", "b2", "b3"]
    assert "C000002 marked needs review" in at.success[0].value
    assert metrics(at)["Review"] == "needs review"


# --- accounts -----------------------------------------------------------------------------------


def test_account_lookup_and_why_linked(runs: Path) -> None:
    at = open_page("account", account="a3")
    m = metrics(at)
    assert (m["Cluster"], m["Role"], m["Evidence score"]) == ("C000001", "core", "0.85")
    assert at.dataframe[0].value["artifact"].tolist() == ["P1", "I1"]
    assert at.text_input(key="pair_a").value == "a3"
    at.text_input(key="pair_a").set_value("a1")
    at.text_input(key="pair_b").set_value("a5")
    ok(at.run())
    assert at.success[0].value == "a1 reaches a5 in 3 steps through 2 intermediate account(s)"
    steps = at.dataframe[-1].value
    assert steps["artifact"].tolist() == ["P1", "I1", "F1"]
    at.text_input(key="pair_b").set_value("c1")
    assert "no chain of shared artifacts" in ok(at.run()).info[0].value


def test_typed_accounts_win_over_the_url_the_page_wrote(runs: Path) -> None:
    at = open_page("account", account="a1")
    for account, cluster in (("b2", "C000002"), ("c1", "C000003")):
        at.text_input(key="account_pick").set_value(account)
        assert metrics(ok(at.run()))["Cluster"] == cluster


def test_account_not_clustered_gets_suggestions(runs: Path) -> None:
    at = open_page("account", account="z000")
    assert "is in no cluster" in at.warning[0].value
    assert any("`z0000`" in c.value for c in at.caption)


# --- review and export ------------------------------------------------------------------------


def test_review_queue_mark_benign_feeds_allowlist_and_export(runs: Path) -> None:
    at = open_page("review")
    queue = at.dataframe(key="review_table_0").value
    assert queue["cluster_id"].tolist() == ["C000001", BIG, "C000002"]
    select_row(at, "review_table_0", 0)
    at.radio(key="review_page_mark").set_value("benign")
    at.text_area(key="review_page_note").set_value("company team")
    next(b for b in at.button if b.label == "Save mark").click()
    ok(at.run())
    assert reviews.allowlisted_accounts(runs) == {"a1", "a2", "a3", "a4", "a5"}
    assert at.success[0].value == "C000001 marked benign"
    assert metrics(at)["Allowlisted accounts"] == "5"
    assert at.dataframe[-1].value["mark"].tolist()[0] == "benign"  # the review log, newest first
    queue = at.dataframe(key="review_table_1").value  # a fresh table: no stale selection
    assert queue["cluster_id"].tolist() == [BIG, "C000002"]  # the marked cluster left the queue
    assert "Save mark" not in [b.label for b in at.button]
    export = open_page("export")
    assert metrics(export)["Accounts"] == "1,000"  # only the big cluster's core members remain
    assert not set(export.dataframe[0].value["account_id"]) & {"a1", "a2", "a3", "a4"}


def test_export_page_content_and_audit(runs: Path) -> None:
    at = open_page("export")
    expected = enforcement_list(runs / RUN_2)
    assert metrics(at)["Accounts"] == f"{len(expected):,}"
    preview = at.dataframe[0].value
    assert preview["account_id"].tolist() == expected["account_id"].head(1000).tolist()
    assert list(preview.columns) == ["account_id", "cluster_id", "risk_score", "role", "evidence", "campaign_id"]
    at.slider(key="export_threshold").set_value(0.85)
    ok(at.run())
    assert metrics(at)["Accounts"] == "4" and metrics(at)["Clusters"] == "1"
    at.radio(key="export_fmt").set_value("jsonl")
    ok(at.run())
    at.download_button(key="export_file").click()
    ok(at.run())
    at.download_button(key="export_manifest").click()
    ok(at.run())
    downloads = [r for r in read_audit(runs) if r["action"] == "download"]
    assert [(d["what"], d["format"], d["accounts"], d["threshold"]) for d in downloads] == [
        ("list", "jsonl", 4, 0.85),
        ("manifest", "jsonl", 4, 0.85),
    ]
    assert downloads[0]["file"] == f"enforcement-{RUN_2}.jsonl" and len(downloads[0]["sha256"]) == 64
    assert any(d.value["action"].tolist()[0] == "download" for d in at.dataframe if "action" in d.value.columns)


# --- access control and empty states ----------------------------------------------------------


def test_password_gate(runs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "correct horse")
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30).run()
    assert at.title[0].value == "linkgraph investigator" and not at.metric
    at.text_input[0].input("wrong")
    at.button[0].click()
    ok(at.run())
    assert at.error[0].value == "Wrong password." and not at.metric
    assert all("correct horse" not in str(e.value) for e in [*at.markdown, *at.caption, *at.error])
    at.text_input[0].input("correct horse")
    at.button[0].click()
    ok(at.run())
    assert at.title[0].value == "Campaigns"  # the first view; this hand-made run predates campaigns
    assert "before campaigns existed" in at.info[0].value


def test_password_from_secrets_and_oidc_prompt(runs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    at.secrets["password"] = "pw"
    ok(at.run())
    assert at.text_input[0].label == "Password" and not at.metric
    monkeypatch.setattr(auth, "oidc_available", lambda: True)  # Authlib is an optional extra
    oidc = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    oidc.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x",
        "client_id": "c",
        "client_secret": "s",
        "server_metadata_url": "https://idp/.well-known",
    }
    oidc.user = {"is_logged_in": False}
    ok(oidc.run())
    assert oidc.button[0].label == "Sign in" and not oidc.metric
    oidc.user = {"is_logged_in": True, "email": "ana@example.com"}
    ok(oidc.run())
    assert oidc.title[0].value == "Campaigns"
    assert any("Signed in as ana@example.com" in c.value for c in oidc.sidebar.caption)
    monkeypatch.setattr(auth, "oidc_available", lambda: False)
    ok(oidc.run())
    assert "Authlib is missing" in oidc.error[0].value and not oidc.metric  # fails closed


def test_refuses_to_serve_public_host_without_auth(runs: Path) -> None:
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    try:
        at = AppTest.from_file(str(APP_MAIN), default_timeout=30).run()
    finally:
        st_config.set_option("server.address", before)
    assert "refuses to run" in at.error[0].value and not at.metric


def test_malformed_secrets_file_refuses_to_serve(runs: Path, tmp_path: Path) -> None:
    """A broken secrets.toml must not silently drop the password gate it was meant to configure."""
    bad = tmp_path / "secrets.toml"
    bad.write_text('password = "unterminated\n')
    before = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(bad)])
    try:
        at = AppTest.from_file(str(APP_MAIN), default_timeout=30).run()
    finally:
        st_config.set_option("secrets.files", before)
    assert not at.metric and not at.exception
    assert "refuses to run" in at.error[0].value and str(bad) in at.error[0].value


def test_no_runs_yet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RUNS_ENV, str(tmp_path / "empty"))
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    at = open_page()
    assert "No detection runs" in at.info[0].value


# --- a real detected run -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def detected_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated world, detected twice (so the second run has a previous run)."""
    root = tmp_path_factory.mktemp("detected")
    cmd = [sys.executable, "-m", "linkgraph.cli.main"]
    subprocess.run(
        [*cmd, "generate", str(root / "world"), "--accounts", "1500", "--seed", "3"], check=True, capture_output=True
    )
    for _ in range(2):
        subprocess.run(
            [*cmd, "detect", str(root / "world"), "--runs", str(root / "runs")], check=True, capture_output=True
        )
    return root / "runs"


def test_every_page_renders_a_detected_run(
    detected_runs: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(RUNS_ENV, str(detected_runs))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    clusters = pd.read_parquet(sorted(detected_runs.glob("2*"))[-1] / "clusters.parquet")
    top = str(clusters["cluster_id"].iloc[0])
    member = str(
        pd.read_parquet(sorted(detected_runs.glob("2*"))[-1] / "members.parquet")
        .query("cluster_id == @top")["account_id"]
        .iloc[0]
    )
    for page, query in [
        (None, {}),
        ("overview", {}),
        ("search", {"q": member.upper()}),
        ("clusters", {}),
        ("cluster", {"cluster": top}),
        ("account", {"account": member}),
        ("review", {}),
        ("export", {}),
    ]:
        at = open_page(page, **query)
        assert at.title, page
        assert not at.warning, (page, [w.value for w in at.warning])
    kinds = sorted(pd.read_parquet(sorted(detected_runs.glob("2*"))[-1] / "evidence.parquet")["kind"].unique())
    assert open_page("clusters").multiselect(key="f_kinds").options == kinds  # no option that cannot match
    assert "asn" not in kinds  # ASNs are network context, not a link kind
    export = open_page("export")
    frame = export.dataframe[0].value
    assert len(frame) == min(1000, len(enforcement_list(sorted(detected_runs.glob("2*"))[-1])))


# --- campaigns, search, the export guard and case work on a detected run ----------------------------


@pytest.fixture
def live(detected_runs: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A private copy of the detected runs served to the app (pages write reviews and cases)."""
    import shutil

    root = tmp_path / "runs"
    shutil.copytree(detected_runs, root)
    monkeypatch.setenv(RUNS_ENV, str(root))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LINKGRAPH_USER", "tester")
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    return root


def test_campaigns_first_view(live: Path) -> None:
    at = open_page()
    assert at.title[0].value == "Campaigns"
    table = at.dataframe(key="campaign_table").value
    campaigns = pd.read_parquet(sorted(live.glob("2*"))[-1] / "campaigns.parquet")
    shown = campaigns[campaigns["risk_score"] >= 0.4]
    assert table["campaign_id"].tolist() == shown["campaign_id"].tolist()
    assert {"kind", "change", "case", "size"} <= set(table.columns)
    assert any("Looks like" in m.value for m in at.markdown)


def test_search_finds_an_artifact_case_insensitively_and_lists_its_users(live: Path) -> None:
    run_dir = sorted(live.glob("2*"))[-1]
    links = pd.read_parquet(run_dir / "member_links.parquet")
    card = links[links["kind"] == "payment"]["artifact"].value_counts().index[0]
    at = open_page("search", q=card.upper())
    users = links[links["artifact"] == card]
    assert any(f"{users['account_id'].nunique():,} clustered accounts" in c.value for c in at.caption)
    accounts = next(d.value for d in at.dataframe if "account" in d.value.columns)
    assert set(accounts["account"].str.split("account=").str[1]) == set(users["account_id"])


def test_export_below_threshold_needs_confirmation_and_a_reason(live: Path) -> None:
    at = open_page("export")
    assert at.download_button(key="export_file")
    at.slider(key="export_threshold").set_value(0.1)
    ok(at.run())
    assert any("Below the documented threshold" in w.value for w in at.warning)
    assert not at.get("download_button")  # nothing to download before confirming
    at.checkbox(key="export_confirm").check()
    ok(at.run())
    assert not at.get("download_button") and "needs" not in at.error[0].value  # still no reason
    at.text_input(key="export_reason").input("ticket 12: wider sweep")
    ok(at.run())
    at.download_button(key="export_file").click()
    ok(at.run())
    download = [r for r in read_audit(live) if r["action"] == "download"][-1]
    assert download["reason"] == "ticket 12: wider sweep" and download["threshold"] == 0.1


def test_case_work_on_the_cluster_page(live: Path) -> None:
    clusters = pd.read_parquet(sorted(live.glob("2*"))[-1] / "clusters.parquet")
    top = str(clusters["cluster_id"].iloc[0])
    at = open_page("cluster", cluster=top)
    open_tab(at, "Review and export")
    at.selectbox(key="cluster_case_status").set_value("escalated")
    at.text_input(key="cluster_case_assignee").input("ana")
    at.text_area(key="cluster_case_note").input("card shared with a banned account")
    next(b for b in at.button if b.label == "Save").click()
    ok(at.run())
    from linkgraph.enforcement.cases import case_state

    state = case_state(live).loc[top]
    assert (state["status"], state["assignee"], state["notes"]) == ("escalated", "ana", 1)


def test_bulk_case_action_is_all_or_nothing(live: Path) -> None:
    at = open_page("review")
    ids = at.dataframe[0].value["cluster_id"].head(2).tolist()
    at.multiselect(key="bulk_ids").set_value(ids)
    at.selectbox(key="bulk_status").set_value("benign")
    at.text_input(key="bulk_note").input("two office teams")
    next(b for b in at.button if b.label == "Apply to all selected").click()
    ok(at.run())
    from linkgraph.enforcement.cases import case_state

    state = case_state(live)
    assert set(state.loc[state["status"] == "benign", "target"]) == set(ids)
    assert reviews.allowlisted_accounts(live)  # benign cases feed the allowlist through review marks
