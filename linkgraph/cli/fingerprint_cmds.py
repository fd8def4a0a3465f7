"""``linkgraph fingerprint``: prompt text → ``prompt_fingerprints`` (and ``requests``) rows with SimHash.

For teams that have prompt text. The text is normalised to its template, hashed, and
dropped: only fingerprints and SimHashes are written, never the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from linkgraph.cli.common import fail, input_error, out
from linkgraph.ingest.contract import InputError, Problem
from linkgraph.ingest.validate import row_numbers
from linkgraph.storage.atomic import atomic_path

PROMPT_COLUMNS = ("account_id", "timestamp", "text")


def read_prompts(path: Path) -> pd.DataFrame:
    """Read ``account_id, timestamp, text`` from CSV(.gz) or Parquet; InputError names file, row, column."""
    name = path.name
    try:
        if name.endswith(".parquet"):
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError, EOFError) as exc:
        raise InputError([Problem(name, f"not a readable table: {type(exc).__name__}")]) from None
    missing = [c for c in PROMPT_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError([Problem(name, f"missing column(s): {', '.join(missing)}")])
    problems = []
    stamps = pd.to_datetime(frame["timestamp"], utc=True, errors="coerce", format="ISO8601")
    for column, bad, message in (
        ("account_id", frame["account_id"].astype(str).str.strip() == "", "empty account_id"),
        ("timestamp", stamps.isna(), "not an ISO 8601 timestamp"),
    ):
        rows, total = row_numbers(bad.to_numpy())
        if total:
            problems.append(Problem(name, message, column, rows, total))
    if problems:
        raise InputError(problems)
    return frame.assign(timestamp=stamps)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    text = frame.copy()
    for column in ("timestamp", "first_seen", "last_seen"):
        if column in text.columns:
            text[column] = text[column].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    with atomic_path(path) as tmp:
        text.to_csv(tmp, index=False)


def fingerprint(
    prompts_file: Annotated[Path, typer.Argument(help="Table of account_id, timestamp, text (CSV or Parquet).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Directory to write the tables into.")],
    with_requests: Annotated[
        bool, typer.Option("--requests/--no-requests", help="Also write requests.csv (one row per prompt).")
    ] = False,
) -> None:
    """Turn prompt text into prompt_fingerprints rows (fingerprint + SimHash per template); text is never written."""
    from linkgraph.signals.fingerprint import fingerprint_prompts

    if not prompts_file.is_file():
        raise fail(f"{prompts_file} not found", 4)
    try:
        prompts = read_prompts(prompts_file)
    except InputError as exc:
        raise input_error(exc) from None
    prints, requests = fingerprint_prompts(prompts)
    output.mkdir(parents=True, exist_ok=True)
    _write_csv(prints, output / "prompt_fingerprints.csv")
    if with_requests:
        _write_csv(requests, output / "requests.csv")
    out.print(
        f"wrote {len(prints):,} prompt_fingerprints rows ({prints['fingerprint'].nunique():,} templates)"
        + (f" and {len(requests):,} requests rows" if with_requests else "")
        + f" to {output}",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(fingerprint)
