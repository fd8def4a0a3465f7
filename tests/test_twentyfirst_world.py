"""End to end on a twenty-first independent world (``bench/twentyfirst_world.py``, written blind from
the data contract and the anchors): seven language desks translating one work item each within
seconds, personas handing rate-limited prompts to squadmates, a long template cut into paraphrased
chunks sent low and slow over many networks, and cells of long tool-use sessions in lockstep; a
livestream's viewers, a support desk following the sun, a care home's AAC app, a CRM's morning
digests, a typhoon's advisories and a library's public terminals.

Until 2026-12-07 the livestream's viewers were listed whole (5k seed 11: 57 of 60, precision
0.706): they paste the host's prompts within a minute of each other on Tuesday, Thursday and
Saturday evenings, show after show. A timetable now holds up to three hours of the week
(``scoring.schedule``), so the three evenings read as scheduled, as one evening a week did.
"""

from __future__ import annotations

from bench_worlds import world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("twentyfirst_world.py", 5000, 11)


def test_every_operation_is_found_and_the_viewers_are_not_listed(evaluated: Evaluation) -> None:
    for group in ("op_babel", "op_baton", "op_chunkline", "op_marathon"):
        assert evaluated.group_recall[group] >= 0.95
    assert evaluated.precision == 1.0
    assert evaluated.benign_group_exported == 0 and evaluated.organic_exported == 0
