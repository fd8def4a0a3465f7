"""Cluster detail: network of accounts and shared artifacts, evidence, timelines, members, actions."""

from __future__ import annotations

import streamlit as st

from linkgraph.app import cached, casework, network_view, state, widgets
from linkgraph.campaigns.summary import organisation_note
from linkgraph.enforcement import reviews
from linkgraph.investigate import campaigns, overview, run_data, timelines

run = state.current_run()
st.title("Cluster detail")

state.seed_from_query("cluster", "cluster_pick")
if "cluster_pick" not in st.session_state and len(run.clusters):
    st.session_state["cluster_pick"] = str(run.clusters.index[0])
cid = st.text_input("Cluster id", key="cluster_pick", help="Open a cluster from the Clusters page, or type its id.")
cid = (cid or "").strip().upper()
if not run.has_cluster(cid):
    st.warning(f"Run `{run.run_id}` has no cluster `{cid}`." if cid else "Type a cluster id.")
    st.stop()
state.set_query("cluster", cid)

row = run.cluster(cid)
marks = cached.latest_marks()
mark = marks.loc[cid] if cid in marks.index else None

st.markdown(f"## {cid} &nbsp; {widgets.band_badge(str(row['risk_band']))} :blue-badge[{row['change']}]")
c1, c2, c3, c5 = st.columns(4)
c1.metric("Risk", f"{row['risk_score']:.2f}", border=True)
c2.metric("Accounts", f"{int(row['size']):,}", border=True)
riders = int(row.get("n_riders", 0) or 0)  # runs before riders were set apart have no such column
c3.metric(
    "Core members",
    f"{int(row['n_core']):,}",
    border=True,
    help=f"{riders:,} riders set apart, not listed: proxy-pool customers tied by shared IPs alone, "
    "scheduler users tied by templates and one minute of the hour alone, "
    "people tied by public prompts alone (prompts nearly everyone pasted once)"
    if riders
    else None,
)
c5.metric(
    "Review",
    reviews.MARK_LABELS.get(str(mark["mark"]), "?") if mark is not None else "not yet",
    border=True,
    help=f"by {mark['who']} at {str(mark['at'])[:16]}" if mark is not None else None,
)
campaign = campaigns.campaign_of(run, cid)
st.markdown(
    f"**Looks like:** {campaigns.looks_like(run, cid)}"
    + (f" · part of campaign [{campaign}]({state.page_url('campaigns', campaign=campaign)})" if campaign else "")
)
organisation = organisation_note(row.to_dict())
if organisation:
    st.info(f"**Organisation:** {organisation}.")
st.caption(
    f"Evidence kinds: **{row['dominant_kinds']}** · strongest: {row['top_evidence']}  \n"
    f"Since the previous run: {run_data.lineage_of(run, cid)}"
)


def why_this_score() -> None:
    st.subheader("Why this score")
    frame = campaigns.risk_waterfall(run, cid)
    threshold = float(run.manifest["export_threshold"])
    st.caption(
        f"risk = sigmoid(bias + Σ contributions) = {float(row['risk_score']):.2f}. Each bar is one feature's push "
        f"on the log-odds, computed on the cluster's core; the dashed line is the export threshold {threshold}."
    )
    widgets.waterfall_chart(frame, threshold)


def network_and_evidence() -> None:
    net_col, ev_col = st.container(), st.container()  # stacked: the evidence table keeps every column
    with net_col:
        st.subheader("Network")
        network = cached.cluster_network(run, cid)
        if network.summarised:
            st.caption(
                f"Summarised: {network.accounts_shown:,} of {network.accounts_total:,} accounts (a sample, "
                f"core and peripheral in proportion) and the {network.artifacts_shown:,} strongest of "
                f"{network.artifacts_total:,} artifacts; ×N on an artifact is how many members share it."
            )
        else:
            st.caption(
                "Every member and every shared artifact; ×N on an artifact is how many members share it. "
                "Click a node for its details."
            )
        network_view.legend()
        network_view.draw_network(network.elements, key="cluster_network")
    with ev_col:
        st.subheader("Evidence")
        st.dataframe(
            overview.evidence_table(run, cid),
            hide_index=True,
            width="stretch",
            height=420,
            column_config={
                "kind": st.column_config.TextColumn("kind", width="small"),
                "artifact": st.column_config.TextColumn("artifact", width="large"),
                "n_members": st.column_config.NumberColumn(
                    "members", help="Members of this cluster sharing it", width="small"
                ),
                "df": st.column_config.NumberColumn(
                    "overall", help="Accounts sharing it in all the input", width="small"
                ),
                "weight": st.column_config.NumberColumn("rarity weight", format="%.3f", width="small"),
                "strength": st.column_config.NumberColumn("strength", format="%.2f", width="small"),
                "generic": st.column_config.CheckboxColumn("generic", help="Too common to count as evidence"),
            },
        )


def timeline() -> None:
    created_col, activity_col = st.columns(2)
    with created_col:
        st.markdown("**Accounts created**")
        created = timelines.creation_timeline(overview.member_table(run, cid))
        if created.empty:
            st.caption("The run has no creation dates for these accounts.")
        else:
            st.bar_chart(
                created,
                x="period",
                height=260,
                x_label="",
                y_label="accounts",
                color=[network_view.ROLE_COLORS[c] for c in created.columns if c != "period"],
            )
    with activity_col:
        st.markdown("**Requests by model**")
        activity, why = cached.activity_timeline(run, cid)
        if activity is None:
            st.caption(f"{why[:1].upper()}{why[1:]}.")
        elif activity.empty:
            st.caption("No requests from these accounts in the input.")
        else:
            st.bar_chart(activity, x="period", height=260, x_label="", y_label="requests")


def member_list() -> None:
    members = overview.member_table(run, cid)
    shown = members.assign(account=[state.page_url("account", account=a) for a in members["account_id"]])
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=widgets.table_height(len(members), 600),
        on_select="rerun",
        selection_mode="single-row",
        key="members_table",
        column_order=["account", *[c for c in members.columns if c != "account_id"]],
        column_config={
            "evidence_score": st.column_config.ProgressColumn("evidence", min_value=0, max_value=1, format="%.2f"),
            **widgets.ACCOUNT_LINK,
        },
    )
    st.caption(f"{len(members):,} members, core first · select one to look the account up")
    picked = widgets.selected_row(event, members, "account_id")
    if picked:
        state.open_account(picked)


def review_and_export() -> None:
    exp_col, rev_col = st.columns(2)
    with exp_col:
        st.subheader("Export this cluster")
        fmt = st.radio("Format", ["csv", "parquet", "jsonl"], horizontal=True, key="cluster_fmt")
        payload = cached.export_payload(run, str(fmt), cluster_ids=[cid])
        st.caption(f"{len(payload.frame):,} core members (allowlisted accounts left out).")
        widgets.download_buttons(payload, key="cluster_export")
    with rev_col:
        st.subheader("Review")
        history = cached.review_history(cid)
        if history.empty:
            st.caption("Not reviewed yet.")
        else:
            st.dataframe(history, hide_index=True, width="stretch", height=widgets.table_height(len(history), 180))
        widgets.review_form(run, cid, key="cluster_review")
        widgets.flash_review()
    st.subheader("Case")
    members = run.members_of(cid)["account_id"].astype(str).tolist()
    casework.case_panel(run, cid, members=members, key="cluster_case")


# Only the open tab runs (big clusters stay quick); ?tab=... opens any of them from a link.
why_this_score()
SECTIONS = {
    "Network and evidence": network_and_evidence,
    "Timeline": timeline,
    "Members": member_list,
    "Review and export": review_and_export,
}
for tab, section in zip(
    st.tabs(list(SECTIONS), key="tab", on_change="rerun", bind="query-params"), SECTIONS.values(), strict=True
):
    with tab:
        if tab.open:
            section()
