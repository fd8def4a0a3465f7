"""Structured logs for schedulers: one JSON object per line on stderr, ending with a summary.

Turn on with ``--log-json`` or ``LINKGRAPH_LOG_FORMAT=json``. Every line has ``ts``,
``level``, ``logger`` and ``msg``, plus any ``extra`` fields of the log call. The last line
of a job is ``{"event": "summary", "command": ..., "status": ..., "exit_code": ...,
"duration_s": ...}`` with the job's results (run id, lineage counts, accounts exported...).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TextIO

ENV_FORMAT = "LINKGRAPH_LOG_FORMAT"
SUMMARY_LOGGER = "linkgraph.summary"
_RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line (extras included, exceptions as text)."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        payload.update({k: v for k, v in vars(record).items() if k not in _RESERVED and not k.startswith("_")})
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


def json_requested(flag: bool = False) -> bool:
    """True when ``--log-json`` is given or ``LINKGRAPH_LOG_FORMAT=json``."""
    return flag or os.environ.get(ENV_FORMAT, "").strip().lower() == "json"


def configure_json_logging(level: int = logging.INFO, stream: TextIO | None = None) -> None:
    """Send every log record to ``stream`` (stderr) as JSON lines, replacing other handlers."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


class JobSummary:
    """Collects a job's results; :func:`job_summary` logs them as the final line."""

    def __init__(self, command: str, enabled: bool = True) -> None:
        self.fields: dict[str, Any] = {"command": command}
        self.status = "ok"
        self.exit_code = 0
        self.enabled = enabled

    def update(self, **fields: Any) -> None:
        self.fields.update(fields)

    def fail(self, status: str, exit_code: int, message: str) -> None:
        self.status, self.exit_code = status, exit_code
        self.fields["error"] = message


@contextmanager
def job_summary(command: str, enabled: bool = True) -> Iterator[JobSummary]:
    """Yield a :class:`JobSummary`; on exit log ``event=summary`` with status and duration.

    An exception that escapes marks the job ``error`` (exit code 1) unless :meth:`JobSummary.fail`
    already set a status; ``SystemExit``-style exits keep the code they carry.
    """
    summary = JobSummary(command, enabled)
    start = time.perf_counter()
    try:
        yield summary
    except BaseException as exc:
        code = getattr(exc, "exit_code", getattr(exc, "code", None))
        if summary.status == "ok":
            if isinstance(code, int) and code != 0:
                summary.fail("error", code, summary.fields.get("error", type(exc).__name__))
            elif not isinstance(code, int):
                summary.fail(
                    "interrupted" if isinstance(exc, KeyboardInterrupt) else "error",
                    130 if isinstance(exc, KeyboardInterrupt) else 1,
                    str(exc) or type(exc).__name__,
                )
        raise
    finally:
        if enabled:
            logging.getLogger(SUMMARY_LOGGER).log(
                logging.INFO if summary.status == "ok" else logging.ERROR,
                "%s finished: %s",
                command,
                summary.status,
                extra={
                    "event": "summary",
                    **summary.fields,
                    "status": summary.status,
                    "exit_code": summary.exit_code,
                    "duration_s": round(time.perf_counter() - start, 3),
                },
            )
