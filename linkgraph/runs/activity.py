"""The run's own activity table: requests per clustered account, day and model.

A run must keep what its pages need, so the app never reads the input ``requests`` (which
may be moved, pruned or appended to after the run). Detection writes this compact,
aggregated table into the run through the staged publish; it holds clustered accounts only,
so it stays small even when the input has tens of millions of requests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ACTIVITY_TABLE = "activity"
"""Name of the table in the run directory (``activity.parquet``)."""
ACTIVITY_COLUMNS = ["account_id", "day", "model", "requests"]
UNKNOWN_MODEL = "unknown"


def empty_activity() -> pd.DataFrame:
    """An activity table without rows, with the columns and types of a full one."""
    return pd.DataFrame(
        {
            "account_id": pd.Series(dtype=object),
            "day": pd.Series(dtype="datetime64[us, UTC]"),
            "model": pd.Series(dtype=object),
            "requests": pd.Series(dtype="int64"),
        }
    )


def activity_table(requests: pd.DataFrame | None, account_ids: np.ndarray, members: np.ndarray) -> pd.DataFrame:
    """Requests per day and model of the accounts ``members`` (account codes), with their ids.

    ``requests`` is the dataset's requests frame (``acct``, ``timestamp``, optional ``model``);
    ``account_ids[acct]`` is an account's id. Pure; an absent requests table gives no rows.

    >>> reqs = pd.DataFrame({"acct": [0, 0, 1, 2], "timestamp": pd.to_datetime(
    ...     ["2026-01-01T01:00Z", "2026-01-01T05:00Z", "2026-01-02T00:00Z", "2026-01-01T00:00Z"]),
    ...     "model": ["m1", "m1", "m2", "m1"]})
    >>> activity_table(reqs, np.array(["a", "b", "c"]), np.array([0, 1]))[["account_id", "model", "requests"]]
      account_id model  requests
    0          a    m1         2
    1          b    m2         1
    """
    if requests is None or not {"acct", "timestamp"} <= set(requests.columns):
        return empty_activity()
    acct = requests["acct"].to_numpy()
    keep = np.isin(acct, np.asarray(members))
    day = pd.to_datetime(requests.loc[keep, "timestamp"], utc=True, errors="coerce").dt.floor("D")
    model = requests.loc[keep, "model"].astype(object) if "model" in requests.columns else UNKNOWN_MODEL
    frame = pd.DataFrame({"acct": acct[keep], "day": day.astype("datetime64[us, UTC]"), "model": model})
    frame["model"] = frame["model"].fillna(UNKNOWN_MODEL).astype(str)
    frame = frame.dropna(subset=["day"])
    if frame.empty:
        return empty_activity()
    counts = frame.groupby(["acct", "day", "model"], sort=True).size().rename("requests").reset_index()
    counts.insert(0, "account_id", np.asarray(account_ids, dtype=object)[counts.pop("acct").to_numpy()])
    return counts.astype({"requests": "int64"})[ACTIVITY_COLUMNS]
