"""The eighteenth independent world's generator (``bench/eighteenth_world.py``) on its own, without the detector:
a seed gives byte-identical files, the tables follow the data contract, ``truth.csv`` has its columns, and the
world has exactly N accounts (shared checks: ``world_generator_checks``)."""

from __future__ import annotations

from world_generator_checks import GeneratorContract

N = 5000


class TestEighteenthWorldGenerator(GeneratorContract):
    generator = "eighteenth_world.py"
    accounts = N
    seeds = (3, 4)
    ops = frozenset({"op_facade", "op_smear", "op_pyramid", "op_tenant"})
    traps = frozenset({"trap_breached_co", "trap_seatsplit", "trap_ediscovery", "trap_reseller_exodus"})
    traps |= {"trap_shipboard", "trap_screenreader"}
