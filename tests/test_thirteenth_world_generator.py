"""The thirteenth independent world's generator (``bench/thirteenth_world.py``) on its own, without the detector:
a seed gives byte-identical files, the tables follow the data contract, ``truth.csv`` has its columns, and the
world has exactly N accounts (shared checks: ``world_generator_checks``)."""

from __future__ import annotations

from world_generator_checks import GeneratorContract

N = 5000


class TestThirteenthWorldGenerator(GeneratorContract):
    generator = "thirteenth_world.py"
    accounts = N
    seeds = (3, 4)
    ops = frozenset({"op_shellco", "op_orchard", "op_leakedkeys", "op_mule"})
    traps = frozenset({"trap_bugbounty", "trap_hpc_centre", "trap_relief_ngo", "trap_split_plan"})
    traps |= {"trap_doc_review", "trap_diary_study", "trap_franchise"}
