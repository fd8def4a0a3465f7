"""A crash mid-append to audit.jsonl must not break pruning, detect --keep or exports."""

from __future__ import annotations

from pathlib import Path

from worlds import tiny_tables, write_tables

from linkgraph.detect import detect
from linkgraph.enforcement.audit import AUDIT_FILE, append_audit, read_audit
from linkgraph.enforcement.registry import export_and_record, referenced_runs
from linkgraph.runs.retention import prune_runs


def test_torn_audit_line_is_survivable(tmp_path: Path) -> None:
    data = write_tables(tiny_tables(), tmp_path / "data")
    runs = tmp_path / "runs"
    detect(data, runs)
    append_audit(runs, "export", accounts=1)
    with (runs / AUDIT_FILE).open("a") as fh:
        fh.write('{"action": "exp')  # torn by a crash
    assert [r["action"] for r in read_audit(runs)] == ["export"]
    detect(data, runs, keep=1)  # used to exit 1 after publishing
    assert prune_runs(runs, 1, referenced_runs).kept == 1
    export_and_record(runs, tmp_path / "out.csv", "latest", None, None, False)
    assert [r["action"] for r in read_audit(runs)][-1] == "export"
