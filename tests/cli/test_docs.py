"""Docs stay true: every CLI command is in the README, which opens with the two commands."""

from __future__ import annotations

from pathlib import Path

import typer.main

from linkgraph.cli.main import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_every_command_is_documented() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands if f"linkgraph {name}" not in README]
    assert not missing, f"undocumented CLI commands: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block
