"""Pairs that keep sending the same rare prompts: a work queue's pods inside a crowd.

A distiller samples each dataset item two or three times, from different accounts of one pod,
hours apart and through crowded pathways (a residential proxy, a travel eSIM, a reseller):
no minute, no private address and no sign-up burst ties them, and each exact prompt has two
or three users, under the five a graph tie needs (``GraphParams.min_sharers``). But the pod's
accounts send hundreds of such prompts, and any two of them share several: nobody else sends
a prompt that only two or three accounts ever sent, and two people who share five of those
draw their prompts from one source. Peer graders who paste the same essay share one, and
meet a grader again once or twice a course; a household shares its card, not its prompts.

:func:`prompt_pair_teams` joins the core members of a crowd by the pairs that share at least
:data:`MIN_SHARED_PROMPTS` exact prompts with fewer than ``min_sharers`` users, all of them in
the cluster; each connected group of ``min_part`` up to ``max_share`` of its cluster's core is
a team, to be scored apart (:func:`~linkgraph.scoring.parts.disjoint_core_parts`). Linear in
those links: a prompt of at most four users makes at most six pairs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from linkgraph.graph import GraphParams

RARE_USERS = GraphParams.min_sharers - 1
"""The most users a rare prompt has: too few for the graph to tie them (``min_sharers``, 5)."""
MIN_SHARED_PROMPTS = 5
"""Distinct rare prompts two members must share to be joined."""


def prompt_pair_teams(
    core: pd.DataFrame, own: pd.DataFrame, min_part: int, max_share: float, sole_share: float
) -> np.ndarray:
    """A team label per row of ``core`` (``acct, community``), -1 outside any (see the module).

    ``own``: the core's evidence links (``acct, community, art, kind, n_in, df``). Paired
    members are joined by the pairs, and by the templates their cluster holds nearly alone
    (``sole_share`` of the users) that two or more of them use: the pods of one queue write
    paraphrases of the same few templates. Members without a pair are never joined that way.
    """
    out = np.full(len(core), -1, dtype=np.int64)
    df = own["df"].to_numpy()
    a, b = strong_pairs(own[own["acct"].isin(core["acct"]).to_numpy()])
    if not len(a):
        return out
    accts = pd.Index(np.unique(np.concatenate([a, b])))
    templates = own["kind"].isin(("fingerprint", "family")).to_numpy()
    sole = templates & (own["n_in"].to_numpy() >= sole_share * df) & own["acct"].isin(accts).to_numpy()
    shared = own[sole]
    node, keys = pd.factorize(
        shared["community"].to_numpy().astype(np.int64) * (int(own["art"].max()) + 1) + shared["art"].to_numpy()
    )
    n = len(accts) + len(keys)
    src = np.concatenate([accts.get_indexer(a), accts.get_indexer(shared["acct"].to_numpy())])
    dst = np.concatenate([accts.get_indexer(b), len(accts) + node])
    graph = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    label = label[: len(accts)]
    team = pd.Series(label, index=accts)
    community = core.set_index("acct")["community"]
    team_community = community.reindex(accts).groupby(label).first()
    n_team = team.value_counts()
    n_core = core.groupby("community").size().reindex(team_community.reindex(n_team.index).to_numpy()).to_numpy()
    ok = (n_team.to_numpy() >= min_part) & (n_team.to_numpy() <= max_share * n_core)
    keep = team[team.isin(n_team.index[ok]).to_numpy()]
    out[pd.Index(core["acct"].to_numpy()).get_indexer(keep.index)] = keep.to_numpy()
    return out


def strong_pairs(links: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The pairs ``(a, b)`` of accounts sharing :data:`MIN_SHARED_PROMPTS` or more rare exact
    prompts among ``links`` (``acct, art, kind, n_in, df``: members' links in their cluster),
    all of whose users are in the cluster."""
    _, strong = _strong_pair_prompts(links)
    pairs = strong[["a", "b"]].drop_duplicates().sort_values(["a", "b"])
    return pairs["a"].to_numpy(), pairs["b"].to_numpy()


def paired_prompts(links: pd.DataFrame) -> np.ndarray:
    """Which rows of ``links`` (``acct, community, art, kind, n_in, df``) link a rare exact prompt
    (all of whose users are in the cluster) that the account shares with a partner in a strong
    pair (:func:`strong_pairs`). Such a prompt is hard evidence, like a card two accounts share:
    two accounts that keep sending the prompts nobody else sent draw them from one source."""
    out = np.zeros(len(links), dtype=bool)
    rare, strong = _strong_pair_prompts(links)
    if strong.empty:
        return out
    prompt = strong["art"].to_numpy()
    held = pd.MultiIndex.from_arrays([np.r_[strong["a"].to_numpy(), strong["b"].to_numpy()], np.r_[prompt, prompt]])
    rows = links[rare]
    out[np.flatnonzero(rare)] = pd.MultiIndex.from_arrays([rows["acct"].to_numpy(), rows["art"].to_numpy()]).isin(held)
    return out


def _strong_pair_prompts(links: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Which rows of ``links`` are rare exact prompts all of whose users are in the cluster, and
    ``a, b, art``: each such prompt once per strong pair of its users that shares it."""
    df = links["df"].to_numpy()
    rare = (links["kind"] == "fingerprint").to_numpy() & (df <= RARE_USERS) & (links["n_in"].to_numpy() == df)
    rows = links[rare]
    pairs = artifact_pairs(rows["art"].to_numpy().astype(np.int64), rows["acct"].to_numpy().astype(np.int64))
    frame = pd.DataFrame(pairs, columns=["a", "b", "art"])
    n_shared = frame.groupby(["a", "b"])["art"].transform("size").to_numpy()
    return rare, frame[n_shared >= MIN_SHARED_PROMPTS]


def prompt_pair_share(shared: pd.DataFrame, n_basis: pd.Series) -> pd.Series:
    """Per cluster: the share of its basis (``n_basis`` accounts) in a strong pair with another
    member (``shared``: the basis's shared links, ``acct, community, art, kind, n_in, df``)."""
    a, b = strong_pairs(shared)
    paired = np.unique(np.concatenate([a, b]))
    rows = shared[["acct", "community"]].drop_duplicates("acct")
    rows = rows[rows["acct"].isin(paired).to_numpy()]
    return (rows.groupby("community").size() / n_basis).reindex(n_basis.index).fillna(0.0)


def artifact_pairs(art: np.ndarray, acct: np.ndarray) -> np.ndarray:
    """``(a, b, prompt)`` rows, ``a < b``, once per prompt the two accounts share (each prompt's users in pairs)."""
    order = np.lexsort((acct, art))
    art, acct = art[order], acct[order]
    starts = np.flatnonzero(np.r_[True, art[1:] != art[:-1]])
    size = np.diff(np.r_[starts, len(art)])
    out = []
    for i in range(1, int(size.max(initial=1))):  # the i-th user after each prompt's first, and so on
        for j in range(i):
            at = starts[size > i]
            out.append(np.column_stack([acct[at + j], acct[at + i], art[at]]))
    return np.concatenate(out) if out else np.zeros((0, 3), dtype=np.int64)
