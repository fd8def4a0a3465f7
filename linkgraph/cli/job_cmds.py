"""CLI commands for scheduled jobs: ``diff``, ``append``, ``prune``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from linkgraph.cli.common import EXIT_NOT_FOUND, LogJsonOpt, cli_job, fail, job_exit, out, say


def diff(
    run_a: Annotated[str, typer.Argument(help="Older run: id, unique prefix, 'latest' or 'previous'.")],
    run_b: Annotated[str, typer.Argument(help="Newer run: id, unique prefix, 'latest' or 'previous'.")],
    runs: Annotated[Path, typer.Option("--runs", help="Directory of detection runs.")] = Path("runs"),
    show_all: Annotated[bool, typer.Option("--all", help="Also list unchanged clusters.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Lineage between two runs: new, grown, shrunk, merged, split, dissolved clusters and campaigns."""
    from linkgraph.runs.lineage import diff_members, lineage_counts
    from linkgraph.runs.reader import run_campaign_members, run_members
    from linkgraph.runs.store import RunNotFound, read_manifest, resolve_run

    try:
        dir_a, dir_b = resolve_run(runs, run_a), resolve_run(runs, run_b)
    except RunNotFound as exc:
        raise fail(str(exc), EXIT_NOT_FOUND) from None
    lineage = diff_members(run_members(dir_a), run_members(dir_b))
    campaign_of = run_campaign_members(dir_b).drop_duplicates("account_id")
    members_b = run_members(dir_b).merge(campaign_of.rename(columns={"cluster_id": "campaign_id"}), how="left")
    cluster_campaign = members_b.drop_duplicates("cluster_id").set_index("cluster_id")["campaign_id"]
    lineage["campaign_id"] = lineage["cluster_id"].map(cluster_campaign).fillna("").to_numpy()
    campaigns = diff_members(run_campaign_members(dir_a), campaign_of)
    counts = lineage_counts(lineage)
    id_a, id_b = read_manifest(dir_a)["run_id"], read_manifest(dir_b)["run_id"]
    shown = lineage if show_all else lineage[lineage["status"] != "unchanged"]
    if as_json:
        payload = {"run_a": id_a, "run_b": id_b, "counts": counts, "clusters": shown.to_dict(orient="records")}
        payload |= {"campaign_counts": lineage_counts(campaigns), "campaigns": campaigns.to_dict(orient="records")}
        out.print_json(json.dumps(payload, default=str))
        return
    table = Table(title=f"{id_a} → {id_b}")
    for col in ("cluster", "campaign", "status", "size", "added", "removed", "sources"):
        table.add_column(col, overflow="fold")
    for row in shown.itertuples():
        table.add_row(
            str(row.cluster_id),
            str(row.campaign_id),
            str(row.status),
            f"{row.prev_size:,} → {row.size:,}",
            f"+{row.added:,}",
            f"-{row.removed:,}",
            str(row.sources),
        )
    out.print(table)
    out.print("clusters: " + ", ".join(f"{n} {status}" for status, n in counts.items()), highlight=False)
    if len(campaigns):
        c_counts = lineage_counts(campaigns)
        out.print("campaigns: " + ", ".join(f"{n} {status}" for status, n in c_counts.items()), highlight=False)


def append(
    data_dir: Annotated[Path, typer.Argument(help="Data directory to append to.")],
    delta_dir: Annotated[Path, typer.Argument(help="Directory of delta tables (same names and formats).")],
    log_json: LogJsonOpt = False,
) -> None:
    """Append delta tables to DATA_DIR as part files, all or nothing; re-delivered files are skipped."""
    from linkgraph.ingest.deltas import append_delta

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
    from linkgraph.enforcement.registry import referenced_runs
    from linkgraph.runs.retention import prune_runs
    from linkgraph.storage.lock import run_lock

    with cli_job("prune", log_json) as summary:
        if not runs.is_dir():
            raise job_exit(summary, "not_found", 4, f"{runs} is not a run store")
        with run_lock(runs):
            result = prune_runs(runs, keep, referenced_runs)
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
