"""The run's activity table equals a plain pandas groupby (it is counted on integer codes)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from linkgraph.runs.activity import ACTIVITY_COLUMNS, UNKNOWN_MODEL, activity_table


def reference(requests: pd.DataFrame, account_ids: np.ndarray, members: np.ndarray) -> pd.DataFrame:
    """The table as a three-key pandas groupby on text (how it was first written)."""
    keep = np.isin(requests["acct"].to_numpy(), members)
    day = pd.to_datetime(requests.loc[keep, "timestamp"], utc=True, errors="coerce").dt.floor("D")
    model = requests.loc[keep, "model"].astype(object) if "model" in requests.columns else UNKNOWN_MODEL
    frame = pd.DataFrame({"acct": requests["acct"].to_numpy()[keep], "day": day.astype("datetime64[us, UTC]")})
    frame["model"] = pd.Series(model, index=frame.index).fillna(UNKNOWN_MODEL).astype(str)
    frame = frame.dropna(subset=["day"])
    counts = frame.groupby(["acct", "day", "model"], sort=True).size().rename("requests").reset_index()
    counts.insert(0, "account_id", np.asarray(account_ids, dtype=object)[counts.pop("acct").to_numpy()])
    return counts.astype({"requests": "int64"})[ACTIVITY_COLUMNS]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(-1, 7),
            st.one_of(st.none(), st.integers(0, 5 * 24 * 3600)),
            st.sampled_from([None, "m-b", "m-a", UNKNOWN_MODEL, "M"]),
        ),
        min_size=1,
        max_size=60,
    ),
    st.booleans(),
)
def test_activity_table_equals_a_pandas_groupby(rows: list, categorical: bool) -> None:
    acct, seconds, model = zip(*rows, strict=True)
    stamps = pd.to_datetime([None if s is None else 1_790_000_000 + s for s in seconds], unit="s", utc=True)
    requests = pd.DataFrame({"acct": np.array(acct, dtype=np.int64), "timestamp": stamps, "model": list(model)})
    if categorical:
        requests["model"] = requests["model"].astype("category")
    ids = np.array([f"acct{i}" for i in range(8)], dtype=object)
    members = np.array([0, 2, 3, 5, 7])
    for frame in (requests, requests.drop(columns="model")):
        expected = reference(frame, ids, members)
        got = activity_table(frame, ids, members)
        if expected.empty:
            assert got.empty
        else:
            pd.testing.assert_frame_equal(got, expected)
