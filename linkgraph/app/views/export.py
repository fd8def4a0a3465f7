"""Export: download the enforcement list with its manifest; below the threshold only after confirmation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkgraph.app import cached, state, widgets
from linkgraph.enforcement.audit import read_audit
from linkgraph.enforcement.guard import reviewed_clusters

run = state.current_run()
default = float(run.manifest["export_threshold"])
st.title("Export")
st.caption(
    "The enforcement list: core members of clusters at or above the risk threshold, one row per account "
    "with its evidence and campaign. Accounts allowlisted by benign review marks are left out. Every download "
    "is written to the audit log with who, why, when and the file's sha256."
)

c1, c2, c3 = st.columns([1, 1, 1])
mode = c1.radio(
    "Which clusters",
    ["threshold", "reviewed"],
    key="export_mode",
    format_func={"threshold": "At or above a risk threshold", "reviewed": "Only reviewed and confirmed"}.get,
)
fmt = c2.radio(
    "Format",
    ["csv", "parquet", "jsonl"],
    horizontal=True,
    key="export_fmt",
    format_func={"csv": "CSV", "parquet": "Parquet", "jsonl": "JSON Lines"}.get,
)
threshold = c3.slider(
    "Risk threshold",
    0.0,
    1.0,
    default,
    0.05,
    key="export_threshold",
    disabled=mode == "reviewed",
    help=f"The run's documented default is {default}. A lower threshold needs explicit confirmation.",
)
reason = st.text_input("Why this export", key="export_reason", placeholder="ticket, request or decision")

ready = True
ids: list[str] | None = None
chosen: float | None = None
if mode == "reviewed":
    ids = reviewed_clusters(state.runs_dir(), run.run_dir)
    st.info(f"{len(ids):,} clusters of this run are confirmed by review or case work.")
else:
    below = threshold < default
    if below:
        impact = cached.threshold_impact(run, float(threshold))
        with st.container(border=True):
            st.warning(f"**Below the documented threshold.** {impact.message()[0].upper()}{impact.message()[1:]}.")
            k1, k2, k3, k4 = st.columns(4)
            k1.metric("Accounts added", f"{impact.accounts:,}")
            k2.metric("Clusters added", f"{impact.clusters:,}")
            k3.metric("Largest added cluster", f"{impact.largest_size:,}", help=impact.largest_cluster)
            k4.metric("Its core share", f"{impact.largest_core_share:.0%}")
            confirmed = st.checkbox(
                f"I have checked these clusters and want to export at {threshold:.2f}", key="export_confirm"
            )
        ready = confirmed and bool(reason.strip())
        if confirmed and not reason.strip():
            st.error("Say why in *Why this export* before exporting below the threshold.")
    chosen = None if threshold == default else float(threshold)
# The rows first (cached per threshold); the file and its manifest only once the export may be downloaded.
frame = cached.export_frame(run, chosen, ids)

m1, m2, m3 = st.columns(3)
m1.metric("Accounts", f"{len(frame):,}", border=True)
m2.metric("Clusters", f"{frame['cluster_id'].nunique():,}", border=True)
m3.metric(
    "Allowlisted accounts",
    f"{cached.allowlist_size():,}",
    border=True,
    help="Members of clusters marked benign; never exported.",
)
payload = cached.export_payload(run, str(fmt), chosen, ids, reason=reason) if ready else None
if payload is not None:
    widgets.download_buttons(payload, key="export", reason=reason, mode=str(mode))
else:
    st.caption("Downloads appear once the lower threshold is confirmed and a reason is given.")

st.subheader("Preview")
st.dataframe(
    frame.head(1000),
    hide_index=True,
    width="stretch",
    height=320,
    column_config={"evidence": st.column_config.TextColumn("evidence", width="large")},
)
if len(frame) > 1000:
    st.caption(f"First 1,000 of {len(frame):,} rows; the download holds all of them.")
if payload is not None:
    with st.expander("Manifest"):
        st.json(payload.manifest)

st.subheader("Recent exports and downloads")
audit = [r for r in read_audit(state.runs_dir()) if r.get("action") in ("export", "download")][-20:][::-1]
if audit:
    cols = ["at", "who", "action", "reason", "what", "run_id", "file", "format", "accounts", "sha256"]
    st.dataframe(pd.DataFrame(audit).reindex(columns=cols), hide_index=True, width="stretch")
else:
    st.caption("Nothing exported yet.")
