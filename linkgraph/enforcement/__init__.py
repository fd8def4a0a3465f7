"""Enforcement: export lists with manifests, the export registry, reviews, audit, evaluation.

May import: :mod:`linkgraph.runs`, :mod:`linkgraph.storage`, :mod:`linkgraph.ingest`.
"""

from __future__ import annotations
