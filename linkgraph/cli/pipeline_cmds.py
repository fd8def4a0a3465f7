"""CLI commands of the pipeline: ``generate``, ``validate``, ``detect``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from linkgraph.cli.common import LogJsonOpt, RunsOpt, cli_job, err, fail, input_error, out
from linkgraph.ingest.contract import InputError


def generate(
    out_dir: Annotated[Path, typer.Argument(help="Directory to write the world into.")],
    accounts: Annotated[int, typer.Option("--accounts", min=100, help="Number of accounts.")] = 5000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv or csv.gz.")] = "parquet",
    requests_per_account: Annotated[float, typer.Option("--requests-per-account", min=0.0)] = 2.0,
    world: Annotated[
        str,
        typer.Option(
            "--world",
            help="classic (operations that share cards, IPs and exact templates) or evasive (synchronized "
            "waves, paraphrased templates, ban evasion, proxies mixed with customers, benign look-alikes).",
        ),
    ] = "classic",
    scale: Annotated[
        list[str] | None,
        typer.Option(
            "--scale",
            help="Evasive world only: multiply a population's size, e.g. --scale op_varied=3 "
            "--scale organic_proxy_customers=10 (a stress world; repeatable).",
        ),
    ] = None,
) -> None:
    """Write a synthetic world with ground truth (OUT_DIR/truth.csv)."""
    from linkgraph.synth import WORLDS, generate_world

    if world not in WORLDS:
        raise fail(f"unknown world {world!r}; use one of {', '.join(WORLDS)}", 2)
    factors = _factors(scale or [])
    with err.status(f"generating {accounts:,} accounts ({world})"):
        try:
            summary = generate_world(
                out_dir,
                accounts,
                seed=seed,
                fmt=fmt,
                requests_per_account=requests_per_account,
                world=world,
                scale=factors,
            )
        except ValueError as exc:
            raise fail(str(exc), 2) from None
    out.print_json(json.dumps(summary, default=str))


def _factors(specs: list[str]) -> dict[str, float]:
    """``["op_varied=3"]`` -> ``{"op_varied": 3.0}``; a malformed spec exits 2."""
    factors = {}
    for spec in specs:
        name, _, value = spec.partition("=")
        try:
            factors[name.strip()] = float(value)
        except ValueError:
            raise fail(f"--scale {spec!r}: write NAME=FACTOR, e.g. op_varied=3", 2) from None
    return factors


def validate(data_dir: Annotated[Path, typer.Argument(help="Directory of input tables.")]) -> None:
    """Check the input tables against the data contract; report every problem found."""
    from linkgraph.ingest.load import load_tables

    try:
        dataset = load_tables(data_dir)
    except InputError as exc:
        raise input_error(exc) from None
    rows = ", ".join(f"{k}={v:,}" for k, v in dataset.row_counts().items())
    out.print(f"ok: {data_dir} is valid ({rows})", highlight=False)


def detect(
    data_dir: Annotated[
        str, typer.Argument(help="Directory of input tables (with --engine spark: any path Spark reads, e.g. s3a://).")
    ],
    runs: RunsOpt = Path("runs"),
    backend: Annotated[str, typer.Option("--backend", help="embedded or neo4j.")] = "embedded",
    engine_name: Annotated[
        str,
        typer.Option("--engine", help="embedded (one process, the default) or spark (pip install 'linkgraph[spark]')."),
    ] = "embedded",
    spark_master: Annotated[
        str | None,
        typer.Option("--spark-master", help="Spark master URL (default local[*], or what spark-submit sets)."),
    ] = None,
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
            help="Start Leiden from the previous run's clusters in RUNS_DIR (the default: scheduled runs keep "
            "their ids; a fresh RUNS_DIR is always a cold start, so the same input and seed give the same clusters).",
        ),
    ] = True,
    log_json: LogJsonOpt = False,
) -> None:
    """Detect clusters in DATA_DIR and publish a run; prints the run id on its last line."""
    from contextlib import nullcontext

    from linkgraph.backends import get_backend
    from linkgraph.communities.params import PartitionParams
    from linkgraph.detect import DetectParams
    from linkgraph.detect import detect as run_detect
    from linkgraph.graph import GraphParams

    params = DetectParams(
        partition=PartitionParams(method=method, seed=seed, resolution=resolution),
        graph=GraphParams(min_sharers=min_sharers),
    )
    if engine_name not in ("embedded", "spark"):
        raise fail(f"unknown engine {engine_name!r}; use embedded or spark", 2)
    if engine_name == "spark":
        if backend != "embedded":
            raise fail("--engine spark partitions on Spark; it cannot be combined with --backend " + backend, 2)
        _detect_spark(data_dir, runs, params, spark_master, keep, log_json)
        return
    if spark_master is not None:
        raise fail("--spark-master needs --engine spark", 2)
    try:
        engine = get_backend(backend)
    except (ValueError, ImportError) as exc:
        raise fail(str(exc), 2) from None
    with cli_job("detect", log_json) as summary:
        status = nullcontext(None) if summary.enabled else err.status("detecting")
        with status as spinner:
            progress = None if spinner is None else (lambda s: spinner.update(f"detecting: {s}"))
            try:
                run_id = run_detect(
                    Path(data_dir), runs, params, engine, progress=progress, warm_start=warm_start, keep=keep
                )
            finally:
                engine.close()
        _summarise(summary, run_id, data_dir, runs)
    print(run_id)


def _summarise(summary: Any, run_id: str, data_dir: str, runs: Path) -> None:
    from linkgraph.runs.store import list_runs, read_manifest

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


def _detect_spark(data: str, runs: Path, params: Any, master: str | None, keep: int | None, log_json: bool) -> None:
    """``detect --engine spark``: one progress line per Spark stage on stderr, the run id on stdout."""
    from linkgraph.spark.engine import spark_detect
    from linkgraph.spark.session import SparkSettings

    with cli_job("detect", log_json) as summary:
        progress = None if summary.enabled else (lambda stage: err.print(f"spark: {stage}", highlight=False))
        run_id = spark_detect(data, runs, params, SparkSettings(master=master), progress=progress, keep=keep)
        _summarise(summary, run_id, data, runs)
    print(run_id)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(generate)
    app.command()(validate)
    app.command()(detect)
