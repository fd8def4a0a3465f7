"""Evidence from the optional ``requests`` table: pivots to a newly released model.

A distillation operation moves its traffic to a new model within hours of its release;
ordinary users adopt it slowly. For every model first seen after the data starts, the
release is its first request; inside ``window_hours`` after it, a cluster's share of
traffic on that model is compared with everyone's share in the same window.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

HOUR = pd.Timedelta(hours=1)


def model_pivot(
    requests: pd.DataFrame, community_of: np.ndarray, window_hours: float = 48.0, min_requests: int = 20
) -> pd.Series:
    """Per community: the strongest lift, in [0, 1], of new-model traffic over the population.

    ``requests`` needs columns ``acct`` (account code), ``timestamp`` and ``model``;
    ``community_of[acct]`` is the account's community or -1. Lift is
    ``(cluster share − everyone else's share) / (1 − everyone else's share)``, clipped at
    0, and counts only where the cluster sent at least ``min_requests`` requests in the window.
    """
    if requests is None or not {"acct", "timestamp", "model"} <= set(requests.columns):
        return pd.Series(dtype=float)
    req = requests[["acct", "timestamp", "model"]].dropna()
    req = req[req["acct"].to_numpy() >= 0]
    if req.empty:
        return pd.Series(dtype=float)
    start = req["timestamp"].min()
    release = req.groupby("model", observed=True)["timestamp"].min()
    new_models = release[release > start + window_hours * HOUR]
    best = pd.Series(dtype=float)
    comm = community_of[req["acct"].to_numpy()]
    for model, released in new_models.items():
        in_window = ((req["timestamp"] >= released) & (req["timestamp"] < released + window_hours * HOUR)).to_numpy()
        if not in_window.any():
            continue
        on_new = req["model"].to_numpy()[in_window] == model
        c = comm[in_window]
        clustered = c >= 0
        frame = pd.DataFrame({"c": c[clustered], "new": on_new[clustered]})
        stats = frame.groupby("c")["new"].agg(["sum", "size"])
        stats = stats[stats["size"] >= min_requests]
        others = len(on_new) - stats["size"]
        population = ((on_new.sum() - stats["sum"]) / others.where(others > 0)).fillna(0.0)
        share = stats["sum"] / stats["size"]
        lift = ((share - population) / (1.0 - population).where(population < 1.0)).fillna(0.0).clip(0.0, 1.0)
        best = lift if best.empty else pd.concat([best, lift]).groupby(level=0).max()
    return best
