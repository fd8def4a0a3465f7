"""CLI commands for scheduled jobs: ``diff``, ``append``, ``prune``, and the job wrapper.

:func:`cli_job` gives every scheduled command the same behaviour: JSON-lines logs on
request (``--log-json`` / ``LINKGRAPH_LOG_FORMAT=json``) ending with a summary line, and
the documented exit codes (3 input, 4 not found, 75 lock held, 1 unexpected).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from linkgraph.contract import InputError
from linkgraph.joblog import JobSummary, configure_json_logging, job_summary, json_requested
from linkgraph.lock import LockHeld

log = logging.getLogger(__name__)
err = Console(stderr=True)
out = Console()

LogJsonOpt = Annotated[
    bool,
    typer.Option("--log-json", help="JSON-lines logs on stderr with a final summary (or LINKGRAPH_LOG_FORMAT=json)."),
]


@contextmanager
def cli_job(command: str, log_json: bool = False) -> Iterator[JobSummary]:
    """Run a command body as a scheduled job: structured logs, summary line, exit codes."""
    from linkgraph.backends.base import BackendError
    from linkgraph.cli import EXIT_INPUT, EXIT_LOCKED, EXIT_NOT_FOUND, _input_error
    from linkgraph.runs import RunNotFound

    json_logs = json_requested(log_json)
    if json_logs:
        configure_json_logging()
    with job_summary(command, enabled=json_logs) as summary:
        try:
            yield summary
        except typer.Exit:
            raise
        except LockHeld as exc:
            raise job_exit(summary, "locked", EXIT_LOCKED, str(exc)) from None
        except InputError as exc:
            summary.update(problems=[str(p) for p in exc.problems[:50]])
            message = f"{len(exc.problems)} problem(s) in the input; nothing was loaded"
            if not json_logs:
                summary.fail("input_error", EXIT_INPUT, message)
                raise _input_error(exc) from None
            raise job_exit(summary, "input_error", EXIT_INPUT, message) from None
        except (RunNotFound, FileNotFoundError) as exc:
            raise job_exit(summary, "not_found", EXIT_NOT_FOUND, str(exc)) from None
        except BackendError as exc:
            raise job_exit(summary, "backend_error", 1, str(exc)) from None
        except Exception as exc:
            if not json_logs:
                raise
            log.exception("%s failed", command)
            raise job_exit(summary, "error", 1, str(exc) or type(exc).__name__) from None


def job_exit(summary: JobSummary, status: str, code: int, message: str) -> typer.Exit:
    """Record a failure in the summary, tell a human (unless logging JSON), and return the exit."""
    summary.fail(status, code, message)
    if not summary.enabled:
        err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def say(summary: JobSummary, message: str) -> None:
    """Human progress on stderr, unless the job logs JSON (then stderr is JSON only)."""
    if not summary.enabled:
        err.print(message, highlight=False, soft_wrap=True)


def diff(
    run_a: Annotated[str, typer.Argument(help="Older run: id, unique prefix, 'latest' or 'previous'.")],
    run_b: Annotated[str, typer.Argument(help="Newer run: id, unique prefix, 'latest' or 'previous'.")],
    runs: Annotated[Path, typer.Option("--runs", help="Directory of detection runs.")] = Path("runs"),
    show_all: Annotated[bool, typer.Option("--all", help="Also list unchanged clusters.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Lineage between two runs: new, grown, shrunk, merged, split, dissolved clusters."""
    from linkgraph.cli import EXIT_NOT_FOUND, _fail
    from linkgraph.jobs import run_members
    from linkgraph.lineage import diff_members, lineage_counts
    from linkgraph.runs import RunNotFound, read_manifest, resolve_run

    try:
        dir_a, dir_b = resolve_run(runs, run_a), resolve_run(runs, run_b)
    except RunNotFound as exc:
        raise _fail(str(exc), EXIT_NOT_FOUND) from None
    lineage = diff_members(run_members(dir_a), run_members(dir_b))
    counts = lineage_counts(lineage)
    id_a, id_b = read_manifest(dir_a)["run_id"], read_manifest(dir_b)["run_id"]
    shown = lineage if show_all else lineage[lineage["status"] != "unchanged"]
    if as_json:
        payload = {"run_a": id_a, "run_b": id_b, "counts": counts, "clusters": shown.to_dict(orient="records")}
        out.print_json(json.dumps(payload, default=str))
        return
    table = Table(title=f"{id_a} → {id_b}")
    for col in ("cluster", "status", "size", "added", "removed", "sources"):
        table.add_column(col, overflow="fold")
    for row in shown.itertuples():
        table.add_row(
            str(row.cluster_id),
            str(row.status),
            f"{row.prev_size:,} → {row.size:,}",
            f"+{row.added:,}",
            f"-{row.removed:,}",
            str(row.sources),
        )
    out.print(table)
    out.print(", ".join(f"{n} {status}" for status, n in counts.items()), highlight=False)


def append(
    data_dir: Annotated[Path, typer.Argument(help="Data directory to append to.")],
    delta_dir: Annotated[Path, typer.Argument(help="Directory of delta tables (same names and formats).")],
    log_json: LogJsonOpt = False,
) -> None:
    """Append delta tables to DATA_DIR as part files, all or nothing; re-delivered files are skipped."""
    from linkgraph.deltas import append_delta

    with cli_job("append", log_json) as summary:
        result = append_delta(data_dir, delta_dir)
        summary.update(
            data_dir=str(data_dir), added=len(result.added), skipped=len(result.skipped), files=result.as_dict()
        )
        for item in result.added:
            say(summary, f"added {item['source']} as {item['part']} ({item['rows']:,} rows)")
        for item in result.skipped:
            say(summary, f"skipped {item['source']}: already delivered (as {item['already_as']})")
        if not result.added:
            say(summary, "nothing new to append")


def prune(
    keep: Annotated[int, typer.Option("--keep", min=1, help="How many of the newest runs to keep.")],
    runs: Annotated[Path, typer.Option("--runs", help="Directory of detection runs.")] = Path("runs"),
    log_json: LogJsonOpt = False,
) -> None:
    """Delete all but the newest N runs; runs that an export refers to are always kept."""
    from linkgraph.lock import run_lock
    from linkgraph.retention import prune_runs

    with cli_job("prune", log_json) as summary:
        if not runs.is_dir():
            raise job_exit(summary, "not_found", 4, f"{runs} is not a run store")
        with run_lock(runs):
            result = prune_runs(runs, keep)
        summary.update(runs_dir=str(runs), **result.as_dict())
        say(
            summary,
            f"removed {len(result.removed)} run(s); kept {result.kept}"
            + (
                f" ({len(result.kept_referenced)} only because an export refers to them)"
                if result.kept_referenced
                else ""
            ),
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(diff)
    app.command()(append)
    app.command()(prune)
