"""Writing a run: the output tables from a scoring result, and the atomic publish.

The tables are the contract's ``clusters`` and ``members`` plus ``evidence``,
``member_links`` and ``accounts`` (what the app's pages need). :func:`publish_run` writes
them and the manifest under ``.staging`` and renames the folder into place.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from linkgraph.runs.activity import activity_table
from linkgraph.runs.ids import risk_order
from linkgraph.runs.store import staged_run, sweep_staging
from linkgraph.scoring.params import Scored
from linkgraph.storage.atomic import write_json_atomic

ACCOUNT_COLUMNS = ("account_id", "created_at", "email_domain", "country", "status")


def run_tables(
    scored: Scored, accounts: pd.DataFrame, cluster_ids: pd.Series, requests: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """The run's output tables, with account ids and cluster ids resolved."""
    account_id = accounts["account_id"].array
    cid = pd.Series(cluster_ids.to_numpy(), index=scored.clusters["community"].to_numpy())
    clusters = scored.clusters.assign(cluster_id=cid.reindex(scored.clusters["community"]).to_numpy())
    lead = ["cluster_id", "size", "risk_score", "risk_band"] + (["campaign_id"] if "campaign_id" in clusters else [])
    clusters = clusters[lead + [c for c in clusters.columns if c not in lead]]
    clusters = risk_order(clusters)
    m = scored.members
    members = pd.DataFrame(
        {
            "account_id": account_id.take(m["acct"].to_numpy()),
            "cluster_id": cid.reindex(m["community"]).to_numpy(),
            "role": m["role"].to_numpy(),
            "evidence_score": m["evidence_score"].round(4).to_numpy(),
            "n_shared": m["n_shared"].to_numpy(),
            "community": m["community"].to_numpy(),
        }
    )
    if "campaign_id" in clusters.columns:  # campaigns (linkgraph.campaigns) group clusters of one operation
        campaign = pd.Series(clusters["campaign_id"].to_numpy(), index=clusters["community"].to_numpy())
        members["campaign_id"] = campaign.reindex(m["community"]).to_numpy()
    for flag in (
        "enforced",
        "replacement",
        "tied_enforced",
        "tie_artifacts",
        "tied_most",
        "tie_ban_date",
        "rider",
    ):  # known-bad seeds, their replacements, and proxy-pool riders
        if flag in m.columns:
            members[flag] = m[flag].to_numpy()
    ev = scored.cluster_artifacts
    evidence = pd.DataFrame(
        {
            "cluster_id": cid.reindex(ev["community"]).to_numpy(),
            "kind": ev["kind"].astype(str).to_numpy(),
            "artifact": ev["artifact"].array,
            "n_members": ev["n_members"].to_numpy(),
            "df": ev["df"].to_numpy(),
            "weight": ev["weight"].round(4).to_numpy(),
            "generic": ev["generic"].to_numpy(),
            "strength": ev["strength"].round(4).to_numpy(),
        }
    )
    ml = scored.member_links
    member_links = pd.DataFrame(
        {
            "account_id": account_id.take(ml["acct"].to_numpy()),
            "cluster_id": cid.reindex(ml["community"]).to_numpy(),
            "kind": ml["kind"].astype(str).to_numpy(),
            "artifact": ml["artifact"].array,
            "n_members": ml["n_in"].to_numpy(),
            "df": ml["df"].to_numpy(),
            "weight": ml["weight"].round(4).to_numpy(),
        }
    )
    keep_cols = [c for c in ACCOUNT_COLUMNS if c in accounts.columns]
    member_accounts = accounts.iloc[m["acct"].to_numpy()][keep_cols].reset_index(drop=True)
    return {
        "clusters": clusters.reset_index(drop=True),
        "members": members,
        "evidence": evidence,
        "member_links": member_links,
        "accounts": member_accounts,
        "activity": activity_table(requests, account_id, m["acct"].to_numpy()),
    }


def flagged_accounts(tables: dict[str, pd.DataFrame], threshold: float) -> int:
    """Core members of clusters at or above ``threshold``: the size of the default export."""
    clusters, members = tables["clusters"], tables["members"]
    risky = clusters.loc[clusters["risk_score"] >= threshold, "cluster_id"]
    return int((members["role"].eq("core") & members["cluster_id"].isin(risky)).sum())


def publish_run(runs_dir: str | Path, run_id: str, tables: dict[str, pd.DataFrame], manifest: dict) -> None:
    """Write ``tables`` as Parquet and ``manifest.json``, then publish the run atomically."""
    runs_dir = Path(runs_dir)
    runs_dir.mkdir(parents=True, exist_ok=True)
    sweep_staging(runs_dir)
    with staged_run(runs_dir, run_id) as folder:
        for name, frame in tables.items():
            frame.to_parquet(folder / f"{name}.parquet", index=False)
        write_json_atomic(folder / "manifest.json", manifest)
