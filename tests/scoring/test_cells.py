"""Cell lockstep: members on a private family who meet in the same minute, day after day."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.cells import CELL_FAMILY_MAX_USERS, cell_lockstep, locked_accounts
from linkgraph.scoring.parts import rewrite_teams

START = pd.Timestamp("2026-03-01", tz="UTC")


def _requests(days: int, offset_s: int = 10) -> pd.DataFrame:
    """Accounts 0 and 1 each send once a day, ``offset_s`` seconds apart; account 2 an hour later."""
    rows = []
    for day in range(days):
        t = START + pd.Timedelta(days=day, hours=3)
        rows += [(0, t), (1, t + pd.Timedelta(seconds=offset_s)), (2, t + pd.Timedelta(hours=1))]
    acct, stamp = zip(*rows, strict=True)
    return pd.DataFrame({"acct": np.array(acct), "timestamp": pd.to_datetime(list(stamp), utc=True)})


def _links(users: int, rewrite: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Accounts 0, 1 and 2 on one family (artifact 0) that ``users`` accounts use in all, and on
    a rewrite group (artifact 1, of 40 users) when ``rewrite``."""
    n = 6 if rewrite else 3
    links = pd.DataFrame({"acct": [0, 1, 2, 0, 1, 2][:n], "art": [0, 0, 0, 1, 1, 1][:n]})
    artifacts = pd.DataFrame({"kind": pd.Categorical(["family", "rewrite"]), "df": [users, 40]})
    return links, artifacts


def test_a_cell_that_meets_on_five_days_is_in_lockstep() -> None:
    links, df = _links(3)
    share = cell_lockstep(_requests(5), links, df, np.array([0, 0, 0]))
    assert share.to_dict() == {0: 2 / 3}


def test_four_days_are_not_enough() -> None:
    links, df = _links(3)
    assert cell_lockstep(_requests(4), links, df, np.array([0, 0, 0])).to_dict() == {0: 0.0}


def test_meeting_in_different_minutes_is_not_lockstep() -> None:
    links, df = _links(3)
    assert cell_lockstep(_requests(8, offset_s=90), links, df, np.array([0, 0, 0])).to_dict() == {0: 0.0}


def test_coworkers_without_a_rewrite_group_are_no_cell() -> None:
    links, df = _links(3, rewrite=False)
    assert cell_lockstep(_requests(8), links, df, np.array([0, 0, 0])).empty


def test_a_popular_family_is_not_a_cell() -> None:
    links, df = _links(500)
    assert cell_lockstep(_requests(8), links, df, np.array([0, 0, 0])).empty


def test_a_family_shared_with_neighbouring_cells_is_still_a_cell_family() -> None:
    """A cell's paraphrases can fall into a family that holds a few cells' paraphrases (20
    users): the cellmates meet on it. A family that could be generic (26 users or more) cannot
    be one cell's."""
    links, df = _links(CELL_FAMILY_MAX_USERS)
    assert cell_lockstep(_requests(5), links, df, np.array([0, 0, 0])).to_dict() == {0: 2 / 3}
    links, df = _links(CELL_FAMILY_MAX_USERS + 1)
    assert cell_lockstep(_requests(5), links, df, np.array([0, 0, 0])).empty
    assert cell_lockstep(_requests(5), links, df, np.array([0, 0, 0]), family_max_users=30).to_dict() == {0: 2 / 3}


def test_members_of_different_clusters_are_not_a_cell() -> None:
    links, df = _links(3)
    share = cell_lockstep(_requests(8), links, df, np.array([0, 1, 1]))
    assert share.to_dict() == {0: 0.0, 1: 0.0}


def test_pairs_meeting_in_a_crowded_minute_are_no_cell() -> None:
    """A scheduled tool's users: eight pairs, each on its own small edit of the tool's prompt
    (rewrites of one master), all fired in the same minute every day. Pairs meet, but so does
    everyone: no cell. The same pairs, each at its own hour, are cells."""
    pairs = 8
    links = pd.DataFrame(
        {
            "acct": np.r_[np.arange(2 * pairs), np.arange(2 * pairs)],
            "art": np.r_[np.arange(2 * pairs) // 2, [pairs] * 2 * pairs],
        }
    )
    artifacts = pd.DataFrame(
        {"kind": pd.Categorical(["family"] * pairs + ["rewrite"]), "df": [2] * pairs + [2 * pairs]}
    )
    community = np.zeros(2 * pairs, dtype=np.int64)

    def requests(own_hour: bool) -> pd.DataFrame:
        acct = np.tile(np.arange(2 * pairs), 6)
        day = np.repeat(np.arange(6), 2 * pairs)
        hour = np.where(own_hour, acct // 2, 0)
        stamp = START + pd.to_timedelta(day, unit="D") + pd.to_timedelta(hour, unit="h")
        return pd.DataFrame({"acct": acct, "timestamp": pd.to_datetime(stamp, utc=True)})

    assert cell_lockstep(requests(False), links, artifacts, community).to_dict() == {0: 0.0}
    assert cell_lockstep(requests(True), links, artifacts, community).to_dict() == {0: 1.0}
    assert (locked_accounts(requests(True), links, artifacts, community) == np.arange(2 * pairs)).all()


def test_a_cell_meets_on_its_own_family_when_requests_name_their_families() -> None:
    """Accounts 0 and 1 share a small family (tf:cell) and meet in the same minute daily; when the
    request log names each request's family, the meetings count only on that family: a pair
    whose shared family is a chance collision of a tool's prompt edits (met on other prompts)
    is no cell."""
    links, artifacts = _links(3)
    artifacts["artifact"] = ["tf:cell", "rw:group"]
    requests = _requests(6)
    on_cell = requests.assign(family=pd.Categorical(["tf:cell"] * len(requests)))
    elsewhere = requests.assign(family=pd.Categorical(["tf:tool"] * len(requests)))
    community = np.array([0, 0, 0])
    assert locked_accounts(on_cell, links, artifacts, community).tolist() == [0, 1]
    assert locked_accounts(elsewhere, links, artifacts, community).tolist() == []
    assert locked_accounts(requests, links, artifacts, community).tolist() == [0, 1]  # no names: any request


def test_a_rewrite_group_held_by_a_crowd_is_a_team_of_its_own() -> None:
    core = pd.DataFrame({"acct": np.arange(40), "community": 0})
    own = pd.DataFrame(
        {
            "acct": np.arange(6),
            "community": 0,
            "art": 900,
            "kind": pd.Categorical(["rewrite"] * 6),
            "n_in": 6,
            "df": 8,
        }
    )
    team = rewrite_teams(core, own, min_part=5, max_share=0.25)
    assert (team[:6] == 0).all() and (team[6:] == -1).all()
    assert (rewrite_teams(core, own.assign(df=13), 5, 0.25) == -1).all()  # the crowd holds fewer than half
    assert (rewrite_teams(core.iloc[:20], own, 5, 0.25) == -1).all()  # more than a quarter of the core
    assert (rewrite_teams(core, own.iloc[:4], 5, 0.25) == -1).all()  # fewer than five
