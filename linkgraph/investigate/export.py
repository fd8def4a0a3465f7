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
) -> ExportPayload:
    """The enforcement list of a run (or of some clusters) as a downloadable file and manifest.

    Built by :func:`linkgraph.enforcement.export.export_run`, so the file, its sha256 and its manifest are
    exactly what ``linkgraph export`` writes; ``who`` and ``reason`` go into the manifest.
    """
    manifest = read_manifest(run_dir)
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
