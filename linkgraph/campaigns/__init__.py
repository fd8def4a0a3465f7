"""Campaigns: clusters that belong to one operation, the cluster bound, and the "why" of a score.

- :mod:`~linkgraph.campaigns.rule`: the documented rule that links clusters into campaigns.
- :mod:`~linkgraph.campaigns.build`: campaign ids (``K000001``), lineage and the campaign table.
- :mod:`~linkgraph.campaigns.bound`: :func:`bound_clusters`, no giant weakly tied clusters.
- :mod:`~linkgraph.campaigns.summary`: the risk waterfall and the one-line description.
"""

from linkgraph.campaigns.bound import bound_clusters
from linkgraph.campaigns.build import CAMPAIGN_PREFIX, Campaigns, build_campaigns
from linkgraph.campaigns.rule import CampaignParams
from linkgraph.campaigns.summary import describe, waterfall

__all__ = [
    "CAMPAIGN_PREFIX",
    "CampaignParams",
    "Campaigns",
    "bound_clusters",
    "build_campaigns",
    "describe",
    "waterfall",
]
