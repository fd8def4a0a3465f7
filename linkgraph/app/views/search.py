"""Search: accounts, cards, IPs, fingerprints and template families; who else uses an artifact."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkgraph.app import state, widgets
from linkgraph.investigate import artifacts

run = state.current_run()
st.title("Search")
st.caption(
    "Type part of an account id, payment method, IP, fingerprint or template family (any case). "
    "Pick an artifact to list every clustered account and cluster that uses it."
)
state.seed_from_query("q", "search_q")
query = st.text_input("Search", key="search_q", placeholder="acct_00012, pm_0168c9, 94.3.124, fp_808d…")
state.set_query("q", query.strip())
hits = artifacts.search(run, query) if query.strip() else []
if query.strip() and not hits:
    st.warning(f"Nothing in run `{run.run_id}` matches `{query.strip()}`.")
if hits:
    table = pd.DataFrame([h.__dict__ for h in hits])
    table["open"] = [
        state.page_url("account", account=h.value) if h.what == "account" else state.page_url("search", q=h.value)
        for h in hits
    ]
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=widgets.table_height(len(table), 300),
        on_select="rerun",
        selection_mode="single-row",
        key="search_hits",
        column_config={
            "value": st.column_config.TextColumn("id", width="medium"),
            "open": st.column_config.LinkColumn("open", display_text="open ↗", width="small"),
        },
    )
    picked = widgets.selected_row(event, table, "value")
    exact = [h for h in hits if h.what == "artifact" and h.value.lower() == query.strip().lower()]
    chosen = picked or (exact[0].value if exact else None)
    if chosen and any(h.what == "account" and h.value == chosen for h in hits):
        state.open_account(chosen)
    if chosen:
        users = artifacts.artifact_users(run, chosen)
        per = artifacts.artifact_clusters(users)
        st.subheader(f"Who uses {chosen}")
        st.caption(f"{len(users):,} clustered accounts in {len(per):,} cluster{'s' if len(per) != 1 else ''}")
        risk = st.column_config.NumberColumn("risk", format="%.2f", width="small")
        left, right = st.columns([2, 3])
        with left:
            per = per.assign(cluster=[state.page_url("cluster", cluster=c) for c in per["cluster_id"]])
            st.dataframe(
                per,
                hide_index=True,
                width="stretch",
                column_order=["cluster", "campaign_id", "accounts", "risk_score"],
                column_config={
                    "cluster": st.column_config.LinkColumn("cluster", display_text=r"cluster=(.*)$"),
                    "campaign_id": "campaign",
                    "risk_score": risk,
                },
            )
        with right:
            users = users.assign(account=[state.page_url("account", account=a) for a in users["account_id"]])
            st.dataframe(
                users.drop(columns=["account_id", "artifact"]),
                hide_index=True,
                width="stretch",
                column_order=["account", "cluster_id", "campaign_id", "role", "kind", "risk_score"],
                column_config=widgets.ACCOUNT_LINK
                | {"cluster_id": "cluster", "campaign_id": "campaign", "risk_score": risk},
            )
