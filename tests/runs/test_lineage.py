"""Lineage and stable cluster ids: hand-made partitions, properties, and real runs on perturbed worlds."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# --- a world builder whose clusters are known exactly -------------------------------------------
from linkgraph.detect import (
    DetectParams,
    detect,
)
from linkgraph.graph import GraphParams
from linkgraph.runs.ids import cluster_number, format_cluster_id
from linkgraph.runs.lineage import STATUSES, diff_members, match_clusters
from linkgraph.runs.reader import COUNTER_FILE, next_cluster_number
from linkgraph.runs.store import list_runs, read_manifest, read_table

SMALL = DetectParams(graph=GraphParams(min_sharers=2))
"""Hand-made worlds have groups of three or four: let artifacts of two sharers into the graph."""


def build_world(groups: dict[str, list[str]], loners: int = 40) -> dict[str, pd.DataFrame]:
    """Each group shares one card, one IP and one template (a K(n,3) block: one community
    for sure); every account also has a personal IP; ``loners`` accounts share nothing."""
    accounts, cards, ips, prints = [], [], [], []
    for i, acct in enumerate(
        [a for members in groups.values() for a in members] + [f"o{i:03d}" for i in range(loners)]
    ):
        accounts.append(acct)
        ips.append((acct, f"10.{i // 200}.{i % 200}.9", 64600 + i))
    for g, members in groups.items():
        n = sorted(groups).index(g) + 1
        for acct in members:
            cards.append((acct, f"card_{g}"))
            ips.append((acct, f"192.0.{n}.1", 64500 + n))
            prints.append((acct, f"tmpl_{g}"))
    return {
        "accounts": pd.DataFrame({"account_id": accounts, "created_at": "2026-01-01T00:00:00Z"}),
        "payment_methods": pd.DataFrame(cards, columns=["account_id", "payment_method_id"]),
        "proxies": pd.DataFrame(ips, columns=["account_id", "ip", "asn"]),
        "prompt_fingerprints": pd.DataFrame(prints, columns=["account_id", "fingerprint"]),
    }


def write_world(tables: dict[str, pd.DataFrame], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def members(prefix: str, start: int, stop: int) -> list[str]:
    return [f"{prefix}{i:02d}" for i in range(start, stop)]


DAY1 = {
    "A": members("a", 0, 10),
    "B": members("b", 0, 8),
    "C": members("c", 0, 12),
    "D": members("d", 0, 6),
    "E": members("e", 0, 4),
    "G": members("g", 0, 5),
    "H": members("h", 0, 8),
}
DAY2 = {
    "AB": members("a", 0, 10) + members("b", 0, 8),  # A and B merge
    "C1": members("c", 0, 8),  # C splits 8 / 4
    "C2": members("c", 8, 12),
    "D": members("d", 0, 9),  # D grows by 3 new accounts
    "F": members("f", 0, 5),  # new
    "G": members("g", 0, 5),  # unchanged
    "H": members("h", 0, 6),  # shrinks by 2 (h06, h07 stop sharing)
}  # E's members stop sharing anything: dissolved


def day2_tables() -> dict[str, pd.DataFrame]:
    tables = build_world(DAY2)
    loose = members("e", 0, 4) + members("h", 6, 8)
    extra = pd.DataFrame({"account_id": loose, "created_at": "2026-01-01T00:00:00Z"})
    tables["accounts"] = pd.concat([tables["accounts"], extra], ignore_index=True)
    return tables


def ids_by_group(run_dir: Path, groups: dict[str, list[str]]) -> dict[str, str]:
    m = read_table(run_dir, "members").set_index("account_id")["cluster_id"]
    out = {}
    for g, accts in groups.items():
        ids = set(m.reindex(accts))
        assert len(ids) == 1, f"group {g} is not one cluster: {ids}"
        out[g] = ids.pop()
    return out


# --- two runs on perturbed data ---------------------------------------------------------------------


def test_two_runs_with_merge_split_growth_and_dissolution(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    run1 = detect(write_world(build_world(DAY1), tmp_path / "day1"), runs, SMALL)
    run2 = detect(write_world(day2_tables(), tmp_path / "day2"), runs, SMALL, warm_start=False)
    id1 = ids_by_group(runs / run1, DAY1)
    id2 = ids_by_group(runs / run2, DAY2)
    assert sorted(id1.values()) == [format_cluster_id(i) for i in range(1, 8)]

    lineage = read_table(runs / run2, "lineage").set_index("cluster_id")
    assert id2["AB"] == id1["A"]  # a merge keeps the id of its largest source
    assert lineage.loc[id1["A"], ["status", "prev_size", "added"]].tolist() == ["merged", 10, 8]
    assert lineage.loc[id1["A"], "sources"].split(",") == [id1["A"], id1["B"]]
    assert id1["B"] not in lineage.index  # a merged-away id is retired, named only in sources
    assert id2["C1"] == id1["C"]  # a split keeps the id on its largest part
    assert lineage.loc[id2["C1"], ["status", "size", "prev_size", "removed"]].tolist() == ["split", 8, 12, 4]
    assert lineage.loc[id2["C2"], ["status", "sources", "prev_size", "added"]].tolist() == ["split", id1["C"], 0, 4]
    assert id2["D"] == id1["D"] and lineage.loc[id2["D"], ["status", "added", "removed"]].tolist() == ["grown", 3, 0]
    assert id2["G"] == id1["G"] and lineage.loc[id2["G"], "status"] == "unchanged"
    assert id2["H"] == id1["H"] and lineage.loc[id2["H"], ["status", "added", "removed"]].tolist() == ["shrunk", 0, 2]
    assert lineage.loc[id1["E"], ["status", "size", "removed"]].tolist() == ["dissolved", 0, 4]
    assert lineage.loc[id2["F"], "status"] == "new"
    # fresh ids continue the counter: C2 and F get 8 and 9, never an old id
    assert sorted([id2["C2"], id2["F"]]) == ["C000008", "C000009"]
    manifest = read_manifest(runs / run2)["lineage"]
    assert manifest["previous_run"] == run1 and manifest["next_cluster_id"] == 10
    assert manifest["counts"] == {
        "new": 1,
        "grown": 1,
        "shrunk": 1,
        "merged": 1,
        "split": 2,
        "dissolved": 1,
        "unchanged": 1,
    }
    # diff of the two runs reproduces the lineage the run recorded
    recorded = read_table(runs / run2, "lineage")
    recomputed = diff_members(read_table(runs / run1, "members"), read_table(runs / run2, "members"))
    pd.testing.assert_frame_equal(recomputed, recorded)


def test_warm_start_keeps_cells_and_the_campaign_groups_them(tmp_path: Path) -> None:
    """The default scheduled run: cells do not merge; the campaign holds what belongs together."""
    runs = tmp_path / "runs"
    run1 = detect(write_world(build_world(DAY1), tmp_path / "day1"), runs, SMALL)
    run2 = detect(write_world(day2_tables(), tmp_path / "day2"), runs, SMALL)
    assert read_manifest(runs / run2)["lineage"]["warm_start"] is True
    id1 = ids_by_group(runs / run1, DAY1)
    a, b = ids_by_group(runs / run2, {"A": DAY1["A"], "B": DAY1["B"]}).values()
    assert (a, b) == (id1["A"], id1["B"])  # no merge: both cells keep their ids
    members = read_table(runs / run2, "members").set_index("account_id")
    assert members.loc[DAY1["A"] + DAY1["B"], "campaign_id"].nunique() == 1
    lineage = read_table(runs / run2, "lineage").set_index("cluster_id")
    assert "merged" not in set(lineage["status"])


@pytest.mark.parametrize("warm_start", [True, False])
def test_rerun_on_the_same_data_keeps_every_id(tmp_path: Path, warm_start: bool) -> None:
    runs = tmp_path / "runs"
    data = write_world(day2_tables(), tmp_path / "day2")
    first = detect(data, runs, SMALL)
    second = detect(data, runs, SMALL, warm_start=warm_start)
    assert ids_by_group(runs / first, DAY2) == ids_by_group(runs / second, DAY2)
    counts = read_manifest(runs / second)["lineage"]["counts"]
    assert counts["unchanged"] == len(DAY2) and sum(counts.values()) == len(DAY2)
    assert read_manifest(runs / second)["lineage"]["warm_start"] is warm_start


def test_ids_are_never_reused_even_without_the_counter_file(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    detect(write_world(build_world(DAY1), tmp_path / "day1"), runs, SMALL)
    detect(write_world(day2_tables(), tmp_path / "day2"), runs, SMALL)  # hands out 8 and 9
    (runs / COUNTER_FILE).unlink()
    assert next_cluster_number(runs) == 10
    json.dumps(read_manifest(runs / list_runs(runs)[-1]))  # manifest stays plain JSON
    third = detect(write_world(build_world({**DAY2, "Z": members("z", 0, 3)}), tmp_path / "day3"), runs, SMALL)
    assert ids_by_group(runs / third, {"Z": members("z", 0, 3)}) == {"Z": "C000010"}


# --- the pure matcher --------------------------------------------------------------------------------


def frame(assign: dict[str, str | int], col: str) -> pd.DataFrame:
    return pd.DataFrame({"account_id": list(assign), col: list(assign.values())})


def test_three_way_split_keeps_id_on_largest_part_and_fresh_ids_follow_order() -> None:
    prev = frame({f"x{i}": "C000004" for i in range(9)}, "cluster_id")
    new = frame(
        {**{f"x{i}": 7 for i in range(2)}, **{f"x{i}": 5 for i in range(2, 6)}, **{f"x{i}": 9 for i in range(6, 9)}},
        "community",
    )
    m = match_clusters(prev, new, next_id=20, order=[7, 9, 5])
    assert m.ids.to_dict() == {5: "C000004", 7: "C000020", 9: "C000021"}
    assert m.next_id == 22
    assert set(m.lineage["status"]) == {"split"}


def test_merge_keeps_the_id_of_the_largest_source_not_the_oldest() -> None:
    prev = frame({**{f"s{i}": "C000001" for i in range(3)}, **{f"b{i}": "C000002" for i in range(6)}}, "cluster_id")
    new = frame({**{f"s{i}": 4 for i in range(3)}, **{f"b{i}": 4 for i in range(6)}}, "community")
    m = match_clusters(prev, new, next_id=3)
    assert m.ids.to_dict() == {4: "C000002"} and m.next_id == 3
    assert m.lineage[["cluster_id", "status", "sources"]].values.tolist() == [["C000002", "merged", "C000002,C000001"]]


def test_a_member_leaking_into_a_big_cluster_is_not_a_merge() -> None:
    prev = frame({**{f"s{i}": "C000001" for i in range(10)}, **{f"b{i}": "C000002" for i in range(100)}}, "cluster_id")
    new = frame({**{f"s{i}": 0 for i in range(1, 10)}, "s0": 1, **{f"b{i}": 1 for i in range(100)}}, "community")
    lineage = match_clusters(prev, new, next_id=3).lineage.set_index("cluster_id")
    assert lineage.loc["C000002", "status"] == "grown"
    assert lineage.loc["C000001", ["status", "removed"]].tolist() == ["shrunk", 1]


def test_cluster_id_round_trip() -> None:
    assert cluster_number(format_cluster_id(1234567)) == 1234567
    with pytest.raises(ValueError):
        cluster_number("X12")


ACCOUNTS = [f"u{i:02d}" for i in range(30)]
partitions = st.lists(st.integers(min_value=-1, max_value=6), min_size=len(ACCOUNTS), max_size=len(ACCOUNTS))


def as_prev(labels: list[int]) -> pd.DataFrame:
    rows = [(a, format_cluster_id(lab + 1)) for a, lab in zip(ACCOUNTS, labels, strict=True) if lab >= 0]
    return pd.DataFrame(rows, columns=["account_id", "cluster_id"])


def as_new(labels: list[int]) -> pd.DataFrame:
    rows = [(a, lab) for a, lab in zip(ACCOUNTS, labels, strict=True) if lab >= 0]
    return pd.DataFrame(rows, columns=["account_id", "community"])


@settings(max_examples=60, deadline=None)
@given(old=partitions, new=partitions, shift=st.integers(min_value=0, max_value=5))
def test_matching_invariants(old: list[int], new: list[int], shift: int) -> None:
    prev, cur = as_prev(old), as_new(new)
    next_id = (max(old) + 2 if max(old) >= 0 else 1) + shift
    m = match_clusters(prev, cur, next_id)
    ids = m.ids
    assert ids.notna().all() and ids.is_unique
    old_ids = set(prev["cluster_id"])
    inherited = {i for i in ids if i in old_ids}
    fresh = sorted(cluster_number(i) for i in ids if i not in old_ids)
    assert fresh == list(range(next_id, m.next_id))  # fresh ids are new numbers, consecutive
    assert all(cluster_number(i) >= next_id for i in set(ids) - old_ids)
    lineage = m.lineage.set_index("cluster_id")
    assert set(lineage["status"]) <= set(STATUSES)
    # every old cluster is accounted for: it persists, is a source of some cluster, or dissolved
    sourced = {s for srcs in lineage["sources"] for s in srcs.split(",") if s}
    dissolved = set(lineage.index[lineage["status"] == "dissolved"])
    assert old_ids == inherited | sourced | dissolved
    assert not dissolved & (inherited | sourced)
    # member deltas match set arithmetic on the same id
    new_sets = cur.assign(cid=cur["community"].map(ids)).groupby("cid")["account_id"].agg(set)
    old_sets = prev.groupby("cluster_id")["account_id"].agg(set)
    for cid, row in lineage.iterrows():
        now, before = new_sets.get(cid, set()), old_sets.get(cid, set())
        assert (row["size"], row["prev_size"]) == (len(now), len(before))
        assert (row["added"], row["removed"]) == (len(now - before), len(before - now))
    # a persisting id sits on the largest of its old cluster's related parts (overlap >= half of either side)
    both = prev.merge(cur, on="account_id")
    overlap = both.groupby(["cluster_id", "community"]).size().rename("n").reset_index()
    size_old = overlap["cluster_id"].map(prev["cluster_id"].value_counts())
    size_new = overlap["community"].map(cur["community"].value_counts())
    related = overlap[(overlap["n"] >= 0.5 * size_old) | (overlap["n"] >= 0.5 * size_new)]
    for community, cid in ids.items():
        if cid in inherited:
            parts = related[related["cluster_id"] == cid].set_index("community")["n"]
            assert parts.max() == parts.get(community, 0)
    # diff by ids reproduces the recorded lineage
    recomputed = diff_members(prev, cur.assign(cluster_id=cur["community"].map(ids)))
    pd.testing.assert_frame_equal(recomputed, m.lineage)


@settings(max_examples=25, deadline=None)
@given(labels=partitions, perm=st.permutations(list(range(7))))
def test_identical_partition_is_unchanged_and_labels_do_not_matter(labels: list[int], perm: list[int]) -> None:
    prev = as_prev(labels)
    same = prev.rename(columns={"cluster_id": "community"})
    m = match_clusters(prev, same, next_id=100)
    assert set(m.lineage["status"]) <= {"unchanged"} and m.next_id == 100
    assert (m.ids.index == m.ids.to_numpy()).all()
    # relabelling the new communities changes nothing about which account gets which id
    new = as_new(labels)
    relabelled = new.assign(community=new["community"].map(dict(enumerate(perm))))
    a = new["community"].map(match_clusters(prev, new, 100).ids)
    b = relabelled["community"].map(match_clusters(prev, relabelled, 100).ids)
    assert a.tolist() == b.tolist()
