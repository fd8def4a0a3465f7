"""End to end on a twentieth independent world (``bench/twentieth_world.py``, written blind from the
data contract and the anchors): a refund loop handing cards down a chain of accounts, warmed
accounts sold in lots, fake startups farming a credit programme, and cardless guests invited into
team workspaces who work at the top of every hour; a tax firm's seasonal seats, an accelerator's
cohort, an agency's guests, a win-back campaign, gift seats and month-end invoice runs.

Until 2026-12-07 the guests were missed (8k seed 12: 0.12; 25k seed 14: none): their five
paraphrase families, each used by the same 1.0-1.1% of all accounts and by nobody else, were
generic, and nothing else ties cardless accounts on a consumer VPN's exits. Those families are
evidence now (``coherence.co_used_families``); and a guest tied by the operation's families as
well as by its top-of-the-hour minutes is no clock rider (``scoring.riders``).

The accelerator's cohort (founders created in one evening, company cards, the coworking space's
addresses, co-timed workshop templates, the new model together) was listed until 2026-12-07 (risk
0.94 here): each startup is below the five members that make a domain a company. Startups that
hold together on their own (a card and a VM only they use) and meet only at one venue on a
timetable are a cohort now (``scoring.cohorts``), and own their domains.
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import listed_truth, members_and_clusters, world_fixtures
from typer.testing import CliRunner

from linkgraph.cli.main import app
from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("twentieth_world.py", 8000, 12)


def test_the_guests_in_team_workspaces_are_found(evaluated: Evaluation) -> None:
    assert evaluated.group_recall["op_guestseats"] >= 0.8
    for group in ("op_chargeback", "op_warmfarm", "op_grantfarm"):
        assert evaluated.group_recall[group] >= 0.95


def test_nobody_innocent_is_listed(world: tuple[Path, Path]) -> None:
    listed = listed_truth(world)
    assert set(listed.loc[listed["kind"] != "fraud", "group"]) == set()


def test_the_accelerator_cohort_is_read_and_explained_as_a_cohort(world: tuple[Path, Path]) -> None:
    """Its startups own their domains as a cohort; op_grantfarm's, on shared VMs, do not."""
    members, clusters = members_and_clusters(world)
    cohort = members.loc[members["group"] == "trap_startup_cohort", "cluster_id"].value_counts().index[0]
    held = clusters.loc[cohort]
    assert held["n_cohort_companies"] >= 3 and held["owned_domain_share"] >= 0.5
    farm = members.loc[members["group"] == "op_grantfarm", "cluster_id"].unique()
    assert (clusters.loc[farm, "n_cohort_companies"] == 0).all()
    explained = CliRunner().invoke(app, ["explain", str(cohort), "--runs", str(world[1].parent)])
    assert explained.exit_code == 0
    assert f"{int(held['n_cohort_companies'])} small companies, each on its own domain" in explained.output
