#!/usr/bin/env python3
"""Tenth independent linkgraph test world: "pipelines, islands, carrier NAT and a bridge".

Usage::

    python bench/tenth_world.py OUT_DIR [--accounts N] [--seed S] [--check]

Writes the data-contract tables (version 2) as Parquet into OUT_DIR -- ``accounts``,
``payment_methods``, ``proxies``, ``prompt_fingerprints``, ``requests`` -- and the ground truth
``truth.csv`` (``account_id,group,kind,status,replacement``).  Only numpy, pandas and pyarrow are
used; everything random comes from one ``numpy.random.Generator`` seeded with ``--seed``, so a seed
always gives byte-identical tables.  ``--check`` re-reads the output and validates it.

The request log covers 90 days, 2026-01-01 to 2026-04-01 UTC.  Two model generations are released
inside the window: ``atlas-3``/``atlas-3-mini`` on 2026-02-10 17:00 and ``atlas-3.5``/
``atlas-3.5-mini`` on 2026-03-12 16:00 (``atlas-2``/``atlas-2-mini`` before).  Ordinary customers
adopt new models over days to weeks; some never do.

Fraud (kind ``fraud``, about 3 % of the accounts)
------------------------------------------------
``op_pipeline``  (~0.9 %) -- one automated sign-up pipeline.  Accounts are created in night-time
    batches of ~30, one every 150-330 s (fixed step per batch, +-2 s jitter), with ordinary
    webmail domains and random countries.  Each account then drips ~0.45 requests/day at any hour
    for weeks: no lockstep, low volume.  Every account has its own card.  They sit on a pool of
    rented cloud IPs (two sticky IPs each, ~4-5 accounts per IP; the cloud provider recycles some
    of those IPs to ordinary developers) and draw from 40 paraphrases of each of three template
    families.  Adopts new models 6-20 h after release.  8 % suspended.  Signals: creation-time
    cadence, shared template families and exact paraphrases, cloud IP co-use, fast adoption.
``op_islands``  (~0.6 %) -- shares NO card and NO IP between its accounts.  Each account has its
    own prepaid card and its own sticky exit(s) in a residential proxy pool whose other exits serve
    thousands of ordinary proxy customers (who rotate per request and so also touch the exits the
    operation uses).  Every request is a fresh paraphrase (never an exact fingerprint repeat) of
    one of two template families; the family is chosen per dispatch tick.  The operation's
    scheduler ticks every 30 minutes (02:07-04:37 UTC daily, 14:07-15:37 UTC on 40 % of days) and
    each tick fires ~6 % of the accounts inside the same 40-second slot (~0.45 requests per
    account per day; any two accounts co-fire only a couple of times over the window).  Switches models exactly
    5 h (atlas-3) and 4 h (atlas-3.5) after release.  Never banned.  Signals: only SimHash
    proximity plus fine-grained co-timing.
``op_cgnat``  (~0.65 % + replacements) -- rents IPs from a US mobile carrier's CGNAT pool (the
    same ~N/250 public IPs carry ``trap_mobile_cgnat``'s thousands of phone users) and staggers
    its accounts in cohorts of ~20 that start every few days and live 12-25 days.  Prepaid cards
    are resold within a cohort, each shared by 2-3 accounts.  40 % of cohort accounts are banned;
    80 % of those are replaced WEEKS later (14-35 days) by accounts with fresh cards that use NEW
    paraphrases (2-6 bits from the family centre) of the same two families (10 % of their
    requests still reuse the old paraphrases).  ``replacement=1`` marks them.
``op_bridge``  (~0.65 %) -- long-running, created Nov/Dec 2025, and split into two
    unrelated-looking sub-networks.  A (55 %): three small custom email domains, SG/MY/HK, a
    handful of private control IPs at a small hoster, a few cards each shared by ~18 accounts,
    families X/Y.  B (40 %): webmail, a second reseller's proxy exits (also used by ordinary VPN
    customers, rotated per request), cards shared by pairs, families Z/W.  A few bridge accounts
    (5 %) use A's control IPs, join a B card pair and use all four families.  Until atlas-3.5 the
    accounts are quiet (~0.1 request/day, old models, half popular prompts as camouflage).
    2.5 h (A) / 5 h (B) after the atlas-3.5 release they escalate: a round-robin dispatcher sends
    ~55 requests per account over the remaining days at a constant aggregate rate ("load
    balancing").  12 % of A are banned during the escalation, 5 % of B suspended.

Innocent look-alikes (kind ``benign_group``; none should be flagged)
-------------------------------------------------------------------
``trap_hospital``  -- hospitals/banks: every employee behind 2-3 corporate egress IPs in the
    institution's own ASN, all on ONE corporate card, half the accounts bulk-provisioned by an SSO
    script one every ~2 s (a creation cadence far tighter than the pipeline's), office hours,
    diverse personal prompts, IT switches everyone to atlas-3 at one moment three weeks late.
``trap_course``  -- an online course: thousands of learners (own cards or none, own home IPs,
    15 % on university domains, many created in an enrolment burst) submit the same graded
    exercise -- one template family, mostly fresh paraphrases, 30 % the verbatim starter prompt --
    in the 36 h before the deadline (2026-02-20 23:59 UTC), 70 % on atlas-3-mini.
``trap_extension``  -- a browser-extension vendor: users bring their own key, 85 % of their traffic
    goes through 8 vendor relay IPs with the vendor's default system prompt (five versions =
    paraphrases of one family, exact fingerprints shared by hundreds), and all switch from
    atlas-2-mini to atlas-3-mini at the same moment when the vendor flips its default.
``trap_playtest``  -- game studios: hundreds of testers sign up within one hour, all paid by the
    studio's sponsor card, and run the same 12-prompt script (one family, identical fingerprints)
    1-4 times over two days from their homes (some from the studio office), pinned to atlas-2-mini;
    40 % keep using their accounts lightly afterwards.
``trap_newsroom``  -- newsrooms on their own domain: office egress, one corporate card, house-style
    template families plus diverse prompts, heavy volume (~25 requests per account), and the whole
    newsroom moves to each new model 20-60 minutes after release; a third of the staff try the new
    model within a few hours.
``trap_cafe``  -- internet cafes and libraries: many unrelated visitors share one or two IPs over
    months (40 % of their sessions), plus their own homes.
``trap_isp_cgnat``  -- a national ISP (PH) that puts every subscriber behind a CGNAT pool of ~N/300
    IPs; each session gets a random pool IP.
``trap_mobile_cgnat``  -- ordinary phone users of the US carrier whose CGNAT pool op_cgnat rents.
``trap_family``  -- families of 5-8 accounts sharing one card and home IPs (30 % on a family domain).

Organic population (kind ``organic``, ~75 %)
-------------------------------------------
``org_individual`` (own card or none, home/mobile IPs, popular public templates with Zipf-shared
paraphrases, an agent framework's system prompt, unique prompts, 4 % run a daily cron job at
minute :00), ``org_couple`` (pairs sharing a card and home), ``org_team`` (3-15 colleagues on their
own domain, one card, office IPs, a team template family), ``org_dev`` (cloud IPs, some recycled
from the pipeline's pool, agent prompt), ``org_vpn`` (commercial VPN exits; 20 % on the reseller B
uses) and ``org_proxyuser`` (ordinary customers of the residential proxy pool op_islands uses,
rotating per request).  About 0.5 % of individuals/devs are banned and 0.3 % suspended for
unrelated reasons.

Tables: ``proxies`` and ``prompt_fingerprints`` are exact aggregates of ``requests`` (first_seen,
last_seen, request_count); ``payment_methods`` carries first_seen/last_seen.  Identifiers are
random base-32 tokens, so no column ever holds a long digit run (SimHash values with a run of 13+
decimal digits are redrawn); IPs sit in per-ASN /16 prefixes so every IP has exactly one ASN.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DAY = 86400.0
HOUR = 3600.0
MINUTE = 60.0


def epoch(text: str) -> float:
    return float(np.datetime64(text, "s").astype(np.int64))


T0 = epoch("2026-01-01T00:00:00")
T_END = T0 + 90 * DAY
R1 = epoch("2026-02-10T17:00:00")  # atlas-3, atlas-3-mini
R2 = epoch("2026-03-12T16:00:00")  # atlas-3.5, atlas-3.5-mini
MODELS = np.array(["atlas-2", "atlas-2-mini", "atlas-3", "atlas-3-mini", "atlas-3.5", "atlas-3.5-mini"], dtype=object)

COUNTRIES = [  # code, UTC offset in hours, share of ordinary customers
    ("US", -5, 0.26),
    ("GB", 0, 0.06),
    ("DE", 1, 0.06),
    ("FR", 1, 0.04),
    ("IN", 5.5, 0.09),
    ("BR", -3, 0.05),
    ("JP", 9, 0.04),
    ("KR", 9, 0.03),
    ("CA", -5, 0.03),
    ("AU", 10, 0.02),
    ("NG", 1, 0.02),
    ("ID", 7, 0.03),
    ("MX", -6, 0.03),
    ("SG", 8, 0.015),
    ("ES", 1, 0.03),
    ("IT", 1, 0.02),
    ("PL", 1, 0.02),
    ("NL", 1, 0.02),
    ("TR", 3, 0.02),
    ("VN", 7, 0.02),
    ("PH", 8, 0.03),
    ("ZA", 2, 0.01),
    ("EG", 2, 0.01),
    ("AR", -3, 0.02),
    ("MY", 8, 0.01),
    ("HK", 8, 0.005),
]
CC = np.array([c[0] for c in COUNTRIES], dtype=object)
TZ = np.array([c[1] for c in COUNTRIES], dtype=float)
CW = np.array([c[2] for c in COUNTRIES], dtype=float)
CW = CW / CW.sum()
CIDX = {c: i for i, c in enumerate(CC)}
BIG_COUNTRIES = {"US", "IN", "BR", "DE", "GB", "JP"}

WEBMAIL = [
    ("gmail.com", 0.46),
    ("outlook.com", 0.11),
    ("hotmail.com", 0.05),
    ("yahoo.com", 0.06),
    ("icloud.com", 0.07),
    ("proton.me", 0.04),
    ("gmx.de", 0.025),
    ("web.de", 0.02),
    ("qq.com", 0.02),
    ("naver.com", 0.02),
    ("yandex.ru", 0.01),
    ("aol.com", 0.01),
    ("mail.com", 0.01),
    ("zoho.com", 0.01),
    ("fastmail.com", 0.01),
    ("comcast.net", 0.015),
    ("orange.fr", 0.015),
    ("btinternet.com", 0.01),
    ("libero.it", 0.01),
    ("uol.com.br", 0.01),
]
WM_NAMES = np.array([w[0] for w in WEBMAIL], dtype=object)
WM_W = np.array([w[1] for w in WEBMAIL], dtype=float)
WM_W = WM_W / WM_W.sum()
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ver",
    "tan",
    "zo",
    "ri",
    "bel",
    "nor",
    "tek",
    "sol",
    "ux",
    "ar",
    "den",
    "fi",
    "qua",
    "lin",
    "mor",
    "pex",
    "sta",
    "gra",
    "vo",
    "ne",
    "ly",
    "cor",
    "dal",
    "en",
    "hu",
    "jas",
    "kel",
    "om",
    "pri",
]
TLDS = [".com", ".io", ".net", ".co", ".dev", ".ai", ".org", ".app"]
TLD_W = [0.45, 0.12, 0.1, 0.1, 0.06, 0.07, 0.06, 0.04]
UNI_TLDS = [".edu", ".ac.uk", ".edu.au", ".ac.jp", "-uni.de", ".edu.br", ".ac.in"]
FIRST_OCTETS = np.array([o for o in range(1, 224) if o not in (10, 100, 127, 169, 172, 192, 198, 203)])
B32 = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz234567", dtype=np.uint8)


def _norm(a: list[float]) -> np.ndarray:
    x = np.asarray(a, dtype=float)
    return x / x.max()


# local-hour weights and day-of-week weights (Monday first); "ops" is meant for UTC (tz 0)
PROFILES = {
    "personal": (
        _norm(
            [
                2,
                1.2,
                0.7,
                0.4,
                0.3,
                0.4,
                0.8,
                1.5,
                2.5,
                3.4,
                3.9,
                4.1,
                4.3,
                4.2,
                4.1,
                4.1,
                4.3,
                4.6,
                5,
                5.5,
                5.6,
                5.1,
                4.1,
                3,
            ]
        ),
        _norm([1, 1, 1, 1, 1, 1.05, 1.05]),
    ),
    "office": (
        _norm(
            [
                0.1,
                0.05,
                0.05,
                0.05,
                0.05,
                0.1,
                0.3,
                1,
                3.5,
                5,
                5,
                4.6,
                3.5,
                4.6,
                5,
                5,
                4.5,
                3,
                1.5,
                0.8,
                0.5,
                0.4,
                0.3,
                0.2,
            ]
        ),
        _norm([1, 1, 1, 1, 0.95, 0.12, 0.08]),
    ),
    "newsroom": (
        _norm(
            [0.3, 0.2, 0.1, 0.1, 0.2, 0.6, 2, 3.5, 4.5, 5, 5, 4.8, 4.5, 4.8, 5, 5, 4.8, 4.5, 4, 3.5, 3, 2.2, 1.4, 0.7]
        ),
        _norm([1, 1, 1, 1, 1, 0.7, 0.6]),
    ),
    "daytime": (
        _norm(
            [
                0.1,
                0.05,
                0.05,
                0.05,
                0.05,
                0.05,
                0.2,
                0.6,
                2,
                3.5,
                4,
                4.2,
                4.3,
                4.4,
                4.4,
                4.4,
                4.3,
                4.2,
                4,
                3.5,
                2.5,
                1.2,
                0.4,
                0.2,
            ]
        ),
        _norm([0.9, 0.9, 0.9, 0.9, 1, 1, 0.8]),
    ),
    "ops": (_norm([1] * 10 + [0.45] * 14), _norm([1] * 7)),
}
AGENT_W = np.array([0.35, 0.25, 0.15, 0.12, 0.08, 0.05])


def zipf_weights(n: int, s: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def long_digit_run(v: np.ndarray) -> np.ndarray:
    """True where the 16-hex-digit rendering of v has a run of 13 or more decimal digits."""
    run = np.zeros(v.shape, np.int16)
    best = np.zeros(v.shape, np.int16)
    for s in range(60, -4, -4):
        dig = ((v >> np.uint64(s)) & np.uint64(15)) < 10
        run = np.where(dig, run + 1, 0).astype(np.int16)
        best = np.maximum(best, run)
    return best >= 13


def pack(n: int, rows: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ragged (row, value) pairs -> (n, k) matrix padded with -1 and a per-row count."""
    order = np.argsort(rows, kind="stable")
    r = rows[order]
    v = vals[order]
    cnt = np.bincount(r, minlength=n)
    start = np.cumsum(cnt) - cnt
    col = np.arange(r.size) - start[r]
    mat = np.full((n, max(1, int(cnt.max()) if n else 1)), -1, np.int64)
    mat[r, col] = v
    return mat, cnt


def group_agg(key: np.ndarray, ts: np.ndarray):
    order = np.argsort(key, kind="stable")
    k = key[order]
    t = ts[order]
    if k.size == 0:
        e = np.zeros(0)
        return k, e, e, np.zeros(0, np.int64)
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    first = np.minimum.reduceat(t, starts)
    last = np.maximum.reduceat(t, starts)
    cnt = np.diff(np.r_[starts, k.size])
    return k[starts], first, last, cnt


def split_sizes(n: int, parts: int) -> np.ndarray:
    s = np.full(parts, n // parts, np.int64)
    s[: n % parts] += 1
    return s


class World:
    def __init__(self, n_accounts: int, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.n_target = n_accounts
        self.acc: dict[str, list] = {k: [] for k in ("group", "kind", "created", "domain", "cty", "status", "repl")}
        self.n_acc = 0
        self.req: dict[str, list] = {k: [] for k in ("acc", "ts", "ip", "model", "para")}
        self.pay: dict[str, list] = {k: [] for k in ("acc", "token", "first")}
        self.fam_base = np.zeros(0, np.uint64)
        self.para_sh: list[np.ndarray] = []
        self.n_para = 0
        self.ip_str: list[np.ndarray] = []
        self.ip_asn: list[np.ndarray] = []
        self.n_ip = 0
        self.asn_num: list[int] = []
        self.asn_pref: list[np.ndarray] = []
        self.asn_v6: list[str] = []
        self.used16: set[int] = set()
        self.used_asn: set[int] = set()

    # ------------------------------------------------------------------ primitives
    def tokens(self, n: int, prefix: str, length: int) -> np.ndarray:
        raw = B32[self.rng.integers(0, 32, size=(n, length))]
        s = raw.view(f"S{length}").ravel().astype(f"U{length}")
        return np.char.add(prefix, s).astype(object)

    def countries(self, n: int) -> np.ndarray:
        return self.rng.choice(len(CC), n, p=CW)

    def webmail(self, n: int) -> np.ndarray:
        return WM_NAMES[self.rng.choice(len(WM_NAMES), n, p=WM_W)]

    def domain_names(self, n: int, tlds: list[str] | None = None, suffix: str = "") -> np.ndarray:
        rng = self.rng
        k = rng.integers(2, 4, n)
        s = rng.integers(0, len(SYLLABLES), (n, 3))
        if tlds is None:
            t = np.asarray(TLDS, dtype=object)[rng.choice(len(TLDS), n, p=TLD_W)]
        else:
            t = np.asarray(tlds, dtype=object)[rng.integers(0, len(tlds), n)]
        out = [
            "".join(SYLLABLES[j] for j in row[:kk]) + suffix + tt
            for row, kk, tt in zip(s.tolist(), k.tolist(), t.tolist(), strict=True)
        ]
        return np.array(out, dtype=object)

    def emails(self, n: int, p_custom: float = 0.10, p_uni: float = 0.02) -> np.ndarray:
        dom = self.webmail(n)
        u = self.rng.random(n)
        cust = u < p_custom
        dom[cust] = self.domain_names(int(cust.sum()))
        uni = (u >= p_custom) & (u < p_custom + p_uni)
        dom[uni] = self.unis[self.rng.integers(0, self.unis.size, int(uni.sum()))]
        return dom

    def rand64(self, n: int) -> np.ndarray:
        v = self.rng.integers(0, 2**64 - 1, size=n, dtype=np.uint64, endpoint=True)
        bad = long_digit_run(v)
        while bad.any():
            v[bad] = self.rng.integers(0, 2**64 - 1, size=int(bad.sum()), dtype=np.uint64, endpoint=True)
            bad = long_digit_run(v)
        return v

    # prompt templates: a family has a base SimHash; a paraphrase flips a few of its bits
    def families(self, n: int) -> np.ndarray:
        ids = np.arange(self.fam_base.size, self.fam_base.size + n)
        self.fam_base = np.concatenate([self.fam_base, self.rand64(n)])
        return ids

    def _add_paras(self, sh: np.ndarray) -> np.ndarray:
        ids = np.arange(self.n_para, self.n_para + sh.size)
        self.para_sh.append(sh)
        self.n_para += sh.size
        return ids

    def paraphrases(self, fam: np.ndarray, kmin: int = 1, kmax: int = 4) -> np.ndarray:
        base = self.fam_base[np.asarray(fam, np.int64)]
        out = base.copy()
        todo = np.arange(base.size)
        while todo.size:
            k = self.rng.integers(kmin, kmax + 1, todo.size)
            pos = self.rng.integers(0, 64, (todo.size, kmax)).astype(np.uint64)
            bits = np.left_shift(np.uint64(1), pos)
            bits[np.arange(kmax)[None, :] >= k[:, None]] = 0
            out[todo] = base[todo] ^ np.bitwise_or.reduce(bits, axis=1)
            todo = todo[long_digit_run(out[todo])]
        return self._add_paras(out)

    def unique(self, n: int) -> np.ndarray:
        return self._add_paras(self.rand64(n))

    def popular(self, n: int) -> np.ndarray:
        f = self.rng.choice(self.pop_paras.shape[0], n, p=self.pop_fw)
        p = self.rng.choice(self.pop_paras.shape[1], n, p=self.pop_pw)
        return self.pop_paras[f, p]

    def prompts(self, pos: np.ndarray, p_pop: float, p_agent: float, extra, p_extra: float) -> np.ndarray:
        n = pos.size
        u = self.rng.random(n)
        out = np.empty(n, np.int64)
        a = u < p_pop
        b = (u >= p_pop) & (u < p_pop + p_agent)
        c = (u >= p_pop + p_agent) & (u < p_pop + p_agent + p_extra)
        d = u >= p_pop + p_agent + p_extra
        out[a] = self.popular(int(a.sum()))
        out[b] = self.agent[self.rng.choice(AGENT_W.size, int(b.sum()), p=AGENT_W)]
        if c.any():
            out[c] = extra[pos[c], self.rng.integers(0, extra.shape[1], int(c.sum()))]
        out[d] = self.unique(int(d.sum()))
        return out

    # network: every ASN owns a few /16 prefixes and one IPv6 /32
    def new_asn(self, n16: int) -> int:
        rng = self.rng
        while True:
            num = int(rng.integers(2000, 400000))
            if num not in self.used_asn and not 64496 <= num <= 131071:
                break
        self.used_asn.add(num)
        prefixes: list[int] = []
        while len(prefixes) < n16:
            key = int(rng.choice(FIRST_OCTETS)) * 256 + int(rng.integers(0, 256))
            if key not in self.used16:
                self.used16.add(key)
                prefixes.append(key)
        self.asn_num.append(num)
        self.asn_pref.append(np.array(prefixes, np.int64))
        self.asn_v6.append(f"2{int(rng.integers(0x001, 0xFFF)):03x}:{int(rng.integers(0x100, 0x10000)):x}")
        return len(self.asn_num) - 1

    def _add_ips(self, strs: list[str], asn: int) -> np.ndarray:
        ids = np.arange(self.n_ip, self.n_ip + len(strs))
        self.ip_str.append(np.array(strs, dtype=object))
        self.ip_asn.append(np.full(len(strs), self.asn_num[asn], np.int64))
        self.n_ip += len(strs)
        return ids

    def ip_v4(self, asn: int, n: int) -> np.ndarray:
        pref = self.asn_pref[asn]
        p = pref[self.rng.integers(0, pref.size, n)]
        c = self.rng.integers(0, 256, n)
        d = self.rng.integers(1, 255, n)
        strs = [f"{q >> 8}.{q & 255}.{x}.{y}" for q, x, y in zip(p.tolist(), c.tolist(), d.tolist(), strict=True)]
        return self._add_ips(strs, asn)

    def ip_v6(self, asn: int, n: int) -> np.ndarray:
        pre = self.asn_v6[asn]
        g = self.rng.integers(0, 0x10000, (n, 3))
        strs = [f"{pre}:{a:x}:{b:x}::{c:x}" for a, b, c in g.tolist()]
        return self._add_ips(strs, asn)

    def alloc(self, kind: str, cty: np.ndarray, pick: np.ndarray | None = None, v6: bool = False) -> np.ndarray:
        """One fresh IP per element, from an ISP of the given kind in that element's country."""
        cty = np.asarray(cty, np.int64)
        if pick is None:
            pick = self.rng.integers(0, 1 << 20, cty.size)
        out = np.empty(cty.size, np.int64)
        for c in np.unique(cty):
            rows = np.flatnonzero(cty == c)
            asns = self.isp[kind][int(c)]
            which = pick[rows] % len(asns)
            for j, a in enumerate(asns):
                r = rows[which == j]
                if r.size:
                    out[r] = self.ip_v6(a, r.size) if v6 else self.ip_v4(a, r.size)
        return out

    def home_links(self, cty: np.ndarray, kmax: int = 3, p_v6: float = 0.2, p_mob: float = 0.35):
        rng = self.rng
        n = cty.size
        k = rng.integers(1, kmax + 1, n)
        isp = rng.integers(0, 1 << 20, n)
        rows = [np.repeat(np.arange(n), k)]
        ips = [self.alloc("resi", np.repeat(cty, k), np.repeat(isp, k))]
        m6 = np.flatnonzero(rng.random(n) < p_v6)
        rows.append(m6)
        ips.append(self.alloc("resi", cty[m6], isp[m6], v6=True))
        mm = np.flatnonzero(rng.random(n) < p_mob)
        rows.append(mm)
        ips.append(self.alloc("mob", cty[mm]))
        return np.concatenate(rows), np.concatenate(ips)

    def pick(self, mat: np.ndarray, cnt: np.ndarray, rows: np.ndarray) -> np.ndarray:
        col = (self.rng.random(rows.size) * cnt[rows]).astype(np.int64)
        return mat[rows, col]

    # time
    def diurnal(self, lo: np.ndarray, hi: np.ndarray, tz: np.ndarray, prof: str) -> np.ndarray:
        hw, dw = PROFILES[prof]
        out = np.empty(lo.size)
        todo = np.arange(lo.size)
        for _ in range(60):
            if not todo.size:
                break
            t = lo[todo] + self.rng.random(todo.size) * (hi[todo] - lo[todo])
            local = t + tz[todo] * HOUR
            hour = ((local // HOUR) % 24).astype(np.int64)
            dow = ((local // DAY + 3) % 7).astype(np.int64)
            ok = self.rng.random(todo.size) < hw[hour] * dw[dow]
            out[todo[ok]] = t[ok]
            todo = todo[~ok]
        if todo.size:
            out[todo] = lo[todo] + self.rng.random(todo.size) * (hi[todo] - lo[todo])
        return out

    def sessions(self, counts, lo, hi, tz, prof, follow=0.55, gap=150.0):
        """Requests grouped into sessions: a session starts at a diurnal time, follow-ups come minutes apart."""
        rng = self.rng
        pos = np.repeat(np.arange(counts.size), counts)
        n = pos.size
        new = rng.random(n) >= follow
        starts = (np.cumsum(counts) - counts)[counts > 0]
        new[starts] = True
        sess = np.cumsum(new) - 1
        spos = pos[new]
        st = self.diurnal(lo[spos], hi[spos], tz[spos], prof)
        g = rng.exponential(gap, n)
        g[new] = 0.0
        cum = np.cumsum(g)
        base = np.maximum.accumulate(np.where(new, cum, 0.0)) if n else cum
        ts = st[sess] + (cum - base)
        ts = np.minimum(ts, hi[pos] - 1.0)
        return pos, ts, sess, spos

    def counts(self, n: int, mean: float, sigma: float, zero: float) -> np.ndarray:
        c = np.rint(self.rng.lognormal(np.log(mean) - sigma**2 / 2, sigma, n)).astype(np.int64)
        c = np.clip(c, 1, 400)
        c[self.rng.random(n) < zero] = 0
        return c

    # models
    def adoption(self, n: int, never1: float = 0.25, never2: float = 0.4, median: float = 6.0):
        rng = self.rng
        d1 = rng.lognormal(np.log(median * DAY), 1.0, n)
        d1[rng.random(n) < never1] = np.inf
        d2 = rng.lognormal(np.log(median * DAY), 1.0, n)
        d2[rng.random(n) < never2] = np.inf
        return d1, d2

    def models(self, ts, d1, d2, pmini, lag: float = 0.05) -> np.ndarray:
        g1 = ts >= R1 + d1
        g2 = g1 & (ts >= R2 + d2)
        gen = g1.astype(np.int64) + g2
        back = (gen > 0) & (self.rng.random(ts.size) < lag)
        gen[back] -= 1
        return gen * 2 + (self.rng.random(ts.size) < pmini)

    # ------------------------------------------------------------------ recording
    def add_accounts(self, group, kind, created, domain, cty, status=None, repl=None) -> np.ndarray:
        n = len(created)
        ids = np.arange(self.n_acc, self.n_acc + n)
        self.n_acc += n
        a = self.acc
        a["group"].append(np.full(n, group, dtype=object))
        a["kind"].append(np.full(n, kind, dtype=object))
        a["created"].append(np.floor(np.asarray(created, float)))
        a["domain"].append(np.asarray(domain, dtype=object))
        a["cty"].append(np.asarray(cty, np.int64))
        a["status"].append(np.full(n, "active", dtype=object) if status is None else np.asarray(status, dtype=object))
        a["repl"].append(np.zeros(n, np.int8) if repl is None else np.asarray(repl, np.int8))
        return ids

    def add_cards(self, ids: np.ndarray, labels: np.ndarray, first: np.ndarray) -> None:
        """Card rows; accounts with the same label share one card token."""
        if not ids.size:
            return
        labels = np.asarray(labels, np.int64)
        toks = self.tokens(int(labels.max()) + 1, "pm_", 24)
        self.pay["acc"].append(ids)
        self.pay["token"].append(toks[labels])
        self.pay["first"].append(np.minimum(np.asarray(first, float), T_END - MINUTE))

    def add_req(self, r: dict) -> None:
        for k in ("acc", "ts", "ip", "model", "para"):
            self.req[k].append(np.asarray(r[k]))

    def chunk_labels(self, n: int, lo: int, hi: int) -> np.ndarray:
        sizes = self.rng.integers(lo, hi + 1, n // max(lo, 1) + 1)
        return np.searchsorted(np.cumsum(sizes), np.arange(n), side="right")

    def people(self, n, group, kind, *, cty=None, dom=None, created=None, p_card=0.65, p_ban=0.0, p_susp=0.0):
        """Ordinary accounts with their own card (or none) and occasional unrelated enforcement."""
        rng = self.rng
        cty = self.countries(n) if cty is None else np.asarray(cty, np.int64)
        dom = self.emails(n) if dom is None else dom
        if created is None:
            start, end = epoch("2023-03-01T00:00:00"), T_END - DAY
            day = np.floor((start + (end - start) * np.sqrt(rng.random(n))) / DAY) * DAY
            created = self.diurnal(day, np.minimum(day + DAY, end), TZ[cty], "personal")
        hi = np.full(n, T_END)
        u = rng.random(n)
        lo = np.maximum(created, T0) + DAY
        can = lo < T_END - 2 * DAY
        ban = can & (u < p_ban)
        susp = can & (u >= p_ban) & (u < p_ban + p_susp)
        cut = lo + rng.random(n) * (T_END - HOUR - lo)
        hi = np.where(ban | susp, cut, hi)
        status = np.where(ban, "banned", np.where(susp, "suspended", "active"))
        ids = self.add_accounts(group, kind, created, dom, cty, status)
        has = np.flatnonzero(rng.random(n) < p_card)
        first = created[has] + rng.exponential(5 * DAY, has.size) + MINUTE
        self.add_cards(ids[has], np.arange(has.size), first)
        two = has[rng.random(has.size) < 0.05]
        if two.size:
            later = np.maximum(created[two], T0) + rng.uniform(0, 80, two.size) * DAY
            self.add_cards(ids[two], np.arange(two.size), later)
        return ids, np.floor(created), cty, hi

    def ordinary(
        self,
        ids,
        created,
        cty,
        mat,
        cnt,
        *,
        mean=4.0,
        sigma=1.0,
        zero=0.12,
        prof="personal",
        p_pop=0.4,
        p_agent=0.02,
        extra=None,
        p_extra=0.0,
        adopt=None,
        pmini=None,
        hi=None,
        churn=0.25,
        follow=0.55,
        gap=150.0,
        sess_pool=None,
        p_sess_pool=0.0,
        counts=None,
        lag=0.05,
        add=True,
    ) -> dict:
        """Diurnal sessions of ordinary usage from an account's own IP set."""
        rng = self.rng
        n = ids.size
        if counts is None:
            counts = self.counts(n, mean, sigma, zero)
        lo = np.maximum(created, T0) + MINUTE
        hi = np.full(n, T_END) if hi is None else np.minimum(np.asarray(hi, float), T_END)
        ch = rng.random(n) < churn
        hi[ch] = np.minimum(hi[ch], lo[ch] + HOUR + rng.exponential(30 * DAY, int(ch.sum())))
        dead = hi < lo + 600
        counts = np.where(dead, 0, counts)
        hi = np.where(dead, lo + 600, hi)
        pos, ts, sess, spos = self.sessions(counts, lo, hi, TZ[cty], prof, follow, gap)
        sip = self.pick(mat, cnt, spos)
        if sess_pool is not None:
            pp = np.broadcast_to(np.asarray(p_sess_pool, float), (n,))[spos]
            m = rng.random(spos.size) < pp
            sip[m] = sess_pool[rng.integers(0, sess_pool.size, int(m.sum()))]
        ip = sip[sess]
        para = self.prompts(pos, p_pop, p_agent, extra, p_extra)
        d1, d2 = self.adoption(n) if adopt is None else adopt
        d1 = np.broadcast_to(np.asarray(d1, float), (n,))
        d2 = np.broadcast_to(np.asarray(d2, float), (n,))
        pm = rng.beta(1.2, 3.0, n) if pmini is None else np.broadcast_to(np.asarray(pmini, float), (n,))
        model = self.models(ts, d1[pos], d2[pos], pm[pos], lag)
        r = {"acc": ids[pos], "ts": ts, "ip": ip, "model": model, "para": para, "pos": pos, "sess": sess, "spos": spos}
        if add:
            self.add_req(r)
        return r

    # ------------------------------------------------------------------ infrastructure
    def build_infra(self) -> None:
        n = self.n_target
        self.isp: dict[str, dict[int, list[int]]] = {"resi": {}, "mob": {}, "biz": {}}
        for c, code in enumerate(CC):
            big = code in BIG_COUNTRIES
            self.isp["resi"][c] = [self.new_asn(6 if big else 2) for _ in range(4 if big else 2)]
            self.isp["mob"][c] = [self.new_asn(4 if big else 2) for _ in range(2 if big else 1)]
            self.isp["biz"][c] = [self.new_asn(2)]
        self.cloud = [self.new_asn(8) for _ in range(3)]
        self.hoster = self.new_asn(1)
        self.vpn1 = self.ip_v4(self.new_asn(2), max(150, round(n / 130)))
        self.vpn2 = self.ip_v4(self.new_asn(1), max(24, round(n / 700)))  # the second reseller (op_bridge B)
        self.resi_pool = self.alloc("resi", self.countries(max(1500, round(n / 10))))
        self.mob_pool = self.ip_v4(self.new_asn(2), max(60, round(n / 250)))  # US carrier CGNAT
        self.nat_pool = self.ip_v4(self.new_asn(2), max(40, round(n / 300)))  # PH national ISP CGNAT
        npipe = max(24, round(0.009 * n / 4.5))
        self.pipe_pool = np.concatenate(
            [self.ip_v4(a, int(k)) for a, k in zip(self.cloud, split_sizes(npipe, 3), strict=True)]
        )
        self.pop_paras = self.paraphrases(np.repeat(self.families(60), 30)).reshape(60, 30)
        self.pop_fw = zipf_weights(60, 1.0)
        self.pop_pw = zipf_weights(30, 1.3)
        self.agent = self.paraphrases(np.repeat(self.families(1), 6))
        self.unis = self.domain_names(40, UNI_TLDS)

    # ------------------------------------------------------------------ fraud
    def op_pipeline(self, n: int) -> None:
        rng = self.rng
        nb = max(3, round(n / 30))
        sizes = split_sizes(n, nb)
        day = np.sort(rng.choice(np.arange(-20, 56), nb, replace=nb > 76)).astype(float)
        start = T0 + day * DAY + rng.uniform(1, 4, nb) * HOUR
        step = rng.integers(150, 331, nb).astype(float)
        b = np.repeat(np.arange(nb), sizes)
        j = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        created = start[b] + j * step[b] + rng.normal(0, 2.0, n)
        lo = np.maximum(created, T0) + rng.uniform(1, 3, n) * DAY
        hi = np.full(n, T_END)
        susp = rng.random(n) < 0.08
        hi = np.where(susp, lo + rng.uniform(0.3, 0.8, n) * (hi - lo), hi)
        ids = self.add_accounts(
            "op_pipeline", "fraud", created, self.webmail(n), self.countries(n), np.where(susp, "suspended", "active")
        )
        has = np.flatnonzero(rng.random(n) < 0.9)
        self.add_cards(ids[has], np.arange(has.size), created[has] + rng.uniform(60, 3600, has.size))
        counts = rng.poisson(0.45 * (hi - lo) / DAY)
        pos = np.repeat(np.arange(n), counts)
        ts = lo[pos] + rng.random(pos.size) * (hi[pos] - lo[pos])
        sticky = self.pipe_pool[rng.integers(0, self.pipe_pool.size, (n, 2))]
        ip = sticky[pos, rng.integers(0, 2, pos.size)]
        paras = self.paraphrases(np.repeat(self.families(3), 40)).reshape(3, 40)
        cw = np.cumsum(rng.dirichlet(np.ones(3), n), axis=1)
        f = np.minimum((rng.random(pos.size)[:, None] > cw[pos]).sum(axis=1), 2)
        para = paras[f, rng.integers(0, 40, pos.size)]
        d = rng.uniform(6, 20, n) * HOUR
        model = self.models(ts, d[pos], d[pos], 0.2, lag=0.0)
        self.add_req({"acc": ids[pos], "ts": ts, "ip": ip, "model": model, "para": para})

    def op_islands(self, n: int) -> None:
        rng = self.rng
        created = T0 + rng.uniform(-5, 30, n) * DAY
        dom = self.webmail(n)
        cust = rng.random(n) < 0.2
        dom[cust] = self.domain_names(int(cust.sum()))
        ids = self.add_accounts("op_islands", "fraud", created, dom, self.countries(n))
        self.add_cards(ids, np.arange(n), created + rng.uniform(300, 2 * DAY, n))
        pool = self.resi_pool
        exits = rng.choice(pool.size, 2 * n, replace=2 * n > pool.size)
        ex, ex2 = exits[:n], exits[n:]
        has2 = rng.random(n) < 0.12
        d = np.arange(-5, 90, dtype=float)
        main = (T0 + d[:, None] * DAY + 2 * HOUR + 7 * MINUTE + 1800 * np.arange(6)[None, :]).ravel()
        dd = d[rng.random(d.size) < 0.4]
        aft = (T0 + dd[:, None] * DAY + 14 * HOUR + 7 * MINUTE + 1800 * np.arange(4)[None, :]).ravel()
        ticks = np.sort(np.concatenate([main, aft]))
        ticks = ticks[(ticks >= T0) & (ticks < T_END - MINUTE)]
        tfam = (rng.random(ticks.size) < 0.4).astype(np.int64)
        fire = (ticks[:, None] >= created[None, :] + DAY) & (rng.random((ticks.size, n)) < 0.06)
        ti, ai = np.nonzero(fire)
        ts = ticks[ti] + rng.uniform(0, 40, ti.size)
        alt = has2[ai] & (rng.random(ai.size) < 0.3)
        ip = np.where(alt, pool[ex2[ai]], pool[ex[ai]])
        para = self.paraphrases(self.families(2)[tfam[ti]], 1, 5)
        model = self.models(ts, np.full(ts.size, 5 * HOUR), np.full(ts.size, 4 * HOUR), 0.0, lag=0.0)
        self.add_req({"acc": ids[ai], "ts": ts, "ip": ip, "model": model, "para": para})

    def _cgnat_traffic(self, ids, lo, hi, sets, p_a, old=None, p_old=0.0) -> None:
        rng = self.rng
        n = ids.size
        counts = rng.poisson(2.4 * np.maximum(hi - lo, 0) / DAY)
        counts[hi <= lo + 600] = 0
        hi = np.maximum(hi, lo + 600)
        pos, ts, sess, spos = self.sessions(counts, lo, hi, np.zeros(n), "ops", follow=0.75, gap=60.0)
        ip = self.mob_pool[rng.integers(0, self.mob_pool.size, spos.size)][sess]
        f = (rng.random(pos.size) >= p_a[pos]).astype(np.int64)
        k = rng.integers(0, sets.shape[1], pos.size)
        para = sets[f, k]
        if old is not None:
            o = rng.random(pos.size) < p_old
            para[o] = old[f[o], k[o]]
        d = rng.uniform(8, 24, n) * HOUR
        model = self.models(ts, d[pos], d[pos], 0.1, lag=0.0)
        self.add_req({"acc": ids[pos], "ts": ts, "ip": ip, "model": model, "para": para})

    def op_cgnat(self, n0: int) -> None:
        rng = self.rng
        nco = max(3, round(n0 / 20))
        coh = np.repeat(np.arange(nco), split_sizes(n0, nco))
        cstart = T0 + (np.linspace(-3, 52, nco) + rng.uniform(0, 1, nco)) * DAY
        created = cstart[coh] + rng.uniform(0, 2, n0) * DAY
        lo = np.maximum(created + 0.5 * DAY, T0 + MINUTE)
        hi = np.minimum(T_END, created + rng.uniform(12, 25, n0) * DAY)
        ban = (rng.random(n0) < 0.4) & (hi - lo > 4 * DAY)
        bt = lo + 3 * DAY + rng.random(n0) * np.maximum(hi - lo - 3 * DAY, 0)
        hi = np.where(ban, bt, hi)
        cty = np.where(rng.random(n0) < 0.7, CIDX["US"], self.countries(n0))
        ids = self.add_accounts("op_cgnat", "fraud", created, self.webmail(n0), cty, np.where(ban, "banned", "active"))
        labels = np.empty(n0, np.int64)
        nxt = 0
        for c in range(nco):
            m = rng.permutation(np.flatnonzero(coh == c))
            lab = self.chunk_labels(m.size, 2, 3)
            labels[m] = lab + nxt
            nxt += int(lab.max()) + 1
        self.add_cards(ids, labels, created + rng.uniform(600, 6 * HOUR, n0))
        fam = self.families(2)
        s0 = self.paraphrases(np.repeat(fam, 15), 1, 4).reshape(2, 15)
        self._cgnat_traffic(ids, lo, hi, s0, rng.uniform(0.3, 0.7, n0))
        # replacements arrive weeks after the ban, with fresh cards and new paraphrases
        rb = np.flatnonzero(ban & (rng.random(n0) < 0.8))
        rc = bt[rb] + rng.uniform(14, 35, rb.size) * DAY
        rc = rc[rc < T_END - 3 * DAY]
        n1 = rc.size
        if not n1:
            return
        cty1 = np.where(rng.random(n1) < 0.7, CIDX["US"], self.countries(n1))
        ids1 = self.add_accounts("op_cgnat", "fraud", rc, self.webmail(n1), cty1, None, np.ones(n1))
        self.add_cards(ids1, self.chunk_labels(n1, 1, 2), rc + rng.uniform(600, 6 * HOUR, n1))
        s1 = self.paraphrases(np.repeat(fam, 15), 2, 6).reshape(2, 15)
        lo1 = rc + 0.5 * DAY
        hi1 = np.minimum(T_END, rc + rng.uniform(12, 25, n1) * DAY)
        self._cgnat_traffic(ids1, lo1, hi1, s1, rng.uniform(0.3, 0.7, n1), old=s0, p_old=0.1)

    def _round_robin(self, who_local, per_acc, start, hi):
        rng = self.rng
        m = who_local.size
        total = int(per_acc * m)
        ts = np.linspace(start, T_END - 5 * MINUTE, total, endpoint=False) + rng.normal(0, 15, total)
        who = who_local[rng.permutation(m)[np.arange(total) % m]]
        keep = (ts < hi[who]) & (ts >= start) & (ts < T_END)
        return who[keep], ts[keep]

    def op_bridge(self, n: int) -> None:
        rng = self.rng
        nbr = max(3, round(0.05 * n))
        na = round(0.55 * n)
        nb = n - na - nbr
        sub = np.r_[np.zeros(na, np.int64), np.ones(nb, np.int64), np.full(nbr, 2)]
        created = np.r_[
            epoch("2025-11-03T00:00:00") + rng.uniform(0, 18, na) * DAY,
            epoch("2025-12-01T00:00:00") + rng.uniform(0, 20, nb) * DAY,
            epoch("2025-12-08T00:00:00") + rng.uniform(0, 10, nbr) * DAY,
        ]
        doms_a = self.domain_names(3)
        dom = np.r_[doms_a[rng.integers(0, 3, na)], self.webmail(nb + nbr)]
        cty = np.r_[np.array([CIDX["SG"], CIDX["MY"], CIDX["HK"]])[rng.integers(0, 3, na)], self.countries(nb + nbr)]
        e_a, e_b = R2 + 2.5 * HOUR, R2 + 5 * HOUR
        hi = np.full(n, T_END)
        ban = (sub == 0) & (rng.random(n) < 0.12)
        susp = (sub == 1) & (rng.random(n) < 0.05)
        hi = np.where(ban, e_a + rng.uniform(3, 12, n) * DAY, hi)
        hi = np.where(susp, e_b + rng.uniform(2, 10, n) * DAY, hi)
        ids = self.add_accounts(
            "op_bridge", "fraud", created, dom, cty, np.where(ban, "banned", np.where(susp, "suspended", "active"))
        )
        # cards: A shares a few cards widely, B in pairs, each bridge account joins a B pair
        lab = np.empty(n, np.int64)
        ncard_a = max(3, round(na / 18))
        lab[:na] = rng.integers(0, ncard_a, na)
        pairs = self.chunk_labels(nb, 2, 2)
        lab[na : na + nb] = ncard_a + pairs
        lab[na + nb :] = ncard_a + rng.choice(int(pairs.max()) + 1, nbr, replace=nbr > pairs.max() + 1)
        self.add_cards(ids, lab, created + rng.uniform(600, 2 * DAY, n))
        # infrastructure
        nctl = max(6, round(na / 12))
        ctl = self.ip_v4(self.hoster, nctl)
        sticky = ctl[rng.integers(0, nctl, (n, 2))]
        nst = np.where(rng.random(n) < 0.5, 2, 1)
        fa = self.paraphrases(np.repeat(self.families(2), 30)).reshape(-1)
        fb = self.paraphrases(np.repeat(self.families(2), 30)).reshape(-1)
        own = np.empty((n, 120), np.int64)
        own[:na, :60] = fa
        own[:na, 60:] = fa
        own[na : na + nb, :60] = fb
        own[na : na + nb, 60:] = fb
        own[na + nb :, :60] = fa
        own[na + nb :, 60:] = fb

        def ips_for(local: np.ndarray, via_ctl: np.ndarray) -> np.ndarray:
            col = (rng.random(local.size) * nst[local]).astype(np.int64)
            return np.where(via_ctl, sticky[local, col], self.vpn2[rng.integers(0, self.vpn2.size, local.size)])

        # quiet phase: sparse, ordinary-looking, old models, half camouflage
        lo = np.maximum(created, T0) + MINUTE
        qhi = np.where(sub == 0, e_a, e_b)
        counts = rng.poisson(0.1 * (qhi - lo) / DAY)
        pos, ts, _, _ = self.sessions(counts, lo, qhi, TZ[cty], "personal", follow=0.4)
        via = (sub[pos] == 0) | ((sub[pos] == 2) & (rng.random(pos.size) < 0.5))
        para = self.prompts(pos, 0.5, 0.0, own, 0.5)
        d1, _ = self.adoption(n, never1=0.3)
        model = self.models(ts, d1[pos], np.full(pos.size, np.inf), 0.3)
        self.add_req({"acc": ids[pos], "ts": ts, "ip": ips_for(pos, via), "model": model, "para": para})
        # escalation after atlas-3.5: two round-robin dispatchers with constant aggregate rate
        for members, start, fams in ((np.flatnonzero(sub != 1), e_a, fa), (np.flatnonzero(sub != 0), e_b, fb)):
            who, ts = self._round_robin(members, 55, start, hi)
            via = (sub[who] == 0) | ((sub[who] == 2) & (fams is fa))
            para = fams[rng.integers(0, fams.size, who.size)]
            model = np.where(rng.random(who.size) < (0.2 if fams is fb else 0.0), 5, 4)
            self.add_req({"acc": ids[who], "ts": ts, "ip": ips_for(who, via), "model": model, "para": para})

    # ------------------------------------------------------------------ innocent look-alikes
    def trap_hospital(self, n: int) -> None:
        rng = self.rng
        k = max(1, round(n / 300))
        for i, m in enumerate(split_sizes(n, k)):
            c = CIDX[["US", "GB", "DE", "NL", "CA", "FR"][int(rng.integers(0, 6))]]
            dom = self.domain_names(1, ["health.org", "-hospital.org", "bank.com", "-med.org", "-bank.de"])[0]
            egress = self.ip_v4(self.new_asn(1), int(rng.integers(2, 4)))
            nbulk = m // 2
            t0 = epoch("2025-09-15T13:00:00") + i * 3 * DAY
            created = np.r_[
                t0 + np.cumsum(rng.uniform(1.2, 2.6, nbulk)),
                epoch("2024-03-01T00:00:00") + rng.random(m - nbulk) * (T_END - 3 * DAY - epoch("2024-03-01T00:00:00")),
            ]
            cty = np.full(m, c)
            ids = self.add_accounts("trap_hospital", "benign_group", created, np.full(m, dom, dtype=object), cty)
            self.add_cards(ids, np.zeros(m, np.int64), created + MINUTE)
            mat = np.broadcast_to(egress[None, :], (m, egress.size))
            switch = epoch("2026-03-02T15:00:00") + i * HOUR
            self.ordinary(
                ids,
                np.floor(created),
                cty,
                mat,
                np.full(m, egress.size),
                mean=5.0,
                prof="office",
                p_pop=0.35,
                p_agent=0.0,
                adopt=(np.full(m, switch - R1), np.full(m, np.inf)),
                pmini=0.1,
                churn=0.1,
            )

    def trap_course(self, n: int) -> None:
        rng = self.rng
        burst = rng.random(n) < 0.55
        created = np.where(
            burst,
            T0 + (-12 + 15 * rng.beta(2, 3, n)) * DAY,
            epoch("2024-01-01T00:00:00") + rng.random(n) * (T0 + 3 * DAY - epoch("2024-01-01T00:00:00")),
        )
        cty = self.countries(n)
        dom = self.emails(n, p_custom=0.0, p_uni=0.15)
        ids, created, cty, _hi = self.people(
            n, "trap_course", "benign_group", cty=cty, dom=dom, created=created, p_card=0.6
        )
        mat, cnt = pack(n, *self.home_links(cty))
        self.ordinary(ids, created, cty, mat, cnt, mean=3.0)
        deadline = epoch("2026-02-20T23:59:00")
        k = np.where(rng.random(n) < 0.75, rng.integers(1, 5, n), 0)
        pos = np.repeat(np.arange(n), k)
        ts = deadline - 36 * HOUR * rng.random(pos.size) ** 2
        fam = self.families(1)
        starter = self.paraphrases(fam)[0]
        para = self.paraphrases(np.repeat(fam, pos.size), 1, 5)
        para[rng.random(pos.size) < 0.3] = starter
        model = np.where(rng.random(pos.size) < 0.7, 3, rng.choice([0, 1, 2], pos.size))
        self.add_req({"acc": ids[pos], "ts": ts, "ip": self.pick(mat, cnt, pos), "model": model, "para": para})

    def trap_extension(self, n: int) -> None:
        rng = self.rng
        created = epoch("2024-06-01T00:00:00") + rng.random(n) * (T_END - 5 * DAY - epoch("2024-06-01T00:00:00"))
        ids, created, cty, _hi = self.people(n, "trap_extension", "benign_group", created=created, p_card=0.8)
        mat, cnt = pack(n, *self.home_links(cty))
        r = self.ordinary(ids, created, cty, mat, cnt, mean=5.0, add=False)
        relay = self.ip_v4(self.cloud[0], 8)
        versions = self.paraphrases(np.repeat(self.families(1), 5), 1, 3)
        vtimes = np.array([T0 - 200 * DAY, T0 - 60 * DAY, T0 + 12 * DAY, T0 + 44 * DAY, T0 + 75 * DAY])
        lag = rng.exponential(2 * DAY, n)
        m = rng.random(r["ts"].size) < 0.85
        ts = r["ts"][m]
        r["ip"][m] = relay[rng.integers(0, relay.size, ts.size)]
        v = np.searchsorted(vtimes, ts - lag[r["pos"][m]], side="right") - 1
        r["para"][m] = versions[np.maximum(v, 0)]
        r["model"][m] = np.where(ts >= T0 + 47 * DAY + 10 * HOUR, 3, 1)
        self.add_req(r)

    def trap_playtest(self, n: int) -> None:
        rng = self.rng
        k = max(1, round(n / 250))
        for i, m in enumerate(split_sizes(n, k)):
            home_c = CIDX[["US", "GB", "PL", "KR", "CA", "DE", "BR"][int(rng.integers(0, 7))]]
            cty = np.where(rng.random(m) < 0.6, home_c, self.countries(m))
            studio_dom = self.domain_names(1, [".gg", "games.com", "-studio.com"])[0]
            dom = np.where(rng.random(m) < 0.3, studio_dom, self.webmail(m))
            t0 = T0 + (44 + (i * 7) % 36) * DAY + rng.uniform(14, 18) * HOUR
            created = t0 + np.sort(rng.uniform(0, HOUR, m))
            ids = self.add_accounts("trap_playtest", "benign_group", created, dom, cty)
            self.add_cards(ids, np.zeros(m, np.int64), created + rng.uniform(120, 900, m))
            rows, ips = self.home_links(cty, kmax=2, p_v6=0.1, p_mob=0.2)
            office = self.alloc("biz", np.array([home_c]))
            o = np.flatnonzero(rng.random(m) < 0.2)
            mat, cnt = pack(m, np.r_[rows, o], np.r_[ips, np.full(o.size, office[0])])
            runs = rng.integers(1, 5, m)
            rp = np.repeat(np.arange(m), runs)
            lo = np.floor(created)[rp] + 600
            st = self.diurnal(lo, lo + 48 * HOUR, TZ[cty[rp]], "personal")
            script = self.paraphrases(np.repeat(self.families(1), 12), 1, 3)
            ts = (st[:, None] + np.cumsum(rng.uniform(15, 45, (rp.size, 12)), axis=1)).ravel()
            pos = np.repeat(rp, 12)
            ip = np.repeat(self.pick(mat, cnt, rp), 12)
            para = np.tile(script, rp.size)
            self.add_req({"acc": ids[pos], "ts": ts, "ip": ip, "model": np.ones(ts.size, np.int64), "para": para})
            later = np.flatnonzero(rng.random(m) < 0.4)
            self.ordinary(
                ids[later], np.floor(created[later]) + 48 * HOUR, cty[later], mat[later], cnt[later], mean=2.0, zero=0.0
            )

    def trap_newsroom(self, n: int) -> None:
        rng = self.rng
        k = max(1, round(n / 80))
        for m in split_sizes(n, k):
            c = CIDX[["US", "GB", "DE", "FR", "AU", "IN", "BR"][int(rng.integers(0, 7))]]
            dom = self.domain_names(1, ["-times.com", "-news.com", "daily.com", "-post.org"])[0]
            created = epoch("2023-06-01T00:00:00") + rng.random(m) * (T0 - epoch("2023-06-01T00:00:00"))
            cty = np.full(m, c)
            ids = self.add_accounts("trap_newsroom", "benign_group", created, np.full(m, dom, dtype=object), cty)
            self.add_cards(ids, np.zeros(m, np.int64), created + MINUTE)
            office = self.alloc("biz", np.full(3, c), np.zeros(3, np.int64))
            rows, ips = self.home_links(cty, kmax=1, p_v6=0.0, p_mob=0.3)
            mat, cnt = pack(
                m, np.r_[np.repeat(np.arange(m), 6), rows], np.r_[np.tile(np.r_[office, office], m), ips]
            )  # office weighted 6:1
            house = self.paraphrases(np.repeat(self.families(3), 6))
            d1 = rng.uniform(20, 60) * MINUTE
            d2 = rng.uniform(20, 60) * MINUTE
            extra = np.broadcast_to(house[None, :], (m, house.size))
            self.ordinary(
                ids,
                np.floor(created),
                cty,
                mat,
                cnt,
                mean=22.0,
                prof="newsroom",
                p_pop=0.15,
                p_agent=0.0,
                extra=extra,
                p_extra=0.45,
                adopt=(d1, d2),
                pmini=0.1,
                lag=0.02,
                churn=0.05,
            )
            # launch-day trials: a third of the newsroom tries each new model within hours of the switch
            for release, d, gen in ((R1, d1, 1), (R2, d2, 2)):
                who = np.flatnonzero(rng.random(m) < 0.35)
                k = rng.integers(1, 4, who.size)
                pos = np.repeat(who, k)
                ts = release + d + rng.exponential(1.5 * HOUR, pos.size) + rng.uniform(0, 60, pos.size)
                para = self.prompts(pos, 0.0, 0.0, extra, 0.6)
                model = 2 * gen + (rng.random(pos.size) < 0.1)
                self.add_req({"acc": ids[pos], "ts": ts, "ip": self.pick(mat, cnt, pos), "model": model, "para": para})

    def trap_cafe(self, n: int) -> None:
        rng = self.rng
        k = max(3, round(n / 70))
        cafe_c = self.countries(k)
        cafe_ips = np.stack([self.alloc("biz", cafe_c), self.alloc("resi", cafe_c)], axis=1)
        two = rng.random(k) < 0.4
        cafe = rng.integers(0, k, n)
        ids, created, cty, hi = self.people(n, "trap_cafe", "benign_group", cty=cafe_c[cafe], p_card=0.6)
        mat, cnt = pack(n, *self.home_links(cty))
        r = self.ordinary(ids, created, cty, mat, cnt, mean=5.0, prof="daytime", hi=hi, churn=0.1, add=False)
        s = rng.random(r["spos"].size) < 0.4
        cs = cafe[r["spos"]]
        col = np.where(two[cs] & (rng.random(cs.size) < 0.5), 1, 0)
        at_cafe = s[r["sess"]]
        r["ip"] = np.where(at_cafe, cafe_ips[cs, col][r["sess"]], r["ip"])
        self.add_req(r)

    def trap_isp_cgnat(self, n: int) -> None:
        cty = np.full(n, CIDX["PH"])
        ids, created, cty, hi = self.people(n, "trap_isp_cgnat", "benign_group", cty=cty, p_card=0.5)
        mat, cnt = pack(n, np.arange(n), self.alloc("mob", cty))
        self.ordinary(
            ids, created, cty, mat, cnt, hi=hi, sess_pool=self.nat_pool, p_sess_pool=self.rng.uniform(0.6, 1.0, n)
        )

    def trap_mobile_cgnat(self, n: int) -> None:
        rng = self.rng
        cty = np.full(n, CIDX["US"])
        ids, created, cty, hi = self.people(n, "trap_mobile_cgnat", "benign_group", cty=cty, p_card=0.65)
        mat, cnt = pack(n, *self.home_links(cty, p_mob=0.0))
        self.ordinary(
            ids,
            created,
            cty,
            mat,
            cnt,
            hi=hi,
            sess_pool=self.mob_pool,
            p_sess_pool=np.where(rng.random(n) < 0.7, 1.0, 0.5),
        )

    def trap_family(self, n: int) -> None:
        rng = self.rng
        sizes = rng.integers(5, 9, n // 5 + 1)
        fam = np.searchsorted(np.cumsum(sizes), np.arange(n), side="right")
        nf = int(fam.max()) + 1
        fc = self.countries(nf)
        cty = fc[fam]
        fdom = self.domain_names(nf, [".net", ".com", ".family", ".me"], suffix="family")
        own_dom = rng.random(nf) < 0.3
        dom = np.where(own_dom[fam], fdom[fam], self.webmail(n))
        first = epoch("2023-06-01T00:00:00") + rng.random(nf) * (
            epoch("2025-12-01T00:00:00") - epoch("2023-06-01T00:00:00")
        )
        created = np.minimum(first[fam] + rng.uniform(0, 600, n) * DAY * (rng.random(n) < 0.8), T_END - 2 * DAY)
        ids, created, cty, hi = self.people(
            n, "trap_family", "benign_group", cty=cty, dom=dom, created=created, p_card=0.0, p_ban=0.0
        )
        self.add_cards(ids, fam, np.maximum(created, first[fam]) + HOUR)
        hk = rng.integers(1, 3, nf)
        hrows = np.repeat(np.arange(nf), hk)
        hips = self.alloc("resi", np.repeat(fc, hk), np.repeat(rng.integers(0, 1 << 20, nf), hk))
        fmat, fcnt = pack(nf, hrows, hips)
        rows = np.repeat(np.arange(n), fcnt[fam])
        col = np.arange(rows.size) - np.repeat(np.cumsum(fcnt[fam]) - fcnt[fam], fcnt[fam])
        ips = fmat[fam[rows], col]
        mob = np.flatnonzero(rng.random(n) < 0.5)
        mat, cnt = pack(n, np.r_[rows, mob], np.r_[ips, self.alloc("mob", cty[mob])])
        self.ordinary(ids, created, cty, mat, cnt, hi=hi)

    # ------------------------------------------------------------------ organic population
    def organic(self, n: int) -> None:
        rng = self.rng
        n_team = int(0.08 * n)
        n_couple = 2 * int(0.03 * n)
        n_dev = int(0.06 * n)
        n_vpn = int(0.05 * n)
        n_proxy = int(0.05 * n)
        n_ind = n - n_team - n_couple - n_dev - n_vpn - n_proxy

        # individuals, some with a daily cron job at minute :00
        ids, created, cty, hi = self.people(n_ind, "org_individual", "organic", p_ban=0.005, p_susp=0.003)
        mat, cnt = pack(n_ind, *self.home_links(cty))
        d1, d2 = self.adoption(n_ind)
        self.ordinary(ids, created, cty, mat, cnt, hi=hi, adopt=(d1, d2), p_agent=0.03)
        cron = np.flatnonzero(rng.random(n_ind) < 0.04)
        k = rng.integers(5, 25, cron.size)
        pos = np.repeat(cron, k)
        lo = np.maximum(created, T0)[pos] + HOUR
        day = np.floor((lo + rng.random(pos.size) * np.maximum(hi[pos] - lo, 0)) / DAY) * DAY
        hour = rng.integers(0, 24, cron.size)
        cmap = np.zeros(n_ind, np.int64)
        cmap[cron] = np.arange(cron.size)
        ts = day + np.repeat(hour, k) * HOUR + rng.uniform(0, 25, pos.size)
        ok = (ts >= lo) & (ts < hi[pos]) & (ts >= T0) & (ts < T_END)
        pos, ts = pos[ok], ts[ok]
        cron_para = self.paraphrases(self.families(cron.size), 1, 1)
        para = cron_para[cmap[pos]]
        model = self.models(ts, d1[pos], d2[pos], 0.5, lag=0.0)
        self.add_req({"acc": ids[pos], "ts": ts, "ip": mat[pos, 0], "model": model, "para": para})

        # couples: one card, one home
        m = n_couple // 2
        ids, created, cty, hi = self.people(
            n_couple, "org_couple", "organic", p_card=0.0, cty=np.repeat(self.countries(m), 2)
        )
        pair = np.repeat(np.arange(m), 2)
        self.add_cards(ids, pair, created + rng.exponential(10 * DAY, n_couple))
        hrows, hips = self.home_links(cty[::2], kmax=2, p_mob=0.0)
        rows = np.r_[2 * hrows, 2 * hrows + 1]
        mob = np.flatnonzero(rng.random(n_couple) < 0.4)
        mat, cnt = pack(n_couple, np.r_[rows, mob], np.r_[hips, hips, self.alloc("mob", cty[mob])])
        self.ordinary(ids, created, cty, mat, cnt, hi=hi)

        # small companies: own domain, one card, office egress, a team template family
        sizes = 3 + np.minimum(12, rng.geometric(0.25, n_team // 3 + 1) - 1)
        team = np.searchsorted(np.cumsum(sizes), np.arange(n_team), side="right")
        nt = int(team.max()) + 1 if n_team else 0
        tc = self.countries(nt)
        tdom = self.domain_names(nt)
        tstart = epoch("2023-01-01T00:00:00") + rng.random(nt) * (T0 - epoch("2023-01-01T00:00:00"))
        created = np.minimum(tstart[team] + rng.exponential(120 * DAY, n_team), T_END - 2 * DAY)
        ids, created, cty, hi = self.people(
            n_team, "org_team", "organic", cty=tc[team], dom=tdom[team], created=created, p_card=0.0
        )
        self.add_cards(ids, team, np.maximum(created, tstart[team]) + HOUR)
        second = np.flatnonzero(rng.random(nt) < 0.15)
        sec_members = np.flatnonzero(np.isin(team, second))
        if sec_members.size:
            self.add_cards(
                ids[sec_members], team[sec_members], np.maximum(created[sec_members], T0) + rng.uniform(0, 60) * DAY
            )
        ok_ = rng.integers(1, 3, nt)
        orows = np.repeat(np.arange(nt), ok_)
        oips = self.alloc("biz", tc[orows])
        omat, ocnt = pack(nt, orows, oips)
        rows = np.repeat(np.arange(n_team), 3 * ocnt[team])
        rep = np.repeat(ocnt[team], 3 * ocnt[team])
        col = (np.arange(rows.size) - np.repeat(np.cumsum(3 * ocnt[team]) - 3 * ocnt[team], 3 * ocnt[team])) % rep
        hrows, hips = self.home_links(cty, kmax=1, p_v6=0.1, p_mob=0.3)
        mat, cnt = pack(n_team, np.r_[rows, hrows], np.r_[omat[team[rows], col], hips])
        tparas = self.paraphrases(np.repeat(self.families(nt), 6)).reshape(nt, 6)
        self.ordinary(
            ids, created, cty, mat, cnt, hi=hi, prof="office", extra=tparas[team], p_extra=0.3, p_agent=0.05, mean=5.0
        )

        # developers on cloud IPs; some IPs were recycled from the pipeline's pool
        ids, created, cty, hi = self.people(n_dev, "org_dev", "organic", p_card=0.85, p_ban=0.005, p_susp=0.003)
        hrows, hips = self.home_links(cty, kmax=1, p_mob=0.2)
        kc = rng.integers(1, 4, n_dev)
        crows = np.repeat(np.arange(n_dev), kc)
        cl = rng.integers(0, 3, crows.size)
        cips = np.empty(crows.size, np.int64)
        for j, a in enumerate(self.cloud):
            sel = cl == j
            cips[sel] = self.ip_v4(a, int(sel.sum()))
        recyc = rng.random(crows.size) < 0.04
        cips[recyc] = self.pipe_pool[rng.integers(0, self.pipe_pool.size, int(recyc.sum()))]
        mat, cnt = pack(n_dev, np.r_[crows, crows, hrows], np.r_[cips, cips, hips])
        self.ordinary(
            ids,
            created,
            cty,
            mat,
            cnt,
            hi=hi,
            p_agent=0.4,
            p_pop=0.25,
            mean=8.0,
            sigma=1.2,
            adopt=self.adoption(n_dev, never1=0.1, never2=0.2, median=2.0),
            pmini=0.3,
        )

        # commercial VPN users (20 % on the reseller that op_bridge B also uses)
        ids, created, cty, hi = self.people(n_vpn, "org_vpn", "organic")
        mat, cnt = pack(n_vpn, *self.home_links(cty, kmax=1))
        pool = np.where(rng.random(n_vpn) < 0.2, 1, 0)
        r = self.ordinary(ids, created, cty, mat, cnt, hi=hi, add=False)
        on = rng.random(r["spos"].size) < 0.85
        ps = pool[r["spos"]]
        pick = np.where(
            ps == 1,
            self.vpn2[rng.integers(0, self.vpn2.size, ps.size)],
            self.vpn1[rng.integers(0, self.vpn1.size, ps.size)],
        )
        r["ip"] = np.where(on[r["sess"]], pick[r["sess"]], r["ip"])
        self.add_req(r)

        # ordinary customers of the residential proxy pool (rotating exit per request)
        ids, created, cty, hi = self.people(n_proxy, "org_proxyuser", "organic", p_card=0.8)
        mat, cnt = pack(n_proxy, *self.home_links(cty, kmax=1))
        r = self.ordinary(ids, created, cty, mat, cnt, hi=hi, mean=6.0, add=False)
        rot = rng.random(r["ts"].size) < 0.9
        r["ip"][rot] = self.resi_pool[rng.integers(0, self.resi_pool.size, int(rot.sum()))]
        self.add_req(r)

    # ------------------------------------------------------------------ assembly
    def build(self) -> None:
        n = self.n_target
        self.build_infra()

        def f(frac: float, lo: int) -> int:
            return max(lo, round(frac * n))

        self.op_pipeline(f(0.009, 8))
        self.op_islands(f(0.006, 6))
        self.op_cgnat(f(0.0065, 8))
        self.op_bridge(f(0.0065, 10))
        self.trap_hospital(f(0.012, 10))
        self.trap_course(f(0.025, 20))
        self.trap_extension(f(0.015, 15))
        self.trap_playtest(f(0.012, 12))
        self.trap_newsroom(f(0.004, 10))
        self.trap_cafe(f(0.01, 12))
        self.trap_isp_cgnat(f(0.05, 30))
        self.trap_mobile_cgnat(f(0.06, 30))
        self.trap_family(f(0.02, 12))
        rest = n - self.n_acc
        if rest < 50:
            raise SystemExit(f"--accounts {n} is too small for this world (need at least ~1000)")
        self.organic(rest)
        assert self.n_acc == n

    def write(self, out: Path) -> dict:
        out.mkdir(parents=True, exist_ok=True)
        A = {k: np.concatenate(v) for k, v in self.acc.items()}
        n = self.n_acc
        acc_tok = self.tokens(n, "acct_", 14)
        if np.unique(acc_tok).size != n:
            raise RuntimeError("account token collision")
        R = {k: np.concatenate(v) for k, v in self.req.items()}
        ts = np.round(R["ts"].astype(float) * 1000.0) / 1000.0
        bad = (ts < T0) | (ts >= T_END) | (ts < A["created"][R["acc"]] + 1)
        if bad.any():
            raise RuntimeError(f"{int(bad.sum())} requests outside their account's lifetime")
        order = np.lexsort((R["acc"], ts))
        racc = R["acc"][order].astype(np.int64)
        ts = ts[order]
        rip = R["ip"][order].astype(np.int64)
        rmodel = R["model"][order].astype(np.int64)
        rpara = R["para"][order].astype(np.int64)

        # IP strings (a few draws repeat an address: identical string, same ASN)
        ip_all = np.concatenate(self.ip_str)
        asn_all = np.concatenate(self.ip_asn)
        used_ip = np.unique(rip)
        codes, uniq = pd.factorize(pd.Series(ip_all[used_ip], dtype=object))
        lut = np.full(self.n_ip, -1, np.int64)
        lut[used_ip] = codes
        ipc = lut[rip]
        asn_u = np.zeros(len(uniq), np.int64)
        asn_u[codes] = asn_all[used_ip]
        ip_dict = pa.array(np.asarray(uniq, dtype=object), type=pa.string())

        # prompt fingerprints and SimHash for the paraphrases that occur
        sh_all = np.concatenate(self.para_sh)
        used_p = np.unique(rpara)
        plut = np.full(self.n_para, -1, np.int64)
        plut[used_p] = np.arange(used_p.size)
        pcode = plut[rpara]
        fp_dict = pa.array(self.tokens(used_p.size, "fp_", 20), type=pa.string())
        if len(set(fp_dict.to_pylist())) != used_p.size:
            raise RuntimeError("fingerprint token collision")
        sh_dict = pa.array([f"{v:016x}" for v in sh_all[used_p].tolist()], type=pa.string())
        acc_dict = pa.array(acc_tok, type=pa.string())

        def take(d: pa.Array, idx: np.ndarray) -> pa.Array:
            return d.take(pa.array(idx, type=pa.int64()))

        def tcol(sec: np.ndarray) -> pa.Array:
            us = np.round(np.asarray(sec, float) * 1e6).astype(np.int64)
            return pa.array(us, type=pa.timestamp("us", tz="UTC"))

        # accounts (sorted by the random token, so row order reveals nothing)
        aorder = np.argsort(acc_tok, kind="stable")
        accounts = pa.table(
            {
                "account_id": take(acc_dict, aorder),
                "created_at": tcol(A["created"][aorder]),
                "email_domain": pa.array(A["domain"][aorder], type=pa.string()),
                "country": pa.array(CC[A["cty"][aorder]], type=pa.string()),
                "status": pa.array(A["status"][aorder], type=pa.string()),
            }
        )
        pq.write_table(accounts, out / "accounts.parquet")

        # requests
        requests = pa.table(
            {
                "account_id": take(acc_dict, racc),
                "timestamp": tcol(ts),
                "ip": take(ip_dict, ipc),
                "model": pa.array(MODELS[rmodel], type=pa.string()),
                "prompt_fingerprint": take(fp_dict, pcode),
                "prompt_simhash": take(sh_dict, pcode),
            }
        )
        pq.write_table(requests, out / "requests.parquet")

        # proxies = aggregate of requests per (account, ip)
        nu = max(1, len(uniq))
        key, first, last, cnt = group_agg(racc * nu + ipc, ts)
        ka, ki = key // nu, key % nu
        proxies = pa.table(
            {
                "account_id": take(acc_dict, ka),
                "ip": take(ip_dict, ki),
                "asn": pa.array(asn_u[ki], type=pa.int64()),
                "first_seen": tcol(first),
                "last_seen": tcol(last),
                "request_count": pa.array(cnt, type=pa.int64()),
            }
        )
        pq.write_table(proxies, out / "proxies.parquet")

        # prompt_fingerprints = aggregate of requests per (account, fingerprint)
        npu = max(1, used_p.size)
        key, first, last, cnt = group_agg(racc * npu + pcode, ts)
        ka, kp = key // npu, key % npu
        fps = pa.table(
            {
                "account_id": take(acc_dict, ka),
                "fingerprint": take(fp_dict, kp),
                "simhash": take(sh_dict, kp),
                "first_seen": tcol(first),
                "last_seen": tcol(last),
                "request_count": pa.array(cnt, type=pa.int64()),
            }
        )
        pq.write_table(fps, out / "prompt_fingerprints.parquet")

        # payment methods: first_seen when attached, last_seen = last activity of the account
        P = {k: np.concatenate(v) for k, v in self.pay.items()}
        last_req = np.full(n, -np.inf)
        np.maximum.at(last_req, racc, ts)
        pfirst = np.maximum(np.floor(P["first"]), A["created"][P["acc"]] + 1)
        plast = np.maximum(pfirst, last_req[P["acc"]])
        porder = np.lexsort((P["token"].astype(str), acc_tok[P["acc"]].astype(str)))
        pays = pa.table(
            {
                "account_id": take(acc_dict, P["acc"][porder]),
                "payment_method_id": pa.array(P["token"][porder], type=pa.string()),
                "first_seen": tcol(pfirst[porder]),
                "last_seen": tcol(plast[porder]),
            }
        )
        pq.write_table(pays, out / "payment_methods.parquet")

        truth = pd.DataFrame(
            {
                "account_id": acc_tok[aorder],
                "group": A["group"][aorder],
                "kind": A["kind"][aorder],
                "status": A["status"][aorder],
                "replacement": A["repl"][aorder].astype(int),
            }
        )
        truth.to_csv(out / "truth.csv", index=False)
        return {
            "accounts": n,
            "requests": ts.size,
            "proxies": proxies.num_rows,
            "prompt_fingerprints": fps.num_rows,
            "payment_methods": pays.num_rows,
        }


# ---------------------------------------------------------------------- validation
DIGITS = re.compile(r"\d{13,19}")


def luhn_ok(s: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def check(out: Path) -> None:
    t = {
        name: pd.read_parquet(out / f"{name}.parquet")
        for name in ("accounts", "payment_methods", "proxies", "prompt_fingerprints", "requests")
    }
    truth = pd.read_csv(out / "truth.csv", dtype={"account_id": str})
    cols = {
        "accounts": ["account_id", "created_at", "email_domain", "country", "status"],
        "payment_methods": ["account_id", "payment_method_id", "first_seen", "last_seen"],
        "proxies": ["account_id", "ip", "asn", "first_seen", "last_seen", "request_count"],
        "prompt_fingerprints": ["account_id", "fingerprint", "simhash", "first_seen", "last_seen", "request_count"],
        "requests": ["account_id", "timestamp", "ip", "model", "prompt_fingerprint", "prompt_simhash"],
    }
    for name, c in cols.items():
        assert list(t[name].columns) == c, (name, list(t[name].columns))
        for col in c:
            if col in ("created_at", "first_seen", "last_seen", "timestamp"):
                assert isinstance(t[name][col].dtype, pd.DatetimeTZDtype), (name, col, t[name][col].dtype)
            elif col in ("asn", "request_count"):
                assert pd.api.types.is_integer_dtype(t[name][col]), (name, col)
            else:
                assert t[name][col].notna().all(), (name, col)
    acc = t["accounts"]
    assert acc.account_id.is_unique
    ids = set(acc.account_id)
    for name in ("payment_methods", "proxies", "prompt_fingerprints", "requests"):
        assert t[name].account_id.isin(ids).all(), f"dangling account in {name}"
    assert set(acc.status) <= {"active", "banned", "suspended"}
    assert list(truth.columns) == ["account_id", "group", "kind", "status", "replacement"]
    assert truth.account_id.is_unique and set(truth.account_id) == ids
    m = truth.merge(acc, on="account_id", suffixes=("", "_acc"))
    assert (m.status == m.status_acc).all()
    assert set(truth.kind) <= {"fraud", "benign_group", "organic"}
    for name in ("prompt_fingerprints", "requests"):
        c = "simhash" if name == "prompt_fingerprints" else "prompt_simhash"
        assert t[name][c].str.fullmatch(r"[0-9a-f]{16}").all()
    # no Luhn-valid 13-19 digit run anywhere
    for name, df in [*t.items(), ("truth", truth)]:
        for col in df.columns:
            s = df[col].astype(str)
            hits = s[s.str.contains(DIGITS)]
            for v in hits:
                for run in DIGITS.findall(v):
                    assert not luhn_ok(run), f"Luhn-valid digit run in {name}.{col}"
    req = t["requests"]
    created = acc.set_index("account_id").created_at
    assert (req.timestamp >= req.account_id.map(created)).all()
    # aggregates match the request log
    g = req.groupby(["account_id", "ip"]).timestamp.agg(["min", "max", "size"]).reset_index()
    px = t["proxies"].merge(g, on=["account_id", "ip"], how="outer", indicator=True)
    assert (px._merge == "both").all()
    assert (px.first_seen == px["min"]).all() and (px.last_seen == px["max"]).all()
    assert (px.request_count == px["size"]).all()
    assert t["proxies"].groupby("ip").asn.nunique().max() == 1
    g = (
        req.groupby(["account_id", "prompt_fingerprint"])
        .agg(
            mn=("timestamp", "min"),
            mx=("timestamp", "max"),
            n=("timestamp", "size"),
            sh=("prompt_simhash", "first"),
            shn=("prompt_simhash", "nunique"),
        )
        .reset_index()
    )
    assert (g.shn == 1).all()
    fp = t["prompt_fingerprints"].merge(
        g,
        left_on=["account_id", "fingerprint"],
        right_on=["account_id", "prompt_fingerprint"],
        how="outer",
        indicator=True,
    )
    assert (fp._merge == "both").all()
    assert (fp.first_seen == fp.mn).all() and (fp.last_seen == fp.mx).all() and (fp.request_count == fp.n).all()
    assert (fp.simhash == fp.sh).all()
    assert req.groupby("prompt_fingerprint").prompt_simhash.nunique().max() == 1
    pm = t["payment_methods"]
    assert not pm.duplicated(["account_id", "payment_method_id"]).any()
    assert (pm.first_seen <= pm.last_seen).all()
    assert (pm.first_seen >= pm.account_id.map(created)).all()
    print("check: OK")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", action="store_true", help="re-read the output and validate it")
    args = ap.parse_args()
    world = World(args.accounts, args.seed)
    world.build()
    rows = world.write(args.out_dir)
    print(" ".join(f"{k}={v}" for k, v in rows.items()))
    truth = pd.read_csv(args.out_dir / "truth.csv")
    summary = truth.groupby(["kind", "group"]).agg(
        accounts=("account_id", "size"),
        banned=("status", lambda s: int((s != "active").sum())),
        replacements=("replacement", "sum"),
    )
    print(summary.to_string())
    if args.check:
        check(args.out_dir)


if __name__ == "__main__":
    main()
