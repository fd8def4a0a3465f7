"""Search and drill-down: who else uses this card, IP, fingerprint or template family.

Artifacts are searched in the run's evidence links (``member_links``: every clustered
account's shared artifacts), case-insensitively. An account id matches too.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from linkgraph.investigate.run_data import RunData

KIND_LABELS = {
    "payment": "card",
    "ip": "IP",
    "fingerprint": "template",
    "family": "template family",
    "rewrite": "template rewrites",
}


@dataclass
class Hit:
    """One search result: an account or an artifact."""

    what: str
    value: str
    kind: str
    accounts: int
    clusters: int


def artifact_index(run: RunData) -> pd.DataFrame:
    """``artifact, kind, lower`` of every distinct artifact of the run (cached on the run)."""
    if "artifacts" in run.derived:
        return run.derived["artifacts"]
    links = run.links
    index = links.groupby(["artifact", "kind"], observed=True, sort=False).agg(
        accounts=("account_id", "nunique"), clusters=("cluster_id", "nunique")
    )
    index = index.reset_index()
    index["lower"] = index["artifact"].astype(str).str.lower()
    run.derived["artifacts"] = index
    return index


def search(run: RunData, query: str, limit: int = 50) -> list[Hit]:
    """Accounts and artifacts whose id contains ``query`` (case-insensitive); exact matches first."""
    text = query.strip().lower()
    if not text:
        return []
    hits: list[Hit] = []
    ids = run.member_ids()
    lower_ids = pd.Series(ids.astype(str)).str.lower()
    matched = ids[(lower_ids.str.contains(text, regex=False)).to_numpy()][:limit]
    for account in sorted(matched, key=lambda a: (str(a).lower() != text, str(a))):
        hits.append(Hit("account", str(account), "account", 1, 1))
    index = artifact_index(run)
    found = index[index["lower"].str.contains(text, regex=False)]
    found = found.assign(exact=found["lower"] != text).sort_values(["exact", "accounts"], ascending=[True, False])
    for row in found.head(limit).to_dict("records"):
        hits.append(Hit("artifact", str(row["artifact"]), str(row["kind"]), int(row["accounts"]), int(row["clusters"])))
    return hits[:limit]


def artifact_users(run: RunData, artifact: str) -> pd.DataFrame:
    """Every clustered account that uses ``artifact`` (exact, else case-insensitive match), with its cluster.

    Columns: ``account_id, cluster_id, campaign_id, role, kind, artifact, risk_score``.
    """
    links = run.links
    rows = links[links["artifact"].astype(str) == artifact]
    if rows.empty:
        rows = links[links["artifact"].astype(str).str.lower() == artifact.strip().lower()]
    out = rows[["account_id", "cluster_id", "kind", "artifact"]].drop_duplicates(["account_id", "cluster_id"])
    members = run.members.drop_duplicates("account_id").set_index("account_id")
    out = out.assign(role=members["role"].reindex(out["account_id"]).to_numpy())
    clusters = run.clusters
    out["risk_score"] = clusters["risk_score"].reindex(out["cluster_id"]).to_numpy()
    if "campaign_id" in clusters.columns:
        out["campaign_id"] = clusters["campaign_id"].reindex(out["cluster_id"]).to_numpy()
    else:
        out["campaign_id"] = ""
    out = out.sort_values(["risk_score", "cluster_id", "account_id"], ascending=[False, True, True], kind="stable")
    cols = ["account_id", "cluster_id", "campaign_id", "role", "kind", "artifact", "risk_score"]
    return out[cols].reset_index(drop=True)


def artifact_clusters(users: pd.DataFrame) -> pd.DataFrame:
    """Per cluster: how many of its members use the artifact (from :func:`artifact_users`)."""
    if users.empty:
        return pd.DataFrame(columns=["cluster_id", "campaign_id", "accounts", "risk_score"])
    g = users.groupby(["cluster_id", "campaign_id"], dropna=False, sort=False)
    out = g.agg(accounts=("account_id", "size"), risk_score=("risk_score", "first")).reset_index()
    return out.sort_values(["risk_score", "accounts"], ascending=[False, False], kind="stable").reset_index(drop=True)


def clusters_using(run: RunData, query: str, limit: int = 200) -> set[str]:
    """Clusters whose members use an artifact whose id contains ``query`` (case-insensitive)."""
    text = query.strip().lower()
    if len(text) < 3:
        return set()
    index = artifact_index(run)
    found = index.loc[index["lower"].str.contains(text, regex=False), "artifact"].head(limit)
    if found.empty:
        return set()
    links = run.links
    return set(links.loc[links["artifact"].isin(set(found)), "cluster_id"].astype(str))
