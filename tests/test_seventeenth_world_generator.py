"""The seventeenth independent world's generator (``bench/seventeenth_world.py``) on its own, without the detector:
a seed gives byte-identical files, the tables follow the data contract, ``truth.csv`` has its columns, and the
world has exactly N accounts (shared checks: ``world_generator_checks``)."""

from __future__ import annotations

import pandas as pd
from world_generator_checks import GeneratorContract, check_clock

N = 5000


class TestSeventeenthWorldGenerator(GeneratorContract):
    generator = "seventeenth_world.py"
    accounts = N
    seeds = (3, 4)
    ops = frozenset({"op_switchboard", "op_patchwork", "op_weekender", "op_conveyor"})
    traps = frozenset({"trap_ci_fleet", "trap_university", "trap_crowdstudy", "trap_failover"})
    traps |= {"trap_billing_lockout", "trap_cardpool"}

    def test_five_weeks_and_a_friday_release(self, tables: dict[str, pd.DataFrame]) -> None:
        models = {"sorrel-4", "sorrel-4-mini", "sorrel-4-code", "sorrel-5"}
        check_clock(tables["requests"], "2027-02-01", "2027-03-08", models, "sorrel-5", "2027-02-19T17:00")
