"""Campaigns of a scored detection: labels, stable ``K`` ids, lineage and the campaign table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph.campaigns.rule import CampaignParams, carriers, cluster_links, group_clusters
from linkgraph.campaigns.summary import describe
from linkgraph.runs.ids import risk_order
from linkgraph.runs.lineage import lineage_counts, match_clusters
from linkgraph.runs.reader import next_campaign_number, run_campaign_members
from linkgraph.scoring.params import Scored, ScoringParams, risk_band

CAMPAIGN_PREFIX = "K"
CAMPAIGN_COLUMNS = [
    "campaign_id",
    "n_clusters",
    "size",
    "n_core",
    "risk_score",
    "risk_band",
    "kind",
    "cluster_ids",
    "links",
    "top_cluster",
]


@dataclass
class Campaigns:
    """Each cluster's campaign id, the campaign table, its lineage and the next free id number."""

    of_community: pd.Series
    table: pd.DataFrame
    lineage: pd.DataFrame
    next_id: int
    links: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The run tables: ``campaigns``, ``campaign_lineage`` and ``campaign_links``."""
        return {"campaigns": self.table, "campaign_lineage": self.lineage, "campaign_links": self.links}

    def report(self) -> dict[str, object]:
        """What the manifest records (``campaigns``)."""
        multi = self.table[self.table["n_clusters"] > 1]
        return {
            "campaigns": len(self.table),
            "multi_cluster_campaigns": len(multi),
            "next_campaign_id": self.next_id,
            "counts": lineage_counts(self.lineage),
        }


def label_campaigns(scored: Scored, params: CampaignParams, n_accounts: int) -> tuple[pd.Series, pd.DataFrame]:
    """Campaign label per community (``0..k-1``) and the linked cluster pairs (``n_accounts``: the world's)."""
    clusters = scored.clusters
    n_basis = clusters.set_index("community")["n_core"].where(lambda n: n > 0, clusters.set_index("community")["size"])
    carry = carriers(scored.cluster_artifacts, scored.member_links, scored.members, n_basis)
    links = cluster_links(carry, params, n_accounts)
    labels = group_clusters(pd.Index(clusters["community"].to_numpy()), links)
    return labels, links


def _table(clusters: pd.DataFrame, campaign: pd.Series, ids: pd.Series, scoring: ScoringParams) -> pd.DataFrame:
    """One row per campaign: sizes, the riskiest cluster's risk and description, its clusters."""
    frame = clusters.assign(campaign=campaign.reindex(clusters["community"]).to_numpy())
    frame = risk_order(frame, "cluster_id")
    top = frame.drop_duplicates("campaign").set_index("campaign")
    g = frame.groupby("campaign", sort=False)
    table = pd.DataFrame(
        {
            "n_clusters": g.size(),
            "size": g["size"].sum(),
            "n_core": g["n_core"].sum(),
            "cluster_ids": g["cluster_id"].agg(",".join),
        }
    )
    table["risk_score"] = top["risk_score"].reindex(table.index)
    table["risk_band"] = risk_band(table["risk_score"], scoring).to_numpy()
    table["kind"] = [describe(row) for row in top.reindex(table.index).to_dict("records")]
    table["top_cluster"] = top["cluster_id"].reindex(table.index)
    table["campaign_id"] = ids.reindex(table.index).to_numpy()
    table["links"] = ""
    return table


def build_campaigns(
    scored: Scored,
    cluster_ids: pd.Series,
    account_ids: np.ndarray,
    previous: pd.DataFrame,
    next_id: int,
    params: CampaignParams | None = None,
    scoring: ScoringParams | None = None,
) -> Campaigns:
    """Group the clusters of ``scored`` into campaigns with ids stable against ``previous``.

    ``cluster_ids`` are the final cluster ids indexed like ``scored.clusters``;
    ``account_ids`` map ``acct`` positions to account ids; ``previous`` holds the previous
    run's ``account_id, cluster_id`` with campaign ids in ``cluster_id`` (may be empty).
    """
    params = params or CampaignParams()
    scoring = scoring or ScoringParams()
    clusters = scored.clusters.assign(cluster_id=cluster_ids.to_numpy())
    labels, links = label_campaigns(scored, params, len(account_ids))
    m = scored.members
    new = pd.DataFrame(
        {
            "account_id": account_ids[m["acct"].to_numpy()],
            "community": labels.reindex(m["community"]).to_numpy(),
        }
    )
    by_label = clusters.assign(campaign=labels.reindex(clusters["community"]).to_numpy())
    ranked = risk_order(by_label.groupby("campaign").agg(risk_score=("risk_score", "max"), size=("size", "sum")))
    matched = match_clusters(previous, new, next_id, order=ranked.index.tolist(), prefix=CAMPAIGN_PREFIX)
    table = _table(clusters, labels, matched.ids, scoring)
    cid = pd.Series(cluster_ids.to_numpy(), index=clusters["community"].to_numpy())
    named = links.assign(cluster_a=cid.reindex(links["a"]).to_numpy(), cluster_b=cid.reindex(links["b"]).to_numpy())
    named["campaign"] = labels.reindex(named["a"]).to_numpy()
    if len(named):
        why = named.groupby("campaign")["kinds"].agg(lambda k: "; ".join(k.head(5)))
        table["links"] = why.reindex(table.index).fillna("").to_numpy()
    table = risk_order(table, "campaign_id")[CAMPAIGN_COLUMNS].reset_index(drop=True)
    of_community = pd.Series(matched.ids.reindex(labels.to_numpy()).to_numpy(), index=labels.index)
    link_table = named[["cluster_a", "cluster_b", "n_strong", "n_weak", "kinds"]].reset_index(drop=True)
    return Campaigns(of_community, table, matched.lineage, matched.next_id, link_table)


def campaigns_for_run(
    scored: Scored,
    cluster_ids: pd.Series,
    account_ids: np.ndarray,
    runs_dir: Path,
    previous_dir: Path | None,
    params: CampaignParams | None = None,
    scoring: ScoringParams | None = None,
) -> Campaigns:
    """:func:`build_campaigns` against the previous run of ``runs_dir``; sets ``scored.clusters["campaign_id"]``."""
    previous = run_campaign_members(previous_dir)
    camp = build_campaigns(scored, cluster_ids, account_ids, previous, next_campaign_number(runs_dir), params, scoring)
    scored.clusters["campaign_id"] = scored.clusters["community"].map(camp.of_community).to_numpy()
    return camp
