"""The enforcement list as a download: the same bytes and manifest ``linkgraph export`` writes."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from linkgraph.enforcement.export import enforcement_list, export_run
from linkgraph.runs.store import read_manifest

MIME = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson"}


@dataclass
class ExportPayload:
    """An enforcement list rendered to bytes, with its sidecar manifest."""

    file_name: str
    data: bytes
    manifest: dict
    frame: pd.DataFrame

    @property
    def mime(self) -> str:
        return MIME.get(self.manifest["format"], "application/octet-stream")


def export_payload(
    run_dir: str | Path,
    fmt: str = "csv",
    threshold: float | None = None,
    cluster_ids: list[str] | None = None,
    who: str = "",
    reason: str = "",
    frame: pd.DataFrame | None = None,
) -> ExportPayload:
    """The enforcement list of a run (or of some clusters) as a downloadable file and manifest.

    Built by :func:`linkgraph.enforcement.export.export_run`, so the file, its sha256 and its manifest are
    exactly what ``linkgraph export`` writes; ``who`` and ``reason`` go into the manifest.
    ``frame``: the list :func:`~linkgraph.enforcement.export.enforcement_list` already built for
    these arguments (the app caches it).
    """
    manifest = read_manifest(run_dir)
    if frame is None:
        frame = enforcement_list(run_dir, threshold, cluster_ids)
    scope = f"-{cluster_ids[0]}" if cluster_ids and len(cluster_ids) == 1 else ""
    name = f"enforcement-{manifest['run_id']}{scope}.{fmt}"
    extra: dict = {"source": "app", "who": who, "reason": reason.strip()}
    if cluster_ids is not None:
        extra["cluster_ids"] = list(cluster_ids)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / name
        sidecar = export_run(run_dir, out, fmt, threshold, frame=frame, extra=extra)
        data = out.read_bytes()
    return ExportPayload(name, data, sidecar, frame)


def combine_lists(lists: list[pd.DataFrame]) -> pd.DataFrame:
    """Enforcement lists of disjoint sets of clusters as one list, in :func:`enforcement_list`'s order.

    The list of a threshold below the run's default is the default list plus the list of the
    clusters the lower threshold adds (each account's evidence depends only on that account),
    so the app builds only the added part.
    """
    frames = [frame for frame in lists if len(frame)] or lists[:1]
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    out = out.sort_values(["risk_score", "cluster_id", "account_id"], ascending=[False, True, True], kind="stable")
    return out.reset_index(drop=True)
