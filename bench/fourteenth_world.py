#!/usr/bin/env python
"""fourteenth_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/fourteenth_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and ``requests``
(+ ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the columns
``account_id,group,kind,status,replacement,segment``.  ``kind`` is ``fraud``, ``benign_group`` (the innocent
look-alikes, "traps") or ``organic``; ``group`` is ``op_*``, ``trap_*`` or ``organic``; ``replacement`` is 1 for an
account that took the place of an enforced (banned / suspended) one -- in operations AND in traps, where it is
literally true (a contractor's new seat, an SSO re-creation, a Tor user's second sign-up); filter on ``kind`` to
score fraud replacements only.  ``segment`` names the organic sub-population (the group name for everyone else).
Only numpy, pandas and pyarrow.  One ``numpy.random.Generator`` seeded from ``--seed`` makes every random choice in
a fixed order (every other value is a hash of values it drew), so a seed gives byte-identical files.  N >= 5,000
(floors keep small groups alive; the organic population fills up to exactly N).  Written blind, from the data
contract and the threat description only, without reading the detector.

CLOCK, MODELS, IDENTIFIERS
    Six weeks from Mon 2026-09-07 00:00 UTC to Mon 2026-10-19 (day 0 .. 42).  ``vesta-3``, ``vesta-3-mini`` and
    ``vesta-3-code`` exist all along; ``vesta-4`` is released Tue 2026-09-29 16:00 UTC (day 22).  Ordinary people
    adopt it on a curve: 4% within 0.3-24 h, 35% after an exponential lag (mean 7 days), the rest never; an adopter
    sends 70% of later requests to it.  Ids are letters only (``acct_`` / ``pm_`` / ``fp_`` + 14 lowercase letters,
    injective renderings of 64-bit values); a SimHash whose hex digits 3..12 are all decimal gets nibble 6 forced
    to ``a`` (every 13-digit run in 16 nibbles covers 3..12), so no column can hold a card-number look-alike.
    ``proxies`` and ``prompt_fingerprints`` are exact aggregates of the request log; ``payment_methods`` carries
    the attach time and the detach time (card rotation) or the last activity.  Enforcement stops an account's
    traffic at that moment; requests before creation or outside the window are dropped.

PROMPTS AND SIMHASH
    A template is a 64-bit key (its exact fingerprint) with a SimHash base derived from it (unrelated templates are
    ~32 bits apart).  A *sticky variant* is a fixed fingerprint whose SimHash flips k hash-chosen bits; a *fresh
    paraphrase* is a new fingerprint with k random bits flipped (positions may coincide, so "k bits" is "at most
    k").  Ordinary prompts: ~50% unique, ~25% from 300 public templates with Zipf(1.1) popularity (the top 30 also
    as 6 shared 1-3 bit edits, a quarter of their uses), ~15% personal templates (1-5 per person; 55% verbatim,
    else one of 3 sticky 1-4 bit edits), 10% of people use the "Wrenloop" agent framework (30% of their requests:
    its system prompt v1, v2 = 3 bits from v1 from day 15 + a per-user lag of 0-14 days, or fresh 2-4 bit
    paraphrases of its tool-call template); colleagues share a company family (7 sticky 1-3 bit variants).

IP SPACE (every address has one ASN; IPv4 /16 blocks handed out globally, IPv6 one /32 per ASN)
    21 countries (US with four zones), two home ISPs and one mobile carrier each.  Homes: static IPv4 (80%) or an
    IPv6 address (20%); 12% of homes move to a new address of the same ISP on a random day.  Carrier CGNAT pools
    (max(4, N*weight/600) addresses, a random one per session: thousands of users per address at 1M).  Clouds
    (AWS, GCP, Azure, DigitalOcean, Hetzner, OVH, Linode, Vultr, Oracle), business ISPs for offices.  Shared
    services: the "Fernlight" residential proxy (max(300, N/12) exits on home ISPs, weighted to the US; a random
    exit per session for its customers, and the exits three operations rent); "Tunnelbee" VPN (max(30, N/800)
    exits in AS9009 / AS60068, Zipf popularity); Tor (max(40, N/1500) exits in hosting / privacy ASNs); the
    "Parcelgate" API reseller (max(10, N/4000) gateways in AS51167 / AS20473; its legitimate customers send all
    their traffic through them -- the second reseller that two operations use); Calder State University's campus
    NAT (AS10466, 8 addresses, ``mail.calderstate.edu``).

FRAUD OPERATIONS (kind ``fraud``; ~3% of N including replacements)
------------------------------------------------------------------
``op_sunrelay``  (max(45, 0.7% N) + replacements) -- FOLLOW-THE-SUN load balancing.  Three regional cells (APAC
    UTC+8 claiming SG/PH/ID/KR/AU/JP, EMEA UTC+2 claiming GB/DE/NL/PL/FR/ES, AMER UTC-4 claiming US/CA/BR/MX), each
    working local office hours 09:00-17:30 (+-10 min a day) Mon-Fri, so every account has a believable human day
    in its claimed country, while one global job queue runs ~22 h a day, handed from region to region.  A job
    goes to 4 random live members of the region on shift (the later-starting one during overlaps), each sending
    1+Poisson(1) requests 0-90 s after dispatch, 5-20 s apart (~6 jobs per member per working day).  Pathways
    differ by region: APAC through the Parcelgate reseller's gateways (70%) + Fernlight; EMEA on cell-private
    static residential addresses (2 per cell of ~6, 55%) + Fernlight; AMER on 2 cloud VMs per cell of ~5 (85%,
    AWS/DO/Vultr) + Fernlight.  Identity: webmail 45%, privacy mail 20%, ``mail.calderstate.edu`` 12%, throwaway
    vanity 23%; prepaid cards shared by 2-3 accounts (60%), else one each.  5 op families with 45/25/15/10/5%
    of the volume, fresh 1-4 bit paraphrases (85%), exact (5%), public cover (10%), plus ~8 cover requests per
    account.  Each region on vesta-4 (95%) from its first shift >= release + 2 h.  Sweeps on day 15 and day 29
    (13:00 UTC, within 2 h) enforce 15% of live members (90% banned); 80% come back 2-6 days later (replacement=1)
    in the same region and cell with a fresh card: an AMER replacement keeps one of the banned account's two VMs
    and gets a new one; an EMEA replacement uses the cell's statics.
    Signal left: minute-scale co-activity within each region, repeated daily, and the regions' identical families;
    cell-private addresses reused by replacements; small card sharing.  Evasion: per-account diurnal rhythm in
    the claimed zone, three unrelated pathways, no region ever co-active with another in the same minute.

``op_pulse``  (max(50, 0.8% N) originals + replacements) -- DORMANT FLEET, INTENSE PULSES.  Accounts created in
    batches of 4-12 over days -200..-20 (cards shared by 2-3 within a batch 70%), kept warm by ~1.5 cover
    requests a week (public / unique prompts via Fernlight, evening hours).  Three campaigns: C1 day 4 06:00 UTC,
    C2 release + 3 h, C3 day 34 12:00 UTC, each 30-40 h long; each original works in exactly ONE campaign (so
    participants of different campaigns never co-occur), replacements join the next one.  During a campaign a
    micro-wave fires every 5 minutes (+-40 s jitter); each participant joins with p=.35 and sends 1-3 requests
    within 20 s, via its campaign VM (hosting ASNs Hetzner / OVH / Vultr / Linode, rotating every 6 h): ~300
    requests each in 1.5 days.  Campaign VM sets are new each time except the addresses of banned accounts whose
    replacements carry them into the next campaign (plus 10% random old ones).  Prompts: each campaign uses two
    template versions -- C1 {A, B}, C2 {C, A'}, C3 {B', D}, where A' / B' are rewrites of A / B 6-9 bits away --
    90% fresh 1-3 bit paraphrases, 10% the version's exact text.  C1 on vesta-3 / -code, C2 and C3 on vesta-4
    (C2 within 3 h of release).  6-30 h after each campaign, 50% of its participants are enforced (80% banned);
    60% of the banned of C1 and C2 are replaced 2-5 days later (replacement=1, fresh card, 30% shared by two
    replacements) and work in the next campaign on their predecessor's last VM (70% without rotation).  Identity:
    webmail 40%, privacy 25%, ``mail.calderstate.edu`` 15%, vanity 20%.
    Signal left: massive same-minute co-activity inside a campaign, campaigns tied together by batch cards,
    rewritten families, inherited VMs.  Evasion: weeks of silence, disjoint participants per campaign.

``op_proxysession``  (max(40, 0.6% N) + replacements) -- STICKY-SESSION COLLISIONS on the residential proxy.
    Individual-looking accounts (own prepaid card each, 20% rotate to a new one; webmail / privacy / university
    / vanity mail; many countries), ALL traffic through Fernlight exits that thousands of customers also use.
    The orchestrator opens ~7 sticky sessions per account over the window (uniform over 04:00-22:00 UTC), each
    holding ONE exit for 5-40 minutes, and hands it 2-5 consecutive jobs, each assigned to a random live account
    (2-6 requests 8-30 s apart).  Op accounts therefore meet on the same exit within minutes -- never in lockstep
    -- and almost never again on the same exit.  4 families (70/15/10/5%), fresh 2-5 bit paraphrases (never
    exact), 12% public cover; ~100 requests per account; vesta-4 (90%) op-wide from release + 8-12 h.  12% of
    accounts are banned at random times (days 5-38); 60% are replaced 1-4 days later (replacement=1).
    Signal left: time-resolved co-use of crowded exits (same exit, same quarter hour), families.  Evasion: no
    static shared address, no shared card, no same-minute co-activity.

``op_shardchain``  (max(48, 0.7% N) + replacements) -- SHARDED PROMPTS.  Rings of 6-10 accounts; each
    distillation job (3 types, 60/30/10%) is split into 3/4/5 PARTS, each part a different template (12 unrelated
    bases), and part p is sent by the ring's specialist for it (each account specialises in 1-2 parts) 2-20 s
    after part p-1.  So ring members send DIFFERENT templates, linked only by the recurring seconds-scale
    sequence.  ~80 requests per account, round the clock.  Addresses: 2 private cloud VMs per ring (Azure / GCP /
    Linode, 70%) + the Parcelgate reseller gateways (30%).  Cards: 50% of accounts share a prepaid card with ONE
    account of ANOTHER ring (a thin thread between rings), else their own.  Part texts: fresh 1-3 bit paraphrases
    85%, exact 15%.  vesta-3-code / vesta-3 before, vesta-4 (90%) from release + 14-22 h per ring.  Hydra: 18%
    banned (days 8-36, 85% banned / 15% suspended); 80% replaced 2-5 days later (replacement=1) in the same ring
    with the same specialisation and a fresh own card; 30% of replacements bring a new ring VM.
    Signal left: ring-private VMs, replacements on them, sequential co-activity of different templates.  Evasion:
    no account-to-account near-duplicate prompts inside a ring.

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be listed)
-------------------------------------------------------------------
``trap_bpo_office``  (max(40, 0.25% N) seats) -- a virtual-assistant outsourcing agency ("Brightdesk") with two
    offices (Cebu PH night shift for US clients 13:00-22:00 UTC, Nairobi KE 05:00-14:00 UTC), 2 office NAT
    addresses each.  Every client pays with ITS OWN card for 2-3 contractor seats (exactly the prepaid-card
    sharing pattern, but on one office NAT), seat mail on ``brightdesk-va.com`` (50%), the client's domain (30%)
    or webmail.  90% attendance; at the start of each shift everyone logs in within minutes (lognormal median 6
    min) and sends the agency's tone-guide system prompt (exact, shared by all) and the client's daily brief;
    then Poisson(10) requests: client templates (sticky per seat / fresh 1-3 bit), unique prompts.  Turnover: 12%
    of the seats are suspended by the agency admin when the contractor leaves (days 6-34); 1-3 days later a new
    contractor's seat (replacement=1) takes the same client card, office NAT and templates.  30% of clients move
    to vesta-4 2-7 days after release.
    Probes: 2-3 account card sharing + shared NAT + daily same-minute starts + suspended seats replaced on the
    same card/IP/templates.  Innocent: one legitimate employer, exogenous shift clock, cards owned by clients.

``trap_eval_consortium``  (max(6, N/12000) labs of 2-6) -- the "OpenYardstick" evaluation consortium: labs in
    US/GB/DE/FR/CA/JP/KR, each with its own domain, lab card (80%), 2-3 cloud VMs and a lab NAT.  All labs run the
    SAME 6-family suite with their own seeded perturbations (70% fresh 2-4 bit paraphrases, 30% the canonical
    text): the embargoed day-0 run starts at release + 60 min (labs within 10 min, accounts within 60 s of their
    lab), 300-800 requests 2-6 s apart on vesta-4; weekly regression runs at Monday 00:00 UTC (100-200 requests
    each); light personal traffic.
    Probes: cross-organisation near-duplicate families, synchronized starts, concentrated volume, adoption within
    the hour.  Innocent: separate labs, cards and clouds; a public, scheduled event.

``trap_scim_resync``  (max(40, 0.3% N) people) -- two companies (``halvard-freight.de``, ``orsolo-health.com``)
    with SSO user provisioning.  A directory-sync bug (company A day 12, company B day 26, 02:10 UTC) suspends a
    whole department (45-60% of staff) within 40 s; IT re-creates their accounts the same day 09:00-11:00 local
    (replacement=1): same people, same corporate card, office NAT, home addresses and personal templates.  The
    old accounts stay suspended.  Office-hour traffic (70% office NAT, 30% home), company family.  Company A
    moves to vesta-4 three days after release.
    Probes: a suspended cell replaced hours later by new accounts on its card, IPs and templates; batch creation.
    Innocent: company domain and card, ordinary work rhythm.

``trap_tor_privacy``  (max(50, 0.3% N) + second accounts) -- privacy-minded people (journalists, activists):
    90% of sessions over Tor exits (shared with organic Tor users), proton / tuta / own-domain mail, a
    privacy-card service that issues a NEW virtual card every 30 days (several payment methods per account).
    Anti-abuse suspends 15% (Tor traffic); half of them sign up again 1-3 days later (replacement=1: new card,
    same Tor, same personal templates).  Ordinary diurnal traffic, 70% unique prompts.
    Probes: anonymising exits shared by strangers, privacy identity, card churn, enforced accounts followed by
    new ones with similar prompts.  Innocent: no shared card, no lockstep, no shared families.

``trap_rlhf_vendor``  (max(60, 0.4% N)) -- "Tallyfold", a data vendor CONTRACTED BY THE PROVIDER: annotators in
    KE/PH/IN/CO/VE/NG at home (20% on mobile), 60% on ``annotators.tallyfold.com``, 75% billed to the vendor's
    invoice token.  Its task queue publishes a job every few minutes round the clock and fans it out to 3
    annotators on shift (a 6-h local shift on 75% of days), each writing 3-8 requests 30-120 s apart from one of
    5 task families (80% fresh 1-4 bit paraphrases).  The vendor moves the queue to vesta-4 30-60 min after
    release.  ~150 requests per annotator.
    Probes: the behavioural distillation signature (fan-out waves, families, volume, instant adoption) on an
    org with a billing hub.  Innocent: sanctioned work, separate homes.

``trap_autograder_byok``  (max(80, 0.6% N)) -- a MOOC whose autograder runs learners' OWN API keys.  Learners
    worldwide (50% enrolled in a burst on days -4..+1; webmail, university mail; 30% without a card) do each
    week's assignment from home in the 48 h before the Sunday 23:59:59 UTC deadline (the week's 3 starter
    templates, 40% verbatim).  After the deadline the grading cluster (8 workers on 4 GCP addresses) runs every
    submission (80% submit) in a queue: 12 hidden test prompts (identical fingerprints for all) 1-2 s apart.
    Probes: many accounts on a few cloud addresses, queue lockstep right after a deadline, exact shared prompts,
    an enrolment burst.  Innocent: own cards, own homes, an exogenous clock.

ORGANIC POPULATION (kind ``organic``, group ``organic``; ~94% of N)
--------------------------------------------------------------------
Created up to ~4 years back (exponential, mean 380 days; 15% inside the window); activity lognormal (median 8
requests, sigma 1.1; 8% dormant), sessions of 1+Poisson(1.8) requests ~45 s apart in the local diurnal rhythm;
80% own card (5% swap), the rest none.  0.35% banned and 0.2% suspended at random.  Segments:
``organic_household`` (households of 1-5 on one home address; 45% of multi-person households share a family
card; 30% also mobile, 8% also VPN), ``organic_mobile`` (13%: carrier CGNAT only), ``organic_office`` (12%:
companies of 2-60 on their domain and office NAT, 40% on one company card, work hours), ``organic_vpn`` (3.5%,
Tunnelbee), ``organic_proxy_customer`` (3%: Fernlight for 85% of sessions -- the exits the ops rent),
``organic_reseller_customer`` (1%: all through Parcelgate), ``organic_cloud_dev`` (4%: own cloud server, code
model), ``organic_cron`` (2%: jobs at minute :00 +0-4 s, daily 70% / 6-hourly 15% / hourly for 3-10 days 15%,
one exact prompt, 40% one of 8 popular cron-script templates, 60% from a cloud server, 10% on a "latest" alias
that jumps to vesta-4 at release), ``organic_student`` (2%: ``mail.calderstate.edu``, campus NAT + home),
``organic_tor`` (0.4%: Tor exits, privacy mail).
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
T_END = 42 * DAY
T0_EPOCH = 1788739200  # 2026-09-07T00:00:00Z (Monday)
REL = 22 * DAY + 16 * HOUR
M_MINI, M_STD, M_CODE, M_NEW = 0, 1, 2, 3
MODELS = np.array(["vesta-3-mini", "vesta-3", "vesta-3-code", "vesta-4"])
STATUS = np.array(["active", "banned", "suspended"])
INF = np.iinfo(np.int64).max // 4

# code, weight, zones, home ISPs, mobile carrier
COUNTRY_TABLE = [
    ("US", 0.26, (-4, -5, -6, -7), (7922, 7018), 21928),
    ("GB", 0.06, (1,), (2856, 5089), 12576),
    ("DE", 0.06, (2,), (3320, 3209), 6805),
    ("FR", 0.04, (2,), (3215, 12322), 51207),
    ("NL", 0.02, (2,), (1136, 33915), 50266),
    ("ES", 0.03, (2,), (3352, 12479), 12430),
    ("PL", 0.02, (2,), (5617, 12741), 29247),
    ("IN", 0.12, (5.5,), (24560, 55836), 45609),
    ("PH", 0.03, (8,), (9299, 17639), 132199),
    ("KE", 0.01, (3,), (37061, 36866), 33771),
    ("NG", 0.02, (1,), (29465, 37148), 36873),
    ("BR", 0.06, (-3,), (28573, 18881), 26599),
    ("MX", 0.03, (-6,), (8151, 17072), 28403),
    ("CA", 0.03, (-4,), (812, 577), 22652),
    ("AU", 0.02, (10,), (1221, 4764), 4804),
    ("JP", 0.04, (9,), (4713, 2516), 9605),
    ("KR", 0.02, (9,), (4766, 9318), 9644),
    ("ID", 0.03, (7,), (7713, 23693), 4761),
    ("CO", 0.01, (-5,), (10620, 13489), 27831),
    ("VE", 0.01, (-4,), (8048, 21826), 27889),
    ("SG", 0.01, (8,), (7473, 55430), 4773),
]
CC = np.array([c[0] for c in COUNTRY_TABLE])
CW = np.array([c[1] for c in COUNTRY_TABLE])
CW = CW / CW.sum()
CIDX = {c: i for i, c in enumerate(CC)}
MOBILE_ASN = np.array([c[4] for c in COUNTRY_TABLE])
HOME_ASN = np.array([c[3] for c in COUNTRY_TABLE])
CLOUD = {
    "aws": 16509,
    "gcp": 15169,
    "azure": 8075,
    "do": 14061,
    "hetzner": 24940,
    "ovh": 16276,
    "linode": 63949,
    "vultr": 20473,
    "oracle": 31898,
}
BUSINESS_ASN = np.array([174, 3356, 6461, 1299, 3257, 2914])
WEBMAIL = np.array(
    [
        "gmail.com",
        "outlook.com",
        "yahoo.com",
        "icloud.com",
        "hotmail.com",
        "gmx.de",
        "mail.ru",
        "yandex.com",
        "qq.com",
        "naver.com",
    ]
)
WEBMAIL_W = np.array([0.45, 0.17, 0.1, 0.08, 0.06, 0.04, 0.03, 0.03, 0.02, 0.02])
PRIVACY = np.array(["proton.me", "tuta.io", "pm.me", "mailfence.com", "disroot.org"])
UNI = "mail.calderstate.edu"

# local-hour profiles
HUMAN = np.array(
    [
        1,
        0.6,
        0.4,
        0.3,
        0.3,
        0.4,
        0.8,
        1.5,
        2.2,
        2.8,
        3.0,
        3.0,
        3.1,
        3.0,
        3.0,
        3.0,
        3.1,
        3.2,
        3.4,
        3.8,
        4.0,
        3.8,
        3.0,
        1.8,
    ]
)
OFFICE = np.array(
    [
        0.1,
        0.05,
        0.05,
        0.05,
        0.05,
        0.1,
        0.3,
        1.0,
        3.0,
        5.0,
        5.5,
        5.0,
        3.5,
        4.5,
        5.0,
        5.0,
        4.5,
        3.0,
        1.5,
        0.8,
        0.6,
        0.5,
        0.3,
        0.2,
    ]
)
EVENING = np.array(
    [
        0.5,
        0.2,
        0.1,
        0.1,
        0.1,
        0.1,
        0.2,
        0.3,
        0.4,
        0.5,
        0.5,
        0.6,
        0.7,
        0.6,
        0.6,
        0.7,
        0.9,
        1.5,
        2.5,
        3.5,
        4.0,
        3.5,
        2.5,
        1.2,
    ]
)

NS_PUB, NS_PERS, NS_AGENT, NS_COMP, NS_OP, NS_TRAP, NS_CRON = 1, 2, 3, 4, 5, 6, 7
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


def hmask(h: np.ndarray, k: np.ndarray, kmax: int = 12) -> np.ndarray:
    """A mask of at most k set bits chosen by hashing h."""
    h = np.asarray(h, dtype=U64)
    k = np.broadcast_to(np.asarray(k), h.shape)
    m = np.zeros(h.shape, dtype=U64)
    for j in range(kmax):
        pos = smix(h ^ U64((j + 1) * 0x632BE59BD9B4E019 % (1 << 64))) >> U64(58)
        m |= np.where(j < k, U64(1) << pos, U64(0))
    return m


def ragged(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, position) of a flat expansion of counts."""
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    start = np.cumsum(counts) - counts
    return owner, np.arange(len(owner)) - start[owner]


def fixed_str(buf: np.ndarray) -> pa.Array:
    """Arrow strings from a (m, L) uint8 array of ASCII."""
    m, L = buf.shape
    if m * L < 2**31 - 1:
        off = np.arange(0, (m + 1) * L, L, dtype=np.int32)
        return pa.StringArray.from_buffers(m, pa.py_buffer(off), pa.py_buffer(np.ascontiguousarray(buf).tobytes()))
    off = np.arange(0, (m + 1) * L, L, dtype=np.int64)
    return pa.LargeStringArray.from_buffers(
        m, pa.py_buffer(off), pa.py_buffer(np.ascontiguousarray(buf).tobytes())
    ).cast(pa.string())


def letters(x: np.ndarray, prefix: str) -> pa.Array:
    x = np.asarray(x, dtype=U64).copy()
    p = len(prefix)
    buf = np.empty((len(x), p + 14), dtype=np.uint8)
    buf[:, :p] = np.frombuffer(prefix.encode(), dtype=np.uint8)
    for i in range(14):
        buf[:, p + 13 - i] = (x % U64(26)).astype(np.uint8) + 97
        x //= U64(26)
    return fixed_str(buf)


def no_card_run(sh: np.ndarray) -> np.ndarray:
    """Force nibble 6 to 0xa where hex digits 3..12 are all decimal (any 13-run in 16 nibbles covers them)."""
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
    out = []
    s = 0
    while s < total:
        k = int(rng.integers(lo, hi + 1))
        k = min(k, total - s)
        out.append(k)
        s += k
    if len(out) > 1 and out[-1] < lo:
        out[-2] += out[-1]
        out.pop()
    return np.array(out, dtype=np.int64)


class World:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = np.random.default_rng(seed)
        self.salt = int(self.rng.integers(1, 2**62))
        self.created = np.zeros(n, dtype=np.int64)
        self.end = np.full(n, INF, dtype=np.int64)
        self.status = np.zeros(n, dtype=np.int8)
        self.group = np.empty(n, dtype=object)
        self.kind = np.empty(n, dtype=object)
        self.segment = np.empty(n, dtype=object)
        self.domain = np.empty(n, dtype=object)
        self.country = np.zeros(n, dtype=np.int64)
        self.tz = np.zeros(n, dtype=float)
        self.repl = np.zeros(n, dtype=np.int8)
        self.next = 0
        self.cards: list[tuple] = []
        self.ncard = 0
        self.req: list[tuple] = []
        self.ip_txt: list[list[str]] = []
        self.ip_asn: list[np.ndarray] = []
        self.nip = 0
        self.asn_cnt: dict = {}
        self.nblock = 0

    # ---------------------------------------------------------------- accounts
    def alloc(self, k, group, kind, created, country, domain, tz=None, repl=0, segment=None) -> np.ndarray:
        k = int(k)
        if self.next + k > self.n:
            raise SystemExit(f"--accounts too small for the groups ({group})")
        a = np.arange(self.next, self.next + k)
        self.next += k
        self.created[a] = created
        self.group[a] = group
        self.kind[a] = kind
        self.segment[a] = segment or group
        self.country[a] = country
        self.domain[a] = domain
        self.tz[a] = self.tz_for(np.broadcast_to(np.asarray(country), (k,))) if tz is None else tz
        self.repl[a] = repl
        return a

    def tz_for(self, c: np.ndarray) -> np.ndarray:
        out = np.zeros(len(c))
        for i, row in enumerate(COUNTRY_TABLE):
            sel = c == i
            if sel.any():
                out[sel] = np.asarray(row[2])[self.rng.integers(0, len(row[2]), sel.sum())]
        return out

    def countries(self, m, codes=None, w=None) -> np.ndarray:
        if codes is None:
            return pick(self.rng, CW, m)
        idx = np.array([CIDX[c] for c in codes])
        return idx[pick(self.rng, w if w is not None else np.ones(len(codes)), m)]

    def webmail(self, m) -> np.ndarray:
        return WEBMAIL[pick(self.rng, WEBMAIL_W, m)]

    def vanity(self, m, tlds=("com", "net", "io", "co", "org", "xyz", "app")) -> np.ndarray:
        syl = np.array(
            [
                "vel",
                "tor",
                "mar",
                "ix",
                "quo",
                "len",
                "dra",
                "fen",
                "sol",
                "ka",
                "ri",
                "on",
                "bel",
                "zu",
                "nim",
                "tas",
                "or",
                "ven",
                "cal",
                "dor",
                "el",
                "fi",
                "gan",
                "hal",
                "jo",
                "kor",
                "lu",
                "mi",
                "nor",
                "pa",
                "qui",
                "ros",
                "sen",
                "tu",
                "ul",
                "vy",
                "wen",
                "xa",
                "yor",
                "zed",
            ]
        )
        s = syl[self.rng.integers(0, len(syl), (m, 3))]
        suf = np.array([chr(97 + i) for i in range(26)])[self.rng.integers(0, 26, (m, 2))]
        t = np.array(tlds)[self.rng.integers(0, len(tlds), m)]
        return np.array(
            [
                f"{a}{b}{c}{d}{e}.{t2}"
                for a, b, c, d, e, t2 in zip(s[:, 0], s[:, 1], s[:, 2], suf[:, 0], suf[:, 1], t, strict=True)
            ],
            dtype=object,
        )

    def id_mix(self, m, web, priv, uni, van) -> np.ndarray:
        r = pick(self.rng, [web, priv, uni, van], m)
        out = np.empty(m, dtype=object)
        out[r == 0] = self.webmail((r == 0).sum())
        out[r == 1] = PRIVACY[self.rng.integers(0, len(PRIVACY), (r == 1).sum())]
        out[r == 2] = UNI
        out[r == 3] = self.vanity(int((r == 3).sum()))
        return out

    def old_created(self, m, mean_days=380.0, max_days=1500.0) -> np.ndarray:
        d = np.minimum(self.rng.exponential(mean_days, m), max_days)
        return (-d * DAY).astype(np.int64)

    def mixed_created(self, m, new_frac=0.15) -> np.ndarray:
        c = self.old_created(m)
        new = self.rng.random(m) < new_frac
        c[new] = (self.rng.random(new.sum()) * 40 * DAY).astype(np.int64)
        return c

    def enforce(self, acc, t, status) -> None:
        """Enforce acc at t (only where t falls inside the window)."""
        acc = np.asarray(acc)
        t = np.broadcast_to(np.asarray(t, dtype=np.int64), acc.shape)
        st = np.broadcast_to(np.asarray(status), acc.shape)
        ok = t < T_END - HOUR
        self.end[acc[ok]] = np.minimum(self.end[acc[ok]], t[ok])
        self.status[acc[ok]] = st[ok]

    def enforce_mix(self, acc, t, p_banned) -> None:
        acc = np.asarray(acc)
        st = np.where(self.rng.random(len(acc)) < p_banned, 1, 2)
        self.enforce(acc, t, st)

    # ---------------------------------------------------------------- cards
    def new_cards(self, k) -> np.ndarray:
        c = np.arange(self.ncard, self.ncard + int(k))
        self.ncard += int(k)
        return c

    def attach(self, acc, card, t, detach=None) -> None:
        acc = np.asarray(acc)
        m = len(acc)
        card = np.broadcast_to(np.asarray(card), (m,)).astype(np.int64)
        t = np.broadcast_to(np.asarray(t, dtype=np.int64), (m,))
        d = (
            np.full(m, -1, dtype=np.int64)
            if detach is None
            else np.broadcast_to(np.asarray(detach, dtype=np.int64), (m,))
        )
        self.cards.append((acc.astype(np.int64), card.copy(), t.copy(), d.copy()))

    def own_cards(self, acc, p_card=0.8, p_swap=0.05) -> None:
        acc = np.asarray(acc)
        has = acc[self.rng.random(len(acc)) < p_card]
        c = self.new_cards(len(has))
        swap = self.rng.random(len(has)) < p_swap
        ts = (self.rng.random(len(has)) * T_END).astype(np.int64)
        self.attach(has, c, self.created[has], np.where(swap, ts, -1))
        if swap.any():
            self.attach(has[swap], self.new_cards(swap.sum()), ts[swap])

    def chunk_cards(self, acc, lo=2, hi=3, p_chunk=0.6) -> None:
        """Prepaid cards shared by lo..hi consecutive accounts of acc (p_chunk of them), else one each."""
        acc = np.asarray(acc)
        sh = self.rng.random(len(acc)) < p_chunk
        a1 = acc[sh]
        if len(a1):
            sizes = split_sizes(self.rng, len(a1), lo, hi)
            cid = self.new_cards(len(sizes))
            self.attach(a1, np.repeat(cid, sizes), self.created[a1])
        a2 = acc[~sh]
        self.attach(a2, self.new_cards(len(a2)), self.created[a2])

    # ---------------------------------------------------------------- IPs
    def ips(self, asn, k: int, v6: bool = False) -> np.ndarray:
        """k new addresses of one ASN."""
        k = int(k)
        asn = int(asn)
        c0 = self.asn_cnt.get((asn, v6), 0)
        self.asn_cnt[(asn, v6)] = c0 + k
        idx = np.arange(c0, c0 + k, dtype=np.int64)
        if v6:
            h = smix(idx.astype(U64) ^ U64(asn * 2654435761 % (1 << 63)))
            g = [((h >> U64(s)) & U64(0xFFFF)).astype(np.int64) for s in (48, 32, 16, 0)]
            p = f"2a{(asn >> 16) & 0xFF:02x}:{asn & 0xFFFF:x}"
            txt = [f"{p}:{a:x}:{b:x}:{c:x}:{d:x}::1" for a, b, c, d in zip(g[0], g[1], g[2], g[3], strict=True)]
        else:
            blocks = self.asn_cnt.setdefault(("blocks", asn), [])
            nb = int((c0 + k - 1) // 60000 + 1) if k else 0
            while len(blocks) < nb:
                blocks.append(self.nblock)
                self.nblock += 1
            first = [o for o in range(23, 224) if o not in (100, 127, 169, 172, 192, 198, 203)]
            bl = np.array(blocks, dtype=np.int64)[idx // 60000] if k else np.zeros(0, dtype=np.int64)
            pi = (bl * 7919 + 12345) % (len(first) * 256)
            a = np.array(first)[pi // 256]
            b = pi % 256
            o = ((idx % 60000) * 40503 + 2 + (asn % 997)) % 65536
            o = np.where((o & 255) == 0, o ^ 1, o)
            o = np.where((o & 255) == 255, o ^ 2, o)
            txt = [f"{w}.{x}.{y}.{z}" for w, x, y, z in zip(a, b, o >> 8, o & 255, strict=True)]
        self.ip_txt.append(txt)
        self.ip_asn.append(np.full(k, asn, dtype=np.int64))
        out = np.arange(self.nip, self.nip + k)
        self.nip += k
        return out

    def ips_multi(self, asns: np.ndarray, v6=None) -> np.ndarray:
        """One new address per entry of asns (grouped per ASN)."""
        asns = np.asarray(asns)
        out = np.empty(len(asns), dtype=np.int64)
        v6 = np.zeros(len(asns), dtype=bool) if v6 is None else v6
        for a in np.unique(asns):
            for six in (False, True):
                sel = np.flatnonzero((asns == a) & (v6 == six))
                if len(sel):
                    out[sel] = self.ips(a, len(sel), six)
        return out

    def home_ips(self, c: np.ndarray) -> np.ndarray:
        asn = HOME_ASN[c, self.rng.integers(0, 2, len(c))]
        return self.ips_multi(asn, self.rng.random(len(c)) < 0.2)

    def setup(self) -> None:
        n, rng = self.n, self.rng
        self.mobile = [self.ips(MOBILE_ASN[i], max(4, int(n * CW[i] / 600))) for i in range(len(CC))]
        k = max(300, n // 12)
        c = pick(rng, np.where(CC == "US", 4.0, 1.0) * CW, k)
        self.fern = self.ips_multi(HOME_ASN[c, rng.integers(0, 2, k)])
        k = max(30, n // 800)
        self.vpn = np.concatenate([self.ips(9009, k - k // 2), self.ips(60068, k // 2)])
        self.vpn_w = 1.0 / np.arange(1, len(self.vpn) + 1) ** 0.9
        k = max(40, n // 1500)
        self.tor = self.ips_multi(np.array([24940, 16276, 60729, 208323, 53667])[rng.integers(0, 5, k)])
        k = max(10, n // 4000)
        self.parcel = np.concatenate([self.ips(51167, k - k // 2), self.ips(20473, k // 2)])
        self.campus = self.ips(10466, 8)
        self.pub_w = 1.0 / np.arange(1, 301) ** 1.1
        self.pub_w /= self.pub_w.sum()

    def mobile_ip(self, c: np.ndarray) -> np.ndarray:
        out = np.empty(len(c), dtype=np.int64)
        for i in np.unique(c):
            sel = np.flatnonzero(c == i)
            pool = self.mobile[i]
            out[sel] = pool[self.rng.integers(0, len(pool), len(sel))]
        return out

    def rand_of(self, pool, m) -> np.ndarray:
        return np.asarray(pool)[self.rng.integers(0, len(pool), m)]

    # ---------------------------------------------------------------- prompts
    def key(self, ns: int, a, b=0) -> np.ndarray:
        a = np.asarray(a).astype(U64)
        b = np.asarray(b).astype(U64)
        return smix((U64(ns) << U64(56)) ^ (a << U64(24)) ^ b ^ U64(self.salt))

    def base(self, k) -> np.ndarray:
        return smix(np.asarray(k, dtype=U64) ^ U64(0x5DEECE66D))

    def variant(self, k, v, klo: int, khi: int, base=None) -> tuple[np.ndarray, np.ndarray]:
        """Sticky variant v (>=1) of template key k: a fixed fingerprint, base xor klo..khi hash bits."""
        k = np.asarray(k, dtype=U64)
        v = np.broadcast_to(np.asarray(v).astype(U64), k.shape)
        fp = smix(k ^ smix(v * U64(0x2545F4914F6CDD1D) + U64(7)))
        nb = klo + (fp % U64(khi - klo + 1)).astype(np.int64)
        b = self.base(k) if base is None else base
        return fp, b ^ hmask(fp, nb)

    def rand64(self, m) -> np.ndarray:
        return self.rng.integers(0, 2**64, m, dtype=np.uint64)

    def fresh(self, base, klo: int, khi: int) -> tuple[np.ndarray, np.ndarray]:
        base = np.asarray(base, dtype=U64)
        m = len(base)
        k = self.rng.integers(klo, khi + 1, m)
        pos = self.rng.integers(0, 64, (m, khi)).astype(U64)
        mask = np.zeros(m, dtype=U64)
        for j in range(khi):
            mask |= np.where(j < k, U64(1) << pos[:, j], U64(0))
        return self.rand64(m), base ^ mask

    def family(self, k, p_exact, klo, khi, base=None) -> tuple[np.ndarray, np.ndarray]:
        """Requests of template keys k: exact with p_exact, else fresh klo..khi paraphrases."""
        k = np.asarray(k, dtype=U64)
        b = self.base(k) if base is None else np.asarray(base, dtype=U64)
        fp, sh = self.fresh(b, klo, khi)
        ex = self.rng.random(len(k)) < p_exact
        return np.where(ex, k, fp), np.where(ex, b, sh)

    def unique(self, m) -> tuple[np.ndarray, np.ndarray]:
        return self.rand64(m), self.rand64(m)

    def public(self, m, edit_p=0.25) -> tuple[np.ndarray, np.ndarray]:
        tid = self.rng.choice(300, size=m, p=self.pub_w)
        k = self.key(NS_PUB, tid)
        ed = (tid < 30) & (self.rng.random(m) < edit_p)
        fv, sv = self.variant(k, self.rng.integers(1, 7, m), 1, 3)
        return np.where(ed, fv, k), np.where(ed, sv, self.base(k))

    def emit(self, acc, t, ip, fp, sh, model) -> None:
        m = len(acc)
        self.req.append(
            (
                np.asarray(acc, dtype=np.int64),
                np.asarray(t, dtype=np.int64),
                np.broadcast_to(np.asarray(ip, dtype=np.int64), (m,)).copy(),
                np.asarray(fp, dtype=U64),
                np.asarray(sh, dtype=U64),
                np.broadcast_to(np.asarray(model, dtype=np.int8), (m,)).copy(),
            )
        )

    def cover_prompts(self, m, p_public=0.5) -> tuple[np.ndarray, np.ndarray]:
        fu, su = self.unique(m)
        fpub, spub = self.public(m)
        p = self.rng.random(m) < p_public
        return np.where(p, fpub, fu), np.where(p, spub, su)

    def models_mix(self, m, w) -> np.ndarray:
        return pick(self.rng, w, m).astype(np.int8)

    # ---------------------------------------------------------------- timing
    def sessions(
        self, acc, nreq, profile=HUMAN, weekend=1.0, gap=45.0, lo=None, hi=None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Human sessions: acc[i] sends about nreq[i] requests between lo and hi in its local rhythm."""
        rng = self.rng
        acc = np.asarray(acc)
        nreq = np.asarray(nreq, dtype=np.int64)
        ns = np.where(nreq > 0, np.maximum(1, np.rint(nreq / 2.8)), 0).astype(np.int64)
        o, _ = ragged(ns)
        sa = acc[o]
        lo_ = np.maximum(self.created[sa], 0) if lo is None else np.broadcast_to(np.asarray(lo), (len(acc),))[o]
        hi_ = np.minimum(self.end[sa], T_END) if hi is None else np.broadcast_to(np.asarray(hi), (len(acc),))[o]
        ok = hi_ > lo_
        sa, lo_, hi_ = sa[ok], lo_[ok], hi_[ok]
        m = len(sa)
        tz = (self.tz[sa] * HOUR).astype(np.int64)
        b = lo_ + (rng.random(m) * (hi_ - lo_)).astype(np.int64)
        lday = (b + tz) // DAY
        wd = lday % 7
        wk = (wd >= 5) & (rng.random(m) > weekend)
        lday = lday - np.where(wk, 2, 0)
        hour = pick(rng, profile, m)
        st = lday * DAY + hour * HOUR + (rng.random(m) * HOUR).astype(np.int64) - tz
        size = 1 + rng.poisson(1.8, m)
        o2, pos = ragged(size)
        gaps = np.where(pos > 0, 2 + rng.exponential(gap, len(o2)), 0.0)
        cum = np.cumsum(gaps)
        first = np.cumsum(size) - size
        cum = cum - cum[first][o2]
        return sa[o2], st[o2] + cum.astype(np.int64)

    def adopt(self, m, early=0.04, later=0.35) -> np.ndarray:
        u = self.rng.random(m)
        a = np.full(m, INF, dtype=np.int64)
        e = u < early
        a[e] = REL + (self.rng.uniform(0.3, 24, e.sum()) * HOUR).astype(np.int64)
        la = (u >= early) & (u < early + later)
        a[la] = REL + (self.rng.exponential(7, la.sum()) * DAY).astype(np.int64)
        return a

    def human_models(self, racc, t, mp, adopt, p_new=0.7) -> np.ndarray:
        m = len(racc)
        u = self.rng.random(m)
        cum = np.cumsum(mp[racc], axis=1)
        mod = (u[:, None] > cum).sum(1).astype(np.int8)
        new = (t >= adopt[racc]) & (self.rng.random(m) < p_new)
        return np.where(new, M_NEW, mod).astype(np.int8)

    # ---------------------------------------------------------------- output
    def finish(self, out: Path) -> dict:
        rng, n = self.rng, self.n
        assert self.next == n, (self.next, n)
        acc, t, ip, fp, sh, model = (np.concatenate(x) for x in zip(*self.req, strict=True))
        self.req = []
        keep = (t >= np.maximum(self.created[acc], 0)) & (t < self.end[acc]) & (t >= 0) & (t < T_END)
        acc, t, ip, fp, sh, model = acc[keep], t[keep], ip[keep], fp[keep], sh[keep], model[keep]
        model[(model == M_NEW) & (t < REL)] = M_STD
        order = np.lexsort((fp, acc, t))
        acc, t, ip, fp, sh, model = acc[order], t[order], ip[order], fp[order], sh[order], model[order]
        sh = no_card_run(sh)
        ip_txt = [s for chunk in self.ip_txt for s in chunk]
        ip_asn = np.concatenate(self.ip_asn)
        perm = rng.permutation(n)
        A = letters(smix(np.arange(n, dtype=np.int64).astype(U64) ^ U64(self.salt)), "acct_")
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
        ca, cc, ct, cd = (np.concatenate(x) for x in zip(*self.cards, strict=True))
        first = np.maximum(ct, self.created[ca])
        last_req = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
        np.maximum.at(last_req, acc, t)
        last = np.where(cd >= 0, cd, np.maximum(np.minimum(last_req[ca], np.minimum(self.end[ca], T_END)), first))
        pm = (
            pd.DataFrame({"a": ca, "c": cc, "f": first, "l": np.maximum(last, first)})
            .groupby(["a", "c"], sort=True)
            .agg(f=("f", "min"), l=("l", "max"))
            .reset_index()
        )
        pm = pm[(pm["f"] < np.minimum(self.end[pm["a"].to_numpy()], T_END)) & (pm["l"] >= -60 * DAY)]
        write(
            "payment_methods",
            {
                "account_id": A.take(pa.array(pm["a"].to_numpy())),
                "payment_method_id": letters(smix(pm["c"].to_numpy().astype(U64) ^ U64(self.salt * 3 + 1)), "pm_"),
                "first_seen": ts(pm["f"].to_numpy()),
                "last_seen": ts(pm["l"].to_numpy()),
            },
        )
        used_ip, ip_inv = np.unique(ip, return_inverse=True)
        IPS = pa.array([ip_txt[i] for i in used_ip], type=pa.string())
        px = (
            pd.DataFrame({"a": acc, "i": ip_inv, "t": t})
            .groupby(["a", "i"], sort=True)["t"]
            .agg(["min", "max", "size"])
            .reset_index()
        )
        write(
            "proxies",
            {
                "account_id": A.take(pa.array(px["a"].to_numpy())),
                "ip": IPS.take(pa.array(px["i"].to_numpy())),
                "asn": pa.array(ip_asn[used_ip][px["i"].to_numpy()], type=pa.int64()),
                "first_seen": ts(px["min"].to_numpy()),
                "last_seen": ts(px["max"].to_numpy()),
                "request_count": pa.array(px["size"].to_numpy(), type=pa.int64()),
            },
        )
        ufp, fp_inv = np.unique(fp, return_inverse=True)
        fp_sh = np.zeros(len(ufp), dtype=U64)
        fp_sh[fp_inv] = sh
        FPS = letters(ufp, "fp_")
        SHS = hex16(fp_sh)
        pf = (
            pd.DataFrame({"a": acc, "f": fp_inv, "t": t})
            .groupby(["a", "f"], sort=True)["t"]
            .agg(["min", "max", "size"])
            .reset_index()
        )
        fi = pa.array(pf["f"].to_numpy())
        write(
            "prompt_fingerprints",
            {
                "account_id": A.take(pa.array(pf["a"].to_numpy())),
                "fingerprint": FPS.take(fi),
                "simhash": SHS.take(fi),
                "first_seen": ts(pf["min"].to_numpy()),
                "last_seen": ts(pf["max"].to_numpy()),
                "request_count": pa.array(pf["size"].to_numpy(), type=pa.int64()),
            },
        )
        fi = pa.array(fp_inv)
        write(
            "requests",
            {
                "account_id": A.take(pa.array(acc)),
                "timestamp": ts(t),
                "ip": IPS.take(pa.array(ip_inv)),
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
        return {
            "accounts": n,
            "requests": len(t),
            "proxies": len(px),
            "fingerprints": len(pf),
            "payment_methods": len(pm),
        }


# ============================================================================ fraud operations


def live_pick(W: World, pool: np.ndarray, t: np.ndarray, tries: int = 8) -> np.ndarray:
    """For each time t a random account of pool that is live at t (created <= t < end), or -1."""
    rng = W.rng
    pool = np.asarray(pool)
    out = np.full(len(t), -1, dtype=np.int64)
    todo = np.arange(len(t))
    for _ in range(tries):
        if not len(todo):
            break
        c = pool[rng.integers(0, len(pool), len(todo))]
        ok = (W.created[c] <= t[todo]) & (W.end[c] > t[todo])
        out[todo[ok]] = c[ok]
        todo = todo[~ok]
    return out


def op_sunrelay(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(45, round(0.007 * N))
    regions = [
        ("apac", 8.0, ["SG", "PH", "ID", "KR", "AU", "JP"]),
        ("emea", 2.0, ["GB", "DE", "NL", "PL", "FR", "ES"]),
        ("amer", -4.0, ["US", "CA", "BR", "MX"]),
    ]
    fam = W.key(NS_OP, 100 + np.arange(5))
    famw = np.array([0.45, 0.25, 0.15, 0.1, 0.05])
    members = []
    pins = np.full((W.n, 2), -1, dtype=np.int64)
    for r, (_name, tz, codes) in enumerate(regions):
        k = n // 3 + (1 if r < n % 3 else 0)
        created = ((rng.uniform(-60, 8, k)) * DAY + rng.uniform(0, 6, k) * HOUR).astype(np.int64)
        acc = W.alloc(
            k,
            "op_sunrelay",
            "fraud",
            np.sort(created),
            W.countries(k, codes),
            W.id_mix(k, 0.45, 0.2, 0.12, 0.23),
            tz=tz,
        )
        W.chunk_cards(acc, 2, 3, 0.6)
        csize = 6 if r == 1 else 5
        cells = np.arange(k) // csize
        ncell = int(cells.max()) + 1
        if r == 1:
            stat = W.ips_multi(HOME_ASN[W.countries(2 * ncell, codes), rng.integers(0, 2, 2 * ncell)]).reshape(ncell, 2)
            pins[acc] = stat[cells]
        elif r == 2:
            # two VMs per cell of ~5, shared by the cell
            asn = np.array([CLOUD["aws"], CLOUD["do"], CLOUD["vultr"]])[rng.integers(0, 3, ncell)]
            vm = W.ips_multi(np.repeat(asn, 2)).reshape(ncell, 2)
            pins[acc] = vm[cells]
        members.append(list(acc))
    # sweeps + replacements
    for day in (15, 29):
        for r, (_name, tz, codes) in enumerate(regions):
            pool = np.array(members[r])
            t0 = day * DAY + 13 * HOUR
            live = pool[(W.created[pool] <= t0) & (W.end[pool] > t0)]
            hit = live[rng.random(len(live)) < 0.15]
            if not len(hit):
                continue
            W.enforce_mix(hit, t0 + (rng.random(len(hit)) * 2 * HOUR).astype(np.int64), 0.9)
            rep = hit[rng.random(len(hit)) < 0.8]
            cr = W.end[rep] + (rng.uniform(2, 6, len(rep)) * DAY).astype(np.int64)
            rep, cr = rep[cr < T_END - 6 * HOUR], cr[cr < T_END - 6 * HOUR]
            k = len(rep)
            if not k:
                continue
            new = W.alloc(
                k, "op_sunrelay", "fraud", cr, W.countries(k, codes), W.id_mix(k, 0.45, 0.2, 0.12, 0.23), tz=tz, repl=1
            )
            W.attach(new, W.new_cards(k), cr)
            pins[new] = pins[rep]
            if r == 2:
                # keep one of the banned account's two VMs, get a new one
                keep = rng.integers(0, 2, k)
                pins[new, 0] = pins[rep, keep]
                pins[new, 1] = W.ips_multi(np.full(k, CLOUD["vultr"]))
            members[r].extend(new.tolist())
    # jobs
    shift_starts = []
    for _name, tz, _codes in regions:
        days = np.array([d for d in range(-1, 43) if d % 7 < 5])
        s = days * DAY + int((9 - tz) * HOUR) + rng.integers(-600, 600, len(days))
        shift_starts.append(s)
    adopt_r = [int(s[s >= REL + 2 * HOUR].min()) for s in shift_starts]
    for r in range(len(regions)):
        pool = np.array(members[r])
        nreg = len(pool)
        rate = 6 * (n // 3) / (8.5 * 4)  # jobs per hour
        st = shift_starts[r]
        en = st + int(8.5 * HOUR)
        # hand-over: a job inside the next region's shift goes to the region that started later
        nxt = shift_starts[(r + 1) % 3]
        nj = rng.poisson(rate * 8.5, len(st))
        o, _ = ragged(nj)
        jt = st[o] + (rng.random(len(o)) * (en - st)[o]).astype(np.int64)
        later = np.zeros(len(jt), dtype=bool)
        for s2 in nxt:
            later |= (jt >= s2) & (jt < s2 + int(8.5 * HOUR))
        jt = jt[~later]
        jr = np.repeat(jt, 4)
        a = live_pick(W, pool, jr, 6)
        ok = a >= 0
        a, jr = a[ok], jr[ok]
        nr = 1 + rng.poisson(1.0, len(a))
        o2, pos = ragged(nr)
        t = jr[o2] + rng.integers(0, 90, len(o2)) + (pos * rng.uniform(5, 20, len(o2))).astype(np.int64)
        acc = a[o2]
        m = len(acc)
        f = fam[pick(rng, famw, m)]
        fp, sh = W.family(f, 0.06, 1, 4)
        cv = rng.random(m) < 0.1
        cf, cs = W.public(m)
        fp, sh = np.where(cv, cf, fp), np.where(cv, cs, sh)
        ip = np.empty(m, dtype=np.int64)
        u = rng.random(m)
        fern = W.rand_of(W.fern, m)
        if r == 0:
            ip = np.where(u < 0.7, W.rand_of(W.parcel, m), fern)
        else:
            pin = pins[acc, rng.integers(0, 2, m)]
            ip = np.where((u < (0.55 if r == 1 else 0.85)) & (pin >= 0), pin, fern)
        model = np.where(
            t >= adopt_r[r], np.where(rng.random(m) < 0.95, M_NEW, M_STD), np.where(rng.random(m) < 0.75, M_STD, M_CODE)
        )
        W.emit(acc, t, ip, fp, sh, model)
        # cover
        ca, ct = W.sessions(pool, rng.poisson(8, nreg), EVENING)
        m = len(ca)
        fp, sh = W.cover_prompts(m)
        W.emit(ca, ct, W.rand_of(W.fern, m), fp, sh, W.models_mix(m, [0.4, 0.6, 0, 0]))


def op_pulse(W: World) -> None:
    rng, N = W.rng, W.n
    n0 = max(50, round(0.008 * N))
    sizes = split_sizes(rng, n0, 4, 12)
    bt = rng.uniform(-200, -20, len(sizes)) * DAY
    o, _ = ragged(sizes)
    created = (bt[o] + rng.uniform(0, 3 * HOUR, n0)).astype(np.int64)
    acc = W.alloc(n0, "op_pulse", "fraud", created, W.countries(n0), W.id_mix(n0, 0.4, 0.25, 0.15, 0.2))
    # cards: shared by 2-3 inside a batch (70%)
    for b in range(len(sizes)):
        sel = acc[o == b]
        W.chunk_cards(sel, 2, 3, 0.7)
    camp = rng.integers(0, 3, n0)
    starts = [4 * DAY + 6 * HOUR, REL + 3 * HOUR, 34 * DAY + 12 * HOUR]
    durs = (rng.uniform(30, 40, 3) * HOUR).astype(np.int64)
    fams = W.key(NS_OP, 200 + np.arange(4))  # A B C D
    bA, bB, bC, bD = (W.base(fams[i : i + 1]) for i in range(4))
    kA2, sA2 = W.variant(fams[0:1], 91, 6, 9)
    kB2, sB2 = W.variant(fams[1:2], 92, 6, 9)
    versions = [((fams[0:1], bA), (fams[1:2], bB)), ((fams[2:3], bC), (kA2, sA2)), ((kB2, sB2), (fams[3:4], bD))]
    hosting = np.array([CLOUD["hetzner"], CLOUD["ovh"], CLOUD["vultr"], CLOUD["linode"]])
    parts = [list(acc[camp == c]) for c in range(3)]
    pinned: dict = {}
    old_ips: list = []
    allacc = list(acc)
    for c in range(3):
        part = np.array(parts[c], dtype=np.int64)
        if not len(part):
            continue
        s0, d0 = starts[c], int(durs[c])
        nset = max(3, len(part) // 3)
        inherited = np.array([pinned[a] for a in part if a in pinned], dtype=np.int64)
        extra = W.rand_of(np.array(old_ips), max(0, nset // 10)) if old_ips else np.zeros(0, dtype=np.int64)
        ipset = np.concatenate([W.ips_multi(hosting[rng.integers(0, 4, nset)]), inherited, extra])
        nslot = d0 // (6 * HOUR) + 1
        slot_ip = ipset[rng.integers(0, len(ipset), (len(part), nslot))]
        for i, a in enumerate(part):
            if a in pinned and rng.random() < 0.7:
                slot_ip[i, :] = pinned[a]
        waves = s0 + np.arange(0, d0, 300) + np.rint(rng.normal(0, 40, len(np.arange(0, d0, 300)))).astype(np.int64)
        nw = len(waves)
        join = rng.random((len(part), nw)) < 0.35
        pi, wi = np.nonzero(join)
        nr = 1 + rng.binomial(2, 0.3, len(pi))
        o2, _pos = ragged(nr)
        a = part[pi[o2]]
        t = waves[wi[o2]] + rng.integers(0, 20, len(o2))
        slot = np.minimum((t - s0) // (6 * HOUR), nslot - 1)
        ip = slot_ip[pi[o2], slot]
        m = len(a)
        v = rng.random(m) < 0.5
        (k1, b1), (k2, b2) = versions[c]
        kk = np.where(v, k1[0], k2[0])
        bb = np.where(v, b1[0], b2[0])
        fp, sh = W.family(kk, 0.1, 1, 3, base=bb)
        model = np.where(rng.random(m) < 0.6, M_STD, M_CODE) if c == 0 else np.where(rng.random(m) < 0.95, M_NEW, M_STD)
        W.emit(a, t, ip, fp, sh, model.astype(np.int8))
        old_ips.extend(ipset.tolist())
        # enforcement after the campaign
        hit = part[rng.random(len(part)) < 0.5]
        te = s0 + d0 + (rng.uniform(6, 30, len(hit)) * HOUR).astype(np.int64)
        W.enforce_mix(hit, te, 0.8)
        if c < 2:
            banned = hit[W.status[hit] == 1]
            rep = banned[rng.random(len(banned)) < 0.6]
            k = len(rep)
            if k:
                cr = W.end[rep] + (rng.uniform(2, 5, k) * DAY).astype(np.int64)
                assert (cr < starts[c + 1]).all()
                new = W.alloc(k, "op_pulse", "fraud", cr, W.countries(k), W.id_mix(k, 0.4, 0.25, 0.15, 0.2), repl=1)
                W.chunk_cards(new, 2, 2, 0.3)
                lastslot = slot_ip[:, -1]
                pos_of = {a: i for i, a in enumerate(part)}
                for o_, a_ in zip(rep, new, strict=True):
                    pinned[a_] = lastslot[pos_of[o_]]
                parts[c + 1].extend(new.tolist())
                allacc.extend(new.tolist())
    # aging cover
    allacc = np.array(allacc, dtype=np.int64)
    days_live = (np.minimum(W.end[allacc], T_END) - np.maximum(W.created[allacc], 0)) / DAY
    ca, ct = W.sessions(allacc, rng.poisson(np.maximum(days_live, 0) * 1.5 / 7), EVENING)
    m = len(ca)
    fp, sh = W.cover_prompts(m)
    W.emit(ca, ct, W.rand_of(W.fern, m), fp, sh, W.models_mix(m, [0.5, 0.5, 0, 0]))


def op_proxysession(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(40, round(0.006 * N))
    created = (rng.uniform(-30, 20, n) * DAY).astype(np.int64)
    acc = W.alloc(n, "op_proxysession", "fraud", np.sort(created), W.countries(n), W.id_mix(n, 0.4, 0.25, 0.15, 0.2))
    W.own_cards(acc, 1.0, 0.2)
    hit = acc[rng.random(n) < 0.12]
    W.enforce_mix(
        hit, np.maximum(W.created[hit], 5 * DAY) + (rng.uniform(0, 33, len(hit)) * DAY).astype(np.int64), 0.85
    )
    hit = hit[W.status[hit] > 0]
    rep = hit[rng.random(len(hit)) < 0.6]
    cr = W.end[rep] + (rng.uniform(1, 4, len(rep)) * DAY).astype(np.int64)
    rep, cr = rep[cr < T_END - 6 * HOUR], cr[cr < T_END - 6 * HOUR]
    k = len(rep)
    pool = acc
    if k:
        new = W.alloc(k, "op_proxysession", "fraud", cr, W.countries(k), W.id_mix(k, 0.4, 0.25, 0.15, 0.2), repl=1)
        W.own_cards(new, 1.0, 0.0)
        pool = np.concatenate([acc, new])
    ns = 7 * len(pool)
    day = rng.integers(0, 42, ns)
    s0 = day * DAY + ((4 + rng.random(ns) * 18) * HOUR).astype(np.int64)
    dur = (rng.uniform(5, 40, ns) * 60).astype(np.int64)
    exit_ = W.rand_of(W.fern, ns)
    nj = rng.integers(2, 6, ns)
    o, pos = ragged(nj)
    jt = s0[o] + (dur[o] * (pos + rng.random(len(o))) / nj[o]).astype(np.int64)
    a = live_pick(W, pool, jt, 8)
    ok = a >= 0
    a, jt, jo = a[ok], jt[ok], o[ok]
    nr = rng.integers(2, 7, len(a))
    o2, p2 = ragged(nr)
    t = jt[o2] + (p2 * rng.uniform(8, 30, len(o2))).astype(np.int64)
    acc_r = a[o2]
    m = len(acc_r)
    fam = W.key(NS_OP, 300 + np.arange(4))
    f = fam[pick(rng, [0.7, 0.15, 0.1, 0.05], m)]
    fp, sh = W.fresh(W.base(f), 2, 5)
    cv = rng.random(m) < 0.12
    cf, cs = W.public(m)
    fp, sh = np.where(cv, cf, fp), np.where(cv, cs, sh)
    adopt = REL + int(rng.uniform(8, 12) * HOUR)
    model = np.where(
        t >= adopt, np.where(rng.random(m) < 0.9, M_NEW, M_STD), np.where(rng.random(m) < 0.7, M_STD, M_MINI)
    )
    W.emit(acc_r, t, exit_[jo[o2]], fp, sh, model.astype(np.int8))


def op_shardchain(W: World) -> None:
    rng, N = W.rng, W.n
    n0 = max(48, round(0.007 * N))
    sizes = split_sizes(rng, n0, 6, 10)
    nring = len(sizes)
    ro, _ = ragged(sizes)
    rc = rng.uniform(-45, 0, nring) * DAY
    created = (rc[ro] + rng.uniform(0, 3 * DAY, n0)).astype(np.int64)
    ring_tz = np.array([3.0, 8.0, 2.0, -5.0])[rng.integers(0, 4, nring)]
    acc = W.alloc(
        n0, "op_shardchain", "fraud", created, W.countries(n0), W.id_mix(n0, 0.5, 0.25, 0.05, 0.2), tz=ring_tz[ro]
    )
    ring = dict(zip(acc.tolist(), ro.tolist(), strict=True))
    # cards: pairs across rings
    sh_ = rng.random(n0) < 0.5
    a1 = rng.permutation(acc[sh_])
    a1 = a1[np.argsort(np.array([ring[x] for x in a1]), kind="stable")] if len(a1) else a1
    half = len(a1) // 2
    pairs = np.stack([a1[:half], a1[half : 2 * half]], 1) if half else np.zeros((0, 2), dtype=np.int64)
    cid = W.new_cards(len(pairs))
    W.attach(pairs.reshape(-1), np.repeat(cid, 2), W.created[pairs.reshape(-1)])
    rest = np.setdiff1d(acc, pairs.reshape(-1))
    W.attach(rest, W.new_cards(len(rest)), W.created[rest])
    # ring VMs
    vm_asn = np.array([CLOUD["azure"], CLOUD["gcp"], CLOUD["linode"]])
    ring_ips = [list(W.ips_multi(np.full(2, vm_asn[rng.integers(0, 3)]))) for _ in range(nring)]
    # specialisations: parts (j,p); slot ids 0..11
    nparts = np.array([3, 4, 5])
    slots = [(j, p) for j in range(3) for p in range(nparts[j])]
    spec: dict = {}
    for r in range(nring):
        mem = acc[ro == r]
        order = rng.permutation(len(slots))
        for i in range(max(len(slots), len(mem))):
            spec.setdefault(mem[i % len(mem)], set()).add(int(order[i % len(slots)]))
        for a in mem:
            if rng.random() < 0.3:
                spec[a].add(int(rng.integers(0, len(slots))))
    # hydra
    allacc = list(acc)
    gen = acc
    for _round in range(2):
        p = 0.18 if _round == 0 else 0.1
        hit = gen[rng.random(len(gen)) < p]
        if not len(hit):
            break
        te = np.maximum(W.created[hit], 8 * DAY) + (rng.uniform(0, 28, len(hit)) * DAY).astype(np.int64)
        W.enforce_mix(hit, te, 0.85)
        hit = hit[W.status[hit] > 0]
        rep = hit[rng.random(len(hit)) < 0.8]
        cr = W.end[rep] + (rng.uniform(2, 5, len(rep)) * DAY).astype(np.int64)
        rep, cr = rep[cr < T_END - 6 * HOUR], cr[cr < T_END - 6 * HOUR]
        k = len(rep)
        if not k:
            break
        rr = np.array([ring[x] for x in rep])
        new = W.alloc(
            k, "op_shardchain", "fraud", cr, W.countries(k), W.id_mix(k, 0.5, 0.25, 0.05, 0.2), tz=ring_tz[rr], repl=1
        )
        W.attach(new, W.new_cards(k), cr)
        for o_, a_ in zip(rep, new, strict=True):
            ring[a_] = ring[o_]
            spec[a_] = set(spec[o_])
            if rng.random() < 0.3:
                ring_ips[ring[o_]].append(int(W.ips_multi(np.array([vm_asn[rng.integers(0, 3)]]))[0]))
        allacc.extend(new.tolist())
        gen = new
    allacc = np.array(allacc, dtype=np.int64)
    # specialist lists per (ring, slot)
    table: dict = {}
    for a in allacc:
        for s in spec[a]:
            table.setdefault((ring[a], s), []).append(a)
    for r in range(nring):
        nmem = int((ro == r).sum())
        njobs = int(rng.poisson(23 * nmem))
        jt = (rng.uniform(-3, 42, njobs) * DAY).astype(np.int64)
        jty = pick(rng, [0.6, 0.3, 0.1], njobs)
        np_ = nparts[jty]
        o, p = ragged(np_)
        slot = np.array([0, 3, 7])[jty[o]] + p
        step = rng.uniform(2, 20, len(o))
        step[p == 0] = 0
        cum = np.cumsum(step)
        first = np.cumsum(np_) - np_
        cum = cum - cum[first][o]
        t = jt[o] + cum.astype(np.int64)
        a = np.full(len(t), -1, dtype=np.int64)
        for s in np.unique(slot):
            sel = np.flatnonzero(slot == s)
            lst = np.array(table.get((r, int(s)), []), dtype=np.int64)
            if len(lst):
                a[sel] = live_pick(W, lst, t[sel], 6)
        ok = a >= 0
        a, t, slot = a[ok], t[ok], slot[ok]
        dbl = rng.random(len(a)) < 0.15
        a = np.concatenate([a, a[dbl]])
        slot = np.concatenate([slot, slot[dbl]])
        t = np.concatenate([t, t[dbl] + rng.integers(3, 15, dbl.sum())])
        m = len(a)
        k = W.key(NS_OP, 400 + slot)  # slot order matches `slots`: (0,0..2), (1,0..3), (2,0..4)
        fp, sh = W.family(k, 0.15, 1, 3)
        rip = np.array(ring_ips[r], dtype=np.int64)
        ip = np.where(rng.random(m) < 0.7, W.rand_of(rip, m), W.rand_of(W.parcel, m))
        adopt = REL + int(rng.uniform(14, 22) * HOUR)
        model = np.where(
            t >= adopt, np.where(rng.random(m) < 0.9, M_NEW, M_CODE), np.where(rng.random(m) < 0.5, M_CODE, M_STD)
        )
        W.emit(a, t, ip, fp, sh, model.astype(np.int8))


# ============================================================================ traps


def trap_bpo_office(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(40, round(0.0025 * N))
    offices = [("PH", 8.0, 4775, 13 * HOUR), ("KE", 3.0, 36866, 5 * HOUR)]
    office_ips = [W.ips(o[2], 2) for o in offices]
    seat_client = []
    s = 0
    c = 0
    while s < n:
        k = min(int(rng.integers(2, 4)), n - s)
        seat_client += [c] * k
        s += k
        c += 1
    seat_client = np.array(seat_client)
    K = c
    cl_office = (rng.random(K) < 0.4).astype(np.int64)
    cl_country = W.countries(K, ["US", "GB", "AU", "CA"], [0.6, 0.15, 0.15, 0.1])
    cl_domain = W.vanity(K, ("com", "co", "io"))
    cl_card = W.new_cards(K)
    cl_created = (rng.uniform(-180, -5, K) * DAY).astype(np.int64)
    cl_new = rng.random(K) < 0.3
    cl_adopt = np.where(cl_new, REL + (rng.uniform(2, 7, K) * DAY).astype(np.int64), INF)

    def make(k, clients, created, repl):
        off = cl_office[clients]
        r = rng.random(k)
        dom = np.where(r < 0.5, "brightdesk-va.com", np.where(r < 0.8, cl_domain[clients], W.webmail(k)))
        ctry = np.where(rng.random(k) < 0.7, cl_country[clients], np.where(off == 0, CIDX["PH"], CIDX["KE"]))
        tz = np.array([offices[o][1] for o in off])
        acc = W.alloc(k, "trap_bpo_office", "benign_group", created, ctry, dom, tz=tz, repl=repl)
        W.attach(acc, cl_card[clients], created)
        return acc

    seats = make(n, seat_client, cl_created[seat_client] + (rng.random(n) * 6 * HOUR).astype(np.int64), 0)
    client_of = dict(zip(seats.tolist(), seat_client.tolist(), strict=True))
    leave = seats[rng.random(n) < 0.12]
    tl = (rng.uniform(6, 34, len(leave)) * DAY).astype(np.int64)
    W.enforce(leave, tl, 2)
    k = len(leave)
    allseats = seats
    if k:
        cls = np.array([client_of[a] for a in leave])
        new = make(k, cls, tl + (rng.uniform(1, 3, k) * DAY).astype(np.int64), 1)
        client_of.update(zip(new.tolist(), cls.tolist(), strict=True))
        allseats = np.concatenate([seats, new])
    cl_arr = np.array([client_of[a] for a in allseats])
    off = cl_office[cl_arr]
    tone = W.key(NS_TRAP, 10_000_000)
    for d in range(42):
        if d % 7 >= 5:
            continue
        for oi, (_c, _tz, _asn, st) in enumerate(offices):
            sel = allseats[(off == oi) & (rng.random(len(allseats)) < 0.9)]
            cls = np.array([client_of[a] for a in sel])
            m = len(sel)
            if not m:
                continue
            login = d * DAY + st + np.minimum(rng.lognormal(np.log(360), 0.6, m), 1500).astype(np.int64)
            nn = rng.poisson(10, m)
            o, _ = ragged(nn)
            tw = d * DAY + st + (rng.random(len(o)) * 9 * HOUR).astype(np.int64)
            acc = np.concatenate([sel, sel, sel[o]])
            t = np.concatenate([login, login + rng.integers(20, 120, m), tw])
            cl = np.concatenate([cls, cls, cls[o]])
            mm = len(acc)
            kind = np.concatenate([np.zeros(m, int), np.ones(m, int), pick(rng, [0.15, 0.6, 0.25], len(o))])
            ck = W.key(NS_TRAP, 10_000_001 + cl, rng.integers(0, 2, mm))
            fv, sv = W.variant(ck, 1 + (acc % 3), 1, 2)
            ff, sf = W.fresh(W.base(ck), 1, 3)
            st_ = rng.random(mm) < 0.55
            cfp, csh = np.where(st_, fv, ff), np.where(st_, sv, sf)
            dk = W.key(NS_TRAP, 10_000_001 + cl, 5)
            cfp = np.where(kind == 1, dk, cfp)
            csh = np.where(kind == 1, W.base(dk), csh)
            uf, us = W.unique(mm)
            fp = np.where(kind == 0, tone, np.where(kind == 2, uf, cfp))
            sh = np.where(kind == 0, W.base(np.array([tone[0]]))[0], np.where(kind == 2, us, csh))
            ip = np.where(
                rng.random(mm) < 0.95, W.rand_of(office_ips[oi], mm), W.mobile_ip(np.full(mm, CIDX[offices[oi][0]]))
            )
            model = np.where(t >= cl_adopt[cl], M_NEW, np.where(rng.random(mm) < 0.8, M_STD, M_MINI))
            W.emit(acc, t, ip, fp, sh, model.astype(np.int8))


def trap_eval_consortium(W: World) -> None:
    rng, N = W.rng, W.n
    L = max(6, N // 12000)
    codes = ["US", "GB", "DE", "FR", "CA", "JP", "KR"]
    suite = W.key(NS_TRAP, 20_000_000 + np.arange(6))
    cloud = np.array([CLOUD["aws"], CLOUD["gcp"], CLOUD["oracle"], CLOUD["azure"]])
    lab_start = REL + HOUR + rng.integers(0, 600, L)
    for lab in range(L):
        k = int(rng.integers(2, 7))
        c = W.countries(1, codes)[0]
        dom = W.vanity(1, ("edu", "org", "ai", "ac.uk"))[0]
        created = ((-rng.uniform(60, 900)) * DAY + rng.uniform(0, 200, k) * DAY).astype(np.int64)
        acc = W.alloc(k, "trap_eval_consortium", "benign_group", created, np.full(k, c), np.full(k, dom, dtype=object))
        card = W.new_cards(1)[0]
        lc = rng.random(k) < 0.8
        W.attach(acc[lc], card, W.created[acc[lc]])
        W.attach(acc[~lc], W.new_cards((~lc).sum()), W.created[acc[~lc]])
        vms = W.ips(cloud[rng.integers(0, 4)], int(rng.integers(2, 4)))
        nat = W.ips(BUSINESS_ASN[rng.integers(0, len(BUSINESS_ASN))], 1)
        runs = [(lab_start[lab], 300, 800, True)] + [(d * DAY, 100, 200, False) for d in (7, 14, 21, 28, 35)]
        for st, lo, hi, new in runs:
            s0 = st + rng.integers(0, 60, k) if new else st + rng.integers(0, 120, k)
            nr = rng.integers(lo, hi + 1, k)
            o, _ = ragged(nr)
            gaps = rng.uniform(2, 6, len(o))
            cum = np.cumsum(gaps)
            first = np.cumsum(nr) - nr
            cum = cum - cum[first][o]
            t = s0[o] + cum.astype(np.int64)
            m = len(o)
            fp, sh = W.family(suite[rng.integers(0, 6, m)], 0.3, 2, 4)
            mod = np.full(m, M_NEW) if new else np.where((st > REL) & (rng.random(m) < 0.5), M_NEW, M_STD)
            W.emit(acc[o], t, W.rand_of(vms, m), fp, sh, mod.astype(np.int8))
        ca, ct = W.sessions(acc, rng.poisson(20, k), OFFICE, 0.2)
        m = len(ca)
        fp, sh = W.cover_prompts(m, 0.3)
        W.emit(ca, ct, np.full(m, nat[0]), fp, sh, W.models_mix(m, [0.2, 0.6, 0.2, 0]))


def trap_scim_resync(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(40, round(0.003 * N))
    comps = [("halvard-freight.de", "DE", 2.0, 12), ("orsolo-health.com", "US", -4.0, 26)]
    for ci, (dom, cc, tz, day) in enumerate(comps):
        k = n // 2 + (n % 2 if ci == 0 else 0)
        c = CIDX[cc]
        created = (-rng.uniform(30, 400, k) * DAY).astype(np.int64)
        old = W.alloc(
            k, "trap_scim_resync", "benign_group", created, np.full(k, c), np.full(k, dom, dtype=object), tz=tz
        )
        card = W.new_cards(1)[0]
        cardp = rng.random(k) < 0.9
        W.attach(old[cardp], card, W.created[old[cardp]])
        W.attach(old[~cardp], W.new_cards((~cardp).sum()), W.created[old[~cardp]])
        home = W.home_ips(np.full(k, c))
        office = W.ips(BUSINESS_ASN[rng.integers(0, len(BUSINESS_ASN))], int(rng.integers(2, 4)))
        dept = rng.random(k) < rng.uniform(0.45, 0.6)
        t_inc = day * DAY + 2 * HOUR + 10 * 60
        W.enforce(old[dept], t_inc + rng.integers(0, 40, dept.sum()), 2)
        kd = int(dept.sum())
        t_new = np.sort(day * DAY + int((9 - tz) * HOUR) + rng.integers(0, 2 * HOUR, kd))
        new = W.alloc(
            kd, "trap_scim_resync", "benign_group", t_new, np.full(kd, c), np.full(kd, dom, dtype=object), tz=tz, repl=1
        )
        W.attach(new, np.where(cardp[dept], card, W.new_cards(kd)), W.created[new])
        newof = np.full(k, -1, dtype=np.int64)
        newof[np.flatnonzero(dept)] = new
        # person-level traffic mapped onto the account of the moment
        nreq = np.rint(rng.lognormal(np.log(60), 0.6, k)).astype(np.int64)
        pers = np.arange(k)
        ra, t = W.sessions(old, nreq, OFFICE, 0.1, lo=np.zeros(k, dtype=np.int64), hi=np.full(k, T_END))
        p = ra - old[0]
        acc = np.where((t >= t_inc) & (newof[p] >= 0), newof[p], old[p])
        m = len(acc)
        u = rng.random(m)
        ip = np.where(u < 0.7, W.rand_of(office, m), home[p])
        r = pick(rng, [0.45, 0.2, 0.2, 0.15], m)
        fu, su = W.unique(m)
        fpub, spub = W.public(m)
        pk = W.key(NS_TRAP, 30_000_000 + ci * 1_000_000 + pers[p], rng.geometric(0.5, m))
        fpv, spv = W.variant(pk, rng.integers(1, 3, m), 1, 3)
        ex = rng.random(m) < 0.55
        fpp, spp = np.where(ex, pk, fpv), np.where(ex, W.base(pk), spv)
        ck = W.key(NS_TRAP, 39_000_000 + ci)
        fcv, scv = W.variant(np.repeat(ck, m), rng.integers(1, 8, m), 1, 3)
        fp = np.select([r == 0, r == 1, r == 2], [fu, fpub, fpp], fcv)
        sh = np.select([r == 0, r == 1, r == 2], [su, spub, spp], scv)
        adopt = REL + 3 * DAY if ci == 0 else INF
        model = np.where((t >= adopt) & (rng.random(m) < 0.8), M_NEW, np.where(rng.random(m) < 0.75, M_STD, M_MINI))
        W.emit(acc, t, ip, fp, sh, model.astype(np.int8))


def trap_tor_privacy(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(50, round(0.003 * N))
    c = W.countries(n, ["DE", "US", "NL", "FR", "GB", "BR", "PL", "ES"], [0.25, 0.25, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05])
    r = pick(rng, [0.4, 0.2, 0.2, 0.2], n)
    dom = np.where(
        r == 0,
        "proton.me",
        np.where(r == 1, "tuta.io", np.where(r == 2, W.vanity(n, ("net", "org", "eu")), W.webmail(n))),
    )
    acc = W.alloc(n, "trap_tor_privacy", "benign_group", W.mixed_created(n, 0.1), c, dom)
    hit = acc[rng.random(n) < 0.15]
    W.enforce(hit, np.maximum(W.created[hit], 3 * DAY) + (rng.uniform(0, 30, len(hit)) * DAY).astype(np.int64), 2)
    hit = hit[W.status[hit] > 0]
    again = hit[rng.random(len(hit)) < 0.5]
    again = again[W.end[again] < T_END - 4 * DAY]
    k = len(again)
    person = dict(zip(acc.tolist(), range(n), strict=True))
    allacc = acc
    if k:
        new = W.alloc(
            k,
            "trap_tor_privacy",
            "benign_group",
            W.end[again] + (rng.uniform(1, 3, k) * DAY).astype(np.int64),
            W.country[again],
            np.where(rng.random(k) < 0.6, "proton.me", "tuta.io"),
            tz=W.tz[again],
            repl=1,
        )
        for o_, a_ in zip(again, new, strict=True):
            person[a_] = person[o_]
        allacc = np.concatenate([acc, new])
    # rotating virtual cards (a new token every 30 days)
    for a in allacc:
        t = max(int(W.created[a]), -60 * DAY)
        while t < min(int(W.end[a]), T_END):
            W.attach(np.array([a]), W.new_cards(1), t, t + 30 * DAY)
            t += 30 * DAY
    home = W.home_ips(W.country[allacc])
    homeof = dict(zip(allacc.tolist(), home.tolist(), strict=True))
    nreq = np.rint(rng.lognormal(np.log(25), 0.8, len(allacc))).astype(np.int64)
    ra, t = W.sessions(allacc, nreq, HUMAN)
    m = len(ra)
    tor = W.rand_of(W.tor, m)
    hm = np.array([homeof[a] for a in ra.tolist()], dtype=np.int64)
    ip = np.where(rng.random(m) < 0.9, tor, hm)
    pid = np.array([person[a] for a in ra.tolist()], dtype=np.int64)
    pk = W.key(NS_TRAP, 40_000_000 + pid, rng.geometric(0.6, m))
    rr = pick(rng, [0.7, 0.1, 0.2], m)
    fu, su = W.unique(m)
    fpub, spub = W.public(m)
    fp = np.select([rr == 0, rr == 1], [fu, fpub], pk)
    sh = np.select([rr == 0, rr == 1], [su, spub], W.base(pk))
    model = W.human_models(
        ra - allacc.min(),
        t,
        np.tile([0.3, 0.65, 0.05, 0], (allacc.max() - allacc.min() + 1, 1)),
        W.adopt(allacc.max() - allacc.min() + 1),
    )
    W.emit(ra, t, ip, fp, sh, model)


def trap_rlhf_vendor(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(60, round(0.004 * N))
    c = W.countries(n, ["KE", "PH", "IN", "CO", "VE", "NG"], [0.25, 0.25, 0.2, 0.1, 0.1, 0.1])
    dom = np.where(rng.random(n) < 0.6, "annotators.tallyfold.com", W.webmail(n))
    created = (rng.uniform(-90, 3, n) * DAY).astype(np.int64)
    acc = W.alloc(n, "trap_rlhf_vendor", "benign_group", created, c, dom)
    inv = rng.random(n) < 0.75
    W.attach(acc[inv], W.new_cards(1)[0], W.created[acc[inv]])
    W.attach(acc[~inv], W.new_cards((~inv).sum()), W.created[acc[~inv]])
    home = W.home_ips(c)
    # shifts: per annotator and local day
    days = np.arange(-1, 43)
    works = rng.random((n, len(days))) < 0.75
    sh_start = (days[None, :] * DAY + (rng.uniform(8, 14, (n, len(days))) * HOUR) - (W.tz[acc][:, None] * HOUR)).astype(
        np.int64
    )
    njobs = 9 * n
    jt = (rng.random(njobs) * T_END).astype(np.int64)
    jr = np.repeat(jt, 3)
    a = np.full(len(jr), -1, dtype=np.int64)
    todo = np.arange(len(jr))
    for _ in range(12):
        if not len(todo):
            break
        i = rng.integers(0, n, len(todo))
        lday = ((jr[todo] + (W.tz[acc[i]] * HOUR).astype(np.int64)) // DAY) + 1
        lday = np.clip(lday, 0, len(days) - 1)
        s = sh_start[i, lday]
        ok = works[i, lday] & (jr[todo] >= s) & (jr[todo] < s + 6 * HOUR) & (W.created[acc[i]] <= jr[todo])
        a[todo[ok]] = acc[i[ok]]
        todo = todo[~ok]
    ok = a >= 0
    a, jr = a[ok], jr[ok]
    fam = pick(rng, [0.35, 0.25, 0.2, 0.12, 0.08], len(a))
    nr = rng.integers(3, 9, len(a))
    o, p = ragged(nr)
    t = jr[o] + rng.integers(0, 60, len(o)) + (p * rng.uniform(30, 120, len(o))).astype(np.int64)
    ra = a[o]
    m = len(ra)
    fp, sh = W.family(W.key(NS_TRAP, 50_000_000 + fam[o]), 0.2, 1, 4)
    ip = np.where(rng.random(m) < 0.8, home[ra - acc[0]], W.mobile_ip(W.country[ra]))
    adopt = REL + int(rng.uniform(0.5, 1) * HOUR)
    model = np.where(
        t >= adopt, np.where(rng.random(m) < 0.9, M_NEW, M_STD), np.where(rng.random(m) < 0.7, M_STD, M_MINI)
    )
    W.emit(ra, t, ip, fp, sh, model.astype(np.int8))
    ca, ct = W.sessions(acc, rng.poisson(6, n), HUMAN)
    m = len(ca)
    fp, sh = W.cover_prompts(m)
    W.emit(ca, ct, home[ca - acc[0]], fp, sh, W.models_mix(m, [0.4, 0.6, 0, 0]))


def trap_autograder_byok(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(80, round(0.006 * N))
    c = W.countries(n)
    burst = rng.random(n) < 0.5
    created = W.old_created(n, 200, 900)
    created[burst] = (-4 * DAY + np.minimum(rng.lognormal(np.log(20 * HOUR), 1.0, burst.sum()), 5 * DAY)).astype(
        np.int64
    )
    r = rng.random(n)
    dom = np.where(r < 0.75, W.webmail(n), np.where(r < 0.85, UNI, W.vanity(n, ("edu", "ac.in", "edu.br"))))
    acc = W.alloc(n, "trap_autograder_byok", "benign_group", created, c, dom)
    W.own_cards(acc, 0.7, 0.0)
    home = W.home_ips(c)
    workers = W.ips(CLOUD["gcp"], 4)
    for wk in range(6):
        dl = (6 + 7 * wk) * DAY + DAY - 1
        sub = acc[(rng.random(n) < 0.8) & (W.created[acc] < dl - DAY)]
        k = len(sub)
        if not k:
            continue
        starters = W.key(NS_TRAP, 60_000_000 + wk * 100 + np.arange(3))
        nn = rng.poisson(8, k)
        o, _ = ragged(nn)
        t = dl - np.minimum(rng.lognormal(np.log(10 * HOUR), 0.9, len(o)), 48 * HOUR).astype(np.int64)
        m = len(o)
        fp, sh = W.family(starters[rng.integers(0, 3, m)], 0.4, 1, 3)
        W.emit(sub[o], t, home[sub[o] - acc[0]], fp, sh, np.full(m, M_MINI, dtype=np.int8))
        # grading queue
        q = rng.permutation(sub)
        ntest = 12
        durs = ntest * 1.5 + 5 + rng.uniform(0, 4, k)
        w = np.arange(k) % 8
        st = np.zeros(k)
        for wi in range(8):
            sel = np.flatnonzero(w == wi)
            st[sel] = np.cumsum(durs[sel]) - durs[sel]
        st = dl + 60 + st.astype(np.int64)
        o, p = ragged(np.full(k, ntest))
        t = st[o] + (p * rng.uniform(1, 2, len(o))).astype(np.int64)
        tests = W.key(NS_TRAP, 60_000_050 + wk * 100 + p)
        W.emit(q[o], t, workers[w[o] % 4], tests, W.base(tests), np.full(len(o), M_MINI, dtype=np.int8))
    ca, ct = W.sessions(acc, rng.poisson(6, n), HUMAN)
    m = len(ca)
    fp, sh = W.cover_prompts(m)
    W.emit(ca, ct, home[ca - acc[0]], fp, sh, W.models_mix(m, [0.4, 0.6, 0, 0]))


# ============================================================================ organic


def organic(W: World) -> None:
    rng = W.rng
    rest = W.n - W.next
    shares = {
        "mobile": 0.13,
        "office": 0.12,
        "vpn": 0.035,
        "proxy": 0.03,
        "reseller": 0.01,
        "cloud": 0.04,
        "cron": 0.02,
        "student": 0.02,
        "tor": 0.004,
    }
    cnt = {k: round(v * rest) for k, v in shares.items()}
    cnt["household"] = rest - sum(cnt.values())
    MP = np.array([0.35, 0.6, 0.05, 0.0])
    MP_DEV = np.array([0.1, 0.4, 0.5, 0.0])

    def activity(k, median=8.0):
        a = np.rint(rng.lognormal(np.log(median), 1.1, k)).astype(np.int64)
        a[rng.random(k) < 0.08] = 0
        return np.minimum(a, 800)

    def enforce_random(acc):
        u = rng.random(len(acc))
        b = acc[u < 0.0035]
        s = acc[(u >= 0.0035) & (u < 0.0055)]
        for sel, st in ((b, 1), (s, 2)):
            if len(sel):
                W.enforce(sel, np.maximum(W.created[sel], 0) + (rng.random(len(sel)) * 40 * DAY).astype(np.int64), st)

    def traffic(acc, nreq, chan, profile=HUMAN, weekend=1.0, mp=MP, comp=None, agent_p=0.1, personal=0.15):
        """chan(racc, t) -> ip per request."""
        ra, t = W.sessions(acc, nreq, profile, weekend)
        m = len(ra)
        if not m:
            return
        base0 = acc.min()
        loc = ra - base0
        ip = chan(ra, t)
        agent_user = (smix(acc.astype(U64) ^ U64(W.salt + 11)) % U64(1000)).astype(np.int64) < agent_p * 1000
        au = np.zeros(acc.max() - base0 + 1, dtype=bool)
        au[acc - base0] = agent_user
        lag = (smix(ra.astype(U64) ^ U64(W.salt + 12)) % U64(14 * DAY)).astype(np.int64)
        cat = pick(rng, [0.5, 0.25, personal, 0.1], m)  # unique, public, personal, company
        use_agent = au[loc] & (rng.random(m) < 0.3)
        fu, su = W.unique(m)
        fpub, spub = W.public(m)
        pk = W.key(NS_PERS, ra, np.minimum(rng.geometric(0.55, m), 5))
        pv, ps = W.variant(pk, rng.integers(1, 4, m), 1, 4)
        ex = rng.random(m) < 0.55
        fpp, spp = np.where(ex, pk, pv), np.where(ex, W.base(pk), ps)
        sysk = W.key(NS_AGENT, np.zeros(m, dtype=np.int64))
        v2 = t >= 15 * DAY + lag
        f2, s2 = W.variant(sysk, np.full(m, 2), 3, 3)
        fsys = np.where(v2, f2, sysk)
        ssys = np.where(v2, s2, W.base(sysk))
        tk = W.key(NS_AGENT, np.ones(m, dtype=np.int64))
        ft, st = W.fresh(W.base(tk), 2, 4)
        sysr = rng.random(m) < 0.5
        fa, sa = np.where(sysr, fsys, ft), np.where(sysr, ssys, st)
        if comp is not None:
            ck = W.key(NS_COMP, comp[loc])
            fc, sc = W.variant(ck, rng.integers(1, 8, m), 1, 3)
        else:
            fc, sc = fu, su
            cat = np.where(cat == 3, 0, cat)
        fp = np.select([use_agent, cat == 0, cat == 1, cat == 2], [fa, fu, fpub, fpp], fc)
        sh = np.select([use_agent, cat == 0, cat == 1, cat == 2], [sa, su, spub, spp], sc)
        mpm = np.tile(mp, (acc.max() - base0 + 1, 1))
        model = W.human_models(loc, t, mpm, W.adopt(acc.max() - base0 + 1))
        W.emit(ra, t, ip, fp, sh, model)

    def simple(seg, k, domains=None, country=None, created=None):
        c = W.countries(k) if country is None else country
        d = W.webmail(k) if domains is None else domains
        acc = W.alloc(k, "organic", "organic", W.mixed_created(k) if created is None else created, c, d, segment=seg)
        return acc

    # households
    k = cnt["household"]
    sizes = []
    s = 0
    while s < k:
        z = int(pick(rng, [0.55, 0.2, 0.12, 0.08, 0.05], 1)[0]) + 1
        z = min(z, k - s)
        sizes.append(z)
        s += z
    sizes = np.array(sizes)
    nh = len(sizes)
    ho, _ = ragged(sizes)
    hc = W.countries(nh)
    fam_dom = rng.random(nh) < 0.05
    doms = W.webmail(k)
    fd = W.vanity(nh, ("net", "com", "family"))
    doms = np.where(fam_dom[ho], fd[ho], doms)
    acc = simple("organic_household", k, doms, hc[ho])
    hip = W.home_ips(hc)
    moved = rng.random(nh) < 0.12
    hip2 = hip.copy()
    if moved.any():
        hip2[moved] = W.home_ips(hc[moved])
    tmove = (rng.random(nh) * T_END).astype(np.int64)
    share = (sizes > 1) & (rng.random(nh) < 0.45)
    fam_card = W.new_cards(nh)
    sh_acc = share[ho]
    W.attach(acc[sh_acc], fam_card[ho[sh_acc]], W.created[acc[sh_acc]])
    W.own_cards(acc[~sh_acc])
    mob = rng.random(k) < 0.3
    vpn = rng.random(k) < 0.08

    def hchan(ra, t):
        loc = ra - acc[0]
        h = ho[loc]
        ip = np.where(t >= tmove[h], hip2[h], hip[h])
        u = rng.random(len(ra))
        ip = np.where(mob[loc] & (u < 0.35), W.mobile_ip(W.country[ra]), ip)
        return np.where(vpn[loc] & (u > 0.85), W.rand_of(W.vpn, len(ra)), ip)

    traffic(acc, activity(k), hchan)
    enforce_random(acc)
    # mobile
    k = cnt["mobile"]
    acc = simple("organic_mobile", k)
    W.own_cards(acc, 0.7)
    traffic(acc, activity(k), lambda ra, t: W.mobile_ip(W.country[ra]))
    enforce_random(acc)
    # office colleagues
    k = cnt["office"]
    sizes = split_sizes(rng, k, 2, 60)
    sizes = np.minimum(sizes, np.maximum(2, rng.geometric(0.08, len(sizes))))
    tot = sizes.sum()
    if tot < k:
        extra = split_sizes(rng, k - tot, 1, 3)
        sizes = np.concatenate([sizes, extra])
    nc = len(sizes)
    co, _ = ragged(sizes)
    cc_ = W.countries(nc)
    cdom = W.vanity(nc, ("com", "de", "io", "co.uk", "com.br"))
    burst = rng.random(nc) < 0.4
    cbase = W.old_created(nc, 500, 1500)
    created = np.where(burst[co], cbase[co] + rng.integers(0, 8 * HOUR, k), W.mixed_created(k))
    acc = simple("organic_office", k, cdom[co], cc_[co], created)
    nat = W.ips_multi(BUSINESS_ASN[rng.integers(0, len(BUSINESS_ASN), nc)])
    nat2 = np.where(rng.random(nc) < 0.3, W.ips_multi(BUSINESS_ASN[rng.integers(0, len(BUSINESS_ASN), nc)]), nat)
    hip = W.home_ips(cc_[co])
    ccard = rng.random(nc) < 0.4
    cid = W.new_cards(nc)
    sel = ccard[co]
    W.attach(acc[sel], cid[co[sel]], W.created[acc[sel]])
    W.own_cards(acc[~sel], 0.75)

    def ochan(ra, t):
        loc = ra - acc[0]
        u = rng.random(len(ra))
        ip = np.where(u < 0.5, nat[co[loc]], nat2[co[loc]])
        return np.where(u > 0.8, hip[loc], ip)

    comp = co.astype(np.int64)
    traffic(acc, activity(k, 12), ochan, OFFICE, 0.15, comp=comp)
    enforce_random(acc)
    # vpn
    k = cnt["vpn"]
    acc = simple("organic_vpn", k)
    W.own_cards(acc)
    vhome = W.home_ips(W.country[acc])
    traffic(
        acc,
        activity(k),
        lambda ra, t: np.where(rng.random(len(ra)) < 0.8, W.vpn[pick(rng, W.vpn_w, len(ra))], vhome[ra - acc[0]]),
    )
    enforce_random(acc)
    # residential proxy customers
    k = cnt["proxy"]
    acc = simple("organic_proxy_customer", k)
    W.own_cards(acc, 0.9)
    phome = W.home_ips(W.country[acc])
    traffic(
        acc,
        activity(k, 14),
        lambda ra, t: np.where(rng.random(len(ra)) < 0.85, W.rand_of(W.fern, len(ra)), phome[ra - acc[0]]),
    )
    enforce_random(acc)
    # reseller customers
    k = cnt["reseller"]
    acc = simple("organic_reseller_customer", k)
    W.own_cards(acc, 0.6)
    traffic(acc, activity(k, 12), lambda ra, t: W.rand_of(W.parcel, len(ra)))
    enforce_random(acc)
    # cloud developers
    k = cnt["cloud"]
    acc = simple("organic_cloud_dev", k)
    W.own_cards(acc, 0.9)
    casn = np.array(list(CLOUD.values()))[rng.integers(0, len(CLOUD), k)]
    cvm = W.ips_multi(casn)
    chome = W.home_ips(W.country[acc])
    traffic(
        acc,
        activity(k, 14),
        lambda ra, t: np.where(rng.random(len(ra)) < 0.6, cvm[ra - acc[0]], chome[ra - acc[0]]),
        mp=MP_DEV,
        agent_p=0.3,
    )
    enforce_random(acc)
    # cron users
    k = cnt["cron"]
    acc = simple("organic_cron", k)
    W.own_cards(acc, 0.9)
    cloudy = rng.random(k) < 0.6
    vm = W.ips_multi(np.array(list(CLOUD.values()))[rng.integers(0, len(CLOUD), k)])
    hm = W.home_ips(W.country[acc])
    ipc = np.where(cloudy, vm, hm)
    kind = pick(rng, [0.7, 0.15, 0.15], k)
    minute = np.where(rng.random(k) < 0.15, np.array([5, 15, 30, 45])[rng.integers(0, 4, k)], 0)
    hour = rng.integers(0, 24, k)
    popular = rng.random(k) < 0.4
    pk = np.where(popular, W.key(NS_CRON, rng.integers(0, 8, k)), W.key(NS_CRON, 1000 + acc))
    latest = rng.random(k) < 0.1
    fixed_model = np.where(rng.random(k) < 0.5, M_MINI, M_STD)
    lo = np.maximum(W.created[acc], 0)
    ticks_a, ticks_t = [], []
    for kd, period in ((0, DAY), (1, 6 * HOUR)):
        sel = np.flatnonzero(kind == kd)
        nt = (T_END // period) + 1
        o, p = ragged(np.full(len(sel), nt))
        base = (hour[sel] * HOUR if kd == 0 else (hour[sel] % 6) * HOUR) + minute[sel] * 60
        ticks_a.append(sel[o])
        ticks_t.append(p * period + base[o])
    sel = np.flatnonzero(kind == 2)
    hd = rng.integers(3, 11, len(sel))
    h0 = (rng.random(len(sel)) * (T_END - 10 * DAY)).astype(np.int64) // HOUR * HOUR
    o, p = ragged(hd * 24)
    ticks_a.append(sel[o])
    ticks_t.append(h0[o] + p * HOUR + minute[sel][o] * 60)
    ti = np.concatenate(ticks_a)
    tt = np.concatenate(ticks_t)
    keep = (tt >= lo[ti]) & (rng.random(len(tt)) < 0.95)
    ti, tt = ti[keep], tt[keep]
    tt = tt + rng.integers(0, 5, len(tt))
    model = np.where(latest[ti] & (tt >= REL), M_NEW, fixed_model[ti])
    W.emit(acc[ti], tt, ipc[ti], pk[ti], W.base(pk[ti]), model.astype(np.int8))
    traffic(acc, activity(k, 4), lambda ra, t: hm[ra - acc[0]])
    enforce_random(acc)
    # students
    k = cnt["student"]
    created = np.where(rng.random(k) < 0.7, (-rng.uniform(0, 800, k) * DAY).astype(np.int64), W.mixed_created(k))
    acc = simple("organic_student", k, np.full(k, UNI, dtype=object), np.full(k, CIDX["US"]), created)
    W.own_cards(acc, 0.5)
    shome = W.home_ips(W.country[acc])
    traffic(
        acc,
        activity(k, 10),
        lambda ra, t: np.where(rng.random(len(ra)) < 0.6, W.rand_of(W.campus, len(ra)), shome[ra - acc[0]]),
    )
    enforce_random(acc)
    # tor
    k = cnt["tor"]
    acc = simple("organic_tor", k, PRIVACY[rng.integers(0, len(PRIVACY), k)])
    W.own_cards(acc, 0.6)
    traffic(acc, activity(k), lambda ra, t: W.rand_of(W.tor, len(ra)))
    enforce_random(acc)


def build(n_accounts: int, seed: int, out: Path) -> dict:
    if n_accounts < 5000:
        raise SystemExit("--accounts must be at least 5000")
    W = World(n_accounts, seed)
    W.setup()
    op_sunrelay(W)
    op_pulse(W)
    op_proxysession(W)
    op_shardchain(W)
    trap_bpo_office(W)
    trap_eval_consortium(W)
    trap_scim_resync(W)
    trap_tor_privacy(W)
    trap_rlhf_vendor(W)
    trap_autograder_byok(W)
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
