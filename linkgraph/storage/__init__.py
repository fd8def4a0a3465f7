"""Storage mechanisms, one implementation each: locks, atomic writes, durable JSONL, run-id stamps.

May import: nothing from linkgraph.
"""

from __future__ import annotations
