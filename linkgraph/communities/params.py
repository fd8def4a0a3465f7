"""How to partition: algorithm, seed, resolution, iterations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PartitionParams:
    """How to partition: algorithm, seed, resolution, iterations."""

    method: str = "leiden"
    seed: int = 0
    resolution: float = 1.0
    n_iterations: int = 2
