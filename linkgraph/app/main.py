"""Entry script of the investigator app: authentication, run picker and page navigation."""

from __future__ import annotations

import streamlit as st

from linkgraph.app import state
from linkgraph.app.login import require_login

# The browser tab's icon: an emoji, which Streamlit draws as an inline SVG. A ``:material/…:`` page
# icon makes every browser fetch it from fonts.gstatic.com, and the app must work air-gapped. (The
# navigation's material icons are fine: Streamlit bundles their font.) A comment, not a docstring:
# Streamlit's magic would draw a bare string in the entry script.
PAGE_ICON = "🕸️"


def main() -> None:
    """Gate the session, then run the page the visitor picked."""
    st.set_page_config(page_title="linkgraph investigator", page_icon=PAGE_ICON, layout="wide")
    require_login()
    pages = {
        "Investigate": [
            st.Page(state.page_path("campaigns"), title="Campaigns", icon=":material/groups:", default=True),
            st.Page(state.page_path("overview"), title="Overview", icon=":material/dashboard:"),
            st.Page(state.page_path("clusters"), title="Clusters", icon=":material/hub:"),
            st.Page(state.page_path("cluster"), title="Cluster detail", icon=":material/share:"),
            st.Page(state.page_path("account"), title="Account lookup", icon=":material/person_search:"),
            st.Page(state.page_path("search"), title="Search", icon=":material/search:"),
        ],
        "Act": [
            st.Page(state.page_path("review"), title="Review", icon=":material/fact_check:"),
            st.Page(state.page_path("export"), title="Export", icon=":material/download:"),
        ],
    }
    page = st.navigation(pages)
    state.sidebar_run_picker()
    page.run()


if __name__ == "__main__":
    main()
