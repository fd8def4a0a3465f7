"""Headline numbers, trend, cluster filters and tables, evidence kinds, reviews join (hand-made runs)."""

from __future__ import annotations

from pathlib import Path

from handmade import BIG, RUN_1, RUN_2

from linkgraph.enforcement import reviews
from linkgraph.investigate import overview, run_data


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


def test_evidence_and_member_tables(run: run_data.RunData) -> None:
    ev = overview.evidence_table(run, "C000001")
    assert ev["artifact"].tolist()[0] == "P1"  # strongest first
    assert list(ev.columns) == overview.EVIDENCE_COLUMNS
    members = overview.member_table(run, "C000002")
    assert members["account_id"].tolist() == ["b1", "b2", "b3"]
    assert members["email_domain"].eq("example.com").all()
