"""Backends: compute community memberships on the rarity-weighted graph.

``base`` is the interface; ``embedded`` (default, in process) and ``neo4j`` (GDS) implement it;
``warmstart`` starts Leiden from the previous run's partition. Implementations are imported
lazily by :func:`get_backend`, so the neo4j extra is only needed when it is used.
May import: :mod:`linkgraph.graph`, :mod:`linkgraph.communities`, :mod:`linkgraph.ingest`.
"""

from __future__ import annotations

from linkgraph.backends.base import Backend, BackendError


def get_backend(name: str, **options: object) -> Backend:
    """The backend called ``name`` (``embedded`` or ``neo4j``)."""
    if name == "embedded":
        from linkgraph.backends.embedded import EmbeddedBackend

        return EmbeddedBackend()
    if name == "neo4j":
        from linkgraph.backends.neo4j.backend import Neo4jBackend

        return Neo4jBackend(**options)  # type: ignore[arg-type]
    raise ValueError(f"unknown backend {name!r}; use 'embedded' or 'neo4j'")


__all__ = ["Backend", "BackendError", "get_backend"]
