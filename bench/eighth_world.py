#!/usr/bin/env python
"""eighth_world: an independent synthetic world for testing linkgraph (data contract v2).

Written only from DATA_CONTRACT.md and a description of the Feb-2026 distillation campaigns. 45 days from
2026-01-05 UTC; model "atlas-4" is released on day 24. Fraud (kind=fraud, ~3% of accounts):
  op_lockstep  load-balanced waves: hundreds of accounts in the same minute, one template family per wave;
               prepaid cards shared by 2-3; VPS / residential proxy A / reseller; ban sweeps + replacements.
  op_hydra     cells driven together through residential proxy B (shared with customers) and private DC
               IPs; each banned account is replaced days later (fresh card, predecessor's IPs, same families).
  op_drip      (new) aged sleepers that warm up, then drip a few paraphrased prompts a day in human sessions,
               own card each, only via rotating residential exits or carrier CGNAT; atlas-4 over days.
  op_relay     (new) disposable 3-4 account cells living 3-7 days, staggered; per-cell throwaway domain,
               card and VPS (or the reseller); cells share nothing but template families.
Benign look-alikes (kind=benign_group): ci_fleet, enterprise_migration, university, research_lab, coworking,
conference_workshop, saas_backend. Organic users: home ISPs, carrier CGNAT, offices, VPNs, residential-proxy
customers, cloud developers, reseller customers, households sharing a card, cron jobs at :00, popular public
templates and a popular open-source agent's system prompt.
"""

import argparse
import os
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DAY, HOUR, DAYS = 86400, 3600, 45
T0 = int(pd.Timestamp("2026-01-05", tz="UTC").timestamp())  # a Monday
TEND, REL = T0 + DAYS * DAY, T0 + 24 * DAY + 17 * HOUR
BIG = TEND + 400 * DAY  # "never"
MODELS = np.array(["atlas-mini", "atlas-3", "atlas-3-pro", "atlas-4"])
M_STD, M_PRO, M_NEW = 1, 2, 3
NPUB = AGENT = 1500  # public template families 0..1499; 1500 = a popular agent's system prompt
U64 = np.uint64
# country, utc offset (h), weight, home ISP ASNs, mobile carrier ASNs
_C = [
    ("US", -6, 0.27, (7922, 20115, 7018, 701, 22773), (21928, 22394, 20057)),
    ("IN", 5.5, 0.09, (24560, 9498, 45609), (55836, 45271)),
    ("GB", 0, 0.06, (2856, 5089, 5607), (25135, 12576)),
    ("DE", 1, 0.06, (3320, 3209, 8881), (6805, 29247)),
    ("FR", 1, 0.04, (3215, 12322, 5410), (51207, 15557)),
    ("JP", 9, 0.04, (2516, 4713, 17676), (9605, 2527)),
]
_C += [
    (c, tz, w, (130000 + 100 * i, 130001 + 100 * i), (130005 + 100 * i, 130006 + 100 * i))
    for i, (c, tz, w) in enumerate(
        [
            ("BR", -3, 0.05),
            ("CA", -5, 0.04),
            ("KR", 9, 0.03),
            ("AU", 10, 0.03),
            ("ES", 1, 0.03),
            ("IT", 1, 0.03),
            ("MX", -6, 0.03),
            ("ID", 7, 0.03),
            ("NL", 1, 0.02),
            ("PL", 1, 0.02),
            ("TR", 3, 0.02),
            ("VN", 7, 0.02),
            ("PH", 8, 0.02),
            ("NG", 1, 0.02),
            ("SG", 8, 0.015),
            ("HK", 8, 0.01),
        ]
    )
]
CC, CTZ = np.array([c[0] for c in _C]), np.array([c[1] for c in _C], float)
CW = np.array([c[2] for c in _C]) / sum(c[2] for c in _C)
CI = {c: i for i, c in enumerate(CC)}
MAIL = np.array(
    [
        "gmail.com",
        "outlook.com",
        "hotmail.com",
        "yahoo.com",
        "icloud.com",
        "proton.me",
        "qq.com",
        "163.com",
        "gmx.de",
        "yandex.ru",
        "naver.com",
        "mail.ru",
        "web.de",
        "orange.fr",
    ]
)
MAILW = np.array([46, 12, 6, 7, 6, 2.5, 3, 1.5, 2.5, 1.5, 1.5, 1, 1.5, 1.5]) / 93.5
SYL = np.array(
    [
        "ka",
        "ro",
        "mi",
        "te",
        "lu",
        "vo",
        "na",
        "xi",
        "pe",
        "dor",
        "lin",
        "bra",
        "sto",
        "qu",
        "zen",
        "fa",
        "mor",
        "tri",
        "gel",
        "sun",
        "ark",
        "nov",
        "pix",
        "hal",
        "ber",
        "cas",
        "tul",
        "wex",
    ]
)
HOME_H = np.array(
    [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.2, 2.8, 3, 3, 3, 3, 3, 3, 3, 3.2, 3.5, 3.8, 3.8, 3.2, 2.4, 1.6]
)
WORK_H = np.array(
    [0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 1, 3, 5, 5, 4.5, 3, 4.5, 5, 5, 4.5, 3, 1.2, 0.6, 0.4, 0.3, 0.2, 0.1]
)
HOME_H, WORK_H = HOME_H / HOME_H.sum(), WORK_H / WORK_H.sum()
HOME, MOB, OFFICE, RESIA, RESIB, VPN, CLOUD, RESELL = range(8)  # access channels
PROFILES = np.array(
    [  # organic channel mixes: home, mobile, office, resiA, resiB, vpn, cloud, reseller
        [1, 0, 0, 0, 0, 0, 0, 0],
        [0.6, 0.4, 0, 0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0, 0, 0, 0],
        [0.45, 0.1, 0.45, 0, 0, 0, 0, 0],
        [0.2, 0, 0, 0.8, 0, 0, 0, 0],
        [0.2, 0, 0, 0, 0.8, 0, 0, 0],
        [0.3, 0.1, 0, 0, 0, 0.6, 0, 0],
        [0.35, 0.05, 0, 0, 0, 0, 0.6, 0],
        [0, 0, 0, 0, 0, 0, 0, 1],
        [0, 0, 1, 0, 0, 0, 0, 0],
    ]
)
PROF_W = np.array([0.36, 0.25, 0.12, 0.10, 0.021, 0.014, 0.05, 0.045, 0.01, 0.02]) / 0.99


def zipf_p(n, a=1.05, off=3):
    p = 1.0 / (np.arange(n) + off) ** a
    return p / p.sum()


PUBP = zipf_p(NPUB, 1.0, 10)


def mix(x):
    """splitmix64 finaliser (a bijection on uint64), vectorised."""
    x = np.asarray(x).astype(U64)
    with np.errstate(over="ignore"):
        x = x + U64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> U64(30))) * U64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> U64(27))) * U64(0x94D049BB133111EB)
        return x ^ (x >> U64(31))


_B32, _HEX = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz234567", "S1"), np.frombuffer(b"0123456789abcdef", "S1")


def tok(prefix, x, n=13):
    """Opaque token: prefix + n base32 characters (mostly letters, never a long digit run)."""
    x = np.asarray(x, U64)
    ch = _B32[((x[:, None] >> (np.arange(n, dtype=U64) * U64(5))) & U64(31)).astype(np.intp)]
    pre = np.broadcast_to(np.frombuffer(prefix.encode(), "S1"), (len(x), len(prefix)))
    m = np.ascontiguousarray(np.concatenate([pre, ch], 1))
    return m.view(f"S{m.shape[1]}").ravel().astype(str)


def nibbles(x):
    return ((x[:, None] >> np.arange(60, -1, -4, dtype=U64)) & U64(15)).astype(np.intp)


def hex16(x):
    return np.ascontiguousarray(_HEX[nibbles(x)]).view("S16").ravel().astype(str)


def no_digit_run(x):
    """Flip 1-2 bits of nibble 7 when 13+ consecutive hex digits are decimal (could pass for a card number)."""
    nib = nibbles(x)
    c = np.concatenate([np.zeros((len(x), 1), np.int16), np.cumsum(nib < 10, 1, dtype=np.int16)], 1)
    bad, d = ((c[:, 13:] - c[:, :-13]) == 13).any(1), nib[:, 7]
    fl = np.where((d >= 2) & (d <= 7), 8, np.where(d >= 8, 2, 10)).astype(U64)
    return np.where(bad, x ^ (fl << U64(32)), x)


def simhash(fam, var):
    """Family base hash; a paraphrase (var>0) flips a random subset of 8 family-specific unstable bits."""
    fam, var = fam.astype(U64), var.astype(U64)
    base, hp = mix(fam ^ U64(0x5EED5EED1234ABCD)), mix(fam ^ U64(0x0DDBA11CAFEF00D5))
    hv = mix(((fam << U64(24)) | var) ^ U64(0x7A11C0DE99887766))
    mask = np.zeros(len(fam), U64)
    for j in range(8):
        sel = ((hv >> U64(4 * j)) & U64(3)) == U64(0)
        mask |= np.where(sel, U64(1) << ((hp >> U64(6 * j)) & U64(63)), U64(0))
    mask = np.where(mask == U64(0), U64(1) << (hp & U64(63)), mask)
    return no_digit_run(np.where(var == U64(0), base, base ^ mask))


class Net:
    """IPv4 space handed out in /16s, each /16 owned by one ASN."""

    FO = (24, 31, 37, 45, 62, 68, 73, 77, 81, 86, 91, 98, 103, 109, 141, 151, 176, 185, 193, 212)

    def __init__(self):
        self.k, self.starts, self.asns = 0, [], []

    def alloc(self, asn, size):
        bases = []
        for _ in range(-(-size // 65024)):
            bases.append((self.FO[self.k // 240] << 24) | ((10 + self.k % 240) << 16))
            self.k += 1
            self.starts.append(bases[-1])
            self.asns.append(asn)
        return np.array(bases, np.int64), size

    @staticmethod
    def ip(blk, idx):
        q, rr = np.divmod(np.asarray(idx, np.int64), 65024)
        return blk[0][q] + (rr // 254) * 256 + rr % 254 + 1

    def pool(self, asn, size):
        return self.ip(self.alloc(asn, size), np.arange(size))

    def asn_of(self, ips):
        return np.array(self.asns, np.int64)[np.searchsorted(np.array(self.starts, np.int64), ips, side="right") - 1]


class World:
    def __init__(self, n, seed):
        self.N, self.seed, self.r, self.net = n, seed, np.random.default_rng(seed), Net()
        self.A = {k: [] for k in ("cr", "ctry", "dom", "ban", "bst", "grp", "repl")}
        self.R = {k: [] for k in ("a", "t", "ip", "m", "f", "v")}
        self.C = {k: [] for k in ("a", "card", "first")}
        self.nacc = self.ncard = 0
        self.nfam, self.doms, self.groups = 2000, {}, []
        net = self.net
        pools = {"h": ([], [], [], [[], []]), "m": ([], [], [], [[], []])}
        for c in _C:  # home ISP and carrier CGNAT pools sized from the expected users per country
            users = n * c[2] / sum(x[2] for x in _C)
            for key, asns, size in (
                ("h", c[3], lambda k, users=users: int(10 * users / k) + 64),
                ("m", c[4], lambda k, users=users: max(3, int(users * 0.4 / k / 60))),
            ):
                ips, off, sz, idx = pools[key]
                idx[0].append(len(sz))
                idx[1].append(len(asns))
                for asn in asns:
                    off.append(sum(len(x) for x in ips))
                    sz.append(size(len(asns)))
                    ips.append(net.pool(asn, sz[-1]))
        (hp, ho, hs, hi), (mp, mo, ms, mi) = pools["h"], pools["m"]
        self.HP, self.hoff, self.hsz, self.hisp = np.concatenate(hp), np.array(ho), np.array(hs), np.array(hi)
        self.MP, self.moff, self.msz, self.misp = np.concatenate(mp), np.array(mo), np.array(ms), np.array(mi)
        self.CLOUD = [net.alloc(a, 1 << 20) for a in (16509, 15169, 8075, 14061, 24940, 16276)]
        self.DC = [net.alloc(a, 1 << 16) for a in (9009, 60068, 62240)]  # datacenter proxy providers
        self.BIZ = [net.alloc(a, 1 << 18) for a in (3356, 174, 6939, 1299)]  # business ISPs (office NATs)
        self.RESIA = net.pool(211619, max(400, n // 20))  # residential proxy provider A
        self.RESIB = net.pool(207990, max(300, n // 33))  # residential proxy provider B
        self.VPN = np.concatenate([net.pool(a, max(25, n // 1200)) for a in (212238, 136787, 209854)])
        self.RESELLER = net.pool(398324, 6 + n // 20000)  # API reseller gateway
        self.CAMPUS, self.INST, self.VENUE = net.pool(7377, 6), net.pool(3582, 2), net.pool(31334, 2)

    # ---- bookkeeping -------------------------------------------------------------------------------
    def fams(self, k):
        self.nfam += int(k)
        return np.arange(self.nfam - int(k), self.nfam)

    def dom(self, names):
        u, inv = np.unique(np.asarray(names).astype(str), return_inverse=True)
        return np.array([self.doms.setdefault(x, len(self.doms)) for x in u], np.int32)[inv]

    def add_acc(self, n, grp, kind, cr, ctry, dom, ban=None, bst=None, repl=None):
        A = self.A
        A["cr"].append(np.asarray(cr, np.int64))
        A["ctry"].append(np.asarray(ctry, np.int16))
        A["dom"].append(self.dom(dom))
        A["ban"].append(np.full(n, BIG) if ban is None else np.asarray(ban, np.int64))
        A["bst"].append(np.zeros(n, np.int8) if bst is None else np.asarray(bst, np.int8))
        A["grp"].append(np.full(n, len(self.groups), np.int16))
        A["repl"].append(np.zeros(n, bool) if repl is None else np.asarray(repl, bool))
        self.groups.append((grp, kind))
        self.nacc += n
        return np.arange(self.nacc - n, self.nacc)

    def add_req(self, a, t, ip, m, f, v):
        for k, x, d in (
            ("a", a, np.int32),
            ("t", t, np.int64),
            ("ip", ip, np.int64),
            ("m", m, np.int8),
            ("f", f, np.int64),
            ("v", v, np.int64),
        ):
            self.R[k].append(np.broadcast_to(np.asarray(x).astype(d), (len(a),)))

    def cards(self, a, first, card=None):
        """Attach payment methods (card=None: a fresh card per row)."""
        card = self.new_cards(len(a)) if card is None else np.asarray(card)
        self.C["a"].append(np.asarray(a))
        self.C["card"].append(card)
        self.C["first"].append(np.asarray(first, np.int64))

    def own_cards(self, a, cr, frac, lo, hi):
        """A fraction of the accounts attach a personal card lo..hi seconds after creation."""
        p = self.r.random(len(a)) < frac
        self.cards(a[p], cr[p] + self.r.integers(lo, hi, p.sum()))

    def new_cards(self, k):
        self.ncard += k
        return np.arange(self.ncard - k, self.ncard)

    def group_ids(self, n, lo, hi):
        """Random partition of n items into groups of lo..hi."""
        return self.r.permutation(np.repeat(np.arange(n), self.r.integers(lo, hi + 1, n))[:n])

    def custom_domains(self, k, tlds):
        def s():
            return SYL[self.r.integers(0, len(SYL), k)]

        d = pd.Series(s()) + s() + np.where(self.r.random(k) < 0.5, s(), "") + "."
        return (d + np.asarray(tlds)[self.r.integers(0, len(tlds), k)]).to_numpy().astype(str)

    def mail(self, n):
        return MAIL[self.r.choice(len(MAIL), n, p=MAILW)]

    # ---- networks -----------------------------------------------------------------------------------
    def pick(self, pool, n):
        return pool[self.r.integers(0, len(pool), n)]

    def vps(self, n, clouds=(0.45, 0.2, 0.12, 0.1, 0.08, 0.05)):
        c, out = self.r.choice(len(clouds), n, p=np.array(clouds) / sum(clouds)), np.zeros(n, np.int64)
        for i, blk in enumerate(self.CLOUD):
            out[c == i] = Net.ip(blk, self.r.integers(0, blk[1], (c == i).sum()))
        return out

    def biz(self, n, blocks=None):
        blks = blocks or self.BIZ
        return np.array([Net.ip(blks[i], self.r.integers(0, blks[i][1])) for i in self.r.integers(0, len(blks), n)])

    def resources(self, ctry, office=-1):
        """Per-account home IPs (with churn), carrier, own VPS; office filled in by the caller."""
        r, n = self.r, len(ctry)
        isp = self.hisp[0][ctry] + (r.random(n) * self.hisp[1][ctry]).astype(int)

        def h():
            return self.HP[self.hoff[isp] + (r.random(n) * self.hsz[isp]).astype(int)]

        return dict(
            home=h(),
            home2=h(),
            churn=np.where(r.random(n) < 0.2, T0 + r.random(n) * DAYS * DAY, BIG),
            car=self.misp[0][ctry] + (r.random(n) * self.misp[1][ctry]).astype(int),
            vps=self.vps(n),
            office=np.broadcast_to(office, n).astype(np.int64),
        )

    def chan_ips(self, sa, st, ch, res):
        r, ip = self.r, np.zeros(len(sa), np.int64)
        m = ch == HOME
        ip[m] = np.where(st[m] >= res["churn"][sa[m]], res["home2"][sa[m]], res["home"][sa[m]])
        m = ch == MOB
        c = res["car"][sa[m]]
        ip[m] = self.MP[self.moff[c] + (r.random(m.sum()) * self.msz[c]).astype(int)]
        for k, pool in ((RESIA, self.RESIA), (RESIB, self.RESIB), (VPN, self.VPN), (RESELL, self.RESELLER)):
            m = ch == k
            ip[m] = self.pick(pool, m.sum())
        m = ch == OFFICE
        ip[m] = res["office"][sa[m]]
        m = ch == CLOUD
        ip[m] = res["vps"][sa[m]]
        return ip

    def chan(self, probs, sa):
        """Per-session channel drawn from per-account probability rows."""
        cum = np.cumsum(probs, 1)
        return (self.r.random(len(sa))[:, None] > (cum / cum[:, -1:])[sa]).sum(1)

    # ---- timing / content ---------------------------------------------------------------------------
    def human(self, nreq, ws, we, tz, work=False, smean=4.0):
        """Sessions with a diurnal profile in local time -> (req acct, ts, req session, session acct, session t)."""
        r, nreq = self.r, np.asarray(nreq, np.int64)
        ws, we = np.asarray(ws, float), np.asarray(we, float)
        ns = np.minimum(nreq, np.maximum(1, np.rint(nreq / smean * r.uniform(0.6, 1.4, len(nreq))))).astype(np.int64)
        sa = np.repeat(np.arange(len(nreq)), ns)
        t = ws[sa] + r.random(len(sa)) * (we - ws)[sa]
        day = np.floor((t + tz[sa] * HOUR) / DAY)
        if work:  # weekend sessions mostly moved to Friday
            dow = (day + 3) % 7
            day = np.where((dow >= 5) & (r.random(len(sa)) < 0.9), day - (dow - 4), day)
        t2 = day * DAY + (r.choice(24, len(sa), p=WORK_H if work else HOME_H) + r.random(len(sa)) - tz[sa]) * HOUR
        st = np.where((t2 >= ws[sa]) & (t2 < we[sa]), t2, t)
        dur = r.exponential(900, len(sa)) + 60
        ri = np.repeat(np.arange(len(nreq)), nreq)
        rs = (np.cumsum(ns) - ns)[ri] + (r.random(len(ri)) * ns[ri]).astype(np.int64)
        ts = np.minimum(st[rs] + r.random(len(ri)) * dur[rs], we[ri] - 1)
        return ri, ts.astype(np.int64), rs, sa, st

    def tmpl_org(self, ri, ts, P):
        """Ordinary prompt mix: personal templates (mostly exact repeats), public templates, agent prompt."""
        r, n = self.r, len(ri)
        fam, var = np.empty(n, np.int64), np.zeros(n, np.int64)
        ag = P["agent"][ri] & (r.random(n) < 0.55)
        pub = ~ag & (r.random(n) < P["ppub"][ri])
        per = ~ag & ~pub
        fam[pub] = r.choice(NPUB, pub.sum(), p=PUBP)
        var[pub] = np.where(r.random(pub.sum()) < 0.8, 0, r.integers(1, 6, pub.sum()))
        fam[per] = P["pers0"][ri[per]] + (P["persk"][ri[per]] * r.random(per.sum()) ** 2).astype(np.int64)
        var[per] = np.where(r.random(per.sum()) < 0.9, 0, r.integers(1, 4, per.sum()))
        tl = ts[ag] - P["alag"][ri[ag]]  # agent versions bump on day 12 and 31; users upgrade with a lag
        fam[ag], var[ag] = AGENT, (tl >= T0 + 12 * DAY).astype(int) + (tl >= T0 + 31 * DAY)
        return fam, var

    def pers(self, n, nreq, agent_p=0.08, ppub=(1.2, 3.5)):
        r = self.r
        persk = 1 + np.minimum(r.geometric(0.3, n) - 1, 29) + nreq // 40
        return dict(
            persk=persk,
            pers0=self.fams(persk.sum())[0] + np.cumsum(persk) - persk,
            ppub=r.beta(*ppub, n),
            agent=r.random(n) < agent_p,
            alag=r.exponential(4 * DAY, n),
        )

    def adopt_org(self, n):
        r, u = self.r, self.r.random(n)
        return np.where(
            u < 0.04, REL + r.uniform(0.5, 12, n) * HOUR, np.where(u < 0.44, REL + r.exponential(6 * DAY, n), BIG)
        ).astype(np.int64)

    def lognorm_n(self, n, mean, sigma=1.15, frac=1.0):
        x = self.r.lognormal(np.log(mean) - sigma**2 / 2, sigma, n) * frac
        return np.clip(np.rint(x), 1, 8000).astype(np.int64)

    def people(self, a, nreq, ws, we, ctry, probs, res, P, work=False, base=None, adopt=None):
        """Human-timed ordinary traffic for accounts a (all other arrays are local to a)."""
        r = self.r
        ri, ts, rs, sa, st = self.human(nreq, ws, we, CTZ[ctry], work)
        ip = self.chan_ips(sa, st, self.chan(probs, sa), res)[rs]
        f, v = self.tmpl_org(ri, ts, P)
        base = r.choice(3, len(a), p=[0.35, 0.45, 0.2]) if base is None else base
        adopt = self.adopt_org(len(a)) if adopt is None else adopt
        m = np.where(r.random(len(ri)) < 0.85, base[ri], r.integers(0, 3, len(ri)))
        self.add_req(a[ri], ts, ip, np.where((ts >= adopt[ri]) & (r.random(len(ri)) < 0.65), M_NEW, m), f, v)
        return ri, ts


# ---- organic ------------------------------------------------------------------------------------------
def organic(w, n):
    r = w.r
    ctry = r.choice(len(CC), n, p=CW)
    cr = np.where(r.random(n) < 0.8, T0 - r.uniform(0, 720, n) * DAY, T0 + r.uniform(0, 44, n) * DAY).astype(np.int64)
    custom = w.custom_domains(max(300, n // 20), ["com", "io", "net", "co", "ai", "dev", "org", "de", "co.uk", "edu"])
    cp = zipf_p(len(custom), 1.0, 5)  # some company / university domains have hundreds of users
    dom = np.where(r.random(n) < 0.78, w.mail(n), custom[r.choice(len(custom), n, p=cp)]).astype(object)
    dom[r.random(n) < 0.0005] = "student.lakeshore.edu"  # real students of the university op_lockstep abuses
    ws = np.maximum(cr, T0) + r.integers(0, 3 * HOUR, n)
    we = np.where(r.random(n) < 0.22, ws + (TEND - ws) * r.uniform(0.1, 0.9, n), TEND).astype(np.int64)  # churners
    u = r.random(n)
    ban = np.where(u < 0.0045, ws + (TEND - ws) * r.random(n), BIG).astype(np.int64)
    a = w.add_acc(n, "organic", "organic", cr, ctry, dom, ban, np.where(u < 0.0015, 1, np.where(u < 0.0045, 2, 0)))
    nreq = w.lognorm_n(n, 40, frac=(we - ws) / (DAYS * DAY))
    nreq[r.random(n) < 0.06] = 0  # signed up, never used the API
    prof = r.choice(len(PROF_W), n, p=PROF_W)
    noff = max(20, int(n * 0.12 / 12))  # offices: corporate NATs with heavy-tailed headcount
    res = w.resources(ctry, w.biz(noff)[r.choice(noff, n, p=zipf_p(noff, 1.0, 5))])
    nh = int(n * 0.02)  # households: 2-4 accounts share home IPs and one card
    sz = r.integers(2, 5, nh)
    mem = r.choice(n, sz.sum(), replace=False)
    head = np.repeat(mem[np.cumsum(sz) - sz], sz)
    for k in ("home", "home2", "churn"):
        res[k][mem] = res[k][head]
    ctry[mem] = ctry[head]
    prof[mem] = np.where(PROFILES[prof[mem], HOME] > 0, prof[mem], 1)
    w.cards(a[mem], np.maximum(cr[mem], cr[head]) + r.integers(0, 20 * DAY, len(mem)), np.repeat(w.new_cards(nh), sz))
    inh = np.zeros(n, bool)
    inh[mem] = True
    own = np.where(inh, r.random(n) < 0.3, r.random(n) < 0.7)
    w.cards(a[own], cr[own] + r.integers(0, 30 * DAY, own.sum()))
    w.own_cards(a[own], cr[own], 0.08, 10 * DAY, 200 * DAY)  # a second card later
    P, base, act = w.pers(n, nreq), r.choice(3, n, p=[0.35, 0.45, 0.2]), nreq > 0
    w.people(
        a[act],
        nreq[act],
        ws[act],
        we[act],
        ctry[act],
        PROFILES[prof[act]],
        {k: v[act] for k, v in res.items()},
        {k: v[act] for k, v in P.items()},
        base=base[act],
    )
    # cron jobs: daily at HH:00, every 6h, or hourly, fired within ~3 s of the top of the hour
    ci = np.nonzero(act & (r.random(n) < 0.025))[0]
    ck = r.choice(3, len(ci), p=[0.62, 0.26, 0.12])
    per = np.array([DAY, 6 * HOUR, HOUR])[ck]
    cs = ws[ci] + r.integers(0, 10 * DAY, len(ci))
    ce = np.minimum(cs + np.where(ck == 2, r.uniform(3, 12, len(ci)), r.uniform(10, 45, len(ci))) * DAY, we[ci])
    hh = np.where(ck == 0, r.integers(0, 24, len(ci)), np.where(ck == 1, r.integers(0, 6, len(ci)), 0))
    first = (cs // per + 1) * per + hh * HOUR
    nf = np.maximum(0, (ce - first) // per + 1).astype(np.int64)
    j = np.repeat(np.arange(len(ci)), nf)
    k = np.arange(len(j)) - np.repeat(np.cumsum(nf) - nf, nf)
    j, k = j[keep := r.random(len(j)) > 0.08], k[keep]  # some runs are missed
    cf = np.where(r.random(len(ci)) < 0.3, r.choice(NPUB, len(ci), p=PUBP), P["pers0"][ci])
    ip = np.where(PROFILES[prof[ci], CLOUD] > 0, res["vps"][ci], res["home"][ci])
    w.add_req(a[ci[j]], first[j] + k * per[j] + r.uniform(0, 3, len(j)), ip[j], base[ci[j]], cf[j], 0)


# ---- fraud --------------------------------------------------------------------------------------------
def fraud_mail(w, n, uni=0.0, throwaway=None, p_throw=0.0):
    d = w.mail(n)
    if throwaway is not None:
        d = np.where(w.r.random(n) < p_throw, throwaway, d)
    return np.where(w.r.random(n) < uni, "student.lakeshore.edu", d)


def ban_status(w, ban, p_banned=0.8):
    return np.where(ban < BIG, np.where(w.r.random(len(ban)) < p_banned, 1, 2), 0)


def paraphrase(w, n):  # a fresh rewording of the template: new fingerprint, simhash a few bits off
    return w.r.integers(1, 1 << 24, n)


def op_lockstep(w, n):
    r = w.r
    nA = round(n * 0.62)
    nB = n - nA
    sw1, sw2 = T0 + 17 * DAY + 14 * HOUR, T0 + 36 * DAY + 10 * HOUR  # enforcement sweeps
    cr = np.concatenate([T0 - r.uniform(0.5, 4, nA) * DAY, sw1 + r.uniform(2, 4.5, nB) * DAY]).astype(np.int64)
    b1 = np.r_[r.random(nA) < 0.45, np.zeros(nB, bool)]
    b2 = ~b1 & (r.random(n) < 0.3)
    ban = np.where(b1, sw1 + r.integers(0, 6 * HOUR, n), np.where(b2, sw2 + r.integers(0, 8 * HOUR, n), BIG))
    cc = np.array([CI[c] for c in ("US", "SG", "HK", "JP", "GB", "KR", "CA")])
    ctry = cc[r.choice(7, n, p=[0.4, 0.15, 0.1, 0.1, 0.1, 0.1, 0.05])]
    a = w.add_acc(
        n, "op_lockstep", "fraud", cr, ctry, fraud_mail(w, n, uni=0.15), ban, ban_status(w, ban), np.arange(n) >= nA
    )
    g = w.group_ids(n, 2, 3)  # prepaid cards shared by 2-3 accounts
    w.cards(a, cr + r.integers(600, 4 * HOUR, n), w.new_cards(g.max() + 1)[g])
    F = w.fams(5)
    st, en = cr + r.uniform(0.3, 1.5, n) * DAY, np.minimum(ban, TEND)
    days = np.arange(-1, DAYS)  # a 10-hour shift a day, a wave every 30-40 minutes
    wt = (
        (T0 + days * DAY + (1 + r.uniform(-0.5, 0.5, len(days))) * HOUR)[:, None]
        + np.cumsum(r.uniform(30, 40, (len(days), 17)) * 60, 1)
    ).ravel()
    wf = r.choice(5, len(wt), p=[0.4, 0.25, 0.15, 0.12, 0.08])  # every account in a wave uses the same family
    ai, wi = np.nonzero((wt[None, :] >= st[:, None]) & (wt[None, :] < en[:, None]) & (r.random((n, len(wt))) < 0.45))
    k = 1 + r.poisson(0.8, len(ai))
    ri, rw, pj = np.repeat(ai, k), np.repeat(wi, k), np.repeat(np.arange(len(ai)), k)
    ts = wt[rw] + r.uniform(0, 50, len(ri))
    path = r.choice(3, n, p=[0.4, 0.35, 0.25])  # cloud VPS (2 accounts per box) / resi proxy A / reseller
    cl, vps = np.nonzero(path == 0)[0], np.zeros(n, np.int64)
    gv = w.group_ids(len(cl), 2, 2)
    vps[cl] = w.vps(gv.max() + 1 if len(cl) else 0, (0.3, 0.1, 0.1, 0.2, 0.3, 0))[gv]
    ip = np.select(
        [path[ri] == 0, path[ri] == 1], [vps[ri], w.pick(w.RESIA, len(ai))[pj]], w.pick(w.RESELLER, len(ai))[pj]
    )
    m = np.where((ts >= REL + 9 * HOUR) & (r.random(len(ri)) < 0.95), M_NEW, M_PRO)
    w.add_req(a[ri], ts, ip, m, F[wf[rw]], paraphrase(w, len(ri)))


def op_hydra(w, ncell):
    r = w.r
    F, cf = w.fams(10), np.argsort(r.random((ncell, 10)), 1)[:, :3]

    def dc(cells):
        return np.array([Net.ip(w.DC[i % 3], r.integers(0, 1 << 16)) for i in cells], np.int64)

    cpool = dc(np.repeat(np.arange(ncell), 4)).reshape(ncell, 4)
    cdom = w.custom_domains(ncell, ["xyz", "top", "site", "online", "shop"])
    cell = np.repeat(np.arange(ncell), r.integers(5, 11, ncell))
    cr = (T0 - r.uniform(2, 12, len(cell)) * DAY).astype(np.int64)
    pips = cpool[cell[:, None], np.argsort(r.random((len(cell), 4)), 1)[:, :3]]
    out, gen = [], 0
    while len(cell):  # generations: each banned account is replaced 2-6 days later
        st = np.maximum(cr + r.uniform(0.2, 1.5, len(cell)) * DAY, T0)
        ban = st + r.exponential(40 * DAY, len(cell))
        ban = np.where(ban < TEND, ban, BIG).astype(np.int64)
        out.append((cell, cr, pips, st, ban, np.full(len(cell), gen)))
        b = ban < BIG
        rc = ban[b] + r.uniform(2, 6, b.sum()) * DAY
        ok = rc < TEND - DAY
        keep2 = np.argsort(r.random((ok.sum(), 3)), 1)[:, :2]
        pips = np.c_[np.take_along_axis(pips[b][ok], keep2, 1), dc(cell[b][ok])]
        cell, cr, gen = cell[b][ok], rc[ok].astype(np.int64), gen + 1
    cell, cr, pips, st, ban, gen = (np.concatenate(x) for x in zip(*out, strict=True))
    n = len(cell)
    ctry = np.array([CI[c] for c in ("US", "GB", "SG", "DE", "CA", "JP")])[r.integers(0, 6, n)]
    a = w.add_acc(
        n,
        "op_hydra",
        "fraud",
        cr,
        ctry,
        fraud_mail(w, n, 0.0, cdom[cell], 0.35),
        ban,
        ban_status(w, ban, 0.75),
        gen > 0,
    )
    rank = np.arange(n) - np.searchsorted(cell[gen == 0], cell)  # rank within cell (gen 0 rows come first)
    shared = (gen == 0) & (r.random(ncell) < 0.5)[cell]  # half the cells pair up cards initially
    u, inv = np.unique(np.where(shared, cell * 64 + rank // 2, -1 - np.arange(n)), return_inverse=True)
    w.cards(a, cr + r.integers(600, 6 * HOUR, n), w.new_cards(len(u))[inv])  # replacements: fresh card each
    s_cell = np.repeat(np.arange(ncell), r.poisson(1.8 * (DAYS + 1), ncell))  # cell work sessions
    s_t, s_d = T0 + r.random(len(s_cell)) * DAYS * DAY, r.uniform(30, 90, len(s_cell)) * 60
    pr = pd.DataFrame({"c": s_cell, "s": np.arange(len(s_cell))}).merge(pd.DataFrame({"c": cell, "a": np.arange(n)}))
    sa, ss = pr["a"].to_numpy(), pr["s"].to_numpy()
    on = (s_t[ss] >= st[sa]) & (s_t[ss] < ban[sa])
    k = r.poisson(s_d[ss[on]] / 300)
    ri, rs = np.repeat(sa[on], k), np.repeat(ss[on], k)
    ts = s_t[rs] + r.random(len(ri)) * s_d[rs]
    ip = np.where(r.random(len(ri)) < 0.5, w.pick(w.RESIB, len(ri)), pips[ri, r.integers(0, 3, len(ri))])
    fam = F[cf[cell[ri], r.choice(3, len(ri), p=[0.6, 0.3, 0.1])]]
    m = np.where((ts >= REL + 6 * HOUR) & (r.random(len(ri)) < 0.9), M_NEW, M_PRO)
    w.add_req(a[ri], ts, ip, m, fam, paraphrase(w, len(ri)))


def op_drip(w, n):
    r = w.r
    ctry = r.choice(len(CC), n, p=CW)
    cr = (T0 - r.uniform(20, 80, n) * DAY).astype(np.int64)
    sd = (T0 + r.uniform(6, 22, n) * DAY).astype(np.int64)  # when the drip starts
    ban = np.where(r.random(n) < 0.06, sd + (TEND - sd) * r.random(n), BIG).astype(np.int64)
    a = w.add_acc(n, "op_drip", "fraud", cr, ctry, w.mail(n), ban, ban_status(w, ban, 0.0))
    w.cards(a, cr + r.integers(HOUR, 3 * DAY, n))  # one virtual card each, never shared
    res = w.resources(ctry)
    probs = np.where((r.random(n) < 0.65)[:, None], np.eye(8)[RESIA], np.eye(8)[MOB])
    P = w.pers(n, np.zeros(n, np.int64), agent_p=0, ppub=(50, 0.01))  # warm-up: public templates only
    base = r.choice([M_STD, M_PRO], n, p=[0.4, 0.6])
    w.people(a, r.poisson(5, n) + 1, np.full(n, T0), sd, ctry, probs, res, P, base=base, adopt=np.full(n, BIG))
    nd = r.poisson(r.uniform(3, 8, n) * (TEND - sd) / DAY)
    ri, ts, rs, sa, st = w.human(nd, sd, np.full(n, TEND), CTZ[ctry], smean=2.5)
    ip = w.chan_ips(sa, st, w.chan(probs, sa), res)[rs]
    F, af = w.fams(30), np.argsort(r.random((n, 30)), 1)[:, :4]
    fam, var = F[af[ri, r.choice(4, len(ri), p=[0.4, 0.3, 0.2, 0.1])]], paraphrase(w, len(ri))
    cam = r.random(len(ri)) < 0.2  # camouflage: ordinary public templates
    fam[cam], var[cam] = r.choice(NPUB, cam.sum(), p=PUBP), 0
    adopt = REL + r.uniform(1, 7, n) * DAY
    w.add_req(a[ri], ts, ip, np.where((ts >= adopt[ri]) & (r.random(len(ri)) < 0.7), M_NEW, base[ri]), fam, var)


def op_relay(w, n):
    r = w.r
    ncell = max(6, round(n / 3.5))
    cell = np.repeat(np.arange(ncell), r.integers(3, 5, ncell))
    cs = T0 + r.uniform(-1, 42, ncell) * DAY
    ce = np.minimum(cs + r.uniform(3, 7, ncell) * DAY, TEND)
    bt = np.where(r.random(ncell) < 0.35, cs + (ce - cs) * r.uniform(0.5, 1, ncell), BIG).astype(np.int64)
    ce, nn = np.minimum(ce, bt), len(cell)
    cr = (cs[cell] - r.uniform(1, 10, nn) * HOUR).astype(np.int64)
    ctry = np.array([CI[c] for c in ("US", "SG", "HK", "GB", "CA", "AU")])[r.integers(0, 6, ncell)][cell]
    cdom = w.custom_domains(ncell, ["xyz", "top", "site", "online", "shop", "icu"])
    a = w.add_acc(nn, "op_relay", "fraud", cr, ctry, cdom[cell], bt[cell], ban_status(w, bt[cell], 0.9))
    w.cards(a, cr + r.integers(600, 2 * HOUR, nn), w.new_cards(ncell)[cell])  # one card per cell
    F, cf = w.fams(10), np.argsort(r.random((ncell, 10)), 1)[:, :2]
    via_res, cvps = r.random(ncell) < 0.5, w.vps(ncell, (0.2, 0.1, 0.1, 0.3, 0.3, 0))
    ri = np.repeat(np.arange(nn), r.poisson(r.uniform(40, 120, nn) * (ce - cs)[cell] / DAY))
    c = cell[ri]
    ts = cs[c] + r.random(len(ri)) * (ce - cs)[c]
    ip = np.where(via_res[c], w.pick(w.RESELLER, len(ri)), cvps[c])
    m = np.where((ts >= REL + r.uniform(2, 10, ncell)[c] * HOUR) & (r.random(len(ri)) < 0.95), M_NEW, M_PRO)
    w.add_req(a[ri], ts, ip, m, F[cf[c, r.integers(0, 2, len(ri))]], paraphrase(w, len(ri)))


# ---- benign look-alikes -------------------------------------------------------------------------------
def ci_fleet(w, n):
    r = w.r
    a = w.add_acc(
        n,
        "ci_fleet",
        "benign_group",
        T0 - r.uniform(100, 400, n) * DAY,
        np.full(n, CI["US"]),
        np.full(n, "brightforge.io"),
    )
    c1, c2 = w.new_cards(2)
    w.cards(a, np.full(n, T0 - 100 * DAY), np.full(n, c1))
    w.cards(a, np.full(n, T0 + 20 * DAY + 3 * HOUR), np.full(n, c2))  # company card renewed for the whole fleet
    nat, F = Net.ip(w.CLOUD[0], r.integers(0, 1 << 20, 4)), w.fams(6)
    hours = T0 + np.arange(DAYS * 24) * HOUR
    ai, hi = np.nonzero(r.random((n, len(hours))) < r.uniform(0.3, 0.9, n)[:, None])
    k = r.integers(1, 4, len(ai))
    ri, rh = np.repeat(ai, k), np.repeat(hi, k)
    ts, f = hours[rh] + r.uniform(0, 40, len(ri)), r.integers(0, 6, len(ri))
    v = np.where((ts >= T0 + 18 * DAY) & (f >= 2) & (f <= 3), 1, 0)  # template bump, fleet-wide
    w.add_req(a[ri], ts, nat[r.integers(0, 4, len(ri))], np.where(ts >= T0 + 35 * DAY, M_NEW, M_STD), F[f], v)


def enterprise(w, n):
    r = w.r
    ctry = np.where(r.random(n) < 0.7, CI["US"], CI["GB"])
    cr = (T0 - r.uniform(30, 500, n) * DAY).astype(np.int64)
    a = w.add_acc(n, "enterprise_migration", "benign_group", cr, ctry, np.full(n, "meridianhealth.com"))
    w.cards(a, np.maximum(cr, T0 - 30 * DAY), np.full(n, w.new_cards(1)[0]))  # enterprise billing token
    w.own_cards(a, cr, 0.1, 0, 20 * DAY)
    res = w.resources(ctry, w.biz(3, [w.BIZ[0]])[r.integers(0, 3, n)])
    nreq = w.lognorm_n(n, 50, 0.9)
    P = w.pers(n, nreq)
    adopt = np.where(r.random(n) < 0.85, REL + r.uniform(1, 6, n) * HOUR, BIG)  # IT flips the default model
    ri, ts, rs, sa, st = w.human(nreq, np.maximum(cr, T0), np.full(n, TEND), CTZ[ctry], True)
    ip = w.chan_ips(sa, st, w.chan(np.tile([0.3, 0, 0.7, 0, 0, 0, 0, 0], (n, 1)), sa), res)[rs]
    f, v = w.tmpl_org(ri, ts, P)
    internal = r.random(len(ri)) < 0.3  # prompts from the internal wiki, copied verbatim
    f[internal], v[internal] = w.fams(3)[r.integers(0, 3, internal.sum())], 0
    w.add_req(a[ri], ts, ip, np.where((ts >= adopt[ri]) & (r.random(len(ri)) < 0.9), M_NEW, M_STD), f, v)


def university(w, n):
    r = w.r
    cr = (T0 + 2 * DAY + r.uniform(0, 3, n) * DAY).astype(np.int64)  # cohort onboarding in three days
    ctry = np.full(n, CI["US"])
    a = w.add_acc(n, "university", "benign_group", cr, ctry, np.full(n, "mail.northfield.edu"))
    w.own_cards(a, cr, 0.35, 0, 10 * DAY)
    res = w.resources(ctry, w.pick(w.CAMPUS, n))
    nreq = w.lognorm_n(n, 25, 1.0)
    w.people(
        a,
        nreq,
        cr,
        np.full(n, TEND),
        ctry,
        np.tile([0.3, 0.2, 0.5, 0, 0, 0, 0, 0], (n, 1)),
        res,
        w.pers(n, nreq, agent_p=0.05),
        base=np.full(n, M_STD),
    )
    # weekly labs (Tue/Thu 14:00 local): students work through paraphrased assignment prompts
    course = w.fams(10)
    labs = np.array([T0 + d * DAY + 19 * HOUR for d in range(5, DAYS) if d % 7 in (1, 3)])
    li, lj = np.nonzero((r.random((n, len(labs))) < 0.7) & (labs[None, :] > cr[:, None]))
    k = r.poisson(3, len(li))
    ri, rl = np.repeat(li, k), np.repeat(lj, k)
    w.add_req(
        a[ri],
        labs[rl] + r.uniform(0, 90 * 60, len(ri)),
        res["office"][ri],
        M_STD,
        course[(rl + r.integers(0, 2, len(ri))) % 10],
        r.integers(0, 300, len(ri)),
    )


def research_lab(w, n):
    r = w.r
    cr = (T0 - r.uniform(200, 900, n) * DAY).astype(np.int64)
    a = w.add_acc(n, "research_lab", "benign_group", cr, np.full(n, CI["US"]), np.full(n, "kestrel-institute.org"))
    w.cards(a, np.full(n, T0 - 200 * DAY), np.full(n, w.new_cards(1)[0]))  # grant card
    w.own_cards(a, cr, 0.25, 0, 100 * DAY)
    gpu, F = Net.ip(w.CLOUD[1], r.integers(0, 1 << 20, 3)), w.fams(2)
    ja = np.repeat(np.arange(n), r.poisson(6, n) + 1)  # batch jobs: synthetic-data generation, one family
    js, jd = T0 + r.random(len(ja)) * DAYS * DAY, r.uniform(4, 30, len(ja)) * HOUR
    k = r.poisson(r.uniform(15, 50, len(ja)) * jd / HOUR)
    ri, rj = np.repeat(ja, k), np.repeat(np.arange(len(ja)), k)
    ts = np.minimum(js[rj] + r.random(len(ri)) * jd[rj], TEND - 1)
    ev = r.random(len(ri)) < 0.1  # fixed eval prompt
    ip = np.where(r.random(len(ri)) < 0.85, gpu[rj % 3], w.INST[ri % 2])
    m = np.where((ts >= REL + 2 * DAY) & (r.random(len(ri)) < 0.6), M_NEW, M_PRO)
    w.add_req(a[ri], ts, ip, m, F[ev.astype(int)], np.where(ev, 0, paraphrase(w, len(ri))))


def coworking(w, n):
    r = w.r
    ns = max(1, n // 40)
    sp = r.integers(0, ns, n)
    ctry = np.array([CI[c] for c in ("DE", "GB", "US", "NL")])[r.integers(0, 4, ns)][sp]
    cr = (T0 - r.uniform(0, 600, n) * DAY).astype(np.int64)
    dom = np.where(r.random(n) < 0.5, w.mail(n), w.custom_domains(n, ["com", "io", "dev", "ai", "co"]))
    a = w.add_acc(n, "coworking", "benign_group", cr, ctry, dom)
    w.own_cards(a, cr, 0.85, 0, 20 * DAY)
    res = w.resources(ctry, w.biz(ns, [w.BIZ[2], w.BIZ[1]])[sp])
    nreq = w.lognorm_n(n, 40, 1.0)
    w.people(
        a,
        nreq,
        np.maximum(cr, T0),
        np.full(n, TEND),
        ctry,
        np.tile([0.3, 0.1, 0.6, 0, 0, 0, 0, 0], (n, 1)),
        res,
        w.pers(n, nreq, agent_p=0.3),
        work=True,
    )


def conference(w, n):
    r = w.r
    day1 = T0 + 30 * DAY
    cr = (day1 + 7 * HOUR + r.uniform(0, 5, n) * HOUR).astype(np.int64)  # signed up at the venue
    cc = np.array([CI[c] for c in ("DE", "FR", "GB", "NL", "PL", "US")])
    ctry = cc[r.choice(6, n, p=[0.35, 0.15, 0.15, 0.15, 0.1, 0.1])]
    dom = np.where(r.random(n) < 0.6, w.mail(n), w.custom_domains(n, ["com", "io", "de", "eu"]))
    a = w.add_acc(n, "conference_workshop", "benign_group", cr, ctry, dom)
    w.own_cards(a, cr, 0.25, HOUR, 10 * DAY)
    steps = np.r_[day1 + 9 * HOUR + np.arange(8) * 20 * 60, day1 + DAY + 8 * HOUR + np.arange(5) * 25 * 60]
    ai, si = np.nonzero((r.random((n, len(steps))) < 0.85) & (steps[None, :] > cr[:, None]))
    k = r.integers(1, 4, len(ai))
    ri, rsi = np.repeat(ai, k), np.repeat(si, k)
    ts = steps[rsi] + r.uniform(0, 90, len(ri))  # "everyone run this now", slides copied verbatim
    w.add_req(
        a[ri],
        ts,
        w.pick(w.VENUE, len(ri)),
        M_NEW,
        w.fams(4)[rsi % 4],
        np.where(r.random(len(ri)) < 0.8, 0, r.integers(1, 4, len(ri))),
    )
    c = np.nonzero(r.random(n) < 0.45)[0]  # some keep using it from home afterwards
    nreq = w.lognorm_n(len(c), 20, 1.0)
    w.people(
        a[c],
        nreq,
        np.full(len(c), day1 + 2 * DAY),
        np.full(len(c), TEND),
        ctry[c],
        np.tile([0.7, 0.3, 0, 0, 0, 0, 0, 0], (len(c), 1)),
        w.resources(ctry[c]),
        w.pers(len(c), nreq),
        adopt=np.full(len(c), REL),
    )


def saas_backend(w, nst):
    r = w.r
    names = w.custom_domains(nst, ["io", "ai", "app"])
    for i in range(nst):  # a few startups, each round-robining its product traffic over 5-9 API keys
        k, susp = int(r.integers(5, 10)), i == 0
        cr = (T0 - r.uniform(60, 400, k) * DAY).astype(np.int64)
        ban, bst = np.full(k, BIG), np.zeros(k)
        if susp:
            ban[0], bst[0] = T0 + 15 * DAY + 5 * HOUR, 2  # card declined -> suspended; new key next day
        a = w.add_acc(k, "saas_backend", "benign_group", cr, np.full(k, CI["US"]), np.full(k, names[i]), ban, bst)
        w.cards(a, cr, np.full(k, w.new_cards(1)[0]))
        if susp:
            t2 = T0 + 16 * DAY + 2 * HOUR
            na, c2 = w.add_acc(1, "saas_backend", "benign_group", [t2], [CI["US"]], [names[i]]), w.new_cards(1)[0]
            w.cards(np.r_[na, a[1:]], np.r_[t2, np.full(k - 1, t2 + HOUR)], np.full(k, c2))
        tot = int(r.integers(4000, 14000))
        ts = np.sort(T0 + r.integers(0, DAYS, tot) * DAY + (r.choice(24, tot, p=HOME_H) + r.random(tot) + 6) * HOUR)
        ts = ts[ts < TEND]
        slot = np.arange(len(ts)) % k
        acct = np.where(susp & (slot == 0) & (ts >= T0 + 16 * DAY + 3 * HOUR), na[0] if susp else 0, a[slot])
        ips = Net.ip(w.CLOUD[i % 2], r.integers(0, 1 << 20, int(r.integers(2, 5))))
        adopt = REL + r.uniform(2, 20) * HOUR if r.random() < 0.5 else BIG
        m = np.where((ts >= adopt) & (r.random(len(ts)) < 0.9), M_NEW, M_STD)
        w.add_req(
            acct,
            ts,
            ips[r.integers(0, len(ips), len(ts))],
            m,
            w.fams(3)[r.choice(3, len(ts), p=[0.6, 0.3, 0.1])],
            r.integers(0, 4, len(ts)),
        )  # A/B-tested prompt variants


# ---- output -------------------------------------------------------------------------------------------
def tsarr(sec):
    return pa.array(np.asarray(sec, np.int64) * 1_000_000, pa.timestamp("us", tz="UTC"))


def ip_str(ips):
    s = [pd.Series((ips >> sh) & 255).astype(str) for sh in (24, 16, 8, 0)]
    return (s[0] + "." + s[1] + "." + s[2] + "." + s[3]).to_numpy().astype(str)


def finish(w, out):
    A = {k: np.concatenate(v) for k, v in w.A.items()}
    n, wr = w.nacc, lambda tab, name: pq.write_table(pa.table(tab), os.path.join(out, name + ".parquet"))
    ids = tok("acct_", mix(w.r.permutation(n).astype(U64) + U64(w.seed) * U64(1 << 40)))
    R = {k: np.concatenate(v) for k, v in w.R.items()}
    w.R, t = None, R["t"]
    keep = (t >= np.maximum(A["cr"], T0)[R["a"]]) & (t < np.minimum(A["ban"], TEND)[R["a"]])
    o = np.argsort(t[keep], kind="stable")
    R = {k: v[keep][o] for k, v in R.items()}
    a, t = R["a"], R["t"]
    fc, fu = pd.factorize((R["f"] << 24) | R["v"])
    fu = np.asarray(fu, np.int64)
    sim_u = hex16(simhash(fu >> 24, fu & ((1 << 24) - 1)))
    fp_u = tok("fp_", mix(fu.astype(U64) ^ U64(0x3C6EF372FE94F82B)))
    ic, iu = pd.factorize(R["ip"])
    iu = np.asarray(iu, np.int64)
    ip_u, asn_u = ip_str(iu), w.net.asn_of(iu)
    idp, take = pa.array(ids), lambda d, c: pa.array(d).take(pa.array(c))
    model = np.where((R["m"] == M_NEW) & (t < REL), M_PRO, R["m"]).astype(np.int32)
    wr(
        {
            "account_id": idp.take(pa.array(a)),
            "timestamp": tsarr(t),
            "ip": take(ip_u, ic),
            "model": take(MODELS, model),
            "prompt_fingerprint": take(fp_u, fc),
            "prompt_simhash": take(sim_u, fc),
        },
        "requests",
    )
    counts = dict(accounts=n, requests=len(t))

    def link(codes, nu):  # per (account, value): first_seen, last_seen, request_count
        g = pd.DataFrame({"k": a.astype(np.int64) * nu + codes, "t": t}).groupby("k")["t"].agg(["min", "max", "size"])
        k = g.index.to_numpy()
        return idp.take(pa.array(k // nu)), k % nu, tsarr(g["min"]), tsarr(g["max"]), g["size"].to_numpy()

    pa_, pc, f, last, c = link(ic, len(iu))
    wr(
        {
            "account_id": pa_,
            "ip": take(ip_u, pc),
            "asn": asn_u[pc],
            "first_seen": f,
            "last_seen": last,
            "request_count": c,
        },
        "proxies",
    )
    fa, fcod, f, last, c = link(fc, len(fu))
    wr(
        {
            "account_id": fa,
            "fingerprint": take(fp_u, fcod),
            "simhash": take(sim_u, fcod),
            "first_seen": f,
            "last_seen": last,
            "request_count": c,
        },
        "prompt_fingerprints",
    )
    counts.update(proxies=len(pa_), prompt_fingerprints=len(fa))
    last = pd.Series(t).groupby(a).max().reindex(np.arange(n), fill_value=-1).to_numpy()
    ca, card, cf = (np.concatenate(w.C[k]) for k in ("a", "card", "first"))
    cf = np.clip(cf, A["cr"][ca], np.minimum(A["ban"], TEND)[ca] - 1)
    cdf = pd.DataFrame({"a": ca, "c": card, "f": cf}).groupby(["a", "c"], as_index=False)["f"].min()
    ca, card, cf = cdf["a"].to_numpy(), cdf["c"].to_numpy(), cdf["f"].to_numpy()
    wr(
        {
            "account_id": idp.take(pa.array(ca)),
            "payment_method_id": tok("pm_", mix(card.astype(U64) + U64(1 << 50) + (U64(w.seed) << U64(32)))),
            "first_seen": tsarr(cf),
            "last_seen": tsarr(np.maximum(cf, last[ca])),
        },
        "payment_methods",
    )
    counts["payment_methods"] = len(ca)
    dom = np.empty(len(w.doms), object)
    for d, i in w.doms.items():
        dom[i] = d
    status = np.array(["active", "banned", "suspended"])[A["bst"]]
    o = np.argsort(A["cr"], kind="stable")
    wr(
        {
            "account_id": ids[o],
            "created_at": tsarr(A["cr"][o]),
            "email_domain": dom[A["dom"][o]].astype(str),
            "country": CC[A["ctry"][o]],
            "status": status[o],
        },
        "accounts",
    )
    gname, gkind = (np.array([g[i] for g in w.groups]) for i in (0, 1))
    truth = pd.DataFrame(
        {
            "account_id": ids,
            "group": gname[A["grp"]],
            "kind": gkind[A["grp"]],
            "status": status,
            "replacement": A["repl"],
        }
    ).iloc[o]
    truth.to_csv(os.path.join(out, "truth.csv"), index=False)
    return truth, counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0, N = time.time(), args.accounts
    os.makedirs(args.out_dir, exist_ok=True)
    w = World(N, args.seed)
    op_lockstep(w, round(0.010 * N))
    op_hydra(w, max(4, round(N / 1600)))
    op_drip(w, round(0.006 * N))
    op_relay(w, round(0.005 * N))
    ci_fleet(w, max(6, round(0.0006 * N)))
    enterprise(w, max(10, round(0.002 * N)))
    university(w, max(30, round(0.0075 * N)))
    research_lab(w, max(4, round(0.0004 * N)))
    coworking(w, max(20, round(0.003 * N)))
    conference(w, max(20, round(0.004 * N)))
    saas_backend(w, max(2, round(N / 25000)))
    organic(w, max(0, N - w.nacc))
    truth, counts = finish(w, args.out_dir)
    tab = truth.groupby(["kind", "group"]).agg(
        accounts=("account_id", "size"),
        banned_or_suspended=("status", lambda s: int((s != "active").sum())),
        replacements=("replacement", "sum"),
    )
    print(tab.to_string())
    print("totals:", ", ".join(f"{k}={v}" for k, v in counts.items()), f"| {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
