"""Communities: partition a weighted edge list (WCC, Leiden, Louvain), seeded and deterministic.

Owns :class:`~linkgraph.communities.params.PartitionParams` and the algorithms.
May import: nothing from linkgraph (pure numpy / scipy / igraph).
"""

from __future__ import annotations

from linkgraph.communities.algorithms import communities
from linkgraph.communities.params import PartitionParams

__all__ = ["PartitionParams", "communities"]
