"""sixteenth_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/sixteenth_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and ``requests``
(+ ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the columns
``account_id,group,kind,status,replacement,segment``.  ``kind`` is ``fraud``, ``benign_group`` or ``organic``;
``group`` is ``op_*``, ``trap_*`` or ``organic``; ``replacement`` is 1 only for fraud accounts that took the place of
an enforced fraud account; ``segment`` names the organic sub-population (the group name for everyone else).  Only
numpy, pandas and pyarrow.  One ``numpy.random.Generator`` seeded from ``--seed`` makes every random choice in a fixed
order (ids and SimHashes are hashes of values it drew), so a seed gives byte-identical files.  N >= 5,000 (floors
keep small groups alive; the organic population fills up to exactly N).  Written blind, from the data contract and
the other generators' headers only (to avoid repeating their scenarios), without reading the detector.

CLOCK, MODELS, IDENTIFIERS
    Six weeks from Mon 2027-04-05 00:00 UTC (day 0 .. 42).  ``corvid-2``, ``corvid-2-mini`` and ``corvid-2-code``
    exist all along; ``corvid-3`` is released Wed 2027-04-28 16:00 UTC (day 23).  Ordinary people adopt it on a
    curve: 4% within 0.3-24 h, 35% after an exponential lag (mean 7 days), the rest never; an adopter sends 70% of
    later requests to it.  Ids are ``acct_`` / ``pm_`` / ``fp_`` + 14 lowercase letters (injective renderings of
    64-bit hashes); a SimHash whose hex digits 3..12 are all decimal gets nibble 6 forced to ``a``, so no column
    holds a 13-19 digit run.  Timestamps are Parquet UTC timestamps (seconds).  ``proxies`` and
    ``prompt_fingerprints`` are exact aggregates of the request log; ``payment_methods`` has the attach time and the
    detach time (card swap) or the last activity.  Enforcement stops an account's traffic; requests before creation
    or outside the window are dropped.  Account rows are written in a random order.

PROMPTS AND SIMHASH
    A template is a 64-bit key with a SimHash base derived from it (unrelated templates are ~32 bits apart).  A
    request carries (template, variant, mask): variant 0 is the exact text; any other variant is a paraphrase with
    its own fingerprint whose SimHash is base XOR mask.  A *fresh* paraphrase has a random variant and a random mask
    of at most k bits; a *sticky* variant is a fixed fingerprint whose mask is a hash of (template, variant).
    Ordinary prompts: 50% unique, 25% from 300 public templates (Zipf 1.1; 20% fresh 1-3 bit edits), 15% personal
    templates (1-3 per person, verbatim), the rest company templates (office workers: per-person sticky 1-3 bit
    edit) or unique.  10% of people use the "Loomwright" agent framework for 30% of their requests: its system
    prompt verbatim (60%; thousands of accounts share this exact fingerprint) or fresh 2-4 bit paraphrases of its
    tool-call template.

IP SPACE (each address has one ASN; IPv4 from per-ASN /16 blocks, IPv6 from one /32 per ASN)
    20 countries, a home ISP and a mobile carrier each; 15% of homes are IPv6.  Carrier CGNAT pools of
    max(4, N*w/600) addresses (a random one per session).  Clouds AWS / GCP / Azure / DigitalOcean / Hetzner / OVH /
    Linode / Vultr, 10 cheap VPS providers, business ISPs for office NATs, the "Velvetgate" VPN (max(30, N/800)
    exits, Zipf popularity).  The "Tesselnet" residential proxy (max(400, N/10) exits on home ISPs weighted by
    country): its ordinary customers take a random exit per session; all three operations rent it too.  Static "ISP
    proxy" addresses (home ISPs of US/GB/DE/NL) rented one per account by op_fanout.

FRAUD OPERATIONS (kind ``fraud``; ~1.5% of N including replacements)
--------------------------------------------------------------------
``op_metronome``  (max(45, 0.6% N)) -- A RATE-LIMITED HARNESS ON A ROTATING RESIDENTIAL POOL.  Accounts created
    at a steady pace over days -30..+12, webmail 60% / privacy 25% / vanity 15%, claimed countries everywhere; a new
    prepaid card per 2-3 accounts in sign-up order.  EVERY request leaves through a random Tesselnet exit (the
    pool thousands of ordinary proxy customers use).  Work: each account belongs to one of two shifts (01:00 or
    09:00 UTC, i.e. a UTC+8 working day), Mon-Sat; each work day it runs with p=.75 ONE batch starting
    shift + U(0, 40 min) (staggered, never the same minute for everyone): 20-32 requests paced by the harness's
    limiter every 18-22 s (the shared batch shape).  A batch sticks to one of 4 op families (55/25/12/8%); each
    request is a fresh 3-6 bit paraphrase of the family's base, which is itself never sent; 6% public cover.
    corvid-2 -> corvid-3 (90%) op-wide at release + 5-9 h.  10% banned at random (days 8-38), not replaced.
    Shares: a daily 40-minute window per shift, the batch shape, the 4 families (3-6 bits), card pairs/triples.
    Evasion: no private address, no exact fingerprint, jitter of minutes, human-like claimed identities.

``op_resume``  (max(10, N/1000) lineages) -- BAN-EVASION CHAINS THAT RESUME THEIR QUEUE.  Each lineage has exactly
    one live account at a time.  Generation 1 is created days -12..+4; every generation works 3-9 days and is then
    enforced (85% banned, 15% suspended); its successor (replacement=1) is created 1-5 days after the ban and works
    until it too is enforced (or the window ends).  Every generation has a fresh identity: new webmail / privacy /
    vanity domain, new claimed country, its own prepaid card, a new VPS address at one of 10 cheap providers (60%
    of requests; 40% random Tesselnet exits).  One queue runner drives all lineages: a tick every 3 h (00, 03, ...,
    21 UTC + a daily op offset of 0-50 min); each live account joins a tick with p=.5 and sends 4-12 requests 15-45 s
    apart starting 0-4 min after the tick.  Prompts: 3 op families (50/30/20%), fresh 2-4 bit paraphrases 90%, exact
    5%, public cover 5%.  THE RESUME: the results of the predecessor's last session were lost with the ban, so the
    successor's first session re-sends exactly those prompts (identical fingerprints) before continuing.
    corvid-3 (90%) op-wide from release + 10-14 h.
    Shares: exact fingerprints between consecutive generations, families and 3-hourly ticks across lineages.
    Evasion: no card, address, domain or country ever reused; never two live accounts in a lineage.

``op_fanout``  (max(8, N/1500) cells) -- ONE ACCOUNT PER MODEL, EVERY PROMPT TO EVERY MODEL.  A cell's harness
    compares model outputs: it owns one account per model slot (corvid-2, -mini, -code created within 12 h of each
    other on days -20..+10, plus a corvid-3 slot account created release + 6-30 h), and sends each prompt to every
    live slot 0.3-6 s apart, so a fresh paraphrase (a fingerprint seen nowhere else) appears on 3-4 accounts in the
    same few seconds, each on a different model.  ~1 session a day (p=.75) in the cell's 6-hour band, 15-40 minutes,
    a prompt every 60-120 s.  3 of 5 op families per cell: fresh 2-4 bit paraphrases 85%, exact 10%, public cover
    5%.  Each account has its own private static ISP-proxy address (80%; 20% random Tesselnet exits); 50% of cells
    pay all original slots with one prepaid card, the others one card each; mixed domains.  12% of accounts are
    banned (days 8-38); 80% are replaced 1-3 days later (replacement=1) in the same slot with a new address and card.
    Shares: same-second unique fingerprints across accounts (with different models), families across cells, a cell
    card for half the cells.  Evasion: per-account addresses, no volume spike on any one account.

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be listed)
-------------------------------------------------------------------
``trap_sievekit``  (max(80, 0.5% N)) -- users of the open-source batch-summarisation CLI "Sievekit", whose built-in
    rate limiter paces requests every 20-22 s and whose docs suggest a nightly cron at 02:00 LOCAL (60% keep it,
    others pick an hour): on 30-90% of nights each user runs a batch of Poisson(8-50) documents, the CLI's two
    templates filled with document text (fresh 3-6 bit paraphrases), from home (60%) or the user's cloud VM.  Plus
    ordinary personal traffic, own cards.  Sievekit 0.9 (day 30) defaults to corvid-3; 60% upgrade (lag ~4 days).
    Probes: op_metronome's batch shape, schedule co-activity (same-zone users fire in the same minute), a shared
    3-6 bit template family.  Innocent: local-time schedules, own cards and addresses, long personal histories.

``trap_shadow_gateway``  (max(3, N/5000) companies) -- companies running an LLM gateway that keeps one API key
    (account) per model for cost tracking: corvid-2 (production), corvid-2-mini (shadow evaluation, 30% of traffic
    mirrored 0.05-1.5 s later), corvid-2-code (half the companies) and a corvid-3 key provisioned 1-4 business days
    after release that receives 40% of traffic as a shadow.  Product traffic follows the company's diurnal curve
    (40-160 prompts a day): 65% unique end-user prompts, 35% the product's 3 exact templates; 2 gateway addresses at
    one cloud; ONE company card and domain on every key; 2-6 engineers on the same domain/card on the office NAT.
    Probes: op_fanout's same-second fingerprint fan-out across model-dedicated accounts.  Innocent: an
    organisation (one card, one domain, its own gateway), unique prompt content, product-shaped traffic.

``trap_payment_lapse``  (max(30, 0.2% N) people, two accounts each) -- people whose card is declined: their
    account is suspended (days 5-33); 1-5 days later they sign up again (new account, new card, replacement=0), from
    the same home address (90%), and their first session re-sends the prompts of their last session verbatim, then
    continues with the same personal templates.  Probes: op_resume's suspended-then-replaced pattern with exact
    retries.  Innocent: one person, one home, human rhythm, personal prompts.

ORGANIC POPULATION (kind ``organic``, group ``organic``)
--------------------------------------------------------
Created up to ~5 years back (exponential, mean 400 days; 15% inside the window), requests lognormal (median 10,
sigma 1.1; 8% dormant), sessions of ~3 requests ~50 s apart in the local diurnal rhythm; 80% own card.  0.35% banned
and 0.15% suspended at random.  Segments: ``organic_household`` (households of 2-5 on one home address, 45% on a
family card), ``organic_individual`` (30% also on their carrier's CGNAT), ``organic_mobile`` (CGNAT only),
``organic_office`` (companies of 2-60 on their domain and office NAT, 40% on one company card, work hours),
``organic_proxy_customer`` (Tesselnet for 85% of sessions), ``organic_vpn`` (Velvetgate), ``organic_cloud_dev``
(own cloud VM, code model), ``organic_cron`` (a job at minute :00 +0-4 s, hourly / 6-hourly / daily for 2-42 days;
one exact prompt, 40% one of 5 popular cron templates; 10% on a "latest" alias that jumps to corvid-3 at release).
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
T0 = np.datetime64("2027-04-05T00:00:00", "s")
REL = 23 * DAY + 16 * HOUR
MODELS = np.array(["corvid-2-mini", "corvid-2", "corvid-2-code", "corvid-3"])
M_MINI, M_STD, M_CODE, M_NEW = 0, 1, 2, 3
STATUS = np.array(["active", "banned", "suspended"])
INF = np.iinfo(np.int64).max // 4

# country, weight, utc offset (h), home ISP ASN, mobile ASN, national webmail
COUNTRIES = [
    ("US", 0.27, -5, 7922, 21928, "aol.com"),
    ("GB", 0.07, 0, 2856, 12576, "btinternet.com"),
    ("DE", 0.07, 1, 3320, 3209, "web.de"),
    ("FR", 0.05, 1, 3215, 51207, "orange.fr"),
    ("BR", 0.06, -3, 28573, 26615, "uol.com.br"),
    ("IN", 0.08, 5, 24560, 45609, "rediffmail.com"),
    ("JP", 0.04, 9, 4713, 9605, "yahoo.co.jp"),
    ("KR", 0.03, 9, 4766, 9644, "naver.com"),
    ("PH", 0.03, 8, 9299, 132199, "yahoo.com.ph"),
    ("ID", 0.03, 7, 7713, 23693, "yahoo.co.id"),
    ("MX", 0.03, -6, 8151, 28403, "prodigy.net.mx"),
    ("CA", 0.03, -5, 6327, 22652, "shaw.ca"),
    ("AU", 0.02, 10, 1221, 4804, "bigpond.com"),
    ("NL", 0.02, 1, 1136, 33915, "ziggo.nl"),
    ("PL", 0.02, 1, 5617, 12912, "wp.pl"),
    ("ES", 0.02, 1, 3352, 12430, "telefonica.net"),
    ("NG", 0.02, 1, 36873, 29465, "yahoo.com.ng"),
    ("VN", 0.02, 7, 45899, 7552, "vnn.vn"),
    ("TR", 0.02, 3, 9121, 16135, "mynet.com"),
    ("IT", 0.07, 1, 3269, 30722, "libero.it"),
]
CC = np.array([c[0] for c in COUNTRIES])
CW = np.array([c[1] for c in COUNTRIES])
CW = CW / CW.sum()
CTZ = np.array([c[2] for c in COUNTRIES])
C_HOME = np.array([c[3] for c in COUNTRIES])
C_MOB = np.array([c[4] for c in COUNTRIES])
C_MAIL = [c[5] for c in COUNTRIES]
CI = {c: i for i, c in enumerate(CC)}
CLOUDS = [16509, 15169, 8075, 14061, 24940, 16276, 63949, 20473]
VPS = [51167, 60068, 62240, 9009, 44066, 35913, 197540, 212238, 49981, 136258]
BIZ = [174, 3356, 6461, 1299, 3257, 2914, 6939]
VPN_ASN = [9009, 60068]
WEBMAIL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com"]
WEBMAIL_W = np.array([0.55, 0.17, 0.12, 0.09, 0.07])
PRIVACY = ["proton.me", "tutanota.com", "pm.me", "mailfence.com", "posteo.de"]
SYL = [
    "ka",
    "lo",
    "ve",
    "ran",
    "tor",
    "mi",
    "sel",
    "dun",
    "bra",
    "qui",
    "fen",
    "gar",
    "li",
    "mon",
    "ost",
    "pra",
    "sa",
    "ten",
    "ul",
    "vix",
    "wen",
    "zor",
    "ber",
    "cal",
    "dri",
    "ely",
    "fo",
    "hal",
    "jun",
    "kes",
]
TLD = [".com", ".io", ".net", ".co", ".dev", ".app", ".xyz", ".org"]

P_PERSONAL = np.array(
    [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2, 2.2, 2.3, 2.4, 2.5, 2.4, 2.4, 2.5, 2.7, 3, 3.3, 3.6, 3.8, 3.5, 2.6, 1.6]
)
P_PERSONAL = P_PERSONAL / P_PERSONAL.sum()
P_WORK = np.array(
    [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3, 3, 3, 2, 3, 3, 3, 2.8, 2, 0.8, 0.4, 0.3, 0.2, 0.2, 0.1]
)
P_WORK = P_WORK / P_WORK.sum()

M1, M2, M3 = U64(0xBF58476D1CE4E5B9), U64(0x94D049BB133111EB), U64(0x9E3779B97F4A7C15)


def smix(x) -> np.ndarray:
    """splitmix64 finaliser (a bijection of uint64)."""
    with np.errstate(over="ignore"):
        z = np.asarray(x, dtype=U64) + M3
        z = (z ^ (z >> U64(30))) * M1
        z = (z ^ (z >> U64(27))) * M2
        return z ^ (z >> U64(31))


def letters(x, prefix: str) -> np.ndarray:
    """Injective rendering of uint64 values as prefix + 14 lowercase letters."""
    x = np.asarray(x, dtype=U64).copy()
    d = np.empty((len(x), 14), dtype=np.uint8)
    for j in range(14):
        d[:, 13 - j] = (x % U64(26)).astype(np.uint8) + 97
        x //= U64(26)
    s = d.view("S14").ravel().astype(str)
    return np.char.add(prefix, s)


HEXC = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def hex16(sh) -> np.ndarray:
    sh = np.asarray(sh, dtype=U64)
    nib = np.empty((len(sh), 16), dtype=np.uint8)
    for j in range(16):
        nib[:, 15 - j] = ((sh >> U64(4 * j)) & U64(15)).astype(np.uint8)
    bad = (nib[:, 3:13] < 10).all(axis=1)  # a 13-digit decimal run must cover nibbles 3..12
    nib[bad, 6] = 10
    return HEXC[nib].view("S16").ravel().astype(str)


def bitmask_fresh(rng, n: int, kmin: int, kmax: int) -> np.ndarray:
    k = rng.integers(kmin, kmax + 1, n)
    pos = rng.integers(0, 64, (n, kmax)).astype(U64)
    m = np.zeros(n, dtype=U64)
    for j in range(kmax):
        sel = j < k
        m[sel] ^= U64(1) << pos[sel, j]
    return m


def bitmask_sticky(h, kmin: int, kmax: int) -> np.ndarray:
    h = smix(np.asarray(h, dtype=U64) ^ U64(0x5EED))
    k = kmin + (h % U64(kmax - kmin + 1)).astype(np.int64)
    g = smix(h)
    m = np.zeros(len(h), dtype=U64)
    for j in range(kmax):
        sel = j < k
        m[sel] ^= U64(1) << ((g[sel] >> U64(6 * j)) & U64(63))
    return m


def pick(rng, w, m) -> np.ndarray:
    w = np.asarray(w, dtype=float)
    return rng.choice(len(w), size=m, p=w / w.sum())


def ragged(counts) -> tuple[np.ndarray, np.ndarray]:
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    start = np.cumsum(counts) - counts
    return owner, np.arange(len(owner)) - start[owner]


def split_sizes(rng, total: int, lo: int, hi: int) -> np.ndarray:
    out = []
    left = total
    while left > 0:
        s = int(rng.integers(lo, hi + 1))
        s = min(s, left)
        out.append(s)
        left -= s
    return np.array(out, dtype=np.int64)


class IPs:
    def __init__(self, salt: int):
        self.s: list[str] = []
        self.asn: list[int] = []
        self.cnt: dict[int, int] = {}
        self.blocks: dict[int, list[tuple[int, int]]] = {}
        self.used: set[tuple[int, int]] = set()
        self.salt = salt

    def _block(self, asn: int, k: int) -> tuple[int, int]:
        bl = self.blocks.setdefault(asn, [])
        h = int(smix(np.array([asn * 131 + 7 + self.salt], dtype=U64))[0])
        while len(bl) <= k:
            while True:
                a = 23 + h % 190
                b = (h >> 8) % 256
                h = int(smix(np.array([h], dtype=U64))[0])
                if a in (100, 127, 169, 172, 192, 198, 203) or (a, b) in self.used:
                    continue
                break
            self.used.add((a, b))
            bl.append((a, b))
        return bl[k]

    def new(self, asn: int, n: int, v6: bool = False) -> np.ndarray:
        key = -asn if v6 else asn
        c0 = self.cnt.get(key, 0)
        self.cnt[key] = c0 + n
        first = len(self.s)
        hs = np.arange(c0, c0 + n)
        if v6:
            pre = int(smix(np.array([asn + 99 + self.salt], dtype=U64))[0])
            p = f"2a{(pre >> 8) % 256:02x}:{(pre >> 16) % 65536:x}"
            hh = smix(hs.astype(U64) ^ U64(pre))
            for i in range(n):
                x = int(hh[i])
                self.s.append(f"{p}:{x & 0xFFFF:x}:{(x >> 16) & 0xFFFF:x}::{(x >> 32) & 0xFFF:x}")
        else:
            for i in range(n):
                h = int(hs[i])
                a, b = self._block(asn, h // 65536)
                lo = ((h % 65536) * 40503 + 17) % 65536
                self.s.append(f"{a}.{b}.{lo >> 8}.{lo & 255}")
        self.asn.extend([asn] * n)
        return np.arange(first, first + n)


class World:
    def __init__(self, n: int, seed: int):
        self.N = n
        self.rng = np.random.default_rng(seed)
        rng = self.rng
        self.salt = rng.integers(0, 2**62, 16)
        self.ips = IPs(int(self.salt[0]) % 100000)
        self.acc: dict[str, list] = {
            k: [] for k in ["created", "country", "domain", "ban_t", "status", "group", "kind", "segment", "repl"]
        }
        self.nacc = 0
        self.cards: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []  # acct, key, attach, detach
        self.req: list[tuple] = []
        self._infra()

    # ---------------------------------------------------------------- basics
    def r64(self, n: int) -> np.ndarray:
        return self.rng.integers(0, np.iinfo(np.uint64).max, n, dtype=U64, endpoint=True)

    def add_accounts(
        self, created, country, domain, group, kind, segment=None, repl=None, ban_t=None, status=None
    ) -> np.ndarray:
        k = len(created)
        idx = np.arange(self.nacc, self.nacc + k)
        self.nacc += k
        a = self.acc
        a["created"].append(np.asarray(created, dtype=np.int64))
        a["country"].append(np.asarray(country))
        a["domain"].append(np.asarray(domain, dtype=object))
        a["ban_t"].append(np.full(k, INF, dtype=np.int64) if ban_t is None else np.asarray(ban_t, dtype=np.int64))
        a["status"].append(np.zeros(k, dtype=np.int64) if status is None else np.asarray(status, dtype=np.int64))
        a["group"].append(np.full(k, group, dtype=object))
        a["kind"].append(np.full(k, kind, dtype=object))
        a["segment"].append(
            np.full(k, segment or group, dtype=object)
            if segment is None or isinstance(segment, str)
            else np.asarray(segment, dtype=object)
        )
        a["repl"].append(np.zeros(k, dtype=np.int64) if repl is None else np.asarray(repl, dtype=np.int64))
        return idx

    def set_enforced(self, idx, t, status):
        """Record enforcement for accounts (idx global)."""
        self._enf.append((np.asarray(idx), np.asarray(t, dtype=np.int64), np.asarray(status, dtype=np.int64)))

    def add_cards(self, acct, key, attach, detach=None):
        acct = np.asarray(acct)
        self.cards.append(
            (
                acct,
                np.asarray(key, dtype=U64),
                np.asarray(attach, dtype=np.int64),
                np.full(len(acct), -1, dtype=np.int64) if detach is None else np.asarray(detach, dtype=np.int64),
            )
        )

    def add_req(self, acct, t, ip, model, tkey, var=None, mask=None):
        n = len(t)
        z = np.zeros(n, dtype=U64)
        self.req.append(
            (
                np.asarray(acct, dtype=np.int64),
                np.asarray(t, dtype=np.int64),
                np.asarray(ip, dtype=np.int64),
                np.asarray(model, dtype=np.int8),
                np.asarray(tkey, dtype=U64),
                z if var is None else np.asarray(var, dtype=U64),
                z if mask is None else np.asarray(mask, dtype=U64),
            )
        )

    def emails(self, m: int, w=(0.6, 0.25, 0.15), country=None) -> np.ndarray:
        """webmail / privacy / vanity (throwaway) domains."""
        rng = self.rng
        kind = pick(rng, w, m)
        out = np.empty(m, dtype=object)
        wm = pick(rng, WEBMAIL_W, m)
        pv = rng.integers(0, len(PRIVACY), m)
        for i in range(m):
            if kind[i] == 0:
                out[i] = WEBMAIL[wm[i]]
            elif kind[i] == 1:
                out[i] = PRIVACY[pv[i]]
            else:
                out[i] = self.vanity()
        return out

    def vanity(self) -> str:
        rng = self.rng
        k = int(rng.integers(2, 4))
        s = "".join(SYL[int(j)] for j in rng.integers(0, len(SYL), k))
        return s + TLD[int(rng.integers(0, len(TLD)))]

    def models_for(self, t, base, adopt, p_new=0.7) -> np.ndarray:
        m = np.asarray(base, dtype=np.int8).copy()
        sw = (np.asarray(t) >= np.asarray(adopt)) & (self.rng.random(len(t)) < p_new)
        m[sw] = M_NEW
        return m

    # ---------------------------------------------------------------- infra
    def _infra(self):
        N, rng, ips = self.N, self.rng, self.ips
        # carrier CGNAT pools
        self.cg_start = np.zeros(len(CC), dtype=np.int64)
        self.cg_len = np.zeros(len(CC), dtype=np.int64)
        for c in range(len(CC)):
            k = max(4, int(N * CW[c] / 600))
            self.cg_start[c] = ips.new(int(C_MOB[c]), k)[0]
            self.cg_len[c] = k
        # Tesselnet residential proxy exits on home ISPs
        k = max(400, N // 10)
        cc = np.sort(pick(rng, CW**0.7, k))
        parts = [ips.new(int(C_HOME[c]), int((cc == c).sum())) for c in range(len(CC)) if (cc == c).any()]
        self.resi = np.concatenate(parts)
        # Velvetgate VPN
        k = max(30, N // 800)
        self.vpn = np.concatenate([ips.new(VPN_ASN[0], k // 2), ips.new(VPN_ASN[1], k - k // 2)])
        w = 1.0 / np.arange(1, len(self.vpn) + 1) ** 0.9
        self.vpn_w = w / w.sum()
        # prompt catalogue
        s = self.salt
        self.public = smix(np.arange(300, dtype=U64) ^ U64(int(s[1])))
        w = 1.0 / np.arange(1, 301) ** 1.1
        self.public_w = w / w.sum()
        self.cron_tpl = smix(np.arange(5, dtype=U64) ^ U64(int(s[2])))
        self.fw_sys = smix(np.array([1], dtype=U64) ^ U64(int(s[3])))[0]
        self.fw_tool = smix(np.array([2], dtype=U64) ^ U64(int(s[3])))[0]
        self.sieve_tpl = smix(np.array([3, 4], dtype=U64) ^ U64(int(s[3])))

    def resi_pick(self, n):
        return self.resi[self.rng.integers(0, len(self.resi), n)]

    def cg_pick(self, country_idx):
        c = np.asarray(country_idx)
        return self.cg_start[c] + (self.rng.random(len(c)) * self.cg_len[c]).astype(np.int64)

    # ---------------------------------------------------------------- prompts
    def p_unique(self, n):
        return self.r64(n), np.zeros(n, U64), np.zeros(n, U64)

    def p_public(self, n, p_edit=0.2, kmax=3):
        rng = self.rng
        tk = self.public[pick(rng, self.public_w, n)]
        ed = rng.random(n) < p_edit
        var = np.where(ed, self.r64(n), U64(0))
        mask = np.where(ed, bitmask_fresh(rng, n, 1, kmax), U64(0))
        return tk, var, mask

    def p_family(self, fam_keys, fam_idx, kmin, kmax, p_exact):
        """Fresh paraphrases (or exact text) of template families."""
        rng = self.rng
        n = len(fam_idx)
        tk = np.asarray(fam_keys, dtype=U64)[fam_idx]
        ex = rng.random(n) < p_exact
        var = np.where(ex, U64(0), self.r64(n))
        mask = np.where(ex, U64(0), bitmask_fresh(rng, n, kmin, kmax))
        return tk, var, mask

    def personal_key(self, acct, j):
        return smix((np.asarray(acct, dtype=U64) * U64(8) + np.asarray(j, dtype=U64)) ^ U64(int(self.salt[4])))

    def p_ordinary(self, acct, n_pers, fw, comp_key):
        """Mixed ordinary prompts for request owners acct (global idx); per-request arrays."""
        rng = self.rng
        n = len(acct)
        tk = np.empty(n, U64)
        var = np.zeros(n, U64)
        mask = np.zeros(n, U64)
        u = rng.random(n)
        usefw = fw & (rng.random(n) < 0.3)
        has_comp = comp_key != U64(0)
        rest = np.where(u < 0.9, 2, np.where(has_comp, 3, 0))
        cat = np.where(usefw, 4, np.where(u < 0.5, 0, np.where(u < 0.75, 1, rest)))
        s = cat == 0
        tk[s], var[s], mask[s] = self.p_unique(int(s.sum()))
        s = cat == 1
        tk[s], var[s], mask[s] = self.p_public(int(s.sum()))
        s = cat == 2
        j = (rng.random(int(s.sum())) * n_pers[s]).astype(np.int64)
        tk[s] = self.personal_key(acct[s], j)
        s = cat == 3
        tk[s] = comp_key[s]
        var[s] = smix(acct[s].astype(U64) ^ U64(77))
        mask[s] = bitmask_sticky(var[s], 1, 3)
        s = np.flatnonzero(cat == 4)
        sysp = rng.random(len(s)) < 0.6
        tk[s] = np.where(sysp, self.fw_sys, self.fw_tool)
        var[s] = np.where(sysp, U64(0), self.r64(len(s)))
        mask[s] = np.where(sysp, U64(0), bitmask_fresh(rng, len(s), 2, 4))
        return tk, var, mask

    def times(self, n_sess, lo_t, tz, work):
        """Session start times: n_sess[i] sessions for owner i after lo_t[i] in local diurnal rhythm."""
        rng = self.rng
        own, _ = ragged(n_sess)
        m = len(own)
        lo_d = np.clip(np.floor(np.asarray(lo_t)[own] / DAY), 0, NDAYS - 1)
        d = np.floor(lo_d + rng.random(m) * (NDAYS - lo_d)).astype(np.int64)
        wk = np.asarray(work)[own]
        redo = wk & (d % 7 >= 5) & (rng.random(m) < 0.85)
        d[redo] = np.floor(lo_d[redo] + rng.random(int(redo.sum())) * (NDAYS - lo_d[redo])).astype(np.int64)
        hp = np.where(wk, pick(rng, P_WORK, m), pick(rng, P_PERSONAL, m))
        t = d * DAY + (hp - np.asarray(tz)[own]) * HOUR + rng.integers(0, HOUR, m)
        return own, t

    def expand_sessions(self, own, t0, mean_extra=2.0, gap=50):
        """Turn sessions into requests: 1+Poisson requests, exponential gaps."""
        rng = self.rng
        k = 1 + rng.poisson(mean_extra, len(t0))
        o2, j = ragged(k)
        g = (rng.exponential(gap, len(o2)) + 2).astype(np.int64)
        g[j == 0] = 0
        cs = np.cumsum(g)
        first = np.cumsum(k) - k
        t = t0[o2] + cs - cs[first][o2]
        return own[o2], t, o2

    def adoption(self, m):
        rng = self.rng
        u = rng.random(m)
        lag = np.where(
            u < 0.04, rng.uniform(0.3 * HOUR, 24 * HOUR, m), np.where(u < 0.39, rng.exponential(7 * DAY, m), INF)
        )
        return (REL + lag).astype(np.int64)


# =====================================================================================================
# fraud operations
# =====================================================================================================


def op_metronome(W: World):
    rng = W.rng
    n = max(45, int(0.006 * W.N))
    created = np.sort(rng.uniform(-30 * DAY, 12 * DAY, n)).astype(np.int64)
    country = CC[pick(rng, CW, n)]
    idx = W.add_accounts(created, country, W.emails(n, (0.6, 0.25, 0.15)), "op_metronome", "fraud")
    # prepaid card per 2-3 accounts in sign-up order
    sizes = split_sizes(rng, n, 2, 3)
    ck = W.r64(len(sizes))
    W.add_cards(idx, np.repeat(ck, sizes), created + rng.integers(60, 1800, n))
    fam = smix(np.arange(4, dtype=U64) ^ U64(int(W.salt[5])))
    shift = np.where(rng.random(n) < 0.5, 1, 9) * HOUR
    days = np.array([d for d in range(NDAYS) if d % 7 != 6])
    run = rng.random((n, len(days))) < 0.75
    a_i, d_i = np.nonzero(run)
    start = days[d_i] * DAY + shift[a_i] + rng.integers(0, 40 * 60, len(a_i))
    ok = start > created[a_i] + 6 * HOUR
    a_i, start = a_i[ok], start[ok]
    k = rng.integers(20, 33, len(a_i))
    own, j = ragged(k)
    gaps = rng.uniform(18, 22, len(own))
    gaps[j == 0] = 0
    cs = np.cumsum(gaps)
    first = np.cumsum(k) - k
    t = start[own] + np.round(cs - cs[first][own]).astype(np.int64)
    acct = a_i[own]
    bf = pick(rng, [0.55, 0.25, 0.12, 0.08], len(a_i))[own]
    tk, var, mask = W.p_family(fam, bf, 3, 6, 0.0)
    cov = rng.random(len(t)) < 0.06
    tk[cov], var[cov], mask[cov] = W.p_public(int(cov.sum()))
    sw = REL + int(rng.uniform(5, 9) * HOUR)
    model = np.where((t >= sw) & (rng.random(len(t)) < 0.9), M_NEW, M_STD)
    W.add_req(idx[acct], t, W.resi_pick(len(t)), model, tk, var, mask)
    ban = rng.random(n) < 0.10
    bt = rng.uniform(8 * DAY, 38 * DAY, n).astype(np.int64)
    W.set_enforced(idx[ban], bt[ban], np.ones(int(ban.sum()), dtype=np.int64))


def op_resume(W: World):
    rng = W.rng
    L = max(10, W.N // 1000)
    fam = smix(np.arange(3, dtype=U64) ^ U64(int(W.salt[6])))
    # op-wide ticks: every 3 h + a daily offset
    offs = rng.integers(0, 50 * 60, NDAYS)
    ticks = (np.arange(NDAYS)[:, None] * DAY + np.arange(8)[None, :] * 3 * HOUR + offs[:, None]).ravel()
    sw = REL + int(rng.uniform(10, 14) * HOUR)
    for _ in range(L):
        created = int(rng.uniform(-12 * DAY, 4 * DAY))
        retry = None
        repl = 0
        while created < T_END:
            country = CC[pick(rng, CW, 1)]
            a = W.add_accounts([created], country, W.emails(1, (0.5, 0.3, 0.2)), "op_resume", "fraud", repl=[repl])[0]
            W.add_cards([a], W.r64(1), [created + int(rng.integers(60, 900))])
            vps = W.ips.new(VPS[int(rng.integers(0, len(VPS)))], 1)[0]
            act0 = max(created + int(rng.uniform(2, 20) * HOUR), 0)
            if retry is not None:
                act0 = created + int(rng.uniform(0.5, 6) * HOUR)
            life = int(rng.uniform(3, 9) * DAY)
            ban_t = act0 + life
            tk_all, t_all = [], []
            my_ticks = ticks[(ticks >= act0) & (ticks < min(ban_t, T_END))]
            joined = my_ticks[rng.random(len(my_ticks)) < 0.5]
            if retry is not None and len(my_ticks):
                # the first session re-sends the lost results of the predecessor's last session
                first_tick = my_ticks[0]
                joined = joined[joined != first_tick]
                rt, rv, rm = retry
                st = first_tick + int(rng.integers(0, 240))
                tt = st + np.cumsum(np.r_[0, rng.integers(15, 46, len(rt) - 1)])
                t_all.append(tt)
                tk_all.append((rt, rv, rm))
            last = None
            for tick in joined:
                k = int(rng.integers(4, 13))
                st = tick + int(rng.integers(0, 240))
                tt = st + np.cumsum(np.r_[0, rng.integers(15, 46, k - 1)])
                f = pick(rng, [0.5, 0.3, 0.2], k)
                tk, var, mask = W.p_family(fam, f, 2, 4, 0.05 / 0.95)
                cov = rng.random(k) < 0.05
                tk[cov], var[cov], mask[cov] = W.p_public(int(cov.sum()))
                t_all.append(tt)
                tk_all.append((tk, var, mask))
                last = (tt, tk, var, mask)
            if t_all:
                t = np.concatenate(t_all)
                tk = np.concatenate([x[0] for x in tk_all])
                var = np.concatenate([x[1] for x in tk_all])
                mask = np.concatenate([x[2] for x in tk_all])
                keep = t < ban_t
                ip = np.where(rng.random(len(t)) < 0.6, vps, W.resi_pick(len(t)))
                model = np.where((t >= sw) & (rng.random(len(t)) < 0.9), M_NEW, M_STD)
                W.add_req(np.full(int(keep.sum()), a), t[keep], ip[keep], model[keep], tk[keep], var[keep], mask[keep])
            if ban_t >= T_END:
                break
            st_code = 1 if rng.random() < 0.85 else 2
            W.set_enforced([a], [ban_t], [st_code])
            # the whole last session is re-queued (its results were lost with the account)
            retry = None if last is None else last[1:]
            created = ban_t + int(rng.uniform(1, 5) * DAY)
            repl = 1


def op_fanout(W: World):
    rng = W.rng
    C = max(8, W.N // 1500)
    fam = smix(np.arange(5, dtype=U64) ^ U64(int(W.salt[7])))
    static_asn = [C_HOME[CI["US"]], C_HOME[CI["GB"]], C_HOME[CI["DE"]], C_HOME[CI["NL"]]]
    for _ in range(C):
        cf = rng.choice(5, 3, replace=False)
        c0 = int(rng.uniform(-20 * DAY, 10 * DAY))
        slot_models = [M_STD, M_MINI, M_CODE, M_NEW]
        cell_card = rng.random() < 0.5
        ccard = W.r64(1)[0]
        # slot accounts: list of (acct, start, end, ip)
        slots = []
        for mdl in slot_models:
            cr = c0 + int(rng.uniform(0, 12) * HOUR) if mdl != M_NEW else REL + int(rng.uniform(6, 30) * HOUR)
            repl = 0
            while cr < T_END:
                a = W.add_accounts(
                    [cr], CC[pick(rng, CW, 1)], W.emails(1, (0.55, 0.25, 0.20)), "op_fanout", "fraud", repl=[repl]
                )[0]
                W.add_cards(
                    [a], [ccard if (cell_card and repl == 0) else W.r64(1)[0]], [cr + int(rng.integers(60, 1800))]
                )
                ip = W.ips.new(int(static_asn[int(rng.integers(0, 4))]), 1)[0]
                end = INF
                if rng.random() < 0.12:
                    bt = int(rng.uniform(8 * DAY, 38 * DAY))
                    if bt > cr + DAY:
                        end = bt
                        W.set_enforced([a], [bt], [1])
                slots.append((a, cr + HOUR, end, ip, mdl))
                if end >= T_END or rng.random() >= 0.8:
                    break
                cr = end + int(rng.uniform(1, 3) * DAY)
                repl = 1
        band = int(rng.integers(0, 24))
        for d in range(NDAYS):
            if rng.random() >= 0.75:
                continue
            st = d * DAY + (band + rng.uniform(0, 6)) * HOUR
            dur = rng.uniform(15, 40) * 60
            gaps = rng.uniform(60, 120, int(dur // 60) + 2)
            pt = (st + np.cumsum(gaps)).astype(np.int64)
            pt = pt[pt < st + dur]
            if len(pt) == 0:
                continue
            k = len(pt)
            f = cf[pick(rng, [0.5, 0.3, 0.2], k)]
            tk, var, mask = W.p_family(fam, f, 2, 4, 0.10 / 0.95)
            cov = rng.random(k) < 0.05
            tk[cov], var[cov], mask[cov] = W.p_public(int(cov.sum()))
            for a, s0, e0, ip, mdl in slots:
                live = (pt >= s0) & (pt < e0)
                if not live.any():
                    continue
                m = int(live.sum())
                tt = pt[live] + rng.uniform(0.3, 6, m).astype(np.int64)
                ipx = np.where(rng.random(m) < 0.8, ip, W.resi_pick(m))
                W.add_req(np.full(m, a), tt, ipx, np.full(m, mdl), tk[live], var[live], mask[live])


# =====================================================================================================
# traps
# =====================================================================================================


def ordinary_people(W: World, m, group, kind, segment, created=None, country=None):
    """Helper: m ordinary people with a home address, own card and personal traffic."""
    rng = W.rng
    ci = pick(rng, CW, m) if country is None else country
    if created is None:
        created = -(rng.exponential(400 * DAY, m)).astype(np.int64)
    idx = W.add_accounts(created, CC[ci], W.emails(m, (0.85, 0.05, 0.10)), group, kind, segment=segment)
    v6 = rng.random(m) < 0.15
    home = np.empty(m, dtype=np.int64)
    for i in range(m):
        home[i] = W.ips.new(int(C_HOME[ci[i]]), 1, bool(v6[i]))[0]
    return idx, ci, home, np.asarray(created)


def personal_traffic(W: World, idx, ci, home, created, reqs, fw=None, end=None):
    rng = W.rng
    m = len(idx)
    ns = np.ceil(reqs / 3).astype(np.int64)
    own, t0 = W.times(ns, np.maximum(created, 0), CTZ[ci], np.zeros(m, bool))
    o, t, _ = W.expand_sessions(own, t0)
    if end is not None:
        keep = t < end[o]
        o, t = o[keep], t[keep]
    acct = idx[o]
    fw = np.zeros(m, bool) if fw is None else fw
    tk, var, mask = W.p_ordinary(acct, np.full(len(o), 2), fw[o], np.zeros(len(o), U64))
    ip = np.where(rng.random(len(o)) < 0.8, home[o], W.cg_pick(ci[o]))
    base = np.where(rng.random(m) < 0.4, M_MINI, M_STD)
    W.add_req(acct, t, ip, W.models_for(t, base[o], W.adoption(m)[o]), tk, var, mask)


def trap_sievekit(W: World):
    rng = W.rng
    m = max(80, int(0.005 * W.N))
    idx, ci, home, created = ordinary_people(W, m, "trap_sievekit", "benign_group", "trap_sievekit")
    W.add_cards(idx, W.r64(m), np.maximum(created, -400 * DAY) + 3600)
    personal_traffic(W, idx, ci, home, created, np.maximum(1, rng.lognormal(np.log(10), 1.0, m)).astype(int))
    cloud = rng.random(m) < 0.4
    vm = np.array([W.ips.new(CLOUDS[int(rng.integers(0, len(CLOUDS)))], 1)[0] for _ in range(m)])
    hour = np.where(rng.random(m) < 0.6, 2, rng.integers(0, 24, m))
    prun = rng.uniform(0.3, 0.9, m)
    kmu = rng.uniform(8, 50, m)
    since = np.where(rng.random(m) < 0.7, 0, rng.integers(0, 30, m)) * DAY
    upg = np.where(rng.random(m) < 0.6, 30 * DAY + rng.exponential(4 * DAY, m), INF).astype(np.int64)
    runs = rng.random((m, NDAYS)) < prun[:, None]
    a_i, d_i = np.nonzero(runs)
    st = d_i * DAY + (hour[a_i] - CTZ[ci[a_i]]) * HOUR + rng.integers(0, 4, len(a_i))
    ok = (st >= since[a_i]) & (st >= 0)
    a_i, st = a_i[ok], st[ok]
    k = 1 + rng.poisson(kmu[a_i])
    own, j = ragged(k)
    g = rng.uniform(20, 22, len(own))
    g[j == 0] = 0
    cs = np.cumsum(g)
    first = np.cumsum(k) - k
    t = st[own] + np.round(cs - cs[first][own]).astype(np.int64)
    acct = a_i[own]
    tk, var, mask = W.p_family(W.sieve_tpl, pick(rng, [0.7, 0.3], len(t)), 3, 6, 0.0)
    ip = np.where(cloud[acct], vm[acct], home[acct])
    model = np.where(t >= upg[acct], M_NEW, M_MINI)
    W.add_req(idx[acct], t, ip, model, tk, var, mask)


def trap_shadow_gateway(W: World):
    rng = W.rng
    K = max(3, W.N // 5000)
    ctry = ["US", "GB", "DE", "NL", "FR", "JP"]
    for _ in range(K):
        cc = CI[ctry[int(rng.integers(0, len(ctry)))]]
        dom = W.vanity()
        card = W.r64(1)[0]
        prov = int(-rng.uniform(60, 400) * DAY)
        models = [M_STD, M_MINI] + ([M_CODE] if rng.random() < 0.5 else [])
        bd = 24 + int(rng.integers(0, 4))
        while bd % 7 >= 5:
            bd += 1
        new_t = bd * DAY + (10 - CTZ[cc]) * HOUR + int(rng.integers(0, 4 * HOUR))
        cr = [prov + int(rng.integers(0, 600)) for _ in models] + [new_t]
        models = [*models, M_NEW]
        keys = W.add_accounts(cr, [CC[cc]] * len(cr), [dom] * len(cr), "trap_shadow_gateway", "benign_group")
        W.add_cards(keys, [card] * len(keys), np.array(cr) + 300)
        gw = W.ips.new(CLOUDS[int(rng.integers(0, 3))], 2)
        tpl = smix(np.arange(3, dtype=U64) ^ W.r64(1)[0])
        rate = rng.uniform(40, 160)
        n = rng.poisson(rate * NDAYS)
        d = rng.integers(0, NDAYS, n)
        h = pick(rng, 0.5 * P_WORK + 0.5 * P_PERSONAL, n)
        t = np.sort(d * DAY + (h - CTZ[cc]) * HOUR + rng.integers(0, HOUR, n))
        t = t[(t >= 0) & (t < T_END)]
        n = len(t)
        uq = rng.random(n) < 0.65
        tk = np.where(uq, W.r64(n), tpl[rng.integers(0, 3, n)])
        ip = gw[rng.integers(0, 2, n)]
        parts = [(keys[0], t, ip, M_STD, tk)]
        sh = rng.random(n) < 0.3
        parts.append((keys[1], t[sh] + rng.integers(0, 2, int(sh.sum())), ip[sh], M_MINI, tk[sh]))
        if len(models) == 4:
            sh = rng.random(n) < 0.15
            parts.append((keys[2], t[sh] + rng.integers(0, 2, int(sh.sum())), ip[sh], M_CODE, tk[sh]))
        sh = (rng.random(n) < 0.4) & (t >= new_t + HOUR)
        parts.append((keys[-1], t[sh] + rng.integers(0, 2, int(sh.sum())), ip[sh], M_NEW, tk[sh]))
        for a, tt, ii, mm, kk in parts:
            W.add_req(np.full(len(tt), a), tt, ii, np.full(len(tt), mm), kk)
        # engineers on the office NAT, same domain and card
        e = int(rng.integers(2, 7))
        ecr = -(rng.exponential(300 * DAY, e)).astype(np.int64)
        eng = W.add_accounts(ecr, [CC[cc]] * e, [dom] * e, "trap_shadow_gateway", "benign_group")
        W.add_cards(eng, [card] * e, ecr + 600)
        office = W.ips.new(BIZ[int(rng.integers(0, len(BIZ)))], 1)[0]
        ns = rng.integers(5, 25, e)
        own, t0 = W.times(ns, np.maximum(ecr, 0), np.full(e, CTZ[cc]), np.ones(e, bool))
        o, t, _ = W.expand_sessions(own, t0)
        comp = np.full(len(o), tpl[0])
        tk, var, mask = W.p_ordinary(eng[o], np.full(len(o), 2), np.zeros(len(o), bool), comp)
        W.add_req(
            eng[o],
            t,
            np.where(rng.random(len(o)) < 0.85, office, gw[0]),
            np.where(t > new_t, M_NEW, M_STD),
            tk,
            var,
            mask,
        )


def trap_payment_lapse(W: World):
    rng = W.rng
    m = max(30, int(0.002 * W.N))
    idx, ci, home, created = ordinary_people(W, m, "trap_payment_lapse", "benign_group", "trap_payment_lapse")
    W.add_cards(idx, W.r64(m), np.maximum(created, -400 * DAY) + 3600)
    susp = rng.uniform(5 * DAY, 33 * DAY, m).astype(np.int64)
    back = susp + rng.uniform(1 * DAY, 5 * DAY, m).astype(np.int64)
    idx2 = W.add_accounts(back, CC[ci], W.emails(m, (0.85, 0.05, 0.10)), "trap_payment_lapse", "benign_group")
    W.add_cards(idx2, W.r64(m), back + rng.integers(120, 1200, m))
    W.set_enforced(idx, susp, np.full(m, 2))
    moved = rng.random(m) < 0.1
    home2 = home.copy()
    for i in np.flatnonzero(moved):
        home2[i] = W.ips.new(int(C_HOME[ci[i]]), 1)[0]
    base = np.where(rng.random(m) < 0.4, M_MINI, M_STD)
    adopt = W.adoption(m)
    for i in range(m):
        pkeys = W.personal_key(np.full(4, idx[i]), np.arange(4))
        # sessions of the first account before suspension
        tz = CTZ[ci[i]]
        ns1 = int(rng.integers(4, 14))
        _, t0 = W.times(np.array([ns1]), np.array([max(0, int(created[i]))]), np.array([tz]), np.array([False]))
        t0 = np.sort(t0[t0 < susp[i] - HOUR])
        last = None
        for s0 in t0:
            k = int(rng.integers(2, 7))
            tt = s0 + np.cumsum(np.r_[0, rng.integers(20, 200, k - 1)])
            tt = tt[tt < susp[i]]
            if len(tt) == 0:
                continue
            kk = len(tt)
            u = rng.random(kk)
            tk = np.where(u < 0.55, pkeys[rng.integers(0, 4, kk)], W.r64(kk))
            pub = u > 0.85
            tk[pub] = W.p_public(int(pub.sum()), p_edit=0.0)[0]
            W.add_req(
                np.full(kk, idx[i]),
                tt,
                np.full(kk, home[i]),
                W.models_for(tt, np.full(kk, base[i]), np.full(kk, adopt[i])),
                tk,
            )
            last = tk
        # the new account: retry the last session verbatim, then continue
        ns2 = int(rng.integers(3, 12))
        _, t1 = W.times(np.array([ns2]), np.array([int(back[i]) + HOUR]), np.array([tz]), np.array([False]))
        t1 = np.sort(t1[t1 > back[i]])
        first = int(back[i]) + int(rng.integers(60, 900))
        if last is not None:
            tt = first + np.cumsum(np.r_[0, rng.integers(20, 90, len(last) - 1)])
            W.add_req(
                np.full(len(tt), idx2[i]),
                tt,
                np.full(len(tt), home2[i]),
                W.models_for(tt, np.full(len(tt), base[i]), np.full(len(tt), adopt[i])),
                last,
            )
        for s0 in t1:
            k = int(rng.integers(2, 7))
            tt = s0 + np.cumsum(np.r_[0, rng.integers(20, 200, k - 1)])
            u = rng.random(k)
            tk = np.where(u < 0.55, pkeys[rng.integers(0, 4, k)], W.r64(k))
            ip = np.where(rng.random(k) < 0.85, home2[i], W.cg_pick(np.full(k, ci[i])))
            W.add_req(np.full(k, idx2[i]), tt, ip, W.models_for(tt, np.full(k, base[i]), np.full(k, adopt[i])), tk)


# =====================================================================================================
# organic population
# =====================================================================================================


def organic(W: World, n: int):
    rng = W.rng
    seg_names = [
        "organic_household",
        "organic_individual",
        "organic_mobile",
        "organic_office",
        "organic_proxy_customer",
        "organic_vpn",
        "organic_cloud_dev",
        "organic_cron",
    ]
    share = np.array([0.32, 0.30, 0.10, 0.12, 0.05, 0.02, 0.05, 0.04])
    cnt = np.floor(share * n).astype(np.int64)
    cnt[1] += n - cnt.sum()
    # household and office sizes
    hh = split_sizes(rng, int(cnt[0]), 2, 5)
    co = []
    left = int(cnt[3])
    while left > 0:
        s = int(min(left, max(2, min(60, rng.lognormal(np.log(6), 0.9)))))
        co.append(s)
        left -= s
    co = np.array(co, dtype=np.int64)
    seg = np.repeat(np.arange(8), cnt)
    m = n
    ci = pick(rng, CW, m)
    # households / offices share a country
    h_own = np.repeat(np.arange(len(hh)), hh)
    c_own = np.repeat(np.arange(len(co)), co)
    hci = pick(rng, CW, len(hh))
    cci = pick(rng, CW, len(co))
    s0 = 0
    ci[s0 : s0 + cnt[0]] = hci[h_own]
    s3 = cnt[:3].sum()
    ci[s3 : s3 + cnt[3]] = cci[c_own]
    inwin = rng.random(m) < 0.15
    created = np.where(inwin, rng.uniform(0, 40 * DAY, m), -np.minimum(rng.exponential(400 * DAY, m), 5 * 365 * DAY))
    created = created.astype(np.int64)
    # domains
    dom = np.empty(m, dtype=object)
    kind = pick(rng, [0.80, 0.05, 0.08, 0.07], m)  # webmail, privacy, national, personal vanity
    wm = pick(rng, WEBMAIL_W, m)
    pv = rng.integers(0, len(PRIVACY), m)
    for i in range(m):
        k = kind[i]
        dom[i] = WEBMAIL[wm[i]] if k == 0 else PRIVACY[pv[i]] if k == 1 else C_MAIL[ci[i]] if k == 2 else W.vanity()
    cdom = np.array([W.vanity() for _ in range(len(co))], dtype=object)
    dom[s3 : s3 + cnt[3]] = np.where(rng.random(int(cnt[3])) < 0.85, cdom[c_own], dom[s3 : s3 + cnt[3]])
    # enforcement
    u = rng.random(m)
    status = np.where(u < 0.0035, 1, np.where(u < 0.005, 2, 0))
    bt = np.where(status > 0, rng.uniform(0, T_END, m), INF).astype(np.int64)
    idx = W.add_accounts(created, CC[ci], dom, "organic", "organic", segment=np.array(seg_names, dtype=object)[seg])
    en = status > 0
    W.set_enforced(idx[en], bt[en], status[en])
    # addresses
    v6 = rng.random(m) < 0.15
    home = np.full(m, -1, dtype=np.int64)
    hh_ip = np.array([W.ips.new(int(C_HOME[hci[h]]), 1, bool(v6[h]))[0] for h in range(len(hh))], dtype=np.int64)
    home[s0 : s0 + cnt[0]] = hh_ip[h_own]
    need = (seg != 0) & (seg != 2)
    for c in range(len(CC)):
        sel = np.flatnonzero(need & (ci == c) & ~v6)
        if len(sel):
            home[sel] = W.ips.new(int(C_HOME[c]), len(sel))
        sel = np.flatnonzero(need & (ci == c) & v6)
        if len(sel):
            home[sel] = W.ips.new(int(C_HOME[c]), len(sel), True)
    off_ip = np.full(m, -1, dtype=np.int64)
    co_ip = np.array([W.ips.new(BIZ[int(b)], 1)[0] for b in rng.integers(0, len(BIZ), len(co))], dtype=np.int64)
    off_ip[s3 : s3 + cnt[3]] = co_ip[c_own]
    cloud = np.full(m, -1, dtype=np.int64)
    cd = np.flatnonzero(seg == 6)
    for a in cd:
        cloud[a] = W.ips.new(CLOUDS[int(rng.integers(0, len(CLOUDS)))], 1)[0]
    # pathway probabilities: home, mobile, office, cloud, proxy, vpn
    P = np.zeros((m, 6))
    P[seg == 0] = [0.85, 0.15, 0, 0, 0, 0]
    alsom = rng.random(m) < 0.3
    P[(seg == 1) & alsom] = [0.7, 0.3, 0, 0, 0, 0]
    P[(seg == 1) & ~alsom] = [1, 0, 0, 0, 0, 0]
    P[seg == 2] = [0, 1, 0, 0, 0, 0]
    P[seg == 3] = [0.2, 0.05, 0.75, 0, 0, 0]
    P[seg == 4] = [0.15, 0, 0, 0, 0.85, 0]
    P[seg == 5] = [0.2, 0, 0, 0, 0, 0.8]
    P[seg == 6] = [0.3, 0, 0, 0.7, 0, 0]
    P[seg == 7] = [1, 0, 0, 0, 0, 0]
    # cards
    has = rng.random(m) < 0.8
    key = W.r64(m)
    fam_card = rng.random(len(hh)) < 0.45
    hk = W.r64(len(hh))
    sel = np.arange(s0, s0 + cnt[0])
    fc = fam_card[h_own]
    key[sel[fc]] = hk[h_own[fc]]
    has[sel[fc]] = True
    comp_card = rng.random(len(co)) < 0.40
    ck = W.r64(len(co))
    sel = np.arange(s3, s3 + cnt[3])
    cc_ = comp_card[c_own]
    key[sel[cc_]] = ck[c_own[cc_]]
    has[sel[cc_]] = True
    attach = np.maximum(created, -400 * DAY) + rng.integers(60, 7 * DAY, m)
    W.add_cards(idx[has], key[has], attach[has])
    # activity
    reqs = np.where(rng.random(m) < 0.08, 0, np.maximum(1, rng.lognormal(np.log(10), 1.1, m))).astype(np.int64)
    reqs = np.minimum(reqs, 1500)
    reqs[seg == 7] = 0  # cron accounts have their own job (+ a little manual use below)
    reqs[seg == 7] = rng.integers(0, 4, int((seg == 7).sum()))
    ns = np.ceil(reqs / 3).astype(np.int64)
    work = seg == 3
    own, t0 = W.times(ns, np.maximum(created, 0), CTZ[ci], work)
    o, t, sess = W.expand_sessions(own, t0)
    # pathway per session
    cp = np.cumsum(P, axis=1)
    us = rng.random(len(t0))
    path = (us[:, None] > cp[own]).sum(axis=1)
    path = np.minimum(path, 5)[sess]
    ip = np.full(len(o), -1, dtype=np.int64)
    ip[path == 0] = home[o[path == 0]]
    s = path == 1
    ip[s] = W.cg_pick(ci[o[s]])
    s = path == 2
    ip[s] = off_ip[o[s]]
    s = path == 3
    ip[s] = cloud[o[s]]
    # proxy / vpn: one exit per session
    s = path == 4
    ex = W.resi_pick(len(t0))
    ip[s] = ex[sess[s]]
    s = path == 5
    vx = W.vpn[pick(rng, W.vpn_w, len(t0))]
    ip[s] = vx[sess[s]]
    bad = ip < 0
    ip[bad] = W.cg_pick(ci[o[bad]])
    fw = rng.random(m) < 0.10
    comp_key = np.zeros(m, dtype=U64)
    ckey = smix(np.arange(len(co), dtype=U64) ^ U64(int(W.salt[8])))
    comp_key[s3 : s3 + cnt[3]] = ckey[c_own]
    npers = rng.integers(1, 4, m)
    acct = idx[o]
    tk, var, mask = W.p_ordinary(acct, npers[o], fw[o], comp_key[o])
    base = pick(rng, [0.35, 0.5, 0.15], m)
    base[seg == 6] = np.where(rng.random(int((seg == 6).sum())) < 0.6, M_CODE, M_STD)
    adopt = W.adoption(m)
    W.add_req(acct, t, ip, W.models_for(t, base[o], adopt[o]), tk, var, mask)
    # cron jobs
    cr = np.flatnonzero(seg == 7)
    k = len(cr)
    period = np.array([HOUR, 6 * HOUR, DAY])[pick(rng, [0.2, 0.3, 0.5], k)]
    start = np.maximum(created[cr], 0) + rng.integers(0, 20 * DAY, k)
    start = (start // HOUR + 1) * HOUR
    dur = np.where(rng.random(k) < 0.4, T_END, rng.uniform(2 * DAY, 42 * DAY, k)).astype(np.int64)
    nfire = np.maximum(0, (np.minimum(start + dur, T_END) - start) // period).astype(np.int64)
    ow, j = ragged(nfire)
    tt = start[ow] + j * period[ow] + rng.integers(0, 5, len(ow))
    pop = rng.random(k) < 0.4
    jk = np.where(pop, W.cron_tpl[rng.integers(0, 5, k)], W.personal_key(idx[cr], np.zeros(k, U64)))
    cip = np.where(rng.random(k) < 0.5, home[cr], -1)
    vm = np.flatnonzero(cip < 0)
    for a in vm:
        cip[a] = W.ips.new(CLOUDS[int(rng.integers(0, len(CLOUDS)))], 1)[0]
    latest = rng.random(k) < 0.10
    bm = pick(rng, [0.6, 0.3, 0.1], k)
    model = np.where(latest[ow] & (tt >= REL), M_NEW, bm[ow])
    W.add_req(idx[cr][ow], tt, cip[ow], model, jk[ow])


# =====================================================================================================
# assembly
# =====================================================================================================


def build(n_accounts: int, seed: int, out: Path) -> dict:
    t_start = time.time()
    W = World(n_accounts, seed)
    W._enf = []
    op_metronome(W)
    op_resume(W)
    op_fanout(W)
    trap_sievekit(W)
    trap_shadow_gateway(W)
    trap_payment_lapse(W)
    n_org = n_accounts - W.nacc
    if n_org < 0.5 * n_accounts:
        raise SystemExit("too few accounts for the floors; use --accounts >= 5000")
    organic(W, n_org)
    assert W.nacc == n_accounts
    rng = W.rng
    A = {k: np.concatenate(v) for k, v in W.acc.items()}
    for ia, t, st in W._enf:
        cur = A["ban_t"][ia]
        upd = t < cur
        A["ban_t"][ia[upd]] = t[upd]
        A["status"][ia[upd]] = st[upd]
    # enforcement after the window is not visible
    late = A["ban_t"] >= T_END
    A["ban_t"][late] = INF
    A["status"][late] = 0
    akey = smix(np.arange(n_accounts, dtype=U64) ^ U64(int(W.salt[9])))
    aid = letters(akey, "acct_")

    # ---- requests
    cols = list(zip(*W.req, strict=True))
    acct, t, ip, model, tkey, var, mask = (np.concatenate(c) for c in cols)
    keep = (t >= 0) & (t < T_END) & (t >= A["created"][acct]) & (t < A["ban_t"][acct])
    acct, t, ip, model, tkey, var, mask = (x[keep] for x in (acct, t, ip, model, tkey, var, mask))
    order = np.lexsort((akey[acct], t))
    acct, t, ip, model, tkey, var, mask = (x[order] for x in (acct, t, ip, model, tkey, var, mask))
    fpk = smix(tkey ^ smix(var ^ U64(int(W.salt[10]))))
    sh = smix(tkey ^ U64(int(W.salt[11]))) ^ mask
    ufp, inv = np.unique(fpk, return_inverse=True)
    fp_s = letters(ufp, "fp_")
    sh_hex = hex16(sh)
    ips_s = np.array(W.ips.s, dtype=object)
    ips_asn = np.array(W.ips.asn, dtype=np.int64)
    ts = T0 + t.astype("timedelta64[s]")
    out.mkdir(parents=True, exist_ok=True)
    TS = pa.timestamp("s", tz="UTC")

    def tsarr(x):
        return pa.array((T0 + np.asarray(x, dtype=np.int64).astype("timedelta64[s]")).astype("int64"), pa.int64()).cast(
            TS
        )

    def write(name, table):
        pq.write_table(table, out / f"{name}.parquet", compression="zstd")

    write(
        "requests",
        pa.table(
            {
                "account_id": pa.array(aid[acct]),
                "timestamp": tsarr(t),
                "ip": pa.array(ips_s[ip].astype(str)),
                "model": pa.array(MODELS[model]),
                "prompt_fingerprint": pa.array(fp_s[inv]),
                "prompt_simhash": pa.array(sh_hex),
            }
        ),
    )
    del ts

    # ---- proxies (aggregate of the request log)
    df = pd.DataFrame({"a": acct, "ip": ip, "t": t})
    g = df.groupby(["a", "ip"], sort=True)["t"].agg(["min", "max", "size"]).reset_index()
    g = g.iloc[np.lexsort((g["ip"].to_numpy(), akey[g["a"].to_numpy()]))]
    write(
        "proxies",
        pa.table(
            {
                "account_id": pa.array(aid[g["a"].to_numpy()]),
                "ip": pa.array(ips_s[g["ip"].to_numpy()].astype(str)),
                "asn": pa.array(ips_asn[g["ip"].to_numpy()]),
                "first_seen": tsarr(g["min"].to_numpy()),
                "last_seen": tsarr(g["max"].to_numpy()),
                "request_count": pa.array(g["size"].to_numpy().astype(np.int64)),
            }
        ),
    )

    # ---- prompt fingerprints
    df = pd.DataFrame({"a": acct, "f": inv, "t": t, "r": np.arange(len(t))})
    g = (
        df.groupby(["a", "f"], sort=True)
        .agg(mn=("t", "min"), mx=("t", "max"), n=("t", "size"), r=("r", "first"))
        .reset_index()
    )
    g = g.iloc[np.lexsort((g["f"].to_numpy(), akey[g["a"].to_numpy()]))]
    write(
        "prompt_fingerprints",
        pa.table(
            {
                "account_id": pa.array(aid[g["a"].to_numpy()]),
                "fingerprint": pa.array(fp_s[g["f"].to_numpy()]),
                "simhash": pa.array(sh_hex[g["r"].to_numpy()]),
                "first_seen": tsarr(g["mn"].to_numpy()),
                "last_seen": tsarr(g["mx"].to_numpy()),
                "request_count": pa.array(g["n"].to_numpy().astype(np.int64)),
            }
        ),
    )

    # ---- payment methods
    last_act = np.full(n_accounts, -INF, dtype=np.int64)
    np.maximum.at(last_act, acct, t)
    ca, ck, cat_, cdt = (np.concatenate(x) for x in zip(*W.cards, strict=True))
    attach = np.maximum(cat_, A["created"][ca])
    endt = np.minimum(A["ban_t"][ca], T_END - 1)
    lastv = np.where(cdt >= 0, cdt, np.maximum(np.minimum(last_act[ca], endt), attach))
    o = np.lexsort((ck, akey[ca]))
    write(
        "payment_methods",
        pa.table(
            {
                "account_id": pa.array(aid[ca[o]]),
                "payment_method_id": pa.array(letters(ck[o], "pm_")),
                "first_seen": tsarr(attach[o]),
                "last_seen": tsarr(lastv[o]),
            }
        ),
    )

    # ---- accounts (random row order)
    perm = rng.permutation(n_accounts)
    write(
        "accounts",
        pa.table(
            {
                "account_id": pa.array(aid[perm]),
                "created_at": tsarr(A["created"][perm]),
                "email_domain": pa.array(A["domain"][perm].astype(str)),
                "country": pa.array(A["country"][perm].astype(str)),
                "status": pa.array(STATUS[A["status"][perm]]),
            }
        ),
    )
    truth = pd.DataFrame(
        {
            "account_id": aid[perm],
            "group": A["group"][perm],
            "kind": A["kind"][perm],
            "status": STATUS[A["status"][perm]],
            "replacement": A["repl"][perm],
            "segment": A["segment"][perm],
        }
    )
    truth.to_csv(out / "truth.csv", index=False)
    summ = truth.groupby(["kind", "group"]).size()
    return {
        "accounts": n_accounts,
        "requests": len(t),
        "seconds": round(time.time() - t_start, 1),
        "groups": {f"{k}/{g}": int(v) for (k, g), v in summ.items() if g != "organic"},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    if a.accounts < 5000:
        raise SystemExit("--accounts must be at least 5000")
    info = build(a.accounts, a.seed, Path(a.out_dir))
    print(info)


if __name__ == "__main__":
    main()
