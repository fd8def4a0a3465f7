"""Evidence in plain words: lockstep and families summarised, ties to bans first."""

from __future__ import annotations

import pandas as pd

from linkgraph.runs.phrases import member_phrases


def test_phrases_summarise_new_evidence_kinds() -> None:
    links = pd.DataFrame(
        {
            "account_id": ["a"] * 5 + ["b"],
            "kind": ["lockstep", "lockstep", "family", "ip", "payment", "ip"],
            "artifact": ["ls:1", "ls:2", "tf:x", "10.0.0.1", "pm_1", "10.0.0.1"],
            "n_members": [38, 12, 181, 6, 3, 6],
            "weight": [0.5, 0.5, 0.3, 0.55, 0.9, 0.55],
        }
    )
    members = pd.DataFrame(
        {
            "account_id": ["a", "b"],
            "tied_enforced": [24, 0],
            "tie_artifacts": [2, 0],
            "tied_most": [24, 0],
            "tie_ban_date": ["2026-09-19", None],
            "replacement": [True, False],
        }
    )
    text = member_phrases(links, members)
    a = text["a"]
    assert a.startswith("shares 2 rare artifacts with banned or suspended accounts (up to 24 on one)")
    assert "last active 2026-09-19; created after that: a likely replacement" in a
    assert "sent in the same minute as 37 cluster members on 2 occasions" in a
    assert "1 template family (paraphrased prompts) shared with up to 180 cluster members" in a
    assert "ip 10.0.0.1 shared with 5 in the cluster" in a
    assert text["b"] == "ip 10.0.0.1 shared with 5 in the cluster (w=0.55)"


def test_a_rider_is_told_why_it_is_not_listed() -> None:
    links = pd.DataFrame(
        {
            "account_id": ["r", "r", "c"],
            "kind": ["ip", "ip", "ip"],
            "artifact": ["10.0.0.1", "10.0.0.2", "10.0.0.1"],
            "n_members": [30, 25, 30],
            "weight": [0.5, 0.5, 0.5],
        }
    )
    members = pd.DataFrame({"account_id": ["r", "c"], "rider": [True, False]})
    text = member_phrases(links, members)
    assert text["r"].startswith("not listed: tied by shared IPs alone: exits that serve others too")
    assert text["r"].endswith(
        "ip 10.0.0.1 shared with 29 in the cluster (w=0.5); ip 10.0.0.2 shared with 24 in the cluster (w=0.5)"
    )
    assert "not listed" not in text["c"]
