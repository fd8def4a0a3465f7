"""The append-only audit log of exports and review marks (``RUNS_DIR/audit.jsonl``)."""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime
from pathlib import Path

from linkgraph.storage.jsonl import append_jsonl, read_jsonl

AUDIT_FILE = "audit.jsonl"


def current_user() -> str:
    """Who is acting: ``LINKGRAPH_USER``, else the login name."""
    user = os.environ.get("LINKGRAPH_USER")
    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def append_audit(runs_dir: str | Path, action: str, **fields: object) -> dict:
    """Append one record (``action``, ``who``, ``at`` plus ``fields``) and fsync it."""
    record = {"at": datetime.now(UTC).isoformat(), "who": fields.pop("who", None) or current_user(), "action": action}
    record.update(fields)
    return append_jsonl(Path(runs_dir) / AUDIT_FILE, record)


def read_audit(runs_dir: str | Path) -> list[dict]:
    """All audit records, oldest first (a line torn by a crash is skipped with a warning)."""
    return read_jsonl(Path(runs_dir) / AUDIT_FILE)
