"""End to end on a fourth independent world (``bench/fourth_world.py``): a residential proxy
pool and a second reseller shared by operations and ordinary customers.

Before the pair rule, 111 of the pool's 120 customers were listed with the operations at
20k. At 20k op_mirror sits inside a community holding 72% of the population, glued by popular
template families; it was not found until such a crowd stopped owning generic templates
(``ScoringParams.crowd_share``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from bench_worlds import world_fixtures

from linkgraph.enforcement.evaluate import Evaluation
from linkgraph.enforcement.export import enforcement_list

world, evaluated = world_fixtures("fourth_world.py")


def test_pool_customers_stay_off_the_list(world: tuple[Path, Path], evaluated: Evaluation) -> None:
    data, run = world
    truth = pd.read_csv(data / "truth.csv")
    customers = truth.loc[truth["group"] == "resi_pool_customers", "account_id"]
    listed = enforcement_list(run)["account_id"].isin(customers).sum()
    assert listed <= 0.1 * len(customers)
    assert evaluated.organic_exported == 0


def test_the_operations_on_the_pool_are_found(evaluated: Evaluation) -> None:
    assert evaluated.group_recall["op_lantern"] >= 0.95
    assert evaluated.group_recall["op_quarry"] >= 0.95


def test_the_operation_inside_the_crowd_is_found(evaluated: Evaluation) -> None:
    assert evaluated.group_recall["op_mirror"] >= 0.95


def test_chance_wordings_of_popular_templates_list_nobody(evaluated: Evaluation) -> None:
    """Six pool customers were listed on exact wordings of popular template families they shared
    by chance with the operations (``scoring.members.popular_variants``); at 200k, 146-166
    reseller customers were. Two heavy users of the reseller op_mirror rents (7 and 44 of its
    exits, and one family) are core with it."""
    assert evaluated.benign_group_exported <= 2


world_7k, evaluated_7k = world_fixtures("fourth_world.py", 7000, 53, suffix="_7k")


def test_relay_customers_rotating_through_the_operations_exits_are_riders(
    world_7k: tuple[Path, Path], evaluated_7k: Evaluation
) -> None:
    """At 7k seed 53 op_mirror is larger than RelayMart's customer base, so the exits it rents
    look like its own; customers tied to its core by up to 50 of them and nothing else were
    listed (9). A cell keeps to its handful of exits: they are riders (riders.ROTATING_EXITS)."""
    data, run = world_7k
    truth = pd.read_csv(data / "truth.csv")
    customers = truth.loc[truth["group"] == "relay_reseller_customers", "account_id"]
    assert enforcement_list(run)["account_id"].isin(customers).sum() <= 2
    assert evaluated_7k.group_recall["op_mirror"] >= 0.95
