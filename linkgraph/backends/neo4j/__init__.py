"""The Neo4j backend: settings, batched loading, GDS community detection, bulk import files.

One Cypher statement per file in ``queries/`` (package data), loaded by name through
:mod:`linkgraph.backends.neo4j.cypher`; this package only binds parameters and runs them.
Importing its modules needs the ``neo4j`` extra (``settings`` and ``cypher`` do not).
May import: :mod:`linkgraph.backends.base`, :mod:`linkgraph.graph`, :mod:`linkgraph.communities`,
:mod:`linkgraph.ingest`.
"""

from __future__ import annotations
