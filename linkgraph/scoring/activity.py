"""Evidence from the optional ``requests`` table: pivots to a newly released model.

A distillation operation moves its traffic to a new model within hours of its release;
ordinary users adopt it slowly. For every model first seen after the data starts, the
release is its first request; inside ``window_hours`` after it, a cluster's share of
traffic on that model is compared with everyone's share in the same window.

The population side of each feature (release times and everyone's traffic in each
release window, requests per active account) is computed once over every request
(:func:`model_releases`, :func:`volume_baseline`); the cluster side needs only the
requests of the cluster's members, so a group of clusters can be scored on its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

HOUR = pd.Timedelta(hours=1)
RELEASE_COLUMNS = ("model", "release", "n_window", "n_new")
"""One row per new model: its name, release (int64 ns), requests of everyone in the window, on the model."""


def empty_releases() -> pd.DataFrame:
    """A release table without rows."""
    return pd.DataFrame({c: pd.Series(dtype=object if c == "model" else np.int64) for c in RELEASE_COLUMNS})


def _valid_rows(requests: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.Index]:
    """``t`` (int64 ns), ``acct`` and model ``codes`` of the rows with an account, a time and a model,
    and the model names the codes index."""
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
    return t, acct, codes, model.cat.categories


def _has_models(requests: pd.DataFrame | None) -> bool:
    return requests is not None and {"acct", "timestamp", "model"} <= set(requests.columns)


def model_releases(requests: pd.DataFrame | None, window_hours: float = 48.0) -> pd.DataFrame:
    """The population side of :func:`model_pivot`: every model first seen ``window_hours`` after
    the data starts, with its release and everyone's requests (all, and on it) in the window."""
    if not _has_models(requests):
        return empty_releases()
    assert requests is not None
    t, _, codes, names = _valid_rows(requests)
    if not len(t):
        return empty_releases()
    window = (window_hours * HOUR).value
    release = np.full(len(names), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(release, codes, t)
    rows = []
    for code in np.flatnonzero((release != np.iinfo(np.int64).max) & (release > t.min() + window)):
        in_window = (t >= release[code]) & (t < release[code] + window)
        if in_window.any():
            rows.append(
                (names[int(code)], int(release[code]), int(in_window.sum()), int((codes[in_window] == code).sum()))
            )
    if not rows:
        return empty_releases()
    return pd.DataFrame(rows, columns=list(RELEASE_COLUMNS)).astype({c: np.int64 for c in RELEASE_COLUMNS[1:]})


def model_pivot(
    requests: pd.DataFrame,
    community_of: np.ndarray,
    window_hours: float = 48.0,
    min_requests: int = 20,
    releases: pd.DataFrame | None = None,
) -> pd.Series:
    """Per community: the strongest lift, in [0, 1], of new-model traffic over the population.

    ``requests`` needs columns ``acct`` (account code), ``timestamp`` and ``model``;
    ``community_of[acct]`` is the account's community or -1. Lift is
    ``(cluster share − everyone else's share) / (1 − everyone else's share)``, clipped at
    0, and counts only where the cluster sent at least ``min_requests`` requests in the window.
    ``releases`` (:func:`model_releases` of every request) is the population; by default
    ``requests`` is.
    """
    if not _has_models(requests):
        return pd.Series(dtype=float)
    if releases is None:
        releases = model_releases(requests, window_hours)
    t, acct, codes, names = _valid_rows(requests)
    if not len(t) or releases.empty:
        return pd.Series(dtype=float)
    window = (window_hours * HOUR).value
    code_of = {name: i for i, name in enumerate(names)}
    best = pd.Series(dtype=float)
    comm = community_of[acct]
    for name, start, n_window, n_new in releases.itertuples(index=False, name=None):
        in_window = (t >= start) & (t < start + window)
        if not in_window.any():
            continue
        on_new = codes[in_window] == code_of.get(name, -1)
        c = comm[in_window]
        clustered = c >= 0
        frame = pd.DataFrame({"c": c[clustered], "new": on_new[clustered]})
        stats = frame.groupby("c")["new"].agg(["sum", "size"])
        stats = stats[stats["size"] >= min_requests]
        others = int(n_window) - stats["size"]
        population = ((int(n_new) - stats["sum"]) / others.where(others > 0)).fillna(0.0)
        share = stats["sum"] / stats["size"]
        lift = ((share - population) / (1.0 - population).where(population < 1.0)).fillna(0.0).clip(0.0, 1.0)
        best = lift if best.empty else pd.concat([best, lift]).groupby(level=0).max()
    return best


WHALE_CAP = 3.0
"""The volume baseline is at most this many times the median active account's requests."""


def volume_baseline(requests: pd.DataFrame | None) -> float | None:
    """Requests per active account over the whole population, robust to whales (None without requests).

    See :func:`baseline_of_counts`; the histogram of per-account counts is all it needs.
    """
    if requests is None:
        return None
    acct = requests["acct"].to_numpy()
    acct = acct[acct >= 0]
    if acct.size == 0:
        return None
    per_account = np.bincount(acct)
    values, accounts = np.unique(per_account[per_account > 0], return_counts=True)
    return baseline_of_counts(values, accounts)


def baseline_of_counts(values: np.ndarray, accounts: np.ndarray, cap: float = WHALE_CAP) -> float | None:
    """The mean requests per active account, at most ``cap`` times the median, from a histogram:
    ``accounts[i]`` active accounts sent ``values[i]`` requests each (None: no active account).

    Usage is heavy-tailed, and in a small world a few whales (a company's CI fleet, a lab's
    pipeline) can send most of all requests: the plain mean then sits far above what nearly
    every account sends, and a network sending five times the typical volume would read as
    average. On worlds of 20,000 accounts or more the mean is 1.2 to 3.2 times the median, so
    the cap binds only where a few whales carry the traffic. Integer sums, so every engine
    gets the same float.
    """
    values = np.asarray(values, dtype=np.int64)
    accounts = np.asarray(accounts, dtype=np.int64)
    keep = accounts > 0
    values, accounts = values[keep], accounts[keep]
    n = int(accounts.sum())
    if n == 0:
        return None
    order = np.argsort(values, kind="stable")
    values, accounts = values[order], accounts[order]
    ends = np.cumsum(accounts)
    lower = values[np.searchsorted(ends, (n - 1) // 2, side="right")]
    upper = values[np.searchsorted(ends, n // 2, side="right")]
    median = (float(lower) + float(upper)) / 2.0
    mean = float(np.float64(int((values * accounts).sum())) / np.float64(n))
    return min(mean, cap * median)


def request_volume(
    requests: pd.DataFrame, community_of: np.ndarray, saturate_at: float = 10.0, baseline: float | None = None
) -> pd.Series:
    """Per community: requests per member against requests per active account, in [0, 1].

    ``log(lift) / log(saturate_at)``, clipped: a cluster sending ten times the population's
    volume per account scores 1; one at or below the population scores 0. ``baseline``
    (:func:`volume_baseline` of every request) is the population; by default ``requests`` is.
    """
    if baseline is None:
        baseline = volume_baseline(requests)
    if baseline is None:
        return pd.Series(dtype=float)
    acct = requests["acct"].to_numpy()
    per_account = np.bincount(acct[acct >= 0], minlength=len(community_of))
    member = community_of >= 0
    frame = pd.DataFrame({"c": community_of[member], "n": per_account[member]})
    lift = frame.groupby("c")["n"].mean() / baseline
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
