"""End to end on an eleventh independent world (``bench/eleventh_world.py``): cells that age for
weeks on ordinary prompts before switching to their templates, an operation that moves to new
template families and cloud IPs every few days, kiosk sign-up batches on single-use cards billed
partly through a regional reseller; hospital shift changes, a call centre, libraries, a monthly
hackathon, red teams, an airline's chatbot fleet, a translation tool, the reseller's customers.
"""

from __future__ import annotations

from bench_worlds import world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("eleventh_world.py")


def test_the_operations_are_found(evaluated: Evaluation) -> None:
    for group in ("op_slowburn", "op_rotator", "op_kiosk"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.replacement_recall >= 0.95


def test_no_innocent_is_listed(evaluated: Evaluation) -> None:
    """Not the reseller's customers, whose billing token a kiosk batch shares (5 of 80 were
    listed before billing hubs stopped joining parts of a core); no ordinary user."""
    assert evaluated.benign_group_exported == 0
    assert evaluated.organic_exported <= 2
