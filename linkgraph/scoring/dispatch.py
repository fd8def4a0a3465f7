"""Lockstep with rotating partners: one dispatcher handing work to accounts in turn.

People who run one tool meet on its clock: a scheduler fires everyone's job in the same
minute, a school bell rings for the same class, a study app notifies the same participants
every evening. Whoever meets in one such minute meets in the next: their partners repeat.
An operation's dispatcher ("load balancing") hands each job to a few accounts drawn from
the pool, so each account shares its minutes with different accounts every time: any two
of them meet once or twice, while every one of them meets most of the others over the
weeks. Accounts that only meet that way were put in those minutes by one hand, which is an
identity link (:mod:`~linkgraph.scoring.independence`), like a shared card.

A member **rotates** when it shares :data:`MIN_WINDOWS` or more of the cluster's lockstep
windows with other members, and at least :data:`ROTATION` of its partner slots (one per
other member per window) go to distinct members. :func:`rotating_lockstep` is the share of
the basis that rotates, where at least :data:`ROTATION` of the members whose partners can be
read (those with :data:`MIN_WINDOWS` windows) rotate; 0 elsewhere: a few of a tool's users
whose partners happen not to repeat do not make its crowd a dispatcher's. Windows of more
than :data:`MAX_WINDOW` members are crowds, not a dispatcher's draw, and are left out (they
also bound the pairs counted).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.prompt_pairs import artifact_pairs

MIN_WINDOWS = 5
"""Shared lockstep windows a member needs before its partners say anything."""
ROTATION = 0.5
"""The share of a member's partner slots that must go to distinct members for it to rotate."""
MAX_WINDOW = 50
"""Windows with more members than this are left out."""


def rotating_lockstep(shared: pd.DataFrame, n_basis: pd.Series, communities: pd.Index | None = None) -> pd.Series:
    """Per cluster: the share of its basis (``n_basis`` accounts) that rotates (module docstring).

    ``shared``: the basis's shared links (``community, acct, art, kind``); ``communities``:
    the clusters to read (all when None); 0 elsewhere.
    """
    out = pd.Series(0.0, index=n_basis.index)
    rows = shared[(shared["kind"] == "lockstep").to_numpy()][["community", "acct", "art"]].drop_duplicates()
    if communities is not None:
        rows = rows[rows["community"].isin(communities).to_numpy()]
    size = rows.groupby(["community", "art"])["acct"].transform("size").to_numpy()
    rows = rows[(size >= 2) & (size <= MAX_WINDOW)]
    if rows.empty:
        return out
    windows = rows.groupby("acct")["art"].nunique()
    window, _ = pd.factorize(pd.MultiIndex.from_arrays([rows["community"].to_numpy(), rows["art"].to_numpy()]))
    pairs = artifact_pairs(window.astype(np.int64), rows["acct"].to_numpy().astype(np.int64))
    both = np.concatenate([pairs[:, [0, 1]], pairs[:, [1, 0]]])  # (member, partner), once per window
    slots = pd.Series(both[:, 0]).value_counts()
    distinct = pd.Series(np.unique(both, axis=0)[:, 0]).value_counts()
    judged = windows[windows >= MIN_WINDOWS].index
    share = (distinct.reindex(judged).fillna(0) / slots.reindex(judged)).fillna(0.0)
    rotating = share.index[(share >= ROTATION).to_numpy()]
    community = rows.drop_duplicates("acct").set_index("acct")["community"]
    hits = community.reindex(rotating).value_counts()
    readable = community.reindex(judged).value_counts().reindex(hits.index)
    hits = hits[(hits >= ROTATION * readable).to_numpy()]  # the cluster's way of meeting, not a few by chance
    out.loc[hits.index] = (hits / n_basis.reindex(hits.index)).to_numpy()
    return out
