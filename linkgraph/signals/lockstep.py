"""Temporal co-activity ("lockstep") artifacts, after SynchroTrap and CopyCatch.

A lockstep bucket is ``(time window, activity key)``: requests of the same template family
(else the same prompt fingerprint, else the same model) in the same ``window_s``-second
window are the same co-action, like SynchroTrap's (action, target, time) triple. Each bucket
is an artifact and every account active in it gets one link row, so the graph stays
bipartite: the rarity weighting and ``min_sharers`` of ``linkgraph.graph`` then tie accounts
that keep sharing buckets (CopyCatch's "many shared time windows"), in linear cost.

Generic, never linked (returned so the caller can report them):

- a crowd window: a busy window (more distinct accounts than ``busy_factor`` × the median
  active window, a relative threshold that adapts to the traffic level) that no few
  co-actions explain. If its ``wave_keys`` largest buckets on (non-popular) content keys
  hold at least ``dominant_share`` of its accounts, the window is busy *because of* them: a
  synchronized wave in a quiet minute, even spread over a few templates, is kept. At the
  top of the hour thousands of cron users fire with their own or many different
  integration prompts; no three keys carry half of them, so every bucket in that minute is
  generic, including a few dozen users of one semi-popular template;
- a popular key's ordinary minute: a content key (family or fingerprint) used by more
  accounts overall than ``min(max_key_df, max(min_generic_df, max_key_df_fraction ×
  accounts))``, e.g. a framework's stock prompt, is popular, and its buckets are generic
  unless the bucket is a *wave of that key*: ``busy_factor`` times the key's median
  accounts per active window. A framework's users send its prompt at their own pace; an
  operation whose own template families pass the cap (thousands of accounts) still sends
  them in waves, and a large operation must not hide behind its own size. Model keys and
  the no-key case are partitions, not evidence, so are exempt.

A busy window that is busy for its minute of the hour and its time of day too is a spike, a
wave however many templates it is spread over; its requests that no kept bucket carries form
one more bucket (:mod:`linkgraph.signals.waves`).

Buckets with fewer than ``min_accounts`` distinct accounts yield nothing. Everything is
sorting and counting over integer codes (no pair projection), near-linear in requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.codes import sorted_unique
from linkgraph.signals.waves import WAVE_KEY, quiet_position, wave_fragments

Column: TypeAlias = pd.Series | pa.Array | pa.ChunkedArray | np.ndarray
_NAT = np.iinfo(np.int64).min  # pandas' NaT as int64


@dataclass(frozen=True)
class Lockstep:
    """``links``: ``acct, artifact, first_seen, last_seen, count`` per (account, bucket);
    ``buckets``: ``artifact, window_start, key, n_accounts, generic`` per bucket with at least
    ``min_accounts``; ``busy_windows``: ``window_start, n_accounts``; ``generic_keys``: ``key, n_accounts``.
    """

    links: pd.DataFrame
    buckets: pd.DataFrame
    busy_windows: pd.DataFrame
    generic_keys: pd.DataFrame


def _codes(values: Column) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and their values (null → -1). Code order is arbitrary: outputs are sorted by value.

    Already-encoded input (pyarrow dictionary, pandas categorical) is used as is.
    """
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.int64), values.cat.categories.to_numpy()
    if not isinstance(values, pa.ChunkedArray | pa.Array):
        values = pa.array(np.asarray(values), from_pandas=True)
    if isinstance(values, pa.ChunkedArray):
        if pa.types.is_dictionary(values.type):
            values = values.unify_dictionaries()
        values = values.combine_chunks()
    enc = values if isinstance(values, pa.DictionaryArray) else pc.dictionary_encode(values)
    codes = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, enc.dictionary.to_numpy(zero_copy_only=False)


def _dense_codes(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes 0..m-1 in sorted order of the int64 values ``x``, and the sorted distinct values."""
    order = np.argsort(x)
    s = x[order]
    new = np.r_[True, s[1:] != s[:-1]] if len(s) else np.zeros(0, dtype=bool)
    codes = np.empty(len(x), dtype=np.int64)
    codes[order] = np.cumsum(new) - 1
    return codes, s[new]


def _nanoseconds(values: Column) -> np.ndarray:
    """UTC instants as int64 nanoseconds from datetimes (any unit, naive = UTC) or int64 ns."""
    if isinstance(values, pa.ChunkedArray | pa.Array):
        if pa.types.is_timestamp(values.type):
            values = values.cast(pa.timestamp("ns", values.type.tz))
        ints = pc.fill_null(values.cast(pa.int64()), _NAT)
        return np.asarray(ints.to_numpy(zero_copy_only=False), dtype=np.int64)
    if pd.api.types.is_integer_dtype(values.dtype):
        return np.asarray(values, dtype=np.int64)
    stamps: Any = pd.to_datetime(values, utc=True)
    return pd.DatetimeIndex(stamps).as_unit("ns").asi8.astype(np.int64)


def _pick_key(frame: pd.DataFrame | pa.Table, family: Column | None) -> tuple[Column | None, str, bool]:
    """The activity key column, its artifact prefix and whether it is content (df-capped)."""
    names = frame.column_names if isinstance(frame, pa.Table) else list(frame.columns)
    if family is not None:
        return family, "", True
    if "prompt_fingerprint" in names:
        return frame["prompt_fingerprint"], "pf:", True
    if "model" in names:
        return frame["model"], "m:", False
    return None, "", False


def _window_labels(windows: np.ndarray, window_s: int) -> np.ndarray:
    fmt = "%Y-%m-%dT%H:%M" if window_s % 60 == 0 else "%Y-%m-%dT%H:%M:%S"
    return pd.to_datetime(windows * window_s, unit="s", utc=True).strftime(fmt).to_numpy(dtype=object)


def _distinct_per(group: np.ndarray, acct: np.ndarray, n_acct: int, n_group: int) -> np.ndarray:
    """Distinct accounts per group code."""
    pair = sorted_unique(group * np.int64(n_acct) + acct)
    return np.bincount(pair // n_acct, minlength=n_group)


def _generic_flags(
    per_window: np.ndarray,
    key: np.ndarray,
    acct: np.ndarray,
    n_acct: int,
    n_keys: int,
    is_content: bool,
    busy_factor: float,
    cap_args: tuple[int, float, int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The busy flag per window (``per_window``: distinct accounts), distinct accounts and the generic flag per key."""
    active = per_window[per_window > 0]
    busy = per_window > busy_factor * float(np.median(active))
    generic_key = np.zeros(max(n_keys, 1), dtype=bool)
    per_key = np.zeros(max(n_keys, 1), dtype=np.int64)
    if is_content and n_keys:
        keyed = key >= 0
        per_key = _distinct_per(key[keyed], acct[keyed], n_acct, n_keys)
        max_key_df, fraction, floor = cap_args
        cap = min(max_key_df, max(floor, int(fraction * n_acct)))
        generic_key = per_key > cap
    return busy, per_key, generic_key


def lockstep_links(
    requests: pd.DataFrame | pa.Table,
    family: Column | None = None,
    window_s: int = 60,
    min_accounts: int = 5,
    busy_factor: float = 10.0,
    max_key_df: int = 2000,
    max_key_df_fraction: float = 0.01,
    min_generic_df: int = 25,
    wave_keys: int = 3,
    dominant_share: float = 0.5,
) -> Lockstep:
    """Lockstep bucket links from ``requests`` (``account_id``, ``timestamp``; optional keys).

    ``family``: per-request template-family ids (e.g. ``families.family_ids`` of
    ``prompt_simhash``); otherwise ``prompt_fingerprint``, then ``model``, then no key.
    Nulls in the key column mean no key for that row. Outputs are sorted by value, so they
    do not depend on row order.
    """
    t = _nanoseconds(requests["timestamp"])
    acct, acct_ids = _codes(requests["account_id"])
    key_col, prefix, is_content = _pick_key(requests, family)
    key, key_ids = _codes(key_col) if key_col is not None else (np.full(len(t), -1), np.empty(0, dtype=object))
    usable = (acct >= 0) & (t != _NAT)  # rows without an account or a time say nothing
    if not usable.all():
        t, acct, key = t[usable], acct[usable], key[usable]
    if len(t) == 0:
        return _empty()
    step = np.int64(window_s) * 1_000_000_000
    w_abs = np.floor_divide(t, step)
    w0 = int(w_abs.min())
    if int(w_abs.max()) - w0 > 4 * len(t):  # sparse over a long span: number the active windows only
        win, w_vals = _dense_codes(w_abs)
    else:
        win, w_vals = w_abs - w0, np.arange(w0, int(w_abs.max()) + 1, dtype=np.int64)
    n_acct, n_keys = max(len(acct_ids), 1), len(key_ids)
    caps = (max_key_df, max_key_df_fraction, min_generic_df)
    seen = sorted_unique(win * np.int64(n_acct) + acct)  # (window, account) pairs
    per_window = np.bincount(seen // n_acct, minlength=int(win.max()) + 1)
    activity = np.bincount(seen % n_acct, minlength=n_acct)  # active windows per account
    del seen  # as large as the request log: not held through the buckets (peak memory)
    busy, per_key, generic_key = _generic_flags(per_window, key, acct, n_acct, n_keys, is_content, busy_factor, caps)
    bucket, bucket_vals = _dense_codes(win * np.int64(n_keys + 1) + (key + 1))
    n_per_bucket = _distinct_per(bucket, acct, n_acct, len(bucket_vals))
    big = np.flatnonzero(n_per_bucket >= min_accounts)
    b_win, b_key = np.divmod(bucket_vals[big], n_keys + 1)
    b_key = b_key - 1
    popular = generic_key[b_key] & (b_key >= 0)
    key_median = _popular_key_medians(bucket_vals, n_per_bucket, n_keys, generic_key)
    key_wave = popular & (n_per_bucket[big] >= busy_factor * key_median[np.maximum(b_key, 0)])
    carries = (b_key >= 0) & is_content & (~popular | key_wave)
    lead = _leading_accounts(b_win, np.where(carries, n_per_bucket[big], 0), wave_keys)
    spike = busy & quiet_position(per_window, w_vals, window_s, busy_factor)
    # A busy window is a crowd unless a few co-actions carry most of it (a wave, not the top of the hour),
    # or it is busy for its time of day and its minute of the hour (a wave, however many templates it uses).
    busy = busy & ~spike & (np.bincount(b_win, weights=lead, minlength=len(per_window)) < dominant_share * per_window)
    b_generic = busy[b_win] | (popular & ~key_wave)
    kept = big[~b_generic]
    n_active = int(np.count_nonzero(per_window))
    waves = wave_fragments(bucket, win, acct, activity, n_active, kept, len(bucket_vals), spike, min_accounts)
    n_in_bucket = np.r_[n_per_bucket[big], waves.n_accounts]
    bucket, big = waves.bucket, np.r_[big, waves.codes]
    b_win, b_generic = np.r_[b_win, waves.window], np.r_[b_generic, np.zeros(len(waves.codes), dtype=bool)]
    key_text = np.r_[_key_names(key_ids, b_key, prefix), np.full(len(waves.codes), WAVE_KEY, dtype=object)]
    labels = _window_labels(w_vals[b_win], window_s).astype(str)
    artifact = np.char.add(np.char.add(np.char.add("ls:", labels), "|"), key_text.astype(str)).astype(object)
    buckets = pd.DataFrame(
        {
            "artifact": artifact,
            "window_start": pd.to_datetime(w_vals[b_win] * step, utc=True),
            "key": key_text,
            "n_accounts": n_in_bucket.astype(np.int64),
            "generic": b_generic,
        }
    )
    links = _links(bucket, acct, t, big[~b_generic], artifact[~b_generic], waves.n_buckets, acct_ids)
    busy_idx = np.flatnonzero(busy)
    busy_windows = pd.DataFrame(
        {"window_start": pd.to_datetime(w_vals[busy_idx] * step, utc=True), "n_accounts": per_window[busy_idx]}
    )
    gk = np.flatnonzero(generic_key[:n_keys])
    generic_keys = pd.DataFrame({"key": _key_names(key_ids, gk, prefix), "n_accounts": per_key[gk]})
    return Lockstep(
        _by(links, ["artifact", "acct"]), _by(buckets, ["artifact"]), busy_windows, _by(generic_keys, ["key"])
    )


def _popular_key_medians(
    bucket_vals: np.ndarray, n_per_bucket: np.ndarray, n_keys: int, generic_key: np.ndarray
) -> np.ndarray:
    """Median distinct accounts per active window of each popular key (0 for the others)."""
    key = bucket_vals % (n_keys + 1) - 1
    chosen = np.flatnonzero(key >= 0)
    chosen = chosen[generic_key[key[chosen]]]
    medians = np.zeros(max(n_keys, 1), dtype=np.float64)
    if len(chosen):
        frame = pd.DataFrame({"key": key[chosen], "n": n_per_bucket[chosen]})
        per_key = frame.groupby("key")["n"].median()
        medians[per_key.index.to_numpy()] = per_key.to_numpy()
    return medians


def _leading_accounts(window: np.ndarray, accounts: np.ndarray, top: int) -> np.ndarray:
    """``accounts`` where a bucket is among the ``top`` largest of its window, else 0."""
    order = np.lexsort((-accounts, window))
    w = window[order]
    first = np.r_[0, np.flatnonzero(w[1:] != w[:-1]) + 1] if len(w) else np.zeros(0, dtype=np.int64)
    rank = np.arange(len(w)) - np.repeat(first, np.diff(np.r_[first, len(w)]))
    out = np.zeros(len(window), dtype=np.float64)
    out[order] = np.where(rank < top, accounts[order], 0)
    return out


def _key_names(key_ids: np.ndarray, idx: np.ndarray, prefix: str) -> np.ndarray:
    """Artifact text of the keys ``idx`` (``-1``, no key, is ``*``); only the needed ones are formatted."""
    names = np.full(len(idx), "*", dtype=object)
    has = idx >= 0
    names[has] = np.char.add(prefix, key_ids[idx[has]].astype(str)).astype(object)
    return names


def _by(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame.sort_values(columns, kind="stable").reset_index(drop=True)


def _links(
    bucket: np.ndarray,
    acct: np.ndarray,
    t: np.ndarray,
    kept: np.ndarray,
    kept_artifact: np.ndarray,
    n_buckets: int,
    acct_ids: np.ndarray,
) -> pd.DataFrame:
    """Aggregate the rows of the kept buckets per (bucket, account)."""
    n_acct = max(len(acct_ids), 1)
    slot = np.full(n_buckets, -1, dtype=np.int64)
    slot[kept] = np.arange(len(kept))
    rows = np.flatnonzero(slot[bucket] >= 0)
    pair = slot[bucket[rows]] * np.int64(n_acct) + acct[rows]
    order = np.argsort(pair, kind="stable")
    sp = pair[order]
    starts = np.flatnonzero(np.r_[True, sp[1:] != sp[:-1]]) if len(sp) else np.zeros(0, dtype=np.int64)
    ts = t[rows][order]
    p = sp[starts]
    empty = len(starts) == 0
    return pd.DataFrame(
        {
            "acct": acct_ids[p % n_acct] if not empty else np.empty(0, dtype=object),
            "artifact": kept_artifact[p // n_acct] if not empty else np.empty(0, dtype=object),
            "first_seen": pd.to_datetime(ts[:0] if empty else np.minimum.reduceat(ts, starts), utc=True),
            "last_seen": pd.to_datetime(ts[:0] if empty else np.maximum.reduceat(ts, starts), utc=True),
            "count": np.diff(np.r_[starts, len(ts)]).astype(np.int64),
        }
    )


def _empty() -> Lockstep:
    ts = pd.to_datetime(np.empty(0, dtype=np.int64), utc=True)
    none = np.empty(0, dtype=object)
    links = pd.DataFrame(
        {"acct": none, "artifact": none, "first_seen": ts, "last_seen": ts, "count": np.empty(0, np.int64)}
    )
    buckets = pd.DataFrame(
        {
            "artifact": none,
            "window_start": ts,
            "key": none,
            "n_accounts": np.empty(0, np.int64),
            "generic": np.empty(0, bool),
        }
    )
    return Lockstep(
        links,
        buckets,
        pd.DataFrame({"window_start": ts, "n_accounts": np.empty(0, np.int64)}),
        pd.DataFrame({"key": none, "n_accounts": np.empty(0, np.int64)}),
    )
