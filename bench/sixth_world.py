# ruff: noqa
"""sixth_world: an independent synthetic test world for linkgraph (data contract v2).

    python bench/sixth_world.py OUT_DIR --accounts N --seed S

Written from the data contract and the public threat description only (no knowledge of the
detector, no shared design with the other bench worlds). Writes accounts, payment_methods,
proxies, prompt_fingerprints (+simhash) and requests (+prompt_simhash) as Parquet, plus
truth.csv (account_id,group,kind,status,replacement). One numpy Generator(seed) makes every
choice (ids and simhash masks are hash functions of a salt drawn from it): same seed, same
files. N >= 10,000 is assumed (floors keep small populations alive; organic fills up to N).
Ids are letters only: accounts "acct_" + 14 letters, cards "pm_" + 14 letters (processor
tokens, never digit strings), fingerprints "fp_" + 14 letters.

CLOCK AND MODELS
42 days from Mon 2025-10-06 00:00 UTC. Models sable-4, sable-4-lite, sable-4-code; sable-5
is released Tue 2025-10-28 15:40 UTC (day 22.65). Ordinary people: 4% adopt 0.5-24 h after
release, 35% after an exponential lag (mean 8 days), the rest never; adopters send 75% of
their later requests to sable-5. Ordinary activity is sessions (local hour-of-day profile in
the country's zone, 1+Poisson(2.2) requests, exponential 45 s gaps); activity levels are
lognormal, 8% of accounts are dormant. Requests outside [created, ban) or the window drop.

PROMPTS / SIMHASH
A template has a random 64-bit SimHash base; a "family" is a root template plus siblings
whose bases are the root's with 8-12 bits flipped. A request carries (template, variant):
variant 0 is the exact template text; any other variant is a paraphrase with its own
fingerprint and SimHash = base XOR a 1-6 bit mask derived from (template, variant). A
unique prompt is a brand-new template. 80 popular public templates (Zipf 1.05).

IP SPACE (asn per IP; IPv4 + IPv6 text)
27 countries, two home ISPs each (/11 blocks), one mobile carrier each with a CGNAT IPv4
pool of max(6, N*w/250) addresses plus IPv6 (/64 per user-day); 10 clouds (AWS, GCP, Azure,
Hetzner, OVH, DigitalOcean, Vultr, Oracle, Linode, Fly.io). "Meshroot" residential proxy
pool: max(250, N/10) home-ISP exits (15% form a "premium" slice); "Quillgate" API reseller:
max(6, N/3000) gateways in Hetzner/OVH/Linode. Static "ISP proxy" home addresses in
US/DE/NL/GB rented by cells. Halvorsen Institute of Technology (NO, AS64611: 12 campus NAT
IPs), Bramble corp AS64700, Telvoro BPO AS64820 (PH).

FRAUD (kind=fraud, ~3.3% of N incl. replacements)
- op_chorus (0.8%, >=80) synchronized choir: pods of 15-60, each made in 2 sign-up batches
  (3 h each, days -20..+12); 60% on the pod's 2 vanity domains, else freemail. A card shop
  sells one card per ~8 pod members (round-robin). Pod IPs: one GCP/Azure/Oracle VM per ~4
  members; an account holds a 3-day lease on one pod IP, then moves on (80% of requests;
  20% a Meshroot premium exit). Op-wide waves are a Poisson process (mean gap 40 min) only
  during 00-14 UTC; a pod joins a wave with p=.6 at its own fixed lag (0-90 s, +-8 s);
  members join with p=.4, 1-4 requests within 40 s. 2 of 5 op families per pod (3 siblings
  each): 50% exact, 40% fresh paraphrase, 10% popular cover. Pods jump sable-4 -> sable-5 at
  release + 55 min +-10 min. 6% banned, 2% suspended (days 5..42).
- op_driftwood (0.7%, >=70) the quiet one: NO shared card (55% none, 45% an unshared
  prepaid) and NO exact prompt at all (85% fresh paraphrases of 6 op families, 15% unique
  cover prompts). Aged accounts: created 60-200 days before the window, silent until an
  activation day (days 2-25). Slow drip instead of waves: 24/7 Poisson traffic (one request
  every 40-90 min) paused op-wide 19:00-22:00 UTC. Domains 20% stud.halvorsen-tech.edu,
  40% freemail, 20% privacy mail, 20% forwarding aliases. Pathway: 40% Meshroot premium
  exits (new exit per request), 25% two sticky Quillgate gateways, 20% own cloud VM (Linode/
  Vultr/DO), 15% US mobile CGNAT. sable-5 per account 4-22 h after release. 3% suspended.
- op_hydra (1.0% originals, >=90, + replacements) ban evasion with ROTATING FAMILIES: cells
  of 3+Geom(.12) (<=40), created within 36 h (days -40..+6); 65% freemail, 15% privacy, 8%
  the university's domain, 12% throwaway. Each cell rents 1-3 static ISP-proxy IPs; a
  request uses one of its account's private IPs (50%) or a random Meshroot exit (50%, the
  pool of >N/10 exits shared with thousands of ordinary customers). Fresh prepaid card each
  (in 35% of cells originals share cards in pairs). Cells rotate through a private order of
  the op's 16 families, switching every 6-9 days (25% of requests still on the previous
  one): 70% paraphrase, 15% exact, 10% popular, 5% unique. ~1.8 sessions/day in the cell's
  zone (+8/+3/+1/-5), members join with p=.6, 2+Poisson(6) requests, 25 s gaps. Enforcement:
  an earlier investigation bans 40% of 10% of cells on day 1.5 (pre-banned); then a daily
  batch at 03:00 UTC with per-account hazard 1/90 per day; 85% banned, 15% suspended. 75%
  are replaced (replacement=1) 1-6 days later in the same cell: fresh card, freemail/
  privacy, reuses one (60%) or two of the cell's private IPs + one new static IP, same
  families; replacements are enforced and replaced again (up to 5 generations).
- op_relay (0.5%, >=50) BATON PASSING + cover traffic: chains of 4-7 aged, organic-looking
  accounts (created ~250 days back, own home IP, own diurnal cover sessions with unique and
  popular prompts, about a third of their volume). Each chain runs ~1.2 jobs a day at any hour: 3-5
  members take turns, each sending 8-20 requests (8-30 s gaps), the next starting 20-120 s
  after the previous one's last request; job traffic leaves through the chain's 2 static
  ISP-proxy IPs (60%) or the holder's home IP. 50% of chains share cards in a ring (each
  account holds its own card and its successor's); others own cards. 2 of 4 op families:
  75% paraphrase, 25% exact. Job model sable-5 at release + 10-30 h. 3% banned.

BENIGN GROUPS (kind=benign_group)
- ci_fleet_ortolan (0.05%, >=30): ortolan-freight.com, one invoice token, 3 GCP egress IPs;
  every hour at :00:00-:00:20 each fires (p=.55) 1-2 requests of its 2 of 8 exact test
  templates on sable-4-code; Sundays 02:00 UTC a 20-request full suite on every account.
- enterprise_bramble (0.1%, >=50): bramblecorp.com (NL), 3 cost-centre tokens, 5 office
  NAT IPs (AS64700) + 3 Azure runners; weekday 08-18 CET pipelines (~10/day) fan out to
  4-15 accounts in the same minute (12 templates: exact or a per-account variant); the
  whole fleet moves to sable-5 1-2.5 h after release (+0-20 min per account).
- university_halvorsen (0.75%, >=150; 1,500 at N=200k): stud.halvorsen-tech.edu, all
  created Oct 13-15 in lecture slots (09/11/14 local, within 50 min); 35% on the
  university's one invoice token, 25% own card, 40% none; campus NAT (65% of weekday
  08-18 sessions) else home; 4 course families paraphrased (55%), 30% unique, 15% popular;
  sessions surge in the 10 h before 4 problem-set deadlines.
- research_lab_quasar (0.005%, >=8): quasar-ai-lab.org, one grant card, 2 OVH + 2 lab
  IPs; 6-10 eval runs of 150-400 requests 4-8 s apart, ONE family (4 siblings, 80%
  paraphrased); from release + 26 h the runs are on sable-5.
Traps invented for this world (also benign_group):
- translation_lingofold (0.3%, >=60): translation agency; 60% in-house (lingofold.com,
  agency token, 2 Hetzner VPN IPs), 40% freelancers (own card/domain, home IP). ~6 client
  jobs per weekday, each dispatched to 5-20 translators who start within 15 min and send
  30-120 requests over 1-3 h of the "translate segment" template whose 12 language-pair
  variants are fixed (exact fingerprints shared by everyone on that pair) + a glossary
  family in paraphrase: huge volume in one template area, synchronized starts.
- proctor_vigilo (0.15%, >=40): exam proctoring vendor; one account per client exam centre,
  provisioned by a script on day 3 (one every 5-20 s); each on its own virtual card from
  Vigilo's program; ALL traffic from Vigilo's 4 AWS IPs; exam slots on weekdays 09:00 and
  14:00 UTC: 40-80% of accounts fire the same exact rubric prompt (3 versions) within 90 s,
  then incident-review paraphrases over 2 h.
- callcentre_telvoro (0.25%, >=50): outsourced call centre in Manila (PH), agents on the
  corporate VPN (2 IPs, 95% of requests), 8 team-lead cards each shared by 1/8 of agents;
  3 shifts (06/14/22 local), everybody starts within 10 min of shift start; 10 reply
  scripts, 70% paraphrased, 30% exact.
- eval_volunteers (0.2%, >=40): independent OpenBench leaderboard volunteers (own cards,
  home IPs, any country/domain); 80% run the harness 2-20 h after sable-5's release (300
  fixed benchmark items = exact fingerprints shared by all, 2-4 s apart), plus 1-2 earlier
  sable-4 runs; otherwise ordinary use.
- slackbot_huddle (0.3%, >=60): Huddlebot creates one account per customer workspace
  (workspace's domain and card); all bot traffic from 3 Fly.io IPs; daily standup digest at
  09:00:00-09:00:30 local time (workspaces in a zone fire in the same minute), exact system
  template v1 -> v2 for everyone at day 18 14:00 UTC; thread summaries in paraphrase.

ORGANIC (kind=organic; 0.3% banned + 0.2% suspended at random; 8% dormant)
- organic_cron (1.3%, >=150): one job each (65% daily, 20% hourly for 3-10 days, 10%
  6-hourly, 5% weekly) at :00:00-:00:03, one exact prompt (50% personal, 50% one of 6
  popular cron templates); 10% on a "latest" alias that jumps to sable-5 at release.
- organic_proxy_customer (3%, >=300): Meshroot customers (75% of sessions via a random exit).
- organic_reseller_customer (0.7%, >=80): all sessions through 1-3 sticky Quillgate gateways.
- organic_cloud_dev (2%): 60% of sessions from an own cloud VM.
- organic_household (16%): 2-4 people, one home IP, 70% share one card, 30% a family domain.
- organic_mobile (18%): carrier CGNAT pool IP per session (40% per-day IPv6 /64).
- organic_individual (the rest): home IP (20% move to a second one), 10% mobile sessions.
Organic accounts: created up to ~3 years back (exponential, mean 300 days) or during the
window (12%); e-mail 82% freemail, 18% small-company domains (a pool of N/25, colleagues
share one); 85% own card (4% a second), 15% none. Prompts: 55% unique, 30% popular (40%
paraphrased), 15% a personal template (half paraphrased).
"""

import argparse
import os
import time
from datetime import datetime, timezone

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DAY, HOUR, MIN = 86400, 3600, 60
START = int(datetime(2025, 10, 6, tzinfo=timezone.utc).timestamp())
END = START + 42 * DAY
REL = START + 22 * DAY + 15 * HOUR + 40 * MIN
MODELS = ["sable-4", "sable-4-lite", "sable-4-code", "sable-5"]
M4, M4L, M4C, M5 = 0, 1, 2, 3
INF = np.int64(2**62)
U64 = np.uint64

CTRY = [  # code, weight, utc offset (h)
    ("US", 26, -5),
    ("IN", 9, 5.5),
    ("GB", 6, 0),
    ("DE", 6, 1),
    ("BR", 5, -3),
    ("FR", 4, 1),
    ("JP", 4, 9),
    ("CA", 4, -5),
    ("KR", 3, 9),
    ("ID", 3, 7),
    ("MX", 3, -6),
    ("NL", 2, 1),
    ("PL", 2, 1),
    ("ES", 3, 1),
    ("AU", 3, 10),
    ("VN", 2, 7),
    ("PH", 3, 8),
    ("NG", 2, 1),
    ("TR", 2, 3),
    ("SG", 2, 8),
    ("SE", 1, 1),
    ("KE", 1, 3),
    ("AR", 2, -3),
    ("IT", 3, 1),
    ("EG", 1, 2),
    ("NO", 1, 1),
    ("HK", 1, 8),
]
CC = [c[0] for c in CTRY]
CW = np.array([c[1] for c in CTRY], float)
CW /= CW.sum()
CZ = np.array([int(c[2] * HOUR) for c in CTRY], np.int64)
CI = {c: i for i, c in enumerate(CC)}

FREEMAIL = [
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "hotmail.com",
    "icloud.com",
    "gmx.de",
    "yandex.ru",
    "qq.com",
    "163.com",
    "naver.com",
    "mail.com",
    "aol.com",
    "web.de",
    "libero.it",
    "orange.fr",
]
FREEW = np.array([45, 14, 8, 7, 6, 3, 3, 3, 2, 2, 2, 1.5, 1.5, 1, 1], float)
FREEW /= FREEW.sum()
PRIVACY = ["proton.me", "protonmail.com", "tuta.io", "mailfence.com", "posteo.de"]
ALIAS = ["duck.com", "simplelogin.com", "anonaddy.me", "addy.io", "mozmail.com"]
UNI = "stud.halvorsen-tech.edu"

# local hour-of-day profiles
PROF = np.array(
    [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.4, 3, 3.3, 3.4, 3.2, 3.3, 3.4, 3.3, 3.2, 3, 3, 3.2, 3.3, 3, 2.4, 1.6]
)
PROF /= PROF.sum()
WORK = np.array([0, 0, 0, 0, 0, 0, 0.1, 0.5, 2, 3, 3, 3, 2, 3, 3, 3, 2.5, 1.5, 0.5, 0.2, 0.1, 0, 0, 0])
WORK /= WORK.sum()
EVE = np.array([0.5, 0.3, 0.1, 0, 0, 0, 0, 0, 0, 0.2, 0.4, 0.6, 0.8, 1, 1, 1.1, 1.2, 1.5, 2, 2.5, 3, 3, 2.5, 1.5])
EVE /= EVE.sum()


def mix(x, salt=0):
    with np.errstate(over="ignore"):
        z = np.asarray(x).astype(U64) + U64((0x9E3779B97F4A7C15 * (salt + 1)) & 0xFFFFFFFFFFFFFFFF)
        z = (z ^ (z >> U64(30))) * U64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> U64(27))) * U64(0x94D049BB133111EB)
        return z ^ (z >> U64(31))


def letters(h, prefix, n=14):
    h = np.asarray(h).astype(U64).copy()
    p = len(prefix)
    out = np.empty((len(h), p + n), np.uint8)
    if p:
        out[:, :p] = np.frombuffer(prefix.encode(), np.uint8)
    for i in range(n):
        out[:, p + i] = (h % U64(26)).astype(np.uint8) + 97
        h //= U64(26)
    return pa.array(out.view(f"S{p + n}").ravel(), pa.binary()).cast(pa.string())


def hex16(x):
    x = np.asarray(x).astype(U64)
    lut = np.frombuffer(b"0123456789abcdef", np.uint8)
    nib = np.empty((len(x), 16), np.uint8)
    for i in range(16):
        nib[:, i] = ((x >> U64(60 - 4 * i)) & U64(15)).astype(np.uint8)
    return pa.array(lut[nib].view("S16").ravel(), pa.binary()).cast(pa.string())


def seg_off(counts):
    counts = np.asarray(counts, np.int64)
    st = np.cumsum(counts) - counts
    return np.arange(counts.sum()) - np.repeat(st, counts)


def seg_cumsum(vals, counts):
    counts = np.asarray(counts, np.int64)
    cs = np.cumsum(vals)
    st = np.cumsum(counts) - counts
    return cs - np.repeat(np.r_[0, cs][st], counts)


def split_sizes(r, total, draw):
    out, s = [], 0
    while s < total:
        x = int(draw())
        x = min(x, total - s)
        out.append(x)
        s += x
    return np.array(out, np.int64)


def local_time(r, lo, hi, zone, prof):
    lo = np.asarray(lo, np.int64)
    hi = np.maximum(np.asarray(hi, np.int64), lo + 1)
    t = lo + (r.random(len(lo)) * (hi - lo)).astype(np.int64)
    day = (t + zone) // DAY
    h = r.choice(24, len(lo), p=prof)
    return day * DAY + h * HOUR + r.integers(0, HOUR, len(lo)) - zone


class World:
    def __init__(s, n, seed):
        s.N = n
        s.r = np.random.default_rng(seed)
        s.salt = int(s.r.integers(1, 2**40))
        s.A = {k: [] for k in ("group", "kind", "created", "end", "status", "domain", "ctry", "repl")}
        s.na = 0
        s.R = {k: [] for k in ("a", "t", "ip", "m", "tpl", "var")}
        s.pay_a, s.pay_t = [], []
        s.ntok = 0
        s.ntpl = 0
        s.par_c, s.par_p = [], []
        s.blk_start, s.blk_asn = [], []
        s._ips()
        s.pop = s.tpl(80)
        w = 1.0 / np.arange(1, 81) ** 1.05
        s.popw = w / w.sum()
        s.crontpl = s.tpl(6)

    # ---------- registries
    def tpl(s, k):
        i = np.arange(s.ntpl, s.ntpl + k, dtype=np.int64)
        s.ntpl += k
        return i

    def family(s, nfam, nsib):
        roots = s.tpl(nfam)
        kids = s.tpl(nfam * (nsib - 1)).reshape(nfam, nsib - 1)
        s.par_c.append(kids.ravel())
        s.par_p.append(np.repeat(roots, nsib - 1))
        return np.column_stack([roots, kids])

    def tok(s, k):
        i = np.arange(s.ntok, s.ntok + k, dtype=np.int64)
        s.ntok += k
        return i

    def pay(s, a, t):
        s.pay_a.append(np.asarray(a, np.int64))
        s.pay_t.append(np.asarray(t, np.int64))

    def add(s, group, kind, n, created, domain, ctry, status=0, end=END, repl=0):
        idx = np.arange(s.na, s.na + n, dtype=np.int64)
        s.na += n
        b = lambda v, dt: np.broadcast_to(np.asarray(v, dt), (n,)).copy()
        s.A["group"].append(np.full(n, group, object))
        s.A["kind"].append(np.full(n, kind, object))
        s.A["created"].append(b(created, np.int64))
        s.A["end"].append(b(end, np.int64))
        s.A["status"].append(b(status, np.int8))
        s.A["domain"].append(b(domain, object))
        s.A["ctry"].append(b(ctry, np.int16))
        s.A["repl"].append(b(repl, np.int8))
        return idx

    def req(s, a, t, ip, m, tpl, var):
        n = len(a)
        s.R["a"].append(np.asarray(a, np.int64))
        s.R["t"].append(np.asarray(t, np.int64))
        s.R["ip"].append(np.broadcast_to(np.asarray(ip, np.int64), (n,)).copy())
        s.R["m"].append(np.broadcast_to(np.asarray(m, np.int8), (n,)).copy())
        s.R["tpl"].append(np.broadcast_to(np.asarray(tpl, np.int64), (n,)).copy())
        s.R["var"].append(np.broadcast_to(np.asarray(var, np.int64), (n,)).copy())

    def fresh(s, n):
        return s.r.integers(1, 2**62, n)

    # ---------- IP space
    def _block(s, asn):
        j = len(s.blk_start)
        octs = [23, 31, 37, 46, 62, 68, 73, 77, 81, 86, 89, 94, 98, 109, 117, 121, 151, 176, 178, 185]
        s.blk_start.append((octs[j // 8] << 24) | (((j % 8) * 32) << 16))
        s.blk_asn.append(asn)
        return j

    def _ips(s):
        r, N = s.r, s.N
        s.home = np.array([[s._block(20100 + 37 * i), s._block(21100 + 53 * i)] for i in range(len(CC))])
        s.mob = np.array([s._block(30200 + 41 * i) for i in range(len(CC))])
        clouds = {
            "aws": 16509,
            "gcp": 15169,
            "azure": 8075,
            "hetzner": 24940,
            "ovh": 16276,
            "do": 14061,
            "vultr": 20473,
            "oracle": 31898,
            "linode": 63949,
            "fly": 40509,
        }
        s.cloud = {k: s._block(v) for k, v in clouds.items()}
        s.uni_blk = s._block(64611)
        s.corp_blk = s._block(64700)
        s.bpo_blk = s._block(64820)
        s.cgnat = [s.addr(np.full(max(6, int(N * CW[i] / 250)), s.mob[i])) for i in range(len(CC))]
        P = max(250, N // 10)
        s.mesh = s.home_ip(r.choice(len(CC), P, p=CW))
        s.mesh_prem = s.mesh[: max(40, int(P * 0.15))]
        s.quill = s.addr(r.choice([s.cloud["hetzner"], s.cloud["ovh"], s.cloud["linode"]], max(6, N // 3000)))
        s.uni_nat = s.addr(np.full(12, s.uni_blk))

    def addr(s, blk):
        blk = np.asarray(blk, np.int64)
        st = np.array(s.blk_start, np.int64)[blk]
        a = st + s.r.integers(0, 1 << 21, len(blk))
        return (a & ~np.int64(255)) | s.r.integers(1, 255, len(blk))

    def home_ip(s, ctry):
        ctry = np.asarray(ctry, np.int64)
        return s.addr(s.home[ctry, s.r.integers(0, 2, len(ctry))])

    def cloud_ip(s, names, n):
        return s.addr(s.r.choice([s.cloud[x] for x in names], n))

    def v6(s, blk, sub, iid):
        return (
            (np.int64(1) << 62)
            | (np.asarray(blk, np.int64) << 52)
            | ((np.asarray(sub, np.int64) & 0xFFFF) << 36)
            | (np.asarray(iid, np.int64) & ((1 << 36) - 1))
        )

    def mobile_ip(s, ctry, acc, t):
        ctry = np.asarray(ctry, np.int64)
        r = s.r
        pools = s.cgnat
        sizes = np.array([len(p) for p in pools])
        offs = np.r_[0, np.cumsum(sizes)][:-1]
        allp = np.concatenate(pools)
        v4 = allp[offs[ctry] + (r.random(len(ctry)) * sizes[ctry]).astype(np.int64)]
        h = mix(acc, s.salt + 77)
        use6 = (h % U64(10)) < U64(4)
        d = (np.asarray(t) - START) // DAY
        hh = mix(mix(acc, s.salt + 78) ^ d.astype(U64), 5).astype(np.int64) & ((1 << 52) - 1)
        ip6 = s.v6(s.mob[ctry], hh, hh >> 16)
        return np.where(use6, ip6, v4)


# ---------- shared behaviour helpers
def adopt_times(r, n):
    u = r.random(n)
    at = np.full(n, INF, np.int64)
    a1 = u < 0.04
    at[a1] = REL + r.uniform(0.5, 24, a1.sum()) * HOUR
    a2 = (u >= 0.04) & (u < 0.39)
    at[a2] = REL + (r.exponential(8, a2.sum()) * DAY).astype(np.int64)
    return at


def ordinary_models(r, t, adopt_a):
    base = r.choice(3, len(t), p=[0.55, 0.3, 0.15]).astype(np.int8)
    return np.where((t >= adopt_a) & (r.random(len(t)) < 0.75), M5, base).astype(np.int8)


def ordinary_prompts(W, n_acc, ra, pmix=(0.55, 0.30, 0.15)):
    r = W.r
    n = len(ra)
    personal = W.tpl(n_acc)
    u = r.random(n)
    tpl = np.empty(n, np.int64)
    var = np.zeros(n, np.int64)
    uq = u < pmix[0]
    tpl[uq] = W.tpl(int(uq.sum()))
    pb = (u >= pmix[0]) & (u < pmix[0] + pmix[1])
    tpl[pb] = W.pop[r.choice(80, int(pb.sum()), p=W.popw)]
    ps = u >= pmix[0] + pmix[1]
    tpl[ps] = personal[ra[ps]]
    para = (pb | ps) & (r.random(n) < np.where(pb, 0.4, 0.5))
    var[para] = W.fresh(int(para.sum()))
    return tpl, var


def ordinary(
    W,
    a,
    created,
    end,
    zone,
    ipfun,
    sess_mean=7.0,
    prof=PROF,
    dormant=0.08,
    req_mean=2.2,
    gap=45,
    pmix=(0.55, 0.30, 0.15),
    adopt=None,
):
    """session-based ordinary activity. ipfun(local_idx, session_t) -> ip per session."""
    r = W.r
    n = len(a)
    if n == 0:
        return
    lo = np.maximum(created, START)
    span = np.clip(end - lo, 0, None) / (END - START)
    lvl = r.lognormal(np.log(sess_mean), 0.9, n)
    ns = r.poisson(lvl * span)
    ns[r.random(n) < dormant] = 0
    si = np.repeat(np.arange(n), ns)
    st = local_time(r, lo[si], end[si], zone[si], prof)
    sip = ipfun(si, st)
    nr = 1 + r.poisson(req_mean, len(si))
    ri = np.repeat(np.arange(len(si)), nr)
    g = r.exponential(gap, len(ri))
    g[seg_off(nr) == 0] = 0
    t = st[ri] + seg_cumsum(g, nr).astype(np.int64)
    la = si[ri]
    if adopt is None:
        adopt = adopt_times(r, n)
    m = ordinary_models(r, t, adopt[la])
    tpl, var = ordinary_prompts(W, n, la, pmix)
    W.req(a[la], t, sip[ri], m, tpl, var)


def org_created(r, n):
    c = START - (r.exponential(300, n).clip(0, 1100) * DAY).astype(np.int64)
    new = r.random(n) < 0.12
    c[new] = START + r.integers(0, 40 * DAY, new.sum())
    return c


def freemail(r, n):
    return np.array(FREEMAIL, object)[r.choice(len(FREEMAIL), n, p=FREEW)]


def made_domains(r, k, tlds=(".com", ".net", ".io", ".co", ".org", ".de", ".co.uk")):
    syl = [
        "ka",
        "lo",
        "ven",
        "tri",
        "mar",
        "sol",
        "bri",
        "dex",
        "nor",
        "pel",
        "qua",
        "rin",
        "tas",
        "vo",
        "zen",
        "ul",
        "mo",
        "ster",
        "ga",
        "fen",
        "lux",
        "or",
        "pin",
        "cal",
        "dar",
        "wy",
        "hel",
        "is",
        "jo",
        "be",
    ]
    ns = r.integers(2, 4, k)
    parts = r.integers(0, len(syl), (k, 3))
    tl = r.integers(0, len(tlds), k)
    return np.array(["".join(syl[p] for p in parts[i, : ns[i]]) + tlds[tl[i]] for i in range(k)], object)


def own_cards(W, a, p_card=0.85, p_two=0.04):
    r = W.r
    has = r.random(len(a)) < p_card
    aa = a[has]
    W.pay(aa, W.tok(len(aa)))
    two = aa[r.random(len(aa)) < p_two]
    W.pay(two, W.tok(len(two)))


def random_enforce(r, n, p_ban, p_susp, lo=START + 2 * DAY):
    u = r.random(n)
    st = np.zeros(n, np.int8)
    st[u < p_ban] = 1
    st[(u >= p_ban) & (u < p_ban + p_susp)] = 2
    end = np.where(st > 0, r.integers(lo, END, n), END)
    return st, end


# ================= FRAUD
def op_chorus(W):
    r, N = W.r, W.N
    n = max(80, int(0.008 * N))
    pods = split_sizes(r, n, lambda: r.integers(15, 61))
    P = len(pods)
    pod = np.repeat(np.arange(P), pods)
    slot = seg_off(pods)
    b = r.uniform(-20, 12, (P, 2)) * DAY + START
    created = (b[pod, r.integers(0, 2, n)] + r.exponential(3600, n).clip(0, 3 * HOUR)).astype(np.int64)
    vanity = made_domains(r, 2 * P, (".xyz", ".top", ".site", ".online", ".dev"))
    dom = np.where(r.random(n) < 0.6, vanity[2 * pod + r.integers(0, 2, n)], freemail(r, n))
    ctry = r.choice([CI["US"], CI["SG"], CI["HK"], CI["GB"], CI["JP"]], n, p=[0.45, 0.2, 0.15, 0.1, 0.1])
    st, end = random_enforce(r, n, 0.06, 0.02, START + 5 * DAY)
    a = W.add("op_chorus", "fraud", n, created, dom, ctry, st, end)
    # cards: one per ~8 pod members, round robin
    ncard = -(-pods // 8)
    coff = np.r_[0, np.cumsum(ncard)][:-1]
    cards = W.tok(int(ncard.sum()))
    W.pay(a, cards[coff[pod] + slot % ncard[pod]])
    # pod IPs
    nip = -(-pods // 4)
    prov = r.choice(["gcp", "azure", "oracle"], P)
    ipoff = np.r_[0, np.cumsum(nip)][:-1]
    podip = np.concatenate([W.cloud_ip([prov[p]], nip[p]) for p in range(P)])
    fam = W.family(5, 3)
    pf = np.array([r.choice(5, 2, replace=False) for _ in range(P)])
    lag = r.integers(0, 91, P)
    sw = REL + 55 * MIN + r.integers(-10 * MIN, 10 * MIN, P)
    # waves
    g = r.exponential(40 * MIN, int((END - START) / (40 * MIN) * 1.3) + 50).cumsum().astype(np.int64) + START
    g = g[g < END]
    wv = g[((g % DAY) // HOUR) < 14]
    pw = np.argwhere(r.random((P, len(wv))) < 0.6)
    pp, ww = pw[:, 0], pw[:, 1]
    wt = wv[ww] + lag[pp] + r.integers(-8, 9, len(pp))
    # expand pod-waves to members
    pstart = np.r_[0, np.cumsum(pods)][:-1]
    mi = np.repeat(np.arange(len(pp)), pods[pp])
    mem = pstart[pp[mi]] + seg_off(pods[pp])
    join = r.random(len(mi)) < 0.4
    mi, mem = mi[join], mem[join]
    k = r.integers(1, 5, len(mi))
    ri = np.repeat(np.arange(len(mi)), k)
    acc = mem[ri]
    t = wt[mi[ri]] + r.integers(0, 40, len(ri))
    p = pod[acc]
    lease = (t - START) // (3 * DAY)
    ip = podip[ipoff[p] + (slot[acc] + lease * 3) % nip[p]]
    mesh = r.random(len(ri)) < 0.2
    ip[mesh] = W.mesh_prem[r.integers(0, len(W.mesh_prem), mesh.sum())]
    f = pf[p, (r.random(len(ri)) < 0.3).astype(int)]
    tpl = fam[f, r.integers(0, 3, len(ri))]
    u = r.random(len(ri))
    var = np.where((u >= 0.5) & (u < 0.9), W.fresh(len(ri)), 0)
    cov = u >= 0.9
    tpl[cov] = W.pop[r.choice(80, cov.sum(), p=W.popw)]
    m = np.where(t >= sw[p], np.where(r.random(len(ri)) < 0.9, M5, M4), M4).astype(np.int8)
    W.req(a[acc], t, ip, m, tpl, var)


def op_driftwood(W):
    r, N = W.r, W.N
    n = max(70, int(0.007 * N))
    created = START - (r.uniform(60, 200, n) * DAY).astype(np.int64)
    act = START + (r.uniform(2, 25, n) * DAY).astype(np.int64)
    u = r.random(n)
    dom = np.where(
        u < 0.2,
        UNI,
        np.where(
            u < 0.6,
            freemail(r, n),
            np.where(
                u < 0.8, np.array(PRIVACY, object)[r.integers(0, 5, n)], np.array(ALIAS, object)[r.integers(0, 5, n)]
            ),
        ),
    )
    ctry = r.choice(len(CC), n, p=CW)
    st = np.where(r.random(n) < 0.03, 2, 0).astype(np.int8)
    end = np.where(st > 0, END - r.integers(0, 5 * DAY, n), END)
    a = W.add("op_driftwood", "fraud", n, created, dom, ctry, st, end)
    own = np.flatnonzero(r.random(n) < 0.45)
    W.pay(a[own], W.tok(len(own)))
    path = r.choice(4, n, p=[0.4, 0.25, 0.2, 0.15])
    gw = W.quill[r.integers(0, len(W.quill), (n, 2))]
    vm = W.cloud_ip(["linode", "vultr", "do"], n)
    fam = W.family(6, 3)
    af = np.array([r.choice(6, 3, replace=False) for _ in range(n)])
    rate = r.uniform(40, 90, n) * MIN
    k = r.poisson((END - act) / rate)
    ai = np.repeat(np.arange(n), k)
    t = act[ai] + (r.random(len(ai)) * (END - act[ai])).astype(np.int64)
    hod = (t % DAY) // HOUR
    keep = (hod < 19) | (hod >= 22)
    ai, t = ai[keep], t[keep]
    nr = len(ai)
    pth = path[ai]
    ip = np.empty(nr, np.int64)
    s0 = pth == 0
    ip[s0] = W.mesh_prem[r.integers(0, len(W.mesh_prem), s0.sum())]
    s1 = pth == 1
    ip[s1] = gw[ai[s1], r.integers(0, 2, s1.sum())]
    s2 = pth == 2
    ip[s2] = vm[ai[s2]]
    s3 = pth == 3
    ip[s3] = W.mobile_ip(np.full(s3.sum(), CI["US"]), a[ai[s3]], t[s3])
    tpl = fam[af[ai, r.integers(0, 3, nr)], r.integers(0, 3, nr)]
    var = W.fresh(nr)
    cov = r.random(nr) < 0.15
    tpl[cov] = W.tpl(int(cov.sum()))
    var[cov] = 0
    sw = REL + (r.uniform(4, 22, n) * HOUR).astype(np.int64)
    m = np.where(t >= sw[ai], M5, np.where(r.random(nr) < 0.7, M4, M4L)).astype(np.int8)
    W.req(a[ai], t, ip, m, tpl, var)


def op_hydra(W):
    r, N = W.r, W.N
    n0 = max(90, int(0.01 * N))
    cells = split_sizes(r, n0, lambda: min(40, 3 + r.geometric(0.12)))
    C = len(cells)
    cz = r.choice(np.array([8, 3, 1, -5]) * HOUR, C)
    cday = START + (r.uniform(-40, 6, C) * DAY).astype(np.int64)
    npriv = r.integers(1, 4, C)
    priv = W.home_ip(r.choice([CI["US"], CI["DE"], CI["NL"], CI["GB"]], (C, 3)).ravel()).reshape(C, 3)
    fam = W.family(16, 3)
    seq = np.array([r.permutation(16)[:8] for _ in range(C)])
    per = (r.uniform(6, 9, C) * DAY).astype(np.int64)
    pha = (r.random(C) * per).astype(np.int64)
    adopt = REL + (r.uniform(3, 18, C) * HOUR).astype(np.int64)
    early = r.random(C) < 0.10
    # generation 0
    cell = np.repeat(np.arange(C), cells)
    created = cday[cell] + (r.random(n0) * 36 * HOUR).astype(np.int64)
    ipa = np.stack(
        [priv[cell, 0], priv[cell, r.integers(0, 3, n0) % npriv[cell]], priv[cell, r.integers(0, 3, n0) % npriv[cell]]],
        1,
    )
    pair = r.random(C) < 0.35
    card = W.tok(n0)
    sl = seg_off(cells)
    sh = pair[cell] & (sl % 2 == 1)
    card[sh] = card[np.flatnonzero(sh) - 1]
    repl = np.zeros(n0, np.int8)
    u = r.random(n0)
    dom = np.where(
        u < 0.65,
        freemail(r, n0),
        np.where(
            u < 0.8,
            np.array(PRIVACY, object)[r.integers(0, 5, n0)],
            np.where(u < 0.88, UNI, made_domains(r, n0, (".xyz", ".click", ".shop"))),
        ),
    )
    accs = []
    gen = 0
    while len(cell) and gen < 6:
        n = len(cell)
        lo = np.maximum(created, START)
        tb = lo + (r.exponential(90, n) * DAY).astype(np.int64)
        tb = ((tb // DAY) + 1) * DAY + 3 * HOUR + r.integers(0, HOUR, n)
        if gen == 0:
            e = early[cell] & (r.random(n) < 0.4) & (created < START + DAY)
            tb[e] = START + int(1.5 * DAY) + r.integers(0, 2 * HOUR, e.sum())
        hit = tb < END
        st = np.where(hit, np.where(r.random(n) < 0.85, 1, 2), 0).astype(np.int8)
        end = np.where(hit, tb, END)
        ctry = r.choice(len(CC), n, p=CW)
        a = W.add("op_hydra", "fraud", n, created, dom, ctry, st, end, repl)
        # unique cards (pairs in gen 0)
        W.pay(a, card)
        accs.append((a, cell, created, end, ipa))
        # replacements
        rp = hit & (r.random(n) < 0.75)
        nc = created[rp] * 0 + tb[rp] + (r.uniform(1, 6, rp.sum()) * DAY).astype(np.int64)
        ok = nc < END - DAY // 2
        idx = np.flatnonzero(rp)[ok]
        cell = cell[idx]
        created = nc[ok]
        m = len(cell)
        two = r.random(m) < 0.4
        newip = W.home_ip(r.choice([CI["US"], CI["DE"], CI["NL"], CI["GB"]], m))
        i0 = priv[cell, r.integers(0, 3, m) % npriv[cell]]
        i1 = np.where(two, priv[cell, r.integers(0, 3, m) % npriv[cell]], newip)
        ipa = np.stack([i0, i1, newip], 1)
        card = W.tok(m)
        repl = np.ones(m, np.int8)
        u = r.random(m)
        dom = np.where(u < 0.75, freemail(r, m), np.array(PRIVACY, object)[r.integers(0, 5, m)])
        gen += 1
    a = np.concatenate([x[0] for x in accs])
    acell = np.concatenate([x[1] for x in accs])
    ipa = np.concatenate([x[4] for x in accs])
    o = np.argsort(acell, kind="stable")
    a, acell, ipa = a[o], acell[o], ipa[o]
    csz = np.bincount(acell, minlength=C)
    cst = np.r_[0, np.cumsum(csz)][:-1]
    # cell sessions
    ns = r.poisson(1.8 * 46, C)
    sc = np.repeat(np.arange(C), ns)
    stt = local_time(
        r, np.maximum(cday[sc], START - DAY), np.full(len(sc), END), cz[sc], np.r_[np.zeros(9), np.ones(15)] / 15
    )
    mi = np.repeat(np.arange(len(sc)), csz[sc])
    mem = cst[sc[mi]] + seg_off(csz[sc])
    j = r.random(len(mi)) < 0.6
    mi, mem = mi[j], mem[j]
    k = 2 + r.poisson(6, len(mi))
    ri = np.repeat(np.arange(len(mi)), k)
    g = r.exponential(25, len(ri))
    g[seg_off(k) == 0] = 0
    t = stt[mi[ri]] + r.integers(0, 20 * MIN, len(mi))[ri] + seg_cumsum(g, k).astype(np.int64)
    ac = mem[ri]
    c = acell[ac]
    nr = len(ri)
    ip = ipa[ac, r.integers(0, 3, nr)]
    ms = r.random(nr) < 0.5
    ip[ms] = W.mesh[r.integers(0, len(W.mesh), ms.sum())]
    ep = (t - START + pha[c]) // per[c]
    ep = ep - (r.random(nr) < 0.25)
    f = seq[c, np.clip(ep, 0, None) % 8]
    tpl = fam[f, r.integers(0, 3, nr)]
    u = r.random(nr)
    var = np.where(u < 0.7, W.fresh(nr), 0)
    pb = (u >= 0.85) & (u < 0.95)
    tpl[pb] = W.pop[r.choice(80, pb.sum(), p=W.popw)]
    uq = u >= 0.95
    tpl[uq] = W.tpl(int(uq.sum()))
    m = np.where(t >= adopt[c], np.where(r.random(nr) < 0.95, M5, M4), np.where(r.random(nr) < 0.8, M4, M4C)).astype(
        np.int8
    )
    W.req(a[ac], t, ip, m, tpl, var)


def op_relay(W):
    r, N = W.r, W.N
    n = max(50, int(0.005 * N))
    ch = split_sizes(r, n, lambda: r.integers(4, 8))
    C = len(ch)
    cid = np.repeat(np.arange(C), ch)
    sl = seg_off(ch)
    created = START - (r.exponential(250, n).clip(20, 900) * DAY).astype(np.int64)
    ctry = r.choice(len(CC), n, p=CW)
    st, end = random_enforce(r, n, 0.03, 0.0)
    dom = np.where(r.random(n) < 0.85, freemail(r, n), made_domains(r, n))
    a = W.add("op_relay", "fraud", n, created, dom, ctry, st, end)
    home = W.home_ip(ctry)
    ring = r.random(C) < 0.5
    card = W.tok(n)
    W.pay(a, card)
    cst = np.r_[0, np.cumsum(ch)][:-1]
    rg = ring[cid]
    nxt = cst[cid] + (sl + 1) % ch[cid]
    W.pay(a[rg], card[nxt[rg]])
    # cover
    ordinary(W, a, created, end, CZ[ctry], lambda i, t: home[i], sess_mean=40, dormant=0.0, req_mean=3.5)
    # baton jobs
    chip = W.home_ip(r.choice([CI["US"], CI["GB"], CI["DE"], CI["NL"]], 2 * C)).reshape(C, 2)
    fam = W.family(4, 3)
    cf = np.array([r.choice(4, 2, replace=False) for _ in range(C)])
    sw = REL + (r.uniform(10, 30, C) * HOUR).astype(np.int64)
    nj = r.poisson(1.2 * 42, C)
    jc = np.repeat(np.arange(C), nj)
    jt = START + r.integers(0, END - START, len(jc))
    nh = np.minimum(r.integers(3, 6, len(jc)), ch[jc])
    hj = np.repeat(np.arange(len(jc)), nh)
    # random distinct holders: order by random keys per job
    pos = seg_off(nh)
    perm_key = r.random((len(jc), 7))
    perm = np.argsort(perm_key, 1)
    # map perm over members < chain size: take the first nh entries of perm restricted to < size
    valid = perm < ch[jc][:, None]
    rank = np.cumsum(valid, 1) - 1
    sel = np.full((len(jc), 7), -1)
    rr, cc = np.nonzero(valid)
    sel[rr, rank[rr, cc]] = perm[rr, cc]
    holder = cst[jc[hj]] + sel[hj, pos]
    k = r.integers(8, 21, len(hj))
    gaps = r.uniform(8, 30, k.sum())
    gaps[seg_off(k) == 0] = 0
    within = seg_cumsum(gaps, k)
    dur = within[np.cumsum(k) - 1]
    hand = r.uniform(20, 120, len(hj))
    step = dur + hand
    hs = seg_cumsum(step, nh) - step  # start offset of each holder within job
    ri = np.repeat(np.arange(len(hj)), k)
    t = (jt[hj[ri]] + hs[ri] + within).astype(np.int64)
    ac = holder[ri]
    c = cid[ac]
    nr = len(ri)
    ip = np.where(r.random(nr) < 0.6, chip[c, r.integers(0, 2, nr)], home[ac])
    tpl = fam[cf[c, r.integers(0, 2, nr)], r.integers(0, 3, nr)]
    var = np.where(r.random(nr) < 0.75, W.fresh(nr), 0)
    m = np.where(t >= sw[c], M5, M4).astype(np.int8)
    W.req(a[ac], t, ip, m, tpl, var)


# ================= BENIGN GROUPS
def ci_fleet(W):
    r, N = W.r, W.N
    n = max(30, int(0.0005 * N))
    a = W.add(
        "ci_fleet_ortolan", "benign_group", n, START - r.integers(30, 400, n) * DAY, "ortolan-freight.com", CI["US"]
    )
    W.pay(a, np.full(n, W.tok(1)[0]))
    ips = W.cloud_ip(["gcp"], 3)
    tp = W.tpl(8)
    at = np.array([r.choice(8, 2, replace=False) for _ in range(n)])
    hrs = np.arange(START, END, HOUR)
    fire = np.argwhere(r.random((n, len(hrs))) < 0.55)
    ai, hi = fire[:, 0], fire[:, 1]
    k = r.integers(1, 3, len(ai))
    ri = np.repeat(np.arange(len(ai)), k)
    t = hrs[hi[ri]] + r.integers(0, 21, len(ri))
    sun = np.arange(START + 6 * DAY + 2 * HOUR, END, 7 * DAY)
    sa = np.repeat(np.arange(n), 20 * len(sun))
    stt = np.tile(np.repeat(sun, 20), n) + r.integers(0, 300, len(sa))
    A = np.r_[ai[ri], sa]
    T = np.r_[t, stt]
    W.req(a[A], T, ips[r.integers(0, 3, len(A))], M4C, tp[at[A, r.integers(0, 2, len(A))]], 0)


def enterprise(W):
    r, N = W.r, W.N
    n = max(50, int(0.001 * N))
    a = W.add(
        "enterprise_bramble", "benign_group", n, START - r.integers(60, 700, n) * DAY, "bramblecorp.com", CI["NL"]
    )
    toks = W.tok(3)
    W.pay(a, toks[r.integers(0, 3, n)])
    nat = W.addr(np.full(5, W.corp_blk))
    run = W.cloud_ip(["azure"], 3)
    tp = W.tpl(12)
    sw = REL + (r.uniform(1, 2.5) * HOUR)
    lagm = r.integers(0, 20 * MIN, n)
    days_ = [d for d in range(42) if (datetime.fromtimestamp(START + d * DAY, timezone.utc).weekday() < 5)]
    ev = []
    for d in days_:
        k = r.poisson(10)
        ev.append(START + d * DAY + 7 * HOUR + r.integers(0, 10 * HOUR, k))  # 08-18 CET
    ev = np.concatenate(ev)
    fan = r.integers(4, 16, len(ev))
    ei = np.repeat(np.arange(len(ev)), fan)
    acc = r.integers(0, n, len(ei))
    k = 1 + r.poisson(3, len(ei))
    ri = np.repeat(np.arange(len(ei)), k)
    t = ev[ei[ri]] + r.integers(0, 50, len(ri)) + seg_off(k) * r.integers(2, 10, len(ri))
    ac = acc[ei[ri]]
    tpl = tp[r.integers(0, 12, len(ri))]
    var = np.where(r.random(len(ri)) < 0.6, 0, ac + 1)
    m = np.where(t >= sw + lagm[ac], M5, M4).astype(np.int8)
    ip = np.where(r.random(len(ri)) < 0.6, run[r.integers(0, 3, len(ri))], nat[r.integers(0, 5, len(ri))])
    W.req(a[ac], t, ip, m, tpl, var)
    # smoke test burst on migration
    sm = np.flatnonzero(r.random(n) < 0.4)
    W.req(
        a[sm],
        int(sw) + lagm[sm] + r.integers(0, 120, len(sm)),
        run[r.integers(0, 3, len(sm))],
        M5,
        tp[r.integers(0, 12, len(sm))],
        0,
    )
    ad = np.where(r.random(n) < 0.7, int(sw) + lagm, INF)
    ordinary(
        W,
        a,
        np.full(n, START),
        np.full(n, END),
        np.full(n, HOUR),
        lambda i, t: nat[r.integers(0, 5, len(i))],
        sess_mean=20,
        prof=WORK,
        adopt=ad,
    )


def university(W):
    r, N = W.r, W.N
    n = max(150, int(0.0075 * N))
    d = r.integers(7, 10, n)
    slot = r.choice([9, 11, 14], n)
    created = START + d * DAY + slot * HOUR - HOUR + r.integers(0, 50 * MIN, n)
    ctry = np.full(n, CI["NO"])
    a = W.add("university_halvorsen", "benign_group", n, created, UNI, ctry)
    u = r.random(n)
    inv = a[u < 0.35]
    W.pay(inv, np.full(len(inv), W.tok(1)[0]))
    own = a[(u >= 0.35) & (u < 0.6)]
    W.pay(own, W.tok(len(own)))
    home = W.home_ip(ctry)
    dev = r.integers(0, 2**36, n)
    fam = W.family(4, 3)
    deadl = START + np.array([14, 21, 28, 35]) * DAY + 23 * HOUR
    lo = created
    ns = r.poisson(r.lognormal(np.log(14), 0.7, n))
    si = np.repeat(np.arange(n), ns)
    st = local_time(r, lo[si], np.full(len(si), END), HOUR, PROF)
    dl = r.random(len(si)) < 0.35
    st[dl] = deadl[r.integers(0, 4, dl.sum())] - r.integers(0, 10 * HOUR, dl.sum())
    wk = ((st // DAY + 3) % 7 < 5) & (((st + HOUR) % DAY) // HOUR >= 8) & (((st + HOUR) % DAY) // HOUR < 18)
    camp = wk & (r.random(len(si)) < 0.65)
    six = r.random(len(si)) < 0.3
    sip = np.where(
        camp, np.where(six, W.v6(W.uni_blk, 1 + (si & 0xFF), dev[si]), W.uni_nat[r.integers(0, 12, len(si))]), home[si]
    )
    nr = 1 + r.poisson(3, len(si))
    ri = np.repeat(np.arange(len(si)), nr)
    g = r.exponential(70, len(ri))
    g[seg_off(nr) == 0] = 0
    t = st[ri] + seg_cumsum(g, nr).astype(np.int64)
    la = si[ri]
    tpl, var = ordinary_prompts(W, n, la, (0.30, 0.15, 0.0))
    cf = r.random(len(ri)) >= 0.45
    tpl[cf] = fam[r.integers(0, 4, cf.sum()), r.integers(0, 3, cf.sum())]
    var[cf] = W.fresh(int(cf.sum()))
    m = ordinary_models(r, t, adopt_times(r, n)[la])
    W.req(a[la], t, sip[ri], m, tpl, var)


def research_lab(W):
    r, N = W.r, W.N
    n = max(8, int(0.00005 * N))
    a = W.add(
        "research_lab_quasar", "benign_group", n, START - r.integers(100, 500, n) * DAY, "quasar-ai-lab.org", CI["US"]
    )
    W.pay(a, np.full(n, W.tok(1)[0]))
    ips = np.r_[W.cloud_ip(["ovh"], 2), W.addr(np.full(2, W.home[CI["US"], 0]))]
    fam = W.family(1, 4)[0]
    nrun = r.integers(6, 11, n)
    ra = np.repeat(np.arange(n), nrun)
    rt = START + r.integers(0, END - START - DAY, len(ra))
    late = r.random(len(ra)) < 0.5
    rt[late] = REL + 26 * HOUR + r.integers(0, END - REL - 27 * HOUR - DAY, late.sum())
    k = r.integers(150, 401, len(ra))
    ri = np.repeat(np.arange(len(ra)), k)
    t = rt[ri] + (seg_off(k) * r.uniform(4, 8, len(ra))[ri]).astype(np.int64)
    nr = len(ri)
    m = np.where(rt[ri] >= REL + 26 * HOUR, M5, M4).astype(np.int8)
    W.req(
        a[ra[ri]],
        t,
        ips[r.integers(0, 4, len(ra))][ri],
        m,
        fam[r.integers(0, 4, nr)],
        np.where(r.random(nr) < 0.8, W.fresh(nr), 0),
    )


def translation(W):
    r, N = W.r, W.N
    n = max(60, int(0.003 * N))
    inh = r.random(n) < 0.6
    ctry = np.where(inh, CI["DE"], r.choice([CI["ES"], CI["FR"], CI["IT"], CI["PL"], CI["BR"], CI["JP"]], n))
    dom = np.where(inh, "lingofold.com", freemail(r, n))
    a = W.add("translation_lingofold", "benign_group", n, START - r.integers(20, 900, n) * DAY, dom, ctry)
    W.pay(a[inh], np.full(inh.sum(), W.tok(1)[0]))
    W.pay(a[~inh], W.tok(int((~inh).sum())))
    vpn = W.cloud_ip(["hetzner"], 2)
    home = W.home_ip(ctry)
    seg = W.tpl(1)[0]
    glo = W.family(1, 3)[0]
    pair = r.integers(1, 13, n)  # fixed language pair variant
    days_ = [d for d in range(42) if datetime.fromtimestamp(START + d * DAY, timezone.utc).weekday() < 5]
    jobs = np.concatenate([START + d * DAY + 7 * HOUR + r.integers(0, 9 * HOUR, r.poisson(6)) for d in days_])
    fan = r.integers(5, 21, len(jobs))
    ji = np.repeat(np.arange(len(jobs)), fan)
    ac = r.integers(0, n, len(ji))
    st = jobs[ji] + r.integers(0, 15 * MIN, len(ji))
    k = r.integers(30, 121, len(ji))
    span = r.uniform(1, 3, len(ji)) * HOUR / k
    ri = np.repeat(np.arange(len(ji)), k)
    t = st[ri] + (seg_off(k) * span[ri] * r.uniform(0.5, 1.5, len(ri))).astype(np.int64)
    acc = ac[ji[ri]]
    nr = len(ri)
    ip = np.where(inh[acc], np.where(r.random(nr) < 0.9, vpn[r.integers(0, 2, nr)], home[acc]), home[acc])
    g = r.random(nr) < 0.15
    tpl = np.where(g, glo[r.integers(0, 3, nr)], seg)
    var = np.where(g, W.fresh(nr), pair[acc])
    m = np.where(r.random(nr) < 0.8, M4, M4L).astype(np.int8)
    W.req(a[acc], t, ip, m, tpl, var)


def proctor(W):
    r, N = W.r, W.N
    n = max(40, int(0.0015 * N))
    created = START + 2 * DAY + 10 * HOUR + np.cumsum(r.integers(5, 21, n))
    ctry = r.choice(len(CC), n, p=CW)
    a = W.add(
        "proctor_vigilo", "benign_group", n, created, made_domains(r, n, (".edu", ".ac.uk", ".org", ".edu.au")), ctry
    )
    W.pay(a, W.tok(n))
    ips = W.cloud_ip(["aws"], 4)
    rub = W.tpl(3)
    inc = W.family(1, 3)[0]
    days_ = [d for d in range(3, 42) if datetime.fromtimestamp(START + d * DAY, timezone.utc).weekday() < 5]
    slots = np.array([START + d * DAY + h * HOUR for d in days_ for h in (9, 14)])
    frac = r.uniform(0.4, 0.8, len(slots))
    part = np.argwhere(r.random((len(slots), n)) < frac[:, None])
    si, ai = part[:, 0], part[:, 1]
    ver = np.searchsorted(np.array([START + 14 * DAY, START + 30 * DAY]), slots[si])
    t1 = slots[si] + r.integers(0, 90, len(si))
    k = r.poisson(4, len(si))
    ri = np.repeat(np.arange(len(si)), k)
    t2 = slots[si[ri]] + r.integers(5 * MIN, 2 * HOUR, len(ri))
    A = np.r_[ai, ai[ri]]
    T = np.r_[t1, t2]
    tpl = np.r_[rub[ver], inc[r.integers(0, 3, len(ri))]]
    var = np.r_[np.zeros(len(si), np.int64), W.fresh(len(ri))]
    W.req(a[A], T, ips[r.integers(0, 4, len(A))], M4L, tpl, var)


def callcentre(W):
    r, N = W.r, W.N
    n = max(50, int(0.0025 * N))
    a = W.add(
        "callcentre_telvoro",
        "benign_group",
        n,
        START - r.integers(5, 300, n) * DAY,
        np.where(r.random(n) < 0.8, "telvoro-bpo.ph", freemail(r, n)),
        CI["PH"],
    )
    cards = W.tok(8)
    W.pay(a, cards[np.arange(n) % 8])
    vpn = W.addr(np.full(2, W.bpo_blk))
    home = W.home_ip(np.full(n, CI["PH"]))
    shift = r.integers(0, 3, n)
    tp = W.tpl(10)
    sh_start = np.array([6, 14, 22]) * HOUR - 8 * HOUR  # UTC
    wd = r.random((n, 42)) < 5 / 7
    ai, di = np.nonzero(wd)
    st = START + di * DAY + sh_start[shift[ai]] + r.integers(0, 10 * MIN, len(ai))
    k = r.poisson(25, len(ai))
    ri = np.repeat(np.arange(len(ai)), k)
    t = st[ri] + r.integers(0, 8 * HOUR, len(ri))
    acc = ai[ri]
    nr = len(ri)
    ip = np.where(r.random(nr) < 0.95, vpn[r.integers(0, 2, nr)], home[acc])
    var = np.where(r.random(nr) < 0.7, W.fresh(nr), 0)
    W.req(a[acc], t, ip, np.where(r.random(nr) < 0.85, M4L, M4).astype(np.int8), tp[r.integers(0, 10, nr)], var)


def eval_volunteers(W):
    r, N = W.r, W.N
    n = max(40, int(0.002 * N))
    ctry = r.choice(len(CC), n, p=CW)
    created = org_created(r, n)
    a = W.add(
        "eval_volunteers",
        "benign_group",
        n,
        created,
        np.where(r.random(n) < 0.8, freemail(r, n), made_domains(r, n)),
        ctry,
    )
    own_cards(W, a, 0.95, 0.05)
    home = W.home_ip(ctry)
    harness = W.tpl(1)[0]
    runs_a, runs_t, runs_m = [], [], []
    go = np.flatnonzero(r.random(n) < 0.8)
    runs_a.append(go)
    runs_t.append(REL + (r.uniform(2, 20, len(go)) * HOUR).astype(np.int64))
    runs_m.append(np.full(len(go), M5))
    ke = r.integers(1, 3, n)
    ea = np.repeat(np.arange(n), ke)
    runs_a.append(ea)
    runs_t.append(START + r.integers(0, REL - START - DAY, len(ea)))
    runs_m.append(np.full(len(ea), M4))
    ra, rt, rm = np.concatenate(runs_a), np.concatenate(runs_t), np.concatenate(runs_m)
    rt = np.maximum(rt, np.maximum(created[ra], START) + HOUR)
    k = np.full(len(ra), 300)
    ri = np.repeat(np.arange(len(ra)), k)
    item = seg_off(k) + 1
    t = rt[ri] + seg_cumsum(r.uniform(2, 4, len(ri)), k).astype(np.int64)
    W.req(a[ra[ri]], t, home[ra[ri]], rm[ri].astype(np.int8), harness, item)
    ordinary(W, a, created, np.full(n, END), CZ[ctry], lambda i, t: home[i], sess_mean=10)


def slackbot(W):
    r, N = W.r, W.N
    n = max(60, int(0.003 * N))
    ctry = r.choice(len(CC), n, p=CW)
    a = W.add("slackbot_huddle", "benign_group", n, START - r.integers(1, 400, n) * DAY, made_domains(r, n), ctry)
    W.pay(a, W.tok(n))
    ips = W.cloud_ip(["fly"], 3)
    sysv = W.tpl(2)
    summ = W.family(1, 3)[0]
    d = np.arange(42)
    ai = np.repeat(np.arange(n), 42)
    dd = np.tile(d, n)
    t = START + dd * DAY + 9 * HOUR - CZ[ctry[ai]] + r.integers(0, 31, len(ai))
    wk = ((t + CZ[ctry[ai]]) // DAY + 3) % 7 < 5
    ai, t = ai[wk], t[wk]
    v = (t >= START + 18 * DAY + 14 * HOUR).astype(int)
    W.req(a[ai], t, ips[r.integers(0, 3, len(ai))], M4L, sysv[v], 0)
    ns = r.poisson(30, n)
    si = np.repeat(np.arange(n), ns)
    st = local_time(r, np.full(len(si), START), np.full(len(si), END), CZ[ctry[si]], WORK)
    W.req(a[si], st, ips[r.integers(0, 3, len(si))], M4L, summ[r.integers(0, 3, len(si))], W.fresh(len(si)))


# ================= ORGANIC
def org_accounts(W, group, n, ctry=None):
    r = W.r
    if ctry is None:
        ctry = r.choice(len(CC), n, p=CW)
    dom = np.where(r.random(n) < 0.82, freemail(r, n), W.company[r.integers(0, len(W.company), n)])
    st, end = random_enforce(r, n, 0.003, 0.002)
    created = org_created(r, n)
    a = W.add(group, "organic", n, created, dom, ctry, st, end)
    return a, created, end, ctry


def cron(W):
    r, N = W.r, W.N
    n = max(150, int(0.013 * N))
    a, created, end, ctry = org_accounts(W, "organic_cron", n)
    own_cards(W, a)
    home = W.home_ip(ctry)
    kind = r.choice(4, n, p=[0.65, 0.2, 0.1, 0.05])
    per = np.array([DAY, HOUR, 6 * HOUR, 7 * DAY])[kind]
    lo = np.maximum(created, START)
    hi = end.copy()
    h = kind == 1
    lo[h] = lo[h] + r.integers(0, 30 * DAY, h.sum())
    hi[h] = np.minimum(hi[h], lo[h] + r.integers(3, 11, h.sum()) * DAY)
    phase = np.where(kind == 1, 0, r.integers(0, 24, n) * HOUR) % per
    first = ((lo - phase) // per + 1) * per + phase
    k = np.clip((hi - first) // per + 1, 0, None)
    ri = np.repeat(np.arange(n), k)
    t = first[ri] + seg_off(k) * per[ri] + r.integers(0, 4, len(ri))
    miss = r.random(len(ri)) < 0.04
    ri, t = ri[~miss], t[~miss]
    ptpl = W.tpl(n)
    tpl = np.where(r.random(n) < 0.5, ptpl, W.crontpl[r.integers(0, 6, n)])
    latest = r.random(n) < 0.1
    bm = r.choice(3, n, p=[0.55, 0.3, 0.15])
    m = np.where(latest[ri] & (t >= REL), M5, bm[ri]).astype(np.int8)
    W.req(a[ri], t, home[ri], m, tpl[ri], 0)
    ordinary(W, a, created, end, CZ[ctry], lambda i, t: home[i], sess_mean=3)


def proxy_customers(W):
    r, N = W.r, W.N
    n = max(300, int(0.03 * N))
    a, created, end, ctry = org_accounts(W, "organic_proxy_customer", n)
    own_cards(W, a)
    home = W.home_ip(ctry)
    ordinary(
        W,
        a,
        created,
        end,
        CZ[ctry],
        lambda i, t: np.where(r.random(len(i)) < 0.75, W.mesh[r.integers(0, len(W.mesh), len(i))], home[i]),
        sess_mean=9,
    )


def reseller_customers(W):
    r, N = W.r, W.N
    n = max(80, int(0.007 * N))
    a, created, end, ctry = org_accounts(W, "organic_reseller_customer", n)
    own_cards(W, a, 0.9)
    gw = W.quill[r.integers(0, len(W.quill), (n, 3))]
    ng = r.integers(1, 4, n)
    ordinary(W, a, created, end, CZ[ctry], lambda i, t: gw[i, r.integers(0, 3, len(i)) % ng[i]], sess_mean=8)


def rest(W):
    r, N = W.r, W.N
    left = N - W.na
    if left <= 0:
        return
    n_cloud = int(0.02 * N)
    n_hh = int(0.16 * N)
    n_mob = int(0.18 * N)
    n_cloud, n_hh, n_mob = [min(x, max(0, left // 4)) for x in (n_cloud, n_hh, n_mob)]
    # cloud dev
    a, created, end, ctry = org_accounts(W, "organic_cloud_dev", n_cloud)
    own_cards(W, a, 0.95)
    home = W.home_ip(ctry)
    vm = W.cloud_ip(["aws", "gcp", "hetzner", "do", "ovh", "linode"], n_cloud)
    ordinary(W, a, created, end, CZ[ctry], lambda i, t: np.where(r.random(len(i)) < 0.6, vm[i], home[i]), sess_mean=12)
    # households
    hs = split_sizes(r, n_hh, lambda: r.integers(2, 5))
    H = len(hs)
    hid = np.repeat(np.arange(H), hs)
    hc = r.choice(len(CC), H, p=CW)
    a, created, end, ctry = org_accounts(W, "organic_household", n_hh, hc[hid])
    fd = made_domains(r, H, (".net", ".family", ".name", ".me"))
    fam_dom = (r.random(H) < 0.3)[hid] & (r.random(n_hh) < 0.8)
    W.A["domain"][-1][fam_dom] = fd[hid[fam_dom]]
    hip = W.home_ip(hc)
    share = r.random(H) < 0.7
    sc = W.tok(H)
    sh = share[hid] & (r.random(n_hh) < 0.9)
    W.pay(a[sh], sc[hid[sh]])
    own_cards(W, a[~sh], 0.8)
    ordinary(
        W,
        a,
        created,
        end,
        CZ[ctry],
        lambda i, t: np.where(r.random(len(i)) < 0.85, hip[hid[i]], W.mobile_ip(ctry[i], a[i], t)),
    )
    # mobile
    a, created, end, ctry = org_accounts(W, "organic_mobile", n_mob)
    own_cards(W, a, 0.7)
    ordinary(W, a, created, end, CZ[ctry], lambda i, t: W.mobile_ip(ctry[i], a[i], t), prof=EVE)
    # individuals
    n = N - W.na
    a, created, end, ctry = org_accounts(W, "organic_individual", n)
    own_cards(W, a)
    h1 = W.home_ip(ctry)
    h2 = W.home_ip(ctry)
    mv = np.where(r.random(n) < 0.2, START + r.integers(0, END - START, n), INF)

    def ipf(i, t):
        ip = np.where(t >= mv[i], h2[i], h1[i])
        mb = r.random(len(i)) < 0.1
        ip[mb] = W.mobile_ip(ctry[i[mb]], a[i[mb]], t[mb])
        return ip

    ordinary(W, a, created, end, CZ[ctry], ipf)


# ================= OUTPUT
def ip_strings(W, keys):
    is6 = (keys >> 62) & 1 == 1
    out = np.empty(len(keys), object)
    k4 = keys[~is6]
    out[~is6] = [f"{x >> 24}.{(x >> 16) & 255}.{(x >> 8) & 255}.{x & 255}" for x in k4.tolist()]
    k6 = keys[is6]
    blk = (k6 >> 52) & 1023
    sub = (k6 >> 36) & 0xFFFF
    iid = k6 & ((1 << 36) - 1)
    asn = np.array(W.blk_asn)[blk]
    out[is6] = [
        f"{0x2400 + b * 0x11:x}:{(b * 7919) & 0xFFFF:x}:{s_ & 0xFFF:x}:{u:x}:{0x200 | (i >> 32):x}:{(i >> 16) & 0xFFFF:x}:{i & 0xFFFF:x}:{(i * 31) & 0xFFFF:x}"
        for b, s_, u, i in zip(blk.tolist(), asn.tolist(), sub.tolist(), iid.tolist())
    ]
    st = np.array(W.blk_start, np.int64)
    o = np.argsort(st)
    b4 = o[np.searchsorted(st[o], k4, side="right") - 1]
    asns = np.empty(len(keys), np.int64)
    asns[~is6] = np.array(W.blk_asn)[b4]
    asns[is6] = asn
    return pa.array(out, pa.string()), asns


def tsarr(ms):
    return pa.array(np.asarray(ms, np.int64), pa.int64()).cast(pa.timestamp("ms", tz="UTC"))


def write_chunked(path, nrows, cols, chunk=2_000_000):
    wr = None
    for s in range(0, max(nrows, 1), chunk):
        t = pa.table(cols(slice(s, s + chunk)))
        if wr is None:
            wr = pq.ParquetWriter(path, t.schema, compression="zstd")
        wr.write_table(t)
        del t
    wr.close()


def write(W, out):
    r = W.r
    os.makedirs(out, exist_ok=True)
    A = {k: np.concatenate(v) for k, v in W.A.items()}
    n = W.na
    created, end = A["created"], A["end"]
    aid = letters(mix(np.arange(n), W.salt + 1), "acct_")
    R = W.R
    ra = np.concatenate(R.pop("a"))
    rt = np.concatenate(R.pop("t"))
    keep = (rt >= np.maximum(created[ra], START)) & (rt < np.minimum(end[ra], END))
    ra, rt = ra[keep], rt[keep]
    rip = np.concatenate(R.pop("ip"))[keep]
    rm = np.concatenate(R.pop("m"))[keep]
    rtp = np.concatenate(R.pop("tpl"))[keep]
    rvr = np.concatenate(R.pop("var"))[keep]
    del keep
    ms = rt * 1000 + r.integers(0, 1000, len(rt))
    del rt
    o = np.argsort(ms, kind="stable")
    ra, ms, rip, rm, rtp, rvr = ra[o], ms[o], rip[o], rm[o], rtp[o], rvr[o]
    del o
    ukey, rip = np.unique(rip, return_inverse=True)
    ipstr, ipasn = ip_strings(W, ukey)
    # template bases (children derived from parents)
    base = r.integers(0, 2**64, W.ntpl, dtype=np.uint64)
    if W.par_c:
        pc_, pp_ = np.concatenate(W.par_c), np.concatenate(W.par_p)
        h = mix(pc_, W.salt + 21)
        nb = 8 + (h % U64(5)).astype(np.int64)
        mask = np.zeros(len(pc_), U64)
        for j in range(12):
            bit = mix(h + U64(j), W.salt + 22) % U64(64)
            mask |= np.where(j < nb, U64(1) << bit, U64(0))
        base[pc_] = base[pp_] ^ mask
    vk = mix(mix(rtp, W.salt + 3) ^ rvr.astype(U64), W.salt + 4)
    uk, first, vinv = np.unique(vk, return_index=True, return_inverse=True)
    del vk
    ut, uv = rtp[first], rvr[first]
    del first
    h = mix(uk, W.salt + 5)
    nb = 1 + (h % U64(6)).astype(np.int64)
    mask = np.zeros(len(uk), U64)
    for j in range(6):
        bit = mix(h + U64(j), W.salt + 6) % U64(64)
        mask |= np.where(j < nb, U64(1) << bit, U64(0))
    sim = base[ut] ^ np.where(uv != 0, mask, U64(0))
    del mask, h, base
    fps = letters(mix(uk, W.salt + 7), "fp_")
    sims = hex16(sim)
    del uk, ut, uv, sim
    models = pa.array(MODELS)
    nreq = len(ra)
    write_chunked(
        f"{out}/requests.parquet",
        nreq,
        lambda sl: {
            "account_id": aid.take(pa.array(ra[sl])),
            "timestamp": tsarr(ms[sl]),
            "ip": ipstr.take(pa.array(rip[sl])),
            "model": models.take(pa.array(rm[sl].astype(np.int64))),
            "prompt_fingerprint": fps.take(pa.array(vinv[sl])),
            "prompt_simhash": sims.take(pa.array(vinv[sl])),
        },
    )

    def agg(col):
        col = np.asarray(col, np.int64)
        sh = int(max(1, int(col.max()) + 1)).bit_length()
        k = (ra.astype(np.int64) << sh) | col
        o = np.argsort(k, kind="stable")
        k = k[o]
        st = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
        c = np.diff(np.r_[st, len(k)])
        f, la = ms[o[st]], ms[o[st + c - 1]]
        k = k[st]
        return k >> sh, k & ((1 << sh) - 1), f, la, c.astype(np.int64)

    ka, ki, f, la, c = agg(rip)
    lastact = np.full(n, -1, np.int64)
    np.maximum.at(lastact, ka, la)
    write_chunked(
        f"{out}/proxies.parquet",
        len(ka),
        lambda sl: {
            "account_id": aid.take(pa.array(ka[sl])),
            "ip": ipstr.take(pa.array(ki[sl])),
            "asn": pa.array(ipasn[ki[sl]]),
            "first_seen": tsarr(f[sl]),
            "last_seen": tsarr(la[sl]),
            "request_count": pa.array(c[sl]),
        },
    )
    del ka, ki, f, la, c
    ka, kv, f, la, c = agg(vinv)
    write_chunked(
        f"{out}/prompt_fingerprints.parquet",
        len(ka),
        lambda sl: {
            "account_id": aid.take(pa.array(ka[sl])),
            "fingerprint": fps.take(pa.array(kv[sl])),
            "simhash": sims.take(pa.array(kv[sl])),
            "first_seen": tsarr(f[sl]),
            "last_seen": tsarr(la[sl]),
            "request_count": pa.array(c[sl]),
        },
    )
    del ka, kv, f, la, c, ra, ms, rip, rm, vinv
    # payment methods
    pa_a = np.concatenate(W.pay_a)
    pa_t = np.concatenate(W.pay_t)
    k = np.unique((pa_a << 32) | pa_t)
    pa_a, pa_t = k >> 32, k & 0xFFFFFFFF
    tokstr = letters(mix(np.arange(W.ntok), W.salt + 8), "pm_")
    fs = (np.maximum(created[pa_a], START - 400 * DAY) + r.integers(0, DAY, len(pa_a))) * 1000
    ls = np.where(lastact[pa_a] >= 0, lastact[pa_a], np.minimum(end[pa_a], END) * 1000)
    ls = np.maximum(ls, fs)
    pq.write_table(
        pa.table(
            {
                "account_id": aid.take(pa.array(pa_a)),
                "payment_method_id": tokstr.take(pa.array(pa_t)),
                "first_seen": tsarr(fs),
                "last_seen": tsarr(ls),
            }
        ),
        f"{out}/payment_methods.parquet",
        compression="zstd",
    )
    cms = created * 1000 + r.integers(0, 1000, n)
    o = np.argsort(cms, kind="stable")
    status = np.array(["active", "banned", "suspended"], object)[A["status"]]
    pq.write_table(
        pa.table(
            {
                "account_id": aid.take(pa.array(o)),
                "created_at": tsarr(cms[o]),
                "email_domain": pa.array(A["domain"][o].astype(str)),
                "country": pa.array(np.array(CC)[A["ctry"][o]]),
                "status": pa.array(status[o].astype(str)),
            }
        ),
        f"{out}/accounts.parquet",
        compression="zstd",
    )
    pd.DataFrame(
        {
            "account_id": aid.take(pa.array(o)).to_numpy(zero_copy_only=False),
            "group": A["group"][o],
            "kind": A["kind"][o],
            "status": status[o],
            "replacement": A["repl"][o],
        }
    ).to_csv(f"{out}/truth.csv", index=False)
    return n, nreq


def build(n, seed):
    W = World(n, seed)
    W.company = made_domains(W.r, max(50, n // 25))
    for fn in (
        op_chorus,
        op_driftwood,
        op_hydra,
        op_relay,
        ci_fleet,
        enterprise,
        university,
        research_lab,
        translation,
        proctor,
        callcentre,
        eval_volunteers,
        slackbot,
        cron,
        proxy_customers,
        reseller_customers,
        rest,
    ):
        fn(W)
    return W


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.time()
    W = build(args.accounts, args.seed)
    n, nreq = write(W, args.out)
    print(f"wrote {n} accounts, {nreq} requests to {args.out} in {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
