"""Clusters: the run's clusters ranked by risk, filterable; selecting a row opens the cluster."""

from __future__ import annotations

import streamlit as st

from linkgraph.app import cached, state, widgets
from linkgraph.enforcement.reviews import MARKS
from linkgraph.investigate import artifacts, overview, run_data

SHOW = 2000

run = state.current_run()
clusters = overview.with_reviews(run.clusters, cached.latest_marks())

st.title("Clusters")
with st.container(border=True):
    c1, c2, c3, c4 = st.columns(4)
    bands = c1.multiselect("Risk band", run_data.BANDS, default=["high", "medium"], key="f_bands")
    min_risk = c2.slider("Minimum risk", 0.0, 1.0, 0.0, 0.05, key="f_min_risk")
    max_size = int(clusters["size"].max()) if len(clusters) else 2
    size = c3.slider("Size", 2, max(max_size, 3), (2, max(max_size, 3)), key="f_size")
    search = c4.text_input("Search", key="f_search", placeholder="cluster, campaign, card, IP, template…")
    c5, c6, c7 = st.columns(3)
    changes = c5.multiselect("Change since previous run", run_data.CHANGE_STATUSES, key="f_changes")
    kinds = c6.multiselect("Evidence kinds (all of)", overview.evidence_kinds(run), key="f_kinds")
    marks = c7.multiselect("Review", ["unreviewed", *MARKS], key="f_marks")

matched = overview.filter_clusters(
    clusters,
    bands=bands,
    min_risk=min_risk,
    min_size=size[0],
    max_size=size[1],
    changes=changes,
    kinds=kinds,
    marks=marks,
    search=search,
    also=artifacts.clusters_using(run, search),
)
table = overview.cluster_table(matched, limit=SHOW)
shown = f"showing the top {SHOW:,}; narrow the filters to see the rest" if len(matched) > SHOW else "select a row"
st.caption(f"{len(matched):,} of {len(clusters):,} clusters match · {shown}")
event = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=widgets.table_height(len(table)),
    on_select="rerun",
    selection_mode="single-row",
    key="clusters_table",
    column_config=widgets.CLUSTER_COLUMNS,
)
picked = widgets.selected_row(event, table, "cluster_id")
if picked:
    state.open_cluster(picked)
