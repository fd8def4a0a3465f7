"""Deterministic synthetic worlds of API accounts with ground truth.

``generate_world`` writes the five input tables of the data contract plus ``truth.csv``:
an organic population with families, carrier NAT, VPNs and generic prompt templates;
benign coordinated groups (companies, enterprises, a university); and three distillation
operations (``op_sync``, ``op_hydra``, ``op_bulk``). See ``docs/synthetic_world.md``.
"""

from __future__ import annotations

from ._world import WORLDS, generate_world

__all__ = ["WORLDS", "generate_world"]
