"""Population statistics: what scoring compares a cluster with, computed once over everyone.

Every cluster feature is computed from the cluster's own members, their links and their
requests, against a handful of population figures: the number of accounts, the span of
creation times (the baseline pace of sign-ups), the accounts per email domain, the model
releases with everyone's traffic around them, and requests per active account. With
these fixed, a group of communities scores exactly as it does inside the whole population
(:mod:`linkgraph.scoring.local`), which lets an engine score groups in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkgraph.scoring.activity import empty_releases, model_releases, volume_baseline

PIVOT_WINDOW_HOURS = 24.0
"""The new-model window the risk score's ``model_pivot`` feature uses."""


@dataclass(frozen=True)
class Population:
    """The population side of every cluster feature.

    ``n_accounts``: all accounts (the chance share of an artifact's users in a cluster);
    ``created_span_ns``: latest minus earliest account creation (None: no creation times);
    ``domain_counts``: accounts per email domain (None: no email domains; a group may carry
    only its own members' domains); ``releases``: :func:`~linkgraph.scoring.activity.model_releases`;
    ``volume_baseline``: requests per active account (None: no requests); ``has_requests``:
    whether the run has a requests table at all.
    """

    n_accounts: int
    created_span_ns: float | None = None
    domain_counts: pd.Series | None = None
    releases: pd.DataFrame = field(default_factory=empty_releases)
    volume_baseline: float | None = None
    has_requests: bool = False


def created_ns(created: pd.Series) -> np.ndarray:
    """Creation times as int64 ns (NaT: int64 min), as the features read them."""
    return created.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[ns]").astype(np.int64)


def created_span_ns(accounts: pd.DataFrame) -> float | None:
    """Latest minus earliest creation time over ``accounts`` (None without any)."""
    created = accounts["created_at"] if "created_at" in accounts.columns else None
    if created is None or not created.notna().any():
        return None
    ns = created_ns(created)
    valid = ns[ns != np.iinfo(np.int64).min]
    return float(valid.max() - valid.min()) if valid.size else 0.0


def population_of(n_accounts: int, accounts: pd.DataFrame, requests: pd.DataFrame | None) -> Population:
    """The statistics of a whole population held in memory (the embedded engine's)."""
    domains = accounts["email_domain"].value_counts() if "email_domain" in accounts.columns else None
    return Population(
        n_accounts,
        created_span_ns(accounts),
        domains,
        model_releases(requests, PIVOT_WINDOW_HOURS),
        volume_baseline(requests),
        requests is not None,
    )
