"""Durable JSON-lines logs (audit, reviews, export registry): one helper to append, one to read.

An append takes the file's lock, starts on a fresh line if a crash tore the last one,
writes one line and fsyncs it. Reading skips a torn line with a warning instead of failing,
so one crash mid-append never blocks pruning, detection or the app.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from filelock import FileLock

log = logging.getLogger(__name__)


def lock_for(path: str | Path) -> FileLock:
    """The lock that serialises appends to ``path``."""
    return FileLock(str(path) + ".lock")


def append_jsonl(path: str | Path, record: dict) -> dict:
    """Append ``record`` as one JSON line under the file's lock, durably; returns it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(record, sort_keys=True, default=str) + "\n").encode("utf-8")
    with lock_for(path), path.open("a+b") as fh:
        end = fh.seek(0, os.SEEK_END)
        if end > 0:
            fh.seek(end - 1)
            if fh.read(1) != b"\n":  # a torn last line: keep this record on a line of its own
                line = b"\n" + line
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())
    return record


def read_jsonl(path: str | Path) -> list[dict]:
    """Every record of ``path``, oldest first; torn or non-JSON lines are skipped with a warning."""
    path = Path(path)
    if not path.is_file():
        return []
    records: list[dict] = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            log.warning("%s line %d is not valid JSON (a torn write?); skipped", path, number)
            continue
        if isinstance(record, dict):
            records.append(record)
        else:
            log.warning("%s line %d is not a JSON object; skipped", path, number)
    return records
