"""Shared CLI pieces: the consoles, exit codes, error printing, common options and the job wrapper.

Exit codes: 0 success; 1 unexpected error; 2 usage error; 3 invalid input (nothing
loaded); 4 run or file not found; 75 another run holds the lock (try again later).

:func:`cli_job` gives every scheduled command the same behaviour: JSON-lines logs on
request (``--log-json`` / ``LINKGRAPH_LOG_FORMAT=json``) ending with a summary line, and
the documented exit codes. This module imports nothing from the rest of :mod:`linkgraph.cli`
except the JSON log format.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from linkgraph.backends.base import BackendError
from linkgraph.cli.joblog import JobSummary, configure_json_logging, job_summary, json_requested
from linkgraph.ingest.contract import InputError
from linkgraph.runs.store import RunNotFound
from linkgraph.storage.lock import LockHeld

log = logging.getLogger(__name__)
err = Console(stderr=True)
out = Console(soft_wrap=True)

EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_NOT_FOUND = 4
EXIT_LOCKED = 75

RunsOpt = Annotated[Path, typer.Option("--runs", help="Directory of detection runs.")]
RunOpt = Annotated[str, typer.Option("--run", help="Run id, unique prefix, 'latest' or 'previous'.")]
LogJsonOpt = Annotated[
    bool,
    typer.Option("--log-json", help="JSON-lines logs on stderr with a final summary (or LINKGRAPH_LOG_FORMAT=json)."),
]


def fail(message: str, code: int) -> typer.Exit:
    """Print ``message`` as an error and return the exit to raise."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def input_error(exc: InputError) -> typer.Exit:
    """Print every input problem and return exit 3."""
    err.print(f"[red]error:[/red] {len(exc.problems)} problem(s) in the input; nothing was loaded", highlight=False)
    for problem in exc.problems:
        err.print(f"  - {problem}", highlight=False, soft_wrap=True)
    return typer.Exit(EXIT_INPUT)


@contextmanager
def cli_job(command: str, log_json: bool = False) -> Iterator[JobSummary]:
    """Run a command body as a scheduled job: structured logs, summary line, exit codes."""
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
                raise input_error(exc) from None
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
