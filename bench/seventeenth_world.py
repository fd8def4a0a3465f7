#!/usr/bin/env python3
"""seventeenth_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/seventeenth_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and ``requests``
(+ ``ip``, ``model``, ``prompt_fingerprint``, ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the
columns ``account_id,group,kind,status,replacement,segment``.  ``kind`` is ``fraud``, ``benign_group`` or
``organic``; ``group`` is ``op_*``, ``trap_*`` or ``organic``; ``segment`` names the organic sub-population
(``org_*``; the group name for everyone else); ``status`` equals ``accounts.status``; ``replacement`` is 1 only for
fraud accounts created to take the place of an enforced fraud account.  Default
N = 20,000, seed 1; N >= 5,000 (floors keep small groups alive; the organic population fills up to exactly N).
Only numpy, pandas and pyarrow.  One ``numpy.random.Generator`` seeded from ``--seed`` makes every random choice in
a fixed order (ids, SimHash bases and masks are hashes of values it drew), so a seed gives byte-identical files.
Written blind: from the data contract and the headers of the other bench worlds (to avoid their scenarios) only.

CLOCK, MODELS, IDENTIFIERS
    Five weeks, Mon 2027-02-01 00:00 UTC (day 0) to Mon 2027-03-08.  ``sorrel-4``, ``sorrel-4-mini`` and
    ``sorrel-4-code`` exist all along; ``sorrel-5`` is released FRIDAY 2027-02-19 17:00 UTC (day 18.7), i.e. just
    before a weekend.  Ordinary adoption: 4% of people within 0.3-24 h, 35% after R + Exp(7 days), the rest never;
    an adopter sends 70% of later requests to sorrel-5.  Ids: ``acct_`` / ``pm_`` / ``fp_`` + 14 lowercase letters
    (injective renderings of 64-bit values).  A SimHash whose hex holds a run of >= 12 decimal digits is re-drawn
    (a template base is re-hashed, a paraphrase gets the next variant key), so no column has a 13-19 digit run.
    ``proxies`` and ``prompt_fingerprints`` are exact group-bys of the written request log; payment_methods carry
    the attach time and the last activity.  Enforcement stops an account's traffic at that moment; requests before
    creation or outside the window are dropped.  Account rows are written in random order.

PROMPTS AND SIMHASH
    A template is a 64-bit key with a SimHash base hashed from it (unrelated templates ~32 bits apart).  A request is
    (template, variant): variant 0 is the exact text; any other variant key is a paraphrase with its own fingerprint
    and SimHash = base XOR a mask of 1..k random bits derived from (template, key); "fresh" keys are random (new
    fingerprint each request), "sticky" keys are small integers (shared fingerprints).  Organic prompts: ~50%
    unique, 27% from 200 public templates (Zipf 1.1; 20% as one of 6 shared 1-3 bit edits), personal templates (up
    to 3 per person, 40% as 1-3 bit sticky edits), 12% of people use the "Threadkit" agent framework (its system
    prompt verbatim 60%: thousands share that fingerprint; fresh 1-4 bit tool-call paraphrases 40%); colleagues
    share a company template (per-person sticky 1-3 bit edit).

IP SPACE (every address has one ASN; IPv4 from per-ASN /16 blocks, 12% of homes IPv6 in a /32 per ASN)
    19 countries (US in 3 zones), two home ISPs and one mobile carrier each; carrier CGNAT pools of
    max(3, N*w/900) addresses (random per session: hundreds of users per US address).  Clouds AWS / GCP / Azure /
    DO / Hetzner / OVH / Vultr / Linode (addresses per owner), business ISPs for offices.  Shared services: the
    "Gossamer" residential proxy (max(250, N/40) exits on home ISPs; 2% of ordinary homes ARE exits; its customers
    and three operations take a random exit), the "Tunnelfox" VPN (max(30, N/800) Zipf-popular exits), API
    reseller A "Kettlegate" (max(6, N/3000) gateways, ordinary customers only) and the SECOND reseller "Portolan"
    (max(4, N/5000) gateways, ordinary customers AND two operations), Ravensmoor University's campus NAT (6
    addresses, ``students.ravensmoor.ac.uk``).

FRAUD OPERATIONS (kind ``fraud``; ~2.5-3.5% of N including replacements)
------------------------------------------------------------------------
``op_switchboard``  (max(50, 0.8% N) originals + replacements) -- LOAD BALANCING WITH ROTATING DUTY ROSTERS.
    Cells of 10-70 (lognormal, median 25), each signed up in two 4-hour batches (days -30..+6); webmail 45%,
    country mail 10%, privacy 20%, the university domain 10%, 6 throwaway vanity domains 15%.  Each cell is split
    into three rosters; roster (day + phase) % 3 is on duty, so two members of different rosters NEVER fire
    together.  Every 20-40 min (cell period, +-90 s) during 00:00-16:00 UTC a wave fires: each on-duty member joins
    with p=.7 and sends 1-3 requests within 40 s (the 30% of firings routed via a Gossamer exit arrive 30-120 s
    late).  Addresses: max(2, size/8) private VMs at one cheap host per cell (70%), Gossamer (30%).  Prepaid cards
    shared by 2-3 members of DIFFERENT rosters.  2 of 5 op families per cell (75/25), fresh 1-4 bit paraphrases
    90%, exact 4%, public cover 6%; ~350 requests per account.  From release + 8-20 h (per cell) only HALF of the
    traffic moves to sorrel-5.  Sweeps on days 11.5 and 25.5 hit 35% of cells, banning 40% of their live members
    (90% banned, 10% suspended); 80% are replaced 2-6 days later (replacement=1): fresh card (30% shared by two
    replacements), same roster and families, the predecessor's VM (60%) or a new VM at the cell's host (40%).
    Signal: repeated same-minute co-firing within rosters, cell-private VMs, cross-roster card pairs, families,
    replacements on banned accounts' VMs.  Evasion: rosters split the co-timing graph, proxy stragglers, mixed ids.

``op_patchwork``  (max(40, 0.7% N)) -- VARIED PERSONA KITS WITH STAGGERED LIFETIMES AND COVER TRAFFIC.  Created
    continuously (days -10..+28; 20% aged 30-120 days, activated later); each works 9-16 days, then retires (stays
    active, silent): a sliding membership.  Domains webmail 35 / country 15 / privacy 15 / university 15 / vanity 20%.
    One pathway per account: Gossamer exit per request 30%, own cloud VM 20% (30% of VMs shared by two accounts),
    Portolan reseller gateways 25%, claimed-country carrier CGNAT 10%, a private static residential address 15%;
    20% also use a second pathway (30% of requests).  Prepaid cards shared by 2-3 accounts adjacent in activation
    order (~88% of accounts), else own.  The dispatcher issues Poisson(n/100 per hour) jobs round the clock; a job
    goes to 4-8 live accounts, each sending 3-8 requests (10-30 s gaps) starting 0-4 min into the job; one family
    per job (3 op families 70/20/10, 4% cross-family), fresh 1-5 bit paraphrases 99% (almost no exact repeats).  Plus
    persona cover ~35% of volume: diurnal in the claimed zone, unique / public / agent prompts, same pathway.  90%
    of accounts move to sorrel-5 (90% of job traffic) 3-24 h after release.  8% banned at random, not replaced.
    Signal: 5-minute co-occurrence in jobs (repeated while lifetimes overlap), families, card pairs, shared VMs.
    Evasion: no shared address for most accounts, cover traffic, nobody lives through the whole window.

``op_weekender``  (max(24, 0.45% N) originals + replacements) -- WEEKEND SURGES, MONDAY BANS.  Cells of 3-6
    (US/GB/DE/CA, one or two rented static residential addresses per cell) created days -40..-5 within 48 h; own
    prepaid card each (20% of cells: two members share one).  Besides the surges they send ~4 human-looking cover
    requests a week (evening, claimed zone, 80% from the statics).  Fri 20:00 - Sun 23:00 UTC: op-wide waves every
    10-15 min; each cell joins a wave with p=.35, members p=.8, 1-2 requests within 25 s (10% straggle 1-3 min);
    static 75% / Gossamer 25%.  Two op families, the weekend's focus family alternates (80/20); fresh 1-3 bit
    paraphrases 85%, exact 10%, cover 5%.
    The first surge after the Friday release is already on sorrel-5 (95%).  Mondays (days 7/14/21/28, 10-16 UTC)
    30% of cells lose 1-2 live members (85% banned); 80% are replaced on Wed/Thu (replacement=1) with a fresh card,
    the banned member's static address and cell, in time for the next surge.
    Signal: weekend lockstep, cell statics inherited by replacements.  Evasion: quiet human weekdays, own cards.

``op_conveyor``  (max(5, N/1400) slots, ~8 accounts each) -- A TRIAL-LENGTH CONVEYOR.  Each slot holds ONE live
    account at a time: it works 3-6 days and retires (active) and the next one is created 0-12 h later; 30% are
    banned mid-life (80% banned, 20% suspended) and replaced within 4-20 h (replacement=1).  A slot owns one
    private AWS/GCP/Azure VM (70% of requests; 30% Portolan gateways); each prepaid card serves 2-3 successive
    accounts of a slot (a fresh one after a ban).  Throwaway identities (webmail 50 / privacy 30 / vanity 20%).
    One queue: ~3.5 sessions a day of 1-2.5 h at any hour, a tick every 240/K s round-robin over the slots, so live
    accounts interleave within seconds; ~90 requests per account per day, 85% in ONE family, 15% in a second
    (fresh 1-3 bit paraphrases, 3% exact).  The whole queue moves to sorrel-5 (95%) at release + 2-4 h.
    Signal: slot VM chains of 6-10 non-overlapping accounts, card chains, ties to banned predecessors, massive
    volume in one family, interleaved timing.  Evasion: short lives, no two accounts of a slot alive together.

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be listed)
-------------------------------------------------------------------
``trap_failover``  (max(10, N/500) companies, 1-2 accounts each) -- NEW.  Companies running the open-source
    "Switchyard" multi-provider router with this provider as FALLBACK: own domain, own card, 1-2 own cloud VMs,
    a 6-hourly health probe (one exact template shared by every Switchyard user, also 15% of organic developers)
    and a trickle of product traffic.  When the primary provider has an outage (4 in the window, 45-150 min) every
    company fails over within 20-120 s and sends 20-80 requests/h until it ends: repeated same-minute co-activity
    of unrelated accounts on cloud IPs.  Prompts: company product templates (sticky slot fills) 55%, unique 45%;
    the fallback model becomes sorrel-5 after Switchyard 2.0 (day 24 + Exp(5 d) per company).
``trap_crowdstudy``  (max(40, 0.4% N)) -- NEW.  Crowdworkers of the "Fieldnote" research platform in 11
    countries (own cards, homes, old accounts, personal traffic).  7 studies are published (one at release + 6 h,
    60% on sorrel-5); 20-35% of the pool take each study, starting Exp(40 min) after publication, 20-40 items
    25-70 s apart: paraphrases (85%) of the study template.  Shared template families, bursts, fast adoption and
    high family volume, but random participant subsets and no shared infrastructure.
``trap_billing_lockout``  (max(2, N/7000) companies of 10-25) -- NEW.  A company card is flagged by its issuer and
    the provider SUSPENDS every seat of the company within a minute (days 7-20); 1-3 days later 75-90% of the staff
    sign up again (new accounts, replacement=0) on the company domain with a NEW company card, the same office NAT
    and the same company / personal templates (identical sticky fingerprints).  Looks like a hydra re-spawn next
    to enforced accounts; it is one organisation, office hours, human content.
``trap_cardpool``  (max(40, 0.4% N)) -- NEW.  Developers in NG/KE/ZA where local cards are refused pool a
    fintech's prepaid virtual dollar card among 2-3 friends living apart (exactly the 2-3 prepaid-card sharing);
    half of the pools sign up at one of 3 community meetups (a venue IP, within 3 h, a "hello" with the
    community's public helper template that also 25% of organic NG/KE/ZA users send).  CGNAT / home addresses,
    independent human timing, ordinary volume.
``trap_university``  (max(100, 0.75% N); 1,500 at 200k) -- Ravensmoor University: every student account created on
    days 0-2 (09-17 local) on ``students.ravensmoor.ac.uk`` (the domain two operations also use); the education
    programme issues LAB-PAIR VOUCHERS: one prepaid token shared by the 2-3 lab partners (60% of groups), else own
    card or none; campus NAT 6 addresses (60%) + home; weekly problem-set families per course (paraphrased), a
    weekly lab where all groups of a course work at 14:00 from campus; sorrel-4-mini.
``trap_ci_fleet``  (clip(0.2% N, 30, 300)) -- Quillmark Analytics' CI service accounts: one invoice token, 2
    office NAT + 3 GCP runner addresses, exact test templates at :00:00-:00:30 of every hour (p=.45, weekends .2),
    a nightly 02:00 UTC eval run of 120-180 requests from ONE family on a tenth of the fleet, and a canary model
    rollout: 10% of accounts on sorrel-5 at release + 1.5 h, the rest at release + 5 h.

ORGANIC POPULATION (kind ``organic``; the rest, ~93% of N)
    Created up to ~7 years back (exponential, mean 400 days; 15% inside the window), lognormal volume (sigma 1.1),
    8% dormant, sessions of ~2.5 requests ~70 s apart in the local rhythm; 80% own card.  Segments (share of the
    organic total): ``org_individual`` (~44%, home IP, 25% also CGNAT), ``org_household`` (18%, 2-5 people on one
    home IP, 55% of households on one family card), ``org_smallco`` (10%, companies of 3-25 on their own domain,
    office NAT, 40% one company card, work hours, a company template), ``org_mobile`` (9%, CGNAT only),
    ``org_developer`` (5%, own cloud VM, code model, agent framework), ``org_proxy_customer`` (4%, Gossamer),
    ``org_cron`` (3%, jobs at :00:00-:00:04 hourly / 6-hourly / daily, 40% run one of 5 public cron scripts, 10% on
    the "latest" alias that flips to sorrel-5 at the release minute), ``org_vpn`` (2.5%), ``org_reseller_a``
    (2%, Kettlegate) and ``org_reseller_b`` (2%, Portolan).  0.3% banned and 0.2% suspended at random.
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
T0, NDAYS = int(pd.Timestamp("2027-02-01T00:00:00Z").timestamp()), 35
T1, REL, NEVER = T0 + NDAYS * DAY, T0 + 18 * DAY + 17 * HOUR, np.int64(2**62)  # REL: sorrel-5 release
MODELS, (M4, MMINI, MCODE, M5) = ["sorrel-4", "sorrel-4-mini", "sorrel-4-code", "sorrel-5"], (0, 1, 2, 3)
U64 = np.uint64
K1, K2, K3 = U64(0x9E3779B97F4A7C15), U64(0xD6E8FEB86659FD93), U64(0xA0761D6478BD642F)

AWS, GCP, AZURE, DO, HETZNER, OVH, VULTR, LINODE = 16509, 15169, 8075, 14061, 24940, 16276, 20473, 63949
CLOUDS = [AWS, GCP, AZURE, DO, HETZNER, OVH, VULTR, LINODE]
BUSINESS = [174, 3356, 6461, 3257]
VPN_ASN, RESA_ASN, RESB_ASN, CAMPUS_ASN, VENUE_ASN = (9009, 60068), (51167, 202425), (210644, 44901), 199311, 37282

# code, weight, time zones, home ISP ASNs, mobile carrier ASN, country mail domain
COUNTRIES = [
    ("US", 0.26, (-5, -6, -8), (7922, 20115), 21928, "comcast.net"),
    ("GB", 0.07, (0,), (2856, 5089), 12576, "btinternet.com"),
    ("DE", 0.06, (1,), (3320, 6805), 3209, "gmx.de"),
    ("FR", 0.04, (1,), (3215, 12322), 15557, "orange.fr"),
    ("NL", 0.02, (1,), (1136, 33915), 31615, "ziggo.nl"),
    ("PL", 0.02, (1,), (5617, 12741), 39603, "wp.pl"),
    ("ES", 0.03, (1,), (3352, 12479), 12430, "telefonica.net"),
    ("IN", 0.10, (5,), (24560, 45609), 55836, "rediffmail.com"),
    ("BR", 0.05, (-3,), (28573, 18881), 26599, "uol.com.br"),
    ("MX", 0.03, (-6,), (8151, 13999), 28403, "prodigy.net.mx"),
    ("JP", 0.04, (9,), (4713, 2516), 9605, "yahoo.co.jp"),
    ("KR", 0.03, (9,), (4766, 3786), 9644, "naver.com"),
    ("SG", 0.02, (8,), (9506, 55430), 45143, "singnet.com.sg"),
    ("CA", 0.03, (-5, -8), (812, 5769), 577, "rogers.com"),
    ("AU", 0.03, (10,), (1221, 4739), 4804, "bigpond.com"),
    ("NG", 0.03, (1,), (37148, 29091), 29465, "yahoo.com.ng"),
    ("PH", 0.03, (8,), (9299, 132199), 4775, "yahoo.com.ph"),
    ("KE", 0.01, (3,), (36866, 15399), 33771, "safaricom.co.ke"),
    ("ZA", 0.01, (2,), (3741, 37457), 29975, "mweb.co.za"),
]
CC = [c[0] for c in COUNTRIES]
CI = {c: i for i, c in enumerate(CC)}
CW = np.array([c[1] for c in COUNTRIES])
CW /= CW.sum()
CMAIL = np.array([c[5] for c in COUNTRIES], dtype=object)
CLAIM = np.array([CI[c] for c in ("US", "GB", "DE", "SG", "KR", "JP", "CA", "AU", "NL", "FR", "IN", "BR")])
WEBMAIL = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me", "aol.com", "gmx.com"]
WEBW = [0.52, 0.14, 0.09, 0.07, 0.10, 0.04, 0.02, 0.02]
PRIVACY = ["proton.me", "tutanota.com", "pm.me", "mailfence.com", "posteo.de", "tuta.io"]
UNI = "students.ravensmoor.ac.uk"
SYL = [
    "bra",
    "cor",
    "del",
    "fen",
    "gal",
    "hol",
    "ist",
    "jun",
    "kel",
    "lum",
    "mor",
    "nex",
    "orb",
    "pel",
    "quin",
    "ros",
    "sil",
    "tav",
    "ulm",
    "ver",
    "wen",
    "yar",
    "zel",
    "ash",
    "bel",
    "cam",
    "dor",
    "eld",
    "fal",
    "gor",
]
WORDS = [
    "labs",
    "works",
    "data",
    "systems",
    "studio",
    "analytics",
    "digital",
    "cloud",
    "tech",
    "group",
    "partners",
    "home",
]
TLDS = ["com", "io", "net", "co", "dev", "ai", "org", "xyz"]

_P = np.array(
    [
        [2, 1, 0.6, 0.4, 0.3, 0.4, 0.8, 1.5, 2.5, 3, 3.2, 3.4, 3.6, 3.5, 3.4, 3.5, 3.8, 4.2, 4.8, 5.2, 5.4, 5, 4, 3],
        [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 6, 6.5, 6, 4.5, 5.5, 6, 6, 5.5, 4, 2, 1, 0.7, 0.5, 0.4, 0.3],
        [1.0] * 24,
    ]
)
CUMP = np.cumsum(_P / _P.sum(1, keepdims=True), 1)  # profiles: 0 personal, 1 work (weekdays), 2 flat
MIX_ORG = (0.5, 0.27, 0.15, 0.08, 0, 0)  # unique, popular, personal, agent, company, task


def mix(x):
    """splitmix64 finalizer on a uint64 array (wrapping arithmetic)."""
    x = np.atleast_1d(np.asarray(x)).astype(U64)
    x += K1
    x ^= x >> U64(30)
    x *= U64(0xBF58476D1CE4E5B9)
    x ^= x >> U64(27)
    x *= U64(0x94D049BB133111EB)
    x ^= x >> U64(31)
    return x


def sticky(j, kmax):
    return (np.asarray(j).astype(U64) << U64(3)) | U64(kmax)


def expand(counts):
    """For group sizes `counts`: (group index, rank within group) of every element."""
    counts = np.asarray(counts, np.int64)
    idx = np.repeat(np.arange(len(counts)), counts)
    return idx, np.arange(len(idx)) - np.repeat(np.cumsum(counts) - counts, counts)


def groups(r, n, sizes, p):
    """Partition n consecutive items into groups with sizes drawn from `sizes`; returns group id per item."""
    if n == 0:
        return np.zeros(0, np.int64)
    s = r.choice(sizes, n, p=p)
    cs = np.cumsum(s)
    k = int(np.searchsorted(cs, n)) + 1
    s = s[:k].copy()
    s[-1] -= cs[k - 1] - n
    return np.repeat(np.arange(k), s)


def long_run(x):
    run = np.zeros(len(x), np.int64)
    best = run.copy()
    for q in range(16):
        nib = (x >> U64(4 * (15 - q))) & U64(15)
        run = np.where(nib < 10, run + 1, 0)
        best = np.maximum(best, run)
    return best >= 12


def masks(t, v):
    h = mix((t * K3) ^ v)
    kmax = np.maximum((v & U64(7)).astype(np.int64), 1)
    k = 1 + (h & U64(255)).astype(np.int64) % kmax
    m = np.zeros(len(t), U64)
    for q in range(7):
        pos = (h >> U64(8 + 6 * q)) & U64(63)
        m |= np.where(q < k, U64(1) << pos, U64(0))
    return np.where(v == 0, U64(0), m)


def tok(keys, prefix):
    k = np.asarray(keys).astype(U64)
    L = len(prefix)
    buf = np.empty((len(k), L + 14), np.uint8)
    buf[:, :L] = np.frombuffer(prefix, np.uint8)
    for j in range(13, -1, -1):
        buf[:, L + j] = (k % U64(26)).astype(np.uint8) + 97
        k = k // U64(26)
    return pa.array(buf.view(f"S{L + 14}").ravel()).cast(pa.string())


def hexs(x):
    buf = np.empty((len(x), 16), np.uint8)
    lut = np.frombuffer(b"0123456789abcdef", np.uint8)
    for q in range(16):
        buf[:, q] = lut[((x >> U64(4 * (15 - q))) & U64(15)).astype(np.int64)]
    return pa.array(buf.view("S16").ravel()).cast(pa.string())


class World:
    def __init__(self, n, seed):
        self.N, self.rng = n, np.random.default_rng(seed)
        r = self.rng
        self.salt, self.bsalt = U64(r.integers(1, 2**62)), U64(r.integers(1, 2**62))
        self.key, self.pkey, self.comp = np.zeros(n, U64), np.zeros(n, U64), np.zeros(n, U64)
        self.created, self.enf, self.adopt = np.zeros(n, np.int64), np.full(n, NEVER), np.full(n, NEVER)
        self.status, self.repl, self.bmodel = np.zeros(n, np.int8), np.zeros(n, np.int8), np.zeros(n, np.int8)
        self.tz, self.cidx = np.zeros(n, np.int64), np.zeros(n, np.int64)
        self.domain, self.group, self.kind = (np.empty(n, object) for _ in range(3))
        self.na, self.pm, self.req = 0, [], []
        self.ip_asn, self.ip_v4, self.ip_v6, self.nip, self.blocks = [], [], [], 0, {}
        pre = np.array(
            [(a << 8) | b for a in range(11, 224) if a not in (100, 127, 169, 172, 192, 198, 203) for b in range(256)]
        )
        self.free16 = list(pre[r.permutation(len(pre))[:3000]])
        self.pools, self.pool_ips = {}, []

    # ---- infrastructure -------------------------------------------------------------------------------------
    def alloc(self, asn, n, v6=False):
        idx = np.arange(self.nip, self.nip + n)
        self.nip += n
        self.ip_asn.append(np.full(n, asn, np.int64))
        if v6:
            self.ip_v4.append(np.full(n, -1, np.int64))
            self.ip_v6.append(self.rng.integers(1, 2**47, n).astype(U64))
            return idx
        vals, done = np.empty(n, np.int64), 0
        while done < n:
            b = self.blocks.get(asn)
            if b is None or b[1] >= 65000:  # a fresh /16, hosts in random order
                b = [int(self.free16.pop()) << 16, 0, self.rng.permutation(65024)]
                self.blocks[asn] = b
            k = min(n - done, 65000 - b[1])
            off = b[2][b[1] : b[1] + k]
            vals[done : done + k] = b[0] + (off // 254) * 256 + 1 + off % 254
            b[1] += k
            done += k
        self.ip_v4.append(vals)
        self.ip_v6.append(np.zeros(n, U64))
        return idx

    def alloc_home(self, cidx, v6frac=0.0):
        r = self.rng
        cidx = np.asarray(cidx)
        n = len(cidx)
        isp = r.integers(0, 2, n)
        v6 = r.random(n) < v6frac
        out = np.empty(n, np.int64)
        for c in np.unique(cidx):
            for s in (0, 1):
                for f in (False, True):
                    m = (cidx == c) & (isp == s) & (v6 == f)
                    if m.any():
                        out[m] = self.alloc(COUNTRIES[c][3][s], int(m.sum()), f)
        return out

    def alloc_cloud(self, n, asns=CLOUDS):
        a = self.rng.choice(asns, n)
        out = np.empty(n, np.int64)
        for x in np.unique(a):
            out[a == x] = self.alloc(int(x), int((a == x).sum()))
        return out

    def add_pool(self, name, ips):
        self.pools[name] = len(self.pools)
        self.pool_ips.append(np.asarray(ips, np.int64))

    def seal_pools(self):
        self.pool_len = np.array([len(a) for a in self.pool_ips])
        self.pool_off = np.cumsum(self.pool_len) - self.pool_len
        self.pool_cat = np.concatenate(self.pool_ips)

    def pid(self, name):
        return self.pools[name]

    def pool_pick(self, pids):
        pids = np.asarray(pids, np.int64)
        return self.pool_cat[self.pool_off[pids] + (self.rng.random(len(pids)) * self.pool_len[pids]).astype(np.int64)]

    def cg(self, cidx):
        return np.array([self.pools["cg" + CC[c]] for c in np.atleast_1d(cidx)])

    # ---- accounts, cards, traffic ---------------------------------------------------------------------------
    def newkey(self, n):
        return self.rng.integers(1, 2**63 - 1, n).astype(U64)

    def add(self, n, group, kind, created, cidx, domain, tz=None, repl=0, bmodel=None, adopt=None, pkey=None):
        r = self.rng
        assert self.na + n <= self.N, "group sizes exceed N"
        i = np.arange(self.na, self.na + n)
        self.na += n
        cidx = np.broadcast_to(np.asarray(cidx, np.int64), (n,))
        self.key[i] = self.newkey(n)
        self.pkey[i] = self.key[i] if pkey is None else pkey
        self.created[i], self.cidx[i], self.domain[i] = created, cidx, domain
        self.group[i], self.kind[i], self.repl[i] = group, kind, repl
        if tz is None:
            tz = np.array(
                [COUNTRIES[c][2][int(u * len(COUNTRIES[c][2]))] for c, u in zip(cidx, r.random(n), strict=False)],
                np.int64,
            )
        self.tz[i] = tz
        self.bmodel[i] = r.choice([M4, MMINI, MCODE], n, p=[0.6, 0.3, 0.1]) if bmodel is None else bmodel
        if adopt is None:
            u = r.random(n)
            adopt = np.where(
                u < 0.04, REL + r.uniform(0.3, 24, n) * HOUR, np.where(u < 0.39, REL + r.exponential(7, n) * DAY, NEVER)
            ).astype(np.int64)
        self.adopt[i] = adopt
        return i

    def enforce(self, i, t, pban):
        i = np.asarray(i, np.int64)
        if len(i):
            self.enf[i] = t
            self.status[i] = np.where(self.rng.random(len(i)) < pban, 1, 2)

    def card(self, i, key=None, attach=None):
        i = np.asarray(i, np.int64)
        n = len(i)
        if n:
            key = self.newkey(n) if key is None else np.broadcast_to(np.asarray(key, U64), (n,)).copy()
            att = self.created[i] if attach is None else np.broadcast_to(np.asarray(attach, np.int64), (n,))
            self.pm.append((i, key, np.asarray(att, np.int64).copy()))

    def emit(self, acc, ts, ip, mdl, t, v):
        self.req.append(
            (
                np.asarray(acc, np.int64),
                np.asarray(ts, np.int64),
                np.asarray(ip, np.int64),
                np.asarray(mdl, np.int8),
                np.asarray(t, U64),
                np.asarray(v, U64),
            )
        )

    def mail(self, cidx, p, vanity=None):
        r = self.rng
        cidx = np.asarray(cidx)
        n = len(cidx)
        cat = r.choice(5, n, p=p)
        out = np.empty(n, object)
        m = cat == 0
        out[m] = r.choice(WEBMAIL, m.sum(), p=WEBW)
        m = cat == 1
        out[m] = CMAIL[cidx[m]]
        m = cat == 2
        out[m] = r.choice(PRIVACY, m.sum())
        m = cat == 3
        out[m] = UNI
        m = cat == 4
        out[m] = r.choice(vanity, m.sum()) if vanity is not None else self.vanity(m.sum())
        return out

    def vanity(self, n):
        r = self.rng
        a, b, w, t = r.choice(SYL, n), r.choice(SYL, n), r.choice(WORDS, n), r.choice(TLDS, n)
        return np.array([f"{x}{y}-{z}.{q}" for x, y, z, q in zip(a, b, w, t, strict=False)], dtype=object)

    # ---- prompts ----------------------------------------------------------------------------------------------
    def fresh(self, n, kmax):
        return (self.rng.integers(1, 2**58, n).astype(U64) << U64(3)) | U64(kmax)

    def popular(self, n):
        r = self.rng
        t = self.pop_t[np.searchsorted(self.pop_cum, r.random(n))]
        return t, np.where(r.random(n) < 0.2, sticky(r.integers(1, 7, n), 3), U64(0))

    def op_prompt(self, fam, p_exact, p_cover, kmax):
        r = self.rng
        fam = np.asarray(fam, U64)
        n = len(fam)
        u = r.random(n)
        t, v = fam.copy(), self.fresh(n, kmax)
        v[u < p_exact] = 0
        c = u >= 1 - p_cover
        if c.any():
            t[c], v[c] = self.popular(int(c.sum()))
        return t, v

    def prompts(self, cat, g, task, texact):
        r = self.rng
        R = len(cat)
        t = np.zeros(R, U64)
        v = np.zeros(R, U64)
        m = cat == 0
        t[m] = self.newkey(m.sum())
        m = cat == 1
        t[m], v[m] = self.popular(m.sum())
        m = cat == 2
        k = m.sum()
        pk = self.pkey[g[m]]
        t[m] = mix(pk ^ (np.minimum(r.geometric(0.55, k), 3).astype(U64) * K2))
        v[m] = np.where(r.random(k) < 0.4, sticky(r.integers(1, 4, k), 3), U64(0))
        m = cat == 3
        k = m.sum()
        sysp = r.random(k) < 0.6
        t[m] = np.where(sysp, self.agent_sys, self.agent_tool)
        v[m] = np.where(sysp, U64(0), self.fresh(k, 4))
        m = cat == 4
        k = m.sum()
        t[m] = self.comp[g[m]]
        v[m] = np.where(r.random(k) < 0.7, sticky(U64(1) + self.pkey[g[m]] % U64(7), 3), U64(0))
        m = cat == 5
        k = m.sum()
        t[m] = task[m]
        v[m] = np.where(r.random(k) < texact, U64(0), self.fresh(k, 3))
        return t, v


def human(
    w,
    acc,
    t0,
    t1,
    nreq,
    prof=0,
    fix0=-1,
    fix1=-1,
    pool=-1,
    pp=(1, 0, 0),
    mixp=MIX_ORG,
    task=0,
    task_exact=0.1,
    spr=2.5,
    gap=70.0,
    share=0.7,
):
    """Human-like sessions: per account `nreq` requests in sessions at local-profile hours within [t0, t1).
    A session uses fix0 / fix1 / a random member of `pool` with probabilities pp; prompt categories by mixp."""
    r = w.rng
    acc = np.asarray(acc, np.int64)
    n = len(acc)
    if n == 0:
        return

    def B(x, dt):
        return np.broadcast_to(np.asarray(x).astype(dt), (n,))

    t0, t1 = B(t0, np.int64), B(t1, np.int64)
    nreq = np.where(t1 > t0, B(nreq, np.int64), 0)
    prof, fix0, fix1, pool, task = (
        B(prof, np.int64),
        B(fix0, np.int64),
        B(fix1, np.int64),
        B(pool, np.int64),
        B(task, U64),
    )
    pp = np.broadcast_to(np.asarray(pp, float), (n, 3))
    mixp = np.broadcast_to(np.asarray(mixp, float), (n, 6))
    ns = np.ceil(nreq / spr).astype(np.int64)
    sa, _ = expand(ns)
    S = len(sa)
    if S == 0:
        return
    st = t0[sa] + (r.random(S) * (t1 - t0)[sa]).astype(np.int64)
    tzs = w.tz[acc][sa] * HOUR
    day = (st + tzs - T0) // DAY
    pc = prof[sa]
    hour = (r.random(S)[:, None] > CUMP[pc][:, :23]).sum(1)
    wk = (pc == 1) & (day % 7 >= 5) & (r.random(S) < 0.8)
    day[wk] -= 2
    st = T0 + day * DAY + hour * HOUR + r.integers(0, HOUR, S) - tzs
    slot = (r.random(S)[:, None] > np.cumsum(pp[sa], 1)[:, :2]).sum(1)
    sip = np.where(slot == 0, fix0[sa], fix1[sa])
    m = slot == 2
    if m.any():
        sip[m] = w.pool_pick(pool[sa][m])
    ra, _ = expand(nreq)
    R = len(ra)
    rs = (np.cumsum(ns) - ns)[ra] + (r.random(R) * ns[ra]).astype(np.int64)
    o = np.argsort(rs, kind="stable")
    rs, ra = rs[o], ra[o]
    rank = np.arange(R) - np.searchsorted(rs, rs)
    ts = st[rs] + (rank * gap * (0.3 + 1.4 * r.random(R))).astype(np.int64)
    g = acc[ra]
    cat = (r.random(R)[:, None] > np.cumsum(mixp[ra], 1)[:, :5]).sum(1)
    t, v = w.prompts(cat, g, task[ra], task_exact)
    mdl = np.where((ts >= w.adopt[g]) & (r.random(R) < share), M5, w.bmodel[g])
    w.emit(g, ts, sip[rs], mdl, t, v)


def volume(r, n, median, sigma=1.1, dormant=0.08):
    v = np.round(r.lognormal(np.log(median), sigma, n)).astype(np.int64)
    return np.where(r.random(n) < dormant, 0, np.maximum(v, 1))


def build_infra(w):
    r, N = w.rng, w.N
    ng = max(250, N // 40)
    w.add_pool("goss", w.alloc_home(r.choice(len(CC), ng, p=CW)))
    nv = max(30, N // 800)
    vpn = np.concatenate([w.alloc(VPN_ASN[0], nv // 2), w.alloc(VPN_ASN[1], nv - nv // 2)])
    w.add_pool("vpn", np.repeat(vpn, np.maximum(1, (40 / (1 + np.arange(nv)) ** 0.9).astype(int))))
    na_, nb_ = max(6, N // 3000), max(4, N // 5000)
    w.add_pool("resA", np.concatenate([w.alloc(a, (na_ + s) // 2) for s, a in enumerate(RESA_ASN)]))
    w.add_pool("resB", np.concatenate([w.alloc(a, (nb_ + s) // 2) for s, a in enumerate(RESB_ASN)]))
    w.add_pool("campus", w.alloc(CAMPUS_ASN, 6))
    for c, (code, _wt, _, _, mob, _) in enumerate(COUNTRIES):
        w.add_pool("cg" + code, w.alloc(mob, max(3, round(N * CW[c] / 900))))
    w.seal_pools()
    w.pop_t = w.newkey(200)
    zp = 1 / np.arange(1, 201) ** 1.1
    w.pop_cum = np.cumsum(zp / zp.sum())
    w.pop_cum[-1] = 1.0
    w.agent_sys, w.agent_tool, w.probe_t, w.community_t = w.newkey(4)
    w.cron_t = w.newkey(5)


# ==================================================================================================== fraud
def op_switchboard(w):
    r, G = w.rng, "op_switchboard"
    n0 = max(50, round(0.008 * w.N))
    sizes = []
    while sum(sizes) < n0:
        sizes.append(int(np.clip(round(r.lognormal(np.log(25), 0.5)), 10, 70)))
    sizes[-1] -= sum(sizes) - n0
    if sizes[-1] < 10 and len(sizes) > 1:
        last = sizes.pop()
        sizes[-1] += last
    nc = len(sizes)
    fams = w.newkey(5)
    cf = np.array([r.choice(5, 2, replace=False, p=[0.4, 0.25, 0.15, 0.12, 0.08]) for _ in range(nc)])
    host = r.choice([HETZNER, OVH, VULTR, DO], nc)
    period, phase = r.uniform(20, 40, nc) * MIN, r.integers(0, 3, nc)
    switch = (REL + r.uniform(8, 20, nc) * HOUR).astype(np.int64)
    van = w.vanity(6)
    acc, cell, roster, ip, start = [], [], [], [], []
    for c, sz in enumerate(sizes):
        b = T0 + r.uniform(-30, 6, 2) * DAY
        created = (b[(r.random(sz) < 0.4).astype(int)] + r.uniform(0, 4 * HOUR, sz)).astype(np.int64)
        cidx = r.choice(CLAIM, sz)
        i = w.add(
            sz, G, "fraud", created, cidx, w.mail(cidx, (0.45, 0.10, 0.20, 0.10, 0.15), van), bmodel=M4, adopt=NEVER
        )
        perm = r.permutation(sz)
        gid = groups(r, sz, (1, 2, 3), (0.1, 0.5, 0.4))  # consecutive in perm order = different rosters
        w.card(i[np.argsort(perm)], key=w.newkey(gid.max() + 1)[gid])
        ips = w.alloc(int(host[c]), max(2, round(sz / 8)))
        acc.append(i)
        cell.append(np.full(sz, c))
        roster.append(perm % 3)
        ip.append(ips[r.integers(0, len(ips), sz)])
        start.append(created + (r.uniform(2, 12, sz) * HOUR).astype(np.int64))
    acc, cell, roster, ip, start = map(np.concatenate, (acc, cell, roster, ip, start))
    end = np.full(len(acc), T1)
    for sd in (11.5, 25.5):
        ts = T0 + sd * DAY
        hit = (r.random(nc) < 0.35)[cell] & (w.created[acc] <= ts) & (end > ts) & (r.random(len(acc)) < 0.4)
        k = int(hit.sum())
        bt = (ts + r.uniform(0, 2 * HOUR, k)).astype(np.int64)
        end[hit] = bt
        w.enforce(acc[hit], bt, 0.9)
        rp = np.nonzero(hit)[0][r.random(k) < 0.8]
        cr = (end[rp] + r.uniform(2, 6, len(rp)) * DAY).astype(np.int64)
        ok = cr < T1 - 6 * HOUR
        rp, cr = rp[ok], cr[ok]
        m = len(rp)
        cidx = r.choice(CLAIM, m)
        j = w.add(
            m, G, "fraud", cr, cidx, w.mail(cidx, (0.45, 0.10, 0.20, 0.10, 0.15), van), repl=1, bmodel=M4, adopt=NEVER
        )
        gid = groups(r, m, (1, 2), (0.7, 0.3))
        w.card(j, key=w.newkey(gid.max() + 1 if m else 0)[gid])
        nip = ip[rp].copy()
        for q in np.nonzero(r.random(m) < 0.4)[0]:
            nip[q] = w.alloc(int(host[cell[rp[q]]]), 1)[0]
        acc, cell, roster = np.r_[acc, j], np.r_[cell, cell[rp]], np.r_[roster, roster[rp]]
        ip, start = np.r_[ip, nip], np.r_[start, cr + (r.uniform(2, 12, m) * HOUR).astype(np.int64)]
        end = np.r_[end, np.full(m, T1)]
    wt, wc = [], []
    for c in range(nc):
        t = T0 + r.uniform(0, period[c]) + np.arange(0, NDAYS * DAY, period[c])
        t = (t + r.uniform(-90, 90, len(t))).astype(np.int64)
        t = t[(t - T0) % DAY < 16 * HOUR]
        wt.append(t)
        wc.append(np.full(len(t), c))
    wt, wc = np.concatenate(wt), np.concatenate(wc)
    o = np.argsort(cell, kind="stable")
    cnt = np.bincount(cell, minlength=nc)
    off = np.cumsum(cnt) - cnt
    wi, k = expand(cnt[wc])
    m = o[off[wc[wi]] + k]
    t = wt[wi]
    c = wc[wi]
    ok = ((((t - T0) // DAY + phase[c]) % 3) == roster[m]) & (start[m] <= t) & (t < end[m]) & (r.random(len(m)) < 0.7)
    m, t, c = m[ok], t[ok], c[ok]
    F = len(m)
    prox = r.random(F) < 0.3
    ft = t + r.integers(0, 41, F) + np.where(prox, r.integers(30, 121, F), 0)
    exitip = w.pool_pick(np.full(F, w.pid("goss")))
    fi, j = expand(1 + r.binomial(2, 0.3, F))
    R = len(fi)
    ts = ft[fi] + j * r.integers(3, 13, R)
    fam = np.where(r.random(R) < 0.75, fams[cf[c[fi], 0]], fams[cf[c[fi], 1]])
    tt, vv = w.op_prompt(fam, 0.04, 0.06, 4)
    mdl = np.where((ts >= switch[c[fi]]) & (r.random(R) < 0.5), M5, np.where(r.random(R) < 0.85, M4, MMINI))
    w.emit(acc[m[fi]], ts, np.where(prox[fi], exitip[fi], ip[m[fi]]), mdl, tt, vv)


def op_patchwork(w):
    r, G = w.rng, "op_patchwork"
    n = max(40, round(0.007 * w.N))
    aged = r.random(n) < 0.2
    created = np.where(aged, T0 + r.uniform(-120, -30, n) * DAY, T0 + r.uniform(-10, 28, n) * DAY).astype(np.int64)
    start = np.where(aged, T0 + r.uniform(-5, 25, n) * DAY, created + r.uniform(6, 30, n) * HOUR).astype(np.int64)
    stop = np.minimum(start + r.uniform(9, 16, n) * DAY, T1).astype(np.int64)
    cidx = r.choice(CLAIM, n)
    adopt = np.where(r.random(n) < 0.9, REL + r.uniform(3, 24, n) * HOUR, NEVER).astype(np.int64)
    i = w.add(
        n, G, "fraud", created, cidx, w.mail(cidx, (0.35, 0.15, 0.15, 0.15, 0.20), w.vanity(6)), bmodel=M4, adopt=adopt
    )
    b = r.random(n) < 0.08
    bt = (start + r.random(n) * (stop - start)).astype(np.int64)
    w.enforce(i[b], bt[b], 1.0)
    stop = np.where(b, bt, stop)
    o = np.argsort(start, kind="stable")
    gid = groups(r, n, (1, 2, 3), (0.25, 0.45, 0.30))
    w.card(i[o], key=w.newkey(gid.max() + 1)[gid])
    # pathways: 0 Gossamer, 1 own VM, 2 Portolan, 3 CGNAT, 4 private static residential
    fix, pool = np.full((n, 2), -1, np.int64), np.full((n, 2), -1, np.int64)
    pw = np.stack(
        [r.choice(5, n, p=[0.30, 0.20, 0.25, 0.10, 0.15]), r.choice(5, n, p=[0.30, 0.20, 0.25, 0.10, 0.15])], 1
    )
    pw[r.random(n) >= 0.2, 1] = -1
    for s in (0, 1):
        vm = np.nonzero(pw[:, s] == 1)[0]
        vip = w.alloc_cloud(len(vm), [DO, VULTR, LINODE, HETZNER])
        pair = np.r_[False, r.random(len(vm) - 1) < 0.3] if len(vm) else np.zeros(0, bool)
        for q in np.nonzero(pair)[0]:
            vip[q] = vip[q - 1]
        fix[vm, s] = vip
        st = np.nonzero(pw[:, s] == 4)[0]
        fix[st, s] = w.alloc_home(r.choice([CI["US"], CI["GB"], CI["DE"]], len(st)))
        pool[pw[:, s] == 0, s] = w.pid("goss")
        pool[pw[:, s] == 2, s] = w.pid("resB")
        q = pw[:, s] == 3
        pool[q, s] = w.cg(cidx[q]) if q.any() else []
    nj = r.poisson(n / 100 * NDAYS * 24)
    jt = np.sort(T0 + (r.random(nj) * NDAYS * DAY).astype(np.int64))
    jfam = r.choice(3, nj, p=[0.7, 0.2, 0.1])
    sel_j, sel_a = [], []
    for q in range(nj):
        cand = np.nonzero((start <= jt[q]) & (stop > jt[q]))[0]
        if len(cand):
            s = r.choice(cand, min(len(cand), int(r.integers(4, 9))), replace=False)
            sel_j.append(np.full(len(s), q))
            sel_a.append(s)
    sj, sa = np.concatenate(sel_j), np.concatenate(sel_a)
    nper = r.integers(3, 9, len(sj))
    fi, k = expand(nper)
    R = len(fi)
    ts = jt[sj][fi] + r.integers(0, 241, len(sj))[fi] + k * r.integers(10, 31, len(sj))[fi]
    a = sa[fi]
    fams = w.newkey(3)
    fam = fams[np.where(r.random(R) < 0.04, r.integers(0, 3, R), jfam[sj][fi])]
    tt, vv = w.op_prompt(fam, 0.01, 0, 5)
    s = np.where((pw[a, 1] >= 0) & (r.random(R) < 0.3), 1, 0)
    ipr = fix[a, s]
    pm = ipr < 0
    ipr[pm] = w.pool_pick(pool[a, s][pm])
    mdl = np.where((ts >= adopt[a]) & (r.random(R) < 0.9), M5, np.where(r.random(R) < 0.8, M4, MCODE))
    w.emit(i[a], ts, ipr, mdl, tt, vv)
    cover = np.round(np.bincount(a, minlength=n) * 0.55).astype(np.int64)
    fx = np.where(fix[:, 0] >= 0, fix[:, 0], -1)
    pl = np.where(pool[:, 0] >= 0, pool[:, 0], 0)
    pp = np.where((fix[:, 0] >= 0)[:, None], [1.0, 0, 0], [0.0, 0, 1])
    human(w, i, np.maximum(created, T0), stop, cover, 0, fx, -1, pl, pp, (0.45, 0.35, 0, 0.2, 0, 0))


def op_weekender(w):
    r, G = w.rng, "op_weekender"
    n0 = max(24, round(0.0045 * w.N))
    sizes = []
    while sum(sizes) < n0:
        sizes.append(int(r.integers(3, 7)))
    sizes[-1] = max(2, sizes[-1] - (sum(sizes) - n0))
    nc = len(sizes)
    van = w.vanity(4)
    acc, cell, ip = [], [], []
    for c, sz in enumerate(sizes):
        cc = r.choice([CI["US"], CI["GB"], CI["DE"], CI["CA"]])
        statics = w.alloc_home(np.full(1 + (sz > 4), cc))
        created = (T0 + r.uniform(-40, -5) * DAY + r.uniform(0, 48 * HOUR, sz)).astype(np.int64)
        i = w.add(
            sz, G, "fraud", created, cc, w.mail(np.full(sz, cc), (0.5, 0.1, 0.2, 0.1, 0.1), van), bmodel=M4, adopt=NEVER
        )
        if r.random() < 0.2:
            w.card(i[:2], key=w.newkey(1)[0])
            w.card(i[2:])
        else:
            w.card(i)
        acc.append(i)
        cell.append(np.full(sz, c))
        ip.append(statics[np.arange(sz) % len(statics)])
    acc, cell, ip = map(np.concatenate, (acc, cell, ip))
    end = np.full(len(acc), T1)
    for d in (7, 14, 21, 28):
        base = T0 + d * DAY
        vic = []
        for c in np.nonzero(r.random(nc) < 0.3)[0]:
            mem = np.nonzero((cell == c) & (w.created[acc] < base) & (end > base))[0]
            if len(mem):
                vic.extend(r.choice(mem, min(len(mem), int(r.integers(1, 3))), replace=False))
        vic = np.array(vic, np.int64)
        m = len(vic)
        if m == 0:
            continue
        bt = (base + r.uniform(10, 16, m) * HOUR).astype(np.int64)
        end[vic] = bt
        w.enforce(acc[vic], bt, 0.85)
        rp = vic[r.random(m) < 0.8]
        m = len(rp)
        cr = (end[rp] + r.uniform(2, 3.5, m) * DAY).astype(np.int64)
        cc = w.cidx[acc[rp]]
        j = w.add(m, G, "fraud", cr, cc, w.mail(cc, (0.5, 0.1, 0.2, 0.1, 0.1), van), repl=1, bmodel=M4, adopt=NEVER)
        w.card(j)
        acc, cell, ip, end = np.r_[acc, j], np.r_[cell, cell[rp]], np.r_[ip, ip[rp]], np.r_[end, np.full(m, T1)]
    start = w.created[acc] + 6 * HOUR
    WT, WK = [], []
    for wk in range(5):
        s, e = T0 + (7 * wk + 4) * DAY + 20 * HOUR, T0 + (7 * wk + 6) * DAY + 23 * HOUR
        t = (s + np.cumsum(r.uniform(600, 900, 400))).astype(np.int64)
        t = t[t < e]
        WT.append(t)
        WK.append(np.full(len(t), wk))
    WT, WK = np.concatenate(WT), np.concatenate(WK)
    pw, pc = np.nonzero(r.random((len(WT), nc)) < 0.35)
    o = np.argsort(cell, kind="stable")
    cnt = np.bincount(cell, minlength=nc)
    off = np.cumsum(cnt) - cnt
    mi, k = expand(cnt[pc])
    m = o[off[pc[mi]] + k]
    t = WT[pw[mi]]
    wk = WK[pw[mi]]
    ok = (start[m] <= t) & (t < end[m]) & (r.random(len(m)) < 0.8)
    m, t, wk = m[ok], t[ok], wk[ok]
    F = len(m)
    ft = t + r.integers(0, 26, F) + np.where(r.random(F) < 0.1, r.integers(60, 181, F), 0)
    fip = np.where(r.random(F) < 0.75, ip[m], w.pool_pick(np.full(F, w.pid("goss"))))
    fi, j = expand(1 + (r.random(F) < 0.5))
    R = len(fi)
    ts = ft[fi] + j * r.integers(4, 16, R)
    fams = w.newkey(2)
    focus = wk[fi] % 2
    tt, vv = w.op_prompt(fams[np.where(r.random(R) < 0.8, focus, 1 - focus)], 0.10, 0.05, 3)
    sw = REL + 3 * HOUR + int(r.integers(0, HOUR))
    mdl = np.where((ts >= sw) & (r.random(R) < 0.95), M5, M4)
    w.emit(acc[m[fi]], ts, fip[fi], mdl, tt, vv)
    life = (np.minimum(end, T1) - np.maximum(w.created[acc], T0)) / DAY
    human(
        w,
        acc,
        np.maximum(w.created[acc], T0),
        end,
        r.poisson(0.8 * np.maximum(life, 0) * 5 / 7),
        0,
        ip,
        -1,
        w.pid("goss"),
        (0.8, 0, 0.2),
        (0.5, 0.4, 0, 0.1, 0, 0),
    )


def op_conveyor(w):
    r, G = w.rng, "op_conveyor"
    K = max(5, round(w.N / 1400))
    slot_ip = w.alloc_cloud(K, [AWS, GCP, AZURE])
    rows, cg = [], -1
    for s in range(K):
        t, left, prev_b = T0 + r.uniform(-3, 2) * DAY, 0, False
        while t < T1 - 6 * HOUR:
            st, L, b = t + r.uniform(10, 60) * MIN, r.uniform(3, 6) * DAY, r.random() < 0.3
            e = st + (r.uniform(0.2, 1) * L if b else L)
            if left == 0 or prev_b:
                cg, left = cg + 1, int(r.integers(2, 4))
            left -= 1
            rows.append((t, st, e, b, s, prev_b, cg))
            prev_b = b
            t = e + (r.uniform(4, 20) if b else r.uniform(0, 12)) * HOUR
    cr, ws, en, bn, sl, rp, cgid = (np.array(x) for x in zip(*rows, strict=False))
    cr, ws, en = cr.astype(np.int64), ws.astype(np.int64), np.minimum(en, T1).astype(np.int64)
    n = len(cr)
    cidx = r.choice(CLAIM, n)
    i = w.add(
        n,
        G,
        "fraud",
        cr,
        cidx,
        w.mail(cidx, (0.5, 0, 0.3, 0, 0.2), w.vanity(8)),
        repl=rp.astype(np.int8),
        bmodel=M4,
        adopt=NEVER,
    )
    w.enforce(i[bn], en[bn], 0.8)
    w.card(i, key=w.newkey(cg + 1)[cgid])
    ns = r.poisson(3.5 * NDAYS)
    sst = np.sort(T0 + (r.random(ns) * NDAYS * DAY).astype(np.int64))
    dt = 240.0 / K
    si, k = expand((r.uniform(1, 2.5, ns) * HOUR / dt).astype(np.int64))
    tick = (sst[si] + k * dt + r.uniform(0, 3, len(si))).astype(np.int64)
    tslot = (k + r.integers(0, K, ns)[si]) % K
    o = np.lexsort((ws, sl))
    base = T0 - 30 * DAY
    skey = sl[o] * 2**40 + (ws[o] - base)
    j = np.searchsorted(skey, tslot * 2**40 + (tick - base), side="right") - 1
    a = o[np.maximum(j, 0)]
    ok = (j >= 0) & (sl[a] == tslot) & (ws[a] <= tick) & (tick < en[a])
    a, tick = a[ok], tick[ok]
    R = len(a)
    fams = w.newkey(2)
    tt, vv = w.op_prompt(np.where(r.random(R) < 0.85, fams[0], fams[1]), 0.03, 0, 3)
    ipr = np.where(r.random(R) < 0.7, slot_ip[sl[a]], w.pool_pick(np.full(R, w.pid("resB"))))
    sw = REL + int(r.uniform(2, 4) * HOUR)
    w.emit(i[a], tick, ipr, np.where((tick >= sw) & (r.random(R) < 0.95), M5, M4), tt, vv)


# ==================================================================================================== traps
def trap_ci_fleet(w):
    r, G = w.rng, "trap_ci_fleet"
    n = int(np.clip(round(0.002 * w.N), 30, 300))
    b = r.integers(0, 3, n)
    created = (T0 - r.uniform(60, 90, 3)[b] * DAY + 14 * HOUR + np.arange(n) * r.integers(2, 6, n)).astype(np.int64)
    i = w.add(n, G, "benign_group", created, CI["US"], "quillmark-analytics.com", tz=-5, bmodel=MCODE, adopt=NEVER)
    w.card(i, key=w.newkey(1)[0])
    office, runners = w.alloc(3356, 2), w.alloc(GCP, 3)
    tpl = w.newkey(8)
    mine = np.stack([r.choice(8, 2, replace=False) for _ in range(n)])
    canary = r.random(n) < 0.1
    sw = np.where(canary, REL + 1.5 * HOUR, REL + 5 * HOUR).astype(np.int64) + r.integers(0, 600, n)
    H = NDAYS * 24
    ai, h = expand(np.full(n, H))
    wkend = (h // 24) % 7 >= 5
    ok = r.random(len(ai)) < np.where(wkend, 0.2, 0.45)
    ai, h = ai[ok], h[ok]
    F = len(ai)
    ft = T0 + h * HOUR + r.integers(0, 31, F)
    fi, j = expand(1 + (r.random(F) < 0.4))
    R = len(fi)
    ts = ft[fi] + j * r.integers(3, 16, R)
    a = ai[fi]
    t = tpl[mine[a, (r.random(R) < 0.5).astype(int)]]
    ip = np.where(r.random(R) < 0.85, runners[r.integers(0, 3, R)], office[r.integers(0, 2, R)])
    w.emit(i[a], ts, ip, np.where(ts >= sw[a], M5, MCODE), t, np.zeros(R, U64))
    E = max(3, n // 10)
    evf = w.newkey(1)[0]
    ei, d = expand(np.full(E, NDAYS))
    cnt = r.integers(120, 181, len(ei))
    qi, k = expand(cnt)
    ts = T0 + d[qi] * DAY + 2 * HOUR + r.integers(0, 61, len(ei))[qi] + k * r.integers(6, 13, len(ei))[qi]
    a = ei[qi]
    R = len(a)
    tt, vv = w.op_prompt(np.full(R, evf), 0.15, 0, 3)
    w.emit(i[a], ts, runners[r.integers(0, 3, R)], np.where(ts >= sw[a], M5, MCODE), tt, vv)


def trap_university(w):
    r, G = w.rng, "trap_university"
    n = max(100, round(0.0075 * w.N))
    gb = CI["GB"]
    cidx = np.where(r.random(n) < 0.9, gb, r.choice([CI["IN"], CI["US"], CI["NG"], CI["SG"]], n))
    created = (T0 + r.integers(0, 3, n) * DAY + r.uniform(9, 17, n) * HOUR).astype(np.int64)
    u = r.random(n)
    adopt = np.where(
        u < 0.02, REL + r.uniform(0.3, 24, n) * HOUR, np.where(u < 0.15, REL + r.exponential(7, n) * DAY, NEVER)
    )
    i = w.add(n, G, "benign_group", created, cidx, UNI, tz=0, bmodel=MMINI, adopt=adopt.astype(np.int64))
    gid = groups(r, n, (2, 3), (0.6, 0.4))
    ng = gid.max() + 1
    gpay = r.choice(3, ng, p=[0.6, 0.2, 0.2])  # 0 lab-pair voucher, 1 own cards, 2 none
    vk = w.newkey(ng)
    w.card(i[gpay[gid] == 0], key=vk[gid[gpay[gid] == 0]])
    w.card(i[(gpay[gid] == 1) & (r.random(n) < 0.5)])
    home = w.alloc_home(np.full(n, gb), 0.1)
    camp = w.pid("campus")
    human(
        w, i, created, T1, volume(r, n, 10, 1.0, 0.05), 0, home, -1, camp, (0.4, 0, 0.6), (0.5, 0.3, 0.15, 0.05, 0, 0)
    )
    gcourse = r.integers(0, 3, ng)
    course = gcourse[gid]
    second = np.where(r.random(n) < 0.4, (course + r.integers(1, 3, n)) % 3, -1)
    fam = w.newkey(15).reshape(3, 5)
    for c in range(3):
        for wk in range(5):
            st = np.nonzero((course == c) | (second == c))[0]
            human(
                w,
                i[st],
                T0 + wk * 7 * DAY,
                T0 + (wk + 1) * 7 * DAY,
                r.poisson(3, len(st)),
                0,
                home[st],
                -1,
                camp,
                (0.5, 0, 0.5),
                (0.15, 0, 0, 0, 0, 0.85),
                task=fam[c, wk],
                task_exact=0.1,
            )
            lab = T0 + wk * 7 * DAY + (1 + c) * DAY + 14 * HOUR
            att = np.nonzero((course == c) & (r.random(ng) < 0.85)[gid] & (r.random(n) < 0.95))[0]
            qi, _k = expand(r.integers(3, 9, len(att)))
            R = len(qi)
            ts = lab + np.sort(r.integers(0, 90 * MIN, R))
            tt, vv = w.op_prompt(np.full(R, fam[c, wk]), 0.2, 0, 3)
            g = i[att[qi]]
            w.emit(g, ts, w.pool_pick(np.full(R, camp)), np.where(ts >= w.adopt[g], M5, MMINI), tt, vv)


def trap_crowdstudy(w):
    r, G = w.rng, "trap_crowdstudy"
    n = max(40, round(0.004 * w.N))
    cidx = r.choice([CI[c] for c in ("GB", "US", "ZA", "KE", "PL", "IN", "PH", "MX", "BR", "NG", "ES")], n)
    created = (T0 - np.minimum(r.exponential(500, n), 2500) * DAY).astype(np.int64)
    i = w.add(n, G, "benign_group", created, cidx, w.mail(cidx, (0.8, 0.2, 0, 0, 0)))
    w.card(i[r.random(n) < 0.85])
    home = w.alloc_home(cidx, 0.1)
    cg = w.cg(cidx)
    human(w, i, T0, T1, volume(r, n, 10, 1.0, 0.03), 0, home, -1, cg, (0.8, 0, 0.2))
    days = [2.6, 6.4, 11.7, 16.5, None, 26.2, 31.8]
    for _s, d in enumerate(days):
        pub = REL + 6 * HOUR if d is None else int(T0 + int(d) * DAY + r.uniform(13, 17) * HOUR)
        fam = w.newkey(1)[0]
        part = r.choice(n, max(2, round(r.uniform(0.2, 0.35) * n)), replace=False)
        st = pub + r.exponential(40 * MIN, len(part)).astype(np.int64)
        qi, k = expand(r.integers(20, 41, len(part)))
        R = len(qi)
        ts = st[qi] + k * r.integers(25, 71, len(part))[qi]
        tt, vv = w.op_prompt(np.full(R, fam), 0.15, 0, 3)
        a = part[qi]
        ip = np.where(r.random(len(part)) < 0.85, home[part], w.pool_pick(cg[part]))[qi]
        mdl = np.where(r.random(R) < 0.6, M5, M4) if d is None else np.where(r.random(R) < 0.8, M4, MMINI)
        w.emit(i[a], ts, ip, mdl, tt, vv)


def trap_failover(w):
    r, G = w.rng, "trap_failover"
    K = max(10, round(w.N / 500))
    sz = 1 + (r.random(K) < 0.4)
    comp = np.repeat(np.arange(K), sz)
    n = len(comp)
    cc = r.choice([CI[c] for c in ("US", "US", "GB", "DE", "NL", "FR", "SG", "CA", "AU", "IN")], K)
    cr = (T0 - r.uniform(30, 700, K) * DAY)[comp] + np.where(
        np.r_[True, comp[1:] != comp[:-1]], 0, r.uniform(1, 20, n) * DAY
    )
    dom = w.vanity(K)
    upg = (T0 + 24 * DAY + r.exponential(5, K) * DAY).astype(np.int64)
    i = w.add(n, G, "benign_group", cr.astype(np.int64), cc[comp], dom[comp], bmodel=M4, adopt=upg[comp])
    prod = np.r_[True, comp[1:] != comp[:-1]]
    w.card(i, key=w.newkey(K)[comp])
    ips = np.stack([w.alloc_cloud(K), w.alloc_cloud(K)], 1)
    prodt = w.newkey(K * 3).reshape(K, 3)
    w.comp[i] = prodt[comp, 0]
    # health probes: every 6 h at a company offset, exact shared Switchyard probe template
    pi, k = expand(np.full(K, NDAYS * 4))
    ts = T0 + r.integers(0, 6 * HOUR, K)[pi] + k * 6 * HOUR + r.integers(0, 5, len(pi))
    acc0 = i[np.nonzero(prod)[0]]
    w.emit(acc0[pi], ts, ips[pi, 0], np.full(len(pi), M4), np.full(len(pi), w.probe_t), np.zeros(len(pi), U64))
    human(
        w,
        i,
        np.maximum(w.created[i], T0),
        T1,
        r.poisson(25, n),
        2,
        ips[comp, 0],
        ips[comp, 1],
        -1,
        (0.5, 0.5, 0),
        (0.45, 0, 0, 0, 0.55, 0),
        share=1.0,
    )
    for _e, d in enumerate((5.3, 13.8, 22.2, 30.6)):
        s = int(T0 + d * DAY + r.uniform(0, 12) * HOUR)
        dur = int(r.uniform(45, 150) * MIN)
        lag = r.integers(20, 121, K)
        rate = r.uniform(20, 80, K)
        tail = r.integers(60, 301, K)
        cnt = r.poisson(rate * (dur - lag + tail) / HOUR)
        ci, _ = expand(cnt)
        R = len(ci)
        ts = s + lag[ci] + (r.random(R) * (dur - lag + tail)[ci]).astype(np.int64)
        first = np.searchsorted(comp, ci)
        a = np.where((sz[ci] == 2) & (r.random(R) < 0.15), first + 1, first)
        prodq = r.random(R) < 0.55
        tt = np.where(prodq, prodt[ci, r.integers(0, 3, R)], w.newkey(R))
        vv = np.where(prodq, sticky(r.integers(1, 21, R), 3), U64(0))
        mdl = np.where(ts >= upg[ci], M5, M4)
        w.emit(i[a], ts, ips[ci, r.integers(0, 2, R)], mdl, tt, vv)


def trap_billing_lockout(w):
    r, G = w.rng, "trap_billing_lockout"
    for _c in range(max(2, round(w.N / 7000))):
        sz = int(r.integers(10, 26))
        cc = r.choice([CI[x] for x in ("US", "DE", "FR", "BR", "NL", "GB")])
        tz = COUNTRIES[cc][2][0]
        dom = w.vanity(1)[0]
        office = w.alloc(int(r.choice(BUSINESS)), int(r.integers(1, 3)))
        ctpl = w.newkey(1)[0]
        pk = w.newkey(sz)
        created = (T0 - r.uniform(100, 900, sz) * DAY).astype(np.int64)
        i = w.add(sz, G, "benign_group", created, cc, dom, tz=tz, pkey=pk)
        w.comp[i] = ctpl
        corp = r.random(sz) < 0.85
        w.card(i[corp], key=w.newkey(1)[0])
        w.card(i[~corp])
        home = w.alloc_home(np.full(sz, cc), 0.1)
        off2 = office[r.integers(0, len(office), sz)]
        lock = int(T0 + r.integers(7, 21) * DAY + (r.uniform(10, 16) - tz) * HOUR)
        mixp = (0.45, 0.2, 0.1, 0, 0.25, 0)
        frac = (lock - T0) / (NDAYS * DAY)
        human(w, i, T0, lock, volume(r, sz, 30 * frac, 0.8, 0.02), 1, off2, home, -1, (0.75, 0.25, 0), mixp)
        w.enforce(i, lock + r.integers(0, 60, sz), 0.0)
        back = np.nonzero(r.random(sz) < r.uniform(0.75, 0.9))[0]
        m = len(back)
        day0 = (lock + tz * HOUR - T0) // DAY + r.integers(1, 4, m)
        cr = (T0 + day0 * DAY + (r.uniform(9, 17, m) - tz) * HOUR).astype(np.int64)
        j = w.add(m, G, "benign_group", cr, cc, dom, tz=tz, pkey=pk[back], adopt=w.adopt[i[back]])
        w.comp[j] = ctpl
        w.bmodel[j] = w.bmodel[i[back]]
        w.card(j, key=w.newkey(1)[0])
        human(
            w, j, cr, T1, volume(r, m, 30 * (1 - frac), 0.8, 0.02), 1, off2[back], home[back], -1, (0.75, 0.25, 0), mixp
        )


def trap_cardpool(w):
    r, G = w.rng, "trap_cardpool"
    n = max(40, round(0.004 * w.N))
    gid = groups(r, n, (2, 3), (0.6, 0.4))
    ng = gid.max() + 1
    gc = r.choice([CI["NG"], CI["KE"], CI["ZA"]], ng, p=[0.6, 0.25, 0.15])
    cidx = gc[gid]
    meet = np.where(r.random(ng) < 0.5, r.integers(0, 3, ng), -1)
    venues = w.alloc(VENUE_ASN, 3)
    mt = np.array([T0 + d * DAY + 9 * HOUR for d in (5, 19, 33)])
    created = np.where(
        meet[gid] >= 0,
        mt[np.maximum(meet[gid], 0)] + r.uniform(0, 3 * HOUR, n),
        T0 - np.minimum(r.exponential(200, n), 1500) * DAY,
    ).astype(np.int64)
    i = w.add(n, G, "benign_group", created, cidx, w.mail(cidx, (0.85, 0.15, 0, 0, 0)))
    w.card(i, key=w.newkey(ng)[gid])
    hashome = r.random(n) < 0.3
    home = np.where(hashome, w.alloc_home(cidx), -1)
    human(
        w,
        i,
        np.maximum(created, T0),
        T1,
        volume(r, n, 9),
        0,
        home,
        -1,
        w.cg(cidx),
        np.where(hashome[:, None], [0.3, 0, 0.7], [0.0, 0, 1]),
        (0.5, 0.3, 0, 0, 0, 0.2),
        task=w.community_t,
        task_exact=1.0,
    )
    at = np.nonzero(meet[gid] >= 0)[0]
    qi, _k = expand(r.integers(1, 4, len(at)))
    R = len(qi)
    ts = created[at][qi] + 60 + r.integers(0, 3600, R)
    w.emit(i[at][qi], ts, venues[meet[gid[at]]][qi], np.full(R, M4), np.full(R, w.community_t), np.zeros(R, U64))


# ==================================================================================================== organic
def org_base(w, n, group, cidx=None, mailp=(0.72, 0.2, 0.04, 0.004, 0.036)):
    r = w.rng
    if cidx is None:
        cidx = r.choice(len(CC), n, p=CW)
    inwin = r.random(n) < 0.15
    created = np.where(
        inwin, T0 + r.uniform(0, NDAYS - 1, n) * DAY, T0 - np.minimum(r.exponential(400, n), 2500) * DAY
    ).astype(np.int64)
    return w.add(n, group, "organic", created, cidx, w.mail(cidx, mailp))


def organic(w, total):
    r = w.rng
    shares = [
        ("org_household", 0.18),
        ("org_smallco", 0.10),
        ("org_mobile", 0.09),
        ("org_developer", 0.05),
        ("org_proxy_customer", 0.04),
        ("org_cron", 0.03),
        ("org_vpn", 0.025),
        ("org_reseller_a", 0.02),
        ("org_reseller_b", 0.02),
    ]
    cnt = {g: int(total * s) for g, s in shares}
    cnt["org_individual"] = total - sum(cnt.values())
    goss, vpn, resA, resB = w.pid("goss"), w.pid("vpn"), w.pid("resA"), w.pid("resB")

    def start(i):
        return np.maximum(w.created[i], T0)

    # individuals: home IP (2% of homes are Gossamer exits), 25% also their carrier's CGNAT
    n = cnt["org_individual"]
    i = org_base(w, n, "org_individual")
    home = w.alloc_home(w.cidx[i], 0.12)
    ex = r.random(n) < 0.02
    home[ex] = r.choice(w.pool_ips[w.pid("goss")], ex.sum())
    pm = np.where(r.random(n) < 0.25, r.uniform(0.1, 0.5, n), 0)
    agent = r.random(n) < 0.12
    comm = np.isin(w.cidx[i], [CI["NG"], CI["KE"], CI["ZA"]]) & (r.random(n) < 0.25)
    mixp = np.tile(MIX_ORG, (n, 1))
    mixp[~agent, 0] += mixp[~agent, 3]
    mixp[~agent, 3] = 0
    mixp[comm, 0] -= 0.1
    mixp[comm, 5] = 0.1
    w.card(i[r.random(n) < 0.8])
    human(
        w,
        i,
        start(i),
        T1,
        volume(r, n, 8),
        0,
        home,
        -1,
        w.cg(w.cidx[i]),
        np.stack([1 - pm, 0 * pm, pm], 1),
        mixp,
        task=w.community_t,
        task_exact=1.0,
    )

    # households: 2-5 people on one home IP; 55% of households pay with one family card
    n = cnt["org_household"]
    hid = groups(r, n, (2, 3, 4, 5), (0.45, 0.3, 0.15, 0.1))
    nh = hid.max() + 1
    hc = r.choice(len(CC), nh, p=CW)
    i = org_base(w, n, "org_household", hc[hid])
    w.tz[i] = w.tz[i][np.searchsorted(hid, hid)]
    hhome = w.alloc_home(hc, 0.12)
    carded = r.random(n) < 0.8
    shared = (r.random(nh) < 0.55)[hid]
    w.card(i[carded & shared], key=w.newkey(nh)[hid[carded & shared]])
    w.card(i[carded & ~shared])
    pm = np.where(r.random(n) < 0.2, r.uniform(0.1, 0.4, n), 0)
    human(w, i, start(i), T1, volume(r, n, 7), 0, hhome[hid], -1, w.cg(hc[hid]), np.stack([1 - pm, 0 * pm, pm], 1))

    # small companies: own domain, office NAT, 40% on one company card, work hours, a company template
    n = cnt["org_smallco"]
    cid = groups(r, n, np.arange(3, 26), np.r_[np.full(8, 0.08), np.full(15, 0.36 / 15)])
    nco = cid.max() + 1
    coc = r.choice(len(CC), nco, p=CW)
    i = org_base(w, n, "org_smallco", coc[cid])
    w.domain[i] = w.vanity(nco)[cid]
    w.tz[i] = w.tz[i][np.searchsorted(cid, cid)]
    w.comp[i] = w.newkey(nco)[cid]
    office = np.concatenate([w.alloc(int(a), 1) for a in r.choice(BUSINESS, nco)])
    cocard = (r.random(nco) < 0.4)[cid]
    w.card(i[cocard], key=w.newkey(nco)[cid[cocard]])
    w.card(i[~cocard & (r.random(n) < 0.85)])
    human(
        w,
        i,
        start(i),
        T1,
        volume(r, n, 12),
        1,
        office[cid],
        w.alloc_home(w.cidx[i], 0.1),
        -1,
        (0.7, 0.3, 0),
        (0.45, 0.2, 0.1, 0.05, 0.2, 0),
    )

    # mobile-only users behind carrier CGNAT
    n = cnt["org_mobile"]
    i = org_base(w, n, "org_mobile")
    w.card(i[r.random(n) < 0.5])
    human(w, i, start(i), T1, volume(r, n, 6), 0, -1, -1, w.cg(w.cidx[i]), (0, 0, 1), spr=2.0)

    # developers: own cloud VM, code model, agent framework; 15% run the Switchyard probe daily
    n = cnt["org_developer"]
    i = org_base(w, n, "org_developer")
    w.bmodel[i] = r.choice([M4, MCODE], n, p=[0.4, 0.6])
    early = r.random(n) < 0.1
    w.adopt[i[early]] = REL + (r.uniform(0.3, 24, early.sum()) * HOUR).astype(np.int64)
    vm = w.alloc_cloud(n)
    w.card(i[r.random(n) < 0.85])
    ag = np.where(r.random(n) < 0.4, 0.35, 0.05)
    mixp = np.stack([0.45 - ag + 0.05, np.full(n, 0.25), np.full(n, 0.25) - 0.05, ag, 0 * ag, 0 * ag], 1)
    human(
        w, i, start(i), T1, volume(r, n, 25), 1, vm, w.alloc_home(w.cidx[i], 0.1), -1, (0.65, 0.35, 0), mixp, gap=40.0
    )
    pr = np.nonzero(r.random(n) < 0.15)[0]
    qi, k = expand(np.full(len(pr), NDAYS))
    ts = T0 + r.integers(0, DAY, len(pr))[qi] + k * DAY + r.integers(0, 5, len(qi))
    w.emit(i[pr][qi], ts, vm[pr][qi], np.full(len(qi), M4), np.full(len(qi), w.probe_t), np.zeros(len(qi), U64))

    # residential-proxy, VPN and reseller customers
    for g, pool, hp, med in (
        ("org_proxy_customer", goss, 0.15, 15),
        ("org_vpn", vpn, 0.3, 10),
        ("org_reseller_a", resA, 0, 20),
        ("org_reseller_b", resB, 0, 16),
    ):
        n = cnt[g]
        i = org_base(w, n, g)
        w.card(i[r.random(n) < 0.7])
        home = w.alloc_home(w.cidx[i], 0.1) if hp else -1
        human(w, i, start(i), T1, volume(r, n, med), 2 if pool == goss else 0, home, -1, pool, (hp, 0, 1 - hp))

    # cron users: jobs at :00:00-:00:04
    n = cnt["org_cron"]
    i = org_base(w, n, "org_cron")
    w.card(i[r.random(n) < 0.85])
    ip = np.where(r.random(n) < 0.6, w.alloc_home(w.cidx[i], 0.1), w.alloc_cloud(n))
    alias = r.random(n) < 0.1
    nj = 1 + (r.random(n) < 0.3)
    ji, _ = expand(nj)
    J = len(ji)
    per = r.choice([HOUR, 6 * HOUR, DAY], J, p=[0.15, 0.25, 0.6])
    js = np.maximum(start(i)[ji], T0 + r.integers(-10, 30, J) * DAY)
    je = np.minimum(js + r.uniform(2, 35, J) * DAY, T1).astype(np.int64)
    first = (js // per + 1) * per + np.where(per == DAY, r.integers(0, 24, J) * HOUR, 0)
    fcount = np.maximum(0, (je - first) // per)
    qi, k = expand(fcount)
    R = len(qi)
    ts = first[qi] + k * per[qi] + r.integers(0, 5, R)
    keep = r.random(R) > 0.05
    qi, ts = qi[keep], ts[keep]
    R = len(qi)
    pub = r.random(J) < 0.4
    jt = np.where(pub, w.cron_t[r.integers(0, 5, J)], mix(w.pkey[i[ji]] ^ (np.arange(J).astype(U64) + K3)))
    a = i[ji[qi]]
    mdl = np.where(alias[ji[qi]] & (ts >= REL), M5, w.bmodel[a])
    w.emit(a, ts, ip[ji[qi]], mdl, jt[qi], np.zeros(R, U64))
    human(w, i, start(i), T1, volume(r, n, 5), 0, ip, -1, -1, (1, 0, 0))

    # unrelated enforcement: 0.3% banned, 0.2% suspended
    org = np.nonzero(w.kind[: w.na] == "organic")[0]
    sel = r.choice(org, round(0.005 * len(org)), replace=False)
    s0 = np.maximum(w.created[sel], T0)
    t = (s0 + r.random(len(sel)) * np.maximum(T1 - s0, HOUR)).astype(np.int64)
    w.enforce(sel, np.minimum(t, T1 - 60), 0.6)


# ==================================================================================================== output
def finish(w, out):
    r, na = w.rng, w.na
    acc, ts, ip, mdl, t, v = (np.concatenate([q[c] for q in w.req]) for c in range(6))
    keep = (ts >= T0) & (ts < T1) & (ts >= w.created[acc]) & (ts < w.enf[acc])
    acc, ts, ip, mdl, t, v = acc[keep], ts[keep], ip[keep], mdl[keep], t[keep], v[keep]
    o = np.lexsort((acc, ts))
    acc, ts, ip, mdl, t, v = acc[o], ts[o], ip[o], mdl[o], t[o], v[o]
    assert (ip >= 0).all()
    fk = mix(t ^ mix(v ^ w.salt))
    _, first, inv = np.unique(fk, return_index=True, return_inverse=True)
    ut, uv = t[first], v[first].copy()
    base = mix(ut ^ w.bsalt)
    while (bad := long_run(base)).any():  # re-draw template bases with long digit runs
        base[bad] = mix(base[bad] ^ K2)
    sh = base ^ masks(ut, uv)
    while (bad := long_run(sh) & (uv != 0)).any():  # ... and paraphrases: take the next variant key
        uv[bad] = (mix(uv[bad]) & ~U64(7)) | (uv[bad] & U64(7))
        sh[bad] = base[bad] ^ masks(ut[bad], uv[bad])
    fp_s, sh_s = tok(mix(ut ^ mix(uv ^ w.salt)), b"fp_"), hexs(sh)
    inv = inv.ravel()
    # ip strings for used addresses
    uip, ipi = np.unique(ip, return_inverse=True)
    asn_all, v4_all, v6_all = (np.concatenate(x) for x in (w.ip_asn, w.ip_v4, w.ip_v6))
    ua, u4, u6 = asn_all[uip], v4_all[uip], v6_all[uip]
    ip_s = pa.array(
        [
            f"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}"
            if a >= 0
            else f"2a{(s >> 8) & 255:02x}:{s & 0xFFFF:04x}:{(x >> 32) & 0xFFFF:04x}:{(x >> 16) & 0xFFFF:04x}:"
            f"{x & 0xFFFF:04x}::1"
            for a, s, x in zip(u4.tolist(), ua.tolist(), u6.tolist(), strict=False)
        ]
    )
    ids = tok(w.key[:na], b"acct_")
    assert len(set(ids.to_pylist())) == na

    def TS(x):
        return pa.array(np.asarray(x, np.int64), pa.timestamp("s", tz="UTC"))

    def A(x):
        return pa.array(np.asarray(x))

    os.makedirs(out, exist_ok=True)

    def wr(tbl, name):
        return pq.write_table(tbl, os.path.join(out, name + ".parquet"), compression="zstd")

    wr(
        pa.table(
            {
                "account_id": ids.take(A(acc)),
                "timestamp": TS(ts),
                "ip": ip_s.take(A(ipi)),
                "model": pa.array(MODELS).take(A(mdl.astype(np.int64))),
                "prompt_fingerprint": fp_s.take(A(inv)),
                "prompt_simhash": sh_s.take(A(inv)),
            }
        ),
        "requests",
    )
    df = pd.DataFrame({"k": acc * len(uip) + ipi, "ts": ts}).groupby("k", sort=True)["ts"].agg(["min", "max", "size"])
    k = df.index.to_numpy()
    wr(
        pa.table(
            {
                "account_id": ids.take(A(k // len(uip))),
                "ip": ip_s.take(A(k % len(uip))),
                "asn": A(ua[k % len(uip)]),
                "first_seen": TS(df["min"]),
                "last_seen": TS(df["max"]),
                "request_count": A(df["size"].to_numpy(np.int64)),
            }
        ),
        "proxies",
    )
    nf = len(first)
    df = pd.DataFrame({"k": acc * nf + inv, "ts": ts}).groupby("k", sort=True)["ts"].agg(["min", "max", "size"])
    k = df.index.to_numpy()
    wr(
        pa.table(
            {
                "account_id": ids.take(A(k // nf)),
                "fingerprint": fp_s.take(A(k % nf)),
                "simhash": sh_s.take(A(k % nf)),
                "first_seen": TS(df["min"]),
                "last_seen": TS(df["max"]),
                "request_count": A(df["size"].to_numpy(np.int64)),
            }
        ),
        "prompt_fingerprints",
    )
    last = np.full(na, -1, np.int64)
    np.maximum.at(last, acc, ts)
    pa_, pk, pat = (np.concatenate([q[c] for q in w.pm]) for c in range(3))
    o = np.lexsort((pat, pa_))
    pa_, pk, pat = pa_[o], pk[o], pat[o]
    wr(
        pa.table(
            {
                "account_id": ids.take(A(pa_)),
                "payment_method_id": tok(pk, b"pm_"),
                "first_seen": TS(pat),
                "last_seen": TS(np.maximum(pat, last[pa_])),
            }
        ),
        "payment_methods",
    )
    perm = r.permutation(na)
    st = np.array(["active", "banned", "suspended"], dtype=object)[w.status[:na]]
    wr(
        pa.table(
            {
                "account_id": ids.take(A(perm)),
                "created_at": TS(w.created[perm]),
                "email_domain": pa.array(list(w.domain[perm]), pa.string()),
                "country": pa.array([CC[c] for c in w.cidx[perm]], pa.string()),
                "status": pa.array(list(st[perm]), pa.string()),
            }
        ),
        "accounts",
    )
    organic = w.kind[perm] == "organic"
    pd.DataFrame(
        {
            "account_id": ids.take(A(perm)).to_pylist(),
            "group": np.where(organic, "organic", w.group[perm]),
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
    build_infra(w)
    for f in (
        op_switchboard,
        op_patchwork,
        op_weekender,
        op_conveyor,
        trap_ci_fleet,
        trap_university,
        trap_crowdstudy,
        trap_failover,
        trap_billing_lockout,
        trap_cardpool,
    ):
        f(w)
    organic(w, w.N - w.na)
    nreq = finish(w, a.out_dir)
    g = pd.Series(w.group[: w.na]).value_counts()
    print(
        f"seventeenth_world: {w.na} accounts, {nreq} requests in {time.time() - t:.1f} s -> {a.out_dir}",
        file=sys.stderr,
    )
    for name in sorted(x for x in g.index if not x.startswith("org_")):
        print(f"  {name:22s} {g[name]}", file=sys.stderr)


if __name__ == "__main__":
    main()
