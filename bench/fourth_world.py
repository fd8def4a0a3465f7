#!/usr/bin/env python3
# ruff: noqa: B007, B905, E731, F841, RUF046  (an outside evaluator's generator, kept as written)
"""Fourth world: an independent synthetic test world for linkgraph (contract v2).

Written only from the data contract and a public threat description (three
"distillation" campaigns); it shares no code or parameters with linkgraph's own
generator or the other bench worlds.

    python bench/fourth_world.py OUT_DIR --accounts N --seed S

Writes accounts / payment_methods / proxies / prompt_fingerprints / requests as
Parquet, plus truth.csv (account_id, group, kind, status, replacement). Everything
comes from one numpy Generator(seed); all heavy work is vectorised.

Observation window 2025-12-01 .. 2026-02-15 UTC. Models: atlas-4-mini, atlas-4,
atlas-4-pro; atlas-5 is released 2026-01-21 16:00 UTC.

Template families: a family has a random 64-bit SimHash base; variant v>0 flips
1-4 bits (paraphrase), v=0 is the template itself. The fingerprint is a hash of
(family, variant), so paraphrases never share a fingerprint while different
families are ~32 bits apart. 40 "popular" families (translate, summarise, fix
this code ...) are shared by everybody.

IP space: ~70 residential ISP ASNs, 6 cloud ASNs, 3 mobile ASNs; a residential
proxy pool "ResiPool" whose exits are real home IPs spread over the ISP ASNs;
a second reseller "RelayMart" with few, heavily shared exits in two hosting
ASNs plus some residential ones.

Sizes are fractions of N with floors (fraction at N=200k in brackets).

FRAUD (kind=fraud; group names start with op_)
* op_lantern [~0.85% + replacements]: cells of 3-9 accounts. Per request:
  ResiPool rotating exit (~55%), the cell's 1-3 private static residential IPs
  (~35%), cloud (~10%); per-account mix drawn from a Dirichlet. Prepaid cards
  shared by 2-3 cell mates. Mixed email domains incl. ~10% on the university's
  domain kestrel-state.edu and a handful of throwaway domains. Five template
  families (Zipf-heavy), each cell uses 2-3; paraphrase variants drawn from 4M
  so exact fingerprints rarely repeat; ~8% cover traffic on popular families.
  Load balancing: ~4,000 op-wide waves at random minutes, each wave ~2.5% of
  the op's accounts firing 1-4 requests in the same minute; plus off-wave
  traffic. atlas-4-pro before the release, atlas-5 from release+3-7 h.
* op_quarry [~0.6% + replacements]: cloud cells (2-5 VM IPs per cell in AWS/
  GCP/Azure/Hetzner/OVH/DO ASNs, ~70% of requests) plus ResiPool (~25%).
  Three families, 80% of volume in one. Throwaway/custom domains + outlook.
  Waves on a ~9 minute cadence with jitter; adopts atlas-5 at release+6-10 h.
* op_mirror [~0.4% + replacements]: mostly RelayMart exits (~65%), the cell's
  private IPs (~20%), cloud (~15%); 25% cover traffic (popular families) mixed
  into the distillation stream, four families; irregular waves; atlas-5 from
  release+14-22 h.
* Hydra / ban evasion (all three ops): ~16% of accounts are banned at a random
  time (status banned, traffic stops). ~85% of bans get a replacement account
  2-9 days later (replacement=1) in the same cell, with a fresh prepaid card
  (shared with at most one other replacement), 1-2 of the cell's private IPs,
  optionally one new private IP, the same template families; ~12% of
  replacements get banned and replaced again. ~2% of op accounts suspended.

BENIGN LOOK-ALIKES (kind=benign_group)
* ci_fleet_hourly [0.06%, >=36]: a company's CI fleet (northwind-labs.com), 4
  corporate NAT IPs + 2 AWS runner IPs, one invoice token for the whole fleet
  (two cost centres), six exact templated prompts fired at :00:00-:00:20 of
  every hour (each account in ~35% of hours); stays on atlas-4-mini.
* enterprise_ci_migration [0.11%, >=60]: contoso-analytics.com; 8 NAT IPs,
  three corporate card tokens; CI pipelines fan out to 4-16 accounts in the
  same minute during business hours; 10 templates with 3 variants; the whole
  fleet moves to atlas-5 at release+2-5 h.
* university_cohort [0.75%, >=150]: kestrel-state.edu students, all created
  within three days (2026-01-12..14) in registration bursts; campus NAT (24
  IPs, university ASN) + home IPs; 80% no payment method (edu tier), others
  own card; 12 courses with assignment families paraphrased by students;
  weekly lab sessions where an instructor says "everyone try this now" (exact
  same prompt in the same two minutes).
* research_lab_evals [0.012%, >=12]: helix-research.org; one institutional
  card; lab NAT + GPU cluster IPs; very high volume (2-6k requests each) in
  one eval template family, sweeps launched on many accounts at the same
  minute; evaluates atlas-5 within 3 h of release.
* cron_hobbyists [0.6%, >=120]: ordinary people, own home IP and card, a cron
  job at minute :00 (daily, or hourly for a few days); 35% run one of five
  popular scripts (morning briefing ...) customised; 20% use a 'latest'
  alias and move to atlas-5 right at release.
* resi_pool_customers [0.6%, >=120]: ordinary customers of ResiPool (the pool
  op_lantern rents): rotating exits for 50-95% of their requests, own cards,
  personal + popular templates, normal diurnal timing.
* relay_reseller_customers [0.4%, >=80]: ordinary customers of RelayMart (the
  network op_mirror uses) - all of their traffic comes out of its few shared
  exits.
Extra traps of this world:
* households [0.3%, >=60]: families of 2-5 behind one home IP, a family card
  shared by 2-3 members (exactly the prepaid-card sharing pattern), kids'
  homework on the same popular families, sign-ups within days of each other.
* coworking_space [0.04%, >=40]: freelancers in coworking spaces of ~50; two
  NAT IPs per space on weekdays 9-18 local, home IPs otherwise; own cards,
  unrelated prompts.
* oss_agent_users [0.4%, >=80]: users of a popular open-source coding agent:
  its system prompt is one template with three versions (identical
  fingerprints shared by all users of a version) + a tool-call family;
  bursty sessions; the agent's default moves to atlas-5 at release+20 h and
  users pick it up within ~2 days.
* mobile_carrier_cgnat [0.3%, >=60]: one mobile carrier's CGNAT pool (~30
  IPs at 200k, >=6) shared by all its users, each request from a random one.

ORGANIC (kind=organic, group organic) [~94%]: created 2023-06..2026-02,
lognormal volume (median ~8 requests), diurnal by country, home IP (15% IPv6
mobile), 30% mobile IP, 15% are employees of small companies sharing an
office IP and a company domain (2-12 people), 2% with their own cloud VM;
75% one card, 10% two, 15% none; personal template families + popular
families; gradual atlas-5 adoption (some early adopters on day one); 0.3%
suspended, 0.1% banned for unrelated reasons.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DAY = 86400
HOUR = 3600


def _ts(s):
    return int(pd.Timestamp(s).timestamp())


W0 = _ts("2025-12-01T00:00:00Z")
W1 = _ts("2026-02-15T00:00:00Z")
RELEASE = _ts("2026-01-21T16:00:00Z")
MODELS = np.array(["atlas-4-mini", "atlas-4", "atlas-4-pro", "atlas-5"])
NEW = 3

COUNTRIES = [
    ("US", -6, 28),
    ("IN", 5, 9),
    ("GB", 0, 6),
    ("DE", 1, 6),
    ("BR", -3, 5),
    ("FR", 1, 4),
    ("CA", -5, 4),
    ("JP", 9, 4),
    ("KR", 9, 3),
    ("ID", 7, 3),
    ("MX", -6, 3),
    ("ES", 1, 3),
    ("NL", 1, 2),
    ("AU", 10, 2),
    ("SG", 8, 2),
    ("NG", 1, 2),
    ("PL", 1, 2),
    ("TR", 3, 2),
    ("VN", 7, 2),
    ("PH", 8, 2),
    ("IT", 1, 2),
    ("SE", 1, 1),
    ("AR", -3, 1),
    ("ZA", 2, 1),
    ("EG", 2, 1),
]
C_CODE = np.array([c[0] for c in COUNTRIES])
C_TZ = np.array([c[1] for c in COUNTRIES])
C_P = np.array([c[2] for c in COUNTRIES], float)
C_P /= C_P.sum()

HUMAN = np.array(
    [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4, 4.2, 4, 4.2, 4.3, 4.2, 4, 3.8, 3.6, 3.8, 4, 3.6, 2.8, 1.8]
)
HUMAN = HUMAN / HUMAN.sum()
WORK = np.array(
    [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 3, 5, 5.5, 5, 4, 5, 5.5, 5, 4.5, 3, 1, 0.5, 0.3, 0.2, 0.1, 0.1]
)
WORK = WORK / WORK.sum()
BOT = np.array([3, 3, 3, 3, 3, 3, 3.5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3.5, 3, 3], float)
BOT = BOT / BOT.sum()

ISP_ASNS = np.array(
    [
        7922,
        701,
        7018,
        20115,
        22773,
        6128,
        3320,
        3209,
        6805,
        2856,
        5089,
        5607,
        3215,
        12322,
        15557,
        6830,
        1136,
        33915,
        8151,
        28573,
        18881,
        26599,
        577,
        812,
        6327,
        5650,
        2516,
        4713,
        17676,
        4766,
        9318,
        7545,
        1221,
        4804,
        9829,
        24560,
        45609,
        55836,
        17488,
        7713,
        4761,
        3462,
        9299,
        45899,
        7552,
        18403,
        36935,
        37100,
        29247,
        8708,
        12389,
        9009,
        3352,
        12479,
        3269,
        1267,
        5432,
        6848,
        2119,
        3301,
        1257,
        5610,
        6939,
        8447,
        12876,
        9121,
        34984,
        47331,
        5483,
        8220,
    ],
    dtype=np.int64,
)
CLOUD_ASNS = np.array([16509, 15169, 8075, 24940, 16276, 14061], dtype=np.int64)
MOBILE_ASNS = np.array([21928, 22394, 20057], dtype=np.int64)
UNI_ASN = 3582
RESEARCH_ASN = 11537
RELAY_ASNS = np.array([51167, 210558], dtype=np.int64)

POPULAR_FAMS = 40  # family ids 0..39
FREE_MAIL = np.array(
    [
        "gmail.com",
        "outlook.com",
        "hotmail.com",
        "yahoo.com",
        "icloud.com",
        "proton.me",
        "gmx.de",
        "yandex.ru",
        "naver.com",
        "mail.com",
    ]
)
FREE_P = np.array([0.42, 0.10, 0.06, 0.06, 0.06, 0.03, 0.02, 0.01, 0.01, 0.01])
UNI_DOMAIN = "kestrel-state.edu"
WORDS = np.array(
    [
        "blue",
        "north",
        "pixel",
        "acorn",
        "river",
        "cobalt",
        "maple",
        "vertex",
        "lumen",
        "harbor",
        "quartz",
        "ember",
        "delta",
        "orbit",
        "cedar",
        "sable",
        "fjord",
        "nimbus",
        "tango",
        "willow",
    ]
)
TLDS = np.array([".com", ".net", ".io", ".co", ".org", ".dev", ".de", ".co.uk"])


class World:
    def __init__(self, n, seed):
        self.N = n
        self.rng = np.random.default_rng(seed)
        r = self.rng
        self.salt = r.integers(1, 2**62, size=4, dtype=np.int64).astype(np.uint64)
        nb = r.choice(np.array([1, 2, 3, 4]), size=65536, p=[0.3, 0.35, 0.25, 0.1])
        masks = np.zeros(65536, np.uint64)
        for k in range(4):
            bit = r.integers(0, 64, size=65536).astype(np.uint64)
            masks ^= np.where(nb > k, np.uint64(1) << bit, np.uint64(0))
        masks[masks == 0] = np.uint64(1) << np.uint64(17)
        self.masks = masks
        self.next_fam = POPULAR_FAMS
        # accounts
        self.acc = {k: [] for k in ("group", "kind", "created", "domain", "country", "status", "repl")}
        self.n_acc = 0
        # requests
        self.req = {k: [] for k in ("acct", "t", "ip", "model", "key")}
        # payment (acct, token id)
        self.pay_acct, self.pay_tok = [], []
        self.n_tok = 0
        # ip registry
        allowed = np.array([o for o in range(1, 224) if o not in (10, 100, 127, 169, 172, 192, 198, 203)])
        need = int(n * 0.35) + 20000
        blocks = (r.choice(allowed, size=need * 2) << 16) | r.integers(0, 65536, need * 2)
        blocks = pd.unique(blocks)[:need]
        self.blocks = blocks.astype(np.int64)
        self.next_block = 0
        self.ip_int, self.ip_asn, self.ip_v6 = [], [], []
        self.n_ip = 0

    # ---------------------------------------------------------------- registry
    def fams(self, k):
        f = np.arange(self.next_fam, self.next_fam + k, dtype=np.int64)
        self.next_fam += k
        return f

    def ips(self, n, asn, per_block=8):
        """n fresh IPv4 addresses; asn scalar or array of length n."""
        r = self.rng
        nb = -(-n // per_block)
        bl = self.blocks[self.next_block : self.next_block + nb]
        if len(bl) < nb:
            raise RuntimeError("out of IP blocks")
        self.next_block += nb
        hosts = np.argsort(r.random((nb, 254)), axis=1)[:, :per_block] + 1
        ints = ((bl[:, None] << 8) | hosts).ravel()[:n]
        asn = np.broadcast_to(np.asarray(asn, np.int64), (n,)).copy()
        ids = np.arange(self.n_ip, self.n_ip + n)
        self.n_ip += n
        self.ip_int.append(ints)
        self.ip_asn.append(asn)
        self.ip_v6.append(np.zeros(n, bool))
        return ids

    def ips_v6(self, n, asn):
        ids = self.ips(n, asn, per_block=64)
        self.ip_v6[-1][:] = True
        return ids

    def add_accounts(self, n, group, kind, created, domain, country, status=None, repl=None):
        a = self.acc
        a["group"].append(np.full(n, group, dtype=object))
        a["kind"].append(np.full(n, kind, dtype=object))
        a["created"].append(np.asarray(created, np.int64))
        a["domain"].append(np.broadcast_to(np.asarray(domain, dtype=object), (n,)).copy())
        a["country"].append(np.broadcast_to(np.asarray(country, dtype=object), (n,)).copy())
        a["status"].append(np.full(n, "active", dtype=object) if status is None else np.asarray(status, dtype=object))
        a["repl"].append(np.zeros(n, np.int8) if repl is None else np.asarray(repl, np.int8))
        ids = np.arange(self.n_acc, self.n_acc + n)
        self.n_acc += n
        return ids

    def add_req(self, acct, t, ip, model, fam, v):
        n = len(acct)
        self.req["acct"].append(np.asarray(acct, np.int32))
        self.req["t"].append(np.asarray(t, np.int64))
        self.req["ip"].append(np.broadcast_to(np.asarray(ip, np.int64), (n,)).copy())
        self.req["model"].append(np.broadcast_to(np.asarray(model, np.int8), (n,)).copy())
        key = (np.asarray(fam, np.int64) << 24) | np.asarray(v, np.int64)
        self.req["key"].append(np.broadcast_to(key, (n,)).copy())

    def cards(self, acct, group_of=None):
        """One fresh token per distinct value of group_of (default: one per account)."""
        acct = np.asarray(acct)
        if group_of is None:
            group_of = np.arange(len(acct))
        _, inv = np.unique(group_of, return_inverse=True)
        self.pay_acct.append(acct)
        self.pay_tok.append(inv + self.n_tok)
        self.n_tok += inv.max() + 1 if len(inv) else 0

    # ---------------------------------------------------------------- helpers
    def country(self, n):
        i = self.rng.choice(len(C_CODE), size=n, p=C_P)
        return C_CODE[i], C_TZ[i]

    def domains(self, n, p_custom=0.23):
        r = self.rng
        d = FREE_MAIL[r.choice(len(FREE_MAIL), size=n, p=FREE_P / FREE_P.sum())].astype(object)
        cust = r.random(n) < p_custom
        ncust = max(2000, self.N // 20)
        ranks = np.minimum(r.zipf(1.3, size=cust.sum()), ncust) - 1
        d[cust] = self.custom_domain(ranks)
        return d

    def custom_domain(self, idx):
        idx = np.asarray(idx, np.int64)
        h = self.mix(idx, 3)
        w1 = WORDS[(h % np.uint64(20)).astype(int)]
        w2 = WORDS[((h >> np.uint64(8)) % np.uint64(20)).astype(int)]
        tld = TLDS[((h >> np.uint64(16)) % np.uint64(8)).astype(int)]
        num = (idx % 977).astype(str)
        return (pd.Series(w1) + pd.Series(w2) + pd.Series(num) + pd.Series(tld)).to_numpy(object)

    def mix(self, x, which=0):
        x = np.asarray(x).astype(np.uint64) ^ self.salt[which]
        with np.errstate(over="ignore"):
            z = x + np.uint64(0x9E3779B97F4A7C15)
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            z = z ^ (z >> np.uint64(31))
        return z

    def times(self, acct_rep, start, end, tz, profile, weekday_only=False):
        """Per-request times spread over each account's [start, end), diurnal in local time."""
        r = self.rng
        n = len(acct_rep)
        s = start[acct_rep]
        e = end[acct_rep]
        t = s + (r.random(n) * (e - s)).astype(np.int64)
        tzr = tz[acct_rep] if np.ndim(tz) else tz
        day = (t + tzr * HOUR) // DAY
        if weekday_only:
            dow = (day + 3) % 7  # 1970-01-01 was a Thursday -> 0=Mon
            day = np.where(dow >= 5, day - (dow - 4), day)
        h = r.choice(24, size=n, p=profile)
        t2 = day * DAY + h * HOUR + r.integers(0, HOUR, n) - tzr * HOUR
        bad = (t2 < s) | (t2 >= e)
        t2[bad] = t[bad]
        return t2

    def models(self, acct_rep, t, pref, adopt, p_new, p_mix=0.12):
        r = self.rng
        n = len(acct_rep)
        m = pref[acct_rep].astype(np.int8)
        mix = r.random(n) < p_mix
        m[mix] = r.integers(0, 3, mix.sum())
        pn = p_new[acct_rep] if np.ndim(p_new) else p_new
        new = (t >= adopt[acct_rep]) & (t >= RELEASE) & (r.random(n) < pn)
        m[new] = NEW
        return m

    def popular(self, n):
        fam = np.minimum(self.rng.zipf(1.4, size=n), POPULAR_FAMS) - 1
        return fam, self.rng.integers(1, 3000, n)

    def pick(self, acct_rep, table, counts):
        """Random element of each account's padded row in table (counts > 0)."""
        j = (self.rng.random(len(acct_rep)) * counts[acct_rep]).astype(np.int64)
        return table[acct_rep, j]


# ====================================================================== pools
def build_pools(w):
    r = w.rng
    N = w.N
    pools = {}
    na = max(400, int(0.02 * N))
    pools["resi"] = w.ips(na, r.choice(ISP_ASNS, na), per_block=2)
    nb = max(60, int(0.0015 * N))
    asn_b = np.where(r.random(nb) < 0.7, r.choice(RELAY_ASNS, nb), r.choice(ISP_ASNS, nb))
    pools["relay"] = w.ips(nb, asn_b, per_block=16)
    return pools


# ====================================================================== fraud
OPS = {
    "op_lantern": dict(
        frac=0.0085,
        floor=60,
        cells=([3, 4, 5, 6, 7, 8, 9], [0.08, 0.14, 0.2, 0.2, 0.16, 0.12, 0.1]),
        path=[55, 35, 10, 0],
        n_fam=5,
        fam_per_cell=(2, 3),
        cover=0.08,
        uni=0.10,
        waves=4000,
        wave_frac=0.025,
        cadence=None,
        adopt=(3, 7),
        vol=0.9,
        privs=(1, 3),
        cloud_ips=(1, 2),
        start=_ts("2025-10-01"),
        spread=2 * DAY,
    ),
    "op_quarry": dict(
        frac=0.006,
        floor=40,
        cells=([2, 3, 4, 5, 6], [0.1, 0.25, 0.3, 0.2, 0.15]),
        path=[25, 5, 70, 0],
        n_fam=3,
        fam_per_cell=(1, 3),
        cover=0.04,
        uni=0.0,
        waves=3500,
        wave_frac=0.03,
        cadence=9 * 60,
        adopt=(6, 10),
        vol=0.7,
        privs=(0, 1),
        cloud_ips=(2, 5),
        start=_ts("2025-11-10"),
        spread=6 * HOUR,
    ),
    "op_mirror": dict(
        frac=0.004,
        floor=30,
        cells=([4, 5, 6, 8, 10, 12], [0.15, 0.2, 0.2, 0.2, 0.15, 0.1]),
        path=[0, 20, 15, 65],
        n_fam=4,
        fam_per_cell=(2, 4),
        cover=0.25,
        uni=0.04,
        waves=3000,
        wave_frac=0.03,
        cadence=None,
        adopt=(14, 22),
        vol=0.8,
        privs=(1, 2),
        cloud_ips=(1, 2),
        start=_ts("2025-09-15"),
        spread=5 * DAY,
    ),
}


def make_op(w, pools, name, cfg):
    r = w.rng
    n_base = max(cfg["floor"], int(round(cfg["frac"] * w.N)))
    sizes = []
    while sum(sizes) < n_base:
        sizes.append(int(r.choice(cfg["cells"][0], p=cfg["cells"][1])))
    n_cells = len(sizes)
    fams = w.fams(cfg["n_fam"])
    fam_w = 1.0 / np.arange(1, cfg["n_fam"] + 1) ** 1.6
    fam_w /= fam_w.sum()
    throwaway = w.custom_domain(r.integers(10**6, 10**7, size=6))
    # per-account records (python lists; a few thousand at most)
    cell_of, created, ban, status, repl, privs, clouds, card_grp = [], [], [], [], [], [], [], []
    cell_priv, cell_cloud, cell_fams = [], [], []
    card_counter = [0]

    def new_card_groups(k):
        out, left = [], k
        while left > 0:
            s = min(left, int(r.choice([1, 2, 3], p=[0.1, 0.5, 0.4])))
            out += [card_counter[0]] * s
            card_counter[0] += 1
            left -= s
        return out

    for c, sz in enumerate(sizes):
        npv = int(r.integers(cfg["privs"][0], cfg["privs"][1] + 1))
        cell_priv.append(list(w.ips(npv, r.choice(ISP_ASNS), per_block=4)) if npv else [])
        ncl = int(r.integers(cfg["cloud_ips"][0], cfg["cloud_ips"][1] + 1))
        cell_cloud.append(list(w.ips(ncl, r.choice(CLOUD_ASNS, ncl), per_block=2)))
        k = int(r.integers(cfg["fam_per_cell"][0], cfg["fam_per_cell"][1] + 1))
        cell_fams.append(r.choice(cfg["n_fam"], size=min(k, cfg["n_fam"]), replace=False, p=fam_w))
        c0 = int(r.integers(cfg["start"], W1 - 25 * DAY))
        cg = new_card_groups(sz)
        for i in range(sz):
            cell_of.append(c)
            created.append(c0 + int(r.integers(0, cfg["spread"])))
            repl.append(0)
            privs.append(cell_priv[c])
            clouds.append(cell_cloud[c])
            card_grp.append(cg[i])
    n0 = len(cell_of)
    ban = [None] * n0
    status = ["active"] * n0
    # bans and replacements (a chain can go two levels deep)
    i = 0
    pending_repl_card = None
    while i < len(cell_of):
        lo = max(created[i], W0) + 3 * DAY
        p_ban = 0.16 if repl[i] == 0 else 0.12
        if lo < W1 - 4 * DAY and r.random() < p_ban:
            tb = int(r.integers(lo, W1 - 2 * DAY))
            ban[i] = tb
            status[i] = "banned"
            tr = tb + int(r.integers(2 * DAY, 9 * DAY))
            if r.random() < 0.85 and tr < W1 - DAY and repl[i] < 2:
                c = cell_of[i]
                base = cell_priv[c] if cell_priv[c] else cell_cloud[c]
                keep = list(r.choice(base, size=min(len(base), int(r.integers(1, 3))), replace=False))
                if r.random() < 0.4:
                    keep.append(int(w.ips(1, r.choice(ISP_ASNS), per_block=1)[0]))
                if pending_repl_card is not None and r.random() < 0.5:
                    cg = pending_repl_card
                    pending_repl_card = None
                else:
                    cg = card_counter[0]
                    card_counter[0] += 1
                    pending_repl_card = cg
                cell_of.append(c)
                created.append(tr)
                repl.append(repl[i] + 1)
                privs.append(keep)
                clouds.append(cell_cloud[c])
                card_grp.append(cg)
                ban.append(None)
                status.append("active")
        elif r.random() < 0.02:
            status[i] = "suspended"
            ban[i] = int(r.integers(max(created[i], W0) + DAY, W1)) if created[i] < W1 - 2 * DAY else W1
        i += 1
    n = len(cell_of)
    cell_of = np.array(cell_of)
    created = np.array(created, np.int64)
    end = np.array([W1 if b is None else b for b in ban], np.int64)
    start = np.maximum(created, W0)
    end = np.maximum(end, start + 60)
    replv = np.array(repl) > 0
    # identities
    dom = w.domains(n, p_custom=0.1)
    u = r.random(n)
    dom[u < cfg["uni"]] = UNI_DOMAIN
    tw = (u >= cfg["uni"]) & (u < cfg["uni"] + 0.15)
    dom[tw] = throwaway[r.integers(0, len(throwaway), tw.sum())]
    if name == "op_quarry":
        m = r.random(n) < 0.5
        dom[m] = throwaway[r.integers(0, len(throwaway), m.sum())]
    ctry, _ = w.country(n)
    ids = w.add_accounts(n, name, "fraud", created, dom, ctry, np.array(status, object), replv.astype(np.int8))
    w.cards(ids, np.array(card_grp))

    # padded IP tables
    def pad(lists):
        width = max(1, max(len(x) for x in lists))
        tab = np.full((n, width), -1, np.int64)
        cnt = np.zeros(n, np.int64)
        for k, x in enumerate(lists):
            tab[k, : len(x)] = x
            cnt[k] = len(x)
        return tab, cnt

    ptab, pcnt = pad(privs)
    ctab, ccnt = pad(clouds)
    # traffic: waves
    nw = cfg["waves"]
    if cfg["cadence"]:
        wt = W0 + np.arange(nw) * ((W1 - W0) // nw)
        wt = wt + r.integers(-cfg["cadence"] // 3, cfg["cadence"] // 3, nw)
    else:
        day = r.integers(0, (W1 - W0) // DAY, nw)
        wt = W0 + day * DAY + r.choice(24, size=nw, p=BOT) * HOUR + r.integers(0, HOUR, nw)
    wt = wt // 60 * 60
    lam = max(6.0, cfg["wave_frac"] * n)
    k = r.poisson(lam, nw)
    w_rep = np.repeat(np.arange(nw), k)
    cand = r.integers(0, n, len(w_rep))
    tw_ = wt[w_rep]
    ok = (tw_ >= start[cand]) & (tw_ < end[cand])
    cand, tw_ = cand[ok], tw_[ok]
    nreq = 1 + r.poisson(cfg["vol"], len(cand))
    a1 = np.repeat(cand, nreq)
    t1 = np.repeat(tw_, nreq) + r.integers(0, 60, len(a1))
    # off-wave traffic
    days = (end - start) / DAY
    off = r.poisson(0.5 * days)
    a2 = np.repeat(np.arange(n), off)
    t2 = w.times(a2, start, end, 0, BOT)
    a = np.concatenate([a1, a2])
    t = np.concatenate([t1, t2])
    m = len(a)
    # pathways
    prof = np.array(cfg["path"], float) + 1e-3
    pw = r.dirichlet(prof / prof.sum() * 12, size=n)
    pw[pcnt == 0, 1] = 0
    pw /= pw.sum(1, keepdims=True)
    cum = pw.cumsum(1)[a]
    uu = r.random(m)[:, None]
    path = (uu > cum).sum(1)
    ip = np.empty(m, np.int64)
    s0 = path == 0
    ip[s0] = r.choice(pools["resi"], s0.sum())
    s1 = path == 1
    ip[s1] = w.pick(a[s1], ptab, pcnt)
    s2 = path == 2
    ip[s2] = w.pick(a[s2], ctab, ccnt)
    s3 = path >= 3
    # relay exits: sticky for an hour per account
    hr = (t[s3] // HOUR).astype(np.uint64)
    sticky = w.mix(hr * np.uint64(1 << 20) + a[s3].astype(np.uint64), 1)
    ip[s3] = pools["relay"][(sticky % np.uint64(len(pools["relay"]))).astype(np.int64)]
    # prompts
    cf_tab = np.full((n, 4), -1, np.int64)
    cf_cnt = np.zeros(n, np.int64)
    for j in range(n):
        f = cell_fams[cell_of[j]]
        cf_tab[j, : len(f)] = fams[f]
        cf_cnt[j] = len(f)
    fam = np.empty(m, np.int64)
    v = np.empty(m, np.int64)
    cov = r.random(m) < cfg["cover"]
    fam[cov], v[cov] = w.popular(cov.sum())
    # within the cell, volume concentrated on its first (most popular) family
    j = np.minimum((r.random(m) ** 2.2 * cf_cnt[a]).astype(np.int64), cf_cnt[a] - 1)
    fam[~cov] = cf_tab[a[~cov], j[~cov]]
    v[~cov] = r.integers(1, 1 << 22, (~cov).sum())
    # models
    pref = np.where(r.random(n) < 0.8, 2, 1)
    a_lo, a_hi = cfg["adopt"]
    op_adopt = RELEASE + int(r.integers(a_lo * HOUR, a_hi * HOUR))
    adopt = np.maximum(op_adopt + r.integers(0, 3 * HOUR, n), created)
    mod = w.models(a, t, pref, adopt, 0.93, p_mix=0.05)
    w.add_req(ids[a], t, ip, mod, fam, v)
    return ids


# ====================================================================== benign
def org_accounts(w, n, group, kind, created, domain=None, country=None):
    r = w.rng
    c, tz = w.country(n)
    if country is not None:
        c = np.full(n, country, object)
        tz = np.full(n, dict(zip(C_CODE, C_TZ))[country])
    dom = w.domains(n) if domain is None else domain
    ids = w.add_accounts(n, group, kind, created, dom, c)
    return ids, tz


def personal_prompts(w, a_local, n_acc, p_pop=0.35, nfam=(1, 5), nvar=(1, 9)):
    """Per-request (fam, v) from each account's own families + popular families."""
    r = w.rng
    k = r.integers(nfam[0], nfam[1], n_acc)
    base = w.fams(int(k.sum()))
    off = np.concatenate([[0], np.cumsum(k)[:-1]])
    nv = r.integers(nvar[0], nvar[1], n_acc)
    m = len(a_local)
    fam = base[off[a_local] + (r.random(m) * k[a_local]).astype(np.int64)]
    v = (r.random(m) * nv[a_local]).astype(np.int64)
    pop = r.random(m) < p_pop
    fam[pop], v[pop] = w.popular(pop.sum())
    return fam, v


def default_models(w, n, early=0.04, mean_days=12):
    r = w.rng
    pref = r.choice(3, size=n, p=[0.45, 0.4, 0.15])
    adopt = RELEASE + (r.exponential(mean_days, n) * DAY).astype(np.int64)
    e = r.random(n) < early
    adopt[e] = RELEASE + r.integers(0, 20 * HOUR, e.sum())
    p_new = r.uniform(0.3, 0.95, n)
    return pref, adopt, p_new


def standard_traffic(
    w, ids, tz, created, ip_fn, median=8.0, sigma=1.1, profile=HUMAN, p_pop=0.35, weekday_only=False, cap=3000
):
    r = w.rng
    n = len(ids)
    start = np.maximum(created, W0)
    end = np.full(n, W1, np.int64)
    frac = (end - start) / (W1 - W0)
    cnt = np.minimum(np.round(r.lognormal(np.log(median), sigma, n) * np.maximum(frac, 0.05)), cap).astype(np.int64)
    cnt = np.maximum(cnt, 1)
    a = np.repeat(np.arange(n), cnt)
    t = w.times(a, start, end, tz, profile, weekday_only)
    ip = ip_fn(a, t)
    fam, v = personal_prompts(w, a, n, p_pop)
    pref, adopt, p_new = default_models(w, n)
    mod = w.models(a, t, pref, adopt, p_new)
    w.add_req(ids[a], t, ip, mod, fam, v)
    return a, t


def created_spread(w, n, lo="2023-06-01", hi="2026-02-10"):
    lo, hi = _ts(lo), _ts(hi)
    u = w.rng.random(n) ** 0.6  # skewed to recent
    return (lo + u * (hi - lo)).astype(np.int64)


def make_organic(w, n):
    r = w.rng
    created = created_spread(w, n)
    ids, tz = org_accounts(w, n, "organic", "organic", created)
    st = np.full(n, "active", object)
    u = r.random(n)
    st[u < 0.003] = "suspended"
    st[(u >= 0.003) & (u < 0.004)] = "banned"
    w.acc["status"][-1] = st
    # small companies: 15% of organic in offices of 2-12 sharing IP and domain
    comp = r.random(n) < 0.15
    ci = np.flatnonzero(comp)
    sizes = []
    while sum(sizes) < len(ci):
        sizes.append(int(r.integers(2, 13)))
    n_comp = len(sizes)
    comp_of = np.repeat(np.arange(n_comp), sizes)[: len(ci)]
    office_ip = w.ips(n_comp, r.choice(ISP_ASNS, n_comp), per_block=6)
    office = np.full(n, -1, np.int64)
    office[ci] = office_ip[comp_of]
    cd = w.custom_domain(10**7 + np.arange(n_comp) + int(r.integers(0, 10**6)))
    dom = w.acc["domain"][-1]
    use_cd = r.random(len(ci)) < 0.7
    dom[ci[use_cd]] = cd[comp_of[use_cd]]
    # home, mobile, cloud
    v6 = r.random(n) < 0.15
    home = np.empty(n, np.int64)
    home[~v6] = w.ips((~v6).sum(), r.choice(ISP_ASNS, (~v6).sum()), per_block=6)
    home[v6] = w.ips_v6(v6.sum(), MOBILE_ASNS[0])
    mob = np.full(n, -1, np.int64)
    hm = r.random(n) < 0.3
    mob[hm] = w.ips(hm.sum(), r.choice(MOBILE_ASNS, hm.sum()), per_block=10)
    cloud = np.full(n, -1, np.int64)
    hc = r.random(n) < 0.02
    cloud[hc] = w.ips(hc.sum(), r.choice(CLOUD_ASNS, hc.sum()), per_block=3)
    slots = np.stack([home, mob, office, cloud], 1)
    pw = np.array([0.65, 0.2, 0.35, 0.3]) * (slots >= 0)
    pw /= pw.sum(1, keepdims=True)

    def ip_fn(a, t):
        cum = pw.cumsum(1)[a]
        s = (r.random(len(a))[:, None] > cum).sum(1)
        return slots[a, np.minimum(s, 3)]

    standard_traffic(w, ids, tz, created, ip_fn)
    has = r.random(n)
    one = has < 0.75
    two = (has >= 0.75) & (has < 0.85)
    w.cards(ids[one])
    w.cards(np.concatenate([ids[two], ids[two]]))


def make_ci_fleet(w, n):
    r = w.rng
    created = np.concatenate(
        [
            _ts(d) + r.integers(0, 4 * HOUR, k)
            for d, k in zip(
                ["2025-03-03T14:00Z", "2025-08-18T15:00Z", "2025-11-24T09:00Z"],
                np.bincount(r.integers(0, 3, n), minlength=3),
            )
        ]
    )
    ids, _ = org_accounts(w, n, "ci_fleet_hourly", "benign_group", created, domain="northwind-labs.com", country="US")
    nat = np.concatenate([w.ips(4, 7922, per_block=4), w.ips(2, 16509, per_block=2)])
    w.cards(ids, (np.arange(n) % 2))
    tmpl = w.fams(6)
    hours = np.arange(W0 // HOUR, W1 // HOUR)
    hrep = np.repeat(hours, n)
    arep = np.tile(np.arange(n), len(hours))
    keep = r.random(len(hrep)) < 0.35
    hrep, arep = hrep[keep], arep[keep]
    k = 1 + r.binomial(2, 0.4, len(hrep))
    a = np.repeat(arep, k)
    t = np.repeat(hrep, k) * HOUR + r.integers(0, 21, len(a))
    ok = t >= created[a]
    a, t = a[ok], t[ok]
    fam = tmpl[(np.arange(len(a)) + a) % 6]
    ip = nat[np.where(r.random(len(a)) < 0.8, r.integers(0, 4, len(a)), r.integers(4, 6, len(a)))]
    w.add_req(ids[a], t, ip, 0, fam, 0)


def make_enterprise(w, n):
    r = w.rng
    created = _ts("2025-06-02") + r.integers(0, 150 * DAY, n)
    ids, _ = org_accounts(
        w, n, "enterprise_ci_migration", "benign_group", created, domain="contoso-analytics.com", country="DE"
    )
    nat = w.ips(8, 3320, per_block=8)
    w.cards(ids, r.integers(0, 3, n))
    tmpl = w.fams(10)
    days = np.arange(W0 // DAY, W1 // DAY)
    days = days[((days + 3) % 7) < 5]
    runs_per_day = max(10, n // 5)
    rd = np.repeat(days, runs_per_day)
    rt = rd * DAY + r.choice(24, size=len(rd), p=WORK) * HOUR - HOUR + r.integers(0, HOUR, len(rd))
    rt = rt // 60 * 60
    fan = r.integers(4, 17, len(rt))
    rrep = np.repeat(np.arange(len(rt)), fan)
    a = r.integers(0, n, len(rrep))
    k = 1 + r.poisson(1.0, len(a))
    a = np.repeat(a, k)
    run = np.repeat(rrep, k)
    t = rt[run] + r.integers(0, 60, len(a))
    ok = t >= created[a]
    a, t, run = a[ok], t[ok], run[ok]
    fam = tmpl[(run + a) % 10]
    v = r.integers(0, 3, len(a))
    mig = RELEASE + int(r.integers(2 * HOUR, 5 * HOUR))
    mod = np.where(t >= mig, NEW, 1).astype(np.int8)
    w.add_req(ids[a], t, nat[r.integers(0, 8, len(a))], mod, fam, v)


def make_university(w, n):
    r = w.rng
    day = r.choice(3, size=n, p=[0.5, 0.3, 0.2])
    # registration bursts: a few class-time slots per day
    slot = r.choice([9, 11, 14, 16], size=n)
    created = _ts("2026-01-12") + day * DAY + (slot + 6) * HOUR + r.exponential(1800, n).astype(np.int64)
    ids, tz = org_accounts(w, n, "university_cohort", "benign_group", created, domain=UNI_DOMAIN, country="US")
    campus = w.ips(24, UNI_ASN, per_block=24)
    home = w.ips(n, r.choice(ISP_ASNS[:6], n), per_block=6)
    paid = r.random(n) < 0.2
    w.cards(ids[paid])
    n_course = 12
    course_f = [w.fams(int(r.integers(3, 7))) for _ in range(n_course)]
    demo_f = w.fams(n_course)
    enrol = [r.random(n) < p for p in r.uniform(0.08, 0.3, n_course)]
    parts = []
    start_s = _ts("2026-01-19")
    for c in range(n_course):
        st = np.flatnonzero(enrol[c])
        if len(st) == 0:
            continue
        dow, hour = int(r.integers(0, 5)), int(r.choice([9, 10, 13, 14, 15]))
        for wk in range(4):
            s0 = start_s + (wk * 7 + dow) * DAY + (hour + 6) * HOUR
            att = st[r.random(len(st)) < 0.75]
            k = r.integers(3, 11, len(att))
            a = np.repeat(att, k)
            t = s0 + r.integers(0, 2 * HOUR, len(a))
            fam = course_f[c][r.integers(0, len(course_f[c]), len(a))]
            v = r.integers(1, 5000, len(a))
            parts.append((a, t, fam, v))
            # "everyone try this now"
            for d in range(int(r.integers(1, 3))):
                td = s0 + int(r.integers(10, 100)) * 60
                sub = att[r.random(len(att)) < 0.5]
                parts.append(
                    (sub, td + r.integers(0, 120, len(sub)), np.full(len(sub), demo_f[c]), np.zeros(len(sub), np.int64))
                )
        # homework at home in the evening
        k = r.poisson(8, len(st))
        a = np.repeat(st, k)
        t = w.times(a, np.maximum(created, start_s), np.full(n, W1), -6, HUMAN)
        fam = course_f[c][r.integers(0, len(course_f[c]), len(a))]
        parts.append((a, t, fam, r.integers(1, 5000, len(a))))
    a = np.concatenate([p[0] for p in parts])
    t = np.concatenate([p[1] for p in parts])
    fam = np.concatenate([p[2] for p in parts])
    v = np.concatenate([p[3] for p in parts])
    ok = t >= created[a]
    a, t, fam, v = a[ok], t[ok], fam[ok], v[ok]
    oncampus = (((t - 6 * HOUR) % DAY) // HOUR >= 8) & (((t - 6 * HOUR) % DAY) // HOUR < 18)
    ip = np.where(oncampus & (r.random(len(a)) < 0.85), campus[r.integers(0, 24, len(a))], home[a])
    pref = np.zeros(n, np.int64)
    adopt = RELEASE + (r.exponential(10, n) * DAY).astype(np.int64)
    mod = w.models(a, t, pref, adopt, 0.6)
    w.add_req(ids[a], t, ip, mod, fam, v)
    # personal use too
    standard_traffic(w, ids, tz, created, lambda a, t: home[a], median=4)


def make_lab(w, n):
    r = w.rng
    created = _ts("2025-09-01") + r.integers(0, 60 * DAY, n)
    ids, _ = org_accounts(
        w, n, "research_lab_evals", "benign_group", created, domain="helix-research.org", country="GB"
    )
    ips = np.concatenate([w.ips(2, RESEARCH_ASN, per_block=2), w.ips(6, RESEARCH_ASN, per_block=6)])
    w.cards(ids, np.zeros(n, np.int64))
    fam = w.fams(1)[0]
    n_sweeps = 220
    days = r.integers(0, (W1 - W0) // DAY, n_sweeps)
    st = W0 + days * DAY + r.choice(24, size=n_sweeps, p=WORK) * HOUR
    st = st // 60 * 60
    parts_a, parts_t = [], []
    for s in range(n_sweeps):
        acc = np.flatnonzero(r.random(n) < r.uniform(0.3, 1.0))
        k = r.integers(15, 60, len(acc))
        a = np.repeat(acc, k)
        dur = int(r.integers(10, 40)) * 60
        parts_a.append(a)
        parts_t.append(st[s] + (r.random(len(a)) ** 1.5 * dur).astype(np.int64))
    a = np.concatenate(parts_a)
    t = np.concatenate(parts_t)
    ip = ips[np.where(r.random(len(a)) < 0.3, r.integers(0, 2, len(a)), r.integers(2, 8, len(a)))]
    mod = np.where(r.random(len(a)) < 0.5, 2, 1)
    mod = np.where((t >= RELEASE + 3 * HOUR) & (r.random(len(a)) < 0.7), NEW, mod)
    w.add_req(ids[a], t, ip, mod.astype(np.int8), fam, r.integers(1, 400, len(a)))


def make_cron(w, n):
    r = w.rng
    created = created_spread(w, n, hi="2025-12-20")
    ids, tz = org_accounts(w, n, "cron_hobbyists", "benign_group", created)
    home = w.ips(n, r.choice(ISP_ASNS, n), per_block=6)
    w.cards(ids)
    scripts = w.fams(5)
    own = w.fams(n)
    use_script = r.random(n) < 0.35
    cfam = np.where(use_script, scripts[r.integers(0, 5, n)], own)
    cvar = np.where(use_script, r.integers(1, 50, n), 0)
    hourly = r.random(n) < 0.3
    parts = []
    # daily jobs at a fixed hour :00
    d_acc = np.flatnonzero(~hourly)
    days = np.arange(W0 // DAY, W1 // DAY)
    dh = r.integers(0, 24, n)
    keep_p = r.uniform(0.5, 1.0, n)
    a = np.repeat(d_acc, len(days))
    dd = np.tile(days, len(d_acc))
    ok = r.random(len(a)) < keep_p[a]
    a, dd = a[ok], dd[ok]
    parts.append((a, dd * DAY + dh[a] * HOUR + r.integers(0, 8, len(a))))
    h_acc = np.flatnonzero(hourly)
    span = r.integers(3, 11, len(h_acc)) * 24
    st_h = W0 // HOUR + (r.random(len(h_acc)) * ((W1 - W0) // HOUR - span)).astype(np.int64)
    a = np.repeat(h_acc, span)
    off = np.arange(len(a)) - np.repeat(np.cumsum(span) - span, span)
    hh = np.repeat(st_h, span) + off
    parts.append((a, hh * HOUR + r.integers(0, 8, len(a))))
    a = np.concatenate([p[0] for p in parts])
    t = np.concatenate([p[1] for p in parts])
    ok = t >= created[a]
    a, t = a[ok], t[ok]
    latest = r.random(n) < 0.2
    pref = r.choice(3, size=n, p=[0.6, 0.3, 0.1])
    mod = pref[a].astype(np.int8)
    mod[latest[a] & (t >= RELEASE)] = NEW
    w.add_req(ids[a], t, home[a], mod, cfam[a], cvar[a])
    standard_traffic(w, ids, tz, created, lambda a, t: home[a], median=5)


def make_resi_customers(w, n, pools):
    r = w.rng
    created = created_spread(w, n)
    ids, tz = org_accounts(w, n, "resi_pool_customers", "benign_group", created)
    home = w.ips(n, r.choice(ISP_ASNS, n), per_block=6)
    w.cards(ids)
    p_pool = r.uniform(0.5, 0.95, n)
    resi = pools["resi"]

    def ip_fn(a, t):
        use = r.random(len(a)) < p_pool[a]
        return np.where(use, resi[r.integers(0, len(resi), len(a))], home[a])

    standard_traffic(w, ids, tz, created, ip_fn, median=20, sigma=1.2)


def make_relay_customers(w, n, pools):
    r = w.rng
    created = created_spread(w, n)
    ids, tz = org_accounts(w, n, "relay_reseller_customers", "benign_group", created)
    w.cards(ids[r.random(n) < 0.9])
    relay = pools["relay"]

    def ip_fn(a, t):
        hr = (t // HOUR).astype(np.uint64)
        s = w.mix(hr * np.uint64(1 << 20) + a.astype(np.uint64), 2)
        return relay[(s % np.uint64(len(relay))).astype(np.int64)]

    standard_traffic(w, ids, tz, created, ip_fn, median=15, sigma=1.2)


def make_households(w, n):
    r = w.rng
    sizes = []
    while sum(sizes) < n:
        sizes.append(int(r.choice([2, 3, 4, 5], p=[0.35, 0.3, 0.25, 0.1])))
    nh = len(sizes)
    hh = np.repeat(np.arange(nh), sizes)
    n = len(hh)
    base = created_spread(w, nh)
    together = r.random(nh) < 0.5
    created = np.where(together[hh], base[hh] + r.integers(0, 4 * DAY, n), created_spread(w, n))
    ci, tz = w.country(nh)
    ids = w.add_accounts(n, "households", "benign_group", created, w.domains(n), ci[hh])
    tz = tz[hh]
    home = w.ips(nh, r.choice(ISP_ASNS, nh), per_block=6)[hh]
    mob = w.ips(n, r.choice(MOBILE_ASNS, n), per_block=10)
    # family card shared by the first 2-3 members; others none or own
    pos = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    share = np.minimum(np.array(sizes), r.choice([2, 3], size=nh))[hh]
    fam_card = pos < share
    w.cards(ids[fam_card], hh[fam_card])
    own = (~fam_card) & (r.random(n) < 0.3)
    w.cards(ids[own])

    def ip_fn(a, t):
        return np.where(r.random(len(a)) < 0.8, home[a], mob[a])

    standard_traffic(w, ids, tz, created, ip_fn, median=9, p_pop=0.5)


def make_coworking(w, n):
    r = w.rng
    n_sp = max(1, n // 50)
    sp = r.integers(0, n_sp, n)
    created = created_spread(w, n)
    sc, stz = w.country(n_sp)
    ids = w.add_accounts(n, "coworking_space", "benign_group", created, w.domains(n, 0.5), sc[sp])
    tz = stz[sp]
    nat = w.ips(2 * n_sp, r.choice(ISP_ASNS, 2 * n_sp), per_block=2).reshape(n_sp, 2)
    home = w.ips(n, r.choice(ISP_ASNS, n), per_block=6)
    w.cards(ids)

    def ip_fn(a, t):
        lt = t + tz[a] * HOUR
        h = (lt % DAY) // HOUR
        wd = ((lt // DAY + 3) % 7) < 5
        at = wd & (h >= 9) & (h < 18) & (r.random(len(a)) < 0.9)
        return np.where(at, nat[sp[a], r.integers(0, 2, len(a))], home[a])

    standard_traffic(w, ids, tz, created, ip_fn, median=25, profile=WORK)


def make_oss_agent(w, n):
    r = w.rng
    created = created_spread(w, n)
    ids, tz = org_accounts(w, n, "oss_agent_users", "benign_group", created)
    home = w.ips(n, r.choice(ISP_ASNS, n), per_block=6)
    w.cards(ids)
    sysf, toolf = w.fams(2)
    n_sess = np.maximum(1, r.poisson(6, n))
    sa = np.repeat(np.arange(n), n_sess)
    start = np.maximum(created, W0)
    st = w.times(sa, start, np.full(n, W1), tz, HUMAN)
    ln = r.integers(5, 31, len(sa))
    a = np.repeat(sa, ln)
    first = np.zeros(len(a), bool)
    first[np.cumsum(ln) - ln] = True
    t = np.repeat(st, ln) + (r.random(len(a)) * np.repeat(ln, ln) * 40).astype(np.int64)
    upd1 = _ts("2026-01-05") + (r.exponential(2, n) * DAY).astype(np.int64)
    upd2 = RELEASE + 20 * HOUR + (r.exponential(2, n) * DAY).astype(np.int64)
    ver = (t >= upd1[a]).astype(np.int64) + (t >= upd2[a])
    fam = np.where(first, sysf, toolf)
    v = np.where(first, ver, r.integers(0, 30, len(a)))
    override = r.random(n) < 0.3
    pref = r.choice(3, size=n, p=[0.2, 0.5, 0.3])
    mod = np.where(ver == 2, NEW, 2)
    mod = np.where(override[a], pref[a], mod).astype(np.int8)
    w.add_req(ids[a], t, home[a], mod, fam, v)
    standard_traffic(w, ids, tz, created, lambda a, t: home[a], median=4)


def make_cgnat(w, n):
    r = w.rng
    created = created_spread(w, n)
    ids, tz = org_accounts(w, n, "mobile_carrier_cgnat", "benign_group", created, country="US")
    k = max(6, int(0.00015 * w.N))
    pool = w.ips(k, MOBILE_ASNS[0], per_block=k)
    w.cards(ids[r.random(n) < 0.8])
    standard_traffic(w, ids, tz, created, lambda a, t: pool[r.integers(0, k, len(a))], median=10)


# ====================================================================== output
def hex64(a):
    a = np.asarray(a, dtype=np.uint64)
    out = []
    hexch = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    shifts = np.arange(60, -1, -4, dtype=np.uint64)
    for i in range(0, len(a), 400000):
        nib = ((a[i : i + 400000, None] >> shifts) & np.uint64(15)).astype(np.uint8)
        out.append(hexch[nib].copy().view("S16").ravel())
    return np.concatenate(out) if out else np.array([], "S16")


def ip_strings(w):
    ints = np.concatenate(w.ip_int)
    v6 = np.concatenate(w.ip_v6)
    o = [pd.Series((ints >> s) & 255).astype(str) for s in (24, 16, 8, 0)]
    s = (o[0] + "." + o[1] + "." + o[2] + "." + o[3]).to_numpy(object)
    if v6.any():
        x = ints[v6]
        s[v6] = [
            f"2a0{(i >> 28) & 7:x}:{(i >> 12) & 0xFFFF:x}:{i & 0xFFF:x}:{(i * 2654435761) & 0xFFFF:x}::1"
            for i in x.tolist()
        ]
    return s, np.concatenate(w.ip_asn)


def write(w, out):
    os.makedirs(out, exist_ok=True)
    rng = w.rng
    A = {k: np.concatenate(v) for k, v in w.acc.items()}
    n = w.n_acc
    raw = rng.choice(2**44, size=n, replace=False)
    acc_id = pd.Series(hex64(raw)).str.decode("ascii").str[5:].radd("acc_").to_numpy(object)
    R = {k: np.concatenate(v) for k, v in w.req.items()}
    order = np.argsort(R["t"], kind="stable")
    R = {k: v[order] for k, v in R.items()}
    m = len(R["t"])
    last_seen = np.full(n, -1, np.int64)
    np.maximum.at(last_seen, R["acct"], R["t"])
    # prompts
    ukey, kinv = np.unique(R["key"], return_inverse=True)
    fam = ukey >> 24
    v = ukey & ((1 << 24) - 1)
    base = w.mix(fam, 0)
    mk = w.masks[(w.mix(ukey, 1) % np.uint64(65536)).astype(np.int64)]
    sim = np.where(v == 0, base, base ^ mk)
    sim_s = pa.array(hex64(sim)).cast(pa.string())
    fp_s = pa.array(np.char.add(hex64(w.mix(ukey, 2)), hex64(w.mix(ukey, 3)))).cast(pa.string())
    ip_s, ip_asn = ip_strings(w)
    ip_arr = pa.array(ip_s, pa.string())
    acc_arr = pa.array(acc_id, pa.string())
    ts = lambda x: pa.array(np.asarray(x, np.int64) * 1000000, pa.int64()).cast(pa.timestamp("us", tz="UTC"))
    req = pa.table(
        {
            "account_id": acc_arr.take(pa.array(R["acct"])),
            "timestamp": ts(R["t"]),
            "ip": ip_arr.take(pa.array(R["ip"])),
            "model": pa.array(MODELS).take(pa.array(R["model"].astype(np.int64))),
            "prompt_fingerprint": fp_s.take(pa.array(kinv)),
            "prompt_simhash": sim_s.take(pa.array(kinv)),
        }
    )
    pq.write_table(req, f"{out}/requests.parquet", compression="zstd")
    del req
    # prompt_fingerprints
    g = pd.DataFrame({"k": R["acct"].astype(np.int64) * (1 << 24) + kinv, "t": R["t"]})
    agg = g.groupby("k", sort=True)["t"].agg(["min", "max", "size"])
    k = agg.index.to_numpy()
    ki = k % (1 << 24)
    pq.write_table(
        pa.table(
            {
                "account_id": acc_arr.take(pa.array(k >> 24)),
                "fingerprint": fp_s.take(pa.array(ki)),
                "simhash": sim_s.take(pa.array(ki)),
                "first_seen": ts(agg["min"]),
                "last_seen": ts(agg["max"]),
                "request_count": pa.array(agg["size"].to_numpy(np.int64)),
            }
        ),
        f"{out}/prompt_fingerprints.parquet",
        compression="zstd",
    )
    # proxies
    g = pd.DataFrame({"k": R["acct"].astype(np.int64) * (1 << 24) + R["ip"], "t": R["t"]})
    agg = g.groupby("k", sort=True)["t"].agg(["min", "max", "size"])
    k = agg.index.to_numpy()
    ipi = k % (1 << 24)
    pq.write_table(
        pa.table(
            {
                "account_id": acc_arr.take(pa.array(k >> 24)),
                "ip": ip_arr.take(pa.array(ipi)),
                "asn": pa.array(ip_asn[ipi]),
                "first_seen": ts(agg["min"]),
                "last_seen": ts(agg["max"]),
                "request_count": pa.array(agg["size"].to_numpy(np.int64)),
            }
        ),
        f"{out}/proxies.parquet",
        compression="zstd",
    )
    # payment methods
    pa_acct = np.concatenate(w.pay_acct)
    pa_tok = np.concatenate(w.pay_tok)
    ntok = int(pa_tok.max()) + 1
    pre = np.array(["pm_", "tok_", "cardfp_"])[rng.integers(0, 3, ntok)]
    tok = np.char.add(pre, hex64(w.mix(np.arange(ntok) + 777, 3)).astype(str))
    created = A["created"]
    first = created[pa_acct] + rng.integers(0, 2 * DAY, len(pa_acct))
    last = np.maximum(first, last_seen[pa_acct])
    pq.write_table(
        pa.table(
            {
                "account_id": acc_arr.take(pa.array(pa_acct)),
                "payment_method_id": pa.array(tok[pa_tok]),
                "first_seen": ts(first),
                "last_seen": ts(last),
            }
        ),
        f"{out}/payment_methods.parquet",
        compression="zstd",
    )
    # accounts
    pq.write_table(
        pa.table(
            {
                "account_id": acc_arr,
                "created_at": ts(created),
                "email_domain": pa.array(A["domain"].astype(str)),
                "country": pa.array(A["country"].astype(str)),
                "status": pa.array(A["status"].astype(str)),
            }
        ),
        f"{out}/accounts.parquet",
        compression="zstd",
    )
    truth = pd.DataFrame(
        {"account_id": acc_id, "group": A["group"], "kind": A["kind"], "status": A["status"], "replacement": A["repl"]}
    )
    truth.to_csv(f"{out}/truth.csv", index=False)
    return m, truth


def build(n, seed):
    w = World(n, seed)
    pools = build_pools(w)
    f = lambda frac, lo: max(lo, int(round(frac * n)))
    for name, cfg in OPS.items():
        make_op(w, pools, name, cfg)
    make_ci_fleet(w, f(0.0006, 36))
    make_enterprise(w, f(0.0011, 60))
    make_university(w, f(0.0075, 150))
    make_lab(w, f(0.00012, 12))
    make_cron(w, f(0.006, 120))
    make_resi_customers(w, f(0.006, 120), pools)
    make_relay_customers(w, f(0.004, 80), pools)
    make_households(w, f(0.003, 60))
    make_coworking(w, f(0.0004, 40))
    make_oss_agent(w, f(0.004, 80))
    make_cgnat(w, f(0.003, 60))
    make_organic(w, max(0, n - w.n_acc))
    return w


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.time()
    w = build(args.accounts, args.seed)
    m, truth = write(w, args.out)
    print(f"{w.n_acc} accounts, {m} requests in {time.time() - t0:.1f}s -> {args.out}")
    print(truth.groupby(["kind", "group"]).size().to_string())


if __name__ == "__main__":
    main()
