"""Which clusters belong to one operation: the campaign rule (pure).

Leiden may cut one operation into several cells. A *campaign* groups the cells that the
evidence *between* them ties together. Two clusters A and B are linked when, counting only
each cluster's basis (its core, or all members when it has no core):

- they share a **rare** artifact: not generic, and at least ``min_exclusive`` of all its
  users sit in the clusters that share it (a popular template used by thousands of
  unclustered users ties nobody), used by at most ``max_fanout`` clusters; and
- the shared rare artifacts are strong enough: one **payment method**, one **template
  family** (``kind == "family"``), one **lockstep window** (``kind == "lockstep"``), one
  artifact carried by a **banned/suspended account** on either side, or at least
  ``min_weak`` distinct IPs / exact templates; and
- the link covers the smaller cluster: one linking artifact is shared by at least
  ``min_coverage`` of the smaller basis (a big cluster that brushes a few proxy IPs of an
  operation does not join its campaign); and
- a linking artifact is characteristic of each of the two clusters: it is shared by at
  least ``min_coverage`` of the cluster's basis, or by at least ``min_lift`` times the share
  of all accounts that use it (``df / n_accounts``). A popular template family that an
  operation's cell uses no more than anyone else ties it to none of the ordinary users'
  clusters built around that family.

A campaign is a connected component of these links; a cluster linked to nothing is a
campaign of one. Campaign ids (``K000001``) follow the same lineage rules as cluster ids.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

STRONG_KINDS = ("payment", "family", "lockstep")
"""One shared rare artifact of these kinds is enough to link two clusters."""


@dataclass(frozen=True)
class CampaignParams:
    """The campaign rule's and the cluster bound's knobs (recorded in the run manifest)."""

    min_exclusive: float = 0.3
    max_fanout: int = 50
    min_weak: int = 2
    min_coverage: float = 0.1
    min_lift: float = 10.0
    max_cluster_size: int = 20_000
    min_core_share: float = 0.5

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def carriers(
    cluster_artifacts: pd.DataFrame, member_links: pd.DataFrame | None, members: pd.DataFrame, n_basis: pd.Series
) -> pd.DataFrame:
    """``community, art, kind, df, generic, n, n_basis, seed`` per cluster and artifact its basis shares.

    ``n`` counts basis members (``n_basis``: basis size per community); ``seed`` says a
    banned or suspended member of the cluster uses the artifact too (from ``member_links``).
    """
    cols = ["community", "art", "df", "generic"]
    out = cluster_artifacts[cols].assign(
        kind=cluster_artifacts["kind"].astype(str).to_numpy(), n=cluster_artifacts["n_members"].to_numpy(), seed=False
    )
    out["n_basis"] = n_basis.reindex(out["community"]).fillna(1).clip(lower=1).to_numpy()
    if member_links is not None and "enforced" in members.columns and len(member_links):
        enforced = members.loc[members["enforced"].astype(bool), "acct"].to_numpy()
        rows = member_links[np.isin(member_links["acct"].to_numpy(), enforced)]
        seeded = pd.MultiIndex.from_frame(rows[["community", "art"]].drop_duplicates())
        out["seed"] = pd.MultiIndex.from_frame(out[["community", "art"]]).isin(seeded)
    return out.reset_index(drop=True)


def cluster_links(carry: pd.DataFrame, params: CampaignParams, n_accounts: int) -> pd.DataFrame:
    """Linked cluster pairs ``a < b`` with the evidence that links them (``n_strong``, ``n_weak``, ``kinds``).

    ``n_accounts``: all accounts of the world (the population an artifact's ``df`` counts).
    """
    carry = carry[~carry["generic"].astype(bool)]
    per_art = carry.groupby("art").agg(users=("n", "sum"), df=("df", "first"), fan=("community", "size"))
    ok = per_art[(per_art["fan"] >= 2) & (per_art["fan"] <= params.max_fanout)]
    ok = ok[ok["users"] >= params.min_exclusive * ok["df"]]
    population_share = carry["df"].to_numpy(dtype=float) / max(n_accounts, 1)
    share = carry["n"].to_numpy() / carry["n_basis"].to_numpy()
    characteristic = share >= np.minimum(params.min_coverage, params.min_lift * population_share)
    rows = carry[carry["art"].isin(ok.index).to_numpy() & characteristic]
    rows = rows[["art", "community", "kind", "seed", "n", "n_basis"]]
    pairs = rows.merge(rows, on="art", suffixes=("_a", "_b"))
    pairs = pairs[pairs["community_a"] < pairs["community_b"]]
    if pairs.empty:
        return pd.DataFrame(columns=["a", "b", "n_strong", "n_weak", "kinds"])
    strong = pairs["kind_a"].isin(STRONG_KINDS) | pairs["seed_a"] | pairs["seed_b"]
    a_smaller = pairs["n_basis_a"].to_numpy() <= pairs["n_basis_b"].to_numpy()
    cover = np.where(a_smaller, pairs["n_a"] / pairs["n_basis_a"], pairs["n_b"] / pairs["n_basis_b"])
    pairs = pairs.assign(a=pairs["community_a"], b=pairs["community_b"], strong=strong, kind=pairs["kind_a"])
    out = (
        pairs.assign(cover=cover)
        .groupby(["a", "b"])
        .agg(
            n_strong=("strong", "sum"),
            n_weak=("strong", lambda s: int((~s).sum())),
            cover=("cover", "max"),
            kinds=("kind", _kinds),
        )
    )
    enough = (out["n_strong"] >= 1) | (out["n_weak"] >= params.min_weak)
    out = out[enough & (out["cover"] >= params.min_coverage)].drop(columns="cover")
    return out.reset_index()


def _kinds(kinds: pd.Series) -> str:
    counts = kinds.value_counts()
    return ", ".join(f"{k} ×{n}" for k, n in counts.items())


def group_clusters(communities: pd.Index, links: pd.DataFrame) -> pd.Series:
    """Campaign label per community: connected components of ``links`` (labels ``0..k-1``).

    Examples
    --------
    >>> links = pd.DataFrame({"a": [1], "b": [3]})
    >>> group_clusters(pd.Index([1, 2, 3]), links).tolist()
    [0, 1, 0]
    """
    pos = pd.Series(np.arange(len(communities)), index=communities)
    a = pos.reindex(links["a"]).to_numpy()
    b = pos.reindex(links["b"]).to_numpy()
    n = len(communities)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    # renumber by first appearance so labels do not depend on scipy's order
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return pd.Series(rank[inverse.ravel()], index=communities, name="campaign")
