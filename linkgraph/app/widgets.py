"""Pieces several pages draw: tables and their columns, badges, charts, downloads, the review form."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from linkgraph.app.state import runs_dir, who
from linkgraph.enforcement import reviews
from linkgraph.enforcement.audit import append_audit
from linkgraph.investigate import export, run_data

BAND_COLORS = {"high": "#d62728", "medium": "#ff9f1c", "low": "#8c8c8c"}


def selected_row(event: object, frame: pd.DataFrame, column: str) -> str | None:
    """The ``column`` value of the row picked in a selectable ``st.dataframe``."""
    rows = getattr(getattr(event, "selection", None), "rows", None) or []
    if not rows or rows[0] >= len(frame):
        return None
    return str(frame.iloc[rows[0]][column])


def _audit_download(payload: export.ExportPayload, what: str, reason: str = "", mode: str = "") -> None:
    m = payload.manifest
    append_audit(
        runs_dir(),
        "download",
        who=who(),
        reason=reason.strip(),
        mode=mode,
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


def download_buttons(payload: export.ExportPayload, key: str, reason: str = "", mode: str = "") -> None:
    """Download buttons for the list and its manifest; every click goes to the audit log with who and why."""
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
        args=(payload, "list", reason, mode),
    )
    right.download_button(
        "Download its manifest",
        json.dumps(payload.manifest, indent=2, sort_keys=True),
        payload.file_name + ".manifest.json",
        "application/json",
        key=f"{key}_manifest",
        icon=":material/description:",
        on_click=_audit_download,
        args=(payload, "manifest", reason, mode),
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

CAMPAIGN_COLUMNS: dict[str, Any] = {
    "campaign_id": st.column_config.TextColumn("campaign", pinned=True),
    "risk_score": st.column_config.ProgressColumn("risk", min_value=0, max_value=1, format="%.2f"),
    "risk_band": "band",
    "kind": st.column_config.TextColumn("looks like"),
    "n_core": st.column_config.NumberColumn("core"),
    "n_clusters": st.column_config.NumberColumn("clusters"),
    "change": "since last run",
    "links": st.column_config.TextColumn("linked by"),
}
"""Column headers of the campaign table."""

ACCOUNT_LINK: dict[str, Any] = {
    "account": st.column_config.LinkColumn(
        "account", display_text=r"account=(.*)$", help="Open the account's page", width="medium"
    )
}
"""An ``account`` column of page links (``state.page_url("account", account=…)``) shown as the account id."""


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


def waterfall_chart(frame: pd.DataFrame, threshold: float) -> None:
    """The risk waterfall: bias, then each feature's push on the log-odds, as floating bars.

    ``frame`` comes from :func:`linkgraph.campaigns.summary.waterfall`. The dashed line is
    the export threshold on the log-odds scale.
    """
    import math

    data = frame.assign(
        order=range(len(frame)),
        direction=[
            "baseline" if s == "bias" else "raises risk" if c > 0 else "lowers risk"
            for s, c in zip(frame["step"], frame["contribution"], strict=True)
        ],
        text=[f"{c:+.2f}" for c in frame["contribution"]],
    )
    cut = math.log(threshold / (1 - threshold)) if 0 < threshold < 1 else 0.0
    ends = [*frame["start"], *frame["end"], cut]
    x_scale = {"domain": [math.floor(min(ends)) - 0.5, math.ceil(max(ends)) + 1.0], "nice": False}  # room for labels
    colors = {"baseline": "#8c8c8c", "raises risk": "#d62728", "lowers risk": "#2ca02c"}
    y_enc = {
        "field": "label",
        "type": "nominal",
        "sort": {"field": "order"},
        "title": None,
        "axis": {"labelLimit": 360},
    }
    spec = {
        "layer": [
            {
                "mark": {"type": "bar", "height": 16},
                "encoding": {
                    "y": y_enc,
                    "x": {"field": "start", "type": "quantitative", "title": "log-odds of risk", "scale": x_scale},
                    "x2": {"field": "end"},
                    "color": {
                        "field": "direction",
                        "type": "nominal",
                        "title": None,
                        "legend": {"orient": "bottom"},
                        "scale": {"domain": list(colors), "range": list(colors.values())},
                    },
                    "tooltip": [
                        {"field": "label"},
                        {"field": "text", "title": "contribution"},
                        {"field": "end", "title": "running log-odds"},
                        {"field": "probability", "title": "running risk", "format": ".2f"},
                    ],
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4},
                "encoding": {"y": y_enc, "x": {"field": "end", "type": "quantitative"}, "text": {"field": "text"}},
            },
            {"mark": {"type": "rule", "strokeDash": [4, 4]}, "encoding": {"x": {"datum": cut}}},
        ]
    }
    st.vega_lite_chart(data, spec, height=36 * len(frame) + 40, width="stretch")
