"""CLI commands for the Neo4j backend: ``doctor``, ``neo4j-load``, ``neo4j-import-files``.

Thin wrappers over :mod:`linkgraph.backends.neo4j`. Connection settings come from the
environment or ``LINKGRAPH_NEO4J_SECRETS`` (see docs/neo4j.md); the password is never printed.
Exit codes: 0 ok, 1 a check or the load failed, 2 settings or extras missing, 3 invalid input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from linkgraph.cli.common import err, fail, input_error, out

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from linkgraph.backends.neo4j.settings import Neo4jSettings
    from linkgraph.ingest.load import Dataset


BatchOpt = Annotated[int, typer.Option("--batch-size", min=1, help="Rows per transaction.")]


def _settings() -> Neo4jSettings:
    from linkgraph.backends.neo4j.settings import Neo4jSettings, SettingsError

    try:
        return Neo4jSettings.from_env()
    except SettingsError as exc:
        raise fail(str(exc), 2) from None


def _dataset(data_dir: Path) -> Dataset:
    from linkgraph.ingest.contract import InputError
    from linkgraph.ingest.load import load_tables

    try:
        return load_tables(data_dir)
    except InputError as exc:
        raise input_error(exc) from None


def _require_extra() -> None:

    try:
        import graphdatascience  # noqa: F401
        import neo4j  # noqa: F401
    except ImportError as exc:
        raise fail(f"the Neo4j commands need the neo4j extra: pip install 'linkgraph[neo4j]' ({exc})", 2) from None


class RichLoadProgress:
    """Draws the loader's progress as one rich bar per step."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}

    def start(self, step: str, total_rows: int, done_rows: int) -> None:
        self.tasks[step] = self.progress.add_task(step, total=total_rows, completed=done_rows)

    def advance(self, step: str, rows: int) -> None:
        self.progress.advance(self.tasks[step], rows)


def doctor(as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False) -> None:
    """Check the Neo4j server: connectivity, Neo4j and GDS versions, GDS memory estimate for the projection."""
    _require_extra()
    settings = _settings()
    from linkgraph.backends.neo4j.doctor import run_checks

    checks = []
    with err.status("checking Neo4j"):
        checks = list(run_checks(settings))
    if as_json:
        out.print_json(json.dumps([c.__dict__ for c in checks]))
    else:
        table = Table(title="linkgraph doctor (Neo4j backend)")
        table.add_column("check")
        table.add_column("status")
        table.add_column("detail", overflow="fold")
        marks = {True: "[green]ok[/green]", False: "[red]FAILED[/red]", None: "[yellow]skipped[/yellow]"}
        for check in checks:
            table.add_row(check.name, marks[check.ok], check.detail)
        out.print(table)
    if any(c.ok is False for c in checks):
        raise typer.Exit(1)


def neo4j_load(
    data_dir: Annotated[Path, typer.Argument(help="Directory of input tables.")],
    batch_size: BatchOpt = 5000,
    restart: Annotated[bool, typer.Option("--restart", help="Ignore checkpoints and load every batch again.")] = False,
) -> None:
    """Validate DATA_DIR and load it into Neo4j in batches (idempotent; rerun to resume after a failure)."""
    _require_extra()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from linkgraph.backends.neo4j.loader import GraphLoader, LoadError, Step
    from linkgraph.backends.neo4j.rows import dataset_statements

    dataset = _dataset(data_dir)
    settings = _settings()
    steps = [Step(name, rows) for name, rows in dataset_statements(dataset)]
    driver = settings.driver()
    columns = (TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    try:
        driver.verify_connectivity()
        with Progress(*columns, console=err) as progress:
            loader = GraphLoader(driver, settings.database, batch_size, RichLoadProgress(progress))
            reports = loader.load(steps, restart=restart)
            counts = loader.counts()
    except LoadError as exc:
        raise fail(str(exc), 1) from None
    except Exception as exc:  # connectivity, authentication, server errors
        raise fail(f"Neo4j at {settings.uri}: {type(exc).__name__}: {exc}", 1) from None
    finally:
        driver.close()
    for report in reports:
        skipped = f", {report.skipped_batches} already committed" if report.skipped_batches else ""
        err.print(
            f"{report.statement}: {report.rows:,} rows in {report.batches} batches{skipped} ({report.seconds:.1f}s)",
            highlight=False,
        )
    out.print(", ".join(f"{k} {v:,}" for k, v in counts.items()), highlight=False)


def neo4j_import_files(
    data_dir: Annotated[Path, typer.Argument(help="Directory of input tables.")],
    out_dir: Annotated[Path, typer.Argument(help="Directory to write the CSV files and import script into.")],
    database: Annotated[str, typer.Option("--database", help="Database the import creates.")] = "neo4j",
    container_dir: Annotated[
        str | None, typer.Option("--container-dir", help="Path of OUT as the importer sees it, e.g. /import in Docker.")
    ] = None,
    batch_size: BatchOpt = 5000,
) -> None:
    """Write header + data CSVs for `neo4j-admin database import full` and print the command."""
    from linkgraph.backends.neo4j.import_files import import_command, write_import_files

    dataset = _dataset(data_dir)
    files = write_import_files(dataset, out_dir, batch_size)
    command = import_command(files, database, container_dir)
    script = out_dir / "neo4j-admin-import.sh"
    script.write_text(
        f"#!/bin/sh\n# Bulk initial load; the database {database!r} must not exist yet.\nset -eu\n{command}\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    for f in files:
        err.print(f"{f.option:<16} {f.data.name:<24} {f.rows:>12,} rows", highlight=False)
    err.print(f"wrote {len(files)} header/data pairs and {script}", highlight=False)
    print(command)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("doctor")(doctor)
    app.command("neo4j-load")(neo4j_load)
    app.command("neo4j-import-files")(neo4j_import_files)
