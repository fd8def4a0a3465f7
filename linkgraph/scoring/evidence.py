"""Evidence summaries: the artifacts shared inside each cluster, ranked, and their text."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph
from linkgraph.scoring.features import grouped_float


def cluster_artifacts(graph: LinkGraph, shared: pd.DataFrame) -> pd.DataFrame:
    """Per cluster and artifact: members sharing it, kind, df, weight and strength, strongest first."""
    ca = (
        shared.groupby(["community", "art"], observed=True)
        .agg(
            n_members=("acct", "size"),
            kind=("kind", "first"),
            df=("df", "first"),
            weight=("weight", "first"),
            generic=("generic", "first"),
        )
        .reset_index()
    )
    ca["artifact"] = graph.artifacts["artifact"].array.take(ca["art"].to_numpy())
    ca["strength"] = np.where(ca["generic"], 0.0, ca["weight"] * ca["n_members"])
    return ca.sort_values(["community", "strength", "n_members"], ascending=[True, False, False], kind="stable")


def _join_ranked(keys: pd.Series, text: pd.Series, sep: str) -> pd.Series:
    """Join ``text`` per key in row order, vectorised (each key has only a few rows)."""
    frame = pd.DataFrame({"k": keys.to_numpy(), "t": text.to_numpy()})
    if frame.empty:
        return pd.Series(dtype=str)
    frame["r"] = frame.groupby("k").cumcount()
    wide = frame.pivot(index="k", columns="r", values="t")
    out = wide[0].astype(str)
    for col in wide.columns[1:]:
        out = out + (sep + wide[col].astype("str")).fillna("")
    return out


KIND_WORDS = {"family": "template family", "rewrite": "rewrites of one template", "lockstep": "same-minute window"}


def _waves(evidence: pd.DataFrame) -> pd.Series:
    """Per cluster with lockstep evidence: "synchronized: 212 same-minute windows, up to 37 members"."""
    lock = evidence[evidence["kind"] == "lockstep"]
    if lock.empty:
        return pd.Series(dtype=str)
    g = lock.groupby("community")
    n, most = g.size(), g["n_members"].max()
    return "synchronized: " + n.astype(str) + " same-minute windows, up to " + most.astype(str) + " members"


def evidence_summary(ca: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Per cluster: the dominant evidence kinds and the top shared artifacts, as text.

    Lockstep windows are summarised in one phrase (how many windows, how many members at
    most) ahead of the strongest shared artifacts of the other kinds.
    """
    evidence = ca[ca["strength"] > 0]
    by_kind = grouped_float(evidence, ["community", "kind"], "strength", "sum").reset_index()
    by_kind = by_kind.sort_values(["community", "strength"], ascending=[True, False], kind="stable")
    kinds = _join_ranked(by_kind["community"], by_kind["kind"].astype(str), "+")
    waves = _waves(evidence)
    head = evidence[evidence["kind"] != "lockstep"].groupby("community").head(top)
    text = (
        head["kind"].astype(str).map(lambda k: KIND_WORDS.get(k, k))
        + " "
        + head["artifact"].astype(str)
        + " ("
        + head["n_members"].astype(str)
        + " accts, w="
        + head["weight"].round(2).astype(str)
        + ")"
    )
    tops = _join_ranked(head["community"], text, "; ")
    if len(waves):
        tops = (waves + "; ").reindex(tops.index.union(waves.index)).fillna("") + tops.reindex(
            tops.index.union(waves.index)
        ).fillna("")
        tops = tops.str.removesuffix("; ")
    return pd.DataFrame({"dominant_kinds": kinds, "top_evidence": tops})
