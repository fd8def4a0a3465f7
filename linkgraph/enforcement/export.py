"""The enforcement list: core members of clusters at or above the risk threshold.

Each export is written atomically with a sidecar ``FILE.manifest.json`` holding the run id,
threshold, row count and the file's sha256.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from linkgraph.enforcement.reviews import allowlisted_accounts
from linkgraph.ingest.readers import sha256_of
from linkgraph.runs.phrases import member_phrases
from linkgraph.runs.store import read_manifest, read_table
from linkgraph.storage.atomic import atomic_path, write_json_atomic

EXPORT_COLUMNS = ["account_id", "cluster_id", "risk_score", "role", "evidence", "campaign_id"]
"""The contract's columns, then ``campaign_id`` (empty for runs made before campaigns)."""
FORMATS = ("csv", "parquet", "jsonl")


def account_evidence(member_links: pd.DataFrame, top: int = 3, members: pd.DataFrame | None = None) -> pd.Series:
    """One line of reasons per account in plain words (see :func:`linkgraph.runs.phrases.member_phrases`)."""
    return member_phrases(member_links, members, top)


def enforcement_list(
    run_dir: str | Path,
    threshold: float | None = None,
    cluster_ids: list[str] | None = None,
    include_enforced: bool = False,
) -> pd.DataFrame:
    """Core members of clusters with ``risk_score >= threshold`` (default: the run's threshold).

    Accounts allowlisted by a benign review mark (``RUNS_DIR/reviews.jsonl``) are left out,
    and so are accounts already banned or suspended (they are enforced already) unless
    ``include_enforced``.
    """
    manifest = read_manifest(run_dir)
    threshold = manifest["export_threshold"] if threshold is None else threshold
    clusters = read_table(run_dir, "clusters", ["cluster_id", "risk_score"])
    flagged = clusters[clusters["risk_score"] >= threshold]
    if cluster_ids is not None:
        flagged = clusters[clusters["cluster_id"].isin(cluster_ids)]
    members = read_table(run_dir, "members")
    out = members[(members["role"] == "core") & members["cluster_id"].isin(flagged["cluster_id"])]
    if not include_enforced and "enforced" in out.columns:
        out = out[~out["enforced"].astype(bool)]
    if "campaign_id" not in out.columns:
        out = out.assign(campaign_id="")
    out = out[["account_id", "cluster_id", "role", "campaign_id"]]
    out = out[~out["account_id"].isin(allowlisted_accounts(Path(run_dir).parent))]  # reviewed benign
    out = out.merge(flagged, on="cluster_id", how="left")
    links = read_table(run_dir, "member_links")
    links = links[links["account_id"].isin(out["account_id"])]
    listed = members[members["account_id"].isin(out["account_id"])]
    out["evidence"] = out["account_id"].map(account_evidence(links, members=listed)).fillna("")
    out["risk_score"] = out["risk_score"].round(4)
    out = out.sort_values(["risk_score", "cluster_id", "account_id"], ascending=[False, True, True], kind="stable")
    return out[EXPORT_COLUMNS].reset_index(drop=True)


def write_frame(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    """Write ``frame`` to ``path`` in ``fmt`` through a temporary file and a rename."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    with atomic_path(path) as tmp:
        if fmt == "csv":
            frame.to_csv(tmp, index=False)
        elif fmt == "parquet":
            frame.to_parquet(tmp, index=False)
        else:
            frame.to_json(tmp, orient="records", lines=True)


def format_from_path(path: Path, fmt: str | None) -> str:
    """The export format: explicit, else from the file ending, else CSV."""
    if fmt:
        return fmt
    name = path.name.lower()
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    return "csv"


def export_run(
    run_dir: str | Path,
    out: str | Path,
    fmt: str | None = None,
    threshold: float | None = None,
    frame: pd.DataFrame | None = None,
    extra: dict | None = None,
) -> dict:
    """Write the enforcement list of ``run_dir`` to ``out`` plus its sidecar manifest."""
    out = Path(out)
    fmt = format_from_path(out, fmt)
    manifest = read_manifest(run_dir)
    frame = enforcement_list(run_dir, threshold) if frame is None else frame
    out.parent.mkdir(parents=True, exist_ok=True)
    write_frame(frame, out, fmt)
    sidecar = {
        "run_id": manifest["run_id"],
        "threshold": manifest["export_threshold"] if threshold is None else threshold,
        "format": fmt,
        "file": out.name,
        "row_count": len(frame),
        "sha256": sha256_of(out),
        "columns": list(frame.columns),
        "created_at": datetime.now(UTC).isoformat(),
    }
    sidecar.update(extra or {})
    write_json_atomic(out.with_name(out.name + ".manifest.json"), sidecar)
    return sidecar
