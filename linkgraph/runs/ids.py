"""Cluster ids and the one risk ordering: ``C000001`` is the riskiest cluster of a first run.

Ids are never reused; lineage hands them on between runs (see :mod:`linkgraph.runs.lineage`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

CLUSTER_PREFIX = "C"
_ID_RE = re.compile(r"^([A-Z])(\d+)$")
"""A prefix letter (``C`` for clusters, ``K`` for campaigns) and the id number."""


def format_cluster_id(number: int, prefix: str = CLUSTER_PREFIX) -> str:
    """``7`` → ``C000007``."""
    return f"{prefix}{number:06d}"


def cluster_number(cluster_id: str, prefix: str = CLUSTER_PREFIX) -> int:
    """``C000007`` → ``7``; raises ValueError for ids of another shape or prefix."""
    match = _ID_RE.match(str(cluster_id))
    if not match or match.group(1) != prefix:
        raise ValueError(f"not a linkgraph id: {cluster_id!r}")
    return int(match.group(2))


def is_cluster_id(cluster_id: str, prefix: str = CLUSTER_PREFIX) -> bool:
    """Whether ``cluster_id`` has the shape of a linkgraph id with ``prefix``."""
    match = _ID_RE.match(str(cluster_id))
    return match is not None and match.group(1) == prefix


def max_cluster_number(cluster_ids: Sequence[str] | pd.Series, prefix: str = CLUSTER_PREFIX) -> int:
    """Largest numeric part among the ``prefix`` ids in ``cluster_ids`` (0 when there are none)."""
    parts = pd.Series(list(cluster_ids), dtype=object).astype(str).str.extract(_ID_RE, expand=True)
    numbers = parts[1].where(parts[0] == prefix)
    numbers = pd.to_numeric(numbers, errors="coerce").dropna()
    return int(numbers.max()) if len(numbers) else 0


def risk_order(clusters: pd.DataFrame, tiebreak: str = "community") -> pd.DataFrame:
    """``clusters`` sorted riskiest first, then largest, then by ``tiebreak`` (ascending)."""
    keys = ["risk_score", "size"] + ([tiebreak] if tiebreak in clusters.columns else [])
    return clusters.sort_values(keys, ascending=[False, False, True][: len(keys)], kind="stable")


def first_run_ids(clusters: pd.DataFrame, prefix: str = CLUSTER_PREFIX) -> pd.Series:
    """Ids for a first run, in risk order, indexed like ``clusters``."""
    order = risk_order(clusters)
    ids = pd.Series([format_cluster_id(i, prefix) for i in range(1, len(order) + 1)], index=order.index)
    return ids.reindex(clusters.index)
