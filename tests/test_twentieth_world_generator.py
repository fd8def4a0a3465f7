"""The twentieth independent world's generator (``bench/twentieth_world.py``) on its own, without the detector:
a seed gives byte-identical files, the tables follow the data contract, ``truth.csv`` has its columns, and the
world has exactly N accounts (shared checks: ``world_generator_checks``)."""

from __future__ import annotations

import pandas as pd
from world_generator_checks import GeneratorContract, check_clock

N = 5000


class TestTwentiethWorldGenerator(GeneratorContract):
    generator = "twentieth_world.py"
    accounts = N
    seeds = (3, 4)
    ops = frozenset({"op_chargeback", "op_warmfarm", "op_grantfarm", "op_guestseats"})
    traps = frozenset({"trap_tax_season", "trap_startup_cohort", "trap_agency_guests", "trap_winback_promo"})
    traps |= {"trap_gift_seats", "trap_month_close"}

    def test_clock_and_models(self, tables: dict[str, pd.DataFrame]) -> None:
        models = {"sable-4", "sable-4-mini", "sable-4-coder", "sable-5"}
        check_clock(tables["requests"], "2027-01-04", "2027-02-08", models, "sable-5", "2027-01-20T17:00:00")
