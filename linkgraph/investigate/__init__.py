"""Investigate: the read model shared by the app and ``linkgraph explain``.

Loads a run and answers the questions an investigator asks, one module per concept:

- ``run_data``: :func:`load_run` and :class:`RunData` (tables indexed by cluster), lineage and
  change status, the trend over runs.
- ``overview``: a run's headline numbers, the cluster filters and tables, the reviews join.
- ``network``: Cytoscape elements of a cluster (summarised past a node budget) and of a path.
- ``timelines``: accounts created and requests by model over time (from the run's own
  ``activity`` table, so a run needs none of its inputs).
- ``paths``: account lookup and why two accounts are linked (shortest evidence path).
- ``export``: the enforcement list as a download, byte for byte what ``linkgraph export`` writes.

May import: :mod:`linkgraph.runs`, :mod:`linkgraph.enforcement`, :mod:`linkgraph.ingest`,
:mod:`linkgraph.storage`. No Streamlit here: everything is a function of a loaded run.
"""

from __future__ import annotations
