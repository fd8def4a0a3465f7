"""The twenty-first independent world's generator (``bench/twentyfirst_world.py``) on its own, without the detector:
a seed gives byte-identical files, the tables follow the data contract, ``truth.csv`` has its columns, and the
world has exactly N accounts (shared checks: ``world_generator_checks``)."""

from __future__ import annotations

import pandas as pd
from world_generator_checks import GeneratorContract, check_clock

N = 5000


class TestTwentyfirstWorldGenerator(GeneratorContract):
    generator = "twentyfirst_world.py"
    accounts = N
    seeds = (3, 4)
    ops = frozenset({"op_babel", "op_baton", "op_chunkline", "op_marathon"})
    traps = frozenset({"trap_streamalong", "trap_followsun_desk", "trap_aac_carehome", "trap_crm_digest"})
    traps |= {"trap_typhoon_advisory", "trap_library_terminals"}

    def test_clock_and_models(self, tables: dict[str, pd.DataFrame]) -> None:
        models = {"atlas-4", "atlas-4-mini", "atlas-4-code", "atlas-4-vision", "atlas-4-think", "atlas-4-long"}
        models |= {"atlas-5", "atlas-5-think"}
        check_clock(tables["requests"], "2027-03-01", "2027-04-05", models, "atlas-5", "2027-03-16T17:00:00")
        rq = tables["requests"]
        assert rq.loc[rq["model"] == "atlas-5-think", "timestamp"].min() >= pd.Timestamp("2027-03-24T16:00", tz="UTC")
