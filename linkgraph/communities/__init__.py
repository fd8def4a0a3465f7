"""Communities: partition a weighted edge list (WCC, Leiden, Louvain), seeded and deterministic.

Owns :class:`~linkgraph.communities.params.PartitionParams`, the algorithms and
:func:`~linkgraph.communities.settle.settle_bipartite`, the deterministic last step every
backend applies to its raw Leiden/Louvain communities.
May import: nothing from linkgraph (pure numpy / scipy / igraph).
"""

from __future__ import annotations

from linkgraph.communities.algorithms import communities
from linkgraph.communities.params import PartitionParams
from linkgraph.communities.settle import settle_bipartite

__all__ = ["PartitionParams", "communities", "settle_bipartite"]
