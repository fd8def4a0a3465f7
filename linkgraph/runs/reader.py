"""Run-store state that scheduled detections carry forward: the previous run and the id counter.

Cluster ids are never reused. The next free id number is the largest of:

- ``RUNS_DIR/cluster_ids.json`` (written after every published run),
- every run manifest's ``lineage.next_cluster_id``,
- for runs made before lineage existed, their largest cluster id + 1.

So deleting the counter file, or pruning runs, cannot make an id come back.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from linkgraph.runs.ids import max_cluster_number
from linkgraph.runs.store import list_runs, read_manifest, read_table
from linkgraph.storage.atomic import write_json_atomic

log = logging.getLogger(__name__)

COUNTER_FILE = "cluster_ids.json"


def latest_run(runs_dir: str | Path) -> Path | None:
    """The newest complete run, or None for an empty run store."""
    runs = list_runs(runs_dir)
    return Path(runs_dir) / runs[-1] if runs else None


def run_members(run_dir: Path | None) -> pd.DataFrame:
    """``account_id, cluster_id`` of a run's members (empty frame for no run)."""
    if run_dir is None:
        return pd.DataFrame({"account_id": pd.Series(dtype=str), "cluster_id": pd.Series(dtype=str)})
    return read_table(run_dir, "members", ["account_id", "cluster_id"])


def run_campaign_members(run_dir: Path | None) -> pd.DataFrame:
    """``account_id, cluster_id`` where ``cluster_id`` is the campaign id (empty before campaigns)."""
    empty = pd.DataFrame({"account_id": pd.Series(dtype=str), "cluster_id": pd.Series(dtype=str)})
    if run_dir is None:
        return empty
    members = read_table(run_dir, "members")
    if "campaign_id" not in members.columns:
        return empty
    return pd.DataFrame({"account_id": members["account_id"], "cluster_id": members["campaign_id"]})


def next_campaign_number(runs_dir: str | Path) -> int:
    """The first campaign id number (``K…``) that no run in ``runs_dir`` has handed out."""
    root = Path(runs_dir)
    best = 1
    for run in list_runs(root):
        recorded = read_manifest(root / run).get("campaigns", {}).get("next_campaign_id")
        if recorded is not None:
            best = max(best, int(recorded))
    return best


def next_cluster_number(runs_dir: str | Path) -> int:
    """The first id number that no run in ``runs_dir`` has ever handed out."""
    root = Path(runs_dir)
    best = 1
    counter = root / COUNTER_FILE
    if counter.is_file():
        try:
            best = max(best, int(json.loads(counter.read_text())["next_id"]))
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring unreadable %s", counter)
    for run in list_runs(root):
        recorded = read_manifest(root / run).get("lineage", {}).get("next_cluster_id")
        if recorded is None:
            recorded = max_cluster_number(read_table(root / run, "clusters", ["cluster_id"])["cluster_id"]) + 1
        best = max(best, int(recorded))
    return best


def save_counter(runs_dir: str | Path, next_id: int, run_id: str) -> None:
    """Record the next free id number after ``run_id`` was published (never lowers it)."""
    root = Path(runs_dir)
    current = 1
    path = root / COUNTER_FILE
    if path.is_file():
        try:
            current = int(json.loads(path.read_text())["next_id"])
        except (ValueError, KeyError, TypeError):
            current = 1
    payload = {"next_id": max(current, next_id), "run_id": run_id, "updated_at": datetime.now(UTC).isoformat()}
    write_json_atomic(path, payload)
