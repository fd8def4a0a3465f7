"""Export: download the enforcement list with its manifest; every download is audited."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkgraph.app import cached, state, widgets
from linkgraph.enforcement.audit import read_audit

run = state.current_run()
default = float(run.manifest["export_threshold"])
st.title("Export")
st.caption(
    "The enforcement list: core members of clusters at or above the risk threshold, one row per account "
    "with its evidence. Accounts allowlisted by benign review marks are left out. Every download is "
    "written to the audit log with who, when and the file's sha256."
)

c1, c2 = st.columns(2)
fmt = c1.radio(
    "Format",
    ["csv", "parquet", "jsonl"],
    horizontal=True,
    key="export_fmt",
    format_func={"csv": "CSV", "parquet": "Parquet", "jsonl": "JSON Lines"}.get,
)
threshold = c2.slider(
    "Risk threshold",
    0.0,
    1.0,
    default,
    0.05,
    key="export_threshold",
    help=f"The run's documented default is {default}.",
)
payload = cached.export_payload(run, str(fmt), None if threshold == default else float(threshold))

m1, m2, m3 = st.columns(3)
m1.metric("Accounts", f"{len(payload.frame):,}", border=True)
m2.metric("Clusters", f"{payload.frame['cluster_id'].nunique():,}", border=True)
m3.metric(
    "Allowlisted accounts",
    f"{cached.allowlist_size():,}",
    border=True,
    help="Members of clusters marked benign; never exported.",
)
widgets.download_buttons(payload, key="export")

st.subheader("Preview")
st.dataframe(
    payload.frame.head(1000),
    hide_index=True,
    width="stretch",
    height=320,
    column_config={"evidence": st.column_config.TextColumn("evidence", width="large")},
)
if len(payload.frame) > 1000:
    st.caption(f"First 1,000 of {len(payload.frame):,} rows; the download holds all of them.")
with st.expander("Manifest"):
    st.json(payload.manifest)

st.subheader("Recent exports and downloads")
audit = [r for r in read_audit(state.runs_dir()) if r.get("action") in ("export", "download")][-20:][::-1]
if audit:
    cols = ["at", "who", "action", "what", "run_id", "file", "format", "accounts", "sha256"]
    st.dataframe(pd.DataFrame(audit).reindex(columns=cols), hide_index=True, width="stretch")
else:
    st.caption("Nothing exported yet.")
