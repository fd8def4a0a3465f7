"""The app server warms the newest run before it serves (``linkgraph.app.serve``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from linkgraph.app import serve, state
from linkgraph.investigate.run_data import LAZY_TABLES, RUNS_ENV

HANDMADE = Path(__file__).parents[1] / "investigate" / "handmade.py"
_spec = importlib.util.spec_from_file_location("_serve_fixture", HANDMADE)
assert _spec and _spec.loader
fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture)


def test_warm_switch() -> None:
    assert serve.warm_enabled({}) and serve.warm_enabled({serve.WARM_ENV: "1"})
    assert not serve.warm_enabled({serve.WARM_ENV: "0"}) and not serve.warm_enabled({serve.WARM_ENV: " No "})


def test_warm_fills_the_caches_the_pages_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = fixture.make_runs(tmp_path / "a")
    monkeypatch.setenv(RUNS_ENV, str(root))
    monkeypatch.setenv("HOME", str(tmp_path))
    state.load_run.clear()
    report = serve.warm(root)
    assert report.startswith("warmed in") and fixture.RUN_2 in report
    run = state.load_run(str(root / fixture.RUN_2))  # the object the pages get: already read and indexed
    assert run.loaded_tables == list(LAZY_TABLES) and "artifacts" in run.derived
    assert "no run to load yet" in serve.warm(tmp_path / "empty")
