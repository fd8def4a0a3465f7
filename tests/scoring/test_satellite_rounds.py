"""Later rounds of satellite moves (linkgraph/scoring/satellite_rounds.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from satellite_worlds import later_round_world

from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.satellite_rounds import drawn_by_templates, following, move_pairs, no_moves, template_units


def test_a_later_round_moves_only_along_an_earlier_rounds_moves() -> None:
    members = pd.DataFrame({"acct": [1, 2, 3, 4], "community": [5, 5, 6, 7], "role": "peripheral"})
    moves = pd.Series([6, 7, 6, 5], index=[1, 2, 3, 4])
    done = np.array([[5, 6], [7, 9]])
    assert move_pairs(moves, members).tolist() == [[5, 6], [5, 7], [6, 6], [7, 5]]
    assert following(moves, members, done).to_dict() == {1: 6}


def test_without_an_earlier_round_nothing_follows() -> None:
    members = pd.DataFrame({"acct": [1], "community": [5], "role": "peripheral"})
    assert following(pd.Series([6], index=[1]), members, no_moves()).empty


def test_paraphrased_families_and_cards_draw_a_member_and_pasted_words_or_ips_do_not() -> None:
    members, links, artifacts, moves = later_round_world()
    assert template_units(artifacts, ScoringParams()).tolist() == [0, 0, 2, -1, 4]
    kept = drawn_by_templates(moves, members, links, artifacts, ScoringParams())
    # 10: F1 only in the shared wording P1, and the exit; 11: two paraphrased families;
    # 12: a paraphrased family and the card; 13: F1 only in P1, and F2
    assert kept.index.tolist() == [11, 12]


def test_without_families_each_fingerprint_is_a_template_of_its_own() -> None:
    """Without ``family`` a fingerprint cannot be told from its family: each counts once."""
    members, links, artifacts, moves = later_round_world()
    kept = drawn_by_templates(moves, members, links, artifacts.drop(columns="family"), ScoringParams())
    assert kept.index.tolist() == [10, 11, 12, 13]


def test_a_template_the_core_holds_too_little_of_draws_nobody() -> None:
    members, links, artifacts, moves = later_round_world()
    few = members.assign(role=["core"] * 1 + ["peripheral"] * 9)  # one core user: not homed
    assert drawn_by_templates(moves, few, links, artifacts, ScoringParams()).empty
