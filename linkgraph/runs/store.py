"""The run store: immutable run directories, published atomically.

Layout of ``RUNS_DIR``::

    RUNS_DIR/<run_id>/manifest.json       run id, times, code version, parameters, inputs, counts
    RUNS_DIR/<run_id>/clusters.parquet    one row per cluster
    RUNS_DIR/<run_id>/members.parquet     one row per clustered account
    RUNS_DIR/<run_id>/evidence.parquet    artifacts shared inside each cluster, with weights
    RUNS_DIR/<run_id>/member_links.parquet  each member's evidence links
    RUNS_DIR/<run_id>/accounts.parquet    attributes of clustered accounts (for timelines)
    RUNS_DIR/<run_id>/lineage.parquet     per cluster: new/grown/shrunk/merged/split/dissolved/unchanged
    RUNS_DIR/.staging/                    runs being written (never read)
    RUNS_DIR/cluster_ids.json             the next free cluster id (ids are never reused)
    RUNS_DIR/exports.jsonl, exports/      what each export sent (for --since-last-export)
    RUNS_DIR/reviews.jsonl                investigators' review marks (benign marks allowlist)
    RUNS_DIR/audit.jsonl                  who exported or marked what, when, with sha256
    RUNS_DIR/.run.lock, .exports.lock     the run and export locks

A run is written under ``.staging`` and renamed into place in one ``os.rename``, so readers
see all of a run or none of it; a crash leaves only a staging folder, swept on the next run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pandas as pd

from linkgraph.storage.atomic import fsync_dir, fsync_file
from linkgraph.storage.stamps import next_stamp

STAGING = ".staging"


class RunNotFound(LookupError):
    """No run matches the requested id."""


def next_run_id(runs_dir: str | Path, now: datetime | None = None) -> str:
    """A new run id that sorts after every existing run (call it under the run lock)."""
    return next_stamp(list_runs(runs_dir), now)


def code_version() -> str:
    """The package version, plus the git commit when running from a checkout."""
    from linkgraph.version import __version__

    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        commit = out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{__version__}+{commit}" if commit else __version__


def list_runs(runs_dir: str | Path) -> list[str]:
    """Complete runs, oldest first."""
    root = Path(runs_dir)
    if not root.is_dir():
        return []
    return sorted(
        p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / "manifest.json").is_file()
    )


def resolve_run(runs_dir: str | Path, run: str | None = "latest") -> Path:
    """The directory of ``run`` (an id, a unique id prefix, ``latest`` or ``previous``)."""
    runs = list_runs(runs_dir)
    if not runs:
        raise RunNotFound(f"no runs in {runs_dir}; run 'linkgraph detect DATA_DIR --runs {runs_dir}' first")
    if run in (None, "latest"):
        return Path(runs_dir) / runs[-1]
    if run == "previous":
        if len(runs) < 2:
            raise RunNotFound(f"{runs_dir} has only one run")
        return Path(runs_dir) / runs[-2]
    matches = [r for r in runs if r == run] or [r for r in runs if r.startswith(str(run))]
    if len(matches) != 1:
        raise RunNotFound(f"run {run!r} not found in {runs_dir}" if not matches else f"run prefix {run!r} is ambiguous")
    return Path(runs_dir) / matches[0]


def read_manifest(run_dir: str | Path) -> dict:
    """The run's manifest as a dict."""
    return json.loads((Path(run_dir) / "manifest.json").read_text())


def read_table(run_dir: str | Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table of a run."""
    return pd.read_parquet(Path(run_dir) / f"{name}.parquet", columns=columns)


def sweep_staging(runs_dir: str | Path) -> list[str]:
    """Remove staging folders left by crashed runs; returns their names."""
    staging = Path(runs_dir) / STAGING
    if not staging.is_dir():
        return []
    removed = []
    for child in staging.iterdir():
        shutil.rmtree(child, ignore_errors=True)
        removed.append(child.name)
    return removed


@contextmanager
def staged_run(runs_dir: str | Path, run_id: str) -> Iterator[Path]:
    """Yield a private folder to write a run into; publish it atomically on success.

    On any exception (including KeyboardInterrupt) the folder is removed and nothing is
    published.
    """
    root = Path(runs_dir)
    staging = root / STAGING / f"{run_id}.{os.getpid()}"
    staging.mkdir(parents=True, exist_ok=False)
    try:
        yield staging
        if not (staging / "manifest.json").is_file():
            raise RuntimeError("a run must write manifest.json before it is published")
        for child in staging.iterdir():
            fsync_file(child)
        fsync_dir(staging)
        os.rename(staging, root / run_id)
        fsync_dir(root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
