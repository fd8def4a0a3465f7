"""Cluster lineage between runs: stable ids, and what happened to every cluster (pure).

Two partitions are compared by member overlap. Only pairs of clusters that share at
least one account are ever formed (one merge on ``account_id``), so the cost is linear in
the number of members, never quadratic in the number of clusters.

Rules (``min_share`` defaults to 0.5):

- An old cluster X and a new cluster Z are *related* when their overlap holds at least
  ``min_share`` of X's members or of Z's members.
- X's *successor* is the related new cluster with the largest overlap (ties: higher
  Jaccard, then the smaller first account id). X's id moves to its successor unless
  another old cluster with a larger overlap claims the same successor (ties: the older
  id). So a cluster that splits keeps its id on its largest part, and a merged cluster
  keeps the id of its largest source.
- New clusters that inherit no id get fresh ids from a counter (``next_id``), in the
  order given (riskiest first); ids are never reused.

Statuses (one per cluster of the new run, plus one row per dissolved old cluster):

==========  ====================================================================
new         related to no old cluster (fresh id)
merged      related to two or more old clusters (``sources``)
split       its old cluster (same id, or the one source of a fresh id) also
            left a related part elsewhere
grown       kept its id and gained members (``added > removed``, or churned)
shrunk      kept its id and only lost members, or lost more than it gained
unchanged   kept its id and exactly its members
dissolved   old cluster related to no new cluster (``size`` 0)
==========  ====================================================================

``added``/``removed`` count members relative to the same id in the previous run (a fresh
id has ``prev_size`` 0, so every member is ``added``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkgraph.runs.ids import CLUSTER_PREFIX, cluster_number, format_cluster_id, is_cluster_id

STATUSES = ("new", "grown", "shrunk", "merged", "split", "dissolved", "unchanged")
LINEAGE_COLUMNS = ["cluster_id", "status", "size", "prev_size", "added", "removed", "jaccard", "sources"]


@dataclass
class Matched:
    """Ids for the new clusters, the lineage table, and the next free id number."""

    ids: pd.Series
    lineage: pd.DataFrame
    next_id: int

    def counts(self) -> dict[str, int]:
        return lineage_counts(self.lineage)


def lineage_counts(lineage: pd.DataFrame) -> dict[str, int]:
    """How many clusters have each status (every status present, zeros included)."""
    counts = lineage["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def _pairs(old: pd.DataFrame, new: pd.DataFrame, min_share: float) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Overlapping (old, new) pairs with sizes, Jaccard and whether they are related."""
    old_sizes = old.groupby("old", sort=False).size()
    new_sizes = new.groupby("new", sort=False).size()
    both = old.merge(new, on="account_id", how="inner")
    pairs = both.groupby(["old", "new"], sort=False).size().rename("overlap").reset_index()
    pairs["old_size"] = old_sizes.reindex(pairs["old"]).to_numpy()
    pairs["new_size"] = new_sizes.reindex(pairs["new"]).to_numpy()
    union = pairs["old_size"] + pairs["new_size"] - pairs["overlap"]
    pairs["jaccard"] = pairs["overlap"] / union
    share = np.maximum(pairs["overlap"] / pairs["old_size"], pairs["overlap"] / pairs["new_size"])
    pairs["related"] = share >= min_share
    return pairs, old_sizes, new_sizes


def _prepare(prev: pd.DataFrame, new: pd.DataFrame, new_key: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    old = pd.DataFrame(
        {"account_id": prev["account_id"].astype(str).to_numpy(), "old": prev["cluster_id"].astype(str).to_numpy()}
    )
    cur = pd.DataFrame({"account_id": new["account_id"].astype(str).to_numpy(), "new": new[new_key].to_numpy()})
    first = cur.groupby("new", sort=False)["account_id"].min()
    return old, cur, first


def _sources(related: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per new cluster: its source ids (comma-joined) and how many; per old cluster: its parts."""
    ordered = related.sort_values(["new", "overlap", "old"], ascending=[True, False, True], kind="stable")
    n_sources = ordered.groupby("new", sort=False).size()
    sources = ordered.drop_duplicates("new").set_index("new")["old"].astype(object)
    several = ordered[ordered["new"].isin(n_sources.index[n_sources.to_numpy() > 1])]
    if len(several):  # join in Python only where there is more than one source
        sources.update(several.groupby("new", sort=False)["old"].agg(",".join))
    return sources, n_sources, related.groupby("old", sort=False).size()


def _continued(
    pairs: pd.DataFrame, old_sizes: pd.Series, new_sizes: pd.Series, ids: pd.Series, heir: pd.Series
) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Size, previous size, added, removed and Jaccard of each new cluster against its heir."""
    keys = new_sizes.index
    frame = pd.DataFrame({"key": keys, "cluster_id": ids.reindex(keys).to_numpy(), "size": new_sizes.to_numpy()})
    frame["heir"] = heir.reindex(keys).to_numpy()
    own = pairs.set_index(["old", "new"])[["overlap", "jaccard"]]
    has_heir = frame["heir"].notna().to_numpy()
    idx = pd.MultiIndex.from_arrays([frame["heir"].fillna("").to_numpy(), frame["key"].to_numpy()])
    matched = own.reindex(idx)
    overlap = matched["overlap"].fillna(0).to_numpy().astype(np.int64)
    prev_size = np.where(has_heir, old_sizes.reindex(frame["heir"].fillna("")).fillna(0).to_numpy(), 0).astype(np.int64)
    frame["prev_size"] = prev_size
    frame["added"] = frame["size"].to_numpy() - overlap
    frame["removed"] = prev_size - overlap
    frame["jaccard"] = np.where(has_heir, matched["jaccard"].fillna(0.0).to_numpy(), 0.0).round(4)
    return frame, has_heir, matched


def _status(
    frame: pd.DataFrame, has_heir: np.ndarray, heir_related: np.ndarray, ns: np.ndarray, parts: np.ndarray
) -> np.ndarray:
    """new, grown, shrunk, unchanged, merged or split, per new cluster."""
    # A related heir counts itself among its parts; an unrelated heir (diff of far-apart runs) does not.
    split_off = np.where(heir_related, parts > 1, parts > 0)
    added, removed = frame["added"].to_numpy(), frame["removed"].to_numpy()
    churn = np.select([(added == 0) & (removed == 0), added >= removed], ["unchanged", "grown"], "shrunk")
    return np.select([ns >= 2, has_heir & split_off, has_heir, ns == 1], ["merged", "split", churn, "split"], "new")


def _dissolved(old_sizes: pd.Series, related: pd.DataFrame, heirs: pd.Series) -> pd.DataFrame:
    """Old clusters that nothing continues."""
    gone = old_sizes.index.difference(pd.Index(related["old"].unique())).difference(pd.Index(heirs.dropna()))
    lost = old_sizes.reindex(gone).to_numpy()
    return pd.DataFrame(
        {"cluster_id": gone, "status": "dissolved", "size": 0, "prev_size": lost, "added": 0, "removed": lost}
        | {"jaccard": 0.0, "sources": ""}
    )


_TYPES = {"size": np.int64, "prev_size": np.int64, "added": np.int64, "removed": np.int64, "jaccard": float}


def _classify(
    pairs: pd.DataFrame,
    old_sizes: pd.Series,
    new_sizes: pd.Series,
    ids: pd.Series,
    heir: pd.Series,
    prefix: str = CLUSTER_PREFIX,
) -> pd.DataFrame:
    """The lineage table, given each new cluster's final id and the old id it inherits (or NA)."""
    related = pairs[pairs["related"]]
    sources, n_sources, n_parts = _sources(related)
    frame, has_heir, matched = _continued(pairs, old_sizes, new_sizes, ids, heir)
    keys = new_sizes.index
    frame["sources"] = sources.reindex(keys).fillna("").to_numpy()
    parts = n_parts.reindex(frame["heir"].fillna("")).fillna(0).to_numpy()
    heir_related = has_heir & matched["overlap"].notna().to_numpy()
    frame["status"] = _status(frame, has_heir, heir_related, n_sources.reindex(keys).fillna(0).to_numpy(), parts)
    dissolved = _dissolved(old_sizes, related, frame["heir"])
    out = pd.concat([frame[LINEAGE_COLUMNS], dissolved[LINEAGE_COLUMNS]], ignore_index=True)
    out = out.astype({**_TYPES, "cluster_id": str, "status": str, "sources": str})
    order = out["cluster_id"].map(lambda c: (cluster_number(c, prefix) if is_cluster_id(c, prefix) else 10**12, c))
    return out.iloc[np.argsort(order.to_numpy(), kind="stable")].reset_index(drop=True)


def match_clusters(
    prev: pd.DataFrame,
    new: pd.DataFrame,
    next_id: int,
    order: Sequence[object] | None = None,
    min_share: float = 0.5,
    prefix: str = CLUSTER_PREFIX,
) -> Matched:
    """Give the new run's clusters stable ids and classify every change.

    ``prev`` has ``account_id, cluster_id`` (the previous run's members, may be empty);
    ``new`` has ``account_id, community`` (any hashable labels). ``order`` lists the new
    labels in the order fresh ids are handed out (default: largest first). Returns ids
    indexed by the new labels, the lineage table and the next free id number.

    Examples
    --------
    >>> prev = pd.DataFrame({"account_id": list("abcdef"), "cluster_id": ["C000001"] * 4 + ["C000002"] * 2})
    >>> new = pd.DataFrame({"account_id": list("abcxy"), "community": [0, 0, 0, 1, 1]})
    >>> m = match_clusters(prev, new, next_id=3)
    >>> m.ids.to_dict()
    {0: 'C000001', 1: 'C000003'}
    >>> m.lineage[["cluster_id", "status", "added", "removed"]].values.tolist()
    [['C000001', 'shrunk', 0, 1], ['C000002', 'dissolved', 0, 2], ['C000003', 'new', 2, 0]]
    """
    old, cur, first = _prepare(prev, new, "community")
    pairs, old_sizes, new_sizes = _pairs(old, cur, min_share)
    related = pairs[pairs["related"]].assign(first=lambda p: first.reindex(p["new"]).to_numpy())
    # Each old cluster's successor: the related new cluster it shares most with.
    succ = related.sort_values(
        ["old", "overlap", "jaccard", "first"], ascending=[True, False, False, True], kind="stable"
    ).drop_duplicates("old")
    # Each new cluster inherits from the successor-claimant with the largest overlap (ties: older id).
    succ = succ.assign(number=succ["old"].map(lambda c: cluster_number(c, prefix)))
    claim = succ.sort_values(["new", "overlap", "number"], ascending=[True, False, True], kind="stable")
    claim = claim.drop_duplicates("new")
    heir = pd.Series(claim["old"].to_numpy(), index=claim["new"].to_numpy(), dtype=object)

    if order is None:
        rank = pd.DataFrame({"size": new_sizes, "first": first.reindex(new_sizes.index)})
        order = rank.sort_values(["size", "first"], ascending=[False, True], kind="stable").index.tolist()
    inherited = set(heir.index)
    fresh = list(dict.fromkeys(key for key in [*order, *new_sizes.index] if key not in inherited))
    ids = pd.Series(
        [format_cluster_id(next_id + i, prefix) for i in range(len(fresh))] + heir.tolist(),
        index=pd.Index(fresh + heir.index.tolist()),
        dtype=object,
    )
    ids = ids.reindex(new_sizes.index)
    lineage = _classify(pairs, old_sizes, new_sizes, ids, heir, prefix)
    return Matched(ids, lineage, next_id + len(fresh))


def diff_members(a: pd.DataFrame, b: pd.DataFrame, min_share: float = 0.5) -> pd.DataFrame:
    """Lineage from run A's members to run B's members (both ``account_id, cluster_id``).

    Ids are taken as they are: a cluster of B continues the A cluster with the same id. For
    two consecutive runs this reproduces the lineage B recorded when it was made.
    """
    old, cur, _ = _prepare(a, b, "cluster_id")
    cur["new"] = cur["new"].astype(str)
    pairs, old_sizes, new_sizes = _pairs(old, cur, min_share)
    keys = new_sizes.index
    kept = keys[keys.isin(old_sizes.index)]
    heir = pd.Series(kept.to_numpy(dtype=object), index=kept)
    ids = pd.Series(keys.to_numpy(dtype=object), index=keys)
    return _classify(pairs, old_sizes, new_sizes, ids, heir)
