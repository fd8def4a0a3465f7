"""Organic households and benign coordinated groups (companies, enterprises, a university)."""

from __future__ import annotations

import numpy as np

from ._builder import BENIGN, CREATED_END, DAY, HOUR, ORGANIC, START, World, utc, words
from ._sampling import cross, segments, zipf_weights

_COMPANY_WORDS = words(
    "northwind contoso fabrikam initech globex acme umbrella hooli vandelay wonka tyrell cyberdyne soylent"
    " gringotts dunder stark wayne oscorp aperture blackmesa monarch zenith lumen quantia brightleaf ironbark"
    " bluepeak redwood silverline tidewater"
)
_COMPANY_TLDS = words("com io ai co dev net")
_ENTERPRISES = ("globex-corp.com", "massive-dynamic.com", "weyland-industries.com")
_SEMESTERS = ("2024-01-15", "2024-09-02", "2025-01-13", "2025-09-01", "2026-01-12", "2026-08-31")


def _home_and_mobile(w: World, acct: np.ndarray, p_home: float, p_mobile: float) -> None:
    """Some members also use their own home IP and/or a carrier-NAT IP."""
    rng = w.rng
    home = acct[rng.random(acct.size) < p_home]
    w.link("ip", home, w.net.allocate(w.net.pick_asns("residential", home.size), 0.03))
    mob = acct[rng.random(acct.size) < p_mobile]
    w.link("ip", mob, w.shared_ips(mob.size, 0.0), "casual")


def build_organic(w: World, k: int) -> None:
    """Households of singles and families (shared card and home IP) with generic habits."""
    rng = w.rng
    fam = rng.random(k) >= 0.75
    hsize = np.where(fam, rng.integers(2, 5, k), 1)
    cum = np.cumsum(hsize)
    h = int(np.searchsorted(cum, k)) + 1
    hsize = hsize[:h].copy()
    hsize[-1] -= cum[h - 1] - k
    acct = w.add_group("organic", k, ORGANIC)
    hh, _, _ = segments(hsize)
    w.created[acct] = rng.integers(START, CREATED_END + 1, k)
    w.set_profile(acct, w.emails(h, 0.15)[hh], w.countries(h)[hh])

    # One card per household (75%), one home IP per household.
    card = np.full(h, -1, dtype=np.int64)
    has = rng.random(h) < 0.75
    card[has] = w.new_cards(int(has.sum()))
    mine = card[hh]
    w.link("pm", acct[mine >= 0], mine[mine >= 0])
    home = w.net.allocate(w.net.pick_asns("residential", h), v6_share=0.03)
    w.link("ip", acct, home[hh])

    # Carrier NAT (40%), VPN (10%), the residential proxy pool (1%), own cloud VM (2%).
    mob = acct[rng.random(k) < 0.40]
    mob = np.repeat(mob, 1 + (rng.random(mob.size) < 0.3))
    w.link("ip", mob, w.shared_ips(mob.size, 0.0), "casual")
    vpn = acct[rng.random(k) < 0.10]
    vpn = np.repeat(vpn, 1 + (rng.random(vpn.size) < 0.2))
    w.link("ip", vpn, w.shared_ips(vpn.size, 1.0), "casual")
    prx = acct[rng.random(k) < 0.01]
    prx = np.repeat(prx, 1 + (rng.random(prx.size) < 0.5))
    w.link("ip", prx, w.proxy_pool[rng.integers(0, w.proxy_pool.size, prx.size)], "casual")
    vm = acct[rng.random(k) < 0.02]
    w.link("ip", vm, w.net.allocate(w.net.pick_asns("hosting", vm.size), 0.02), "casual")

    # 1-6 fingerprints: 60% personal, 40% generic templates.
    nfp = rng.choice(np.arange(1, 7), k, p=[0.30, 0.25, 0.18, 0.12, 0.09, 0.06])
    w.own_fps(acct, nfp)


def _onboarding(w: World, day0: np.ndarray, grp: np.ndarray, early_frac: np.ndarray, spread: np.ndarray) -> np.ndarray:
    """Creation times: an onboarding burst of a few hours, the rest spread over ``spread``."""
    rng = w.rng
    m = grp.size
    early = rng.random(m) < early_frac[grp]
    burst = day0[grp] + (rng.random(m) * 3 * HOUR).astype(np.int64)
    later = day0[grp] + DAY + (rng.random(m) * spread[grp]).astype(np.int64)
    return np.minimum(np.where(early, burst, later), CREATED_END)


def build_companies(w: World, sizes: np.ndarray) -> None:
    """Company teams: own domain, shared card, office NAT, internal templates."""
    rng = w.rng
    c = sizes.size
    acct, grp = w.add_groups([f"company_{i:04d}" for i in range(c)], sizes, BENIGN)
    m = acct.size
    words = rng.integers(0, len(_COMPANY_WORDS), c)
    tlds = rng.integers(0, len(_COMPANY_TLDS), c)
    codes = w.add_domains(
        [f"{_COMPANY_WORDS[a]}-{i}.{_COMPANY_TLDS[t]}" for i, (a, t) in enumerate(zip(words, tlds, strict=True))]
    )
    dom = np.where(rng.random(m) < 0.9, codes[grp], w.webmail(m))
    country = np.where(rng.random(m) < 0.9, w.countries(c)[grp], w.countries(m))
    w.set_profile(acct, dom, country)
    day0 = (rng.integers(START, CREATED_END - 30 * DAY, c) // DAY) * DAY
    day0 += rng.integers(7, 11, c) * HOUR
    w.created[acct] = _onboarding(w, day0, grp, rng.uniform(0.2, 0.5, c), (rng.random(c) * 548 * DAY).astype(np.int64))
    w.rate[acct] = 1.5

    # One shared card; 10% of companies have a second one.
    card_a = w.new_cards(c)
    two = rng.random(c) < 0.10
    card_b = np.full(c, -1, dtype=np.int64)
    card_b[two] = w.new_cards(int(two.sum()))
    use_b = two[grp] & (rng.random(m) < 0.4)
    w.link("pm", acct, np.where(use_b, card_b[grp], card_a[grp]))

    # 1-2 office NAT IPs in one business-ISP AS per company.
    n_off = rng.integers(1, 3, c)
    office = w.net.allocate(np.repeat(w.net.pick_asns("business", c, weighted=False), n_off))
    off_start = np.cumsum(n_off) - n_off
    w.link("ip", acct, office[off_start[grp]])
    second = (n_off[grp] == 2) & (rng.random(m) < 0.5)
    w.link("ip", acct[second], office[off_start[grp[second]] + 1])
    _home_and_mobile(w, acct, 0.5, 0.3)

    # 2-8 internal templates, each used by 30-90% of the team.
    n_tpl = rng.integers(2, 9, c)
    tpl = w.new_fps(int(n_tpl.sum()))
    tpl_start = np.cumsum(n_tpl) - n_tpl
    use_p = rng.uniform(0.3, 0.9, tpl.size)
    g, i, j = cross(sizes, n_tpl)
    member_start = np.cumsum(sizes) - sizes
    t = tpl_start[g] + j
    keep = rng.random(g.size) < use_p[t]
    w.link("fp", acct[member_start[g[keep]] + i[keep]], tpl[t[keep]])
    w.own_fps(acct, rng.integers(1, 4, m))


def build_enterprises(w: World, sizes: list[int]) -> None:
    """Large customers: everybody on 1-3 billing cards, many office IPs and templates."""
    rng = w.rng
    for e, s in enumerate(sizes):
        acct = w.add_group(f"enterprise_{e}", s, BENIGN)
        code = w.add_domains([_ENTERPRISES[e % len(_ENTERPRISES)]])[0]
        dom = np.where(rng.random(s) < 0.95, code, w.webmail(s))
        country = np.where(rng.random(s) < 0.7, w.countries(1)[0], w.countries(s))
        w.set_profile(acct, dom, country)
        w.rate[acct] = 1.5

        # Onboarding waves over two years.
        n_waves = int(rng.integers(4, 9))
        first_day = START + int(rng.integers(0, 180)) * DAY
        waves = np.sort(first_day + rng.integers(0, 730, n_waves) * DAY) + 9 * HOUR
        wave = rng.choice(n_waves, s, p=rng.dirichlet(np.full(n_waves, 2.0)))
        quick = rng.random(s) < 0.7
        offset = np.where(quick, rng.random(s) * 8 * HOUR, 8 * HOUR + rng.random(s) * 60 * DAY)
        w.created[acct] = np.minimum(waves[wave] + offset.astype(np.int64), CREATED_END)

        cards = w.new_cards(int(rng.integers(1, 4)))
        w.link("pm", np.repeat(acct, cards.size), np.tile(cards, s))

        n_ip = int(rng.integers(5, 21))
        asns = w.net.distinct_asns("business", int(rng.integers(2, 4)))
        office = w.net.allocate(asns[rng.integers(0, asns.size, n_ip)])
        primary = rng.choice(n_ip, s, p=rng.dirichlet(np.ones(n_ip)))
        w.link("ip", acct, office[primary])
        extra = rng.random(s) < 0.3
        w.link("ip", acct[extra], office[rng.integers(0, n_ip, int(extra.sum()))])
        _home_and_mobile(w, acct, 0.4, 0.3)

        n_tpl = int(rng.integers(20, 101))
        tpl = w.new_fps(n_tpl)
        per = rng.integers(2, 7, s)
        rows = np.repeat(acct, per)
        w.link("fp", rows, tpl[rng.choice(n_tpl, rows.size, p=zipf_weights(n_tpl, 1.0))])
        w.own_fps(acct, rng.integers(1, 4, s))


def build_university(w: World, s: int) -> None:
    """A university behind a few NAT IPs, with course templates shared by cohorts."""
    rng = w.rng
    acct = w.add_group("university_0", s, BENIGN)
    staff, student = w.add_domains(["northfield.edu", "student.northfield.edu"])
    dom = np.where(rng.random(s) < 0.8, student, staff)
    country = np.where(rng.random(s) < 0.85, 0, w.countries(s))
    w.set_profile(acct, dom, country)
    sem = np.array([utc(d) for d in _SEMESTERS], dtype=np.int64)
    start = sem[rng.integers(0, sem.size, s)]
    w.created[acct] = np.minimum(start + (rng.random(s) * 7 * DAY).astype(np.int64), CREATED_END)

    nat = w.net.allocate(np.repeat(w.net.by_purpose["university"][0], int(rng.integers(2, 5))))
    w.link("ip", acct, nat[rng.integers(0, nat.size, s)])
    two = rng.random(s) < 0.4
    w.link("ip", acct[two], nat[rng.integers(0, nat.size, int(two.sum()))])
    _home_and_mobile(w, acct, 0.6, 0.5)
    own = acct[rng.random(s) < 0.5]
    w.link("pm", own, w.new_cards(own.size))

    # Courses: cohorts of 30-200 students share 1-4 course templates.
    n_courses = max(2, round(s * 2.5 / 115))
    for _ in range(n_courses):
        cohort = acct[rng.choice(s, min(s, int(rng.integers(30, 201))), replace=False)]
        tpl = w.new_fps(int(rng.integers(1, 5)))
        rows = np.repeat(cohort, tpl.size)
        cols = np.tile(tpl, cohort.size)
        keep = rng.random(rows.size) < 0.8
        w.link("fp", rows[keep], cols[keep])
    w.own_fps(acct, rng.integers(1, 4, s))
