"""The fifteenth independent world's generator (``bench/fifteenth_world.py``) on its own, without the detector:
a seed gives byte-identical files, another seed another world, exactly N accounts, the tables follow the data
contract (version 2), ``truth.csv`` covers every account once with every group present, the link tables are exact
aggregates of the request log, and no column holds a card-number look-alike (shared checks:
``world_generator_checks``)."""

from __future__ import annotations

import pandas as pd
from world_generator_checks import GeneratorContract, check_clock


class TestFifteenthWorldGenerator(GeneratorContract):
    generator = "fifteenth_world.py"
    accounts = 6000
    seeds = (3, 4)
    differing = ("requests.parquet", "truth.csv")
    ops = frozenset({"op_agedmarket", "op_vpshop", "op_classroom", "op_duos"})
    traps = frozenset({"trap_school_district", "trap_loc_studio", "trap_travel_chain"})
    traps |= {"trap_freelance_coop", "trap_dunning_recreate", "trap_consultant_multi"}

    def test_segments_and_statuses(self, tables: dict[str, pd.DataFrame]) -> None:
        truth = tables["truth"]
        assert (truth.loc[truth["kind"] != "fraud", "replacement"] == 0).all()
        for g in self.ops | self.traps:
            assert (truth.loc[truth["group"] == g, "segment"] == g).all()
        for op in self.ops:
            sub = truth[truth["group"] == op]
            assert (sub["status"] != "active").any() and (sub["replacement"] == 1).any(), op
        org = truth[truth["kind"] == "organic"]
        assert 0.002 < (org["status"] != "active").mean() < 0.01
        assert org["segment"].str.startswith("organic_").all()

    def test_ips_payment_spans_and_clock(self, tables: dict[str, pd.DataFrame]) -> None:
        assert tables["proxies"]["ip"].str.fullmatch(r"\d{1,3}(\.\d{1,3}){3}").all()
        pm = tables["payment_methods"]
        assert (pm["first_seen"] <= pm["last_seen"]).all()
        models = {"lyra-2", "lyra-2-mini", "lyra-2-code", "lyra-3"}
        check_clock(tables["requests"], "2027-01-11", "2027-02-22", models, "lyra-3", "2027-01-31T17:00")
