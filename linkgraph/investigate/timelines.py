"""A cluster over time: accounts created, and requests by model."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from linkgraph.ingest.readers import find_table
from linkgraph.investigate.run_data import RunData


def _bucket(ts: pd.Series) -> tuple[pd.Series, str]:
    ts = pd.to_datetime(ts, utc=True, errors="coerce").dropna()
    if ts.empty:
        return ts, "day"
    span = (ts.max() - ts.min()).days
    freq, name = ("D", "day") if span <= 120 else ("W-MON", "week")
    return ts.dt.tz_localize(None).dt.to_period(freq).dt.start_time, name


def creation_timeline(table: pd.DataFrame) -> pd.DataFrame:
    """Accounts created per day (or week) by role, from a :func:`member_table`: ``period, core, peripheral``."""
    if "created_at" not in table.columns or table["created_at"].isna().all():
        return pd.DataFrame(columns=["period"])
    table = table.dropna(subset=["created_at"])
    period, _ = _bucket(table["created_at"])
    counts = pd.crosstab(period.rename("period"), table.loc[period.index, "role"])
    return counts.reset_index()


def requests_source(run: RunData) -> tuple[list[Path], str]:
    """The files of the input ``requests`` table of a run, or none with the reason they cannot be read.

    The manifest's ``requests`` inputs when it records them (each checked against its size; a
    table appended to by ``linkgraph append`` has one per part file), else the ``requests``
    table beside the run's other inputs (detection may skip that optional table), base file
    and part files alike.
    """
    inputs = run.manifest.get("inputs", [])
    recorded = [src for src in inputs if src.get("table") == "requests"]
    for src in recorded:
        path = Path(src.get("path", ""))
        if not path.is_file():
            return [], f"the requests input {path} is no longer there"
        if src.get("size") is not None and path.stat().st_size != int(src["size"]):
            return [], f"the requests input {path} changed since the run"
    if recorded:
        return [Path(src["path"]) for src in recorded], ""
    folders = {Path(src["path"]).parent for src in inputs if src.get("path")}
    found = [p for folder in sorted(folders) for p in find_table(folder, "requests")]
    if found:
        return found, ""
    return [], "the run's input had no requests table"


def read_requests(paths: list[Path], accounts: list[str]) -> pd.DataFrame:
    """Requests of ``accounts`` from the files of an input requests table (Parquet filtered while reading)."""
    wanted = ["account_id", "timestamp", "model"]
    frames = []
    for path in paths:
        if path.name.endswith(".parquet"):
            import pyarrow.parquet as pq

            names = pq.read_schema(path).names
            cols = [c for c in wanted if c in names]
            frame = pq.read_table(path, columns=cols, filters=[("account_id", "in", accounts)]).to_pandas()
        else:
            frame = pd.read_csv(path, usecols=lambda c: c in wanted, dtype=str)
            frame = frame[frame["account_id"].isin(set(accounts))]
        if "timestamp" in frame.columns:
            frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True, errors="coerce")
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=wanted)


def activity_timeline(run: RunData, cluster_id: str) -> tuple[pd.DataFrame | None, str]:
    """Requests per day (or week) and model by the cluster's members, or ``None`` and why not."""
    paths, why = requests_source(run)
    if not paths:
        return None, why
    reqs = read_requests(paths, run.members_of(cluster_id)["account_id"].astype(str).tolist())
    if reqs.empty:
        return pd.DataFrame(columns=["period"]), ""
    period, _ = _bucket(reqs["timestamp"])
    model = reqs.loc[period.index, "model"].fillna("unknown") if "model" in reqs.columns else "requests"
    frame = pd.DataFrame({"period": period, "model": model})
    counts = pd.crosstab(frame["period"], frame["model"])
    return counts.reset_index(), ""
