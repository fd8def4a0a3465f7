"""Population statistics: what scoring compares a cluster with, computed once over everyone.

Every cluster feature is computed from the cluster's own members, their links and their
requests, against a handful of population figures: the number of accounts, the sign-ups
per hour (the baseline pace of sign-ups at each moment), the accounts per email domain, the
model releases with everyone's traffic around them, and requests per active account. With
these fixed, a group of communities scores exactly as it does inside the whole population
(:mod:`linkgraph.scoring.local`), which lets an engine score groups in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkgraph.scoring.activity import empty_releases, model_releases, volume_baseline
from linkgraph.scoring.seeds import enforced_mask

PIVOT_WINDOW_HOURS = 24.0
"""The new-model window the risk score's ``model_pivot`` feature uses."""
HOUR_NS = 3_600_000_000_000


@dataclass(frozen=True)
class CreationHours:
    """Accounts created per hour: ``hours`` (sorted hour numbers since the epoch, floor of
    ``ns / HOUR_NS``) and ``counts``; a few thousand rows for years of sign-ups."""

    hours: np.ndarray
    counts: np.ndarray

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    def around(self, ns: np.ndarray, window_hours: int) -> np.ndarray:
        """Accounts created in the hours ``h − window_hours … h + window_hours`` of each instant's hour ``h``."""
        hour = np.floor_divide(ns, HOUR_NS)
        cumulative = np.r_[0, np.cumsum(self.counts)]
        lo = np.searchsorted(self.hours, hour - window_hours, side="left")
        hi = np.searchsorted(self.hours, hour + window_hours, side="right")
        return cumulative[hi] - cumulative[lo]

    @staticmethod
    def of(ns: np.ndarray) -> CreationHours:
        """The histogram of creation instants (int64 ns; NaT, int64 min, is left out)."""
        valid = ns[ns != np.iinfo(np.int64).min]
        hours, counts = np.unique(np.floor_divide(valid, HOUR_NS), return_counts=True)
        return CreationHours(hours.astype(np.int64), counts.astype(np.int64))


@dataclass(frozen=True)
class Population:
    """The population side of every cluster feature.

    ``n_accounts``: all accounts (the chance share of an artifact's users in a cluster);
    ``created_hours``: :class:`CreationHours`, the population's sign-ups per hour (None: no
    creation times);
    ``domain_counts``: accounts per email domain (None: no email domains; a group may carry
    only its own members' domains); ``releases``: :func:`~linkgraph.scoring.activity.model_releases`;
    ``volume_baseline``: requests per active account (None: no requests); ``has_requests``:
    whether the run has a requests table at all; ``enforced_rate``: the share of all accounts
    already banned or suspended; ``log_start_ns``: the first request's time, ns since the epoch
    (None: no requests).
    """

    n_accounts: int
    created_hours: CreationHours | None = None
    domain_counts: pd.Series | None = None
    releases: pd.DataFrame = field(default_factory=empty_releases)
    volume_baseline: float | None = None
    has_requests: bool = False
    enforced_rate: float = 0.0
    log_start_ns: int | None = None


def created_ns(created: pd.Series) -> np.ndarray:
    """Creation times as int64 ns (NaT: int64 min), as the features read them."""
    return created.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[ns]").astype(np.int64)


def created_hours(accounts: pd.DataFrame) -> CreationHours | None:
    """Sign-ups per hour over ``accounts`` (None without any creation time)."""
    created = accounts["created_at"] if "created_at" in accounts.columns else None
    if created is None or not created.notna().any():
        return None
    return CreationHours.of(created_ns(created))


def established_accounts(accounts: pd.DataFrame, requests: pd.DataFrame | None) -> np.ndarray | None:
    """Per account: created before the first request of the log, so with a history before
    everything the run observes (None without requests or creation times).

    An email domain's established accounts are its own people: an operation that signs up
    accounts on a breached company's domain can outnumber the staff, but all its accounts are
    new (:func:`~linkgraph.scoring.home.home_network`).
    """
    return created_before(accounts, log_start(requests))


def created_before(accounts: pd.DataFrame, start_ns: int | None) -> np.ndarray | None:
    """Per account: created before ``start_ns`` (None without it or without creation times)."""
    if start_ns is None or "created_at" not in accounts.columns:
        return None
    created = created_ns(accounts["created_at"])
    return (created != np.iinfo(np.int64).min) & (created < start_ns)


def log_start(requests: pd.DataFrame | None) -> int | None:
    """The first request's time in ns since the epoch (None without requests or times)."""
    if requests is None or not len(requests):
        return None
    start = pd.to_datetime(requests["timestamp"], utc=True).min()
    return None if pd.isna(start) else int(start.value)


def population_of(n_accounts: int, accounts: pd.DataFrame, requests: pd.DataFrame | None) -> Population:
    """The statistics of a whole population held in memory (the embedded engine's)."""
    domains = accounts["email_domain"].value_counts() if "email_domain" in accounts.columns else None
    return Population(
        n_accounts,
        created_hours(accounts),
        domains,
        model_releases(requests, PIVOT_WINDOW_HOURS),
        volume_baseline(requests),
        requests is not None,
        float(enforced_mask(accounts).mean()) if len(accounts) else 0.0,
        log_start(requests),
    )
