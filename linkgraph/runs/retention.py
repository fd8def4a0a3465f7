"""Retention: keep the newest N runs, and every run an export refers to.

A pruned run is first renamed into ``RUNS_DIR/.trash`` (one atomic rename, so readers see
the whole run or none of it) and then deleted. Callers hold the run lock; pruning also
holds the export lock so that no export is reading a run while it goes.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from linkgraph.runs.store import list_runs
from linkgraph.storage.lock import exports_lock

log = logging.getLogger(__name__)

TRASH = ".trash"


@dataclass
class Pruned:
    """What a prune did: removed runs, and runs kept only because an export refers to them."""

    removed: list[str] = field(default_factory=list)
    kept_referenced: list[str] = field(default_factory=list)
    kept: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"removed": self.removed, "kept_referenced": self.kept_referenced, "kept": self.kept}


def plan_prune(runs: list[str], keep: int, referenced: set[str]) -> tuple[list[str], list[str]]:
    """Runs to remove and old runs kept because they are referenced (``runs`` oldest first).

    >>> plan_prune(["r1", "r2", "r3", "r4"], keep=2, referenced={"r1"})
    (['r2'], ['r1'])
    """
    if keep < 1:
        raise ValueError("--keep must be at least 1 (the latest run is the next run's baseline)")
    old = runs[:-keep]
    return [r for r in old if r not in referenced], [r for r in old if r in referenced]


def prune_runs(runs_dir: str | Path, keep: int, referenced: Callable[[Path], set[str]]) -> Pruned:
    """Delete all but the newest ``keep`` runs, never one in ``referenced(runs_dir)``.

    ``referenced`` names the runs that exports refer to (the enforcement registry knows them;
    the run store does not); it is called under the export lock, so no export slips in between.
    """
    root = Path(runs_dir)
    trash = root / TRASH
    with exports_lock(root):
        if trash.is_dir():
            shutil.rmtree(trash, ignore_errors=True)
        runs = list_runs(root)
        removed, kept_referenced = plan_prune(runs, keep, referenced(root))
        if removed:
            trash.mkdir(exist_ok=True)
        for run in removed:
            target = trash / f"{run}.{os.getpid()}"
            os.rename(root / run, target)
            shutil.rmtree(target, ignore_errors=True)
            log.info("pruned run %s", run, extra={"event": "prune", "run_id": run})
        if trash.is_dir():
            shutil.rmtree(trash, ignore_errors=True)
    return Pruned(removed, kept_referenced, len(runs) - len(removed))
