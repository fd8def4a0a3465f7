"""Case work on clusters and campaigns (``RUNS_DIR/cases.jsonl``).

A case is a cluster id (``C…``) or a campaign id (``K…``); ids are stable across runs. Each
action (assign, status change, note) is one durable JSON line with who and when, and is
audited. Statuses move ``open → confirmed | benign | escalated``, ``escalated → confirmed |
benign``, and a closed case can be reopened. A cluster moved to ``confirmed`` or ``benign``
also gets the matching review mark, so the allowlist keeps working as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from linkgraph.enforcement.audit import append_audit, current_user
from linkgraph.enforcement.reviews import MAX_NOTE, mark_cluster
from linkgraph.storage.jsonl import append_jsonl, read_jsonl

CASES_FILE = "cases.jsonl"
STATUSES = ("open", "confirmed", "benign", "escalated")
MOVES = {
    "open": {"confirmed", "benign", "escalated"},
    "escalated": {"confirmed", "benign", "open"},
    "confirmed": {"open"},
    "benign": {"open"},
}
"""Allowed status changes."""
ACTIONS = ("assign", "status", "note")
CASE_COLUMNS = ["at", "who", "run_id", "target", "action", "status", "assignee", "note"]


def read_cases(runs_dir: str | Path) -> pd.DataFrame:
    """Every case action, oldest first."""
    return pd.DataFrame.from_records(read_jsonl(Path(runs_dir) / CASES_FILE), columns=CASE_COLUMNS)


def case_state(runs_dir: str | Path) -> pd.DataFrame:
    """One row per case: ``status, assignee, notes, updated_at, updated_by`` (index: target id)."""
    log = read_cases(runs_dir)
    columns = ["target", "status", "assignee", "notes", "updated_at", "updated_by"]
    if log.empty:
        return pd.DataFrame(columns=columns).set_index("target", drop=False)
    g = log.groupby("target", sort=False)
    status = log[log["action"] == "status"].groupby("target")["status"].last()
    assignee = log[log["action"] == "assign"].groupby("target")["assignee"].last()
    state = pd.DataFrame({"updated_at": g["at"].last(), "updated_by": g["who"].last()})
    state["status"] = status.reindex(state.index).fillna("open")
    state["assignee"] = assignee.reindex(state.index).fillna("")
    state["notes"] = log[log["note"].fillna("") != ""].groupby("target").size().reindex(state.index).fillna(0)
    state["notes"] = state["notes"].astype(int)
    state["target"] = state.index
    return state[columns]


def case_history(runs_dir: str | Path, target: str) -> pd.DataFrame:
    """The actions on one case, newest first."""
    log = read_cases(runs_dir)
    return log[log["target"] == target].iloc[::-1].reset_index(drop=True)


def current_status(runs_dir: str | Path, target: str) -> str:
    state = case_state(runs_dir)
    return str(state.at[target, "status"]) if target in state.index else "open"


def _record(runs_dir: str | Path, run_id: str, target: str, action: str, who: str | None, **fields: str) -> dict:
    if not target:
        raise ValueError("a case action needs a cluster or campaign id")
    note = (fields.get("note") or "").strip()
    if len(note) > MAX_NOTE:
        raise ValueError(f"the note is {len(note)} characters long; keep it under {MAX_NOTE}")
    record = {"at": datetime.now(UTC).isoformat(), "who": who or current_user(), "run_id": run_id, "target": target}
    record |= {"action": action, "status": fields.get("status", ""), "assignee": fields.get("assignee", "")}
    record["note"] = note
    append_jsonl(Path(runs_dir) / CASES_FILE, record)
    append_audit(runs_dir, f"case_{action}", **{k: v for k, v in record.items() if k not in ("at", "action")})
    return record


def assign(runs_dir: str | Path, run_id: str, target: str, assignee: str, who: str | None = None) -> dict:
    """Assign a case to ``assignee`` (an empty name unassigns it)."""
    return _record(runs_dir, run_id, target, "assign", who, assignee=assignee.strip())


def add_note(runs_dir: str | Path, run_id: str, target: str, note: str, who: str | None = None) -> dict:
    """Add a note to a case."""
    if not note.strip():
        raise ValueError("the note is empty")
    return _record(runs_dir, run_id, target, "note", who, note=note)


def set_status(
    runs_dir: str | Path,
    run_id: str,
    target: str,
    status: str,
    note: str = "",
    who: str | None = None,
    members: Iterable[str] | None = None,
) -> dict:
    """Move a case to ``status``; a cluster with ``members`` also gets the matching review mark."""
    if status not in STATUSES:
        raise ValueError(f"unknown case status {status!r}; use one of {', '.join(STATUSES)}")
    now = current_status(runs_dir, target)
    if status != now and status not in MOVES[now]:
        raise ValueError(f"a case cannot move from {now} to {status}")
    record = _record(runs_dir, run_id, target, "status", who, status=status, note=note)
    if members is not None and status in ("confirmed", "benign"):
        mark_cluster(runs_dir, run_id, target, status, members, note, who)
    return record


def bulk_status(
    runs_dir: str | Path,
    run_id: str,
    targets: Mapping[str, Iterable[str] | None],
    status: str,
    note: str = "",
    who: str | None = None,
) -> list[dict]:
    """:func:`set_status` on many cases (``targets``: id → members or ``None``); stops at the first refusal."""
    for target in targets:  # check every move first: all or nothing
        now = current_status(runs_dir, target)
        if status != now and status not in MOVES.get(now, set()):
            raise ValueError(f"{target}: a case cannot move from {now} to {status}")
    return [set_status(runs_dir, run_id, t, status, note, who, members) for t, members in targets.items()]


def confirmed_targets(runs_dir: str | Path) -> set[str]:
    """Case ids whose current status is ``confirmed``."""
    state = case_state(runs_dir)
    return set(state.loc[state["status"] == "confirmed", "target"].astype(str))
