"""The Neo4j backend: the same bipartite weighted graph, partitioned by Graph Data Science.

For each partition call:

1. **sync** (default on): merge the link table into Neo4j with the checkpointed loader, a
   no-op when the same links were already loaded (by ``linkgraph neo4j-load`` or an earlier
   run); turn off with ``sync=False`` or ``LINKGRAPH_NEO4J_SYNC=0`` when the database is kept
   current by other means;
2. **weights**: push the rarity weight, ``df``, ``generic`` and ``evidence`` flag of every
   evidence artifact as computed by :mod:`linkgraph.graph` (the only place weighting rules
   live), tagged with a fresh run token;
3. **detect**: project exactly the evidence edges of that run and partition them in GDS
   (:mod:`linkgraph.backends.neo4j.gds`);
4. **map back**: account ids → ``acct`` codes; community ids are renumbered by size over
   accounts then artifacts, exactly as the embedded backend numbers them, so identical
   partitions give identical labels.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.backends.base import Backend, BackendError
from linkgraph.backends.neo4j.rows import WEIGHT_STATEMENTS, link_statements, weight_rows
from linkgraph.backends.neo4j.settings import Neo4jSettings
from linkgraph.communities.algorithms import relabel_by_size
from linkgraph.communities.params import PartitionParams
from linkgraph.communities.settle import settle_bipartite
from linkgraph.graph import LinkGraph

try:
    import neo4j
    from graphdatascience.error.gds_not_installed import GdsNotFound
    from graphdatascience.error.unable_to_connect import UnableToConnectError

    from linkgraph.backends.neo4j import gds as gds_ops
    from linkgraph.backends.neo4j.loader import DEFAULT_BATCH_SIZE, GraphLoader, LoadError, LoadProgress, Step
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ImportError(f"the Neo4j backend needs the neo4j extra: pip install 'linkgraph[neo4j]' ({exc})") from exc

log = logging.getLogger(__name__)

SYNC_ENV = "LINKGRAPH_NEO4J_SYNC"
_SERVER_ERRORS = (
    LoadError,
    neo4j.exceptions.Neo4jError,
    neo4j.exceptions.DriverError,
    GdsNotFound,
    UnableToConnectError,
)


class Neo4jBackendError(BackendError):
    """Neo4j or GDS failed; says where and why, without chaining the driver's traceback (and its locals)."""


class Neo4jBackend(Backend):
    """Partition with GDS on a Neo4j server configured by :class:`Neo4jSettings` (or a given driver).

    ``gds`` may be any ``GraphDataScience`` object (tests pass one over a recording runner).
    """

    name = "neo4j"

    def __init__(
        self,
        settings: Neo4jSettings | None = None,
        *,
        driver: Any = None,
        gds: Any = None,
        database: str | None = None,
        sync: bool | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        graph_name: str = gds_ops.GRAPH_NAME,
        progress: LoadProgress | None = None,
    ) -> None:
        if driver is None:
            settings = settings or Neo4jSettings.from_env()
        self.settings = settings
        self.database = database if database is not None else (settings.database if settings else None)
        self._owns_driver = driver is None
        self._driver = driver
        self._gds = gds
        if sync is None:
            sync = os.environ.get(SYNC_ENV, "1").strip().lower() not in {"0", "false", "no", "off"}
        self.sync = sync
        self.batch_size = batch_size
        self.graph_name = graph_name
        self.progress = progress
        self._verified = False
        self.timings: dict[str, float] = {}
        """Seconds per step of the last partition: sync, weights, project, algorithm, stream, drop, map_back."""

    def __repr__(self) -> str:
        return f"Neo4jBackend(settings={self.settings!r}, database={self.database!r}, sync={self.sync})"

    @property
    def driver(self) -> Any:
        """The driver (created on first use; connectivity is verified once)."""
        if self._driver is None:
            assert self.settings is not None
            self._driver = self.settings.driver()
        if not self._verified:
            self._driver.verify_connectivity()
            self._verified = True
        return self._driver

    @property
    def gds(self) -> Any:
        """The GDS client on the same driver and database."""
        if self._gds is None:
            self._gds = gds_ops.connect(self.driver, self.database)
        return self._gds

    def loader(self, checkpoints: bool = True) -> GraphLoader:
        """A loader on this backend's driver and database."""
        return GraphLoader(self.driver, self.database, self.batch_size, self.progress, checkpoints)

    def sync_links(self, graph: LinkGraph) -> None:
        """Merge the graph's links (checkpointed: a no-op when already loaded)."""
        steps = [Step(name, rows) for name, rows in link_statements(graph.links, graph.account_ids)]
        self.loader().load(steps)

    def push_weights(self, graph: LinkGraph, run: str) -> None:
        """Write the weight, df, generic and evidence flag of each evidence artifact, tagged with ``run``.

        Only the artifacts that carry edges are written (a few percent of them at scale): the
        projection selects ``weights_run = $run AND evidence``, so an artifact this run did not
        tag is out of it whatever an earlier run left on it.
        """
        loader = self.loader(checkpoints=False)
        for kind, statement in WEIGHT_STATEMENTS.items():
            rows = weight_rows(graph, kind)
            rows = rows[rows["evidence"].to_numpy()].reset_index(drop=True)
            if rows.empty:
                continue
            matched = sum(int(r["matched"]) for r in loader.write_batches(statement, rows, run=run))
            if matched != len(rows):
                raise Neo4jBackendError(
                    f"Neo4j holds {matched} of the {len(rows)} {kind} evidence artifacts of this dataset; "
                    f"load it first (linkgraph neo4j-load DATA_DIR) or enable sync ({SYNC_ENV}=1)"
                )

    def _partition(self, graph: LinkGraph, params: PartitionParams) -> pd.DataFrame:
        gds_ops.check_method(params)
        kinds = set(graph.artifacts["kind"].astype(str).to_numpy()[np.unique(graph.edges["art"].to_numpy())])
        if kinds - set(WEIGHT_STATEMENTS):
            unknown = ", ".join(sorted(kinds - set(WEIGHT_STATEMENTS)))
            raise ValueError(f"the Neo4j graph model has no node type for artifact kind(s) {unknown}")
        if graph.edges.empty:
            return pd.DataFrame({"acct": np.array([], dtype=np.int64), "community": np.array([], dtype=np.int64)})
        stage = "connect"
        self.timings = {}
        clock = time.perf_counter()
        try:
            self.driver  # noqa: B018 - connects and verifies once
            if self.sync:
                stage = "sync"
                self.sync_links(graph)
                self.timings["sync"] = round(time.perf_counter() - clock, 3)
            stage = "weights"
            clock = time.perf_counter()
            run = uuid.uuid4().hex
            self.push_weights(graph, run)
            self.timings["weights"] = round(time.perf_counter() - clock, 3)
            stage = "gds"
            found = gds_ops.detect_communities(self.gds, run, params, self.graph_name)
        except _SERVER_ERRORS as exc:
            where = self.settings.uri if self.settings else "the given driver"
            raise Neo4jBackendError(f"Neo4j backend ({where}), step {stage}: {type(exc).__name__}: {exc}") from None
        self.timings.update(found.summary.get("seconds", {}))
        log.info("GDS %s: %s", params.method, found.summary)
        clock = time.perf_counter()
        leaves_aside = gds_ops.min_degree(params) > 1
        result = memberships(graph, found.accounts, found.artifacts, found.node_count, leaves_aside)
        self.timings["map_back"] = round(time.perf_counter() - clock, 3)
        return result

    def close(self) -> None:
        """Close the GDS client and, if this backend created it, the driver."""
        if self._gds is not None:
            self._gds.close()
            self._gds = None
        if self._driver is not None and self._owns_driver:
            self._driver.close()
            self._driver = None
            self._verified = False


def memberships(
    graph: LinkGraph,
    accounts: pd.DataFrame,
    artifacts: pd.DataFrame,
    node_count: int | None = None,
    leaves_aside: bool = False,
) -> pd.DataFrame:
    """``acct, community`` from the communities Neo4j returned, numbered like the embedded backend.

    Nodes are ordered accounts (by ``acct``) then artifacts (by code), as in
    :func:`linkgraph.backends.embedded.bipartite_arrays`, and ids are renumbered by size.
    ``leaves_aside`` (Leiden, Louvain): accounts with a single evidence edge were not projected
    (``gds.min_degree``); as in :func:`linkgraph.communities.algorithms.partition_bipartite`
    each takes its artifact's community, and an artifact reached only by such accounts becomes a
    community of its own, and the communities are settled
    (:func:`~linkgraph.communities.settle.settle_bipartite`) exactly as the embedded backend does.
    Only projected nodes' communities are read (others may be stale).
    """
    acct_codes = graph.edges["acct"].to_numpy()
    art_codes_all = graph.edges["art"].to_numpy()
    accts, src = np.unique(acct_codes, return_inverse=True)
    arts, dst = np.unique(art_codes_all, return_inverse=True)
    src, dst = src.ravel(), dst.ravel() + len(accts)
    n_nodes = len(accts) + len(arts)
    kept = np.ones(n_nodes, dtype=bool)
    leaf_edge = np.zeros(len(src), dtype=bool)
    if leaves_aside:
        leaf_edge = np.bincount(src, minlength=n_nodes)[src] == 1
        kept[:] = False
        kept[src[~leaf_edge]] = True
        kept[dst[~leaf_edge]] = True
    acct_of = pd.Index(graph.account_ids).get_indexer(accounts["account_id"].to_numpy())
    key = pd.MultiIndex.from_arrays([graph.artifacts["kind"].astype(str), graph.artifacts["artifact"]])
    art_of = key.get_indexer(pd.MultiIndex.from_arrays([artifacts["kind"].astype(str), artifacts["artifact"]]))
    extra = int((acct_of < 0).sum() + (art_of < 0).sum())
    if extra or (node_count is not None and node_count != int(kept.sum())):
        log.warning(
            "the Neo4j projection has %s nodes, this dataset's graph %d: the database holds other data "
            "linked to the same artifacts",
            node_count,
            int(kept.sum()),
        )
    by_acct = pd.Series(accounts["community"].to_numpy()[acct_of >= 0], index=acct_of[acct_of >= 0])
    art_codes = graph.artifacts.index.to_numpy()[art_of[art_of >= 0]]
    by_art = pd.Series(artifacts["community"].to_numpy()[art_of >= 0], index=art_codes)
    found = pd.concat([by_acct.reindex(accts), by_art.reindex(arts)], ignore_index=True).to_numpy(dtype=float)
    missing = int(np.isnan(found[kept]).sum())
    if missing:
        raise Neo4jBackendError(f"Neo4j returned no community for {missing} evidence nodes")
    labels = np.full(n_nodes, -1, dtype=np.int64)
    if kept.any():
        labels[kept] = relabel_by_size(found[kept].astype(np.int64))
    orphan = np.zeros(n_nodes, dtype=bool)
    orphan[dst[leaf_edge]] = True
    orphan &= labels < 0
    labels[orphan] = (int(labels.max()) + 1 if kept.any() else 0) + np.arange(int(orphan.sum()))
    labels[src[leaf_edge]] = labels[dst[leaf_edge]]
    if leaves_aside:
        weight = graph.edges["weight"].to_numpy()
        labels = settle_bipartite(src, dst, weight, relabel_by_size(labels))
    ranked = relabel_by_size(labels)
    return pd.DataFrame({"acct": accts.astype(np.int64), "community": ranked[: len(accts)]})
