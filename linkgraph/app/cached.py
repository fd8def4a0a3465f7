"""Cached reads for the pages: review marks (re-read when reviews.jsonl changes), networks, paths, exports.

Runs are immutable, so whatever is computed from one is cached per run directory and
arguments; anything read from ``reviews.jsonl`` carries the file's token in its cache key.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkgraph.app.state import file_token, load_run, runs_dir
from linkgraph.enforcement import reviews
from linkgraph.investigate import export, network, paths, run_data, timelines


@st.cache_data(max_entries=8, show_spinner=False)
def _latest_marks(runs_dir: str, token: str) -> pd.DataFrame:
    return reviews.latest_marks(runs_dir)


def latest_marks() -> pd.DataFrame:
    """The latest review mark per cluster id (re-read whenever reviews.jsonl changes)."""
    root = runs_dir()
    return _latest_marks(str(root), file_token(root / reviews.REVIEWS_FILE))


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


@st.cache_data(max_entries=64, show_spinner="Drawing the network…")
def _cluster_network(run_dir: str, cluster_id: str) -> network.Network:
    return network.cluster_network(load_run(run_dir), cluster_id)


def cluster_network(run: run_data.RunData, cluster_id: str) -> network.Network:
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
