"""What a run holds at a glance and the cluster tables the pages filter and show."""

from __future__ import annotations

import pandas as pd

from linkgraph.investigate.run_data import BANDS, CHANGE_STATUSES, CHANGED, RunData, previous_manifest


def overview(run: RunData) -> dict:
    """Headline numbers of a run and the change since the run before it."""
    m = run.manifest
    clusters = run.clusters
    bands = clusters["risk_band"].value_counts().reindex(list(BANDS), fill_value=0)
    prev = previous_manifest(run.runs_dir, run.run_id)
    changes = clusters["change"].value_counts().reindex(list(CHANGE_STATUSES), fill_value=0).to_dict()
    dissolved = 0
    if run.lineage is not None and "status" in run.lineage.columns:
        dissolved = int((run.lineage["status"].astype(str) == "dissolved").sum())
    flagged = int(m.get("flagged_accounts", 0))
    high_changed = clusters[(clusters["risk_band"] == "high") & clusters["change"].isin(CHANGED)]
    return {
        "run_id": run.run_id,
        "finished_at": m.get("finished_at"),
        "accounts": int(m.get("accounts", 0)),
        "clusters": len(clusters),
        "clustered_accounts": run.clustered_accounts,
        "bands": {k: int(v) for k, v in bands.items()},
        "flagged_accounts": flagged,
        "export_threshold": m.get("export_threshold"),
        "previous_run": prev["run_id"] if prev else None,
        "flagged_delta": flagged - int(prev.get("flagged_accounts", 0)) if prev else None,
        "high_delta": int(bands["high"]) - int(prev.get("clusters_by_band", {}).get("high", 0)) if prev else None,
        "changes": {k: int(v) for k, v in changes.items()},
        "dissolved": dissolved,
        "has_lineage": run.lineage is not None,
        "high_changed": len(high_changed),
    }


def filter_clusters(
    clusters: pd.DataFrame,
    bands: list[str] | None = None,
    min_risk: float = 0.0,
    min_size: int = 0,
    max_size: int | None = None,
    changes: list[str] | None = None,
    kinds: list[str] | None = None,
    marks: list[str] | None = None,
    search: str = "",
    also: set[str] | None = None,
) -> pd.DataFrame:
    """Clusters matching every given filter, in risk order.

    ``kinds``: clusters whose dominant kinds include all of them. ``marks``: latest review
    mark, with ``unreviewed`` for clusters without one (needs a ``review`` column).
    ``search``: a cluster or campaign id prefix or a substring of the top evidence; ``also``:
    cluster ids that match the search another way (their members use a matching artifact).
    """
    keep = clusters["risk_score"] >= min_risk
    if bands:
        keep &= clusters["risk_band"].isin(bands)
    keep &= clusters["size"] >= min_size
    if max_size is not None:
        keep &= clusters["size"] <= max_size
    if changes:
        keep &= clusters["change"].isin(changes)
    for kind in kinds or []:
        keep &= clusters["dominant_kinds"].astype(str).str.split("+").map(lambda ks, k=kind: k in ks)
    if marks and "review" in clusters.columns:
        keep &= clusters["review"].isin(marks)
    text = search.strip()
    if text:
        hit = clusters["cluster_id"].astype(str).str.startswith(text.upper())
        hit |= clusters["top_evidence"].astype(str).str.contains(text, case=False, regex=False)
        if "campaign_id" in clusters.columns:
            hit |= clusters["campaign_id"].astype(str).str.startswith(text.upper())
        if also:
            hit |= clusters["cluster_id"].isin(also)
        keep &= hit
    return clusters[keep]


def evidence_kinds(run: RunData) -> list[str]:
    """The link kinds the run's evidence holds (``payment``, ``ip``, …), for the kind filter.

    Read from the evidence table rather than a fixed list, so a filter option always can match
    and a new kind of link shows up without a code change.
    """
    return sorted(run.evidence["kind"].dropna().astype(str).unique().tolist())


def with_reviews(clusters: pd.DataFrame, latest: pd.DataFrame) -> pd.DataFrame:
    """``clusters`` with a ``review`` column holding each cluster's latest mark."""
    out = clusters.copy()
    marks = out["cluster_id"].map(latest["mark"]) if not latest.empty else pd.Series(index=out.index, dtype=object)
    out["review"] = marks.fillna("unreviewed").astype(object)
    return out


CLUSTER_TABLE_COLUMNS = [
    "cluster_id",
    "risk_score",
    "risk_band",
    "size",
    "n_core",
    "change",
    "review",
    "dominant_kinds",
    "top_evidence",
]


def cluster_table(clusters: pd.DataFrame, limit: int = 2000) -> pd.DataFrame:
    """The ranked table the clusters page shows (at most ``limit`` rows)."""
    cols = [c for c in CLUSTER_TABLE_COLUMNS if c in clusters.columns]
    return clusters[cols].head(limit).reset_index(drop=True)


EVIDENCE_COLUMNS = ["kind", "artifact", "n_members", "weight", "df", "strength", "generic"]


def evidence_table(run: RunData, cluster_id: str) -> pd.DataFrame:
    """The artifacts shared in a cluster with their rarity and weights, strongest first."""
    ev = run.evidence_of(cluster_id)
    return ev[[c for c in EVIDENCE_COLUMNS if c in ev.columns]].reset_index(drop=True)


def member_table(run: RunData, cluster_id: str) -> pd.DataFrame:
    """A cluster's members with their account attributes, core first."""
    members = run.members_of(cluster_id)[["account_id", "role", "evidence_score", "n_shared"]].reset_index(drop=True)
    attrs = [c for c in ("created_at", "email_domain", "country", "status") if c in run.accounts.columns]
    if not attrs:
        return members
    found = run.accounts.reindex(members["account_id"].to_numpy())[attrs].reset_index(drop=True)
    return pd.concat([members, found], axis=1)
