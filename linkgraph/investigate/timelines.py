"""A cluster over time: accounts created, and requests by model (from the run's own activity table)."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq

from linkgraph.investigate.run_data import RunData
from linkgraph.runs.activity import ACTIVITY_TABLE

NO_ACTIVITY = "no activity recorded in this run"
"""Why a run has no activity timeline: it was published before runs kept their activity."""


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


def read_activity(run: RunData, accounts: list[str]) -> pd.DataFrame | None:
    """The run's activity rows of ``accounts`` (filtered while reading), or ``None`` if it kept none."""
    path = run.run_dir / f"{ACTIVITY_TABLE}.parquet"
    if not path.is_file():
        return None
    if not accounts:
        return pq.read_schema(path).empty_table().to_pandas()
    return pq.read_table(path, filters=[("account_id", "in", accounts)]).to_pandas()


def activity_timeline(run: RunData, cluster_id: str) -> tuple[pd.DataFrame | None, str]:
    """Requests per day (or week) and model by the cluster's members, or ``None`` and why not.

    Read from the run's own ``activity`` table, never from the input: runs published before
    detection kept one have ``None`` and :data:`NO_ACTIVITY`.
    """
    activity = read_activity(run, run.members_of(cluster_id)["account_id"].astype(str).tolist())
    if activity is None:
        return None, NO_ACTIVITY
    if activity.empty:
        return pd.DataFrame(columns=["period"]), ""
    period, _ = _bucket(activity["day"])
    frame = pd.DataFrame({"period": period, "model": activity.loc[period.index, "model"]})
    frame["requests"] = activity.loc[period.index, "requests"]
    counts = frame.pivot_table(index="period", columns="model", values="requests", aggfunc="sum", fill_value=0)
    counts.columns.name = None
    return counts.reset_index(), ""
