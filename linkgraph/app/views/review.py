"""Review: the queue of clusters to review, marks with notes, the allowlist and the review log."""

from __future__ import annotations

from typing import Any

import streamlit as st

from linkgraph.app import cached, state, widgets
from linkgraph.enforcement import cases, reviews
from linkgraph.investigate import overview

QUEUES: dict[str, dict[str, Any]] = {
    "Unreviewed, high and medium risk": {"bands": ["high", "medium"], "marks": ["unreviewed"]},
    "Needs review": {"marks": ["needs_review"]},
    "Confirmed": {"marks": ["confirmed"]},
    "Benign (allowlisted)": {"marks": ["benign"]},
    "All clusters": {},
}

run = state.current_run()
st.title("Review")
st.caption(
    "Mark clusters confirmed, benign or needs review. Marks are stored in `reviews.jsonl` beside the runs "
    "with who and when, and written to the audit log. Members of clusters marked benign are allowlisted: "
    "exports of this and later runs leave them out."
)

widgets.flash_review()
queue = st.segmented_control("Queue", list(QUEUES), default=next(iter(QUEUES)), key="review_queue")
clusters = overview.with_reviews(run.clusters, cached.latest_marks())
matched = overview.filter_clusters(clusters, **QUEUES.get(queue or "All clusters", {}))
table = overview.cluster_table(matched, limit=500)
# a new key after every saved mark clears the selection (the marked row may have left the queue)
table_key = f"review_table_{len(cached.review_log())}"
event = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=widgets.table_height(len(table), 360),
    on_select="rerun",
    selection_mode="single-row",
    key=table_key,
    column_config=widgets.CLUSTER_COLUMNS,
)
st.caption(f"{len(matched):,} clusters in this queue · select one to mark it")

picked = widgets.selected_row(event, table, "cluster_id")
if picked:
    row = run.cluster(picked)
    st.markdown(f"### {picked} &nbsp; {widgets.band_badge(str(row['risk_band']))}")
    st.caption(
        f"{int(row['size']):,} accounts · {int(row['n_core']):,} core · risk {row['risk_score']:.2f} · "
        f"{row['top_evidence']}"
    )
    if st.button(f"Open {picked}", icon=":material/hub:"):
        state.open_cluster(picked)
    widgets.review_form(run, picked, key="review_page")

with st.expander("Bulk case action on clusters of this queue"), st.form("bulk_cases", clear_on_submit=True):
    chosen = st.multiselect("Clusters", table["cluster_id"].tolist(), key="bulk_ids")
    b1, b2 = st.columns([1, 3])
    status = b1.selectbox("Move to", cases.STATUSES, index=3, key="bulk_status")
    note = b2.text_input("Why these clusters", key="bulk_note")
    if st.form_submit_button("Apply to all selected", type="primary") and chosen:
        targets = {c: run.members_of(c)["account_id"].astype(str).tolist() for c in chosen}
        try:
            cases.bulk_status(state.runs_dir(), run.run_id, targets, str(status), note, who=state.who())
        except ValueError as exc:
            st.error(f"Nothing was changed: {exc}")
        else:
            st.session_state["_review_saved"] = f"{len(chosen)} clusters moved to {status}"
            st.rerun()

st.divider()
allow = cached.allowlist_size()
st.metric("Allowlisted accounts", f"{allow:,}", help="Members of clusters whose latest mark is benign.")
st.subheader("Review log")
log = cached.review_log()
if log.empty:
    st.caption("No marks yet.")
else:
    st.dataframe(
        log,
        hide_index=True,
        width="stretch",
        column_config={
            "mark": st.column_config.TextColumn("mark"),
            "n_members": st.column_config.NumberColumn("members"),
        },
    )
    st.caption(f"{len(log):,} marks; the latest mark of a cluster id counts ({', '.join(reviews.MARKS)}).")
