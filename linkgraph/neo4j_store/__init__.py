"""Neo4j storage for linkgraph: settings, batched loading, GDS community detection, bulk import files.

The Cypher statements live in ``cypher/`` (see :mod:`linkgraph.cypher`); this package only
binds parameters and runs them. Importing it needs the ``neo4j`` extra.
"""

from __future__ import annotations

from linkgraph.neo4j_store.settings import Neo4jSettings, SettingsError

__all__ = ["Neo4jSettings", "SettingsError"]
