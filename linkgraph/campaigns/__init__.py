"""Campaigns: clusters that belong to one operation, the cluster bound, and the "why" of a score.

- :mod:`~linkgraph.campaigns.rule`: the documented rule that links clusters into campaigns.
- :mod:`~linkgraph.campaigns.build`: campaign ids (``K000001``), lineage and the campaign table.
- :mod:`~linkgraph.campaigns.bound`: :func:`~linkgraph.campaigns.bound.bound_clusters`, no giant
  weakly tied clusters.
- :mod:`~linkgraph.campaigns.summary`: the risk waterfall and the one-line description.

Import from the submodules: the package itself imports nothing, so the app's pages that
only need :mod:`~linkgraph.campaigns.summary` do not pay for SciPy.
"""
