"""The export registry and re-alerting: tell enforcement only what it has not been told.

Every export is recorded (``RUNS_DIR/exports.jsonl``, one JSON line per export) together
with the accounts it sent (``RUNS_DIR/exports/<export_id>.parquet``: ``account_id,
cluster_id``). ``--since-last-export`` writes the current enforcement list minus every
account any recorded export already sent, so nothing is sent twice and nothing on the
list is missed. Each account is sent once, ever: an account that later moves to another
flagged cluster is not sent again.

The registry line is the commit point and is written after the export file: if the job
dies in between, the next ``--since-last-export`` sends those accounts again (at least
once, never silently dropped).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from linkgraph.enforcement.audit import append_audit, current_user, read_audit
from linkgraph.enforcement.export import enforcement_list, export_run
from linkgraph.enforcement.guard import check_threshold, reviewed_clusters
from linkgraph.runs.store import resolve_run
from linkgraph.storage.atomic import atomic_path
from linkgraph.storage.jsonl import append_jsonl, read_jsonl
from linkgraph.storage.lock import exports_lock
from linkgraph.storage.stamps import new_stamp

log = logging.getLogger(__name__)

REGISTRY = "exports.jsonl"
SENT_DIR = "exports"
REASONS = ("cluster_newly_flagged", "joined_flagged_cluster")


def read_registry(runs_dir: str | Path) -> list[dict]:
    """Recorded exports, oldest first (a torn last line from a crash is skipped)."""
    return read_jsonl(Path(runs_dir) / REGISTRY)


def sent_accounts(runs_dir: str | Path) -> pd.DataFrame:
    """``account_id, cluster_id, export_id`` of everything recorded exports have sent."""
    root = Path(runs_dir)
    frames = []
    for record in read_registry(root):
        sent = root / record["sent"]
        if not sent.is_file():
            raise FileNotFoundError(f"{sent} (recorded for export {record['export_id']}) is missing")
        frames.append(pd.read_parquet(sent).assign(export_id=record["export_id"]))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in ("account_id", "cluster_id", "export_id")})
    return pd.concat(frames, ignore_index=True)


def new_alerts(
    run_dir: str | Path, runs_dir: str | Path, threshold: float | None = None, include_enforced: bool = False
) -> pd.DataFrame:
    """The enforcement list of ``run_dir`` without accounts already sent, with an ``alert_reason``."""
    current = enforcement_list(run_dir, threshold, include_enforced=include_enforced)
    sent = sent_accounts(runs_dir)
    fresh = current[~current["account_id"].isin(sent["account_id"])].reset_index(drop=True)
    known_cluster = fresh["cluster_id"].isin(sent["cluster_id"])
    fresh["alert_reason"] = known_cluster.map({True: REASONS[1], False: REASONS[0]}).astype(str)
    return fresh


def _new_export_id() -> str:
    return new_stamp()


def record_export(runs_dir: str | Path, sidecar: dict, frame: pd.DataFrame, mode: str, output: Path) -> dict:
    """Append one export to the registry (after saving what it sent); returns the record."""
    root = Path(runs_dir)
    export_id = sidecar["export_id"]
    sent_dir = root / SENT_DIR
    sent_dir.mkdir(parents=True, exist_ok=True)
    sent = sent_dir / f"{export_id}.parquet"
    with atomic_path(sent) as tmp:
        frame[["account_id", "cluster_id"]].astype(str).to_parquet(tmp, index=False)
    record = {
        "export_id": export_id,
        "at": sidecar["created_at"],
        "who": sidecar.get("who") or current_user(),
        "reason": sidecar.get("reason", ""),
        "run_id": sidecar["run_id"],
        "mode": mode,
        "threshold": sidecar["threshold"],
        "accounts": len(frame),
        "clusters": sorted(frame["cluster_id"].astype(str).unique().tolist()),
        "file": str(output.resolve()),
        "format": sidecar["format"],
        "sha256": sidecar["sha256"],
        "sent": f"{SENT_DIR}/{sent.name}",
    }
    return append_jsonl(root / REGISTRY, record)


def export_and_record(
    runs_dir: str | Path,
    output: str | Path,
    run: str = "latest",
    fmt: str | None = None,
    threshold: float | None = None,
    since_last_export: bool = False,
    include_enforced: bool = False,
    *,
    force: bool = False,
    reviewed: bool = False,
    reason: str = "",
    who: str | None = None,
) -> dict:
    """Export a run's enforcement list (or only what is new), record it, and audit it.

    A ``threshold`` below the run's documented default is refused
    (:class:`~linkgraph.enforcement.guard.NeedsConfirmation`, a ``ValueError``) unless
    ``force`` and a ``reason`` are given; its impact is recorded. ``reviewed`` exports only
    the core members of clusters confirmed by review or case work. ``who`` and ``reason``
    go into the sidecar manifest, the registry and the audit log.

    Raises :class:`~linkgraph.runs.store.RunNotFound`, ``ValueError`` (bad format) or
    :class:`~linkgraph.storage.lock.LockHeld` (another export is still running after 60 s).
    """
    output = Path(output)
    who = who or current_user()
    resolve_run(runs_dir, run)  # fail before creating any file in a mistyped RUNS_DIR
    if reviewed and since_last_export:
        raise ValueError("--reviewed and --since-last-export cannot be combined")
    with exports_lock(runs_dir):
        run_dir = resolve_run(runs_dir, run)
        impact = check_threshold(run_dir, threshold, force, reason)
        mode = "since-last-export" if since_last_export else "reviewed" if reviewed else "full"
        if since_last_export:
            frame = new_alerts(run_dir, runs_dir, threshold, include_enforced)
        elif reviewed:
            ids = reviewed_clusters(runs_dir, run_dir)
            frame = enforcement_list(run_dir, threshold, cluster_ids=ids, include_enforced=include_enforced)
        else:
            frame = enforcement_list(run_dir, threshold, include_enforced=include_enforced)
        extra = {"export_id": _new_export_id(), "mode": mode, "include_enforced": include_enforced}
        extra |= {"who": who, "reason": reason.strip(), "forced_below_threshold": bool(impact and impact.below_default)}
        if impact is not None and impact.below_default:
            extra["threshold_impact"] = impact.as_dict()
        sidecar = export_run(run_dir, output, fmt, threshold, frame=frame, extra=extra)
        record = record_export(runs_dir, sidecar, frame, mode, output)
    append_audit(
        runs_dir,
        "export",
        who=who,
        reason=extra["reason"],
        forced_below_threshold=extra["forced_below_threshold"],
        export_id=record["export_id"],
        run_id=record["run_id"],
        accounts=len(frame),
        sha256=record["sha256"],
        file=record["file"],
        format=record["format"],
        threshold=record["threshold"],
        mode=mode,
    )
    log.info(
        "export %s: %d accounts from run %s (%s)",
        record["export_id"],
        len(frame),
        record["run_id"],
        mode,
        extra={"event": "export", "export_id": record["export_id"], "accounts": len(frame)},
    )
    return record


def referenced_runs(runs_dir: str | Path) -> set[str]:
    """Run ids that a recorded export (or an audit record) refers to."""
    ids = {r["run_id"] for r in read_registry(runs_dir) if r.get("run_id")}
    ids |= {str(r["run_id"]) for r in read_audit(runs_dir) if r.get("run_id")}
    return ids
