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
    stamps = pd.DatetimeIndex(pd.to_datetime(requests["timestamp"][keep], utc=True, errors="coerce"))
    day = stamps.floor("D").as_unit("us").asi8
    names, model = _model_codes(requests["model"][keep] if "model" in requests.columns else None, int(keep.sum()))
    dated = ~np.asarray(stamps.isna())
    acct, day, model = acct[keep][dated], day[dated], model[dated]
    if not len(acct):
        return empty_activity()
    order = np.lexsort((model, day, acct))  # sorted by account, day and model name, as a sorted groupby
    acct, day, model = acct[order], day[order], model[order]
    starts = np.flatnonzero(np.r_[True, (acct[1:] != acct[:-1]) | (day[1:] != day[:-1]) | (model[1:] != model[:-1])])
    return pd.DataFrame(
        {
            "account_id": np.asarray(account_ids, dtype=object)[acct[starts]],
            "day": pd.Series(day[starts].view("M8[us]")).dt.tz_localize("UTC"),
            "model": pd.Series(names[model[starts]], dtype=object).astype(str),
            "requests": np.diff(np.r_[starts, len(acct)]).astype(np.int64),
        }
    )[ACTIVITY_COLUMNS]


def _model_codes(model: pd.Series | None, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Model names in sorted order (a missing model is :data:`UNKNOWN_MODEL`) and each row's code."""
    if model is None:
        return np.array([UNKNOWN_MODEL], dtype=object), np.zeros(n, dtype=np.int64)
    if not isinstance(model.dtype, pd.CategoricalDtype):
        model = model.astype("category")
    texts = np.asarray(model.cat.categories.astype(object).astype(str), dtype=object)
    codes = model.cat.codes.to_numpy().astype(np.int64)
    codes = np.where(codes < 0, len(texts), codes)
    names, merged = np.unique(np.append(texts, UNKNOWN_MODEL).astype(str), return_inverse=True)
    return names.astype(object), merged.ravel()[codes]
