"""Cell lockstep: the members of a micro-cell send in the same minutes, day after day.

An operation split into cells of two or three accounts gives each cell a private rewrite of
a master template (a template family in a rewrite group, :mod:`linkgraph.signals.rewrites`)
and one work session a day. A bucket of the lockstep signal needs five accounts, so a cell
leaves none, but its members keep meeting in the same minute.

A member is in cell lockstep when it is on a rewrite group and, on ``min_days`` or more
distinct days, sent a request in the same ``window_s`` window as another member of its
cluster with whom it shares a template family that ``2`` to ``family_max_users`` accounts use
in all (a private family: popular templates and the cron minute are not cells; see
:data:`CELL_FAMILY_MAX_USERS`), in a window where
no more than ``max_users`` such members of the cluster were active: a cell meets alone,
while the users of a scheduled tool (a GitHub Action's, fired in the same minute) meet
everyone, so their shared small edits of the tool's prompt are no cells. Coworkers on their
team's own templates meet in the same minutes too, in an office that shares a card or a
domain; without a rewrite group they are no cells. The feature is the share of a cluster's
basis in cell lockstep; it counts as timing, like the lockstep buckets. Linear in the
members' requests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.graph import GraphParams

DAY_NS = 86_400 * 10**9
CELL_FAMILY_MAX_USERS = GraphParams.min_generic_df
"""The most users a cell's family may have: the graph's default floor for a generic artifact
(``GraphParams.min_generic_df``, 25). A cell's paraphrases of its rewrite fall into several
adjacent families, and where cells' rewrites lie close, some of those families hold the
paraphrases of a few cells (10-25 users in the fifteenth world): the cellmates meet on them
too. A family too small ever to be generic is nobody's public template."""
NO_FAMILIES = -2
"""The family code of every request when the request log names no template families."""


def _private_families(
    links: pd.DataFrame, artifacts: pd.DataFrame, community_of: np.ndarray, max_users: int
) -> pd.DataFrame:
    """``acct, art, community``: members on a rewrite group and on a private family that another
    member of their cluster uses."""
    kinds = artifacts["kind"].astype("category")
    if "rewrite" not in kinds.cat.categories or "family" not in kinds.cat.categories:
        return pd.DataFrame({"acct": [], "art": [], "community": []})
    code = kinds.cat.codes.to_numpy()
    is_rewrite = code == kinds.cat.categories.get_loc("rewrite")
    is_family = code == kinds.cat.categories.get_loc("family")
    acct, art = links["acct"].to_numpy(), links["art"].to_numpy()
    on_rewrite = np.unique(acct[is_rewrite[art]])
    if not len(on_rewrite):
        return pd.DataFrame({"acct": [], "art": [], "community": []})
    family_rows = is_family[art]
    acct, art = acct[family_rows], art[family_rows]
    users = artifacts["df"].to_numpy()[art]
    keep = (users >= 2) & (users <= max_users) & np.isin(acct, on_rewrite)
    acct, art = acct[keep], art[keep]
    inside = (acct < len(community_of)) & (community_of[np.minimum(acct, len(community_of) - 1)] >= 0)
    rows = pd.DataFrame({"acct": acct[inside], "art": art[inside]}).drop_duplicates()
    rows["community"] = community_of[rows["acct"].to_numpy()]
    shared = rows.groupby(["community", "art"])["acct"].transform("size").to_numpy() >= 2
    return rows[shared]


def locked_accounts(
    requests: pd.DataFrame,
    links: pd.DataFrame,
    artifacts: pd.DataFrame,
    community_of: np.ndarray,
    max_users: int = 6,
    min_days: int = 5,
    window_s: int = 60,
    family_max_users: int = CELL_FAMILY_MAX_USERS,
) -> np.ndarray | None:
    """The accounts (codes, sorted) of clusters ``community_of`` (≥ 0) in cell lockstep; None
    when no member is on a rewrite group and a private family another member uses.

    ``requests`` has ``acct, timestamp``; ``links`` has ``acct, art``; ``artifacts`` has ``kind`` and
    ``df`` (users in the whole population) per artifact code.
    """
    cells = _private_families(links, artifacts, community_of, family_max_users)
    if cells.empty:
        return None
    acct = requests["acct"].to_numpy()
    wanted = np.isin(acct, cells["acct"].to_numpy())
    stamps = pd.DatetimeIndex(pd.to_datetime(requests["timestamp"][wanted], utc=True)).as_unit("ns")
    ok = ~np.asarray(stamps.isna())
    window = stamps.asi8[ok] // (window_s * 10**9)
    active = pd.DataFrame({"acct": acct[wanted][ok], "window": window})
    active["art"] = _cell_family_of(requests, wanted, ok, cells, artifacts)
    active = active.drop_duplicates()
    active["community"] = community_of[active["acct"].to_numpy()]
    per_window = active.drop_duplicates(["acct", "window"]).groupby(["community", "window"])["acct"].size()
    quiet = pd.MultiIndex.from_frame(active[["community", "window"]]).isin(per_window.index[per_window <= max_users])
    active = active[quiet].drop(columns="community")
    art = active["art"].to_numpy()
    if len(art) and (art == NO_FAMILIES).all():  # no family per request: any request of the member counts
        meet = active.drop(columns="art").drop_duplicates().merge(cells, on="acct")
    else:  # a cell meets on its own family
        meet = active[art >= 0].merge(cells, on=["acct", "art"])
    together = meet.groupby(["community", "art", "window"])["acct"].transform("size").to_numpy() >= 2
    meet = meet[together]
    days = pd.Series(meet["window"].to_numpy() * (window_s * 10**9) // DAY_NS, index=meet["acct"].to_numpy())
    per_account = days.groupby(level=0).nunique()
    return np.sort(per_account.index[per_account >= min_days].to_numpy().astype(np.int64))


def _cell_family_of(
    requests: pd.DataFrame, wanted: np.ndarray, ok: np.ndarray, cells: pd.DataFrame, artifacts: pd.DataFrame
) -> np.ndarray:
    """Per wanted request (``ok`` of ``wanted``): the artifact code of its template family when that is
    a cell family, else -1; :data:`NO_FAMILIES` for all when ``requests`` has no ``family`` names."""
    n = int(ok.sum())
    if "family" not in requests.columns or "artifact" not in artifacts.columns:
        return np.full(n, NO_FAMILIES, dtype=np.int64)
    family = requests["family"]
    if not isinstance(family.dtype, pd.CategoricalDtype):
        family = family.astype("category")
    arts = np.unique(cells["art"].to_numpy())
    names = pd.Index(artifacts["artifact"].to_numpy()[arts].astype(str))
    position = family.cat.categories.get_indexer(names)  # the categories keep their hash table
    art_of_code = np.full(len(family.cat.categories) + 1, -1, dtype=np.int64)
    art_of_code[position[position >= 0]] = arts[position >= 0]
    codes = family.cat.codes.to_numpy()[wanted][ok]
    return art_of_code[np.where(codes >= 0, codes, len(family.cat.categories))]


def cell_lockstep(
    requests: pd.DataFrame,
    links: pd.DataFrame,
    artifacts: pd.DataFrame,
    community_of: np.ndarray,
    max_users: int = 6,
    min_days: int = 5,
    window_s: int = 60,
    family_max_users: int = CELL_FAMILY_MAX_USERS,
) -> pd.Series:
    """Per community: the share of its accounts (``community_of`` ≥ 0) in cell lockstep (:func:`locked_accounts`)."""
    locked = locked_accounts(requests, links, artifacts, community_of, max_users, min_days, window_s, family_max_users)
    if locked is None:
        return pd.Series(dtype=float)
    members = community_of >= 0
    size = np.bincount(community_of[members])
    hits = np.bincount(community_of[locked], minlength=len(size)) if len(locked) else np.zeros(len(size))
    present = np.flatnonzero(size)
    return pd.Series(hits[present] / size[present], index=present)
