"""The evasive operations (kind ``fraud``): op_sync, op_varied and op_hydra."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._builder import DAY, FRAUD, HOUR, OBS_END, utc
from ._evasive_base import BANNED, RELEASE, EvasiveWorld
from ._sampling import distinct_choice, fill_sizes, segments


def _card_groups(w: EvasiveWorld, acct: np.ndarray, lo: int, hi: int) -> None:
    """Cards shared by random groups of ``lo``-``hi`` of ``acct``."""
    rng = w.rng
    if acct.size == 0:
        return
    sizes = fill_sizes(rng, acct.size, lo, hi, 1)
    grp, _, _ = segments(sizes)
    w.link("pm", rng.permutation(acct), w.new_cards(sizes.size)[grp], "fraud")


def _subset(rng: np.random.Generator, pool: np.ndarray, k: int) -> np.ndarray:
    """``k`` distinct entries of ``pool`` (at most all of them)."""
    return pool[rng.choice(pool.size, min(pool.size, k), replace=False)]


def build_sync(w: EvasiveWorld, s: int) -> None:
    """Synchronized operation: waves of requests within 60 s, paraphrased templates, cloud IPs."""
    rng = w.rng
    acct = w.add_group("op_sync", s, FRAUD)
    w.sync_group = w.group_id("op_sync")
    w.set_profile(acct, w.webmail(s), w.countries(s))
    n_bursts = int(rng.integers(2, 4))
    bursts = np.sort(rng.integers(utc("2026-06-01"), utc("2026-08-01"), n_bursts))
    b = rng.integers(0, n_bursts, s)
    w.created[acct] = bursts[b] + (rng.random(s) * rng.integers(2, 6, n_bursts)[b] * HOUR).astype(np.int64)
    w.rate[acct] = 0.0  # its requests are the waves, drawn separately

    _card_groups(w, acct, 3, 8)
    n_ip = int(rng.integers(20, 41))
    asns = w.net.distinct_asns("hosting", int(rng.integers(3, 6)))
    ips = w.net.allocate(asns[rng.integers(0, asns.size, n_ip)], v6_share=0.02)
    r, j = distinct_choice(rng, np.full(s, n_ip), rng.integers(2, 5, s))
    first = w.created[acct[r]] + (rng.random(r.size) * HOUR).astype(np.int64)
    last = OBS_END - (rng.random(r.size) * 5 * DAY).astype(np.int64)
    w.link("ip", acct[r], ips[j], "fraud", first, last)

    # 3-6 op templates, each with 15-40 paraphrases; every account uses 3-5 paraphrases.
    fam = w.sim.families(int(rng.integers(3, 7)))
    par = w.sim.paraphrases(np.repeat(fam, rng.integers(15, 41, fam.size)))
    r, j = distinct_choice(rng, np.full(s, par.size), rng.integers(3, 6, s))
    w.link("fp", acct[r], par[j], "fraud")

    # Irregular waves over ~15 weeks, at least 2 hours apart, plus two in the day after
    # the newest model's release (regular waves within 2 hours of those are dropped).
    w.moves_to_new_model(w.sync_group, 2, 20, 0.7)
    t0 = int(w.created[acct].max()) + 2 * DAY
    k = int(rng.integers(40, 57))
    gap = 2 * HOUR
    waves = np.sort(rng.integers(t0, OBS_END - 6 * DAY - (k - 1) * gap, k)) + np.arange(k) * gap
    switch = w.switch[w.sync_group][0]
    launch = np.sort(rng.integers(switch, RELEASE + DAY - 60 - gap, 2)) + np.array([0, gap])
    near = (np.abs(waves[:, None] - launch[None, :]) < gap).any(axis=1)
    w.sync_waves = np.sort(np.concatenate([waves[~near], launch]))
    w.wave_share = rng.uniform(0.35, 0.8, w.sync_waves.size)


def build_varied(w: EvasiveWorld, v: int) -> None:
    """Varied operation: many email pathways, prepaid cards in pairs/triples, proxy pools and
    cloud, paraphrased templates with almost no exact repeats, no wave timing."""
    rng = w.rng
    n = w.n
    acct = w.add_group("op_varied", v, FRAUD)
    u = rng.random(v)
    throw = w.throwaway[rng.integers(0, w.throwaway.size, v)]
    dom = np.where(u < 0.55, w.webmail(v), np.where(u < 0.92, throw, w.university[1]))
    w.set_profile(acct, dom, w.countries(v))
    w.created[acct] = rng.integers(utc("2026-04-01"), utc("2026-10-31"), v)
    w.rate[acct] = 4.0

    _card_groups(w, acct[rng.random(v) < 0.85], 2, 3)

    # IPs: its slice of the main residential proxy pool, cloud IPs, a second reseller.
    pool = _subset(rng, w.proxy_pool, max(20, n // 500))
    resel = _subset(rng, w.reseller_pool, max(10, n // 2000))
    cloud = w.net.allocate(w.net.pick_asns("hosting", max(10, n // 2000)), v6_share=0.02)
    rows = np.repeat(acct, rng.integers(1, 4, v))
    ch = rng.choice(3, rows.size, p=[0.45, 0.35, 0.2])
    ip = np.where(
        ch == 0,
        pool[rng.integers(0, pool.size, rows.size)],
        np.where(ch == 1, cloud[rng.integers(0, cloud.size, rows.size)], resel[rng.integers(0, resel.size, rows.size)]),
    )
    w.link("ip", rows, ip, "fraud")
    camo = acct[rng.random(v) < 0.3]
    w.link("ip", camo, w.shared_ips(camo.size, 0.4), "casual")

    # 4-8 template families. 93% of uses are a fresh paraphrase; the rest one of 3 shared ones.
    fam = w.sim.families(int(rng.integers(4, 9)))
    shared = w.sim.paraphrases(np.repeat(fam, 3))
    rows = np.repeat(acct, rng.integers(2, 5, v))
    f = rng.integers(0, fam.size, rows.size)
    fresh = rng.random(rows.size) >= 0.07
    fps = shared[f * 3 + rng.integers(0, 3, rows.size)]
    fps[fresh] = w.sim.paraphrases(fam[f[fresh]])
    w.link("fp", rows, fps, "fraud")
    w.own_fps(acct, rng.integers(1, 3, v), personal_share=0.4)
    w.moves_to_new_model(w.group_id("op_varied"), 3, 20, 0.5)


@dataclass(frozen=True)
class HydraPlan:
    """Cells of op_hydra: original cell sizes, which were banned, and replacement cell sizes."""

    sizes: np.ndarray
    banned: np.ndarray
    replacement_sizes: np.ndarray

    @property
    def total(self) -> int:
        """All accounts of the operation, replacements included."""
        return int(self.sizes.sum() + self.replacement_sizes.sum())


def plan_hydra(rng: np.random.Generator, target: int) -> HydraPlan:
    """About ``target`` accounts: cells of 20-60, ~30% banned, each replaced by a cell of 5-30."""
    sizes = fill_sizes(rng, round(0.88 * target), 20, 60, 10)
    banned = rng.random(sizes.size) < 0.3
    banned[0] = True  # at least one banned cell, even in tiny worlds
    if sizes.size > 1:
        banned[-1] = False
    rep = np.minimum(rng.integers(5, 31, int(banned.sum())), sizes[banned])
    return HydraPlan(sizes, banned, rep)


def build_hydra(w: EvasiveWorld, hp: HydraPlan) -> None:
    """Hydra cells on private proxy IPs of a shared proxy network; banned cells are replaced."""
    rng = w.rng
    c = hp.sizes.size
    parent = np.flatnonzero(hp.banned)
    b = parent.size
    sizes = np.concatenate([hp.sizes, hp.replacement_sizes])
    acct = w.add_group("op_hydra", int(sizes.sum()), FRAUD)
    cell, _, _ = segments(sizes)
    m = acct.size
    is_rep = cell >= c
    w.set_profile(acct, w.webmail(m), w.countries(m))
    t0 = utc("2026-02-01") + rng.integers(0, 182 * DAY, c)
    ban = np.minimum(t0[parent] + rng.integers(20 * DAY, 80 * DAY, b), utc("2026-10-15"))
    rep_t0 = ban + rng.integers(2 * DAY, 11 * DAY, b)
    cell_t0 = np.concatenate([t0, rep_t0])
    w.created[acct] = cell_t0[cell] + (rng.random(m) * DAY).astype(np.int64)
    w.rate[acct] = 5.0
    w.replacement[acct[is_rep]] = 1
    ban_of_cell = np.full(c + b, OBS_END, dtype=np.int64)
    ban_of_cell[parent] = ban
    gone = np.flatnonzero(ban_of_cell[cell] < OBS_END)
    w.enforce(acct[gone], ban_of_cell[cell[gone]], BANNED)

    # Cards: 70% of original accounts have their own; every replacement a fresh one.
    own = acct[(rng.random(m) < 0.7) | is_rep]
    w.link("pm", own, w.new_cards(own.size), "fraud")

    # Private IPs: 6-15 per original cell; a replacement reuses 30-70% of its banned
    # parent's IPs and adds 2-6 fresh ones. The network has as many IPs again for customers.
    n_priv = rng.integers(6, 16, c)
    fresh = rng.integers(2, 7, b)
    need = int(n_priv.sum() + fresh.sum())
    w.hydra_pool = w.net.allocate(w.net.pick_asns("residential", 2 * need), v6_share=0.02)
    own_start = np.concatenate([[0], np.cumsum(n_priv)[:-1]])
    keep = np.maximum(2, np.rint(n_priv[parent] * rng.uniform(0.3, 0.7, b))).astype(np.int64)
    rr, rv = distinct_choice(rng, n_priv[parent], keep)
    fresh_cell, fresh_rank, _ = segments(fresh)
    ip_cell = np.concatenate([np.repeat(np.arange(c), n_priv), c + rr, c + fresh_cell])
    ip_val = np.concatenate(
        [
            w.hydra_pool[: n_priv.sum()],
            w.hydra_pool[own_start[parent[rr]] + rv],
            w.hydra_pool[n_priv.sum() + np.cumsum(fresh)[fresh_cell] - fresh[fresh_cell] + fresh_rank],
        ]
    )
    o = np.argsort(ip_cell, kind="stable")
    ip_val = ip_val[o]
    n_ip = np.bincount(ip_cell, minlength=c + b)
    ip_start = np.cumsum(n_ip) - n_ip
    r, j = distinct_choice(rng, n_ip[cell], rng.integers(3, 9, m))
    # Rotation: 1-30 day stints while the account lives (ban clipping comes later).
    life = np.minimum(150 * DAY, w.end[acct[r]] - w.created[acct[r]])
    first = w.created[acct[r]] + (rng.random(r.size) * life).astype(np.int64)
    last = first + DAY + (rng.random(r.size) * 29 * DAY).astype(np.int64)
    w.link("ip", acct[r], ip_val[ip_start[cell[r]] + j], "fraud", first, last)

    # Templates: op pool of families; 3-6 per original cell, replacements keep their
    # parent's. Each (cell, family) has 3 shared paraphrases; replacements mostly paraphrase anew.
    pool = w.sim.families(max(10, w.n // 10_000))
    rc, v = distinct_choice(rng, np.full(c, pool.size), rng.integers(3, 7, c))
    n_fam = np.bincount(rc, minlength=c)
    fam_start = np.cumsum(n_fam) - n_fam
    shared = w.sim.paraphrases(np.repeat(pool[v], 3))
    home = np.where(is_rep, parent[np.maximum(cell - c, 0)], cell)  # the cell whose families it uses
    rows = np.repeat(np.arange(m), rng.integers(2, 6, m))
    slot = fam_start[home[rows]] + np.floor(rng.random(rows.size) * n_fam[home[rows]]).astype(np.int64)
    fps = shared[slot * 3 + rng.integers(0, 3, rows.size)]
    anew = rng.random(rows.size) < np.where(is_rep[rows], 0.6, 0.3)
    fps[anew] = w.sim.paraphrases(pool[v[slot[anew]]])
    w.link("fp", acct[rows], fps, "fraud")
    personal = np.repeat(acct, rng.integers(0, 3, m))
    w.link("fp", personal, w.new_fps(personal.size), "fraud")
    w.moves_to_new_model(w.group_id("op_hydra"), 2, 16, 0.6)
