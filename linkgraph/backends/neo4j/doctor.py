"""``linkgraph doctor``: can linkgraph use this Neo4j server? Connectivity, versions, memory.

Each check yields a :class:`Check`; a failed check stops the ones that depend on it. No
check ever reports the password.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from linkgraph.backends.neo4j.settings import Neo4jSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    """One line of the report: ``ok`` is True, False (failed) or None (skipped)."""

    name: str
    ok: bool | None
    detail: str


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:300]


def run_checks(
    settings: Neo4jSettings,
    driver_factory: Callable[[Neo4jSettings], Any] | None = None,
    gds_factory: Callable[[Any, str | None], Any] | None = None,
) -> Iterator[Check]:
    """Run the checks in order; factories are injectable for tests."""
    from linkgraph.backends.neo4j import gds as gds_ops
    from linkgraph.backends.neo4j.loader import GraphLoader

    tls = "TLS" if settings.encrypted else "no TLS (use neo4j+s:// for Aura or remote servers)"
    yield Check("settings", True, f"{settings.describe()}, {tls}")
    driver = (driver_factory or (lambda s: s.driver()))(settings)
    try:
        try:
            driver.verify_connectivity()
        except Exception as exc:
            yield Check("connectivity", False, _error(exc))
            return
        yield Check("connectivity", True, "connected and authenticated")
        loader = GraphLoader(driver, settings.database)
        try:
            components = loader.read("show_components")
            neo4j = next((c for c in components if c["name"] == "Neo4j Kernel"), components[0])
            yield Check("neo4j", True, f"Neo4j {', '.join(neo4j['versions'])} {neo4j['edition']}")
        except Exception as exc:
            yield Check("neo4j", False, _error(exc))
        try:
            gds = (gds_factory or gds_ops.connect)(driver, settings.database)
        except Exception as exc:
            yield Check("gds", False, f"Graph Data Science is not available: {_error(exc)}")
            return
        try:
            from graphdatascience.version import __min_server_version__

            version = gds.server_version()
            yield Check("gds", True, f"Graph Data Science {version} (client needs >= {__min_server_version__})")
            try:
                counts = loader.counts()
                yield Check("graph", True, ", ".join(f"{k} {v:,}" for k, v in counts.items()))
            except Exception as exc:
                yield Check("graph", False, _error(exc))
            try:
                present = loader.read("show_labels")
                labels, types = (present[0]["labels"], present[0]["types"]) if present else ([], [])
                if not set(labels) & set(gds_ops.MODEL_LABELS):
                    yield Check("memory", None, "nothing loaded yet (linkgraph neo4j-load DATA_DIR)")
                    return
                est = gds_ops.projection_estimate(gds, labels, types)
                yield Check(
                    "memory",
                    True,
                    f"projection of all {est['node_count']:,} nodes / {est['relationship_count']:,} relationships "
                    f"needs {est['required_memory']} (up to {est['heap_percentage_max']:.1f}% of the heap)",
                )
            except Exception as exc:
                yield Check("memory", None, f"no estimate (is data loaded? linkgraph neo4j-load): {_error(exc)}")
        finally:
            gds.close()
    finally:
        driver.close()
