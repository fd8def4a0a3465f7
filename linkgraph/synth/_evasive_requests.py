"""Requests of the evasive world: the classic per-account sample, plus op_sync waves,
top-of-the-hour jobs and fast adoption of the newest model."""

from __future__ import annotations

import numpy as np

from ._builder import DAY, HOUR, MODELS, OBS_END
from ._evasive_base import RELEASE, EvasiveWorld
from ._requests import _ADOPTION, _adoption, _pick_links
from ._sampling import cross


def _waves(w: EvasiveWorld) -> np.ndarray:
    """op_sync rows: in each wave a random share of the op sends 1-2 requests within 60 s."""
    rng = w.rng
    acct = np.flatnonzero(w.group == w.sync_group)
    waves = w.sync_waves
    if acct.size == 0 or waves.size == 0:
        return np.empty((2, 0), dtype=np.int64)
    _, i, j = cross(np.array([acct.size]), np.array([waves.size]))
    on = (rng.random(i.size) < w.wave_share[j]) & (waves[j] > w.created[acct[i]] + HOUR)
    i, j = i[on], j[on]
    k = 1 + (rng.random(i.size) < 0.3)
    i, j = np.repeat(i, k), np.repeat(j, k)
    return np.stack([acct[i], waves[j] + rng.integers(0, 60, i.size)])


def _on_the_hour(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A time in minute :00 of a random hour inside ``[lo, hi]`` (``-1`` if there is none)."""
    h0 = -(-lo // HOUR)
    h1 = (hi - 59) // HOUR
    ok = h1 >= h0
    hour = h0 + np.floor(rng.random(lo.size) * np.maximum(h1 - h0 + 1, 1)).astype(np.int64)
    return np.where(ok, hour * HOUR + rng.integers(0, 60, lo.size), -1)


def build_evasive_requests(
    w: EvasiveWorld, rpa: float, ip: dict[str, np.ndarray], fp: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Request rows ``acct, ts, ip, fp, model`` (unsorted); ts lies in its IP link's window."""
    rng = w.rng
    n = w.n
    lam = rpa * n * w.rate / w.rate.sum()
    acct = np.repeat(np.arange(n, dtype=np.int64), rng.poisson(lam))
    row, has_ip = _pick_links(rng, ip["acct"], n, acct)
    acct, row = acct[has_ip], row[has_ip]
    lo, hi = ip["first"][row], ip["last"][row]
    ts = lo + np.floor(rng.random(acct.size) * (hi - lo + 1)).astype(np.int64)

    top = np.zeros(len(w.groups), dtype=bool)
    top[w.top_of_hour] = True
    sel = np.flatnonzero(top[w.group[acct]])
    t = _on_the_hour(rng, lo[sel], hi[sel])
    ts[sel] = np.where(t >= 0, t, ts[sel])

    # Groups that move to the newest model also burst in the day after they switch
    # (op_sync does so in its own waves).
    switch = np.full(len(w.groups), OBS_END + 1, dtype=np.int64)
    share = np.zeros(len(w.groups))
    for grp, (when, part) in w.switch.items():
        switch[grp], share[grp] = when, part
    movers = np.flatnonzero((switch[w.group] <= OBS_END) & (w.group != w.sync_group))
    mrow, mhas = _pick_links(rng, ip["acct"], n, movers)
    g = w.group[movers]
    live = mhas & (ip["first"][mrow] <= switch[g]) & (ip["last"][mrow] >= RELEASE + DAY)
    k = rng.poisson(1.0, movers.size) * live
    burst, brow = np.repeat(movers, k), np.repeat(mrow, k)
    start = switch[w.group[burst]]
    bts = start + np.floor(rng.random(burst.size) * (RELEASE + DAY - start)).astype(np.int64)

    wave = _waves(w)
    wrow, _ = _pick_links(rng, ip["acct"], n, wave[0])
    acct = np.concatenate([acct, burst, wave[0]])
    row = np.concatenate([row, brow, wrow])
    ts = np.clip(np.concatenate([ts, bts, wave[1]]), ip["first"][row], ip["last"][row])
    frow, has_fp = _pick_links(rng, fp["acct"], n, acct)

    g = w.group[acct]
    p_b = _adoption(ts, MODELS[1][1], *_ADOPTION[0])
    p_c = _adoption(ts, MODELS[2][1], *_ADOPTION[1])
    moved = ts >= switch[g]
    p_c = np.where(moved, share[g], np.where(share[g] > 0, 0.0, p_c))
    p_b = np.where((share[g] > 0) & (ts >= MODELS[1][1]), 0.85, p_b)
    u = rng.random(acct.size)
    model = np.where(u < p_c, 2, np.where(u < p_c + (1.0 - p_c) * p_b, 1, 0))
    keep = has_fp
    return {
        "acct": acct[keep],
        "ts": ts[keep],
        "ip": ip["art"][row][keep],
        "fp": fp["art"][frow][keep],
        "model": model[keep],
    }
