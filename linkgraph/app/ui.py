"""Glue shared by the app's pages: caching, the current run, navigation, styles, actions.

Pages stay thin: data comes from :mod:`linkgraph.investigate`, marks from
:mod:`linkgraph.reviews`, exports from :mod:`linkgraph.export`; this module only caches them
and draws the pieces several pages share.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from st_link_analysis import EdgeStyle, NodeStyle, st_link_analysis

from linkgraph.app.access import current_identity
from linkgraph.enforcement import reviews
from linkgraph.enforcement.audit import append_audit, current_user
from linkgraph.investigate import export, network, paths, run_data, timelines
from linkgraph.runs.store import list_runs

PAGES_DIR = Path(__file__).parent / "views"
PAGE_FILES = {
    "overview": "overview.py",
    "clusters": "clusters.py",
    "cluster": "cluster.py",
    "account": "account.py",
    "review": "review.py",
    "export": "export.py",
}
KIND_COLORS = {"payment": "#d62728", "ip": "#1f77b4", "asn": "#9467bd", "fingerprint": "#ff7f0e"}
KIND_ICONS = {"payment": "credit_card", "ip": "router", "asn": "cloud", "fingerprint": "description"}
ROLE_COLORS = {"core": "#222222", "peripheral": "#a8a8a8", "account": "#2ca02c"}
BAND_COLORS = {"high": "#d62728", "medium": "#ff9f1c", "low": "#8c8c8c"}


def page_path(name: str) -> Path:
    """The script of page ``name`` (absolute, so any entry script can switch to it)."""
    return PAGES_DIR / PAGE_FILES[name]


def open_cluster(cluster_id: str) -> None:
    """Go to the cluster page for ``cluster_id``."""
    st.switch_page(page_path("cluster"), query_params={"cluster": cluster_id})


def open_account(account_id: str) -> None:
    """Go to the account page for ``account_id``."""
    st.switch_page(page_path("account"), query_params={"account": account_id})


def runs_dir() -> Path:
    return run_data.runs_dir_from_env()


@st.cache_resource(max_entries=2, show_spinner="Loading run…")  # ~0.3 GB per 1M-account run
def _load_run(run_dir: str) -> run_data.RunData:
    return run_data.load_run(run_dir)


def file_token(path: Path) -> str:
    """A cache key that changes whenever ``path`` is written."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return "missing"
    return f"{stat.st_mtime_ns}-{stat.st_size}"


@st.cache_data(max_entries=8, show_spinner=False)
def _latest_marks(runs_dir: str, token: str) -> pd.DataFrame:
    return reviews.latest_marks(runs_dir)


def latest_marks() -> pd.DataFrame:
    """The latest review mark per cluster id (re-read whenever reviews.jsonl changes)."""
    root = runs_dir()
    return _latest_marks(str(root), file_token(root / reviews.REVIEWS_FILE))


def sidebar_run_picker() -> None:
    """The run selector in the sidebar (newest first); the choice lives in ``st.session_state.run_id``."""
    runs = list(reversed(list_runs(runs_dir())))
    with st.sidebar:
        if runs:
            if st.session_state.get("run_id") not in runs:
                st.session_state["run_id"] = runs[0]
            st.selectbox("Run", runs, key="run_id", help="Detection runs, newest first.")
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
    return _load_run(str(root / run_id))


def who() -> str:
    """Who acts in this session: the OIDC identity, else the local user."""
    return current_identity() or current_user()


class _SizedNode(NodeStyle):
    """A node style with a fixed size, or (for artifact hubs) a size that grows with its member count."""

    def __init__(self, label: str, color: str, icon: str, size: int | str) -> None:
        super().__init__(label, color, "name", icon)
        self.size = size

    def dump(self) -> dict:
        out = super().dump()
        out["style"].update({"width": self.size, "height": self.size, "font-size": 9})
        return out


HUB_SIZE = "mapData(members, 2, 200, 22, 56)"
NODE_STYLES = [
    _SizedNode("core", ROLE_COLORS["core"], "person", 18),
    _SizedNode("peripheral", ROLE_COLORS["peripheral"], "person", 18),
    _SizedNode("account", ROLE_COLORS["account"], "person", 24),
    *(_SizedNode(kind, color, KIND_ICONS[kind], HUB_SIZE) for kind, color in KIND_COLORS.items()),
]


class _WeightedEdge(EdgeStyle):
    """An edge style whose width follows the link's rarity weight, drawn translucent."""

    def dump(self) -> dict:
        out = super().dump()
        out["style"].update({"opacity": 0.5, "width": "mapData(weight, 0, 1, 0.5, 3.5)"})
        return out


EDGE_STYLES = [_WeightedEdge(kind, color, labeled=None, curve_style="haystack") for kind, color in KIND_COLORS.items()]


def draw_network(elements: dict, key: str, height: int = 560) -> None:
    """An interactive Cytoscape view: click a node to see its properties."""
    layout = {
        "name": "fcose",
        "animate": False,
        "fit": True,
        "padding": 20,
        "nodeRepulsion": 6000,
        "idealEdgeLength": 60,
        "nodeDimensionsIncludeLabels": False,
    }
    st_link_analysis(elements, layout=layout, node_styles=NODE_STYLES, edge_styles=EDGE_STYLES, height=height, key=key)


def legend() -> None:
    """The colour key of the network views."""
    items = [
        f"<span style='color:{ROLE_COLORS['core']}'>●</span> core account",
        f"<span style='color:{ROLE_COLORS['peripheral']}'>●</span> peripheral account",
        *(f"<span style='color:{c}'>●</span> {k}" for k, c in KIND_COLORS.items()),
    ]
    st.html("<div style='font-size:0.85rem'>" + " &nbsp; ".join(items) + "</div>")


def selected_row(event: object, frame: pd.DataFrame, column: str) -> str | None:
    """The ``column`` value of the row picked in a selectable ``st.dataframe``."""
    rows = getattr(getattr(event, "selection", None), "rows", None) or []
    if not rows or rows[0] >= len(frame):
        return None
    return str(frame.iloc[rows[0]][column])


@st.cache_data(max_entries=16, show_spinner="Building the export…")
def _export(
    run_dir: str, fmt: str, threshold: float | None, cluster_ids: tuple[str, ...] | None, reviews_token: str
) -> export.ExportPayload:
    return export.export_payload(run_dir, fmt, threshold, list(cluster_ids) if cluster_ids is not None else None)


def export_payload(
    run: run_data.RunData, fmt: str, threshold: float | None = None, cluster_ids: list[str] | None = None
) -> export.ExportPayload:
    """The enforcement list, cached per run, format, threshold, clusters and allowlist state."""
    token = file_token(runs_dir() / reviews.REVIEWS_FILE)
    ids = tuple(cluster_ids) if cluster_ids is not None else None
    return _export(str(run.run_dir), fmt, threshold, ids, token)


def _audit_download(payload: export.ExportPayload, what: str) -> None:
    m = payload.manifest
    append_audit(
        runs_dir(),
        "download",
        who=who(),
        what=what,
        run_id=m["run_id"],
        file=payload.file_name,
        format=m["format"],
        accounts=m["row_count"],
        sha256=m["sha256"],
        threshold=m["threshold"],
        cluster_ids=m.get("cluster_ids"),
        source="app",
    )


def download_buttons(payload: export.ExportPayload, key: str) -> None:
    """Download buttons for the list and its manifest; every click goes to the audit log."""
    left, right = st.columns(2)
    fmt = {"csv": "CSV", "parquet": "Parquet", "jsonl": "JSON Lines"}.get(payload.manifest["format"], "file")
    left.download_button(
        f"Download {fmt}",
        payload.data,
        payload.file_name,
        payload.mime,
        key=f"{key}_file",
        type="primary",
        icon=":material/download:",
        on_click=_audit_download,
        args=(payload, "list"),
    )
    right.download_button(
        "Download its manifest",
        json.dumps(payload.manifest, indent=2, sort_keys=True),
        payload.file_name + ".manifest.json",
        "application/json",
        key=f"{key}_manifest",
        icon=":material/description:",
        on_click=_audit_download,
        args=(payload, "manifest"),
    )
    st.caption(
        f"`{payload.file_name}` · {payload.manifest['row_count']:,} rows · sha256 `{payload.manifest['sha256'][:16]}…`"
    )


def review_form(run: run_data.RunData, cluster_id: str, key: str) -> None:
    """Mark a cluster confirmed, benign or needs review, with a note (stored durably and audited)."""
    with st.form(f"{key}_{cluster_id}", clear_on_submit=True):
        mark = st.radio("Mark", reviews.MARKS, format_func=reviews.MARK_LABELS.get, horizontal=True, key=f"{key}_mark")
        note = st.text_area(
            "Note", max_chars=reviews.MAX_NOTE, key=f"{key}_note", placeholder="What you checked and why you decided so"
        )
        if st.form_submit_button("Save mark", type="primary"):
            members = run.members_of(cluster_id)["account_id"].astype(str).tolist()
            reviews.mark_cluster(runs_dir(), run.run_id, cluster_id, str(mark), members, note, who=who())
            st.session_state["_review_saved"] = f"{cluster_id} marked {reviews.MARK_LABELS[str(mark)]}"
            st.rerun()


def flash_review() -> None:
    """Confirm the mark saved just before this rerun, once."""
    saved = st.session_state.pop("_review_saved", None)
    if saved:
        st.success(saved, icon=":material/check:")


def band_badge(band: str) -> str:
    """A coloured risk-band label for markdown."""
    color = {"high": "red", "medium": "orange", "low": "gray"}.get(band, "gray")
    return f":{color}-badge[{band} risk]"


@st.cache_data(max_entries=64, show_spinner="Drawing the network…")
def _cluster_network(run_dir: str, cluster_id: str) -> network.Network:
    return network.cluster_network(_load_run(run_dir), cluster_id)


def cluster_network(run: run_data.RunData, cluster_id: str) -> network.Network:
    """The cluster's (summarised) network, cached per run and cluster."""
    return _cluster_network(str(run.run_dir), cluster_id)


@st.cache_data(max_entries=64, show_spinner="Reading requests…")
def _activity(run_dir: str, cluster_id: str) -> tuple[pd.DataFrame | None, str]:
    return timelines.activity_timeline(_load_run(run_dir), cluster_id)


def activity_timeline(run: run_data.RunData, cluster_id: str) -> tuple[pd.DataFrame | None, str]:
    """Requests over time by the cluster's members, cached per run and cluster."""
    return _activity(str(run.run_dir), cluster_id)


@st.cache_data(max_entries=8, show_spinner=False)
def _reviews(runs_dir: str, token: str) -> pd.DataFrame:
    return reviews.read_reviews(runs_dir)


def review_log() -> pd.DataFrame:
    """Every review mark, newest first, without the member lists."""
    root = runs_dir()
    log = _reviews(str(root), file_token(root / reviews.REVIEWS_FILE))
    return log.drop(columns=["members"]).iloc[::-1].reset_index(drop=True)


def review_history(cluster_id: str) -> pd.DataFrame:
    """The review marks of one cluster id, newest first."""
    log = review_log()
    return log[log["cluster_id"] == cluster_id][["at", "who", "mark", "note", "run_id"]].reset_index(drop=True)


@st.cache_data(max_entries=64, show_spinner="Searching the evidence graph…")
def _why_linked(run_dir: str, a: str, b: str) -> paths.LinkPath:
    return paths.why_linked(_load_run(run_dir), a, b)


def why_linked(run: run_data.RunData, a: str, b: str) -> paths.LinkPath:
    """The shortest evidence path between two accounts, cached per run and pair."""
    return _why_linked(str(run.run_dir), a.strip(), b.strip())


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


@st.cache_data(max_entries=8, show_spinner=False)
def _allowlist_size(runs_dir: str, token: str) -> int:
    return len(reviews.allowlisted_accounts(runs_dir))


def allowlist_size() -> int:
    """How many accounts benign marks allowlist."""
    root = runs_dir()
    return _allowlist_size(str(root), file_token(root / reviews.REVIEWS_FILE))


def table_height(rows: int, cap: int = 560) -> int:
    """A dataframe height that fits ``rows`` rows, up to ``cap`` pixels."""
    return min(cap, 38 + 35 * max(rows, 1))


CLUSTER_COLUMNS: dict[str, Any] = {
    "cluster_id": st.column_config.TextColumn("cluster", pinned=True),
    "risk_score": st.column_config.ProgressColumn("risk", min_value=0, max_value=1, format="%.2f"),
    "risk_band": "band",
    "n_core": st.column_config.NumberColumn("core"),
    "dominant_kinds": "evidence kinds",
    "top_evidence": st.column_config.TextColumn("top evidence", width="large"),
}
"""Column headers of the cluster tables."""


def band_chart(bands: dict[str, int]) -> None:
    """Clusters per risk band, coloured by band, with the count on each bar."""
    frame = pd.DataFrame({"band": list(bands), "clusters": list(bands.values())})
    enc = {
        "x": {"field": "band", "type": "nominal", "sort": list(bands), "axis": {"labelAngle": 0}, "title": None},
        "y": {"field": "clusters", "type": "quantitative", "title": "clusters"},
    }
    spec = {
        "layer": [
            {
                "mark": {"type": "bar"},
                "encoding": {
                    **enc,
                    "color": {
                        "field": "band",
                        "legend": None,
                        "scale": {"domain": list(BAND_COLORS), "range": list(BAND_COLORS.values())},
                    },
                },
            },
            {"mark": {"type": "text", "dy": -8}, "encoding": {**enc, "text": {"field": "clusters"}}},
        ]
    }
    st.vega_lite_chart(frame, spec, height=240)


def trend_chart(trend: pd.DataFrame) -> None:
    """Accounts flagged and high-risk clusters per run, one point per run at its start time."""
    frame = trend.rename(columns={"flagged_accounts": "accounts flagged", "high": "high-risk clusters"})
    frame["started"] = pd.to_datetime(frame["started_at"], utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    long = frame.melt(
        id_vars=["run_id", "started"],
        value_vars=["accounts flagged", "high-risk clusters"],
        var_name="measure",
        value_name="count",
    )
    spec = {
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {
                "field": "started",
                "type": "temporal",
                "title": "run started",
                "axis": {"format": "%b %d %H:%M", "labelOverlap": True},
            },
            "y": {"field": "count", "type": "quantitative", "title": None},
            "color": {"field": "measure", "type": "nominal", "title": None, "legend": {"orient": "bottom"}},
            "tooltip": [{"field": "run_id"}, {"field": "measure"}, {"field": "count"}],
        },
    }
    st.vega_lite_chart(long, spec, height=240)
