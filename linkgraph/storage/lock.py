"""Inter-process locks for scheduled jobs (``filelock``; released by the OS if a holder dies).

- ``RUNS_DIR/.run.lock``: one detection (or prune) at a time per run store; non-blocking.
- ``RUNS_DIR/.exports.lock``: exports and retention agree on the export registry.
- ``DATA_DIR/.linkgraph.lock``: appends and the reads of a detection do not interleave
  (created by the first append; see :func:`linkgraph.ingest.deltas.consistent_read`).

The holder writes ``LOCK.owner`` (pid, host, command, since) so a refused caller can say
who holds the lock.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)

RUN_LOCK = ".run.lock"
EXPORTS_LOCK = ".exports.lock"
DATA_LOCK = ".linkgraph.lock"


class LockHeld(RuntimeError):
    """Another process holds the lock; try again later (CLI exit code 75)."""

    def __init__(self, path: Path, what: str, holder: dict | None) -> None:
        who = ""
        if holder:
            who = (
                f" (pid {holder.get('pid')} on {holder.get('host')}, {holder.get('command', '?')}, "
                f"since {holder.get('since')})"
            )
        super().__init__(f"another linkgraph {what} is running{who}; lock {path} is held, try again later")
        self.path = path
        self.holder = holder


def _owner_path(path: Path) -> Path:
    return path.with_name(path.name + ".owner")


def read_owner(path: Path) -> dict | None:
    """Who holds (or last held) the lock at ``path``, if recorded."""
    try:
        return json.loads(_owner_path(path).read_text())
    except (OSError, ValueError):
        return None


@contextmanager
def hold_lock(path: str | Path, what: str, timeout: float = 0) -> Iterator[None]:
    """Hold the lock file ``path``; raise :class:`LockHeld` if it is not free within ``timeout`` seconds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockHeld(path, what, read_owner(path)) from None
    try:
        owner = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:3]]) if sys.argv else "python",
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        try:
            _owner_path(path).write_text(json.dumps(owner) + "\n")
        except OSError:
            log.debug("could not record the owner of %s", path)
        yield
    finally:
        lock.release()


def run_lock(runs_dir: str | Path) -> AbstractContextManager[None]:
    """The run store's job lock: non-blocking, so a second scheduled run exits at once."""
    return hold_lock(Path(runs_dir) / RUN_LOCK, "run on this run store", timeout=0)


def exports_lock(runs_dir: str | Path, timeout: float = 60) -> AbstractContextManager[None]:
    """The export registry's lock (waits up to ``timeout`` seconds: exports are short)."""
    return hold_lock(Path(runs_dir) / EXPORTS_LOCK, "export or prune", timeout=timeout)


@contextmanager
def data_lock(data_dir: str | Path, timeout: float = 60) -> Iterator[None]:
    """The data directory's lock; skipped (with a debug log) when the directory is read-only or absent."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir() or not os.access(data_dir, os.W_OK):
        log.debug("not locking %s (absent or read-only)", data_dir)
        yield
        return
    with hold_lock(data_dir / DATA_LOCK, "append to this data directory", timeout=timeout):
        yield
