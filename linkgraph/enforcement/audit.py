"""The append-only audit log of exports and review marks (``RUNS_DIR/audit.jsonl``)."""

from __future__ import annotations

import getpass
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock

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
    path = Path(runs_dir) / AUDIT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"at": datetime.now(UTC).isoformat(), "who": fields.pop("who", None) or current_user(), "action": action}
    record.update(fields)
    line = json.dumps(record, sort_keys=True, default=str) + "\n"
    with FileLock(str(path) + ".lock"), path.open("a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())
    return record


def read_audit(runs_dir: str | Path) -> list[dict]:
    """All audit records, oldest first."""
    path = Path(runs_dir) / AUDIT_FILE
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
