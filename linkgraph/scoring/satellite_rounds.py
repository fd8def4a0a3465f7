"""Later rounds of satellite moves: the members the first round left behind follow it.

Leiden may cut an operation in parts. The first round of moves
(:func:`~linkgraph.scoring.satellites.satellite_moves`) takes some of a part to the
operation's core, and with them the peers that made the rest's template families look at
home where they were; or the core it joins was too small a share of the families' users to
draw the rest. Once the touched communities are scored again, those left behind are drawn to
the same core, and move in the next round.

A later round is narrower than the first, so the moves do not chase each other (two large
clusters trading their ordinary peripheral members, each round redrawing the other's core):

- it moves members only along an earlier round's moves (:func:`following`): out of a
  community that earlier moves left, into the community they went to;
- the member must be drawn there by ``satellite_links`` cards or paraphrased templates
  (:func:`drawn_by_templates`). IPs do not count, a fingerprint and its family count as one
  template, and a family the member sends in a shared wording (a fingerprint others send too)
  does not count: the users of a public prompt paste its words, while an operation's parts
  write their own paraphrases of its families.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.riders import structural_core
from linkgraph.scoring.satellites import drawing_artifacts

ROUNDS = 4
"""Rounds of satellite moves at most (the first and three later ones)."""


def no_moves() -> np.ndarray:
    """An empty table of :func:`move_pairs` (no earlier round)."""
    return np.zeros((0, 2), dtype=np.int64)


def move_pairs(moves: pd.Series, members: pd.DataFrame) -> np.ndarray:
    """``(from, to)`` community pairs of ``moves`` (``acct`` → community), one row per move."""
    origin = members.set_index("acct")["community"].reindex(moves.index).to_numpy().astype(np.int64)
    return np.column_stack([origin, moves.to_numpy().astype(np.int64)])


def following(moves: pd.Series, members: pd.DataFrame, done: np.ndarray) -> pd.Series:
    """``moves`` along an earlier round's moves: out of a community that earlier moves left,
    into the community they went to (``done``: the earlier rounds' :func:`move_pairs`)."""
    if not len(moves) or not len(done):
        return moves[:0]
    pairs = move_pairs(moves, members)
    earlier = pd.MultiIndex.from_arrays([done[:, 0], done[:, 1]])
    along = pd.MultiIndex.from_arrays([pairs[:, 0], pairs[:, 1]]).isin(earlier)
    return moves[along]


def template_units(artifacts: pd.DataFrame, params: ScoringParams) -> np.ndarray:
    """Per artifact: the template or card it stands for (a fingerprint: its family's code when
    it has one; else itself), or -1 when it cannot draw a member (an IP, generic, weightless,
    or with fewer than ``network_min_members`` users)."""
    unit = np.arange(len(artifacts), dtype=np.int64)
    if "family" in artifacts.columns:
        family = artifacts["family"].to_numpy().astype(np.int64)
        unit = np.where(family >= 0, family, unit)
    usable = drawing_artifacts(artifacts, params.network_min_members) & (artifacts["kind"].to_numpy() != "ip")
    return np.where(usable, unit, -1)


def drawn_by_templates(
    moves: pd.Series, members: pd.DataFrame, links: pd.DataFrame, artifacts: pd.DataFrame, params: ScoringParams
) -> pd.Series:
    """``moves`` whose member has ``satellite_links`` cards or templates (:func:`template_units`)
    homed in the core it moves to: at least two of their users there, and ``satellite_share``
    of all of them; a family the member sends in a shared wording does not count
    (``links``: ``acct, art``; ``artifacts``: ``kind, df, weight, generic`` and optionally
    ``family``, indexed by ``art``)."""
    if not len(moves):
        return moves
    unit = template_units(artifacts, params)
    targets = np.unique(moves.to_numpy())
    core = members[structural_core(members) & np.isin(members["community"].to_numpy(), targets)]
    community_of = pd.Series(core["community"].to_numpy(), index=core["acct"].to_numpy())
    on_core = _usable_links(links, core["acct"].to_numpy(), unit)
    held = pd.Series(1, index=[on_core["art"].to_numpy(), community_of.reindex(on_core["acct"]).to_numpy()])
    held = held.groupby(level=[0, 1]).size()
    mine = _usable_links(links, moves.index.to_numpy(), unit)
    mine = _without_pasted(mine, unit, artifacts)
    art = mine["art"].to_numpy()
    n = held.reindex(pd.MultiIndex.from_arrays([art, moves.reindex(mine["acct"]).to_numpy()])).fillna(0).to_numpy()
    homed = n >= np.maximum(2, params.satellite_share * artifacts["df"].to_numpy()[art])
    units = pd.Series(unit[art[homed]]).groupby(mine["acct"].to_numpy()[homed]).nunique()
    return moves[units.reindex(moves.index).fillna(0).to_numpy() >= params.satellite_links]


def _usable_links(links: pd.DataFrame, accts: np.ndarray, unit: np.ndarray) -> pd.DataFrame:
    """The distinct ``acct, art`` links of ``accts`` to artifacts with a template unit."""
    rows = links[np.isin(links["acct"].to_numpy(), accts)][["acct", "art"]]
    return rows[unit[rows["art"].to_numpy()] >= 0].drop_duplicates()


def _without_pasted(mine: pd.DataFrame, unit: np.ndarray, artifacts: pd.DataFrame) -> pd.DataFrame:
    """``mine`` without the families a member sends in a shared wording (a fingerprint of the
    family that others send too): pasted words, as a public prompt's users paste them."""
    if "family" not in artifacts.columns:
        return mine
    art = mine["art"].to_numpy()
    pasted = (artifacts["kind"].to_numpy()[art] == "fingerprint") & (artifacts["family"].to_numpy()[art] >= 0)
    key = mine["acct"].to_numpy().astype(np.int64) * len(unit) + unit[art]
    return mine[~np.isin(key, key[pasted])]
