"""Deterministic synthetic worlds of API accounts with ground truth.

``generate_world`` writes the five input tables of the data contract plus ``truth.csv``:
an organic population with families, carrier NAT, VPNs and generic prompt templates;
benign coordinated groups (companies, enterprises, a university); and three distillation
operations (``op_sync``, ``op_hydra``, ``op_bulk``). ``world="evasive"`` builds instead
operations with evasive tactics (``op_sync`` waves, ``op_varied`` paraphrases, ``op_hydra``
bans and replacements) and their benign look-alikes, with the contract v2 SimHash and
status columns. ``WORLDS`` lists the world kinds. See ``docs/synthetic_world.md``.
"""

from __future__ import annotations

from ._world import WORLDS, generate_world

__all__ = ["WORLDS", "generate_world"]
