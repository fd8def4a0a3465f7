"""End to end on an eighteenth independent world (``bench/eighteenth_world.py``, written blind from the
data contract and the threat description): a facade of companies, a two-level hierarchy on bought
accounts, one job smeared over ten hours with templates rotated daily, and an operation piggybacking
on a breached company's domain; a seat-splitting service, the breached company's own staff, contract
reviewers, a reseller's customers after its suspension, ship crews and an accessibility app's users.

Before 2026-12-06 every 20k seed listed the seat-splitting service's 100 seats (its two servers'
daily quota check read as a proxy pool), and 20k seed 1 listed 18 of the breached company's staff
(tied to colleagues suspended in the operation's sweep, while the operation holds most of the domain).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from bench_worlds import members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("eighteenth_world.py", 20000, 1)
world_small, evaluated_small = world_fixtures("eighteenth_world.py", 5000, 41, suffix="_small")
world_25k, evaluated_25k = world_fixtures("eighteenth_world.py", 25000, 315, suffix="_25k")


def _cluster_of(world: tuple[Path, Path], group: str) -> pd.Series:
    members, clusters = members_and_clusters(world)
    rows = members[(members["group"] == group) & (members["role"] == "core")]
    return clusters.loc[rows["cluster_id"].value_counts().index[0]]


def test_the_operations_are_found_and_nothing_innocent_is_listed(evaluated: Evaluation) -> None:
    for group in ("op_facade", "op_smear", "op_tenant"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.group_recall["op_pyramid"] >= 0.85
    assert evaluated.precision == 1.0
    assert evaluated.benign_group_exported == 0 and evaluated.organic_exported == 0


def test_a_seat_splitting_services_servers_are_no_proxy_pool(world: tuple[Path, Path]) -> None:
    seats = _cluster_of(world, "trap_seatsplit")
    assert seats["scheduled"] == 1.0  # the daily quota check at 06:00
    assert seats["multi_ip_share"] < 0.5 and seats["risk_score"] < 0.7


def test_the_breached_companys_staff_keep_their_office(world: tuple[Path, Path]) -> None:
    """The operation signed up twice as many accounts on the firm's domain as it has staff; the
    staff's office NAT is still the domain's home, so their suspended colleagues are turnover."""
    members, clusters = members_and_clusters(world)
    staff = members[(members["group"] == "trap_breached_co") & ~members["enforced"]]
    counts = staff["cluster_id"].value_counts()
    teams = clusters.loc[counts[counts >= 5].index]  # the crowd may hold a straggler or two
    assert len(teams) and (teams["organisation"] > 0.5).all() and (teams["known_bad"] == 0).all()


def test_the_resellers_customers_passed_through_its_gateways(
    world_small: tuple[Path, Path], evaluated_small: Evaluation
) -> None:
    """New accounts on the suspended reseller's gateways in their first days, then at home and on
    their own clouds for weeks: a staggered gathering (scoring/transit.py), not replacements that
    keep a banned cell's addresses. Before 2026-12-07, 18 of them were listed at 5k seed 41."""
    customers = _cluster_of(world_small, "trap_reseller_exodus")
    assert customers["gathering"] >= 0.15 and customers["risk_score"] < 0.7
    assert evaluated_small.benign_group_exported == 0
    for group in ("op_facade", "op_smear", "op_tenant"):
        assert _cluster_of(world_small, group)["gathering"] == 0.0, group


def test_an_apps_users_after_an_app_store_feature_are_independent(
    world_25k: tuple[Path, Path], evaluated_25k: Evaluation
) -> None:
    """The accessibility app's users: newcomers after an app-store feature joined users who had
    their accounts for months, so the burst is no identity link (``independence.burst_link``).
    At 25k seed 315 (here) and 50k seed 2 they were listed while it counted (94 and 243 accounts)."""
    assert evaluated_25k.benign_group_exported == 0 and evaluated_25k.organic_exported == 0
    assert evaluated_25k.group_recall["op_smear"] >= 0.95
    app = _cluster_of(world_25k, "trap_screenreader")
    assert app["burst_share"] >= 0.2 and app["tenured_share"] >= 0.3
    assert app["independent"] >= 0.5 and app["risk_score"] < 0.3
