"""Overview: the selected run at a glance, what changed, and the trend over recent runs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkgraph.app import cached, state, widgets
from linkgraph.investigate import overview, run_data

run = state.current_run()
ov = overview.overview(run)

st.title("Overview")
st.caption(
    f"Run `{ov['run_id']}` · finished {str(ov['finished_at'])[:19].replace('T', ' ')} UTC · "
    f"{ov['accounts']:,} accounts scanned · export threshold {ov['export_threshold']}"
)

c1, c2, c3, c4 = st.columns(4)
c1.metric("High-risk clusters", f"{ov['bands']['high']:,}", ov["high_delta"], delta_color="inverse", border=True)
c2.metric(
    "Accounts flagged",
    f"{ov['flagged_accounts']:,}",
    ov["flagged_delta"],
    delta_color="inverse",
    border=True,
    help="Core members of clusters at or above the export threshold.",
)
c3.metric(
    "Clusters", f"{ov['clusters']:,}", border=True, help=f"{ov['clustered_accounts']:,} accounts are in a cluster."
)
changed = sum(ov["changes"][s] for s in run_data.CHANGED)
c4.metric("New or changed clusters", f"{changed:,}", border=True, help=f"{ov['high_changed']:,} of them are high risk.")

left, middle, right = st.columns([1, 1, 2])
with left:
    st.subheader("Risk bands")
    widgets.band_chart(ov["bands"])
with middle:
    st.subheader("Changes")
    if ov["previous_run"] is None:
        st.caption("Since the previous run. This is the first run: every cluster is new.")
    elif not ov["has_lineage"]:
        st.caption(f"Since run `{ov['previous_run']}`. This run has no lineage table, so every cluster counts as new.")
    else:
        st.caption(f"Since run `{ov['previous_run']}`.")
    changes = {**ov["changes"], "dissolved": ov["dissolved"]}
    st.dataframe(
        pd.DataFrame({"status": list(changes), "clusters": list(changes.values())}),
        hide_index=True,
        width="stretch",
        height=288,
    )
with right:
    st.subheader("Trend")
    trend = run_data.run_trend(run.runs_dir)
    if len(trend) < 2:
        st.caption("One run so far; the trend over runs appears from the second run on.")
    else:
        widgets.trend_chart(trend)

st.subheader("New or changed high-risk clusters")
top = overview.cluster_table(
    overview.filter_clusters(
        overview.with_reviews(run.clusters, cached.latest_marks()), bands=["high"], changes=list(run_data.CHANGED)
    ),
    limit=20,
)
if top.empty:
    st.caption("None in this run.")
else:
    event = st.dataframe(
        top,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="overview_table",
        column_config=widgets.CLUSTER_COLUMNS,
        height=widgets.table_height(len(top)),
    )
    st.caption("Select a row to open the cluster.")
    picked = widgets.selected_row(event, top, "cluster_id")
    if picked:
        state.open_cluster(picked)
