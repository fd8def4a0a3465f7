"""Ingest: input tables in, one validated and normalised link table out.

Owns the data contract (``contract``), file readers (``readers``), columnar kernels
(``columns``: text, timestamps, integers, IPs, SimHashes), raw card numbers (``cards``),
table checks (``validate``), account codes (``accounts``, with ids hashed once by
``keys``), artifact codes and the link table (``links``), the streamed request log
(``requests``), the all-or-nothing load (``load``) and appended deltas (``deltas``).
Everything works on whole Arrow columns; no per-row Python.
May import: :mod:`linkgraph.storage` only. Nothing here imports a later stage.
"""

from __future__ import annotations

from linkgraph.ingest.contract import InputError, Problem
from linkgraph.ingest.load import Dataset, load_tables, validate_dir

__all__ = ["Dataset", "InputError", "Problem", "load_tables", "validate_dir"]
