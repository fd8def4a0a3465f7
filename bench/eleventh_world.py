#!/usr/bin/env python
"""Eleventh world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/eleventh_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` and ``requests``
as Parquet into OUT_DIR, plus ``truth.csv`` (``account_id,group,kind,status,replacement``).
Only numpy, pandas and pyarrow; one ``numpy.random.Generator`` seeded from ``--seed`` drives
everything, so a seed always gives the same bytes of data. The window is eight weeks from
2026-01-05; a new model (``orion-large-2026-02``) is released on day 35 at 13:00 UTC.

Fraud operations (kind ``fraud``)
---------------------------------
``op_slowburn``
    Cells of 8-15 accounts that *age* for three to four weeks: ordinary-looking prompts drawn
    from the same popular/personal prompt pool as real users, human diurnal timing, mostly via
    a commercial residential proxy pool that thousands of ordinary customers also use. On a
    cell-wide switch day every account flips to paraphrases of two of the operation's four
    templates, sent in synchronized bursts (all cell accounts within 3 minutes, 24/7).
    Prepaid cards shared by 2-3 accounts; email domains mix webmail and a university domain
    (real students of that university also exist in the organic population). Some cells are
    partly banned; each banned account is replaced 2-6 days later with a fresh card, reusing
    the cell's private IPs and templates and skipping the ageing. Signal tested: change point
    in behaviour + synchronized bursts + private IPs, despite a clean history.
``op_rotator``
    Cells of 20-40 accounts behind cloud IPs that are replaced every week. The operation
    rotates template families every four days (two brand-new families per epoch, never reused),
    so no fingerprint lasts. An orchestrator load-balances a constant-cadence stream round-robin
    over the cell's accounts in sessions of 30-60 minutes. Cards are bought from a second
    reseller of virtual cards, each token used by 2-3 accounts drawn across cells. Signal
    tested: linking through co-temporal template use and session lockstep when families and
    IPs keep changing.
``op_kiosk``
    Batches of 30-80 accounts signed up within three hours at one of four kiosk / phone-shop
    IPs (the only trace of the sign-up is a trivial "hello" test prompt from that IP), each with
    its own single-use prepaid card (tokens are opaque, so the batch is not visible in them).
    Afterwards all traffic goes through a rotating "hydra" proxy network that also carries
    unrelated customers' traffic; each cell runs a daily job at a fixed hour (+-10 min jitter).
    One batch is billed through a regional reseller's shared billing token, which also bills
    the reseller's legitimate customers. Banned accounts are replaced at the same kiosk.

All three adopt the new model within 24 hours of release.

Innocent look-alikes (kind ``benign_group``)
--------------------------------------------
``trap_hospital_NN``      staff on one enterprise card and two NAT IPs; handover prompts from a
                          few clinical templates clustered in the first minutes of the 07:00 and
                          19:00 shift changes; never moves to the new model.
``trap_callcentre_NN``    agents on one NAT IP and one card, onboarded in batches; scripted
                          prompts whose wording changes for everybody each week.
``trap_library_NN``       strangers on three public-library IPs; own cards or none; diverse prompts.
``trap_hackathon``        a monthly student hackathon: a burst of sign-ups at two venue IPs every
                          month, a shared starter-kit template, returning participants.
``trap_redteam_NN``       a security team's many API keys on one card and two cloud IPs, running a
                          red-team harness of paraphrased attack prompts at 01:00 UTC on the same
                          nights, re-pointed at the new model within three hours of release.
``trap_airline_NN``       an airline chatbot integration on many keys, one card, cloud IPs, slot-filled
                          templates, a top-of-hour batch and a fleet-wide model switch within hours.
``trap_translation``      independent users of a translation-memory tool whose every segment
                          carries the same boilerplate template; agencies share cards and offices.
``trap_reseller``         the regional reseller's legitimate customers, sharing its billing token
                          with the fraudulent kiosk batch.
``trap_resi_users``       ordinary customers of the residential proxy pool op_slowburn rents.
``trap_hydra_users``      ordinary customers of the hydra network op_kiosk rents.

Organic population (kind ``organic``, groups ``org_hNNNNNN`` households, ``org_cNNNNN`` companies)
----------------------------------------------------------------------------------------------------
Households sharing a home IP and sometimes a card, small companies sharing an office NAT, a
card and a domain, a shared mobile carrier pool, popular prompts many people send, cron users
firing at :00, gradual new-model adoption, and a few unrelated bans (some replaced by their owner).

Hygiene: no column ever holds a 13+ digit decimal run (SimHash values with such a run are
redrawn; tokens and fingerprints are split by separators), so no raw-card-number look-alike
exists. ``proxies`` and ``prompt_fingerprints`` are aggregated from the written request log.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

DAY = 86400
HOUR = 3600
T0 = np.datetime64("2026-01-05T00:00:00", "s")
WINDOW_DAYS = 56
T_END = WINDOW_DAYS * DAY
T_REL = 35 * DAY + 13 * HOUR
NEVER = 10**12
MODELS = np.array(["orion-large-2025-10", "orion-small-2025-10", "orion-large-2026-02"], dtype=object)
M_LARGE, M_SMALL, M_NEW = 0, 1, 2
NVAR = 8

HUMAN = np.array([1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 4, 6, 7, 7, 6, 7, 7, 7, 6, 5, 4, 4, 4, 3, 2, 1.5], dtype=float)
HUMAN /= HUMAN.sum()
FLAT = np.array([2, 1.5, 1.2, 1, 1, 1.2, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3.5, 3, 3, 2.5], dtype=float)
FLAT /= FLAT.sum()
LIBRARY = np.zeros(24)
LIBRARY[10:19] = 1.0
LIBRARY /= LIBRARY.sum()

COUNTRIES = np.array(
    ["US", "IN", "GB", "DE", "BR", "FR", "JP", "CA", "ID", "AU", "ES", "MX", "KR", "NG", "PL", "SG", "NL"]
)
COUNTRY_TZ = np.array([-5, 5, 0, 1, -3, 1, 9, -5, 7, 10, 1, -6, 9, 1, 1, 8, 1])
COUNTRY_P = np.array([30, 12, 8, 8, 7, 5, 5, 4, 4, 3, 3, 3, 3, 2, 3, 1, 2], dtype=float)
COUNTRY_P /= COUNTRY_P.sum()

WEBMAIL = np.array(["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com"], dtype=object)
WEBMAIL_P = np.array([0.45, 0.2, 0.1, 0.12, 0.05, 0.08])
UNI_DOMAIN = "mail.kestrel-univ.edu"

RESIDENTIAL_ASN = [7922, 701, 3320, 2856, 3215, 12322, 9829, 17676, 28573, 6830, 5089, 7018, 20115, 4713, 7545]
MOBILE_ASN = [21928, 6167, 20057, 45609, 12430]
CLOUD_ASN = [16509, 14618, 15169, 8075, 14061, 24940, 63949, 16276]
BUSINESS_ASN = [3356, 174, 1299, 6461, 2914]
HOSTING_ASN = [9009, 60068, 212238, 51167, 62240]
REGIONAL_ASN = [7713, 17974, 23693]
CAMPUS_ASN = [11537, 786]
WORDS = [
    "north", "blue", "pine", "river", "stone", "nova", "delta", "amber", "cedar", "orbit", "lumen", "quartz",
    "harbor", "maple", "vertex", "atlas", "ember", "solar", "tidal", "willow", "copper", "falcon", "meadow", "prism",
]  # fmt: skip


def long_digit_run(x: np.ndarray) -> np.ndarray:
    """True where the 16-hex-digit rendering of x holds a run of 13 or more decimal digits."""
    x = x.astype(np.uint64)
    run = np.zeros(len(x), dtype=np.int64)
    best = np.zeros(len(x), dtype=np.int64)
    for i in range(16):
        nib = (x >> np.uint64(4 * i)) & np.uint64(15)
        run = np.where(nib < 10, run + 1, 0)
        best = np.maximum(best, run)
    return best >= 13


def hex16(values: np.ndarray) -> np.ndarray:
    return np.array([f"{int(v):016x}" for v in values], dtype=object)


def human_times(rng, start, end, tz, profile=HUMAN) -> np.ndarray:
    """Timestamps in [start, end) whose local hour follows profile (falls back to uniform)."""
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    n = len(start)
    t = start + (rng.random(n) * np.maximum(end - start, 1)).astype(np.int64)
    hour = rng.choice(24, size=n, p=profile)
    local_day = np.floor_divide(t + tz * HOUR, DAY)
    t2 = local_day * DAY - tz * HOUR + hour * HOUR + rng.integers(0, HOUR, n)
    ok = (t2 >= start) & (t2 < end)
    return np.where(ok, t2, t).astype(np.int64)


class World:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = np.random.default_rng(seed)
        self.acc: dict[str, list] = {k: [] for k in ("group", "kind", "created", "domain", "country", "status", "repl")}
        self.n_acc = 0
        self.req: list[tuple[np.ndarray, ...]] = []
        self.pm_acc: list[np.ndarray] = []
        self.pm_tok: list[np.ndarray] = []
        self.n_tok = 0
        self.ip_asn: list[np.ndarray] = []
        self.ip_v6: list[np.ndarray] = []
        self.n_ip = 0
        self.n_fam = 0
        # shared infrastructure
        self.popular = self.fams(max(400, n // 8))
        self.resi_pool = self.ips(max(300, n // 25), RESIDENTIAL_ASN)
        self.hydra_pool = self.ips(max(200, n // 60), RESIDENTIAL_ASN + HOSTING_ASN)
        self.mobile_pool = self.ips(max(50, n // 400), MOBILE_ASN)
        self.reseller_token = int(self.tokens(1)[0])

    # ------------------------------------------------------------------ registries
    def accounts(self, k, group, kind, created, domain, country, status="active", repl=0) -> np.ndarray:
        k = int(k)
        a = self.acc
        for key, val, dt in (
            ("group", group, object),
            ("kind", kind, object),
            ("created", created, np.int64),
            ("domain", domain, object),
            ("country", country, object),
            ("status", status, object),
            ("repl", repl, np.int8),
        ):
            arr = np.empty(k, dtype=dt)
            arr[:] = val
            a[key].append(arr)
        idx = np.arange(self.n_acc, self.n_acc + k)
        self.n_acc += k
        return idx

    def set_status(self, idx, status) -> None:
        # statuses are resolved at the end from this override list
        self.acc.setdefault("override_idx", []).append(np.asarray(idx))
        arr = np.empty(len(np.atleast_1d(idx)), dtype=object)
        arr[:] = status
        self.acc.setdefault("override_val", []).append(arr)

    def tokens(self, k) -> np.ndarray:
        t = np.arange(self.n_tok, self.n_tok + int(k))
        self.n_tok += int(k)
        return t

    def pay(self, accs, toks) -> None:
        accs = np.asarray(accs)
        toks = np.broadcast_to(np.asarray(toks), accs.shape).copy()
        self.pm_acc.append(accs)
        self.pm_tok.append(toks)

    def own_cards(self, accs) -> None:
        self.pay(accs, self.tokens(len(accs)))

    def shared_cards(self, accs, lo: int, hi: int) -> None:
        perm = self.rng.permutation(np.asarray(accs))
        sizes = self.rng.integers(lo, hi + 1, len(perm))
        owner = np.repeat(np.arange(len(sizes)), sizes)[: len(perm)]
        toks = self.tokens(owner.max() + 1 if len(perm) else 0)
        self.pay(perm, toks[owner])

    def ips(self, k, asns, v6: float = 0.0) -> np.ndarray:
        k = int(k)
        self.ip_asn.append(self.rng.choice(np.asarray(asns), k))
        self.ip_v6.append(self.rng.random(k) < v6)
        idx = np.arange(self.n_ip, self.n_ip + k)
        self.n_ip += k
        return idx

    def fams(self, k) -> np.ndarray:
        f = np.arange(self.n_fam, self.n_fam + int(k))
        self.n_fam += int(k)
        return f

    def emit(self, acc, ts, ip, model, fam, var) -> None:
        n = len(ts)
        b = lambda x, dt: np.broadcast_to(np.asarray(x, dtype=dt), (n,)).copy()  # noqa: E731
        self.req.append(
            (
                b(acc, np.int64),
                b(ts, np.int64),
                b(ip, np.int64),
                b(model, np.int8),
                b(fam, np.int64) * NVAR + b(var, np.int64),
            )
        )

    # ------------------------------------------------------------------ helpers
    def countries(self, k, choices=None, p=None):
        if choices is None:
            i = self.rng.choice(len(COUNTRIES), k, p=COUNTRY_P)
            return COUNTRIES[i].astype(object), COUNTRY_TZ[i]
        c = self.rng.choice(np.asarray(choices), k, p=p)
        tz = np.array([COUNTRY_TZ[list(COUNTRIES).index(x)] for x in c], dtype=np.int64)
        return c.astype(object), tz

    def webmail(self, k) -> np.ndarray:
        return self.rng.choice(WEBMAIL, k, p=WEBMAIL_P)

    def word_domain(self, tld: str, suffix: str = "") -> str:
        w = self.rng.choice(len(WORDS), 2, replace=False)
        return f"{WORDS[w[0]]}{WORDS[w[1]]}{suffix}{int(self.rng.integers(1, 99))}.{tld}"

    def organic_prompt(self, pfam_rep: np.ndarray, p_personal: float = 0.65):
        n = len(pfam_rep)
        rng = self.rng
        pop = self.popular[(rng.zipf(1.35, n) - 1) % len(self.popular)]
        personal = pfam_rep + rng.integers(0, 2, n)
        fam = np.where(rng.random(n) < p_personal, personal, pop)
        var = np.minimum(rng.geometric(0.45, n) - 1, NVAR - 1)
        return fam, var

    def organic_model(self, ts, adopt):
        base = np.where(self.rng.random(len(ts)) < 0.6, M_LARGE, M_SMALL)
        return np.where(ts >= adopt, np.where(self.rng.random(len(ts)) < 0.7, M_NEW, base), base)

    def ordinary(
        self,
        accs,
        start,
        end,
        tz,
        counts,
        ip_fn: Callable[[np.ndarray], np.ndarray],
        pfam,
        adopt=None,
        profile=HUMAN,
        p_personal: float = 0.65,
    ) -> None:
        """Ordinary human traffic: counts[i] requests for accs[i] between start[i] and end[i]."""
        accs = np.asarray(accs)
        m = len(accs)
        counts = np.where(np.broadcast_to(end, m) > np.broadcast_to(start, m), counts, 0)
        rep = np.repeat(np.arange(m), counts)
        if len(rep) == 0:
            return
        ts = human_times(
            self.rng,
            np.broadcast_to(start, m)[rep],
            np.broadcast_to(end, m)[rep],
            np.broadcast_to(tz, m)[rep],
            profile,
        )
        fam, var = self.organic_prompt(np.broadcast_to(pfam, m)[rep], p_personal)
        ad = np.full(m, NEVER) if adopt is None else np.broadcast_to(adopt, m)
        self.emit(accs[rep], ts, ip_fn(rep), self.organic_model(ts, ad[rep]), fam, var)

    def pick(self, pool, n) -> np.ndarray:
        pool = np.asarray(pool)
        return pool[self.rng.integers(0, len(pool), n)]

    def organic_adopt(self, m) -> np.ndarray:
        r = self.rng
        return np.where(r.random(m) < 0.5, T_REL + (r.exponential(7 * DAY, m)).astype(np.int64), NEVER)

    # ------------------------------------------------------------------ fraud
    def op_slowburn(self) -> None:
        rng = self.rng
        total = max(40, round(self.n * 0.018))
        op_fams = self.fams(4)
        doms = np.array([*WEBMAIL[:4], UNI_DOMAIN], dtype=object)
        dp = np.array([0.35, 0.2, 0.12, 0.18, 0.15])
        made = 0
        while made < total:
            m = int(min(rng.integers(8, 16), total - made))
            made += m
            priv = self.ips(rng.integers(2, 4), BUSINESS_ASN + HOSTING_ASN)
            created = rng.integers(0, 8 * DAY, m)
            switch = int(rng.integers(20 * DAY, 30 * DAY))
            country, tz = self.countries(m, ["US", "GB", "DE", "CA"], [0.5, 0.2, 0.15, 0.15])
            accs = self.accounts(m, "op_slowburn", "fraud", created, rng.choice(doms, m, p=dp), country)
            self.shared_cards(accs, 2, 3)
            pfam = self.fams(2 * m)[::2]
            counts = rng.poisson((switch - created) / DAY * 0.45)
            resi, pv = self.resi_pool, priv
            self.ordinary(
                accs,
                created,
                switch,
                tz,
                counts,
                lambda rep, resi=resi, pv=pv: np.where(
                    self.rng.random(len(rep)) < 0.8, self.pick(resi, len(rep)), self.pick(pv, len(rep))
                ),
                pfam,
            )
            members = accs
            start = np.full(m, switch, dtype=np.int64)
            end = np.full(m, T_END, dtype=np.int64)
            if rng.random() < 0.4:
                tb = min(switch + int(rng.integers(12 * DAY, 20 * DAY)), T_END - 7 * DAY)
                nb = int(rng.integers(max(1, int(m * 0.3)), max(2, int(m * 0.6)) + 1))
                banned = rng.choice(m, nb, replace=False)
                end[banned] = tb + rng.integers(0, 6 * HOUR, nb)
                self.set_status(accs[banned], "banned")
                rc = end[banned] + rng.integers(2 * DAY, 6 * DAY, nb)
                c2, _ = self.countries(nb, ["US", "GB", "DE", "CA"], [0.5, 0.2, 0.15, 0.15])
                raccs = self.accounts(nb, "op_slowburn", "fraud", rc, rng.choice(doms, nb, p=dp), c2, repl=1)
                self.own_cards(raccs)
                members = np.concatenate([accs, raccs])
                start = np.concatenate([start, rc + rng.integers(HOUR, 12 * HOUR, nb)])
                end = np.concatenate([end, np.full(nb, T_END)])
            cell_fams = rng.choice(op_fams, 2, replace=False)
            adopt = T_REL + int(rng.integers(2 * HOUR, 22 * HOUR))
            nbursts = int((T_END - switch) / DAY * 1.4)
            bt = np.sort(rng.integers(switch, T_END, nbursts))
            act = (bt[:, None] >= start[None, :]) & (bt[:, None] < end[None, :])
            act &= rng.random(act.shape) < 0.8
            bi, mi = np.nonzero(act)
            ts = bt[bi] + rng.integers(0, 180, len(bi))
            ok = ts < end[mi]
            bi, mi, ts = bi[ok], mi[ok], ts[ok]
            k = len(ts)
            ip = np.where(rng.random(k) < 0.5, self.pick(priv, k), self.pick(self.resi_pool, k))
            self.emit(
                members[mi],
                ts,
                ip,
                np.where(ts >= adopt, M_NEW, M_LARGE),
                self.pick(cell_fams, k),
                rng.integers(0, NVAR, k),
            )

    def op_rotator(self) -> None:
        rng = self.rng
        total = max(40, round(self.n * 0.015))
        epoch = 4 * DAY
        n_epochs = WINDOW_DAYS // 4 + 1
        epoch_fams = self.fams(2 * n_epochs).reshape(n_epochs, 2)
        originals = []
        made = 0
        while made < total:
            m = int(min(rng.integers(20, 41), total - made))
            made += m
            cell_start = int(rng.integers(0, 15 * DAY))
            created = cell_start + rng.integers(0, 3 * DAY, m)
            dom = rng.choice(WEBMAIL[:2], m)
            for i in np.nonzero(rng.random(m) < 0.5)[0]:
                dom[i] = self.word_domain(str(rng.choice(["io", "dev", "ai", "co"])))
            country, _ = self.countries(m, ["US", "SG", "NL"], [0.6, 0.2, 0.2])
            accs = self.accounts(m, "op_rotator", "fraud", created, dom, country)
            originals.append(accs)
            week_ips = self.ips(4 * 9, CLOUD_ASN).reshape(9, 4)
            members = accs
            start = created + rng.integers(2 * HOUR, DAY, m)
            end = np.full(m, T_END, dtype=np.int64)
            nb = rng.binomial(m, 0.2)
            if nb:
                banned = rng.choice(m, nb, replace=False)
                end[banned] = rng.integers(25 * DAY, 45 * DAY, nb)
                st = np.where(rng.random(nb) < 0.85, "banned", "suspended")
                for a, s in zip(accs[banned], st, strict=True):
                    self.set_status(a, s)
                rc = end[banned] + rng.integers(2 * DAY, 6 * DAY, nb)
                rdom = np.array([self.word_domain("io") for _ in range(nb)], dtype=object)
                c2, _ = self.countries(nb, ["US", "SG", "NL"], [0.6, 0.2, 0.2])
                raccs = self.accounts(nb, "op_rotator", "fraud", rc, rdom, c2, repl=1)
                self.own_cards(raccs)
                members = np.concatenate([accs, raccs])
                start = np.concatenate([start, rc + rng.integers(HOUR, 6 * HOUR, nb)])
                end = np.concatenate([end, np.full(nb, T_END)])
            order = rng.permutation(len(members))
            members, start, end = members[order], start[order], end[order]
            adopt = T_REL + int(rng.integers(HOUR, 20 * HOUR))
            lag = int(rng.integers(0, 6 * HOUR))
            first = int(start.min())
            n_s = max(1, int((T_END - first) / DAY / 1.6))
            sessions = np.sort(rng.integers(first, T_END - 2 * HOUR, n_s))
            cad = int(rng.integers(30, 61))
            for s in sessions:
                active = np.nonzero((start <= s) & (end > s))[0]
                if len(active) == 0:
                    continue
                nreq = int(rng.integers(30 * 60, 60 * 60 + 1)) // cad
                ts = s + np.arange(nreq) * cad + rng.integers(-1, 2, nreq)
                who = members[active[(np.arange(nreq) + int(rng.integers(0, len(active)))) % len(active)]]
                ep = np.minimum((ts - lag) // epoch, n_epochs - 1).clip(0)
                fam = epoch_fams[ep, rng.integers(0, 2, nreq)]
                wk = np.minimum(ts // (7 * DAY), 8)
                ip = week_ips[wk, rng.integers(0, 4, nreq)]
                self.emit(who, ts, ip, np.where(ts >= adopt, M_NEW, M_LARGE), fam, rng.integers(0, NVAR, nreq))
        # second reseller: resold virtual cards, each on 2-3 accounts drawn across cells
        self.shared_cards(np.concatenate(originals), 2, 3)

    def op_kiosk(self) -> None:
        rng = self.rng
        total = max(30, round(self.n * 0.012))
        kiosks = self.ips(4, REGIONAL_ASN)
        op_fams = self.fams(3)
        hello = self.popular[0]
        made = 0
        day = 1
        cell = 0
        while made < total:
            m = int(min(rng.integers(30, 81), total - made))
            made += m
            kiosk = int(self.pick(kiosks, 1)[0])
            bstart = day * DAY + int(rng.integers(3, 7)) * HOUR  # 10-14 local (UTC+7)
            created = bstart + np.sort(rng.integers(0, 3 * HOUR, m))
            dom = rng.choice(WEBMAIL[[0, 1, 2, 5]], m, p=[0.6, 0.15, 0.15, 0.1])
            accs = self.accounts(m, "op_kiosk", "fraud", created, dom, "ID")
            if cell == 1 or (cell > 1 and rng.random() < 0.1):
                self.pay(accs, self.reseller_token)
            else:
                self.own_cards(accs)
            members, mcreated = accs, created
            end = np.full(m, T_END, dtype=np.int64)
            if day < 25 and rng.random() < 0.5:
                nb = int(rng.integers(max(1, m // 5), max(2, 2 * m // 5) + 1))
                banned = rng.choice(m, nb, replace=False)
                end[banned] = rng.integers(30 * DAY, 45 * DAY, nb)
                self.set_status(accs[banned], "banned")
                rc = end[banned] + rng.integers(2 * DAY, 6 * DAY, nb)
                rc = (rc // DAY) * DAY + 4 * HOUR + rng.integers(0, 3 * HOUR, nb)
                raccs = self.accounts(nb, "op_kiosk", "fraud", rc, rng.choice(WEBMAIL[:3], nb), "ID", repl=1)
                self.own_cards(raccs)
                members = np.concatenate([accs, raccs])
                mcreated = np.concatenate([created, rc])
                end = np.concatenate([end, np.full(nb, T_END)])
            k = len(members)
            # sign-up check from the kiosk
            t_hello = mcreated + rng.integers(60, 600, k)
            self.emit(members, t_hello, kiosk, M_SMALL, hello, 0)
            # daily job through the hydra
            job_h = int(rng.integers(0, 24))
            days = np.arange(WINDOW_DAYS)
            slot = days[None, :] * DAY + job_h * HOUR + rng.integers(-600, 601, (k, WINDOW_DAYS))
            act = (slot > (mcreated[:, None] + DAY)) & (slot < end[:, None]) & (rng.random((k, WINDOW_DAYS)) < 0.7)
            ai, di = np.nonzero(act)
            r = rng.integers(1, 4, len(ai))
            rep = np.repeat(np.arange(len(ai)), r)
            within = np.arange(len(rep)) - np.repeat(np.cumsum(r) - r, r)
            ts = slot[ai[rep], di[rep]] + within * rng.integers(20, 61, len(rep))
            ok = (ts < end[ai[rep]]) & (ts < T_END)
            rep, ts = rep[ok], ts[ok]
            n = len(ts)
            adopt = T_REL + int(rng.integers(HOUR, 23 * HOUR))
            self.emit(
                members[ai[rep]],
                ts,
                self.pick(self.hydra_pool, n),
                np.where(ts >= adopt, M_NEW, M_LARGE),
                self.pick(op_fams, n),
                rng.integers(0, NVAR, n),
            )
            day += int(rng.integers(5, 10))
            if day > 45:
                day = int(rng.integers(1, 45))
            cell += 1

    # ------------------------------------------------------------------ traps
    @staticmethod
    def split(total: int, avg: int) -> list[int]:
        k = max(1, round(total / avg))
        sizes = [total // k] * k
        for i in range(total - sum(sizes)):
            sizes[i] += 1
        return sizes

    def trap_hospitals(self) -> None:
        rng = self.rng
        for h, m in enumerate(self.split(max(40, round(self.n * 0.008)), 80)):
            country, tz = self.countries(1)
            created = rng.integers(-300 * DAY, -20 * DAY, m)
            name = self.word_domain("org", "-health")
            accs = self.accounts(m, f"trap_hospital_{h + 1:02d}", "benign_group", created, name, country[0])
            self.pay(accs, self.tokens(1)[0])
            nat = self.ips(2, BUSINESS_ASN)
            fams = self.fams(4)
            shift = np.where(rng.random(m) < 0.6, 7, 19)
            use = rng.random((m, WINDOW_DAYS)) < 0.2
            a, d = np.nonzero(use)
            r = rng.integers(1, 4, len(a))
            rep = np.repeat(np.arange(len(a)), r)
            ai, di = a[rep], d[rep]
            ts = di * DAY - int(tz[0]) * HOUR + shift[ai] * HOUR + rng.gamma(2.0, 300.0, len(ai)).astype(np.int64)
            ok = (ts >= 0) & (ts < T_END)
            ai, ts = ai[ok], ts[ok]
            n = len(ts)
            self.emit(accs[ai], ts, self.pick(nat, n), M_LARGE, self.pick(fams, n), rng.integers(0, NVAR, n))

    def trap_callcentres(self) -> None:
        rng = self.rng
        for c, m in enumerate(self.split(max(60, round(self.n * 0.01)), 150)):
            country, tz = self.countries(1, ["IN", "PL", "MX", "US"], [0.4, 0.2, 0.2, 0.2])
            tz0 = int(tz[0])
            nbatch = int(rng.integers(2, 4))
            bdays = rng.integers(-120, 20, nbatch) * DAY + 9 * HOUR - tz0 * HOUR
            created = bdays[rng.integers(0, nbatch, m)] + rng.integers(0, 2 * HOUR, m)
            dom = self.word_domain("com", "-contact")
            accs = self.accounts(m, f"trap_callcentre_{c + 1:02d}", "benign_group", created, dom, country[0])
            self.pay(accs, self.tokens(1)[0])
            nat = self.ips(2, BUSINESS_ASN)
            fams = self.fams(2)
            days = np.arange(WINDOW_DAYS)
            work = (days % 7 != 6)[None, :] & (rng.random((m, WINDOW_DAYS)) < 0.25)
            work &= days[None, :] * DAY > created[:, None]
            a, d = np.nonzero(work)
            r = rng.integers(1, 4, len(a))
            rep = np.repeat(np.arange(len(a)), r)
            ai, di = a[rep], d[rep]
            ts = di * DAY - tz0 * HOUR + 8 * HOUR + rng.integers(0, 12 * HOUR, len(ai))
            ok = (ts >= 0) & (ts < T_END) & (ts > created[ai])
            ai, di, ts = ai[ok], di[ok], ts[ok]
            n = len(ts)
            ip = np.where(rng.random(n) < 0.95, nat[0], nat[1])
            var = (di // 7) % NVAR  # weekly script revision, same wording for every agent
            self.emit(accs[ai], ts, ip, M_SMALL, self.pick(fams, n), var)

    def trap_libraries(self) -> None:
        rng = self.rng
        for li, m in enumerate(self.split(max(40, round(self.n * 0.006)), 100)):
            country, tz = self.countries(1)
            created = rng.integers(-500 * DAY, 40 * DAY, m)
            accs = self.accounts(m, f"trap_library_{li + 1:02d}", "benign_group", created, self.webmail(m), country[0])
            self.own_cards(accs[rng.random(m) < 0.6])
            lib = self.ips(3, REGIONAL_ASN + BUSINESS_ASN)
            home = self.ips(m, RESIDENTIAL_ASN, v6=0.1)
            has_home = rng.random(m) < 0.5
            pfam = self.fams(2 * m)[::2]
            self.ordinary(
                accs,
                np.maximum(created, 0),
                T_END,
                int(tz[0]),
                rng.poisson(5, m),
                lambda rep, lib=lib, home=home, hh=has_home: np.where(
                    hh[rep] & (self.rng.random(len(rep)) < 0.3), home[rep], self.pick(lib, len(rep))
                ),
                pfam,
                adopt=self.organic_adopt(m),
                profile=LIBRARY,
            )

    def trap_hackathon(self) -> None:
        rng = self.rng
        per = max(30, round(self.n * 0.004))
        venue = self.ips(2, CAMPUS_ASN)
        starter = self.fams(3)
        tz = -5
        unis = np.array([UNI_DOMAIN, "students.harlow.edu", "ug.brightwater.ac.uk", "gmail.com"], dtype=object)
        pool: list[np.ndarray] = []
        for ed in (-51, -23, 5, 33):
            sat = ed * DAY + 9 * HOUR - tz * HOUR
            created = sat + rng.integers(0, 2 * HOUR, per)
            accs = self.accounts(per, "trap_hackathon", "benign_group", created, rng.choice(unis, per), "US")
            self.own_cards(accs[rng.random(per) < 0.15])
            home = self.ips(per, RESIDENTIAL_ASN, v6=0.1)
            pfam = self.fams(2 * per)[::2]
            later = rng.random(per) < 0.4
            self.ordinary(
                accs[later],
                max(sat + 2 * DAY, 0),
                T_END,
                tz,
                rng.poisson(2, int(later.sum())),
                lambda rep, h=home[later]: h[rep],
                pfam[later],
                adopt=T_REL + 3 * DAY,
            )
            if pool:
                old = np.concatenate(pool)
                back = old[rng.random(len(old)) < 0.35]
                attendees = np.concatenate([accs, back])
            else:
                attendees = accs
            pool.append(accs)
            if ed < 0:
                continue
            k = len(attendees)
            cnt = rng.poisson(8, k)
            rep = np.repeat(np.arange(k), cnt)
            n = len(rep)
            ts = sat + rng.integers(HOUR, 33 * HOUR, n)
            starter_use = rng.random(n) < 0.6
            pf = self.fams(k)
            fam = np.where(starter_use, self.pick(starter, n), pf[rep])
            var = np.where(starter_use, rng.integers(0, 3, n), rng.integers(0, NVAR, n))
            self.emit(attendees[rep], ts, self.pick(venue, n), M_SMALL, fam, var)

    def trap_redteams(self) -> None:
        rng = self.rng
        for t, m in enumerate(self.split(max(30, round(self.n * 0.0025)), 45)):
            created = int(rng.integers(-200 * DAY, -30 * DAY)) + rng.integers(0, 600, m)
            dom = self.word_domain("com", "sec")
            accs = self.accounts(m, f"trap_redteam_{t + 1:02d}", "benign_group", created, dom, "US")
            self.pay(accs, self.tokens(1)[0])
            egress = self.ips(2, CLOUD_ASN)
            fams = self.fams(6)
            nights = np.nonzero(rng.random(WINDOW_DAYS) < 2 / 7)[0] * DAY + HOUR
            switch = T_REL + int(rng.integers(HOUR, 3 * HOUR))
            runs = np.sort(np.append(nights, switch + 10 * 60))
            for run in runs:
                r = rng.integers(1, 4, m)
                rep = np.repeat(np.arange(m), r)
                n = len(rep)
                ts = run + rng.integers(0, 240, n)
                model = np.where(ts >= switch, M_NEW, M_LARGE)
                self.emit(accs[rep], ts, self.pick(egress, n), model, self.pick(fams, n), rng.integers(0, NVAR, n))

    def trap_airlines(self) -> None:
        rng = self.rng
        for a, m in enumerate(self.split(max(30, round(self.n * 0.003)), 60)):
            bdays = rng.integers(-365, -10, 3) * DAY + 14 * HOUR
            created = bdays[rng.integers(0, 3, m)] + rng.integers(0, 900, m)
            dom = self.word_domain("aero", "air")
            country, _ = self.countries(1)
            accs = self.accounts(m, f"trap_airline_{a + 1:02d}", "benign_group", created, dom, country[0])
            self.pay(accs, self.tokens(1)[0])
            cloud = self.ips(6, [16509])
            fams = self.fams(3)
            switch = T_REL + int(rng.integers(2 * HOUR, 6 * HOUR))
            cnt = rng.poisson(50, m)
            rep = np.repeat(np.arange(m), cnt)
            n = len(rep)
            ts = human_times(rng, np.zeros(n, np.int64), np.full(n, T_END), 0, FLAT)
            top = rng.random(n) < 0.2
            ts = np.where(top, (ts // HOUR) * HOUR + rng.integers(0, 30, n), ts)
            model = np.where(ts >= switch, M_NEW, M_LARGE)
            self.emit(accs[rep], ts, self.pick(cloud, n), model, self.pick(fams, n), rng.integers(0, NVAR, n))

    def trap_translation(self) -> None:
        rng = self.rng
        m = max(50, round(self.n * 0.02))
        tool = self.fams(1)[0]
        country, tz = self.countries(m, ["DE", "FR", "ES", "PL", "BR", "JP", "GB", "US"])
        created = rng.integers(-600 * DAY, 40 * DAY, m)
        dom = self.webmail(m)
        home = self.ips(m, RESIDENTIAL_ASN + BUSINESS_ASN, v6=0.1)
        agency_sizes = []
        i = 0
        while i < int(m * 0.4):
            s = int(rng.integers(2, 7))
            agency_sizes.append(s)
            i += s
        owner = np.repeat(np.arange(len(agency_sizes)), agency_sizes)[:m]
        n_ag = len(owner)
        for g in range(len(agency_sizes)):
            sel = np.nonzero(owner == g)[0]
            if len(sel) == 0:
                continue
            dom[sel] = self.word_domain(str(rng.choice(["de", "fr", "com", "es"])), "-translations")
            home[sel] = home[sel[0]]
            country[sel] = country[sel[0]]
            tz[sel] = tz[sel[0]]
        accs = self.accounts(m, "trap_translation", "benign_group", created, dom, country)
        ag_tok = self.tokens(len(agency_sizes))
        self.pay(accs[:n_ag], ag_tok[owner])
        self.own_cards(accs[n_ag:])
        version = rng.integers(0, 4, m)
        pfam = self.fams(2 * m)[::2]
        counts = rng.poisson(4, m) + 1
        rep = np.repeat(np.arange(m), counts)
        ts = human_times(rng, np.maximum(created, 0)[rep], np.full(len(rep), T_END), tz[rep])
        fam, var = self.organic_prompt(pfam[rep])
        t_use = rng.random(len(rep)) < 0.7
        fam = np.where(t_use, tool, fam)
        var = np.where(t_use, version[rep], var)
        adopt = self.organic_adopt(m)
        self.emit(accs[rep], ts, home[rep], self.organic_model(ts, adopt[rep]), fam, var)

    def trap_reseller(self) -> None:
        rng = self.rng
        m = max(20, round(self.n * 0.004))
        sizes = []
        while sum(sizes) < m:
            sizes.append(int(rng.integers(1, 6)))
        owner = np.repeat(np.arange(len(sizes)), sizes)[:m]
        created = rng.integers(-300 * DAY, 30 * DAY, m)
        doms = np.array([self.word_domain("co.id") for _ in sizes], dtype=object)
        accs = self.accounts(m, "trap_reseller", "benign_group", created, doms[owner], "ID")
        self.pay(accs, self.reseller_token)
        office = self.ips(len(sizes), REGIONAL_ASN)
        pfam = self.fams(2 * m)[::2]
        self.ordinary(
            accs,
            np.maximum(created, 0),
            T_END,
            7,
            rng.poisson(5, m),
            lambda rep, o=office[owner]: o[rep],
            pfam,
            adopt=self.organic_adopt(m),
        )

    def trap_proxy_users(self, name: str, frac: float, pool: np.ndarray, p_proxy: float) -> None:
        rng = self.rng
        m = max(50, round(self.n * frac))
        country, tz = self.countries(m)
        created = rng.integers(-400 * DAY, 45 * DAY, m)
        accs = self.accounts(m, name, "benign_group", created, self.webmail(m), country)
        self.own_cards(accs)
        home = self.ips(m, RESIDENTIAL_ASN, v6=0.1)
        pfam = self.fams(2 * m)[::2]
        self.ordinary(
            accs,
            np.maximum(created, 0),
            T_END,
            tz,
            np.floor(rng.lognormal(0.9, 0.9, m)).astype(np.int64),
            lambda rep, h=home: np.where(self.rng.random(len(rep)) < p_proxy, self.pick(pool, len(rep)), h[rep]),
            pfam,
            adopt=self.organic_adopt(m),
        )

    # ------------------------------------------------------------------ organic
    def organic(self) -> None:
        rng = self.rng
        remaining = self.n - self.n_acc
        n_rep = round(remaining * 0.004 * 0.3)
        m = remaining - n_rep
        # companies first (10%), households for the rest
        comp_sizes: list[int] = []
        while sum(comp_sizes) < int(m * 0.1):
            comp_sizes.append(int(rng.integers(3, 13)))
        n_comp = min(sum(comp_sizes), m)
        hh_sizes: list[int] = []
        left = m - n_comp
        while sum(hh_sizes) < left:
            hh_sizes.append(int(rng.choice([1, 2, 3, 4], p=[0.6, 0.25, 0.1, 0.05])))
        unit_sizes = np.array(comp_sizes + hh_sizes)
        is_comp = np.r_[np.ones(len(comp_sizes), bool), np.zeros(len(hh_sizes), bool)]
        owner = np.r_[
            np.repeat(np.arange(len(comp_sizes)), comp_sizes)[:n_comp],
            len(comp_sizes) + np.repeat(np.arange(len(hh_sizes)), hh_sizes)[:left],
        ]
        nu = len(unit_sizes)
        names = np.array(
            [f"org_c{i:05d}" if is_comp[i] else f"org_h{i:06d}" for i in range(nu)],
            dtype=object,
        )
        u_ci = rng.choice(len(COUNTRIES), nu, p=COUNTRY_P)
        u_dom = np.empty(nu, dtype=object)
        for i in np.nonzero(is_comp)[0]:
            u_dom[i] = self.word_domain(str(rng.choice(["com", "io", "net", "de"])))
        u_ip = self.ips(nu, RESIDENTIAL_ASN, v6=0.12)
        u_ip[is_comp] = self.ips(int(is_comp.sum()), BUSINESS_ASN + RESIDENTIAL_ASN)
        u_tok = self.tokens(nu)
        created = rng.integers(-400 * DAY, 50 * DAY, m)
        dom = self.webmail(m)
        uni = rng.random(m) < 0.01
        dom[uni] = UNI_DOMAIN
        cm = is_comp[owner]
        dom[cm] = u_dom[owner[cm]]
        accs = self.accounts(m, names[owner], "organic", created, dom, COUNTRIES[u_ci[owner]].astype(object))
        tz = COUNTRY_TZ[u_ci[owner]]
        # cards: companies share, households share 30%, 10% free tier
        share = cm | (rng.random(m) < 0.3)
        card = np.where(share, u_tok[owner], -1)
        own = card < 0
        card[own] = self.tokens(int(own.sum()))
        paid = rng.random(m) >= 0.1
        self.pay(accs[paid], card[paid])
        # bans
        end = np.full(m, T_END, dtype=np.int64)
        n_ban = max(n_rep, round(m * 0.004))
        banned = rng.choice(np.nonzero(created < 30 * DAY)[0], n_ban, replace=False)
        end[banned] = np.maximum(created[banned], 0) + rng.integers(DAY, 40 * DAY, n_ban)
        end[banned] = np.minimum(end[banned], T_END - 8 * DAY)
        for a, s in zip(accs[banned], np.where(rng.random(n_ban) < 0.7, "banned", "suspended"), strict=True):
            self.set_status(a, s)
        mobile_user = rng.random(m) < 0.25
        home = u_ip[owner]
        pfam = self.fams(2 * m)[::2]
        counts = np.floor(rng.lognormal(0.6, 1.0, m) + 0.5).astype(np.int64)
        self.ordinary(
            accs,
            np.maximum(created, 0),
            end,
            tz,
            counts,
            lambda rep: np.where(
                mobile_user[rep] & (self.rng.random(len(rep)) < 0.3), self.pick(self.mobile_pool, len(rep)), home[rep]
            ),
            pfam,
            adopt=self.organic_adopt(m),
        )
        # cron users: identical prompt at HH:00 on many days
        cron = np.nonzero(rng.random(m) < 0.08)[0]
        hours = rng.integers(0, 24, len(cron))
        on = rng.random((len(cron), WINDOW_DAYS)) < 0.3
        ci, di = np.nonzero(on)
        ts = di * DAY + hours[ci] * HOUR + rng.integers(0, 4, len(ci))
        ok = (ts >= np.maximum(created[cron[ci]], 0)) & (ts < end[cron[ci]])
        ci, ts = ci[ok], ts[ok]
        self.emit(accs[cron[ci]], ts, home[cron[ci]], M_SMALL, pfam[cron[ci]], 0)
        # replacements by the owners of some banned accounts
        rb = banned[:n_rep]
        rc = np.minimum(end[rb] + rng.integers(DAY, 10 * DAY, n_rep), T_END - DAY)
        racc = self.accounts(
            n_rep, names[owner[rb]], "organic", rc, self.webmail(n_rep), COUNTRIES[u_ci[owner[rb]]], repl=1
        )
        self.own_cards(racc)
        rpf = self.fams(2 * n_rep)[::2]
        self.ordinary(racc, rc, T_END, tz[rb], rng.poisson(3, n_rep), lambda rep: home[rb][rep], rpf)

    # ------------------------------------------------------------------ output
    def build(self) -> None:
        self.op_slowburn()
        self.op_rotator()
        self.op_kiosk()
        self.trap_hospitals()
        self.trap_callcentres()
        self.trap_libraries()
        self.trap_hackathon()
        self.trap_redteams()
        self.trap_airlines()
        self.trap_translation()
        self.trap_reseller()
        self.trap_proxy_users("trap_resi_users", 0.03, self.resi_pool, 0.7)
        self.trap_proxy_users("trap_hydra_users", 0.015, self.hydra_pool, 1.0)
        self.organic()

    def write(self, out: Path) -> dict[str, int]:
        rng = self.rng
        out.mkdir(parents=True, exist_ok=True)
        a = {k: np.concatenate(v) for k, v in self.acc.items() if k not in ("override_idx", "override_val")}
        if "override_idx" in self.acc:
            oi = np.concatenate([np.atleast_1d(x) for x in self.acc["override_idx"]])
            a["status"][oi] = np.concatenate(self.acc["override_val"])
        n_acc = self.n_acc
        while True:
            raw = rng.integers(0, 2**48, n_acc, dtype=np.int64)
            if len(np.unique(raw)) == n_acc:
                break
        acc_id = np.array([f"acct_{int(v):012x}" for v in raw], dtype=object)

        # requests
        cols = [np.concatenate([r[i] for r in self.req]) for i in range(5)]
        r_acc, r_ts, r_ip, r_model, r_fp = cols
        ok = (r_ts >= 0) & (r_ts < T_END) & (r_ts >= a["created"][r_acc])
        r_acc, r_ts, r_ip, r_model, r_fp = (c[ok] for c in (r_acc, r_ts, r_ip, r_model, r_fp))
        order = np.lexsort((r_acc, r_ts))
        r_acc, r_ts, r_ip, r_model, r_fp = (c[order] for c in (r_acc, r_ts, r_ip, r_model, r_fp))

        # simhash: family base + a few flipped bits per paraphrase variant; opaque fingerprints
        base = rng.integers(0, 2**63, self.n_fam, dtype=np.int64).astype(np.uint64) << np.uint64(1)
        base |= rng.integers(0, 2, self.n_fam, dtype=np.int64).astype(np.uint64)
        bad = long_digit_run(base)
        while bad.any():
            nb = int(bad.sum())
            base[bad] = rng.integers(0, 2**63, nb, dtype=np.int64).astype(np.uint64) * np.uint64(2) + np.uint64(1)
            bad = long_digit_run(base)
        ufp, inv = np.unique(r_fp, return_inverse=True)
        var = ufp % NVAR

        def masks(k: int) -> np.ndarray:
            nbits = rng.integers(1, 4, k)
            mk = np.zeros(k, dtype=np.uint64)
            for j in range(3):
                bit = rng.integers(0, 64, k).astype(np.uint64)
                mk |= np.where(nbits > j, np.uint64(1) << bit, np.uint64(0))
            return mk

        mask = np.where(var > 0, masks(len(ufp)), np.uint64(0)).astype(np.uint64)
        sim = base[ufp // NVAR] ^ mask
        bad = long_digit_run(sim)
        while bad.any():
            mask[bad] = masks(int(bad.sum()))
            sim = base[ufp // NVAR] ^ mask
            bad = long_digit_run(sim)
        fpraw = rng.integers(0, 2**63, len(ufp), dtype=np.int64)
        fp_str = np.array([f"fp_{int(v) >> 31:08x}-{int(v) & 0x7FFFFFFF:08x}" for v in fpraw], dtype=object)
        sim_str = hex16(sim)

        # IP strings
        uip_used = self.n_ip
        asn = np.concatenate(self.ip_asn)
        v6 = np.concatenate(self.ip_v6)
        first_ok = np.array([o for o in range(1, 224) if o not in (10, 100, 127, 169, 172, 192)])
        while True:
            cand = (first_ok[rng.integers(0, len(first_ok), 2 * uip_used + 10)].astype(np.int64) << 24) | rng.integers(
                1, 2**24 - 1, 2 * uip_used + 10
            )
            cand = pd.unique(cand)
            if len(cand) >= uip_used:
                break
        cand = cand[:uip_used]
        g = rng.integers(0, 65536, (uip_used, 5))
        ip_str = np.array(
            [
                f"2a02:{g[i, 0]:x}:{g[i, 1]:x}:{g[i, 2]:x}::{g[i, 3]:x}:{g[i, 4]:x}"
                if v6[i]
                else f"{c >> 24}.{(c >> 16) & 255}.{(c >> 8) & 255}.{c & 255}"
                for i, c in enumerate(cand.tolist())
            ],
            dtype=object,
        )

        def iso(t: np.ndarray) -> np.ndarray:
            return np.datetime_as_string(T0 + t.astype("timedelta64[s]"), unit="s", timezone="UTC").astype(object)

        req = pd.DataFrame(
            {
                "account_id": acc_id[r_acc],
                "timestamp": iso(r_ts),
                "ip": ip_str[r_ip],
                "model": MODELS[r_model],
                "prompt_fingerprint": fp_str[inv],
                "prompt_simhash": sim_str[inv],
            }
        )
        req.to_parquet(out / "requests.parquet", index=False)

        # aggregates from the request log
        key = pd.DataFrame({"acc": r_acc, "ip": r_ip, "fp": inv, "ts": r_ts})
        px = key.groupby(["acc", "ip"], sort=True)["ts"].agg(["min", "max", "count"]).reset_index()
        proxies = pd.DataFrame(
            {
                "account_id": acc_id[px["acc"].to_numpy()],
                "ip": ip_str[px["ip"].to_numpy()],
                "asn": asn[px["ip"].to_numpy()].astype(np.int64),
                "first_seen": iso(px["min"].to_numpy()),
                "last_seen": iso(px["max"].to_numpy()),
                "request_count": px["count"].to_numpy().astype(np.int64),
            }
        )
        proxies.to_parquet(out / "proxies.parquet", index=False)
        pf = key.groupby(["acc", "fp"], sort=True)["ts"].agg(["min", "max", "count"]).reset_index()
        fps = pd.DataFrame(
            {
                "account_id": acc_id[pf["acc"].to_numpy()],
                "fingerprint": fp_str[pf["fp"].to_numpy()],
                "simhash": sim_str[pf["fp"].to_numpy()],
                "first_seen": iso(pf["min"].to_numpy()),
                "last_seen": iso(pf["max"].to_numpy()),
                "request_count": pf["count"].to_numpy().astype(np.int64),
            }
        )
        fps.to_parquet(out / "prompt_fingerprints.parquet", index=False)

        # payment methods: first seen at sign-up, last seen at the last request (or sign-up)
        pm_acc = np.concatenate(self.pm_acc)
        pm_tok = np.concatenate(self.pm_tok)
        last = np.full(n_acc, np.iinfo(np.int64).min)
        np.maximum.at(last, r_acc, r_ts)
        last = np.maximum(last, a["created"])
        toks = rng.integers(0, 2**62, (self.n_tok, 2), dtype=np.int64)
        tok_str = np.array([f"pm_{int(x) % 2**40:010x}_{int(y) % 2**40:010x}" for x, y in toks], dtype=object)
        pm = pd.DataFrame(
            {
                "account_id": acc_id[pm_acc],
                "payment_method_id": tok_str[pm_tok],
                "first_seen": iso(a["created"][pm_acc]),
                "last_seen": iso(last[pm_acc]),
            }
        )
        pm.to_parquet(out / "payment_methods.parquet", index=False)

        accounts = pd.DataFrame(
            {
                "account_id": acc_id,
                "created_at": iso(a["created"]),
                "email_domain": a["domain"],
                "country": a["country"],
                "status": a["status"],
            }
        )
        accounts.to_parquet(out / "accounts.parquet", index=False)
        truth = pd.DataFrame(
            {
                "account_id": acc_id,
                "group": a["group"],
                "kind": a["kind"],
                "status": a["status"],
                "replacement": a["repl"].astype(np.int64),
            }
        )
        truth.to_csv(out / "truth.csv", index=False)
        return {
            "accounts": len(accounts),
            "payment_methods": len(pm),
            "proxies": len(proxies),
            "prompt_fingerprints": len(fps),
            "requests": len(req),
        }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.accounts < 2000:
        ap.error("--accounts must be at least 2000")
    t = time.perf_counter()
    w = World(args.accounts, args.seed)
    w.build()
    counts = w.write(args.out_dir)
    print(" ".join(f"{k}={v}" for k, v in counts.items()), f"elapsed={time.perf_counter() - t:.1f}s")


if __name__ == "__main__":
    main()
