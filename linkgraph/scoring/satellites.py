"""Satellites: peripheral members whose evidence belongs to another cluster's core move there.

Leiden may cut an operation in two: most of it forms its own community, and a part lands in
a neighbour's (a hydra's cluster that shares the residential pool it rents, or the crowd of
ordinary users on the same carrier). There that part holds a small share of the
operation's template families and cards, so it is peripheral, and the operation is found
only in part. :func:`satellites` moves a peripheral member to the community whose *core*
uses most of at least ``min_links`` of its artifacts (each used there by at least two core
members and ``min_share`` of all its users); the new membership is then scored once more,
and the member is core there only if it passes that cluster's peel like anyone else.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def satellites(members: pd.DataFrame, ml: pd.DataFrame, min_links: int = 2, min_share: float = 0.25) -> pd.DataFrame | None:
    """``acct, community`` with satellites moved to their home community, or None when none moves.

    ``members``: ``acct, community, role``; ``ml``: the member links (``acct, community, art,
    df, weight, generic``; :func:`~linkgraph.scoring.members.member_links`).
    """
    usable = ml[~ml["generic"].to_numpy() & (ml["weight"].to_numpy() > 0)]
    core_accts = members.loc[members["role"].eq("core"), "acct"].to_numpy()
    is_core = np.isin(usable["acct"].to_numpy(), core_accts)
    core = usable.loc[is_core, ["art", "community"]]
    if core.empty:
        return None
    users = core.groupby(["art", "community"]).size().rename("n").reset_index()
    users = users.sort_values(["art", "n", "community"], ascending=[True, False, True], kind="stable")
    home = users.drop_duplicates("art").set_index("art")
    rows = usable.loc[~is_core, ["acct", "community", "art", "df"]]
    rows = rows[rows["art"].isin(home.index)]
    target = home["community"].reindex(rows["art"]).to_numpy()
    held = home["n"].reindex(rows["art"]).to_numpy()
    away = (target != rows["community"].to_numpy()) & (held >= np.maximum(2, min_share * rows["df"].to_numpy()))
    found = pd.DataFrame({"acct": rows["acct"].to_numpy()[away], "home": target[away], "art": rows["art"].to_numpy()[away]})
    if found.empty:
        return None
    per = found.groupby(["acct", "home"])["art"].nunique().rename("n").reset_index()
    per = per[per["n"] >= min_links].sort_values(["acct", "n", "home"], ascending=[True, False, True], kind="stable")
    moving = per.drop_duplicates("acct").set_index("acct")["home"]
    if moving.empty:
        return None
    out = members[["acct", "community"]].copy()
    hit = out["acct"].isin(moving.index).to_numpy()
    out.loc[hit, "community"] = moving.reindex(out.loc[hit, "acct"]).to_numpy()
    return out.reset_index(drop=True)
