"""The campaign and artifact read model, and ``show`` / ``explain`` / ``diff``, on the detected sample."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from linkgraph.cli.main import app
from linkgraph.detect import detect
from linkgraph.investigate import artifacts, campaigns, network
from linkgraph.investigate.run_data import RunData, load_run

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
runner = CliRunner()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunData]:
    runs = tmp_path_factory.mktemp("runs")
    run_id = detect(SAMPLE, runs)
    return runs, load_run(runs / run_id)


def test_every_cluster_is_in_exactly_one_campaign(sample: tuple[Path, RunData]) -> None:
    _, run = sample
    assert run.campaigns is not None
    listed = run.campaigns["cluster_ids"].str.split(",").explode()
    assert sorted(listed) == sorted(run.clusters["cluster_id"])
    assert (run.clusters["campaign_id"].map(run.campaigns["campaign_id"]) == run.clusters["campaign_id"]).all()
    sizes = run.clusters.groupby("campaign_id")["size"].sum()
    assert (run.campaigns.set_index("campaign_id")["size"] == sizes.reindex(run.campaigns.index)).all()
    assert (run.campaigns["change"] == "new").all()  # a first run


def test_the_waterfall_adds_up_to_the_risk_score(sample: tuple[Path, RunData]) -> None:
    _, run = sample
    for cluster_id in run.clusters["cluster_id"].head(5):
        wf = campaigns.risk_waterfall(run, cluster_id)
        z = wf["end"].iloc[-1]
        assert 1 / (1 + math.exp(-z)) == pytest.approx(float(run.cluster(cluster_id)["risk_score"]), abs=1e-3)
        assert wf["step"].iloc[0] == "bias" and wf["contribution"].iloc[0] == -4.0
        assert campaigns.looks_like(run, cluster_id)


def test_search_is_case_insensitive_and_drill_down_lists_every_user(sample: tuple[Path, RunData]) -> None:
    _, run = sample
    card = run.links[run.links["kind"] == "payment"]["artifact"].value_counts().index[0]
    hits = artifacts.search(run, card.upper())
    assert hits[0].value == card and hits[0].what == "artifact"
    users = artifacts.artifact_users(run, card.upper())
    expected = run.links[run.links["artifact"] == card]
    assert set(users["account_id"]) == set(expected["account_id"])
    per = artifacts.artifact_clusters(users)
    assert per["accounts"].sum() == len(users)
    account = str(run.members["account_id"].iloc[0])
    assert any(h.what == "account" and h.value == account for h in artifacts.search(run, account.upper()))
    assert artifacts.search(run, "   ") == []


def test_network_is_seeded_and_labels_match_the_evidence_table(sample: tuple[Path, RunData]) -> None:
    _, run = sample
    big = str(run.clusters.sort_values("size")["cluster_id"].iloc[-1])
    a = network.cluster_network(run, big, max_nodes=60)
    b = network.cluster_network(run, big, max_nodes=60)
    assert [n["position"] for n in a.elements["nodes"]] == [n["position"] for n in b.elements["nodes"]]
    evidence = run.evidence_of(big).set_index(["kind", "artifact"])["n_members"]
    for node in a.elements["nodes"]:
        data = node["data"]
        if "artifact" in data and (data["kind"], data["artifact"]) in evidence.index:
            assert data["members"] == evidence.loc[(data["kind"], data["artifact"])]
            assert data["name"].endswith(f"×{data['members']}")
    kinds = {n["data"]["kind"] for n in a.elements["nodes"] if "kind" in n["data"]}
    assert kinds == set(run.links_of(big)["kind"].astype(str))  # the strongest of every kind stay


def test_cli_show_explain_and_diff(sample: tuple[Path, RunData]) -> None:
    runs, run = sample
    top = str(run.clusters["cluster_id"].iloc[0])
    shown = runner.invoke(app, ["show", "--runs", str(runs), "--top", "3", "--why"])
    assert shown.exit_code == 0 and "looks like:" in shown.output and "baseline (bias)" in shown.output
    explained = runner.invoke(app, ["explain", top, "--runs", str(runs)])
    assert explained.exit_code == 0 and "risk = sigmoid" in explained.output
    campaign = str(run.cluster(top)["campaign_id"])
    assert campaign in runner.invoke(app, ["explain", campaign, "--runs", str(runs)]).output
    card = run.links[run.links["kind"] == "payment"]["artifact"].value_counts().index[0]
    drill = runner.invoke(app, ["explain", "--artifact", card.upper(), "--runs", str(runs)])
    assert (
        drill.exit_code == 0
        and f"{run.links[run.links['artifact'] == card]['account_id'].nunique()} accounts" in drill.output
    )
    missing = runner.invoke(app, ["explain", "--artifact", "no-such-card", "--runs", str(runs)])
    assert missing.exit_code != 0
    diff = runner.invoke(app, ["diff", "--runs", str(runs), "latest", "latest", "--json"])
    assert diff.exit_code == 0 and '"campaign_counts"' in diff.output


def test_a_run_without_campaigns_still_reads(sample: tuple[Path, RunData], tmp_path: Path) -> None:
    import shutil

    _, run = sample
    copy = tmp_path / run.run_id
    shutil.copytree(run.run_dir, copy, ignore=shutil.ignore_patterns("campaign*"))
    old = load_run(copy)
    assert old.campaigns is None and campaigns.campaign_table(old).empty
    assert isinstance(artifacts.search(old, "pm_"), list)
