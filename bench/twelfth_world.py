#!/usr/bin/env python
# ruff: noqa: E501
"""twelfth_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/twelfth_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and
``requests`` (+ ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the columns
``account_id,group,kind,status,replacement``.  Only numpy, pandas and pyarrow are used; one
``numpy.random.Generator`` seeded from ``--seed`` makes every random choice in a fixed order, so a
seed always gives the same files.  Default N = 20,000; N >= 5,000 (floors keep small groups alive,
the organic population fills up to exactly N accounts).  Written from the data contract and the
threat description of issue 11 only, without looking at the detector.

CLOCK, MODELS, IDENTIFIERS
    Six weeks from Mon 2026-05-04 00:00 UTC to Mon 2026-06-15.  Models ``kite-2``, ``kite-2-mini``,
    ``kite-2-code`` exist all along; ``kite-3`` is released Wed 2026-05-27 16:30 UTC (day 23).  Ordinary
    people adopt it on a curve (4% within a day, 38% after an exponential lag of about a week, the rest
    never; an adopter sends 70% of later requests to it).  Account ids are ``acct_`` + 12 base-32
    characters, payment methods opaque ``tok_`` tokens, fingerprints ``fp_`` tokens; no column ever
    holds a run of 13 or more decimal digits (SimHash values with such a run get one nibble forced to
    a-f), so nothing can pass for a card number.  ``proxies`` and ``prompt_fingerprints`` are exact
    aggregates of the request log (first_seen, last_seen, request_count); ``payment_methods`` carries
    the attach time as first_seen and the detach time (card swaps) or last activity as last_seen.
    Requests before ``created_at``, after a ban/suspension or outside the window are dropped.

PROMPTS AND SIMHASH
    A template has a random 64-bit SimHash base (unrelated templates ~32 bits apart) and a canonical
    fingerprint (the exact text).  A paraphrase is a new fingerprint whose SimHash is the base with k
    bits flipped.  60 Zipf-popular public templates (65% sent verbatim, 35% as one of 24 shared common
    edits each), the system prompt of the open-source agent framework "Autoloom" (three versions,
    3-4 bits apart, released before the window, on day 9 and on day 27; users upgrade with a lag) plus
    its tool-call template (fresh 2-5 bit paraphrases), 5 popular cron-script prompts, unique prompts
    (a brand-new template each) and per-account personal templates (half verbatim, half 1-4 bit edits).

IP SPACE (every IP has one ASN; IPv4 addresses in /16 blocks of that ASN, at most ~4,000 used addresses
    per block; IPv6 in one /32 per ASN, a /64 per home or rented subnet)
    20 countries with 1-3 home ISPs (15% of homes on IPv6), one mobile carrier each with a CGNAT pool
    (~0.4% of N x country weight addresses), per-country DHCP pools whose addresses move between
    unrelated subscribers every few days; AWS / GCP / Azure, hosting (Hetzner, OVH, DigitalOcean,
    Linode, Vultr), business ISPs for office NATs.  Shared services: the "Quiltnet" residential proxy
    network (N/10 exits on home ISP ASNs, a 15% "premium sticky" slice) rented by op_storefront AND by
    thousands of ordinary customers; the "Ardent VPN" (N/500 exits, Zipf-popular); a ZTNA security
    cloud (N/2500 egress IPs, AS53813) used by many companies' staff; GitHub-hosted runners (N/40 Azure
    IPs); an AWS address pool (N/6) that spot instances and developers draw from; the Dutch research
    network (AS1103, 6 NAT IPs shared by universities).

FRAUD OPERATIONS (kind ``fraud``, about 3% of N including replacements)
---------------------------------------------------------------------------
``op_cadence``  (max(60, 0.6% N) + replacements) -- a distillation fleet DISGUISED AS A COMPANY'S CI
    FLEET, hiding its lockstep inside the busiest windows of the day.  Accounts are signed up in four
    "onboarding" batches (6 business hours each, days -30..+5), 70% on one of four vanity company
    domains (flowgrid-systems.io style, "offices" in US/DE/NL/SG), 30% webmail; cards shared in chunks
    of 3-6 ("cost centres").  Each account is pinned to one of the op's n/5 AWS IPs (the ASN real CI
    runners and developers use; 3% of requests from another op IP).  Timing: load-balanced shards --
    the fleet is split into 8 shards; every half hour exactly at :00 and :30 (+0-75 s, like a CI
    queue) one shard (rotating, daily random phase) is dispatched and each member fires with p=.5,
    1+Poisson(.8) requests 3-20 s apart: ~5 firings/day/account, the same shard-mates together ~60
    times, all inside the top-of-hour / half-hour peaks that thousands of cron users and CI fleets
    share.  Prompts are what CI never sends: 80% fresh 1-4 bit paraphrases of 2 of 4 op families, 10%
    the exact family text, 10% cron-script/popular cover.  kite-2-code (70%) -> kite-3 fleet-wide at
    release + 1-3 h.  Ban sweeps on day 16 (25% of live accounts) and day 33 (12%), 90% banned / 10%
    suspended; 80% are replaced 2-4 days later (replacement=1) on the predecessor's domain (70%), IP,
    shard and families, with fresh chunked cards.
    Signal tested: lockstep that only stands out from the generic :00 crowd through rare
    infrastructure + template families; replacements through inherited IPs and families.

``op_homestead``  (max(25, 0.2% N) households of 2-4, ~0.55% N, + replacement households) -- an
    operation that MIMICS FAMILIES.  Every fake household has exactly what a real one has: one rented
    static residential "ISP proxy" address on a home ISP of its country (US/GB/CA/AU/ES/MX/BR/DE), one
    family card shared by all members (85%; else own cards), members who join over 1-20 days, webmail
    or a family vanity domain (30%, e.g. ``the-okafors.net``, like real families), 20% of traffic from
    the carrier's CGNAT pool ("phones"), plus ordinary family-looking cover sessions.  Households share
    NOTHING concrete with each other.  Coordination is coarse: op-wide work EPISODES (Poisson, ~3 a day,
    40-120 min, any hour, no diurnal rhythm); each household joins an episode with p=.45, each member
    with p=.8, sending Poisson requests (~1 per 20 min) at independent times: co-activity at the 10-60
    minute scale, hardly any same-minute coincidence.  MULTILINGUAL templates: 3 tasks x 4 languages
    (en/es/pt/de) = 12 unrelated SimHash bases; a household uses its language's versions (88% fresh 1-5
    bit paraphrases, 12% cover).  kite-3 from release + 4-10 h for all households at once.  Sweeps on
    days 12.4, 24.6 and 35.3 ban 15% of the complete live households (all members; 80% banned, 20%
    suspended); 85% come back 3-8 days later as a NEW household (replacement=1): new static IP, new
    card, new domain, same country/language/families -- linked to the old one by nothing but template
    families and episode timing.
    Signal tested: cross-household linking by template families (per language) and coarse co-activity
    when every household on its own looks like a family.

``op_understudy``  (max(60, 0.5% N) working accounts + 40% warm spares + late replacements) -- ban
    evasion with WARM SPARES.  Cells of 8-20 working accounts; each cell is created in one sign-up batch
    (2-8 h, days -50..-10) together with ceil(40%) spare accounts.  Webmail 65%, privacy mail 20%, and 15%
    on ``alumni.vechtdal-uni.nl`` (the university's alumni forwarding domain, also used by real alumni).
    Own virtual card each (nothing shared).  Half the cells sit on 3-5 sticky hosting IPv4s (slot pinned),
    half on one IPv6 /64 at Hetzner with a NEW address for every work ticket (exact IPs never repeat).
    Every account sends 1-2 copies of its cell's exact "smoke test" prompt at creation (visible for
    accounts created inside the window), and idle spares send a weekly keep-alive with it.  Work: one daily shift per cell (fixed UTC start 00/01/02/13/14 h, 9 h,
    Mon-Fri); each working account handles Poisson tickets (~3 a shift) of 2-6 requests 15-45 s apart:
    co-active by the hour, not the minute.  Prompts: 2 of 6 op families, 40% one of the account's 6
    favourite paraphrases, 55% fresh 2-5 bit paraphrases, 5% exact.  Bans: daily hazard 0.9% from day 6
    (85% banned / 15% suspended).  A banned account's slot is taken over 10-90 minutes later by the next
    spare -- an account CREATED WEEKS BEFORE THE BAN (replacement=1) -- which inherits the slot's IP(s);
    once the spares are used up, new accounts are created 1-3 days later (replacement=1).  Unused spares
    stay fraud with replacement=0.  kite-3 from the first shift >= release + 2 h.
    Signal tested: replacements that predate the ban; linking through the cell's smoke-test prompt,
    inherited IPs / a shared IPv6 /64 only, template families and shift co-activity.

``op_storefront``  (max(50, 0.45% N) keys + replacements) -- a HYDRA API reseller that mixes
    distillation with its own customers' requests.  The operator sells cheap API access; its pool of
    keys (created continuously from day -40 to day 30; webmail, privacy mail, throwaway domains; many
    countries) forwards customer traffic (~50 requests per key: unique, popular and agent-framework
    prompts at all hours, a random Quiltnet exit per request) AND the operator's distillation queue:
    ~3 runs a day of 1-3 h; each run picks 15% of the live keys, each sending Poisson(6) requests
    through ONE sticky premium Quiltnet exit for the run.  Distillation prompts come from 3 DRIFTING
    template families: the generator is edited daily (each day with p=.65 one more bit of the family
    centre flips), requests are 1-2 bit paraphrases of the day's centre (20% the day's exact text), so
    the family drifts ~25 bits over the window while consecutive days stay near-duplicates.  Cards: a
    pool of K/2.2 prepaid tokens; each key draws one, 35% later hot-swap to another pool card (the old
    card's last_seen ends there), so cards are shared by 1-4 keys, overlapping in time.  Keys die by a
    0.7%/day hazard (60% suspended, 40% banned) and are replaced 6-36 h later with a pool card
    (replacement=1).  Distillation moves to kite-3 on 10% canary keys at release + 1-3 h, the rest at
    release + 10-20 h; customer traffic adopts slowly.
    Signal tested: fraud accounts whose traffic is half innocent; template families that chain through
    time; IP sharing only inside a huge mixed pool; card pool hot-swaps.

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be flagged)
---------------------------------------------------------------------
``trap_market_open``  (max(80, 0.4% N)) retail traders and analysts (US 75%, CA, GB): own cards,
    home/mobile IPs, webmail or small finance firms.  On every trading day (Memorial Day, day 21, is a
    holiday) at 09:30:00 ET each trader fires with p=.3-.8 a pre-market question within ~25 s (lognormal)
    plus follow-ups; on four macro-data mornings (CPI / jobs report, 08:30 ET) 75% fire within a minute.
    5 finance templates: 60% the trader's own sticky paraphrases, 15% a newsletter's exact prompt, 25%
    fresh edits.  Suspicious: the same ~N/250 accounts in the same minute on ~30 occasions with
    near-duplicate templates.  Innocent: an exogenous clock; no shared card, IP, domain or infrastructure;
    long-lived accounts with personal traffic.
``trap_gha_runners``  (max(120, 0.6% N)) developers using the open-source GitHub Action "pr-sage":
    jobs run on GitHub-hosted runners (a random Azure runner IP per job from a pool shared by every
    user); 65% of the users have a daily schedule (00:00 UTC for 70% of them, 06:00 / 12:00 others), 15%
    an hourly one for 2-8 days, 20% only PR-triggered runs in their working hours; the
    platform's scheduler delays EVERY job of an hour slot by the same 3-12 min (10-25 min at midnight) +
    ~1 min jitter, so independent accounts fire in the same minute night after night.  Requests are
    2-6 bit variants of the action's review template (3 versions; 15% exact).  The action's release at
    release + 6 h switches its default to kite-3: 70% of users (floating tag) adopt within a day.
    Suspicious: same-minute co-activity, shared cloud IPs, near-duplicate prompts, 24 h model adoption.
    Innocent: thousands share the runner pool and the template; own cards; independent owners.
``trap_mdm_rollout``  (max(50, 0.3% N), 1 company per 100k) an enterprise rolls out a desktop assistant:
    SCIM provisions accounts in five NIGHTLY BATCHES (02:00 local, one account every 5-15 s), each
    employee on their OWN virtual card from the corporate card program (no shared card), traffic
    through a ZTNA cloud's egress IPs that many other companies' staff also use (organic_ztna), the
    assistant's bundled system prompt (2 versions) on 45% of requests, and IT flips the assistant to
    kite-3 for everybody at release + 2-3 h.  Suspicious: machine-cadence sign-up bursts, no shared
    card, shared cloud egress, one template, fleet-wide fast adoption.  Innocent: one company domain,
    office-hour rhythm, personal prompts.
``trap_billing_migration``  (max(4, N/4000) teams of 5-20) small companies whose team accounts are all
    SUSPENDED on one billing run (card failed, day 8-30); 1-6 days later the admin creates new accounts
    for 80% of the team within two hours: fresh company card, same domain, same office NAT and home
    IPs, same team templates (replacement=0).  Suspicious: a suspended cell replaced by new accounts
    reusing its IPs and templates.  Innocent: billing suspension, company domain, office hours.
``trap_launch_day``  (max(100, 0.5% N)) enthusiasts trying kite-3 within hours of release (lognormal,
    median 2 h) with the famous test prompts (6 templates, 70% verbatim); 25% of them sign up in the
    hours after the release (40% of those without a card).  Suspicious: new model within 24 h, same
    prompts, a sign-up burst.  Innocent: no shared infrastructure, one-off.
``trap_citizen_science``  (max(80, 0.4% N)) volunteers of the "StarSift" project running its client
    with their own keys: the coordinator publishes work at 06:00 and 18:00 UTC; each client polls every
    5 minutes at its own fixed phase, so it starts at the same offset each time (+-3 s) and sends 3-8
    work units 20-40 s apart, one template family (version 2 from day 15), 1-3 bit slot-filled
    paraphrases, kite-2-mini, kite-3 only at release + 30 h.  Suspicious: waves of the same accounts
    every 12 h, one template family, high volume.  Innocent: home IPs all over the world, own cards,
    25% university domains, long histories with personal traffic.
``trap_roleplay_frontend``  (max(120, 0.6% N)) users of the open-source roleplay frontend "Tavernly"
    (5 preset system prompts, per-user character-card templates, evening sessions, heavy tails).  A
    content-policy sweep on day 19 (15:00 UTC + 0-3 h) bans 20% of them; 35% of the banned come back
    1-9 days later with a new account from the same home IP, 30% even with the same card, same presets
    and characters (replacement=0: individuals, not an operation).  Suspicious: banned accounts tied to
    new ones created after the ban through IPs, cards and a template family.  Innocent: one-to-one
    returns, the preset family is shared by thousands.
``trap_spot_lab``  (max(12, 0.04% N) keys, 1 lab per 120k) the Meridian Institute's eval harness: one
    lab domain, one lab card (+ a grant card on 30%), ~2 sweeps a day launched on 30-70% of the keys in
    the same minute, each key on a FRESH AWS spot address per sweep (from the pool developers use),
    10-40 requests 3-8 s apart, ONE eval family (4 siblings, 1-3 bit paraphrases), kite-3 from release
    + 2-5 h on 60% of sweeps.  Suspicious: huge volume in one family, same-minute launches, cloud IPs,
    fast adoption.  Innocent: one organisation's domain and billing hub.
``trap_university_nren``  (max(150, 0.75% N); 1,500 at 200k) ``student.vechtdal-uni.nl``: all created on
    days 1-3 in hourly onboarding sessions, 70% without a card (education credits), 55% of sessions via
    the research network's 6 NAT IPs (shared with staff of other universities), 4 course template
    families.  Suspicious: a sign-up burst sharing a domain that op_understudy's alumni addresses
    resemble.  Innocent: students.

ORGANIC POPULATION (kind ``organic``, the rest: ~92-93% of N)
--------------------------------------------------------------
Created up to three years back (exponential, mean 300 days; 15% during the window); activity
lognormal (median 5 requests, sigma 1.2; 8% dormant), sessions of ~2.5 requests in the local
diurnal rhythm; 52% unique prompts, 27% popular, 6% agent framework (35% for agent users), 15%
personal; 80% own card, 5% a second card, 15% none; 0.4% banned and 0.2% suspended at random.
``organic_household`` (households of 1-5 on one home IP, 15% IPv6, 20% of households on a DHCP pool
that moves them to a new address every 3-14 days; in multi-person households 45% share one card, 4%
a family domain; 1.5% use the alumni domain), ``organic_mobile`` (carrier CGNAT only), ``organic_company``
(2-60 colleagues, own domain, office NAT, company card in 45% of companies, a shared company template,
work hours), ``organic_vpn`` (Ardent VPN), ``organic_proxy_customer`` (Quiltnet: 50-95% of their requests
via random exits -- the same exits op_storefront uses), ``organic_cloud_dev`` (own AWS/GCP/Hetzner IP,
code model), ``organic_cron`` (1-2 jobs exactly at minute :00 +0-4 s: daily, 6-hourly or hourly for a
few days; 35% a popular cron-script prompt; 10% on a "latest" alias that jumps to kite-3 at release),
``organic_ztna`` (staff of other companies behind the ZTNA cloud), ``organic_academic`` (staff on the
research network) and ``organic_agent_dev`` (heavy Autoloom users).
"""

from __future__ import annotations

import argparse
import heapq
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DAY, HOUR, MIN = 86400, 3600, 60
T0 = np.datetime64("2026-05-04T00:00:00", "s")  # a Monday
NDAYS = 42
SPAN = NDAYS * DAY
REL = 23 * DAY + 16 * HOUR + 30 * MIN  # kite-3 release
NEVER = np.int64(4_000_000_000)
MODELS = np.array(["kite-2", "kite-2-mini", "kite-2-code", "kite-3"], dtype=object)
K2, KMINI, KCODE, K3 = 0, 1, 2, 3


def _norm(x):
    x = np.asarray(x, dtype=float)
    return x / x.sum()


HUMAN = _norm(
    [
        1.0,
        0.6,
        0.4,
        0.3,
        0.3,
        0.4,
        0.8,
        1.5,
        2.5,
        3.3,
        3.8,
        3.9,
        3.7,
        3.9,
        4.0,
        4.1,
        3.9,
        3.7,
        3.8,
        4.1,
        4.3,
        3.9,
        3.0,
        2.0,
    ]
)
WORK = _norm([0.05] * 7 + [0.8, 3, 5, 5.5, 5, 3.5, 5, 5.5, 5, 4, 1.5] + [0.4, 0.3, 0.2, 0.1, 0.05, 0.05])
EVENING = _norm(
    [2.5, 1.8, 1.0, 0.5, 0.2, 0.1, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.1, 1.1, 1.2, 1.3, 1.5, 1.9, 2.6, 3.4, 4, 4.3, 4.1, 3.4]
)
STUDY = _norm(
    [2.5, 1.8, 1, 0.4, 0.2, 0.1, 0.2, 0.5, 1.2, 2, 2.6, 2.8, 2.6, 2.8, 3, 3, 3, 2.8, 2.6, 3, 3.6, 4.2, 4.4, 3.6]
)
FLAT = _norm([2, 1.6, 1.3, 1.1, 1.1, 1.2, 1.6, 2.2, 2.8, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2.8, 2.6, 2.3])

# country, UTC offset (hours, May), weight, home ISP ASNs, mobile carrier ASN
CTRY = np.array(
    [
        "US",
        "IN",
        "BR",
        "DE",
        "GB",
        "FR",
        "JP",
        "ID",
        "MX",
        "PH",
        "CA",
        "ES",
        "KR",
        "NG",
        "TR",
        "PL",
        "AU",
        "NL",
        "VN",
        "IT",
    ],
    dtype=object,
)
TZ = np.array([-5, 5.5, -3, 2, 1, 2, 9, 7, -6, 8, -5, 2, 9, 1, 3, 2, 10, 2, 7, 2], dtype=float)
CW = _norm([26, 11, 7, 6, 6, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 3])
RES = [[7922, 701, 7018], [24560, 55836], [28573, 18881], [3320, 3209], [2856, 5089], [3215, 12322], [2516, 4713],
       [7713, 17974], [8151, 13999], [9299, 4775], [812, 577], [3352, 12479], [4766, 9318], [36873, 37148],
       [9121, 34984], [5617, 12741], [1221, 4804], [1136, 9143], [45899, 18403], [3269, 30722]]  # fmt: skip
MOB = [
    21928,
    45609,
    26599,
    6805,
    12576,
    51207,
    9605,
    23693,
    28403,
    132199,
    22652,
    12430,
    17858,
    29465,
    16135,
    12912,
    133612,
    31615,
    7552,
    1267,
]
CI = {c: i for i, c in enumerate(CTRY)}
AWS, GCP, AZURE = 16509, 396982, 8075
HETZNER, OVH, DO, LINODE, VULTR = 24940, 16276, 14061, 63949, 20473
HOSTING = [HETZNER, OVH, DO, LINODE, VULTR]
BUSINESS = [3356, 174, 1299, 6461, 2914, 6939]
VPN_ASN = [9009, 60068, 62240]
ZTNA_ASN, NREN_ASN = 53813, 1103

WEBMAIL = np.array(
    ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me", "aol.com"], dtype=object
)
WEBMAIL_P = _norm([54, 14, 7, 9, 11, 3, 2])
CC_MAIL = {
    "US": ["comcast.net", "att.net", "verizon.net"], "DE": ["gmx.de", "web.de", "t-online.de"], "FR": ["orange.fr", "free.fr"],
    "JP": ["yahoo.co.jp", "docomo.ne.jp"], "BR": ["uol.com.br", "bol.com.br"], "KR": ["naver.com", "daum.net"],
    "GB": ["btinternet.com", "sky.com"], "IN": ["rediffmail.com"], "IT": ["libero.it", "virgilio.it"], "PL": ["wp.pl", "onet.pl"],
    "ES": ["telefonica.net"], "NL": ["ziggo.nl", "kpnmail.nl"], "MX": ["prodigy.net.mx"], "AU": ["bigpond.com"],
}  # fmt: skip
PRIVACY = np.array(["proton.me", "tuta.io", "pm.me", "protonmail.com"], dtype=object)
UNI = "vechtdal-uni.nl"
ALUMNI = "alumni.vechtdal-uni.nl"
OTHER_UNIS = ["tu-hollandse.nl", "uni-kessel.de", "mail.northbrook.edu", "stud.univ-lorient.fr", "ucoastal.edu",
              "student.arden-state.edu", "mail.kanto-tech.ac.jp", "usp-sul.edu.br"]  # fmt: skip
WORDS = ["north", "blue", "pine", "river", "stone", "nova", "delta", "amber", "cedar", "orbit", "lumen", "quartz",
         "harbor", "maple", "vertex", "atlas", "ember", "solar", "tidal", "willow", "copper", "falcon", "meadow", "prism",
         "flow", "grid", "peak", "bright", "iron", "silver", "oak", "lake", "summit", "cobalt", "crest", "fern", "glen",
         "haven", "ivory", "jade", "kestrel", "linden", "marble", "nimbus", "onyx", "pebble", "quill", "raven", "sage",
         "thistle", "umber", "vale", "wren", "yarrow", "zephyr", "arc", "bay", "core", "dune", "echo"]  # fmt: skip
SUFFIX = ["labs", "systems", "analytics", "data", "tech", "works", "cloud", "digital", "partners", "group"]
TLDS = ["com", "io", "dev", "co", "net", "ai", "tech"]
SURNAMES = ["okafor", "ramirez", "nguyen", "schmidt", "kowalski", "tanaka", "silva", "johansson", "murphy", "rossi",
            "haddad", "patel", "kim", "dubois", "novak", "oconnor", "fischer", "moreau", "santos", "yilmaz", "lindqvist",
            "brennan", "castillo", "weber", "ivanova", "chen", "garcia", "mendes", "sato", "walsh", "keller", "ortiz",
            "bauer", "hughes", "larsen", "costa", "reyes", "fontaine", "varga", "abara"]  # fmt: skip
FAMILY_STYLE = ["{s}-family.net", "the-{s}s.net", "{s}home.org", "{s}fam.com", "{l}{s}.me", "{s}-{l}.net"]


class Grow:
    """Append-only numpy array."""

    def __init__(self, dtype, cap: int = 4096):
        self.a = np.empty(cap, dtype=dtype)
        self.n = 0

    def add(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=self.a.dtype).ravel()
        m = self.n + len(x)
        if m > len(self.a):
            b = np.empty(max(m, 2 * len(self.a)), dtype=self.a.dtype)
            b[: self.n] = self.a[: self.n]
            self.a = b
        self.a[self.n : m] = x
        r = np.arange(self.n, m)
        self.n = m
        return r

    @property
    def v(self) -> np.ndarray:
        return self.a[: self.n]


def digit_run13(x: np.ndarray) -> np.ndarray:
    """True where the 16-hex-digit rendering of x holds 13 or more decimal digits in a row."""
    x = np.asarray(x, dtype=np.uint64)
    run = np.zeros(len(x), np.int64)
    best = np.zeros(len(x), np.int64)
    for i in range(16):
        nib = (x >> np.uint64(4 * i)) & np.uint64(15)
        run = np.where(nib < 10, run + 1, 0)
        best = np.maximum(best, run)
    return best >= 13


def hex16(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.uint64)
    sh = np.arange(60, -1, -4, dtype=np.uint64)
    nib = ((x[:, None] >> sh) & np.uint64(15)).astype(np.uint8)
    codes = np.frombuffer(b"0123456789abcdef", np.uint8)[nib]
    return np.ascontiguousarray(codes).view("S16").ravel().astype(str)


def b32(x: np.ndarray, width: int) -> np.ndarray:
    x = np.asarray(x, dtype=np.uint64)
    sh = (np.arange(width - 1, -1, -1, dtype=np.uint64) * np.uint64(5)).astype(np.uint64)
    d = ((x[:, None] >> sh) & np.uint64(31)).astype(np.uint8)
    codes = np.frombuffer(b"abcdefghijkmnpqrstuvwxyz23456789", np.uint8)[d]
    return np.ascontiguousarray(codes).view(f"S{width}").ravel().astype(str)


def seg_pos(counts: np.ndarray) -> np.ndarray:
    """Position of each element within its run, for np.repeat(..., counts)."""
    counts = np.asarray(counts, np.int64)
    tot = int(counts.sum())
    starts = np.cumsum(counts) - counts
    return np.arange(tot) - np.repeat(starts, counts)


class World:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = np.random.default_rng(seed)
        # accounts
        self.a_group, self.a_kind = Grow(object), Grow(object)
        self.a_created, self.a_ban = Grow(np.int64), Grow(np.int64)
        self.a_domain, self.a_country, self.a_status = Grow(object), Grow(object), Grow(object)
        self.a_repl = Grow(np.int8)
        # cards
        self.c_acc, self.c_tok, self.c_first, self.c_last = (
            Grow(np.int64),
            Grow(np.int64),
            Grow(np.int64),
            Grow(np.int64),
        )
        self.n_tok = 0
        # IPs
        self.ip_asn, self.ip_v6, self.ip_net = Grow(np.int64), Grow(bool), Grow(np.int64)
        self.n_net = 0
        # prompts
        self.t_base, self.t_fp, self.f_sim = Grow(np.uint64), Grow(np.int64), Grow(np.uint64)
        # requests (blocks)
        self.req: list[tuple[np.ndarray, ...]] = []
        self.used_domains: set[str] = set()
        self.sizes: dict[str, int] = {}

    # ------------------------------------------------------------------ registries
    @property
    def n_acc(self) -> int:
        return self.a_created.n

    def add_acc(self, group, kind, created, domain, country, repl=0) -> np.ndarray:
        created = np.asarray(created, np.int64).ravel()
        k = len(created)

        def b(v, dt):
            return np.broadcast_to(np.asarray(v, dtype=dt), (k,))

        idx = self.a_created.add(created)
        self.a_group.add(b(group, object))
        self.a_kind.add(b(kind, object))
        self.a_domain.add(b(domain, object))
        self.a_country.add(b(country, object))
        self.a_status.add(b("active", object))
        self.a_repl.add(b(repl, np.int8))
        self.a_ban.add(b(NEVER, np.int64))
        return idx

    def ban(self, idx, t, status) -> None:
        idx = np.asarray(idx, np.int64)
        self.a_ban.a[idx] = np.asarray(t, np.int64)
        self.a_status.a[idx] = status

    def enforce(self, idx, t, p_banned: float) -> None:
        idx = np.asarray(idx, np.int64)
        st = np.where(self.rng.random(len(idx)) < p_banned, "banned", "suspended").astype(object)
        self.ban(idx, t, st)

    def tok(self, k: int) -> np.ndarray:
        r = np.arange(self.n_tok, self.n_tok + int(k))
        self.n_tok += int(k)
        return r

    def card(self, acc, tok, first=None, last=None) -> None:
        acc = np.asarray(acc, np.int64).ravel()
        k = len(acc)
        self.c_acc.add(acc)
        self.c_tok.add(np.broadcast_to(np.asarray(tok, np.int64), (k,)))
        self.c_first.add(self.a_created.v[acc] if first is None else np.broadcast_to(np.asarray(first, np.int64), (k,)))
        self.c_last.add(np.full(k, NEVER) if last is None else np.broadcast_to(np.asarray(last, np.int64), (k,)))

    def own_cards(self, acc, p: float = 1.0) -> None:
        acc = np.asarray(acc, np.int64)
        sel = acc[self.rng.random(len(acc)) < p]
        self.card(sel, self.tok(len(sel)))

    def chunk_cards(self, acc, lo: int, hi: int) -> None:
        acc = self.rng.permutation(np.asarray(acc, np.int64))
        if len(acc) == 0:
            return
        sizes = self.rng.integers(lo, hi + 1, len(acc))
        owner = np.repeat(np.arange(len(sizes)), sizes)[: len(acc)]
        toks = self.tok(owner.max() + 1)
        self.card(acc, toks[owner])

    def new_ips(self, k: int, asn, v6=0.0, net: int = -1) -> np.ndarray:
        k = int(k)
        if np.ndim(asn) == 0:
            a = np.full(k, int(asn), np.int64)
        elif len(asn) == k and isinstance(asn, np.ndarray):
            a = asn.astype(np.int64)
        else:
            a = self.rng.choice(np.asarray(asn, np.int64), k)
        self.ip_asn.add(a)
        self.ip_v6.add(self.rng.random(k) < v6 if not isinstance(v6, bool) else np.full(k, v6))
        self.ip_net.add(np.full(k, net, np.int64))
        return np.arange(self.ip_asn.n - k, self.ip_asn.n)

    def new_net(self) -> int:
        self.n_net += 1
        return self.n_net - 1

    def res_asn(self, ctry_idx: np.ndarray) -> np.ndarray:
        """A home ISP ASN for each country index."""
        u = self.rng.random(len(ctry_idx))
        return np.array(
            [RES[c][int(x * len(RES[c]))] for c, x in zip(ctry_idx.tolist(), u.tolist(), strict=True)], np.int64
        )

    # ------------------------------------------------------------------ prompts
    def rand64(self, k: int) -> np.ndarray:
        x = self.rng.integers(0, 2**64, int(k), dtype=np.uint64)
        bad = digit_run13(x)
        while bad.any():
            x[bad] = self.rng.integers(0, 2**64, int(bad.sum()), dtype=np.uint64)
            bad = digit_run13(x)
        return x

    def masks(self, nbits: np.ndarray) -> np.ndarray:
        nbits = np.asarray(nbits, np.int64)
        m = np.zeros(len(nbits), np.uint64)
        if len(nbits) == 0:
            return m
        for j in range(int(nbits.max())):
            bit = self.rng.integers(0, 64, len(nbits)).astype(np.uint64)
            m |= np.where(nbits > j, np.uint64(1) << bit, np.uint64(0)).astype(np.uint64)
        return m

    def new_tpl(self, k: int, near=None, bits=(6, 10)) -> np.ndarray:
        k = int(k)
        if near is None:
            base = self.rand64(k)
        else:
            base = np.broadcast_to(np.asarray(near, np.uint64), (k,)) ^ self.masks(
                self.rng.integers(bits[0], bits[1] + 1, k)
            )
        fp = self.f_sim.add(base)
        self.t_fp.add(fp)
        return self.t_base.add(base)

    def canon(self, tpl) -> np.ndarray:
        return self.t_fp.v[np.asarray(tpl, np.int64)]

    def para(self, tpl, lo: int, hi: int) -> np.ndarray:
        tpl = np.asarray(tpl, np.int64)
        base = self.t_base.v[tpl]
        return self.f_sim.add(base ^ self.masks(self.rng.integers(lo, hi + 1, len(tpl))))

    def para_sim(self, sims, lo: int, hi: int) -> np.ndarray:
        sims = np.asarray(sims, np.uint64)
        return self.f_sim.add(sims ^ self.masks(self.rng.integers(lo, hi + 1, len(sims))))

    def uniq(self, k: int) -> np.ndarray:
        return self.f_sim.add(self.rand64(k))

    # ------------------------------------------------------------------ misc helpers
    def emit(self, acc, ts, ip, model, fp) -> None:
        ts = np.asarray(ts, np.int64).ravel()
        k = len(ts)
        if k == 0:
            return

        def b(x, dt):
            return np.broadcast_to(np.asarray(x, dtype=dt), (k,)).copy()

        self.req.append((b(acc, np.int64), ts, b(ip, np.int64), b(model, np.int8), b(fp, np.int64)))

    def countries(self, k: int, choices=None, p=None) -> np.ndarray:
        if choices is None:
            return self.rng.choice(len(CTRY), k, p=CW)
        ci = np.array([CI[c] for c in choices])
        return ci[self.rng.choice(len(ci), k, p=None if p is None else _norm(p))]

    def webmail(self, ctry_idx: np.ndarray, p_cc: float = 0.15) -> np.ndarray:
        k = len(ctry_idx)
        out = self.rng.choice(WEBMAIL, k, p=WEBMAIL_P).astype(object)
        cc = self.rng.random(k) < p_cc
        u = self.rng.random(k)
        for i in np.flatnonzero(cc):
            opts = CC_MAIL.get(CTRY[ctry_idx[i]])
            if opts:
                out[i] = opts[int(u[i] * len(opts))]
        return out

    def company_domains(self, k: int) -> np.ndarray:
        out = []
        rng = self.rng
        while len(out) < k:
            w1, w2 = rng.choice(WORDS, 2, replace=False)
            sty = rng.integers(0, 3)
            d = (f"{w1}{w2}.{rng.choice(TLDS)}" if sty == 0 else f"{w1}{w2}-{rng.choice(SUFFIX)}.{rng.choice(TLDS)}"
                 if sty == 1 else f"{w1}-{rng.choice(SUFFIX)}.{rng.choice(TLDS)}")  # fmt: skip
            if d not in self.used_domains:
                self.used_domains.add(d)
                out.append(d)
        return np.array(out, dtype=object)

    def family_domains(self, k: int) -> np.ndarray:
        out = []
        rng = self.rng
        while len(out) < k:
            s = rng.choice(SURNAMES)
            d = rng.choice(FAMILY_STYLE).format(s=s, l="abcdefghijklmnoprstuvw"[rng.integers(0, 22)])
            if d not in self.used_domains:
                self.used_domains.add(d)
                out.append(d)
        return np.array(out, dtype=object)

    def past_created(self, k: int, mean_days: float = 300, p_window: float = 0.15) -> np.ndarray:
        rng = self.rng
        c = -rng.exponential(mean_days * DAY, k).astype(np.int64) - rng.integers(0, DAY, k)
        c = np.maximum(c, -1100 * DAY)
        inw = rng.random(k) < p_window
        c[inw] = rng.integers(0, SPAN - 3 * DAY, int(inw.sum()))
        return c

    def counts(self, k: int, median: float, sigma: float, cap: int = 3000, dormant: float = 0.0) -> np.ndarray:
        c = np.rint(median * np.exp(sigma * self.rng.standard_normal(k)))
        c = np.minimum(c, cap).astype(np.int64)
        c[self.rng.random(k) < dormant] = 0
        return c

    def organic_adopt(self, k: int) -> np.ndarray:
        u = self.rng.random(k)
        t = np.full(k, NEVER, np.int64)
        e = u < 0.04
        t[e] = REL + self.rng.integers(20 * MIN, DAY, int(e.sum()))
        m = (u >= 0.04) & (u < 0.42)
        t[m] = REL + DAY + self.rng.exponential(7 * DAY, int(m.sum())).astype(np.int64)
        return t

    def pick(self, pool: np.ndarray, k: int, w=None) -> np.ndarray:
        return pool[self.rng.choice(len(pool), k, p=w)]

    # ------------------------------------------------------------------ timing
    def local_times(self, lo, hi, tz, prof=HUMAN, wkend: float = 1.0) -> np.ndarray:
        """Times in [lo, hi) following a local hour-of-day profile; weekend days kept with p=wkend."""
        rng = self.rng
        lo = np.asarray(lo, np.int64)
        hi = np.asarray(hi, np.int64)
        n = len(lo)
        span = np.maximum(hi - lo, 1)
        t = lo + (rng.random(n) * span).astype(np.int64)
        tzs = (np.asarray(tz, float) * HOUR).astype(np.int64)
        day = np.floor_divide(t + tzs, DAY)
        h = rng.choice(24, n, p=prof)
        t2 = day * DAY - tzs + h * HOUR + rng.integers(0, HOUR, n)
        t = np.where((t2 >= lo) & (t2 < hi), t2, t)
        if wkend < 1.0:
            dow = np.floor_divide(t + tzs, DAY) % 7
            redo = (dow >= 5) & (rng.random(n) > wkend)
            fwd = t + (7 - dow) * DAY
            back = t - (dow - 4) * DAY
            t = np.where(redo, np.where(fwd < hi, fwd, back), t)
        return t

    def sessions(self, nreq, lo, hi, tz, prof=HUMAN, mlen: float = 2.5, gap: float = 70.0, wkend: float = 1.0):
        """Returns (s_li, s_start, r_sid, r_ts): sessions of each account, requests of each session."""
        rng = self.rng
        nreq = np.asarray(nreq, np.int64)
        ns = np.where(nreq > 0, np.maximum(1, np.rint(nreq / mlen)), 0).astype(np.int64)
        s_li = np.repeat(np.arange(len(nreq)), ns)
        st = self.local_times(np.asarray(lo)[s_li], np.asarray(hi)[s_li], np.asarray(tz)[s_li], prof, wkend)
        sl = 1 + rng.poisson(max(mlen - 1.0, 0.0), len(st))
        r_sid = np.repeat(np.arange(len(st)), sl)
        g = rng.exponential(gap, len(r_sid))
        first = np.cumsum(sl) - sl
        g[first] = 0.0
        cs = np.cumsum(g)
        off = cs - cs[first][r_sid]
        return s_li, st, r_sid, st[r_sid] + off.astype(np.int64)

    # ------------------------------------------------------------------ ordinary traffic
    def prompts(self, li, ts, mix, personal, lag) -> np.ndarray:
        """Organic prompt per request. mix: (n_acc, 4) weights of unique/popular/agent/personal."""
        rng = self.rng
        k = len(li)
        cum = np.cumsum(mix, axis=1)
        cum = cum / cum[:, -1:]
        cat = (rng.random(k)[:, None] > cum[li]).sum(1)
        fp = np.empty(k, np.int64)
        i = np.flatnonzero(cat == 0)
        fp[i] = self.uniq(len(i))
        i = np.flatnonzero(cat == 1)
        t = rng.choice(len(self.pop_tpl), len(i), p=self.pop_w)
        ex = rng.random(len(i)) < 0.65
        fp[i] = np.where(
            ex, self.pop_fp[t], self.pop_para[t, rng.choice(self.pop_para.shape[1], len(i), p=self.para_w)]
        )
        i = np.flatnonzero(cat == 2)
        lagged = ts[i] - lag[li[i]]
        ver = (lagged >= 9 * DAY).astype(np.int64) + (lagged >= 27 * DAY)
        tool = rng.random(len(i)) < 0.25
        fp[i] = self.agent_fp[ver]
        j = i[tool]
        fp[j] = self.para(np.full(len(j), self.tool_tpl), 2, 5)
        i = np.flatnonzero(cat == 3)
        tp = personal[li[i]]
        ex = rng.random(len(i)) < 0.5
        fp[i[ex]] = self.canon(tp[ex])
        fp[i[~ex]] = self.para(tp[~ex], 1, 4)
        return fp

    def models(self, ts, li, pmini, pcode, adopt, pnew: float = 0.7) -> np.ndarray:
        u = self.rng.random(len(ts))
        m = np.where(u < pcode[li], KCODE, np.where(u < pcode[li] + pmini[li], KMINI, K2))
        new = (ts >= adopt[li]) & (self.rng.random(len(ts)) < pnew)
        return np.where(new, K3, m).astype(np.int8)

    def ordinary(self, acc, nreq, tz, W, *, lo=None, hi=None, home=None, cloud=None, office=None, carrier=None,
                 extra=None, churn=None, prof=HUMAN, wkend=1.0, mlen=2.5, gap=70.0, mix=None, personal=None,
                 adopt=None, pmini=None, pcode=None, pnew=0.7) -> None:  # fmt: skip
        """Human-like sessions. W: (n, 7) pathway weights for home, mobile, vpn, proxy, cloud, office, extra."""
        rng = self.rng
        acc = np.asarray(acc, np.int64)
        n = len(acc)
        if n == 0:
            return
        lo = np.maximum(self.a_created.v[acc], 0) if lo is None else np.asarray(lo, np.int64)
        hi = np.full(n, SPAN, np.int64) if hi is None else np.asarray(hi, np.int64)
        tz = np.broadcast_to(np.asarray(tz, float), (n,))
        W = np.asarray(W, float)
        if W.ndim == 1:
            W = np.broadcast_to(W, (n, 7))
        for col, arr in ((0, home), (1, carrier), (4, cloud), (5, office), (6, extra)):
            assert arr is not None or not W[:, col].any(), col
        s_li, st, r_sid, ts = self.sessions(nreq, lo, hi, tz, prof, mlen, gap, wkend)
        ns, nr = len(st), len(ts)
        if nr == 0:
            return
        cum = np.cumsum(W, axis=1)
        cum = cum / cum[:, -1:]
        path = np.minimum((rng.random(ns)[:, None] > cum[s_li]).sum(1), 6)
        s_ip = np.full(ns, -1, np.int64)
        i = np.flatnonzero(path == 0)
        if len(i):
            s_ip[i] = home[s_li[i]]
            if churn is not None:
                c = churn[s_li[i]]
                j = c >= 0
                if j.any():
                    ii, cc = i[j], c[j]
                    a = acc[s_li[ii]]
                    epoch = (st[ii] + a * 7919) // ((3 + a % 12) * DAY)
                    h = (a * 1000003 + epoch * 7919 + self.dyn_salt) % self.dyn_size[cc]
                    s_ip[ii] = self.dyn_flat[self.dyn_off[cc] + h]
        i = np.flatnonzero(path == 1)
        if len(i):
            c = np.asarray(carrier)[s_li[i]]
            s_ip[i] = self.car_flat[self.car_off[c] + (rng.random(len(i)) * self.car_size[c]).astype(np.int64)]
        i = np.flatnonzero(path == 2)
        s_ip[i] = self.pick(self.vpn, len(i), self.vpn_w)
        i = np.flatnonzero(path == 4)
        if len(i):
            s_ip[i] = cloud[s_li[i]]
        i = np.flatnonzero(path == 5)
        if len(i):
            s_ip[i] = office[s_li[i]]
        i = np.flatnonzero(path == 6)
        if len(i):
            s_ip[i] = self.pick(extra, len(i))
        r_ip = s_ip[r_sid]
        j = np.flatnonzero(path[r_sid] == 3)
        r_ip[j] = self.pick(self.quilt, len(j))
        li = s_li[r_sid]
        if mix is None:
            mix = np.array([0.52, 0.27, 0.06, 0.15])
        mix = np.asarray(mix, float)
        if mix.ndim == 1:
            mix = np.broadcast_to(mix, (n, 4))
        if personal is None:
            personal = self.new_tpl(n)
        lag = rng.uniform(0, 12 * DAY, n)
        fp = self.prompts(li, ts, mix, personal, lag)
        if adopt is None:
            adopt = self.organic_adopt(n)
        if pmini is None:
            pmini = rng.beta(2, 3, n)
        if pcode is None:
            pcode = np.full(n, 0.04)
        mdl = self.models(ts, li, pmini, pcode, adopt, pnew)
        self.emit(acc[li], ts, r_ip, mdl, fp)

    def W(self, n, **kw) -> np.ndarray:
        cols = ["home", "mobile", "vpn", "proxy", "cloud", "office", "extra"]
        out = np.zeros((n, 7))
        for k, v in kw.items():
            out[:, cols.index(k)] = v
        return out

    # ------------------------------------------------------------------ infrastructure
    def infra(self) -> None:
        rng, n = self.rng, self.n
        # mobile carrier CGNAT pools and DHCP pools, per country
        car_sizes = np.maximum(6, np.rint(0.004 * n * CW)).astype(np.int64)
        dyn_sizes = np.maximum(20, np.rint(0.15 * n * CW)).astype(np.int64)
        car, dyn = [], []
        for c in range(len(CTRY)):
            car.append(self.new_ips(car_sizes[c], MOB[c], v6=0.0))
            dyn.append(self.new_ips(dyn_sizes[c], RES[c]))
        self.car_flat, self.car_size = np.concatenate(car), car_sizes
        self.car_off = np.cumsum(car_sizes) - car_sizes
        self.dyn_flat, self.dyn_size = np.concatenate(dyn), dyn_sizes
        self.dyn_off = np.cumsum(dyn_sizes) - dyn_sizes
        self.dyn_salt = int(rng.integers(0, 10**6))
        # shared services
        nq = max(400, n // 10)
        self.quilt = self.new_ips(nq, self.res_asn(self.countries(nq)))
        self.quilt_premium = self.quilt[: max(60, int(0.15 * nq))]
        self.vpn = self.new_ips(max(60, n // 500), VPN_ASN)
        self.vpn_w = _norm(1.0 / np.arange(1, len(self.vpn) + 1) ** 0.8)
        self.ztna = self.new_ips(max(12, n // 2500), ZTNA_ASN)
        self.gha = self.new_ips(max(150, n // 40), AZURE)
        self.aws_pool = self.new_ips(max(500, n // 6), AWS)
        self.nren = self.new_ips(6, NREN_ASN)
        # public prompts
        self.pop_tpl = self.new_tpl(60)
        self.pop_w = _norm(1.0 / np.arange(1, 61) ** 1.1)
        self.pop_fp = self.canon(self.pop_tpl)
        self.pop_para = self.para(np.repeat(self.pop_tpl, 24), 1, 4).reshape(60, 24)
        self.para_w = _norm(1.0 / np.arange(1, 25) ** 1.0)
        v1 = self.new_tpl(1)
        v2 = self.new_tpl(1, near=self.t_base.v[v1[0]], bits=(3, 4))
        v3 = self.new_tpl(1, near=self.t_base.v[v2[0]], bits=(3, 4))
        self.agent_fp = self.canon(np.r_[v1, v2, v3])
        self.tool_tpl = int(self.new_tpl(1)[0])
        self.cron_tpl = self.new_tpl(5)

    # ================================================================== FRAUD
    def op_cadence(self) -> None:
        rng, N = self.rng, self.n
        n0 = max(60, round(0.006 * N))
        doms = self.company_domains(4)
        office = np.array(["US", "DE", "NL", "SG"], dtype=object)
        batches = np.sort(rng.uniform(-30, 5, 4)).astype(np.int64)
        b = rng.integers(0, 4, n0)
        created = batches[b] * DAY + 7 * HOUR + rng.integers(0, 6 * HOUR, n0)
        vd = rng.integers(0, 4, n0)
        ctry_i = np.array([CI.get(c, 0) for c in office[vd]])
        dom = np.where(rng.random(n0) < 0.7, doms[vd], self.webmail(ctry_i))
        acc = self.add_acc("op_cadence", "fraud", created, dom, office[vd])
        self.chunk_cards(acc, 3, 6)
        m_ip = max(10, n0 // 5)
        ips = self.new_ips(m_ip, AWS)
        fams = self.new_tpl(4)
        # per-account slot attributes (grow with replacements)
        A = {"acc": acc, "prim": ips[rng.permutation(n0) % m_ip], "shard": rng.integers(0, 8, n0),
             "fa": rng.integers(0, 4, n0), "dom": dom, "ctry": office[vd]}  # fmt: skip
        A["fb"] = (A["fa"] + rng.integers(1, 4, n0)) % 4
        A["start"] = created + rng.integers(2 * HOUR, 10 * HOUR, n0)
        for t_s, frac in ((16 * DAY + 10 * HOUR, 0.25), (33 * DAY + 9 * HOUR, 0.12)):
            ban = self.a_ban.v[A["acc"]]
            alive = (self.a_created.v[A["acc"]] < t_s) & (ban == NEVER)
            hit = np.flatnonzero(alive & (rng.random(len(alive)) < frac))
            bt = t_s + rng.integers(0, 2 * HOUR, len(hit))
            self.enforce(A["acc"][hit], bt, 0.9)
            keep = rng.random(len(hit)) < 0.8
            src, bt = hit[keep], bt[keep]
            rc = bt + rng.integers(2 * DAY, 4 * DAY, len(src))
            ok = rc < SPAN - DAY
            src, rc = src[ok], rc[ok]
            ctry_i = np.array([CI.get(c, 0) for c in A["ctry"][src]], np.int64)
            rdom = np.where(rng.random(len(src)) < 0.7, A["dom"][src], self.webmail(ctry_i))
            racc = self.add_acc("op_cadence", "fraud", rc, rdom, A["ctry"][src], repl=1)
            self.chunk_cards(racc, 3, 6)
            new = {"acc": racc, "prim": A["prim"][src], "shard": A["shard"][src], "fa": A["fa"][src],
                   "fb": A["fb"][src], "dom": rdom, "ctry": A["ctry"][src],
                   "start": rc + rng.integers(2 * HOUR, 10 * HOUR, len(src))}  # fmt: skip
            A = {k: np.concatenate([A[k], new[k]]) for k in A}
        # half-hourly slots, one shard dispatched per slot
        slots = np.arange(0, SPAN, 30 * MIN, dtype=np.int64)
        day_phase = rng.integers(0, 8, NDAYS)
        shard_of = (np.arange(len(slots)) + day_phase[slots // DAY]) % 8
        r_acc, r_ts, r_ip, r_fam = [], [], [], []
        end = np.minimum(self.a_ban.v[A["acc"]], SPAN)
        for s in range(8):
            mem = np.flatnonzero(A["shard"] == s)
            T = slots[shard_of == s]
            if len(mem) == 0:
                continue
            on = (
                (T[None, :] >= A["start"][mem, None])
                & (T[None, :] < end[mem, None])
                & (rng.random((len(mem), len(T))) < 0.5)
            )
            mi, ti = np.nonzero(on)
            fire = T[ti] + rng.integers(0, 76, len(ti))
            k = 1 + rng.poisson(0.8, len(ti))
            rep = np.repeat(np.arange(len(ti)), k)
            pos = seg_pos(k)
            ts = fire[rep] + pos * rng.integers(3, 21, len(rep))
            a = mem[mi[rep]]
            r_acc.append(a)
            r_ts.append(ts)
            other = rng.random(len(a)) < 0.03
            r_ip.append(np.where(other, self.pick(ips, len(a)), A["prim"][a]))
            r_fam.append(np.where(rng.random(len(a)) < 0.5, A["fa"][a], A["fb"][a]))
        a = np.concatenate(r_acc)
        ts = np.concatenate(r_ts)
        ip = np.concatenate(r_ip)
        tpl = fams[np.concatenate(r_fam)]
        u = rng.random(len(a))
        fp = np.empty(len(a), np.int64)
        i = np.flatnonzero(u < 0.8)
        fp[i] = self.para(tpl[i], 1, 4)
        i = np.flatnonzero((u >= 0.8) & (u < 0.9))
        fp[i] = self.canon(tpl[i])
        i = np.flatnonzero(u >= 0.9)
        fp[i] = np.where(
            rng.random(len(i)) < 0.5,
            self.canon(self.pick(self.cron_tpl, len(i))),
            self.pop_fp[rng.choice(60, len(i), p=self.pop_w)],
        )
        switch = REL + rng.integers(1 * HOUR, 3 * HOUR) + rng.integers(0, 10 * MIN, len(A["acc"]))
        after = ts >= switch[a]
        mdl = np.where(
            after, np.where(rng.random(len(a)) < 0.95, K3, KCODE), np.where(rng.random(len(a)) < 0.7, KCODE, K2)
        )
        self.emit(A["acc"][a], ts, ip, mdl, fp)

    def op_homestead(self) -> None:
        rng, N = self.rng, self.n
        H0 = max(25, round(0.0055 * N / 2.8))
        ctry_names = ["US", "GB", "CA", "AU", "ES", "MX", "BR", "DE"]
        lang_of = {"US": 0, "GB": 0, "CA": 0, "AU": 0, "ES": 1, "MX": 1, "BR": 2, "DE": 3}
        tpl = self.new_tpl(12).reshape(4, 3)  # language x task

        H = {k: [] for k in ("ctry", "ip", "size", "repl", "members")}

        def make(k, anchor, ctry_i, size, repl, spread):
            ips = self.new_ips(k, self.res_asn(ctry_i))
            famdom = self.family_domains(k)
            use_fd = rng.random(k) < 0.3
            share = rng.random(k) < 0.85
            for h in range(k):
                m = int(size[h])
                cr = anchor[h] + np.r_[0, rng.integers(0, spread, m - 1)] + rng.integers(0, DAY, m)
                ci = np.full(m, ctry_i[h])
                dom = np.full(m, famdom[h], dtype=object) if use_fd[h] else self.webmail(ci, 0.3)
                acc = self.add_acc("op_homestead", "fraud", cr, dom, CTRY[ctry_i[h]], repl=repl)
                if share[h]:
                    self.card(acc, self.tok(1)[0], first=cr)
                else:
                    self.own_cards(acc)
                H["ctry"].append(ctry_i[h])
                H["ip"].append(ips[h])
                H["size"].append(m)
                H["repl"].append(repl)
                H["members"].append(acc)

        size0 = rng.choice([2, 3, 4], H0, p=[0.4, 0.4, 0.2])
        make(
            H0,
            rng.integers(-60, 9, H0) * DAY,
            self.countries(H0, ctry_names, [30, 12, 10, 10, 10, 8, 10, 10]),
            size0,
            0,
            20 * DAY,
        )
        for t_s in (int(12.4 * DAY), int(24.6 * DAY), int(35.3 * DAY)):
            cand = []
            for h, mem in enumerate(H["members"]):
                if (self.a_created.v[mem] < t_s).all() and (self.a_ban.v[mem] == NEVER).all():
                    cand.append(h)
            cand = np.array(cand, np.int64)
            hit = cand[rng.random(len(cand)) < 0.15]
            for h in hit:
                mem = H["members"][h]
                self.enforce(mem, t_s + rng.integers(0, HOUR, len(mem)), 0.8)
            back = hit[rng.random(len(hit)) < 0.85]
            anchor = t_s + rng.integers(3, 9, len(back)) * DAY
            ok = anchor < SPAN - 4 * DAY
            back, anchor = back[ok], anchor[ok]
            if len(back):
                make(
                    len(back),
                    anchor,
                    np.array([H["ctry"][h] for h in back]),
                    np.array([H["size"][h] for h in back]),
                    1,
                    3 * DAY,
                )
        nh = len(H["members"])
        h_ctry = np.array(H["ctry"], np.int64)
        h_ip = np.array(H["ip"], np.int64)
        h_lang = np.array([lang_of[CTRY[c]] for c in h_ctry], np.int64)
        mem_acc = np.concatenate(H["members"])
        mem_h = np.repeat(np.arange(nh), [len(m) for m in H["members"]])
        # op-wide work episodes
        ne = rng.poisson(3 * NDAYS)
        e_start = np.sort(rng.integers(0, SPAN, ne))
        e_dur = rng.integers(40 * MIN, 120 * MIN, ne)
        e_task = rng.integers(0, 3, ne)
        e_task2 = np.where(rng.random(ne) < 0.3, (e_task + rng.integers(1, 3, ne)) % 3, e_task)
        join = rng.random((ne, nh)) < 0.45  # episode x household
        # expand to members
        ei, hi_ = np.nonzero(join)
        # members of each joined household
        order = np.argsort(mem_h, kind="stable")
        mem_sorted = order
        h_cnt = np.bincount(mem_h, minlength=nh)
        h_off = np.cumsum(h_cnt) - h_cnt
        rep = np.repeat(np.arange(len(ei)), h_cnt[hi_])
        mpos = seg_pos(h_cnt[hi_])
        mi = mem_sorted[h_off[hi_[rep]] + mpos]
        e = ei[rep]
        keep = rng.random(len(mi)) < 0.8
        mi, e = mi[keep], e[keep]
        k = rng.poisson(e_dur[e] / (20 * MIN))
        rr = np.repeat(np.arange(len(mi)), k)
        m, e = mi[rr], e[rr]
        ts = e_start[e] + (rng.random(len(rr)) * e_dur[e]).astype(np.int64)
        h = mem_h[m]
        mobile = rng.random(len(m)) < 0.2
        ip = h_ip[h].copy()
        c = h_ctry[h[mobile]]
        ip[mobile] = self.car_flat[
            self.car_off[c] + (rng.random(int(mobile.sum())) * self.car_size[c]).astype(np.int64)
        ]
        task = np.where(rng.random(len(m)) < 0.5, e_task[e], e_task2[e])
        u = rng.random(len(m))
        fp = np.empty(len(m), np.int64)
        i = np.flatnonzero(u < 0.88)
        fp[i] = self.para(tpl[h_lang[h[i]], task[i]], 1, 5)
        i = np.flatnonzero(u >= 0.88)
        fp[i] = np.where(rng.random(len(i)) < 0.7, self.pop_fp[rng.choice(60, len(i), p=self.pop_w)], self.agent_fp[2])
        switch = REL + rng.integers(4 * HOUR, 10 * HOUR)
        mdl = np.where(
            ts >= switch, np.where(rng.random(len(ts)) < 0.97, K3, K2), np.where(rng.random(len(ts)) < 0.85, K2, KMINI)
        )
        self.emit(mem_acc[m], ts, ip, mdl, fp)
        # family-looking cover traffic
        nm = len(mem_acc)
        hc = h_ctry[mem_h]
        self.ordinary(mem_acc, self.counts(nm, 10, 0.8), TZ[hc], self.W(nm, home=0.8, mobile=0.2),
                      home=h_ip[mem_h], carrier=hc, mix=np.array([0.5, 0.35, 0.05, 0.1]))  # fmt: skip

    def op_understudy(self) -> None:
        rng, N = self.rng, self.n
        A0 = max(60, round(0.005 * N))
        sizes = []
        while sum(sizes) < A0:
            sizes.append(int(rng.integers(8, 21)))
        fams = self.new_tpl(6)
        smoke = self.new_tpl(len(sizes))
        shift_h = np.array([0, 1, 2, 13, 14])
        shift_days = np.array([d for d in range(NDAYS) if d % 7 < 5], np.int64)
        rows = {k: [] for k in ("acc", "from", "to", "cell", "pin", "fa", "fb")}
        cell_info = []
        for ci, size in enumerate(sizes):
            spares = int(np.ceil(0.4 * size))
            m = size + spares
            anchor = int(rng.integers(-50, -9)) * DAY + int(rng.integers(0, 16)) * HOUR
            cr = np.sort(anchor + rng.integers(0, int(rng.integers(2, 9)) * HOUR, m))
            cc = self.countries(m)
            u = rng.random(m)
            dom = np.where(u < 0.65, self.webmail(cc), np.where(u < 0.85, self.pick(PRIVACY, m), ALUMNI)).astype(object)
            acc = self.add_acc("op_understudy", "fraud", cr, dom, CTRY[cc])
            self.own_cards(acc)
            acc = rng.permutation(acc)
            v6 = rng.random() < 0.5
            if v6:
                net = self.new_net()
                pins = np.full(size, -1, np.int64)
            else:
                net = -1
                cips = self.new_ips(int(rng.integers(3, 6)), int(rng.choice(HOSTING[:3])))
                pins = cips[np.arange(size) % len(cips)]
            fa, fb = rng.choice(6, 2, replace=False)
            cell_info.append(
                {"v6": v6, "net": net, "ips": None if v6 else cips, "h": int(rng.choice(shift_h)), "acc": acc}
            )
            # slots: working holders, spares queue, late replacements
            queue = list(acc[size:])
            heap = []  # (ban time, account, active from, slot), processed in time order

            def hold(a, start, s, heap=heap):
                t_ban = max(6 * DAY, start) + int(rng.exponential(DAY / 0.009))
                heapq.heappush(heap, (t_ban, a, start, s))

            for s in range(size):
                hold(int(acc[s]), max(0, int(self.a_created.v[acc[s]])), s)
            while heap:
                t_ban, a, start, s = heapq.heappop(heap)
                for key, val in (
                    ("acc", a),
                    ("from", start),
                    ("to", min(t_ban, SPAN)),
                    ("cell", ci),
                    ("pin", pins[s]),
                    ("fa", fa),
                    ("fb", fb),
                ):
                    rows[key].append(val)
                if t_ban >= SPAN:
                    continue
                self.enforce([a], t_ban, 0.85)
                if queue:  # a warm spare, created weeks ago, takes over the slot
                    nxt = int(queue.pop(0))
                    self.a_repl.a[nxt] = 1
                    hold(nxt, t_ban + int(rng.integers(10 * MIN, 90 * MIN)), s)
                else:  # spares exhausted: a new account 1-3 days later
                    rc = t_ban + int(rng.integers(DAY, 3 * DAY))
                    if rc < SPAN - DAY:
                        c1 = self.countries(1)
                        na = self.add_acc("op_understudy", "fraud", [rc], self.webmail(c1), CTRY[c1], repl=1)
                        self.own_cards(na)
                        hold(int(na[0]), rc + int(rng.integers(HOUR, 4 * HOUR)), s)
        R = {k: np.array(v) for k, v in rows.items()}
        # work tickets during shifts
        r_acc, r_ts, r_ip, r_fam = [], [], [], []
        for ci, info in enumerate(cell_info):
            sel = np.flatnonzero(R["cell"] == ci)
            S = shift_days * DAY + info["h"] * HOUR
            k = rng.poisson(3.0, (len(sel), len(S)))
            ai, si = np.nonzero(k)
            kk = k[ai, si]
            rep = np.repeat(np.arange(len(ai)), kk)
            tk = S[si[rep]] + rng.integers(0, 9 * HOUR, len(rep))
            row = sel[ai[rep]]
            ok = (tk >= R["from"][row]) & (tk < R["to"][row])
            tk, row = tk[ok], row[ok]
            nreq = rng.integers(2, 7, len(tk))
            rr = np.repeat(np.arange(len(tk)), nreq)
            pos = seg_pos(nreq)
            ts = tk[rr] + pos * rng.integers(15, 46, len(rr))
            row_r = row[rr]
            if info["v6"]:
                tip = self.new_ips(len(tk), HETZNER, v6=True, net=info["net"])
                ip = tip[rr]
            else:
                pin = R["pin"][row_r]
                ip = np.where(rng.random(len(rr)) < 0.92, pin, self.pick(info["ips"], len(rr)))
            r_acc.append(R["acc"][row_r])
            r_ts.append(ts)
            r_ip.append(ip)
            r_fam.append(np.where(rng.random(len(rr)) < 0.5, R["fa"][row_r], R["fb"][row_r]))
            # smoke test at creation (every account of the cell) and weekly keep-alives of idle spares
            cacc = info["acc"]
            all_c = np.unique(np.r_[cacc, R["acc"][sel]])
            cre = self.a_created.v[all_c]
            n2 = rng.integers(1, 3, len(all_c))
            rr2 = np.repeat(np.arange(len(all_c)), n2)
            sm_ts = cre[rr2] + rng.integers(30, 600, len(rr2)) + seg_pos(n2) * 20
            sm_acc = all_c[rr2]
            act = {int(a): int(f) for a, f in zip(R["acc"][sel], R["from"][sel], strict=True)}
            ka_acc, ka_ts = [], []
            for a in cacc:
                until = act.get(int(a), SPAN)
                c0 = int(self.a_created.v[a])
                tt = c0 + 7 * DAY * np.arange(1, 20) + rng.integers(-6 * HOUR, 6 * HOUR, 19)
                tt = tt[tt < min(until, SPAN)]
                ka_acc.append(np.full(len(tt), a))
                ka_ts.append(tt)
            w_acc = np.r_[sm_acc, np.concatenate(ka_acc)]
            w_ts = np.r_[sm_ts, np.concatenate(ka_ts)]
            if info["v6"]:
                w_ip = self.new_ips(len(w_ts), HETZNER, v6=True, net=info["net"])
            else:
                w_ip = self.pick(info["ips"], len(w_ts))
            self.emit(
                w_acc,
                w_ts,
                w_ip,
                np.where(rng.random(len(w_ts)) < 0.8, K2, KMINI),
                self.canon(np.full(len(w_ts), smoke[ci])),
            )
        a = np.concatenate(r_acc)
        ts = np.concatenate(r_ts)
        ip = np.concatenate(r_ip)
        tpl = fams[np.concatenate(r_fam)]
        # favourites: 3 per account and family
        ua, inv = np.unique(a, return_inverse=True)
        fav = self.para(np.repeat(fams, 3 * len(ua)).reshape(6, len(ua), 3).transpose(1, 0, 2).ravel(), 2, 5).reshape(
            len(ua), 6, 3
        )
        fam_idx = np.searchsorted(fams, tpl)
        u = rng.random(len(a))
        fp = np.empty(len(a), np.int64)
        i = np.flatnonzero(u < 0.40)
        fp[i] = fav[inv[i], fam_idx[i], rng.integers(0, 3, len(i))]
        i = np.flatnonzero((u >= 0.40) & (u < 0.95))
        fp[i] = self.para(tpl[i], 2, 5)
        i = np.flatnonzero(u >= 0.95)
        fp[i] = self.canon(tpl[i])
        # cell model switch: first shift start >= release + 2 h
        cell_of = {}
        for ci, info in enumerate(cell_info):
            S = shift_days * DAY + info["h"] * HOUR
            sw = S[S >= REL + 2 * HOUR]
            for x in R["acc"][R["cell"] == ci]:
                cell_of[int(x)] = int(sw[0]) if len(sw) else int(NEVER)
        switch = np.array([cell_of[int(x)] for x in ua], np.int64)[inv]
        mdl = np.where(
            ts >= switch, np.where(rng.random(len(a)) < 0.95, K3, K2), np.where(rng.random(len(a)) < 0.8, K2, KMINI)
        )
        self.emit(a, ts, ip, mdl, fp)

    def op_storefront(self) -> None:
        rng, N = self.rng, self.n
        K0 = max(50, round(0.0045 * N))
        ctry_sf = ["IN", "ID", "VN", "BR", "NG", "PH", "TR", "US", "MX"]
        throwaway = self.company_domains(max(10, K0 // 2))
        pool = self.tok(int(np.ceil(K0 / 2.2)) + 5)

        def make(k, created, repl):
            cc = self.countries(k, ctry_sf)
            u = rng.random(k)
            dom = np.where(
                u < 0.55, self.webmail(cc), np.where(u < 0.8, self.pick(PRIVACY, k), self.pick(throwaway, k))
            ).astype(object)
            acc = self.add_acc("op_storefront", "fraud", created, dom, CTRY[cc], repl=repl)
            first = self.pick(pool, k)
            swap = rng.random(k) < 0.35
            t_swap = created + (rng.random(k) * np.maximum(SPAN - created, DAY)).astype(np.int64)
            t_swap = np.maximum(t_swap, np.maximum(created, 0) + DAY)
            self.card(acc, first, first=created, last=np.where(swap, t_swap, NEVER))
            sw = np.flatnonzero(swap)
            second = self.pick(pool, len(sw))
            second = np.where(second == first[sw], self.pick(pool, len(sw)), second)
            self.card(acc[sw], second, first=t_swap[sw])
            return acc

        created = rng.integers(-40 * DAY, 30 * DAY, K0)
        gen = make(K0, created, 0)
        keys = [gen]
        for _ in range(6):
            start = np.maximum(np.maximum(self.a_created.v[gen], 0), 3 * DAY)
            t = start + rng.exponential(DAY / 0.007, len(gen)).astype(np.int64)
            hit = t < SPAN
            if not hit.any():
                break
            self.enforce(gen[hit], t[hit], 0.4)
            rc = t[hit] + rng.integers(6 * HOUR, 36 * HOUR, int(hit.sum()))
            rc = rc[rc < SPAN - DAY]
            if len(rc) == 0:
                break
            gen = make(len(rc), rc, 1)
            keys.append(gen)
        keys = np.concatenate(keys)
        nk = len(keys)
        # forwarded customer traffic: random Quiltnet exit per request, all hours
        self.ordinary(keys, self.counts(nk, 50, 0.6), np.zeros(nk), self.W(nk, proxy=1.0), prof=FLAT, mlen=1.5, gap=200,
                      mix=np.array([0.5, 0.3, 0.2, 0.0]), adopt=REL + rng.integers(12 * HOUR, 5 * DAY, nk), pnew=0.4,
                      pmini=np.full(nk, 0.4))  # fmt: skip
        # distillation runs
        nr = rng.poisson(3 * NDAYS)
        r_start = rng.integers(0, SPAN, nr)
        r_dur = rng.integers(60 * MIN, 180 * MIN, nr)
        cre = self.a_created.v[keys]
        end = np.minimum(self.a_ban.v[keys], SPAN)
        pick = (rng.random((nr, nk)) < 0.15) & (r_start[:, None] >= cre[None, :]) & (r_start[:, None] < end[None, :])
        ri, ki = np.nonzero(pick)
        exit_ = self.pick(self.quilt_premium, len(ri))
        k = rng.poisson(6, len(ri))
        rr = np.repeat(np.arange(len(ri)), k)
        ts = r_start[ri[rr]] + (rng.random(len(rr)) * r_dur[ri[rr]]).astype(np.int64)
        acc = keys[ki[rr]]
        ip = exit_[rr]
        # drifting template families: centre[f, d]
        c0 = self.rand64(3)
        centre = np.empty((3, NDAYS + 1), np.uint64)
        centre[:, 0] = c0
        for d in range(1, NDAYS + 1):
            flip = rng.random(3) < 0.65
            bit = rng.integers(0, 64, 3).astype(np.uint64)
            centre[:, d] = centre[:, d - 1] ^ np.where(flip, np.uint64(1) << bit, np.uint64(0)).astype(np.uint64)
        day_fp = self.f_sim.add(centre.ravel()).reshape(3, NDAYS + 1)
        f = rng.choice(3, len(ts), p=[0.5, 0.3, 0.2])
        d = np.clip(ts // DAY, 0, NDAYS)
        ex = rng.random(len(ts)) < 0.2
        fp = np.where(ex, day_fp[f, d], -1)
        i = np.flatnonzero(~ex)
        fp[i] = self.para_sim(centre[f[i], d[i]], 1, 2)
        canary = rng.random(nk) < 0.1
        sw = np.where(canary, REL + rng.integers(HOUR, 3 * HOUR, nk), REL + rng.integers(10 * HOUR, 20 * HOUR, nk))
        kpos = ki[rr]
        mdl = np.where(ts >= sw[kpos], np.where(rng.random(len(ts)) < 0.9, K3, K2), K2)
        self.emit(acc, ts, ip, mdl, fp)

    # ================================================================== TRAPS
    def trap_market_open(self) -> None:
        rng, N = self.rng, self.n
        n = max(80, round(0.004 * N))
        cc = self.countries(n, ["US", "CA", "GB", "DE", "IN"], [75, 10, 10, 3, 2])
        firms = self.company_domains(max(3, n // 40))
        dom = np.where(rng.random(n) < 0.2, self.pick(firms, n), self.webmail(cc)).astype(object)
        acc = self.add_acc("trap_market_open", "benign_group", self.past_created(n, 400, 0.05), dom, CTRY[cc])
        self.own_cards(acc, 0.9)
        home = self.new_ips(n, self.res_asn(cc), v6=0.15)
        tpl = self.new_tpl(5)
        newsletter = self.canon(tpl)
        sticky = self.para(np.repeat(tpl, 2 * n), 1, 3).reshape(5, n, 2)
        trading = np.array([d for d in range(NDAYS) if d % 7 < 5 and d != 21], np.int64)
        ev_t = [d * DAY + 13 * HOUR + 30 * MIN for d in trading]
        ev_kind = [0] * len(ev_t)
        for d in (4, 8, 32, 37):  # jobs report / CPI at 08:30 ET
            ev_t.append(d * DAY + 12 * HOUR + 30 * MIN)
            ev_kind.append(1)
        ev_t, ev_kind = np.array(ev_t, np.int64), np.array(ev_kind)
        p_i = rng.uniform(0.3, 0.8, n)
        p = np.where(ev_kind[:, None] == 1, 0.75, p_i[None, :])
        on = rng.random((len(ev_t), n)) < p
        on &= ev_t[:, None] >= self.a_created.v[acc][None, :]
        ei, ai = np.nonzero(on)
        first = ev_t[ei] + np.minimum(600, rng.lognormal(np.log(25), 0.8, len(ei))).astype(np.int64)
        k = 1 + rng.poisson(1.5, len(ei))
        rr = np.repeat(np.arange(len(ei)), k)
        pos = seg_pos(k)
        ts = first[rr] + np.where(pos > 0, rng.exponential(90, len(rr)).astype(np.int64) * pos, 0)
        a = ai[rr]
        mob = rng.random(len(ei)) < 0.25
        cidx = cc[a]
        ip = np.where(
            mob[rr],
            self.car_flat[self.car_off[cidx] + (rng.random(len(rr)) * self.car_size[cidx]).astype(np.int64)],
            home[a],
        )
        t = np.where(ev_kind[ei[rr]] == 1, 3, rng.choice([0, 1, 2, 4], len(rr), p=[0.4, 0.25, 0.2, 0.15]))
        u = rng.random(len(rr))
        fp = np.where(u < 0.6, sticky[t, a, rng.integers(0, 2, len(rr))], np.where(u < 0.75, newsletter[t], -1))
        i = np.flatnonzero(fp < 0)
        fp[i] = self.para(tpl[t[i]], 1, 4)
        adopt = self.organic_adopt(n)
        mdl = np.where(
            (ts >= adopt[a]) & (rng.random(len(ts)) < 0.6), K3, np.where(rng.random(len(ts)) < 0.8, K2, KMINI)
        )
        self.emit(acc[a], ts, ip, mdl, fp)
        self.ordinary(
            acc, self.counts(n, 10, 0.9), TZ[cc], self.W(n, home=0.8, mobile=0.2), home=home, carrier=cc, adopt=adopt
        )

    def trap_gha_runners(self) -> None:
        rng, N = self.rng, self.n
        n = max(120, round(0.006 * N))
        cc = self.countries(n)
        comp = self.company_domains(max(5, n // 4))
        is_co = rng.random(n) < 0.45
        dom = np.where(is_co, self.pick(comp, n), self.webmail(cc)).astype(object)
        acc = self.add_acc("trap_gha_runners", "benign_group", self.past_created(n, 350, 0.08), dom, CTRY[cc])
        self.own_cards(acc, 0.85)
        home = self.new_ips(n, self.res_asn(cc), v6=0.15)
        v1 = self.new_tpl(1)
        v2 = self.new_tpl(1, near=self.t_base.v[v1[0]], bits=(3, 5))
        v3 = self.new_tpl(1, near=self.t_base.v[v2[0]], bits=(3, 5))
        ver_tpl = np.r_[v1, v2, v3]
        u = rng.random(n)
        kind = np.where(u < 0.65, 0, np.where(u < 0.8, 1, 2))  # daily, hourly stretch, PR only
        hour = rng.choice([0, 6, 12], n, p=[0.7, 0.15, 0.15])
        pinned = rng.random(n) < 0.3
        bump = np.where(pinned & (rng.random(n) < 0.2), REL + DAY + rng.integers(0, 15 * DAY, n), NEVER)
        # per hour-slot platform queue delay
        slots = np.arange(0, SPAN, HOUR, dtype=np.int64)
        delay = np.where(
            slots % DAY == 0, rng.integers(10 * MIN, 25 * MIN, len(slots)), rng.integers(3 * MIN, 12 * MIN, len(slots))
        )
        jobs_a, jobs_t = [], []
        d_ = np.flatnonzero(kind == 0)
        days = np.arange(NDAYS)
        on = rng.random((len(d_), NDAYS)) < 0.95
        ai, di = np.nonzero(on)
        jobs_a.append(d_[ai])
        jobs_t.append(days[di] * DAY + hour[d_[ai]] * HOUR)
        h_ = np.flatnonzero(kind == 1)
        st = rng.integers(0, NDAYS - 2, len(h_)) * DAY
        ln = rng.integers(2, 9, len(h_)) * 24
        rep = np.repeat(np.arange(len(h_)), ln)
        jobs_a.append(h_[rep])
        jobs_t.append(st[rep] + seg_pos(ln) * HOUR)
        ja = np.concatenate(jobs_a)
        jt = np.concatenate(jobs_t)
        ok = (jt < SPAN) & (jt >= self.a_created.v[acc[ja]])
        ja, jt = ja[ok], jt[ok]
        start = (
            jt
            + delay[jt // HOUR]
            + np.rint(rng.normal(0, 40, len(jt))).astype(np.int64)
            + rng.exponential(20, len(jt)).astype(np.int64)
        )
        start = np.maximum(start, jt)
        runner = self.pick(self.gha, len(jt))
        k = rng.integers(1, 5, len(jt))
        rr = np.repeat(np.arange(len(jt)), k)
        ts = start[rr] + seg_pos(k) * rng.integers(5, 26, len(rr))
        a = ja[rr]
        ip = runner[rr]
        # PR-triggered runs during the developer's work hours
        pr_n = self.counts(n, 8, 0.8)
        s_li, s_st, r_sid, pts = self.sessions(
            pr_n, np.maximum(self.a_created.v[acc], 0), np.full(n, SPAN), TZ[cc], WORK, 2.5, 15, 0.3
        )
        s_ip = self.pick(self.gha, len(s_st))
        a = np.r_[a, s_li[r_sid]]
        ts = np.r_[ts, pts]
        ip = np.r_[ip, s_ip[r_sid]]
        latest = (ts >= 10 * DAY).astype(np.int64) + (ts >= 30 * DAY)
        ver = np.where(pinned[a], 0, latest)
        tp = ver_tpl[ver]
        ex = rng.random(len(ts)) < 0.15
        fp = np.empty(len(ts), np.int64)
        fp[ex] = self.canon(tp[ex])
        fp[~ex] = self.para(tp[~ex], 2, 6)
        flip = REL + 6 * HOUR
        new = np.where(pinned[a], ts >= bump[a], ts >= flip)
        mdl = np.where(new, K3, KCODE)
        self.emit(acc[a], ts, ip, mdl, fp)
        pers = rng.random(n) < 0.6
        sel = np.flatnonzero(pers)
        self.ordinary(acc[sel], self.counts(len(sel), 6, 0.9), TZ[cc[sel]], self.W(len(sel), home=0.85, mobile=0.15),
                      home=home[sel], carrier=cc[sel], pcode=np.full(len(sel), 0.3))  # fmt: skip

    def trap_mdm_rollout(self) -> None:
        rng, N = self.rng, self.n
        total = max(50, round(0.003 * N))
        nco = max(1, round(N / 100_000))
        sizes = (
            np.diff(np.r_[0, np.sort(rng.choice(np.arange(1, total), nco - 1, replace=False)), total])
            if nco > 1
            else np.array([total])
        )
        doms = self.company_domains(nco)
        assistant = self.new_tpl(1)
        assistant2 = self.new_tpl(1, near=self.t_base.v[assistant[0]], bits=(3, 3))
        for c in range(nco):
            m = int(sizes[c])
            ctry = "US" if rng.random() < 0.6 else "DE"
            tz = TZ[CI[ctry]]
            d0 = int(rng.integers(2, 7))
            night = np.sort(rng.integers(0, 5, m))
            cnt = np.bincount(night, minlength=5)
            step = rng.integers(5, 16, m)  # one account every 5-15 s from 02:00 local
            cs = np.cumsum(step)
            first = np.repeat(np.cumsum(cnt) - cnt, cnt)
            cre = (d0 + night) * DAY + int((2 - tz) * HOUR) + cs - cs[first] + step[first]
            acc = self.add_acc("trap_mdm_rollout", "benign_group", cre, doms[c], ctry)
            self.own_cards(acc)  # per-employee virtual cards from the corporate card program
            home = self.new_ips(m, self.res_asn(np.full(m, CI[ctry])))
            ctpl = self.new_tpl(3)
            pers = self.pick(ctpl, m)
            self.ordinary(acc, self.counts(m, 14, 0.7), np.full(m, tz), self.W(m, extra=0.8, home=0.2), home=home,
                          extra=self.ztna, prof=WORK, wkend=0.1, mix=np.array([0.55, 0.15, 0.05, 0.25]), personal=pers)  # fmt: skip
            # assistant traffic with the bundled system prompt
            s_li, s_st, r_sid, ts = self.sessions(
                self.counts(m, 12, 0.6), np.maximum(cre, 0), np.full(m, SPAN), np.full(m, tz), WORK, 2.0, 40, 0.1
            )
            s_ip = np.where(rng.random(len(s_st)) < 0.8, self.pick(self.ztna, len(s_st)), home[s_li])
            li = s_li[r_sid]
            tp = np.where(ts >= 20 * DAY, assistant2[0], assistant[0])
            ex = rng.random(len(ts)) < 0.7
            fp = np.empty(len(ts), np.int64)
            fp[ex] = self.canon(tp[ex])
            fp[~ex] = self.para(tp[~ex], 1, 2)
            flip = REL + int(rng.integers(2 * HOUR, 3 * HOUR))
            self.emit(acc[li], ts, s_ip[r_sid], np.where(ts >= flip, K3, K2), fp)

    def trap_billing_migration(self) -> None:
        rng, N = self.rng, self.n
        nt = max(4, round(N / 4000))
        doms = self.company_domains(nt)
        for t in range(nt):
            m = int(rng.integers(5, 21))
            c = self.countries(1)[0]
            tz = TZ[c]
            cre = self.past_created(m, 400, 0.0)
            acc = self.add_acc("trap_billing_migration", "benign_group", cre, doms[t], CTRY[c])
            tok_old = self.tok(1)[0]
            office = self.new_ips(int(rng.integers(1, 3)), int(rng.choice(BUSINESS)))
            off = self.pick(office, m)
            home = self.new_ips(m, self.res_asn(np.full(m, c)), v6=0.1)
            ttpl = self.new_tpl(2)
            pers = self.pick(ttpl, m)
            susp = int(rng.integers(8, 31)) * DAY + int(rng.integers(0, 6 * HOUR))
            self.card(acc, tok_old, last=np.full(m, susp))
            self.ban(acc, susp + rng.integers(0, 10 * MIN, m), "suspended")
            W = self.W(m, office=0.7, home=0.3)
            self.ordinary(acc, self.counts(m, 20, 0.7), np.full(m, tz), W, home=home, office=off, prof=WORK, wkend=0.1,
                          mix=np.array([0.5, 0.15, 0.1, 0.25]), personal=pers)  # fmt: skip
            # the admin re-creates most of the team within two hours, 1-6 days later
            back = np.flatnonzero(rng.random(m) < 0.8)
            day = susp // DAY + int(rng.integers(1, 7))
            t0 = day * DAY + int((14 - tz) * HOUR)
            rc = t0 + np.sort(rng.integers(0, 2 * HOUR, len(back)))
            if rc.max(initial=0) >= SPAN - DAY or len(back) == 0:
                continue
            nacc = self.add_acc("trap_billing_migration", "benign_group", rc, doms[t], CTRY[c])
            self.card(nacc, self.tok(1)[0], first=rc)
            self.ordinary(nacc, self.counts(len(back), 12, 0.7), np.full(len(back), tz), W[back], home=home[back],
                          office=off[back], prof=WORK, wkend=0.1, mix=np.array([0.5, 0.15, 0.1, 0.25]),
                          personal=pers[back])  # fmt: skip

    def trap_launch_day(self) -> None:
        rng, N = self.rng, self.n
        n = max(100, round(0.005 * N))
        cc = self.countries(n)
        newacc = rng.random(n) < 0.25
        cre = self.past_created(n, 300, 0.1)
        cre[newacc] = REL + np.minimum(rng.lognormal(np.log(1.5 * HOUR), 0.8, int(newacc.sum())), 22 * HOUR).astype(
            np.int64
        )
        acc = self.add_acc("trap_launch_day", "benign_group", cre, self.webmail(cc), CTRY[cc])
        self.own_cards(acc[~newacc], 0.85)
        self.own_cards(acc[newacc], 0.6)
        home = self.new_ips(n, self.res_asn(cc), v6=0.15)
        famous = self.new_tpl(6)
        start = np.where(
            newacc,
            cre + rng.integers(60, 600, n),
            REL + np.minimum(rng.lognormal(np.log(2 * HOUR), 0.9, n), 30 * HOUR).astype(np.int64),
        )
        k = rng.integers(3, 11, n)
        rr = np.repeat(np.arange(n), k)
        ts = start[rr] + seg_pos(k) * rng.integers(60, 150, len(rr))
        mob = rng.random(n) < 0.25
        ip = np.where(
            mob[rr],
            self.car_flat[self.car_off[cc[rr]] + (rng.random(len(rr)) * self.car_size[cc[rr]]).astype(np.int64)],
            home[rr],
        )
        t = rng.choice(6, len(rr), p=_norm([30, 25, 15, 12, 10, 8]))
        ex = rng.random(len(rr)) < 0.7
        fp = np.empty(len(rr), np.int64)
        fp[ex] = self.canon(famous[t[ex]])
        fp[~ex] = self.para(famous[t[~ex]], 1, 3)
        self.emit(acc[rr], ts, ip, np.where(rng.random(len(rr)) < 0.95, K3, K2), fp)
        adopt = np.where(newacc | (rng.random(n) < 0.5), start, self.organic_adopt(n))
        self.ordinary(
            acc, self.counts(n, 6, 1.0), TZ[cc], self.W(n, home=0.8, mobile=0.2), home=home, carrier=cc, adopt=adopt
        )

    def trap_citizen_science(self) -> None:
        rng, N = self.rng, self.n
        n = max(80, round(0.004 * N))
        cc = self.countries(n)
        dom = np.where(rng.random(n) < 0.25, self.pick(np.array(OTHER_UNIS, dtype=object), n), self.webmail(cc)).astype(
            object
        )
        acc = self.add_acc("trap_citizen_science", "benign_group", self.past_created(n, 500, 0.03), dom, CTRY[cc])
        self.own_cards(acc, 0.9)
        home = self.new_ips(n, self.res_asn(cc), v6=0.2)
        v1 = self.new_tpl(1)
        v2 = self.new_tpl(1, near=self.t_base.v[v1[0]], bits=(4, 4))
        pub = np.array([d * DAY + h * HOUR for d in range(NDAYS) for h in (6, 18)], np.int64)
        phase = rng.integers(5, 300, n)
        p_on = rng.uniform(0.3, 0.9, n)
        on = (rng.random((len(pub), n)) < p_on[None, :]) & (pub[:, None] >= self.a_created.v[acc][None, :])
        bi, ai = np.nonzero(on)
        st = pub[bi] + phase[ai] + np.rint(rng.normal(0, 3, len(bi))).astype(np.int64)
        k = rng.integers(3, 9, len(bi))
        rr = np.repeat(np.arange(len(bi)), k)
        ts = st[rr] + seg_pos(k) * rng.integers(20, 41, len(rr))
        a = ai[rr]
        tp = np.where(ts >= 15 * DAY, v2[0], v1[0])
        fp = self.para(tp, 1, 3)
        mdl = np.where(ts >= REL + 30 * HOUR, K3, KMINI)
        self.emit(acc[a], ts, home[a], mdl, fp)
        self.ordinary(acc, self.counts(n, 10, 0.9), TZ[cc], self.W(n, home=0.85, mobile=0.15), home=home, carrier=cc)

    def trap_roleplay_frontend(self) -> None:
        rng, N = self.rng, self.n
        n = max(120, round(0.006 * N))
        cc = self.countries(n)
        cre = self.past_created(n, 250, 0.2)
        acc = self.add_acc("trap_roleplay_frontend", "benign_group", cre, self.webmail(cc), CTRY[cc])
        has = rng.random(n) < 0.8
        tok = self.tok(n)
        self.card(acc[has], tok[has])
        home = self.new_ips(n, self.res_asn(cc), v6=0.15)
        presets = self.new_tpl(1)
        presets = np.r_[presets, self.new_tpl(4, near=self.t_base.v[presets[0]], bits=(3, 6))]
        pre_w = _norm(1.0 / np.arange(1, 6) ** 1.2)
        char = self.new_tpl(n)  # each user's character card
        nreq = self.counts(n, 40, 1.1)
        mobw = np.where(rng.random(n) < 0.3, 0.25, 0.0)
        W = self.W(n, home=1 - mobw, mobile=mobw)

        def traffic(accs, nr, idx, lo):
            s_li, s_st, r_sid, ts = self.sessions(nr, lo, np.full(len(accs), SPAN), TZ[cc[idx]], EVENING, 12, 50)
            li = s_li[r_sid]
            cum = np.cumsum(W[idx], 1)
            path = (rng.random(len(s_st))[:, None] > cum[s_li]).sum(1)
            c = cc[idx][s_li]
            s_ip = np.where(
                path == 0,
                home[idx][s_li],
                self.car_flat[self.car_off[c] + (rng.random(len(s_st)) * self.car_size[c]).astype(np.int64)],
            )
            u = rng.random(len(ts))
            fp = np.empty(len(ts), np.int64)
            i = np.flatnonzero(u < 0.4)
            fp[i] = self.canon(presets[rng.choice(5, len(i), p=pre_w)])
            i = np.flatnonzero((u >= 0.4) & (u < 0.85))
            fp[i] = self.para(char[idx][li[i]], 1, 3)
            i = np.flatnonzero(u >= 0.85)
            fp[i] = self.uniq(len(i))
            mdl = np.where(rng.random(len(ts)) < 0.6, K2, KMINI)
            self.emit(accs[li], ts, s_ip[r_sid], mdl, fp)

        idx = np.arange(n)
        traffic(acc, nreq, idx, np.maximum(cre, 0))
        sweep = 19 * DAY + 15 * HOUR
        elig = np.flatnonzero(cre < sweep - DAY)
        hit = elig[rng.random(len(elig)) < 0.2]
        self.ban(acc[hit], sweep + rng.integers(0, 3 * HOUR, len(hit)), "banned")
        ret = hit[rng.random(len(hit)) < 0.35]
        rc = sweep + rng.integers(DAY, 9 * DAY, len(ret))
        racc = self.add_acc("trap_roleplay_frontend", "benign_group", rc, self.webmail(cc[ret]), CTRY[cc[ret]])
        u = rng.random(len(ret))
        same = (u < 0.3) & has[ret]
        self.card(racc[same], tok[ret[same]], first=rc[same])
        newc = (u >= 0.3) & (u < 0.8)
        self.card(racc[newc], self.tok(int(newc.sum())), first=rc[newc])
        traffic(racc, self.counts(len(ret), 25, 1.0), ret, rc)

    def trap_spot_lab(self) -> None:
        rng, N = self.rng, self.n
        nlab = max(1, round(N / 120_000))
        total = max(12, round(0.0004 * N))
        doms = self.company_domains(nlab)
        for lab in range(nlab):
            m = total // nlab + (1 if lab < total % nlab else 0)
            ctry = rng.choice(["GB", "US", "NL"])
            acc = self.add_acc("trap_spot_lab", "benign_group", -rng.integers(150 * DAY, 400 * DAY, m), doms[lab], ctry)
            self.card(acc, self.tok(1)[0])
            g = acc[rng.random(m) < 0.3]
            self.card(g, self.tok(1)[0])
            root = self.new_tpl(1)
            sib = np.r_[root, self.new_tpl(3, near=self.t_base.v[root[0]], bits=(6, 9))]
            nsw = rng.poisson(2 * NDAYS)
            sw = np.sort(rng.integers(0, SPAN, nsw))
            frac = rng.uniform(0.3, 0.7, nsw)
            on = rng.random((nsw, m)) < frac[:, None]
            si, ai = np.nonzero(on)
            st = sw[si] + rng.integers(0, 21, len(si))
            ip = self.pick(self.aws_pool, len(si))
            k = rng.integers(10, 41, len(si))
            rr = np.repeat(np.arange(len(si)), k)
            # requests 3-8 s apart within a run
            gaps = rng.integers(3, 9, len(rr))
            gaps[np.cumsum(k) - k] = 0
            cs = np.cumsum(gaps)
            ts = st[rr] + cs - cs[(np.cumsum(k) - k)][rr]
            t = sib[rng.integers(0, 4, len(rr))]
            ex = rng.random(len(rr)) < 0.1
            fp = np.empty(len(rr), np.int64)
            fp[ex] = self.canon(t[ex])
            fp[~ex] = self.para(t[~ex], 1, 3)
            k3 = (sw[si] >= REL + int(rng.integers(2 * HOUR, 5 * HOUR))) & (rng.random(len(si)) < 0.6)
            self.emit(acc[ai[rr]], ts, ip[rr], np.where(k3[rr], K3, K2), fp)
            inter = acc[rng.random(m) < 0.2]
            if len(inter):
                nat = self.new_ips(2, int(rng.choice(BUSINESS)))
                self.ordinary(inter, self.counts(len(inter), 15, 0.6), np.full(len(inter), TZ[CI[ctry]]),
                              self.W(len(inter), office=1.0), office=self.pick(nat, len(inter)), prof=WORK, wkend=0.2)  # fmt: skip

    def trap_university_nren(self) -> None:
        rng, N = self.rng, self.n
        n = max(150, round(0.0075 * N))
        tz = TZ[CI["NL"]]
        cre = (
            rng.integers(1, 4, n) * DAY
            + ((rng.integers(9, 17, n) - tz) * HOUR).astype(np.int64)
            + rng.integers(0, 50 * MIN, n)
        )
        cc = np.where(rng.random(n) < 0.85, CI["NL"], self.countries(n))
        acc = self.add_acc("trap_university_nren", "benign_group", cre, f"student.{UNI}", CTRY[cc])
        self.own_cards(acc, 0.3)
        home = self.new_ips(n, self.res_asn(np.full(n, CI["NL"])), v6=0.1)
        courses = self.new_tpl(4)
        pers = self.pick(courses, n)
        self.ordinary(acc, self.counts(n, 18, 0.9), np.full(n, tz), self.W(n, extra=0.55, home=0.35, mobile=0.10),
                      home=home, carrier=np.full(n, CI["NL"]), extra=self.nren, prof=STUDY,
                      mix=np.array([0.35, 0.2, 0.05, 0.4]), personal=pers, pmini=np.full(n, 0.7))  # fmt: skip

    # ================================================================== ORGANIC
    def organic(self) -> None:
        rng = self.rng
        rest = self.n - self.n_acc
        frac = {"mobile": 0.12, "company": 0.14, "vpn": 0.04, "proxy_customer": 0.03, "cloud_dev": 0.045,
                "cron": 0.02, "ztna": 0.015, "academic": 0.005, "agent_dev": 0.025}  # fmt: skip
        cnt = {k: round(v * rest) for k, v in frac.items()}
        cnt = {"household": rest - sum(cnt.values()), **cnt}
        made = {}
        for typ, k in cnt.items():
            made[typ] = getattr(self, f"org_{typ}")(k)
        # unrelated enforcement
        allo = np.concatenate(list(made.values()))
        u = rng.random(len(allo))
        hit = allo[u < 0.006]
        cre = np.maximum(self.a_created.v[hit], 0)
        t = cre + (rng.random(len(hit)) * (SPAN - cre)).astype(np.int64)
        self.enforce(hit, t, 0.67)

    def _basic(self, typ, k, cc=None, dom=None, cre=None):
        cc = self.countries(k) if cc is None else cc
        dom = self.webmail(cc) if dom is None else dom
        cre = self.past_created(k) if cre is None else cre
        acc = self.add_acc(f"organic_{typ}", "organic", cre, dom, CTRY[cc])
        return acc, cc

    def _cards(self, acc, p_none=0.15, p_two=0.05) -> None:
        u = self.rng.random(len(acc))
        self.own_cards(acc[u >= p_none])
        two = acc[u >= 1 - p_two]
        cre = np.maximum(self.a_created.v[two], 0)
        self.card(two, self.tok(len(two)), first=cre + (self.rng.random(len(two)) * (SPAN - cre)).astype(np.int64))

    def _mix(self, k, agent_users=0.25):
        ag = self.rng.random(k) < agent_users
        mix = np.tile([0.52, 0.27, 0.06, 0.15], (k, 1))
        mix[ag, 2] = 0.35
        return mix

    def org_household(self, k):
        rng = self.rng
        if k <= 0:
            return np.zeros(0, np.int64)
        sz = rng.choice([1, 2, 3, 4, 5], k, p=[0.55, 0.22, 0.12, 0.07, 0.04])
        sz = sz[np.cumsum(sz) <= k]
        if sz.sum() < k:
            sz = np.r_[sz, np.ones(k - sz.sum(), np.int64)]
        nh = len(sz)
        hc = self.countries(nh)
        hh = np.repeat(np.arange(nh), sz)
        cc = hc[hh]
        dom = self.webmail(cc)
        multi = sz > 1
        fam = np.flatnonzero(multi & (rng.random(nh) < 0.04))
        fd = self.family_domains(len(fam))
        hd = np.full(nh, None, dtype=object)
        hd[fam] = fd
        dom = np.where(hd[hh] != None, hd[hh], dom).astype(object)  # noqa: E711
        alum = rng.random(k) < 0.015
        dom[alum] = ALUMNI
        acc, _ = self._basic("household", k, cc, dom)
        share = multi & (rng.random(nh) < 0.45)
        sh = share[hh]
        htok = self.tok(nh)
        self.card(acc[sh], htok[hh[sh]])
        self._cards(acc[~sh])
        hip = self.new_ips(nh, self.res_asn(hc), v6=0.15)
        churn_h = np.where(rng.random(nh) < 0.2, hc, -1)
        mob = np.where(rng.random(k) < 0.3, rng.uniform(0.1, 0.5, k), 0)
        vpn = np.where(rng.random(k) < 0.08, rng.uniform(0.2, 0.6, k), 0)
        W = self.W(k, home=1.0, mobile=mob, vpn=vpn)
        self.ordinary(acc, self.counts(k, 5, 1.2, dormant=0.08), TZ[cc], W, home=hip[hh], carrier=cc, churn=churn_h[hh],
                      mix=self._mix(k))  # fmt: skip
        return acc

    def org_mobile(self, k):
        acc, cc = self._basic("mobile", k)
        self._cards(acc, 0.35)
        self.ordinary(
            acc,
            self.counts(k, 4, 1.1, dormant=0.08),
            TZ[cc],
            self.W(k, mobile=1.0),
            carrier=cc,
            mlen=2.0,
            mix=self._mix(k),
        )
        return acc

    def org_company(self, k):
        rng = self.rng
        sz = np.minimum(60, np.maximum(2, (rng.pareto(1.3, k) * 3 + 2).astype(np.int64)))
        sz = sz[np.cumsum(sz) <= k]
        if sz.sum() < k:
            sz = np.r_[sz, [k - sz.sum()]]
        nc = len(sz)
        co = np.repeat(np.arange(nc), sz)
        ccc = self.countries(nc)
        cdom = self.company_domains(nc)
        cc = ccc[co]
        acc, _ = self._basic("company", k, cc, cdom[co])
        cshare = rng.random(nc) < 0.45
        ctok = self.tok(nc)
        sh = cshare[co]
        self.card(acc[sh], ctok[co[sh]])
        self._cards(acc[~sh], 0.3)
        office = self.new_ips(nc, self.rng.choice(BUSINESS, nc))
        home = self.new_ips(k, self.res_asn(cc), v6=0.15)
        ctpl = self.new_tpl(nc)
        W = self.W(k, office=0.6, home=0.3, mobile=0.1)
        self.ordinary(acc, self.counts(k, 8, 1.0, dormant=0.08), TZ[cc], W, home=home, office=office[co], carrier=cc,
                      prof=WORK, wkend=0.15, personal=ctpl[co], mix=self._mix(k, 0.3))  # fmt: skip
        return acc

    def org_vpn(self, k):
        acc, cc = self._basic("vpn", k)
        self._cards(acc)
        home = self.new_ips(k, self.res_asn(cc), v6=0.15)
        self.ordinary(
            acc, self.counts(k, 6, 1.1, dormant=0.05), TZ[cc], self.W(k, vpn=0.7, home=0.3), home=home, mix=self._mix(k)
        )
        return acc

    def org_proxy_customer(self, k):
        rng = self.rng
        acc, cc = self._basic("proxy_customer", k)
        self._cards(acc, 0.3)
        home = self.new_ips(k, self.res_asn(cc))
        p = rng.uniform(0.5, 0.95, k)
        flat = rng.random(k) < 0.5
        for sel, prof in ((flat, FLAT), (~flat, HUMAN)):
            i = np.flatnonzero(sel)
            self.ordinary(acc[i], self.counts(len(i), 8, 1.1, dormant=0.05), TZ[cc[i]], self.W(len(i), proxy=p[i], home=1 - p[i]),
                          home=home[i], prof=prof, mlen=2.0, mix=self._mix(len(i)))  # fmt: skip
        return acc

    def org_cloud_dev(self, k):
        rng = self.rng
        acc, cc = self._basic("cloud_dev", k)
        self._cards(acc, 0.1)
        home = self.new_ips(k, self.res_asn(cc), v6=0.15)
        prov = rng.choice([AWS, GCP, HETZNER, DO, OVH], k, p=[0.4, 0.2, 0.2, 0.1, 0.1])
        cloud = self.new_ips(k, prov)
        use_pool = (prov == AWS) & (rng.random(k) < 0.4)
        cloud[use_pool] = self.pick(self.aws_pool, int(use_pool.sum()))
        v6 = np.flatnonzero((prov == HETZNER) & (rng.random(k) < 0.4))
        for i in v6:  # a Hetzner /64 of their own
            cloud[i] = self.new_ips(1, HETZNER, v6=True, net=self.new_net())[0]
        self.ordinary(acc, self.counts(k, 12, 1.1, dormant=0.05), TZ[cc], self.W(k, cloud=0.6, home=0.4), home=home,
                      cloud=cloud, prof=WORK, wkend=0.4, mlen=4, gap=40, pcode=np.full(k, 0.35), mix=self._mix(k, 0.5))  # fmt: skip
        return acc

    def org_cron(self, k):
        rng = self.rng
        acc, cc = self._basic("cron", k)
        self._cards(acc, 0.3)
        home = self.new_ips(k, self.res_asn(cc), v6=0.15)
        cloud = self.new_ips(k, rng.choice([AWS, HETZNER, DO, LINODE, VULTR], k))
        nj = np.where(rng.random(k) < 0.25, 2, 1)
        ja = np.repeat(np.arange(k), nj)
        m = len(ja)
        u = rng.random(m)
        period = np.where(u < 0.6, DAY, np.where(u < 0.85, 6 * HOUR, HOUR))
        span = np.where(
            period == DAY,
            rng.integers(7, 43, m) * DAY,
            np.where(period == HOUR, rng.integers(2, 7, m) * DAY, rng.integers(3, 15, m) * DAY),
        )
        st_day = rng.integers(0, NDAYS, m)
        hour = rng.integers(0, 24, m)
        first = st_day * DAY + np.where(period == HOUR, 0, hour % (period // HOUR)) * HOUR
        nf = np.maximum(1, span // period)
        fr = np.repeat(np.arange(m), nf)
        ft = first[fr] + seg_pos(nf) * period[fr] + rng.integers(0, 5, len(fr))
        keep = (ft < SPAN) & (rng.random(len(fr)) > 0.03)
        fr, ft = fr[keep], ft[keep]
        k2 = np.where(rng.random(len(fr)) < 0.35, 2, 1)
        rr = np.repeat(np.arange(len(fr)), k2)
        ts = ft[rr] + seg_pos(k2) * rng.integers(2, 16, len(rr))
        job = fr[rr]
        a = ja[job]
        from_cloud = rng.random(k) < 0.6
        ip = np.where(from_cloud[a], cloud[a], home[a])
        popular = rng.random(m) < 0.35
        jtpl = np.where(popular, self.pick(self.cron_tpl, m), self.new_tpl(m))
        fp = self.canon(jtpl[job])
        pinned = np.where(rng.random(m) < 0.6, KMINI, K2)
        latest = rng.random(m) < 0.1
        mdl = np.where(latest[job] & (ts >= REL), K3, pinned[job])
        self.emit(acc[a], ts, ip, mdl, fp)
        half = np.flatnonzero(rng.random(k) < 0.5)
        self.ordinary(
            acc[half],
            self.counts(len(half), 6, 1.0),
            TZ[cc[half]],
            self.W(len(half), home=1.0),
            home=home[half],
            mix=self._mix(len(half)),
        )
        return acc

    def org_ztna(self, k):
        rng = self.rng
        sz = rng.integers(5, 41, max(1, k // 10))
        sz = sz[np.cumsum(sz) <= k]
        sz = np.r_[sz, [k - sz.sum()]] if sz.sum() < k else sz
        sz = sz[sz > 0]
        co = np.repeat(np.arange(len(sz)), sz)
        ccc = self.countries(len(sz), ["US", "DE", "GB", "FR", "NL", "JP", "CA"])
        cc = ccc[co]
        acc, _ = self._basic("ztna", k, cc, self.company_domains(len(sz))[co])
        self._cards(acc, 0.2)
        home = self.new_ips(k, self.res_asn(cc), v6=0.15)
        ctpl = self.new_tpl(len(sz))
        self.ordinary(acc, self.counts(k, 10, 0.9, dormant=0.05), TZ[cc], self.W(k, extra=0.75, home=0.25), home=home,
                      extra=self.ztna, prof=WORK, wkend=0.1, personal=ctpl[co], mix=self._mix(k, 0.2))  # fmt: skip
        return acc

    def org_academic(self, k):
        rng = self.rng
        cc = np.full(k, CI["NL"])
        dom = rng.choice(np.array([UNI, "tu-hollandse.nl", "rug-noord.nl", "staff.vechtdal-uni.nl"], dtype=object), k)
        acc, _ = self._basic("academic", k, cc, dom)
        self._cards(acc, 0.4)
        home = self.new_ips(k, self.res_asn(cc), v6=0.1)
        self.ordinary(acc, self.counts(k, 10, 1.0, dormant=0.05), TZ[cc], self.W(k, extra=0.6, home=0.4), home=home,
                      extra=self.nren, prof=WORK, wkend=0.2, mix=self._mix(k))  # fmt: skip
        return acc

    def org_agent_dev(self, k):
        rng = self.rng
        acc, cc = self._basic("agent_dev", k)
        self._cards(acc, 0.1)
        home = self.new_ips(k, self.res_asn(cc), v6=0.15)
        cloud = self.new_ips(k, rng.choice([AWS, GCP, AZURE, HETZNER], k))
        cw = np.where(rng.random(k) < 0.5, 0.6, 0.0)
        mix = np.tile([0.3, 0.1, 0.5, 0.1], (k, 1))
        self.ordinary(acc, self.counts(k, 25, 1.2, dormant=0.03), TZ[cc], self.W(k, cloud=cw, home=1 - cw), home=home,
                      cloud=cloud, mlen=6, gap=15, mix=mix, pcode=np.full(k, 0.3))  # fmt: skip
        return acc

    # ================================================================== build / write
    def build(self, log=None) -> None:
        steps = ["infra", "op_cadence", "op_homestead", "op_understudy", "op_storefront", "trap_market_open",
                 "trap_gha_runners", "trap_mdm_rollout", "trap_billing_migration", "trap_launch_day",
                 "trap_citizen_science", "trap_roleplay_frontend", "trap_spot_lab", "trap_university_nren", "organic"]  # fmt: skip
        for s in steps:
            t = time.perf_counter()
            getattr(self, s)()
            if log:
                log(f"  {s:<24} {time.perf_counter() - t:6.1f}s  accounts={self.n_acc}")
        assert self.n_acc == self.n, (self.n_acc, self.n)

    def write(self, out: Path) -> dict[str, int]:
        rng = self.rng
        out.mkdir(parents=True, exist_ok=True)
        n_acc = self.n_acc
        created, ban = self.a_created.v, self.a_ban.v
        while True:
            raw = rng.integers(0, 2**60, n_acc, dtype=np.int64).astype(np.uint64)
            if len(np.unique(raw)) == n_acc:
                break
        acc_id = np.char.add("acct_", b32(raw, 12)).astype(object)

        # requests: keep those inside [created, ban) and the window
        r_acc, r_ts, r_ip, r_mdl, r_fp = (np.concatenate([r[i] for r in self.req]) for i in range(5))
        self.req = []
        ok = (r_ts >= 0) & (r_ts < SPAN) & (r_ts >= created[r_acc]) & (r_ts < ban[r_acc])
        r_acc, r_ts, r_ip, r_mdl, r_fp = (c[ok] for c in (r_acc, r_ts, r_ip, r_mdl, r_fp))
        order = np.lexsort((r_acc, r_ts))
        r_acc, r_ts, r_ip, r_mdl, r_fp = (c[order] for c in (r_acc, r_ts, r_ip, r_mdl, r_fp))

        # fingerprints and simhash of the used prompts
        ufp, fp_inv = np.unique(r_fp, return_inverse=True)
        sim = self.f_sim.v[ufp].copy()
        bad = digit_run13(sim)
        sim[bad] |= np.uint64(0xA) << np.uint64(32)  # a letter nibble in the middle breaks any 13-digit run
        assert not digit_run13(sim).any()
        sim_str = hex16(sim)
        while True:
            fraw = rng.integers(0, 2**60, len(ufp), dtype=np.int64).astype(np.uint64)
            if len(np.unique(fraw)) == len(ufp):
                break
        fp_str = np.char.add("fp_", b32(fraw, 12))

        # IP strings of the used addresses
        uip, ip_inv = np.unique(r_ip, return_inverse=True)
        ip_str = self.render_ips(uip)
        asn = self.ip_asn.v[uip]

        def iso(t):
            return np.datetime_as_string(
                T0 + np.asarray(t, np.int64).astype("timedelta64[s]"), unit="s", timezone="UTC"
            )

        def col(dictionary, idx):
            return pa.array(np.asarray(dictionary).astype(str)).take(pa.array(np.asarray(idx, np.int64)))

        acc_pa = pa.array(acc_id.astype(str))
        req = pa.table({
            "account_id": acc_pa.take(pa.array(r_acc)),
            "timestamp": pa.array(iso(r_ts)),
            "ip": col(ip_str, ip_inv),
            "model": col(MODELS, r_mdl.astype(np.int64)),
            "prompt_fingerprint": col(fp_str, fp_inv),
            "prompt_simhash": col(sim_str, fp_inv),
        })  # fmt: skip
        pq.write_table(req, out / "requests.parquet")

        key = pd.DataFrame({"acc": r_acc, "ip": ip_inv, "fp": fp_inv, "ts": r_ts})
        px = key.groupby(["acc", "ip"], sort=True)["ts"].agg(["min", "max", "count"]).reset_index()
        proxies = pa.table({
            "account_id": acc_pa.take(pa.array(px["acc"].to_numpy())),
            "ip": col(ip_str, px["ip"].to_numpy()),
            "asn": pa.array(asn[px["ip"].to_numpy()].astype(np.int64)),
            "first_seen": pa.array(iso(px["min"].to_numpy())),
            "last_seen": pa.array(iso(px["max"].to_numpy())),
            "request_count": pa.array(px["count"].to_numpy().astype(np.int64)),
        })  # fmt: skip
        pq.write_table(proxies, out / "proxies.parquet")
        pf = key.groupby(["acc", "fp"], sort=True)["ts"].agg(["min", "max", "count"]).reset_index()
        fps = pa.table({
            "account_id": acc_pa.take(pa.array(pf["acc"].to_numpy())),
            "fingerprint": col(fp_str, pf["fp"].to_numpy()),
            "simhash": col(sim_str, pf["fp"].to_numpy()),
            "first_seen": pa.array(iso(pf["min"].to_numpy())),
            "last_seen": pa.array(iso(pf["max"].to_numpy())),
            "request_count": pa.array(pf["count"].to_numpy().astype(np.int64)),
        })  # fmt: skip
        pq.write_table(fps, out / "prompt_fingerprints.parquet")

        # payment methods
        last_act = created.copy()
        np.maximum.at(last_act, r_acc, r_ts)
        c_acc, c_tok, c_first, c_last = self.c_acc.v, self.c_tok.v, self.c_first.v, self.c_last.v
        end = np.minimum(last_act[c_acc], ban[c_acc])
        last = np.where(c_last == NEVER, np.maximum(end, c_first), np.minimum(c_last, np.maximum(end, c_first)))
        cdf = pd.DataFrame({"acc": c_acc, "tok": c_tok, "first": c_first, "last": last}).drop_duplicates(["acc", "tok"])
        cdf = cdf.sort_values(["acc", "first", "tok"], kind="stable")
        while True:
            traw = rng.integers(0, 2**60, self.n_tok, dtype=np.int64).astype(np.uint64)
            if len(np.unique(traw)) == self.n_tok:
                break
        tparts = b32(traw, 12)
        tok_str = np.array([f"tok_{s[:4]}_{s[4:]}" for s in tparts.tolist()], dtype=object)
        pm = pa.table({
            "account_id": acc_pa.take(pa.array(cdf["acc"].to_numpy())),
            "payment_method_id": col(tok_str, cdf["tok"].to_numpy()),
            "first_seen": pa.array(iso(cdf["first"].to_numpy())),
            "last_seen": pa.array(iso(cdf["last"].to_numpy())),
        })  # fmt: skip
        pq.write_table(pm, out / "payment_methods.parquet")

        status = self.a_status.v.astype(str)
        accounts = pa.table({
            "account_id": acc_pa,
            "created_at": pa.array(iso(created)),
            "email_domain": pa.array(self.a_domain.v.astype(str)),
            "country": pa.array(self.a_country.v.astype(str)),
            "status": pa.array(status),
        })  # fmt: skip
        pq.write_table(accounts, out / "accounts.parquet")
        truth = pd.DataFrame({
            "account_id": acc_id.astype(str),
            "group": self.a_group.v.astype(str),
            "kind": self.a_kind.v.astype(str),
            "status": status,
            "replacement": self.a_repl.v.astype(np.int64),
        })  # fmt: skip
        truth.to_csv(out / "truth.csv", index=False)
        return {"accounts": n_acc, "payment_methods": pm.num_rows, "proxies": proxies.num_rows,
                "prompt_fingerprints": fps.num_rows, "requests": req.num_rows}  # fmt: skip

    def render_ips(self, uip: np.ndarray) -> np.ndarray:
        """Text for each used IP id: IPv4 inside per-ASN /16 blocks, IPv6 inside a per-ASN /32."""
        rng = self.rng
        asn = self.ip_asn.v[uip]
        v6 = self.ip_v6.v[uip]
        net = self.ip_net.v[uip]
        out = np.empty(len(uip), dtype=object)
        first_ok = np.array([o for o in range(1, 224) if o not in (0, 10, 100, 127, 169, 172, 192, 198, 203)])
        blocks = (first_ok[:, None] * 256 + np.arange(256)[None, :]).ravel()
        blocks = blocks[rng.permutation(len(blocks))]
        bpos = 0
        used6: set[int] = set()
        for a in np.unique(asn).tolist():
            i4 = np.flatnonzero((asn == a) & ~v6)
            if len(i4):
                nb = int(np.ceil(len(i4) / 4000))
                blk = blocks[bpos : bpos + nb]
                bpos += nb
                h = rng.choice(nb * 65024, len(i4), replace=False)
                b16 = blk[h // 65024]
                hh = h % 65024
                o3, o4 = hh // 254, hh % 254 + 1
                out[i4] = [
                    f"{x >> 8}.{x & 255}.{y}.{z}"
                    for x, y, z in zip(b16.tolist(), o3.tolist(), o4.tolist(), strict=True)
                ]
            i6 = np.flatnonzero((asn == a) & v6)
            if len(i6):
                while True:
                    p = int(rng.integers(0x2A00, 0x2A10)) << 16 | int(rng.integers(0, 65536))
                    if p not in used6:
                        used6.add(p)
                        break
                pfx = f"{p >> 16:x}:{p & 0xFFFF:x}"
                nets = net[i6]
                un, ninv = np.unique(nets, return_inverse=True)
                sub = rng.integers(0, 65536, (len(un), 2))
                own = rng.integers(0, 65536, (len(i6), 2))
                iid = rng.integers(0, 65536, (len(i6), 4))
                sub_i = np.where((nets >= 0)[:, None], sub[ninv], own)
                out[i6] = [
                    f"{pfx}:{s[0]:x}:{s[1]:x}:{d[0]:x}:{d[1]:x}:{d[2]:x}:{d[3]:x}"
                    for s, d in zip(sub_i.tolist(), iid.tolist(), strict=True)
                ]
        return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="twelfth_world: an independent synthetic world for linkgraph")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.accounts < 5000:
        ap.error("--accounts must be at least 5000")
    t = time.perf_counter()
    w = World(args.accounts, args.seed)
    w.build(None if args.quiet else print)
    tw = time.perf_counter()
    counts = w.write(args.out_dir)
    if not args.quiet:
        print(f"  write                    {time.perf_counter() - tw:6.1f}s")
    print(" ".join(f"{k}={v}" for k, v in counts.items()), f"elapsed={time.perf_counter() - t:.1f}s")


if __name__ == "__main__":
    main()
