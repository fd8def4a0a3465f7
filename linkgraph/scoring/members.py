"""Members: each member's evidence links, evidence score and role (core or peripheral)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph
from linkgraph.scoring.features import peel_core
from linkgraph.scoring.params import ScoringParams, evidence_class_codes


def member_links(graph: LinkGraph, membership: pd.DataFrame) -> pd.DataFrame:
    comm_of = np.full(graph.n_accounts, -1, dtype=np.int64)
    comm_of[membership["acct"].to_numpy()] = membership["community"].to_numpy()
    links = graph.links
    c = comm_of[links["acct"].to_numpy()]
    keep = c >= 0
    art = links["art"].to_numpy()[keep]
    ml = pd.DataFrame({"acct": links["acct"].to_numpy()[keep], "community": c[keep], "art": art})
    n_art = len(graph.artifacts)
    key = ml["community"].to_numpy() * n_art + art
    codes, _ = pd.factorize(key)
    ml["n_in"] = np.bincount(codes)[codes]
    arts = graph.artifacts
    ml["kind"] = pd.Categorical.from_codes(
        arts["kind"].cat.codes.to_numpy()[art], categories=arts["kind"].cat.categories
    )
    ml["df"] = arts["df"].to_numpy()[art]
    ml["weight"] = arts["weight"].to_numpy()[art]
    ml["generic"] = arts["generic"].to_numpy()[art]
    ml["evidence"] = (ml["n_in"] >= 2) & ~ml["generic"] & (ml["weight"] > 0)
    return ml


def member_evidence(membership: pd.DataFrame, ev: pd.DataFrame, params: ScoringParams) -> pd.DataFrame:
    """Evidence score and role of every member.

    Each evidence link counts ``weight × breadth``, where breadth grows with how many
    members share the artifact (a pair counts a quarter, ``network_min_members`` or more
    count fully). Within a kind the strongest link counts fully and the others at
    ``repeat_factor``, so ten IPs from one proxy pool do not outweigh a shared card.
    The score is ``1 − exp(−S / evidence_scale)``. A member is core when it survives in the
    bipartite core of its cluster's evidence graph (:func:`~linkgraph.scoring.features.peel_core`),
    counting only artifacts at least ``min_exclusivity`` of whose users are in the cluster.
    """
    span = max(params.network_min_members - 1, 1)
    value = ev["weight"].to_numpy() * np.clip((ev["n_in"].to_numpy() - 1) / span, 0.0, 1.0)
    links = pd.DataFrame({"acct": ev["acct"].to_numpy(), "kind": ev["kind"].cat.codes.to_numpy(), "v": value})
    by_kind = links.groupby(["acct", "kind"]).agg(best=("v", "max"), total=("v", "sum"), n=("v", "size"))
    by_kind["score"] = by_kind["best"] + params.repeat_factor * (by_kind["total"] - by_kind["best"])
    per_acct = by_kind.groupby(level="acct").agg(
        strength=("score", "sum"), n_shared=("n", "sum"), n_kinds=("n", "size")
    )
    hard = links[ev["kind"].to_numpy() == "payment"].groupby("acct").size()
    members = membership.set_index("acct")
    members["strength"] = per_acct["strength"].reindex(members.index).fillna(0.0)
    members["n_shared"] = per_acct["n_shared"].reindex(members.index).fillna(0).astype(int)
    members["hard"] = hard.reindex(members.index).fillna(0).astype(int) > 0
    members["evidence_score"] = 1.0 - np.exp(-members["strength"] / params.evidence_scale)
    # An artifact ties members to this cluster only if a fair share of its users are here:
    # five cluster members among 1,500 users of a popular template is a coincidence.
    own = ev[ev["n_in"].to_numpy() >= params.min_exclusivity * ev["df"].to_numpy()]
    core_accounts = np.unique(own["acct"].to_numpy())
    hard = (own["kind"] == "payment").to_numpy()
    survived = peel_core(
        own["community"].to_numpy(),
        own["acct"].to_numpy(),
        own["art"].to_numpy(),
        evidence_class_codes(own["kind"]),  # a fingerprint and its family are one kind of evidence
        params.core_min_links,
        2,
        np.where(hard, params.hard_min_members, params.network_min_members),
    )
    is_core = members.index.isin(core_accounts[survived])
    members["role"] = np.where(is_core, "core", "peripheral")
    return members.reset_index()
