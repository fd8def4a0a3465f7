"""The sixteenth independent world's generator (``bench/sixteenth_world.py``) on its own, without the detector:
a seed gives byte-identical files, another seed another world, exactly N accounts, the tables follow the data
contract (version 2), ``truth.csv`` covers every account once with every group present, the link tables are exact
aggregates of the request log, and no column holds a card-number look-alike (shared checks:
``world_generator_checks``)."""

from __future__ import annotations

import pandas as pd
from world_generator_checks import GeneratorContract, check_clock


class TestSixteenthWorldGenerator(GeneratorContract):
    generator = "sixteenth_world.py"
    accounts = 6000
    seeds = (3, 4)
    differing = ("requests.parquet", "truth.csv")
    ops = frozenset({"op_metronome", "op_resume", "op_fanout"})
    traps = frozenset({"trap_sievekit", "trap_shadow_gateway", "trap_payment_lapse"})

    def test_replacements_and_statuses(self, tables: dict[str, pd.DataFrame]) -> None:
        truth = tables["truth"]
        assert (truth.loc[truth["kind"] != "fraud", "replacement"] == 0).all()
        for g in self.ops | self.traps:
            assert (truth.loc[truth["group"] == g, "segment"] == g).all()
        for op in ("op_resume", "op_fanout"):  # banned accounts replaced in the same lineage or slot
            sub = truth[truth["group"] == op]
            assert (sub["status"] != "active").any() and (sub["replacement"] == 1).any(), op
        assert truth.loc[truth["group"] == "op_metronome", "replacement"].eq(0).all()  # banned, not replaced
        assert truth.loc[truth["kind"] == "organic", "segment"].str.startswith("organic_").all()

    def test_clock_and_addresses(self, tables: dict[str, pd.DataFrame]) -> None:
        models = {"corvid-2", "corvid-2-mini", "corvid-2-code", "corvid-3"}
        check_clock(tables["requests"], "2027-04-05", "2027-05-17", models, "corvid-3", "2027-04-28T16:00")
        pm = tables["payment_methods"]
        assert (pm["first_seen"] <= pm["last_seen"]).all()
