"""Load_run, RunData's per-cluster slices, lineage status (hand-made runs from ``handmade.py``)."""

from __future__ import annotations

from pathlib import Path

from handmade import RUN_1

from linkgraph.investigate import run_data


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


def test_per_account_tables_are_read_on_first_use(runs: Path) -> None:
    run = run_data.load_run(runs / RUN_1)
    assert run.loaded_tables == [] and len(run.clusters)  # the first view needs only the small tables
    run.manifest["output_rows"] = {"members": 7}  # what the run writer records
    assert run.clustered_accounts == 7 and run.loaded_tables == []
    del run.manifest["output_rows"]  # older runs: counted from the table
    assert run.clustered_accounts == len(run.members) and run.loaded_tables == ["members"]
    assert len(run.members_of("C000001")) == 5
    assert run.load_all() is run and run.loaded_tables == list(run_data.LAZY_TABLES)
    assert run_data.load_run(runs / RUN_1, eager=True).loaded_tables == list(run_data.LAZY_TABLES)
