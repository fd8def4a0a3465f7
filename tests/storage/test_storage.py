"""Atomic writes, durable JSONL and run-id stamps: one implementation each."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from linkgraph.storage.atomic import atomic_path, write_json_atomic
from linkgraph.storage.jsonl import append_jsonl, read_jsonl
from linkgraph.storage.stamps import next_stamp


def test_atomic_write_replaces_whole_file_and_fsyncs_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real(fd))
    target = tmp_path / "m.json"
    write_json_atomic(target, {"b": 1, "a": [1, 2]})
    assert json.loads(target.read_text()) == {"a": [1, 2], "b": 1}
    assert len(synced) >= 2  # the file, then the directory
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]


def test_failed_atomic_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("crash")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_torn_last_line_is_skipped_and_the_next_append_starts_fresh(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    append_jsonl(log, {"n": 1})
    with log.open("a") as fh:
        fh.write('{"n": 2, "tor')  # a crash mid-append
    assert read_jsonl(log) == [{"n": 1}]
    append_jsonl(log, {"n": 3})
    assert read_jsonl(log) == [{"n": 1}, {"n": 3}]


def test_missing_log_reads_empty(tmp_path: Path) -> None:
    assert read_jsonl(tmp_path / "none.jsonl") == []


def test_stamps_sort_after_existing_ones() -> None:
    late = ["29991231T235959Z-fffffe"]
    stamp = next_stamp(late)
    assert stamp > late[-1]
    assert next_stamp([*late, stamp]) > stamp
