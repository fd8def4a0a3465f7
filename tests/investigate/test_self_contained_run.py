"""A published run keeps the activity its pages show: appended request parts count, the input can go."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from linkgraph.detect import detect
from linkgraph.investigate import timelines
from linkgraph.investigate.run_data import load_run

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_run_keeps_activity_of_every_request_file_and_needs_no_input(tmp_path: Path) -> None:
    world = tmp_path / "world"
    shutil.copytree(SAMPLE, world, ignore=shutil.ignore_patterns("truth.csv"))
    requests = pd.read_csv(world / "requests.csv", dtype=str)
    cut = len(requests) * 2 // 3
    requests.iloc[:cut].to_csv(world / "requests.csv", index=False)
    requests.iloc[cut:].to_csv(world / "requests.part-0001.csv", index=False)  # as `linkgraph append` writes
    run_id = detect(world, tmp_path / "runs")
    shutil.rmtree(world)  # the input is moved or pruned after the run: the run still shows its activity

    run = load_run(tmp_path / "runs" / run_id)
    kept = pd.read_parquet(run.run_dir / "activity.parquet")
    assert kept.columns.tolist() == ["account_id", "day", "model", "requests"]
    assert set(kept["account_id"]) <= set(run.members["account_id"])  # clustered accounts only
    assert kept["requests"].sum() == requests["account_id"].isin(set(run.members["account_id"])).sum()
    assert len(kept) < len(requests)  # aggregated: smaller than the requests it counts
    appended = requests.iloc[cut:]
    clustered = appended[appended["account_id"].isin(run.members["account_id"])]["account_id"].iloc[0]
    row = run.member(str(clustered))
    assert row is not None
    cluster = str(row["cluster_id"])
    members = set(run.members_of(cluster)["account_id"])
    activity, why = timelines.activity_timeline(run, cluster)
    assert why == "" and activity is not None
    assert int(activity.drop(columns="period").to_numpy().sum()) == requests["account_id"].isin(members).sum()
