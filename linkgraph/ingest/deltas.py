"""Incremental input: append daily delta tables to a data directory, all or nothing.

``append_delta(DATA_DIR, DELTA_DIR)``:

1. Hashes every table file in ``DELTA_DIR`` (same names and formats as a data directory);
   a file whose sha256 is already in ``DATA_DIR/.delivered.json`` (or repeats another file
   of the same delivery) is skipped, so a re-delivered file is never counted twice.
2. Copies the new files into a private staging folder as part files
   (``proxies.part-0003.csv``) and validates the *combined* data (existing files plus the
   new parts) with the normal loader. Any problem refuses the whole delivery.
3. Commits by writing a journal, then moves the parts into ``DATA_DIR`` and records their
   hashes. A crash before the journal leaves nothing; a crash after it is rolled forward
   by the next append or detection (:func:`recover_appends`), so readers that recover
   first never see half a delivery.

Everything runs under ``DATA_DIR/.linkgraph.lock``; detections take the same lock to read.
Accounts deltas may only add accounts (an ``account_id`` delivered again is a duplicate).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from linkgraph.ingest.contract import SUFFIXES, TABLES, InputError, Problem
from linkgraph.ingest.load import load_tables
from linkgraph.ingest.readers import find_table, part_number, sha256_of
from linkgraph.storage.atomic import write_json_atomic
from linkgraph.storage.lock import DATA_LOCK, data_lock

log = logging.getLogger(__name__)
T = TypeVar("T")

DELIVERED = ".delivered.json"
STAGING = ".append-staging"
JOURNAL = "journal.json"
IGNORED = ("truth.csv",)


@dataclass
class Appended:
    """The outcome of one append: files added as parts, and files skipped as re-deliveries."""

    added: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"added": self.added, "skipped": self.skipped}


def read_delivered(data_dir: str | Path) -> dict[str, dict]:
    """sha256 → what was delivered (table, part file, source, rows, time)."""
    path = Path(data_dir) / DELIVERED
    if not path.is_file():
        return {}
    return dict(json.loads(path.read_text()).get("files", {}))


def _write_delivered(data_dir: Path, files: dict[str, dict]) -> None:
    write_json_atomic(data_dir / DELIVERED, {"files": files})


def table_files(data_dir: Path) -> list[tuple[str, Path]]:
    """(table, file) for every table file in ``data_dir``, base files first."""
    return [(name, path) for name in TABLES for path in find_table(data_dir, name)]


def _unknown_files(delta_dir: Path, known: set[Path]) -> list[Problem]:
    problems = []
    for path in sorted(delta_dir.iterdir()):
        if path.name.startswith(".") or path.name in IGNORED or path in known or not path.is_file():
            continue
        if path.name.endswith(SUFFIXES):
            tables = ", ".join(TABLES)
            problems.append(Problem(path.name, f"is not a table of the data contract ({tables}); rename or remove it"))
    return problems


def consistent_read(data_dir: str | Path, read: Callable[[], T]) -> T:
    """Run ``read`` on ``data_dir`` so that it never sees half an append.

    A directory that was never appended to has no lock file and is left untouched; once
    ``append`` has run (or starts while ``read`` runs), the read is done under the data
    lock, after finishing any interrupted append.
    """
    lock = Path(data_dir) / DATA_LOCK
    if not lock.exists():
        result = read()
        if not lock.exists():
            return result
    with data_lock(data_dir):
        recover_appends(data_dir)
        return read()


def recover_appends(data_dir: str | Path) -> list[str]:
    """Finish committed appends and discard uncommitted ones left by a crash; returns what was done."""
    data_dir = Path(data_dir)
    staging = data_dir / STAGING
    done: list[str] = []
    if not staging.is_dir():
        return done
    if not os.access(data_dir, os.W_OK):
        log.warning("%s holds an interrupted append but is read-only; run 'linkgraph append' to finish it", data_dir)
        return done
    for tx in sorted(staging.iterdir()):
        if (tx / JOURNAL).is_file():
            _roll_forward(data_dir, tx)
            done.append(f"completed {tx.name}")
        else:
            shutil.rmtree(tx, ignore_errors=True)
            done.append(f"discarded {tx.name}")
    shutil.rmtree(staging, ignore_errors=True)
    for line in done:
        log.warning("recovered an interrupted append: %s", line)
    return done


def _roll_forward(data_dir: Path, tx: Path) -> None:
    journal = json.loads((tx / JOURNAL).read_text())
    for part in journal["parts"]:
        src = tx / "parts" / part
        if src.exists():
            os.replace(src, data_dir / part)
    delivered = read_delivered(data_dir)
    delivered.update(journal["delivered"])
    _write_delivered(data_dir, delivered)
    shutil.rmtree(tx, ignore_errors=True)


def _next_part(data_dir: Path) -> int:
    numbers = [n for name, path in table_files(data_dir) if (n := part_number(path, name)) is not None]
    return max(numbers, default=0) + 1


def _part_name(table: str, number: int, source: Path) -> str:
    suffix = next(s for s in SUFFIXES if source.name.endswith(s))
    return f"{table}.part-{number:04d}{suffix}"


def append_delta(data_dir: str | Path, delta_dir: str | Path) -> Appended:
    """Append the tables of ``delta_dir`` to ``data_dir`` (see the module docs).

    Raises :class:`InputError` (nothing appended) or :class:`~linkgraph.storage.lock.LockHeld`.
    """
    data_dir, delta_dir = Path(data_dir), Path(delta_dir)
    for folder, role in ((data_dir, "data directory"), (delta_dir, "delta directory")):
        if not folder.is_dir():
            raise InputError([Problem(str(folder), f"is not a directory ({role})")])
    with data_lock(data_dir):
        recover_appends(data_dir)
        return _append_locked(data_dir, delta_dir)


def _append_locked(data_dir: Path, delta_dir: Path) -> Appended:
    now = datetime.now(UTC).isoformat()
    delivered = read_delivered(data_dir)
    recorded_parts = {info.get("part") for info in delivered.values()}
    for table, path in table_files(data_dir):  # files that came without ``append`` (the first snapshot)
        if path.name not in recorded_parts:
            delivered.setdefault(
                sha256_of(path), {"table": table, "part": path.name, "source": "initial", "delivered_at": now}
            )
    incoming = table_files(delta_dir)
    problems = _unknown_files(delta_dir, {path for _, path in incoming})
    if problems:
        raise InputError(problems)
    result = Appended()
    fresh: list[tuple[str, Path, str]] = []
    seen: set[str] = set()
    for table, path in incoming:
        digest = sha256_of(path)
        if digest in delivered or digest in seen:
            first = delivered.get(digest, {"part": "this delivery"})
            result.skipped.append(
                {"table": table, "source": str(path), "sha256": digest, "already_as": first.get("part")}
            )
            continue
        seen.add(digest)
        fresh.append((table, path, digest))
    if not fresh:
        _write_delivered(data_dir, delivered)
        return result

    tx = data_dir / STAGING / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
    parts_dir, view = tx / "parts", tx / "view"
    parts_dir.mkdir(parents=True)
    view.mkdir()
    try:
        for _, path in table_files(data_dir):
            (view / path.name).symlink_to(path.resolve())
        number = _next_part(data_dir)
        names: dict[str, Path] = {}
        for i, (table, path, _) in enumerate(fresh):
            name = _part_name(table, number + i, path)
            shutil.copyfile(path, parts_dir / name)
            (view / name).symlink_to((parts_dir / name).resolve())
            names[name] = path
        try:
            dataset = load_tables(view)
        except InputError as exc:
            raise InputError([_name_source(p, names) for p in exc.problems]) from None
        rows = {Path(s.path).name: s.rows for s in dataset.sources}
        entries = {}
        for (table, path, digest), name in zip(fresh, names, strict=True):
            entry = {
                "table": table,
                "part": name,
                "source": str(path.resolve()),
                "rows": rows.get(name, 0),
                "size": path.stat().st_size,
                "delivered_at": now,
            }
            entries[digest] = entry
            result.added.append({**entry, "sha256": digest})
        delivered.update(entries)
        write_json_atomic(tx / JOURNAL, {"parts": list(names), "delivered": delivered})
    except BaseException:
        shutil.rmtree(tx, ignore_errors=True)
        with contextlib.suppress(OSError):
            tx.parent.rmdir()
        raise
    _roll_forward(data_dir, tx)
    shutil.rmtree(data_dir / STAGING, ignore_errors=True)
    log.info(
        "appended %d file(s) to %s; %d re-delivered file(s) skipped",
        len(result.added),
        data_dir,
        len(result.skipped),
        extra={"event": "append", "added": len(result.added), "skipped": len(result.skipped)},
    )
    return result


def _name_source(problem: Problem, names: dict[str, Path]) -> Problem:
    """Say which delivered file a problem in a new part came from."""
    source = names.get(problem.file)
    return replace(problem, file=f"{source} (as {problem.file})") if source else problem
