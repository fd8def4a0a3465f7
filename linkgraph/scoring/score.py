"""Cluster scoring: evidence per member, core/peripheral roles, features, risk (pure).

Input: the link graph, the accounts table and a membership (``acct, community``).
Output: ``clusters`` (one row per cluster), ``members`` (one row per member) and
``cluster_artifacts`` (the artifacts shared inside each cluster, with weights).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph
from linkgraph.scoring.activity import model_pivot
from linkgraph.scoring.features import burst_share, dispersion, owned_domain_share, peel_core


def _default_risk_weights() -> dict[str, float]:
    return {
        "bias": -4.0,
        "linked_network": 2.0,
        "burst": 1.5,
        "shared_payment": 1.0,
        "dispersion": 1.0,
        "multi_template": 1.5,
        "multi_ip": 1.0,
        "owned_domain": -6.0,
        "single_hub": -2.5,
        "model_pivot": 1.0,
    }


@dataclass(frozen=True)
class ScoringParams:
    """Scoring rules. Documented in the README ("Risk score")."""

    evidence_scale: float = 1.0
    core_min_links: int = 3
    min_exclusivity: float = 0.05
    network_min_members: int = 5
    repeat_factor: float = 0.3
    min_cluster_size: int = 2
    risk_weights: dict[str, float] = field(default_factory=_default_risk_weights)
    bands: tuple[tuple[str, float], ...] = (("high", 0.7), ("medium", 0.4), ("low", 0.0))
    export_threshold: float = 0.7

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Scored:
    """The scoring result (all DataFrames; community labels are ints, not yet cluster ids)."""

    clusters: pd.DataFrame
    members: pd.DataFrame
    cluster_artifacts: pd.DataFrame
    member_links: pd.DataFrame


def risk_band(score: pd.Series, params: ScoringParams) -> pd.Series:
    """Map risk scores to the documented bands."""
    out = pd.Series(params.bands[-1][0], index=score.index, dtype=object)
    for name, floor in reversed(params.bands[:-1]):
        out[score >= floor] = name
    return out


def _member_links(graph: LinkGraph, membership: pd.DataFrame) -> pd.DataFrame:
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


def _member_evidence(membership: pd.DataFrame, ev: pd.DataFrame, params: ScoringParams) -> pd.DataFrame:
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
    survived = peel_core(
        own["community"].to_numpy(),
        own["acct"].to_numpy(),
        own["art"].to_numpy(),
        own["kind"].cat.codes.to_numpy(),
        params.core_min_links,
        2,
        params.network_min_members,
    )
    is_core = members.index.isin(core_accounts[survived])
    members["role"] = np.where(is_core, "core", "peripheral")
    return members.reset_index()


def score(
    graph: LinkGraph,
    accounts: pd.DataFrame,
    membership: pd.DataFrame,
    ip_asn: pd.Series | None = None,
    params: ScoringParams | None = None,
    requests: pd.DataFrame | None = None,
) -> Scored:
    """Score every community of at least ``min_cluster_size`` accounts.

    ``requests`` (optional; ``acct, timestamp, model``) adds the new-model pivot feature.
    """
    params = params or ScoringParams()
    sizes = membership["community"].value_counts()
    keep = sizes[sizes >= params.min_cluster_size].index
    membership = membership[membership["community"].isin(keep)].reset_index(drop=True)
    ml = _member_links(graph, membership)
    ev = ml[ml["evidence"]]
    ev = ev.assign(artifact=graph.artifacts["artifact"].array.take(ev["art"].to_numpy()))

    # --- members: evidence score and role
    members = _member_evidence(membership, ev, params)

    # --- clusters: features, computed on the core (the operation) where there is one
    members = members.sort_values("acct", kind="stable").reset_index(drop=True)
    g = members.groupby("community")
    clusters = pd.DataFrame({"size": g.size()})
    is_core = members["role"] == "core"
    clusters["n_core"] = is_core.groupby(members["community"]).sum().astype(int)
    clusters["core_share"] = clusters["n_core"] / clusters["size"]
    clusters["mean_evidence"] = g["evidence_score"].mean()
    basis = members[is_core | (clusters["n_core"].reindex(members["community"]).to_numpy() == 0)]
    in_basis = np.zeros(graph.n_accounts, dtype=bool)
    in_basis[basis["acct"].to_numpy()] = True
    n_basis = basis.groupby("community").size().reindex(clusters.index)
    comm = basis["community"].to_numpy()

    shared = ml[(ml["n_in"] >= 2) & in_basis[ml["acct"].to_numpy()]]
    for kind, col, generic_ok in (
        ("payment", "payment_share", True),
        ("ip", "ip_share", False),
        ("fingerprint", "template_share", False),
    ):
        rows = shared[(shared["kind"] == kind) & (generic_ok | ~shared["generic"])]
        clusters[col] = (rows.groupby("community")["acct"].nunique() / n_basis).reindex(clusters.index).fillna(0.0)
        if kind != "payment":  # several shared IPs / templates per member: rotation and templating
            per = rows.groupby(["community", "acct"]).size()
            multi = (per >= 2).groupby(level="community").sum()
            clusters[f"multi_{col}"] = (multi / n_basis).reindex(clusters.index).fillna(0.0)
    # One billing card or one office/campus NAT behind most of the core: how organisations look.
    hubs = shared[shared["kind"].isin(["payment", "ip"])].groupby(["community", "art"]).size()
    top_hub = hubs.groupby(level="community").max() if len(hubs) else pd.Series(dtype=float)
    clusters["hub_share"] = (top_hub / n_basis).reindex(clusters.index).fillna(0.0).clip(0.0, 1.0)
    ev_ip = ev[(ev["kind"] == "ip") & (ev["n_in"] >= 3) & in_basis[ev["acct"].to_numpy()]]
    if ip_asn is not None and len(ip_asn) and not ev_ip.empty:
        ips = graph.artifacts["artifact"].array.take(ev_ip["art"].to_numpy())
        asn = pd.Series(ips).map(ip_asn).to_numpy()
        nets = pd.DataFrame({"c": ev_ip["community"].to_numpy(), "asn": asn}).dropna()
        n_asn = nets.groupby("c")["asn"].nunique()
    else:
        n_asn = pd.Series(dtype=float)
    clusters["n_asn"] = n_asn.reindex(clusters.index).fillna(0).astype(int)
    clusters["dispersion"] = dispersion(clusters["n_asn"])

    created = accounts["created_at"] if "created_at" in accounts.columns else None
    if created is not None and created.notna().any():
        ns = created.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[ns]").astype(np.int64)
        valid = ns[ns != np.iinfo(np.int64).min]
        span = float(valid.max() - valid.min()) if valid.size else 0.0
        burst = burst_share(comm, ns[basis["acct"].to_numpy()], span)
        clusters["burst_share"] = burst.reindex(clusters.index).fillna(0.0)
    else:
        clusters["burst_share"] = 0.0
    if "email_domain" in accounts.columns:
        domains = accounts["email_domain"]
        owned = owned_domain_share(comm, domains.iloc[basis["acct"].to_numpy()], domains.value_counts())
        clusters["owned_domain_share"] = owned.reindex(clusters.index).fillna(0.0)
    else:
        clusters["owned_domain_share"] = 0.0

    if requests is not None:
        community_of = np.full(graph.n_accounts, -1, dtype=np.int64)
        community_of[basis["acct"].to_numpy()] = comm
        pivot = model_pivot(requests, community_of)
        clusters["model_pivot"] = pivot.reindex(clusters.index).fillna(0.0)
    else:
        clusters["model_pivot"] = 0.0

    # --- risk
    w = params.risk_weights
    network = np.clip(np.log10(np.maximum(clusters["n_core"], 1)) / 2.0, 0.0, 1.0)
    z = (
        w["bias"]
        + w["linked_network"] * network
        + w["burst"] * clusters["burst_share"]
        + w["shared_payment"] * clusters["payment_share"]
        + w["dispersion"] * clusters["dispersion"]
        + w["multi_template"] * clusters["multi_template_share"]
        + w["multi_ip"] * clusters["multi_ip_share"]
        + w["owned_domain"] * clusters["owned_domain_share"]
        + w["single_hub"] * clusters["hub_share"]
        + w["model_pivot"] * clusters["model_pivot"]
    )
    clusters["risk_score"] = 1.0 / (1.0 + np.exp(-z))
    clusters["risk_band"] = risk_band(clusters["risk_score"], params)

    # --- evidence: artifacts shared inside each cluster
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
    ca = ca.sort_values(["community", "strength", "n_members"], ascending=[True, False, False], kind="stable")
    clusters = clusters.join(_evidence_summary(ca))
    return Scored(clusters.reset_index(), members, ca.reset_index(drop=True), ev.reset_index(drop=True))


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


def _evidence_summary(ca: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Per cluster: the dominant evidence kinds and the top shared artifacts, as text."""
    evidence = ca[ca["strength"] > 0]
    by_kind = evidence.groupby(["community", "kind"], observed=True)["strength"].sum().reset_index()
    by_kind = by_kind.sort_values(["community", "strength"], ascending=[True, False], kind="stable")
    kinds = _join_ranked(by_kind["community"], by_kind["kind"].astype(str), "+")
    head = evidence.groupby("community").head(top)
    text = (
        head["kind"].astype(str)
        + " "
        + head["artifact"].astype(str)
        + " ("
        + head["n_members"].astype(str)
        + " accts, w="
        + head["weight"].round(2).astype(str)
        + ")"
    )
    tops = _join_ranked(head["community"], text, "; ")
    return pd.DataFrame({"dominant_kinds": kinds, "top_evidence": tops})
