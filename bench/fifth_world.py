# ruff: noqa
"""fifth_world: an independent synthetic test world for linkgraph (data contract v2).

    python bench/fifth_world.py OUT_DIR --accounts N --seed S

Written from the data contract and a public threat description only (no knowledge of the
detector). Writes accounts, payment_methods, proxies, prompt_fingerprints (+simhash) and
requests (+prompt_simhash) as Parquet, plus truth.csv (account_id,group,kind,status,
replacement). One numpy Generator(seed) makes every choice (hash-derived values are
functions of a salt drawn from it): the same seed gives byte-identical files. N >= 10,000
is assumed (floors keep small populations alive; organic accounts fill up to N).

CLOCK AND MODELS
35 days from Mon 2026-01-12 00:00 UTC. Models orca-4, orca-4-mini, orca-4-code,
orca-3.5-turbo; orca-5 is released Mon 2026-02-02 17:30 UTC. Ordinary people: 5% adopt
within 0.3-24 h, 40% after an exponential lag (mean 7 days), the rest never; an adopter
sends 75% of later requests to orca-5. Activity is drawn as sessions (start from a local
hour-of-day profile in the country's zone, 1+Poisson requests, exponential gaps) rather
than independent requests. Requests outside [created, ban) or the window are dropped.

PROMPTS / SIMHASH
A template has a 64-bit SimHash base = splitmix64(template id ^ salt) (unrelated templates
are ~32 bits apart). A request carries (template, variant key): variant 0 is the exact
template text; any other key is a paraphrase whose SimHash is base XOR a mask of 1-6 bits
derived from the key, and whose fingerprint is its own ("pf_" + 13 base32 chars). Variant
keys are fresh (a new paraphrase per request, exact fingerprints never repeat), sticky
(one customised variant per account) or fixed (a published version shared by everyone).
A unique prompt is a brand-new template. 60 popular public templates (Zipf 1.1).

IP SPACE (asn per IP; IPv4 and IPv6 text)
37 home-ISP blocks in 24 countries; one mobile carrier per country with a CGNAT IPv4 pool
(max(6, N*w/225) IPs, w = the country's weight) and an IPv6 /32 (45% of mobile users get a per-day
/64 address); 9 cloud providers (AWS, GCP, Azure, Hetzner, OVH, DigitalOcean, Vultr,
Oracle, Linode). "Fernway" residential proxy pool: max(300, N/12) exits that are home-ISP
addresses (rented by ordinary customers AND by op_hydra/op_mosaic/op_tidewave).
"Tollgate" API reseller: max(8, N/2500) gateways in OVH/Hetzner. Static "ISP proxy" IPs
(home-ISP addresses in US/GB/DE/NL/CA) sold to cells. University (AS786, 10 NAT IPs +
per-device IPv6 in a /48), Vireo corporate AS206514, "Veilgate" security egress AS213377.

FRAUD (kind=fraud, ~3% of N incl. replacements)
- op_tidewave (0.7%, >=60) synchronized "load balancing": pods of 25-80 accounts made in
  3 bulk sign-up batches (5 h each, days -25..+10; 15% aged accounts), 65% on 10 vanity
  domains. Cards resold in chunks of 4-9. Each pod has one VPS per ~5 accounts in
  Hetzner/OVH/Vultr/DO (sticky; 15% of requests via Fernway). Every pod fires waves on its
  own fixed period (45-90 min, +-60 s jitter; none 01-05 UTC): each member joins with
  p=.35 and sends 1-3 requests in the first 50 s. 4 templates: 60% exact, 30% paraphrase,
  10% public cover. orca-4 -> orca-5 at release+1.5-4 h (pods +-20 min). 5% banned, 2%
  suspended.
- op_mosaic (0.8%, >=70) varied accounts sharing almost nothing exact: created days
  -60..+25; domains 18% students.ashfordpoly.edu (the university's), 40% freemail, 15%
  privacy mail, 15% alias services, 12% tiny custom domains. 70% on prepaid cards shared
  by 2-3, 20% own card, 10% none. Pathway per account 35% Fernway (exit per burst), 25%
  own cloud VM (5 providers, some shared by 2), 25% three Tollgate gateways, 15% mobile
  CGNAT; 40% mix in a second pathway (30% of requests). Op dispatcher: ~14 jobs/day at
  any hour; each job recruits 6% of accounts, each bursting 3-10 requests (15 s gaps)
  somewhere in a 20-minute window; plus ~12 background requests. 2-3 of 6 templates per
  account: 88% fresh paraphrases, 7% public, 5% unique. 75% move to orca-5 2-23 h after
  release. 4% banned, 2% suspended.
- op_hydra (0.9% originals, >=80, + replacements) hydra with ban evasion: cells of 3-40
  (lognormal, median 6), made within 2.5 days (days -45..+8), domains 70% freemail, 15%
  privacy, 5% the university's, 10% custom; each cell has 2-5 static ISP-proxy IPs; a request uses one of them
  (55%) or a random Fernway exit (45%, shared with thousands of customers). Fresh prepaid
  card per account (in 30% of cells 2-3 originals share one). Cell = 2 of 10 families
  (65% fresh paraphrase, 20% exact, 10% public, 5% unique); zone +8/+3/-5/+1; Poisson(1.6)
  sessions a day of 40-120 min, members join with p=.65, 1+Poisson(5) requests.
  Four sweeps (days 8.5, 15.3, 22.6, 29.2): 18% of cells hit, 45% of their living
  members (+2% anywhere) enforced (85% banned, 15% suspended). 80% get a replacement
  (replacement=1) 2-7 days later in the same slot: fresh card, freemail/privacy domain,
  reuses ONE (60%) or two of the cell's private IPs + one new static IP, same families;
  replacements can be swept and replaced again. orca-5 per cell at release+5-20 h.
- op_splinter (0.45%, >=45) the hard one: 2-3-account cells tied to one another only by
  template family and timing. Cell card (15% of cell cards are ALSO on one op_hydra
  account: resold across operations), 1-2 cell IPs (static ISP 50%, a carrier CGNAT IP
  shared with ordinary mobile users 30%, cloud 20%). Families: 2 own + op_hydra's top
  family; 80% paraphrases, 10% exact, 10% public. Op-wide jittered waves every 100-160 min, each 2-4 minutes
  wide: 30% of cells join at their own offset in the wave, members p=.8, 1-2 requests;
  plus ~6 background requests each from the cell IPs.
  orca-5 per cell at release+8-23 h. 3% banned.

BENIGN GROUPS (kind=benign_group)
- ci_fleet_quanta (0.05%, >=30): quanta-logistics.io service accounts on one invoice
  token, 3 Azure egress IPs; every hour of the day at :00:00-:00:15 each fires (p=.6) 1-3
  requests of its 1-3 of 8 exact test templates, always orca-4-code.
- enterprise_vireo (0.1%, >=50): vireo-bank.eu (DE), one invoice token (80%) + 2 team
  cards, 4 NAT IPs (AS206514) + 2 AWS runners; CI events on weekdays 07-19 CET fan out
  to 3-12 accounts in the same minute (10 templates, exact or per-account variant), plus
  interactive work-hour sessions; the whole fleet moves to orca-5 1.5-3.5 h after
  release (+ a smoke-test burst of 40% of accounts).
- university_ashford (0.75%, >=150; 1,500 at N=200k): students.ashfordpoly.edu, all created Jan 15-17 at
  three orientation slots a day; 50% on the university's invoice token, 30% none, 20%
  own card; campus NAT (70%) / campus IPv6 device (30%) on weekday day-time, else home;
  3 of 6 course templates, 35% of sessions in the 12 h before one of 4 deadlines.
- research_lab_corvid (0.004%, >=8): corvid-research.org, 2 grant cards, 2 Hetzner lab
  IPs + 4 GCP IPs; eval runs of 100-300 requests 6 s apart, 8 runs per account, ONE
  template family (3 fixed siblings + fresh paraphrases); half of the runs after
  release+1-2 days on orca-5.
Traps invented for this world (also benign_group):
- bootcamp_cohorts (0.2%, >=30): cohorts of 20-35 on one sponsor card, one classroom IP,
  sign-ups within 2 h; weekday classes 13-17 local running the shared 8-exercise
  curriculum (same exercise the same day in every cohort).
- oss_agent_users (3%): users of the open-source "Kestrel Agent". Every session opens
  with its system prompt (one template; 4 released versions with fixed variants; 55% of
  users customise a sticky variant), then tool-call paraphrases; bursty agent loops (15
  requests, 8 s gaps, ~10 sessions a month). Its v0.9 (release+9 h) defaults to orca-5;
  users update after ~0.3 day (80% not pinned): a mass new-model adoption.
- app_builder_lumen (0.6%, >=80): small businesses each with own account, domain and
  card, all called through Lumen's 5 AWS egress IPs; half of the traffic carries Lumen's
  system template, whose version changes for everybody at once on days 10 and 25.
- discord_jailbreak (0.25%, >=50): ordinary members who, on Fri Jan 30 21:00 UTC, fire
  the same exact jailbreak prompt within a minute (85%); 12% of them suspended 1-3 days
  later.
- prompt_marketplace (0.8%, >=100): buyers of 15 "PromptBazaar" templates (Zipf),
  exact or per-buyer filled-in variants, from the purchase date on.
- family_plans (0.6%, >=60): families of 4-6 on one family-plan card and one home IP,
  created within a week, 35% on a family domain.
- secure_egress_tenants (0.4%, >=80): employees of 6-10 unrelated companies whose traffic
  leaves through the same 16 "Veilgate" cloud egress IPs (each company its own token).
- viral_tutorial (1%, >=100): a video published Sat Feb 7 16:00 UTC; viewers (60% new
  accounts created in the hours after, 40% without a card) run its 3 prompts in order.

ORGANIC (kind=organic; 0.3% banned + 0.2% suspended at random; ~8% dormant)
- organic_cron (1.2%, >=150): one job each (70% daily, 15% 6-hourly, 10% hourly for 2-7
  days, 5% weekly) at :00:00-:00:03, one exact prompt (50% personal, 50% one of 6 popular
  cron templates); 10% use a "latest" alias and jump to orca-5 at release.
- organic_proxy_customer (2.5%, >=300): Fernway customers (70% of sessions via an exit).
- organic_reseller_customer (0.8%, >=100): all traffic through 2-4 Tollgate gateways.
- organic_cafe_wifi (1.5%, >=150): Beanline coffee chain, 4 Wi-Fi IPs in each of US/GB/JP,
  used for 45% of weekday day-time sessions.
- organic_retry_storm (2%, >=200): their SDK retries 1-4 times within 90 s of the end of
  a 32-min outage (Mon Feb 9 13:37 UTC).
- organic_mobile (16% of the rest), organic_household (18% of the rest: 2-3 people, one
  home IP, 75% one card), organic_individual (the rest; 12% sometimes mobile).
Organic accounts: created up to ~3 years back (exponential, mean 260 days) or during the
window; e-mail 80% freemail, 8% the ISP's, 12% small-company domains (a pool of N/20, so
colleagues share one); 85% own card (3% of them a second), 15% none (mobile: 30% none).
Organic prompts: 55% unique, 30% public (35% paraphrased), 15% a personal template (half
paraphrased).
"""

import argparse
import os
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

DAY, HOUR, MIN = 86400, 3600, 60
START = 1768176000  # 2026-01-12T00:00:00Z (Monday)
NDAYS = 35
SPAN = NDAYS * DAY
END = START + SPAN
RELEASE = START + 21 * DAY + 17 * HOUR + 30 * MIN  # 2026-02-02 17:30 UTC
NEVER = END + 400 * DAY
MODELS = ["orca-4", "orca-4-mini", "orca-4-code", "orca-3.5-turbo", "orca-5"]
M4, MMINI, MCODE, M35, M5 = range(5)
STATUS = np.array(["active", "banned", "suspended"])

CTRY = [
    "US",
    "IN",
    "BR",
    "GB",
    "DE",
    "FR",
    "JP",
    "CA",
    "KR",
    "ID",
    "MX",
    "PH",
    "NG",
    "PL",
    "ES",
    "IT",
    "NL",
    "TR",
    "VN",
    "AU",
    "EG",
    "AR",
    "SG",
    "ZA",
]
NC = len(CTRY)
CI = {c: i for i, c in enumerate(CTRY)}
TZH = np.array([-6, 5.5, -3, 0, 1, 1, 9, -5, 9, 7, -6, 8, 1, 1, 1, 1, 1, 3, 7, 10, 2, -3, 8, 2])
CW = np.array([26, 11, 6, 5, 5, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1.5, 1.5, 1.5, 1.5])
CW = CW / CW.sum()

ISP = [
    ("US", "73.0.0.0", 8, 7922),
    ("US", "71.80.0.0", 12, 20115),
    ("US", "99.0.0.0", 10, 7018),
    ("US", "108.0.0.0", 11, 701),
    ("IN", "122.160.0.0", 12, 24560),
    ("IN", "117.192.0.0", 11, 9829),
    ("IN", "49.36.0.0", 14, 55836),
    ("BR", "177.0.0.0", 12, 27699),
    ("BR", "179.208.0.0", 12, 28573),
    ("GB", "81.128.0.0", 11, 2856),
    ("GB", "82.0.0.0", 13, 5089),
    ("GB", "90.192.0.0", 12, 5607),
    ("DE", "87.128.0.0", 10, 3320),
    ("DE", "88.64.0.0", 12, 3209),
    ("FR", "90.0.0.0", 10, 3215),
    ("FR", "82.64.0.0", 10, 12322),
    ("JP", "153.128.0.0", 10, 4713),
    ("JP", "126.0.0.0", 8, 17676),
    ("CA", "99.224.0.0", 12, 812),
    ("CA", "70.24.0.0", 13, 577),
    ("KR", "175.192.0.0", 11, 4766),
    ("KR", "211.36.0.0", 14, 9318),
    ("ID", "36.64.0.0", 11, 7713),
    ("MX", "187.128.0.0", 10, 8151),
    ("PH", "112.198.0.0", 15, 9299),
    ("NG", "102.88.0.0", 14, 36873),
    ("PL", "83.0.0.0", 12, 5617),
    ("ES", "80.24.0.0", 13, 3352),
    ("IT", "79.0.0.0", 11, 3269),
    ("NL", "77.160.0.0", 12, 1136),
    ("TR", "85.96.0.0", 12, 9121),
    ("VN", "113.160.0.0", 11, 45899),
    ("AU", "101.160.0.0", 11, 1221),
    ("EG", "41.32.0.0", 11, 8452),
    ("AR", "181.0.0.0", 12, 7303),
    ("SG", "116.86.0.0", 15, 9506),
    ("ZA", "41.0.0.0", 13, 5713),
]
# one mobile carrier per country: (country, v4 CGNAT block, bits, asn, IPv6 /32 prefix)
CARRIER = [
    ("US", "172.56.0.0", 14, 21928, 0x2607FB90),
    ("IN", "49.32.0.0", 14, 55836, 0x24094000),
    ("BR", "179.95.0.0", 16, 26599, 0x28043000),
    ("GB", "31.94.0.0", 16, 12576, 0x2A00B700),
    ("DE", "176.0.0.0", 13, 6805, 0x2A0204C0),
    ("FR", "37.160.0.0", 12, 5410, 0x2A01CB00),
    ("JP", "1.66.0.0", 15, 9605, 0x24000800),
    ("CA", "72.136.0.0", 13, 812, 0x26079880),
    ("KR", "223.32.0.0", 11, 9644, 0x2001E600),
    ("ID", "114.120.0.0", 13, 23693, 0x24020300),
    ("MX", "189.203.0.0", 16, 28403, 0x2806103E),
    ("PH", "110.54.0.0", 15, 132199, 0x24054000),
    ("NG", "105.112.0.0", 12, 29465, 0x2C0F2A80),
    ("PL", "37.248.0.0", 13, 39603, 0x2A0114C0),
    ("ES", "85.58.0.0", 15, 12430, 0x2A0C5A80),
    ("IT", "151.18.0.0", 15, 1267, 0x2A0E0400),
    ("NL", "62.140.0.0", 15, 31615, 0x2A010B00),
    ("TR", "188.119.0.0", 16, 16135, 0x2A021E80),
    ("VN", "27.64.0.0", 12, 7552, 0x24050400),
    ("AU", "1.128.0.0", 11, 1221, 0x20014860),
    ("EG", "156.160.0.0", 12, 36935, 0x2C0F4C00),
    ("AR", "186.56.0.0", 14, 22927, 0x2803B780),
    ("SG", "111.65.0.0", 16, 4773, 0x24041A80),
    ("ZA", "105.224.0.0", 12, 36994, 0x2C0F1500),
]
CLOUD = {
    "aws": [("3.0.0.0", 9, 16509), ("52.0.0.0", 10, 16509)],
    "gcp": [("34.64.0.0", 10, 396982)],
    "azure": [("20.32.0.0", 11, 8075)],
    "hetzner": [("88.198.0.0", 16, 24940), ("116.202.0.0", 15, 24940)],
    "ovh": [("51.68.0.0", 14, 16276)],
    "do": [("164.90.0.0", 16, 14061)],
    "vultr": [("45.76.0.0", 15, 20473)],
    "oracle": [("129.146.0.0", 16, 31898)],
    "linode": [("172.104.0.0", 15, 63949)],
}

FREE = np.array(
    [
        "gmail.com",
        "outlook.com",
        "yahoo.com",
        "hotmail.com",
        "icloud.com",
        "gmx.net",
        "mail.ru",
        "qq.com",
        "naver.com",
        "yahoo.co.jp",
        "web.de",
        "libero.it",
    ],
    dtype=object,
)
FREEW = np.array([48, 15, 8, 7, 7, 3, 2, 3, 2, 2, 2, 1.0])
FREEW /= FREEW.sum()
PRIV = np.array(["proton.me", "tuta.io", "pm.me"], dtype=object)
ALIAS = np.array(["duck.com", "simplelogin.com", "aleeas.com", "passmail.net"], dtype=object)
ISPMAIL = {
    "US": "comcast.net",
    "GB": "btinternet.com",
    "DE": "t-online.de",
    "FR": "orange.fr",
    "IT": "tim.it",
    "JP": "nifty.com",
    "BR": "uol.com.br",
    "ES": "telefonica.net",
    "NL": "kpnmail.nl",
    "AU": "bigpond.com",
    "IN": "rediffmail.com",
    "CA": "rogers.com",
}
UNI = "students.ashfordpoly.edu"
SYL = np.array(
    [
        "ka",
        "lo",
        "mi",
        "ver",
        "tan",
        "rel",
        "zu",
        "dor",
        "pex",
        "qui",
        "sol",
        "bri",
        "nov",
        "tek",
        "al",
        "mer",
        "vix",
        "ran",
        "ost",
        "fel",
        "gra",
        "hul",
        "ion",
        "jar",
        "kel",
        "lum",
        "mav",
        "nor",
        "pol",
        "ryn",
        "sen",
        "tor",
        "ul",
        "vas",
        "wen",
        "yor",
        "zan",
        "cor",
        "dex",
        "fyn",
    ],
    dtype=object,
)

# local hour-of-day activity profiles (24 weights)
P_HUMAN = [
    1.0,
    0.6,
    0.35,
    0.25,
    0.25,
    0.35,
    0.7,
    1.3,
    2.0,
    2.6,
    3.0,
    3.2,
    3.1,
    3.0,
    3.0,
    3.1,
    3.2,
    3.3,
    3.5,
    3.9,
    4.3,
    4.4,
    3.6,
    2.2,
]
P_WORK = [
    0.02,
    0.02,
    0.02,
    0.02,
    0.02,
    0.05,
    0.2,
    0.8,
    3,
    4.5,
    5,
    4.6,
    3,
    4.4,
    5,
    4.8,
    4,
    2.5,
    0.9,
    0.4,
    0.25,
    0.15,
    0.08,
    0.04,
]
P_STUDY = [
    2.6,
    1.6,
    0.8,
    0.3,
    0.15,
    0.1,
    0.2,
    0.6,
    1.4,
    2.4,
    3,
    3,
    2.6,
    2.9,
    3.2,
    3.2,
    3,
    2.7,
    2.5,
    3,
    3.8,
    4.4,
    4.6,
    3.8,
]
P_OPS = [2, 2, 1.6, 0.6, 0.4, 0.4, 0.8, 2, 3, 3.4, 3.4, 3.2, 3, 3.2, 3.4, 3.4, 3.2, 3, 3, 3, 3, 3, 2.8, 2.4]
P_FLAT = [1.0] * 24
CDF = {
    k: np.cumsum(v) / np.sum(v)
    for k, v in dict(human=P_HUMAN, work=P_WORK, study=P_STUDY, ops=P_OPS, flat=P_FLAT).items()
}

U64 = np.uint64
B32 = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz234567", np.uint8)
FLIPCDF = np.array([250, 500, 700, 850, 950])  # 1..6 flipped bits: 25/25/20/15/10/5%
HEXB = np.array([[ord(c) for c in f"{i:02x}"] for i in range(256)], np.uint8)


def v4(a):
    return sum(int(o) << s for o, s in zip(a.split("."), (24, 16, 8, 0)))


def mix(x, salt=0):
    """splitmix64 finaliser (a bijection of uint64)."""
    z = np.asarray(x).astype(U64)
    with np.errstate(over="ignore"):
        z = z + U64((0x9E3779B97F4A7C15 * (salt + 1)) & 0xFFFFFFFFFFFFFFFF)
        z = (z ^ (z >> U64(30))) * U64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> U64(27))) * U64(0x94D049BB133111EB)
        z = z ^ (z >> U64(31))
    return z


def flipmask(vk):
    """1-6 bit XOR mask of a variant key (0 for the exact template)."""
    h = mix(vk, 77)
    nb = np.searchsorted(FLIPCDF, (h % U64(1000)).astype(np.int64), "right") + 1
    m = np.zeros(len(h), U64)
    for j in range(6):
        pos = (h >> U64(8 + 6 * j)) & U64(63)
        m |= np.where(j < nb, U64(1) << pos, U64(0))
    return np.where(vk == 0, U64(0), m)


def b32(h, prefix, nchar=13):
    h = np.asarray(h, U64)
    lp = len(prefix)
    mat = np.empty((len(h), lp + nchar), np.uint8)
    if lp:
        mat[:, :lp] = np.frombuffer(prefix.encode(), np.uint8)
    for j in range(nchar):
        mat[:, lp + j] = B32[((h >> U64(5 * j)) & U64(31)).astype(np.intp)]
    return pa.array(mat.view(f"S{lp + nchar}").ravel(), pa.binary()).cast(pa.string())


def hex16(h):
    h = np.asarray(h, U64)
    mat = np.empty((len(h), 16), np.uint8)
    for j in range(8):
        mat[:, 2 * j : 2 * j + 2] = HEXB[((h >> U64(8 * (7 - j))) & U64(255)).astype(np.intp)]
    return pa.array(mat.view("S16").ravel(), pa.binary()).cast(pa.string())


def split_sizes(r, n, draw, mn=1):
    """group sizes from draw(k) summing exactly to n (last group merged if < mn)."""
    out, tot = [], 0
    while tot < n:
        s = np.asarray(draw(256), np.int64)
        out.append(s)
        tot += int(s.sum())
    s = np.concatenate(out)
    cs = np.cumsum(s)
    k = int(np.searchsorted(cs, n))
    s = s[: k + 1].copy()
    s[-1] = n - (cs[k - 1] if k else 0)
    if len(s) > 1 and s[-1] < mn:
        s[-2] += s[-1]
        s = s[:-1]
    return s


def within(sizes):
    """position of each member inside its group."""
    st = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.arange(int(sizes.sum())) - st


def topk(r, rows, w, k):
    """k distinct weighted picks per row (Gumbel top-k)."""
    g = np.log(np.asarray(w, float))[None, :] - np.log(-np.log(r.random((rows, len(w)))))
    return np.argsort(-g, axis=1)[:, :k]


def days(x):
    return (np.asarray(x) * DAY).astype(np.int64)


def hours(x):
    return (np.asarray(x) * HOUR).astype(np.int64)


class World:
    def __init__(self, n, seed):
        self.n = n
        self.r = r = np.random.default_rng(seed)
        self.salt = int(r.integers(1, 2**40))
        self.A = {k: [] for k in ("group", "kind", "created", "domain", "ctry", "status", "end", "repl")}
        self.na = 0
        self.pay_a, self.pay_t, self.tokkind = [], [], []
        self.ntok = 0
        self.IP = {k: [] for k in ("v6", "hi", "lo", "asn")}
        self.nip = 0
        self.R = {k: [] for k in ("a", "t", "ip", "m", "tm", "vk")}
        self.ntm = 0
        self.nsid = 0
        # ISP blocks by country
        self.isp = np.array([(CI[c], v4(b), bits, asn) for c, b, bits, asn in ISP], np.int64)
        self.isp_of = [np.flatnonzero(self.isp[:, 0] == c) for c in range(NC)]
        # shared infrastructure
        self.pub = self.new_tm(60)
        self.pubw = 1.0 / np.arange(1, 61) ** 1.1
        self.pubw /= self.pubw.sum()
        P = max(300, n // 12)
        self.pool = self.isp_ips(r.choice(NC, P, p=CW))  # Fernway exits (real home addresses)
        G = max(8, n // 2500)
        self.toll = np.concatenate([self.cloud("ovh", G - G // 2), self.cloud("hetzner", G // 2)])
        self.car = np.array([(CI[c], v4(b), bits, asn, p6) for c, b, bits, asn, p6 in CARRIER], np.int64)
        self.cgnat = []
        for c in range(NC):
            k = max(6, int(n * CW[c] / 900 * 4))
            _, base, bits, asn, _ = self.car[c]
            self.cgnat.append(self.add_ip(np.zeros(k, bool), 0, self.rand_block(base, bits, k), asn))
        self.tm_tide = self.new_tm(4)
        self.tm_mosaic = self.new_tm(6)
        self.tm_hydra = self.new_tm(10)
        self.tm_splinter = self.new_tm(2)

    # ---------------------------------------------------------------- helpers
    def f(self, frac, floor):
        return max(floor, int(round(frac * self.n)))

    def new_tm(self, k):
        self.ntm += k
        return np.arange(self.ntm - k, self.ntm, dtype=np.int64)

    def fresh(self, k):
        return self.r.integers(1, 2**62, k, dtype=np.int64).astype(U64)

    def sticky(self, a, tm, v=0):
        x = np.asarray(a, np.int64) * 1000003 + np.asarray(tm, np.int64) * 7919 + v
        return mix(x, self.salt + 5) | U64(1)

    def fixed(self, v):
        return np.asarray(mix(np.asarray(v, np.int64) + 10**6, self.salt + 9) | U64(1), U64)

    def tokens(self, k, kind="pm_"):
        self.ntok += k
        self.tokkind.append(np.full(k, kind, object))
        return np.arange(self.ntok - k, self.ntok, dtype=np.int64)

    def pay(self, a, tok):
        self.pay_a.append(np.asarray(a, np.int64))
        self.pay_t.append(np.asarray(tok, np.int64))

    def add_ip(self, v6, hi, lo, asn):
        lo = np.asarray(lo, np.int64)
        k = len(lo)
        self.IP["v6"].append(np.broadcast_to(np.asarray(v6, bool), (k,)).copy())
        self.IP["hi"].append(np.broadcast_to(np.asarray(hi).astype(U64), (k,)).copy())
        self.IP["lo"].append(lo.astype(U64))
        self.IP["asn"].append(np.broadcast_to(np.asarray(asn, np.int64), (k,)).copy())
        self.nip += k
        return np.arange(self.nip - k, self.nip, dtype=np.int64)

    def rand_block(self, base, bits, k):
        base = np.asarray(base, np.int64)
        size = np.left_shift(np.int64(1), 32 - np.asarray(bits, np.int64))
        x = base + (self.r.random(k) * size).astype(np.int64)
        return (x & ~np.int64(255)) | self.r.integers(1, 255, k)

    def isp_ips(self, cidx, only=None):
        """one fresh home-ISP address per entry (ISP chosen within the country)."""
        cidx = np.asarray(cidx)
        k = len(cidx)
        isp = np.empty(k, np.int64)
        for c in np.unique(cidx):
            m = cidx == c
            isp[m] = self.isp_of[c][self.r.integers(0, len(self.isp_of[c]), m.sum())]
        lo = self.rand_block(self.isp[isp, 1], self.isp[isp, 2], k)
        return self.add_ip(np.zeros(k, bool), 0, lo, self.isp[isp, 3])

    def cloud(self, prov, k):
        blocks = CLOUD[prov]
        b = self.r.integers(0, len(blocks), k)
        base = np.array([v4(x[0]) for x in blocks])[b]
        bits = np.array([x[1] for x in blocks])[b]
        return self.add_ip(np.zeros(k, bool), 0, self.rand_block(base, bits, k), blocks[0][2])

    def static_ips(self, k):
        return self.isp_ips(
            self.r.choice([CI[c] for c in ("US", "GB", "DE", "NL", "CA")], k, p=[0.4, 0.2, 0.2, 0.1, 0.1])
        )

    def mobile_v6(self, a, t, cidx_req):
        """per (account, day) IPv6 address inside the carrier's /32."""
        key = np.asarray(a, np.int64) * 4096 + (t - START + 400 * DAY) // DAY
        u, inv = np.unique(key, return_inverse=True)
        first = np.zeros(len(u), np.int64)
        first[inv] = np.arange(len(key))
        c = cidx_req[first]
        hi = (self.car[c, 4].astype(U64) << U64(32)) | (mix(u, self.salt + 21) & U64(0xFFFFFFFF))
        ids = self.add_ip(np.ones(len(u), bool), hi, mix(u, self.salt + 22).view(np.int64), self.car[c, 3])
        return ids[inv]

    def cg(self, cidx_req):
        """a random CGNAT address of the country's carrier per entry."""
        out = np.empty(len(cidx_req), np.int64)
        for c in np.unique(cidx_req):
            m = cidx_req == c
            out[m] = self.cgnat[c][self.r.integers(0, len(self.cgnat[c]), m.sum())]
        return out

    def add_accounts(self, group, kind, created, domain, ctry, status=None, end=None, repl=0):
        k = len(created)
        A = self.A
        A["group"].append(np.full(k, group, object))
        A["kind"].append(np.full(k, kind, object))
        A["created"].append(np.asarray(created, np.int64))
        A["domain"].append(np.asarray(domain, object))
        A["ctry"].append(np.broadcast_to(np.asarray(ctry, np.int64), (k,)).copy())
        A["status"].append(np.zeros(k, np.int64) if status is None else np.asarray(status, np.int64))
        A["end"].append(np.full(k, NEVER, np.int64) if end is None else np.asarray(end, np.int64))
        A["repl"].append(np.broadcast_to(np.asarray(repl, np.int64), (k,)).copy())
        self.na += k
        return np.arange(self.na - k, self.na, dtype=np.int64)

    def emit(self, a, t, ip, m, tm, vk):
        R = self.R
        k = len(a)
        R["a"].append(np.asarray(a, np.int32))
        R["t"].append(np.asarray(t, np.int64))
        R["ip"].append(np.broadcast_to(np.asarray(ip, np.int64), (k,)).astype(np.int64))
        R["m"].append(np.broadcast_to(np.asarray(m, np.int8), (k,)).astype(np.int8))
        R["tm"].append(np.broadcast_to(np.asarray(tm, np.int64), (k,)).astype(np.int64))
        R["vk"].append(np.broadcast_to(np.asarray(vk, U64), (k,)).astype(U64))

    def enforce(self, created, p_ban, p_susp, earliest=START):
        k = len(created)
        u = self.r.random(k)
        st = np.where(u < p_ban, 1, np.where(u < p_ban + p_susp, 2, 0))
        lo = np.maximum(created + 2 * DAY, earliest)
        ok = lo < END - HOUR
        st[~ok] = 0
        end = np.where(st > 0, lo + (self.r.random(k) * np.maximum(END - lo, 1)).astype(np.int64), NEVER)
        return st, end

    def freemail(self, k):
        return FREE[self.r.choice(len(FREE), k, p=FREEW)]

    def names(self, ids, tlds, salt):
        h = mix(np.asarray(ids, np.int64), self.salt + salt)
        s1 = SYL[(h % U64(40)).astype(np.intp)]
        s2 = SYL[((h >> U64(8)) % U64(40)).astype(np.intp)]
        s3 = np.where((h >> U64(16)) % U64(3) == 0, SYL[((h >> U64(24)) % U64(40)).astype(np.intp)], "")
        tl = np.asarray(tlds, object)[((h >> U64(32)) % U64(len(tlds))).astype(np.intp)]
        return s1 + s2 + s3 + "." + tl

    def life(self, a, nsess, tz, lo, hi, prof="human", per=3.0, gap=60.0, weekday=0.0):
        """sessions -> (account, time, session id) per request."""
        r = self.r
        nsess = np.maximum(np.asarray(nsess, np.int64), 0)
        S = int(nsess.sum())
        if S == 0:
            e = np.zeros(0, np.int64)
            return e, e, e
        sa = np.repeat(a, nsess)
        L, H = np.repeat(lo, nsess), np.repeat(hi, nsess)
        zs = np.repeat((np.broadcast_to(tz, (len(a),)) * HOUR).astype(np.int64), nsess)
        u = L + (r.random(S) * np.maximum(H - L, 1)).astype(np.int64)
        day = (u + zs) // DAY
        if weekday > 0:
            dow = (day + 3) % 7
            mv = (dow >= 5) & (r.random(S) < weekday)
            day = np.where(mv, day - (dow - 4), day)
        hr = np.searchsorted(CDF[prof], r.random(S))
        st = day * DAY + hr * HOUR + r.integers(0, HOUR, S) - zs
        m = 1 + r.poisson(max(per - 1, 0.01), S)
        sid = self.nsid + np.arange(S)
        self.nsid += S
        ra, rs = np.repeat(sa, m), np.repeat(sid, m)
        g = r.exponential(gap, len(ra))
        first = np.cumsum(m) - m
        g[first] = 0
        cs = np.cumsum(g)
        rt = np.repeat(st, m) + (cs - np.repeat(cs[first], m)).astype(np.int64)
        return ra, rt, rs

    def span(self, a):
        """[max(created,START), min(end,END)) for contiguous new accounts a."""
        cr = np.concatenate(self.A["created"])[a]
        en = np.concatenate(self.A["end"])[a]
        return np.maximum(cr, START), np.minimum(en, END)

    def org_prompts(self, k, pers):
        """organic mix: 55% unique, 30% public (35% paraphrased), 15% personal template."""
        r = self.r
        u = r.random(k)
        tm = np.empty(k, np.int64)
        vk = np.zeros(k, U64)
        uq = u < 0.55
        pb = (u >= 0.55) & (u < 0.85)
        ps = u >= 0.85
        tm[uq] = self.new_tm(int(uq.sum()))
        tm[pb] = self.pub[r.choice(60, int(pb.sum()), p=self.pubw)]
        pp = pb & (r.random(k) < 0.35)
        vk[pp] = self.fresh(int(pp.sum()))
        tm[ps] = pers[ps]
        pq_ = ps & (r.random(k) < 0.5)
        vk[pq_] = self.fresh(int(pq_.sum()))
        return tm, vk

    def org_adopt(self, k):
        r = self.r
        u = r.random(k)
        lag = np.where(u < 0.05, r.uniform(0.3, 24, k) * HOUR, np.where(u < 0.45, r.exponential(7 * DAY, k), np.inf))
        return np.where(np.isfinite(lag), RELEASE + np.nan_to_num(lag, posinf=0), NEVER).astype(np.int64)

    def org_models(self, t, adopt_req, p5=0.75):
        r = self.r
        k = len(t)
        m = r.choice(4, k, p=[0.5, 0.3, 0.12, 0.08]).astype(np.int8)
        m[(t >= adopt_req) & (r.random(k) < p5)] = M5
        return m

    def ops_models(self, t, adopt_req, p_old=(0.9, 0.1, 0, 0), p5=0.9):
        r = self.r
        k = len(t)
        m = r.choice(4, k, p=list(p_old)).astype(np.int8)
        m[(t >= adopt_req) & (r.random(k) < p5)] = M5
        return m

    def organic(self, a, ctry, ip_fn, nsess_mean=5.0, per=3.0, prof="human", weekday=0.0, dormant=0.08, extra=None):
        """generic ordinary-person activity for contiguous accounts a; ip_fn(local, t, sid) -> ip ids."""
        r = self.r
        k = len(a)
        a0 = a[0]
        lo, hi = self.span(a)
        ns = r.poisson(r.lognormal(np.log(nsess_mean) - 0.32, 0.8, k))
        ns[r.random(k) < dormant] = 0
        ra, rt, rs = self.life(a, ns, TZH[ctry], lo, hi, prof, per, 60.0, weekday)
        loc = ra - a0
        pers = self.new_tm(k)
        tm, vk = self.org_prompts(len(ra), pers[loc])
        if extra is not None:
            tm, vk = extra(loc, rt, rs, tm, vk)
        adopt = self.org_adopt(k)
        self.emit(ra, rt, ip_fn(loc, rt, rs), self.org_models(rt, adopt[loc]), tm, vk)
        return ra, rt, rs

    def home_fn(self, home, ctry, mob=None, p_mob=0.0):
        """session-level choice between the home IP and the carrier (CGNAT or IPv6)."""
        r = self.r

        def fn(loc, t, sid):
            ip = home[loc].copy()
            if mob is not None:
                sm = mob[loc] & ((mix(sid, self.salt + 31) % U64(1000)).astype(np.int64) < p_mob * 1000)
                if sm.any():
                    ip[sm] = self.cg(ctry[loc[sm]])
            return ip

        return fn


# =========================================================================== fraud
def op_tidewave(W):
    r = W.r
    n = W.f(0.007, 60)
    sizes = split_sizes(r, n, lambda k: r.integers(25, 81, k), 10)
    P = len(sizes)
    pod = np.repeat(np.arange(P), sizes)
    batch = START + days(r.uniform(-25, 10, 3)) + hours(r.integers(0, 24, 3))
    created = batch[r.integers(0, 3, P)][pod] + hours(r.uniform(0, 5, n))
    aged = r.random(n) < 0.15
    created[aged] = START + days(r.uniform(-40, 12, int(aged.sum())))
    vanity = W.names(np.arange(10), ["xyz", "top", "click", "site", "online"], 101)
    dom = np.where(r.random(n) < 0.65, vanity[r.integers(0, 10, n)], W.freemail(n))
    ctry = r.choice(NC, n, p=CW)
    st, end = W.enforce(created, 0.05, 0.02, START + 10 * DAY)
    a = W.add_accounts("op_tidewave", "fraud", created, dom, ctry, st, end)
    ch = split_sizes(r, n, lambda k: r.integers(4, 10, k), 2)
    W.pay(a, np.repeat(W.tokens(len(ch)), ch))
    # pod VPSes
    nvm = -(-sizes // 5)
    prov = np.array(["hetzner", "ovh", "vultr", "do"])[r.integers(0, 4, P)]
    vm = np.empty(int(nvm.sum()), np.int64)
    vst = np.cumsum(nvm) - nvm
    for p_ in ("hetzner", "ovh", "vultr", "do"):
        sel = np.flatnonzero(prov == p_)
        if len(sel):
            idx = np.concatenate([np.arange(vst[s], vst[s] + nvm[s]) for s in sel])
            vm[idx] = W.cloud(p_, len(idx))
    wpos = within(sizes)
    myvm = vm[vst[pod] + r.permutation(n) % nvm[pod]]
    adopt_pod = RELEASE + hours(r.uniform(1.5, 4)) + r.integers(-20 * MIN, 20 * MIN, P)
    pst = np.cumsum(sizes) - sizes
    AA, TT = [], []
    for p in range(P):
        per = r.uniform(45, 90) * MIN
        K = int(SPAN / per) + 1
        wt = (START + r.uniform(0, per) + np.arange(K) * per + r.normal(0, 60, K)).astype(np.int64)
        hr = (wt // HOUR) % 24
        wt = wt[~((hr >= 1) & (hr < 5))]
        mem = a[pst[p] : pst[p] + sizes[p]]
        wi, mi = np.nonzero(r.random((len(wt), len(mem))) < 0.35)
        c = 1 + r.binomial(2, 0.5, len(wi))
        AA.append(np.repeat(mem[mi], c))
        TT.append(np.repeat(wt[wi], c) + r.integers(0, 50, int(c.sum())))
    ra, rt = np.concatenate(AA), np.concatenate(TT)
    k = len(ra)
    loc = ra - a[0]
    ip = np.where(r.random(k) < 0.85, myvm[loc], W.pool[r.integers(0, len(W.pool), k)])
    u = r.random(k)
    tm = W.tm_tide[r.choice(4, k, p=[0.45, 0.3, 0.15, 0.1])]
    vk = np.zeros(k, U64)
    pp = (u >= 0.6) & (u < 0.9)
    vk[pp] = W.fresh(int(pp.sum()))
    cov = u >= 0.9
    tm[cov] = W.pub[r.choice(60, int(cov.sum()), p=W.pubw)]
    m = W.ops_models(rt, adopt_pod[pod[loc]], (0.95, 0, 0.05, 0), 0.92)
    W.emit(ra, rt, ip, m, tm, vk)


def op_mosaic(W):
    r = W.r
    n = W.f(0.008, 70)
    created = START + days(r.uniform(-60, 25, n)) + r.integers(0, DAY, n)
    u = r.random(n)
    ncus = max(1, int(n * 0.12 / 3))
    custom = W.names(np.arange(ncus) + 5000, ["net", "com", "io", "me"], 202)
    dom = np.where(
        u < 0.18,
        UNI,
        np.where(
            u < 0.58,
            W.freemail(n),
            np.where(
                u < 0.73,
                PRIV[r.integers(0, 3, n)],
                np.where(u < 0.88, ALIAS[r.integers(0, 4, n)], custom[r.integers(0, ncus, n)]),
            ),
        ),
    )
    ctry = r.choice(NC, n, p=CW)
    st, end = W.enforce(created, 0.04, 0.02, START + 5 * DAY)
    a = W.add_accounts("op_mosaic", "fraud", created, dom, ctry, st, end)
    u = r.random(n)
    grp = r.permutation(a[u < 0.7])
    if len(grp) >= 2:
        s = split_sizes(r, len(grp), lambda k: r.integers(2, 4, k), 2)
        W.pay(grp, np.repeat(W.tokens(len(s)), s))
    own = a[(u >= 0.7) & (u < 0.9)]
    W.pay(own, W.tokens(len(own)))
    # pathways: 0 Fernway, 1 own cloud VM, 2 Tollgate, 3 mobile
    prim = r.choice(4, n, p=[0.35, 0.25, 0.25, 0.15])
    sec = r.integers(0, 4, n)
    hassec = r.random(n) < 0.4
    nvm = max(1, int(np.ceil(0.85 * n)))
    vms = np.empty(nvm, np.int64)
    pv = r.integers(0, 5, nvm)
    for i, p_ in enumerate(("aws", "gcp", "azure", "oracle", "linode")):
        sel = pv == i
        vms[sel] = W.cloud(p_, int(sel.sum()))
    myvm = vms[r.integers(0, nvm, n)]
    tg3 = W.toll[r.integers(0, len(W.toll), (n, 3))]
    # dispatcher jobs
    J = int(r.poisson(14 * NDAYS))
    jt = START + r.integers(0, SPAN, J)
    ji, ai = np.nonzero(r.random((J, n)) < 0.06)
    bs = jt[ji] + r.integers(0, 20 * MIN, len(ji))
    c = 3 + r.integers(0, 8, len(ji))
    bid = W.nsid + np.arange(len(ji))
    W.nsid += len(ji)
    ra1 = np.repeat(a[ai], c)
    g = r.exponential(15, len(ra1))
    first = np.cumsum(c) - c
    g[first] = 0
    cs = np.cumsum(g)
    rt1 = np.repeat(bs, c) + (cs - np.repeat(cs[first], c)).astype(np.int64)
    rs1 = np.repeat(bid, c)
    lo, hi = W.span(a)
    ra2, rt2, rs2 = W.life(a, r.poisson(4, n), TZH[ctry], lo, hi, "flat", 3.0, 40.0)
    ra, rt, rs = np.concatenate([ra1, ra2]), np.concatenate([rt1, rt2]), np.concatenate([rs1, rs2])
    k = len(ra)
    loc = ra - a[0]
    path = np.where(hassec[loc] & (r.random(k) < 0.3), sec[loc], prim[loc])
    hs = mix(rs, W.salt + 41)
    ip = np.empty(k, np.int64)
    s0 = path == 0
    ip[s0] = W.pool[(hs[s0] % U64(len(W.pool))).astype(np.int64)]
    s1 = path == 1
    ip[s1] = myvm[loc[s1]]
    s2 = path == 2
    ip[s2] = tg3[loc[s2], r.integers(0, 3, int(s2.sum()))]
    s3 = path == 3
    ip[s3] = W.cg(ctry[loc[s3]])
    fam = topk(r, n, [0.35, 0.25, 0.15, 0.1, 0.1, 0.05], 3)
    nf = r.integers(2, 4, n)
    tm = W.tm_mosaic[fam[loc, (r.random(k) * nf[loc]).astype(np.int64)]]
    vk = W.fresh(k)
    u = r.random(k)
    pb = (u >= 0.88) & (u < 0.95)
    tm[pb] = W.pub[r.choice(60, int(pb.sum()), p=W.pubw)]
    vk[pb] = 0
    uq = u >= 0.95
    tm[uq] = W.new_tm(int(uq.sum()))
    vk[uq] = 0
    adopt = np.where(r.random(n) < 0.75, RELEASE + hours(r.uniform(2, 23, n)), NEVER)
    m = W.ops_models(rt, adopt[loc], (0.8, 0.2, 0, 0), 0.9)
    W.emit(ra, rt, ip, m, tm, vk)


def op_hydra(W):
    r = W.r
    n0 = W.f(0.009, 80)
    sizes = split_sizes(r, n0, lambda k: np.clip(np.round(r.lognormal(np.log(6), 0.6, k)), 3, 40), 3)
    C, S = len(sizes), n0
    cell = np.repeat(np.arange(C), sizes)
    sst = np.cumsum(sizes) - sizes
    t0 = START + days(r.uniform(-45, 8, C))
    ctz = np.array([8.0, 3.0, -5.0, 1.0])[r.choice(4, C, p=[0.35, 0.3, 0.2, 0.15])]
    fam = topk(r, C, [0.22, 0.16, 0.13, 0.11, 0.1, 0.08, 0.07, 0.05, 0.04, 0.04], 2)
    adopt = RELEASE + hours(r.uniform(5, 20, C))
    nip = r.integers(2, 6, C)
    cip = np.full((C, 5), -1, np.int64)
    ids = W.static_ips(int(nip.sum()))
    cip[np.repeat(np.arange(C), nip), within(nip)] = ids
    # occupants of slots (originals first), ban sweeps and replacements
    o_slot = np.arange(S)
    o_cre = t0[cell] + hours(r.uniform(0, 60, S))
    o_end = np.full(S, NEVER, np.int64)
    o_st = np.zeros(S, np.int64)
    o_rep = np.zeros(S, np.int64)
    o_par = np.full(S, -1, np.int64)
    sweeps = START + days(np.array([8.5, 15.3, 22.6, 29.2])) + hours(r.uniform(0, 6, 4))
    for T in sweeps:
        O = len(o_slot)
        alive = (o_cre <= T - DAY) & (o_end > T)
        hit = r.random(C) < 0.18
        ban = alive & ((hit[cell[o_slot]] & (r.random(O) < 0.45)) | (r.random(O) < 0.02))
        bi = np.flatnonzero(ban)
        o_end[bi] = T + r.integers(0, 2 * HOUR, len(bi))
        o_st[bi] = np.where(r.random(len(bi)) < 0.85, 1, 2)
        rep = bi[r.random(len(bi)) < 0.8]
        rc = o_end[rep] + days(r.uniform(2, 7, len(rep)))
        ok = rc < END - 12 * HOUR
        rep, rc = rep[ok], rc[ok]
        o_slot = np.concatenate([o_slot, o_slot[rep]])
        o_cre = np.concatenate([o_cre, rc])
        o_end = np.concatenate([o_end, np.full(len(rep), NEVER, np.int64)])
        o_st = np.concatenate([o_st, np.zeros(len(rep), np.int64)])
        o_rep = np.concatenate([o_rep, np.ones(len(rep), np.int64)])
        o_par = np.concatenate([o_par, rep])
    O = len(o_slot)
    isr = o_rep == 1
    u = r.random(O)
    dom = np.where(
        isr,
        np.where(u < 0.85, W.freemail(O), PRIV[r.integers(0, 3, O)]),
        np.where(
            u < 0.7,
            W.freemail(O),
            np.where(
                u < 0.85,
                PRIV[r.integers(0, 3, O)],
                np.where(u < 0.9, UNI, W.names(r.integers(0, 10**6, O), ["com", "net", "org"], 303)),
            ),
        ),
    )
    ctry = r.choice(NC, O, p=CW)
    a = W.add_accounts("op_hydra", "fraud", o_cre, dom, ctry, o_st, o_end, o_rep)
    W.hydra_orig = a[:S]
    tok = W.tokens(O)
    shared = np.flatnonzero(r.random(C) < 0.3)
    for c_ in shared:
        k = min(int(r.integers(2, 4)), int(sizes[c_]))
        tok[sst[c_] : sst[c_] + k] = tok[sst[c_]]
    W.pay(a, tok)
    # private IP lists per occupant
    oip = np.full((O, 5), -1, np.int64)
    onip = np.zeros(O, np.int64)
    orig = ~isr
    oip[orig] = cip[cell[o_slot[orig]]]
    onip[orig] = nip[cell[o_slot[orig]]]
    ri = np.flatnonzero(isr)
    if len(ri):
        rc_ = cell[o_slot[ri]]
        key = np.where(cip[rc_] >= 0, r.random((len(ri), 5)), 2.0)
        perm = np.argsort(key, axis=1)
        kk = np.minimum(np.where(r.random(len(ri)) < 0.6, 1, 2), nip[rc_])
        oip[ri, 0] = cip[rc_, perm[:, 0]]
        oip[ri, 1] = np.where(kk == 2, cip[rc_, perm[:, 1]], -1)
        new = W.static_ips(len(ri))
        oip[ri, kk] = new
        onip[ri] = kk + 1
    # cell sessions over slots
    act0 = np.maximum(t0, START)
    ns = r.poisson(1.6 * (END - act0) / DAY)
    sc = np.repeat(np.arange(C), ns)
    u0 = np.repeat(act0, ns) + (r.random(len(sc)) * (END - np.repeat(act0, ns))).astype(np.int64)
    zs = (ctz[sc] * HOUR).astype(np.int64)
    sstart = (
        ((u0 + zs) // DAY) * DAY
        + np.searchsorted(CDF["ops"], r.random(len(sc))) * HOUR
        + r.integers(0, HOUR, len(sc))
        - zs
    )
    dur = r.integers(40 * MIN, 120 * MIN, len(sc))
    rows = np.repeat(np.arange(len(sc)), sizes[sc])
    slot = sst[sc[rows]] + within(sizes[sc])
    j = r.random(len(rows)) < 0.65
    rows, slot = rows[j], slot[j]
    c = 1 + r.poisson(5, len(rows))
    rr, rslot = np.repeat(rows, c), np.repeat(slot, c)
    rt = sstart[rr] + (r.random(len(rr)) * dur[rr]).astype(np.int64)
    # map (slot, t) -> occupant
    T0 = START - 400 * DAY
    order = np.lexsort((o_cre, o_slot))
    ok_ = o_slot[order] * (1 << 34) + (o_cre[order] - T0)
    qk = rslot * (1 << 34) + (rt - T0)
    idx = np.searchsorted(ok_, qk, "right") - 1
    good = idx >= 0
    occ = order[np.maximum(idx, 0)]
    good &= (o_slot[occ] == rslot) & (rt < o_end[occ]) & (rt >= o_cre[occ])
    occ, rt, rcell = occ[good], rt[good], sc[rr[good]]
    k = len(occ)
    priv = r.random(k) < 0.55
    pi = (r.random(k) * onip[occ]).astype(np.int64)
    ip = np.where(priv, oip[occ, pi], W.pool[r.integers(0, len(W.pool), k)])
    tm = W.tm_hydra[fam[rcell, (r.random(k) < 0.35).astype(np.int64)]]
    u = r.random(k)
    vk = np.where(u < 0.65, W.fresh(k), U64(0))
    pb = (u >= 0.85) & (u < 0.95)
    tm[pb] = W.pub[r.choice(60, int(pb.sum()), p=W.pubw)]
    vk[pb] = 0
    uq = u >= 0.95
    tm[uq] = W.new_tm(int(uq.sum()))
    m = W.ops_models(rt, adopt[rcell], (0.9, 0.1, 0, 0), 0.9)
    W.emit(a[occ], rt, ip, m, tm, vk)


def op_splinter(W):
    r = W.r
    n = W.f(0.0045, 45)
    sizes = split_sizes(r, n, lambda k: np.where(r.random(k) < 0.6, 2, 3), 2)
    C = len(sizes)
    cell = np.repeat(np.arange(C), sizes)
    ct0 = START + days(r.uniform(-30, 15, C))
    created = ct0[cell] + hours(r.uniform(0, 6, n))
    dom = np.where(r.random(n) < 0.8, W.freemail(n), PRIV[r.integers(0, 3, n)])
    ctry = r.choice(NC, n, p=CW)
    st, end = W.enforce(created, 0.03, 0, START + 5 * DAY)
    a = W.add_accounts("op_splinter", "fraud", created, dom, ctry, st, end)
    ctok = W.tokens(C)
    W.pay(a, ctok[cell])
    resold = np.flatnonzero(r.random(C) < 0.15)
    W.pay(W.hydra_orig[r.integers(0, len(W.hydra_orig), len(resold))], ctok[resold])
    # cell IPs
    nci = r.integers(1, 3, C)
    kind = r.choice(3, (C, 2), p=[0.5, 0.3, 0.2])
    cips = np.empty((C, 2), np.int64)
    cctry = ctry[np.cumsum(sizes) - sizes]
    k0 = kind == 0
    cips[k0] = W.static_ips(int(k0.sum()))
    k1 = kind == 1
    cips[k1] = W.cg(np.broadcast_to(cctry[:, None], (C, 2))[k1])
    k2 = kind == 2
    cips[k2] = W.cloud("do", int(k2.sum()))
    fams = np.concatenate([W.tm_splinter, W.tm_hydra[:1]])
    cf = topk(r, C, [0.45, 0.35, 0.2], 2)
    adopt = RELEASE + hours(r.uniform(8, 23, C))
    # op-wide jittered waves
    gaps = r.uniform(100, 160, int(SPAN / (100 * MIN)) + 2) * MIN
    wt = (START + r.uniform(0, 60 * MIN) + np.cumsum(gaps)).astype(np.int64)
    wt = wt[wt < END]
    width = r.integers(120, 241, len(wt))
    wi, ci = np.nonzero(r.random((len(wt), C)) < 0.3)
    off = (r.random(len(wi)) * width[wi]).astype(np.int64)
    rows = np.repeat(np.arange(len(wi)), sizes[ci])
    mem = (np.cumsum(sizes) - sizes)[ci[rows]] + within(sizes[ci])
    j = r.random(len(rows)) < 0.8
    rows, mem = rows[j], mem[j]
    c = 1 + (r.random(len(rows)) < 0.5)
    rr, rm = np.repeat(rows, c), np.repeat(mem, c)
    rt1 = wt[wi[rr]] + off[rr] + r.integers(0, 25, len(rr))
    lo, hi = W.span(a)
    ra2, rt2, _ = W.life(a, r.poisson(3, n), TZH[ctry], lo, hi, "human", 2.0, 60.0)
    loc = np.concatenate([rm, ra2 - a[0]])
    rt = np.concatenate([rt1, rt2])
    k = len(loc)
    cl = cell[loc]
    ip = cips[cl, (r.random(k) * nci[cl]).astype(np.int64)]
    tm = fams[cf[cl, (r.random(k) < 0.4).astype(np.int64)]]
    u = r.random(k)
    vk = np.where(u < 0.8, W.fresh(k), U64(0))
    cov = u >= 0.9
    tm[cov] = W.pub[r.choice(60, int(cov.sum()), p=W.pubw)]
    vk[cov] = 0
    m = W.ops_models(rt, adopt[cl], (0.85, 0.15, 0, 0), 0.9)
    W.emit(a[loc], rt, ip, m, tm, vk)


# =========================================================================== benign groups
def ci_fleet(W):
    r = W.r
    n = W.f(0.0005, 30)
    created = START - days(r.uniform(200, 400, n))
    a = W.add_accounts("ci_fleet_quanta", "benign_group", created, np.full(n, "quanta-logistics.io", object), CI["US"])
    W.pay(a, np.repeat(W.tokens(1, "inv_"), n))
    ips = W.cloud("azure", 3)
    tms = W.new_tm(8)
    at = topk(r, n, np.ones(8), 3)
    na = r.integers(1, 4, n)
    H = NDAYS * 24
    hi_, ai = np.nonzero(r.random((H, n)) < 0.6)
    c = 1 + r.binomial(2, 0.4, len(hi_))
    rh, rai = np.repeat(hi_, c), np.repeat(ai, c)
    k = len(rh)
    rt = START + rh * HOUR + np.repeat(r.integers(0, 12, len(hi_)), c) + r.integers(0, 4, k)
    tm = tms[at[rai, (r.random(k) * na[rai]).astype(np.int64)]]
    W.emit(a[rai], rt, ips[rai % 3], MCODE, tm, U64(0))


def enterprise(W):
    r = W.r
    n = W.f(0.001, 50)
    created = START - days(r.uniform(30, 500, n))
    a = W.add_accounts("enterprise_vireo", "benign_group", created, np.full(n, "vireo-bank.eu", object), CI["DE"])
    inv = W.tokens(1, "inv_")
    team = W.tokens(2)
    W.pay(a, np.where(r.random(n) < 0.8, inv[0], team[r.integers(0, 2, n)]))
    nat = W.add_ip(False, 0, v4("185.43.220.0") + r.choice(np.arange(1, 1023), 4, replace=False), 206514)
    runners = W.cloud("aws", 2)
    tms = W.new_tm(10)
    # CI events on weekdays 07-19 CET
    dd = np.arange(NDAYS)
    wd = dd[(dd % 7) < 5]
    ne = r.poisson(0.8 * n, len(wd))
    ev = np.repeat(START + wd * DAY, ne) + r.integers(6 * HOUR, 18 * HOUR, int(ne.sum()))
    fan = r.integers(3, 13, len(ev))
    re_ = np.repeat(np.arange(len(ev)), fan)
    racc = r.integers(0, n, len(re_))
    c = 1 + r.integers(0, 4, len(re_))
    rr, ra = np.repeat(re_, c), np.repeat(racc, c)
    rt1 = ev[rr] + r.integers(0, 40, len(rr))
    Tm = RELEASE + hours(r.uniform(1.5, 3.5))
    sw = Tm + r.integers(0, 20 * MIN, n)
    smoke = np.flatnonzero(r.random(n) < 0.4)
    cs = r.integers(2, 6, len(smoke))
    ra3 = np.repeat(smoke, cs)
    rt3 = np.maximum(sw[ra3], Tm) + r.integers(0, 10 * MIN, len(ra3))
    ra_ = np.concatenate([ra, ra3])
    rt_ = np.concatenate([rt1, rt3])
    k = len(ra_)
    tm = tms[r.integers(0, 10, k)]
    vk = np.where(r.random(k) < 0.5, U64(0), W.sticky(a[ra_], tm))
    ip = np.where(r.random(k) < 0.7, nat[r.integers(0, 4, k)], runners[r.integers(0, 2, k)])
    m = np.where(r.random(k) < 0.7, M4, MCODE).astype(np.int8)
    m[(rt_ >= sw[ra_]) & (r.random(k) < 0.97)] = M5
    W.emit(a[ra_], rt_, ip, m, tm, vk)
    # interactive work-hour sessions
    lo, hi = W.span(a)
    ra2, rt2, _ = W.life(a, r.poisson(8, n), 1.0, lo, hi, "work", 3.0, 90.0, 0.9)
    k = len(ra2)
    tm = np.where(r.random(k) < 0.3, tms[r.integers(0, 10, k)], W.new_tm(k))
    m = np.where(r.random(k) < 0.7, M4, MCODE).astype(np.int8)
    m[(rt2 >= sw[ra2 - a[0]]) & (r.random(k) < 0.9)] = M5
    W.emit(ra2, rt2, nat[r.integers(0, 4, k)], m, tm, U64(0))


def university(W):
    r = W.r
    n = W.f(0.0075, 150)
    slots = START + np.array([d * DAY + h * HOUR for d in (3, 4, 5) for h in (10, 13, 16)])
    created = slots[r.integers(0, 9, n)] + np.abs(r.normal(0, 40 * MIN, n)).astype(np.int64)
    ctry = np.where(r.random(n) < 0.8, CI["GB"], r.choice(NC, n, p=CW))
    st, end = W.enforce(created, 0.001, 0.002)
    a = W.add_accounts("university_ashford", "benign_group", created, np.full(n, UNI, object), ctry, st, end)
    u = r.random(n)
    uni_tok = W.tokens(1, "inv_")
    W.pay(a[u < 0.5], np.repeat(uni_tok, int((u < 0.5).sum())))
    own = a[u >= 0.8]
    W.pay(own, W.tokens(len(own)))
    nat = W.add_ip(False, 0, v4("194.82.0.0") + r.choice(np.arange(1, 65535), 10, replace=False), 786)
    dev = W.add_ip(
        True, (U64(0x2001063000AB) << U64(16)) | r.integers(0, 65536, n).astype(U64), W.fresh(n).view(np.int64), 786
    )
    home = W.isp_ips(ctry)
    course = W.new_tm(6)
    enr = topk(r, n, np.ones(6), 3)
    lo, hi = W.span(a)
    ns = r.poisson(9, n)
    ra, rt, rs = W.life(a, ns, 0.0, lo, hi, "study", 3.5, 80.0)
    # 35% of sessions moved into the 12 h before a deadline (23:59 UK)
    dl = START + np.array([12, 19, 26, 33]) * DAY + 23 * HOUR + 59 * MIN
    hs = mix(rs, W.salt + 51)
    mv = (hs % U64(100)).astype(np.int64) < 35
    sd = dl[((hs >> U64(8)) % U64(4)).astype(np.int64)] - ((hs >> U64(16)) % U64(12 * HOUR)).astype(np.int64)
    first_t = pd.Series(rt).groupby(rs).transform("min").to_numpy()
    rt = np.where(mv, sd + (rt - first_t), rt)
    k = len(ra)
    loc = ra - a[0]
    lh = (rt // HOUR) % 24
    dow = ((rt // DAY) + 3) % 7
    campus = (mix(rs, W.salt + 52) % U64(100)).astype(np.int64) < np.where((dow < 5) & (lh >= 9) & (lh < 18), 75, 15)
    ip = np.where(campus, np.where(r.random(k) < 0.7, nat[r.integers(0, 10, k)], dev[loc]), home[loc])
    u = r.random(k)
    tm = course[enr[loc, r.integers(0, 3, k)]]
    vk = W.fresh(k)
    pb = (u >= 0.45) & (u < 0.6)
    tm[pb] = W.pub[r.choice(60, int(pb.sum()), p=W.pubw)]
    vk[pb] = 0
    uq = u >= 0.6
    tm[uq] = W.new_tm(int(uq.sum()))
    vk[uq] = 0
    adopt = W.org_adopt(n)
    W.emit(ra, rt, ip, W.org_models(rt, adopt[loc]), tm, vk)


def research_lab(W):
    r = W.r
    n = W.f(0.00004, 8)
    created = START - days(r.uniform(20, 200, n))
    a = W.add_accounts(
        "research_lab_corvid", "benign_group", created, np.full(n, "corvid-research.org", object), CI["US"]
    )
    W.pay(a, W.tokens(2)[np.arange(n) % 2])
    ips = np.concatenate([W.cloud("hetzner", 2), W.cloud("gcp", 4)])
    tm0 = W.new_tm(1)[0]
    runs = r.poisson(8, n) + 1
    rn = np.repeat(np.arange(n), runs)
    rs = START + r.integers(0, SPAN - DAY, len(rn))
    ln = r.integers(100, 301, len(rn))
    ra = np.repeat(rn, ln)
    g = r.exponential(6, len(ra))
    first = np.cumsum(ln) - ln
    g[first] = 0
    cs = np.cumsum(g)
    rt = np.repeat(rs, ln) + (cs - np.repeat(cs[first], ln)).astype(np.int64)
    k = len(ra)
    vk = np.where(r.random(k) < 0.3, W.fixed(r.integers(1, 4, k)), W.fresh(k))
    ev5 = RELEASE + hours(r.uniform(24, 48))
    rid = np.repeat(np.arange(len(rn)), ln)
    on5 = (np.repeat(rs, ln) >= ev5) & ((mix(rid, W.salt + 61) % U64(2)) == 0)
    m = np.where(on5, M5, M4).astype(np.int8)
    ip = np.where(r.random(k) < 0.3, ips[r.integers(0, 2, k)], ips[2 + r.integers(0, 4, k)])
    W.emit(a[ra], rt, ip, m, tm0, vk)


def bootcamp(W):
    r = W.r
    n = W.f(0.002, 30)
    sizes = split_sizes(r, n, lambda k: r.integers(20, 36, k), 10)
    C = len(sizes)
    cc = r.choice([CI[c] for c in ("US", "GB", "IN", "BR", "DE")], C, p=[0.4, 0.15, 0.2, 0.15, 0.1])
    cell = np.repeat(np.arange(C), sizes)
    sd = r.integers(-5, 11, C)
    tz = TZH[cc]
    created = START + sd[cell] * DAY + hours(9 - tz[cell] + r.uniform(0, 2, n))
    ctry = cc[cell]
    a = W.add_accounts("bootcamp_cohorts", "benign_group", created, W.freemail(n), ctry)
    W.pay(a, W.tokens(C)[cell])
    room = W.isp_ips(cc)
    home = W.isp_ips(ctry)
    cur = W.new_tm(8)
    AA, TT, EX = [], [], []
    for c in range(C):
        dd = np.arange(max(sd[c], 0), NDAYS)
        dd = dd[(dd % 7) < 5]
        if not len(dd):
            continue
        mem = np.flatnonzero(cell == c)
        di, mi = np.nonzero(r.random((len(dd), len(mem))) < 0.85)
        k = 1 + r.poisson(6, len(di))
        dr, mr = np.repeat(di, k), np.repeat(mi, k)
        cs = START + dd[dr] * DAY + hours(13 - tz[c]) + r.integers(0, 4 * HOUR, len(dr))
        AA.append(mem[mr])
        TT.append(cs)
        EX.append(dd[dr] - sd[c])
    la, rt, ex = np.concatenate(AA), np.concatenate(TT), np.concatenate(EX)
    k = len(la)
    tm = cur[np.maximum(ex, 0) % 8]
    u = r.random(k)
    vk = np.where(u < 0.4, U64(0), W.fresh(k))
    uq = u >= 0.85
    tm[uq] = W.new_tm(int(uq.sum()))
    vk[uq] = 0
    adopt = W.org_adopt(n)
    W.emit(a[la], rt, room[cell[la]], W.org_models(rt, adopt[la]), tm, vk)
    W.organic(a, ctry, W.home_fn(home, ctry), 2.0)


def oss_agent(W):
    r = W.r
    n = W.f(0.03, 300)
    created = START - days(r.exponential(200, n)) + days(r.uniform(0, 20, n))
    ctry = r.choice(NC, n, p=CW)
    dom = np.where(r.random(n) < 0.8, W.freemail(n), W.names(r.integers(0, 10**6, n), ["dev", "io", "com"], 404))
    st, end = W.enforce(created, 0.002, 0.002)
    a = W.add_accounts("oss_agent_users", "benign_group", created, dom, ctry, st, end)
    own = a[r.random(n) < 0.85]
    W.pay(own, W.tokens(len(own)))
    home = W.isp_ips(ctry)
    hasvm = r.random(n) < 0.25
    vm = np.full(n, -1, np.int64)
    vm[hasvm] = W.cloud("do", int(hasvm.sum()))
    sysp, tool = W.new_tm(2)
    V = np.array([START - 60 * DAY, START - 20 * DAY, START + 9 * DAY + 15 * HOUR, RELEASE + 9 * HOUR])
    lag = (r.exponential(0.3 * DAY, (n, 4))).astype(np.int64)
    custom = r.random(n) < 0.55
    pinned = r.random(n) < 0.2
    pm = np.where(r.random(n) < 0.6, M4, MCODE)
    lo, hi = W.span(a)
    ra, rt, rs = W.life(a, 1 + r.poisson(r.lognormal(np.log(8), 0.7, n)), TZH[ctry], lo, hi, "human", 12.0, 8.0)
    k = len(ra)
    loc = ra - a[0]
    ver = np.zeros(k, np.int64)
    for v in range(1, 4):
        ver += rt >= V[v] + lag[loc, v]
    first = np.r_[True, rs[1:] != rs[:-1]]
    tm = np.where(r.random(k) < 0.5, tool, W.new_tm(k))
    vk = np.where(tm == tool, W.fresh(k), U64(0))
    tm[first] = sysp
    vk[first] = np.where(custom[loc[first]], W.sticky(ra[first], sysp, ver[first]), W.fixed(ver[first] + 100))
    m = pm[loc].astype(np.int8)
    m[(ver == 3) & ~pinned[loc] & (r.random(k) < 0.9)] = M5
    sv = hasvm[loc] & ((mix(rs, W.salt + 71) % U64(10)) < U64(4))
    ip = np.where(sv, vm[loc], home[loc])
    W.emit(ra, rt, ip, m, tm, vk)


def app_builder(W):
    r = W.r
    n = W.f(0.006, 80)
    created = START - days(r.uniform(0, 365, n)) + days(r.uniform(0, 30, n))
    ctry = r.choice(NC, n, p=CW)
    dom = W.names(np.arange(n) + 7 * 10**6, ["shop", "app", "store", "co"], 505)
    a = W.add_accounts("app_builder_lumen", "benign_group", created, dom, ctry)
    W.pay(a, W.tokens(n))
    egress = W.cloud("aws", 5)
    sysl = W.new_tm(1)[0]
    lo, hi = W.span(a)
    ra, rt, rs = W.life(a, r.poisson(r.lognormal(np.log(6), 0.8, n)), TZH[ctry], lo, hi, "human", 3.0, 120.0)
    k = len(ra)
    loc = ra - a[0]
    ver = (rt >= START + 10 * DAY).astype(np.int64) + (rt >= START + 25 * DAY)
    plat = r.random(k) < 0.5
    tm = np.where(plat, sysl, W.new_tm(k))
    vk = np.where(plat, W.fixed(ver + 200), U64(0))
    sw = np.where(r.random(n) < 0.3, RELEASE + 3 * DAY + hours(r.uniform(0, 96, n)), NEVER)
    m = np.where(rt >= sw[loc], M5, MMINI).astype(np.int8)
    W.emit(ra, rt, egress[r.integers(0, 5, k)], m, tm, vk)


def discord(W):
    r = W.r
    n = W.f(0.0025, 50)
    created = START - days(r.exponential(120, n))
    ctry = r.choice(NC, n, p=CW)
    Tb = START + 18 * DAY + 21 * HOUR
    part = r.random(n) < 0.85
    st = np.zeros(n, np.int64)
    end = np.full(n, NEVER, np.int64)
    sus = part & (r.random(n) < 0.12)
    st[sus] = 2
    end[sus] = Tb + days(r.uniform(1, 3, int(sus.sum())))
    a = W.add_accounts("discord_jailbreak", "benign_group", created, W.freemail(n), ctry, st, end)
    own = a[r.random(n) < 0.8]
    W.pay(own, W.tokens(len(own)))
    home = W.isp_ips(ctry)
    W.organic(a, ctry, W.home_fn(home, ctry), 5.0, dormant=0)
    jb = W.new_tm(1)[0]
    p = np.flatnonzero(part)
    c = 1 + r.integers(0, 3, len(p))
    lp = np.repeat(p, c)
    lag = np.where(r.random(len(p)) < 0.7, r.integers(0, 60, len(p)), r.exponential(180, len(p)).astype(np.int64))
    rt = Tb + np.repeat(lag, c) + within(c) * r.integers(5, 40, len(lp))
    vk = np.where((within(c) > 0) & (r.random(len(lp)) < 0.3), W.fresh(len(lp)), U64(0))
    W.emit(a[lp], rt, home[lp], np.int8(M4), jb, vk)


def marketplace(W):
    r = W.r
    n = W.f(0.008, 100)
    created = START - days(r.exponential(250, n))
    ctry = r.choice(NC, n, p=CW)
    a = W.add_accounts("prompt_marketplace", "benign_group", created, W.freemail(n), ctry)
    own = a[r.random(n) < 0.9]
    W.pay(own, W.tokens(len(own)))
    home = W.isp_ips(ctry)
    lst = W.new_tm(15)
    w = 1.0 / np.arange(1, 16) ** 1.2
    buy = topk(r, n, w, 3)
    nb = r.integers(1, 4, n)
    bought = START + days(r.uniform(-30, 30, n))
    fill = r.random(n) < 0.5

    def extra(loc, t, sid, tm, vk):
        use = (t >= bought[loc]) & (r.random(len(t)) < 0.4)
        li = lst[buy[loc, (r.random(len(t)) * nb[loc]).astype(np.int64)]]
        tm = np.where(use, li, tm)
        vk = np.where(use, np.where(fill[loc], W.sticky(a[loc], li), U64(0)), vk)
        return tm, vk

    W.organic(a, ctry, W.home_fn(home, ctry), 6.0, extra=extra)


def family_plans(W):
    r = W.r
    n = W.f(0.006, 60)
    sizes = split_sizes(r, n, lambda k: r.integers(4, 7, k), 4)
    F = len(sizes)
    fam = np.repeat(np.arange(F), sizes)
    fc = r.choice(NC, F, p=CW)
    start = START - days(np.minimum(r.exponential(300, F), 1100))
    created = start[fam] + days(r.uniform(0, 7, n))
    famdom = W.names(np.arange(F) + 9 * 10**6, ["family", "net", "me", "com"], 606)
    dom = np.where((r.random(F) < 0.35)[fam], famdom[fam], W.freemail(n))
    ctry = fc[fam]
    a = W.add_accounts("family_plans", "benign_group", created, dom, ctry)
    W.pay(a, W.tokens(F)[fam])
    home = W.isp_ips(fc)[fam]
    mob = r.random(n) < 0.3
    W.organic(a, ctry, W.home_fn(home, ctry, mob, 0.5), 4.0)


def secure_egress(W):
    r = W.r
    n = W.f(0.004, 80)
    K = int(r.integers(6, 11))
    comp = r.choice(K, n, p=r.dirichlet(np.ones(K) * 2))
    cc = r.choice(NC, K, p=CW)
    cd = W.names(np.arange(K) + 11 * 10**6, ["com", "de", "co.uk", "io"], 707)
    created = START - days(r.uniform(10, 600, n))
    ctry = cc[comp]
    a = W.add_accounts("secure_egress_tenants", "benign_group", created, cd[comp], ctry)
    ctok = W.tokens(K, "inv_")
    corp = r.random(n) < 0.8
    W.pay(a[corp], ctok[comp[corp]])
    W.pay(a[~corp], W.tokens(int((~corp).sum())))
    egress = W.add_ip(False, 0, v4("185.221.64.0") + r.choice(np.arange(1, 1023), 16, replace=False), 213377)
    W.organic(a, ctry, lambda loc, t, sid: egress[r.integers(0, 16, len(loc))], 7.0, prof="work", weekday=0.9)


def viral(W):
    r = W.r
    n = W.f(0.01, 100)
    Tv = START + 26 * DAY + 16 * HOUR
    new = r.random(n) < 0.6
    lag = np.where(r.random(n) < 0.5, r.uniform(0, 3 * HOUR, n), r.exponential(6 * HOUR, n)).astype(np.int64)
    created = np.where(new, Tv + lag, START - days(r.exponential(200, n)))
    ctry = r.choice(NC, n, p=CW)
    dom = np.where(r.random(n) < 0.6, "gmail.com", W.freemail(n))
    a = W.add_accounts("viral_tutorial", "benign_group", created, dom, ctry)
    cardp = np.where(new, 0.6, 0.85)
    own = a[r.random(n) < cardp]
    W.pay(own, W.tokens(len(own)))
    home = W.isp_ips(ctry)
    mob = r.random(n) < 0.2
    W.organic(a, ctry, W.home_fn(home, ctry, mob, 0.6), 3.0)
    tut = W.new_tm(3)
    t0 = np.maximum(created, Tv) + lag // 4 + r.integers(60, 600, n)
    la = np.repeat(np.arange(n), 3)
    step = np.tile(np.arange(3), n)
    rt = t0[la] + step * r.integers(30, 121, len(la))
    vk = np.where(r.random(len(la)) < 0.8, U64(0), W.sticky(a[la], tut[step]))
    W.emit(a[la], rt, home[la], np.int8(M4), tut[step], vk)


# =========================================================================== organic
def org_accounts(W, group, n, created=None, ctry=None, card=0.85):
    r = W.r
    if created is None:
        created = START - days(np.minimum(r.exponential(260, n), 1100) + r.uniform(-34, 0, n))
    if ctry is None:
        ctry = r.choice(NC, n, p=CW)
    u = r.random(n)
    isp_mail = np.array([ISPMAIL.get(CTRY[c], "gmail.com") for c in range(NC)], object)
    dom = np.where(
        u < 0.8,
        W.freemail(n),
        np.where(
            u < 0.88, isp_mail[ctry], W.names(r.integers(0, max(2, W.n // 20), n), ["com", "net", "io", "co"], 808)
        ),
    )
    st, end = W.enforce(created, 0.003, 0.002)
    a = W.add_accounts(group, "organic", created, dom, ctry, st, end)
    u = r.random(n)
    one = a[u < card]
    W.pay(one, W.tokens(len(one)))
    two = a[u < card * 0.03]
    W.pay(two, W.tokens(len(two)))
    return a, ctry


def cron(W):
    r = W.r
    n = W.f(0.012, 150)
    a, ctry = org_accounts(W, "organic_cron", n, card=0.9)
    home = W.isp_ips(ctry)
    W.organic(a, ctry, W.home_fn(home, ctry), 3.0)
    lo, hi = W.span(a)
    kind = r.choice(4, n, p=[0.7, 0.15, 0.1, 0.05])
    hr = np.where(r.random(n) < 0.6, r.integers(5, 9, n), r.integers(0, 24, n))
    tz = TZH[ctry]
    jt = []
    loc = []
    for k_, step in ((0, DAY), (1, 6 * HOUR), (3, 7 * DAY)):
        s = np.flatnonzero(kind == k_)
        K = SPAN // step + 2
        t = (START + hr[s, None] * HOUR - np.round(tz[s, None]) * HOUR + np.arange(K)[None, :] * step).astype(np.int64)
        loc.append(np.repeat(s, K))
        jt.append(t.ravel())
    s = np.flatnonzero(kind == 2)
    dlen = r.integers(2, 8, len(s))
    d0 = START + days(r.integers(0, NDAYS - 7, len(s)))
    hl = dlen * 24
    loc.append(np.repeat(s, hl))
    jt.append(np.repeat(d0, hl) + within(hl) * HOUR)
    loc, jt = np.concatenate(loc), np.concatenate(jt)
    keep = (r.random(len(jt)) > 0.05) & (jt >= lo[loc]) & (jt < hi[loc])
    loc, jt = loc[keep], jt[keep]
    c = 1 + (r.random(len(jt)) < 0.2)
    loc, jt = np.repeat(loc, c), np.repeat(jt, c) + r.integers(0, 4, int(c.sum()))
    ctm = W.new_tm(6)
    cw = np.array([0.35, 0.22, 0.15, 0.12, 0.09, 0.07])
    job = np.where(r.random(n) < 0.5, W.new_tm(n), ctm[r.choice(6, n, p=cw)])
    jm = r.choice(3, n, p=[0.6, 0.3, 0.1])
    mm = np.where(jm[loc] == 0, MMINI, M4).astype(np.int8)
    mm[(jm[loc] == 2) & (jt >= RELEASE)] = M5
    W.emit(a[loc], jt, home[loc], mm, job[loc], U64(0))


def proxy_customers(W):
    r = W.r
    n = W.f(0.025, 300)
    a, ctry = org_accounts(W, "organic_proxy_customer", n)
    home = W.isp_ips(ctry)
    P = len(W.pool)

    def fn(loc, t, sid):
        h = mix(sid, W.salt + 81)
        via = (h % U64(10)) < U64(7)
        rot = (h >> U64(8)) % U64(10) < U64(3)
        ex = np.where(rot, r.integers(0, P, len(loc)), ((h >> U64(16)) % U64(P)).astype(np.int64))
        return np.where(via, W.pool[ex], home[loc])

    W.organic(a, ctry, fn, 6.0)


def reseller_customers(W):
    r = W.r
    n = W.f(0.008, 100)
    a, ctry = org_accounts(W, "organic_reseller_customer", n)
    G = len(W.toll)
    gw = W.toll[r.integers(0, G, (n, 4))]
    ng = r.integers(2, 5, n)
    W.organic(a, ctry, lambda loc, t, sid: gw[loc, (r.random(len(loc)) * ng[loc]).astype(np.int64)], 6.0)


def cafe(W):
    r = W.r
    n = W.f(0.015, 150)
    reg = r.choice(3, n, p=[0.55, 0.25, 0.2])
    rc = np.array([CI["US"], CI["GB"], CI["JP"]])
    a, ctry = org_accounts(W, "organic_cafe_wifi", n, ctry=rc[reg])
    home = W.isp_ips(ctry)
    wifi = W.isp_ips(np.repeat(rc, 4)).reshape(3, 4)

    def fn(loc, t, sid):
        lt = t + (TZH[ctry[loc]] * HOUR).astype(np.int64)
        lh = (lt // HOUR) % 24
        dow = ((lt // DAY) + 3) % 7
        day = (dow < 5) & (lh >= 7) & (lh < 19)
        atc = day & ((mix(sid, W.salt + 91) % U64(100)) < U64(45))
        return np.where(atc, wifi[reg[loc], (mix(sid, W.salt + 92) % U64(4)).astype(np.int64)], home[loc])

    W.organic(a, ctry, fn, 6.0)


def retry_storm(W):
    r = W.r
    n = W.f(0.02, 200)
    a, ctry = org_accounts(
        W, "organic_retry_storm", n, created=START - days(np.minimum(r.exponential(260, n), 1100) + 1)
    )
    home = W.isp_ips(ctry)
    mob = r.random(n) < 0.25
    W.organic(a, ctry, W.home_fn(home, ctry, mob, 0.6), 5.0, dormant=0)
    Trec = START + 28 * DAY + 13 * HOUR + 37 * MIN
    c = 1 + r.integers(0, 4, n)
    la = np.repeat(np.arange(n), c)
    rt = Trec + np.repeat(r.integers(0, 90, n), c) + (2 ** within(c) - 1) * r.integers(1, 3, len(la))
    tm = W.new_tm(n)
    W.emit(a[la], rt, home[la], np.int8(M4), tm[la], U64(0))


def rest(W):
    r = W.r
    R = max(0, W.n - W.na)
    nm = int(R * 0.16)
    nh = int(R * 0.18)
    ni = R - nm - nh
    # mobile-only people
    a, ctry = org_accounts(W, "organic_mobile", nm, card=0.7)
    v6 = r.random(nm) < 0.45

    def mfn(loc, t, sid):
        ip = W.cg(ctry[loc])
        s = v6[loc]
        if s.any():
            ip[s] = W.mobile_v6(a[loc[s]], t[s], ctry[loc[s]])
        return ip

    W.organic(a, ctry, mfn, 5.0)
    # households of 2-3 (occasionally 4)
    if nh >= 2:
        sizes = split_sizes(r, nh, lambda k: r.choice([2, 3, 4], k, p=[0.65, 0.3, 0.05]), 2)
        H = len(sizes)
        hh = np.repeat(np.arange(H), sizes)
        hc = r.choice(NC, H, p=CW)
        hcre = START - days(np.minimum(r.exponential(300, H), 1100))
        created = hcre[hh] + days(r.exponential(60, nh))
        ctry = hc[hh]
        u = r.random(nh)
        st, end = W.enforce(created, 0.003, 0.002)
        shared_dom = (r.random(H) < 0.5)[hh]
        dom = np.where(shared_dom, FREE[r.choice(len(FREE), H, p=FREEW)][hh], W.freemail(nh))
        a = W.add_accounts("organic_household", "organic", created, dom, ctry, st, end)
        share = r.random(H) < 0.75
        ht = W.tokens(H)
        sh = share[hh]
        W.pay(a[sh], ht[hh[sh]])
        own = a[~sh & (r.random(nh) < 0.8)]
        W.pay(own, W.tokens(len(own)))
        home = W.isp_ips(hc)[hh]
        W.organic(a, ctry, W.home_fn(home, ctry, r.random(nh) < 0.2, 0.5), 5.0)
    # individuals
    a, ctry = org_accounts(W, "organic_individual", ni)
    home = W.isp_ips(ctry)
    second = r.random(ni) < 0.1
    home2 = home.copy()
    home2[second] = W.isp_ips(ctry[second])
    mob = r.random(ni) < 0.12
    base = W.home_fn(home, ctry, mob, 0.5)

    def ifn(loc, t, sid):
        ip = base(loc, t, sid)
        alt = second[loc] & ((mix(sid, W.salt + 99) % U64(3)) == 0) & (ip == home[loc])
        ip[alt] = home2[loc[alt]]
        return ip

    W.organic(a, ctry, ifn, 5.0)


# =========================================================================== output
def ip_strings(W, used):
    v6 = np.concatenate(W.IP["v6"])[used]
    hi = np.concatenate(W.IP["hi"])[used]
    lo = np.concatenate(W.IP["lo"])[used]
    dec = pa.array([str(i) for i in range(256)])
    hx = pa.array([format(i, "x") for i in range(65536)])
    lo32 = lo & U64(0xFFFFFFFF)
    s4 = pc.binary_join_element_wise(
        *[dec.take(pa.array(((lo32 >> U64(s)) & U64(255)).astype(np.int64))) for s in (24, 16, 8, 0)], "."
    )
    g = [((hi >> U64(s)) & U64(0xFFFF)).astype(np.int64) for s in (48, 32, 16, 0)] + [
        ((lo >> U64(s)) & U64(0xFFFF)).astype(np.int64) for s in (48, 32, 16, 0)
    ]
    s6 = pc.binary_join_element_wise(*[hx.take(pa.array(x)) for x in g], ":")
    return pc.if_else(pa.array(v6), s6, s4)


def tsarr(ms):
    return pa.array(np.asarray(ms, np.int64), pa.int64()).cast(pa.timestamp("ms", tz="UTC"))


def write_chunked(path, nrows, cols, chunk=2_000_000):
    """write a table of nrows built slice by slice by cols(slice) -> dict of arrays (bounded memory)."""
    wr = None
    for s in range(0, max(nrows, 1), chunk):
        t = pa.table(cols(slice(s, s + chunk)))
        if wr is None:
            wr = pq.ParquetWriter(path, t.schema, compression="zstd")
        wr.write_table(t)
        del t
        pa.default_memory_pool().release_unused()
    wr.close()


def write(W, out):
    r = W.r
    os.makedirs(out, exist_ok=True)
    A = {k: np.concatenate(v) for k, v in W.A.items()}
    n = W.na
    created, end = A["created"], A["end"]
    aid = b32(mix(np.arange(n, dtype=np.int64), W.salt + 1), "u", 13)
    # ---- requests
    R = W.R
    ra = np.concatenate(R.pop("a"))
    rt = np.concatenate(R.pop("t"))
    keep = (rt >= np.maximum(created[ra], START)) & (rt < np.minimum(end[ra], END))
    ra, rt = ra[keep], rt[keep]
    rip = np.concatenate(R.pop("ip"))[keep]
    rm = np.concatenate(R.pop("m"))[keep]
    rtm = np.concatenate(R.pop("tm"))[keep]
    rvk = np.concatenate(R.pop("vk"))[keep]
    del keep
    ms = rt * 1000 + r.integers(0, 1000, len(rt))
    del rt
    o = np.argsort(ms, kind="stable")
    ra = ra[o]
    ms = ms[o]
    rip = rip[o]
    rm = rm[o]
    rtm = rtm[o]
    rvk = rvk[o]
    del o
    # canonical IPs (same address -> one id)
    v6 = np.concatenate(W.IP["v6"])
    hi = np.concatenate(W.IP["hi"])
    lo = np.concatenate(W.IP["lo"])
    asn_all = np.concatenate(W.IP["asn"])
    lo = np.where(v6, lo, lo & U64(0xFFFFFFFF))
    ordr = np.lexsort((lo, hi, v6))
    newg = np.r_[
        True, (v6[ordr][1:] != v6[ordr][:-1]) | (hi[ordr][1:] != hi[ordr][:-1]) | (lo[ordr][1:] != lo[ordr][:-1])
    ]
    gid = np.cumsum(newg) - 1
    canon = np.empty(len(ordr), np.int64)
    canon[ordr] = ordr[np.flatnonzero(newg)][gid]
    rip = canon[rip]
    isused = np.zeros(len(canon), bool)
    isused[rip] = True
    used = np.flatnonzero(isused)
    remap = np.cumsum(isused) - 1
    rip = remap[rip]
    del remap, isused, canon, ordr, newg, gid, v6, hi, lo
    ipstr = ip_strings(W, used)
    ipasn = asn_all[used]
    # prompt variants
    key = mix(mix(rtm.astype(U64), W.salt + 3) ^ rvk, W.salt + 4)
    uk, first, vinv = np.unique(key, return_index=True, return_inverse=True)
    del key
    vinv = vinv.astype(np.int64 if len(uk) >= 2**31 else np.int32)
    vtm, vvk = rtm[first], rvk[first]
    del rtm, rvk, first
    sim = mix(vtm.astype(U64) ^ U64(W.salt), W.salt + 11) ^ flipmask(vvk)
    fps = b32(mix(uk, W.salt + 12), "pf_", 13)
    sims = hex16(sim)
    del uk, vtm, vvk, sim
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
        """per (account, col): first/last timestamp and count (ms is sorted, so a stable sort keeps time order)."""
        sh = int(max(1, int(col.max()) + 1)).bit_length()
        k = (ra.astype(np.int64) << sh) | col
        o = np.argsort(k, kind="stable")
        k = k[o]
        st = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
        c = np.diff(np.r_[st, len(k)])
        f, la = ms[o[st]], ms[o[st + c - 1]]
        k = k[st]
        return k >> sh, k & ((1 << sh) - 1), f, la, c.astype(np.int64)

    ka, ki, f, la, c = agg(rip.astype(np.int64))
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
    ka, kv, f, la, c = agg(vinv.astype(np.int64))
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
    del ra, ms, rip, rm, vinv
    # ---- payment methods
    pa_a = np.concatenate(W.pay_a)
    pa_t = np.concatenate(W.pay_t)
    kinds = np.concatenate(W.tokkind)
    ti = np.arange(W.ntok)
    tokstr = np.char.add(
        np.char.add(kinds.astype(str), np.asarray(b32(mix(ti, W.salt + 13), "", 12)).astype(str)),
        np.asarray(b32(mix(ti, W.salt + 14), "", 12)).astype(str),
    )
    fs = (np.maximum(created[pa_a], START - 500 * DAY) + r.integers(0, 2 * DAY, len(pa_a))) * 1000 + r.integers(
        0, 1000, len(pa_a)
    )
    ls = np.where(lastact[pa_a] >= 0, lastact[pa_a], np.minimum(end[pa_a], END) * 1000)
    ls = np.maximum(ls, fs)
    o = np.lexsort((pa_t, pa_a))
    pq.write_table(
        pa.table(
            {
                "account_id": aid.take(pa.array(pa_a[o])),
                "payment_method_id": pa.array(tokstr[pa_t[o]]),
                "first_seen": tsarr(fs[o]),
                "last_seen": tsarr(ls[o]),
            }
        ),
        f"{out}/payment_methods.parquet",
        compression="zstd",
    )
    # ---- accounts (ordered by creation time)
    cms = created * 1000 + r.integers(0, 1000, n)
    o = np.argsort(cms, kind="stable")
    status = STATUS[A["status"]]
    pq.write_table(
        pa.table(
            {
                "account_id": aid.take(pa.array(o)),
                "created_at": tsarr(cms[o]),
                "email_domain": pa.array(A["domain"][o].astype(str)),
                "country": pa.array(np.array(CTRY)[A["ctry"][o]]),
                "status": pa.array(status[o]),
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
    for fn in (
        op_tidewave,
        op_mosaic,
        op_hydra,
        op_splinter,
        ci_fleet,
        enterprise,
        university,
        research_lab,
        bootcamp,
        oss_agent,
        app_builder,
        discord,
        marketplace,
        family_plans,
        secure_egress,
        viral,
        cron,
        proxy_customers,
        reseller_customers,
        cafe,
        retry_storm,
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
