"""End to end on a nineteenth independent world (``bench/nineteenth_world.py``, written blind from the
data contract and the threat description): a hydra on leased residential exits, a slow drip of
accounts resampling prompts, an operation riding a bring-your-own-key app, and contractors placed
inside real companies; the households behind the exits, the companies' staff, batch-API
customers, demo tablets, peer graders and uptime probes.

Before 2026-12-06 the contractors' cross-company dispatcher put eight host companies in one cluster
with their seats, and the seats' bans voided the companies' organisation discount: 73 of the staff
were listed at 10k seed 3 (precision 0.447). The crew is now split off (``scoring.crews``). The
slow drip's pods, which share hundreds of prompts only two or three accounts sent, were missed in
the crowd (2%); they are split from it now (``scoring.prompt_pairs``). The operation riding the app
was missed whole until 2026-12-07: its four paraphrase families, each just over 1% of all accounts
and used by nobody else, were generic, and the crowd's own templates chained it to the crowd. Its
families are evidence now (half their users pay in pairs with each other:
``coherence.card_tied_families``), and it is a sole team of the crowd (``scoring.parts``).
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("nineteenth_world.py", 10000, 3)


def test_the_contractors_are_listed_and_their_colleagues_are_not(evaluated: Evaluation) -> None:
    assert evaluated.group_recall["op_placement"] >= 0.9
    assert evaluated.group_recall["op_resample"] >= 0.97  # its pods: split from the crowd, cores on paired prompts
    assert evaluated.group_recall["op_porchlight"] >= 0.95
    assert evaluated.group_recall["op_hitchhike"] >= 0.95  # its families: card-tied; a sole team of the crowd
    assert evaluated.precision == 1.0
    assert evaluated.benign_group_exported == 0 and evaluated.organic_exported == 0


def test_the_crew_is_a_cluster_apart_from_the_staff(world: tuple[Path, Path]) -> None:
    members, clusters = members_and_clusters(world)
    core = members[members["role"] == "core"]
    seats = core[(core["group"] == "op_placement") & ~core["enforced"]]
    crew = seats["cluster_id"].value_counts().index[0]
    assert (seats["cluster_id"] == crew).mean() >= 0.9
    assert not (core[core["cluster_id"] == crew]["group"] == "trap_host_staff").any()
    staff = core[core["group"] == "trap_host_staff"]
    companies = clusters.loc[staff["cluster_id"].unique()]
    assert (companies["risk_score"] < 0.7).all()
