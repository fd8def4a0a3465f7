"""CLI commands that read runs: ``show``, ``explain``, ``export``, ``evaluate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from linkgraph.cli.common import EXIT_NOT_FOUND, LogJsonOpt, RunOpt, RunsOpt, cli_job, fail, job_exit, out, say


def show(
    runs: RunsOpt = Path("runs"),
    run: RunOpt = "latest",
    top: Annotated[int, typer.Option("--top", help="How many clusters.")] = 10,
) -> None:
    """Print a run's riskiest clusters with their evidence."""
    from linkgraph.runs.store import RunNotFound, read_manifest, read_table, resolve_run

    try:
        run_dir = resolve_run(runs, run)
    except RunNotFound as exc:
        raise fail(str(exc), EXIT_NOT_FOUND) from None
    manifest = read_manifest(run_dir)
    clusters = read_table(run_dir, "clusters").head(top)
    table = Table(title=f"run {manifest['run_id']}: top {len(clusters)} clusters", box=box.SIMPLE_HEAD)
    for col in ("cluster", "size", "core", "risk", "band", "evidence kinds", "burst", "hub", "own domain"):
        table.add_column(col, no_wrap=True)
    for row in clusters.to_dict("records"):
        table.add_row(
            str(row["cluster_id"]),
            f"{row['size']:,}",
            f"{row['n_core']:,}",
            f"{row['risk_score']:.2f}",
            str(row["risk_band"]),
            str(row["dominant_kinds"]),
            f"{row['burst_share']:.0%}",
            f"{row['hub_share']:.0%}",
            f"{row['owned_domain_share']:.0%}",
        )
    Console(width=max(out.width, 120)).print(table)
    for row in clusters.to_dict("records"):  # the reasons, one line per cluster
        out.print(f"[bold]{row['cluster_id']}[/bold] {row['top_evidence']}", highlight=False)
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in manifest.get("timings_s", {}).items())
    out.print(
        f"{manifest['accounts']:,} accounts; {manifest['flagged_accounts']:,} flagged at risk ≥ "
        f"{manifest['export_threshold']}; stages: {timings}",
        highlight=False,
    )


def explain(
    account: Annotated[str, typer.Argument(help="Account id.")],
    other: Annotated[str | None, typer.Argument(help="Second account: why are the two linked?")] = None,
    runs: RunsOpt = Path("runs"),
    run: RunOpt = "latest",
) -> None:
    """Why an account is in its cluster, or why two accounts are linked (shortest evidence path)."""
    from linkgraph.investigate.paths import lookup_account, why_linked
    from linkgraph.investigate.run_data import load_run
    from linkgraph.runs.store import RunNotFound, resolve_run

    try:
        data = load_run(resolve_run(runs, run))
    except RunNotFound as exc:
        raise fail(str(exc), EXIT_NOT_FOUND) from None
    if other is None:
        view = lookup_account(data, account)
        if view is None:
            raise fail(f"{account} is in no cluster of run {data.run_id}", EXIT_NOT_FOUND)
        out.print(
            f"{view.account_id}: {view.role} member of {view.cluster_id} (risk "
            f"{float(view.cluster['risk_score']):.2f}, {view.cluster['risk_band']}), evidence score "
            f"{view.evidence_score:.2f}",
            highlight=False,
        )
        for link in view.links.to_dict("records"):
            out.print(
                f"  {link['kind']:<12} {link['artifact']}  shared with {int(link['n_members']) - 1} in the "
                f"cluster, {int(link['df'])} overall, weight {float(link['weight']):.2f}",
                highlight=False,
            )
        return
    path = why_linked(data, account, other)
    out.print(path.message, highlight=False)
    for step in path.steps.to_dict("records"):
        out.print(
            f"  {step['step']}. {step['from_account']} —{step['kind']} {step['artifact']} (weight "
            f"{float(step['weight']):.2f}, {int(step['n_members'])} members)→ {step['to_account']}",
            highlight=False,
        )
    if not path.found:
        raise typer.Exit(EXIT_NOT_FOUND)


def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    runs: RunsOpt = Path("runs"),
    run: RunOpt = "latest",
    fmt: Annotated[str | None, typer.Option("--format", help="csv, parquet or jsonl (default: from -o).")] = None,
    threshold: Annotated[float | None, typer.Option("--threshold", help="Risk threshold (default: the run's).")] = None,
    since_last_export: Annotated[
        bool,
        typer.Option(
            "--since-last-export",
            help="Only accounts no earlier export sent (newly flagged or joined a flagged cluster).",
        ),
    ] = False,
    include_enforced: Annotated[
        bool,
        typer.Option(
            "--include-enforced", help="Also list accounts already banned or suspended (left out by default)."
        ),
    ] = False,
    log_json: LogJsonOpt = False,
) -> None:
    """Write the enforcement list (core members of high-risk clusters) with a sidecar manifest.

    Every export is recorded in RUNS_DIR/exports.jsonl and the audit log.
    """
    from linkgraph.enforcement.registry import export_and_record

    with cli_job("export", log_json) as summary:
        try:
            record = export_and_record(runs, output, run, fmt, threshold, since_last_export, include_enforced)
        except ValueError as exc:
            raise job_exit(summary, "usage_error", 2, str(exc)) from None
        summary.update(**{k: record[k] for k in ("export_id", "run_id", "mode", "accounts", "file", "sha256")})
        what = " (new since the last export)" if since_last_export else ""
        say(summary, f"wrote {record['accounts']:,} accounts{what} to {output} (sha256 {record['sha256'][:12]}…)")


def evaluate(
    truth: Annotated[Path, typer.Option("--truth", help="truth.csv with account_id, group, kind.")],
    runs: RunsOpt = Path("runs"),
    run: RunOpt = "latest",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Precision and recall of the default export against ground truth."""
    from linkgraph.enforcement.evaluate import evaluate as run_evaluate
    from linkgraph.enforcement.evaluate import read_truth
    from linkgraph.enforcement.export import enforcement_list
    from linkgraph.runs.store import RunNotFound, read_table, resolve_run

    try:
        run_dir = resolve_run(runs, run)
    except RunNotFound as exc:
        raise fail(str(exc), EXIT_NOT_FOUND) from None
    if not truth.is_file():
        raise fail(f"{truth} not found", EXIT_NOT_FOUND)
    members = read_table(run_dir, "members")
    enforced = members.loc[members["enforced"].astype(bool), "account_id"] if "enforced" in members else None
    result = run_evaluate(enforcement_list(run_dir)["account_id"], read_truth(truth), enforced)
    if as_json:
        out.print_json(json.dumps(result.as_dict()))
    else:
        for line in result.lines():
            print(line)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(show)
    app.command()(explain)
    app.command()(export)
    app.command()(evaluate)
