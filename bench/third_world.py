"""third_world: an independent synthetic world for testing linkgraph (data contract v2).

    python bench/third_world.py OUT_DIR --accounts N --seed S

Writes accounts, payment_methods, proxies, prompt_fingerprints (+simhash), requests (Parquet) and truth.csv
(account_id,group,kind,status,replacement). One numpy Generator makes every choice: a seed gives identical files.

WORLD: 30 days from 2025-05-05T00:00Z (Monday). nova-3 is released on day 17, 16:20 UTC (older: nova-2, -mini,
-code, nova-1.5); ordinary people adopt it slowly (3% of requests on day one, +2%/day, at most 35%). Shares are of
N; floors keep each population at N=20k. SimHash: a template has a random 64-bit base, a paraphrase flips 1-6 bits
and has its own fingerprint, a unique prompt is a new template. IPs (asn per IP): home ISPs, 3 carriers' CGNAT
pools (N/200 each), ONE residential proxy service (N/25 exits), AWS/GCP/DO, reseller B (N/400 gateways), a
university, a corporate carrier, a venue ISP. Payment ids are opaque "pm_" tokens.

FRAUD (~2.7%)
- op_lockstep (0.45%), "load balancing": fleets of 12-150 signed up in a 3-hour burst (25% on other dates),
  throwaway/freemail domains, one card per 6-20 accounts. Waves every 70-170 min at a random second, paused 4 h a
  night (UTC+3); an account joins with p=.55, 1-2 requests in the same minute (0-55 s; 8% straggle 1-3 min). The
  fleet's AWS IPs (one per 4-8 accounts) rotate round-robin over accounts wave by wave. 88% exact fleet prompts (4
  templates), 7% paraphrases, 5% public cover. Fleet on nova-3 3-11 h after release. 8% banned, 3% suspended.
- op_pathways (0.55%), varied accounts: created 70 days before to 20 days into the month; domains 15%
  stu.northfield.edu (the university's), 35% freemail, 20% proton/tutanota, 20% eight vanity, 10% small-business.
  Prepaid cards shared by 1-3 accounts (+10% own card). Pathway: 40% sticky 6-20 exits of the proxy pool, 30% 1-3
  IPs of an op GCP/DO pool, 30% 2-4 reseller-B gateways (shared with its customers). ~45 requests each, UTC+8 day
  (30% 24/7); 87% fresh paraphrases of 2-4 of 5 templates (exact fingerprints hardly repeat), 8% public, 5%
  unique. 60% move to nova-3 within 2-24 h. 5% banned, 2% suspended.
- op_hydra (1.4% + replacements): cells of 3-80 (lognormal, median 8), each with 2-12 sticky exits of the proxy
  pool that proxy customers rotate through, 1-3 of 14 template families, a zone (+3/+8/+2/-5) and ~1.3 sessions a
  day (30-150 min; members join with p=.6, ~3.5 requests). Fresh card each, except 2-4 originals sharing one in 25%
  of cells. 78% cell exits, 22% random exits; 70% family paraphrases, 12% exact family prompts, 18% customer-like
  public/unique prompts. Cell on nova-3 1-20 h after release. 8 sweeps enforce 32% of originals (85% banned, 15%
  suspended); 80% of those get a replacement (replacement=1) 1-5 days later: fresh card, freemail, a random subset
  of the cell's exits + a new one, same families; 12% of replacements are banned again.

BENIGN GROUPS
- ci_fleet_acme (0.08%): acme-robotics.com, 2 cards, 4 AWS IPs (op_lockstep's ASN); at :00:00-:00:40 every hour a
  runner fires with p=.35 one of its 2 of 6 exact templates, always nova-2-code.
- enterprise_globex (0.12%): one invoice token (+10% own cards), 6 corporate IPs, CI in New York work hours, quiet
  weekends; all moved to nova-3 90-240 min after release.
- university_northfield (1,500 per 500k): created within 3 days (days 2-5), 45% on the university's billing token,
  8% roommate pairs, 8 campus NAT IPs (60% of requests) + home; study hours, 30% of requests in the 6 h before three
  deadlines; 50% paraphrases of 6 assignment templates.
- research_lab_helix (4 per 20k, 6-40): one card, 3 lab IPs, ~1,500 requests each round the clock from ONE family
  (3 sibling templates, 60% paraphrased); half of it on nova-3 two days after release.
- hackathon_devfest (0.15%, extra): sign-ups within 5 h on day 11, 70% on one sponsor credit, 2 venue Wi-Fi IPs,
  90% of requests in the 36-hour event from 4 starter-kit templates; 15% on stu.northfield.edu.
- corp_vpn_initech (0.3%, extra): 5 DigitalOcean VPN exits (15% home IP), team cards shared by 2-3, New York work
  hours, mostly unique prompts.

ORGANIC (the rest; 0.3% banned + 0.2% suspended for unrelated reasons; 8% dormant)
- organic_cron (1.5%): own card and home IP; jobs at minute :00 (+0-4 s), 80% daily, 15% 6-hourly, 5% hourly,
  each one exact prompt (60% personal, 40% a top-5 public template shared by thousands), fixed model, 5% missed.
- organic_proxy_customer (2%): each request from a random exit of the proxy pool.
- organic_reseller_customer (0.6%): all traffic through reseller-B gateways.
- organic_power_user (0.3%): ~150 requests, home + own cloud server, repeated personal template, early adopters.
- organic_mobile (15%): each request from a random IP of their carrier's CGNAT pool; 25% without a card.
- organic_household (15%): 2-5 people sharing a home IP and (85%) one card, often one mail domain; 20% mobile.
- organic_individual (the rest): own card (85%), 1-2 home IPs, 12% mobile.
Organic prompts: 62% unique, 25% from 40 Zipf-popular public templates, 13% personal; diurnal in the local zone.
"""

import argparse
import os

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

DAY, HOUR, MIN = 86400, 3600, 60
START = 1746403200  # 2025-05-05T00:00:00Z, Monday
SPAN = 30 * DAY
END, RELEASE = START + SPAN, START + 17 * DAY + 16 * HOUR + 20 * MIN
MODELS, STATUS, UNI = (
    ["nova-2", "nova-2-mini", "nova-2-code", "nova-1.5", "nova-3"],
    ["active", "banned", "suspended"],
    "stu.northfield.edu",
)
HUMAN = np.array(
    [1.2, 0.7, 0.4, 0.3, 0.3, 0.4, 0.8, 1.6, 2.6, 3.4, 3.9, 4, 3.8, 4, 4.1, 4.2, 4, 3.8, 3.9, 4.2, 4.4, 4, 3, 2]
)
WORK = np.array([0.05] * 7 + [1, 3.5, 5, 5.5, 5, 3.5, 5, 5.5, 5, 4, 1.5] + [0.3, 0.2, 0.1, 0.1, 0.05, 0.05])
STUDY = np.array(
    [2.5, 1.8, 1, 0.4, 0.2, 0.1, 0.2, 0.5, 1.2, 2, 2.6, 2.8, 2.6, 2.8, 3, 3, 3, 2.8, 2.6, 3, 3.6, 4.2, 4.4, 3.6]
)
FLAT = np.ones(24)
CTRY = ["US", "IN", "BR", "DE", "GB", "JP", "FR", "CA", "MX", "ID", "KR", "NG", "PH", "AU", "ES", "PL", "VN", "TR"]
TZ = np.array([-5, 5.5, -3, 1, 0, 9, 1, -5, -6, 7, 9, 1, 8, 10, 1, 1, 7, 3])
CP = np.array([30, 12, 7, 6, 6, 5, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 3]) / 101
FREE = [
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "hotmail.com",
    "icloud.com",
    "proton.me",
    "gmx.de",
    "yandex.ru",
    "qq.com",
    "naver.com",
    "mail.com",
]
FREEW = np.array([45, 14, 10, 8, 8, 4, 3, 2, 2, 2, 2]) / 100
BLOCKS = {
    name: (sum(int(o) << s for o, s in zip(a.split("."), (24, 16, 8, 0), strict=True)), bits, asn)
    for name, (a, bits, asn) in {
        "comcast": ("73.0.0.0", 8, 7922),
        "verizon": ("98.0.0.0", 9, 701),
        "bt": ("86.128.0.0", 10, 2856),
        "claro": ("177.32.0.0", 11, 28573),
        "bsnl": ("117.192.0.0", 10, 9829),
        "dtag": ("91.0.0.0", 10, 3320),
        "softbank": ("126.0.0.0", 8, 17676),
        "tmobile": ("172.56.0.0", 14, 21928),
        "att_mob": ("107.64.0.0", 12, 20057),
        "jio": ("49.32.0.0", 12, 55836),
        "charter": ("24.16.0.0", 12, 20001),
        "telmex": ("189.0.0.0", 11, 8151),
        "tci": ("5.160.0.0", 11, 12880),
        "mtn": ("102.88.0.0", 13, 29465),
        "aws": ("3.80.0.0", 12, 14618),
        "aws2": ("52.0.0.0", 11, 16509),
        "gcp": ("34.64.0.0", 10, 396982),
        "do": ("159.65.0.0", 16, 14061),
        "resellerb": ("45.133.0.0", 16, 206264),
        "uni": ("140.247.0.0", 16, 1742),
        "corp": ("12.128.0.0", 12, 7018),
        "venue": ("50.200.0.0", 14, 7922),
    }.items()
}
HOME = ["comcast", "verizon", "bt", "claro", "bsnl", "dtag", "softbank"]
HEXD = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
ORG_MIX = (0, 0.25, 0.13, 0.62, 0, 0.2, 0.15)  # see World.prompts


def scramble(x, salt):
    """A bijection on uint64 (scrambled ids never collide)."""
    x = (np.asarray(x, dtype=np.uint64) + np.uint64(salt)) * np.uint64(0x9E3779B97F4A7C15)
    x ^= x >> np.uint64(31)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    return x ^ (x >> np.uint64(29))


def hexstr(prefix, vals):
    """Arrow strings prefix + 16 lowercase hex digits, built without Python loops."""
    v, p = np.asarray(vals, dtype=np.uint64), np.frombuffer(prefix.encode(), np.uint8)
    b = v.astype(">u8").view(np.uint8).reshape(len(v), 8)
    buf = np.empty((len(v), len(p) + 16), np.uint8)
    buf[:, : len(p)], buf[:, len(p) :: 2], buf[:, len(p) + 1 :: 2] = p, HEXD[b >> 4], HEXD[b & 15]
    offs = np.arange(0, (len(v) + 1) * buf.shape[1], buf.shape[1], dtype=np.int32)
    return pa.Array.from_buffers(pa.string(), len(v), [None, pa.py_buffer(offs), pa.py_buffer(buf.tobytes())])


def expand(counts):
    """(owner, position within owner) for counts[i] copies of each i."""
    counts = np.asarray(counts, np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    return owner, np.arange(owner.size) - np.repeat(np.cumsum(counts) - counts, counts)


def csr(counts):
    return np.r_[0, np.cumsum(counts)].astype(np.int64)


def pick(offs, vals, owner, r):
    """A random element of owner's slice vals[offs[owner]:offs[owner+1]], per request."""
    lo = offs[owner]
    return vals[lo + (r.random(len(owner)) * (offs[owner + 1] - lo)).astype(np.int64)]


def sizes_until(n, draws):
    """Cut a sequence of group sizes so they sum to n (a tiny last group joins the previous one)."""
    cs = np.cumsum(draws)
    k = int(np.searchsorted(cs, n))
    out = draws[: k + 1].copy()
    out[-1] -= cs[k] - n
    if len(out) > 1 and out[-1] < 3:
        out[-2] += out[-1]
        out = out[:-1]
    return out


class World:
    def __init__(s, n_target, rng):
        s.N, s.r, s.n, s.acc, s.pm, s.req, s.npm = n_target, rng, 0, [], [], [], 0
        s.ip_int, s.ip_asn, s.nip, s.ctr, s.tsim, s.ntm = [], [], 0, {}, [], 0
        s.OWN0 = s.templates(n_target)[0]  # personal template of account i is OWN0 + i
        s.PUB, w = s.templates(40), 1 / np.arange(1, 41) ** 1.1
        s.PUBW = w / w.sum()
        s.proxy_pool = s.ips(["charter", "telmex", "tci", "mtn"], max(200, n_target // 25))
        s.reseller_pool = s.ips(["resellerb"], max(8, n_target // 400))
        s.carrier = [s.ips([c], max(20, n_target // 200)) for c in ("tmobile", "att_mob", "jio")]
        s.car_all, s.car_offs = np.concatenate(s.carrier), csr([len(c) for c in s.carrier])
        syl = ["nor", "vel", "tri", "kan", "bel", "mor", "zen", "lux", "pix", "tor", "ari", "sol", "dex", "qua"]
        s.biz = np.array(
            [
                "".join(rng.choice(syl, 2 + (rng.random() < 0.4))) + rng.choice([".com", ".io", ".net", ".co", ".dev"])
                for _ in range(500)
            ]
        )

    def rand64(s, n):
        return np.frombuffer(s.r.bytes(8 * n), dtype="<u8").astype(np.uint64)

    def flips(s, n):  # masks of 1-6 random bits
        k, pos = s.r.integers(1, 7, n), s.r.integers(0, 64, (n, 6)).astype(np.uint64)
        return np.bitwise_or.reduce(np.where(np.arange(6) < k[:, None], np.uint64(1) << pos, np.uint64(0)), axis=1)

    def templates(s, n, base=None):
        s.tsim.append(s.rand64(n) if base is None else np.full(n, base, np.uint64) ^ s.flips(n))
        s.ntm += n
        return np.arange(s.ntm - n, s.ntm)

    def ips(s, names, n):
        """n new distinct addresses (hosts .1-.254) spread over the named blocks."""
        b, out = s.r.integers(0, len(names), n), np.empty(n, np.int64)
        for j, nm in enumerate(names):
            sel, (base, bits, asn) = np.flatnonzero(b == j), BLOCKS[nm]
            c0, salt = s.ctr.get(nm, (0, int(s.r.integers(1 << 20))))
            s.ctr[nm], space = (c0 + len(sel), salt), (1 << (24 - bits)) * 254  # stride is prime to 2 and 127
            assert c0 + len(sel) < space, nm
            x = ((c0 + np.arange(len(sel), dtype=np.int64)) * 2654435761 + salt) % space
            s.ip_int.append(base + (x // 254) * 256 + 1 + x % 254)
            s.ip_asn.append(np.full(len(sel), asn))
            out[sel], s.nip = s.nip + np.arange(len(sel)), s.nip + len(sel)
        return out

    def cards(s, acct, which):
        """Link acct[i] to new card number which[i] (any local labels)."""
        which = np.unique(which, return_inverse=True)[1]
        s.pm.append((acct, s.npm + which))
        s.npm += int(which.max()) + 1 if len(which) else 0

    def own_cards(s, acct, p=1.0):
        acct = acct[s.r.random(len(acct)) < p]
        s.cards(acct, np.arange(len(acct)))

    def country(s, n, p=CP):
        c = s.r.choice(len(CTRY), n, p=p)
        return np.array(CTRY)[c], TZ[c]

    def domains(s, n):
        d, biz = np.array(FREE)[s.r.choice(len(FREE), n, p=FREEW)], s.r.random(n) < 0.22
        d[biz] = s.biz[s.r.integers(0, len(s.biz), biz.sum())]
        return d

    def enforce(s, lo, pb, ps):
        """(status, end): banned with p=pb, suspended with p=ps, at a random time after lo."""
        u = s.r.random(len(lo))
        st = np.where(u < pb, 1, np.where(u < pb + ps, 2, 0)).astype(np.int8)
        return st, np.where(st > 0, lo + (s.r.random(len(lo)) * np.maximum(END - lo, 0)).astype(np.int64), END)

    def add(s, group, kind, created, domain, country, status=None, end=None, repl=0):
        n = len(created)
        s.acc.append(
            (
                group,
                kind,
                n,
                np.asarray(created, np.int64),
                np.asarray(domain),
                np.asarray(country),
                np.zeros(n, np.int8) if status is None else status,
                np.full(n, END) if end is None else end,
                repl,
            )
        )
        s.n += n
        return np.arange(s.n - n, s.n)

    def counts(s, mean, sigma, lo, hi, cap=500, dormant=0.0):
        """Lognormal requests per account, scaled by the part of the month the account is alive."""
        c = s.r.lognormal(np.log(mean) - sigma**2 / 2, sigma, len(lo)) * np.clip((hi - lo) / SPAN, 0, 1)
        c = np.minimum(np.floor(c + s.r.random(len(lo))), cap).astype(np.int64)
        c[s.r.random(len(lo)) < dormant] = 0
        return c

    def diurnal(s, lo, hi, tz, w):
        """A time in [lo, hi) per row whose local hour (UTC offset tz) follows the weights w."""
        n = len(lo)
        off = (np.broadcast_to(tz, (n,)) * HOUR).astype(np.int64)
        day = np.floor((lo + s.r.random(n) * (hi - lo) + off) / DAY).astype(np.int64)
        t = day * DAY + s.r.choice(24, n, p=w / w.sum()) * HOUR + s.r.integers(0, HOUR, n) - off
        t = np.where(t >= hi, t - DAY, np.where(t < lo, t + DAY, t))
        return np.clip(t, lo, hi - 1).astype(np.int64)

    def prompts(s, acct, mix, fam=None):
        """(template, paraphrased?) per request; mix = (p_family, p_public, p_own, p_unique, para_family,
        para_public, para_own); fam(rows) gives family templates for those request rows."""
        n = len(acct)
        cat, tm = s.r.choice(4, n, p=np.array(mix[:4]) / sum(mix[:4])), np.empty(n, np.int64)
        f, p, o, u = (cat == 0), (cat == 1), (cat == 2), (cat == 3)
        if f.any():
            tm[f] = fam(np.flatnonzero(f))
        tm[p], tm[o], tm[u] = s.PUB[s.r.choice(40, p.sum(), p=s.PUBW)], s.OWN0 + acct[o], s.templates(u.sum())
        return tm, s.r.random(n) < np.array([*mix[4:], 0.0])[cat]

    def models(s, t, base=(0.55, 0.3, 0.1, 0.05), adopt=None, q=0.9):
        """Old-model mix `base`; nova-3 with p=q from `adopt` on, else the slow organic ramp."""
        m = s.r.choice(4, len(t), p=np.array(base) / sum(base)).astype(np.int8)
        if adopt is None:
            m[(t >= RELEASE) & (s.r.random(len(t)) < np.clip(0.03 + 0.02 * (t - RELEASE) / DAY, 0, 0.35))] = 4
        else:
            m[(t >= adopt) & (s.r.random(len(t)) < q)] = 4
        return m

    def emit(s, acct, t, ip, model, tm, para):
        s.req.append(
            tuple(
                np.asarray(x, d)
                for x, d in zip(
                    (acct, t, ip, model, tm, para), (np.int64,) * 3 + (np.int8, np.int64, bool), strict=True
                )
            )
        )

    def traffic(s, acc, lo, hi, tz, cnt, hours, ipf, mix, fam=None, modelf=None):
        """Independent per-account traffic; ipf/fam/modelf get each request's local account index."""
        own, _ = expand(cnt)
        t = s.diurnal(lo[own], hi[own], tz[own] if np.ndim(tz) else tz, hours)
        tm, para = s.prompts(acc[own], mix, None if fam is None else (lambda f: fam(own[f])))
        s.emit(acc[own], t, ipf(own), s.models(t) if modelf is None else modelf(own, t), tm, para)

    def mobile(s, carrier):
        return pick(s.car_offs, s.car_all, carrier, s.r)


def op_lockstep(W):
    r = W.r
    for sz in sizes_until(max(40, round(0.0045 * W.N)), r.integers(12, 151, 2000)):
        created = START + r.integers(-14, 6) * DAY + r.integers(0, 20) * HOUR + r.integers(0, 3 * HOUR, sz)
        late = r.random(sz) < 0.25
        created[late] = START + r.integers(-25 * DAY, 10 * DAY, late.sum())
        dom = r.choice(
            np.array(["mailbox-relay.net", "quickinbox.io", "gmail.com", "fastmail-pro.org"])[r.permutation(4)[:2]], sz
        )
        st, end = W.enforce(np.maximum(created, START) + DAY, 0.08, 0.03)
        acc = W.add(
            "op_lockstep", "fraud", created, dom, W.country(sz, 0.7 * np.eye(len(CTRY))[0] + 0.3 * CP)[0], st, end
        )
        W.cards(acc, r.integers(0, max(1, sz // r.integers(6, 21)), sz))
        ips, tm4 = W.ips(["aws", "aws2"], max(3, sz // r.integers(4, 9))), W.templates(4)
        wt = START + r.integers(0, HOUR) + np.cumsum(r.integers(70 * MIN, 170 * MIN, 700))
        wt = wt[(wt < END) & (((wt // HOUR + 3) % 24) >= 4)]
        a, w = np.nonzero(r.random((sz, len(wt))) < 0.55)
        rep = 1 + (r.random(len(a)) < 0.3)
        a, w = np.repeat(a, rep), np.repeat(w, rep)
        n, cat = len(a), r.random(len(a))
        t = wt[w] + r.integers(0, 56, n) + (r.random(n) < 0.08) * r.integers(60, 180, n)
        tm = np.where(cat < 0.95, tm4[r.choice(4, n, p=[0.4, 0.3, 0.2, 0.1])], W.PUB[r.choice(40, n, p=W.PUBW)])
        m = np.where(r.random(n) < 0.85, 0, 2)
        m[(t >= RELEASE + r.integers(3 * HOUR, 11 * HOUR)) & (r.random(n) < 0.97)] = 4
        W.emit(acc[a], t, ips[(a + w) % len(ips)], m, tm, (cat >= 0.88) & (cat < 0.95))


def op_pathways(W):
    r = W.r
    n = max(40, round(0.0055 * W.N))
    created, kind, dom = (
        START + r.integers(-70 * DAY, 20 * DAY, n),
        r.choice(5, n, p=[0.15, 0.35, 0.2, 0.2, 0.1]),
        W.domains(n),
    )
    dom[kind == 0] = UNI
    dom[kind == 2] = r.choice(["proton.me", "tutanota.com"], (kind == 2).sum())
    dom[kind == 3] = r.choice(
        [
            "nexgen-data.ai",
            "corvid-labs.io",
            "tallow.dev",
            "brightfold.co",
            "quantmesh.net",
            "orbitrec.io",
            "pylonworks.com",
            "saltmarsh.ai",
        ],
        (kind == 3).sum(),
    )
    dom[kind == 4] = W.biz[r.integers(0, 500, (kind == 4).sum())]
    lo = np.maximum(created, START)
    st, end = W.enforce(lo + DAY, 0.05, 0.02)
    acc = W.add("op_pathways", "fraud", created, dom, W.country(n)[0], st, end)
    gs = sizes_until(n, r.choice([1, 2, 3], n, p=[0.2, 0.45, 0.35]))
    W.cards(acc, np.repeat(np.arange(len(gs)), gs))
    W.own_cards(acc, 0.1)
    path = r.choice(3, n, p=[0.4, 0.3, 0.3])
    k = np.select([path == 0, path == 1], [r.integers(6, 21, n), r.integers(1, 4, n)], r.integers(2, 5, n))
    own, _ = expand(k)
    pools, vals = [W.proxy_pool, W.ips(["gcp", "do"], max(4, n // 15)), W.reseller_pool], np.empty(len(own), np.int64)
    for j in range(3):
        sel = path[own] == j
        vals[sel] = pools[j][r.integers(0, len(pools[j]), sel.sum())]
    offs, fams, fk, fp = csr(k), W.templates(5), r.integers(2, 5, n), np.argsort(r.random((n, 5)), axis=1)
    adopt = np.where(r.random(n) < 0.6, RELEASE + r.integers(2 * HOUR, 24 * HOUR, n), END + DAY)
    cnt, flat = W.counts(45, 0.8, lo, end, 400), r.random(n) < 0.3
    for sel, hours in ((flat, FLAT), (~flat, HUMAN)):
        ix = np.flatnonzero(sel)
        W.traffic(
            acc[ix],
            lo[ix],
            end[ix],
            8.0,
            cnt[ix],
            hours,
            lambda o, ix=ix: pick(offs, vals, ix[o], r),
            (0.87, 0.08, 0, 0.05, 0.93, 0.1, 0),
            lambda o, ix=ix: fams[fp[ix[o], (r.random(len(o)) * fk[ix[o]]).astype(int)]],
            lambda o, t, ix=ix: W.models(t, (0.5, 0.1, 0.35, 0.05), adopt[ix[o]]),
        )


def op_hydra(W):
    r, pool = W.r, W.proxy_pool
    n0 = max(60, round(0.014 * W.N))
    sz = sizes_until(n0, np.clip(np.round(r.lognormal(np.log(8), 0.75, n0)), 3, 80).astype(np.int64))
    C, cell = len(sz), np.repeat(np.arange(len(sz)), sz)
    fams, cf, ck = W.templates(14), r.integers(0, 14, (C, 3)), r.integers(1, 4, C)
    kc = np.clip(sz // 3 + r.integers(1, 4, C), 2, 12)
    poffs, pvals = csr(kc), pool[r.integers(0, len(pool), kc.sum())]
    ctz, cadopt = r.choice([3.0, 8.0, 2.0, -5.0], C, p=[0.4, 0.3, 0.2, 0.1]), RELEASE + r.integers(HOUR, 20 * HOUR, C)
    created = START - r.integers(5, 40, C)[cell] * DAY + r.integers(0, 2 * DAY, n0)
    dom, u = W.domains(n0), r.random(n0)
    dom[u < 0.03] = UNI
    dom[(u >= 0.03) & (u < 0.1)] = r.choice(
        ["mailbox-relay.net", "saltmarsh.ai", "tallow.dev"], ((u >= 0.03) & (u < 0.1)).sum()
    )
    sweeps = START + np.sort(r.integers(1, 28, 8)) * DAY + r.integers(0, 24, 8) * HOUR
    tb = sweeps[r.integers(0, 8, n0)] + r.integers(0, 6 * HOUR, n0)
    banned = (r.random(n0) < 0.32) & (tb > created + DAY)
    st = np.where(banned, np.where(r.random(n0) < 0.85, 1, 2), 0).astype(np.int8)
    acc0 = W.add("op_hydra", "fraud", created, dom, W.country(n0)[0], st, np.where(banned, tb, END))
    first, share = np.r_[0, np.cumsum(sz)[:-1]], np.zeros(n0, bool)
    for c in np.flatnonzero(r.random(C) < 0.25):
        share[first[c] : first[c] + min(sz[c], r.integers(2, 5))] = True
    W.cards(acc0, np.where(share, -1 - cell, np.arange(n0)))
    rb = np.flatnonzero(banned & (r.random(n0) < 0.8))  # replacements arrive 1-5 days after the ban
    rc = tb[rb] + r.integers(DAY, 5 * DAY + 1, len(rb))
    rb, rc = rb[rc < END - DAY], rc[rc < END - DAY]
    nr, tb2 = len(rb), rc + r.integers(2 * DAY, 10 * DAY, len(rb))
    b2 = (r.random(nr) < 0.12) & (tb2 < END)
    acc1 = W.add(
        "op_hydra", "fraud", rc, W.domains(nr), W.country(nr)[0], b2.astype(np.int8), np.where(b2, tb2, END), 1
    )
    W.own_cards(acc1)
    acc, cells = np.r_[acc0, acc1], np.r_[cell, cell[rb]]
    lo, hi = np.maximum(np.r_[created, rc], START), np.r_[np.where(banned, tb, END), np.where(b2, tb2, END)]
    # exits per account: originals the cell's set; replacements a random non-empty subset plus one new exit
    o1, w1 = expand(kc[cell[rb]])
    keep = (r.random(len(o1)) < r.uniform(0.3, 1, nr)[o1]) | (w1 == r.integers(0, kc[cell[rb]])[o1])
    ro = np.r_[o1[keep], np.arange(nr)]
    rv = np.r_[pvals[poffs[cell[rb]][o1] + w1][keep], pool[r.integers(0, len(pool), nr)]][np.argsort(ro, kind="stable")]
    oo, wo = expand(kc[cell])
    aoffs, avals = csr(np.r_[kc[cell], np.bincount(ro, minlength=nr)]), np.r_[pvals[poffs[cell][oo] + wo], rv]
    # cell sessions; live members join them
    ns = r.poisson(1.3 * 30, C)
    so, _ = expand(ns)
    sst = W.diurnal(np.full(len(so), START), np.full(len(so), END - 3 * HOUR), ctz[so], HUMAN)
    sdur, soffs = r.integers(30, 150, len(so)) * MIN, csr(ns)
    own, within = expand(ns[cells])
    ses = soffs[cells[own]] + within
    ok = (r.random(len(own)) < 0.6) & (sst[ses] >= lo[own]) & (sst[ses] < hi[own])
    rep = r.poisson(2.5, ok.sum()) + 1
    own, ses = np.repeat(own[ok], rep), np.repeat(ses[ok], rep)
    n, c = len(own), cells[own]
    t = sst[ses] + (r.random(n) * sdur[ses]).astype(np.int64)
    ip = np.where(r.random(n) < 0.78, pick(aoffs, avals, own, r), pool[r.integers(0, len(pool), n)])
    tm, para = W.prompts(
        acc[own],
        (0.82, 0.08, 0, 0.10, 0.85, 0.1, 0),
        lambda f: fams[cf[c[f], (r.random(len(f)) * ck[c[f]]).astype(int)]],
    )
    W.emit(acc[own], t, ip, W.models(t, (0.75, 0.05, 0.2, 0), cadopt[c], 0.85), tm, para)


def benign(W):
    r, N, full = W.r, W.N, (lambda n, v: np.full(n, v))
    # CI fleet: top of every hour
    n = max(12, round(0.0008 * N))
    acc = W.add(
        "ci_fleet_acme", "benign_group", START - r.integers(30, 200, n) * DAY, ["acme-robotics.com"] * n, ["US"] * n
    )
    W.cards(acc, r.integers(0, 2, n))
    ips, tm6 = W.ips(["aws"], 4), W.templates(6)
    a, h = np.nonzero(r.random((n, 720)) < 0.35)
    W.emit(
        acc[a],
        START + h * HOUR + r.integers(0, 41, len(a)),
        ips[a % 4],
        full(len(a), 2),
        tm6[(a + (r.random(len(a)) < 0.5)) % 6],
        np.zeros(len(a), bool),
    )
    # enterprise moving its CI to the new model within hours
    n = max(15, round(0.0012 * N))
    acc = W.add(
        "enterprise_globex", "benign_group", START - r.integers(60, 400, n) * DAY, ["globex.com"] * n, ["US"] * n
    )
    W.cards(acc, np.zeros(n, int))
    W.own_cards(acc, 0.1)
    ips, tm10, mig = W.ips(["corp"], 6), W.templates(10), RELEASE + r.integers(90, 241) * MIN
    own, _ = expand(W.counts(150, 0.5, full(n, START), full(n, END)))
    t = W.diurnal(full(len(own), START), full(len(own), END), -5.0, WORK)
    keep = (((t - 5 * HOUR - START) // DAY) % 7 < 5) | (r.random(len(t)) < 0.15)  # weekends mostly quiet
    own, t = own[keep], t[keep]
    W.emit(
        acc[own],
        t,
        ips[r.integers(0, 6, len(own))],
        W.models(t, (0.8, 0, 0.2, 0), full(len(t), mig), 0.96),
        tm10[r.choice(10, len(own), p=np.arange(10, 0, -1) / 55)],
        r.random(len(own)) < 0.2,
    )
    # university: student accounts created within three days
    n = max(60, round(1500 * N / 500000))
    created = W.diurnal(full(n, START + 2 * DAY), full(n, START + 5 * DAY), -5.0, HUMAN)
    acc, u = W.add("university_northfield", "benign_group", created, [UNI] * n, ["US"] * n), r.random(n)
    W.cards(acc[u < 0.45], np.zeros((u < 0.45).sum(), int))
    W.cards(acc[(u >= 0.45) & (u < 0.53)], np.arange(((u >= 0.45) & (u < 0.53)).sum()) // 2)
    W.own_cards(acc[u >= 0.53], 0.9)
    campus, home, course = W.ips(["uni"], 8), W.ips(HOME, n), W.templates(6)
    own, _ = expand(W.counts(18, 0.8, created, full(n, END)))
    t, rush = W.diurnal(created[own], full(len(own), END), -5.0, STUDY), r.random(len(own)) < 0.3
    dl = np.array([12, 19, 26]) * DAY + START + 5 * HOUR - 60  # 23:59 New York
    t[rush] = np.maximum(dl[r.integers(0, 3, rush.sum())] - r.integers(0, 6 * HOUR, rush.sum()), created[own][rush])
    tm, para = W.prompts(acc[own], (0.5, 0.1, 0, 0.4, 0.8, 0.2, 0), lambda f: course[r.integers(0, 6, len(f))])
    W.emit(
        acc[own],
        t,
        np.where(r.random(len(own)) < 0.6, campus[r.integers(0, 8, len(own))], home[own]),
        W.models(t, (0.3, 0.7, 0, 0)),
        tm,
        para,
    )
    # research lab: very high volume from one template family
    n = int(np.clip(round(N / 20000 * 4), 6, 40))
    acc = W.add(
        "research_lab_helix", "benign_group", START - r.integers(100, 500, n) * DAY, ["helix-lab.org"] * n, ["US"] * n
    )
    W.cards(acc, np.zeros(n, int))
    ips, fam = W.ips(["uni"], 3), W.templates(3, W.rand64(1)[0])
    W.traffic(
        acc,
        full(n, START),
        full(n, END),
        -5.0,
        W.counts(1500, 0.4, full(n, START), full(n, END), 4000),
        FLAT,
        lambda o: ips[r.integers(0, 3, len(o))],
        (1, 0, 0, 0, 0.6, 0, 0),
        lambda o: fam[r.integers(0, 3, len(o))],
        lambda o, t: W.models(t, (1, 0, 0, 0), full(len(t), RELEASE + 2 * DAY), 0.5),
    )
    # hackathon: sign-ups within 5 hours, sponsor credit, venue Wi-Fi, starter-kit prompts
    n = max(25, round(0.0015 * N))
    created, dom = START + 11 * DAY + 16 * HOUR + r.integers(0, 5 * HOUR, n), W.domains(n)
    dom[r.random(n) < 0.15] = UNI
    acc, u = (
        W.add(
            "hackathon_devfest", "benign_group", created, dom, W.country(n, 0.6 * np.eye(len(CTRY))[0] + 0.4 * CP)[0]
        ),
        r.random(n),
    )
    W.cards(acc[u < 0.7], np.zeros((u < 0.7).sum(), int))
    W.own_cards(acc[u >= 0.7])
    venue, home, kit = W.ips(["venue"], 2), W.ips(HOME, n), W.templates(4)
    own, _ = expand(W.counts(25, 0.7, full(n, START), full(n, END)))
    ev, ev_end = r.random(len(own)) < 0.9, START + 13 * DAY + HOUR
    t = np.where(
        ev,
        created[own] + (r.random(len(own)) * (ev_end - created[own])).astype(np.int64),
        r.integers(ev_end, END, len(own)),
    )
    tm, para = W.prompts(acc[own], (0.9, 0, 0, 0.1, 0.22, 0, 0), lambda f: kit[r.integers(0, 4, len(f))])
    W.emit(
        acc[own], t, np.where(ev, venue[r.integers(0, 2, len(own))], home[own]), W.models(t, (0.5, 0.5, 0, 0)), tm, para
    )
    # employees behind a corporate VPN, team cards
    n = max(20, round(0.003 * N))
    acc = W.add(
        "corp_vpn_initech", "benign_group", START - r.integers(20, 900, n) * DAY, ["initech.com"] * n, ["US"] * n
    )
    W.cards(acc, np.repeat(np.arange(n), r.integers(2, 4, n))[:n])
    vpn, home, internal = W.ips(["do"], 5), W.ips(HOME, n), W.templates(5)
    W.traffic(
        acc,
        full(n, START),
        full(n, END),
        -5.0,
        W.counts(30, 0.7, full(n, START), full(n, END)),
        WORK,
        lambda o: np.where(r.random(len(o)) < 0.85, vpn[r.integers(0, 5, len(o))], home[o]),
        (0.2, 0.15, 0, 0.65, 0.7, 0.2, 0),
        lambda o: internal[r.integers(0, 5, len(o))],
    )


def organic(W, group, n, mean, ipf, card_p=0.85, mix=ORG_MIX, modelf=None, dom=None, ctry=None, sigma=1.0):
    """An organic population; ipf(acc, n) returns the per-request IP function."""
    r = W.r
    created = START - (r.lognormal(5, 1, n) * DAY).astype(np.int64)
    new = r.random(n) < 0.04
    created[new] = START + r.integers(0, SPAN - DAY, new.sum())
    ctry, tz = W.country(n) if ctry is None else (ctry, TZ[pd.Index(CTRY).get_indexer(ctry)])
    lo = np.maximum(created, START)
    st, end = W.enforce(lo, 0.003, 0.002)
    acc = W.add(group, "organic", created, W.domains(n) if dom is None else dom, ctry, st, end)
    if card_p:
        W.own_cards(acc, card_p)
    W.traffic(acc, lo, end, tz, W.counts(mean, sigma, lo, end, 600, 0.08), HUMAN, ipf(acc, n), mix, modelf=modelf)
    return acc


def organics(W):
    r, N = W.r, W.N
    # cron jobs at minute :00
    n = round(0.015 * N)
    acc = W.add(
        "organic_cron", "organic", START - (r.lognormal(5, 1, n) * DAY).astype(np.int64), W.domains(n), W.country(n)[0]
    )
    W.own_cards(acc)
    home, period = W.ips(HOME, n), r.choice([DAY, 6 * HOUR, HOUR], n, p=[0.8, 0.15, 0.05])
    own, k = expand(SPAN // period)
    t = START + (r.integers(0, 24, n) * HOUR % period)[own] + k * period[own] + r.integers(0, 5, len(own))
    keep = r.random(len(own)) >= 0.05
    own, t = own[keep], t[keep]
    job = np.where(r.random(n) < 0.6, W.OWN0 + acc, W.PUB[r.integers(0, 5, n)])
    W.emit(acc[own], t, home[own], r.choice([1, 0], n, p=[0.6, 0.4])[own], job[own], np.zeros(len(own), bool))
    rand_in = lambda pool: lambda acc, n: lambda o: pool[r.integers(0, len(pool), len(o))]  # noqa: E731
    organic(W, "organic_proxy_customer", round(0.02 * N), 12, rand_in(W.proxy_pool))
    organic(W, "organic_reseller_customer", round(0.006 * N), 15, rand_in(W.reseller_pool))

    def power_ip(acc, n):
        home, srv = W.ips(HOME, n), W.ips(["gcp", "aws2", "do"], n)
        return lambda o: np.where(r.random(len(o)) < 0.5, home[o], srv[o])

    organic(
        W,
        "organic_power_user",
        round(0.003 * N),
        150,
        power_ip,
        0.95,
        (0, 0.1, 0.5, 0.4, 0, 0.2, 0.3),
        lambda o, t: W.models(t, (0.5, 0.1, 0.35, 0.05), RELEASE + r.integers(HOUR // 2, 72 * HOUR, len(t)), 0.7),
        sigma=0.6,
    )

    def mobile_ip(acc, n):
        carrier = r.integers(0, 3, n)
        return lambda o: W.mobile(carrier[o])

    organic(W, "organic_mobile", round(0.15 * N), 5, mobile_ip, 0.75)
    # households: a shared home IP and usually one card
    hs = sizes_until(round(0.15 * N), r.choice([2, 3, 4, 5], round(0.15 * N), p=[0.45, 0.3, 0.15, 0.1]))
    hh = np.repeat(np.arange(len(hs)), hs)
    dom = np.where(r.random(len(hh)) < 0.7, W.domains(len(hs))[hh], W.domains(len(hh)))
    hip, hcar = W.ips(HOME, len(hs)), r.integers(0, 3, len(hs))
    acc = organic(
        W,
        "organic_household",
        len(hh),
        5,
        lambda acc, n: lambda o: np.where(r.random(len(o)) < 0.8, hip[hh[o]], W.mobile(hcar[hh[o]])),
        0,
        dom=dom,
        ctry=W.country(len(hs))[0][hh],
    )
    shared = (r.random(len(hs)) < 0.85)[hh]
    W.cards(acc[shared], hh[shared])
    W.own_cards(acc[~shared], 0.8)

    def indiv_ip(acc, n):  # 1-2 home IPs (dynamic ISP addresses), 12% mobile
        k = 1 + (r.random(n) < 0.3)
        offs, vals, car = csr(k), W.ips(HOME, k.sum()), r.integers(0, 3, n)
        return lambda o: np.where(r.random(len(o)) < 0.88, pick(offs, vals, o, r), W.mobile(car[o]))

    assert N - W.n > 0, "too few accounts for the fixed populations"
    organic(W, "organic_individual", N - W.n, 5, indiv_ip)


def ts(ms):
    return pa.array(ms, pa.timestamp("ms", tz="UTC"))


def agg(a, b, t):
    """Group the (time-sorted) requests by (a, b): first row of each group, first and last time, count."""
    key = (a << 32) | b
    o = np.argsort(key, kind="stable")
    k = key[o]
    st = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    cnt = np.diff(np.r_[st, len(k)])
    return o[st], t[o][st], t[o][st + cnt - 1], cnt


def write(W, out):
    r, n = W.r, W.n
    os.makedirs(out, exist_ok=True)
    group, kind, repl = (np.repeat([c[i] for c in W.acc], [c[2] for c in W.acc]) for i in (0, 1, 8))
    created, dom, ctry, st, end = (np.concatenate([c[i] for c in W.acc]) for i in (3, 4, 5, 6, 7))
    ids = hexstr("acct_", scramble(np.arange(n), 0x5EED0001 + r.integers(1 << 30)))
    perm = r.permutation(n)
    acc_tab = pa.table(
        {
            "account_id": ids.take(pa.array(perm)),
            "created_at": ts((created * 1000 + r.integers(0, 1000, n))[perm]),
            "email_domain": pa.array(dom[perm]),
            "country": pa.array(ctry[perm]),
            "status": pa.array(np.array(STATUS)[st[perm]]),
        }
    )
    pq.write_table(acc_tab, f"{out}/accounts.parquet")
    pd.DataFrame(
        {
            "account_id": acc_tab["account_id"].to_numpy(),
            "group": group[perm],
            "kind": kind[perm],
            "status": np.array(STATUS)[st[perm]],
            "replacement": repl[perm],
        }
    ).to_csv(f"{out}/truth.csv", index=False)
    pacct, pm = (np.concatenate([p[i] for p in W.pm]) for i in (0, 1))
    first = np.maximum(created[pacct], START - 400 * DAY) + r.integers(0, 2 * DAY, len(pacct))
    pq.write_table(
        pa.table(
            {
                "account_id": ids.take(pa.array(pacct)),
                "payment_method_id": hexstr("pm_", scramble(pm, 0xCA4D)),
                "first_seen": ts(first * 1000),
                "last_seen": ts(np.maximum(np.minimum(end[pacct], END), first) * 1000),
            }
        ),
        f"{out}/payment_methods.parquet",
    )
    acct, t, ip, model, tm, para = (np.concatenate([q[i] for q in W.req]) for i in range(6))
    keep = (t >= np.maximum(created[acct], START)) & (t < np.minimum(end[acct], END))  # nothing after a ban
    tms = t[keep] * 1000 + r.integers(0, 1000, keep.sum())
    o = np.flatnonzero(keep)[np.argsort(tms, kind="stable")]
    acct, tms, ip, model, tm, para = acct[o], np.sort(tms, kind="stable"), ip[o], model[o], tm[o], para[o]
    vid, sim = tm.copy(), np.concatenate(W.tsim)[tm]
    vid[para] = W.ntm + np.arange(para.sum())  # every paraphrase is a new prompt variant
    sim[para] ^= W.flips(para.sum())
    ipint = np.concatenate(W.ip_int).astype(np.int64)
    ipstr = pc.binary_join_element_wise(
        *[pa.array((ipint >> sh) & 255).cast(pa.string()) for sh in (24, 16, 8, 0)], "."
    )
    asn, fp, shx = np.concatenate(W.ip_asn), hexstr("fp_", scramble(vid, 0xF1A9)), hexstr("", sim)
    pq.write_table(
        pa.table(
            {
                "account_id": ids.take(pa.array(acct)),
                "timestamp": ts(tms),
                "ip": ipstr.take(pa.array(ip)),
                "model": pa.array(MODELS).take(pa.array(model)),
                "prompt_fingerprint": fp,
                "prompt_simhash": shx,
            }
        ),
        f"{out}/requests.parquet",
    )
    g, f, la, c = agg(acct, ip, tms)
    pq.write_table(
        pa.table(
            {
                "account_id": ids.take(pa.array(acct[g])),
                "ip": ipstr.take(pa.array(ip[g])),
                "asn": pa.array(asn[ip[g]]),
                "first_seen": ts(f),
                "last_seen": ts(la),
                "request_count": pa.array(c),
            }
        ),
        f"{out}/proxies.parquet",
    )
    g, f, la, c = agg(acct, vid, tms)
    pq.write_table(
        pa.table(
            {
                "account_id": ids.take(pa.array(acct[g])),
                "fingerprint": fp.take(pa.array(g)),
                "first_seen": ts(f),
                "last_seen": ts(la),
                "request_count": pa.array(c),
                "simhash": shx.take(pa.array(g)),
            }
        ),
        f"{out}/prompt_fingerprints.parquet",
    )
    return n, len(acct)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    W = World(a.accounts, np.random.default_rng(a.seed))
    for populate in (op_lockstep, op_pathways, op_hydra, benign, organics):
        populate(W)
    n, nreq = write(W, a.out)
    print(f"wrote {n} accounts, {nreq} requests to {a.out}")


if __name__ == "__main__":
    main()
