"""CLI commands for the Neo4j backend: doctor, bulk import files."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
