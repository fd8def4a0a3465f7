#!/usr/bin/env python3
"""nineteenth_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/nineteenth_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and ``requests``
(+ ``ip``, ``model``, ``prompt_fingerprint``, ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the
columns ``account_id,group,kind,status,replacement,segment``.  ``kind`` is ``fraud``, ``benign_group`` or
``organic``; ``group`` is ``op_*``, ``trap_*`` or ``organic``; ``segment`` is the organic sub-population (``org_*``)
or the group name; ``status`` equals ``accounts.status``; ``replacement`` is 1 only for fraud accounts created to take
the place of an enforced fraud account.  Default N = 20,000, seed 1; N >= 5,000 (floors keep small groups alive; the
organic population fills up to exactly N).  Only numpy, pandas and pyarrow; one ``numpy.random.Generator`` seeded
from ``--seed`` makes every random choice, so a seed gives byte-identical files.  ~5 s at 20k (~1M requests).
Written blind (data contract, anchors and the other worlds' headers only; their scenarios were avoided on purpose).

CLOCK, MODELS, IDENTIFIERS
    36 days from Mon 2026-11-09 00:00 UTC (day 0) to Tue 2026-12-15.  ``cirrus-2``, ``cirrus-2-mini`` and
    ``cirrus-2-code`` exist all along; ``cirrus-3`` is released THURSDAY 2026-11-26 18:00 UTC (day 17.75, a US
    holiday) and reaches the Batch API one day later.  Ordinary adoption: 5% of people within 0.3-24 h, 35% after
    release + Exp(7 days), the rest never; an adopter sends 70% of later requests to it.  Ids are ``acct_`` / ``pm_``
    / ``fp_`` + 14 lowercase letters.  Enforcement stops an account's traffic; requests before creation are dropped.
    ``proxies`` / ``prompt_fingerprints`` are exact group-bys of the request log; account rows are in random order.

PROMPTS AND SIMHASH
    A template is a 64-bit key with a hashed SimHash base (unrelated templates ~32 bits apart).  A request is
    (template, variant): variant 0 is the exact text, any other variant a paraphrase with its own fingerprint and
    SimHash = base with 1-5 bits (derived from template and variant) flipped.  Fresh variants are random (a new
    fingerprint per request); sticky ones are shared.  SimHashes whose hex holds >= 12 decimal digits in a row are
    re-drawn.  Organic prompts: 50% unique, 25% 400 public templates (Zipf 1.1; 20% as one of 6 shared edits), 13% up
    to 3 personal templates (40% sticky edits), the "Spindle" agent framework (12% of people; verbatim 60%, fresh
    paraphrases 40%), company templates (per-person sticky edit) for colleagues, the Penwise app's prompts.

IP SPACE (one ASN per address; IPv4 from per-ASN /16 blocks, 10% of homes IPv6)
    17 countries, two home ISPs and one carrier each; carrier CGNAT pools of max(3, N*w/700) addresses.  Eight
    clouds, five business ISPs.  Shared services: "Glowworm", a PROXYWARE residential network whose exits are real
    homes (an SDK in free smart-TV apps): max(250, N/40) exits + op_porchlight's leased homes + 1.5% of organic
    homes; its customers take a random exit per session.  "Harborline" VPN (max(25, N/900) exits, AS9009/60068,
    Zipf).  Reseller "Quillway" (max(5, N/4000) gateways, AS51167).  "Roamly" travel eSIM: every customer's mobile
    data breaks out through max(6, N/2500) addresses in Singapore (AS9874) whatever country they are in.  The
    "Penwise" writing app's relay (6 GCP addresses).  Harwick University (``mail.harwick.edu``, campus NAT 6
    addresses, AS237).  The provider's own Batch API executor (8 addresses, AS401520).  "Heartbeat" monitoring
    probes (12 addresses: 2 each at AWS, GCP, DigitalOcean, Vultr, Linode, Hetzner).

FRAUD OPERATIONS (kind ``fraud``; ~3% of N including replacements)
------------------------------------------------------------------
``op_porchlight``  (max(30, 0.55% N) originals in cells of 5-10, + replacements) -- A HYDRA WHOSE "PRIVATE" ADDRESSES
    ARE INNOCENT FAMILIES' HOMES.  Each cell (US 40, GB 15, DE 15, CA / NL / FR 10% each; created days -30..+5,
    members within 2 days, 90% claim the cell's country; webmail 60 / national 25 / privacy 15%; an own prepaid card,
    40% shared in pairs) leases 2-4 Glowworm exits of its country as sticky static residential addresses for the
    whole window.  Those exits are the home connections of ``trap_exit_homes`` and are online only while the TV is
    on: evenings ~17:00-00:30 local (90% of days) and weekend 10:00-14:00 (60%).  Load balancing: a wave every 12-25
    min (cell period) whenever one of its exits is online; each member joins with p .55 on one online exit (92%; 8% a
    random Glowworm exit) and sends 1-3 requests within 60 s.  2 of 5 op families (70/30), fresh paraphrases 85%,
    exact 5%, public cover 10%; cirrus-3 per cell at release + 3-12 h (90%).  ~800 requests per account.  Sweeps on
    days 11 and 24 (14:00 UTC, within 2 h) hit 40% of cells and enforce 60% of their live members (90% banned); 85%
    are replaced 2-5 days later (replacement=1) with a fresh prepaid card (30% in pairs) in the same cell: the same
    leased homes, families and waves.  Signal: repeated same-minute waves of a cell on a few residential addresses,
    replacements on the banned accounts' addresses, families, card pairs.  Evasion: NEW -- the cell's addresses
    are shared with the real households living there, who are online in the same evening hours; the cell's rhythm
    is inherited from the homes' TV schedule, so it looks human; no datacenter address at all.

``op_resample``  (max(45, 0.9% N)) -- SLOW DRIP, NO SYNCHRONY, RESAMPLED PROMPTS.  Accounts are created one at a
    time at exponential gaps over days -90..+24 (~one every 15 h at 20k) and start 1-3 days later; webmail 50 /
    national 15 / privacy 17 / ``mail.harwick.edu`` 8 / vanity 10%; prepaid cards shared by two accounts adjacent in
    creation order (50%), else own.  Pathway per session: Glowworm 35%, Roamly eSIM 25%, Quillway 20%, Harborline
    20% (20% of accounts split 70/30 with a second one).  Timing is the account's own: ~1.2 sessions a day at home
    hours of its claimed zone, 1+Poisson(8) requests 20-90 s apart -- no op-wide rhythm.  85% of requests are work
    from the op's queue: accounts sit in pods of ~25 (random); in a pod, consecutive blocks of 60 work slots (time
    order) are shuffled and cut into dataset items of 1, 2 or 3 copies (35/45/20%) -- the distiller samples a prompt
    several times -- and every copy of an item is the SAME paraphrase (one fingerprint; SimHash 1-5 bits from one of
    5 family bases, 35/25/20/12/8%).  15% cover (public 60%, unique 40%).  Work on cirrus-2 (80%) / -code, op-wide
    cirrus-3 (90%) from release + 5-7 h.  ~350 requests per account.  5% banned at random (days 8-34), not
    replaced.  Signal: rare exact fingerprints (degree 2-3) shared only by pod mates, hundreds per account, all in 5
    families; the op-wide model switch; card pairs.  Evasion: NEW -- no co-timing at any scale, no private address,
    no creation burst, and the items of one pair are sent hours apart through different crowded pathways.

``op_hitchhike``  (max(40, 0.8% N) + replacements) -- PIGGYBACKING ON A BRING-YOUR-OWN-KEY APP.  Everything goes
    through the Penwise writing app's relay (6 GCP addresses that every Penwise user shares), and every job opens
    with Penwise's own system prompt (exact; v1 -> v2 for all users at the app update, day 12 16:00 UTC).  Sign-ups in
    four 5-day campaigns (days -20, -8, +3, +12); webmail 60 / national 10 / privacy 20 / vanity 10%; prepaid cards
    shared by 2-3 campaign mates (70%), else own.  Pods of ~22 (random): a pod's headless worker dispatches jobs
    round the clock (Poisson, ~2.2 per member a day) to 3-6 random pod members, who start within 90 s: the app's
    system prompt, then 4-12 requests 5-15 s apart in the job's family (4 op families 40/30/20/10; fresh 90%, exact
    4%, public 6%).  cirrus-3 op-wide at release + 2-4 h (95%).  ~450 requests per account.  Sweeps on days 14 and
    27 (15:00 UTC, within 4 h) enforce 25% of live accounts (90% banned); 70% are replaced 1-3 days later
    (replacement=1) in the same pod with fresh cards (40% in pairs).  Signal: repeated 2-minute co-activity inside
    pods, op families, card triples, volume far above Penwise users, round-the-clock work.  Evasion: NEW -- no
    address and no exact prompt that thousands of innocent Penwise users do not share; nothing private to reuse.

``op_placement``  (max(4, N/2500) host companies x 2-4 seats, + replacements) -- FAKE CONTRACTORS INSIDE REAL
    CUSTOMERS.  A staff-augmentation firm places remote "contractors" in genuine client companies (US/GB/DE/NL/CA);
    the client's admin creates each seat on a weekday in office hours (days -40..0): the company's domain, the
    company's own card (shared with 75% of the real staff), the company VPN (2 addresses that staff use too), the
    company template.  Cover: office-hour sessions through the VPN (median 15 requests, 30% company template).  Work:
    ONE dispatcher for all companies, 02:00-08:00 UTC nightly, Poisson(seats/4 per hour) jobs, each fanned out to
    3-5 random seats of any company (start within 60 s), 5-15 requests 6-20 s apart via the firm's 3 OVH VMs (70%) or
    the company VPN (30%); 3 op families (60/30/10; fresh 90%, exact 5%); cirrus-3 at release + 1-3 h (95%); ~1,600
    requests per seat.  A sweep (day 21 15:00 UTC) bans 35% of the seats; 80% get a new seat at the same company 2-6
    days later (replacement=1).  Signal: cross-company same-minute co-activity every night, the firm's VMs shared
    across companies, families, volume.  Evasion: NEW -- every fraud account has hard links (card, domain, VPN
    address, company template) to innocent colleagues (``trap_host_staff``).

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be listed)
-------------------------------------------------------------------
``trap_exit_homes``  (2-5 people per leased home) -- the households whose smart TVs are op_porchlight's exits: old
    accounts, a family card in 50% of homes, evening-heavy traffic from home (some CGNAT), personal prompts.  They
    share a rare residential address with a fraud cell and its replacements and are active in the same hours.
``trap_host_staff``  (8 + Poisson(12) per host company) -- the real employees around op_placement's seats: company
    domain, 75% on the company card, office NAT 70% / company VPN 15% / home 15% in office hours, 15% also evening
    VPN sessions, company template 25%; 70% of each company moves to cirrus-3 5-9 days after release.
``trap_batch_api``  (max(40, 0.35% N)) -- Batch API customers (60% own domains, own cards) who submit ~1.4 jobs a
    week (15-900 requests, median 110) in office hours.  The provider runs each night's queue from 01:00 UTC on its
    8 executor addresses, round-robin over the jobs for 1.5-3.5 h, so unrelated customers interleave second by
    second on the same addresses, night after night; a job is fresh paraphrases (85%) of the customer's 1-2
    templates; 35% use a "latest" alias and jump to cirrus-3 on the first night after batch support (40% of the others
    later).  Lockstep on rare shared addresses, massive templated volume, a fleet-wide switch -- all the provider's.
``trap_store_demo``  (max(5, N/2500) stores x 2-3 tablets x 7 weekly generations) -- Voltmart's in-store demo
    tablets (US/CA): every Monday 04:00 local the MDM wipes each tablet and provisions a NEW account (tablets of a
    time zone one every 6-14 s) on ``voltmart-demo.com`` with ONE chain card on every account, from the store's
    business line.  Walk-in customers 10:00-21:00 (Poisson 20 a day, 10 on Sundays, 1-4 requests): 55% one of 6
    exact demo-script prompts, 45% unique; cirrus-2-mini; generations provisioned after the release run script v2 on
    cirrus-3.  The old account goes silent (stays active).  Mass same-minute sign-ups, a card on ~150 accounts, chains
    of accounts succeeding each other on one address with identical prompts, a fleet-wide model switch.
``trap_peer_grading``  (max(60, 0.5% N)) -- MOOC learners (45% enrolled days -6..+1; 15% university mail; 60%
    carded; home + CGNAT).  Essay deadlines Sundays 23:59:59 UTC (days 6, 13, 20, 27): 80% draft with the week's
    assignment template (2-6 requests, 30% verbatim) in the 4 days before; 90% of those submit and grade three peers
    (a cyclic assignment over a random order: every essay has exactly 3 graders) in one evening sitting within 3 days
    after -- rubric + pasted essay, so the 3 graders of an essay send the SAME fingerprint (1-5 bits from the week's
    rubric) at unrelated times.  The innocent twin of op_resample's signal, at low volume and without shared cards.
``trap_uptime_probes``  (max(40, 0.35% N)) -- customers of the "Heartbeat" monitoring SaaS (85% own domains, own
    cards): an API health check every 5/15/30/60 min (10/40/30/20%) on UTC multiples + the check's own second 0-29
    (+0-2 s), fired round-robin from Heartbeat's 6 regions x 2 addresses, one exact probe prompt (Heartbeat's default
    70%, a custom one 30%), cirrus-2-mini; 30% add a cirrus-3 check from release + 20 h + Exp(1 day); 8% churn.
    Hundreds of unrelated accounts in the same 30 s, thousands of times, on shared cloud addresses, one template.

ORGANIC POPULATION (kind ``organic``; the rest, ~93% of N)
    Created up to ~6.5 years back (exponential, mean 450 days; 12% inside the window), lognormal volume (sigma 1.15),
    sessions of ~2.5 requests in the local rhythm.  Segments (share of the organic total): ``org_individual`` (~41%,
    home; 30% also CGNAT), ``org_household`` (16%, 2-5 on one home, half of the households on one card),
    ``org_smallco`` (10%, coworkers of 3-30 on an own domain, office NAT, 40% one company card, company template),
    ``org_mobile`` (10%, CGNAT only), ``org_developer`` (5%, cloud VM, code model, Spindle), ``org_penwise`` (4%,
    Penwise users: 60% of their volume in the app -- relay, system prompt opener, rewrite template -- 40% from
    home), ``org_proxy_customer`` (3%, Glowworm), ``org_vpn`` (3%), ``org_reseller`` (2%, Quillway only),
    ``org_traveler`` (3%, 1-2 trips of 3-14 days on Roamly eSIM), ``org_cron`` (3%, jobs at :00:00-:00:05 hourly /
    6-hourly / daily, 35% one of 6 public scripts, 10% on a "latest" alias) and ``org_student`` (3%, Harwick: campus
    NAT + home).  0.5% enforced at random (60% banned, 40% suspended).
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
T0, NDAYS = int(pd.Timestamp("2026-11-09T00:00:00Z").timestamp()), 36
T1 = T0 + NDAYS * DAY
REL = T0 + 17 * DAY + 18 * HOUR  # cirrus-3: Thu 2026-11-26 18:00 UTC
BATCH_REL = REL + DAY  # cirrus-3 available in the Batch API
PW_UPD = T0 + 12 * DAY + 16 * HOUR  # Penwise 4.0 ships a new system prompt
NEVER = np.int64(2**62)
MODELS = ["cirrus-2", "cirrus-2-mini", "cirrus-2-code", "cirrus-3"]
C2, MINI, CODE, C3 = 0, 1, 2, 3
U64 = np.uint64
K1, K2 = U64(0x9E3779B97F4A7C15), U64(0xC2B2AE3D27D4EB4F)

AWS, GCP, AZURE, DO, HETZNER, OVH, VULTR, LINODE = 16509, 15169, 8075, 14061, 24940, 16276, 20473, 63949
CLOUDS = [AWS, GCP, AZURE, DO, HETZNER, OVH, VULTR, LINODE]
BUSINESS = [174, 3356, 6461, 3257, 1299]
VPN_ASNS = (9009, 60068)
RESELLER_ASN, ROAMLY_ASN, CAMPUS_ASN, PROVIDER_ASN = 51167, 9874, 237, 401520

# code, weight, utc offset, home ISPs, mobile carrier, national mail domain
COUNTRIES = [
    ("US", 0.28, -6, (7922, 7018), 21928, "comcast.net"),
    ("GB", 0.07, 0, (2856, 5089), 12576, "btinternet.com"),
    ("DE", 0.07, 1, (3320, 3209), 6805, "web.de"),
    ("NL", 0.03, 1, (1136, 33915), 50266, "ziggo.nl"),
    ("FR", 0.05, 1, (3215, 12322), 51207, "orange.fr"),
    ("CA", 0.05, -5, (812, 577), 22652, "rogers.com"),
    ("IN", 0.10, 5, (24560, 9829), 55836, "rediffmail.com"),
    ("BR", 0.06, -3, (28573, 18881), 26615, "uol.com.br"),
    ("MX", 0.03, -6, (8151, 28548), 28403, "prodigy.net.mx"),
    ("ES", 0.04, 1, (3352, 12479), 12430, "telefonica.net"),
    ("JP", 0.05, 9, (4713, 2516), 9605, "nifty.com"),
    ("KR", 0.04, 9, (4766, 9318), 9644, "naver.com"),
    ("SG", 0.02, 8, (9506, 55430), 4773, "singnet.com.sg"),
    ("PH", 0.04, 8, (9299, 17639), 132199, "pldt.net"),
    ("NG", 0.02, 1, (37148, 36873), 29465, "ngmail.ng"),
    ("AU", 0.03, 10, (1221, 4804), 133612, "bigpond.com"),
    ("PL", 0.02, 1, (5617, 12741), 12912, "wp.pl"),
]
CC = [c[0] for c in COUNTRIES]
CI = {c: i for i, c in enumerate(CC)}
CW = np.array([c[1] for c in COUNTRIES])
CW = CW / CW.sum()
CTZ = np.array([c[2] for c in COUNTRIES])
WEBMAIL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com"]
PRIVACY = ["proton.me", "tutanota.com", "duck.com", "mailfence.com"]
UNI = "mail.harwick.edu"
TLDS = [".com", ".io", ".co", ".net", ".dev", ".app"]

HOME = np.array([1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3, 3.5, 4, 4, 4, 4, 4, 4.5, 5, 5.5, 6, 6.5, 6, 4.5, 2.5])
WORK = np.array([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 1.5, 5, 7, 7, 6, 4, 6, 7, 7, 6, 4, 1.5, 0.8, 0.5, 0.3, 0.2, 0.1])
EVE = np.array([2, 1, 0.3, 0.1, 0.1, 0.1, 0.2, 0.5, 0.8, 1, 1, 1, 1.2, 1.2, 1, 1, 1.5, 3, 5, 6.5, 7, 6.5, 5, 3.5])
HOME, WORK, EVE = HOME / HOME.sum(), WORK / WORK.sum(), EVE / EVE.sum()
# request categories: unique, public, personal, agent framework, task/app, company
MIX = (0.5, 0.25, 0.13, 0.12, 0.0, 0.0)


# ==================================================================================================== helpers
def mix(x):
    x = np.atleast_1d(np.asarray(x, U64))
    x = (x ^ (x >> U64(30))) * U64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> U64(27))) * U64(0x94D049BB133111EB)
    return x ^ (x >> U64(31))


def tok(keys, prefix):
    """Injective-enough letters-only rendering of 64-bit keys: prefix + 14 lowercase letters."""
    x = mix(np.asarray(keys, U64) ^ K2)
    out = np.empty((len(x), 14), np.uint8)
    for j in range(14):
        out[:, j] = (x % U64(26)).astype(np.uint8) + 97
        x = x // U64(26)
    s = out.view("S14").ravel().astype("U14")
    return pa.array(np.char.add(prefix, s))


def nibbles(x):
    return np.stack([((x >> U64(4 * (15 - j))) & U64(15)).astype(np.uint8) for j in range(16)], 1)


def digit_run(x, limit=12):
    """True where the 16-digit hex rendering holds a run of >= limit decimal digits."""
    nb = nibbles(x) < 10
    run, best = np.zeros(len(x), int), np.zeros(len(x), int)
    for j in range(16):
        run = np.where(nb[:, j], run + 1, 0)
        best = np.maximum(best, run)
    return best >= limit


def hexs(x):
    return pa.array(np.array(list("0123456789abcdef"))[nibbles(x)].view("U16").ravel())


def flipmask(t, v):
    """Paraphrase mask: 1-5 bit positions derived from (template, variant); variant 0 = exact text."""
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
    """Consecutive chunks of the given sizes covering n items; returns a chunk id per item."""
    if n == 0:
        return np.zeros(0, np.int64)
    s = r.choice(sizes, n, p=p)
    c = np.cumsum(s)
    k = np.searchsorted(c, n) + 1
    s = s[:k].copy()
    s[-1] -= c[k - 1] - n
    return np.repeat(np.arange(k), s)


def subgroups(r, outer, sizes=(2, 3), p=None):
    """Chunks inside each outer group (small card sharing); a global chunk id."""
    gid = np.zeros(len(outer), np.int64)
    nxt = 0
    for g in np.unique(outer):
        pos = np.nonzero(outer == g)[0]
        sub = groups(r, len(pos), sizes, p)
        gid[pos] = sub + nxt
        nxt += sub.max() + 1
    return gid


def volume(r, n, median, sigma=1.15):
    return np.maximum(1, np.rint(median * r.lognormal(0, sigma, n))).astype(np.int64)


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
        self.agent_t, self.pw_rw, self.probe_t = self.newkey(3)
        self.pw_sys = self.newkey(2)
        self.cron_t = self.newkey(6)
        # shared infrastructure
        self.cg = [self.alloc(c[4], max(3, round(N * c[1] / 700))) for c in COUNTRIES]
        ng = max(250, N // 40)
        gc = r.choice(len(CC), ng, p=CW)
        self.glow = self.alloc_home(gc, v6=0.0)  # Glowworm proxyware exits (homes), grows later
        nv = max(25, N // 900)
        self.vpn = np.concatenate([self.alloc(VPN_ASNS[0], nv - nv // 3), self.alloc(VPN_ASNS[1], nv // 3)])
        self.vpnp = 1.0 / np.arange(1, len(self.vpn) + 1)
        self.vpnp /= self.vpnp.sum()
        self.resel = self.alloc(RESELLER_ASN, max(5, N // 4000))
        self.roamly = self.alloc(ROAMLY_ASN, max(6, N // 2500))
        self.campus = self.alloc(CAMPUS_ASN, 6)
        self.relay = self.alloc(GCP, 6)  # the Penwise app's relay
        self.porch = None
        self.hosts = None

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
        v4[r.random(n) < v6] = -1
        self.ip_asn.append(np.full(n, asn, np.int64))
        self.ip_v4.append(v4)
        self.ip_v6.append(r.integers(1, 2**47, n))
        self.nip += n
        return out

    def alloc_home(self, cidx, v6=0.1):
        cidx = np.asarray(cidx)
        out = np.empty(len(cidx), np.int64)
        isp = self.rng.integers(0, 2, len(cidx))
        for c in np.unique(cidx):
            for k in (0, 1):
                s = (cidx == c) & (isp == k)
                if s.any():
                    out[s] = self.alloc(COUNTRIES[c][3][k], int(s.sum()), v6)
        return out

    def alloc_cloud(self, n, asn=None):
        a = self.rng.choice(CLOUDS, n) if asn is None else np.full(n, asn)
        out = np.empty(n, np.int64)
        for x in np.unique(a):
            out[a == x] = self.alloc(int(x), int((a == x).sum()))
        return out

    # route functions: account positions -> ip ids
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
    def mail(self, cidx, p=(0.72, 0.2, 0.04, 0.0, 0.04)):
        """p: webmail, national, privacy, university, vanity."""
        r = self.rng
        cidx = np.asarray(cidx)
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
        return np.array([a[: 5 + i % 6] + b for i, (a, b) in enumerate(zip(names, tl, strict=True))], object)

    def add(self, n, group, kind, created, cidx, domain, repl=False):
        r = self.rng
        i = np.arange(self.na, self.na + n)
        assert self.na + n <= self.N, "groups exceed N"
        self.na += n
        cidx = np.broadcast_to(np.asarray(cidx, np.int64), (n,))
        self.key[i] = self.newkey(n)
        self.created[i] = np.asarray(created, np.int64)
        self.cidx[i] = cidx
        self.tz[i] = CTZ[cidx] + np.where(cidx == CI["US"], r.integers(-2, 2, n), 0)
        self.domain[i] = domain
        self.group[i], self.kind[i], self.repl[i] = group, kind, repl
        self.bmodel[i] = r.choice([C2, MINI, CODE], n, p=[0.65, 0.27, 0.08])
        u = r.random(n)
        ad = np.where(u < 0.05, REL + r.uniform(0.3, 24, n) * HOUR, REL + r.exponential(7, n) * DAY)
        self.adopt[i] = np.where(u < 0.40, ad, NEVER).astype(np.int64)
        self.pkey[i] = self.newkey(n)
        return i

    def card(self, i, key=None, t=None):
        i = np.asarray(i)
        key = self.newkey(len(i)) if key is None else np.asarray(key, U64)
        t = self.created[i] if t is None else np.asarray(t, np.int64)
        self.pm.append((i, np.broadcast_to(key, i.shape).astype(U64), np.broadcast_to(t, i.shape).astype(np.int64)))

    def enforce(self, i, t, p_ban=1.0):
        i = np.asarray(i)
        self.enf[i] = np.asarray(t, np.int64)
        self.status[i] = np.where(self.rng.random(len(i)) < p_ban, 1, 2)

    def emit(self, acc, ts, ip, model, tpl, var):
        n = len(acc)
        m = np.full(n, -1, np.int64) if model is None else np.broadcast_to(np.asarray(model, np.int64), (n,))
        self.req.append(
            (
                np.asarray(acc, np.int64),
                np.asarray(ts, np.int64),
                np.asarray(ip, np.int64),
                m.copy(),
                np.broadcast_to(np.asarray(tpl, U64), (n,)).copy(),
                np.broadcast_to(np.asarray(var, U64), (n,)).copy(),
            )
        )

    # ---------------------------------------------------------------- prompts
    def fresh(self, n):
        return self.newkey(n) | U64(1 << 20)

    def op_prompts(self, fam, fam_idx, p_fresh, p_exact):
        """Op traffic: family paraphrases (fresh), the family's exact text, else public cover."""
        r = self.rng
        R = len(fam_idx)
        u = r.random(R)
        tpl = np.asarray(fam, U64)[fam_idx]
        var = np.where(u < p_fresh, self.fresh(R), U64(0))
        cover = u >= p_fresh + p_exact
        tpl[cover] = self.pub[r.choice(400, cover.sum(), p=self.pubp)]
        var[cover] = 0
        return tpl, var


def when(w, acc, start, end, prof, weekend=1.0):
    """One session start per entry: a uniform local day in [start, end), an hour from the profile."""
    r = w.rng
    S = len(acc)
    tz = w.tz[acc]
    d0 = (start + tz * HOUR) // DAY
    nd = np.maximum(1, (end - start) // DAY + 1)
    day = d0 + (r.random(S) * nd).astype(np.int64)
    st = day * DAY + r.choice(24, S, p=prof) * HOUR + r.integers(0, HOUR, S) - tz * HOUR
    if weekend < 1.0:
        dow = ((st + tz * HOUR - T0) // DAY) % 7
        mv = (dow >= 5) & (r.random(S) > weekend)
        st[mv] -= (dow[mv] - 4) * DAY
    return st


def sessions(
    w,
    acc,
    start,
    end,
    nreq,
    opts,
    probs,
    mixp=MIX,
    prof=HOME,
    weekend=1.0,
    task=None,
    task_exact=0.5,
    task_fresh=False,
    model=None,
    per=2.5,
    gap=(20, 150),
    opener=None,
):
    """Human sessions of ~per requests, gap seconds apart, at local-profile hours in [start, end)."""
    r = w.rng
    acc = np.asarray(acc, np.int64)
    n = len(acc)
    if n == 0:
        return
    start = np.broadcast_to(np.asarray(start, np.int64), (n,)).copy()
    end = np.maximum(np.broadcast_to(np.asarray(end, np.int64), (n,)), start + HOUR)
    nreq = np.broadcast_to(np.asarray(nreq, np.int64), (n,))
    ns = np.maximum(1, np.rint(nreq / per)).astype(np.int64)
    si, _ = expand(ns)
    st = when(w, acc[si], start[si], end[si], prof, weekend)
    ok = (st >= start[si]) & (st < end[si])
    sip = w.route(n, opts, probs, si)
    ri, k = expand(nreq)
    s_off = np.cumsum(ns) - ns
    sess = s_off[ri] + k % ns[ri]
    ts = st[sess] + (k // ns[ri]) * r.integers(gap[0], gap[1], len(ri))
    keep = ok[sess]
    ri, sess, ts = ri[keep], sess[keep], ts[keep]
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
        alt = w.fresh(s.sum()) if task_fresh else r.integers(1, 4, s.sum()).astype(U64)
        var[s] = np.where(r.random(s.sum()) < task_exact, U64(0), alt)
    s = (cat == 5) & (w.comp[a] != 0)
    tpl[s] = w.comp[a[s]]
    var[s] = (w.pkey[a[s]] % U64(4)) + U64(1)
    w.emit(a, ts, sip[sess], None if model is None else model(a, ts), tpl, var)
    if opener is not None:
        su = np.unique(sess)
        ot = st[su] - r.integers(1, 5, len(su))
        oa = acc[si[su]]
        w.emit(oa, ot, sip[su], None if model is None else model(oa, ot), opener(ot), U64(0))


def sweep(w, live, t, frac, p_ban, p_repl, delay, spread=2 * HOUR):
    """Enforce a share of live accounts from t; returns (enforced that get a replacement, creation times)."""
    r = w.rng
    pick = live[r.random(len(live)) < frac]
    w.enforce(pick, t + r.integers(0, spread, len(pick)), p_ban)
    rep = pick[r.random(len(pick)) < p_repl]
    return rep, (w.enf[rep] + r.uniform(*delay, len(rep)) * DAY).astype(np.int64)


# ==================================================================================================== fraud
def op_porchlight(w):
    """Hydra cells riding leased proxyware exits that are innocent households' home connections."""
    r, G = w.rng, "op_porchlight"
    n0 = max(30, round(0.0055 * w.N))
    cell = groups(r, n0, np.arange(5, 11))
    nc = cell.max() + 1
    ccn = r.choice([CI[c] for c in ("US", "GB", "DE", "CA", "NL", "FR")], nc, p=[0.4, 0.15, 0.15, 0.1, 0.1, 0.1])
    # leased homes: 2-4 per cell, in the cell's country
    nh = r.integers(2, 5, nc)
    hcell = np.repeat(np.arange(nc), nh)
    hc = ccn[hcell]
    hip = w.alloc_home(hc, v6=0.0)
    htz = CTZ[hc] + np.where(hc == CI["US"], r.integers(-2, 2, len(hc)), 0)
    w.glow = np.concatenate([w.glow, hip])
    H = len(hip)
    # when each TV-app exit is online: evenings (p .9), weekend late mornings (p .6); local days -2 .. NDAYS+1
    D = NDAYS + 4
    on_e = r.random((H, D)) < 0.9
    es = ((17 + r.uniform(-1, 1.5, (H, D))) * HOUR).astype(np.int64)
    ee = ((24.5 + r.uniform(-1, 1, (H, D))) * HOUR).astype(np.int64)
    on_w = r.random((H, D)) < 0.6
    wkd = ((np.arange(D) - 2) % 7) >= 5

    def online(h, t):
        loc = t + htz[h] * HOUR - T0
        ld = loc // DAY + 2
        sec = loc - (ld - 2) * DAY
        ld = np.clip(ld, 1, D - 1)
        a = on_e[h, ld] & (sec >= es[h, ld]) & (sec < ee[h, ld])
        b = on_e[h, ld - 1] & (sec + DAY < ee[h, ld - 1])
        c = wkd[ld] & on_w[h, ld] & (sec >= 10 * HOUR) & (sec < 14 * HOUR)
        return a | b | c

    w.porch = (hip, hc, htz, hcell)
    c0 = T0 + r.uniform(-30, 5, nc) * DAY
    created = (c0[cell] + r.uniform(0, 2 * DAY, n0)).astype(np.int64)
    cidx = np.where(r.random(n0) < 0.9, ccn[cell], r.choice(len(CC), n0, p=CW))
    mp = (0.6, 0.25, 0.15, 0, 0)
    i = w.add(n0, G, "fraud", created, cidx, w.mail(cidx, mp))
    w.card(i, key=w.newkey(n0)[subgroups(r, cell, (1, 2), (0.6, 0.4))])
    accs, cells = list(i), list(cell)
    for t in (T0 + 11 * DAY + 14 * HOUR, T0 + 24 * DAY + 14 * HOUR):
        a, cl = np.array(accs), np.array(cells)
        hit = r.random(nc) < 0.4
        live = a[hit[cl] & (w.created[a] < t) & (w.enf[a] > t)]
        rep, tc = sweep(w, live, t, 0.6, 0.9, 0.85, (2, 5))
        if len(rep) == 0:
            continue
        rc = cl[np.searchsorted(a, rep)]
        m = len(rep)
        j = w.add(m, G, "fraud", tc, w.cidx[rep], w.mail(w.cidx[rep], mp), True)
        w.card(j, key=w.newkey(m)[subgroups(r, rc, (1, 2), (0.7, 0.3))])
        accs += list(j)
        cells += list(rc)
    a, cl = np.array(accs), np.array(cells)
    fam = w.newkey(5)
    cf = np.stack([r.choice(5, 2, replace=False) for _ in range(nc)])
    flip = REL + r.uniform(3, 12, nc) * HOUR
    for c in range(nc):
        mem = np.nonzero(cl == c)[0]
        hs = np.nonzero(hcell == c)[0]
        per = r.uniform(12, 25) * MIN
        wt = np.arange(T0 + r.uniform(0, per), T1, per).astype(np.int64)
        onl = np.stack([online(np.full(len(wt), h), wt) for h in hs], 1)
        keep = onl.any(1)
        wt, onl = wt[keep], onl[keep]
        W = len(wt)
        join = r.random((W, len(mem))) < 0.55
        wi, mi = np.nonzero(join)
        # each join holds one exit: a random online cell home (92%) or a random Glowworm exit (8%)
        sc = r.random((len(wi), len(hs))) * onl[wi]
        jip = hip[hs[sc.argmax(1)]]
        rot = r.random(len(wi)) < 0.08
        jip[rot] = r.choice(w.glow, rot.sum())
        nr = r.integers(1, 4, len(wi))
        qi, _ = expand(nr)
        ts = wt[wi[qi]] + r.integers(0, 60, len(qi))
        ip = jip[qi]
        fi = np.where(r.random(len(qi)) < 0.7, cf[c, 0], cf[c, 1])
        tpl, var = w.op_prompts(fam, fi, 0.85, 0.05)
        u = r.random(len(qi))
        mdl = np.where(ts >= flip[c], np.where(u < 0.9, C3, C2), np.where(u < 0.85, C2, MINI))
        w.emit(a[mem[mi[qi]]], ts, ip, mdl, tpl, var)


def op_resample(w):
    """Resampling: a dataset item is sent by 1-3 accounts of one pod at unrelated times (same fingerprint)."""
    r, G = w.rng, "op_resample"
    n = max(45, round(0.009 * w.N))
    g = r.exponential(1.0, n + 1)
    created = (T0 - 90 * DAY + np.cumsum(g)[:n] / g.sum() * 114 * DAY).astype(np.int64)
    cidx = r.choice(len(CC), n, p=CW)
    i = w.add(n, G, "fraud", created, cidx, w.mail(cidx, (0.5, 0.15, 0.17, 0.08, 0.10)))
    w.card(i, key=w.newkey(n)[groups(r, n, (1, 2), (0.5, 0.5))])
    npod = max(2, round(n / 25))
    pod = r.integers(0, npod, n)
    prim = r.choice(4, n, p=[0.35, 0.25, 0.2, 0.2])
    sec = (prim + r.integers(1, 4, n)) % 4
    probs = np.zeros((n, 4))
    probs[np.arange(n), prim] = 1.0
    two = np.nonzero(r.random(n) < 0.2)[0]
    probs[two, prim[two]] = 0.7
    probs[two, sec[two]] = 0.3
    opts = [w.pool(w.glow), w.pool(w.roamly), w.pool(w.resel), w.pool(w.vpn, w.vpnp)]
    start = np.maximum(created + (r.uniform(1, 3, n) * DAY).astype(np.int64), T0)
    ban = np.nonzero(r.random(n) < 0.05)[0]
    w.enforce(i[ban], T0 + r.uniform(8, 34, len(ban)) * DAY, 1.0)
    ns = r.poisson(1.2 * (T1 - start) / DAY)
    si, _ = expand(ns)
    st = when(w, i[si], start[si], np.full(len(si), T1), HOME)
    ok = (st >= start[si]) & (st < T1)
    si, st = si[ok], st[ok]
    sip = w.route(n, opts, probs, si)
    nr = 1 + r.poisson(8, len(si))
    ri, k = expand(nr)
    ts = st[ri] + k * r.integers(20, 90, len(si))[ri] + r.integers(0, 15, len(ri))
    pos = si[ri]
    R = len(ri)
    work = r.random(R) < 0.85
    tpl, var = w.newkey(R), np.zeros(R, U64)
    cov = np.nonzero(~work)[0]
    pubc = cov[r.random(len(cov)) < 0.6]
    tpl[pubc] = w.pub[r.choice(400, len(pubc), p=w.pubp)]
    fam = w.newkey(5)
    wi = np.nonzero(work)[0]
    for p in range(npod):
        s = wi[pod[pos[wi]] == p]
        if len(s) == 0:
            continue
        s = s[np.argsort(ts[s], kind="stable")]
        blk = np.arange(len(s)) // 60
        s = s[np.lexsort((r.random(len(s)), blk))]
        item = groups(r, len(s), (1, 2, 3), (0.35, 0.45, 0.2))
        m = item.max() + 1
        f = r.choice(5, m, p=[0.35, 0.25, 0.2, 0.12, 0.08])
        tpl[s] = fam[f[item]]
        var[s] = w.fresh(m)[item]
    sw = REL + r.uniform(5, 7) * HOUR
    u = r.random(R)
    mdl = np.where(ts >= sw, np.where(u < 0.9, C3, C2), np.where(u < 0.8, C2, CODE))
    mdl[~work] = -1
    w.emit(i[pos], ts, sip[ri], mdl, tpl, var)


def op_hitchhike(w):
    """Distillation through the Penwise BYOK writing app: its relay addresses and system prompt as cover."""
    r, G = w.rng, "op_hitchhike"
    n = max(40, round(0.008 * w.N))
    camp = r.integers(0, 4, n)
    created = (T0 + np.array([-20, -8, 3, 12])[camp] * DAY + r.uniform(0, 5 * DAY, n)).astype(np.int64)
    o = np.argsort(created, kind="stable")
    created, camp = created[o], camp[o]
    cidx = r.choice(len(CC), n, p=CW)
    mp = (0.6, 0.1, 0.2, 0, 0.1)
    i = w.add(n, G, "fraud", created, cidx, w.mail(cidx, mp))
    ck = w.newkey(n)[subgroups(r, camp, (2, 3))]
    own = r.random(n) < 0.3
    ck[own] = w.newkey(own.sum())
    w.card(i, key=ck)
    npod = max(2, round(n / 22))
    pod = r.integers(0, npod, n)
    accs, pods = list(i), list(pod)
    for t in (T0 + 14 * DAY + 15 * HOUR, T0 + 27 * DAY + 15 * HOUR):
        a = np.array(accs)
        live = a[(w.created[a] < t) & (w.enf[a] > t)]
        rep, tc = sweep(w, live, t, 0.25, 0.9, 0.7, (1, 3), 4 * HOUR)
        if len(rep) == 0:
            continue
        rp = np.array(pods)[np.searchsorted(a, rep)]
        m = len(rep)
        j = w.add(m, G, "fraud", tc, w.cidx[rep], w.mail(w.cidx[rep], mp), True)
        w.card(j, key=w.newkey(m)[groups(r, m, (1, 2), (0.6, 0.4))])
        accs += list(j)
        pods += list(rp)
    a, pd_ = np.array(accs), np.array(pods)
    fam = w.newkey(4)
    sw = REL + r.uniform(2, 4) * HOUR
    for p in range(npod):
        mem = np.nonzero(pd_ == p)[0]
        rate = len(mem) * 2.2 / 4.5 / DAY
        nj = r.poisson(rate * (T1 - T0))
        jt = np.sort(T0 + r.integers(0, T1 - T0, nj))
        k = r.integers(3, 7, nj)
        qi, _ = expand(k)
        who = mem[r.integers(0, len(mem), len(qi))]
        t0 = jt[qi] + r.integers(0, 90, len(qi))
        jf = r.choice(4, nj, p=[0.4, 0.3, 0.2, 0.1])
        # opener: the app's system prompt
        ot = t0
        w.emit(
            a[who],
            ot,
            r.choice(w.relay, len(qi)),
            np.where(ot >= sw, C3, C2),
            np.where(ot < PW_UPD, w.pw_sys[0], w.pw_sys[1]),
            U64(0),
        )
        nr = r.integers(4, 13, len(qi))
        ri, kk = expand(nr)
        ts = t0[ri] + 3 + kk * r.integers(5, 16, len(qi))[ri] + r.integers(0, 4, len(ri))
        tpl, var = w.op_prompts(fam, jf[qi][ri], 0.9, 0.04)
        u = r.random(len(ri))
        mdl = np.where(ts >= sw, np.where(u < 0.95, C3, C2), np.where(u < 0.85, C2, MINI))
        w.emit(a[who[ri]], ts, r.choice(w.relay, len(ri)), mdl, tpl, var)


def op_placement(w):
    """Fake remote contractors placed inside real client companies; night jobs from the firm's VMs."""
    r, G = w.rng, "op_placement"
    nco = max(4, round(w.N / 2500))
    hcc = r.choice([CI[c] for c in ("US", "GB", "DE", "NL", "CA")], nco, p=[0.45, 0.2, 0.15, 0.1, 0.1])
    htz = np.where(hcc == CI["US"], r.choice([-5, -6, -8], nco), CTZ[hcc])
    hdom = w.vanity(nco)
    hcard = w.newkey(nco)
    hcomp = w.newkey(nco)
    office = [w.alloc(int(x), int(r.integers(1, 3))) for x in r.choice(BUSINESS, nco)]
    vpn = [w.alloc(int(x), 2) for x in r.choice([*BUSINESS, AZURE], nco)]
    w.hosts = (hcc, htz, hdom, hcard, hcomp, office, vpn)
    k = r.integers(2, 5, nco)
    co = np.repeat(np.arange(nco), k)
    n = len(co)

    def seat_times(c, lo, hi):
        d = np.floor(r.uniform(lo, hi, len(c)))
        dow = ((d % 7) + 7) % 7
        d = np.where(dow >= 5, d - (dow - 4), d)
        return (T0 + d * DAY + (r.uniform(9.5, 16.5, len(c)) - htz[c]) * HOUR).astype(np.int64)

    i = w.add(n, G, "fraud", seat_times(co, -40, 0), hcc[co], hdom[co])
    w.tz[i] = htz[co]
    w.comp[i] = hcomp[co]
    w.card(i, key=hcard[co])
    accs, cos = list(i), list(co)
    t = T0 + 21 * DAY + 15 * HOUR
    live = i[w.enf[i] > t]
    rep, _ = sweep(w, live, t, 0.35, 1.0, 0.8, (2, 6), 3 * HOUR)
    if len(rep):
        rc = co[np.searchsorted(i, rep)]
        tc = np.maximum(seat_times(rc, 23, 28), w.enf[rep] + DAY)
        j = w.add(len(rep), G, "fraud", tc, hcc[rc], hdom[rc], True)
        w.tz[j] = htz[rc]
        w.comp[j] = hcomp[rc]
        w.card(j, key=hcard[rc])
        accs += list(j)
        cos += list(rc)
    a, cl = np.array(accs), np.array(cos)
    na_ = len(a)
    # cover: company work in office hours through the company VPN
    vpn_of = np.array([vpn[c][r.integers(2)] for c in cl])
    sessions(
        w,
        a,
        np.maximum(w.created[a], T0),
        T1,
        volume(r, na_, 15, 0.6),
        [w.fixed(vpn_of)],
        [1.0],
        (0.45, 0.2, 0.05, 0.0, 0.0, 0.3),
        WORK,
        0.1,
    )
    # night jobs: one dispatcher, 02:00-08:00 UTC, fan-out across companies
    vms = w.alloc(OVH, 3)
    fam = w.newkey(3)
    sw = REL + r.uniform(1, 3) * HOUR
    rate = na_ / 4.0
    nights = T0 + np.arange(NDAYS) * DAY + 2 * HOUR
    nj = r.poisson(rate * 6, NDAYS)
    qi, _ = expand(nj)
    jt = nights[qi] + r.integers(0, 6 * HOUR, len(qi))
    kk = r.integers(3, 6, len(jt))
    ji, _ = expand(kk)
    who = r.integers(0, na_, len(ji))
    t0 = jt[ji] + r.integers(0, 60, len(ji))
    jf = r.choice(3, len(jt), p=[0.6, 0.3, 0.1])
    nr = r.integers(5, 16, len(ji))
    ri, q = expand(nr)
    ts = t0[ri] + q * r.integers(6, 21, len(ji))[ri]
    pos = who[ri]
    ip = np.where(r.random(len(ri)) < 0.7, r.choice(vms, len(ri)), vpn_of[pos])
    tpl, var = w.op_prompts(fam, jf[ji][ri], 0.9, 0.05)
    u = r.random(len(ri))
    mdl = np.where(ts >= sw, np.where(u < 0.95, C3, C2), np.where(u < 0.8, C2, CODE))
    w.emit(a[pos], ts, ip, mdl, tpl, var)


# ==================================================================================================== traps
def trap_exit_homes(w):
    """The households whose home connections are the Glowworm exits op_porchlight leases."""
    r, G = w.rng, "trap_exit_homes"
    hip, hc, htz, _ = w.porch
    H = len(hip)
    size = r.choice([2, 3, 4, 5], H, p=[0.3, 0.35, 0.2, 0.15])
    h = np.repeat(np.arange(H), size)
    n = len(h)
    created = (T0 - np.minimum(r.exponential(600, n), 2500) * DAY).astype(np.int64)
    late = r.random(n) < 0.08
    created[late] = (T0 + r.uniform(0, 30, late.sum()) * DAY).astype(np.int64)
    i = w.add(n, G, "benign_group", created, hc[h], w.mail(hc[h], (0.7, 0.25, 0.02, 0, 0.03)))
    w.tz[i] = htz[h]
    fam = (r.random(H) < 0.5)[h]
    carded = r.random(n) < 0.85
    w.card(i[fam & carded], key=w.newkey(H)[h[fam & carded]])
    w.card(i[~fam & carded])
    mob = np.where(r.random(n) < 0.5, r.uniform(0.05, 0.3, n), 0)
    sessions(
        w,
        i,
        np.maximum(created, T0),
        T1,
        volume(r, n, 10),
        [w.fixed(hip[h]), w.cgnat(hc[h])],
        np.stack([1 - mob, mob], 1),
        (0.5, 0.25, 0.13, 0.05, 0, 0.07),
        EVE,
    )


def trap_host_staff(w):
    """The genuine employees of the companies op_placement's contractors sit in."""
    r, G = w.rng, "trap_host_staff"
    hcc, htz, hdom, hcard, hcomp, office, vpn = w.hosts
    nco = len(hcc)
    size = np.minimum(8 + r.poisson(12, nco), 45)
    co = np.repeat(np.arange(nco), size)
    n = len(co)
    created = (T0 - np.minimum(r.exponential(500, n), 2000) * DAY).astype(np.int64)
    i = w.add(n, G, "benign_group", created, hcc[co], hdom[co])
    w.tz[i] = htz[co]
    w.comp[i] = hcomp[co]
    on = r.random(n) < 0.75
    w.card(i[on], key=hcard[co[on]])
    w.card(i[~on])
    off = np.array([office[c][r.integers(len(office[c]))] for c in co])
    vp = np.array([vpn[c][r.integers(2)] for c in co])
    home = w.alloc_home(hcc[co])
    late = REL + r.uniform(5, 9, nco) * DAY
    w.adopt[i] = np.where(r.random(n) < 0.7, late[co], NEVER).astype(np.int64)
    sessions(
        w,
        i,
        T0,
        T1,
        volume(r, n, 18, 0.9),
        [w.fixed(off), w.fixed(vp), w.fixed(home)],
        [0.7, 0.15, 0.15],
        (0.4, 0.2, 0.1, 0.05, 0, 0.25),
        WORK,
        0.1,
    )
    # a few staff also work late from home over the VPN
    ev = i[r.random(n) < 0.15]
    sessions(w, ev, T0, T1, volume(r, len(ev), 6), [w.fixed(vp[ev - i[0]])], [1.0], (0.5, 0.2, 0.05, 0, 0, 0.25), EVE)


def trap_batch_api(w):
    """Customers of the provider's Batch API: their jobs run nightly, interleaved, on the executor."""
    r, G = w.rng, "trap_batch_api"
    n = max(40, round(0.0035 * w.N))
    inwin = r.random(n) < 0.1
    created = np.where(
        inwin, T0 + r.uniform(0, 20, n) * DAY, T0 - np.minimum(r.exponential(400, n), 1500) * DAY
    ).astype(np.int64)
    cidx = r.choice(len(CC), n, p=CW)
    i = w.add(n, G, "benign_group", created, cidx, w.mail(cidx, (0.3, 0.05, 0.02, 0.03, 0.6)))
    w.card(i)
    kind = r.choice(3, n, p=[0.5, 0.3, 0.2])
    own = np.where(kind == 0, 0, np.where(kind == 1, w.alloc_cloud(n), w.alloc_home(cidx)))
    oi = np.nonzero(kind == 0)[0]
    own[oi] = np.concatenate([w.alloc(int(x), 1) for x in r.choice(BUSINESS, len(oi))]) if len(oi) else own[oi]
    start = np.maximum(created, T0)
    sessions(w, i, start, T1, volume(r, n, 15), [w.fixed(own)], [1.0], (0.45, 0.2, 0.15, 0.2, 0, 0), WORK, 0.2)
    ex = w.alloc(PROVIDER_ASN, 8)
    nf = r.integers(1, 3, n)
    ftpl = w.newkey(2 * n).reshape(n, 2)
    bm = r.choice([C2, MINI, CODE], n, p=[0.6, 0.3, 0.1])
    latest = r.random(n) < 0.35
    sw = np.where(latest, BATCH_REL, np.where(r.random(n) < 0.4, BATCH_REL + r.exponential(7, n) * DAY, NEVER))
    nj = r.poisson(1.4 * (T1 - start) / (7 * DAY))
    ji, _ = expand(nj)
    sub = when(w, i[ji], start[ji], np.full(len(ji), T1), WORK, 0.1)
    night = T0 + HOUR + ((sub - T0 - HOUR) // DAY + 1) * DAY
    ok = (sub >= start[ji]) & (night < T1 - 8 * HOUR)
    ji, night = ji[ok], night[ok]
    size = np.clip(np.rint(r.lognormal(np.log(110), 0.8, len(ji))), 15, 900).astype(np.int64)
    for nt in np.unique(night):
        jj = np.nonzero(night == nt)[0]
        ri, k = expand(size[jj])
        o = np.lexsort((ri, k))  # round robin: k-th request of every job in round k
        ri, k = ri[o], k[o]
        R = len(ri)
        rate = R / (r.uniform(1.5, 3.5) * HOUR)
        ts = nt + (np.arange(R) / rate).astype(np.int64)
        c = ji[jj][ri]
        tpl = ftpl[c, r.integers(0, 2, R) % nf[c]]
        var = np.where(r.random(R) < 0.85, w.fresh(R), U64(0))
        mdl = np.where(nt >= sw[c], C3, bm[c])
        w.emit(i[c], ts, ex[np.arange(R) % 8], mdl, tpl, var)


def trap_store_demo(w):
    """Voltmart demo tablets: a fresh account per unit every Monday 04:00 local, one chain card."""
    r, G = w.rng, "trap_store_demo"
    ns = max(5, round(w.N / 2500))
    stz = r.choice([-5, -6, -7, -8], ns, p=[0.4, 0.3, 0.1, 0.2])
    sc = np.where((r.random(ns) < 0.15) & ((stz == -5) | (stz == -8)), CI["CA"], CI["US"])
    sip = np.concatenate([w.alloc(int(x), 1) for x in r.choice(BUSINESS, ns)])
    units = r.integers(2, 4, ns)
    us = np.repeat(np.arange(ns), units)
    U = len(us)
    rank = np.zeros(U, np.int64)
    for z in np.unique(stz):
        m = np.nonzero(stz[us] == z)[0]
        rank[m] = np.arange(len(m))
    gens = np.arange(-1, 6)
    ug, gg = np.meshgrid(np.arange(U), gens, indexing="ij")
    ug, gg = ug.ravel(), gg.ravel()
    prov = T0 + gg * 7 * DAY + (4 - stz[us[ug]]) * HOUR
    step = r.uniform(6, 14)
    created = prov + (rank[ug] * step).astype(np.int64) + r.integers(0, 5, len(ug))
    n = len(ug)
    i = w.add(n, G, "benign_group", created, sc[us[ug]], "voltmart-demo.com")
    w.tz[i] = stz[us[ug]]
    w.card(i, key=np.full(n, w.newkey(1)[0]))
    script = w.newkey(12)
    end = np.minimum(prov + 7 * DAY, T1)
    # one row per account and local day: walk-ins 10:00-21:00
    days = np.arange(8)
    ad, dd = np.meshgrid(np.arange(n), days, indexing="ij")
    ad, dd = ad.ravel(), dd.ravel()
    dstart = prov[ad] - 4 * HOUR + dd * DAY  # local midnight of that day
    dow = ((dstart + stz[us[ug[ad]]] * HOUR - T0) // DAY) % 7
    cnt = r.poisson(np.where(dow == 6, 10, 20))
    vi, _ = expand(cnt)
    a = ad[vi]
    vt = dstart[vi] + 10 * HOUR + r.integers(0, 11 * HOUR, len(vi))
    nr = r.integers(1, 5, len(vi))
    ri, k = expand(nr)
    ts = vt[ri] + k * r.integers(30, 90, len(ri))
    aa = a[ri]
    ok = (ts >= created[aa] + 10 * MIN) & (ts < end[aa])
    ts, aa = ts[ok], aa[ok]
    R = len(ts)
    v2 = prov[aa] >= REL
    scr = r.random(R) < 0.55
    tpl = np.where(scr, script[r.integers(0, 6, R) + 6 * v2], w.newkey(R))
    mdl = np.where(v2, C3, MINI)
    w.emit(i[aa], ts, sip[us[ug[aa]]], mdl, tpl, U64(0))


def trap_peer_grading(w):
    """A MOOC with peer assessment: each essay is pasted, with the rubric, by its three graders."""
    r, G = w.rng, "trap_peer_grading"
    n = max(60, round(0.005 * w.N))
    cidx = r.choice(len(CC), n, p=CW)
    burst = r.random(n) < 0.45
    created = np.where(
        burst, T0 + r.uniform(-6, 1, n) * DAY, T0 - np.minimum(r.exponential(400, n), 1800) * DAY
    ).astype(np.int64)
    i = w.add(n, G, "benign_group", created, cidx, w.mail(cidx, (0.7, 0.15, 0, 0.15, 0)))
    w.bmodel[i] = MINI
    w.card(i[r.random(n) < 0.6])
    home = w.alloc_home(cidx)
    mob = np.where(r.random(n) < 0.4, r.uniform(0.2, 0.6, n), 0)
    probs = np.stack([1 - mob, mob], 1)
    opts = [w.fixed(home), w.cgnat(cidx)]
    start = np.maximum(created, T0)
    sessions(w, i, start, T1, volume(r, n, 8), opts, probs)
    assign, rubric = w.newkey(4), w.newkey(4)
    for wk in range(4):
        dl = T0 + (7 * (wk + 1)) * DAY - 1
        act = np.nonzero((created < dl - 4 * DAY) & (r.random(n) < 0.8))[0]
        if len(act) < 5:
            continue
        sessions(
            w,
            i[act],
            dl - 4 * DAY,
            dl,
            r.integers(2, 7, len(act)),
            [w.fixed(home[act]), w.cgnat(cidx[act])],
            probs[act],
            (0, 0, 0, 0, 1, 0),
            task=assign[wk],
            task_exact=0.3,
            task_fresh=True,
            per=3,
        )
        subm = act[r.random(len(act)) < 0.9]
        m = len(subm)
        if m < 4:
            continue
        order = subm[r.permutation(m)]
        essay = w.fresh(m)
        gi = np.repeat(np.arange(m), 3)
        ei = (gi + np.tile([1, 2, 3], m)) % m
        sit = when(w, i[order], np.full(m, dl + 1), np.full(m, dl + 3 * DAY), EVE)
        sit = np.clip(sit, dl + 1, dl + 3 * DAY)
        ts = sit[gi] + np.tile([0, 1, 2], m) * r.integers(3 * MIN, 10 * MIN, len(gi))
        ip = w.route(n, opts, probs, order)[gi]
        w.emit(i[order[gi]], ts, ip, None, np.full(len(gi), rubric[wk]), essay[ei])


def trap_uptime_probes(w):
    """Heartbeat synthetic monitoring: customers' API health checks fired from shared probe addresses."""
    r, G = w.rng, "trap_uptime_probes"
    n = max(40, round(0.0035 * w.N))
    inwin = r.random(n) < 0.1
    created = np.where(
        inwin, T0 + r.uniform(0, 25, n) * DAY, T0 - np.minimum(r.exponential(500, n), 1500) * DAY
    ).astype(np.int64)
    cidx = r.choice(len(CC), n, p=CW)
    i = w.add(n, G, "benign_group", created, cidx, w.mail(cidx, (0.12, 0.03, 0, 0, 0.85)))
    w.bmodel[i] = r.choice([C2, CODE], n, p=[0.6, 0.4])
    w.card(i)
    own = np.where(r.random(n) < 0.5, w.alloc_cloud(n), w.alloc_home(cidx))
    sessions(w, i, np.maximum(created, T0), T1, volume(r, n, 10), [w.fixed(own)], [1.0], prof=WORK, weekend=0.3)
    probes = np.concatenate([w.alloc(a, 2) for a in (AWS, GCP, DO, VULTR, LINODE, HETZNER)])
    ctpl = np.where(r.random(n) < 0.7, w.probe_t, w.newkey(n))
    extra = np.nonzero(r.random(n) < 0.3)[0]
    ca = np.concatenate([np.arange(n), extra])
    C = len(ca)
    iv = r.choice([300, 900, 1800, 3600], C, p=[0.1, 0.4, 0.3, 0.2])
    off = r.integers(0, 30, C)
    s = np.maximum(created[ca] + DAY, T0)
    s[n:] = np.maximum(s[n:], (REL + 20 * HOUR + r.exponential(1, C - n) * DAY).astype(np.int64))
    e = np.where(r.random(C) < 0.08, s + r.uniform(0.2, 1, C) * np.maximum(T1 - s, 0), T1).astype(np.int64)
    first = (s // iv + 1) * iv
    cnt = np.maximum(0, (e - first) // iv)
    ci, k = expand(cnt)
    tick = first[ci] + k * iv[ci]
    keep = r.random(len(ci)) > 0.01
    ci, tick = ci[keep], tick[keep]
    ts = tick + off[ci] + r.integers(0, 3, len(ci))
    reg = (tick // iv[ci]) % 6
    ip = probes[reg * 2 + r.integers(0, 2, len(ci))]
    mdl = np.where(ci >= n, C3, MINI)
    w.emit(i[ca[ci]], ts, ip, mdl, ctpl[ca[ci]], U64(0))


# ==================================================================================================== organic
def org_base(w, n, group, cidx=None, mailp=(0.72, 0.2, 0.04, 0.0, 0.04)):
    r = w.rng
    if cidx is None:
        cidx = r.choice(len(CC), n, p=CW)
    inwin = r.random(n) < 0.12
    created = np.where(
        inwin, T0 + r.uniform(0, NDAYS - 1, n) * DAY, T0 - np.minimum(r.exponential(450, n), 2400) * DAY
    ).astype(np.int64)
    return w.add(n, group, "organic", created, cidx, w.mail(cidx, mailp))


def organic(w, total):
    r = w.rng
    shares = [
        ("org_household", 0.16),
        ("org_smallco", 0.10),
        ("org_mobile", 0.10),
        ("org_developer", 0.05),
        ("org_penwise", 0.04),
        ("org_proxy_customer", 0.03),
        ("org_vpn", 0.03),
        ("org_reseller", 0.02),
        ("org_traveler", 0.03),
        ("org_cron", 0.03),
        ("org_student", 0.03),
    ]
    cnt = {g: int(total * s) for g, s in shares}
    cnt["org_individual"] = total - sum(cnt.values())

    def start(i):
        return np.maximum(w.created[i], T0)

    def ag(n, p=0.12):
        a = r.random(n) < p
        m = np.tile(MIX, (n, 1))
        m[~a, 0] += m[~a, 3]
        m[~a, 3] = 0
        return m

    n = cnt["org_individual"]
    i = org_base(w, n, "org_individual")
    home = w.alloc_home(w.cidx[i])
    w.glow = np.concatenate([w.glow, home[r.random(n) < 0.015]])
    pm = np.where(r.random(n) < 0.3, r.uniform(0.1, 0.5, n), 0)
    w.card(i[r.random(n) < 0.8])
    sessions(w, i, start(i), T1, volume(r, n, 8), [w.fixed(home), w.cgnat(w.cidx[i])], np.stack([1 - pm, pm], 1), ag(n))

    n = cnt["org_household"]
    hid = groups(r, n, (2, 3, 4, 5), (0.45, 0.3, 0.15, 0.1))
    nh = hid.max() + 1
    hc = r.choice(len(CC), nh, p=CW)
    i = org_base(w, n, "org_household", hc[hid])
    hhome = w.alloc_home(hc)
    w.glow = np.concatenate([w.glow, hhome[r.random(nh) < 0.015]])
    sh = (r.random(nh) < 0.5)[hid]
    carded = r.random(n) < 0.85
    w.card(i[sh & carded], key=w.newkey(nh)[hid[sh & carded]])
    w.card(i[~sh & carded])
    pm = np.where(r.random(n) < 0.25, r.uniform(0.1, 0.4, n), 0)
    sessions(
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
    sessions(
        w,
        i,
        start(i),
        T1,
        volume(r, n, 12),
        [w.fixed(office[cid]), w.fixed(w.alloc_home(w.cidx[i]))],
        [0.7, 0.3],
        (0.45, 0.2, 0.1, 0.05, 0, 0.2),
        WORK,
        0.15,
    )

    n = cnt["org_mobile"]
    i = org_base(w, n, "org_mobile")
    w.card(i[r.random(n) < 0.55])
    sessions(w, i, start(i), T1, volume(r, n, 6), [w.cgnat(w.cidx[i])], [1.0], ag(n))

    n = cnt["org_developer"]
    i = org_base(w, n, "org_developer")
    w.bmodel[i] = r.choice([C2, CODE], n, p=[0.4, 0.6])
    early = r.random(n) < 0.1
    w.adopt[i[early]] = REL + (r.uniform(0.3, 24, early.sum()) * HOUR).astype(np.int64)
    vm = w.alloc_cloud(n)
    w.card(i[r.random(n) < 0.85])
    sessions(
        w,
        i,
        start(i),
        T1,
        volume(r, n, 25),
        [w.fixed(vm), w.fixed(w.alloc_home(w.cidx[i]))],
        [0.65, 0.35],
        (0.35, 0.2, 0.15, 0.3, 0, 0),
        WORK,
        0.4,
    )

    n = cnt["org_penwise"]
    i = org_base(w, n, "org_penwise")
    w.card(i[r.random(n) < 0.8])
    home = w.alloc_home(w.cidx[i])
    vol = volume(r, n, 14)
    sessions(
        w,
        i,
        start(i),
        T1,
        np.rint(vol * 0.6).astype(np.int64) + 1,
        [w.pool(w.relay)],
        [1.0],
        (0.35, 0.15, 0.1, 0, 0.4, 0),
        task=w.pw_rw,
        task_exact=0.1,
        task_fresh=True,
        per=4,
        opener=lambda t: np.where(t < PW_UPD, w.pw_sys[0], w.pw_sys[1]),
    )
    sessions(w, i, start(i), T1, np.rint(vol * 0.4).astype(np.int64), [w.fixed(home)], [1.0], ag(n))

    for g, pool, p in (
        ("org_proxy_customer", w.glow, None),
        ("org_vpn", w.vpn, w.vpnp),
        ("org_reseller", w.resel, None),
    ):
        n = cnt[g]
        i = org_base(w, n, g)
        w.card(i[r.random(n) < 0.7])
        hp = 0.2 if g != "org_reseller" else 0.0
        sessions(
            w,
            i,
            start(i),
            T1,
            volume(r, n, 15),
            [w.pool(pool, p), w.fixed(w.alloc_home(w.cidx[i]))],
            [1 - hp, hp],
            ag(n),
        )

    n = cnt["org_traveler"]
    i = org_base(w, n, "org_traveler")
    w.card(i[r.random(n) < 0.85])
    home = w.alloc_home(w.cidx[i])
    sessions(w, i, start(i), T1, volume(r, n, 6), [w.fixed(home)], [1.0], ag(n))
    ntrip = r.integers(1, 3, n)
    ti, _ = expand(ntrip)
    ts0 = np.maximum(T0 + r.uniform(-5, NDAYS, len(ti)) * DAY, start(i)[ti]).astype(np.int64)
    te = np.minimum(ts0 + r.uniform(3, 14, len(ti)) * DAY, T1).astype(np.int64)
    ok = te > ts0 + HOUR
    ti, ts0, te = ti[ok], ts0[ok], te[ok]
    sessions(
        w,
        i[ti],
        ts0,
        te,
        volume(r, len(ti), 12, 0.8),
        [w.pool(w.roamly), w.cgnat(w.cidx[i][ti])],
        [0.85, 0.15],
        (0.45, 0.3, 0.1, 0.15, 0, 0),
    )

    n = cnt["org_student"]
    i = org_base(w, n, "org_student", mailp=(0.1, 0, 0, 0.9, 0))
    w.card(i[r.random(n) < 0.5])
    sessions(
        w, i, start(i), T1, volume(r, n, 9), [w.pool(w.campus), w.fixed(w.alloc_home(w.cidx[i]))], [0.5, 0.5], ag(n)
    )

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
    latest = r.random(n) < 0.1
    mdl = np.where(latest[qi] & (ts >= REL), C3, w.bmodel[i][qi])
    w.emit(i[qi], ts, ip[qi], mdl, jt[qi], U64(0))
    sessions(w, i, start(i), T1, volume(r, n, 4), [w.fixed(ip)], [1.0])

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
    mdl[auto] = np.where((ts[auto] >= w.adopt[acc[auto]]) & (r.random(auto.sum()) < 0.7), C3, w.bmodel[acc[auto]])
    mdl[(mdl == C3) & (ts < REL)] = C2
    o = np.lexsort((acc, ts))
    acc, ts, ip, mdl, t, v = acc[o], ts[o], ip[o], mdl[o], t[o], v[o]
    fk = mix(t ^ mix(v ^ w.salt))
    _, first, inv = np.unique(fk, return_index=True, return_inverse=True)
    inv = inv.ravel()
    ut, uv = t[first], v[first].copy()
    base = mix(ut ^ w.bsalt)
    while (bad := digit_run(base)).any():
        base[bad] = mix(base[bad] ^ K2)
    sh = base ^ flipmask(ut, uv)
    while (bad := digit_run(sh)).any():
        uv[bad] = mix(uv[bad]) | U64(1)
        sh[bad] = base[bad] ^ flipmask(ut[bad], uv[bad])
    fp_s, sh_s = tok(fk[first], "fp_"), hexs(sh)
    uip, ipi = np.unique(ip, return_inverse=True)
    ipi = ipi.ravel()
    asn_all, v4_all, v6_all = (np.concatenate(x) for x in (w.ip_asn, w.ip_v4, w.ip_v6))
    ua = asn_all[uip]
    ip_s = ip_strings(v4_all[uip], v6_all[uip], ua)
    ids = tok(w.key[:na], "acct_")
    assert len(set(ids.to_pylist())) == na, "account id collision"
    assert len(set(fp_s.to_pylist())) == len(first), "fingerprint collision"

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
    p_a, p_k, p_t = (np.concatenate([q[c] for q in w.pm]) for c in range(3))
    o = np.lexsort((p_t, p_a))
    p_a, p_k, p_t = p_a[o], p_k[o], p_t[o]
    wr(
        {
            "account_id": ids.take(A(p_a)),
            "payment_method_id": tok(p_k, "pm_"),
            "first_seen": TS(p_t),
            "last_seen": TS(np.maximum(p_t, last[p_a])),
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
        op_porchlight,
        trap_exit_homes,
        op_resample,
        op_hitchhike,
        op_placement,
        trap_host_staff,
        trap_batch_api,
        trap_store_demo,
        trap_peer_grading,
        trap_uptime_probes,
    ):
        f(w)
    organic(w, w.N - w.na)
    nreq = finish(w, a.out_dir)
    g = pd.Series(w.group[: w.na]).value_counts()
    print(
        f"nineteenth_world: {w.na} accounts, {nreq} requests in {time.time() - t:.1f} s -> {a.out_dir}", file=sys.stderr
    )
    for name in sorted(x for x in g.index if not x.startswith("org_")):
        print(f"  {name:22s} {g[name]}", file=sys.stderr)


if __name__ == "__main__":
    main()
