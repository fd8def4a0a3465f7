"""The ``linkgraph`` command line: thin wrappers over library calls.

Exit codes: 0 success; 1 unexpected error; 2 usage error; 3 invalid input (nothing
loaded); 4 run or file not found; 75 another run holds the lock (try again later).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from linkgraph.cli_jobs import LogJsonOpt
from linkgraph.contract import InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # never print local variables (they may hold credentials)
    help="Find coordinated networks of accounts.",
)
err = Console(stderr=True)
out = Console(soft_wrap=True)

EXIT_INPUT = 3
EXIT_NOT_FOUND = 4
EXIT_LOCKED = 75

RunsOpt = Annotated[Path, typer.Option("--runs", help="Directory of detection runs.")]
RunOpt = Annotated[str, typer.Option("--run", help="Run id, unique prefix, 'latest' or 'previous'.")]


def _fail(message: str, code: int) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def _input_error(exc: InputError) -> typer.Exit:
    err.print(f"[red]error:[/red] {len(exc.problems)} problem(s) in the input; nothing was loaded", highlight=False)
    for problem in exc.problems:
        err.print(f"  - {problem}", highlight=False, soft_wrap=True)
    return typer.Exit(EXIT_INPUT)


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    """Find coordinated networks of accounts: generate, validate, detect, export, evaluate."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@app.command()
def generate(
    out_dir: Annotated[Path, typer.Argument(help="Directory to write the world into.")],
    accounts: Annotated[int, typer.Option("--accounts", min=100, help="Number of accounts.")] = 5000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv or csv.gz.")] = "parquet",
    requests_per_account: Annotated[float, typer.Option("--requests-per-account", min=0.0)] = 2.0,
) -> None:
    """Write a synthetic world with ground truth (OUT_DIR/truth.csv)."""
    from linkgraph.synth import generate_world

    with err.status(f"generating {accounts:,} accounts"):
        summary = generate_world(out_dir, accounts, seed=seed, fmt=fmt, requests_per_account=requests_per_account)
    out.print_json(json.dumps(summary, default=str))


@app.command()
def validate(data_dir: Annotated[Path, typer.Argument(help="Directory of input tables.")]) -> None:
    """Check the input tables against the data contract; report every problem found."""
    from linkgraph.ingest import load_tables

    try:
        dataset = load_tables(data_dir)
    except InputError as exc:
        raise _input_error(exc) from None
    rows = ", ".join(f"{k}={v:,}" for k, v in dataset.row_counts().items())
    out.print(f"ok: {data_dir} is valid ({rows})", highlight=False)


@app.command()
def detect(
    data_dir: Annotated[Path, typer.Argument(help="Directory of input tables.")],
    runs: RunsOpt = Path("runs"),
    backend: Annotated[str, typer.Option("--backend", help="embedded or neo4j.")] = "embedded",
    method: Annotated[str, typer.Option("--method", help="leiden, louvain or wcc.")] = "leiden",
    seed: Annotated[int, typer.Option("--seed")] = 0,
    resolution: Annotated[float, typer.Option("--resolution")] = 1.0,
    min_sharers: Annotated[
        int, typer.Option("--min-sharers", min=2, help="Accounts an artifact needs to join the graph (default 5).")
    ] = 5,
    keep: Annotated[
        int | None,
        typer.Option("--keep", min=1, help="Then prune to the newest N runs (runs an export refers to are kept)."),
    ] = None,
    warm_start: Annotated[
        bool,
        typer.Option(
            "--warm-start/--no-warm-start",
            help="Start Leiden from the previous run's clusters (off by default: "
            "a cold start gives the same clusters for the same input and seed).",
        ),
    ] = False,
    log_json: LogJsonOpt = False,
) -> None:
    """Detect clusters in DATA_DIR and publish a run; prints the run id on its last line."""
    from contextlib import nullcontext

    from linkgraph.backends import get_backend
    from linkgraph.backends.base import PartitionParams
    from linkgraph.cli_jobs import cli_job
    from linkgraph.detect import DetectParams
    from linkgraph.detect import detect as run_detect
    from linkgraph.graph import GraphParams
    from linkgraph.runs import list_runs, read_manifest

    params = DetectParams(
        partition=PartitionParams(method=method, seed=seed, resolution=resolution),
        graph=GraphParams(min_sharers=min_sharers),
    )
    try:
        engine = get_backend(backend)
    except (ValueError, ImportError) as exc:
        raise _fail(str(exc), 2) from None
    with cli_job("detect", log_json) as summary:
        status = nullcontext(None) if summary.enabled else err.status("detecting")
        with status as spinner:
            progress = None if spinner is None else (lambda s: spinner.update(f"detecting: {s}"))
            try:
                run_id = run_detect(data_dir, runs, params, engine, progress=progress, warm_start=warm_start, keep=keep)
            finally:
                engine.close()
        manifest = read_manifest(runs / run_id)
        summary.update(
            run_id=run_id,
            data_dir=str(data_dir),
            runs_dir=str(runs),
            accounts=manifest["accounts"],
            clusters=manifest["output_rows"]["clusters"],
            flagged_accounts=manifest["flagged_accounts"],
            lineage=manifest["lineage"],
            timings_s=manifest["timings_s"],
            runs_kept=len(list_runs(runs)),
        )
    print(run_id)


@app.command()
def show(
    runs: RunsOpt = Path("runs"),
    run: RunOpt = "latest",
    top: Annotated[int, typer.Option("--top", help="How many clusters.")] = 10,
) -> None:
    """Print a run's riskiest clusters with their evidence."""
    from linkgraph.runs import RunNotFound, read_manifest, read_table, resolve_run

    try:
        run_dir = resolve_run(runs, run)
    except RunNotFound as exc:
        raise _fail(str(exc), EXIT_NOT_FOUND) from None
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


@app.command()
def explain(
    account: Annotated[str, typer.Argument(help="Account id.")],
    other: Annotated[str | None, typer.Argument(help="Second account: why are the two linked?")] = None,
    runs: RunsOpt = Path("runs"),
    run: RunOpt = "latest",
) -> None:
    """Why an account is in its cluster, or why two accounts are linked (shortest evidence path)."""
    from linkgraph.appdata import load_run, lookup_account, why_linked
    from linkgraph.runs import RunNotFound, resolve_run

    try:
        data = load_run(resolve_run(runs, run))
    except RunNotFound as exc:
        raise _fail(str(exc), EXIT_NOT_FOUND) from None
    if other is None:
        view = lookup_account(data, account)
        if view is None:
            raise _fail(f"{account} is in no cluster of run {data.run_id}", EXIT_NOT_FOUND)
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


@app.command()
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
    log_json: LogJsonOpt = False,
) -> None:
    """Write the enforcement list (core members of high-risk clusters) with a sidecar manifest.

    Every export is recorded in RUNS_DIR/exports.jsonl and the audit log.
    """
    from linkgraph.alerts import export_and_record
    from linkgraph.cli_jobs import cli_job, job_exit, say

    with cli_job("export", log_json) as summary:
        try:
            record = export_and_record(runs, output, run, fmt, threshold, since_last_export)
        except ValueError as exc:
            raise job_exit(summary, "usage_error", 2, str(exc)) from None
        summary.update(**{k: record[k] for k in ("export_id", "run_id", "mode", "accounts", "file", "sha256")})
        what = " (new since the last export)" if since_last_export else ""
        say(summary, f"wrote {record['accounts']:,} accounts{what} to {output} (sha256 {record['sha256'][:12]}…)")


@app.command()
def evaluate(
    truth: Annotated[Path, typer.Option("--truth", help="truth.csv with account_id, group, kind.")],
    runs: RunsOpt = Path("runs"),
    run: RunOpt = "latest",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Precision and recall of the default export against ground truth."""
    from linkgraph.evaluate import evaluate as run_evaluate
    from linkgraph.evaluate import read_truth
    from linkgraph.export import enforcement_list
    from linkgraph.runs import RunNotFound, resolve_run

    try:
        run_dir = resolve_run(runs, run)
    except RunNotFound as exc:
        raise _fail(str(exc), EXIT_NOT_FOUND) from None
    if not truth.is_file():
        raise _fail(f"{truth} not found", EXIT_NOT_FOUND)
    result = run_evaluate(enforcement_list(run_dir)["account_id"], read_truth(truth))
    if as_json:
        out.print_json(json.dumps(result.as_dict()))
    else:
        for line in result.lines():
            print(line)


# Command groups that live in their own modules (one concept each).
from linkgraph import cli_app, cli_jobs, cli_neo4j  # noqa: E402

for _module in (cli_app, cli_jobs, cli_neo4j):
    _module.register(app)


def main() -> None:
    """Entry point of the ``linkgraph`` console script."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted; nothing was published")
        sys.exit(130)


if __name__ == "__main__":
    main()
