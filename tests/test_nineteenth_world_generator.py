"""The nineteenth independent world's generator (``bench/nineteenth_world.py``) on its own, without the detector:
a seed gives byte-identical files, the tables follow the data contract, ``truth.csv`` has its columns, and the
world has exactly N accounts (shared checks: ``world_generator_checks``)."""

from __future__ import annotations

from world_generator_checks import GeneratorContract

N = 5000


class TestNineteenthWorldGenerator(GeneratorContract):
    generator = "nineteenth_world.py"
    accounts = N
    seeds = (3, 4)
    ops = frozenset({"op_porchlight", "op_resample", "op_hitchhike", "op_placement"})
    traps = frozenset({"trap_exit_homes", "trap_host_staff", "trap_batch_api", "trap_store_demo"})
    traps |= {"trap_peer_grading", "trap_uptime_probes"}
