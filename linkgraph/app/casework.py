"""Case work in the app: assign, move through open → confirmed / benign / escalated, notes, history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkgraph.app import cached
from linkgraph.app.state import runs_dir, who
from linkgraph.enforcement import cases
from linkgraph.enforcement.reviews import MAX_NOTE
from linkgraph.investigate.run_data import RunData


def with_case_status(table: pd.DataFrame, id_column: str, state: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``case`` (status) and ``assignee`` columns from the case state."""
    ids = table[id_column]
    status = ids.map(state["status"]) if not state.empty else pd.Series(index=table.index, dtype=object)
    assignee = ids.map(state["assignee"]) if not state.empty else pd.Series(index=table.index, dtype=object)
    return table.assign(case=status.fillna("open").to_numpy(), assignee=assignee.fillna("").to_numpy())


def case_panel(run: RunData, target: str, members: list[str] | None, key: str) -> None:
    """The case of ``target``: its state, a form to act on it, and its history with who and when."""
    state = cached.case_state()
    now = str(state.at[target, "status"]) if target in state.index else "open"
    assignee = str(state.at[target, "assignee"]) if target in state.index else ""
    st.markdown(f"**Case {target}:** {now}" + (f" · assigned to {assignee}" if assignee else " · unassigned"))
    with st.form(f"{key}_{target}", clear_on_submit=True):
        c1, c2 = st.columns(2)
        moves = [now, *sorted(cases.MOVES[now])]
        status = c1.selectbox("Status", moves, key=f"{key}_status")
        owner = c2.text_input("Assign to", value=assignee, key=f"{key}_assignee")
        note = st.text_area("Case note", max_chars=MAX_NOTE, key=f"{key}_note", placeholder="What you found")
        if st.form_submit_button("Save", type="primary"):
            root = runs_dir()
            try:
                if owner.strip() != assignee:
                    cases.assign(root, run.run_id, target, owner, who=who())
                if status != now:
                    cases.set_status(root, run.run_id, target, str(status), note, who=who(), members=members)
                elif note.strip():
                    cases.add_note(root, run.run_id, target, note, who=who())
            except ValueError as exc:
                st.error(str(exc))
            else:
                st.rerun()
    history = cases.case_history(runs_dir(), target)
    if not history.empty:
        st.dataframe(
            history[["at", "who", "action", "status", "assignee", "note"]],
            hide_index=True,
            width="stretch",
            height=min(240, 38 + 35 * len(history)),
        )
