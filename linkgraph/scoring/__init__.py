"""Scoring (pure): member evidence and roles, cluster features, risk, evidence summaries.

Input: the link graph, the accounts table and a membership; output: DataFrames.
May import: :mod:`linkgraph.graph` (and numpy / pandas). No I/O.
"""

from __future__ import annotations
