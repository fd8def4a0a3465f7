"""The detection job: tables → weighted graph → communities → scoring → published run."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from linkgraph.backends import get_backend
from linkgraph.backends.base import Backend
from linkgraph.backends.warmstart import WarmStartBackend
from linkgraph.communities.params import PartitionParams
from linkgraph.enforcement.registry import referenced_runs
from linkgraph.graph import GraphParams, build_link_graph
from linkgraph.ingest.deltas import consistent_read
from linkgraph.ingest.load import Dataset, load_tables
from linkgraph.runs.activity import activity_table
from linkgraph.runs.lineage import Matched, match_clusters
from linkgraph.runs.reader import latest_run, next_cluster_number, run_members, save_counter
from linkgraph.runs.retention import prune_runs
from linkgraph.runs.store import code_version, next_run_id, staged_run, sweep_staging, write_json_atomic
from linkgraph.scoring.score import Scored, ScoringParams, score
from linkgraph.storage.lock import LockHeld, run_lock

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
ACTIVITY_COLUMNS = ("account_id", "timestamp", "model")
"""The columns of the optional requests table that detection reads (for the model-pivot feature)."""


@dataclass(frozen=True)
class DetectParams:
    """Everything that decides a run's result; recorded in its manifest."""

    partition: PartitionParams = field(default_factory=PartitionParams)
    graph: GraphParams = field(default_factory=GraphParams)
    scoring: ScoringParams = field(default_factory=ScoringParams)

    def as_dict(self) -> dict[str, object]:
        return {"partition": asdict(self.partition), "graph": self.graph.as_dict(), "scoring": self.scoring.as_dict()}


@dataclass
class Detection:
    """A finished detection, ready to be written as a run."""

    dataset: Dataset
    scored: Scored
    timings: dict[str, float]
    params: DetectParams
    backend: str


class Stopwatch:
    """Times named stages and reports them to an optional progress callback."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.progress:
            self.progress(name)
        start = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - start, 3)
        log.info("stage %s took %.2fs", name, self.timings[name])


def run_detection(
    dataset: Dataset,
    params: DetectParams | None = None,
    backend: Backend | None = None,
    watch: Stopwatch | None = None,
) -> Detection:
    """Weigh, partition and score an already loaded dataset (pure apart from the backend)."""
    params = params or DetectParams()
    backend = backend or get_backend("embedded")
    watch = watch or Stopwatch()
    with watch.stage("graph"):
        graph = build_link_graph(dataset, params.graph)
    with watch.stage("communities"):
        membership = backend.partition(graph, params.partition)
    with watch.stage("scoring"):
        scored = score(graph, dataset.accounts, membership, dataset.ip_asn, params.scoring, dataset.requests)
    return Detection(dataset, scored, watch.timings, params, backend.name)


def assign_cluster_ids(clusters: pd.DataFrame) -> pd.Series:
    """First-run cluster ids, ranked by risk then size: ``C000001`` is the riskiest."""
    order = clusters.sort_values(["risk_score", "size", "community"], ascending=[False, False, True], kind="stable")
    ids = pd.Series([f"C{i:06d}" for i in range(1, len(order) + 1)], index=order.index)
    return ids.reindex(clusters.index)


def run_tables(detection: Detection, cluster_ids: pd.Series) -> dict[str, pd.DataFrame]:
    """The run's output tables, with account ids and cluster ids resolved."""
    scored = detection.scored
    accounts = detection.dataset.accounts
    account_id = accounts["account_id"].array
    cid = pd.Series(cluster_ids.to_numpy(), index=scored.clusters["community"].to_numpy())
    clusters = scored.clusters.assign(cluster_id=cid.reindex(scored.clusters["community"]).to_numpy())
    lead = ["cluster_id", "size", "risk_score", "risk_band"]
    clusters = clusters[lead + [c for c in clusters.columns if c not in lead]]
    clusters = clusters.sort_values(["risk_score", "size"], ascending=[False, False], kind="stable")
    m = scored.members
    members = pd.DataFrame(
        {
            "account_id": account_id.take(m["acct"].to_numpy()),
            "cluster_id": cid.reindex(m["community"]).to_numpy(),
            "role": m["role"].to_numpy(),
            "evidence_score": m["evidence_score"].round(4).to_numpy(),
            "n_shared": m["n_shared"].to_numpy(),
            "community": m["community"].to_numpy(),
        }
    )
    ev = scored.cluster_artifacts
    evidence = pd.DataFrame(
        {
            "cluster_id": cid.reindex(ev["community"]).to_numpy(),
            "kind": ev["kind"].astype(str).to_numpy(),
            "artifact": ev["artifact"].array,
            "n_members": ev["n_members"].to_numpy(),
            "df": ev["df"].to_numpy(),
            "weight": ev["weight"].round(4).to_numpy(),
            "generic": ev["generic"].to_numpy(),
            "strength": ev["strength"].round(4).to_numpy(),
        }
    )
    ml = scored.member_links
    member_links = pd.DataFrame(
        {
            "account_id": account_id.take(ml["acct"].to_numpy()),
            "cluster_id": cid.reindex(ml["community"]).to_numpy(),
            "kind": ml["kind"].astype(str).to_numpy(),
            "artifact": ml["artifact"].array,
            "n_members": ml["n_in"].to_numpy(),
            "df": ml["df"].to_numpy(),
            "weight": ml["weight"].round(4).to_numpy(),
        }
    )
    keep_cols = [c for c in ("account_id", "created_at", "email_domain", "country", "status") if c in accounts.columns]
    member_accounts = accounts.iloc[m["acct"].to_numpy()][keep_cols].reset_index(drop=True)
    return {
        "clusters": clusters.reset_index(drop=True),
        "members": members,
        "evidence": evidence,
        "member_links": member_links,
        "accounts": member_accounts,
        "activity": activity_table(detection.dataset.requests, account_id, m["acct"].to_numpy()),
    }


def write_run(
    detection: Detection,
    runs_dir: str | Path,
    started_at: datetime,
    run_id: str | None = None,
    cluster_ids: pd.Series | None = None,
    extra_manifest: dict | None = None,
    extra_tables: dict[str, pd.DataFrame] | None = None,
) -> str:
    """Write ``detection`` as a new run and publish it atomically; returns the run id.

    ``extra_tables`` (such as ``lineage``) are written beside the standard tables.
    """
    runs_dir = Path(runs_dir)
    runs_dir.mkdir(parents=True, exist_ok=True)
    sweep_staging(runs_dir)
    run_id = run_id or next_run_id(runs_dir, started_at)
    ids = cluster_ids if cluster_ids is not None else assign_cluster_ids(detection.scored.clusters)
    tables = run_tables(detection, ids)
    with staged_run(runs_dir, run_id) as folder:
        for name, frame in {**tables, **(extra_tables or {})}.items():
            frame.to_parquet(folder / f"{name}.parquet", index=False)
        n_flagged = int(
            (
                tables["members"]["role"].eq("core")
                & tables["members"]["cluster_id"].isin(
                    tables["clusters"].loc[
                        tables["clusters"]["risk_score"] >= detection.params.scoring.export_threshold, "cluster_id"
                    ]
                )
            ).sum()
        )
        manifest = {
            "run_id": run_id,
            "started_at": started_at.isoformat(),
            "finished_at": datetime.now(UTC).isoformat(),
            "code_version": code_version(),
            "backend": detection.backend,
            "parameters": detection.params.as_dict(),
            "export_threshold": detection.params.scoring.export_threshold,
            "inputs": [asdict(s) for s in detection.dataset.sources],
            "input_rows": detection.dataset.row_counts(),
            "output_rows": {name: len(frame) for name, frame in tables.items()},
            "accounts": detection.dataset.n_accounts,
            "clusters_by_band": tables["clusters"]["risk_band"].value_counts().to_dict(),
            "flagged_accounts": n_flagged,
            "timings_s": detection.timings,
        }
        manifest.update(extra_manifest or {})
        write_json_atomic(folder / "manifest.json", manifest)
    return run_id


def match_run(detection: Detection, previous: pd.DataFrame, next_id: int) -> Matched:
    """Stable ids and lineage for a detection against the previous run's members (pure)."""
    scored = detection.scored
    account_id = detection.dataset.accounts["account_id"].to_numpy()
    new = pd.DataFrame(
        {
            "account_id": account_id[scored.members["acct"].to_numpy()],
            "community": scored.members["community"].to_numpy(),
        }
    )
    order = scored.clusters.sort_values(
        ["risk_score", "size", "community"], ascending=[False, False, True], kind="stable"
    )["community"].tolist()
    return match_clusters(previous, new, next_id, order=order)


def detect(
    data_dir: str | Path,
    runs_dir: str | Path = "runs",
    params: DetectParams | None = None,
    backend: Backend | None = None,
    progress: Progress | None = None,
    warm_start: bool = False,
    keep: int | None = None,
) -> str:
    """Run the whole job on ``data_dir`` and publish a run in ``runs_dir``; returns its id.

    Holds the run store's lock for the whole job (:class:`~linkgraph.storage.lock.LockHeld` if
    another run has it), keeps cluster ids stable against the previous run and records the
    lineage (``lineage.parquet``, ``manifest["lineage"]``). ``warm_start`` starts Leiden
    from the previous partition (embedded backend only; off by default, since a cold start
    is what makes the same input and seed give the same clusters). ``keep`` prunes old runs after
    publishing (runs an export refers to are kept).
    """
    started = datetime.now(UTC)
    watch = Stopwatch(progress)
    params = params or DetectParams()
    backend = backend or get_backend("embedded")
    runs_dir = Path(runs_dir)
    with run_lock(runs_dir):
        with watch.stage("read"):
            dataset = consistent_read(data_dir, lambda: load_tables(data_dir, request_columns=ACTIVITY_COLUMNS))
            previous_dir = latest_run(runs_dir)
            previous = run_members(previous_dir)
        warm = (
            warm_start
            and previous_dir is not None
            and backend.name == "embedded"
            and params.partition.method == "leiden"
        )
        engine = WarmStartBackend(previous) if warm else backend
        detection = run_detection(dataset, params, engine, watch)
        with watch.stage("lineage"):
            matched = match_run(detection, previous, next_cluster_number(runs_dir))
        lineage = {
            "previous_run": previous_dir.name if previous_dir else None,
            "warm_start": warm,
            "next_cluster_id": matched.next_id,
            "counts": matched.counts(),
        }
        ids = detection.scored.clusters["community"].map(matched.ids)
        with watch.stage("write"):
            run_id = write_run(
                detection,
                runs_dir,
                started,
                cluster_ids=ids,
                extra_manifest={"lineage": lineage},
                extra_tables={"lineage": matched.lineage},
            )
            save_counter(runs_dir, matched.next_id, run_id)
        log.info("published run %s", run_id, extra={"event": "run", "run_id": run_id, "lineage": lineage["counts"]})
        if keep is not None:
            try:
                prune_runs(runs_dir, keep, referenced_runs)
            except (LockHeld, OSError) as exc:
                log.warning("run %s is published, but pruning was skipped: %s", run_id, exc)
    return run_id
