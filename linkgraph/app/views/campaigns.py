"""Campaigns: the first view. Operations (groups of clusters), their risk, what they look like, what changed."""

from __future__ import annotations

import streamlit as st

from linkgraph.app import cached, casework, state, widgets
from linkgraph.investigate import campaigns, overview

run = state.current_run()
ov = overview.overview(run)
st.title("Campaigns")
st.caption(
    f"Run `{ov['run_id']}` · {ov['accounts']:,} accounts scanned · {ov['clusters']:,} clusters · "
    f"{ov['flagged_accounts']:,} accounts flagged at risk ≥ {ov['export_threshold']}. "
    "A campaign groups the clusters of one operation: clusters whose core members share rare cards, "
    "template families, lockstep windows or banned accounts."
)
if run.campaigns is None:
    st.info("This run was made before campaigns existed. Open **Clusters** instead, or run detection again.")
    st.stop()

# The filters are drawn once their expander is opened (the first view stays light); the choice is kept.
min_risk = float(st.session_state.setdefault("campaign_min_risk", 0.4))
multi = bool(st.session_state.setdefault("campaign_multi", False))
with st.expander("Filter campaigns", key="campaign_filter_open", on_change="rerun") as filters:
    if filters.open:
        c1, c2 = st.columns([1, 3])
        c1.slider(
            "Minimum risk",
            0.0,
            1.0,
            min_risk,
            0.05,
            key="k_min_risk",
            on_change=state.keep,
            args=("k_min_risk", "campaign_min_risk"),
        )
        c2.toggle(
            "Only campaigns of several clusters",
            multi,
            key="k_multi",
            on_change=state.keep,
            args=("k_multi", "campaign_multi"),
        )
table = campaigns.campaign_table(run, min_risk, multi)
table = casework.with_case_status(table, "campaign_id", cached.case_state())
columns = ["campaign_id", "risk_score", "kind", "size", "n_core", "n_clusters", "change", "case", "assignee"]
if not table["assignee"].astype(bool).any():  # nobody assigned yet: the other columns keep their room at 1440 px
    columns.remove("assignee")
event = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=widgets.table_height(len(table), 420),
    on_select="rerun",
    selection_mode="single-row",
    key="campaign_table",
    column_order=columns,
    column_config=widgets.CAMPAIGN_COLUMNS,
)
shown = f"risk ≥ {min_risk:.2f}" + (", several clusters each" if multi else "")
st.caption(f"{len(table):,} campaigns at {shown} · select one to see its clusters and why they belong together")

picked = widgets.selected_row(event, table, "campaign_id") or st.query_params.get("campaign")
if picked and picked not in run.campaigns.index:
    st.warning(f"Run `{run.run_id}` has no campaign `{picked}`.")
    picked = None
if picked is None and len(table):
    picked = str(table["campaign_id"].iloc[0])
if picked:
    row = run.campaigns.loc[picked].to_dict()
    st.markdown(f"### {picked} &nbsp; {widgets.band_badge(str(row['risk_band']))} :blue-badge[{row['change']}]")
    st.markdown(f"**Looks like:** {row['kind']}")
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Risk (riskiest cluster)", f"{float(row['risk_score']):.2f}", border=True)
    m2.metric("Accounts", f"{int(row['size']):,}", border=True)
    m3.metric("Core members", f"{int(row['n_core']):,}", border=True)
    m4.metric("Clusters", f"{int(row['n_clusters']):,}", border=True)
    st.caption(f"Linked by: {row['links'] or 'one cluster, nothing links it to another'}")
    members = campaigns.campaign_clusters(run, picked)
    members = members.assign(open=[state.page_url("cluster", cluster=c) for c in members["cluster_id"]])
    st.dataframe(
        members,
        hide_index=True,
        width="stretch",
        height=widgets.table_height(len(members), 320),
        column_order=["open", "risk_score", "looks_like", "size", "n_core", "change", "dominant_kinds"],
        column_config={
            **widgets.CLUSTER_COLUMNS,
            # widths chosen so that every column fits at 1440 px (long text ends in "…", the full text on hover)
            "looks_like": st.column_config.TextColumn("looks like", width="medium"),
            "dominant_kinds": st.column_config.TextColumn("evidence kinds", width="medium"),
            "open": st.column_config.LinkColumn("cluster", display_text=r"cluster=(.*)$", pinned=True),
        },
    )
    # Runs only once opened: the first view stays light (the form is not drawn, or loaded, until needed).
    with st.expander(f"Case work on {picked}", key="campaign_case_open", on_change="rerun") as case_work:
        if case_work.open:
            casework.case_panel(run, picked, members=None, key="campaign_case")
