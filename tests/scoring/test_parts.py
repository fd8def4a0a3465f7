"""A cluster whose core falls apart into evidence-disjoint parts is split (scoring/parts.py)."""

from __future__ import annotations

import pandas as pd

from linkgraph.scoring.parts import disjoint_core_parts


def _frames(groups: list[tuple[list[int], list[int]]], community: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Members (all core) and evidence links: every account of a group links every artifact of it."""
    members, links = [], []
    for accounts, artifacts in groups:
        members += [{"acct": a, "community": community, "role": "core"} for a in accounts]
        links += [{"acct": a, "community": community, "art": t} for a in accounts for t in artifacts]
    return pd.DataFrame(members).drop_duplicates("acct"), pd.DataFrame(links)


def test_a_connected_core_is_not_split() -> None:
    members, links = _frames([([0, 1, 2, 3, 4, 5], [100, 101]), ([5, 6, 7, 8, 9], [102])])
    assert disjoint_core_parts(members, links, min_part=5) is None


def test_an_evidence_disjoint_part_becomes_its_own_community() -> None:
    members, links = _frames([(list(range(0, 12)), [100, 101]), (list(range(20, 27)), [200])])
    out = disjoint_core_parts(members, links, min_part=5)
    assert out is not None
    by_acct = out.set_index("acct")["community"]
    assert set(by_acct.loc[list(range(0, 12))]) == {0}  # the largest part keeps the id
    assert set(by_acct.loc[list(range(20, 27))]) == {1}  # a new id above every existing one


def test_parts_below_the_minimum_and_peripherals_stay() -> None:
    members, links = _frames([(list(range(0, 12)), [100]), ([20, 21, 22], [200])])
    periphery = pd.DataFrame({"acct": [50], "community": [0], "role": ["peripheral"]})
    assert disjoint_core_parts(pd.concat([members, periphery]), links, min_part=5) is None


def test_artifacts_of_other_communities_do_not_join_parts() -> None:
    """The same artifact code in two communities ties nothing across them (nodes are per community)."""
    a_members, a_links = _frames([(list(range(0, 6)), [100]), (list(range(10, 16)), [101])], community=0)
    b_members, b_links = _frames([(list(range(30, 36)), [100, 101])], community=1)
    out = disjoint_core_parts(pd.concat([a_members, b_members]), pd.concat([a_links, b_links]), min_part=5)
    assert out is not None
    by_acct = out.set_index("acct")["community"]
    assert by_acct.loc[10] == 2 and by_acct.loc[0] == 0 and by_acct.loc[30] == 1
