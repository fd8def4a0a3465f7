"""The app's export payload, and review marks feeding the allowlist (hand-made runs from ``handmade.py``)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from handmade import RUN_2

from linkgraph.enforcement import reviews
from linkgraph.enforcement.audit import read_audit
from linkgraph.enforcement.export import enforcement_list
from linkgraph.investigate import export


def test_export_payload_matches_enforcement_list(runs: Path) -> None:
    payload = export.export_payload(runs / RUN_2, "csv")
    frame = pd.read_csv(io.BytesIO(payload.data))
    expected = enforcement_list(runs / RUN_2)
    assert len(frame) == len(expected) == 1004
    assert frame["account_id"].tolist() == expected["account_id"].tolist()
    assert payload.manifest["row_count"] == 1004 and payload.manifest["run_id"] == RUN_2
    assert payload.manifest["sha256"] == hashlib.sha256(payload.data).hexdigest()
    one = export.export_payload(runs / RUN_2, "jsonl", cluster_ids=["C000002"])
    rows = [json.loads(line) for line in one.data.decode().splitlines()]
    assert [r["account_id"] for r in rows] == ["b1", "b2"]  # core members only
    assert one.file_name.endswith("-C000002.jsonl") and one.manifest["cluster_ids"] == ["C000002"]
    parquet = export.export_payload(runs / RUN_2, "parquet", threshold=0.95)
    assert pd.read_parquet(io.BytesIO(parquet.data)).empty


def test_review_marks_are_durable_audited_and_feed_the_allowlist(runs: Path) -> None:
    with pytest.raises(ValueError, match="unknown mark"):
        reviews.mark_cluster(runs, RUN_2, "C000001", "fraud", ["a1"])
    rec = reviews.mark_cluster(runs, RUN_2, "C000001", "benign", ["a2", "a1", "a3", "a4"], " team account ", who="ana")
    assert rec["members"] == ["a1", "a2", "a3", "a4"] and rec["note"] == "team account"
    assert reviews.allowlisted_accounts(runs) == {"a1", "a2", "a3", "a4"}
    audit = read_audit(runs)
    assert audit[-1]["action"] == "review" and audit[-1]["mark"] == "benign" and audit[-1]["who"] == "ana"
    # later runs respect the allowlist; a newer mark of the same cluster id wins
    assert not set(enforcement_list(runs / RUN_2)["account_id"]) & {"a1", "a2", "a3", "a4"}
    reviews.mark_cluster(runs, RUN_2, "C000001", "confirmed", ["a1"], who="bo")
    assert reviews.allowlisted_accounts(runs) == set()
    assert {"a1", "a2"} <= set(enforcement_list(runs / RUN_2)["account_id"])
    log = reviews.read_reviews(runs)
    assert log["mark"].tolist() == ["benign", "confirmed"]
    with (runs / reviews.REVIEWS_FILE).open("a") as fh:
        fh.write('{"cluster_id": "C0000')  # a torn write
    assert reviews.read_reviews(runs)["mark"].tolist() == ["benign", "confirmed"]
    reviews.mark_cluster(runs, RUN_2, "C000003", "benign", ["c1", "c2"], who="bo")  # still readable after it
    assert reviews.allowlisted_accounts(runs) == {"c1", "c2"}


def test_a_lower_threshold_is_the_default_list_plus_what_it_adds(runs: Path) -> None:
    """How the app builds a below-threshold list (only the added clusters) gives ``enforcement_list``'s rows."""
    run_dir = runs / RUN_2
    reviews.mark_cluster(runs, RUN_2, "C000003", "benign", ["c1"], who="ana")  # the allowlist applies to both parts
    default = enforcement_list(run_dir)
    for threshold, added in ((0.4, ["C000002"]), (0.0, ["C000002", "C000003"]), (0.65, [])):
        combined = export.combine_lists([default, enforcement_list(run_dir, cluster_ids=added)])
        pd.testing.assert_frame_equal(combined, enforcement_list(run_dir, threshold))
    assert export.combine_lists([default.iloc[0:0]]).empty
