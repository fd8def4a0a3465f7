#!/usr/bin/env python3
"""eighteenth_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/eighteenth_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and ``requests``
(+ ``ip``, ``model``, ``prompt_fingerprint``, ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the
columns ``account_id,group,kind,status,replacement,segment``.  ``kind`` is ``fraud``, ``benign_group`` or
``organic``; ``group`` is ``op_*``, ``trap_*`` or ``organic``; ``segment`` is the organic sub-population (``org_*``)
or the group name; ``status`` equals ``accounts.status``; ``replacement`` is 1 only for fraud accounts created to take
the place of an enforced fraud account.  Default N = 20,000, seed 1; N >= 5,000 (floors keep small groups alive; the
organic population fills up to exactly N).  Only numpy, pandas and pyarrow; one ``numpy.random.Generator`` seeded
from ``--seed`` makes every random choice, so a seed gives byte-identical files.  Written blind (data contract and
the other worlds' headers only).

CLOCK, MODELS, IDENTIFIERS
    35 days from Mon 2026-03-02 00:00 UTC (day 0).  ``heron-3``, ``heron-3-mini`` and ``heron-3-code`` exist all
    along; ``heron-4`` is released WEDNESDAY 2026-03-18 15:00 UTC (day 16.6).  Ordinary adoption: 5% of people
    within 0.3-24 h, 40% after release + Exp(8 days), the rest never; an adopter sends 70% of later requests to it.
    Ids are ``acct_`` / ``pm_`` / ``fp_`` + 14 lowercase letters.  Enforced accounts stop at the enforcement time.

PROMPTS AND SIMHASH
    A template is a 64-bit key; its SimHash base is a hash of it (unrelated templates ~32 bits apart).  A request is
    (template, variant): variant 0 is the exact text, any other variant is a paraphrase with its own fingerprint and
    SimHash = base OR-flipped in 1-5 bit positions derived from (template, variant).  "Fresh" variants are random
    (a new fingerprint each request), "sticky" ones small integers (shared fingerprints).  SimHashes whose hex holds
    a run of >= 12 decimal digits are re-drawn.  Organic prompts: unique text, 400 public templates (Zipf; 20% as
    one of 6 shared edits), up to 3 personal templates, the "Trellis" agent-framework system prompt (developers and
    12% of others; verbatim 60%, fresh tool-call paraphrases 40%), company templates for colleagues.

IP SPACE (one ASN per address; IPv4 from per-ASN /16 blocks, 10% of homes IPv6)
    14 countries, two home ISPs and one mobile carrier each; carrier CGNAT pools of max(3, N*w/700) addresses
    (hundreds of users per address at scale).  Eight clouds, four business ISPs.  Shared services: the "Burrow"
    residential proxy (max(200, N/50) exits on home ISPs, used by proxy customers AND three operations), the
    "Hushline" VPN (max(25, N/900) exits), reseller A "Tollgate" (max(6, N/3000) gateways, ordinary customers) and
    reseller B "Ferry" (max(4, N/5000), ordinary customers AND two operations); Tollbridge University
    (``mail.tollbridge.edu``, campus NAT 5 addresses; ordinary students and three operations use the domain).

FRAUD OPERATIONS (kind ``fraud``; ~3% of N including replacements)
------------------------------------------------------------------
``op_facade``  (max(40, 0.9% N) originals + replacements) -- A FAKE SAAS INTEGRATION WITH LOAD BALANCING.  Cells
    of 8-20 accounts posing as customers of a plausible product integration: 30% on their own vanity domains, webmail
    30, country mail 15, privacy 15, university 10%; each cell created over 3 days (days -25..+8).  The cell's
    scheduler fires a batch every 12-25 min in US business hours (13-22 UTC Mon-Fri; weekends 15% of batches) and
    spreads 30-70% of the cell size in requests ROUND-ROBIN over all members within 90 s (load balancing).  Paths
    per account: 2-4 private VMs at one cloud per cell 65%, Burrow 20%, reseller Ferry 15%.  Prepaid cards shared by
    2-3 members of a cell.  2 of 4 op families (75/25), fresh paraphrases 95%, exact 2%, public cover 3%.  heron-4
    at release + 6-20 h per cell (90%).  Sweeps on days 13.6 and 24.4 hit 30% of cells and ban half of the live
    members; 75% are replaced 2-5 days later (replacement=1) with a fresh card (30% in pairs), the predecessor's VM
    (70%) or a new VM at the cell cloud, same families.  Signal: same-90-s co-timing of cell members, private VMs,
    card pairs, families, replacements on banned VMs.  Evasion: business-hours SaaS rhythm, vanity domains.

``op_smear``  (max(40, 0.8% N)) -- ONE JOB SMEARED OVER TEN HOURS, TEMPLATES ROTATED PER DAY.  20% are AGED
    accounts bought on a marketplace (created 100-600 days back, silent until the op uses them), the rest created
    days -40..+10.  One pathway per account: Burrow 35%, own cloud VM 20% (30% shared by two), Ferry 20%, carrier
    CGNAT 10%, Hushline VPN 15%.  Prepaid cards shared by 2-3 accounts (90%).  Every day each account works with p
    .7: Poisson(18) requests at uniform random times in 02:00-12:00 UTC (+-20 min day jitter): no minute-level
    co-timing.  A pool of 10 private families; day d uses families 3d mod 10 and 3d+1 mod 10 (70/30), so the
    families rotate daily; fresh paraphrases 97%, exact 1%, public 2%.  heron-4 at release + 10-22 h (85%).  6%
    banned at random, not replaced.  Signal: private families shared by all members every day, card pairs, same
    daily window.  Evasion: spread timing, many pathways, aged accounts.

``op_pyramid``  (max(4, N/2500) controllers, 6-12 workers each, + replacements) -- A TWO-LEVEL HIERARCHY ON BOUGHT
    ACCOUNTS.  Controllers are aged accounts (created 1-5 years back, old own card, a little human traffic from a
    home address) taken over on day 2-8: a prepaid card (shared by two controllers) is attached and traffic moves to
    the controller's private relay VM.  Workers are created 0.2-3 days after the takeover (webmail 40, privacy 25,
    university 15, vanity 20%), route via the relay VM (60%) or Burrow (40%), prepaid cards shared by 2-3 workers of
    a tree.  Every 60-120 min the controller sends a "plan" request (2 op families, fresh paraphrases); 2-10 min
    later 1-3 workers send 4-10 "execution" requests 10-40 s apart (3 op families 60/30/10, fresh 95%, exact 2%,
    public 3%).  Trees move to heron-4 at release + 4-12 h (95%).  On days 14.5, 22.5 and 29.5 each live worker is
    banned with p .2; 80% are replaced 1-4 days later (replacement=1) in the same tree with a fresh own card.
    Signal: relay VMs, plan->execution co-timing, families, card pairs, replacements.  Evasion: aged controllers.

``op_tenant``  (max(24, 0.5% N) originals + replacements) -- PIGGYBACKING ON A COMPROMISED COMPANY'S DOMAIN.  The
    originals sign up on ``ferrowind-logistics.nl`` (the real company of ``trap_breached_co``, whose mail server was
    breached) in three 2-hour bursts (days 0.5, 3.5, 6.5; 60% claim NL).  Prepaid cards shared by 2-3; 4 op-wide
    VMs at Hetzner/OVH (70%, random per request) and Burrow (30%).  Waves every 8-15 min round the clock: each live
    account joins with p .1, 1-2 requests within 30 s.  2 private families (70/30), fresh 90%, exact 5%, public 5%.
    heron-4 at release + 3-10 h (90%).  Day 15 14:00 UTC sweep suspends 70% of live originals; 80% come back 3-6
    days later (replacement=1) on webmail 50 / university 30 / privacy 20%, fresh prepaid cards (40% in pairs), the
    same VMs and families.  Signal: shared VMs, wave co-timing, families, ties to suspended accounts.  Evasion: a
    real company domain.

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be listed)
-------------------------------------------------------------------
``trap_breached_co``  (max(20, 0.25% N)) -- Ferrowind Logistics' real staff (NL, old accounts, the domain the op
    abuses, office NAT of 2 addresses, 60% on the company card, work hours, a company template).  The day-15 sweep
    SUSPENDS 20% of them as collateral within the same hour as the op: same domain, same enforcement moment.
``trap_seatsplit``  (max(40, 0.5% N)) -- "Tandem" seat-splitting service: friends groups of 4-6 (half in one
    country, half mixed) sign up within 6 h of an invite and share ONE Tandem virtual card.  Tandem's two AWS servers
    send a daily quota check (one exact template) for every seat at 06:00:00-06:00:59 UTC (p .9).  5% of groups had
    one member banned for a chargeback.  Homes / CGNAT, independent human traffic.
``trap_ediscovery``  (max(30, 0.35% N)) -- Harrowgate LLP contract document reviewers: 3 + N/40000 matters, each
    staffed by a burst of new accounts on ``harrowgate-law.com`` created the morning the matter starts (30% of later
    staff are returning reviewers), ONE firm card for everybody, the firm's VDI (3 Azure addresses).  Mon-Sat
    08-20 (US East) Poisson(60) requests a day: the privilege-review family (fresh paraphrases of every document)
    85%, a matter family 15%; the firm flips the platform to heron-4 at release + 5 h.  Massive volume in one family,
    sign-up bursts, shared card and VDI, generations of accounts that go silent when a matter ends.
``trap_reseller_exodus``  (3 masters + max(30, 0.4% N) customers) -- The provider SUSPENDS reseller "Quayside"'s
    3 master accounts on day 11 16:00 (heavy traffic from 4 gateway VMs, the Quayside SDK system prompt).  Within
    6-96 h its customers open direct accounts (own cards, 12% shared by co-founders); for their first 1-3 days 50%
    still call through the Quayside gateways (passthrough), then home / CGNAT / cloud; 25% of their prompts keep the
    SDK prompt verbatim.  A hydra-like burst tied to enforced accounts by addresses and a template.
``trap_shipboard``  (max(30, 0.3% N)) -- Aldermoor Shipping crews (PH/IN/UA/ID/PL) on 3 + N/50000 ships: each
    ship's 2 satellite addresses (a maritime VSAT ASN), crew internet only in windows 06, 12 and 19-22 ship time,
    crew changes every 14 days (boarders sign up within 24 h in port, leavers go silent), cabin-mates share a
    welfare-fund prepaid card (2-3), port days on the port's carrier CGNAT.
``trap_screenreader``  (max(50, 0.6% N)) -- "Lookout" accessibility app users (bring your own key): 40% sign up
    in a burst after an app-store feature on day 9 12:00; 60% of requests are the app's image-description prompt
    (verbatim, or one of 3 app-version edits); the app's remote config moves EVERY user to heron-4 at release + 2 h
    (+- 30 min): a synchronised model switch by hundreds of unrelated accounts.  CGNAT 70% / home 30%.

ORGANIC POPULATION (kind ``organic``; the rest, ~94% of N)
    Created up to ~6 years back (exponential, mean 450 days; 12% inside the window), lognormal volume, sessions in
    the local rhythm.  Segments: ``org_individual`` (rest, ~38%), ``org_household`` (17%, 2-5 on a home IP, half
    of the households on one card), ``org_smallco`` (10%, 3-30 on an own domain, office NAT, 40% company card,
    company template), ``org_mobile`` (10%, CGNAT only), ``org_developer`` (5%, cloud VM, code model, Trellis),
    ``org_proxy_customer`` (4%, Burrow), ``org_vpn`` (3%), ``org_reseller_a`` / ``org_reseller_b`` (2.5% each),
    ``org_cron`` (3%, jobs at :00:00-:00:05; 35% one of 6 public scripts) and ``org_student`` (4%, Tollbridge,
    campus NAT + home).  0.3% banned and 0.2% suspended at random.
"""

import argparse
import os
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DAY, HOUR, MIN = 86400, 3600, 60
T0, NDAYS = int(pd.Timestamp("2026-03-02T00:00:00Z").timestamp()), 35
T1 = T0 + NDAYS * DAY
REL = T0 + 16 * DAY + 15 * HOUR
SWEEP = T0 + 15 * DAY + 14 * HOUR
NEVER = np.int64(2**62)
MODELS = ["heron-3", "heron-3-mini", "heron-3-code", "heron-4"]
M3, MMINI, MCODE, M4 = 0, 1, 2, 3
U64 = np.uint64
K1, K2 = U64(0x9E3779B97F4A7C15), U64(0xC2B2AE3D27D4EB4F)

CLOUDS = [16509, 15169, 8075, 14061, 24940, 16276, 20473, 63949]
AWS, AZURE, HETZNER, OVH = 16509, 8075, 24940, 16276
BUSINESS = [174, 3356, 6461, 3257]
BURROW_ASN, VPN_ASN, RESA_ASN, RESB_ASN, CAMPUS_ASN, VSAT_ASN = 0, 9009, 62240, 208091, 1742, 22351

# code, weight, utc offset, home ISPs, carrier, country mail domain
COUNTRIES = [
    ("US", 0.30, -6, (7922, 7018), 21928, "comcast.net"),
    ("GB", 0.07, 0, (2856, 5089), 12576, "btinternet.com"),
    ("DE", 0.07, 1, (3320, 3209), 6805, "web.de"),
    ("NL", 0.04, 1, (1136, 33915), 50266, "ziggo.nl"),
    ("FR", 0.05, 1, (3215, 12322), 51207, "orange.fr"),
    ("IN", 0.10, 5, (24560, 45609), 55836, "rediffmail.com"),
    ("BR", 0.06, -3, (28573, 18881), 26615, "uol.com.br"),
    ("JP", 0.05, 9, (4713, 2516), 9605, "nifty.com"),
    ("PH", 0.04, 8, (9299, 17639), 132199, "pldt.net"),
    ("ID", 0.04, 7, (7713, 17974), 23693, "telkom.net"),
    ("UA", 0.03, 2, (15895, 13188), 21497, "ukr.net"),
    ("PL", 0.04, 1, (5617, 12741), 12912, "wp.pl"),
    ("CA", 0.05, -5, (812, 577), 22652, "rogers.com"),
    ("KR", 0.06, 9, (4766, 9318), 9644, "naver.com"),
]
CC = [c[0] for c in COUNTRIES]
CI = {c: i for i, c in enumerate(CC)}
CW = np.array([c[1] for c in COUNTRIES])
CW = CW / CW.sum()
CTZ = np.array([c[2] for c in COUNTRIES])
WEBMAIL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com"]
PRIVACY = ["proton.me", "tutanota.com", "duck.com", "mailfence.com"]
UNI = "mail.tollbridge.edu"
TLDS = [".com", ".io", ".co", ".net", ".dev", ".app"]

HOME = np.array([1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3, 3.5, 4, 4, 4, 4, 4, 4.5, 5, 5.5, 6, 6.5, 6, 4.5, 2.5])
WORK = np.array([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 1.5, 5, 7, 7, 6, 4, 6, 7, 7, 6, 4, 1.5, 0.8, 0.5, 0.3, 0.2, 0.1])
HOME, WORK = HOME / HOME.sum(), WORK / WORK.sum()
MIX_ORG = (0.5, 0.25, 0.15, 0.1, 0, 0)  # unique, public, personal, agent, task, company


# ==================================================================================================== helpers
def mix(x):
    x = np.atleast_1d(np.asarray(x, U64))
    x = (x ^ (x >> U64(30))) * U64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> U64(27))) * U64(0x94D049BB133111EB)
    return x ^ (x >> U64(31))


def tok(keys, prefix):
    x = mix(np.asarray(keys, U64) ^ K2)
    out = np.empty((len(x), 14), np.uint8)
    for j in range(14):
        out[:, j] = (x % U64(26)).astype(np.uint8) + 97
        x = x // U64(26)
    s = out.view("S14").ravel().astype("U14")
    return pa.array(np.char.add(prefix, s))


def nibbles(x):
    return np.stack([((x >> U64(4 * (15 - j))) & U64(15)).astype(np.uint8) for j in range(16)], 1)


def long_run(x, limit=12):
    nb = nibbles(x) < 10
    run, best = np.zeros(len(x), int), np.zeros(len(x), int)
    for j in range(16):
        run = np.where(nb[:, j], run + 1, 0)
        best = np.maximum(best, run)
    return best >= limit


def hexs(x):
    nb = nibbles(x)
    return pa.array(np.array(list("0123456789abcdef"))[nb].view("U16").ravel())


def masks(t, v):
    h = mix(t ^ mix(v ^ K1))
    k = (h % U64(5)).astype(int) + 1
    m = np.zeros(len(t), U64)
    for j in range(5):
        h = mix(h + K1)
        m |= np.where(j < k, U64(1) << (h % U64(64)), U64(0))
    return np.where(v == 0, U64(0), m)


def expand(counts):
    counts = np.asarray(counts, np.int64)
    idx = np.repeat(np.arange(len(counts)), counts)
    start = np.cumsum(counts) - counts
    return idx, np.arange(len(idx)) - start[idx]


def groups(r, n, sizes, p=None):
    s = r.choice(sizes, n, p=p)
    c = np.cumsum(s)
    k = np.searchsorted(c, n) + 1
    s = s[:k]
    s[-1] -= c[k - 1] - n
    return np.repeat(np.arange(k), s)


def subgroups(r, outer, sizes=(2, 3)):
    """Consecutive chunks of 2-3 inside each outer group (card sharing); returns a global chunk id."""
    gid = np.zeros(len(outer), np.int64)
    nxt = 0
    for g in np.unique(outer):
        pos = np.nonzero(outer == g)[0]
        sub = groups(r, len(pos), sizes)
        gid[pos] = sub + nxt
        nxt += sub.max() + 1
    return gid


# ==================================================================================================== world
class World:
    def __init__(self, N, seed):
        self.N, self.rng = N, np.random.default_rng(seed)
        r = self.rng
        self.na = 0
        self.key = np.zeros(N, U64)
        self.created = np.zeros(N, np.int64)
        self.cidx = np.zeros(N, np.int64)
        self.tz = np.zeros(N, np.int64)
        self.domain = np.empty(N, object)
        self.group = np.empty(N, object)
        self.kind = np.empty(N, object)
        self.status = np.zeros(N, np.int8)
        self.enf = np.full(N, NEVER, np.int64)
        self.repl = np.zeros(N, bool)
        self.bmodel = np.zeros(N, np.int64)
        self.adopt = np.full(N, NEVER, np.int64)
        self.pkey = np.zeros(N, U64)
        self.comp = np.zeros(N, U64)
        self.req, self.pm = [], []
        self.ip_asn, self.ip_v4, self.ip_v6, self.nip = [], [], [], 0
        self.blocks, self.used16 = {}, set()
        self.salt, self.bsalt = self.newkey(2)
        self.pub = self.newkey(400)
        self.pubp = 1.0 / np.arange(1, 401) ** 1.1
        self.pubp /= self.pubp.sum()
        self.agent_t, self.tandem_t, self.sdk_t, self.sr_t, self.review_t = self.newkey(5)
        self.cron_t = self.newkey(6)
        self.ferro_comp = self.newkey(1)[0]
        # shared infrastructure
        self.cg = [self.alloc(c[4], max(3, round(self.N * c[1] / 700))) for c in COUNTRIES]
        nb = max(200, N // 50)
        bc = r.choice(len(CC), nb, p=CW)
        self.burrow = np.array([self.alloc(COUNTRIES[c][3][r.integers(2)], 1)[0] for c in bc])
        self.vpn = self.alloc(VPN_ASN, max(25, N // 900))
        self.vpnp = 1.0 / np.arange(1, len(self.vpn) + 1)
        self.vpnp /= self.vpnp.sum()
        self.resa = self.alloc(RESA_ASN, max(6, N // 3000))
        self.resb = self.alloc(RESB_ASN, max(4, N // 5000))
        self.campus = self.alloc(CAMPUS_ASN, 5)

    def newkey(self, n):
        return self.rng.integers(1, 2**63, n, dtype=np.int64).astype(U64) ^ (
            self.rng.integers(0, 2, n).astype(U64) << U64(63)
        )

    # ---------------------------------------------------------------- addresses
    def alloc(self, asn, n, v6=0.0):
        r = self.rng
        blk = self.blocks.setdefault(asn, [[], 0])
        out = np.arange(self.nip, self.nip + n)
        c0 = blk[1]
        c = np.arange(c0, c0 + n)
        while len(blk[0]) * 64000 < c0 + n:
            while True:
                p = int(r.integers(11, 223)) * 256 + int(r.integers(0, 256))
                if p not in self.used16 and p // 256 not in (100, 127, 169, 172, 192, 198, 10):
                    break
            self.used16.add(p)
            blk[0].append(p)
        blk[1] = c0 + n
        pref = np.array(blk[0], np.int64)[c // 64000]
        low = c % 64000
        v4 = (pref << 16) | ((low // 250) << 8) | (low % 250 + 2)
        six = r.random(n) < v6
        v4[six] = -1
        self.ip_asn.append(np.full(n, asn, np.int64))
        self.ip_v4.append(v4)
        self.ip_v6.append(r.integers(1, 2**47, n))
        self.nip += n
        return out

    def alloc_home(self, cidx, v6=0.1):
        r = self.rng
        out = np.empty(len(cidx), np.int64)
        isp = r.integers(0, 2, len(cidx))
        for c in np.unique(cidx):
            for k in (0, 1):
                s = (cidx == c) & (isp == k)
                if s.any():
                    out[s] = self.alloc(COUNTRIES[c][3][k], int(s.sum()), v6)
        return out

    def alloc_cloud(self, n, asn=None):
        r = self.rng
        a = r.choice(CLOUDS, n) if asn is None else np.full(n, asn)
        out = np.empty(n, np.int64)
        for x in np.unique(a):
            out[a == x] = self.alloc(int(x), int((a == x).sum()))
        return out

    # routes: functions of (account position array) -> ip ids
    def fixed(self, arr):
        arr = np.asarray(arr)
        return lambda pos: arr[pos]

    def pool(self, ids, p=None):
        ids = np.asarray(ids)
        return lambda pos: self.rng.choice(ids, len(pos), p=p)

    def cgnat(self, cidx):
        cidx = np.asarray(cidx)
        sizes = np.array([len(x) for x in self.cg])
        flat = np.concatenate(self.cg)
        off = np.cumsum(sizes) - sizes

        def f(pos):
            c = cidx[pos]
            return flat[off[c] + (self.rng.random(len(pos)) * sizes[c]).astype(np.int64)]

        return f

    def route(self, n, opts, probs, pos):
        """opts: route functions; probs: (n, k) per-account or length-k; pos: account positions per request."""
        pr = np.broadcast_to(np.asarray(probs, float), (n, len(opts)))
        cp = np.cumsum(pr, 1)
        u = self.rng.random(len(pos)) * cp[pos, -1]
        ch = (u[:, None] >= cp[pos]).sum(1)
        out = np.empty(len(pos), np.int64)
        for k, f in enumerate(opts):
            s = ch == k
            if s.any():
                out[s] = f(pos[s])
        return out

    # ---------------------------------------------------------------- accounts
    def mail(self, cidx, p=(0.7, 0.2, 0.05, 0.0, 0.05)):
        r = self.rng
        n = len(cidx)
        cat = r.choice(5, n, p=np.asarray(p) / sum(p))
        out = np.empty(n, object)
        out[cat == 0] = np.array(WEBMAIL, object)[r.choice(5, (cat == 0).sum(), p=[0.55, 0.2, 0.1, 0.1, 0.05])]
        out[cat == 1] = np.array([c[5] for c in COUNTRIES], object)[cidx[cat == 1]]
        out[cat == 2] = np.array(PRIVACY, object)[r.integers(0, 4, (cat == 2).sum())]
        out[cat == 3] = UNI
        out[cat == 4] = self.vanity((cat == 4).sum())
        return out

    def vanity(self, n):
        names = tok(self.newkey(n), "").to_numpy(zero_copy_only=False)
        tl = np.array(TLDS, object)[self.rng.integers(0, len(TLDS), n)]
        return np.array([a[: 5 + i % 5] + b for i, (a, b) in enumerate(zip(names, tl, strict=True))], object)

    def add(self, n, group, kind, created, cidx, domain, repl=False):
        r = self.rng
        i = np.arange(self.na, self.na + n)
        assert self.na + n <= self.N, "groups exceed N"
        self.na += n
        self.key[i] = self.newkey(n)
        self.created[i] = created
        self.cidx[i] = cidx
        self.tz[i] = CTZ[cidx] + np.where(np.asarray(cidx) == CI["US"], r.integers(-2, 2, n), 0)
        self.domain[i] = domain
        self.group[i], self.kind[i], self.repl[i] = group, kind, repl
        self.bmodel[i] = r.choice([M3, MMINI, MCODE], n, p=[0.7, 0.22, 0.08])
        u = r.random(n)
        ad = np.where(u < 0.05, REL + r.uniform(0.3, 24, n) * HOUR, REL + r.exponential(8, n) * DAY)
        self.adopt[i] = np.where(u < 0.45, ad, NEVER).astype(np.int64)
        self.pkey[i] = self.newkey(n)
        return i

    def card(self, i, key=None, t=None):
        i = np.asarray(i)
        key = self.newkey(len(i)) if key is None else np.asarray(key, U64)
        t = self.created[i] if t is None else np.asarray(t, np.int64)
        self.pm.append((i, key, np.broadcast_to(t, i.shape).astype(np.int64)))

    def enforce(self, i, t, p_ban=1.0):
        i = np.asarray(i)
        self.enf[i] = np.asarray(t, np.int64)
        self.status[i] = np.where(self.rng.random(len(i)) < p_ban, 1, 2)

    def emit(self, acc, ts, ip, model, tpl, var):
        n = len(acc)
        m = np.full(n, -1, np.int64) if model is None else np.broadcast_to(np.asarray(model, np.int64), (n,))
        self.req.append(
            (np.asarray(acc, np.int64), np.asarray(ts, np.int64), np.asarray(ip, np.int64), m.copy(), tpl, var)
        )

    # ---------------------------------------------------------------- prompts
    def fresh(self, n):
        return self.newkey(n) | U64(1 << 20)

    def op_prompts(self, fam, fam_idx, p_fresh, p_exact):
        """Template/variant per request for op traffic: families, fresh paraphrases, exact text, public cover."""
        r = self.rng
        R = len(fam_idx)
        u = r.random(R)
        tpl = np.asarray(fam, U64)[fam_idx]
        var = np.where(u < p_fresh, self.fresh(R), U64(0))
        cover = u >= p_fresh + p_exact
        tpl[cover] = self.pub[r.choice(400, cover.sum(), p=self.pubp)]
        var[cover] = 0
        return tpl, var


def volume(r, n, median, sigma=1.1):
    return np.maximum(1, np.rint(median * r.lognormal(0, sigma, n))).astype(np.int64)


def human(w, acc, start, end, nreq, opts, probs, mixp=MIX_ORG, prof=HOME, task=None, task_exact=0.6, model=None):
    """Human sessions: ~2.5 requests ~80 s apart at local-rhythm hours between start and end."""
    r = w.rng
    acc = np.asarray(acc)
    n = len(acc)
    start = np.broadcast_to(np.asarray(start, np.int64), (n,))
    end = np.maximum(np.broadcast_to(np.asarray(end, np.int64), (n,)), start + HOUR)
    nreq = np.broadcast_to(np.asarray(nreq, np.int64), (n,))
    ns = np.maximum(1, np.rint(nreq / 2.5)).astype(np.int64)
    si, _ = expand(ns)
    S = len(si)
    tz = w.tz[acc][si]
    d0 = (start[si] + tz * HOUR) // DAY
    nd = np.maximum(1, (end[si] - start[si]) // DAY + 1)
    day = d0 + (r.random(S) * nd).astype(np.int64)
    hr = r.choice(24, S, p=prof)
    st = day * DAY + hr * HOUR + r.integers(0, HOUR, S) - tz * HOUR
    if prof is WORK:
        wd = ((st - T0) // DAY) % 7
        st = np.where((wd >= 5) & (r.random(S) < 0.85), st - (wd - 4) * DAY, st)
    sip = w.route(n, opts, probs, si)
    ri, k = expand(nreq)
    s_off = np.cumsum(ns) - ns
    sess = s_off[ri] + k % ns[ri]
    ts = st[sess] + (k // ns[ri]) * r.integers(20, 150, len(ri))
    R = len(ri)
    a = acc[ri]
    cp = np.cumsum(np.broadcast_to(np.asarray(mixp, float), (n, 6)), 1)
    cat = (r.random(R)[:, None] * cp[ri, -1:] >= cp[ri]).sum(1)
    tpl, var = w.newkey(R), np.zeros(R, U64)
    s = cat == 1
    tpl[s] = w.pub[r.choice(400, s.sum(), p=w.pubp)]
    var[s] = np.where(r.random(s.sum()) < 0.2, r.integers(1, 7, s.sum()), 0).astype(U64)
    s = cat == 2
    tpl[s] = mix(w.pkey[a[s]] + r.integers(0, 3, s.sum()).astype(U64))
    var[s] = np.where(r.random(s.sum()) < 0.4, r.integers(1, 4, s.sum()), 0).astype(U64)
    s = cat == 3
    tpl[s] = w.agent_t
    var[s] = np.where(r.random(s.sum()) < 0.4, w.fresh(s.sum()), U64(0))
    if task is not None:
        s = cat == 4
        tpl[s] = np.broadcast_to(np.asarray(task, U64), (n,))[ri[s]]
        var[s] = np.where(r.random(s.sum()) < task_exact, U64(0), r.integers(1, 4, s.sum()).astype(U64))
    s = (cat == 5) & (w.comp[a] != 0)
    tpl[s] = w.comp[a[s]]
    var[s] = (w.pkey[a[s]] % U64(4)) + U64(1)
    mdl = None if model is None else model(a, ts)
    w.emit(a, ts, sip[sess], mdl, tpl, var)


# ==================================================================================================== fraud
def sweep_replace(w, live, t, frac, p_ban, p_repl, delay):
    """Ban a share of live accounts at t; returns (enforced, replacement-created times) for those replaced."""
    r = w.rng
    pick = live[r.random(len(live)) < frac]
    tt = t + r.integers(0, 40 * MIN, len(pick))
    w.enforce(pick, tt, p_ban)
    rep = pick[r.random(len(pick)) < p_repl]
    return rep, (w.enf[rep] + r.uniform(*delay, len(rep)) * DAY).astype(np.int64)


def op_facade(w):
    r, G = w.rng, "op_facade"
    n = max(40, round(0.009 * w.N))
    cell = groups(r, n, np.arange(8, 21))
    nc = cell.max() + 1
    c0 = T0 + r.uniform(-25, 8, nc) * DAY
    created = (c0[cell] + r.uniform(0, 3 * DAY, n)).astype(np.int64)
    cidx = r.choice(len(CC), n, p=CW)
    i = w.add(n, G, "fraud", created, cidx, w.mail(cidx, (0.3, 0.15, 0.15, 0.1, 0.3)))
    w.card(i, key=w.newkey(n)[subgroups(r, cell)])
    casn = r.choice(CLOUDS, nc)
    cvms = [w.alloc(int(casn[c]), int(r.integers(2, 5))) for c in range(nc)]
    path = r.choice(3, n, p=[0.65, 0.2, 0.15])
    vm = np.array([r.choice(cvms[c]) for c in cell])
    fam = w.newkey(4)
    cf = np.stack([r.choice(4, 2, replace=False) for _ in range(nc)])
    flip = REL + r.uniform(6, 20, nc) * HOUR
    accs, cells, paths, vms = list(i), list(cell), list(path), list(vm)
    for t in (T0 + 13.6 * DAY, T0 + 24.4 * DAY):
        a = np.array(accs)
        hit = r.random(nc) < 0.3
        live = a[hit[np.array(cells)] & (w.created[a] < t) & (w.enf[a] > t)]
        rep, tc = sweep_replace(w, live, int(t), 0.5, 0.9, 0.75, (2, 5))
        if len(rep) == 0:
            continue
        pos = np.searchsorted(a, rep)
        rc = np.array(cells)[pos]
        j = w.add(len(rep), G, "fraud", tc, w.cidx[rep], w.mail(w.cidx[rep], (0.3, 0.15, 0.15, 0.1, 0.3)), True)
        pair = groups(r, len(j), (1, 2), (0.7, 0.3))
        w.card(j, key=w.newkey(len(j))[pair])
        nvm = np.array([w.alloc(int(casn[c]), 1)[0] for c in rc])
        accs += list(j)
        cells += list(rc)
        paths += list(np.array(paths)[pos])
        vms += list(np.where(r.random(len(j)) < 0.7, np.array(vms)[pos], nvm))
    a, cl, pth, vmm = np.array(accs), np.array(cells), np.array(paths), np.array(vms)
    for c in range(nc):
        mem = np.nonzero(cl == c)[0]
        per = r.uniform(12, 25) * MIN
        wt = np.arange(T0 + r.uniform(0, per), T1, per).astype(np.int64)
        hod, dow = (wt % DAY) // HOUR, ((wt - T0) // DAY) % 7
        keep = (hod >= 13) & (hod < 22) & ((dow < 5) | (r.random(len(wt)) < 0.15))
        wt = wt[keep]
        nper = np.maximum(1, (len(mem) * r.uniform(0.3, 0.7, len(wt))).astype(np.int64))
        qi, k = expand(nper)
        mpos = mem[(r.integers(0, len(mem), len(wt))[qi] + k) % len(mem)]
        ts = wt[qi] + (k * 90 // nper[qi]) + r.integers(0, 4, len(qi))
        opts = [w.fixed(vmm), w.pool(w.burrow), w.pool(w.resb)]
        ip = w.route(len(a), opts, np.eye(3)[pth], mpos)
        fi = np.where(r.random(len(qi)) < 0.75, cf[c, 0], cf[c, 1])
        tpl, var = w.op_prompts(fam, fi, 0.95, 0.02)
        mdl = np.where((ts >= flip[c]) & (r.random(len(ts)) < 0.9), M4, M3)
        w.emit(a[mpos], ts, ip, mdl, tpl, var)


def op_smear(w):
    r, G = w.rng, "op_smear"
    n = max(40, round(0.008 * w.N))
    aged = r.random(n) < 0.2
    created = np.where(aged, T0 - r.uniform(100, 600, n) * DAY, T0 + r.uniform(-40, 10, n) * DAY).astype(np.int64)
    cidx = r.choice(len(CC), n, p=CW)
    i = w.add(n, G, "fraud", created, cidx, w.mail(cidx, (0.5, 0.2, 0.15, 0.1, 0.05)))
    order = r.permutation(n)
    shared = r.random(n) < 0.9
    cg = subgroups(r, np.zeros(n, np.int64))
    ck = w.newkey(n)[cg]
    ck[~shared] = w.newkey((~shared).sum())
    w.card(i[order], key=ck)
    path = r.choice(5, n, p=[0.35, 0.2, 0.2, 0.1, 0.15])
    vm = w.alloc_cloud(n)
    pairs = r.random(n) < 0.3
    pj = np.nonzero(pairs)[0]
    vm[pj[1::2]] = vm[pj[0::2][: len(pj[1::2])]]
    opts = [w.pool(w.burrow), w.fixed(vm), w.pool(w.resb), w.cgnat(cidx), w.pool(w.vpn, w.vpnp)]
    fam = w.newkey(10)
    active = r.random((n, NDAYS)) < 0.7
    cnt = np.where(active, r.poisson(18, (n, NDAYS)), 0).ravel()
    qi, _ = expand(cnt)
    pos, d = qi // NDAYS, qi % NDAYS
    jit = r.normal(0, 20 * MIN, NDAYS).astype(np.int64)
    start = T0 + np.arange(NDAYS) * DAY + 2 * HOUR + jit
    ts = start[d] + r.integers(0, 10 * HOUR, len(qi))
    fi = np.where(r.random(len(qi)) < 0.7, (3 * d) % 10, (3 * d + 1) % 10)
    tpl, var = w.op_prompts(fam, fi, 0.97, 0.01)
    flip = REL + r.uniform(10, 22, n) * HOUR
    mdl = np.where((ts >= flip[pos]) & (r.random(len(ts)) < 0.85), M4, M3)
    first = np.maximum(created, T0 + r.uniform(0, 10, n) * DAY)
    keep = ts >= first[pos]
    ip = w.route(n, opts, np.eye(5)[path], pos)
    w.emit(i[pos][keep], ts[keep], ip[keep], mdl[keep], tpl[keep], var[keep])
    ban = i[r.random(n) < 0.06]
    w.enforce(ban, T0 + r.uniform(5, 34, len(ban)) * DAY, 0.85)


def op_pyramid(w):
    r, G = w.rng, "op_pyramid"
    nctl = max(4, round(w.N / 2500))
    cc = r.choice(len(CC), nctl, p=CW)
    ctl = w.add(nctl, G, "fraud", T0 - r.uniform(365, 1800, nctl) * DAY, cc, w.mail(cc, (0.6, 0.4, 0, 0, 0)))
    w.card(ctl)
    take = (T0 + r.uniform(2, 8, nctl) * DAY).astype(np.int64)
    w.card(ctl, key=w.newkey(nctl)[np.arange(nctl) // 2], t=take)
    home = w.alloc_home(cc)
    human(w, ctl, T0, take, volume(r, nctl, 6, 0.5), [w.fixed(home)], [1.0])
    relay = w.alloc_cloud(nctl)
    nwk = r.integers(6, 13, nctl)
    tree = np.repeat(np.arange(nctl), nwk)
    nw = len(tree)
    wc = w.cidx[ctl][tree]
    wk = w.add(nw, G, "fraud", take[tree] + r.uniform(0.2, 3, nw) * DAY, wc, w.mail(wc, (0.4, 0, 0.25, 0.15, 0.2)))
    w.card(wk, key=w.newkey(nw)[subgroups(r, tree)])
    accs, trees = list(wk), list(tree)
    for t in (T0 + 14.5 * DAY, T0 + 22.5 * DAY, T0 + 29.5 * DAY):
        a = np.array(accs)
        live = a[(w.created[a] < t) & (w.enf[a] > t)]
        rep, tc = sweep_replace(w, live, int(t), 0.2, 0.9, 0.8, (1, 4))
        if len(rep):
            rt = np.array(trees)[np.searchsorted(a, rep)]
            j = w.add(len(rep), G, "fraud", tc, w.cidx[rep], w.mail(w.cidx[rep], (0.4, 0, 0.25, 0.15, 0.2)), True)
            w.card(j)
            accs += list(j)
            trees += list(rt)
    a, tr = np.array(accs), np.array(trees)
    pfam, efam = w.newkey(2), w.newkey(3)
    flip = REL + r.uniform(4, 12, nctl) * HOUR
    for c in range(nctl):
        per = r.uniform(60, 120) * MIN
        pt = np.arange(take[c] + r.uniform(0, per), T1, per).astype(np.int64)
        P = len(pt)
        tpl, var = w.op_prompts(pfam, r.integers(0, 2, P), 0.9, 0.1)
        w.emit(np.full(P, ctl[c]), pt, np.full(P, relay[c]), np.where(pt >= flip[c], M4, M3), tpl, var)
        mem = np.nonzero(tr == c)[0]
        nwp = r.integers(1, 4, P)
        qi, _ = expand(nwp)
        who = mem[r.integers(0, len(mem), len(qi))]
        st = pt[qi] + r.integers(2 * MIN, 10 * MIN, len(qi))
        nr = r.integers(4, 11, len(qi))
        ri, k = expand(nr)
        ts = st[ri] + k * r.integers(10, 41, len(ri))
        pos = who[ri]
        ip = np.where(r.random(len(ri)) < 0.6, relay[c], r.choice(w.burrow, len(ri)))
        tpl, var = w.op_prompts(efam, r.choice(3, len(ri), p=[0.6, 0.3, 0.1]), 0.95, 0.02)
        mdl = np.where((ts >= flip[c]) & (r.random(len(ri)) < 0.95), M4, M3)
        w.emit(a[pos], ts, ip, mdl, tpl, var)


def op_tenant(w):
    r, G = w.rng, "op_tenant"
    n = max(24, round(0.005 * w.N))
    burst = r.integers(0, 3, n)
    created = (T0 + (np.array([0.5, 3.5, 6.5])[burst]) * DAY + r.uniform(0, 2 * HOUR, n)).astype(np.int64)
    cidx = np.where(r.random(n) < 0.6, CI["NL"], r.choice(len(CC), n, p=CW))
    i = w.add(n, G, "fraud", created, cidx, "ferrowind-logistics.nl")
    w.card(i, key=w.newkey(n)[subgroups(r, np.zeros(n, np.int64))])
    live = i[r.random(n) < 0.7]
    t = np.full(len(live), SWEEP) + r.integers(0, 50 * MIN, len(live))
    w.enforce(live, t, 0.0)
    rep = live[r.random(len(live)) < 0.8]
    m = len(rep)
    tc = (w.enf[rep] + r.uniform(3, 6, m) * DAY).astype(np.int64)
    j = w.add(m, G, "fraud", tc, w.cidx[rep], w.mail(w.cidx[rep], (0.5, 0, 0.2, 0.3, 0)), True)
    w.card(j, key=w.newkey(m)[groups(r, m, (1, 2), (0.6, 0.4))])
    a = np.concatenate([i, j])
    vms = np.concatenate([w.alloc(HETZNER, 2), w.alloc(OVH, 2)])
    fam = w.newkey(2)
    per = r.uniform(8, 15) * MIN
    wt = np.arange(T0 + r.uniform(0, per), T1, per).astype(np.int64)
    # each wave: every account joins with p .1 (only live ones survive the final filter)
    nj = r.binomial(len(a), 0.1, len(wt))
    qi, _ = expand(nj)
    who = r.integers(0, len(a), len(qi))
    nr = r.integers(1, 3, len(qi))
    ri, _ = expand(nr)
    ts = wt[qi][ri] + r.integers(0, 30, len(ri))
    ip = np.where(r.random(len(ri)) < 0.7, r.choice(vms, len(ri)), r.choice(w.burrow, len(ri)))
    tpl, var = w.op_prompts(fam, np.where(r.random(len(ri)) < 0.7, 0, 1), 0.9, 0.05)
    flip = REL + r.uniform(3, 10) * HOUR
    mdl = np.where((ts >= flip) & (r.random(len(ri)) < 0.9), M4, M3)
    w.emit(a[who[qi][ri]], ts, ip, mdl, tpl, var)


# ==================================================================================================== traps
def trap_breached_co(w):
    r, G = w.rng, "trap_breached_co"
    n = max(20, round(0.0025 * w.N))
    created = (T0 - np.minimum(r.exponential(500, n), 2000) * DAY).astype(np.int64)
    i = w.add(n, G, "benign_group", created, np.full(n, CI["NL"]), "ferrowind-logistics.nl")
    w.comp[i] = w.ferro_comp
    cc = r.random(n) < 0.6
    w.card(i[cc], key=np.full(cc.sum(), w.newkey(1)[0]))
    w.card(i[~cc])
    office = w.alloc(BUSINESS[1], 2)
    home = w.alloc_home(w.cidx[i])
    human(
        w,
        i,
        T0,
        T1,
        volume(r, n, 14),
        [w.pool(office), w.fixed(home)],
        [0.75, 0.25],
        (0.45, 0.2, 0.1, 0, 0, 0.25),
        WORK,
    )
    col = i[r.random(n) < 0.2]
    w.enforce(col, SWEEP + r.integers(0, 50 * MIN, len(col)), 0.0)


def trap_seatsplit(w):
    r, G = w.rng, "trap_seatsplit"
    n = max(40, round(0.005 * w.N))
    gid = groups(r, n, (4, 5, 6))
    ng = gid.max() + 1
    gt = T0 + r.uniform(-60, 30, ng) * DAY
    gc = r.choice(len(CC), ng, p=CW)
    cidx = np.where((r.random(ng) < 0.5)[gid], gc[gid], r.choice(len(CC), n, p=CW))
    created = (gt[gid] + r.uniform(0, 6 * HOUR, n)).astype(np.int64)
    i = w.add(n, G, "benign_group", created, cidx, w.mail(cidx))
    w.card(i, key=w.newkey(ng)[gid])
    home = w.alloc_home(cidx)
    hp = r.uniform(0.3, 0.9, n)
    human(w, i, np.maximum(created, T0), T1, volume(r, n, 9), [w.fixed(home), w.cgnat(cidx)], np.stack([hp, 1 - hp], 1))
    srv = w.alloc(AWS, 2)
    days = T0 + 6 * HOUR + np.arange(NDAYS) * DAY
    on = r.random((n, NDAYS)) < 0.9
    pos, d = np.nonzero(on)
    ts = days[d] + r.integers(0, 60, len(pos))
    R = len(pos)
    w.emit(i[pos], ts, r.choice(srv, R), np.full(R, MMINI), np.full(R, w.tandem_t), np.zeros(R, U64))
    bad = np.nonzero(r.random(ng) < 0.05)[0]
    victim = np.array([i[r.choice(np.nonzero(gid == g)[0])] for g in bad], np.int64)
    if len(victim):
        s0 = np.maximum(w.created[victim], T0)
        w.enforce(victim, s0 + r.uniform(0.2, 1, len(victim)) * (T1 - s0), 1.0)


def trap_ediscovery(w):
    r, G = w.rng, "trap_ediscovery"
    n = max(30, round(0.0035 * w.N))
    nm = 3 + w.N // 40000
    ms = np.sort(r.uniform(0, 24, nm)).astype(np.int64)
    dur = r.integers(8, 15, nm)
    # new accounts per matter: the first matter gets a bigger share
    share = np.r_[1.5, np.ones(nm - 1)]
    nnew = np.floor(n * share / share.sum()).astype(np.int64)
    nnew[0] += n - nnew.sum()
    mat = np.repeat(np.arange(nm), nnew)
    created = (T0 + ms[mat] * DAY + 13 * HOUR + r.uniform(0, 2 * HOUR, n)).astype(np.int64)
    i = w.add(n, G, "benign_group", created, np.full(n, CI["US"]), "harrowgate-law.com")
    w.tz[i] = -5
    w.card(i, key=np.full(n, w.newkey(1)[0]))
    vdi = w.alloc(AZURE, 3)
    mfam = w.newkey(nm)
    staff_acc, staff_m = list(i), list(mat)
    for m in range(1, nm):
        prev = i[mat < m]
        k = min(len(prev), round(0.3 * nnew[m] / 0.7))
        back = r.choice(prev, k, replace=False)
        staff_acc += list(back)
        staff_m += [m] * k
    sa, sm = np.array(staff_acc), np.array(staff_m)
    days = ms[sm][:, None] + np.arange(15)[None, :]
    ok = (np.arange(15)[None, :] < dur[sm][:, None]) & (days % 7 != 6) & (days < NDAYS)
    cnt = np.where(ok, r.poisson(60, ok.shape), 0).ravel()
    qi, _ = expand(cnt)
    p, d = qi // 15, days.ravel()[qi]
    ts = T0 + d * DAY + 13 * HOUR + r.integers(0, 12 * HOUR, len(qi))
    R = len(qi)
    frev = r.random(R) < 0.85
    tpl = np.where(frev, w.review_t, mfam[sm[p]])
    var = np.where(r.random(R) < 0.97, w.fresh(R), U64(0))
    mdl = np.where(ts >= REL + 5 * HOUR, M4, M3)
    w.emit(sa[p], ts, r.choice(vdi, R), mdl, tpl, var)


def trap_reseller_exodus(w):
    r, G = w.rng, "trap_reseller_exodus"
    ex = T0 + 11 * DAY + 16 * HOUR
    gw = w.alloc_cloud(4, AWS)
    mast = w.add(3, G, "benign_group", T0 - r.uniform(400, 900, 3) * DAY, np.full(3, CI["GB"]), "quayside-api.com")
    w.card(mast)
    nr = r.poisson(2500 * max(1.0, w.N / 20000) * 11 / 3, 3)
    qi, _ = expand(nr)
    ts = T0 + r.integers(0, ex - T0, len(qi))
    R = len(qi)
    sdk = r.random(R) < 0.3
    tpl = np.where(sdk, w.sdk_t, w.newkey(R))
    w.emit(mast[qi], ts, r.choice(gw, R), None, tpl, np.zeros(R, U64))
    w.enforce(mast, ex + np.arange(3) * 20, 0.0)
    n = max(30, round(0.004 * w.N))
    cidx = r.choice(len(CC), n, p=CW)
    created = (ex + r.uniform(6, 96, n) * HOUR).astype(np.int64)
    i = w.add(n, G, "benign_group", created, cidx, w.mail(cidx, (0.5, 0.1, 0.05, 0, 0.35)))
    pair = groups(r, n, (1, 2), (0.88, 0.12))
    w.card(i, key=w.newkey(n)[pair])
    pt = (created + r.uniform(1, 3, n) * DAY).astype(np.int64)
    pas = r.random(n) < 0.5
    mixp = (0.4, 0.15, 0.2, 0, 0.25, 0)
    human(
        w,
        i[pas],
        created[pas],
        pt[pas],
        volume(r, pas.sum(), 8),
        [w.pool(gw)],
        [1.0],
        mixp,
        task=w.sdk_t,
        task_exact=1.0,
    )
    own = np.where(r.random(n) < 0.6, w.alloc_home(cidx), w.alloc_cloud(n))
    human(
        w,
        i,
        np.where(pas, pt, created),
        T1,
        volume(r, n, 20),
        [w.fixed(own), w.cgnat(cidx)],
        [0.8, 0.2],
        mixp,
        task=w.sdk_t,
        task_exact=1.0,
    )


def trap_shipboard(w):
    r, G = w.rng, "trap_shipboard"
    n = max(30, round(0.003 * w.N))
    S = 3 + w.N // 50000
    ship = np.sort(r.integers(0, S, n))
    stz = r.integers(-4, 9, S)
    port0 = r.uniform(0, 14, S)
    sat = [w.alloc(VSAT_ASN, 2) for _ in range(S)]
    cidx = r.choice([CI[c] for c in ("PH", "IN", "UA", "ID", "PL")], n, p=[0.4, 0.25, 0.15, 0.1, 0.1])
    # each crew member boards at a port call k (-2..2) and stays for two rotations
    k = r.integers(-2, 3, n)
    board = (T0 + (port0[ship] + 14 * k) * DAY).astype(np.int64)
    leave = board + 28 * DAY
    old = r.random(n) < 0.5
    created = np.where(old, board - r.uniform(30, 900, n) * DAY, board + r.uniform(0, 20 * HOUR, n)).astype(np.int64)
    i = w.add(n, G, "benign_group", created, cidx, w.mail(cidx, (0.85, 0.15, 0, 0, 0)))
    w.tz[i] = stz[ship]
    cab = subgroups(r, ship * 10 + (k + 2))
    pre = r.random(n) < 0.85
    w.card(i[pre], key=w.newkey(n)[cab[pre]], t=np.maximum(created[pre], board[pre]))
    prof = np.zeros(24)
    prof[[6, 12, 19, 20, 21]] = [2, 2, 3, 3, 2]
    satip = np.array([sat[s][r.integers(2)] for s in ship])
    sel = (leave > T0) & (board < T1)
    j = np.nonzero(sel)[0]
    human(
        w,
        i[j],
        np.maximum(board[j] + DAY, T0),
        np.minimum(leave[j], T1),
        volume(r, len(j), 25, 0.6),
        [w.fixed(satip[j])],
        [1.0],
        (0.55, 0.3, 0.15, 0, 0, 0),
        prof / prof.sum(),
    )
    portc = r.choice(len(CC), S)
    human(w, i[j], board[j], board[j] + DAY, volume(r, len(j), 4, 0.4), [w.cgnat(portc[ship][j])], [1.0])


def trap_screenreader(w):
    r, G = w.rng, "trap_screenreader"
    n = max(50, round(0.006 * w.N))
    feat = T0 + 9 * DAY + 12 * HOUR
    burst = r.random(n) < 0.4
    created = np.where(burst, feat + r.exponential(10 * HOUR, n), T0 - r.exponential(200, n) * DAY).astype(np.int64)
    cidx = r.choice(len(CC), n, p=CW)
    i = w.add(n, G, "benign_group", created, cidx, w.mail(cidx))
    w.bmodel[i] = MMINI
    w.card(i)
    home = w.alloc_home(cidx)
    hp = np.where(r.random(n) < 0.3, 0.9, 0.1)
    opts, probs = [w.fixed(home), w.cgnat(cidx)], np.stack([hp, 1 - hp], 1)
    st = np.maximum(created, T0)
    vol = volume(r, n, 18)
    fetch = np.zeros(w.N, np.int64)
    fetch[i] = REL + 2 * HOUR + r.integers(-30 * MIN, 30 * MIN, n)

    def app_model(a, ts):
        return np.where(ts >= fetch[a], M4, MMINI)

    human(
        w,
        i,
        st,
        T1,
        np.rint(vol * 0.6).astype(np.int64) + 1,
        opts,
        probs,
        (0, 0, 0, 0, 1, 0),
        task=w.sr_t,
        task_exact=0.85,
        model=app_model,
    )
    human(w, i, st, T1, np.rint(vol * 0.4).astype(np.int64), opts, probs)


# ==================================================================================================== organic
def org_base(w, n, group, cidx=None, mailp=(0.72, 0.2, 0.04, 0.0, 0.04)):
    r = w.rng
    if cidx is None:
        cidx = r.choice(len(CC), n, p=CW)
    inwin = r.random(n) < 0.12
    created = np.where(
        inwin, T0 + r.uniform(0, NDAYS - 1, n) * DAY, T0 - np.minimum(r.exponential(450, n), 2200) * DAY
    ).astype(np.int64)
    return w.add(n, group, "organic", created, cidx, w.mail(cidx, mailp))


def organic(w, total):
    r = w.rng
    shares = [
        ("org_household", 0.17),
        ("org_smallco", 0.10),
        ("org_mobile", 0.10),
        ("org_developer", 0.05),
        ("org_proxy_customer", 0.04),
        ("org_vpn", 0.03),
        ("org_reseller_a", 0.025),
        ("org_reseller_b", 0.025),
        ("org_cron", 0.03),
        ("org_student", 0.04),
    ]
    cnt = {g: int(total * s) for g, s in shares}
    cnt["org_individual"] = total - sum(cnt.values())

    def start(i):
        return np.maximum(w.created[i], T0)

    def ag(n):
        a = r.random(n) < 0.12
        m = np.tile(MIX_ORG, (n, 1))
        m[~a, 0] += m[~a, 3]
        m[~a, 3] = 0
        return m

    n = cnt["org_individual"]
    i = org_base(w, n, "org_individual")
    home = w.alloc_home(w.cidx[i])
    ex = r.random(n) < 0.02  # some homes are Burrow exits
    home[ex] = r.choice(w.burrow, ex.sum())
    pm = np.where(r.random(n) < 0.3, r.uniform(0.1, 0.5, n), 0)
    w.card(i[r.random(n) < 0.8])
    human(w, i, start(i), T1, volume(r, n, 8), [w.fixed(home), w.cgnat(w.cidx[i])], np.stack([1 - pm, pm], 1), ag(n))

    n = cnt["org_household"]
    hid = groups(r, n, (2, 3, 4, 5), (0.45, 0.3, 0.15, 0.1))
    nh = hid.max() + 1
    hc = r.choice(len(CC), nh, p=CW)
    i = org_base(w, n, "org_household", hc[hid])
    hhome = w.alloc_home(hc)
    sh = (r.random(nh) < 0.5)[hid]
    card = r.random(n) < 0.85
    w.card(i[sh & card], key=w.newkey(nh)[hid[sh & card]])
    w.card(i[~sh & card])
    pm = np.where(r.random(n) < 0.2, r.uniform(0.1, 0.4, n), 0)
    human(
        w, i, start(i), T1, volume(r, n, 7), [w.fixed(hhome[hid]), w.cgnat(hc[hid])], np.stack([1 - pm, pm], 1), ag(n)
    )

    n = cnt["org_smallco"]
    cid = groups(r, n, np.arange(3, 31))
    nco = cid.max() + 1
    coc = r.choice(len(CC), nco, p=CW)
    i = org_base(w, n, "org_smallco", coc[cid])
    w.domain[i] = w.vanity(nco)[cid]
    w.comp[i] = w.newkey(nco)[cid]
    office = np.concatenate([w.alloc(int(a), 1) for a in r.choice(BUSINESS, nco)])
    cc = (r.random(nco) < 0.4)[cid]
    w.card(i[cc], key=w.newkey(nco)[cid[cc]])
    w.card(i[~cc & (r.random(n) < 0.85)])
    human(
        w,
        i,
        start(i),
        T1,
        volume(r, n, 12),
        [w.fixed(office[cid]), w.fixed(w.alloc_home(w.cidx[i]))],
        [0.7, 0.3],
        (0.45, 0.2, 0.1, 0.05, 0, 0.2),
        WORK,
    )

    n = cnt["org_mobile"]
    i = org_base(w, n, "org_mobile")
    w.card(i[r.random(n) < 0.55])
    human(w, i, start(i), T1, volume(r, n, 6), [w.cgnat(w.cidx[i])], [1.0], ag(n))

    n = cnt["org_developer"]
    i = org_base(w, n, "org_developer")
    w.bmodel[i] = r.choice([M3, MCODE], n, p=[0.4, 0.6])
    early = r.random(n) < 0.1
    w.adopt[i[early]] = REL + (r.uniform(0.3, 24, early.sum()) * HOUR).astype(np.int64)
    vm = w.alloc_cloud(n)
    w.card(i[r.random(n) < 0.85])
    human(
        w,
        i,
        start(i),
        T1,
        volume(r, n, 25),
        [w.fixed(vm), w.fixed(w.alloc_home(w.cidx[i]))],
        [0.65, 0.35],
        (0.35, 0.2, 0.15, 0.3, 0, 0),
        WORK,
    )

    for g, pool, p in (
        ("org_proxy_customer", w.burrow, None),
        ("org_vpn", w.vpn, w.vpnp),
        ("org_reseller_a", w.resa, None),
        ("org_reseller_b", w.resb, None),
    ):
        n = cnt[g]
        i = org_base(w, n, g)
        w.card(i[r.random(n) < 0.7])
        hp = 0.2 if g in ("org_proxy_customer", "org_vpn") else 0.0
        human(
            w,
            i,
            start(i),
            T1,
            volume(r, n, 15),
            [w.pool(pool, p), w.fixed(w.alloc_home(w.cidx[i]))],
            [1 - hp, hp],
            ag(n),
        )

    n = cnt["org_student"]
    i = org_base(w, n, "org_student", mailp=(0.1, 0, 0, 0.9, 0))
    w.card(i[r.random(n) < 0.5])
    human(w, i, start(i), T1, volume(r, n, 9), [w.pool(w.campus), w.fixed(w.alloc_home(w.cidx[i]))], [0.5, 0.5], ag(n))

    n = cnt["org_cron"]
    i = org_base(w, n, "org_cron")
    w.card(i[r.random(n) < 0.85])
    ip = np.where(r.random(n) < 0.55, w.alloc_home(w.cidx[i]), w.alloc_cloud(n))
    per = r.choice([HOUR, 6 * HOUR, DAY], n, p=[0.15, 0.25, 0.6])
    js = np.maximum(start(i), T0 + r.integers(-10, 20, n) * DAY)
    je = np.minimum(js + r.uniform(3, 35, n) * DAY, T1).astype(np.int64)
    first = (js // per + 1) * per + np.where(per == DAY, r.integers(0, 24, n) * HOUR, 0)
    qi, k = expand(np.maximum(0, (je - first) // per))
    ts = first[qi] + k * per[qi] + r.integers(0, 6, len(qi))
    keep = r.random(len(qi)) > 0.04
    qi, ts = qi[keep], ts[keep]
    jt = np.where(r.random(n) < 0.35, w.cron_t[r.integers(0, 6, n)], mix(w.pkey[i] ^ K1))
    w.emit(i[qi], ts, ip[qi], None, jt[qi], np.zeros(len(qi), U64))
    human(w, i, start(i), T1, volume(r, n, 4), [w.fixed(ip)], [1.0])

    org = np.nonzero(w.kind[: w.na] == "organic")[0]
    sel = r.choice(org, round(0.005 * len(org)), replace=False)
    s0 = np.maximum(w.created[sel], T0)
    w.enforce(sel, (s0 + r.random(len(sel)) * np.maximum(T1 - s0, HOUR)).astype(np.int64), 0.6)


# ==================================================================================================== output
def ip_strings(v4, v6, asn):
    out = []
    for a, x, s in zip(v4.tolist(), v6.tolist(), asn.tolist(), strict=True):
        if a >= 0:
            out.append(f"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}")
        else:
            out.append(f"2a0{s % 10}:{s % 0xFFFF:x}:{(x >> 32) & 0xFFFF:x}:{(x >> 16) & 0xFFFF:x}:{x & 0xFFFF:x}::1")
    return pa.array(out)


def finish(w, out):
    r, na = w.rng, w.na
    acc, ts, ip, mdl, t, v = (np.concatenate([q[c] for q in w.req]) for c in range(6))
    keep = (ts >= T0) & (ts < T1) & (ts >= w.created[acc]) & (ts < w.enf[acc])
    acc, ts, ip, mdl, t, v = acc[keep], ts[keep], ip[keep], mdl[keep], t[keep], v[keep]
    auto = mdl < 0
    mdl[auto] = np.where((ts[auto] >= w.adopt[acc[auto]]) & (r.random(auto.sum()) < 0.7), M4, w.bmodel[acc[auto]])
    o = np.lexsort((acc, ts))
    acc, ts, ip, mdl, t, v = acc[o], ts[o], ip[o], mdl[o], t[o], v[o]
    fk = mix(t ^ mix(v ^ w.salt))
    _, first, inv = np.unique(fk, return_index=True, return_inverse=True)
    inv = inv.ravel()
    ut, uv = t[first], v[first].copy()
    base = mix(ut ^ w.bsalt)
    while (bad := long_run(base)).any():
        base[bad] = mix(base[bad] ^ K2)
    sh = base ^ masks(ut, uv)
    while (bad := long_run(sh)).any():
        uv[bad] = mix(uv[bad]) | U64(1)
        sh[bad] = base[bad] ^ masks(ut[bad], uv[bad])
    fp_s, sh_s = tok(mix(ut ^ mix(uv ^ w.salt)), "fp_"), hexs(sh)
    uip, ipi = np.unique(ip, return_inverse=True)
    ipi = ipi.ravel()
    asn_all, v4_all, v6_all = (np.concatenate(x) for x in (w.ip_asn, w.ip_v4, w.ip_v6))
    ua = asn_all[uip]
    ip_s = ip_strings(v4_all[uip], v6_all[uip], ua)
    ids = tok(w.key[:na], "acct_")
    assert len(set(ids.to_pylist())) == na

    def TS(x):
        return pa.array(np.asarray(x, np.int64), pa.timestamp("s", tz="UTC"))

    def A(x):
        return pa.array(np.asarray(x))

    os.makedirs(out, exist_ok=True)

    def wr(cols, name):
        pq.write_table(pa.table(cols), os.path.join(out, name + ".parquet"), compression="zstd")

    wr(
        {
            "account_id": ids.take(A(acc)),
            "timestamp": TS(ts),
            "ip": ip_s.take(A(ipi)),
            "model": pa.array(MODELS).take(A(mdl)),
            "prompt_fingerprint": fp_s.take(A(inv)),
            "prompt_simhash": sh_s.take(A(inv)),
        },
        "requests",
    )
    nu = len(uip)
    df = pd.DataFrame({"k": acc * nu + ipi, "ts": ts}).groupby("k", sort=True)["ts"].agg(["min", "max", "size"])
    k = df.index.to_numpy()
    wr(
        {
            "account_id": ids.take(A(k // nu)),
            "ip": ip_s.take(A(k % nu)),
            "asn": A(ua[k % nu].astype(np.int64)),
            "first_seen": TS(df["min"]),
            "last_seen": TS(df["max"]),
            "request_count": A(df["size"].to_numpy(np.int64)),
        },
        "proxies",
    )
    nf = len(first)
    df = pd.DataFrame({"k": acc * nf + inv, "ts": ts}).groupby("k", sort=True)["ts"].agg(["min", "max", "size"])
    k = df.index.to_numpy()
    wr(
        {
            "account_id": ids.take(A(k // nf)),
            "fingerprint": fp_s.take(A(k % nf)),
            "simhash": sh_s.take(A(k % nf)),
            "first_seen": TS(df["min"]),
            "last_seen": TS(df["max"]),
            "request_count": A(df["size"].to_numpy(np.int64)),
        },
        "prompt_fingerprints",
    )
    last = np.full(na, -1, np.int64)
    np.maximum.at(last, acc, ts)
    pa_, pk, pat = (np.concatenate([q[c] for q in w.pm]) for c in range(3))
    o = np.lexsort((pat, pa_))
    pa_, pk, pat = pa_[o], pk[o], pat[o]
    wr(
        {
            "account_id": ids.take(A(pa_)),
            "payment_method_id": tok(pk, "pm_"),
            "first_seen": TS(pat),
            "last_seen": TS(np.maximum(pat, last[pa_])),
        },
        "payment_methods",
    )
    perm = r.permutation(na)
    st = np.array(["active", "banned", "suspended"], dtype=object)[w.status[:na]]
    wr(
        {
            "account_id": ids.take(A(perm)),
            "created_at": TS(w.created[perm]),
            "email_domain": pa.array(list(w.domain[perm]), pa.string()),
            "country": pa.array([CC[c] for c in w.cidx[perm]], pa.string()),
            "status": pa.array(list(st[perm]), pa.string()),
        },
        "accounts",
    )
    organic_ = w.kind[perm] == "organic"
    pd.DataFrame(
        {
            "account_id": ids.take(A(perm)).to_pylist(),
            "group": np.where(organic_, "organic", w.group[perm]),
            "kind": w.kind[perm],
            "status": st[perm],
            "replacement": w.repl[perm].astype(int),
            "segment": w.group[perm],
        }
    ).to_csv(os.path.join(out, "truth.csv"), index=False)
    return len(ts)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.accounts < 5000:
        ap.error("--accounts must be at least 5000")
    t = time.time()
    w = World(a.accounts, a.seed)
    for f in (
        op_facade,
        op_smear,
        op_pyramid,
        op_tenant,
        trap_breached_co,
        trap_seatsplit,
        trap_ediscovery,
        trap_reseller_exodus,
        trap_shipboard,
        trap_screenreader,
    ):
        f(w)
    organic(w, w.N - w.na)
    nreq = finish(w, a.out_dir)
    g = pd.Series(w.group[: w.na]).value_counts()
    print(
        f"eighteenth_world: {w.na} accounts, {nreq} requests in {time.time() - t:.1f} s -> {a.out_dir}", file=sys.stderr
    )
    for name in sorted(x for x in g.index if not x.startswith("org_")):
        print(f"  {name:22s} {g[name]}", file=sys.stderr)


if __name__ == "__main__":
    main()
