"""CLI commands for scheduled jobs: lineage, diff, retention."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
