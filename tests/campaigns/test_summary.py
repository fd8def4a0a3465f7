"""The risk waterfall and the one-line description."""

from __future__ import annotations

import math

import pytest

from linkgraph.campaigns.summary import describe, organisation_note, waterfall


def test_waterfall_ends_at_the_risk_score() -> None:
    row = {"contrib_burst": 1.5, "contrib_linked_network": 2.0, "contrib_single_hub": -0.5, "risk_score": 0.0}
    wf = waterfall(row, bias=-4.0)
    assert wf["step"].tolist() == ["bias", "linked_network", "burst", "single_hub"]
    z = -4.0 + 2.0 + 1.5 - 0.5
    assert wf["end"].iloc[-1] == pytest.approx(z)
    assert wf["probability"].iloc[-1] == pytest.approx(1 / (1 + math.exp(-z)))
    assert (wf["start"] + wf["contribution"]).round(4).tolist() == wf["end"].tolist()


def test_unknown_contributions_show_up_and_unknown_features_are_ignored() -> None:
    wf = waterfall({"contrib_lockstep_share": 0.8, "something_else": "x"}, bias=-1.0)
    assert wf["label"].tolist() == ["baseline (bias)", "lockstep share"]
    assert describe({"brand_new_feature": 0.9, "payment_share": "not a number"}) == "loosely linked accounts"


@pytest.mark.parametrize(
    ("features", "expected"),
    [
        ({"payment_share": 0.9, "multi_ip_share": 0.6}, "payment reseller with proxy rotation"),
        ({"template_share": 0.9, "burst_share": 0.8}, "shared template traffic with burst sign-ups"),
        ({"family_share": 0.9, "multi_template_share": 0.8}, "paraphrased template traffic"),
        (
            {"family_share": 0.9, "multi_template_share": 0.8, "sessions_beyond_waves": 1.0},
            "paraphrased template traffic with shared work sessions",
        ),
        ({"n_replacements": 3, "known_bad": 0.5}, "replacement cells of a banned hydra"),
        ({"hub_share": 0.95, "owned_domain_share": 0.9}, "organisation on one billing hub"),
        (
            {"tenant_share": 0.9, "lockstep_share": 0.8},
            "a platform's customers, each on its own domain with lockstep traffic",
        ),
        (
            {"template_share": 0.9, "lockstep_share": 0.5, "model_pivot": 0.6},
            "synchronized template traffic with a jump to a new model",
        ),
        (
            {"family_share": 1.0, "lockstep_share": 0.8, "independent": 1.0},
            "independent users of one tool or event (no shared identity) with lockstep traffic",
        ),
    ],
)
def test_describe(features: dict, expected: str) -> None:
    assert describe(features) == expected


def test_the_organisation_note_counts_members_in_lockstep_with_another_organisation() -> None:
    note = organisation_note({"n_cross_organisation": 1234.0})
    assert note is not None and note.startswith("1,234 members on its own domains")
    assert organisation_note({"n_cross_organisation": 0}) is None
    assert organisation_note({}) is None  # runs before the rule have no such column
    assert organisation_note({"n_cross_organisation": float("nan")}) is None


def test_the_organisation_note_names_a_cohorts_companies() -> None:
    note = organisation_note({"n_cohort_companies": 17.0})
    assert note is not None and note.startswith("17 small companies") and "cohort" in note
    assert organisation_note({"n_cohort_companies": 0}) is None
    assert organisation_note({"n_cohort_companies": float("nan")}) is None


def test_the_organisation_note_names_the_newcomers_its_staffs_card_pays_for() -> None:
    note = organisation_note({"sponsored_share": 0.47, "n_cross_organisation": 0})
    assert note is not None and note.startswith("47% of the core are newcomers")
    both = organisation_note({"sponsored_share": 0.47, "n_cross_organisation": 3})
    assert both is not None and both.startswith("3 members") and "47% of the core" in both
    assert organisation_note({"sponsored_share": float("nan")}) is None
