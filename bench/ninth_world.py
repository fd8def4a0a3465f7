#!/usr/bin/env python3
"""ninth_world.py - an independent synthetic test world for linkgraph ("world nine").

Usage
-----
    python bench/ninth_world.py OUT_DIR [--accounts N] [--seed S] [--validate]

Writes, as Parquet, the tables of DATA_CONTRACT.md version 2 into OUT_DIR
(accounts, payment_methods, proxies, prompt_fingerprints, requests) and the
ground truth ``truth.csv`` with columns ``account_id,group,kind,status,replacement``.
Only numpy, pandas and pyarrow are used.  The output is a pure function of
(N, seed): one numpy Generator seeded from --seed drives every random draw and
nothing reads the clock.  ``--validate`` re-reads the output and checks it
against the contract (columns, types, references, SimHash format, no digit run
that could be a card number).  Exactly N accounts are written; the organic
population absorbs whatever the groups below do not use.

The world
---------
An AI API provider, 2025-10-01 to 2026-02-01 (123 days, UTC).  Models:
``atlas-2`` and ``atlas-2-mini`` exist before the window; ``atlas-3`` is
released 2025-11-18 16:00, ``atlas-3-mini`` 2025-12-16 15:00 and ``atlas-3.5``
2026-01-13 17:00.  Ordinary users adopt a new model gradually (about 8% of
them within a day, ~80% after a month).  Every request row is one logged
exchange; the aggregate tables (proxies, prompt_fingerprints) are exact
group-bys of the request log, so every (account, ip) and (account,
fingerprint) seen in ``requests`` has its row, with first_seen / last_seen /
request_count.  Volumes are scaled down (a few requests per account on
average, ~5); "massive volume" shows as 10-20x the organic per-account rate.

Prompts.  A prompt *template family* has a random 64-bit base SimHash; each
paraphrase is a distinct ``fingerprint`` (opaque token) whose ``simhash`` is
the base with k bits flipped.  Unrelated templates differ in ~32 bits.
Organic users have 1-3 personal templates (re-asked verbatim or lightly
edited: 1-4 bits) and also use ~40 public "popular" templates (hello/test,
summarise, ...), which are shared verbatim by thousands of accounts.  No
SimHash hex string ever contains a run of 13 decimal digits, so no column
can look like a card number.  payment_method_id values are opaque ``pm_``
tokens; cards are never written raw.

IP space.  Every IP belongs to an ASN (integer): residential ISPs per
country, mobile carriers whose CGNAT pools put ~70 ordinary users behind each
public IPv4, commercial VPN exit pools, clouds, small hosting ASNs, campus and
office NATs.  ~15% of home connections are IPv6 text.  One commercial
*residential proxy pool* (~0.1*N exit IPs on consumer ISP ASNs, 5% of which
are also the home IPs of ordinary users whose devices are exit nodes) is
rented by two of the operations AND used by ~11% of ordinary customers
(``org_proxy_customer``), so at 200k accounts it carries >20k accounts,
fraud and innocent mixed, with per-request rotation.

Fraud operations (kind=fraud, ~3% of accounts)
----------------------------------------------
op_tidewave  (~1.0% incl. replacements) Jittered / staggered lockstep.  Cells
    of 6-12 accounts on 3-5 private cloud IPs fire "waves" 0.5x/day at random
    (never :00) minutes in UTC+8 office hours.  One template family per wave,
    tight paraphrases.  NOT same-minute: half the cells jitter each
    account uniformly over 0-150 s, the other half fire in a fixed slot order
    with a constant 25-50 s delay, so a wave spreads over up to ~15 minutes.
    Paraphrases are tight: 1-2 bits from the template, at most 4 apart.
    Prepaid cards shared by 2-3 accounts of a cell.  Mixed email domains
    (gmail/outlook/proton, a university domain, throwaway domains).  Ban wave
    on 2025-12-02 (~35%); 80% of the banned are replaced 2-7 days later by
    accounts with a fresh solo card, new domains and no old IP: affected cells
    migrate the whole cell (survivors too) to a new cloud IP set, so the
    replacements are tied to the past only through template families, wave
    timing and the survivors.  Adopts new big models ~7 h after release.
    Signals: fuzzy co-activity windows, template-family-per-wave, small card
    sharing, ban/replacement lineage through templates.
op_cardring  (~0.7%) Resold-card market, slow drip over four months.  Each
    card passes *sequentially* through a chain of 2-3 unrelated-looking
    accounts (different email providers, countries, creation dates); each
    account lives 10-24 days, then the card moves on 1-6 days later (30% of
    the dropped accounts end banned for payment fraud).  All traffic through
    the shared residential proxy pool with per-request rotation; ~2 requests
    a day per account, no synchronisation; 4 template families with NOISY
    paraphrases (2-4 bits from a template that is itself almost never sent,
    so two requests of one family are typically 4-8 bits apart).  Lags new models by ~9 days.  Signals: card
    shared over time (with non-overlapping first/last_seen), noisy SimHash
    families, repetitive structure; IPs are worthless.
op_hydra     (~0.8% incl. replacements) Multi-path load-balanced hydra.
    Cells of 15-30 accounts; each account uses 2-4 access paths (cell's
    cloud set on one provider, a second cloud, the shared residential pool,
    a mobile-carrier CGNAT pool shared with thousands of phone users) but
    every account also touches 1-2 of the cell's 4-7 private "control" IPs
    (small hosting ASNs) at sign-up and every 6-12 days.  Work arrives in
    sessions (20-45 min) round-robined over the active accounts of the cell
    (evenly spaced, rotating order -> near-identical per-account volume and
    interleaved timing).  Paraphrase noise varies per request (1-5 bits
    from the template, 1-10 apart),
    3 of 6 families per cell.  Cards: 55% solo virtual cards from a reseller,
    45% shared by 2-3.  Sign-up bursts (2-4 batch days per cell).  Ban wave
    2025-12-30 (~40%); 85% replaced 3-9 days later with a fresh card but the
    predecessor's control IPs and the cell's families and sessions; second
    smaller ban 2026-01-22 (10%).  Adopts new big models ~9 h after release.
op_nimbus    (~0.45%) Hidden inside "Nimbus", a legitimate app platform
    (~2% of accounts, email domain tenants.nimbusapps.io) whose every
    account is paid by one of a few platform billing tokens (~120 accounts
    per token).  Fraud tenants (~22% of the platform) sign up in three
    batches, share a set of 12 cloud IPs (each uses 2-4), fire bursts with
    a 0-170 s spread 2.5x/day, 3 families with 1-3-bit paraphrases, adopt
    new models ~5 h after release.  Real tenants (trap_platform) look like
    SaaS apps: own server IPs, own template family, some onboarding batches.
    Signal: split a card-connected blob by prompt/IP/timing evidence.

Innocent look-alikes (kind=benign_group)
----------------------------------------
trap_viral      (~2.5%) A viral prompt posted the morning after atlas-3.5's
    release: within ~2 days thousands of ordinary users (30% of them brand-new
    sign-ups minutes before) send 1-3 copies (60% verbatim, rest 1-3-bit
    edits), 85% on the brand-new model.  Same family + new model + burst of
    new accounts, but no shared cards/IPs beyond ordinary CGNAT.
trap_agency     (~0.4%) Translation agencies of 60-100 contractors (one at
    20k, ten at 200k): contractors share ONE corporate card (rotated once,
    e.g. on 2025-11-28, so two cards shared by everyone), one office NAT
    (2 IPs) and 3 "translate X->Y" template families (1-3 bits), weekday CET
    office hours, ~25 requests each, onboarding batches.  Looks like a fraud
    cell on cards + IP + templates.
trap_bootcamp   (~0.6%) Coding bootcamps (~120 students, two cohorts each):
    every week on a fixed evening (the first: Tuesdays 17:00 CET) the
    instructor hands out an exercise (new family each week) and students
    fire paraphrases within ~2-6 minutes of each other from the classroom
    NAT (2 IPs) or from home; half the cohort signs up during the first
    session; 30% are billed to the bootcamp's sponsor card; winter break.
trap_vpncorp    (~0.6%) A logistics company whose employees all egress
    through 3 Zero-Trust VPN IPs, each with their own card, diverse prompts
    plus an internal helpdesk template; a 20-account roll-out batch.
trap_household  (~1.2%) Family plans: 2-4 accounts sharing a card and home
    IP, created months apart, occasionally sharing a prompt verbatim.
trap_botplatform(~1.0%) A chat-bot host: end users bring their own keys
    (own cards) but all traffic leaves through the host's 4 egress IPs and
    carries one of 3 system prompts, so every request is a near-duplicate
    (2-8 bits) of a handful of templates.
trap_evalteam   (~0.2%) Benchmarking orgs of 30-50 keys, each created in one
    hour, 2 corporate cards, 8 CI-runner IPs; within 1.5-5 h of each model
    release every key runs a sharded eval (one eval-suite family per shard,
    1-3 bits, 8-15 requests in 30-60 min), plus a weekly regression run at
    an odd hour (the first org: Sundays 03:00 UTC).
trap_platform   (~1.55%) The real Nimbus tenants (see op_nimbus).

Organic population (kind=organic, the rest)
-------------------------------------------
org_casual, org_mobile (CGNAT), org_developer (own cloud server; a quarter
run daily cron jobs at hh:00/hh:30 with a pinned model), org_proxy_customer
(residential proxy pool), org_vpn (commercial VPN exits), org_university
(students of the same university domains some fraud accounts use, behind
campus NATs), org_dormant (no traffic in the window).  Company email domains
are shared by colleagues; 7% have two cards over time, 8% no card; 0.6% are
banned and 0.3% suspended for unrelated reasons.

Truth: ``group`` = op_* / trap_* / org_*; ``replacement`` = 1 for accounts
created to replace a banned one (op_tidewave, op_hydra).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

# --------------------------------------------------------------------------- time
DAY = 86400.0
HOUR = 3600.0
MINUTE = 60.0
T0_EPOCH = int(datetime(2025, 10, 1, tzinfo=UTC).timestamp())
SPAN_DAYS = 123
T_END = SPAN_DAYS * DAY
R3 = 48 * DAY + 16 * HOUR  # atlas-3
R3M = 76 * DAY + 15 * HOUR  # atlas-3-mini
R35 = 104 * DAY + 17 * HOUR  # atlas-3.5
MODELS = np.array(["atlas-2", "atlas-2-mini", "atlas-3", "atlas-3-mini", "atlas-3.5"])

_NORMAL = [1.0, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4, 4, 3.8, 3.8, 4, 4, 3.8, 3.6, 3.6, 3.8, 4, 3.6, 2.8, 1.8]
_BUSINESS = [
    0.05,
    0.03,
    0.02,
    0.02,
    0.02,
    0.05,
    0.2,
    1,
    3.5,
    4,
    4,
    3.5,
    2.5,
    3.5,
    4,
    4,
    3.5,
    2.5,
    1,
    0.4,
    0.2,
    0.15,
    0.1,
    0.05,
]
_EVENING = [
    1.5,
    0.8,
    0.4,
    0.2,
    0.1,
    0.1,
    0.2,
    0.5,
    0.8,
    1,
    1.2,
    1.4,
    1.5,
    1.5,
    1.5,
    1.6,
    2,
    2.6,
    3.4,
    4,
    4.2,
    4,
    3.4,
    2.4,
]
_PROF = np.array([_NORMAL, _BUSINESS, _EVENING], dtype=float)
PROF_CDF = np.cumsum(_PROF / _PROF.sum(1, keepdims=True), axis=1)
P_NORMAL, P_BUSINESS, P_EVENING = 0, 1, 2


def apply_tod(rng, t, tz_h, prof, lo, hi):
    """Move each time to a time of day drawn from its local diurnal profile,
    keeping the local calendar day (business profile: weekdays only)."""
    n = len(t)
    if n == 0:
        return t
    local = t + tz_h * HOUR
    day = np.floor(local / DAY)
    u = rng.random(n)
    h = np.minimum((u[:, None] > PROF_CDF[prof]).sum(1), 23)
    wd = (day + 2) % 7  # 2025-10-01 is a Wednesday, Monday = 0
    shift = np.where((prof == P_BUSINESS) & (wd >= 5) & (rng.random(n) < 0.92), wd - 4, 0)
    new = (day - shift) * DAY + h * HOUR + rng.random(n) * HOUR - tz_h * HOUR
    ok = (new >= lo) & (new <= hi)
    return np.where(ok, new, t)


def model_fast(t, lag, mini=False):
    """The newest model of a tier, switched to `lag` seconds after release."""
    t = np.asarray(t, float)
    if mini:
        return np.where(t >= R3M + lag, 3, 1).astype(np.int8)
    return np.where(t >= R35 + lag, 4, np.where(t >= R3 + lag, 2, 0)).astype(np.int8)


def model_organic(rng, t, p_mini):
    n = len(t)
    mini = rng.random(n) < p_mini
    u = rng.random(n)

    def adopt(dt):
        return np.where(dt > 0, 0.8 * (1 - np.exp(-np.maximum(dt, 0) / (10 * DAY))), 0.0)

    big = np.where(u < adopt(t - R35), 4, np.where(u < adopt(t - R3), 2, 0))
    small = np.where(u < adopt(t - R3M), 3, 1)
    return np.where(mini, small, big).astype(np.int8)


# --------------------------------------------------------------------------- strings
ALPH32 = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz234567", dtype=np.uint8)
ALPH62 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", dtype=np.uint8)
HEXC = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
SHIFTS = np.arange(60, -1, -4).astype(np.uint64)
OCT = np.array([str(i) for i in range(256)])
DIGIT_RUN = re.compile(r"\d{13,}")


def tokens(rng, n, length, alph, prefix):
    """n unique random tokens prefix+length chars (no 13-digit runs)."""
    out = np.empty(n, dtype=f"U{length + len(prefix)}")
    todo = np.arange(n)
    while len(todo):
        codes = np.ascontiguousarray(alph[rng.integers(0, len(alph), size=(len(todo), length))])
        s = codes.view(f"S{length}").ravel().astype(f"U{length}")
        out[todo] = np.strings.add(prefix, s)
        bad = np.zeros(n, bool)
        _, first = np.unique(out, return_index=True)
        dup = np.ones(n, bool)
        dup[first] = False
        bad |= dup
        bad[todo] |= np.array([bool(DIGIT_RUN.search(x)) for x in out[todo]]) if alph is ALPH62 else False
        todo = np.nonzero(bad)[0]
    return out


def nibbles(s):
    return ((s[:, None] >> SHIFTS[None, :]) & np.uint64(15)).astype(np.uint8)


def simhash_ok(s):
    """False when the 16-hex string would contain 13+ consecutive decimal digits
    (every such run covers nibbles 3..12)."""
    if len(s) == 0:
        return np.ones(0, bool)
    return ~(nibbles(s)[:, 3:13] < 10).all(1)


def hex16(s):
    if len(s) == 0:
        return np.array([], dtype="U16")
    return np.ascontiguousarray(HEXC[nibbles(s)]).view("S16").ravel().astype("U16")


def v4str(ints):
    ints = np.asarray(ints, np.int64)
    parts = [OCT[(ints >> sh) & 255] for sh in (24, 16, 8, 0)]
    s = parts[0]
    for p in parts[1:]:
        s = np.strings.add(np.strings.add(s, "."), p)
    return s


def kbit_masks(rng, k):
    k = np.asarray(k, np.int64)
    n = len(k)
    masks = np.zeros(n, np.uint64)
    if n == 0:
        return masks
    kmax = max(int(k.max()), 1)
    todo = np.arange(n)
    while len(todo):
        pos = rng.integers(0, 64, size=(len(todo), kmax)).astype(np.uint64)
        bits = np.left_shift(np.uint64(1), pos)
        bits[~(np.arange(kmax)[None, :] < k[todo][:, None])] = 0
        m = np.bitwise_or.reduce(bits, axis=1)
        ok = np.bitwise_count(m) == k[todo]
        masks[todo[ok]] = m[ok]
        todo = todo[~ok]
    return masks


# --------------------------------------------------------------------------- registries
class Templates:
    """Registry of prompt templates: index -> 64-bit SimHash (fingerprint token
    assigned at write time; one index = one exact normalised template)."""

    def __init__(self, rng):
        self.rng = rng
        self.chunks = []
        self.n = 0

    def _add(self, s):
        idx = np.arange(self.n, self.n + len(s), dtype=np.int64)
        self.chunks.append(np.asarray(s, np.uint64))
        self.n += len(s)
        return idx

    def rand_sims(self, n):
        s = self.rng.integers(0, 2**64, size=n, dtype=np.uint64)
        bad = ~simhash_ok(s)
        while bad.any():
            s[bad] = self.rng.integers(0, 2**64, size=int(bad.sum()), dtype=np.uint64)
            bad = ~simhash_ok(s)
        return s

    def flip(self, base, k):
        base = np.asarray(base, np.uint64)
        k = np.asarray(k, np.int64)
        out = base.copy()
        todo = np.arange(len(base))
        while len(todo):
            v = base[todo] ^ kbit_masks(self.rng, k[todo])
            ok = simhash_ok(v)
            out[todo[ok]] = v[ok]
            todo = todo[~ok]
        return out

    def random(self, n):
        s = self.rand_sims(n)
        return self._add(s), s

    def variants(self, base, k):
        return self._add(self.flip(base, k))

    def family(self, nvar, kmin, kmax, base=None):
        """idx[0] is the verbatim template, the rest paraphrases kmin..kmax bits away."""
        if base is None:
            base = self.rand_sims(1)[0]
        k = self.rng.integers(kmin, kmax + 1, size=nvar)
        k[0] = 0
        return self._add(self.flip(np.full(nvar, base, dtype=np.uint64), k))

    def sims(self):
        return np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.uint64)


VALID_FIRST = [o for o in range(1, 224) if o not in (10, 100, 127, 169, 172, 192, 198, 203)]


class IPs:
    def __init__(self, rng):
        self.rng = rng
        pref = np.array([(a << 8) | b for a in VALID_FIRST for b in range(256)], np.int64)
        self.prefixes = rng.permutation(pref)
        self.pcur = 0
        self.state = {}
        self.v6pre = {}
        self.strs = []
        self.asns = []
        self.n = 0

    def _add(self, strs, asn):
        idx = np.arange(self.n, self.n + len(strs), dtype=np.int64)
        self.strs.append(np.asarray(strs, dtype=object))
        self.asns.append(np.full(len(strs), asn, np.int64))
        self.n += len(strs)
        return idx

    def v4(self, asn, n):
        n = int(n)
        out = []
        need = n
        st = self.state.get(asn)
        while need > 0:
            if st is None or st[1] >= len(st[0]):
                p = int(self.prefixes[self.pcur])
                self.pcur += 1
                hosts = self.rng.permutation(65536)
                hosts = hosts[((hosts & 255) != 0) & ((hosts & 255) != 255)]
                st = [(p << 16) | hosts, 0]
                self.state[asn] = st
            take = min(need, len(st[0]) - st[1])
            out.append(st[0][st[1] : st[1] + take])
            st[1] += take
            need -= take
        ints = np.concatenate(out) if out else np.zeros(0, np.int64)
        return self._add(v4str(ints), asn)

    def v6(self, asn, n):
        n = int(n)
        if asn not in self.v6pre:
            self.v6pre[asn] = f"2{int(self.rng.integers(0x400, 0x600)):03x}:{int(self.rng.integers(0x1000, 0x10000)):x}"
        pre = self.v6pre[asn]
        g = self.rng.integers(1, 65536, size=(n, 6))
        strs = [f"{pre}:{a:x}:{b:x}:{c:x}:{d:x}:{e:x}:{f:x}" for a, b, c, d, e, f in g.tolist()]
        return self._add(strs, asn)

    def v4_multi(self, asns, n):
        """n fresh IPv4 spread over the given ASNs (one draw per address)."""
        pick = self.rng.integers(0, len(asns), size=int(n))
        out = np.empty(int(n), np.int64)
        for j, a in enumerate(asns):
            m = pick == j
            if m.any():
                out[m] = self.v4(a, int(m.sum()))
        return out


# --------------------------------------------------------------------------- geography
# code: (weight, utc offsets, ISP ASNs, mobile ASNs)
COUNTRIES = {
    "US": (0.30, [-5, -6, -7, -8], [7922, 701, 7018, 20115, 22773], [21928, 22394, 20057]),
    "IN": (0.09, [5.5], [24560, 45609, 9829], [55836, 45271]),
    "GB": (0.06, [0], [2856, 5089, 5607], [12576, 206067]),
    "DE": (0.06, [1], [3320, 3209, 8881], [6805, 3320]),
    "BR": (0.05, [-3], [28573, 18881, 27699], [26615, 26599]),
    "FR": (0.04, [1], [3215, 12322, 15557], [51207, 5410]),
    "JP": (0.04, [9], [4713, 17676], [2516, 9605]),
    "CA": (0.04, [-5, -8], [577, 812, 6327], [22351, 852]),
    "KR": (0.03, [9], [4766, 9318], [3786, 9644]),
    "ID": (0.03, [7], [7713, 17451], [23693, 24203]),
    "ES": (0.03, [1], [3352, 12479], [12430, 12357]),
    "MX": (0.03, [-6], [8151, 28548], [28403, 13999]),
    "IT": (0.02, [1], [3269, 30722], [1267, 24608]),
    "NL": (0.02, [1], [1136, 33915], [50266, 31615]),
    "AU": (0.02, [10], [1221, 4804], [4739, 7545]),
    "PL": (0.02, [1], [5617, 12741], [12912, 29314]),
    "VN": (0.02, [7], [7552, 45899], [24086, 131429]),
    "TR": (0.02, [3], [9121, 47331], [16135, 15924]),
    "NG": (0.015, [1], [37282, 36873], [29465, 37148]),
    "SG": (0.015, [8], [9506, 55430], [4773, 10091]),
    "PH": (0.015, [8], [9299, 17639], [132199, 139831]),
    "AR": (0.01, [-3], [7303, 10318], [22927, 27747]),
    "EG": (0.01, [2], [8452, 24835], [36935, 37069]),
    "SE": (0.01, [1], [3301, 2119], [1257, 44034]),
    "NO": (0.005, [1], [2119, 41164], [29695, 12929]),
}
CC = np.array(list(COUNTRIES))
CW = np.array([v[0] for v in COUNTRIES.values()])
CW = CW / CW.sum()
CLOUD = [16509, 14618, 15169, 396982, 8075, 14061, 24940, 16276, 20473, 63949]
ASIA_CLOUD = [45102, 132203, 8075, 16509]
SMALL_HOST = [44477, 209588, 49505, 206728, 57523, 211252, 213230, 39351]
VPN_ASNS = [9009, 60068, 212238, 136787, 13335]

FREEMAIL = [
    ("gmail.com", 0.50),
    ("outlook.com", 0.10),
    ("hotmail.com", 0.08),
    ("yahoo.com", 0.08),
    ("icloud.com", 0.08),
    ("proton.me", 0.04),
    ("gmx.de", 0.025),
    ("web.de", 0.015),
    ("naver.com", 0.02),
    ("yandex.ru", 0.01),
    ("mail.ru", 0.01),
    ("qq.com", 0.01),
    ("orange.fr", 0.01),
    ("aol.com", 0.01),
]
FM_D = np.array([d for d, _ in FREEMAIL])
FM_W = np.array([w for _, w in FREEMAIL])
FM_W = FM_W / FM_W.sum()
UNIS = ["stu.eastlake-univ.edu", "mail.kaiyuan-univ.edu", "students.northgate.ac.uk"]
UNI_ASN = [11537, 2200, 786]
THROWAWAY_A = ["mailnest.top", "quickinbox.cc", "postbox-9.xyz", "zmail.icu", "inboxly.site", "tmpbox.store"]
THROWAWAY_C = ["relaymail.click", "boxfast.pw", "mailhub-x.online", "nmail.fun", "kmailer.live"]
SYLL = [
    "ka",
    "lo",
    "ve",
    "tri",
    "nor",
    "bex",
    "qua",
    "zen",
    "mar",
    "sol",
    "dyn",
    "vis",
    "cor",
    "ax",
    "ly",
    "tek",
    "gra",
    "pho",
    "ori",
    "nex",
    "pal",
    "ru",
    "sen",
    "tor",
    "mi",
    "fal",
    "hel",
    "ion",
    "ber",
    "cas",
]
SUFF = ["", "", "", "labs", "tech", "ai", "systems", "group", "works", "soft", "data", "health", "bank"]
TLDS = [".com", ".com", ".com", ".io", ".co", ".de", ".co.uk", ".net", ".ai", ".fr", ".com.br", ".in"]


def mix(rng, n, items, probs):
    p = np.asarray(probs, float)
    return np.asarray(items)[rng.choice(len(items), size=int(n), p=p / p.sum())]


def split_sizes(rng, n, lo, hi):
    out, s = [], 0
    while s < n:
        k = min(int(rng.integers(lo, hi + 1)), n - s)
        out.append(k)
        s += k
    if len(out) > 1 and out[-1] < lo:
        last = out.pop()
        out[-1] += last
    return out


# --------------------------------------------------------------------------- world
class World:
    def __init__(self, n, seed):
        self.N = int(n)
        self.rng = np.random.default_rng(seed)
        self.ip = IPs(self.rng)
        self.tpl = Templates(self.rng)
        self.acc = {k: [] for k in ("created", "domain", "country", "group", "kind", "repl")}
        self.n_acc = 0
        self.status_updates = []
        self.ev = {k: [] for k in ("acc", "t", "ip", "tpl", "model")}
        self.pm = {k: [] for k in ("acc", "card", "first", "last")}
        self.n_cards = 0
        self.pools = []
        self._pcat = None

    # -- scale
    def sz(self, frac, mn):
        return max(round(mn * min(1.0, self.N / 20000)), 1, round(frac * self.N))

    # -- accounts
    def new_accounts(self, n, group, kind, created, domain, country, repl=0):
        n = int(n)
        idx = np.arange(self.n_acc, self.n_acc + n, dtype=np.int64)
        self.n_acc += n
        a = self.acc
        a["created"].append(np.broadcast_to(np.asarray(created, float), (n,)).copy())
        a["domain"].append(np.broadcast_to(np.asarray(domain, dtype=object), (n,)).copy())
        a["country"].append(np.broadcast_to(np.asarray(country, dtype=object), (n,)).copy())
        a["group"].append(np.full(n, group, dtype=object))
        a["kind"].append(np.full(n, kind, dtype=object))
        a["repl"].append(np.broadcast_to(np.asarray(repl, np.int8), (n,)).copy())
        return idx

    def set_status(self, idx, code, t):
        idx = np.asarray(idx, np.int64)
        if len(idx):
            self.status_updates.append((idx, code, np.broadcast_to(np.asarray(t, float), idx.shape).copy()))

    # -- events / cards
    def add_events(self, acc, t, ip, tpl, model):
        n = len(acc)
        if n == 0:
            return
        for k, v, dt in (
            ("acc", acc, np.int64),
            ("t", t, float),
            ("ip", ip, np.int64),
            ("tpl", tpl, np.int64),
            ("model", model, np.int8),
        ):
            arr = np.broadcast_to(np.asarray(v, dt), (n,)).copy()
            self.ev[k].append(arr)

    def new_cards(self, n):
        idx = np.arange(self.n_cards, self.n_cards + int(n), dtype=np.int64)
        self.n_cards += int(n)
        return idx

    def add_pm(self, acc, card, first=np.nan, last=np.nan):
        acc = np.asarray(acc, np.int64)
        n = len(acc)
        if n == 0:
            return
        self.pm["acc"].append(acc)
        self.pm["card"].append(np.broadcast_to(np.asarray(card, np.int64), (n,)).copy())
        self.pm["first"].append(np.broadcast_to(np.asarray(first, float), (n,)).copy())
        self.pm["last"].append(np.broadcast_to(np.asarray(last, float), (n,)).copy())

    # -- pools
    def add_pool(self, ips):
        self.pools.append(np.asarray(ips, np.int64))
        self._pcat = None
        return len(self.pools) - 1

    def pick_pool(self, pids):
        if self._pcat is None:
            sizes = np.array([len(p) for p in self.pools], np.int64)
            self._pcat = (np.concatenate(self.pools), np.concatenate([[0], np.cumsum(sizes)[:-1]]), sizes)
        cat, off, size = self._pcat
        pids = np.asarray(pids, np.int64)
        return cat[off[pids] + (self.rng.random(len(pids)) * size[pids]).astype(np.int64)]

    def pick(self, arr, n):
        arr = np.asarray(arr)
        return arr[self.rng.integers(0, len(arr), size=int(n))]

    # -- helpers
    def emails(self, n, p_company=0.0):
        rng = self.rng
        d = FM_D[rng.choice(len(FM_D), size=int(n), p=FM_W)].astype(object)
        comp = rng.random(int(n)) < p_company
        if comp.any():
            d[comp] = self.companies[rng.choice(len(self.companies), size=int(comp.sum()), p=self.company_w)]
        return d

    def tz_of(self, countries):
        rng = self.rng
        out = np.zeros(len(countries))
        for c in np.unique(countries):
            m = countries == c
            out[m] = np.asarray(COUNTRIES[c][1], float)[rng.integers(0, len(COUNTRIES[c][1]), size=int(m.sum()))]
        return out

    def home_ips(self, countries, p_v6=0.15):
        """One fresh residential IP per entry (IPv4, or IPv6 text with p_v6)."""
        rng = self.rng
        countries = np.asarray(countries)
        n = len(countries)
        out = np.empty(n, np.int64)
        v6 = rng.random(n) < p_v6
        for c in np.unique(countries):
            isps = COUNTRIES[c][2]
            m = np.nonzero(countries == c)[0]
            which = rng.integers(0, len(isps), size=len(m))
            for j, asn in enumerate(isps):
                mm = m[which == j]
                if len(mm) == 0:
                    continue
                six = v6[mm]
                if (~six).any():
                    out[mm[~six]] = self.ip.v4(asn, int((~six).sum()))
                if six.any():
                    out[mm[six]] = self.ip.v6(asn, int(six.sum()))
        return out

    def carrier_of(self, countries):
        rng = self.rng
        out = np.empty(len(countries), np.int64)
        for c in np.unique(countries):
            m = countries == c
            pids = self.carrier_pools[c]
            out[m] = np.asarray(pids)[rng.integers(0, len(pids), size=int(m.sum()))]
        return out


# --------------------------------------------------------------------------- shared infra
def setup(W):
    rng, N = W.rng, W.N
    # popular public templates (hello/test, summarise, translate, ELI5, ...)
    fams, weights = [], []
    for r in range(40):
        nv = int(rng.integers(2, 8))
        f = W.tpl.family(nv, 1, 2)
        fw = 1.0 / (r + 1) ** 1.1
        vw = np.r_[0.7, np.full(nv - 1, 0.3 / max(nv - 1, 1))] if nv > 1 else np.array([1.0])
        fams.append(f)
        weights.append(fw * vw)
    W.popular = fams
    W.pop_idx = np.concatenate(fams)
    W.pop_w = np.concatenate(weights)
    W.pop_w /= W.pop_w.sum()
    W.health_tpl = fams[0][0]  # "test" / "say hello" - the most common prompt there is
    # company e-mail domains
    ncomp = max(60, N // 25)
    names, seen = [], set()
    while len(names) < ncomp:
        k = int(rng.integers(2, 4))
        nm = "".join(SYLL[int(i)] for i in rng.integers(0, len(SYLL), size=k))
        sf = SUFF[int(rng.integers(0, len(SUFF)))]
        tld = TLDS[int(rng.integers(0, len(TLDS)))]
        d = nm + ("-" + sf if sf and rng.random() < 0.4 else sf) + tld
        if d not in seen:
            seen.add(d)
            names.append(d)
    W.companies = np.array(names, dtype=object)
    cw = 1.0 / np.arange(1, ncomp + 1) ** 0.9
    W.company_w = cw / cw.sum()
    # mobile carrier CGNAT pools
    W.carrier_pools = {}
    for c, (w, _, _, mob) in COUNTRIES.items():
        W.carrier_pools[c] = [W.add_pool(W.ip.v4(asn, max(4, round(N * 0.22 * w / len(mob) / 70)))) for asn in mob]
    # commercial VPN exits
    W.vpn_pools = [W.add_pool(W.ip.v4(asn, max(8, round(N * 0.0015)))) for asn in VPN_ASNS]
    # residential proxy pool (exit nodes on consumer ISPs; 5% are also real users' home IPs)
    psize = max(500, round(0.10 * N))
    pc_ = CC[rng.choice(len(CC), size=psize, p=CW)]
    pc_[rng.random(psize) < 0.25] = "US"
    W.shared_home = W.home_ips(pc_[: psize // 20], p_v6=0.0)
    W.shared_home_cc = pc_[: psize // 20]
    rest = W.home_ips(pc_[psize // 20 :], p_v6=0.03)
    W.proxy_ips = np.concatenate([W.shared_home, rest])
    W.proxy_pool = W.add_pool(W.proxy_ips)
    # campus NATs of three universities
    W.campus_pools = [W.add_pool(W.ip.v4(asn, 4)) for asn in UNI_ASN]


# --------------------------------------------------------------------------- people engine
def people_P(W, acc, start, end, n_ev, tz, prof):
    m = len(acc)
    return dict(
        acc=np.asarray(acc, np.int64),
        start=np.asarray(start, float),
        end=np.asarray(end, float),
        n=np.asarray(n_ev, np.int64),
        tz=np.asarray(tz, float),
        prof=np.broadcast_to(np.asarray(prof, np.int64), (m,)).copy(),
        pm=np.tile([1.0, 0, 0, 0], (m, 1)),
        home=np.full(m, -1, np.int64),
        home2=np.full(m, -1, np.int64),
        sw=np.full(m, np.inf),
        pa=np.full(m, -1, np.int64),
        pb=np.full(m, -1, np.int64),
        own=np.full(m, -1, np.int64),
        p_pop=np.full(m, 0.2),
        n_pers=np.ones(m, np.int64),
        p_mini=np.full(m, 0.35),
        fam=None,
        p_fam=np.zeros(m),
        p_exact=0.6,
    )


def sample_ip(W, P, a, t):
    rng = W.rng
    n = len(a)
    cdf = np.cumsum(P["pm"][a], axis=1)
    u = rng.random(n) * cdf[:, -1]
    mode = (u[:, None] > cdf).sum(1)
    ip = np.full(n, -1, np.int64)
    m = mode == 0
    ip[m] = np.where((t[m] >= P["sw"][a[m]]) & (P["home2"][a[m]] >= 0), P["home2"][a[m]], P["home"][a[m]])
    for md, key in ((1, "pa"), (2, "pb")):
        m = mode == md
        if m.any():
            ip[m] = W.pick_pool(P[key][a[m]])
    m = mode == 3
    ip[m] = P["own"][a[m]]
    assert (ip >= 0).all(), "ip mode without resource"
    return ip


def gen_people(W, P):
    rng = W.rng
    m = len(P["acc"])
    n = P["n"]
    if m == 0 or n.sum() == 0:
        return
    a = np.repeat(np.arange(m), n)
    E = len(a)
    lo, hi = P["start"][a], P["end"][a]
    t = lo + rng.random(E) * np.maximum(hi - lo, 0)
    t = apply_tod(rng, t, P["tz"][a], P["prof"][a], lo, hi)
    ip = sample_ip(W, P, a, t)
    # templates
    tpl = np.empty(E, np.int64)
    r = rng.random(E)
    pop = r < P["p_pop"][a]
    fam = (~pop) & (r < P["p_pop"][a] + P["p_fam"][a]) if P["fam"] is not None else np.zeros(E, bool)
    pers = ~(pop | fam)
    tpl[pop] = W.pop_idx[rng.choice(len(W.pop_idx), size=int(pop.sum()), p=W.pop_w)]
    if fam.any():
        V = P["fam"].shape[1]
        tpl[fam] = P["fam"][a[fam], rng.integers(0, V, size=int(fam.sum()))]
    if pers.any():
        npers = P["n_pers"]
        base_idx, base_sims = W.tpl.random(int(npers.sum()))
        off = np.r_[0, np.cumsum(npers)[:-1]]
        ap = a[pers]
        j = off[ap] + (rng.random(len(ap)) * npers[ap]).astype(np.int64)
        exact = rng.random(len(ap)) < P["p_exact"]
        out = base_idx[j]
        ne = ~exact
        if ne.any():
            out[ne] = W.tpl.variants(base_sims[j[ne]], rng.integers(1, 5, size=int(ne.sum())))
        tpl[pers] = out
    model = model_organic(rng, t, P["p_mini"][a])
    W.add_events(P["acc"][a], t, ip, tpl, model)


def cron_jobs(W, acc, start, end, own_ip):
    """Daily cron jobs at hh:00 (80%) or hh:30, a pinned model, one verbatim template."""
    rng = W.rng
    m = len(acc)
    if m == 0:
        return
    ndays = rng.integers(5, 26, size=m)
    d0 = np.floor(start / DAY) + np.floor(rng.random(m) * np.maximum(np.floor((end - start) / DAY) - 3, 1))
    hour = rng.integers(0, 24, size=m)
    minute = np.where(rng.random(m) < 0.8, 0, 30)
    a = np.repeat(np.arange(m), ndays)
    day = d0[a] + (np.arange(len(a)) - np.repeat(np.r_[0, np.cumsum(ndays)[:-1]], ndays))
    t = day * DAY + hour[a] * HOUR + minute[a] * MINUTE + rng.uniform(0, 4, size=len(a))
    keep = (rng.random(len(a)) < 0.9) & (t >= start[a]) & (t < end[a])
    tidx, _ = W.tpl.random(m)
    pinned = np.where(rng.random(m) < 0.3, 1, model_fast(d0 * DAY, 0))
    W.add_events(acc[a[keep]], t[keep], own_ip[a[keep]], tidx[a[keep]], pinned[a[keep]])


# --------------------------------------------------------------------------- fraud
def op_tidewave(W, n_init):
    rng = W.rng
    G = "op_tidewave"
    fams = np.stack([W.tpl.family(80, 1, 2) for _ in range(5)])
    lag = 7 * HOUR
    ban0 = 62 * DAY
    for m in split_sizes(rng, n_init, 6, 12):
        start = (9 + rng.uniform(0, 22)) * DAY
        bd = start - rng.uniform(0.5, 4, size=2) * DAY
        created = bd[rng.integers(0, 2, size=m)] + rng.uniform(0, 3 * HOUR, size=m)
        dom = mix(
            rng,
            m,
            ["gmail.com", "outlook.com", "proton.me", "hotmail.com", UNIS[0], *THROWAWAY_A],
            [0.25, 0.15, 0.10, 0.05, 0.15] + [0.30 / len(THROWAWAY_A)] * len(THROWAWAY_A),
        )
        ctry = mix(rng, m, ["US", "SG", "GB", "JP", "CA", "DE"], [0.4, 0.2, 0.1, 0.1, 0.1, 0.1])
        acc = W.new_accounts(m, G, "fraud", created, dom, ctry)
        end = np.full(m, T_END)
        banned = (created < ban0 - 2 * DAY) & (rng.random(m) < 0.35)
        bt = ban0 + rng.uniform(0, 20 * HOUR, size=m)
        W.set_status(acc[banned], "banned", bt[banned])
        end[banned] = bt[banned]
        susp = ~banned & (rng.random(m) < 0.04)
        stt = rng.uniform(100, 120, size=m) * DAY
        W.set_status(acc[susp], "suspended", stt[susp])
        end[susp] = stt[susp]
        # payments: prepaid cards shared by 2-3 (20% solo)
        order = rng.permutation(m)
        i = 0
        while i < m:
            k = 1 if rng.random() < 0.2 else int(rng.integers(2, 4))
            grp = order[i : i + k]
            W.add_pm(acc[grp], W.new_cards(1)[0], created[grp], end[grp])
            i += k
        # replacements: fresh solo card, new domains, no old IP
        src = np.nonzero(banned & (rng.random(m) < 0.8))[0]
        k = len(src)
        if k:
            rc = bt[src] + rng.uniform(2, 7, size=k) * DAY
            rdom = mix(
                rng,
                k,
                ["yandex.com", "gmail.com", "proton.me", "tutamail.com", *THROWAWAY_C],
                [0.15, 0.2, 0.15, 0.1] + [0.4 / len(THROWAWAY_C)] * len(THROWAWAY_C),
            )
            ract = W.new_accounts(
                k,
                G,
                "fraud",
                rc,
                rdom,
                mix(rng, k, ["US", "HK", "MY", "GB", "AU"], [0.4, 0.2, 0.15, 0.15, 0.1]),
                repl=1,
            )
            rend = np.full(k, T_END)
            W.add_pm(ract, W.new_cards(k), rc, rend)
            acc = np.r_[acc, ract]
            created = np.r_[created, rc]
            end = np.r_[end, rend]
        A = len(acc)
        asns = [CLOUD[i] for i in rng.choice(len(CLOUD), size=3, replace=False)]
        set1 = W.ip.v4_multi(asns[:2], int(rng.integers(3, 6)))
        migrate = banned.any()
        t_mig = ban0 + rng.uniform(1, 3) * DAY if migrate else np.inf
        set2 = W.ip.v4_multi(asns[2:], int(rng.integers(3, 6))) if migrate else set1
        # waves
        days = np.arange(int(np.ceil(start / DAY)), SPAN_DAYS)
        nw = rng.poisson(0.7, size=len(days)) * (rng.random(len(days)) < 0.7)
        wt = np.sort(np.repeat(days, nw) * DAY + rng.uniform(1 * HOUR, 15 * HOUR, size=int(nw.sum())))
        # never on :00 - keep launches off the top of the hour
        wt = wt + np.where((wt % HOUR) < 120, 180, 0)
        NWv = len(wt)
        if NWv == 0:
            continue
        active = (created[None, :] + 6 * HOUR <= wt[:, None]) & (wt[:, None] < end[None, :] - 900)
        part = active & (rng.random((NWv, A)) < 0.75)
        wi, ai = np.nonzero(part)
        if rng.random() < 0.5:
            off = rng.uniform(0, 150, size=len(wi))  # jittered
        else:
            slot = rng.permutation(A)  # fixed-delay stagger
            off = slot[ai] * rng.uniform(25, 50) + rng.uniform(0, 3, size=len(wi))
        t1 = wt[wi] + off
        nreq = 1 + (rng.random(len(wi)) < 0.5)
        ew = np.repeat(wi, nreq)
        ea = np.repeat(ai, nreq)
        second = np.r_[0, (np.diff(np.repeat(np.arange(len(wi)), nreq)) == 0)].astype(bool)
        et = np.repeat(t1, nreq) + np.where(second, rng.uniform(8, 40, size=len(ew)), 0)
        cf = rng.choice(5, size=2, replace=False)
        wfam = np.where(rng.random(NWv) < 0.9, cf[rng.integers(0, 2, size=NWv)], rng.integers(0, 5, size=NWv))
        tpl = fams[wfam[ew], rng.integers(0, fams.shape[1], size=len(ew))]
        ip = np.where(et < t_mig, W.pick(set1, len(ew)), W.pick(set2, len(ew)))
        W.add_events(acc[ea], et, ip, tpl, model_fast(et, lag))


def op_cardring(W, n_target):
    rng = W.rng
    G = "op_cardring"
    fams = np.stack([W.tpl.family(200, 2, 4) for _ in range(4)])
    accs_created, win_s, win_e, cards, banned_t = [], [], [], [], []
    total = 0
    while total < n_target:
        L = 2 if rng.random() < 0.5 else 3
        card = W.new_cards(1)[0]
        t = rng.uniform(3, 75) * DAY
        for _ in range(L):
            if t > T_END - 2 * DAY or total >= n_target:
                break
            life = rng.uniform(10, 24) * DAY
            e = min(t + life, T_END)
            accs_created.append(t - rng.uniform(0.3, 4) * DAY)
            win_s.append(t)
            win_e.append(e)
            cards.append(card)
            banned_t.append(e if (e < T_END and rng.random() < 0.30) else np.inf)
            total += 1
            t = e + rng.uniform(1, 6) * DAY
    m = total
    created = np.array(accs_created)
    s, e = np.array(win_s), np.array(win_e)
    bt = np.array(banned_t)
    dom = W.emails(m, 0.0)
    uni = rng.random(m) < 0.10
    dom[uni] = UNIS[1]
    ctry = CC[rng.choice(len(CC), size=m, p=CW)]
    acc = W.new_accounts(m, G, "fraud", created, dom, ctry)
    b = np.isfinite(bt)
    W.set_status(acc[b], "banned", bt[b] + 1)
    W.add_pm(acc, np.array(cards), s, e)
    # drip traffic via the rotating residential pool
    days = (e - s) / DAY
    n = np.clip(rng.poisson(2.0 * days * 0.85), 5, 150)
    a = np.repeat(np.arange(m), n)
    t = s[a] + rng.random(len(a)) * (e - s)[a]
    t = apply_tod(rng, t, np.full(len(a), 8.0), np.full(len(a), P_NORMAL), s[a], e[a] - 1)
    f1 = rng.integers(0, 4, size=m)
    f2 = (f1 + rng.integers(1, 4, size=m)) % 4
    fam = np.where(rng.random(len(a)) < 0.75, f1[a], f2[a])
    tpl = fams[fam, rng.integers(0, fams.shape[1], size=len(a))]
    ip = W.pick(W.proxy_ips, len(a))
    W.add_events(acc[a], t, ip, tpl, model_fast(t, 9 * DAY))


def op_hydra(W, n_init):
    rng = W.rng
    G = "op_hydra"
    fams = []
    for _ in range(6):
        f = W.tpl.family(120, 1, 5)
        fams.append(f)
    fams = np.stack(fams)
    lag = 9 * HOUR
    ban1, ban2 = 90 * DAY, 112 * DAY
    us_carriers = W.carrier_pools["US"]
    for m in split_sizes(rng, n_init, 15, 30):
        start = (15 + rng.uniform(0, 25)) * DAY
        nb = int(rng.integers(2, 5))
        bdays = start - rng.uniform(1, 10, size=nb) * DAY
        created = bdays[rng.integers(0, nb, size=m)] + rng.uniform(0, 2 * HOUR, size=m)
        dom = mix(
            rng,
            m,
            ["gmail.com", "outlook.com", UNIS[2], *THROWAWAY_C],
            [0.20, 0.15, 0.20] + [0.45 / len(THROWAWAY_C)] * len(THROWAWAY_C),
        )
        ctry = mix(rng, m, ["US", "GB", "SG", "HK", "MY", "CA", "AU"], [0.35, 0.1, 0.15, 0.15, 0.1, 0.1, 0.05])
        acc = W.new_accounts(m, G, "fraud", created, dom, ctry)
        end = np.full(m, T_END)
        banned = (created < ban1 - 4 * DAY) & (rng.random(m) < 0.40)
        bt = ban1 + rng.uniform(0, 16 * HOUR, size=m)
        W.set_status(acc[banned], "banned", bt[banned])
        end[banned] = bt[banned]
        # cards: 55% solo, 45% shared by 2-3
        order = rng.permutation(m)
        i = 0
        while i < m:
            k = 1 if rng.random() < 0.55 else int(rng.integers(2, 4))
            grp = order[i : i + k]
            W.add_pm(acc[grp], W.new_cards(1)[0], created[grp], end[grp])
            i += k
        # infrastructure
        ctrl = W.ip.v4_multi(
            [SMALL_HOST[i] for i in rng.choice(len(SMALL_HOST), 2, replace=False)], int(rng.integers(4, 8))
        )
        c1 = W.ip.v4(CLOUD[int(rng.integers(0, 4))], int(rng.integers(6, 11)))
        c2 = W.ip.v4(CLOUD[int(rng.integers(4, len(CLOUD)))], int(rng.integers(3, 7)))
        carrier = us_carriers[int(rng.integers(0, len(us_carriers)))]
        my_ctrl = [ctrl[rng.choice(len(ctrl), size=int(rng.integers(1, 3)), replace=False)] for _ in range(m)]
        # replacements
        src = np.nonzero(banned & (rng.random(m) < 0.85))[0]
        k = len(src)
        if k:
            rc = bt[src] + rng.uniform(3, 9, size=k) * DAY
            rdom = mix(
                rng,
                k,
                ["gmail.com", "icloud.com", "yahoo.com", UNIS[0], *THROWAWAY_A],
                [0.25, 0.15, 0.1, 0.1] + [0.4 / len(THROWAWAY_A)] * len(THROWAWAY_A),
            )
            ract = W.new_accounts(
                k, G, "fraud", rc, rdom, mix(rng, k, ["US", "CA", "SG", "GB"], [0.5, 0.2, 0.2, 0.1]), repl=1
            )
            rend = np.full(k, T_END)
            W.add_pm(ract, W.new_cards(k), rc, rend)
            for s_ in src:
                prev = my_ctrl[s_]
                extra = ctrl[rng.integers(0, len(ctrl), size=1)]
                my_ctrl.append(np.unique(np.r_[prev, extra]))
            acc = np.r_[acc, ract]
            created = np.r_[created, rc]
            end = np.r_[end, rend]
        A = len(acc)
        # second ban wave (no replacements before the window closes)
        alive = (end > ban2) & (created < ban2 - DAY)
        b2 = alive & (rng.random(A) < 0.10)
        bt2 = ban2 + rng.uniform(0, 10 * HOUR, size=A)
        W.set_status(acc[b2], "banned", bt2[b2])
        end[b2] = bt2[b2]
        # access paths: 0 cloud1, 1 residential pool, 2 mobile CGNAT, 3 cloud2
        paths = np.zeros((A, 4))
        for j in range(A):
            np_ = int(rng.choice([2, 3, 4], p=[0.4, 0.4, 0.2]))
            ch = rng.choice(4, size=np_, replace=False)
            paths[j, ch] = rng.dirichlet(np.ones(np_))
        # control-IP touches: at sign-up and every 6-12 days
        ca, ct = [], []
        for j in range(A):
            t = created[j] + rng.uniform(10, 90) * MINUTE
            first = True
            while t < end[j]:
                for _ in range(int(rng.integers(1, 3)) if first else 1):
                    ca.append(j)
                    ct.append(t)
                    t += rng.uniform(20, 120)
                first = False
                t += rng.uniform(6, 12) * DAY
        ca = np.array(ca, np.int64)
        ct = np.array(ct)
        cip = np.array([my_ctrl[j][int(rng.integers(0, len(my_ctrl[j])))] for j in ca], np.int64)
        ctpl = np.where(
            rng.random(len(ca)) < 0.5,
            W.health_tpl,
            fams[rng.integers(0, 6, size=len(ca)), rng.integers(0, fams.shape[1], size=len(ca))],
        )
        W.add_events(acc[ca], ct, cip, ctpl, model_fast(ct, lag))
        # sessions, round-robined over the active accounts (the load balancer)
        cellf = rng.choice(6, size=3, replace=False)
        fw = rng.dirichlet(np.ones(3) * 2)
        slot = rng.permutation(A)
        days = np.arange(int(np.ceil(start / DAY)), SPAN_DAYS)
        ns = (rng.random(len(days)) < 0.5) * (1 + (rng.random(len(days)) < 0.3))
        st = np.sort(np.repeat(days, ns) * DAY + rng.uniform(0, 16 * HOUR, size=int(ns.sum())))
        ea, et = [], []
        for si, t0 in enumerate(st):
            ln = rng.uniform(20, 45) * MINUTE
            act = slot[(created[slot] + 2 * HOUR <= t0) & (t0 + ln < end[slot])]
            if len(act) == 0:
                continue
            R = max(1, round(len(act) * rng.uniform(0.8, 1.2)))
            jj = np.arange(R)
            ea.append(act[(jj + si) % len(act)])
            et.append(t0 + (jj + rng.uniform(-0.3, 0.3, size=R)) * ln / R)
        if not ea:
            continue
        ea = np.concatenate(ea)
        et = np.concatenate(et)
        E = len(ea)
        u = rng.random(E) * paths[ea].sum(1)
        path = (u[:, None] > np.cumsum(paths[ea], axis=1)).sum(1)
        ip = np.empty(E, np.int64)
        for p_, src_ in ((0, c1), (3, c2), (1, W.proxy_ips)):
            mm = path == p_
            ip[mm] = W.pick(src_, int(mm.sum()))
        mm = path == 2
        ip[mm] = W.pick_pool(np.full(int(mm.sum()), carrier))
        fam = cellf[rng.choice(3, size=E, p=fw)]
        tpl = fams[fam, rng.integers(0, fams.shape[1], size=E)]
        W.add_events(acc[ea], et, ip, tpl, model_fast(et, lag))


def platform_nimbus(W, n_plat, n_fraud):
    """The Nimbus app platform: real tenants (trap_platform) + hidden fraud tenants (op_nimbus)."""
    rng = W.rng
    dom = "tenants.nimbusapps.io"
    ncards = max(2, round(n_plat / 120))
    cards = W.new_cards(ncards)
    n_real = n_plat - n_fraud
    # ---- real tenants
    created = rng.uniform(-240, SPAN_DAYS - 5, size=n_real) * DAY
    nb = max(1, round(0.15 * n_real / 15))
    bstart = 0
    for _ in range(nb):  # enterprise onboarding batches
        k = int(rng.integers(10, 26))
        d = rng.uniform(-60, SPAN_DAYS - 10) * DAY
        created[bstart : bstart + k] = d + rng.uniform(0, 2 * HOUR, size=min(k, n_real - bstart))
        bstart += k
        if bstart >= n_real:
            break
    ctry = CC[rng.choice(len(CC), size=n_real, p=CW)]
    racc = W.new_accounts(n_real, "trap_platform", "benign_group", created, dom, ctry)
    rend = np.full(n_real, T_END)
    susp = rng.random(n_real) < 0.02
    sts = rng.uniform(np.maximum(created, 0) / DAY + 1, SPAN_DAYS) * DAY
    W.set_status(racc[susp], "suspended", sts[susp])
    rend[susp] = sts[susp]
    W.add_pm(racc, cards[rng.integers(0, ncards, size=n_real)], created, rend)
    start = np.maximum(created, 0) + 600
    P = people_P(W, racc, start, rend, 3 + rng.negative_binomial(2, 2 / 10, size=n_real), W.tz_of(ctry), P_NORMAL)
    own = W.ip.v4_multi(CLOUD, n_real)
    P["own"] = own
    P["pm"] = np.tile([0, 0, 0, 1.0], (n_real, 1))
    P["p_pop"][:] = 0.05
    fam = np.stack([W.tpl.family(12, 1, 3) for _ in range(n_real)])
    P["fam"] = fam
    P["p_fam"][:] = 0.7
    P["p_mini"][:] = 0.5
    gen_people(W, P)
    cr = rng.random(n_real) < 0.15
    cron_jobs(W, racc[cr], start[cr], rend[cr], own[cr])
    # ---- fraud tenants
    G = "op_nimbus"
    bdays = np.array([18, 44, 73]) * DAY + rng.uniform(0, 10 * HOUR, size=3)
    fc = bdays[rng.integers(0, 3, size=n_fraud)] + rng.uniform(0, 90 * MINUTE, size=n_fraud)
    fctry = mix(rng, n_fraud, ["US", "SG", "HK", "GB"], [0.5, 0.25, 0.15, 0.1])
    facc = W.new_accounts(n_fraud, G, "fraud", fc, dom, fctry)
    fend = np.full(n_fraud, T_END)
    fs = rng.random(n_fraud) < 0.08
    fst = rng.uniform(80, 120, size=n_fraud) * DAY
    fs &= fst > fc + DAY
    W.set_status(facc[fs], "suspended", fst[fs])
    fend[fs] = fst[fs]
    W.add_pm(facc, cards[rng.integers(0, ncards, size=n_fraud)], fc, fend)
    ipset = W.ip.v4_multi(ASIA_CLOUD, 12)
    mcnt = rng.integers(2, 5, size=n_fraud)
    mine = np.stack([ipset[rng.permutation(12)[:4]] for _ in range(n_fraud)])  # uses the first mcnt
    fams = np.stack([W.tpl.family(100, 1, 3) for _ in range(3)])
    days = np.arange(18, SPAN_DAYS)
    nbu = rng.poisson(2.5, size=len(days))
    bt = np.sort(np.repeat(days, nbu) * DAY + rng.uniform(0, 14 * HOUR, size=int(nbu.sum())))
    NB = len(bt)
    active = (fc[None, :] + 3 * HOUR <= bt[:, None]) & (bt[:, None] < fend[None, :] - 600)
    part = active & (rng.random((NB, n_fraud)) < 0.14)
    wi, ai = np.nonzero(part)
    t1 = bt[wi] + rng.uniform(0, 170, size=len(wi))
    nreq = rng.integers(1, 4, size=len(wi))
    ew, ea = np.repeat(wi, nreq), np.repeat(ai, nreq)
    rank = np.arange(len(ew)) - np.repeat(np.r_[0, np.cumsum(nreq)[:-1]], nreq)
    et = np.repeat(t1, nreq) + rank * rng.uniform(10, 60, size=len(ew))
    bf = rng.integers(0, 3, size=NB)
    fam = np.where(rng.random(len(ew)) < 0.8, bf[ew], rng.integers(0, 3, size=len(ew)))
    tpl = fams[fam, rng.integers(0, fams.shape[1], size=len(ew))]
    ip = mine[ea, (rng.random(len(ea)) * mcnt[ea]).astype(np.int64)]
    W.add_events(facc[ea], et, ip, tpl, model_fast(et, 5 * HOUR))


# --------------------------------------------------------------------------- traps
def trap_viral(W, n):
    rng = W.rng
    fam = W.tpl.family(30, 1, 3)
    Tv = R35 + 10 * HOUR
    first = Tv + rng.gamma(2.0, 5 * HOUR, size=n)
    first = np.minimum(first, T_END - HOUR)
    new = rng.random(n) < 0.30
    created = np.where(rng.random(n) < 0.6, -700 * DAY * rng.random(n) ** 2, rng.uniform(0, R35, size=n))
    created[new] = first[new] - rng.uniform(2, 60, size=int(new.sum())) * MINUTE
    ctry = CC[rng.choice(len(CC), size=n, p=CW)]
    acc = W.new_accounts(n, "trap_viral", "benign_group", created, W.emails(n, 0.2), ctry)
    start = np.maximum(created, 0)
    nev = np.where(new, rng.poisson(1.0, size=n), 1 + rng.negative_binomial(2, 2 / 5, size=n))
    P = people_P(W, acc, start, np.full(n, T_END), nev, W.tz_of(ctry), P_NORMAL)
    P["home"] = W.home_ips(ctry)
    P["pa"] = W.carrier_of(ctry)
    mob = rng.random(n) < 0.35
    P["pm"] = np.where(mob[:, None], [[0.2, 0.8, 0, 0]], [[0.8, 0.2, 0, 0]])
    P["p_pop"][:] = 0.25
    P["n_pers"] = rng.integers(1, 4, size=n)
    gen_people(W, P)
    k = rng.integers(1, 4, size=n)
    a = np.repeat(np.arange(n), k)
    rank = np.arange(len(a)) - np.repeat(np.r_[0, np.cumsum(k)[:-1]], k)
    t = first[a] + rank * rng.uniform(30, 600, size=len(a))
    tpl = np.where(rng.random(len(a)) < 0.6, fam[0], fam[rng.integers(1, len(fam), size=len(a))])
    model = np.where(rng.random(len(a)) < 0.85, 4, model_organic(rng, t, P["p_mini"][a]))
    W.add_events(acc[a], t, sample_ip(W, P, a, t), tpl, model)
    W.add_pm(acc, W.new_cards(n), created, np.nan)


def unit_name(rng):
    return "".join(SYLL[int(i)] for i in rng.integers(0, len(SYLL), size=int(rng.integers(2, 4))))


def trap_agency(W, n):
    """Translation agencies of 60-100 contractors each (one at N=20k)."""
    for u, m in enumerate(split_sizes(W.rng, n, 60, 100) if n >= 60 else [n]):
        _agency(W, m, u)


def _agency(W, n, u):
    rng = W.rng
    home_c = "DE" if u == 0 else str(rng.choice(["DE", "FR", "ES", "PL", "IT", "NL"]))
    office = W.ip.v4(COUNTRIES[home_c][2][int(rng.integers(0, len(COUNTRIES[home_c][2])))], 2)
    opool = W.add_pool(office)
    created = rng.uniform(-300, -5, size=n) * DAY
    late = rng.random(n) < 0.4
    bd = (np.sort(rng.uniform(10, 110, size=3)) if u else np.array([20, 57, 95])) * DAY + 8 * HOUR
    created[late] = bd[rng.integers(0, 3, size=int(late.sum()))] + rng.uniform(0, 4 * HOUR, size=int(late.sum()))
    others = [c for c in ["DE", "PL", "ES", "FR", "IT"] if c != home_c]
    ctry = mix(rng, n, [home_c, *others], [0.5] + [0.5 / len(others)] * len(others))
    adom = (
        "lingvora-translations.eu"
        if u == 0
        else unit_name(rng) + "-translations." + str(rng.choice(["eu", "com", "de"]))
    )
    dom = np.where(rng.random(n) < 0.6, adom, W.emails(n, 0.0)).astype(object)
    acc = W.new_accounts(n, "trap_agency", "benign_group", created, dom, ctry)
    start = np.maximum(created, 0)
    c1, c2 = W.new_cards(2)
    rot = (58 if u == 0 else rng.uniform(30, 100)) * DAY  # corporate card replaced once
    old = created < rot
    W.add_pm(acc[old], c1, created[old], rot)
    W.add_pm(acc, c2, np.maximum(created, rot), np.nan)
    P = people_P(
        W, acc, start, np.full(n, T_END), 12 + rng.negative_binomial(3, 3 / 17, size=n), np.full(n, 1.0), P_BUSINESS
    )
    remote = rng.random(n) < 0.5
    P["home"] = W.home_ips(ctry)
    P["pa"] = np.full(n, opool)
    P["pm"] = np.where(remote[:, None], [[0.9, 0.1, 0, 0]], [[0.1, 0.9, 0, 0]])
    fams = np.stack([W.tpl.family(40, 1, 3) for _ in range(3)])
    P["fam"] = fams[rng.integers(0, 3, size=n)]
    P["p_fam"][:] = 0.8
    P["p_pop"][:] = 0.03
    gen_people(W, P)


def _class_days(first, weeks):
    out, d = [], first
    while len(out) < weeks and d < SPAN_DAYS:
        if not (83 <= d < 96):  # winter break
            out.append(d)
        d += 7
    return np.array(out, dtype=float)


def trap_bootcamp(W, n):
    """Bootcamps of two cohorts (~120 students per bootcamp)."""
    for u, m in enumerate(split_sizes(W.rng, n, 90, 150) if n >= 90 else [n]):
        _bootcamp(W, m, u)


def _bootcamp(W, n, u):
    rng = W.rng
    if u == 0:
        wd, hour, c_asn, bdom = 1, 16.0, 3209, "students.forgecamp.io"
        firsts = [13, 69]
    else:
        wd, hour = int(rng.integers(0, 4)), float(rng.integers(15, 19))
        c_asn = COUNTRIES["DE"][2][int(rng.integers(0, 3))]
        bdom = "students." + unit_name(rng) + "camp.io"
        firsts = [int(rng.integers(6, 21)), int(rng.integers(60, 75))]
    firsts = [f + ((wd - (f + 2)) % 7) for f in firsts]  # move to the class weekday
    campus = W.ip.v4(c_asn, 2)
    sponsor = W.new_cards(1)[0]
    cohorts = [(_class_days(firsts[0], 8), n // 2), (_class_days(firsts[1], 8), n - n // 2)]
    for class_days, m in cohorts:
        if m == 0 or len(class_days) == 0:
            continue
        cls = class_days * DAY + hour * HOUR  # evening class, Central European time
        c0 = cls[0]
        early = rng.random(m) < 0.5
        created = np.where(early, c0 - rng.uniform(0.1, 3, size=m) * DAY, c0 + rng.uniform(2, 50, size=m) * MINUTE)
        ctry = mix(rng, m, ["DE", "NL", "PL", "FR"], [0.8, 0.08, 0.06, 0.06])
        dom = np.where(rng.random(m) < 0.5, bdom, W.emails(m)).astype(object)
        acc = W.new_accounts(m, "trap_bootcamp", "benign_group", created, dom, ctry)
        sp = rng.random(m) < 0.3
        W.add_pm(acc[sp], sponsor, created[sp], np.nan)
        W.add_pm(acc[~sp], W.new_cards(int((~sp).sum())), created[~sp], np.nan)
        home = W.home_ips(ctry)
        inperson = rng.random(m) < 0.6
        ea, et, eip, etpl = [], [], [], []
        for c in cls:
            fam = W.tpl.family(25, 1, 4)
            att = (rng.random(m) < 0.8) & (created <= c + 55 * MINUTE)
            j = np.nonzero(att)[0]
            if len(j) == 0:
                continue
            t1 = np.maximum(c + 10 * MINUTE + rng.lognormal(np.log(150), 0.6, size=len(j)), created[j] + 60)
            k = rng.integers(2, 5, size=len(j))
            a = np.repeat(j, k)
            rank = np.arange(len(a)) - np.repeat(np.r_[0, np.cumsum(k)[:-1]], k)
            t = np.repeat(t1, k) + rank * rng.uniform(4, 22, size=len(a)) * MINUTE
            room = inperson[a] & (rng.random(len(a)) < 0.85)
            ip = np.where(room, W.pick(campus, len(a)), home[a])
            # homework: 0-3 requests over the next 6 evenings, from home
            hk = rng.integers(0, 4, size=len(j))
            ha = np.repeat(j, hk)
            ht = c + rng.uniform(1, 6.5, size=len(ha)) * DAY
            ht = apply_tod(rng, ht, np.full(len(ha), 1.0), np.full(len(ha), P_EVENING), ht - DAY, T_END)
            ea += [a, ha]
            et += [t, ht]
            eip += [ip, home[ha]]
            allt = np.r_[a, ha]
            etpl.append(np.where(rng.random(len(allt)) < 0.4, fam[0], fam[rng.integers(1, len(fam), size=len(allt))]))
        if ea:
            ea, et, eip, etpl = map(np.concatenate, (ea, et, eip, etpl))
            W.add_events(acc[ea], et, eip, etpl, model_fast(et, 2 * DAY, mini=True))
        P = people_P(
            W, acc, np.maximum(created, 0), np.full(m, T_END), rng.poisson(1.5, size=m), np.full(m, 1.0), P_EVENING
        )
        P["home"] = home
        P["pa"] = W.carrier_of(ctry)
        P["pm"] = np.tile([0.7, 0.3, 0, 0], (m, 1))
        gen_people(W, P)


def trap_vpncorp(W, n):
    rng = W.rng
    egress = W.add_pool(W.ip.v4(53813, 3))
    created = rng.uniform(-400, SPAN_DAYS - 5, size=n) * DAY
    b = min(n, 20)
    created[:b] = 30 * DAY + 8 * HOUR + rng.uniform(0, 3 * HOUR, size=b)
    ctry = np.where(rng.random(n) < 0.85, "NO", "SE").astype(object)
    acc = W.new_accounts(n, "trap_vpncorp", "benign_group", created, "halvorsen-logistics.no", ctry)
    has = rng.random(n) < 0.95
    W.add_pm(acc[has], W.new_cards(int(has.sum())), created[has], np.nan)
    P = people_P(
        W,
        acc,
        np.maximum(created, 0),
        np.full(n, T_END),
        4 + rng.negative_binomial(2, 2 / 8, size=n),
        np.full(n, 1.0),
        P_BUSINESS,
    )
    P["home"] = W.home_ips(ctry.astype(str))
    P["pa"] = np.full(n, egress)
    P["pb"] = W.carrier_of(ctry.astype(str))
    P["pm"] = np.tile([0.1, 0.85, 0.05, 0], (n, 1))
    help_ = W.tpl.family(8, 1, 2)
    P["fam"] = np.tile(help_, (n, 1))
    P["p_fam"] = np.where(rng.random(n) < 0.4, 0.25, 0.0)
    P["n_pers"] = rng.integers(1, 4, size=n)
    gen_people(W, P)


def trap_household(W, n_target):
    rng = W.rng
    sizes = []
    while sum(sizes) < n_target:
        sizes.append(int(rng.choice([2, 3, 4], p=[0.55, 0.3, 0.15])))
    H = len(sizes)
    sizes = np.array(sizes)
    hid = np.repeat(np.arange(H), sizes)
    m = len(hid)
    hc = CC[rng.choice(len(CC), size=H, p=CW)]
    c0 = np.where(rng.random(H) < 0.6, -600 * DAY * rng.random(H) ** 2, rng.uniform(0, 90, size=H) * DAY)
    rank = np.arange(m) - np.repeat(np.r_[0, np.cumsum(sizes)[:-1]], sizes)
    created = np.minimum(c0[hid] + np.where(rank > 0, rng.uniform(0, 200, size=m) * DAY, 0), T_END - DAY)
    famdom = rng.random(H) < 0.10
    fdom = np.array(
        [
            f"{SYLL[int(rng.integers(0, len(SYLL)))]}{SYLL[int(rng.integers(0, len(SYLL)))]}"
            f"{SYLL[int(rng.integers(0, len(SYLL)))]}-family.net"
            for _ in range(H)
        ],
        dtype=object,
    )
    dom = np.where(famdom[hid], fdom[hid], W.emails(m, 0.1)).astype(object)
    ctry = hc[hid]
    acc = W.new_accounts(m, "trap_household", "benign_group", created, dom, ctry)
    hcard = W.new_cards(H)
    W.add_pm(acc, hcard[hid], created, np.nan)
    own = rng.random(m) < 0.2
    W.add_pm(acc[own], W.new_cards(int(own.sum())), created[own], np.nan)
    home = W.home_ips(hc, p_v6=0.15)
    home2 = W.home_ips(hc, p_v6=0.15)
    sw = np.where(rng.random(H) < 0.3, rng.uniform(10, SPAN_DAYS - 10, size=H) * DAY, np.inf)
    P = people_P(
        W,
        acc,
        np.maximum(created, 0),
        np.full(m, T_END),
        1 + rng.negative_binomial(2, 2 / 5, size=m),
        W.tz_of(ctry),
        P_EVENING,
    )
    P["home"], P["home2"], P["sw"] = home[hid], np.where(np.isfinite(sw), home2, -1)[hid], sw[hid]
    P["pa"] = W.carrier_of(ctry)
    P["pm"] = np.tile([0.8, 0.2, 0, 0], (m, 1))
    hf = np.stack([W.tpl.family(5, 0, 2) for _ in range(H)])
    P["fam"] = hf[hid]
    P["p_fam"][:] = 0.15
    P["n_pers"] = rng.integers(1, 4, size=m)
    gen_people(W, P)


def trap_botplatform(W, n):
    rng = W.rng
    egress = W.ip.v4(396982, 4)
    personas = W.tpl.rand_sims(3)
    created = rng.uniform(-300, SPAN_DAYS - 3, size=n) * DAY
    ctry = mix(rng, n, ["US", "CA", "GB", "BR", "DE", "PH"], [0.55, 0.1, 0.1, 0.1, 0.08, 0.07])
    acc = W.new_accounts(n, "trap_botplatform", "benign_group", created, W.emails(n, 0.05), ctry)
    W.add_pm(acc, W.new_cards(n), created, np.nan)
    nev = 4 + rng.negative_binomial(2, 2 / 10, size=n)
    a = np.repeat(np.arange(n), nev)
    lo = np.maximum(created, 0)[a] + HOUR
    t = lo + rng.random(len(a)) * (T_END - lo)
    t = apply_tod(rng, t, W.tz_of(ctry)[a], np.full(len(a), P_EVENING), lo, np.full(len(a), T_END))
    pers = rng.choice(3, size=n, p=[0.6, 0.3, 0.1])
    tpl = W.tpl.variants(personas[pers[a]], rng.integers(2, 9, size=len(a)))
    W.add_events(acc[a], t, W.pick(egress, len(a)), tpl, model_fast(t, 5 * DAY))


def trap_evalteam(W, n):
    """Benchmark / evaluation teams of 30-50 keys each."""
    for u, m in enumerate(split_sizes(W.rng, n, 30, 50) if n >= 30 else [n]):
        _evalteam(W, m, u)


def _evalteam(W, n, u):
    rng = W.rng
    if u == 0:
        cday, dom, asn, rday, rhour = -120.0, "meridian-evals.org", 16509, 4, 3.0
    else:
        cday, dom = float(rng.uniform(-400, -20)), unit_name(rng) + "-evals." + str(rng.choice(["org", "ai", "com"]))
        asn, rday, rhour = (
            [16509, 15169, 8075][int(rng.integers(0, 3))],
            int(rng.integers(0, 7)),
            float(rng.integers(1, 6)),
        )
    created = np.floor(cday) * DAY + 14 * HOUR + rng.uniform(0, 40 * MINUTE, size=n)
    acc = W.new_accounts(n, "trap_evalteam", "benign_group", created, dom, "US")
    cards = W.new_cards(2)
    W.add_pm(acc, cards[np.arange(n) % 2], created, np.nan)
    runners = W.ip.v4(asn, 8)
    suites = np.stack([W.tpl.family(200, 1, 3) for _ in range(3)])
    shard = np.arange(n) % 3
    ea, et, em = [], [], []
    for rel, mdl in ((R3, 2), (R3M, 3), (R35, 4)):  # sharded eval within hours of each release
        t0 = rel + rng.uniform(1.5, 5) * HOUR
        ln = rng.uniform(30, 60) * MINUTE
        k = rng.integers(8, 16, size=n)
        a = np.repeat(np.arange(n), k)
        ea.append(a)
        et.append(t0 + rng.random(len(a)) * ln)
        em.append(np.full(len(a), mdl))
    for d in range(rday, SPAN_DAYS, 7):  # weekly regression at an odd hour
        t0 = d * DAY + rhour * HOUR + rng.uniform(0, 5 * MINUTE)
        k = rng.integers(2, 5, size=n)
        a = np.repeat(np.arange(n), k)
        t = t0 + rng.random(len(a)) * 20 * MINUTE
        ea.append(a)
        et.append(t)
        em.append(np.where(rng.random(len(a)) < 0.5, model_fast(t, 0), model_fast(t, 0, mini=True)))
    a, t, mdl = map(np.concatenate, (ea, et, em))
    tpl = suites[shard[a], rng.integers(0, suites.shape[1], size=len(a))]
    W.add_events(acc[a], t, W.pick(runners, len(a)), tpl, mdl)


# --------------------------------------------------------------------------- organic
ARCH = ["org_casual", "org_mobile", "org_developer", "org_proxy_customer", "org_vpn", "org_university", "org_dormant"]
ARCH_P = [0.475, 0.14, 0.12, 0.125, 0.08, 0.02, 0.04]


def organic(W, n):
    rng = W.rng
    if n <= 0:
        return
    arch = rng.choice(len(ARCH), size=n, p=ARCH_P)
    ctry = CC[rng.choice(len(CC), size=n, p=CW)]
    before = (rng.random(n) < 0.55) | (arch == 6)
    created = np.where(before, -700 * DAY * rng.random(n) ** 2, rng.uniform(0, T_END - HOUR, size=n))
    # a few ordinary users' home IPs are also exit nodes of the residential proxy pool
    cas = np.nonzero(arch == 0)[0]
    kx = min(len(cas), len(W.shared_home))
    pickc = rng.choice(cas, size=kx, replace=False) if kx else np.zeros(0, np.int64)
    ctry[pickc] = W.shared_home_cc[:kx]
    dom = W.emails(n, 0.0)
    pc_ = np.select([arch == 2, arch == 0], [0.55, 0.25], 0.15)
    comp = rng.random(n) < pc_
    dom[comp] = W.companies[rng.choice(len(W.companies), size=int(comp.sum()), p=W.company_w)]
    uni = rng.integers(0, 3, size=n)
    dom[arch == 5] = np.array(UNIS, dtype=object)[uni[arch == 5]]
    acc_all = []
    # groups are created per archetype so that truth carries the archetype
    idx = np.empty(n, np.int64)
    for k, g in enumerate(ARCH):
        mk = np.nonzero(arch == k)[0]
        if len(mk):
            idx[mk] = W.new_accounts(len(mk), g, "organic", created[mk], dom[mk], ctry[mk])
    acc_all = idx
    start = np.maximum(created, 0)
    end = np.where(rng.random(n) < 0.75, T_END, np.minimum(T_END, start + rng.exponential(40 * DAY, size=n) + DAY))
    # unrelated bans / suspensions
    r = rng.random(n)
    bt = start + rng.random(n) * (end - start)
    ban = (r < 0.006) & (arch != 6)
    sus = (r >= 0.006) & (r < 0.009) & (arch != 6)
    W.set_status(acc_all[ban], "banned", bt[ban])
    W.set_status(acc_all[sus], "suspended", bt[sus])
    end = np.where(ban | sus, bt, end)
    # cards: 85% one, 7% two over time, 8% none
    rc = rng.random(n)
    one = rc < 0.85
    two = (rc >= 0.85) & (rc < 0.92)
    W.add_pm(acc_all[one], W.new_cards(int(one.sum())), created[one], np.nan)
    swt = start[two] + rng.random(int(two.sum())) * (end[two] - start[two])
    W.add_pm(acc_all[two], W.new_cards(int(two.sum())), created[two], swt)
    W.add_pm(acc_all[two], W.new_cards(int(two.sum())), swt, np.nan)
    # volume
    nb = rng.negative_binomial
    nev = np.select(
        [arch == 0, arch == 1, arch == 2, arch == 3, arch == 4, arch == 5, arch == 6],
        [
            1 + nb(1, 1 / 3.2, size=n),
            1 + nb(1, 1 / 2.8, size=n),
            3 + nb(2, 2 / 11, size=n),
            1 + nb(1, 1 / 4, size=n),
            1 + nb(1, 1 / 3.5, size=n),
            2 + nb(2, 2 / 6, size=n),
            np.zeros(n, np.int64),
        ],
    )
    nev = np.where(rng.random(n) < 0.06, 0, nev)  # silent in this window
    P = people_P(W, acc_all, start, end, nev, W.tz_of(ctry), P_NORMAL)
    home = W.home_ips(ctry)
    home[pickc] = W.shared_home[:kx]
    P["home"] = home
    ch = rng.random(n) < 0.2
    P["home2"] = np.where(ch, W.home_ips(ctry), -1)
    P["sw"] = np.where(ch, start + rng.random(n) * (end - start), np.inf)
    P["pa"] = W.carrier_of(ctry)
    pb = np.full(n, -1, np.int64)
    pb[arch == 3] = W.proxy_pool
    vp = np.asarray(W.vpn_pools)[rng.integers(0, len(W.vpn_pools), size=n)]
    pb[arch == 4] = vp[arch == 4]
    pb[arch == 5] = np.asarray(W.campus_pools)[uni[arch == 5]]
    P["pb"] = pb
    own = np.full(n, -1, np.int64)
    dev = np.nonzero(arch == 2)[0]
    own[dev] = W.ip.v4_multi(CLOUD, len(dev))
    P["own"] = own
    PM = {
        0: [0.8, 0.2, 0, 0],
        1: [0.1, 0.9, 0, 0],
        2: [0.5, 0.1, 0, 0.4],
        3: [0.15, 0, 0.85, 0],
        4: [0.2, 0, 0.8, 0],
        5: [0.2, 0.15, 0.65, 0],
        6: [1, 0, 0, 0],
    }
    P["pm"] = np.array([PM[int(x)] for x in range(7)])[arch]
    P["p_pop"] = np.array([0.25, 0.3, 0.1, 0.15, 0.2, 0.25, 0.2])[arch]
    P["n_pers"] = rng.integers(1, 4, size=n)
    P["p_mini"] = np.where(arch == 2, 0.25, 0.4)
    gen_people(W, P)
    cr = dev[rng.random(len(dev)) < 0.25]
    cron_jobs(W, acc_all[cr], start[cr], end[cr], own[cr])


# --------------------------------------------------------------------------- build + write
def build(W):
    N = W.N
    setup(W)
    op_tidewave(W, W.sz(0.008, 60))
    op_cardring(W, W.sz(0.007, 40))
    op_hydra(W, W.sz(0.006, 50))
    n_plat = W.sz(0.02, 150)
    platform_nimbus(W, n_plat, min(W.sz(0.0045, 30), n_plat // 3))
    trap_viral(W, W.sz(0.025, 100))
    trap_agency(W, W.sz(0.004, 25))
    trap_bootcamp(W, W.sz(0.006, 40))
    trap_vpncorp(W, W.sz(0.006, 40))
    trap_household(W, W.sz(0.012, 60))
    trap_botplatform(W, W.sz(0.01, 50))
    trap_evalteam(W, W.sz(0.002, 12))
    organic(W, N - W.n_acc)


def ts_arrow(sec):
    ms = np.round(np.asarray(sec, float) * 1000).astype(np.int64) + T0_EPOCH * 1000
    return pa.array(ms, type=pa.timestamp("ms", tz="UTC"))


def write(W, out):
    rng = W.rng
    os.makedirs(out, exist_ok=True)
    A = {k: np.concatenate(v) for k, v in W.acc.items()}
    n = W.n_acc
    status = np.zeros(n, np.int8)
    stime = np.full(n, np.inf)
    code = {"banned": 1, "suspended": 2}
    for idx, c, t in W.status_updates:
        status[idx] = code[c]
        stime[idx] = t
    created = A["created"]
    end = np.minimum(stime, T_END)
    # --- events
    E = {k: np.concatenate(v) for k, v in W.ev.items()}
    t = E["t"] + rng.random(len(E["t"])) * 0.999  # sub-second part
    acc = E["acc"]
    keep = (t >= np.maximum(created[acc], 0)) & (t < end[acc])
    for k in E:
        E[k] = E[k][keep]
    t = t[keep]
    order = np.lexsort((E["acc"], t))
    for k in E:
        E[k] = E[k][order]
    t = t[order]
    E["t"] = t
    # --- ids
    perm = rng.permutation(n)  # output order of accounts
    ids = tokens(rng, n, 14, ALPH32, "acct_")
    ida = pa.array(ids)
    ip_strs = np.concatenate(W.ip.strs)
    ip_asn = np.concatenate(W.ip.asns)
    used_ip, ip_code = np.unique(E["ip"], return_inverse=True)
    ipa = pa.array(ip_strs[used_ip].astype(str))
    sims = W.tpl.sims()
    used_t, t_code = np.unique(E["tpl"], return_inverse=True)
    fpa = pa.array(tokens(rng, len(used_t), 16, ALPH32, "fp_"))
    sha = pa.array(hex16(sims[used_t]))
    cards = pa.array(tokens(rng, W.n_cards, 24, ALPH62, "pm_"))

    def take(arr, codes):
        return pc.take(arr, pa.array(np.asarray(codes, np.int64)))

    # --- requests
    req = pa.table(
        {
            "account_id": take(ida, E["acc"]),
            "timestamp": ts_arrow(t),
            "ip": take(ipa, ip_code),
            "model": take(pa.array(MODELS), E["model"]),
            "prompt_fingerprint": take(fpa, t_code),
            "prompt_simhash": take(sha, t_code),
        }
    )
    pq.write_table(req, os.path.join(out, "requests.parquet"))
    # --- aggregates
    df = pd.DataFrame({"a": E["acc"], "i": ip_code, "p": t_code, "t": t})
    last_act = np.full(n, np.nan)
    g = df.groupby("a", sort=False)["t"].max()
    last_act[g.index.values] = g.values
    px = df.groupby(["a", "i"], sort=True)["t"].agg(["min", "max", "count"]).reset_index()
    px = px.iloc[np.lexsort((px["i"].values, np.argsort(perm)[px["a"].values]))]
    prox = pa.table(
        {
            "account_id": take(ida, px["a"].values),
            "ip": take(ipa, px["i"].values),
            "asn": pa.array(ip_asn[used_ip][px["i"].values]),
            "first_seen": ts_arrow(px["min"].values),
            "last_seen": ts_arrow(px["max"].values),
            "request_count": pa.array(px["count"].values.astype(np.int64)),
        }
    )
    pq.write_table(prox, os.path.join(out, "proxies.parquet"))
    fp = df.groupby(["a", "p"], sort=True)["t"].agg(["min", "max", "count"]).reset_index()
    fp = fp.iloc[np.lexsort((fp["p"].values, np.argsort(perm)[fp["a"].values]))]
    fpt = pa.table(
        {
            "account_id": take(ida, fp["a"].values),
            "fingerprint": take(fpa, fp["p"].values),
            "simhash": take(sha, fp["p"].values),
            "first_seen": ts_arrow(fp["min"].values),
            "last_seen": ts_arrow(fp["max"].values),
            "request_count": pa.array(fp["count"].values.astype(np.int64)),
        }
    )
    pq.write_table(fpt, os.path.join(out, "prompt_fingerprints.parquet"))
    # --- payment methods
    pa_acc = np.concatenate(W.pm["acc"])
    pa_card = np.concatenate(W.pm["card"])
    first = np.concatenate(W.pm["first"])
    last = np.concatenate(W.pm["last"])
    first = np.where(np.isnan(first), created[pa_acc], np.maximum(first, created[pa_acc]))
    act_end = np.where(np.isnan(last_act[pa_acc]), created[pa_acc], last_act[pa_acc])
    last = np.where(np.isnan(last), act_end, np.minimum(last, np.maximum(act_end, first)))
    last = np.minimum(np.maximum(last, first), end[pa_acc])
    first = np.minimum(first, last)
    o = np.lexsort((pa_card, np.argsort(perm)[pa_acc]))
    pmt = pa.table(
        {
            "account_id": take(ida, pa_acc[o]),
            "payment_method_id": take(cards, pa_card[o]),
            "first_seen": ts_arrow(first[o]),
            "last_seen": ts_arrow(last[o]),
        }
    )
    pq.write_table(pmt, os.path.join(out, "payment_methods.parquet"))
    # --- accounts + truth
    st_names = np.array(["active", "banned", "suspended"])
    acct = pa.table(
        {
            "account_id": take(ida, perm),
            "created_at": ts_arrow(created[perm]),
            "email_domain": pa.array(A["domain"][perm].astype(str)),
            "country": pa.array(A["country"][perm].astype(str)),
            "status": pa.array(st_names[status[perm]]),
        }
    )
    pq.write_table(acct, os.path.join(out, "accounts.parquet"))
    truth = pd.DataFrame(
        {
            "account_id": ids[perm],
            "group": A["group"][perm],
            "kind": A["kind"][perm],
            "status": st_names[status[perm]],
            "replacement": A["repl"][perm].astype(int),
        }
    )
    truth.to_csv(os.path.join(out, "truth.csv"), index=False)
    return {
        "accounts": acct.num_rows,
        "payment_methods": pmt.num_rows,
        "proxies": prox.num_rows,
        "prompt_fingerprints": fpt.num_rows,
        "requests": req.num_rows,
    }


# --------------------------------------------------------------------------- validation
def _luhn(s):
    d = [int(c) for c in s][::-1]
    tot = sum(d[0::2]) + sum(sum(divmod(2 * x, 10)) for x in d[1::2])
    return tot % 10 == 0


def validate(out):
    req_cols = {
        "accounts": ["account_id", "created_at", "email_domain", "country", "status"],
        "payment_methods": ["account_id", "payment_method_id", "first_seen", "last_seen"],
        "proxies": ["account_id", "ip", "asn", "first_seen", "last_seen", "request_count"],
        "prompt_fingerprints": ["account_id", "fingerprint", "simhash", "first_seen", "last_seen", "request_count"],
        "requests": ["account_id", "timestamp", "ip", "model", "prompt_fingerprint", "prompt_simhash"],
    }
    T = {k: pd.read_parquet(os.path.join(out, k + ".parquet")) for k in req_cols}
    problems = []
    for k, cols in req_cols.items():
        if list(T[k].columns) != cols:
            problems.append(f"{k}: columns {list(T[k].columns)}")
    ids = T["accounts"]["account_id"]
    if ids.duplicated().any():
        problems.append("duplicate account_id")
    idset = set(ids)
    for k in req_cols:
        if k != "accounts" and not T[k]["account_id"].isin(idset).all():
            problems.append(f"{k}: dangling account_id")
    for k, df in T.items():
        for c in df.columns:
            if str(df[c].dtype).startswith("datetime64"):
                if df[c].isna().any():
                    problems.append(f"{k}.{c}: NaT")
                continue
            if df[c].dtype == object or str(df[c].dtype).startswith("str"):
                s = df[c].astype(str)
                hits = s[s.str.contains(r"\d{13,}", regex=True)]
                for h in hits.head(50):
                    for run in re.findall(r"\d{13,}", h):
                        for L in range(13, 20):
                            for i in range(0, len(run) - L + 1):
                                if _luhn(run[i : i + L]):
                                    problems.append(f"{k}.{c}: Luhn-valid digit run")
                                    break
                if len(hits):
                    problems.append(f"{k}.{c}: {len(hits)} values with 13+ digit runs")
    for k, c in (("prompt_fingerprints", "simhash"), ("requests", "prompt_simhash")):
        if not T[k][c].str.fullmatch(r"[0-9a-f]{16}").all():
            problems.append(f"{k}.{c}: bad simhash format")
    fp = T["prompt_fingerprints"]
    if fp.groupby("fingerprint")["simhash"].nunique().max() != 1:
        problems.append("fingerprint with two simhashes")
    r = T["requests"]
    pk = set(zip(T["proxies"]["account_id"], T["proxies"]["ip"], strict=False))
    if not all(x in pk for x in zip(r["account_id"], r["ip"], strict=False)):
        problems.append("request (account, ip) missing from proxies")
    fk = set(zip(fp["account_id"], fp["fingerprint"], strict=False))
    if not all(x in fk for x in zip(r["account_id"], r["prompt_fingerprint"], strict=False)):
        problems.append("request (account, fingerprint) missing from prompt_fingerprints")
    if T["proxies"]["request_count"].sum() != len(r) or fp["request_count"].sum() != len(r):
        problems.append("request_count totals differ from requests")
    pm = T["payment_methods"]
    if (pm["first_seen"] > pm["last_seen"]).any():
        problems.append("payment first_seen > last_seen")
    truth = pd.read_csv(os.path.join(out, "truth.csv"))
    if list(truth.columns) != ["account_id", "group", "kind", "status", "replacement"]:
        problems.append("truth columns")
    m = truth.merge(T["accounts"][["account_id", "status"]], on="account_id", suffixes=("", "_a"))
    if len(m) != len(ids) or (m["status"] != m["status_a"]).any():
        problems.append("truth/accounts mismatch")
    if not set(truth["kind"]) <= {"fraud", "benign_group", "organic"}:
        problems.append("truth kind")
    acc_created = T["accounts"].set_index("account_id")["created_at"]
    if (r["timestamp"].values < acc_created.reindex(r["account_id"]).values).any():
        problems.append("request before account creation")
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--validate", action="store_true", help="re-read the output and check it")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    W = World(args.accounts, args.seed)
    build(W)
    counts = write(W, args.out_dir)
    dt = time.perf_counter() - t0
    print(f"wrote {args.out_dir} in {dt:.1f}s: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    if args.validate:
        probs = validate(args.out_dir)
        print("validation: " + ("OK" if not probs else "; ".join(probs)))
        return 1 if probs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
