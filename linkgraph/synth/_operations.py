"""The three distillation operations: op_sync, op_hydra and op_bulk (kind ``fraud``)."""

from __future__ import annotations

import numpy as np

from ._builder import DAY, FRAUD, HOUR, MODELS, OBS_END, World, utc
from ._sampling import distinct_choice, fill_sizes, segments


def build_sync(w: World, s: int) -> None:
    """Small synchronized operation: shared cards, datacenter IPs, CoT templates, bursts."""
    rng = w.rng
    acct = w.add_group("op_sync", s, FRAUD)
    w.set_profile(acct, w.webmail(s), w.countries(s))
    n_bursts = int(rng.integers(2, 4))
    bursts = np.sort(rng.integers(utc("2025-09-01"), utc("2026-08-01"), n_bursts))
    length = rng.integers(2, 6, n_bursts) * HOUR
    b = rng.integers(0, n_bursts, s)
    w.created[acct] = bursts[b] + (rng.random(s) * length[b]).astype(np.int64)
    w.rate[acct] = 6.0

    cards = w.new_cards(int(rng.integers(10, 21)))
    w.link("pm", acct, cards[rng.integers(0, cards.size, s)], "fraud")
    extra = acct[rng.random(s) < 0.1]
    w.link("pm", extra, cards[rng.integers(0, cards.size, extra.size)], "fraud")

    n_ip = int(rng.integers(20, 41))
    asns = w.net.distinct_asns("hosting", int(rng.integers(2, 4)))
    ips = w.net.allocate(asns[rng.integers(0, asns.size, n_ip)], v6_share=0.02)
    r, j = distinct_choice(rng, np.full(s, n_ip), rng.integers(2, 5, s))
    first = w.created[acct[r]] + (rng.random(r.size) * HOUR).astype(np.int64)
    last = OBS_END - (rng.random(r.size) * 5 * DAY).astype(np.int64)
    w.link("ip", acct[r], ips[j], "fraud", first, last)

    tpl = w.new_fps(int(rng.integers(5, 11)))
    r, j = distinct_choice(rng, np.full(s, tpl.size), rng.integers(3, 6, s))
    w.link("fp", acct[r], tpl[j], "fraud")

    # Synchronized sessions: every request of the operation falls into one of these.
    w.sync_waves = np.sort(rng.integers(bursts[0], OBS_END, 400))


def build_hydra(w: World, h: int) -> None:
    """Hydra proxy network: cells rotating residential proxy IPs, no shared cards."""
    rng = w.rng
    sizes = fill_sizes(rng, h, 20, 60, 10)
    c = sizes.size
    acct = w.add_group("op_hydra", h, FRAUD)
    cell, _, _ = segments(sizes)
    w.set_profile(acct, w.webmail(h), w.countries(h))
    cell_t0 = utc("2026-02-01") + rng.integers(0, 12 * 7 * DAY, c)
    w.created[acct] = cell_t0[cell] + (rng.random(h) * DAY).astype(np.int64)
    w.rate[acct] = 5.0

    # Each account its own card (70%) or none: nothing shared.
    own = acct[rng.random(h) < 0.7]
    w.link("pm", own, w.new_cards(own.size), "fraud")

    # Cells draw 10-30 IPs of the residential proxy pool; accounts use 3-8 of them.
    n_ip = rng.integers(10, 31, c)
    _, v = distinct_choice(rng, np.full(c, w.proxy_pool.size), n_ip)
    cell_ip = w.proxy_pool[v]
    ip_start = np.cumsum(n_ip) - n_ip
    r, j = distinct_choice(rng, n_ip[cell], rng.integers(3, 9, h))
    # Rotation: each IP is used for a 1-30 day stint within the account's ~5 active months.
    first = w.created[acct[r]] + (rng.random(r.size) * 150 * DAY).astype(np.int64)
    last = first + DAY + (rng.random(r.size) * 29 * DAY).astype(np.int64)
    w.link("ip", acct[r], cell_ip[ip_start[cell[r]] + j], "fraud", first, last)

    # Narrow capability-targeting templates: op pool -> 5-15 per cell -> 2-5 per account.
    pool = w.new_fps(max(10, w.n // 10_000))
    n_tpl = rng.integers(5, 16, c)
    rc, v = distinct_choice(rng, np.full(c, pool.size), n_tpl)
    n_tpl = np.bincount(rc, minlength=c)
    cell_tpl = pool[v]
    tpl_start = np.cumsum(n_tpl) - n_tpl
    r, j = distinct_choice(rng, n_tpl[cell], rng.integers(2, 6, h))
    w.link("fp", acct[r], cell_tpl[tpl_start[cell[r]] + j], "fraud")
    personal = np.repeat(acct, rng.integers(0, 3, h))
    w.link("fp", personal, w.new_fps(personal.size), "fraud")


def build_bulk(w: World, b: int) -> None:
    """Large bulk operation: resold cards, datacenter IPs with camouflage, daily batches."""
    rng = w.rng
    n = w.n
    acct = w.add_group("op_bulk", b, FRAUD)
    w.set_profile(acct, w.webmail(b), w.countries(b))
    day = rng.integers(0, 90, b)
    batch = rng.integers(0, 24 * 60, 90) * 60
    start = utc("2026-06-01")
    w.created[acct] = start + day * DAY + batch[day] + rng.integers(0, 90 * 60, b)
    w.rate[acct] = 8.0

    cards = w.new_cards(max(5, n // 2500))
    r, j = distinct_choice(rng, np.full(b, cards.size), rng.integers(1, 3, b))
    w.link("pm", acct[r], cards[j], "fraud")

    # 50% datacenter only, 30% datacenter + carrier/VPN, 20% carrier/VPN only.
    n_dc = max(20, n // 700)
    asns = w.net.distinct_asns("hosting", 30)
    dc = w.net.allocate(asns[rng.integers(0, asns.size, n_dc)], v6_share=0.02)
    u = rng.random(b)
    uses_dc = u < 0.8
    dc_acct = acct[uses_dc]
    r, j = distinct_choice(rng, np.full(dc_acct.size, n_dc), rng.integers(1, 4, dc_acct.size))
    w.link("ip", dc_acct[r], dc[j], "fraud")
    gen_n = np.where(uses_dc, np.where(u >= 0.5, rng.integers(1, 3, b), 0), rng.integers(1, 4, b))
    rows = np.repeat(acct, gen_n)
    w.link("ip", rows, w.shared_ips(rows.size, 0.5), "fraud")

    pool = w.new_fps(max(10, n // 3000))
    r, j = distinct_choice(rng, np.full(b, pool.size), rng.integers(2, 5, b))
    w.link("fp", acct[r], pool[j], "fraud")
    top = min(50, w.generic_fp.size)
    rows = np.repeat(acct, rng.integers(1, 3, b))
    w.link("fp", rows, w.generic_fp[rng.integers(0, top, rows.size)], "fraud")

    # Half of the traffic moves to the newest model within 24 hours of its release.
    w.bulk_switch = MODELS[2][1] + int(rng.integers(2 * HOUR, 20 * HOUR))
