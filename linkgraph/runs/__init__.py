"""Runs: immutable run directories, stable cluster ids, lineage and retention.

``store`` lists, resolves and publishes runs atomically; ``writer`` turns a scoring result
into the run's tables (``activity`` keeps the request counts its pages need, so a run never
reads its input again); ``ids`` formats ids and orders by risk; ``reader`` reads what the next
run carries forward; ``lineage`` matches clusters between runs; ``retention`` prunes old runs.
May import: :mod:`linkgraph.storage`. It never imports enforcement: retention is handed
the set of runs that exports refer to.
"""

from __future__ import annotations
