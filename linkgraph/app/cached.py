"""Cached reads for the pages: review marks (re-read when reviews.jsonl changes), networks, paths, exports.

Runs are immutable, so whatever is computed from one is cached per run directory and
arguments; anything read from ``reviews.jsonl`` carries the file's token in its cache key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from linkgraph.app.state import file_token, load_run, runs_dir, who
from linkgraph.enforcement import cases, guard, reviews
from linkgraph.enforcement.export import enforcement_list
from linkgraph.investigate import export, paths, run_data, timelines

if TYPE_CHECKING:
    from linkgraph.investigate.network import Network


@st.cache_data(max_entries=8, show_spinner=False)
def _latest_marks(runs_dir: str, token: str) -> pd.DataFrame:
    return reviews.latest_marks(runs_dir)


def latest_marks() -> pd.DataFrame:
    """The latest review mark per cluster id (re-read whenever reviews.jsonl changes)."""
    root = runs_dir()
    return _latest_marks(str(root), file_token(root / reviews.REVIEWS_FILE))


@st.cache_data(max_entries=16, show_spinner="Building the export…")
def _export_frame(
    run_dir: str, threshold: float | None, cluster_ids: tuple[str, ...] | None, reviews_token: str
) -> pd.DataFrame:
    return enforcement_list(run_dir, threshold, list(cluster_ids) if cluster_ids is not None else None)


def export_frame(
    run: run_data.RunData, threshold: float | None = None, cluster_ids: list[str] | None = None
) -> pd.DataFrame:
    """The enforcement list (rows only), cached per run, threshold, clusters and allowlist state.

    Below the run's default threshold it is the default list plus the list of the clusters the
    lower threshold adds (:func:`~linkgraph.investigate.export.combine_lists`), so moving the
    slider down builds only what it adds. The server builds the newest run's default list at
    start-up (:mod:`linkgraph.app.serve`).
    """
    token = file_token(runs_dir() / reviews.REVIEWS_FILE)
    ids = tuple(cluster_ids) if cluster_ids is not None else None
    default = float(run.manifest["export_threshold"])
    if ids is not None or threshold is None or threshold >= default:
        return _export_frame(str(run.run_dir), threshold, ids, token)
    risk = run.clusters["risk_score"]
    added = run.clusters.loc[(risk >= threshold) & (risk < default), "cluster_id"].astype(str)
    base = _export_frame(str(run.run_dir), None, None, token)
    if added.empty:
        return base
    extra = _export_frame(str(run.run_dir), None, tuple(sorted(added)), token)
    return export.combine_lists([base, extra])


@st.cache_data(max_entries=16, show_spinner="Writing the export…")
def _export(
    run_dir: str,
    fmt: str,
    threshold: float | None,
    cluster_ids: tuple[str, ...] | None,
    reviews_token: str,
    who: str,
    reason: str,
    _frame: pd.DataFrame,  # the rows of the other arguments (not hashed: they determine it)
) -> export.ExportPayload:
    ids = list(cluster_ids) if cluster_ids is not None else None
    return export.export_payload(run_dir, fmt, threshold, ids, who, reason, frame=_frame)


def export_payload(
    run: run_data.RunData,
    fmt: str,
    threshold: float | None = None,
    cluster_ids: list[str] | None = None,
    reason: str = "",
) -> export.ExportPayload:
    """The enforcement list as a file and manifest, cached per run, format, threshold, clusters, allowlist
    state, who and why (the rows come from :func:`export_frame`'s cache)."""
    token = file_token(runs_dir() / reviews.REVIEWS_FILE)
    ids = tuple(cluster_ids) if cluster_ids is not None else None
    frame = export_frame(run, threshold, cluster_ids)
    return _export(str(run.run_dir), fmt, threshold, ids, token, who(), reason.strip(), frame)


@st.cache_data(max_entries=64, show_spinner="Drawing the network…")
def _cluster_network(run_dir: str, cluster_id: str) -> Network:
    from linkgraph.investigate import network  # networkx: only the cluster page needs it

    return network.cluster_network(load_run(run_dir), cluster_id)


def cluster_network(run: run_data.RunData, cluster_id: str) -> Network:
    """The cluster's (summarised) network, cached per run and cluster."""
    return _cluster_network(str(run.run_dir), cluster_id)


@st.cache_data(max_entries=64, show_spinner="Reading activity…")
def _activity(run_dir: str, cluster_id: str) -> tuple[pd.DataFrame | None, str]:
    return timelines.activity_timeline(load_run(run_dir), cluster_id)


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
    return paths.why_linked(load_run(run_dir), a, b)


def why_linked(run: run_data.RunData, a: str, b: str) -> paths.LinkPath:
    """The shortest evidence path between two accounts, cached per run and pair."""
    return _why_linked(str(run.run_dir), a.strip(), b.strip())


@st.cache_data(max_entries=8, show_spinner=False)
def _allowlist_size(runs_dir: str, token: str) -> int:
    return len(reviews.allowlisted_accounts(runs_dir))


def allowlist_size() -> int:
    """How many accounts benign marks allowlist."""
    root = runs_dir()
    return _allowlist_size(str(root), file_token(root / reviews.REVIEWS_FILE))


@st.cache_data(max_entries=8, show_spinner=False)
def _case_state(runs_dir: str, token: str) -> pd.DataFrame:
    return cases.case_state(runs_dir)


def case_state() -> pd.DataFrame:
    """The current state of every case (cluster or campaign), re-read when ``cases.jsonl`` changes."""
    root = runs_dir()
    return _case_state(str(root), file_token(root / cases.CASES_FILE))


@st.cache_data(max_entries=4, show_spinner=False)
def _threshold_impact(run_dir: str, threshold: float, token: str) -> guard.ThresholdImpact:
    return guard.threshold_impact(run_dir, threshold)


def threshold_impact(run: run_data.RunData, threshold: float) -> guard.ThresholdImpact:
    """What an export at ``threshold`` adds over the run's default (cached per run and threshold)."""
    root = runs_dir()
    return _threshold_impact(str(run.run_dir), float(threshold), file_token(root / reviews.REVIEWS_FILE))
