"""Shared fixtures: the tiny hand-made world of ``worlds.py`` as files."""

from __future__ import annotations

from pathlib import Path

import pytest
from worlds import tiny_tables, write_tables


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """The tiny world as CSV files."""
    return write_tables(tiny_tables(), tmp_path / "tiny")
