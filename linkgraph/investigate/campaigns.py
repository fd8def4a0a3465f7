"""Campaigns in the read model: the first view, each campaign's clusters, and the "why" of a score."""

from __future__ import annotations

import pandas as pd

from linkgraph.campaigns.summary import describe, waterfall
from linkgraph.investigate.run_data import RunData

CAMPAIGN_TABLE_COLUMNS = [
    "campaign_id",
    "risk_score",
    "risk_band",
    "kind",
    "size",
    "n_core",
    "n_clusters",
    "change",
    "links",
]


def campaign_table(run: RunData, min_risk: float = 0.0, multi_only: bool = False, limit: int = 2000) -> pd.DataFrame:
    """Campaigns riskiest first (empty frame for runs made before campaigns)."""
    if run.campaigns is None:
        return pd.DataFrame(columns=CAMPAIGN_TABLE_COLUMNS)
    frame = run.campaigns[run.campaigns["risk_score"] >= min_risk]
    if multi_only:
        frame = frame[frame["n_clusters"] > 1]
    return frame[[c for c in CAMPAIGN_TABLE_COLUMNS if c in frame.columns]].head(limit).reset_index(drop=True)


def campaign_clusters(run: RunData, campaign_id: str) -> pd.DataFrame:
    """The clusters of a campaign, riskiest first, with their description."""
    if "campaign_id" not in run.clusters.columns:
        return run.clusters.iloc[0:0]
    rows = run.clusters[run.clusters["campaign_id"] == campaign_id]
    cols = ["cluster_id", "risk_score", "risk_band", "size", "n_core", "change", "dominant_kinds", "top_evidence"]
    out = rows[[c for c in cols if c in rows.columns]].reset_index(drop=True)
    out.insert(3, "looks_like", [describe(r) for r in rows.to_dict("records")])
    return out


def campaign_of(run: RunData, cluster_id: str) -> str | None:
    """The campaign id of a cluster (``None`` for runs without campaigns)."""
    if "campaign_id" not in run.clusters.columns or not run.has_cluster(cluster_id):
        return None
    value = run.cluster(cluster_id)["campaign_id"]
    return None if pd.isna(value) else str(value)


def risk_bias(manifest: dict) -> float:
    """The risk score's bias (``risk_weights["bias"]``) recorded in a run's parameters."""
    weights = manifest.get("parameters", {}).get("scoring", {}).get("risk_weights", {})
    return float(weights.get("bias", 0.0))


def risk_waterfall(run: RunData, cluster_id: str) -> pd.DataFrame:
    """Bias and feature contributions of a cluster's risk score (see :func:`~linkgraph.campaigns.summary.waterfall`)."""
    return waterfall(run.cluster(cluster_id).to_dict(), risk_bias(run.manifest))


def looks_like(run: RunData, cluster_id: str) -> str:
    """The one-line description of a cluster."""
    return describe(run.cluster(cluster_id).to_dict())


def waterfall_lines(frame: pd.DataFrame, width: int = 24) -> list[str]:
    """The waterfall as text: one line per step with a bar, the running log-odds and probability."""
    scale = max(float(frame["contribution"].abs().max() or 1.0), 1e-9)
    lines = []
    for row in frame.to_dict("records"):
        value = float(row["contribution"])
        bar = ("+" if value > 0 else "−") * max(round(abs(value) / scale * width), 1)
        lines.append(
            f"  {row['label']:<52} {value:+6.2f}  {bar:<{width}}  → {float(row['end']):+6.2f}"
            f"  ({float(row['probability']):.2f})"
        )
    return lines
