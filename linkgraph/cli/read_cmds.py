"""CLI commands that read runs: ``show``, ``explain``, ``export``, ``evaluate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from linkgraph.investigate.run_data import RunData

from linkgraph.cli.common import EXIT_NOT_FOUND, LogJsonOpt, RunOpt, RunsOpt, cli_job, fail, job_exit, out, say


def show(
    runs: RunsOpt = Path("runs"),
    run: RunOpt = "latest",
    top: Annotated[int, typer.Option("--top", help="How many clusters.")] = 10,
    why: Annotated[bool, typer.Option("--why", help="Also print each cluster's risk waterfall.")] = False,
) -> None:
    """Print a run's riskiest clusters with their campaign, what they look like and their evidence."""
    from linkgraph.campaigns.summary import describe, waterfall
    from linkgraph.investigate.campaigns import risk_bias, waterfall_lines
    from linkgraph.runs.store import RunNotFound, read_manifest, read_table, resolve_run

    try:
        run_dir = resolve_run(runs, run)
    except RunNotFound as exc:
        raise fail(str(exc), EXIT_NOT_FOUND) from None
    manifest = read_manifest(run_dir)
    clusters = read_table(run_dir, "clusters").head(top)
    table = Table(title=f"run {manifest['run_id']}: top {len(clusters)} clusters", box=box.SIMPLE_HEAD)
    for col in ("cluster", "campaign", "size", "core", "risk", "band", "evidence kinds", "burst", "hub", "own domain"):
        table.add_column(col, no_wrap=True)
    for row in clusters.to_dict("records"):
        table.add_row(
            str(row["cluster_id"]),
            str(row.get("campaign_id", "")),
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
    bias = risk_bias(manifest)
    for row in clusters.to_dict("records"):  # what it looks like and the reasons, per cluster
        out.print(f"[bold]{row['cluster_id']}[/bold] looks like: {describe(row)}", highlight=False)
        out.print(f"  evidence: {row['top_evidence']}", highlight=False)
        if why:
            for line in waterfall_lines(waterfall(row, bias)):
                out.print(line, highlight=False)
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in manifest.get("timings_s", {}).items())
    out.print(
        f"{manifest['accounts']:,} accounts; {manifest['flagged_accounts']:,} flagged at risk ≥ "
        f"{manifest['export_threshold']}; stages: {timings}",
        highlight=False,
    )


def _explain_cluster(data: RunData, cluster_id: str) -> None:
    from linkgraph.campaigns.summary import organisation_note
    from linkgraph.investigate.campaigns import campaign_of, looks_like, risk_waterfall, waterfall_lines

    row = data.cluster(cluster_id).to_dict()
    out.print(
        f"{cluster_id} (campaign {campaign_of(data, cluster_id) or '—'}): {int(row['size']):,} accounts, "
        f"{int(row['n_core']):,} core, risk {float(row['risk_score']):.2f} ({row['risk_band']})",
        highlight=False,
    )
    out.print(f"looks like: {looks_like(data, cluster_id)}", highlight=False)
    out.print("risk = sigmoid(bias + contributions):", highlight=False)
    for line in waterfall_lines(risk_waterfall(data, cluster_id)):
        out.print(line, highlight=False)
    note = organisation_note(row)
    if note:
        out.print(f"note: {note}", highlight=False)
    out.print(f"evidence: {row['top_evidence']}", highlight=False)


def _explain_campaign(data: RunData, campaign_id: str) -> None:
    from linkgraph.investigate.campaigns import campaign_clusters

    assert data.campaigns is not None
    c = data.campaigns.loc[campaign_id].to_dict()
    out.print(
        f"{campaign_id}: {c['kind']}; {int(c['n_clusters'])} clusters, {int(c['size']):,} accounts "
        f"({int(c['n_core']):,} core), risk {float(c['risk_score']):.2f}, {c['change']} since the last run",
        highlight=False,
    )
    out.print(f"linked by: {c['links'] or 'a campaign of one cluster'}", highlight=False)
    for r in campaign_clusters(data, campaign_id).to_dict("records"):
        out.print(
            f"  {r['cluster_id']}  {int(r['size']):>7,}  risk {float(r['risk_score']):.2f}  {r['looks_like']}",
            highlight=False,
        )


def _explain_artifact(data: RunData, artifact: str) -> None:
    from linkgraph.investigate.artifacts import artifact_clusters, artifact_users

    users = artifact_users(data, artifact)
    if users.empty:
        raise fail(f"no clustered account of run {data.run_id} uses {artifact!r}", EXIT_NOT_FOUND)
    per = artifact_clusters(users)
    out.print(
        f"{users['kind'].iloc[0]} {users['artifact'].iloc[0]}: {len(users):,} accounts in {len(per):,} clusters",
        highlight=False,
    )
    for r in per.to_dict("records"):
        out.print(
            f"  {r['cluster_id']} (campaign {r['campaign_id'] or '—'}, risk {float(r['risk_score']):.2f}): "
            f"{int(r['accounts']):,} accounts",
            highlight=False,
        )
    for r in users.to_dict("records"):
        out.print(f"  {r['account_id']}  {r['cluster_id']}  {r['role']}", highlight=False)


def explain(
    account: Annotated[
        str | None, typer.Argument(help="Account id, or a cluster id (C…) or campaign id (K…) for its risk.")
    ] = None,
    other: Annotated[str | None, typer.Argument(help="Second account: why are the two linked?")] = None,
    artifact: Annotated[
        str | None, typer.Option("--artifact", help="Every account and cluster using this card, IP or template.")
    ] = None,
    runs: RunsOpt = Path("runs"),
    run: RunOpt = "latest",
) -> None:
    """Why an account is in its cluster, why two accounts are linked, why a cluster or campaign is
    risky (the risk waterfall), or who uses an artifact (--artifact)."""
    from linkgraph.investigate.paths import RIDER_NOTE, lookup_account, why_linked
    from linkgraph.investigate.run_data import load_run
    from linkgraph.runs.store import RunNotFound, resolve_run

    try:
        data = load_run(resolve_run(runs, run))
    except RunNotFound as exc:
        raise fail(str(exc), EXIT_NOT_FOUND) from None
    if artifact is not None:
        return _explain_artifact(data, artifact)
    if account is None:
        raise fail("give an account, cluster or campaign id, or --artifact", 2)
    if other is None and data.has_cluster(account):
        return _explain_cluster(data, account)
    if other is None and data.campaigns is not None and account in data.campaigns.index:
        return _explain_campaign(data, account)
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
        if view.rider:
            out.print(f"  {RIDER_NOTE}", highlight=False)
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
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="Only clusters confirmed by review or case work (any risk).")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Confirm a --threshold below the run's documented default.")
    ] = False,
    reason: Annotated[
        str, typer.Option("--reason", help="Why this export (kept in its manifest and the audit log).")
    ] = "",
    log_json: LogJsonOpt = False,
) -> None:
    """Write the enforcement list (core members of high-risk clusters) with a sidecar manifest.

    A --threshold below the run's default says what it adds (accounts, clusters, the largest
    cluster and its core share) and is refused unless --force and --reason are given.
    Every export is recorded, with who and why, in RUNS_DIR/exports.jsonl and the audit log.
    """
    from linkgraph.enforcement.guard import NeedsConfirmation
    from linkgraph.enforcement.registry import export_and_record

    with cli_job("export", log_json) as summary:
        try:
            record = export_and_record(
                runs,
                output,
                run,
                fmt,
                threshold,
                since_last_export,
                include_enforced,
                force=force,
                reviewed=reviewed,
                reason=reason,
            )
        except NeedsConfirmation as exc:
            raise job_exit(summary, "needs_confirmation", 2, str(exc)) from None
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
