"""Waves spread over many templates: busy minutes at a quiet time of day, and their fragments.

An operation that paraphrases its templates widely sends each wave over many template
families, a few accounts on each. No (window, family) bucket then reaches the lockstep
minimum, and the busy minute looks like the top of the hour, where thousands of cron users
fire their own prompts. The two differ in *when*: the crowd comes back at the same minute of
every hour or the same time of every day, so its minute of the hour and its time of day are
busy as a rule. A wave lands in a minute that is quiet at that time on other days and in
other hours. Such a minute is a **spike** (:func:`quiet_position`): a wave, not a crowd,
whatever its templates.

In a spike the accounts no template bucket carries are one co-action, the wave's
**fragments** (:func:`wave_fragments`): one bucket keyed :data:`WAVE_KEY`, linked when it
holds the lockstep minimum. An operation's waves come back with the same accounts, wave
after wave, so its fragments tie them like its template buckets do. An ordinary user who
happens to send in one of those minutes is in one of them, and a user who sends every few
minutes is in many, as many as its activity explains: only accounts in the fragments of
:data:`RETURNING_SPIKES` or more spikes, and of :data:`SPIKE_LIFT` times what their activity
explains, are kept (:func:`returning_accounts`), so a proxy's customers who share the
operation's exits gain no tie to it from the minutes they shared by chance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WAVE_KEY = "wave"
"""The key of a spike's fragment bucket: ``ls:<window>|wave``."""
RETURNING_SPIKES = 3
"""The spikes an account's fragments must fall in: an operation's accounts come back wave after
wave, a bystander who sent in a spike's minute by chance is in one (rarely two)."""
SPIKE_LIFT = 10.0
"""How many times the spikes its activity explains an account must be in (by chance, a user
active in a fiftieth of all minutes is in a fiftieth of the spikes)."""
CLOCK_PERIODS_S = (3600, 86400)
"""The clock positions a crowd comes back at: the minute of the hour and the time of day."""


def position_medians(count: np.ndarray, window: np.ndarray, period: int) -> np.ndarray:
    """Per window: the median count of windows at its position in ``period`` (windows per period).

    ``count`` is per active window, ``window`` its absolute index. Every period with any
    activity counts, as 0 at the positions it has none (periods without any activity, such as
    the years before a stray timestamp, do not). Of an even number the upper median is taken:
    over two periods no window stands out from its own position.
    """
    pos, cycle = window % period, window // period
    n_cycles = len(np.unique(cycle))
    order = np.lexsort((-count, pos))
    p_sorted = pos[order]
    first = np.searchsorted(p_sorted, np.arange(period), side="left")
    n_active = np.searchsorted(p_sorted, np.arange(period), side="right") - first
    rank = (n_cycles - 1) // 2  # the (upper) median of n_cycles values, most of them possibly 0
    median = np.where(rank < n_active, count[order][np.minimum(first + rank, len(order) - 1)], 0)
    return median[pos].astype(np.float64)


def quiet_position(per_window: np.ndarray, w_vals: np.ndarray, window_s: int, busy_factor: float) -> np.ndarray:
    """Per window code: more than ``busy_factor`` × the median of its minute of the hour and of its
    time of day (``per_window``: distinct accounts; ``w_vals``: each code's absolute window)."""
    quiet = np.ones(len(per_window), dtype=bool)
    active = np.flatnonzero(per_window > 0)
    if len(active) == 0:
        return quiet
    for period_s in CLOCK_PERIODS_S:
        if period_s % window_s:
            continue
        median = position_medians(per_window[active], w_vals[active], period_s // window_s)
        quiet[active] &= per_window[active] > busy_factor * median
    return quiet


@dataclass(frozen=True)
class WaveFragments:
    """``bucket``: per request, its bucket code, fragments numbered from ``n_buckets`` of the
    input on; ``codes``, ``window``, ``n_accounts``: the kept fragment buckets (at least the
    minimum), their window codes and distinct accounts; ``n_buckets``: all codes now in use."""

    bucket: np.ndarray
    codes: np.ndarray
    window: np.ndarray
    n_accounts: np.ndarray
    n_buckets: int


def returning_accounts(in_spikes: np.ndarray, activity: np.ndarray, n_spikes: int, n_active: int) -> np.ndarray:
    """Per account: in the fragments of :data:`RETURNING_SPIKES` or more spikes, and of
    :data:`SPIKE_LIFT` times as many as its own activity explains (``in_spikes``: spikes it is in;
    ``activity``: its active windows, of ``n_active``; a user who sends every few minutes is in
    every spike's minute without being part of any wave)."""
    rate = SPIKE_LIFT * n_spikes / max(n_active, 1)  # (Spark computes the same float the same way)
    return (in_spikes >= RETURNING_SPIKES) & (in_spikes >= rate * activity)


def wave_fragments(
    bucket: np.ndarray,
    win: np.ndarray,
    acct: np.ndarray,
    activity: np.ndarray,
    n_active: int,
    kept: np.ndarray,
    n_buckets: int,
    spike: np.ndarray,
    min_accounts: int,
) -> WaveFragments:
    """The fragment bucket of each spike window: its requests in no kept bucket (``kept``: codes)
    of returning accounts (:func:`returning_accounts`; ``activity``: active windows per account
    code, of ``n_active``)."""
    n_acct = max(len(activity), 1)
    spikes = np.flatnonzero(spike)
    if len(spikes) == 0:
        none = np.zeros(0, dtype=np.int64)
        return WaveFragments(bucket, none, none, none, n_buckets)
    carried = np.zeros(n_buckets, dtype=bool)
    carried[kept] = True
    rows = np.flatnonzero(spike[win] & ~carried[bucket])
    fragment = np.searchsorted(spikes, win[rows])
    pairs = np.unique(fragment * np.int64(n_acct) + acct[rows])
    in_spikes = np.bincount(pairs % n_acct, minlength=n_acct)
    returning = returning_accounts(in_spikes, activity, len(spikes), n_active)
    rows = rows[returning[acct[rows]]]
    fragment = np.searchsorted(spikes, win[rows])
    pairs = pairs[returning[pairs % n_acct]]
    n_accounts = np.bincount(pairs // n_acct, minlength=len(spikes))
    keep = np.flatnonzero(n_accounts >= min_accounts)
    out = bucket.copy()
    out[rows] = n_buckets + fragment
    return WaveFragments(out, n_buckets + keep, spikes[keep], n_accounts[keep], n_buckets + len(spikes))
