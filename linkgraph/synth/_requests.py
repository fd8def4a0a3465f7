"""The optional ``requests`` table: a sample of request log rows consistent with the links."""

from __future__ import annotations

import numpy as np

from ._builder import DAY, MODELS, World

#: (tau in days, ceiling) of the organic adoption curve of model-b and model-c.
_ADOPTION = ((60.0, 0.75), (45.0, 0.6))


def _adoption(t: np.ndarray, release: int, tau_days: float, ceiling: float) -> np.ndarray:
    """Share of organic traffic on a model ``t`` seconds into the world: slow exponential uptake."""
    age = np.maximum(t - release, 0) / (tau_days * DAY)
    return np.where(t >= release, ceiling * (1.0 - np.exp(-age)), 0.0)


def _pick_links(
    rng: np.random.Generator, link_acct: np.ndarray, n: int, req_acct: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For every request, a random link row of its account (links sorted by account)."""
    start = np.searchsorted(link_acct, np.arange(n))
    num = np.searchsorted(link_acct, np.arange(n), side="right") - start
    has = num[req_acct] > 0
    row = start[req_acct] + np.floor(rng.random(req_acct.size) * num[req_acct]).astype(np.int64)
    return np.where(has, row, 0), has


def build_requests(
    w: World,
    rpa: float,
    ip: dict[str, np.ndarray],
    fp: dict[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """Requests: per account Poisson(rpa * rate share); ip and fingerprint from the account's links.

    Returns internal columns ``acct, ts, ip, fp, model`` (unsorted).
    """
    rng = w.rng
    n = w.n
    lam = rpa * n * w.rate / w.rate.sum()
    acct = np.repeat(np.arange(n, dtype=np.int64), rng.poisson(lam))
    row, has_ip = _pick_links(rng, ip["acct"], n, acct)
    frow, has_fp = _pick_links(rng, fp["acct"], n, acct)
    keep = has_ip & has_fp
    acct, row, frow = acct[keep], row[keep], frow[keep]
    lo, hi = ip["first"][row], ip["last"][row]
    ts = lo + np.floor(rng.random(acct.size) * (hi - lo + 1)).astype(np.int64)

    # op_sync requests fall into the operation's synchronized sessions.
    sync = w.groups.index("op_sync")
    is_sync = np.flatnonzero(w.group[acct] == sync)
    waves = w.sync_waves
    if is_sync.size and waves.size:
        first = np.searchsorted(waves, lo[is_sync])
        avail = waves.size - first
        pick = first + np.floor(rng.random(is_sync.size) * avail).astype(np.int64)
        jitter = rng.integers(0, 90, is_sync.size)
        t = waves[np.minimum(pick, waves.size - 1)] + jitter
        ts[is_sync] = np.where(avail > 0, np.clip(t, lo[is_sync], hi[is_sync]), ts[is_sync])

    # Models: organic uptake is slow; op_bulk moves half its traffic within 24 hours.
    p_b = _adoption(ts, MODELS[1][1], *_ADOPTION[0])
    p_c = _adoption(ts, MODELS[2][1], *_ADOPTION[1])
    bulk = w.group[acct] == w.groups.index("op_bulk")
    switched = bulk & (ts >= w.bulk_switch)
    p_b = np.where(bulk, np.where(ts >= MODELS[1][1], 0.85, 0.0), p_b)
    p_c = np.where(switched, 0.5, np.where(bulk, 0.0, p_c))
    u = rng.random(acct.size)
    model = np.where(u < p_c, 2, np.where(u < p_c + (1.0 - p_c) * p_b, 1, 0))

    return {"acct": acct, "ts": ts, "ip": ip["art"][row], "fp": fp["art"][frow], "model": model}
