"""Split a cluster whose core falls apart: parts of the core that share no evidence are scored apart.

Leiden may put two groups in one community although no artifact ties one to the other (for
instance a company with its own domain, card and office IP next to a payment reseller). Each
group can pass the core peel on its own evidence, so both would be exported on the risk of
the larger one. :func:`disjoint_core_parts` finds, per community, the connected parts of the
core's own evidence graph (core accounts and the artifacts at least two of them share); every
part but the largest that has at least ``min_part`` accounts becomes a community of its own
(its core accounts move; peripheral members stay). :func:`~linkgraph.scoring.score.score`
then scores the new membership once more, so each part carries its own features and risk.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def disjoint_core_parts(members: pd.DataFrame, own: pd.DataFrame, min_part: int) -> pd.DataFrame | None:
    """``acct, community`` with split parts relabelled, or None when no community splits.

    ``members`` has ``acct, community, role``; ``own`` the evidence links that count for the
    core (``acct, community, art``).
    """
    core = members.loc[members["role"].eq("core"), ["acct", "community"]]
    if core.empty:
        return None
    links = own[own["acct"].isin(core["acct"])]
    community, art = links["community"].to_numpy().astype(np.int64), links["art"].to_numpy().astype(np.int64)
    art_node = pd.factorize(community * (int(art.max(initial=0)) + 1) + art)[0]  # one node per (community, artifact)
    acct_codes = pd.Index(core["acct"].to_numpy())
    src = acct_codes.get_indexer(links["acct"].to_numpy())
    dst = np.asarray(art_node, dtype=np.int64).ravel() + len(core)
    n = len(core) + (int(dst.max()) - len(core) + 1 if len(dst) else 0)
    graph = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    frame = pd.DataFrame({"acct": core["acct"].to_numpy(), "community": core["community"].to_numpy()})
    frame["part"] = label[: len(core)]
    sizes = frame.groupby(["community", "part"]).size().rename("n").reset_index()
    sizes = sizes.sort_values(["community", "n", "part"], ascending=[True, False, True])
    sizes["rank"] = sizes.groupby("community").cumcount()
    moving = sizes[(sizes["rank"] > 0) & (sizes["n"] >= min_part)]
    if moving.empty:
        return None
    start = int(members["community"].max()) + 1
    new_id = pd.Series(start + np.arange(len(moving)), index=pd.MultiIndex.from_frame(moving[["community", "part"]]))
    key = pd.MultiIndex.from_frame(frame[["community", "part"]])
    moved = key.isin(new_id.index)
    relabel = pd.Series(new_id.reindex(key[moved]).to_numpy(), index=frame.loc[moved, "acct"].to_numpy())
    out = members[["acct", "community"]].copy()
    hit = out["acct"].isin(relabel.index).to_numpy()
    out.loc[hit, "community"] = relabel.reindex(out.loc[hit, "acct"]).to_numpy()
    return out.reset_index(drop=True)
