"""Investigate: the read model shared by the app and ``linkgraph explain``.

Loads a run and answers the questions an investigator asks: overview, clusters, networks,
timelines, evidence paths. May import: :mod:`linkgraph.runs`, :mod:`linkgraph.enforcement`,
:mod:`linkgraph.ingest`, :mod:`linkgraph.storage`. No Streamlit here.
"""

from __future__ import annotations
