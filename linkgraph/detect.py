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
from linkgraph.campaigns.bound import bound_clusters
from linkgraph.campaigns.build import campaigns_for_run
from linkgraph.campaigns.rule import CampaignParams
from linkgraph.communities.params import PartitionParams
from linkgraph.enforcement.registry import referenced_runs
from linkgraph.graph import GraphParams, build_link_graph, share_links
from linkgraph.ingest.deltas import consistent_read
from linkgraph.ingest.load import Dataset, load_tables
from linkgraph.runs.ids import first_run_ids, risk_order
from linkgraph.runs.lineage import Matched, match_clusters
from linkgraph.runs.reader import latest_run, next_cluster_number, run_members, save_counter
from linkgraph.runs.retention import prune_runs
from linkgraph.runs.store import code_version, next_run_id
from linkgraph.runs.writer import flagged_accounts, publish_run, run_tables
from linkgraph.scoring.params import Scored, ScoringParams
from linkgraph.scoring.score import score
from linkgraph.signals.derive import SignalParams, derive_links
from linkgraph.storage.collector import frozen_heap
from linkgraph.storage.lock import LockHeld, run_lock
from linkgraph.storage.pages import without_hugepage_advice

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
ACTIVITY_COLUMNS = ("account_id", "timestamp", "model", "prompt_fingerprint", "prompt_simhash")
"""The columns of the optional requests table that detection reads (model pivot, lockstep, families)."""


@dataclass(frozen=True)
class DetectParams:
    """Everything that decides a run's result; recorded in its manifest."""

    partition: PartitionParams = field(default_factory=PartitionParams)
    graph: GraphParams = field(default_factory=GraphParams)
    scoring: ScoringParams = field(default_factory=ScoringParams)
    signals: SignalParams = field(default_factory=SignalParams)
    campaigns: CampaignParams = field(default_factory=CampaignParams)

    def as_dict(self) -> dict[str, object]:
        return {
            "partition": asdict(self.partition),
            "graph": self.graph.as_dict(),
            "scoring": self.scoring.as_dict(),
            "signals": self.signals.as_dict(),
            "campaigns": self.campaigns.as_dict(),
        }


@dataclass
class Detection:
    """A finished detection, ready to be written as a run."""

    dataset: Dataset
    scored: Scored
    timings: dict[str, float]
    params: DetectParams
    backend: str
    signals: dict[str, object] = field(default_factory=dict)


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
    release: bool = False,
) -> Detection:
    """Weigh, partition and score an already loaded dataset (pure apart from the backend).

    ``dataset.links`` is re-pointed at the graph's copy of the same rows (same values), so the
    link table is held once (:func:`~linkgraph.graph.share_links`). ``release`` drops
    ``dataset.simhashes`` once the signals are derived (the caller no longer needs them).
    """
    params = params or DetectParams()
    backend = backend or get_backend("embedded")
    watch = watch or Stopwatch()
    with watch.stage("signals"):
        derived = derive_links(dataset.simhashes, dataset.requests, params.signals)
        if release:
            dataset.simhashes = None
    with watch.stage("graph"):
        graph = build_link_graph(dataset, params.graph, derived.links, derived.fingerprint_family)
        share_links(dataset, graph)
        # the graph holds their rows now: free them for the later stages (peak memory)
        derived.links, derived.fingerprint_family = derived.links.iloc[:0].copy(), None
    with watch.stage("communities"):
        membership = backend.partition(graph, params.partition)
    with watch.stage("scoring"):
        requests = dataset.requests
        if requests is not None and derived.request_family is not None:
            requests = requests.assign(family=derived.request_family.array)
        scored = score(graph, dataset.accounts, membership, dataset.ip_asn, params.scoring, requests)
        scored, bounded = bound_clusters(scored, params.campaigns.max_cluster_size, params.campaigns.min_core_share)
    return Detection(dataset, scored, watch.timings, params, backend.name, {**derived.report, "cluster_bound": bounded})


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
    run_id = run_id or next_run_id(runs_dir, started_at)
    scored = detection.scored
    ids = cluster_ids if cluster_ids is not None else first_run_ids(scored.clusters)
    tables = run_tables(scored, detection.dataset.accounts, ids, detection.dataset.requests)
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
        "flagged_accounts": flagged_accounts(tables, detection.params.scoring.export_threshold),
        "timings_s": detection.timings,
        "signals": detection.signals,
        **(extra_manifest or {}),
    }
    publish_run(runs_dir, run_id, {**tables, **(extra_tables or {})}, manifest)
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
    order = risk_order(scored.clusters)["community"].tolist()
    return match_clusters(previous, new, next_id, order=order)


def detect(
    data_dir: str | Path,
    runs_dir: str | Path = "runs",
    params: DetectParams | None = None,
    backend: Backend | None = None,
    progress: Progress | None = None,
    warm_start: bool = True,
    keep: int | None = None,
) -> str:
    """Run the whole job on ``data_dir`` and publish a run in ``runs_dir``; returns its id.

    Reads and validates the input first: a refused input raises
    :class:`~linkgraph.ingest.contract.InputError` before anything is created in ``runs_dir``
    (no directory, no lock file). Then it holds the run store's lock for the rest of the job
    (:class:`~linkgraph.storage.lock.LockHeld` if another run has it), keeps cluster ids
    stable against the previous run and records the lineage (``lineage.parquet``,
    ``manifest["lineage"]``). ``warm_start`` (the default) starts Leiden from the previous
    partition when the runs directory has one (embedded backend only); the first run on a
    fresh directory is always cold, so the same input and seed give the same clusters.
    ``keep`` prunes old runs after publishing (runs an export refers to are kept).
    """
    started = datetime.now(UTC)
    watch = Stopwatch(progress)
    params = params or DetectParams()
    backend = backend or get_backend("embedded")
    runs_dir = Path(runs_dir)
    with without_hugepage_advice(), frozen_heap():  # see linkgraph.storage: faster, same results
        with watch.stage("read"):
            dataset = consistent_read(data_dir, lambda: load_tables(data_dir, request_columns=ACTIVITY_COLUMNS))
        with run_lock(runs_dir):
            with watch.stage("previous"):
                previous_dir = latest_run(runs_dir)
                previous = run_members(previous_dir)
            warm = (
                warm_start
                and previous_dir is not None
                and backend.name == "embedded"
                and params.partition.method == "leiden"
            )
            engine = WarmStartBackend(previous) if warm else backend
            detection = run_detection(dataset, params, engine, watch, release=True)
            return publish(detection, runs_dir, started, previous_dir, previous, watch, warm, keep)


def publish(
    detection: Detection,
    runs_dir: Path,
    started: datetime,
    previous_dir: Path | None,
    previous: pd.DataFrame,
    watch: Stopwatch,
    warm: bool = False,
    keep: int | None = None,
) -> str:
    """Publish ``detection`` (caller holds the run lock): stable ids, lineage, campaigns, the run, pruning."""
    params = detection.params
    with watch.stage("lineage"):
        matched = match_run(detection, previous, next_cluster_number(runs_dir))
    lineage = {
        "previous_run": previous_dir.name if previous_dir else None,
        "warm_start": warm,
        "next_cluster_id": matched.next_id,
        "counts": matched.counts(),
    }
    ids = detection.scored.clusters["community"].map(matched.ids)
    with watch.stage("campaigns"):
        account_ids = detection.dataset.accounts["account_id"].to_numpy()
        camp = campaigns_for_run(
            detection.scored, ids, account_ids, runs_dir, previous_dir, params.campaigns, params.scoring
        )
    with watch.stage("write"):
        run_id = write_run(
            detection,
            runs_dir,
            started,
            cluster_ids=ids,
            extra_manifest={"lineage": lineage, "campaigns": camp.report()},
            extra_tables={"lineage": matched.lineage, **camp.tables()},
        )
        save_counter(runs_dir, matched.next_id, run_id)
    log.info("published run %s", run_id, extra={"event": "run", "run_id": run_id, "lineage": lineage["counts"]})
    if keep is not None:
        try:
            prune_runs(runs_dir, keep, referenced_runs)
        except (LockHeld, OSError) as exc:
            log.warning("run %s is published, but pruning was skipped: %s", run_id, exc)
    return run_id
