"""The fourteenth independent world's generator (``bench/fourteenth_world.py``) on its own, without the detector:
a seed gives byte-identical files, another seed another world, the tables follow the data contract (version 2),
``truth.csv`` covers every account once with every group present, and no column holds a card-number look-alike
(shared checks: ``world_generator_checks``)."""

from __future__ import annotations

import pandas as pd
from world_generator_checks import GeneratorContract, check_clock


class TestFourteenthWorldGenerator(GeneratorContract):
    generator = "fourteenth_world.py"
    accounts = 5000
    seeds = (5, 6)
    ops = frozenset({"op_sunrelay", "op_pulse", "op_proxysession", "op_shardchain"})
    traps = frozenset({"trap_bpo_office", "trap_eval_consortium", "trap_scim_resync"})
    traps |= {"trap_tor_privacy", "trap_rlhf_vendor", "trap_autograder_byok"}
    only_fraud_replaced = False  # an innocent trap replaces accounts too

    def test_replacements(self, tables: dict[str, pd.DataFrame]) -> None:
        truth = tables["truth"]
        ops = truth[truth["kind"] == "fraud"]
        assert (ops["status"] != "active").any() and (ops["replacement"] == 1).any()
        assert (truth.loc[truth["kind"] == "organic", "replacement"] == 0).all()

    def test_requests_in_window_before_enforcement(self, tables: dict[str, pd.DataFrame]) -> None:
        models = {"vesta-3", "vesta-3-mini", "vesta-3-code", "vesta-4"}
        check_clock(tables["requests"], "2026-09-07", "2026-10-19", models, "vesta-4", "2026-09-29T16:00")
