"""End to end on a sixteenth independent world (``bench/sixteenth_world.py``, written blind from the
data contract and the threat description): a rate-limited harness on a rotating residential pool with
staggered shifts and 3-6 bit paraphrases only, ban-evasion lineages with one live account each whose
replacement re-sends its predecessor's last prompts, and fan-out cells with one account per model; an
open-source batch tool's users on the same limiter and cron, LLM gateways mirroring traffic to a shadow
model, and people who sign up again after a declined card.

At 20k seed 1 every operation is found whole and nothing innocent is listed. The test pins that.
"""

from __future__ import annotations

from bench_worlds import world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("sixteenth_world.py")


def test_every_operation_is_found_and_nothing_innocent_is_listed(evaluated: Evaluation) -> None:
    for group in ("op_metronome", "op_resume", "op_fanout"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.precision == 1.0
    assert evaluated.benign_group_exported == 0 and evaluated.organic_exported == 0
    assert evaluated.replacement_recall >= 0.9


world_5k, evaluated_5k = world_fixtures("sixteenth_world.py", 5000, 1, suffix="_5k")


def test_at_5k_public_prompts_keep_no_household_on_the_list(evaluated_5k: Evaluation) -> None:
    """At 5k the three operations share one cluster with 310 ordinary accounts, tied to them by the
    residential pool's exits and by public prompts (pasted once by each of their 20-40 users),
    or by public prompts alone: riders, not listed (39 organic accounts were listed before)."""
    assert evaluated_5k.organic_exported <= 5
    assert evaluated_5k.recall >= 0.99
