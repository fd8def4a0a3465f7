"""Satellites: peripheral members whose evidence belongs to another cluster's core move there.

Leiden may cut an operation in two: most of it forms its own community, and a part lands in
a neighbour's (a hydra's cluster that shares the residential pool it rents, or the crowd of
ordinary users on the same carrier). There that part holds a small share of the
operation's template families and cards, so it is peripheral, and the operation is found
only in part. :func:`satellite_moves` finds each peripheral member that has at least
``min_links`` artifacts whose users are mostly in one other community's *core* (at least two
core members there, and ``min_share`` of all the artifact's users); the member moves there,
and the communities this touches are scored again from scratch, where the member is core
only if it passes that cluster's peel like anyone else.

A part of the operation can also be *core* among ordinary users: tied to them by the
carrier's NAT addresses or a reseller's gateways they all use. Such a core member moves too
when at least ``min_links`` of its cards and templates (not IPs) are homed in one other
community's core and none of its cards and templates is homed in its own: its cluster holds
it by the network alone, while who pays for it and what it sends belong to the operation. It
moves only with every core member of its community that has a card or template homed there
(:func:`_whole_exits`): a part that leaves whole strands nobody, while a part whose peers
stay would leave them without the sharers that made them core. In a crowd
(:func:`home_hold`) only what the crowd's core holds nearly alone keeps a member at home, and
the whole-exit condition does not apply.

A community without a core is scored on all its members, a cell of its own, and a warm start
keeps such cells apart. Its members move only as a *fragment* (:func:`_fragment`): on cards and
templates (not IPs) that the core drawing them holds at least :data:`FRAGMENT_HOLD` times as
often as their community does, and, if that core is a crowd's, ``min_lift`` times more often
than its share of all accounts (:func:`crowd_lift`). A handful of an operation's accounts that
Leiden cut off with a family of their own (the fifth world's op_mosaic at 6k and 7k) hold a
small part of the families the operation's core sends; a sibling cell that comes to share a
card with its neighbour holds about as much of it as the neighbour and stays a cell, and a
household drawn to a crowd by the templates it shares with everyone stays home.

A member drawn to several communities goes where most of its artifacts are homed, except
that a crowd homes by its mass what it shares with everyone (a proxy pool's exits, a
carrier's NAT): a member drawn to another community's core by ``min_links`` cards and
templates goes there instead (a pool customer of an operation that keeps its own paraphrase
families goes to the operation's cell, not to the crowd of the pool's other customers).

Only artifacts with at least ``ScoringParams.network_min_members`` users count (the graph's
edges with the default ``--min-sharers``), with their own generic flag: the moves are a function of the first
scoring's roles and the link table alone, so the Spark engine finds the same moves with a
join (:mod:`linkgraph.spark.satellites`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.riders import structural_core

FRAGMENT_HOLD = 2
"""A community without a core is drawn only by cards and templates that the drawing core holds at
least this many times as often as the community does: a fragment, not a sibling cell."""


def satellite_moves(
    members: pd.DataFrame,
    links: pd.DataFrame,
    artifacts: pd.DataFrame,
    params: ScoringParams | None = None,
    n_accounts: int | None = None,
) -> pd.Series:
    """The new community of every satellite (``acct`` → community; empty when none moves).

    ``members``: ``acct, community, role`` (and ``rider``; riders count as core, see
    :func:`~linkgraph.scoring.riders.structural_core`); ``links``: ``acct, art`` (any rows; those of
    non-members are ignored); ``artifacts``: ``kind, df, weight, generic`` indexed by ``art``;
    ``params``: ``satellite_links`` (``min_links``), ``satellite_share`` (``min_share``) and
    ``network_min_members`` (``min_users``); ``n_accounts``: the whole population (it tells
    which communities are crowds, :func:`home_hold`; by default the largest account code + 1).
    """
    params = params or ScoringParams()
    min_links, min_share, min_users = params.satellite_links, params.satellite_share, params.network_min_members
    usable_art = drawing_artifacts(artifacts, min_users)
    member = members["acct"].to_numpy()
    acct, art = links["acct"].to_numpy(), links["art"].to_numpy()
    size = int(max(acct.max(initial=-1), member.max(initial=-1))) + 1
    population = size if n_accounts is None else n_accounts
    hold = home_hold(members, population, params)
    crowds = hold.index[hold > 0].to_numpy(dtype=np.int64)
    community_of = np.full(size, -1, dtype=np.int64)
    community_of[member] = members["community"].to_numpy()
    core_of = np.zeros(size, dtype=bool)
    core_of[member] = structural_core(members)
    keep = usable_art[art] & (community_of[acct] >= 0)
    acct, art = acct[keep], art[keep]
    key = acct.astype(np.int64) * len(usable_art) + art
    if not pd.Index(key).is_unique:  # a link counts once
        first = np.unique(key, return_index=True)[1]
        acct, art = acct[first], art[first]
    network = (artifacts["kind"] == "ip").to_numpy()
    frame = pd.DataFrame(
        {"acct": acct, "art": art, "community": community_of[acct], "core": core_of[acct], "net": network[art]}
    )
    core = frame[frame["core"]]
    if core.empty:
        return pd.Series(dtype=np.int64)
    users = core.groupby(["art", "community"]).size().rename("n").reset_index()
    users = users.sort_values(["art", "n", "community"], ascending=[True, False, True], kind="stable")
    home = users.drop_duplicates("art").set_index("art")
    cored = np.unique(core["community"].to_numpy())
    homed = frame[frame["art"].isin(home.index)]
    target = home["community"].reindex(homed["art"]).to_numpy()
    held = home["n"].reindex(homed["art"]).to_numpy()
    df = artifacts["df"].to_numpy()[homed["art"].to_numpy()]
    away = (target != homed["community"].to_numpy()) & (held >= np.maximum(2, min_share * df))
    # a core member moves only on cards and templates, and only when none of them is at home:
    # its own cluster holds it by the network alone (a carrier's NAT, a reseller's gateways)
    is_core, net = homed["core"].to_numpy(), homed["net"].to_numpy()
    who, where = homed["acct"].to_numpy(), homed["community"].to_numpy()
    in_crowd = np.isin(where, crowds)
    # in a crowd only what its core holds nearly alone is at home (an operation that is the
    # crowd's core); the common templates a crowd homes by its mass do not hold anyone
    alone = held >= hold.reindex(where).fillna(0.0).to_numpy() * df
    at_home = np.bincount(who[is_core & ~net & (target == where) & alone], minlength=size)
    core_away = is_core & ~net & away
    away &= ~is_core | (~net & (at_home[who] == 0))
    coreless = ~np.isin(where, cored)
    # a crowd draws a fragment only on what its core holds beyond its mass
    by_mass = held < crowd_lift(members, population, params).reindex(target).fillna(0.0).to_numpy() * df
    away &= ~coreless | _fragment(homed["art"].to_numpy(), where, coreless & ~net, held, by_mass)
    found = pd.DataFrame({"acct": who[away], "home": target[away], "own": ~net[away]})
    per = found.groupby(["acct", "home"])["own"].agg(["size", "sum"]).set_axis(["n", "own"], axis=1).reset_index()
    per = per[per["n"] >= min_links]
    # a crowd holds what it shares with a member by its mass (a proxy pool's exits, a carrier's
    # NAT): a member drawn by its cards and templates to another community's core goes there
    crowd_home = np.isin(per["home"].to_numpy(), crowds)
    drawn = (
        pd.Series((per["own"].to_numpy() >= min_links) & ~crowd_home).groupby(per["acct"].to_numpy()).transform("any")
    )
    per["yields"] = crowd_home & drawn.to_numpy()
    per = per.sort_values(["acct", "yields", "n", "home"], ascending=[True, True, False, True], kind="stable")
    chosen = per.drop_duplicates("acct")
    moves = pd.Series(chosen["home"].to_numpy().astype(np.int64), index=chosen["acct"].to_numpy(), name="community")
    leaving = core_away & ~in_crowd
    return _whole_exits(moves, who[leaving], where[leaving], target[leaving], core_of, community_of)


def _fragment(art: np.ndarray, where: np.ndarray, own: np.ndarray, held: np.ndarray, by_mass: np.ndarray) -> np.ndarray:
    """Per row (a member's link ``art`` in community ``where``, ``held`` by the core that draws it):
    whether it can draw a member of a community without a core. Only ``own`` rows count (cards and
    templates of such communities) that are not held ``by_mass`` (a crowd's core holding no more
    of the users than :func:`crowd_lift` says its mass explains) and are held at least
    :data:`FRAGMENT_HOLD` times as often as the member's community holds them."""
    out = np.zeros(len(art), dtype=bool)
    rows = np.flatnonzero(own & ~by_mass)
    if len(rows):
        pairs = pd.DataFrame({"art": art[rows], "community": where[rows]})
        here = pairs.groupby(["art", "community"])["art"].transform("size").to_numpy()
        out[rows] = held[rows] >= FRAGMENT_HOLD * here
    return out


def drawing_artifacts(artifacts: pd.DataFrame, min_users: int) -> np.ndarray:
    """Per artifact: whether it can draw a satellite (not generic, weighed, ``min_users`` users)."""
    return (
        ~artifacts["generic"].to_numpy().astype(bool)
        & (artifacts["weight"].to_numpy() > 0)
        & (artifacts["df"].to_numpy() >= min_users)
    )


def home_hold(members: pd.DataFrame, n_accounts: int, params: ScoringParams) -> pd.Series:
    """Per community: the share of an artifact's users its core must hold for the artifact to
    keep a core member at home (0: any; the index's communities with a positive value are crowds).

    A crowd (more than ``crowd_share`` of all accounts) holds most of the population, so it is
    home to every common template its members use, and some of its ordinary users share a card
    or template with any operation. A part of an operation that is core in a crowd (tied by the
    carrier NAT and public templates it shares with everyone) therefore moves on its own cards
    and templates homed elsewhere, unless the crowd's core holds one of them nearly alone: at
    least ``exclusive_share`` of its users, and ``min_lift`` times the core's share of all
    accounts (an operation that is the crowd's core holds its own families; a core of half the
    population holds a small public template by chance). It strands nobody by leaving: the
    crowd's core does not rest on it.
    """
    lift = crowd_lift(members, n_accounts, params)
    return pd.Series(np.maximum(params.exclusive_share, lift.to_numpy()), index=lift.index, dtype=float)


def crowd_lift(members: pd.DataFrame, n_accounts: int, params: ScoringParams) -> pd.Series:
    """Per crowd (:func:`home_hold`): ``min_lift`` times its core's share of all accounts, the share
    of an artifact's users its core holds more often than its mass explains."""
    sizes = members["community"].value_counts()
    crowds = sizes.index[sizes > params.crowd_size(n_accounts)]
    core = pd.Series(structural_core(members)).groupby(members["community"].to_numpy()).sum()
    lift = params.min_lift * core.reindex(crowds).fillna(0).to_numpy() / max(n_accounts, 1)
    return pd.Series(lift, index=crowds, dtype=float)


def _whole_exits(
    moves: pd.Series,
    acct: np.ndarray,
    community: np.ndarray,
    home: np.ndarray,
    core_of: np.ndarray,
    community_of: np.ndarray,
) -> pd.Series:
    """``moves`` without core members whose exit would strand others: a core member leaves its
    community for a home only when every core member there with a card or template homed
    there leaves for it too (``acct, community, home``: those core members' links)."""
    who = moves.index.to_numpy()
    if not core_of[who].any():
        return moves
    goes = np.full(len(core_of), -1, dtype=np.int64)
    goes[who] = moves.to_numpy()
    stays = goes[acct] != home
    blocked = pd.MultiIndex.from_arrays([community[stays], home[stays]]).unique()
    pair = pd.MultiIndex.from_arrays([community_of[who], moves.to_numpy()])
    return moves[~(core_of[who] & pair.isin(blocked))]


def moved_membership(members: pd.DataFrame, moves: pd.Series) -> tuple[pd.DataFrame, np.ndarray]:
    """(``acct, community`` after the moves, the communities the moves touch: left or joined)."""
    out = members[["acct", "community"]].reset_index(drop=True).copy()
    hit = out["acct"].isin(moves.index).to_numpy()
    left = out.loc[hit, "community"].to_numpy()
    out.loc[hit, "community"] = moves.reindex(out.loc[hit, "acct"]).to_numpy()
    touched = np.union1d(left, moves.to_numpy()).astype(np.int64)
    return out, touched
