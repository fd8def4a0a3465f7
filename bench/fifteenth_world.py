"""fifteenth_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/fifteenth_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and ``requests``
(+ ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the columns
``account_id,group,kind,status,replacement,segment``.  ``kind`` is ``fraud``, ``benign_group`` or ``organic``;
``group`` is ``op_*``, ``trap_*`` or ``organic``; ``replacement`` is 1 only for fraud accounts that took the place of
an enforced fraud account; ``segment`` names the organic sub-population (the group name for everyone else).  Only
numpy, pandas and pyarrow.  One ``numpy.random.Generator`` seeded from ``--seed`` makes every random choice in a fixed
order (ids and SimHashes are hashes of values it drew), so a seed gives byte-identical files.  N >= 5,000 (floors
keep small groups alive; the organic population fills up to exactly N).  Written blind, from the data contract and
the threat description only, without reading the detector.

CLOCK, MODELS, IDENTIFIERS
    Six weeks from Mon 2027-01-11 00:00 UTC (day 0 .. 42).  ``lyra-2``, ``lyra-2-mini`` and ``lyra-2-code`` exist
    all along; ``lyra-3`` is released Sun 2027-01-31 17:00 UTC (day 20).  Ordinary people adopt it on a curve: 4%
    within 0.3-24 h, 35% after an exponential lag (mean 7 days), the rest never; an adopter sends 70% of later
    requests to it.  Ids are ``acct_`` / ``pm_`` / ``fp_`` + 14 lowercase letters (injective renderings of 64-bit
    hashes); a SimHash whose hex digits 3..12 are all decimal gets nibble 6 forced to ``a``, so no column holds a
    13-19 digit run.  ``proxies`` and ``prompt_fingerprints`` are exact aggregates of the request log;
    ``payment_methods`` has the attach time and the detach time (card swap) or the last activity.  Enforcement
    stops an account's traffic; requests before creation or outside the window are dropped.

PROMPTS AND SIMHASH
    A template is a 64-bit key (its exact fingerprint) with a SimHash base derived from it (unrelated templates are
    ~32 bits apart).  A request carries (template, variant, mask): variant 0 is the exact text; any other variant is
    a paraphrase with its own fingerprint whose SimHash is base XOR mask (a mask of at most k bits).  Ordinary
    prompts: 50% unique, 25% from 300 public templates (Zipf 1.1; 20% of uses fresh 1-3 bit edits), 15% personal
    templates (1-3 per person, verbatim), and the 10% of people who use the "Hexweave" agent framework send 30% of
    their requests through it (its system prompt verbatim 60%, fresh 2-4 bit paraphrases of its tool-call template
    40%).  Office colleagues share a company template with per-person 1-3 bit sticky edits.

IP SPACE (each address has one ASN; IPv4 /16 blocks per ASN)
    20 countries, a home ISP and a mobile carrier each.  Carrier CGNAT pools of max(4, N*w/600) addresses (a random
    one per session; a US address has hundreds of users at 20k).  Big clouds (AWS, GCP, Azure, DigitalOcean,
    Hetzner, OVH), 14 cheap VPS providers, business ISPs for offices.  Shared services: the "Pallwick" residential
    proxy (max(300, N/12) exits on home ISPs; its customers take a random exit per session, operations rent it
    too); the "Quaymark" API reseller (max(10, N/4000) gateways in two hosting ASNs; its ordinary customers send
    everything through them); Marrowdale University (``students.marrowdale.edu``, campus NAT of 8 addresses).

FRAUD OPERATIONS (kind ``fraud``; ~2.5% of N including replacements)
--------------------------------------------------------------------
``op_agedmarket``  (max(40, 0.6% N) + replacements) -- ACCOUNTS BOUGHT AGED ON A MARKETPLACE.  Lots of 5-12
    accounts created 120-900 days ago by their previous owners, with webmail / own domains in many countries, the
    owner's own card and home address and an ordinary trickle of personal traffic in the window until the lot's
    takeover (day 3-18, each account within 6 h).  At takeover the owner's card is detached and a prepaid card
    shared by 2-3 lot mates is attached; traffic switches to the lot's 2 private static residential addresses
    (50%), Pallwick (30%) or the lot's cloud VM (20%): load-balanced waves every 40-120 min (each member joins with
    p=.5, 1-3 requests within 40 s), 4 op families (50/25/15/10%), fresh 1-4 bit paraphrases 85%, exact 5%,
    public cover 10%; lyra-3 (90%) op-wide from release + 4-14 h.  20% of bought accounts are enforced 3-15 days
    after takeover (85% banned); 75% of them are replaced 1-4 days later (replacement=1) by ANOTHER aged account
    from the marketplace (created years ago, its previous owner's history up to then), with its own prepaid card,
    on the lot's statics.
    Signal left: a change point in behaviour with a card swap, then lot-private statics, waves, op families; the
    replacement on the banned account's addresses.  Evasion: old creation dates, genuine earlier history, diverse
    domains and countries.

``op_vpshop``  (max(48, 0.6% N) + replacements) -- VPS HOPPING WITH PER-ACCOUNT PARAPHRASE DISTANCE.  Cells of 6-14
    hold two VPS at a time at one of 14 cheap providers and hop to a new provider every 2-4 days, never reusing an
    address (90% of requests; 10% Pallwick).  A cell's dispatcher sends jobs round the clock (Poisson, ~6 a member
    a day) to 2-4 random members, each sending 1-3 requests within 60 s.  Each account has its own paraphraser
    setting d in 1..10: every request is a fresh paraphrase flipping up to d bits of one of 3 op families
    (70/20/10%), so two members' prompts are 2-20 bits apart.  Webmail / privacy / vanity mail, 15% on the
    university's domain; prepaid cards shared by 2-3 cell mates (60%).  lyra-3 (90%) per cell at release + 6-20 h.
    18% enforced (days 6-36, 85% banned); 80% replaced 2-5 days later (replacement=1) with a fresh own card on the
    cell's CURRENT VPS pair.
    Signal left: short-lived VPS addresses shared by a whole cell per epoch, chained by the members across epochs;
    dispatch co-activity; families despite a wide bit spread.  Evasion: no address lives longer than four days.

``op_classroom``  (max(60, 0.6% N) + replacements) -- AN OPERATION DRESSED AS A UNIVERSITY CLASS.  Accounts on
    ``students.marrowdale.edu`` (whose real students are 1.5% of the organic population) created in a two-day
    "enrolment" burst (days 1-2, US-Eastern daytime), country US; 40% without a card (edu tier), 60% on prepaid
    cards shared by 2-3 "room-mates".  Traffic in "study sessions" every evening (three 45-minute blocks 18:00-01:00
    US-Eastern): a wave every 3 minutes, 8% of the class sending 1 request within 30 s.  60% via Pallwick's US
    exits, 25% via the class's 4 private static residential addresses on the home ISP, 15% US carrier CGNAT.  3 op
    families dressed as homework (80% fresh 1-3 bit paraphrases), 20% public cover; ~150 requests per account
    (real students ~20).  lyra-3 (90%) from release + 2-8 h.  15% banned (days 8-35); 70% replaced 2-6 days later
    by a new "student" (replacement=1) on the banned one's statics.
    Signal left: massive volume in few families, minute lockstep, fast adoption, private statics.  Evasion: a
    shared real university domain, a believable sign-up wave, study-hour timing, CGNAT and proxy addresses shared
    with thousands.

``op_duos``  (max(40, 0.45% N), cells of 2-3, + replacements) -- MICRO-CELLS HIDING IN A RESELLER'S CUSTOMER BASE.
    Each cell shares nothing but a private rewrite of one of two master templates (4-7 bits from the master; fresh
    1-2 bit paraphrases around it, 90%; public cover 10%) and its timing: ~1 session a day at a random hour, 20-60
    minutes, each minute every member sends with p=.25.  Members have their own cards, mixed domains and their own
    pathway: a Quaymark reseller gateway (50%, shared with thousands of its customers' requests), a Pallwick exit
    per session (30%) or an own VPS (20%).  lyra-3 per cell at release + 3-20 h.  10% banned; 70% replaced 1-3 days
    later (replacement=1) on the predecessor's gateway / VPS, same family and schedule, fresh card.
    Signal left: minute-scale co-activity repeated daily inside a cell plus the cell's rewrite family.  Evasion:
    tiny cells, no shared card, no cell-private address for most cells.

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be listed)
-------------------------------------------------------------------
``trap_school_district``  (max(100, 1% N)) -- Pinecrest Unified (``students.pinecrest-k12.org``, US Central): the
    SIS sync creates every student account on day 3 between 07:00 and 15:00 local, a class roster of ~30 within 2
    minutes; ONE district purchase-order token on every account; 8 school NAT addresses.  Classes use it in 1-2
    periods a week: at the bell the students send the teacher's assignment prompt (verbatim 60%, else 1-3 bit
    edits) within 3 minutes, then 2-5 follow-ups; homework from home in the evening.  The district pins
    ``lyra-2-mini`` and flips to ``lyra-3`` at release + 16 h (the next school morning).  Admins suspend 3% (misuse);
    40% of those are re-created the next day by the SIS on the same token and NATs (replacement=0).
    Probes: one token on thousands of accounts, a sign-up burst, classroom lockstep, shared templates, suspensions
    followed by re-created accounts, fast adoption.

``trap_loc_studio``  (max(25, 0.12% N)) -- Ashgrove Games' localisation team (``ashgrove-games.com``, one studio
    card, 2 office NAT addresses + 2 GCP build-farm addresses).  The localisation pipeline pushes 2 string-table
    batches a working day; a batch fans out to 8-20 translators' accounts IN THE SAME MINUTE, each sending 10-30
    requests 2-5 s apart from the build farm: the string-table template with a per-language sticky 1-3 bit edit and
    a fresh 1-2 bit slot fill.  The studio moves the pipeline to lyra-3 at release + 1.5-3 h.  Translators also
    chat interactively from the office.
    Probes: a shared card, same-minute fan-out, massive volume in one family, cloud addresses, fast adoption.

``trap_travel_chain``  (max(12, N/1500) branches of 2-5 agents) -- Sunward Travel (``sunwardtravel.com``) in US,
    GB and DE: every branch has its own office address, the chain pays everyone with ONE corporate card; the
    Tripforge booking platform's 5 itinerary templates (fresh 1-3 bit slot-filled paraphrases), 30% of requests via
    Tripforge's 3 AWS gateways shared by all branches; the Thursday flash sale at 09:00 local puts every agent of a
    zone on the same templates within 5 minutes.
    Probes: a card on dozens of accounts, shared cloud gateways, shared templates, weekly lockstep.

``trap_freelance_coop``  (max(30, 0.2% N)) -- Kettleworks, a freelancers' cooperative in two coworking spaces (one
    NAT each, weekdays), members at home otherwise; the coop issues a virtual card per project team of 2-3 (the
    shape of prepaid-card sharing), 50% on ``kettleworks.coop``; the coop's proposal template with per-member sticky
    edits (15% of requests); otherwise ordinary personal prompts and human timing.
    Probes: 2-3-account card sharing, shared NAT, a shared template family.  No lockstep.

``trap_dunning_recreate``  (max(4, N/5000) startups of 6-15) -- startups whose team (company domain, company card,
    office NAT, an hourly CI job at :00:00-:00:30 sending one of 2 exact templates from each account with p=.5) is
    SUSPENDED EN MASSE on a chargeback dispute (days 10-30); 1-3 days later the founders re-create the team
    (replacement=0; new accounts, new company card) on the same office NAT, same templates and CI.
    Probes: a whole cell enforced and replaced days later on its addresses and template families, a shared card,
    hourly lockstep.

``trap_consultant_multi``  (max(20, 0.15% N) consultants with 3-6 accounts) -- freelance consultants keeping one
    account per client, each billed to that client's card, created months apart, all used from the consultant's
    home address (and phone tethering through CGNAT), with the consultant's personal templates on every account,
    strictly one account at a time (sessions interleave, never overlap).  5% of accounts suspended (client card
    expired) and re-created for the same client (replacement=0).
    Probes: one address and one template set on several accounts, sequential activity, re-created accounts.

ORGANIC POPULATION (kind ``organic``, group ``organic``)
--------------------------------------------------------
Created up to ~4 years back (exponential, mean 400 days; 15% inside the window), activity lognormal (median 10
requests, sigma 1.1; 8% dormant), sessions of ~3 requests ~50 s apart in the local diurnal rhythm; 80% own card.
0.35% banned and 0.15% suspended at random.  Segments: ``organic_household`` (households of 2-5 on one home address,
45% sharing a family card), ``organic_individual`` (30% also on their carrier's CGNAT), ``organic_mobile`` (CGNAT
only), ``organic_office`` (companies of 2-60 on their domain and office NAT, 40% on one company card, work hours),
``organic_proxy_customer`` (Pallwick for 85% of sessions), ``organic_reseller_customer`` (Quaymark only),
``organic_cloud_dev`` (own cloud VM, code model), ``organic_cron`` (a job at minute :00 +0-4 s, daily / 6-hourly /
hourly; one exact prompt, 40% a popular cron template; 10% on a "latest" alias that jumps to lyra-3 at release),
``organic_student`` (Marrowdale students: campus NAT + home, course templates).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

U64 = np.uint64
DAY = 86400
HOUR = 3600
NDAYS = 42
T_END = NDAYS * DAY
T0_EPOCH = int(np.datetime64("2027-01-11T00:00:00", "s").astype(np.int64))
REL = 20 * DAY + 17 * HOUR
MODELS = np.array(["lyra-2-mini", "lyra-2", "lyra-2-code", "lyra-3"])
M_MINI, M_STD, M_CODE, M_NEW = 0, 1, 2, 3
STATUS = np.array(["active", "banned", "suspended"])
INF = np.iinfo(np.int64).max // 4

# country, weight, utc offset (h), home ISP ASN, mobile ASN
COUNTRIES = [
    ("US", 0.28, -5, 7922, 21928),
    ("GB", 0.07, 0, 2856, 12576),
    ("DE", 0.07, 1, 3320, 3209),
    ("FR", 0.05, 1, 3215, 51207),
    ("BR", 0.06, -3, 28573, 26615),
    ("IN", 0.08, 5, 24560, 45609),
    ("JP", 0.04, 9, 4713, 9605),
    ("KR", 0.03, 9, 4766, 9644),
    ("PH", 0.03, 8, 9299, 132199),
    ("ID", 0.03, 7, 7713, 23693),
    ("MX", 0.03, -6, 8151, 28403),
    ("CA", 0.03, -5, 6327, 22652),
    ("AU", 0.02, 10, 1221, 4804),
    ("NL", 0.02, 1, 1136, 33915),
    ("PL", 0.02, 1, 5617, 12912),
    ("ES", 0.02, 1, 3352, 12430),
    ("NG", 0.02, 1, 36873, 29465),
    ("VN", 0.02, 7, 45899, 7552),
    ("TR", 0.02, 3, 9121, 16135),
    ("EG", 0.02, 2, 8452, 36935),
]
CC = np.array([c[0] for c in COUNTRIES])
CW = np.array([c[1] for c in COUNTRIES], dtype=float)
CW /= CW.sum()
TZ = np.array([c[2] for c in COUNTRIES])
HOME_ASN = np.array([c[3] for c in COUNTRIES])
MOBILE_ASN = np.array([c[4] for c in COUNTRIES])
US, GB, DE = 0, 1, 2
BIG_CLOUD = np.array([16509, 396982, 8075, 14061, 24940, 16276])
CHEAP_VPS = np.array(
    [51167, 62240, 9009, 212238, 60781, 63949, 20473, 46562, 36352, 35916, 200019, 44477, 42624, 49981]
)
BUSINESS_ASN = np.array([174, 3356, 6461, 1299, 3257])
RESELLER_ASN = np.array([202425, 48282])
CAMPUS_ASN = 26248
WEBMAIL = np.array(
    ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "gmx.de", "mail.ru", "qq.com"]
)
WEBMAIL_W = np.array([0.5, 0.16, 0.1, 0.08, 0.06, 0.04, 0.03, 0.03])
PRIVACY = np.array(["proton.me", "tuta.io", "pm.me", "mailfence.com"])
UNI = "students.marrowdale.edu"

# local hour-of-day profiles
HUMAN = np.array([2, 1, 0.6, 0.4, 0.4, 0.6, 1.2, 2.5, 4, 5, 5.5, 5.5, 5, 5.2, 5.4, 5.4, 5, 5, 5.5, 6, 6, 5.2, 4, 3])
WORK = np.array([0, 0, 0, 0, 0, 0, 0, 0.5, 3, 6, 7, 7, 5, 6, 7, 7, 6, 4, 1, 0.3, 0, 0, 0, 0], dtype=float)
EVENING = np.array([3, 1.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1, 2, 4, 5, 5, 5, 4.5], dtype=float)

C1 = U64(0x9E3779B97F4A7C15)
C2 = U64(0xBF58476D1CE4E5B9)
C3 = U64(0x94D049BB133111EB)


def smix(x) -> np.ndarray:
    """splitmix64 finaliser (a bijection of uint64), vectorised."""
    z = np.asarray(x).astype(U64, copy=True).reshape(-1)
    z += C1
    z = (z ^ (z >> U64(30))) * C2
    z = (z ^ (z >> U64(27))) * C3
    return z ^ (z >> U64(31))


def hmask(h, k, kmax: int = 12) -> np.ndarray:
    """A mask of at most k set bits chosen by hashing h."""
    h = np.asarray(h, dtype=U64).reshape(-1)
    k = np.broadcast_to(np.asarray(k), h.shape)
    m = np.zeros(h.shape, dtype=U64)
    for j in range(kmax):
        pos = smix(h ^ U64((j + 7) * 0x2545F4914F6CDD1D % (1 << 64))) >> U64(58)
        m |= np.where(j < k, U64(1) << pos, U64(0))
    return m


def ragged(counts) -> tuple[np.ndarray, np.ndarray]:
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    start = np.cumsum(counts) - counts
    return owner, np.arange(len(owner)) - start[owner]


def fixed_str(buf: np.ndarray) -> pa.Array:
    m, L = buf.shape
    off = np.arange(0, (m + 1) * L, L, dtype=np.int64)
    arr = pa.LargeStringArray.from_buffers(m, pa.py_buffer(off), pa.py_buffer(np.ascontiguousarray(buf).tobytes()))
    return arr.cast(pa.string())


def letters(x, prefix: str, width: int = 14) -> pa.Array:
    x = np.asarray(x, dtype=U64).copy()
    p = len(prefix)
    buf = np.empty((len(x), p + width), dtype=np.uint8)
    buf[:, :p] = np.frombuffer(prefix.encode(), dtype=np.uint8)
    for i in range(width):
        buf[:, p + width - 1 - i] = (x % U64(26)).astype(np.uint8) + 97
        x //= U64(26)
    return fixed_str(buf)


def no_card_run(sh: np.ndarray) -> np.ndarray:
    """Force nibble 6 to 0xa where hex digits 3..12 are all decimal (every 13-run of 16 nibbles covers them)."""
    sh = np.asarray(sh, dtype=U64)
    dec = np.ones(sh.shape, dtype=bool)
    for i in range(3, 13):
        dec &= ((sh >> U64(60 - 4 * i)) & U64(15)) < U64(10)
    shift = U64(60 - 4 * 6)
    return np.where(dec, (sh & ~(U64(15) << shift)) | (U64(10) << shift), sh)


def hex16(sh: np.ndarray) -> pa.Array:
    sh = np.asarray(sh, dtype=U64)
    nib = np.empty((len(sh), 16), dtype=np.uint8)
    for i in range(16):
        nib[:, i] = ((sh >> U64(60 - 4 * i)) & U64(15)).astype(np.uint8)
    return fixed_str(np.where(nib < 10, nib + 48, nib + 87).astype(np.uint8))


def pick(rng, w, m) -> np.ndarray:
    w = np.asarray(w, dtype=float)
    return rng.choice(len(w), size=m, p=w / w.sum())


def split_sizes(rng, total: int, lo: int, hi: int) -> np.ndarray:
    out, s = [], 0
    while s < total:
        k = min(int(rng.integers(lo, hi + 1)), total - s)
        out.append(k)
        s += k
    if len(out) > 1 and out[-1] < lo:
        last = out.pop()
        out[-1] += last
    return np.array(out, dtype=np.int64)


class World:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = np.random.default_rng(seed)
        self.salt = U64(int(self.rng.integers(1, 2**62)))
        self.next = 0
        self.created = np.zeros(n, dtype=np.int64)
        self.end = np.full(n, INF, dtype=np.int64)
        self.status = np.zeros(n, dtype=np.int8)
        self.repl = np.zeros(n, dtype=np.int8)
        self.country = np.zeros(n, dtype=np.int64)
        self.domain = np.empty(n, dtype=object)
        self.group = np.empty(n, dtype=object)
        self.kind = np.empty(n, dtype=object)
        self.segment = np.empty(n, dtype=object)
        self.req: list[tuple] = []
        self.cards: list[tuple] = []
        self.ip_addr: list[np.ndarray] = []
        self.ip_asn: list[np.ndarray] = []
        self.nip = 0
        self.asn_block: dict[int, list[int]] = {}
        self.ns = 0
        blocks = [
            (a << 8) | b for a in range(23, 224) if a not in (100, 127, 169, 172, 192, 198, 203) for b in range(256)
        ]
        self.free_blocks = list(self.rng.permutation(np.array(blocks, dtype=np.int64))[:6000])
        self.setup()

    # ---------------------------------------------------------------- primitives
    def accounts(self, k, group, kind, segment, created, country, domain, status=0, end=INF, repl=0) -> np.ndarray:
        k = int(k)
        if self.next + k > self.n:
            raise SystemExit("--accounts too small for the fixed groups of this world")
        idx = np.arange(self.next, self.next + k)
        self.next += k
        self.created[idx] = created
        self.country[idx] = country
        self.domain[idx] = domain
        self.status[idx] = status
        self.end[idx] = end
        self.repl[idx] = repl
        self.group[idx] = group
        self.kind[idx] = kind
        self.segment[idx] = segment
        return idx

    def ips(self, asn: int, k: int) -> np.ndarray:
        """k new addresses in the ASN (scattered inside its /16 blocks)."""
        if int(asn) not in self.asn_block:
            self.asn_block[int(asn)] = [self.free_blocks.pop(), 0]
        st = self.asn_block[int(asn)]
        out = []
        got = 0
        while got < k:
            take = min(k - got, 60000 - st[1])
            j = np.arange(st[1], st[1] + take, dtype=np.int64)
            off = (j * 40503 + 1) % 65536
            off = np.where((off & 255) == 0, off + 1, off)
            off = np.where((off & 255) == 255, off - 1, off)
            out.append((st[0] << 16) | off)
            got += take
            st[1] += take
            if st[1] >= 60000:
                st[0], st[1] = self.free_blocks.pop(), 0
        addr = np.concatenate(out) if out else np.zeros(0, np.int64)
        ids = np.arange(self.nip, self.nip + k)
        self.nip += k
        self.ip_addr.append(addr)
        self.ip_asn.append(np.full(k, asn, dtype=np.int64))
        return ids

    def ips_multi(self, asns: np.ndarray) -> np.ndarray:
        out = np.empty(len(asns), dtype=np.int64)
        for a in np.unique(asns):
            sel = np.flatnonzero(asns == a)
            out[sel] = self.ips(int(a), len(sel))
        return out

    def templates(self, k: int) -> np.ndarray:
        t = smix(np.arange(self.ns, self.ns + k, dtype=np.int64).astype(U64) ^ self.salt)
        self.ns += k
        return t

    def fresh(self, m: int) -> np.ndarray:
        return self.rng.integers(1, 2**63 - 1, size=m, dtype=np.int64).astype(U64)

    def add(self, acc, t, ip, model, tmpl, var, mask) -> None:
        m = len(acc)
        b = lambda x, d: np.broadcast_to(np.asarray(x, dtype=d), (m,)).copy()  # noqa: E731
        self.req.append(
            (
                b(acc, np.int64),
                b(t, np.int64),
                b(ip, np.int64),
                b(model, np.int8),
                b(tmpl, U64),
                b(var, U64),
                b(mask, U64),
            )
        )

    def card(self, acc, key, first, detach=-1) -> None:
        m = len(acc)
        b = lambda x, d: np.broadcast_to(np.asarray(x, dtype=d), (m,)).copy()  # noqa: E731
        self.cards.append((b(acc, np.int64), b(key, U64), b(first, np.int64), b(detach, np.int64)))

    def own_cards(self, acc, first) -> None:
        self.card(acc, self.fresh(len(acc)), first)

    def shared_cards(self, acc, first, p_shared: float, lo: int = 2, hi: int = 3) -> None:
        """Prepaid cards: a p_shared share of acc in groups of lo..hi on one card, the rest one each."""
        rng = self.rng
        acc = np.asarray(acc)
        first = np.broadcast_to(np.asarray(first), acc.shape)
        perm = rng.permutation(len(acc))
        ns = round(p_shared * len(acc))
        sizes = split_sizes(rng, ns, lo, hi) if ns >= lo else np.zeros(0, np.int64)
        grp, _ = ragged(sizes)
        keys = self.fresh(len(sizes))
        sh = perm[: len(grp)]
        self.card(acc[sh], keys[grp], first[sh])
        rest = perm[len(grp) :]
        self.own_cards(acc[rest], first[rest])

    def times(self, tz, m, prof=HUMAN, d0=0, d1=NDAYS, weekdays=False) -> np.ndarray:
        rng = self.rng
        day = rng.integers(d0, d1, m)
        if weekdays:
            day = day - np.where(day % 7 == 5, 1, 0) - np.where(day % 7 == 6, 2, 0)
        hour = pick(rng, prof, m)
        return day * DAY + hour * HOUR + rng.integers(0, HOUR, m) - np.asarray(tz) * HOUR

    def old_model(self, m, code=0.15) -> np.ndarray:
        return pick(self.rng, [0.35, 0.5, code], m).astype(np.int8)

    def op_model(self, t, adopt, old=M_STD) -> np.ndarray:
        new = (t >= adopt) & (self.rng.random(len(t)) < 0.9)
        return np.where(new, M_NEW, old).astype(np.int8)

    def public(self, m, edit=0.2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rng = self.rng
        t = self.PUB[pick(rng, self.PUB_W, m)]
        ed = rng.random(m) < edit
        var = np.where(ed, self.fresh(m), U64(0))
        mask = np.where(ed, hmask(var, rng.integers(1, 4, m)), U64(0))
        return t, var, mask

    def op_prompts(self, m, fams, fw, p_exact, p_cover, kbits) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Fresh paraphrases (up to kbits bits) of weighted families, some exact, some public cover."""
        rng = self.rng
        t = np.asarray(fams)[pick(rng, fw, m)]
        u = rng.random(m)
        var = np.where(u < p_exact, U64(0), self.fresh(m))
        mask = np.where(u < p_exact, U64(0), hmask(var, kbits))
        cov = u > 1 - p_cover
        if cov.any():
            ct, cv, cm = self.public(int(cov.sum()))
            t, var, mask = t.copy(), var.copy(), mask.copy()
            t[cov], var[cov], mask[cov] = ct, cv, cm
        return t, var, mask

    def domains(self, m, webmail=0.6, privacy=0.15, uni=0.0, vanity=0.25) -> np.ndarray:
        rng = self.rng
        kind = pick(rng, [webmail, privacy, uni, vanity], m)
        out = WEBMAIL[pick(rng, WEBMAIL_W, m)].astype(object)
        out[kind == 1] = PRIVACY[rng.integers(0, len(PRIVACY), int((kind == 1).sum()))]
        out[kind == 2] = UNI
        nv = int((kind == 3).sum())
        if nv:
            v = letters(self.fresh(nv), "", 7).to_pylist()
            tld = np.array([".net", ".io", ".xyz", ".online", ".site"])[rng.integers(0, 5, nv)]
            out[kind == 3] = [a + b for a, b in zip(v, tld, strict=True)]
        return out

    def company_domains(self, k, suffix=".com") -> np.ndarray:
        return np.array([s + suffix for s in letters(self.fresh(k), "", 8).to_pylist()], dtype=object)

    def enforce(self, idx, t, p_ban=0.85) -> np.ndarray:
        """Enforce accounts at times t; returns the status codes."""
        st = np.where(self.rng.random(len(idx)) < p_ban, 1, 2).astype(np.int8)
        self.status[idx] = st
        self.end[idx] = t
        return st

    # ---------------------------------------------------------------- shared infrastructure
    def setup(self) -> None:
        rng, n = self.rng, self.n
        self.cgnat = [self.ips(int(MOBILE_ASN[c]), max(4, int(n * CW[c] / 600))) for c in range(len(CC))]
        nres = max(300, n // 12)
        rc = pick(rng, CW, nres)
        self.resi = self.ips_multi(HOME_ASN[rc])
        self.resi_cc = rc
        self.resi_us = self.resi[rc == US]
        self.reseller = self.ips_multi(RESELLER_ASN[rng.integers(0, 2, max(10, n // 4000))])
        self.campus = self.ips(CAMPUS_ASN, 8)
        self.PUB = self.templates(300)
        w = 1.0 / np.arange(1, 301) ** 1.1
        self.PUB_W = w / w.sum()
        self.CRON_T = self.PUB[[3, 8, 14, 21, 40]]
        self.HX_SYS, self.HX_TOOL = self.templates(2)
        self.COURSE = self.templates(6)

    # ---------------------------------------------------------------- output
    def finish(self, out: Path) -> dict:
        rng, n = self.rng, self.n
        assert self.next == n, (self.next, n)
        acc, t, ip, model, tmpl, var, mask = (np.concatenate(x) for x in zip(*self.req, strict=True))
        self.req = []
        keep = (t >= np.maximum(self.created[acc], 0)) & (t < self.end[acc]) & (t < T_END)
        acc, t, ip, model, tmpl, var, mask = (x[keep] for x in (acc, t, ip, model, tmpl, var, mask))
        model[(model == M_NEW) & (t < REL)] = M_STD
        fp = np.where(var == U64(0), tmpl, smix(tmpl ^ smix(var)))
        sh = no_card_run(smix(tmpl ^ U64(0x5DEECE66D)) ^ mask)
        del tmpl, var, mask
        order = np.lexsort((fp, acc, t))
        acc, t, ip, model, fp, sh = (x[order] for x in (acc, t, ip, model, fp, sh))
        del order
        addr = np.concatenate(self.ip_addr)
        asn = np.concatenate(self.ip_asn)
        perm = rng.permutation(n)
        A = letters(smix(np.arange(n, dtype=np.int64).astype(U64) ^ self.salt), "acct_")
        ts = lambda x: pa.array(np.asarray(x, dtype=np.int64) + T0_EPOCH, type=pa.timestamp("s", tz="UTC"))  # noqa: E731
        out.mkdir(parents=True, exist_ok=True)
        write = lambda name, cols: pq.write_table(pa.table(cols), out / f"{name}.parquet", compression="zstd")  # noqa: E731
        write(
            "accounts",
            {
                "account_id": A.take(pa.array(perm)),
                "created_at": ts(self.created[perm]),
                "email_domain": pa.array(self.domain[perm].tolist(), type=pa.string()),
                "country": pa.array(CC[self.country[perm]].tolist(), type=pa.string()),
                "status": pa.array(STATUS[self.status[perm]].tolist(), type=pa.string()),
            },
        )
        # payment methods
        ca, ck, cf, cd = (np.concatenate(x) for x in zip(*self.cards, strict=True))
        first = np.maximum(cf, self.created[ca])
        last_req = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
        np.maximum.at(last_req, acc, t)
        stop = np.minimum(self.end[ca], T_END)
        last = np.where(cd >= 0, np.minimum(cd, stop), np.maximum(np.minimum(last_req[ca], stop), first))
        pm = pd.DataFrame({"a": ca, "c": ck, "f": first, "l": np.maximum(last, first)})
        pm = pm[pm["f"] < stop].groupby(["a", "c"], sort=True).agg(f=("f", "min"), l=("l", "max")).reset_index()
        write(
            "payment_methods",
            {
                "account_id": A.take(pa.array(pm["a"].to_numpy())),
                "payment_method_id": letters(smix(pm["c"].to_numpy().astype(U64) ^ self.salt), "pm_"),
                "first_seen": ts(pm["f"].to_numpy()),
                "last_seen": ts(pm["l"].to_numpy()),
            },
        )
        # ip text of the used addresses
        used, ip_inv = np.unique(ip, return_inverse=True)
        a = addr[used]
        octs = [pd.Series((a >> s) & 255).astype(str) for s in (24, 16, 8, 0)]
        ip_txt = pa.array((octs[0] + "." + octs[1] + "." + octs[2] + "." + octs[3]).tolist(), type=pa.string())
        px = (
            pd.DataFrame({"a": acc, "i": ip_inv, "t": t})
            .groupby(["a", "i"], sort=True)
            .agg(f=("t", "min"), l=("t", "max"), c=("t", "size"))
            .reset_index()
        )
        pi = px["i"].to_numpy()
        write(
            "proxies",
            {
                "account_id": A.take(pa.array(px["a"].to_numpy())),
                "ip": ip_txt.take(pa.array(pi)),
                "asn": pa.array(asn[used][pi], type=pa.int64()),
                "first_seen": ts(px["f"].to_numpy()),
                "last_seen": ts(px["l"].to_numpy()),
                "request_count": pa.array(px["c"].to_numpy(), type=pa.int64()),
            },
        )
        ufp, fp_first, fp_inv = np.unique(fp, return_index=True, return_inverse=True)
        FPS = letters(smix(ufp ^ self.salt), "fp_")
        SHS = hex16(sh[fp_first])
        pf = (
            pd.DataFrame({"a": acc, "p": fp_inv, "t": t})
            .groupby(["a", "p"], sort=True)
            .agg(f=("t", "min"), l=("t", "max"), c=("t", "size"))
            .reset_index()
        )
        pp = pa.array(pf["p"].to_numpy())
        write(
            "prompt_fingerprints",
            {
                "account_id": A.take(pa.array(pf["a"].to_numpy())),
                "fingerprint": FPS.take(pp),
                "simhash": SHS.take(pp),
                "first_seen": ts(pf["f"].to_numpy()),
                "last_seen": ts(pf["l"].to_numpy()),
                "request_count": pa.array(pf["c"].to_numpy(), type=pa.int64()),
            },
        )
        fi = pa.array(fp_inv)
        write(
            "requests",
            {
                "account_id": A.take(pa.array(acc)),
                "timestamp": ts(t),
                "ip": ip_txt.take(pa.array(ip_inv)),
                "model": pa.array(MODELS.tolist(), type=pa.string()).take(pa.array(model)),
                "prompt_fingerprint": FPS.take(fi),
                "prompt_simhash": SHS.take(fi),
            },
        )
        truth = pd.DataFrame(
            {
                "account_id": A.take(pa.array(perm)).to_numpy(zero_copy_only=False),
                "group": self.group[perm],
                "kind": self.kind[perm],
                "status": STATUS[self.status[perm]],
                "replacement": self.repl[perm],
                "segment": self.segment[perm],
            }
        )
        truth.to_csv(out / "truth.csv", index=False)
        return {"accounts": n, "requests": len(t), "cards": len(pm), "ips": len(used), "fingerprints": len(ufp)}


def previous_owner(W: World, idx: np.ndarray, until: np.ndarray) -> None:
    """Ordinary personal history of an aged account up to `until` (home address, own card from creation)."""
    rng = W.rng
    c = W.country[idx]
    home = W.ips_multi(HOME_ASN[c])
    W.card(idx, W.fresh(len(idx)), W.created[idx], until)
    cnt = rng.poisson(0.5 * NDAYS, len(idx))
    o, _ = ragged(cnt)
    t = W.times(TZ[c[o]], len(o))
    t = np.where(t < until[o], t, -1)
    pt, pv, pm = W.public(len(o))
    uniq = rng.random(len(o)) < 0.6
    pt = np.where(uniq, W.templates(len(o)), pt)
    pv = np.where(uniq, U64(0), pv)
    pm = np.where(uniq, U64(0), pm)
    W.add(idx[o], t, home[o], W.old_model(len(o)), pt, pv, pm)


def waves_for(W: World, members: np.ndarray, waves: np.ndarray, pjoin: float, rmax: int, spread: int):
    rng = W.rng
    join = rng.random((len(members), len(waves))) < pjoin
    mi, wi = np.nonzero(join)
    o, _ = ragged(rng.integers(1, rmax + 1, len(mi)))
    return members[mi[o]], waves[wi[o]] + rng.integers(0, spread, len(o))


# ==================================================================== fraud operations
def op_agedmarket(W: World) -> None:
    rng, n = W.rng, W.n
    fams = W.templates(4)
    fw = [0.5, 0.25, 0.15, 0.1]
    adopt = REL + int(rng.integers(4 * HOUR, 14 * HOUR))
    for size in split_sizes(rng, max(40, int(0.006 * n)), 5, 12):
        c = pick(rng, CW, size)
        idx = W.accounts(size, "op_agedmarket", "fraud", "op_agedmarket", -rng.integers(120, 900, size) * DAY, c, None)
        W.domain[idx] = W.domains(size, 0.75, 0.05, 0.0, 0.2)
        take = int(rng.integers(3, 19)) * DAY + int(rng.integers(0, DAY))
        tk = take + rng.integers(0, 6 * HOUR, size)
        previous_owner(W, idx, tk)
        statics = W.ips_multi(HOME_ASN[pick(rng, CW, 2)])
        vm = W.ips(int(BIG_CLOUD[rng.integers(0, 6)]), 1)
        W.shared_cards(idx, tk, 0.85)
        # enforcement and replacements from the marketplace
        enf = idx[rng.random(size) < 0.2]
        members, starts = [idx], [tk]
        if len(enf):
            te = tk[np.searchsorted(idx, enf)] + rng.integers(3 * DAY, 15 * DAY, len(enf))
            W.enforce(enf, te)
            rep = enf[rng.random(len(enf)) < 0.75]
            if len(rep):
                tr = W.end[rep] + rng.integers(DAY, 4 * DAY, len(rep))
                cr = pick(rng, CW, len(rep))
                r = W.accounts(
                    len(rep),
                    "op_agedmarket",
                    "fraud",
                    "op_agedmarket",
                    -rng.integers(300, 1500, len(rep)) * DAY,
                    cr,
                    None,
                    repl=1,
                )
                W.domain[r] = W.domains(len(r), 0.75, 0.05, 0.0, 0.2)
                previous_owner(W, r, tr)
                W.own_cards(r, tr)
                members.append(r)
                starts.append(tr)
        mem, st = np.concatenate(members), np.concatenate(starts)
        waves = np.cumsum(rng.integers(40 * 60, 120 * 60, int(T_END / (80 * 60)) + 2)) + take
        waves = waves[waves < T_END]
        a, t = waves_for(W, mem, waves, 0.5, 3, 40)
        srt = np.argsort(mem)
        t = np.where(t >= st[srt[np.searchsorted(mem[srt], a)]], t, -1)
        m = len(a)
        path = pick(rng, [0.5, 0.3, 0.2], m)
        ip = np.where(
            path == 0,
            statics[rng.integers(0, 2, m)],
            np.where(path == 1, W.resi[rng.integers(0, len(W.resi), m)], vm[0]),
        )
        pt, pv, pm = W.op_prompts(m, fams, fw, 0.05, 0.1, rng.integers(1, 5, m))
        W.add(a, t, ip, W.op_model(t, adopt), pt, pv, pm)


def op_vpshop(W: World) -> None:
    rng, n = W.rng, W.n
    fams = W.templates(3)
    for size in split_sizes(rng, max(48, int(0.006 * n)), 6, 14):
        created = int(rng.integers(-20, 6)) * DAY + rng.integers(0, 3 * DAY, size)
        c = pick(rng, CW, size)
        idx = W.accounts(size, "op_vpshop", "fraud", "op_vpshop", created, c, W.domains(size, 0.45, 0.2, 0.15, 0.2))
        W.shared_cards(idx, created, 0.6)
        # VPS epochs
        bounds = np.concatenate([[-20 * DAY], np.cumsum(rng.integers(2 * DAY, 4 * DAY, 25)) - 20 * DAY])
        bounds = bounds[bounds < T_END + 4 * DAY]
        prov = CHEAP_VPS[rng.integers(0, len(CHEAP_VPS), len(bounds))]
        vps = np.stack([W.ips(int(p), 2) for p in prov])
        mem = [idx]
        dist = [rng.integers(1, 11, size)]
        enf = idx[rng.random(size) < 0.18]
        if len(enf):
            W.enforce(enf, rng.integers(6 * DAY, 36 * DAY, len(enf)))
            rep = enf[rng.random(len(enf)) < 0.8]
            if len(rep):
                tr = W.end[rep] + rng.integers(2 * DAY, 5 * DAY, len(rep))
                r = W.accounts(
                    len(rep),
                    "op_vpshop",
                    "fraud",
                    "op_vpshop",
                    tr,
                    W.country[rep],
                    W.domains(len(rep), 0.45, 0.2, 0.15, 0.2),
                    repl=1,
                )
                W.own_cards(r, tr)
                mem.append(r)
                dist.append(rng.integers(1, 11, len(r)))
        mem, dist = np.concatenate(mem), np.concatenate(dist)
        jobs = np.sort(rng.integers(-20 * DAY, T_END, rng.poisson(6 * len(mem) * 62 / 3)))
        per = rng.integers(2, 5, len(jobs))
        o, _ = ragged(per)
        li = rng.integers(0, len(mem), len(o))
        o2, _ = ragged(rng.integers(1, 4, len(o)))
        a = mem[li[o2]]
        t = jobs[o[o2]] + rng.integers(0, 60, len(o2))
        m = len(a)
        ep = np.clip(np.searchsorted(bounds, t, side="right") - 1, 0, len(bounds) - 1)
        ip = np.where(rng.random(m) < 0.9, vps[ep, rng.integers(0, 2, m)], W.resi[rng.integers(0, len(W.resi), m)])
        d = dist[li[o2]]
        pt, pv, pm = W.op_prompts(m, fams, [0.7, 0.2, 0.1], 0.0, 0.0, d)
        W.add(a, t, ip, W.op_model(t, REL + int(rng.integers(6 * HOUR, 20 * HOUR))), pt, pv, pm)


def op_classroom(W: World) -> None:
    rng, n = W.rng, W.n
    size = max(60, int(0.006 * n))
    fams = W.templates(3)
    created = DAY + rng.integers(0, 2 * DAY, size)
    created = created - (created % DAY) + 13 * HOUR + rng.integers(0, 9 * HOUR, size)
    idx = W.accounts(size, "op_classroom", "fraud", "op_classroom", created, US, UNI)
    carded = idx[rng.random(size) < 0.6]
    W.shared_cards(carded, W.created[carded], 1.0)
    statics = W.ips(int(HOME_ASN[US]), 4)
    home_static = statics[rng.integers(0, 4, size)]
    enf = idx[rng.random(size) < 0.15]
    mem = [idx]
    stat = [home_static]
    if len(enf):
        W.enforce(enf, rng.integers(8 * DAY, 35 * DAY, len(enf)))
        rep = enf[rng.random(len(enf)) < 0.7]
        if len(rep):
            tr = W.end[rep] + rng.integers(2 * DAY, 6 * DAY, len(rep))
            r = W.accounts(len(rep), "op_classroom", "fraud", "op_classroom", tr, US, UNI, repl=1)
            W.shared_cards(r, tr, 0.0)
            mem.append(r)
            stat.append(home_static[rep - idx[0]])
    mem, stat = np.concatenate(mem), np.concatenate(stat)
    # study-session waves: three 45-min blocks between 18:00 and 01:00 US-Eastern each evening
    starts = np.array([18, 20.5, 23]) * HOUR + 5 * HOUR
    waves = (
        np.arange(NDAYS)[:, None, None] * DAY + starts[None, :, None] + np.arange(0, 45 * 60, 180)[None, None, :]
    ).reshape(-1)
    waves = waves + rng.integers(-30, 30, len(waves))
    a, t = waves_for(W, np.arange(len(mem)), waves.astype(np.int64), 0.08, 1, 30)
    m = len(a)
    path = pick(rng, [0.6, 0.25, 0.15], m)
    ip = np.where(
        path == 0,
        W.resi_us[rng.integers(0, len(W.resi_us), m)],
        np.where(path == 1, stat[a], W.cgnat[US][rng.integers(0, len(W.cgnat[US]), m)]),
    )
    pt, pv, pm = W.op_prompts(m, fams, [0.6, 0.3, 0.1], 0.0, 0.2, rng.integers(1, 4, m))
    W.add(mem[a], t, ip, W.op_model(t, REL + int(rng.integers(2 * HOUR, 8 * HOUR)), M_MINI), pt, pv, pm)


def op_duos(W: World) -> None:
    rng, n = W.rng, W.n
    masters = W.templates(2)
    for size in split_sizes(rng, max(40, int(0.0045 * n)), 2, 3):
        created = rng.integers(-30 * DAY, 10 * DAY, size)
        c = pick(rng, CW, size)
        idx = W.accounts(size, "op_duos", "fraud", "op_duos", created, c, W.domains(size, 0.6, 0.15, 0.05, 0.2))
        W.own_cards(idx, created)
        fam = masters[rng.integers(0, 2)]
        fmask = hmask(W.fresh(1), int(rng.integers(4, 8)))[0]
        path = pick(rng, [0.5, 0.3, 0.2], size)
        gw = np.where(path == 0, W.reseller[rng.integers(0, len(W.reseller), size)], -1)
        vps = W.ips_multi(CHEAP_VPS[rng.integers(0, len(CHEAP_VPS), size)])
        gw = np.where(path == 2, vps, gw)
        mem, mp = [idx], [gw]
        enf = idx[rng.random(size) < 0.1]
        if len(enf):
            W.enforce(enf, rng.integers(5 * DAY, 38 * DAY, len(enf)), 1.0)
            rep = enf[rng.random(len(enf)) < 0.7]
            if len(rep):
                tr = W.end[rep] + rng.integers(DAY, 3 * DAY, len(rep))
                r = W.accounts(len(rep), "op_duos", "fraud", "op_duos", tr, W.country[rep], W.domains(len(rep)), repl=1)
                W.own_cards(r, tr)
                mem.append(r)
                mp.append(gw[rep - idx[0]])
        mem, mp = np.concatenate(mem), np.concatenate(mp)
        ses = np.arange(-30, NDAYS) * DAY + rng.integers(0, DAY, NDAYS + 30)
        ses = ses[rng.random(len(ses)) < 0.9]
        dur = rng.integers(20, 61, len(ses))
        so, sp = ragged(dur)
        minutes = ses[so] + sp * 60
        a, t = waves_for(W, np.arange(len(mem)), minutes, 0.25, 1, 60)
        m = len(a)
        sess_exit = W.resi[rng.integers(0, len(W.resi), len(ses))]
        ip = np.where(mp[a] >= 0, mp[a], sess_exit[np.clip(np.searchsorted(ses, t, side="right") - 1, 0, len(ses) - 1)])
        var = W.fresh(m)
        mask = fmask ^ hmask(var, rng.integers(1, 3, m))
        cov = rng.random(m) < 0.1
        ct, cv, cm = W.public(m)
        W.add(
            mem[a],
            t,
            ip,
            W.op_model(t, REL + int(rng.integers(3 * HOUR, 20 * HOUR))),
            np.where(cov, ct, fam),
            np.where(cov, cv, var),
            np.where(cov, cm, mask),
        )


# ==================================================================== innocent look-alikes
def trap_school_district(W: World) -> None:
    rng, n = W.rng, W.n
    size = max(100, int(0.01 * n))
    tz = -6
    classes = split_sizes(rng, size, 24, 34)
    cls, _ = ragged(classes)
    roster_t = 3 * DAY + (7 - tz) * HOUR + np.sort(rng.integers(0, 8 * HOUR, len(classes)))
    created = roster_t[cls] + rng.integers(0, 120, size)
    idx = W.accounts(
        size, "trap_school_district", "benign_group", "trap_school_district", created, US, "students.pinecrest-k12.org"
    )
    token = W.fresh(1)
    W.card(idx, token[0], created)
    nats = W.ips(int(BUSINESS_ASN[1]), 8)
    school = rng.integers(0, 8, len(classes))
    home = W.ips(int(HOME_ASN[US]), size)
    enf = idx[rng.random(size) < 0.03]
    mem, mcls, mhome = [idx], [cls], [home]
    if len(enf):
        W.enforce(enf, rng.integers(6 * DAY, 38 * DAY, len(enf)), 0.0)
        rep = enf[rng.random(len(enf)) < 0.4]
        if len(rep):
            tr = W.end[rep] + DAY - (W.end[rep] % DAY) + (7 - tz) * HOUR + rng.integers(0, 3600, len(rep))
            r = W.accounts(
                len(rep),
                "trap_school_district",
                "benign_group",
                "trap_school_district",
                tr,
                US,
                "students.pinecrest-k12.org",
            )
            W.card(r, token[0], tr)
            mem.append(r)
            mcls.append(cls[rep - idx[0]])
            mhome.append(home[rep - idx[0]])
    mem, mcls, mhome = np.concatenate(mem), np.concatenate(mcls), np.concatenate(mhome)
    assign = W.templates(len(classes) * 6).reshape(len(classes), 6)
    flip = REL + 16 * HOUR
    # lessons: each class 1-2 periods a school week
    for c in range(len(classes)):
        students = np.flatnonzero(mcls == c)
        nl = 0
        lt = []
        for wk in range(6):
            for _ in range(int(rng.integers(1, 3))):
                day = wk * 7 + int(rng.integers(0, 5))
                lt.append(day * DAY + (8 + int(rng.integers(0, 7)) - tz) * HOUR)
                nl += 1
        lt = np.array(lt, dtype=np.int64)
        present = rng.random((len(students), nl)) < 0.85
        si, li = np.nonzero(present)
        o, p = ragged(rng.integers(3, 7, len(si)))
        a = students[si[o]]
        t = lt[li[o]] + rng.integers(0, 180, len(o)) + p * rng.integers(60, 300, len(o))
        tm = assign[c, li[o] % 6]
        first = p == 0
        verb = first & (rng.random(len(o)) < 0.6)
        var = np.where(verb, U64(0), W.fresh(len(o)))
        mask = np.where(verb, U64(0), hmask(var, rng.integers(1, 4, len(o))))
        uniq = ~first & (rng.random(len(o)) < 0.5)
        tm = np.where(uniq, W.templates(len(o)), tm)
        var, mask = np.where(uniq, U64(0), var), np.where(uniq, U64(0), mask)
        model = np.where(t >= flip, M_NEW, M_MINI)
        W.add(mem[a], t, nats[school[c]], model, tm, var, mask)
    # homework
    o, _ = ragged(rng.poisson(6, len(mem)))
    t = W.times(tz, len(o), EVENING)
    pt, pv, pm = W.public(len(o))
    uniq = rng.random(len(o)) < 0.6
    W.add(
        mem[o],
        t,
        mhome[o],
        np.where(t >= flip, M_NEW, M_MINI),
        np.where(uniq, W.templates(len(o)), pt),
        np.where(uniq, U64(0), pv),
        np.where(uniq, U64(0), pm),
    )


def trap_loc_studio(W: World) -> None:
    rng, n = W.rng, W.n
    size = max(25, int(0.0012 * n))
    tz = 1
    created = -rng.integers(30, 700, size) * DAY
    idx = W.accounts(size, "trap_loc_studio", "benign_group", "trap_loc_studio", created, DE, "ashgrove-games.com")
    W.card(idx, W.fresh(1)[0], created)
    office = W.ips(int(BUSINESS_ASN[2]), 2)
    farm = W.ips(int(BIG_CLOUD[1]), 2)
    tmpl = W.templates(1)[0]
    lang = hmask(smix(idx.astype(U64) ^ W.salt), rng.integers(1, 4, size))
    switch = REL + int(rng.integers(90 * 60, 180 * 60))
    days = np.array([d for d in range(NDAYS) if d % 7 < 5])
    bt = (days[:, None] * DAY + (np.array([10, 15]) - tz)[None, :] * HOUR).reshape(-1) + rng.integers(
        -3600, 3600, len(days) * 2
    )
    for b in bt:
        k = int(rng.integers(8, min(20, size) + 1))
        who = rng.choice(size, k, replace=False)
        o, p = ragged(rng.integers(10, 31, k))
        t = b + rng.integers(0, 40, k)[o] + p * rng.integers(2, 6, len(o))
        var = W.fresh(len(o))
        W.add(
            idx[who[o]],
            t,
            farm[rng.integers(0, 2)],
            np.where(t >= switch, M_NEW, M_STD),
            tmpl,
            var,
            lang[who[o]] ^ hmask(var, rng.integers(1, 3, len(o))),
        )
    o, _ = ragged(rng.poisson(40, size))
    t = W.times(tz, len(o), WORK, weekdays=True)
    pt, pv, pm = W.public(len(o))
    uniq = rng.random(len(o)) < 0.6
    W.add(
        idx[o],
        t,
        office[rng.integers(0, 2, len(o))],
        W.old_model(len(o)),
        np.where(uniq, W.templates(len(o)), pt),
        np.where(uniq, U64(0), pv),
        np.where(uniq, U64(0), pm),
    )


def trap_travel_chain(W: World) -> None:
    rng, n = W.rng, W.n
    nb = max(12, n // 1500)
    sizes = rng.integers(2, 6, nb)
    bc = np.array([US, GB, DE])[pick(rng, [0.5, 0.3, 0.2], nb)]
    br, _ = ragged(sizes)
    size = len(br)
    created = -rng.integers(20, 900, size) * DAY
    idx = W.accounts(
        size, "trap_travel_chain", "benign_group", "trap_travel_chain", created, bc[br], "sunwardtravel.com"
    )
    W.card(idx, W.fresh(1)[0], created)
    office = W.ips_multi(BUSINESS_ASN[rng.integers(0, len(BUSINESS_ASN), nb)])
    gw = W.ips(int(BIG_CLOUD[0]), 3)
    tm = W.templates(5)
    tz = TZ[bc[br]]
    o, _ = ragged(rng.poisson(35, size))
    t = W.times(tz[o], len(o), WORK, weekdays=True)
    m = len(o)
    it = rng.random(m) < 0.6
    var = W.fresh(m)
    pt, pv, pm = W.public(m)
    uniq = rng.random(m) < 0.6
    ip = np.where(rng.random(m) < 0.3, gw[rng.integers(0, 3, m)], office[br[o]])
    W.add(
        idx[o],
        t,
        ip,
        W.old_model(m),
        np.where(it, tm[rng.integers(0, 5, m)], np.where(uniq, W.templates(m), pt)),
        np.where(it, var, np.where(uniq, U64(0), pv)),
        np.where(it, hmask(var, rng.integers(1, 4, m)), np.where(uniq, U64(0), pm)),
    )
    # Thursday flash sales at 09:00 local
    thu = np.array([d for d in range(NDAYS) if d % 7 == 3])
    a, wk = np.nonzero(rng.random((size, len(thu))) < 0.9)
    o, _ = ragged(rng.integers(2, 6, len(a)))
    t = thu[wk[o]] * DAY + (9 - tz[a[o]]) * HOUR + rng.integers(0, 300, len(o))
    var = W.fresh(len(o))
    W.add(
        idx[a[o]],
        t,
        np.where(rng.random(len(o)) < 0.5, gw[rng.integers(0, 3, len(o))], office[br[a[o]]]),
        M_STD,
        tm[0],
        var,
        hmask(var, rng.integers(1, 4, len(o))),
    )


def trap_freelance_coop(W: World) -> None:
    rng, n = W.rng, W.n
    size = max(30, int(0.002 * n))
    created = -rng.integers(10, 800, size) * DAY
    dom = np.where(rng.random(size) < 0.5, "kettleworks.coop", WEBMAIL[pick(rng, WEBMAIL_W, size)]).astype(object)
    idx = W.accounts(size, "trap_freelance_coop", "benign_group", "trap_freelance_coop", created, GB, dom)
    W.shared_cards(idx, created, 0.8)
    nat = W.ips(int(BUSINESS_ASN[3]), 2)
    space = rng.integers(0, 2, size)
    home = W.ips(int(HOME_ASN[GB]), size)
    prop = W.templates(1)[0]
    sticky = hmask(smix(idx.astype(U64) ^ W.salt ^ U64(77)), rng.integers(1, 4, size))
    o, _ = ragged(np.minimum(rng.lognormal(np.log(25), 0.8, size).astype(np.int64) + 1, 300))
    m = len(o)
    wkday = rng.random(m) < 0.6
    t = np.where(wkday, W.times(0, m, WORK, weekdays=True), W.times(0, m, HUMAN))
    ip = np.where(wkday, nat[space[o]], home[o])
    pt, pv, pm = W.public(m)
    kind = rng.random(m)
    pers = smix(idx[o].astype(U64) ^ W.salt ^ U64(rng.integers(0, 3)))
    tm = np.where(kind < 0.15, prop, np.where(kind < 0.3, pers, np.where(kind < 0.55, pt, W.templates(m))))
    var = np.where(kind < 0.15, smix(idx[o].astype(U64) ^ U64(99)), np.where((kind >= 0.3) & (kind < 0.55), pv, U64(0)))
    mask = np.where(kind < 0.15, sticky[o], np.where((kind >= 0.3) & (kind < 0.55), pm, U64(0)))
    W.add(idx[o], t, ip, W.old_model(m), tm, var, mask)


def trap_dunning_recreate(W: World) -> None:
    rng, n = W.rng, W.n
    for _ in range(max(4, n // 5000)):
        size = int(rng.integers(6, 16))
        c = int(np.array([US, GB, DE])[rng.integers(0, 3)])
        dom = W.company_domains(1, ".io")[0]
        created = -rng.integers(30, 400, size) * DAY
        idx = W.accounts(size, "trap_dunning_recreate", "benign_group", "trap_dunning_recreate", created, c, dom)
        W.card(idx, W.fresh(1)[0], created)
        tsus = int(rng.integers(10, 31)) * DAY + int(rng.integers(0, DAY))
        W.enforce(idx, tsus + rng.integers(0, 600, size), 0.0)
        back = tsus + int(rng.integers(DAY, 3 * DAY))
        r = W.accounts(
            size,
            "trap_dunning_recreate",
            "benign_group",
            "trap_dunning_recreate",
            back + rng.integers(0, 2 * HOUR, size),
            c,
            dom,
        )
        W.card(r, W.fresh(1)[0], back)
        nat = W.ips(int(BUSINESS_ASN[rng.integers(0, 5)]), 1)[0]
        ci = W.templates(2)
        team = np.concatenate([idx, r])
        hours = np.arange(0, T_END, HOUR)
        a, h = np.nonzero(rng.random((len(team), len(hours))) < 0.5)
        t = hours[h] + rng.integers(0, 30, len(a))
        W.add(team[a], t, nat, M_CODE, ci[rng.integers(0, 2, len(a))], U64(0), U64(0))
        o, _ = ragged(rng.poisson(30, len(team)))
        t = W.times(TZ[c], len(o), WORK, weekdays=True)
        W.add(team[o], t, nat, W.old_model(len(o), 0.4), W.templates(len(o)), U64(0), U64(0))


def trap_consultant_multi(W: World) -> None:
    rng, n = W.rng, W.n
    for _ in range(max(20, int(0.0015 * n))):
        k = int(rng.integers(3, 7))
        c = int(pick(rng, CW, 1)[0])
        created = np.sort(-rng.integers(0, 500, k)) * DAY
        dom = np.where(rng.random(k) < 0.5, WEBMAIL[0], W.company_domains(k)).astype(object)
        idx = W.accounts(k, "trap_consultant_multi", "benign_group", "trap_consultant_multi", created, c, dom)
        W.own_cards(idx, created)
        home = W.ips(int(HOME_ASN[c]), 1)[0]
        pers = W.templates(3)
        acc = list(idx)
        enf = idx[rng.random(k) < 0.05]
        if len(enf):
            W.enforce(enf, rng.integers(5 * DAY, 35 * DAY, len(enf)), 0.0)
            te = W.end[enf] + rng.integers(HOUR, 2 * DAY, len(enf))
            r = W.accounts(
                len(enf), "trap_consultant_multi", "benign_group", "trap_consultant_multi", te, c, W.domain[enf]
            )
            W.own_cards(r, te)
            acc += list(r)
        acc = np.array(acc)
        # sessions one at a time: consecutive sessions across the accounts
        ns = int(rng.integers(40, 90))
        st = np.sort(W.times(TZ[c], ns, WORK, weekdays=True))
        who = acc[rng.integers(0, len(acc), ns)]
        o, p = ragged(rng.integers(2, 7, ns))
        t = st[o] + p * rng.integers(40, 120, len(o))
        m = len(o)
        kind = rng.random(m)
        ip = np.where(rng.random(m) < 0.85, home, W.cgnat[c][rng.integers(0, len(W.cgnat[c]), m)])
        W.add(
            who[o],
            t,
            ip,
            W.old_model(m),
            np.where(kind < 0.5, pers[rng.integers(0, 3, m)], W.templates(m)),
            U64(0),
            U64(0),
        )


# ==================================================================== organic
SEGMENTS = [
    ("organic_household", 0.50),
    ("organic_individual", 0.13),
    ("organic_mobile", 0.13),
    ("organic_office", 0.12),
    ("organic_proxy_customer", 0.03),
    ("organic_reseller_customer", 0.015),
    ("organic_cloud_dev", 0.03),
    ("organic_cron", 0.02),
    ("organic_student", 0.015),
]


def organic(W: World) -> None:
    rng = W.rng
    m = W.n - W.next
    seg = pick(rng, [s[1] for s in SEGMENTS], m)
    seg = np.sort(seg, kind="stable")
    names = np.array([s[0] for s in SEGMENTS], dtype=object)
    country = pick(rng, CW, m)
    created = np.where(rng.random(m) < 0.15, rng.integers(0, T_END, m), -rng.exponential(400 * DAY, m).astype(np.int64))
    dom = WEBMAIL[pick(rng, WEBMAIL_W, m)].astype(object)
    idx = W.accounts(m, "organic", "organic", names[seg], created, country, dom)
    home = np.full(m, -1, dtype=np.int64)
    unit = np.arange(m)  # billing / household unit
    shared_unit = np.zeros(m, dtype=bool)
    # households
    hh = np.flatnonzero(seg == 0)
    hs = split_sizes(rng, len(hh), 2, 5)
    ho, _ = ragged(hs)
    hstart = np.cumsum(hs) - hs
    lead = hh[hstart][ho]
    country[hh] = country[lead]
    W.country[idx[hh]] = country[hh]
    fam = rng.random(len(hs)) < 0.45
    unit[hh] = np.where(fam[ho], lead, hh)
    shared_unit[hh] = fam[ho]
    # offices
    of = np.flatnonzero(seg == 3)
    osz = np.clip(rng.lognormal(np.log(6), 0.9, len(of) // 4 + 2).astype(np.int64), 2, 60)
    osz = osz[np.cumsum(osz) <= len(of)]
    osz = np.append(osz, len(of) - osz.sum()) if len(of) > osz.sum() else osz
    oo, _ = ragged(osz)
    ostart = (np.cumsum(osz) - osz)[oo]
    country[of] = country[of[ostart]]
    W.country[idx[of]] = country[of]
    cdom = W.company_domains(len(osz))
    W.domain[idx[of]] = cdom[oo]
    ocard = rng.random(len(osz)) < 0.4
    unit[of] = np.where(ocard[oo], of[ostart], of)
    onat = W.ips_multi(BUSINESS_ASN[rng.integers(0, len(BUSINESS_ASN), len(osz))])
    ofam = W.templates(len(osz))
    W.domain[idx[seg == 8]] = UNI
    country[seg == 8] = US
    W.country[idx[seg == 8]] = US
    # home addresses (a household shares one)
    need = np.flatnonzero(seg != 2)
    leadof = np.arange(m)
    leadof[hh] = lead
    own = need[leadof[need] == need]
    home[own] = W.ips_multi(HOME_ASN[country[own]])
    home[need] = home[leadof[need]]
    # cards: 80% carded; shared units use the lead's card
    carded = (rng.random(m) < 0.8) | shared_unit | (unit != np.arange(m))
    ckey = smix(unit.astype(U64) ^ W.salt ^ U64(0xC0FFEE))
    cset = np.flatnonzero(carded)
    W.card(idx[cset], ckey[cset], created[cset])
    # enforcement at random
    u = rng.random(m)
    enf = np.flatnonzero(u < 0.005)
    if len(enf):
        st = np.where(u[enf] < 0.0035, 1, 2).astype(np.int8)
        W.status[idx[enf]] = st
        W.end[idx[enf]] = np.maximum(created[enf], 0) + rng.integers(DAY, T_END, len(enf))
    # activity
    cnt = np.minimum(rng.lognormal(np.log(10), 1.1, m).astype(np.int64) + 1, 600)
    cnt[rng.random(m) < 0.08] = 0
    cnt[seg == 7] = 0
    adopt = np.where(
        rng.random(m) < 0.04,
        REL + rng.integers(1000, DAY, m),
        np.where(rng.random(m) < 0.365, REL + rng.exponential(7 * DAY, m).astype(np.int64), INF),
    )
    hx = rng.random(m) < 0.1
    nses = (cnt + 2) // 3
    so, _ = ragged(nses)
    tz = TZ[country]
    prof_work = np.isin(seg[so], [3])
    sst = np.where(prof_work, W.times(tz[so], len(so), WORK, weekdays=True), W.times(tz[so], len(so), HUMAN))
    sstart = np.cumsum(nses) - nses
    ro, rp = ragged(cnt)
    sess = sstart[ro] + rp // 3
    t = sst[sess] + (rp % 3) * rng.exponential(50, len(ro)).astype(np.int64)
    a = ro
    sg = seg[a]
    # per-session address
    nsess = len(so)
    ssg = seg[so]
    r = rng.random(nsess)
    cg = np.array([W.cgnat[c][0] for c in range(len(CC))])
    cgn = np.array([len(W.cgnat[c]) for c in range(len(CC))])
    mob_ip = cg[country[so]] + (rng.random(nsess) * cgn[country[so]]).astype(np.int64)
    s_ip = home[so].copy()
    mobile_user = rng.random(m) < 0.3
    s_ip = np.where(((ssg == 0) | (ssg == 1)) & mobile_user[so] & (r < 0.25), mob_ip, s_ip)
    s_ip = np.where(ssg == 2, mob_ip, s_ip)
    oidx = np.full(m, -1)
    oidx[of] = oo
    s_ip = np.where((ssg == 3) & (r < 0.75), onat[np.maximum(oidx[so], 0)], s_ip)
    s_ip = np.where((ssg == 4) & (r < 0.85), W.resi[rng.integers(0, len(W.resi), nsess)], s_ip)
    s_ip = np.where(ssg == 5, W.reseller[rng.integers(0, len(W.reseller), nsess)], s_ip)
    cd = np.flatnonzero(seg == 6)
    vm = np.full(m, -1)
    vm[cd] = W.ips_multi(BIG_CLOUD[rng.integers(0, 6, len(cd))])
    s_ip = np.where((ssg == 6) & (r < 0.6), vm[so], s_ip)
    s_ip = np.where((ssg == 8) & (r < 0.6), W.campus[rng.integers(0, 8, nsess)], s_ip)
    ip = s_ip[sess]
    # prompts
    n_r = len(a)
    k = rng.random(n_r)
    pt, pv, pm = W.public(n_r)
    pers = smix(a.astype(U64) ^ W.salt ^ U64(0xABC) ^ rng.integers(0, 3, n_r).astype(U64))
    tm = np.where(k < 0.5, W.templates(n_r), np.where(k < 0.75, pt, pers))
    var = np.where((k >= 0.5) & (k < 0.75), pv, U64(0))
    mask = np.where((k >= 0.5) & (k < 0.75), pm, U64(0))
    hxr = hx[a] & (rng.random(n_r) < 0.3)
    sys_ = rng.random(n_r) < 0.6
    hvar = W.fresh(n_r)
    tm = np.where(hxr, np.where(sys_, W.HX_SYS, W.HX_TOOL), tm)
    var = np.where(hxr, np.where(sys_, U64(0), hvar), var)
    mask = np.where(hxr, np.where(sys_, U64(0), hmask(hvar, rng.integers(2, 5, n_r))), mask)
    offr = (sg == 3) & (rng.random(n_r) < 0.15)
    tm = np.where(offr, ofam[np.maximum(oidx[a], 0)], tm)
    sv = smix(a.astype(U64) ^ U64(0x51))
    var = np.where(offr, sv, var)
    mask = np.where(offr, hmask(sv, rng.integers(1, 4, n_r)), mask)
    stu = (sg == 8) & (rng.random(n_r) < 0.25)
    cvar = W.fresh(n_r)
    tm = np.where(stu, W.COURSE[rng.integers(0, 6, n_r)], tm)
    var = np.where(stu, cvar, var)
    mask = np.where(stu, hmask(cvar, rng.integers(1, 4, n_r)), mask)
    model = np.where((t >= adopt[a]) & (rng.random(n_r) < 0.7), M_NEW, W.old_model(n_r))
    model = np.where((sg == 6) & (model != M_NEW) & (rng.random(n_r) < 0.6), M_CODE, model)
    W.add(idx[a], t, ip, model, tm, var, mask)
    # cron jobs
    cr = np.flatnonzero(seg == 7)
    period = np.array([DAY, 6 * HOUR, HOUR])[pick(rng, [0.8, 0.15, 0.05], len(cr))]
    first = np.maximum(np.maximum(created[cr], 0), 0)
    first = first - first % HOUR + HOUR + rng.integers(0, 24, len(cr)) * HOUR
    nrun = np.minimum((T_END - first) // period, 1000).clip(0)
    nrun = np.where(period == HOUR, np.minimum(nrun, 24 * int(rng.integers(3, 10))), nrun)
    co, cp = ragged(nrun)
    t = first[co] + cp * period[co] + rng.integers(0, 5, len(co))
    keepc = rng.random(len(co)) > 0.05
    co, t = co[keepc], t[keepc]
    pubc = rng.random(len(cr)) < 0.4
    ctm = np.where(pubc, W.CRON_T[rng.integers(0, 5, len(cr))], W.templates(len(cr)))
    latest = rng.random(len(cr)) < 0.1
    cmod = W.old_model(len(cr))
    mod = np.where(latest[co] & (t >= REL), M_NEW, cmod[co])
    cip = np.where(rng.random(len(cr)) < 0.5, W.ips_multi(BIG_CLOUD[rng.integers(0, 6, len(cr))]), home[cr])
    W.add(idx[cr[co]], t, cip[co], mod, ctm[co], U64(0), U64(0))


def build(n_accounts: int, seed: int, out: Path) -> dict:
    if n_accounts < 5000:
        raise SystemExit("--accounts must be at least 5000")
    W = World(n_accounts, seed)
    op_agedmarket(W)
    op_vpshop(W)
    op_classroom(W)
    op_duos(W)
    trap_school_district(W)
    trap_loc_studio(W)
    trap_travel_chain(W)
    trap_freelance_coop(W)
    trap_dunning_recreate(W)
    trap_consultant_multi(W)
    organic(W)
    return W.finish(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0 = time.time()
    stats = build(args.accounts, args.seed, args.out_dir)
    print(f"wrote {args.out_dir}: " + ", ".join(f"{k}={v}" for k, v in stats.items()) + f" in {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
