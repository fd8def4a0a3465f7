"""The backend interface: one abstract step, partitioning the weighted account graph.

Everything before (ingest, weighting) and after (scoring, runs, export) is shared, so two
backends given the same input and seed produce the same kind of run.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod

import numpy as np
import pandas as pd

from linkgraph.communities.params import PartitionParams
from linkgraph.graph import LinkGraph

log = logging.getLogger(__name__)


class BackendError(RuntimeError):
    """A backend failed (server unreachable, query error); the message is safe to show."""


class Backend(ABC):
    """Computes ``acct, community`` for every account that has at least one evidence edge."""

    name: str = "abstract"

    @abstractmethod
    def _partition(self, graph: LinkGraph, params: PartitionParams) -> pd.DataFrame:
        """Return ``acct, community`` (community labels are ints)."""

    def partition(self, graph: LinkGraph, params: PartitionParams) -> pd.DataFrame:
        """Partition the graph; validates and normalises the backend's answer."""
        log.info("partitioning %d edges with %s/%s (seed %d)", len(graph.edges), self.name, params.method, params.seed)
        result = self._partition(graph, params)
        if list(result.columns[:2]) != ["acct", "community"]:
            raise BackendError(f"backend {self.name} returned columns {list(result.columns)}")
        result = result[["acct", "community"]].astype({"acct": np.int64, "community": np.int64})
        return result.sort_values("acct", kind="stable").reset_index(drop=True)

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""
