"""Session glue: the runs directory, the selected run (loaded once per server), navigation, query params.

Pages stay thin: data comes from :mod:`linkgraph.investigate`, marks from
:mod:`linkgraph.enforcement.reviews`; this module only loads, caches and routes.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from linkgraph.app.login import current_identity
from linkgraph.enforcement.audit import current_user
from linkgraph.investigate import run_data
from linkgraph.runs.store import list_runs

PAGES_DIR = Path(__file__).parent / "views"
PAGE_FILES = {
    "campaigns": "campaigns.py",
    "search": "search.py",
    "overview": "overview.py",
    "clusters": "clusters.py",
    "cluster": "cluster.py",
    "account": "account.py",
    "review": "review.py",
    "export": "export.py",
}


def page_path(name: str) -> Path:
    """The script of page ``name`` (absolute, so any entry script can switch to it)."""
    return PAGES_DIR / PAGE_FILES[name]


def page_url(name: str, **params: str) -> str:
    """A relative link to page ``name`` with query parameters (for link columns)."""
    from urllib.parse import urlencode

    return f"./{name}" + (f"?{urlencode(params)}" if params else "")


def open_cluster(cluster_id: str) -> None:
    """Go to the cluster page for ``cluster_id``."""
    st.switch_page(page_path("cluster"), query_params={"cluster": cluster_id})


def open_account(account_id: str) -> None:
    """Go to the account page for ``account_id``."""
    st.switch_page(page_path("account"), query_params={"account": account_id})


def runs_dir() -> Path:
    return run_data.runs_dir_from_env()


@st.cache_resource(max_entries=2, show_spinner="Loading run…")  # ~0.3 GB per 1M-account run
def load_run(run_dir: str) -> run_data.RunData:
    return run_data.load_run(run_dir)


def file_token(path: Path) -> str:
    """A cache key that changes whenever ``path`` is written."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return "missing"
    return f"{stat.st_mtime_ns}-{stat.st_size}"


def keep(widget_key: str, store_key: str) -> None:
    """A widget callback: copy the widget's value to ``store_key``, which outlives the widget.

    Widgets inside a lazily drawn expander are gone (and their state with them) while it is
    closed; the choice lives on in ``store_key``.
    """
    st.session_state[store_key] = st.session_state[widget_key]


def sidebar_run_picker() -> None:
    """The run selector in the sidebar (newest first); the choice lives in ``st.session_state.run_id``.

    The select box is drawn only once its expander is opened: picking an older run is rare,
    and a page without a select box is quicker to show in a browser that has not loaded one yet.
    """
    runs = list(reversed(list_runs(runs_dir())))
    with st.sidebar:
        if runs:
            if st.session_state.get("run_id") not in runs:
                st.session_state["run_id"] = runs[0]
            current = str(st.session_state["run_id"])
            st.caption(f"Run `{current}`" + (" (the newest)" if current == runs[0] else ""))
            # A fixed label: the expander's identity (and so whether it is open) includes its label.
            with st.expander("Change run", key="run_picker_open", on_change="rerun") as picker:
                if picker.open:
                    st.selectbox(
                        "Run",
                        runs,
                        index=runs.index(current),
                        key="run_pick",
                        on_change=keep,
                        args=("run_pick", "run_id"),
                        help="Detection runs, newest first.",
                    )
        st.caption(f"Runs from `{runs_dir()}`")


def current_run() -> run_data.RunData:
    """The selected run, loaded once per server; stops the page when there is no run."""
    root = runs_dir()
    runs = list_runs(root)
    if not runs:
        st.info(
            f"No detection runs in `{root}` yet. Create one with "
            f"`linkgraph detect DATA_DIR --runs {root}` and reload this page."
        )
        st.stop()
    run_id = st.session_state.get("run_id")
    if run_id not in runs:
        run_id = runs[-1]
    return load_run(str(root / run_id))


def who() -> str:
    """Who acts in this session: the OIDC identity, else the local user."""
    return current_identity() or current_user()


def seed_from_query(param: str, key: str) -> None:
    """Put query parameter ``param`` into widget ``key`` when the URL names a value the page did not set."""
    asked = st.query_params.get(param)
    seen = f"_qp_{param}"
    if asked and (st.session_state.get(seen) != asked or key not in st.session_state):
        st.session_state[key] = asked
        st.session_state[seen] = asked


def set_query(param: str, value: str) -> None:
    """Show ``value`` in the URL (shareable) without it counting as a new request on the next run."""
    st.query_params[param] = value
    st.session_state[f"_qp_{param}"] = value
