"""Durable review marks on clusters (``RUNS_DIR/reviews.jsonl``) and the allowlist they feed.

An investigator marks a cluster ``confirmed``, ``benign`` or ``needs_review`` with a note.
Each mark is one appended, fsynced JSON line (under a file lock) holding who, when, the run,
the cluster and the member account ids at the time of the mark; it is also written to the
audit log. Cluster ids are stable across runs, so the latest mark of a cluster id wins.

The allowlist is the members recorded with clusters whose latest mark is ``benign``. Only
those reviewed accounts are allowlisted: accounts that join the cluster later are not.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from linkgraph.enforcement.audit import append_audit, current_user
from linkgraph.storage.jsonl import append_jsonl, read_jsonl

log = logging.getLogger(__name__)

REVIEWS_FILE = "reviews.jsonl"
MARKS = ("confirmed", "benign", "needs_review")
MARK_LABELS = {"confirmed": "confirmed fraud", "benign": "benign", "needs_review": "needs review"}
MAX_NOTE = 2000
REVIEW_COLUMNS = ["at", "who", "run_id", "cluster_id", "mark", "note", "n_members", "members"]


def mark_cluster(
    runs_dir: str | Path,
    run_id: str,
    cluster_id: str,
    mark: str,
    members: Iterable[str],
    note: str = "",
    who: str | None = None,
) -> dict:
    """Append a review mark for ``cluster_id`` of ``run_id`` and audit it; returns the record."""
    if mark not in MARKS:
        raise ValueError(f"unknown mark {mark!r}; use one of {', '.join(MARKS)}")
    if not cluster_id or not run_id:
        raise ValueError("a review mark needs a run id and a cluster id")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValueError(f"the note is {len(note)} characters long; keep it under {MAX_NOTE}")
    member_ids = sorted({str(m) for m in members})
    record = {
        "at": datetime.now(UTC).isoformat(),
        "who": who or current_user(),
        "run_id": run_id,
        "cluster_id": cluster_id,
        "mark": mark,
        "note": note,
        "n_members": len(member_ids),
        "members": member_ids,
    }
    append_jsonl(Path(runs_dir) / REVIEWS_FILE, record)
    append_audit(
        runs_dir,
        "review",
        who=record["who"],
        run_id=run_id,
        cluster_id=cluster_id,
        mark=mark,
        note=note,
        accounts=len(member_ids),
    )
    return record


def read_reviews(runs_dir: str | Path) -> pd.DataFrame:
    """All review marks, oldest first (empty frame with the review columns when there are none)."""
    # A torn last line after a crash is skipped: that only shrinks the allowlist.
    records = read_jsonl(Path(runs_dir) / REVIEWS_FILE)
    return pd.DataFrame.from_records(records, columns=REVIEW_COLUMNS)


def latest_marks(runs_dir: str | Path) -> pd.DataFrame:
    """The latest mark of each cluster id, one row per cluster id."""
    reviews = read_reviews(runs_dir)
    if reviews.empty:
        return reviews
    return reviews.groupby("cluster_id", sort=False).tail(1).set_index("cluster_id", drop=False)


def allowlisted_accounts(runs_dir: str | Path) -> set[str]:
    """Members recorded with clusters whose latest mark is ``benign``."""
    latest = latest_marks(runs_dir)
    if latest.empty:
        return set()
    benign = latest[latest["mark"] == "benign"]
    return {str(account) for members in benign["members"] for account in members}
