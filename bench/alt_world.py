"""An independent synthetic world for linkgraph: does detection generalise beyond its own generator?

``python bench/alt_world.py OUT_DIR --accounts N --seed S`` writes the five contract tables as
Parquet (v2: ``simhash``, ``prompt_simhash``, ``status``) and ``truth.csv`` (``account_id,group,
kind,status,replacement``), built from the data contract only. 30 days; sizes for N = 100k, scaled.

Organic (group ``organic``, ~92%): own card (3% share one in pairs: families), a unique home IP on
a residential ISP ASN, 12% also on one of 10 carrier-NAT IPs (~1,000 accounts each), 6% also on a
cloud VM (one cloud ASN, 50k-IP pool); mainstream e-mail domains and a long tail of small company
domains; 1-3 prompt fingerprints, 45% of them one of 40 popular shared templates (Zipf: the top
one, an agent framework's system prompt, has ~12k users; a quarter of uses are personal
paraphrases), the rest unique; ~4.5 requests at random times; 0.6% banned, 0.3% suspended.

Traps (kind organic): ``organic_cron`` (3%): cron jobs in the first 20 s of the hour every 1-24 h
for 2-12 days, own cards, IPs and prompts. ``organic_proxy_customers`` (1.5%): 1-3 IPs from the
residential proxy pools A/B that the operations rent (half also a home IP).
Traps (kind benign_group): ``ci_<company>`` (8 x 20-60): company domain, 1-3 billing cards, one
office NAT IP, 2-4 exact templated prompts fired by ~90% of the fleet in the first 45 s of every
hour (24/7 or weekday office hours). ``enterprise_initech`` (30-50): such a fleet that moves to
the new model ``atlas-3`` 1-4 h after its release (day 18, 17:00; never used before; the public
adopts it gradually). ``university_stateu`` (1.5%): created within 3 days on stateu.edu, own
cards, 70% of traffic from 4 campus NAT IPs, organic prompts plus a shared course template.
``lab_deeplab`` (25): ~450 requests each from one template family (80 paraphrases).

Fraud (~2%): ``op_sync`` (500): 3 creation batches, own card each, 3-8 sticky IPs of pool A,
personal paraphrases (1-5 bits) of 1-2 of 3-5 templates; 30-60 waves, each a random 60% of members
sending 1-2 requests in one minute (30% of members jitter +-1 min). ``op_varied`` (600): created
over 30 days, gmail-like domains and 20% northfield.edu (also used by a few organic students),
prepaid cards shared by 2-3, IPs from pool A (40%), the organic cloud ASN (30%) and reseller pool B
(30%), paraphrases of 3 families, 20 weak waves (25% of members, half jitter +-2 min).
``op_hydra`` (24 cells of 20-40, + replacements): per cell 3-6 private hosting IPs, 1-2 template
families, own cards, work sessions; a quarter of cells are banned 4-12 days after creation and
replaced 2-5 days later (replacement=1) by a cell with fresh cards, half the banned cell's IPs
and its template families.
"""

from __future__ import annotations

import argparse
import os

import numpy as np
import pandas as pd

DAY, HOUR = 86400, 3600
SPAN = 30 * DAY
START = pd.Timestamp("2024-05-06T00:00:00Z")
RELEASE = 18 * DAY + 17 * HOUR
MODELS = np.array(["atlas-2", "atlas-2-mini", "nova-1", "atlas-3"], dtype=object)  # atlas-3: the new one
RESIDENTIAL = [7922, 7018, 701, 3320, 2856, 3215, 9829, 28573, 6830]
RES_W = np.array([25, 18, 12, 10, 8, 8, 8, 6, 5], float)
CARRIER, CLOUD, HOSTING, BUSINESS = [21928, 22394, 55836], 16509, [24940, 14061, 16276], [174, 3356, 6461]
UNI_ASN, LAB_ASN = 3807, 36375
# fmt: off
OCTETS = [12, 24, 31, 37, 45, 50, 62, 68, 71, 73, 76, 79, 81, 84, 86,
          89, 91, 98, 103, 109, 117, 142, 151, 176, 185, 188, 193, 203, 212, 217]
# fmt: on
MAIN_DOMAINS = np.array(
    ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me"], dtype=object
)
MAIN_W = np.array([45, 12, 6, 8, 8, 3], float)
COUNTRIES = np.array(
    ["US", "IN", "GB", "DE", "BR", "FR", "CA", "JP", "ES", "MX", "NG", "PH", "ID", "PL", "AU"], dtype=object
)
COUNTRY_W = np.array([35, 10, 7, 6, 6, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2], float)
# fmt: off
COMPANIES = ["acme", "globex", "umbrella", "hooli", "vandelay", "soylent", "wonka", "tyrell",
             "cyberdyne", "oscorp", "wayne", "stark", "massive", "aperture", "gringotts", "dunder"]
# fmt: on


class World:
    def __init__(self, n: int, rng: np.random.Generator):
        self.n, self.rng, self.s = n, rng, n / 100_000
        self.n_acc = self.n_ip = self.n_fp = self.n_card = 0
        self.acc, self.cards, self.req, self.fp_hash = [], [], [], []  # appended blocks
        self.ip_int, self.ip_asn, self.asn_next, self.asn_base = [], [], {}, {}
        self.popular_w = 1.0 / np.arange(1, 41) ** 1.1 / (1.0 / np.arange(1, 41) ** 1.1).sum()
        self.popular_hash = self.templates(40)
        self.popular_fp = self.fps(self.popular_hash)

    def accounts(self, m, group, kind, created, domain=None, country=None, status="active", replacement=0):
        if domain is None:
            domain = self.rng.choice(MAIN_DOMAINS, m, p=MAIN_W / MAIN_W.sum())
        if country is None:
            country = self.rng.choice(COUNTRIES, m, p=COUNTRY_W / COUNTRY_W.sum())
        cols = dict(
            group=group,
            kind=kind,
            created=created,
            domain=domain,
            country=country,
            status=status,
            replacement=replacement,
        )
        self.acc.append(
            {k: np.broadcast_to(np.asarray(v, float if k == "created" else object), (m,)) for k, v in cols.items()}
        )
        self.n_acc += m
        return np.arange(self.n_acc - m, self.n_acc)

    def ips(self, m, asn):
        """m new distinct IPs in `asn` (or an array of ASNs); returns ids."""
        asns = np.broadcast_to(np.asarray(asn, np.int64), (m,)).copy()
        out = np.empty(m, np.int64)
        for a in np.unique(asns):
            sel = asns == a
            if a not in self.asn_base:
                k = len(self.asn_base)
                self.asn_base[a] = (OCTETS[k % len(OCTETS)] << 24) | ((k // len(OCTETS)) << 22)
                self.asn_next[a] = int(self.rng.integers(0, 1 << 21))
            c = np.arange(self.asn_next[a], self.asn_next[a] + sel.sum(), dtype=np.int64)
            self.asn_next[a] += sel.sum()
            out[sel] = self.asn_base[a] + (c * 2654435761) % (1 << 22)  # bijection in the /10
        self.ip_int.append(out)
        self.ip_asn.append(asns)
        self.n_ip += m
        return np.arange(self.n_ip - m, self.n_ip)

    def res_asns(self, m, w=RES_W):
        return self.rng.choice(RESIDENTIAL, m, p=w / w.sum())

    def templates(self, m):
        return self.rng.integers(0, 2**64, m, dtype=np.uint64)

    def paraphrase(self, h):
        """Flip 1-5 distinct random bits of each hash."""
        h = np.asarray(h, np.uint64)
        k = self.rng.integers(1, 6, len(h))
        pos = np.argsort(self.rng.random((len(h), 64), dtype=np.float32), axis=1)[:, :5]
        bits = (np.uint64(1) << pos.astype(np.uint64)) * (np.arange(5) < k[:, None])
        return h ^ np.bitwise_or.reduce(bits.astype(np.uint64), axis=1)

    def fps(self, hashes):
        self.fp_hash.append(np.asarray(hashes, np.uint64))
        self.n_fp += len(hashes)
        return np.arange(self.n_fp - len(hashes), self.n_fp)

    def own_cards(self, acc, share=1):
        """Cards for accounts; consecutive runs of `share` (int or array per card) share one."""
        acc = np.asarray(acc)
        sizes = np.broadcast_to(share, (len(acc),)) if np.ndim(share) == 0 else np.asarray(share)
        card_of = np.repeat(np.arange(len(sizes)), sizes)[: len(acc)]
        self.cards.append((acc, self.n_card + card_of))
        self.n_card += int(card_of.max()) + 1 if len(acc) else 0

    def add_requests(self, acc, t, ip, fp, model=None):
        t = np.asarray(t, float)
        if model is None:  # the public adopts the new model gradually after its release
            old = self.rng.choice(3, len(t), p=[0.5, 0.35, 0.15])
            p_new = np.where(t >= RELEASE, 0.35 * (1 - np.exp(-(t - RELEASE) / (2 * DAY))), 0)
            model = np.where(self.rng.random(len(t)) < p_new, 3, old)
        self.req.append((np.asarray(acc), t, np.asarray(ip), np.asarray(fp), np.asarray(model)))

    def pick(self, table, counts, rows):
        """One column per row from a padded (m, K) table with `counts` valid entries per row."""
        col = (self.rng.random(len(rows)) * counts[rows]).astype(int)
        return table[rows, col]

    def organic_prompts(self, m, kmax=3, p_pop=0.45):
        r = self.rng
        pk = np.array([0.5, 0.35, 0.15])[:kmax]
        counts = r.choice(np.arange(1, kmax + 1), m, p=pk / pk.sum())
        table = np.zeros((m, kmax), np.int64)
        pop = r.random((m, kmax)) < p_pop
        which = r.choice(40, (m, kmax), p=self.popular_w)
        para = pop & (r.random((m, kmax)) < 0.25)
        table[pop] = self.popular_fp[which[pop]]
        table[para] = self.fps(self.paraphrase(self.popular_hash[which[para]]))
        table[~pop] = self.fps(self.templates(int((~pop).sum())))
        return table, counts

    def window(self, created, end=None):
        lo = np.maximum(created, 0.0)
        hi = np.full(len(created), float(SPAN)) if end is None else end
        return lo, np.maximum(hi, lo + 60)

    def waves(self, acc, created, fps, fcount, ips, icount, n_waves, frac, jit_frac, jit):
        r, m = self.rng, len(acc)
        wt = np.sort(r.integers(max(0, int(created.min() // 60)) + 60, SPAN // 60, n_waves)) * 60.0
        on = (r.random((n_waves, m)) < frac) & (created[None, :] < wt[:, None])
        w_i, a_i = np.nonzero(on)
        reps = r.integers(1, 3, len(a_i))
        w_i, a_i = np.repeat(w_i, reps), np.repeat(a_i, reps)
        jitter = np.where(r.random(m) < jit_frac, 1, 0)[a_i] * r.integers(-jit, jit + 1, len(a_i))
        t = wt[w_i] + 60.0 * jitter + r.uniform(0, 50, len(a_i))
        self.add_requests(acc[a_i], np.clip(t, 0, SPAN - 1), self.pick(ips, icount, a_i), self.pick(fps, fcount, a_i))

    def random_requests(self, acc, lo, hi, n_per, fps, fcount, ips, icount, model=None):
        rows = np.repeat(np.arange(len(acc)), n_per)
        t = lo[rows] + self.rng.random(len(rows)) * (hi - lo)[rows]
        self.add_requests(acc[rows], t, self.pick(ips, icount, rows), self.pick(fps, fcount, rows), model)

    def sc(self, x, lo=1):
        return max(lo, round(x * self.s))


def build(w: World):
    r, n = w.rng, w.n
    pool_a = w.ips(w.sc(3000, 200), w.res_asns(w.sc(3000, 200)))  # residential proxy pools
    pool_b = w.ips(w.sc(1500, 100), w.res_asns(w.sc(1500, 100), np.array([2, 2, 2, 15, 5, 10, 20, 15, 5.0])))
    cgnat = w.ips(w.sc(10, 3), r.choice(CARRIER, w.sc(10, 3)))
    cgnat_w = 1 / np.arange(1, len(cgnat) + 1) ** 0.5
    cloud_pool = w.ips(w.sc(50_000, 2000), CLOUD)
    tail_domains = np.array(
        [f"{a}{b}.com" for a, b in zip(r.choice(COMPANIES, 3000), r.integers(10, 9999, 3000), strict=True)],
        dtype=object,
    )

    # ---- fraud ---------------------------------------------------------------------------
    m = w.sc(500, 20)
    created = r.choice(r.uniform(-5 * DAY, 5 * DAY, 3), m) + r.uniform(0, 6 * HOUR, m)
    acc = w.accounts(m, "op_sync", "fraud", created, domain=r.choice(MAIN_DOMAINS[:4], m, p=[0.5, 0.25, 0.1, 0.15]))
    w.own_cards(acc)
    icount, ips = r.integers(3, 9, m), r.choice(pool_a, (m, 8))
    fcount = r.integers(1, 3, m)
    fps = w.fps(w.paraphrase(r.choice(w.templates(r.integers(3, 6)), m * 2))).reshape(m, 2)
    w.waves(acc, created, fps, fcount, ips, icount, r.integers(30, 61), 0.6, 0.3, 1)
    lo, hi = w.window(created)
    w.random_requests(acc, lo, hi, r.poisson(2, m), fps, fcount, ips, icount)

    m = w.sc(600, 20)
    created = r.uniform(-10 * DAY, 20 * DAY, m)
    dom = r.choice(
        np.array(["gmail.com", "outlook.com", "yahoo.com", "proton.me", "northfield.edu"], dtype=object),
        m,
        p=[0.35, 0.2, 0.15, 0.1, 0.2],
    )
    acc = w.accounts(m, "op_varied", "fraud", created, domain=dom)
    w.own_cards(r.permutation(acc), r.integers(2, 4, m))
    icount = r.integers(2, 7, m)
    src = r.choice(3, (m, 6), p=[0.4, 0.3, 0.3])
    ips = np.where(
        src == 0, r.choice(pool_a, (m, 6)), np.where(src == 1, r.choice(cloud_pool, (m, 6)), r.choice(pool_b, (m, 6)))
    )
    fam, fcount = w.templates(3), r.integers(1, 5, m)
    fps = w.fps(w.paraphrase(np.repeat(r.choice(fam, (m, 2)), 2, axis=1).ravel())).reshape(m, 4)
    w.waves(acc, created, fps, fcount, ips, icount, 20, 0.25, 0.5, 2)
    lo, hi = w.window(created)
    w.random_requests(acc, lo, hi, r.integers(5, 26, m), fps, fcount, ips, icount)

    n_cells = w.sc(24, 4)
    n_banned = max(1, round(n_cells / 4))
    for c in range(n_cells):
        size = int(r.integers(20, 41))
        banned = c < n_banned
        c0 = r.uniform(-10 * DAY, 8 * DAY) if banned else r.uniform(-20 * DAY, 12 * DAY)
        ban_t = float(np.clip(c0 + r.uniform(4, 12) * DAY, 3 * DAY, SPAN - 8 * DAY)) if banned else None
        if banned:
            c0 = min(c0, ban_t - 3 * DAY)
        cell_ips = w.ips(int(r.integers(3, 7)), r.choice(HOSTING))
        fam = w.templates(int(r.integers(1, 3)))
        cell_dom = f"{r.choice(['mailbox', 'inboxly', 'qmail', 'postfast'])}{r.integers(10, 99)}.net"
        for rep in [0, 1] if banned else [0]:
            if rep:
                size = int(size + r.integers(-3, 4))
                c0 = ban_t + r.uniform(2, 5) * DAY
                keep = r.choice(cell_ips, max(1, len(cell_ips) // 2), replace=False)
                cell_ips = np.concatenate([keep, w.ips(int(r.integers(2, 5)), r.choice(HOSTING))])
            created = c0 + r.uniform(0, 6 * HOUR, size)
            dom = np.where(r.random(size) < 0.4, cell_dom, r.choice(MAIN_DOMAINS[:2], size))
            status = "banned" if banned and not rep else "active"
            acc = w.accounts(size, "op_hydra", "fraud", created, domain=dom, status=status, replacement=rep)
            w.own_cards(acc)
            fcount = r.integers(1, 3, size)
            fps = w.fps(w.paraphrase(r.choice(fam, size * 2))).reshape(size, 2)
            ips = np.broadcast_to(cell_ips, (size, len(cell_ips)))
            icount = np.full(size, len(cell_ips))
            end = ban_t if (banned and not rep) else SPAN
            sess = r.uniform(max(c0, 0), end - HOUR, int(r.integers(10, 21)))  # cell work sessions
            rows = np.repeat(np.arange(size), r.integers(8, 31, size))
            t = np.maximum(r.choice(sess, len(rows)) + r.uniform(0, HOUR, len(rows)), created[rows])
            w.add_requests(acc[rows], np.minimum(t, end - 1), w.pick(ips, icount, rows), w.pick(fps, fcount, rows))

    # ---- benign groups ---------------------------------------------------------------------
    hours = np.arange(SPAN // HOUR) * HOUR
    weekday_office = ((hours // DAY) % 7 < 5) & ((hours % DAY) // HOUR >= 8) & ((hours % DAY) // HOUR < 20)
    names = r.permutation(COMPANIES)
    for c in range(w.sc(8, 1) + 1):
        enterprise = c == 0
        name = "initech" if enterprise else f"{names[(c - 1) % len(names)]}{(c - 1) // len(names) or ''}"
        size = int(r.integers(30, 51) if enterprise else r.integers(20, 61))
        created = r.uniform(-200 * DAY, -10 * DAY) + r.uniform(0, DAY, size)
        grp = "enterprise_initech" if enterprise else f"ci_{name}"
        acc = w.accounts(size, grp, "benign_group", created, domain=f"{name}.com", country=r.choice(COUNTRIES[:8]))
        w.own_cards(acc, -(-size // int(r.integers(1, 4))))
        office = w.ips(1, r.choice(BUSINESS))
        tmpl = w.fps(w.templates(int(r.integers(2, 5))))
        sched = hours if (enterprise or r.random() < 0.5) else hours[weekday_office]
        h_i, a_i = np.nonzero(r.random((len(sched), size)) < 0.9)
        t = sched[h_i] + r.uniform(0, 45, len(h_i))
        switch = RELEASE + r.uniform(1, 4) * HOUR if enterprise else np.inf
        model = np.where(t >= switch, 3, 0 if enterprise else r.choice(3))
        w.add_requests(acc[a_i], t, np.full(len(t), office[0]), r.choice(tmpl, len(t)), model)

    m = w.sc(1500, 20)
    created = r.uniform(0, 3 * DAY) + r.uniform(0, 3 * DAY, m)
    acc = w.accounts(m, "university_stateu", "benign_group", created, domain="stateu.edu", country="US")
    w.own_cards(acc)
    campus, home = w.ips(4, UNI_ASN), w.ips(m, w.res_asns(m))
    fps, fcount = w.organic_prompts(m)
    has_course = r.random(m) < 0.35
    fps = np.column_stack([fps, r.choice(w.fps(w.templates(2)), m)])
    fps[has_course, fcount[has_course]] = fps[has_course, -1]
    fcount = fcount + has_course
    rows = np.repeat(np.arange(m), r.integers(2, 16, m))
    lo, hi = w.window(created)
    t = lo[rows] + r.random(len(rows)) * (hi - lo)[rows]
    ip = np.where(r.random(len(rows)) < 0.7, r.choice(campus, len(rows)), home[rows])
    w.add_requests(acc[rows], t, ip, w.pick(fps, fcount, rows))

    m = 25
    acc = w.accounts(
        m, "lab_deeplab", "benign_group", -60 * DAY + r.uniform(0, DAY, m), domain="deeplab.org", country="GB"
    )
    w.own_cards(acc, 13)
    lab_ips, variants = w.ips(2, LAB_ASN), w.fps(w.paraphrase(np.repeat(w.templates(1), 80)))
    rows = np.repeat(np.arange(m), r.integers(300, 601, m))
    w.add_requests(
        acc[rows], r.uniform(0, SPAN, len(rows)), r.choice(lab_ips, len(rows)), r.choice(variants, len(rows))
    )

    # ---- organic populations ---------------------------------------------------------------
    def organic_created(m):
        return np.where(r.random(m) < 0.7, r.uniform(-365 * DAY, 0, m), r.uniform(0, SPAN - DAY, m))

    m = w.sc(3000, 20)  # cron users
    created = organic_created(m)
    acc = w.accounts(m, "organic_cron", "organic", created)
    w.own_cards(acc)
    ipc = np.where(r.random(m) < 0.3, r.choice(cloud_pool, m), w.ips(m, w.res_asns(m)))
    fps, fcount = w.organic_prompts(m, kmax=2)
    period = r.choice([1, 2, 3, 4, 6, 12, 24], m, p=[0.15, 0.1, 0.05, 0.1, 0.15, 0.15, 0.3])
    lo, _ = w.window(created)
    days = r.integers(2, 13, m)
    start_h = np.ceil((lo + r.random(m) * np.maximum(SPAN - lo - days * DAY, 0)) / HOUR)
    n_fire = (days * 24 // period).clip(min=1)
    rows = np.repeat(np.arange(m), n_fire)
    k = np.arange(len(rows)) - np.repeat(np.cumsum(n_fire) - n_fire, n_fire)
    t = (start_h[rows] + k * period[rows]) * HOUR + r.uniform(0, 20, len(rows))
    ok = t < SPAN
    w.add_requests(acc[rows[ok]], t[ok], ipc[rows[ok]], w.pick(fps, fcount, rows[ok]))

    m = w.sc(1500, 20)  # proxy customers
    created = organic_created(m)
    acc = w.accounts(m, "organic_proxy_customers", "organic", created)
    w.own_cards(acc)
    pool_is_a = (r.random(m) < 0.7)[:, None]
    ips = np.column_stack(
        [np.where(pool_is_a, r.choice(pool_a, (m, 3)), r.choice(pool_b, (m, 3))), w.ips(m, w.res_asns(m))]
    )
    icount = r.integers(1, 4, m)
    home = r.random(m) < 0.5
    ips[home, icount[home]] = ips[home, -1]
    icount = icount + home
    fps, fcount = w.organic_prompts(m)
    lo, hi = w.window(created)
    w.random_requests(acc, lo, hi, r.integers(3, 21, m), fps, fcount, ips, icount)

    m = n - w.n_acc  # organic background
    assert m > n // 2, "--accounts too small for the fixed-size groups (use >= 5000)"
    created = organic_created(m)
    dom = r.choice(MAIN_DOMAINS, m, p=MAIN_W / MAIN_W.sum())
    tail = r.random(m) < 0.18
    zipf = 1 / np.arange(1, 3001)
    dom[tail] = r.choice(tail_domains, int(tail.sum()), p=zipf / zipf.sum())
    dom[r.random(m) < 0.003] = "northfield.edu"
    u = r.random(m)
    status = np.where(u < 0.006, "banned", np.where(u < 0.009, "suspended", "active")).astype(object)
    acc = w.accounts(m, "organic", "organic", created, domain=dom, status=status)
    fam = r.random(m) < 0.03
    w.own_cards(
        np.concatenate([acc[fam], acc[~fam]]), np.concatenate([np.full(int(fam.sum()) // 2 + 1, 2), np.ones(m, int)])
    )
    ips = np.column_stack(
        [w.ips(m, w.res_asns(m)), r.choice(cgnat, m, p=cgnat_w / cgnat_w.sum()), r.choice(cloud_pool, m)]
    )
    u = r.random(m)  # 12% also on a carrier NAT, 6% also on a cloud VM
    cloud = (u >= 0.12) & (u < 0.18)
    ips[cloud, 1] = ips[cloud, 2]
    icount = np.where(u < 0.18, 2, 1)
    fps, fcount = w.organic_prompts(m)
    lo, hi = w.window(created)
    enforced = status != "active"
    hi[enforced] = lo[enforced] + r.uniform(0.3, 1, int(enforced.sum())) * (hi - lo)[enforced]
    rows = np.repeat(np.arange(m), 1 + r.negative_binomial(1.5, 0.3, m))
    t = lo[rows] + r.random(len(rows)) * (hi - lo)[rows]
    ip = np.where(r.random(len(rows)) < 0.6, ips[rows, 0], w.pick(ips, icount, rows))
    w.add_requests(acc[rows], t, ip, w.pick(fps, fcount, rows))


def write(w: World, out: str):
    r = w.rng
    os.makedirs(out, exist_ok=True)
    A = {k: np.concatenate([b[k] for b in w.acc]) for k in w.acc[0]}
    ids = np.array([f"u{x:08x}" for x in r.choice(2**32, w.n_acc, replace=False)], dtype=object)

    def ts(sec):
        return START + pd.to_timedelta(np.round(np.asarray(sec, float)), unit="s")

    o = np.lexsort((np.concatenate([q[0] for q in w.req]), np.concatenate([q[1] for q in w.req])))
    acc, t, ip, fp, model = (np.concatenate(x)[o] for x in zip(*w.req, strict=True))
    assert t.min() >= 0 and t.max() < SPAN and not (model[t < RELEASE] == 3).any()
    ip_int, ip_asn = np.concatenate(w.ip_int), np.concatenate(w.ip_asn)
    ip_str = np.array(
        [f"{x >> 24}.{(x >> 16) & 255}.{(x >> 8) & 255}.{x & 255}" for x in ip_int.tolist()], dtype=object
    )
    assert len(set(ip_str)) == len(ip_str)
    fp_hash = np.concatenate(w.fp_hash)
    sim_str = np.array([f"{x:016x}" for x in fp_hash.tolist()], dtype=object)
    fp_str = np.array([f"fp_{x:016x}" for x in r.integers(0, 2**63, len(fp_hash)).tolist()], dtype=object)
    assert len(set(fp_str)) == len(fp_str)
    req = pd.DataFrame(
        {
            "account_id": ids[acc],
            "timestamp": ts(t),
            "ip": ip_str[ip],
            "model": MODELS[model],
            "prompt_fingerprint": fp_str[fp],
            "prompt_simhash": sim_str[fp],
        }
    )
    req.to_parquet(f"{out}/requests.parquet", index=False)
    for name, key, cols in [
        ("proxies", ip, {"ip": ip_str, "asn": ip_asn}),
        ("prompt_fingerprints", fp, {"fingerprint": fp_str, "simhash": sim_str}),
    ]:
        g = pd.DataFrame({"a": acc, "k": key, "t": t}).groupby(["a", "k"])["t"].agg(["min", "max", "count"])
        g = g.reset_index()
        pd.DataFrame(
            {
                "account_id": ids[g.a],
                **{c: v[g.k] for c, v in cols.items()},
                "first_seen": ts(g["min"]),
                "last_seen": ts(g["max"]),
                "request_count": g["count"].astype("int64"),
            }
        ).to_parquet(f"{out}/{name}.parquet", index=False)
    created, last = A["created"], np.full(w.n_acc, -np.inf)
    np.maximum.at(last, acc, t)
    last = np.where(np.isfinite(last), last, np.maximum(created, 0))
    c_acc, c_id = (np.concatenate(x) for x in zip(*w.cards, strict=True))
    tok = np.array([f"pm_{x:016x}" for x in r.integers(0, 2**63, w.n_card).tolist()], dtype=object)
    pd.DataFrame(
        {
            "account_id": ids[c_acc],
            "payment_method_id": tok[c_id],
            "first_seen": ts(created[c_acc]),
            "last_seen": ts(last[c_acc]),
        }
    ).to_parquet(f"{out}/payment_methods.parquet", index=False)
    pd.DataFrame(
        {
            "account_id": ids,
            "created_at": ts(created),
            "email_domain": A["domain"],
            "country": A["country"],
            "status": A["status"],
        }
    ).to_parquet(f"{out}/accounts.parquet", index=False)
    pd.DataFrame(
        {
            "account_id": ids,
            "group": A["group"],
            "kind": A["kind"],
            "status": A["status"],
            "replacement": A["replacement"],
        }
    ).to_csv(f"{out}/truth.csv", index=False)
    return A, len(req)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name, kw in [
        ("out_dir", {}),
        ("--accounts", dict(type=int, default=100_000)),
        ("--seed", dict(type=int, default=0)),
    ]:
        ap.add_argument(name, **kw)
    a = ap.parse_args()
    w = World(a.accounts, np.random.default_rng(a.seed))
    build(w)
    A, n_req = write(w, a.out_dir)
    print(pd.DataFrame({"group": A["group"], "kind": A["kind"]}).value_counts().sort_index().to_string())
    print(f"accounts={w.n_acc} requests={n_req} ips={w.n_ip} fingerprints={w.n_fp} cards={w.n_card}")


if __name__ == "__main__":
    main()
