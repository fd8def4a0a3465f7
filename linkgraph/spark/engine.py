"""``detect --engine spark``: the detection job with its heavy stages on Spark, published like any run.

Stages (each a progress line; a failure names the stage and the input): ``read``
(validation in Spark SQL), ``signals`` (template families, lockstep windows), ``graph``
(link table, rarity weights, generic cut-offs), ``components`` (connected components),
``communities`` (Leiden per component), ``population`` (scoring's population statistics and
known-bad ties), ``scoring`` (per group of communities under ``applyInPandas``), ``collect``
(the accounts and the members' requests the run writer reads); then, under the run lock,
the same lineage, campaigns and run writer as the embedded job (:mod:`linkgraph.detect`).
Warm start is embedded-only: Spark runs are cold and seeded, so the same input and seed
give the same clusters.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from linkgraph.campaigns.bound import bound_clusters
from linkgraph.detect import Detection, DetectParams, Progress, Stopwatch, publish
from linkgraph.runs.reader import latest_run, run_members
from linkgraph.scoring.local import settle_satellites
from linkgraph.scoring.params import Scored
from linkgraph.spark.collect import asn_frame, driver_dataset, requests_frame, sources
from linkgraph.spark.components import account_components
from linkgraph.spark.families import family_links, family_table, fingerprint_families, request_families
from linkgraph.spark.home import home_network_table, with_established
from linkgraph.spark.leiden import partition_components
from linkgraph.spark.links import KINDS, build_graph
from linkgraph.spark.lockstep import lockstep
from linkgraph.spark.population import known_bad_table, population_stats
from linkgraph.spark.rewrites import rewrite_links
from linkgraph.spark.satellites import spark_drawn_by_templates, spark_satellite_moves
from linkgraph.spark.scoring import group_rows, score_in_spark
from linkgraph.spark.session import SparkSettings, release_driver_heap, start_session
from linkgraph.spark.stages import spark_stage
from linkgraph.spark.validate import Checked, validate_tables
from linkgraph.storage.lock import run_lock

log = logging.getLogger(__name__)


@dataclass
class SparkDetection(Detection):
    """A Spark detection, with the partitions behind it (``acct, community``) for parity checks."""

    components: pd.DataFrame | None = None
    membership: pd.DataFrame | None = None
    scoring_tasks: list[dict[str, int]] | None = None


def _signals(
    spark: Any, checked: Checked, params: DetectParams, watch: Stopwatch, source: str
) -> tuple[Any, Any, Any, dict]:
    """(derived link rows or None, requests with their family or None, each fingerprint's family or
    None, the manifest's signal report)."""
    from pyspark.sql import functions as F

    tables = checked.tables
    fingerprints, requests = tables.get("prompt_fingerprints"), tables.get("requests")
    parts, report = [], {}
    with spark_stage(watch, spark, "signals", source):
        families = family_table(spark, fingerprints, requests, params.signals) if params.signals.families else None
        if params.signals.families:
            links = family_links(fingerprints, requests, families) if families is not None else None
            report["family_links"] = links.count() if links is not None else 0
            report["families"] = links.select("artifact").distinct().count() if links is not None else 0
            if links is not None:
                parts.append(links)
                if params.signals.rewrites:
                    rewrites, found_rewrites = rewrite_links(spark, links, families, params.signals)
                    report.update(found_rewrites)
                    if rewrites is not None:
                        parts.append(rewrites)
        with_family = request_families(requests, families) if requests is not None else None
        if with_family is not None and params.signals.lockstep and with_family.limit(1).count():
            by_family = families is not None and with_family.filter(F.col("family").isNotNull()).limit(1).count() > 0
            found = lockstep(with_family, by_family, params.signals)
            parts.append(found.links)
            report.update(found.report, lockstep_links=found.links.count())
    derived = None
    for part in parts:
        part = part.select("account_id", "kind", "artifact", "first_seen", "last_seen", "count")
        derived = part if derived is None else derived.unionByName(part)
    return derived, with_family, fingerprint_families(fingerprints, families), report


def run_spark_detection(
    spark: Any, checked: Checked, params: DetectParams, settings: SparkSettings, watch: Stopwatch, source: str
) -> SparkDetection:
    """Signals, graph, components, communities and scoring in Spark; publishing on the driver (docs/spark.md)."""
    from pyspark.sql import functions as F

    derived, requests, fingerprint_family, report = _signals(spark, checked, params, watch, source)
    with spark_stage(watch, spark, "graph", source):
        graph = build_graph(spark, checked.tables, derived, params.graph, fingerprint_family)
        n_edges = graph.edges.count()
    with spark_stage(watch, spark, "components", source):
        components, rounds = account_components(graph.edges, graph.n_accounts)
        account_parts = components.filter(F.col("node") < graph.n_accounts).toPandas()
    with spark_stage(watch, spark, "communities", source):
        membership = partition_components(
            graph.edges,
            components,
            params.partition,
            params.graph,
            graph.n_accounts,
            settings.max_task_edges,
            settings.leiden_groups,
            settings.slice_edges,
        )
    with spark_stage(watch, spark, "population", source):
        release_driver_heap(spark)
        req = _with_accounts(requests, graph.accounts)
        kinds = [k for k in KINDS if k in {r[0] for r in graph.artifacts.select("kind").distinct().collect()}]
        population = population_stats(graph, req)
        ties = known_bad_table(graph, req, kinds)
        dated = replace(graph, accounts=with_established(graph.accounts, req))  # a domain's established staff
        home = home_network_table(dated, params.scoring.network_min_members)
    with spark_stage(watch, spark, "scoring", source):
        asn = asn_frame(checked.tables.get("proxies"))
        membership_frame = _frame(spark, membership, "acct long, community long")
        ties_frame = _frame(spark, ties, TIES_SCHEMA)
        rows = group_rows(graph, membership_frame, ties_frame, req, asn, settings.scoring_groups, home)
        found = score_in_spark(rows, population, params.scoring, kinds)
        first = found.scored

        def again(moved: pd.DataFrame) -> Scored:
            frame = _frame(spark, moved, "acct long, community long")
            touched = group_rows(graph, frame, ties_frame, req, asn, settings.scoring_groups, home)
            return score_in_spark(touched, population, params.scoring, kinds, split=False).scored

        def moves(members: pd.DataFrame) -> pd.Series:
            return spark_satellite_moves(spark, graph.links, graph.artifacts, members, params.scoring, graph.n_accounts)

        def drawn(moves: pd.Series, members: pd.DataFrame) -> pd.Series:
            return spark_drawn_by_templates(spark, graph.links, graph.artifacts, moves, members, params.scoring)

        if params.scoring.satellite_links > 0:
            first = settle_satellites(first, moves, again, drawn)
        scored, bounded = bound_clusters(first, params.campaigns.max_cluster_size, params.campaigns.min_core_share)
    with spark_stage(watch, spark, "collect", source):
        members = _frame(spark, scored.members[["acct"]], "acct long")
        member_requests = (
            requests_frame(requests, graph.accounts.join(members, "acct")) if requests is not None else None
        )
        dataset = driver_dataset(graph, member_requests, sources(checked.files, checked.rows))
        if req is not None:
            req.unpersist()
        release_driver_heap(spark)
    spark.catalog.clearCache()
    engine = {
        "master": spark.sparkContext.master,
        "edges": n_edges,
        "component_rounds": rounds,
        "scoring_groups": found.groups,
    }
    signals = {**report, "cluster_bound": bounded, "spark": engine}
    wcc = pd.DataFrame({"acct": account_parts["node"].to_numpy(), "community": account_parts["component"].to_numpy()})
    return SparkDetection(dataset, scored, watch.timings, params, "spark", signals, wcc, membership, found.tasks)


TIES_SCHEMA = (
    "acct long, tie_artifacts long, tie_kinds long, tied_enforced long, tie_ban_us long, replacement boolean, "
    "tied_most long, tied_banned long"
)


def _frame(spark: Any, frame: pd.DataFrame, schema: str) -> Any:
    """A driver table as a Spark DataFrame (through Arrow)."""
    return spark.createDataFrame(frame.reset_index(drop=True), schema)


def _with_accounts(requests: Any | None, accounts: Any) -> Any | None:
    """The requests with their account code ``acct`` (and ``family`` only when some request has one), cached."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    if requests is None:
        return None
    joined = requests.join(accounts.select("account_id", "acct"), "account_id")
    if "family" in joined.columns and not joined.filter(F.col("family").isNotNull()).limit(1).count():
        joined = joined.drop("family")  # no request carries a SimHash: no family column, as embedded
    return joined.persist(StorageLevel.MEMORY_AND_DISK)


def spark_detection(
    data: str,
    params: DetectParams | None = None,
    settings: SparkSettings | None = None,
    progress: Progress | None = None,
) -> SparkDetection:
    """Read, validate and detect on Spark (nothing is written); raises InputError or SparkStageError."""
    watch = Stopwatch(progress)
    params = params or DetectParams()
    settings = settings or SparkSettings()
    with watch.stage("session"):
        spark = start_session(settings)
    with spark_stage(watch, spark, "read", data):
        checked = validate_tables(spark, data)
    return run_spark_detection(spark, checked, params, settings, watch, data)


def publish_detection(detection: Detection, runs_dir: str | Path, started: datetime, keep: int | None = None) -> str:
    """Publish ``detection`` under the run lock exactly as embedded does (:func:`linkgraph.detect.publish`)."""
    runs_dir = Path(runs_dir)
    watch = Stopwatch()
    with run_lock(runs_dir):
        with watch.stage("previous"):
            previous_dir = latest_run(runs_dir)
            previous = run_members(previous_dir)
        return publish(detection, runs_dir, started, previous_dir, previous, watch, keep=keep)


def spark_detect(
    data: str,
    runs_dir: str | Path = "runs",
    params: DetectParams | None = None,
    settings: SparkSettings | None = None,
    progress: Progress | None = None,
    keep: int | None = None,
) -> str:
    """Run detection on Spark over ``data`` (any path Spark reads) and publish a run in ``runs_dir``.

    A refused input raises :class:`~linkgraph.ingest.contract.InputError` before anything is
    created in ``runs_dir``; a Spark failure raises
    :class:`~linkgraph.spark.stages.SparkStageError` naming the stage and the input.
    """
    started = datetime.now(UTC)
    detection = spark_detection(data, params, settings, progress)
    return publish_detection(detection, runs_dir, started, keep)
