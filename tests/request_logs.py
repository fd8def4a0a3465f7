"""Small request logs for the timing tests: ``(acct, minutes after T0)`` pairs as a request table."""

from __future__ import annotations

import numpy as np
import pandas as pd

T0 = pd.Timestamp("2026-02-02 00:00", tz="UTC")


def requests_at(rows: list[tuple[int, float]]) -> pd.DataFrame:
    """``acct, timestamp`` of ``(acct, minutes after T0)`` pairs."""
    acct = np.array([a for a, _ in rows], dtype=np.int64)
    stamps = T0 + pd.to_timedelta(np.array([m for _, m in rows], dtype=float), unit="min")
    return pd.DataFrame({"acct": acct, "timestamp": pd.DatetimeIndex(stamps)})
