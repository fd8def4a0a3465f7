"""Account lookup: an account's cluster, role and weighted links; why two accounts are linked."""

from __future__ import annotations

import streamlit as st

from linkgraph.app import cached, network_view, state, widgets
from linkgraph.investigate import network, paths

LINK_COLUMNS = {
    "weight": st.column_config.NumberColumn("rarity weight", format="%.3f"),
    "n_members": st.column_config.NumberColumn("members sharing it"),
    "df": st.column_config.NumberColumn("accounts overall"),
}

run = state.current_run()
st.title("Account lookup")

state.seed_from_query("account", "account_pick")
account = (st.text_input("Account id", key="account_pick", placeholder="e.g. acct_0000001") or "").strip()
view = paths.lookup_account(run, account) if account else None
if account and view is None:
    st.warning(f"`{account}` is in no cluster of run `{run.run_id}`.")
    hints = paths.suggest_accounts(run, account)
    if hints:
        st.caption("Clustered accounts starting with that: " + ", ".join(f"`{h}`" for h in hints))
elif view is not None:
    state.set_query("account", view.account_id)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Cluster", view.cluster_id, border=True)
    c2.metric(
        "Role",
        view.role + (" (rider)" if view.rider else ""),
        border=True,
        help=paths.RIDER_NOTE if view.rider else None,
    )
    c3.metric("Evidence score", f"{view.evidence_score:.2f}", border=True)
    c4.metric("Cluster risk", f"{float(view.cluster['risk_score']):.2f}", border=True)
    campaign = view.cluster.get("campaign_id")
    st.markdown(
        f"{widgets.band_badge(str(view.cluster['risk_band']))} cluster of {int(view.cluster['size']):,} "
        f"accounts · evidence kinds {view.cluster['dominant_kinds']}"
        + (f" · campaign [{campaign}]({state.page_url('campaigns', campaign=str(campaign))})" if campaign else "")
    )
    if st.button(f"Open cluster {view.cluster_id}", icon=":material/hub:"):
        state.open_cluster(view.cluster_id)
    left, right = st.columns([3, 2])
    with left:
        st.subheader("Links")
        st.dataframe(
            view.links.assign(search=[state.page_url("search", q=str(a)) for a in view.links["artifact"]]),
            hide_index=True,
            width="stretch",
            column_config={
                **LINK_COLUMNS,
                "search": st.column_config.LinkColumn("who else", display_text="who else ↗", width="small"),
            },
        )
    with right:
        st.subheader("Account")
        if view.attributes:
            st.dataframe({k: str(v) for k, v in view.attributes.items()}, width="stretch")
        else:
            st.caption("The run holds no attributes for this account.")

st.divider()
st.subheader("Why are A and B linked?")
st.caption("The shortest chain of shared artifacts between two accounts, preferring rarer artifacts.")
if account and "pair_a" not in st.session_state:
    st.session_state["pair_a"] = account
a_col, b_col = st.columns(2)
a = a_col.text_input("Account A", key="pair_a")
b = b_col.text_input("Account B", key="pair_b")
if view is not None and not b:
    others = run.members_of(view.cluster_id)["account_id"].head(6).astype(str).tolist()
    others = [x for x in others if x != view.account_id][:5]
    if others:
        st.caption(f"Other members of {view.cluster_id}: " + ", ".join(f"`{x}`" for x in others))
if a and b:
    path = cached.why_linked(run, a, b)
    if path.found:
        st.success(path.message)
        st.dataframe(
            path.steps,
            hide_index=True,
            width="stretch",
            column_config=LINK_COLUMNS,
        )
        if len(path.shared) > 1:
            st.markdown("**Everything they share directly**")
            st.dataframe(
                path.shared,
                hide_index=True,
                width="stretch",
                column_config={"weight": st.column_config.NumberColumn("rarity weight", format="%.3f")},
            )
        network_view.draw_network(network.path_network(path), key=f"path_{run.run_id}_{path.a}_{path.b}", height=320)
    else:
        st.info(path.message)
