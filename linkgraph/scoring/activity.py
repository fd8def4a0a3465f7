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
    model = requests["model"]
    if not isinstance(model.dtype, pd.CategoricalDtype):
        model = model.astype("category")
    codes = model.cat.codes.to_numpy()
    stamps = pd.DatetimeIndex(pd.to_datetime(requests["timestamp"], utc=True)).as_unit("ns")
    t = stamps.asi8
    acct = requests["acct"].to_numpy()
    ok = (
        (acct >= 0) & (codes >= 0) & ~np.asarray(stamps.isna())
    )  # as dropna(): rows without an account, time or model say nothing
    if not ok.all():
        t, acct, codes = t[ok], acct[ok], codes[ok]
    if not len(t):
        return pd.Series(dtype=float)
    window = (window_hours * HOUR).value
    release = np.full(len(model.cat.categories), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(release, codes, t)
    best = pd.Series(dtype=float)
    comm = community_of[acct]
    for code in np.flatnonzero((release != np.iinfo(np.int64).max) & (release > t.min() + window)):
        in_window = (t >= release[code]) & (t < release[code] + window)
        if not in_window.any():
            continue
        on_new = codes[in_window] == code
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


def request_volume(requests: pd.DataFrame, community_of: np.ndarray, saturate_at: float = 10.0) -> pd.Series:
    """Per community: requests per member against requests per active account, in [0, 1].

    ``log(lift) / log(saturate_at)``, clipped: a cluster sending ten times the population's
    volume per account scores 1; one at or below the population scores 0.
    """
    acct = requests["acct"].to_numpy()
    acct = acct[acct >= 0]
    if acct.size == 0:
        return pd.Series(dtype=float)
    per_account = np.bincount(acct, minlength=len(community_of))
    active = per_account > 0
    population = per_account[active].mean()
    member = community_of >= 0
    frame = pd.DataFrame({"c": community_of[member], "n": per_account[member]})
    lift = frame.groupby("c")["n"].mean() / population
    return np.clip(np.log(np.maximum(lift, 1.0)) / np.log(saturate_at), 0.0, 1.0)


def template_concentration(requests: pd.DataFrame, community_of: np.ndarray, min_requests: int = 20) -> pd.Series:
    """Per community: how few template families carry its traffic, in [0, 1].

    ``1 − (n_eff − 1) / (members − 1)`` where ``n_eff = 1 / Σ p²`` over the shares ``p`` of the
    cluster's requests per family: a network of 300 accounts on three templates scores about
    1, 300 people with their own prompts about 0. Needs a ``family`` column (requests
    without one are left out) and at least ``min_requests`` requests.
    """
    if "family" not in requests.columns:
        return pd.Series(dtype=float)
    acct = requests["acct"].to_numpy()
    family = (
        requests["family"].cat.codes.to_numpy()
        if isinstance(requests["family"].dtype, pd.CategoricalDtype)
        else pd.factorize(requests["family"])[0]
    )
    keep = (acct >= 0) & (family >= 0)
    comm = community_of[acct[keep]]
    frame = pd.DataFrame({"c": comm, "f": family[keep]})[comm >= 0]
    if frame.empty:
        return pd.Series(dtype=float)
    counts = frame.groupby(["c", "f"]).size()
    total = counts.groupby(level="c").sum()
    share = counts / total.reindex(counts.index.get_level_values("c")).to_numpy()
    n_eff = 1.0 / (share**2).groupby(level="c").sum()
    members = pd.Series(community_of[community_of >= 0]).value_counts()
    spread = (n_eff - 1.0) / np.maximum(members.reindex(n_eff.index).fillna(1) - 1.0, 1.0)
    out = (1.0 - spread).clip(0.0, 1.0)
    return out[total.reindex(out.index) >= min_requests]
