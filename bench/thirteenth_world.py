#!/usr/bin/env python
# ruff: noqa: E501
"""thirteenth_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/thirteenth_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and ``requests``
(+ ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the columns
``account_id,group,kind,status,replacement,segment``.  ``kind`` is ``fraud``, ``benign_group`` (the contract's name for
the innocent look-alikes, the "traps") or ``organic``; ``group`` is ``op_*``, ``trap_*`` or ``organic``;
``replacement`` is 1 for an account that took the place of an enforced one; the extra ``segment`` column names the
organic sub-population (``organic_proxy_customer``, ``organic_cron``, ...; the group name for the others).  Only
numpy, pandas and pyarrow.  One ``numpy.random.Generator`` seeded from ``--seed`` makes every random choice in a fixed
order (everything else is a hash of values it drew), so a seed gives byte-identical files.  N >= 5,000 (floors keep
small groups alive; the organic population fills up to exactly N); 200k accounts take ~25 s (~5M requests).
Written blind, from the data contract and the threat description of issue 11 only, without reading the detector.

CLOCK, MODELS, IDENTIFIERS
    Seven weeks from Mon 2026-07-06 00:00 UTC to Mon 2026-08-24.  ``lumen-4``, ``lumen-4-mini`` and ``lumen-4-code``
    exist all along; ``lumen-5`` is released Thu 2026-07-30 17:00 UTC (day 24).  Ordinary people adopt it on a curve:
    4% within 0.3-24 h, 35% after an exponential lag (mean 7 days), the rest never; an adopter sends 70% of later
    requests to it.  Ids are letters only (``acct_`` / ``pm_`` / ``fp_`` + 14 lowercase letters, injective renderings
    of 64-bit values) and a SimHash whose hex has a run of 13+ decimal digits gets one nibble forced to ``a``, so no
    column can hold a card-number look-alike.  ``proxies`` and ``prompt_fingerprints`` are exact aggregates of the
    request log (first_seen, last_seen, request_count); ``payment_methods`` carries the attach time and the detach time
    (card swaps) or the last activity.  Enforcement (``banned`` / ``suspended``) stops an account's traffic at that
    moment; requests before creation or outside the window are dropped.  Accounts may be created before the window.

PROMPTS AND SIMHASH
    A template is a 64-bit key (its exact fingerprint) with a SimHash base derived from it: unrelated templates are ~32
    bits apart.  A *sticky variant* v of a template is a fixed fingerprint whose SimHash flips k hash-chosen bits (so
    everyone sending variant v sends the same fingerprint); a *fresh paraphrase* is a new fingerprint with k random bits
    flipped.  Ordinary prompts: ~50% unique (a brand-new template each), 25% from 300 public templates with Zipf(1.1)
    popularity (the top 30 also as 6 shared 1-3 bit edits, a quarter of their uses), ~15% personal templates (1-5 per
    account, geometric preference; 55% verbatim, else one of 3 sticky 1-4 bit edits); 10% of people use the open-source
    agent framework (30% of their requests: its system prompt, v2 = 3-4 bits from v1 from day 15 + a per-user lag of
    0-12 days, or fresh 2-4 bit paraphrases of its tool-call template); colleagues share a company family (7 sticky
    1-3 bit variants, 12% of their requests).

IP SPACE (every address has one ASN; IPv4 from per-ASN /16 blocks, IPv6 from one /32 per ASN)
    22 countries (US with four time zones), two home ISPs each: a home has a static IPv4 (63%), an IPv6 /64 (15%) or a
    DHCP lease sequence (22%: a new random address of the national dynamic pool, 0.05*N*weight addresses, every 3-14
    days, so pool addresses pass between unrelated subscribers).  One mobile carrier per country whose CGNAT pool
    (max(6, N*weight/450) addresses) gives each session a random address.  Clouds AWS / GCP / Azure / DigitalOcean /
    Hetzner / OVH / Linode / Vultr (addresses per owner), business ISPs for office NATs (Cogent, Lumen, Zayo, Arelion,
    GTT, NTT, HE, or business lines of a home ISP).  Shared services: the "Brightmoss" residential proxy pool
    (max(400, N/12) exits on home ISP ASNs, a random exit per session for its customers); the "Halcyon" VPN
    (max(30, N/800) exits in AS9009 / AS60068, Zipf popularity); Starlink's CGNAT (AS14593, max(12, N/2000) addresses
    shared by rural users anywhere); Marlow University's campus NAT (JANET AS786, 8 addresses, students on
    ``students.marlow.ac.uk``); the "Ironleaf" static ISP-proxy vendor (max(80, N/120) addresses on US/GB/DE/NL home ISPs,
    rented to social-media managers and, a private slice, to op_orchard); the Swedish research network (SUNET AS1653).

FRAUD OPERATIONS (kind ``fraud``; ~3.1% of N including replacements)
---------------------------------------------------------------------
``op_shellco``  (max(40, 0.8% N) + replacement shells) -- distillation HIDDEN BEHIND SHELL COMPANIES that carry every
    organisation signal a benign enterprise has.  The accounts form k = max(3, n/55) "companies" (sizes 10 + a
    Dirichlet share) in GB/NL/DE/FR/PL/ES, each with its own vanity domain (``corvanetidal-analytics.co.uk`` style),
    ONE corporate card (85% of seats; two team cards for the rest), 2-3 "office NAT" addresses that are really
    colocation servers of one business ASN (GTT AS3257, which real offices use too), accounts provisioned by an
    SSO-like batch (one every 3-30 s, 09:00 local, days -40..-5; 10% "new hires" later), and employee-looking cover
    traffic (Poisson(25) unique/public prompts in office hours, quiet weekends).  The work is done by ONE dispatcher
    shared by all shells: weekdays 08:00-16:30 UTC (inside every shell's office hours) Poisson(5/h) jobs, each fanned
    out to 10% of all live seats of ALL shells, 1-2 requests within an exponential(20 s, <= 110 s) start.  Prompts: 4
    op families; each shell has its own "house style" (a sticky 3-5 bit variant of each family) and sends it verbatim
    (25%) or as fresh 1-3 bit paraphrases -- near-duplicates inside a shell, ~6-12 bits across shells.  lumen-4 (70%) /
    lumen-4-code, the whole fleet on lumen-5 (95%) from release + 2-4 h.  ~190 requests per seat, 15x organic.  A ban
    sweep (day 19 14:00 UTC, within 2 h) takes round(k/3) whole shells (90% banned, 10% suspended); 3-5 days later each
    comes back as a NEW company (replacement=1): new domain, new card, one of the banned shell's colocation addresses +
    1-2 new ones, the banned shell's house style, 0.9-1.2x its size, back on the dispatcher 2-8 h after provisioning.
    2% of other seats suspended at random.
    Signal left: cross-company same-minute co-activity on many occasions, cross-company template families, volume
    concentrated in 4 families, fleet-wide adoption in hours; replacement companies tie to banned ones through one
    address and exact house-style templates.  Evasion: each cell looks like an organisation (own domain, one billing
    hub, office NAT, office-hour cover) -- the detector must not let organisation signals excuse coordination BETWEEN
    organisations.

``op_orchard``  (max(50, 0.8% N) including replacements) -- a SLOW-GROWTH operation running since ~200 days before
    the window, in shards of 4-6 accounts, that never shares an address at the same time, rewrites its prompts per
    shard with an LLM, and lives on rented static ISP proxies that it re-shuffles weekly.  Shard creation times follow
    an exponential growth curve (doubling every ~6 weeks) from day -200 to day 42; members join over 36 h.  Identity:
    webmail / national mail (65%), privacy mail (20%), the shard's own small custom domain (15%); claimed countries US
    40%, GB, DE, NL, CA, AU; a prepaid card each (in 25% of shards two members share one).  Addresses: a private slice
    of the Ironleaf vendor (max(12, n/3.5) addresses); every Monday each shard leases 2 random addresses of the slice
    (70% of its requests; 30% via random Brightmoss exits shared with thousands of customers), so each address serves
    a different shard almost every week.  Work: one shift per shard per weekday (30% of Saturdays) at a shard-specific
    UTC+8 office time (01:00-09:00 UTC, +-25 min), 2-4 h long; every live member (6 h after creation) sends Poisson(5)
    requests at independent random moments in it (co-active by the hour, seldom in the same minute).  Prompts: 5 op
    tasks, a shard uses 3; each shard has its own REWRITE of each task (a sticky 8-11 bit variant: shards are ~16-22
    bits apart, too far for a tight near-duplicate test), requests are the rewrite verbatim (10%) or fresh 1-3 bit
    paraphrases; 10% public cover prompts.  lumen-4 / -mini, lumen-5 (90%) from release + 6-14 h.  Each week a live
    shard is banned with p=.07 (all members within 3 h; 85% banned); 75% come back 2-5 days later as a new shard
    (replacement=1, size +-1) with fresh cards and domains, the banned shard's rewrites, shift time AND its current two
    leased addresses for 7 days.
    Signal left: op-private static addresses reused by successive shards over the weeks (a chain across the whole
    operation), shard-level near-duplicate rewrites, hour-scale co-activity inside shards, replacements that inherit
    banned shards' addresses and rewrites.  Weak by design: cross-shard template similarity.

``op_leakedkeys``  (max(30, 0.55% N) victims) -- distillation on HIJACKED ACCOUNTS: API keys that developers leaked
    (public repositories, CI logs).  The victims are real-looking developers created 60-1500 days ago (webmail or their
    own domain, own card, home IP, 70% an own cloud server, ~30 ordinary requests, 40% a cron job) whose own traffic
    goes on unchanged.  The operation keeps K = max(4, n/6) "slots" busy, grouped in crews of 8; a slot holds one key
    at a time and sends through 2 addresses of small hosting ASNs (Contabo / Clouvider / Stark / AlexHost; 25% of its
    requests via Brightmoss).  A key is burned until the provider enforces it (55%: 6 h + Exp(3 days); the victim
    account ends banned or suspended, 50/50), the owner rotates it (30%: 3 h + Exp(2.5 days), the account stays
    active) or the window ends; 2-30 h later the slot takes the next leaked key, keeping its addresses (40%: one
    replaced).  A key taken after an enforced one is a replacement (replacement=1) -- an account created YEARS before
    the ban it replaces.  Each crew's queue ticks every 10 minutes at its own second; each live key joins a tick with
    p=.2 and sends 1+Poisson(.6) requests within ~1 minute.  4 op families (40/30/20/10%), fresh 2-5 bit paraphrases,
    12% verbatim; lumen-4 (90%) / -code, all on lumen-5 from release + 1-3 h.
    Signal left: the op's hosting addresses shared by successive keys of a slot (and swapped between keys), op
    families, same-minute ticks among keys of a crew that are alive together, enforced predecessors on the same
    addresses.  Evasion: old accounts with genuine history, distinct cards, domains and home IPs; replacements that
    predate the ban.

``op_mule``  (max(36, 0.65% N) + replacements) -- RECRUITED MONEY-MULE ACCOUNTS: people paid to sign up with their own
    identity and run a "relay agent" that forwards the operation's jobs through their account and their own home
    connection.  Recruiter pools of 25-45 in one region (one GB pool of Marlow students, 80% on the university's domain
    that thousands of real students use; others NG / PH / KE / IN / ID / BR, webmail).  Each mule lives in a real home
    (static, IPv6 or DHCP-churning address), half with 1-3 ordinary housemates (organic, on the same address, sometimes
    a shared family card); own card each (3% swap), ordinary personal traffic (median 10 requests).  The agent is
    online on 75% of local evenings, 18:00 to 01:30 (+-40 min).  Each pool's queue publishes a job every ~12 minutes
    (Poisson) round the clock; it goes to 3 random online agents, which pick it up at their next poll (each agent
    polls once a minute at its own second): 1+Poisson(1.2) requests, 4-25 s apart, all from the mule's home address.
    6 op families, one per job, fresh 2-6 bit paraphrases (pairs up to ~12 bits apart), 5% verbatim.  lumen-4 (80%) /
    -mini, lumen-5 (90%) from release + 5-12 h.  14% of mules are enforced (days 3-45; 80% banned); 70% of them are
    replaced 1-6 days later by a flatmate or friend who signs up on the same home computer (replacement=1: same home
    address, same pool and evening schedule, new card and mail), 10% of replacements enforced again.
    Signal left: same-minute co-activity inside recruiter pools, repeated over weeks; op template families; replacements
    on a banned mule's home address.  Evasion: no shared card, no shared address beyond a household, real identities,
    diverse domains, half innocent traffic per account.

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be listed)
-------------------------------------------------------------------
``trap_bugbounty``  (max(40, 0.3% N) + second accounts) -- the provider's public bug-bounty program opens on day 9 at
    16:00 UTC.  70% of the researchers sign up for it (lognormal delay, median 10 h) with the bounty platform's alias
    domain ``hunters.bugpact.io``; 30% use old accounts.  Own cards (80%), home IP + VPS (50%) + Halcyon VPN; testing
    sessions of 5-15 requests 10 s apart, 60% of ~60 requests in the first 72 hours: 55% the public payload list's 8
    prompt-injection templates (verbatim 55% or 1-4 bit edits), 35% unique recon prompts.  Automated abuse filters
    enforce 20% of them (75% suspended); 35% of those open a second account within 2-48 h on the same home IP / VPS,
    the same alias domain and (70%) the same card (replacement=0: individuals, not an operation).
    Suspicious: shared domain, sign-up burst, near-duplicate templates, VPN / VPS addresses, enforced accounts followed
    by new accounts on their IP and card.  Innocent: independent people, no shared card or private address, no lockstep.

``trap_hpc_centre``  (max(20, 0.12% N)) -- users of a national supercomputing centre.  Research groups of 2-6 from 8
    Swedish institutions (institution domain; 10% DE/NL partners), one grant card per group (+15% personal cards); batch
    jobs leave through the centre's 4 NAT addresses (SUNET), interactive work through the institution's NAT (shared with
    ``organic_academic`` staff) and home.  After the weekly maintenance (Tuesdays 08:00-12:00 UTC) the scheduler
    releases the queued backlog: 60% of the researchers have a job that starts within 2 minutes of the restart, every
    week; plus ~1 job a week at random times.  A job sends 40-200 requests 3-9 s apart from one template family (the
    group's pipeline, slot-filled 1-3 bit paraphrases; 30% of groups also the shared open-source eval-harness family);
    40% of jobs move to lumen-5 20-60 h after release.  ~1,300 requests per researcher.
    Suspicious: rare shared addresses, the same accounts starting in the same minute every week, massive volume in
    template families, group cards.  Innocent: separate institutions and families, an exogenous scheduler.

``trap_relief_ngo``  (max(40, 0.25% N)) -- disaster response after a cyclone makes landfall in Mozambique (day 16,
    03:00 UTC).  25% NGO staff (``tidewater-relief.org``, older accounts, an NGO card), 75% volunteers who sign up in the
    days after (lognormal, median 20 h); 65% of everyone on ONE donor's sponsored card.  35% are field teams in
    Mozambique on Starlink terminals (CGNAT shared with rural users worldwide), the rest remote.  8-hour shifts round
    the clock for 10-25 days (80% of shift days, Poisson(10) requests): translating field reports (6 language-pair
    templates, 75% fresh 1-3 bit paraphrases), situation-report summaries (one family), unique prompts; mostly
    lumen-4-mini.  Content filters suspend 8% (graphic injury descriptions) and 2% are banned.
    Suspicious: sign-up burst, one card on dozens of accounts (some enforced), shared satellite addresses, 24/7 activity,
    template families.  Innocent: an NGO domain and billing hub, shifts, satellite addresses shared by thousands.

``trap_split_plan``  (max(30, 0.3% N), groups of 2-4) -- friends who split one subscription: the payer's card on every
    member, members in different homes (85% one country), accounts created months apart, ordinary diurnal traffic; 25%
    of their requests use the payer's custom system prompt, copied verbatim (40%) or with each member's own 1-3 bit
    edits.  In 20% of the groups one friend is enforced for a policy violation (70% banned).
    Suspicious: small card sharing exactly like prepaid cards shared by 2-3, a shared template family, card ties to
    banned accounts.  Innocent: no timing link, different addresses, long histories.

``trap_doc_review``  (max(30, 0.2% N), projects of 30-70) -- e-discovery document review for law firms, staffed by one
    agency (``lexstaff-talent.com``, 60%; others webmail).  A project's phase-1 team is provisioned in a 2-hour batch
    (day 1-9, 09:00 New York), works Mon-Sat 08:30-17:30 (Poisson(20) requests a day) through the review platform's 3
    Azure VDI addresses on ONE matter card, with the platform's 3 coding templates (relevance 60%, privilege log 25%,
    issue summary 15%; 80% slot-filled 1-3 bit paraphrases).  After 15-19 days phase 1 ends: the firm's admin suspends
    75% of its accounts; 3-4 days later the phase-2 team (40% of the project) is provisioned in a new batch, on the
    same VDI addresses, card and templates (replacement=0); QC leads carry on.  Phase 2 moves to lumen-5 3 days after
    release.
    Suspicious: a suspended cell replaced days later by new accounts reusing its addresses, card and templates; batch
    sign-ups; concentrated volume.  Innocent: one matter card and platform per project, office hours, business reasons.

``trap_diary_study``  (max(60, 0.4% N)) -- participants of a university diary study recruited on a crowd-work platform
    (US 60% in four zones, GB, DE, IN).  60% open accounts for it (day 26, lognormal median 8 h).  On days 28-41 the
    study app pushes a notification at 20:00 local time; 80% answer each day within minutes (lognormal median 4 min):
    1-3 prompts of that day's diary task (35% the instruction verbatim, else 2-5 bit edits), 60% from their phones
    (carrier CGNAT), else home.  Ordinary traffic otherwise; 2% suspended for unrelated reasons.
    Suspicious: the same accounts in the same few minutes day after day (per time zone) with near-duplicate prompts, a
    sign-up wave.  Innocent: an exogenous clock; no shared card or private address.

``trap_franchise``  (max(12, N/1000) offices) -- a real-estate franchise (``keystonehomes.com`` mail for everyone):
    each franchised office has 1-3 accounts, its OWN franchisee card and office address (US, four zones), onboarded in
    three waves (days -120 / -60 / -20, 2 days each).  HQ's listing tool runs on each office's main PC every Monday at
    06:00 local (+0-90 s fixed drift, +0-30 s): 5-20 listing descriptions 6-12 s apart, fresh 1-4 bit paraphrases of
    HQ's listing template; HQ flips the tool to lumen-5 on day 25 18:00 UTC.  Interactive office-hour traffic with the
    franchise's marketing template family.  1% suspended (a failed card).
    Suspicious: a shared domain, weekly same-minute runs per time zone, one template family, a fleet-wide model switch
    within a day of release, creation waves.  Innocent: separate cards and addresses per office.

ORGANIC POPULATION (kind ``organic``, group ``organic``; ~95% of N, the rest after the groups above)
--------------------------------------------------------------------------------------------------
Created up to ~4 years back (exponential, mean 380 days; 15% inside the window); activity lognormal (median 7
requests, sigma 1.1; 8% dormant), sessions of 1+Poisson(1.8) requests ~45 s apart in the local diurnal rhythm; 80% own
card (5% swap cards), the rest none.  0.35% banned and 0.2% suspended at random (ordinary abuse).  Segments:
``organic_household`` (~59%: households of 1-5 on one home address; 45% of multi-person households share a family card;
5% a family domain; 30% also mobile, 8% also VPN), ``organic_mobile`` (13%: carrier CGNAT only), ``organic_office``
(12%: colleagues of companies of 2-60 on their domain and office NAT (30% two addresses), 40% of companies on one
company card, 40% onboarded within 8 h, work hours), ``organic_vpn`` (4%, Halcyon), ``organic_proxy_customer`` (3%:
Brightmoss for 85% of sessions -- the exits op_orchard and op_leakedkeys use), ``organic_cloud_dev`` (4%, own cloud
server, code model), ``organic_cron`` (2%: 1-2 jobs at minute :00 +0-4 s (15% at :05/:15/:30/:45), daily 70%, 6-hourly
15%, hourly for 3-10 days 15%; one exact prompt, 40% a popular cron-script template; 60% from an own cloud server; 10%
on a "latest" alias that jumps to lumen-5 at release), ``organic_satellite`` (0.8%: Starlink), ``organic_student``
(1.5%: Marlow students, campus NAT), ``organic_static_proxy`` (0.3%: Ironleaf static addresses; 10% of them on an
address of op_orchard's slice), ``organic_academic`` (0.3%: staff behind the HPC institutions' NATs).  The housemates
of op_mule's mules are organic households too.
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
T0_EPOCH = int(np.datetime64("2026-07-06T00:00:00", "s").astype(np.int64))  # a Monday
NDAYS = 49
T_END = NDAYS * DAY
REL = 24 * DAY + 17 * HOUR  # lumen-5 release, Thu 2026-07-30 17:00 UTC
NEVER = 10**12
MODELS = np.array(["lumen-4", "lumen-4-mini", "lumen-4-code", "lumen-5"], dtype=object)
M4, MINI, CODE, M5 = 0, 1, 2, 3
STATUS = np.array(["active", "banned", "suspended"], dtype=object)
ACTIVE, BANNED, SUSPENDED = 0, 1, 2
U64 = np.uint64


def _p(x: list[float]) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    return a / a.sum()


HUMAN = _p([1.2, 0.7, 0.4, 0.3, 0.3, 0.4, 0.8, 1.6, 2.6, 3.4, 3.9, 4, 3.8, 4, 4.1, 4.2, 4, 3.8, 3.9, 4.2, 4.4, 4, 3, 2])
WORK = _p([0.05] * 7 + [1, 3.5, 5, 5.5, 5, 3.5, 5, 5.5, 5, 4, 1.5] + [0.3, 0.2, 0.1, 0.1, 0.05, 0.05])
STUDY = _p([2.5, 1.8, 1, 0.4, 0.2, 0.1, 0.2, 0.5, 1.2, 2, 2.6, 2.8, 2.6, 2.8, 3, 3, 3, 2.8, 2.6, 3, 3.6, 4.2, 4.4, 3.6])
FLAT = _p(
    [2, 1.6, 1.4, 1.3, 1.3, 1.4, 1.8, 2.4, 3, 3.2, 3.3, 3.3, 3.3, 3.3, 3.3, 3.3, 3.3, 3.3, 3.2, 3.2, 3, 2.8, 2.5, 2.2]
)

# country, UTC offset, weight, two home ISP ASNs, mobile carrier ASN, national webmail
CTRY = [
    ("US", -5.0, 27, (7922, 7018), 21928, "aol.com"),
    ("IN", 5.5, 10, (24560, 9829), 55836, "rediffmail.com"),
    ("BR", -3.0, 6, (28573, 18881), 26615, "uol.com.br"),
    ("DE", 1.0, 6, (3320, 3209), 6805, "gmx.de"),
    ("GB", 0.0, 6, (2856, 5089), 12576, "btinternet.com"),
    ("FR", 1.0, 4, (3215, 12322), 51207, "orange.fr"),
    ("JP", 9.0, 4, (4713, 2516), 9605, "yahoo.co.jp"),
    ("CA", -5.0, 3, (812, 577), 852, "rogers.com"),
    ("MX", -6.0, 3, (8151, 28548), 28403, "prodigy.net.mx"),
    ("ID", 7.0, 3, (7713, 17451), 23693, "yahoo.co.id"),
    ("KR", 9.0, 2, (4766, 9318), 17858, "naver.com"),
    ("NG", 1.0, 2, (37148, 36873), 29465, "yahoo.com.ng"),
    ("PH", 8.0, 2, (9299, 132199), 10139, "yahoo.com.ph"),
    ("AU", 10.0, 2, (1221, 7545), 4804, "bigpond.com"),
    ("ES", 1.0, 2, (3352, 12479), 12430, "telefonica.net"),
    ("PL", 1.0, 2, (5617, 6830), 12912, "wp.pl"),
    ("NL", 1.0, 2, (1136, 33915), 50266, "ziggo.nl"),
    ("TR", 3.0, 1.5, (9121, 34984), 16135, "yandex.com.tr"),
    ("VN", 7.0, 1.5, (7552, 45899), 24086, "yahoo.com.vn"),
    ("KE", 3.0, 1, (33771, 37061), 36926, "yahoo.co.ke"),
    ("SE", 1.0, 1, (3301, 8473), 1257, "telia.com"),
    ("MZ", 2.0, 0.3, (37342, 327700), 37223, "tvcabo.co.mz"),
]
CC = np.array([c[0] for c in CTRY], dtype=object)
CTZ = np.array([c[1] for c in CTRY])
CW = _p([c[2] for c in CTRY])
CI = {c[0]: i for i, c in enumerate(CTRY)}
WEBMAIL = np.array(
    ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me", "aol.com"], dtype=object
)
WEBMAIL_P = _p([50, 13, 9, 7, 9, 3, 1])
PRIVACY = np.array(["proton.me", "tutanota.com", "tuta.io", "pm.me", "mailfence.com"], dtype=object)
CLOUD_ASN = np.array(
    [16509, 15169, 8075, 14061, 24940, 16276, 63949, 20473]
)  # AWS GCP Azure DO Hetzner OVH Linode Vultr
CLOUD_P = _p([34, 18, 14, 10, 10, 6, 4, 4])
BUSINESS_ASN = np.array([174, 3356, 6461, 1299, 3257, 2914, 6939])
VPN_ASN = (9009, 60068)
SMALL_HOSTING = (51167, 62240, 44477, 200019)
STARLINK, JANET, SUNET = 14593, 786, 1653
UNI = "students.marlow.ac.uk"
WORDS = np.array(
    ["north", "blue", "pine", "river", "stone", "nova", "delta", "amber", "cedar", "orbit", "lumen", "quartz", "harbor",
     "maple", "vertex", "ember", "solar", "tidal", "willow", "copper", "falcon", "meadow", "prism", "corvane", "halden",
     "brisk", "lark", "moss", "fern", "vale", "crest", "onyx", "rowan", "sable", "tarn", "wren", "alder", "birch"],
    dtype=object,
)  # fmt: skip
HOME, MOB, VPN, PROXY, CLOUD, OFFICE, SAT, CAMPUS, STATIC = range(9)
NCH = 9
P_UNIQ, P_PUB, P_PERS, P_AGENT, P_COMP = range(5)
NPUB, NPUB_EDIT = 300, 30
NS_PUB, NS_PERS, NS_AGENT, NS_COMP, NS_CRONP, NS_CRONPUB = 1, 2, 3, 4, 5, 6
NS_SHELL, NS_ORCH, NS_LEAK, NS_MULE = 10, 11, 12, 13
NS_PAY, NS_HPC, NS_EVALKIT, NS_RELIEF, NS_SITREP, NS_SPLIT, NS_DOC, NS_DIARY, NS_FRAN = (
    20,
    21,
    22,
    23,
    24,
    25,
    26,
    27,
    28,
)


# ----------------------------------------------------------------------------------------- hashing / simhash


def smix(x: np.ndarray | int) -> np.ndarray:
    """splitmix64 finaliser (a bijection of uint64), vectorised."""
    with np.errstate(over="ignore"):
        x = np.asarray(x).astype(U64) + U64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> U64(30))) * U64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> U64(27))) * U64(0x94D049BB133111EB)
    return x ^ (x >> U64(31))


def hmask(h: np.ndarray, k: np.ndarray) -> np.ndarray:
    """A mask of at most k set bits derived from the hash h (deterministic)."""
    h = np.asarray(h, dtype=U64)
    k = np.broadcast_to(np.asarray(k), h.shape)
    out = np.zeros(h.shape, dtype=U64)
    x = h.copy()
    for i in range(int(k.max()) if k.size else 0):
        x = smix(x)
        out |= np.where(i < k, np.left_shift(U64(1), x & U64(63)), U64(0))
    return out


def ragged(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, position) of a flat expansion of counts."""
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    return owner, np.arange(owner.size) - starts[owner]


def letters(x: np.ndarray, prefix: str, width: int = 14) -> np.ndarray:
    """Injective base-26 rendering of uint64 values: prefix + width lowercase letters (never a digit)."""
    x = np.asarray(x, dtype=U64).copy()
    mat = np.empty((len(x), width), dtype=np.uint8)
    for i in range(width - 1, -1, -1):
        mat[:, i] = (x % U64(26)).astype(np.uint8) + 97
        x //= U64(26)
    body = np.frombuffer(mat.tobytes(), dtype=f"S{width}").astype(f"U{width}")
    return np.char.add(prefix, body).astype(object)


def no_card_run(sh: np.ndarray) -> np.ndarray:
    """SimHash values whose 16-hex rendering has no run of 13+ decimal digits (one nibble set to 'a' if so)."""
    sh = np.asarray(sh, dtype=U64).copy()
    run = np.zeros(len(sh), dtype=np.int64)
    best = np.zeros(len(sh), dtype=np.int64)
    for i in range(16):
        nib = (sh >> U64(4 * i)) & U64(15)
        run = np.where(nib < 10, run + 1, 0)
        best = np.maximum(best, run)
    bad = best >= 13
    sh[bad] = (sh[bad] & ~U64(0xF << 28)) | U64(0xA << 28)
    return sh


def hex16(sh: np.ndarray) -> np.ndarray:
    sh = np.asarray(sh, dtype=U64)
    mat = np.empty((len(sh), 16), dtype=np.uint8)
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    for i in range(16):
        mat[:, 15 - i] = digits[((sh >> U64(4 * i)) & U64(15)).astype(np.int64)]
    return np.frombuffer(mat.tobytes(), dtype="S16").astype("U16").astype(object)


# ----------------------------------------------------------------------------------------- time helpers


def diurnal(rng, start, end, tz, profile, weekend: float = 1.0) -> np.ndarray:
    """One time per row in [start, end) whose local hour follows profile; weekend = Sat/Sun acceptance."""
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    tz = np.broadcast_to(np.asarray(tz, dtype=float), start.shape)
    out = np.empty(len(start), dtype=np.int64)
    todo = np.arange(len(start))
    cp = np.cumsum(profile)
    cp /= cp[-1]
    for _ in range(10):
        if not len(todo):
            break
        s, e = start[todo], end[todo]
        off = np.round(tz[todo] * HOUR).astype(np.int64)
        d0 = np.floor_divide(s + off, DAY)
        d1 = np.floor_divide(e - 1 + off, DAY)
        d = d0 + np.floor(rng.random(len(todo)) * (d1 - d0 + 1)).astype(np.int64)
        h = np.minimum(np.searchsorted(cp, rng.random(len(todo))), 23)
        t = d * DAY + h * HOUR + rng.integers(0, HOUR, len(todo)) - off
        ok = (t >= s) & (t < e)
        if weekend != 1.0:
            ok &= (d % 7 < 5) | (rng.random(len(todo)) < weekend)
        out[todo[ok]] = t[ok]
        todo = todo[~ok]
    if len(todo):
        out[todo] = start[todo] + (rng.random(len(todo)) * np.maximum(end[todo] - start[todo], 1)).astype(np.int64)
    return out


def session_times(rng, starts, sizes, gap_mean, gap_min=2.0) -> tuple[np.ndarray, np.ndarray]:
    """Requests of sessions: (session index, time); exponential gaps after the session start."""
    owner, pos = ragged(sizes)
    g = rng.exponential(gap_mean, owner.size) + gap_min
    g[pos == 0] = 0.0
    c = np.cumsum(g)
    first = c[np.cumsum(sizes) - sizes]
    return owner, np.asarray(starts, dtype=np.int64)[owner] + (c - first[owner]).astype(np.int64)


def pick_rows(rng, w: np.ndarray) -> np.ndarray:
    """One column index per row of the non-negative weight matrix w."""
    c = np.cumsum(w, axis=1)
    u = rng.random(len(w)) * c[:, -1]
    return np.minimum((c <= u[:, None]).sum(axis=1), w.shape[1] - 1)


# ----------------------------------------------------------------------------------------- the world


class World:
    def __init__(self, n: int, seed: int):
        self.rng = np.random.default_rng(seed)
        rng = self.rng
        self.n = n
        self.salt = int(rng.integers(1, 2**62))
        self.created = np.zeros(n, dtype=np.int64)
        self.domain = np.empty(n, dtype=object)
        self.country = np.zeros(n, dtype=np.int64)
        self.tz = np.zeros(n, dtype=float)
        self.status = np.zeros(n, dtype=np.int64)
        self.end = np.full(n, T_END, dtype=np.int64)
        self.group = np.empty(n, dtype=object)
        self.kind = np.empty(n, dtype=object)
        self.segment = np.empty(n, dtype=object)
        self.repl = np.zeros(n, dtype=np.int64)
        self.home = np.full(n, -1, dtype=np.int64)
        self.cloud1 = np.full(n, -1, dtype=np.int64)
        self.cloud2 = np.full(n, -1, dtype=np.int64)
        self.office1 = np.full(n, -1, dtype=np.int64)
        self.office2 = np.full(n, -1, dtype=np.int64)
        self.static1 = np.full(n, -1, dtype=np.int64)
        self.static2 = np.full(n, -1, dtype=np.int64)
        self.company = np.full(n, -1, dtype=np.int64)
        self.npers = 1 + np.minimum(rng.poisson(1.5, n), 4)
        self.next = 0
        # homes
        self.home_ip = np.full(n, -1, dtype=np.int64)
        self.home_dhcp = np.full(n, -1, dtype=np.int64)
        self.n_home = 0
        self.lease_len = np.zeros(n, dtype=np.int64)
        self.lease_phase = np.zeros(n, dtype=np.int64)
        self.lease_ip = np.zeros((0, 0), dtype=np.int64)
        self.n_dhcp = 0
        # registries
        self.ip_txt: list[np.ndarray] = []
        self.ip_asn: list[np.ndarray] = []
        self.n_ip = 0
        self.asn_state: dict[int, list] = {}
        self.v6_state: dict[int, list] = {}
        firsts = [a for a in range(2, 224) if a not in (10, 100, 127, 169, 172, 192, 198, 203)]
        self.prefixes = rng.permutation(np.array([(a << 8) | b for a in firsts for b in range(256)], dtype=np.int64))
        self.prefix_i = 0
        self.req: list[tuple] = []
        self.cards: list[tuple] = []
        self.n_card = 0

    # ---------------------------------------------------------------- accounts
    def alloc(self, k, group, kind, created, country, domain=None, tz=None, repl=0, segment=None) -> np.ndarray:
        k = int(k)
        idx = np.arange(self.next, self.next + k)
        self.next += k
        if self.next > self.n:
            raise SystemExit(f"--accounts {self.n} is too small for the groups of this world (need > {self.next})")
        country = np.broadcast_to(np.asarray(country, dtype=np.int64), (k,))
        self.group[idx] = group
        self.kind[idx] = kind
        self.segment[idx] = segment or group
        self.created[idx] = np.asarray(created, dtype=np.int64)
        self.country[idx] = country
        self.tz[idx] = self.tz_for(country) if tz is None else tz
        self.domain[idx] = self.webmail(country) if domain is None else domain
        self.repl[idx] = repl
        return idx

    def tz_for(self, c: np.ndarray) -> np.ndarray:
        rng = self.rng
        tz = CTZ[c].astype(float)
        us = c == CI["US"]
        tz[us] = rng.choice([-5.0, -6.0, -7.0, -8.0], us.sum(), p=[0.47, 0.29, 0.07, 0.17])
        ca = c == CI["CA"]
        tz[ca] = rng.choice([-5.0, -8.0, -7.0], ca.sum(), p=[0.65, 0.2, 0.15])
        return tz

    def webmail(self, c: np.ndarray) -> np.ndarray:
        rng = self.rng
        c = np.asarray(c, dtype=np.int64)
        d = rng.choice(WEBMAIL, len(c), p=WEBMAIL_P)
        nat = rng.random(len(c)) < 0.15
        d[nat] = np.array([CTRY[i][5] for i in c[nat]], dtype=object)
        return d

    def custom_domain(self, k: int, tlds=("com", "net", "io", "co", "org")) -> np.ndarray:
        rng = self.rng
        a = rng.choice(WORDS, k)
        b = rng.choice(WORDS, k)
        t = rng.choice(np.array(tlds, dtype=object), k)
        return np.array(
            [f"{x}{y}.{z}" if x != y else f"{x}-works.{z}" for x, y, z in zip(a, b, t, strict=True)], dtype=object
        )

    def old_created(self, k: int, mean_days=380.0, max_days=1500.0) -> np.ndarray:
        rng = self.rng
        return -(np.minimum(rng.exponential(mean_days * DAY, k), max_days * DAY) + HOUR).astype(np.int64)

    def mixed_created(self, k: int, new_frac=0.15) -> np.ndarray:
        rng = self.rng
        c = self.old_created(k)
        new = rng.random(k) < new_frac
        c[new] = rng.integers(0, T_END - 2 * DAY, new.sum())
        return c

    def enforce(self, acc, t, status) -> None:
        acc = np.asarray(acc, dtype=np.int64)
        t = np.broadcast_to(np.asarray(t, dtype=np.int64), acc.shape)
        st = np.broadcast_to(np.asarray(status, dtype=np.int64), acc.shape)
        self.end[acc] = np.minimum(self.end[acc], t)
        self.status[acc] = st

    def enforce_mix(self, acc, t, p_banned) -> None:
        acc = np.asarray(acc, dtype=np.int64)
        st = np.where(self.rng.random(len(acc)) < p_banned, BANNED, SUSPENDED)
        self.enforce(acc, t, st)

    # ---------------------------------------------------------------- cards
    def new_cards(self, k: int) -> np.ndarray:
        ids = np.arange(self.n_card, self.n_card + int(k))
        self.n_card += int(k)
        return ids

    def attach(self, acc, card, t, detach=None) -> None:
        acc = np.asarray(acc, dtype=np.int64)
        card = np.broadcast_to(np.asarray(card, dtype=np.int64), acc.shape)
        t = np.broadcast_to(np.asarray(t, dtype=np.int64), acc.shape)
        d = (
            np.full(acc.shape, -1, dtype=np.int64)
            if detach is None
            else np.broadcast_to(np.asarray(detach, dtype=np.int64), acc.shape)
        )
        self.cards.append((acc.copy(), card.copy(), t.copy(), d.copy()))

    def own_cards(self, acc, p_card=0.8, p_swap=0.05) -> np.ndarray:
        """Ordinary billing: own card (p_card), some swap cards once during the window."""
        rng = self.rng
        acc = np.asarray(acc, dtype=np.int64)
        hm = rng.random(len(acc)) < p_card
        has = acc[hm]
        att = self.created[has] + rng.integers(60, 3 * DAY, len(has))
        swap = rng.random(len(has)) < p_swap / max(p_card, 1e-9)
        ts = rng.integers(0, T_END, len(has))
        ts = np.maximum(ts, att + HOUR)
        c1 = self.new_cards(len(has))
        self.attach(has, c1, att, np.where(swap & (ts < T_END), ts, -1))
        s = swap & (ts < T_END)
        self.attach(has[s], self.new_cards(s.sum()), ts[s])
        card_of = np.full(len(acc), -1, dtype=np.int64)
        card_of[hm] = c1
        return card_of

    # ---------------------------------------------------------------- IPs
    def _v4(self, asn: int, k: int) -> np.ndarray:
        rng = self.rng
        st = self.asn_state.setdefault(asn, [None, None, 0])
        out = []
        while k > 0:
            if st[0] is None or st[2] >= len(st[1]):
                st[0] = int(self.prefixes[self.prefix_i])
                self.prefix_i += 1
                offs = rng.permutation(65536)
                st[1] = offs[((offs & 255) > 0) & ((offs & 255) < 255)]
                st[2] = 0
            take = min(k, len(st[1]) - st[2])
            out.append((st[0] << 16) | st[1][st[2] : st[2] + take])
            st[2] += take
            k -= take
        v = np.concatenate(out) if out else np.zeros(0, dtype=np.int64)
        return np.array([f"{x >> 24}.{(x >> 16) & 255}.{(x >> 8) & 255}.{x & 255}" for x in v.tolist()], dtype=object)

    def _v6(self, asn: int, k: int) -> np.ndarray:
        rng = self.rng
        st = self.v6_state.get(asn)
        if st is None:
            st = [f"2a{int(rng.integers(0, 16)):02x}:{int(rng.integers(4096, 65536)):x}", int(rng.integers(0, 2**20))]
            self.v6_state[asn] = st
        c = st[1] + np.arange(k)
        st[1] += k
        r = rng.integers(1, 65536, (k, 4))
        return np.array(
            [
                f"{st[0]}:{x >> 16:x}:{x & 65535:x}:{a:x}:{b:x}:{d:x}:{e:x}"
                for x, (a, b, d, e) in zip(c.tolist(), r.tolist(), strict=True)
            ],
            dtype=object,
        )

    def ips(self, asn, k: int, v6: bool = False) -> np.ndarray:
        """k new addresses; asn is one ASN or an array of k ASNs."""
        k = int(k)
        asn_arr = np.broadcast_to(np.asarray(asn, dtype=np.int64), (k,))
        txt = np.empty(k, dtype=object)
        for a in np.unique(asn_arr):
            m = asn_arr == a
            txt[m] = self._v6(int(a), int(m.sum())) if v6 else self._v4(int(a), int(m.sum()))
        ids = np.arange(self.n_ip, self.n_ip + k)
        self.n_ip += k
        self.ip_txt.append(txt)
        self.ip_asn.append(asn_arr.copy())
        return ids

    def new_homes(self, c: np.ndarray, p_v6=0.15, p_dhcp=0.22) -> np.ndarray:
        """Homes in countries c: static IPv4, IPv6 or a DHCP lease sequence from the national pool."""
        rng = self.rng
        c = np.asarray(c, dtype=np.int64)
        k = len(c)
        h = np.arange(self.n_home, self.n_home + k)
        self.n_home += k
        u = rng.random(k)
        isp = np.array(
            [CTRY[i][3][j] for i, j in zip(c.tolist(), rng.integers(0, 2, k).tolist(), strict=True)], dtype=np.int64
        )
        v6 = u < p_v6
        dh = (u >= p_v6) & (u < p_v6 + p_dhcp)
        st = ~v6 & ~dh
        for mask, is6 in ((v6, True), (st, False)):
            if mask.any():
                ids = np.empty(mask.sum(), dtype=np.int64)
                for a in np.unique(isp[mask]):
                    m = isp[mask] == a
                    ids[m] = self.ips(int(a), int(m.sum()), v6=is6)
                self.home_ip[h[mask]] = ids
        if dh.any():
            rows = np.arange(self.n_dhcp, self.n_dhcp + dh.sum())
            self.n_dhcp += dh.sum()
            hh = h[dh]
            self.home_dhcp[hh] = rows
            ln = rng.integers(3 * DAY, 14 * DAY, len(hh))
            self.lease_len[rows] = ln
            self.lease_phase[rows] = -(rng.random(len(hh)) * ln).astype(np.int64)
            cc = c[dh]
            pick = self.dhcp_off[cc][:, None] + (rng.random((len(hh), 24)) * self.dhcp_n[cc][:, None]).astype(np.int64)
            self.lease_ip[rows] = pick
            self.home_ip[hh] = pick[:, 0]
        return h

    def home_at(self, acc: np.ndarray, t: np.ndarray) -> np.ndarray:
        h = self.home[acc]
        ip = np.where(h >= 0, self.home_ip[np.maximum(h, 0)], -1)
        r = np.where(h >= 0, self.home_dhcp[np.maximum(h, 0)], -1)
        d = r >= 0
        if d.any():
            rr = r[d]
            j = np.clip((t[d] - self.lease_phase[rr]) // self.lease_len[rr], 0, self.lease_ip.shape[1] - 1)
            ip[d] = self.lease_ip[rr, j]
        return ip

    def setup(self) -> None:
        rng = self.rng
        n = self.n
        self.lease_ip = np.zeros((n, 24), dtype=np.int64)
        # national mobile CGNAT pools and DHCP pools
        self.mob_off = np.zeros(len(CTRY), dtype=np.int64)
        self.mob_n = np.zeros(len(CTRY), dtype=np.int64)
        self.dhcp_off = np.zeros(len(CTRY), dtype=np.int64)
        self.dhcp_n = np.zeros(len(CTRY), dtype=np.int64)
        for i, c in enumerate(CTRY):
            k = max(6, round(n * CW[i] / 450))
            self.mob_off[i] = self.ips(c[4], k)[0]
            self.mob_n[i] = k
            k = max(6, round(0.05 * n * CW[i]))
            self.dhcp_off[i] = self.ips(c[3][0], k)[0]
            self.dhcp_n[i] = k
        # "Brightmoss" residential proxy pool: exits on home ISP ASNs
        k = max(400, n // 12)
        cc = rng.choice(len(CTRY), k, p=CW)
        isp = np.array([CTRY[i][3][j] for i, j in zip(cc.tolist(), rng.integers(0, 2, k).tolist(), strict=True)])
        self.brightmoss = self.ips(isp, k)
        # "Halcyon VPN" exits, Zipf popularity
        k = max(30, n // 800)
        self.vpn = self.ips(rng.choice(VPN_ASN, k, p=[0.6, 0.4]), k)
        self.vpn_cum = np.cumsum(_p(list(1.0 / np.arange(1, k + 1) ** 1.1)))
        # Starlink CGNAT (shared by rural users everywhere), campus NAT
        self.starlink = self.ips(STARLINK, max(12, n // 2000))
        self.campus = self.ips(JANET, 8)
        # "Ironleaf" static ISP proxies (a vendor; op_orchard rents a private slice)
        k = max(80, n // 120)
        isp = rng.choice(np.array([7922, 7018, 2856, 5089, 3320, 1136]), k)
        self.ironleaf = self.ips(isp, k)
        self.iron_op_n = 0
        # public catalogue
        self.pub_cum = np.cumsum(_p(list(1.0 / np.arange(1, NPUB + 1) ** 1.1)))
        self.hpc_inst_ip = np.zeros(0, dtype=np.int64)
        self.hpc_inst_dom = np.zeros(0, dtype=object)

    # ---------------------------------------------------------------- templates
    def key(self, ns: int, a, b=0) -> np.ndarray:
        with np.errstate(over="ignore"):
            return smix(smix(smix(U64(self.salt ^ ns)) ^ np.asarray(a).astype(U64)) ^ np.asarray(b).astype(U64))

    def base(self, k: np.ndarray) -> np.ndarray:
        return smix(np.asarray(k, dtype=U64) ^ U64(0x5A5A5A5A12345678))

    def root(self, ns: int, a, b=0) -> tuple[np.ndarray, np.ndarray]:
        k = self.key(ns, a, b)
        return k, self.base(k)

    def variant(self, fpk, sh, v, klo: int, khi: int) -> tuple[np.ndarray, np.ndarray]:
        """Sticky variant v of a template (v=0: the template itself); k in [klo, khi] bits."""
        fpk = np.asarray(fpk, dtype=U64)
        sh = np.asarray(sh, dtype=U64)
        v = np.asarray(v, dtype=np.int64)
        fk = smix(fpk ^ smix(v.astype(U64) * U64(0x100000001B3) + U64(17)))
        k = klo + (smix(fk) % U64(khi - klo + 1)).astype(np.int64)
        vs = sh ^ hmask(fk, k)
        return np.where(v == 0, fpk, fk), np.where(v == 0, sh, vs)

    def fresh(self, sh, klo: int, khi: int) -> tuple[np.ndarray, np.ndarray]:
        """A new paraphrase (own fingerprint) per row: sh with klo..khi random bits flipped."""
        rng = self.rng
        sh = np.asarray(sh, dtype=U64)
        m = len(sh)
        k = rng.integers(klo, khi + 1, m)
        pos = rng.integers(0, 64, (m, max(khi, 1))).astype(U64)
        bits = np.left_shift(U64(1), pos)
        bits[np.arange(max(khi, 1))[None, :] >= k[:, None]] = U64(0)
        return self.rand64(m), sh ^ np.bitwise_or.reduce(bits, axis=1)

    def rand64(self, m: int) -> np.ndarray:
        return self.rng.integers(0, np.iinfo(np.uint64).max, m, dtype=np.uint64, endpoint=True)

    def unique_prompts(self, m: int) -> tuple[np.ndarray, np.ndarray]:
        return self.rand64(m), self.rand64(m)

    def public(self, m: int, edit_p=0.25) -> tuple[np.ndarray, np.ndarray]:
        rng = self.rng
        j = np.minimum(np.searchsorted(self.pub_cum, rng.random(m)), NPUB - 1)
        v = np.where((j < NPUB_EDIT) & (rng.random(m) < edit_p), rng.integers(1, 7, m), 0)
        k, sh = self.root(NS_PUB, j)
        return self.variant(k, sh, v, 1, 3)

    def family_requests(self, fpk, sh, p_exact: float, klo: int, khi: int) -> tuple[np.ndarray, np.ndarray]:
        """Per row: the template itself (p_exact) or a fresh klo..khi-bit paraphrase of it."""
        fk, fs = self.fresh(sh, klo, khi)
        ex = self.rng.random(len(fk)) < p_exact
        return np.where(ex, fpk, fk), np.where(ex, sh, fs)

    # ---------------------------------------------------------------- requests
    def emit(self, acc, t, ip, fpk, sh, model) -> None:
        m = len(acc)
        b = lambda x, dt: np.broadcast_to(np.asarray(x, dtype=dt), (m,)).copy()  # noqa: E731
        self.req.append(
            (b(acc, np.int64), b(t, np.int64), b(ip, np.int64), b(fpk, U64), b(sh, U64), b(model, np.int64))
        )

    def resolve_ip(self, acc: np.ndarray, ch: np.ndarray, t: np.ndarray) -> np.ndarray:
        rng = self.rng
        m = len(acc)
        u = rng.random(m)
        out = np.full(m, -1, dtype=np.int64)
        c = self.country[acc]
        sel = ch == MOB
        out[sel] = self.mob_off[c[sel]] + (u[sel] * self.mob_n[c[sel]]).astype(np.int64)
        sel = ch == VPN
        out[sel] = self.vpn[np.minimum(np.searchsorted(self.vpn_cum, u[sel]), len(self.vpn) - 1)]
        sel = ch == PROXY
        out[sel] = self.brightmoss[(u[sel] * len(self.brightmoss)).astype(np.int64)]
        sel = ch == CLOUD
        out[sel] = np.where(
            (self.cloud2[acc[sel]] >= 0) & (u[sel] < 0.35), self.cloud2[acc[sel]], self.cloud1[acc[sel]]
        )
        sel = ch == OFFICE
        out[sel] = np.where(
            (self.office2[acc[sel]] >= 0) & (u[sel] < 0.3), self.office2[acc[sel]], self.office1[acc[sel]]
        )
        sel = ch == STATIC
        out[sel] = np.where(
            (self.static2[acc[sel]] >= 0) & (u[sel] < 0.4), self.static2[acc[sel]], self.static1[acc[sel]]
        )
        sel = ch == SAT
        out[sel] = self.starlink[(u[sel] * len(self.starlink)).astype(np.int64)]
        sel = ch == CAMPUS
        out[sel] = self.campus[(u[sel] * len(self.campus)).astype(np.int64)]
        sel = (ch == HOME) | (out < 0)
        out[sel] = self.home_at(acc[sel], t[sel])
        sel = out < 0
        out[sel] = self.mob_off[c[sel]] + (u[sel] * self.mob_n[c[sel]]).astype(np.int64)
        return out

    def prompts(self, acc: np.ndarray, mix: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Ordinary prompts: unique, public (Zipf), personal templates, the agent framework, company family."""
        rng = self.rng
        m = len(acc)
        cat = pick_rows(rng, mix)
        fpk = np.zeros(m, dtype=U64)
        sh = np.zeros(m, dtype=U64)
        s = cat == P_UNIQ
        fpk[s], sh[s] = self.unique_prompts(s.sum())
        s = cat == P_PUB
        fpk[s], sh[s] = self.public(s.sum())
        s = cat == P_PERS
        a = acc[s]
        slot = np.minimum(rng.geometric(0.5, s.sum()) - 1, self.npers[a] - 1)
        v = np.where(rng.random(s.sum()) < 0.55, 0, rng.integers(1, 4, s.sum()))
        k, b = self.root(NS_PERS, a, slot)
        fpk[s], sh[s] = self.variant(k, b, v, 1, 4)
        s = cat == P_AGENT
        a = acc[s]
        tool = rng.random(s.sum()) < 0.5
        lag = (smix(a.astype(U64) ^ U64(self.salt)) % U64(12 * DAY)).astype(np.int64)
        ver = np.where(t[s] >= 15 * DAY + lag, 1, 0)
        k, b = self.root(NS_AGENT, 0)
        sk, ss = self.variant(np.full(s.sum(), k), np.full(s.sum(), b), ver, 3, 4)
        _, b2 = self.root(NS_AGENT, 1)
        tk, ts = self.fresh(np.full(s.sum(), b2), 2, 4)
        fpk[s], sh[s] = np.where(tool, tk, sk), np.where(tool, ts, ss)
        s = cat == P_COMP
        comp = self.company[acc[s]]
        k, b = self.root(NS_COMP, np.maximum(comp, 0))
        ck, cs = self.variant(k, b, rng.integers(0, 7, s.sum()), 1, 3)
        uk, us = self.unique_prompts(s.sum())
        fpk[s], sh[s] = np.where(comp >= 0, ck, uk), np.where(comp >= 0, cs, us)
        return fpk, sh

    def adopt_times(self, m: int, early=0.04, later=0.35) -> np.ndarray:
        rng = self.rng
        u = rng.random(m)
        a = np.full(m, NEVER, dtype=np.int64)
        e = u < early
        a[e] = REL + rng.integers(int(0.3 * HOUR), 24 * HOUR, e.sum())
        lt = (u >= early) & (u < early + later)
        a[lt] = REL + rng.exponential(7 * DAY, lt.sum()).astype(np.int64)
        return a

    def models(self, mp: np.ndarray, t: np.ndarray, adopt: np.ndarray, p_new=0.7) -> np.ndarray:
        rng = self.rng
        m = pick_rows(rng, mp)
        new = (t >= adopt) & (rng.random(len(t)) < p_new)
        return np.where(new, M5, m)

    def human(self, acc, nreq, *, profile=HUMAN, weekend=1.0, chan=None, mix=None, mp=None, adopt=None,
              start=None, end=None, sess=1.8, gap=45.0) -> None:  # fmt: skip
        """Ordinary interactive traffic: diurnal sessions of 1+Poisson(sess) requests."""
        rng = self.rng
        acc = np.asarray(acc, dtype=np.int64)
        k = len(acc)
        if k == 0:
            return
        nreq = np.broadcast_to(np.asarray(nreq, dtype=np.int64), (k,))
        start = (
            np.maximum(self.created[acc], 0)
            if start is None
            else np.broadcast_to(np.asarray(start, dtype=np.int64), (k,))
        )
        end = (
            self.end[acc]
            if end is None
            else np.minimum(np.broadcast_to(np.asarray(end, dtype=np.int64), (k,)), self.end[acc])
        )
        chan = (
            np.tile(np.eye(NCH)[HOME], (k, 1))
            if chan is None
            else np.broadcast_to(np.asarray(chan, dtype=float), (k, NCH))
        )
        mix = (
            np.tile([0.5, 0.25, 0.25, 0.0, 0.0], (k, 1))
            if mix is None
            else np.broadcast_to(np.asarray(mix, dtype=float), (k, 5))
        )
        mp = np.tile([0.55, 0.35, 0.10], (k, 1)) if mp is None else np.broadcast_to(np.asarray(mp, dtype=float), (k, 3))
        adopt = self.adopt_times(k) if adopt is None else np.broadcast_to(np.asarray(adopt, dtype=np.int64), (k,))
        ok = (nreq > 0) & (end > start + 60)
        nsess = np.where(ok, np.maximum(1, np.round(nreq / (1 + sess))).astype(np.int64), 0)
        so, _ = ragged(nsess)
        if not len(so):
            return
        st = diurnal(rng, start[so], end[so], self.tz[acc[so]], profile, weekend)
        size = 1 + rng.poisson(sess, len(so))
        ro, t = session_times(rng, st, size, gap)
        ch = pick_rows(rng, chan[so])
        ip = self.resolve_ip(acc[so], ch, st)[ro]
        li = so[ro]
        a = acc[li]
        fpk, sh = self.prompts(a, mix[li], t)
        self.emit(a, t, ip, fpk, sh, self.models(mp[li], t, adopt[li]))

    def cron(self, acc, from_cloud: np.ndarray) -> None:
        """Cron jobs at minute :00 (mostly): daily, 6-hourly or hourly for a few days; one exact prompt each."""
        rng = self.rng
        acc = np.asarray(acc, dtype=np.int64)
        nj = np.where(rng.random(len(acc)) < 0.2, 2, 1)
        ja, jn = ragged(nj)
        a = acc[ja]
        m = len(a)
        u = rng.random(m)
        period = np.where(u < 0.7, DAY, np.where(u < 0.85, 6 * HOUR, HOUR))
        hour_local = rng.choice(
            [0, 6, 7, 8, 9, 12, 18, 22, 3], m, p=[0.18, 0.12, 0.16, 0.14, 0.1, 0.1, 0.08, 0.06, 0.06]
        )
        minute = np.where(rng.random(m) < 0.85, 0, rng.choice([30, 15, 45, 5], m))
        off = np.round(self.tz[a] * HOUR).astype(np.int64)
        phase = np.mod(hour_local * HOUR + minute * MIN - off, period)
        s0 = np.maximum(np.maximum(self.created[a], 0) + rng.integers(0, 10 * DAY, m), 0)
        span = np.where(period == HOUR, rng.integers(3 * DAY, 10 * DAY, m), rng.integers(7 * DAY, NDAYS * DAY, m))
        e0 = np.minimum(s0 + span, self.end[a])
        first = s0 + np.mod(phase - s0, period)
        cnt = np.maximum(0, (e0 - first + period - 1) // period)
        fo, fp = ragged(cnt)
        tf = first[fo] + fp * period[fo] + rng.integers(0, 5, len(fo))
        keep = rng.random(len(fo)) > 0.03
        fo, tf = fo[keep], tf[keep]
        two = rng.random(len(fo)) < 0.2
        fo = np.concatenate([fo, fo[two]])
        tf = np.concatenate([tf, tf[two] + rng.integers(2, 16, two.sum())])
        popular = rng.random(m) < 0.4
        pk, ps = self.root(NS_CRONPUB, rng.integers(0, 6, m))
        qk, qs = self.root(NS_CRONP, a, jn)
        jk, js = np.where(popular, pk, qk), np.where(popular, ps, qs)
        model = rng.choice([MINI, M4, CODE], m, p=[0.5, 0.3, 0.2])
        latest = rng.random(m) < 0.1
        fa = a[fo]
        ip = np.where(from_cloud[ja][fo] & (self.cloud1[fa] >= 0), self.cloud1[fa], self.home_at(fa, tf))
        mod = np.where(latest[fo] & (tf >= REL), M5, model[fo])
        self.emit(fa, tf, ip, jk[fo], js[fo], mod)

    # ---------------------------------------------------------------- output
    def finish(self, out: Path) -> dict:
        rng = self.rng
        n = self.n
        assert self.next == n, (self.next, n)
        acc, t, ip, fpk, sh, model = (np.concatenate(x) for x in zip(*self.req, strict=True))
        keep = (t >= np.maximum(self.created[acc], 0)) & (t < self.end[acc]) & (t >= 0) & (t < T_END)
        acc, t, ip, fpk, sh, model = acc[keep], t[keep], ip[keep], fpk[keep], sh[keep], model[keep]
        model[(model == M5) & (t < REL)] = M4
        order = np.lexsort((acc, t))
        acc, t, ip, fpk, sh, model = acc[order], t[order], ip[order], fpk[order], sh[order], model[order]
        sh = no_card_run(sh)
        ip_txt = np.concatenate(self.ip_txt)
        ip_asn = np.concatenate(self.ip_asn)
        perm = rng.permutation(n)
        acct_ids = letters(smix(np.arange(n, dtype=np.int64).astype(U64) ^ U64(self.salt)), "acct_")
        A = pa.array(acct_ids.tolist(), type=pa.string())
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
        ca, cc, ct, cd = (np.concatenate(x) for x in zip(*self.cards, strict=True))
        first = np.maximum(ct, self.created[ca])
        last_req = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
        np.maximum.at(last_req, acc, t)
        last = np.where(cd >= 0, cd, np.maximum(np.minimum(last_req[ca], self.end[ca]), first))
        pm = (
            pd.DataFrame({"a": ca, "c": cc, "f": first, "l": last})
            .groupby(["a", "c"], sort=True)
            .agg(f=("f", "min"), l=("l", "max"))
            .reset_index()
        )
        pm = pm[pm["f"] < np.minimum(self.end[pm["a"].to_numpy()], T_END)]
        pm_tok = letters(smix(pm["c"].to_numpy().astype(U64) ^ U64(self.salt * 3 + 1)), "pm_")
        write(
            "payment_methods",
            {
                "account_id": A.take(pa.array(pm["a"].to_numpy())),
                "payment_method_id": pa.array(pm_tok.tolist(), type=pa.string()),
                "first_seen": ts(pm["f"].to_numpy()),
                "last_seen": ts(pm["l"].to_numpy()),
            },
        )
        # IPs actually used
        used_ip, ip_inv = np.unique(ip, return_inverse=True)
        IPS = pa.array(ip_txt[used_ip].tolist(), type=pa.string())
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
        # prompt fingerprints
        ufp, fp_inv = np.unique(fpk, return_inverse=True)
        fp_sh = np.zeros(len(ufp), dtype=U64)
        fp_sh[fp_inv] = sh
        FPS = pa.array(letters(ufp, "fp_").tolist(), type=pa.string())
        SHS = pa.array(hex16(fp_sh).tolist(), type=pa.string())
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
                "account_id": acct_ids[perm],
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


# ----------------------------------------------------------------------------------------- helpers for groups


def split_sizes(rng, total: int, lo: int, hi: int) -> np.ndarray:
    """Sizes in [lo, hi] summing to total (total >= lo)."""
    sizes: list[int] = []
    left = total
    while left > 0:
        s = int(rng.integers(lo, hi + 1))
        if left - s < lo:
            s = left if left <= hi else left - lo
        sizes.append(s)
        left -= s
    return np.array(sizes, dtype=np.int64)


def chan_row(**w: float) -> np.ndarray:
    row = np.zeros(NCH)
    names = {
        "home": HOME,
        "mob": MOB,
        "vpn": VPN,
        "proxy": PROXY,
        "cloud": CLOUD,
        "office": OFFICE,
        "sat": SAT,
        "campus": CAMPUS,
        "static": STATIC,
    }
    for k, v in w.items():
        row[names[k]] = v
    return row


def solo_homes(W: World, acc: np.ndarray, p_dhcp=0.22) -> None:
    W.home[acc] = W.new_homes(W.country[acc], p_dhcp=p_dhcp)


def cloud_ips(W: World, acc: np.ndarray, p_two=0.3) -> None:
    rng = W.rng
    k = len(acc)
    W.cloud1[acc] = W.ips(rng.choice(CLOUD_ASN, k, p=CLOUD_P), k)
    two = acc[rng.random(k) < p_two]
    W.cloud2[two] = W.ips(rng.choice(CLOUD_ASN, len(two), p=CLOUD_P), len(two))


def lognorm_counts(rng, k: int, median: float, sigma: float, cap: int = 600) -> np.ndarray:
    return np.minimum(np.ceil(rng.lognormal(np.log(median), sigma, k)), cap).astype(np.int64)


def tick_expand(t_from, t_to, phase, period: int) -> tuple[np.ndarray, np.ndarray]:
    """For each interval [t_from, t_to) (row r): (r, t) for every grid time phase[r] + i*period inside it."""
    phase = np.asarray(phase, dtype=np.int64)
    i0 = -np.floor_divide(-(np.asarray(t_from, dtype=np.int64) - phase), period)
    i1 = -np.floor_divide(-(np.asarray(t_to, dtype=np.int64) - phase), period)
    o, p = ragged(np.maximum(i1 - i0, 0))
    return o, phase[o] + (i0[o] + p) * period


# ----------------------------------------------------------------------------------------- fraud operations


def op_shellco(W: World) -> None:
    rng, N = W.rng, W.n
    n0 = max(40, round(0.008 * N))
    k = max(3, round(n0 / 55))
    sizes = 10 + rng.multinomial(n0 - 10 * k, rng.dirichlet(np.full(k, 8.0)))
    pool = ["GB", "NL", "DE", "FR", "PL", "ES"]
    ctry = [CI[pool[i % len(pool)]] for i in rng.permutation(max(k, len(pool)))[:k]]
    tld = {"GB": "co.uk", "NL": "nl", "DE": "de", "FR": "fr", "PL": "pl", "ES": "es"}
    suffix = np.array(["analytics", "labs", "systems", "data", "insights", "partners", "digital"], dtype=object)
    colo = 3257  # one colocation provider's business ASN (real offices use it too)
    fam_k, fam_s = W.root(NS_SHELL, np.arange(4))
    shells = []
    for i in range(k):
        c = ctry[i]
        shells.append(
            {
                "size": int(sizes[i]),
                "c": c,
                "batch": int(-rng.integers(5, 40)) * DAY + int((9 - CTZ[c]) * HOUR) + int(rng.integers(0, 40 * MIN)),
                "style": i,
                "dom": f"{rng.choice(WORDS)}{rng.choice(WORDS)}-{rng.choice(suffix)}.{tld[CC[c]]}",
                "ips": list(W.ips(colo, int(rng.integers(2, 4)))),
                "repl": 0,
            }
        )
    banned = np.sort(rng.choice(k, max(1, round(k / 3)), replace=False))
    t_ban = 19 * DAY + 14 * HOUR
    for b in banned.tolist():
        sb = shells[b]
        rb = int(t_ban + rng.integers(3 * DAY, 5 * DAY))
        rb = rb - rb % DAY + int((9 - CTZ[sb["c"]]) * HOUR) + int(rng.integers(0, 40 * MIN))
        shells.append(
            {
                "size": max(8, round(sb["size"] * rng.uniform(0.9, 1.2))),
                "c": sb["c"],
                "batch": rb,
                "style": sb["style"],
                "dom": f"{rng.choice(WORDS)}{rng.choice(WORDS)}-{rng.choice(suffix)}.{tld[CC[sb['c']]]}",
                "ips": [sb["ips"][int(rng.integers(len(sb["ips"])))], *W.ips(colo, int(rng.integers(1, 3)))],
                "repl": 1,
            }
        )
    members, shell_of, setup = [], [], []
    for si, s in enumerate(shells):
        m = s["size"]
        created = s["batch"] + np.cumsum(rng.integers(3, 31, m))
        hires = rng.random(m) < (0.1 if not s["repl"] else 0.0)
        created[hires] = diurnal(
            rng, np.full(hires.sum(), s["batch"] + 2 * DAY), np.full(hires.sum(), 30 * DAY), CTZ[s["c"]], WORK, 0.05
        )
        acc = W.alloc(m, "op_shellco", "fraud", created, s["c"], domain=s["dom"], repl=s["repl"])
        corp = W.new_cards(1)[0]
        team = W.new_cards(2)
        u = rng.random(m)
        W.attach(
            acc,
            np.where(u < 0.85, corp, team[(u * 100).astype(np.int64) % 2]),
            W.created[acc] + rng.integers(60, 1800, m),
        )
        ips = np.array(s["ips"])
        W.office1[acc] = ips[rng.integers(0, len(ips), m)]
        W.office2[acc] = ips[rng.integers(0, len(ips), m)]
        solo_homes(W, acc)
        members.append(acc)
        shell_of.append(np.full(m, si))
        setup.append(W.created[acc] + (rng.integers(2 * HOUR, 8 * HOUR, m) if s["repl"] else HOUR))
    acc = np.concatenate(members)
    shell_of = np.concatenate(shell_of)
    start = np.maximum(np.concatenate(setup), 0)
    for b in banned.tolist():
        W.enforce_mix(members[b], t_ban + rng.integers(0, 2 * HOUR, len(members[b])), 0.9)
    others = acc[~np.isin(shell_of, banned) & (rng.random(len(acc)) < 0.02)]
    W.enforce(others, rng.integers(5 * DAY, 45 * DAY, len(others)), SUSPENDED)
    # employees' cover traffic in office hours
    W.human(acc, rng.poisson(25, len(acc)), profile=WORK, weekend=0.08, chan=chan_row(office=0.9, home=0.1),
            mix=[0.7, 0.3, 0.0, 0.0, 0.0], mp=[0.6, 0.2, 0.2], adopt=REL + rng.integers(DAY, 6 * DAY, len(acc)))  # fmt: skip
    # the dispatcher: jobs on weekdays 08:00-16:30 UTC, each fanned out to ~10% of all live accounts of all shells
    jt = []
    for d in range(NDAYS):
        if d % 7 < 5:
            jt.append(d * DAY + 8 * HOUR + rng.integers(0, int(8.5 * HOUR), rng.poisson(5 * 8.5)))
    jt = np.sort(np.concatenate(jt))
    fam = rng.integers(0, 4, len(jt))
    end = W.end[acc]
    jj_all, aa_all = [], []
    for c0 in range(0, len(jt), 256):
        tj = jt[c0 : c0 + 256]
        sel = (start[None, :] <= tj[:, None]) & (tj[:, None] < end[None, :]) & (rng.random((len(tj), len(acc))) < 0.10)
        jj, aa = np.nonzero(sel)
        jj_all.append(jj + c0)
        aa_all.append(aa)
    jj, aa = np.concatenate(jj_all), np.concatenate(aa_all)
    nr = 1 + (rng.random(len(jj)) < 0.4)
    o, p = ragged(nr)
    t = jt[jj[o]] + np.minimum(rng.exponential(20, len(jj)), 110).astype(np.int64)[o] + p * rng.integers(4, 31, len(o))
    a = acc[aa[o]]
    si = shell_of[aa[o]]
    style = np.array([shells[s]["style"] for s in range(len(shells))])[si]
    f = fam[jj[o]]
    hk, hs = W.variant(fam_k[f], fam_s[f], style + 1, 3, 5)  # the shell's "house style" of the family
    fpk, sh = W.family_requests(hk, hs, 0.25, 1, 3)
    nip = np.array([len(s["ips"]) for s in shells])
    ipm = np.array([[*s["ips"], *s["ips"][:1] * (4 - len(s["ips"]))] for s in shells], dtype=np.int64)
    ip = ipm[si, (rng.random(len(si)) * nip[si]).astype(np.int64)]
    switch = REL + int(rng.integers(2 * HOUR, 4 * HOUR))
    old = np.where(rng.random(len(t)) < 0.7, M4, CODE)
    model = np.where(t >= switch, np.where(rng.random(len(t)) < 0.95, M5, M4), old)
    W.emit(a, t, ip, fpk, sh, model)


def op_orchard(W: World) -> None:
    rng, N = W.rng, W.n
    target = max(50, round(0.008 * N))
    n_orig = round(target * 0.85)
    ns = max(8, round(n_orig / 5))
    lo, hi = -200 * DAY, 42 * DAY
    u = rng.random(ns)
    sc = 60 * DAY
    t0 = np.sort((sc * np.log(np.exp(lo / sc) + u * (np.exp(hi / sc) - np.exp(lo / sc)))).astype(np.int64))
    size = rng.integers(4, 7, ns)
    P = max(12, round(target / 3.5))
    W.iron_op_n = P
    pool = W.ironleaf[:P]
    shards = {
        "t0": list(t0),
        "size": list(size),
        "style": list(range(ns)),
        "off": list(rng.integers(1 * HOUR, 9 * HOUR, ns)),
        "tasks": [rng.choice(5, 3, replace=False) for _ in range(ns)],
        "repl": [0] * ns,
        "inherit": [None] * ns,
        "until": [0] * ns,
        "ban": [NEVER] * ns,
    }
    lease = rng.integers(0, P, (ns * 3, 7, 2))
    for w in range(7):
        ws, we = w * 7 * DAY, (w + 1) * 7 * DAY
        for s in range(len(shards["t0"])):
            if shards["ban"][s] < NEVER or shards["t0"][s] + 2 * DAY >= we or rng.random() >= 0.07:
                continue
            tb = int(max(ws, shards["t0"][s] + 2 * DAY) + rng.integers(0, 7 * DAY))
            tb = min(tb, we - 1)
            if tb >= T_END - DAY:
                continue
            shards["ban"][s] = tb
            if rng.random() < 0.75:
                nt0 = tb + int(rng.integers(2 * DAY, 5 * DAY))
                if nt0 >= T_END - DAY:
                    continue
                shards["t0"].append(nt0)
                shards["size"].append(int(np.clip(shards["size"][s] + rng.integers(-1, 2), 3, 7)))
                for key in ("style", "off", "tasks"):
                    shards[key].append(shards[key][s])
                shards["repl"].append(1)
                shards["inherit"].append(lease[s, min(tb // (7 * DAY), 6)])
                shards["until"].append(nt0 + 7 * DAY)
                shards["ban"].append(NEVER)
    S = len(shards["t0"])
    lease = lease[:S] if len(lease) >= S else np.concatenate([lease, rng.integers(0, P, (S - len(lease), 7, 2))])
    sizes = np.array(shards["size"])
    so, _ = ragged(sizes)
    created = np.array(shards["t0"])[so] + rng.integers(0, 36 * HOUR, len(so))
    ctry = rng.choice(
        [CI[c] for c in ("US", "GB", "DE", "NL", "CA", "AU")], len(so), p=[0.4, 0.15, 0.15, 0.1, 0.1, 0.1]
    )
    acc = W.alloc(len(so), "op_orchard", "fraud", created, ctry, repl=np.array(shards["repl"])[so])
    u = rng.random(len(so))
    shard_dom = W.custom_domain(S, ("net", "com", "studio", "xyz"))
    dom = W.domain[acc]
    dom = np.where(u < 0.2, rng.choice(PRIVACY, len(so)), dom)
    dom = np.where(u > 0.85, shard_dom[so], dom)
    W.domain[acc] = dom
    cards = W.new_cards(len(so))
    first = np.r_[True, so[1:] != so[:-1]]
    pair = (rng.random(S) < 0.25)[so] & ~first & np.r_[False, first[:-1]]
    cards[pair] = cards[np.nonzero(pair)[0] - 1]
    W.attach(acc, cards, W.created[acc] + rng.integers(600, 6 * HOUR, len(so)))
    bans = np.array(shards["ban"])[so]
    hit = bans < NEVER
    W.enforce_mix(acc[hit], bans[hit] + rng.integers(0, 3 * HOUR, hit.sum()), 0.85)
    # sessions: weekday (and some Saturday) shifts in UTC+8 working hours, one per shard per day
    days = np.arange(NDAYS)
    on = (days[None, :] % 7 < 5) | ((days[None, :] % 7 == 5) & (rng.random((S, NDAYS)) < 0.3))
    on &= rng.random((S, NDAYS)) < 0.92
    ss, dd = np.nonzero(on)
    st = dd * DAY + np.array(shards["off"])[ss] + rng.normal(0, 25 * MIN, len(ss)).astype(np.int64)
    dur = rng.integers(2 * HOUR, 4 * HOUR, len(ss))
    moff = np.cumsum(sizes) - sizes
    o, p = ragged(sizes[ss])
    ma = acc[moff[ss[o]] + p]
    alive = (W.created[ma] + 6 * HOUR <= st[o]) & (st[o] < W.end[ma])
    o, ma = o[alive], ma[alive]
    nr = rng.poisson(5, len(o))
    o2, _ = ragged(nr)
    sess = o[o2]
    a = ma[o2]
    t = st[sess] + (rng.random(len(sess)) * dur[sess]).astype(np.int64)
    shard = ss[sess]
    week = np.clip(t // (7 * DAY), 0, 6)
    two = rng.integers(0, 2, len(t))
    inh = np.array([x if x is not None else (-1, -1) for x in shards["inherit"]])
    until = np.array(shards["until"])
    use_inh = (t < until[shard]) & (inh[shard, 0] >= 0)
    slot = np.where(use_inh, inh[shard, two], lease[shard, week, two])
    ip = np.where(rng.random(len(t)) < 0.3, W.brightmoss[rng.integers(0, len(W.brightmoss), len(t))], pool[slot])
    tasks = np.array(shards["tasks"])
    styles = np.array(shards["style"])
    task = tasks[shard, rng.integers(0, 3, len(t))]
    rk, rs = W.root(NS_ORCH, task)
    wk, ws_ = W.variant(rk, rs, styles[shard] + 1, 8, 11)  # the shard's own LLM rewrite of the task prompt
    fpk, sh = W.family_requests(wk, ws_, 0.1, 1, 3)
    cover = rng.random(len(t)) < 0.1
    ck, cs = W.public(cover.sum())
    fpk[cover], sh[cover] = ck, cs
    switch = REL + int(rng.integers(6 * HOUR, 14 * HOUR))
    model = np.where(
        t >= switch, np.where(rng.random(len(t)) < 0.9, M5, M4), np.where(rng.random(len(t)) < 0.85, M4, MINI)
    )
    W.emit(a, t, ip, fpk, sh, model)


def op_leakedkeys(W: World) -> None:
    rng, N = W.rng, W.n
    target = max(30, round(0.0055 * N))
    K = max(4, round(target / 6))
    pool = W.ips(rng.choice(SMALL_HOSTING, 3 * K), 3 * K)
    slot_ips = [[pool[2 * s], pool[2 * s + 1]] for s in range(K)]
    spare = 2 * K
    heap = [(int(rng.integers(0, 36 * HOUR)), s) for s in range(K)]
    heapq.heapify(heap)
    last_enf = [False] * K
    keys = []  # slot, start, end, enforced, replacement, ipA, ipB
    while heap and len(keys) < target:
        t, s = heapq.heappop(heap)
        if t >= T_END - 12 * HOUR:
            continue
        u = rng.random()
        if u < 0.55:
            dur, enf = 6 * HOUR + rng.exponential(3 * DAY), True
        elif u < 0.85:
            dur, enf = 3 * HOUR + rng.exponential(2.5 * DAY), False
        else:
            dur, enf = 10 * T_END, False
        if keys and rng.random() < 0.4 and spare < len(pool):
            slot_ips[s][int(rng.integers(2))] = pool[spare]
            spare += 1
        e = int(min(t + dur, T_END))
        keys.append((s, t, e, enf and e < T_END, last_enf[s], slot_ips[s][0], slot_ips[s][1]))
        last_enf[s] = enf and e < T_END
        if e < T_END:
            heapq.heappush(heap, (e + int(rng.integers(2 * HOUR, 30 * HOUR)), s))
    kk = np.array(keys, dtype=np.int64)
    m = len(kk)
    ctry = rng.choice(len(CTRY), m, p=CW)
    victims = W.alloc(m, "op_leakedkeys", "fraud", -rng.integers(60 * DAY, 1500 * DAY, m), ctry, repl=kk[:, 4])
    cust = rng.random(m) < 0.3
    W.domain[victims[cust]] = W.custom_domain(cust.sum(), ("dev", "io", "com", "net"))
    solo_homes(W, victims)
    hasc = victims[rng.random(m) < 0.7]
    cloud_ips(W, hasc, 0.2)
    W.own_cards(victims, 0.95, 0.05)
    enf = kk[:, 3] == 1
    W.enforce_mix(victims[enf], kk[enf, 2], 0.5)
    # the owners' own developer traffic (and cron jobs) goes on as before
    chan = np.where((W.cloud1[victims] >= 0)[:, None], chan_row(home=0.4, cloud=0.6), chan_row(home=1.0))
    W.human(victims, lognorm_counts(rng, m, 30, 1.0), chan=chan, mix=[0.45, 0.2, 0.25, 0.1, 0.0], mp=[0.35, 0.15, 0.5])
    cr = rng.random(m) < 0.4
    W.cron(victims[cr], np.ones(cr.sum(), dtype=bool))
    # hijack traffic: crews of ~8 slots share a queue that ticks every 10 minutes
    crew = kk[:, 0] // 8
    phase = rng.integers(0, 600, K // 8 + 1)[crew]
    o, tt = tick_expand(kk[:, 1], kk[:, 2], phase, 600)
    part = rng.random(len(o)) < 0.2
    o, tt = o[part], tt[part]
    nr = 1 + rng.poisson(0.6, len(o))
    o2, p = ragged(nr)
    key = o[o2]
    t = tt[o2] + rng.integers(0, 21, len(o))[o2] + rng.integers(0, 46, len(o))[o2] + p * rng.integers(3, 21, len(o2))
    a = victims[key]
    ip = np.where(
        rng.random(len(t)) < 0.25,
        W.brightmoss[rng.integers(0, len(W.brightmoss), len(t))],
        np.where(rng.random(len(t)) < 0.5, kk[key, 5], kk[key, 6]),
    )
    f = rng.choice(4, len(t), p=[0.4, 0.3, 0.2, 0.1])
    rk, rs = W.root(NS_LEAK, f)
    fpk, sh = W.family_requests(rk, rs, 0.12, 2, 5)
    switch = REL + int(rng.integers(HOUR, 3 * HOUR))
    model = np.where(
        t >= switch, np.where(rng.random(len(t)) < 0.95, M5, M4), np.where(rng.random(len(t)) < 0.9, M4, CODE)
    )
    W.emit(a, t, ip, fpk, sh, model)


def op_mule(W: World) -> None:
    rng, N = W.rng, W.n
    n0 = max(36, round(0.0065 * N))
    regions = ["GB", "NG", "PH", "KE", "IN", "ID", "BR"]
    sizes = split_sizes(rng, n0, 25, 45) if n0 >= 25 else np.array([n0])
    pool_c = [CI[regions[0]]] + [CI[regions[int(i)]] for i in rng.integers(1, len(regions), len(sizes) - 1)]
    fam_k, fam_s = W.root(NS_MULE, np.arange(6))
    switch = REL + int(rng.integers(5 * HOUR, 12 * HOUR))
    for m, c in zip(sizes.tolist(), pool_c, strict=True):
        created = np.where(rng.random(m) < 0.75, -rng.integers(5 * DAY, 120 * DAY, m), rng.integers(0, 21 * DAY, m))
        mules = W.alloc(m, "op_mule", "fraud", created, c)
        if CC[c] == "GB":
            W.domain[mules] = np.where(rng.random(m) < 0.8, UNI, W.domain[mules])
        homes = W.new_homes(np.full(m, c), p_dhcp=0.2)
        W.home[mules] = homes
        # housemates (ordinary people) on the same home IP
        nh = rng.choice([0, 1, 2, 3], m, p=[0.5, 0.25, 0.15, 0.1])
        ho, _ = ragged(nh)
        mates = W.alloc(len(ho), "organic", "organic", W.old_created(len(ho)), c, segment="organic_household")
        W.home[mates] = homes[ho]
        W.own_cards(mates, 0.7)
        shared = np.zeros(m, dtype=bool)
        if len(ho):
            first = np.r_[True, ho[1:] != ho[:-1]]
            fm, fo = mates[first], ho[first]
            sh_ = rng.random(len(fo)) < 0.2
            cds = W.new_cards(sh_.sum())
            W.attach(fm[sh_], cds, W.created[fm[sh_]] + DAY)
            W.attach(mules[fo[sh_]], cds, W.created[mules[fo[sh_]]] + HOUR)
            shared[fo[sh_]] = True
        W.own_cards(mules[~shared], 1.0, 0.03)
        W.human(
            mates,
            lognorm_counts(rng, len(mates), 7, 1.1) * (rng.random(len(mates)) > 0.08),
            chan=chan_row(home=0.8, mob=0.2),
        )
        # bans and replacements (a flatmate / friend signs up on the same home computer)
        ban = rng.random(m) < 0.14
        tb = rng.integers(3 * DAY, 45 * DAY, m)
        W.enforce_mix(mules[ban], tb[ban], 0.8)
        rep = ban & (rng.random(m) < 0.7)
        rc = tb[rep] + rng.integers(DAY, 6 * DAY, rep.sum())
        ok = rc < T_END - DAY
        src = mules[rep][ok]
        reps = W.alloc(len(src), "op_mule", "fraud", rc[ok], c, repl=1)
        if CC[c] == "GB":
            W.domain[reps] = np.where(rng.random(len(reps)) < 0.8, UNI, W.domain[reps])
        W.home[reps] = W.home[src]
        W.own_cards(reps, 1.0, 0.0)
        rb = rng.random(len(reps)) < 0.1
        W.enforce_mix(reps[rb], W.created[reps[rb]] + rng.integers(2 * DAY, 20 * DAY, rb.sum()), 0.8)
        agents = np.concatenate([mules, reps])
        src_of = np.concatenate([np.arange(m), np.searchsorted(mules, src)])
        W.human(agents, lognorm_counts(rng, len(agents), 10, 1.0), chan=chan_row(home=0.75, mob=0.25))
        # relay agent online in local evenings (the same computer: a replacement inherits the schedule)
        A = len(agents)
        ev = NDAYS + 2
        on = rng.random((m, ev)) < 0.75
        off = round(CTZ[c] * HOUR)
        dstart = (np.arange(ev) - 1) * DAY + 18 * HOUR - off
        s_on = dstart[None, :] + rng.normal(0, 40 * MIN, (m, ev)).astype(np.int64)
        e_on = dstart[None, :] + int(7.5 * HOUR) + rng.normal(0, 40 * MIN, (m, ev)).astype(np.int64)
        on, s_on, e_on = on[src_of], s_on[src_of], e_on[src_of]
        poll = rng.integers(0, 60, A)
        jt = np.sort(rng.integers(0, T_END, rng.poisson(T_END / (12 * MIN))))
        e_idx = np.clip((jt + off - 18 * HOUR) // DAY + 1, 0, ev - 1)
        live_from = np.maximum(W.created[agents], 0) + HOUR
        ok = (on[:, e_idx].T & (jt[:, None] >= s_on[:, e_idx].T) & (jt[:, None] < e_on[:, e_idx].T)
              & (live_from[None, :] <= jt[:, None]) & (jt[:, None] < W.end[agents][None, :]))  # fmt: skip
        r = np.where(ok, rng.random(ok.shape), 2.0)
        pick = np.argsort(r, axis=1)[:, :3]
        good = np.take_along_axis(r, pick, axis=1) < 1.5
        jj, col = np.nonzero(good)
        ag = pick[jj, col]
        nr = 1 + rng.poisson(1.2, len(jj))
        o, p = ragged(nr)
        delay = np.mod(poll[ag] - jt[jj], 60) + rng.integers(0, 4, len(jj))
        gaps = rng.integers(4, 26, len(o))
        gaps[p == 0] = 0
        cs = np.cumsum(gaps)
        cs -= (cs - gaps)[np.cumsum(nr) - nr][o]  # restart at each job
        t = jt[jj][o] + delay[o] + cs
        a = agents[ag][o]
        f = rng.integers(0, 6, len(jj))[o]
        fpk, sh = W.family_requests(fam_k[f], fam_s[f], 0.05, 2, 6)
        model = np.where(
            t >= switch, np.where(rng.random(len(t)) < 0.9, M5, M4), np.where(rng.random(len(t)) < 0.8, M4, MINI)
        )
        W.emit(a, t, W.home_at(a, t), fpk, sh, model)


# ----------------------------------------------------------------------------------------- innocent look-alikes


def trap_bugbounty(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(40, round(0.003 * N))
    L = 9 * DAY + 16 * HOUR
    new = rng.random(n) < 0.7
    created = np.where(
        new, L + np.minimum(rng.lognormal(np.log(10 * HOUR), 1.0, n), 10 * DAY).astype(np.int64), W.old_created(n, 300)
    )
    ctry = rng.choice(len(CTRY), n, p=_p([20 if c[0] in ("US", "IN") else 3 for c in CTRY]))
    acc = W.alloc(n, "trap_bugbounty", "benign_group", created, ctry)
    W.domain[acc[new]] = "hunters.bugpact.io"
    solo_homes(W, acc)
    vps = rng.random(n) < 0.5
    W.cloud1[acc[vps]] = W.ips(rng.choice(np.array([14061, 20473, 63949, 24940]), vps.sum()), vps.sum())
    card_of = W.own_cards(acc, 0.8, 0.0)
    # automated abuse filters enforce some in-scope testers; some come back with a second account
    start = np.maximum(created, L)
    enf = rng.random(n) < 0.2
    te = start + rng.integers(2 * HOUR, 6 * DAY, n)
    W.enforce(acc[enf], te[enf], np.where(rng.random(enf.sum()) < 0.25, BANNED, SUSPENDED))
    back = enf & (rng.random(n) < 0.35) & (te < T_END - 3 * DAY)
    src = acc[back]
    acc2 = W.alloc(
        len(src),
        "trap_bugbounty",
        "benign_group",
        te[back] + rng.integers(2 * HOUR, 48 * HOUR, len(src)),
        W.country[src],
        domain=W.domain[src],
    )
    W.home[acc2], W.cloud1[acc2] = W.home[src], W.cloud1[src]
    same = (rng.random(len(src)) < 0.7) & (card_of[back] >= 0)
    W.attach(acc2, np.where(same, card_of[back], W.new_cards(len(src))), W.created[acc2] + 600)
    allacc = np.concatenate([acc, acc2])
    k = len(allacc)
    chan = np.where(
        (W.cloud1[allacc] >= 0)[:, None], chan_row(cloud=0.5, home=0.25, vpn=0.25), chan_row(home=0.6, vpn=0.4)
    )
    st = np.maximum(W.created[allacc], L)
    # testing sessions: most of it in the first 72 hours after the tester starts
    nreq = lognorm_counts(rng, k, 60, 0.8)
    early = (nreq * 0.6).astype(np.int64)
    for s_, e_, q in ((st, st + 72 * HOUR, early), (st + 72 * HOUR, np.full(k, T_END), nreq - early)):
        nsess = np.maximum(1, q // 8)
        so, _ = ragged(nsess)
        ok = e_[so] > s_[so]
        so = so[ok]
        t0 = s_[so] + (rng.random(len(so)) * (np.minimum(e_[so], T_END) - s_[so])).astype(np.int64)
        ro, t = session_times(rng, t0, rng.integers(5, 16, len(so)), 10.0, 3.0)
        a = allacc[so[ro]]
        ip = W.resolve_ip(allacc[so], pick_rows(rng, chan[so]), t0)[ro]
        u = rng.random(len(t))
        j = rng.integers(0, 8, len(t))
        pk, ps = W.root(NS_PAY, j)
        fk, fs = W.family_requests(pk, ps, 0.55, 1, 4)
        uk, us = W.unique_prompts(len(t))
        bk, bs = W.public(len(t))
        fpk = np.where(u < 0.55, fk, np.where(u < 0.9, uk, bk))
        sh = np.where(u < 0.55, fs, np.where(u < 0.9, us, bs))
        W.emit(a, t, ip, fpk, sh, np.where(rng.random(len(t)) < 0.6, M4, MINI))
    old = allacc[W.created[allacc] < 0]
    W.human(old, lognorm_counts(rng, len(old), 8, 1.0), chan=chan_row(home=0.8, mob=0.2))


def trap_hpc_centre(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(20, round(0.0012 * N))
    inst_dom = np.array(
        [
            "uppvik.se",
            "lundgren-univ.se",
            "norrsund.se",
            "chalmvik.se",
            "umevik.se",
            "linsala.se",
            "orebro-tekn.se",
            "karlberg-inst.se",
        ],
        dtype=object,
    )
    inst_ip = W.ips(SUNET, len(inst_dom))
    W.hpc_inst_ip, W.hpc_inst_dom = inst_ip, inst_dom
    nat = W.ips(SUNET, 4)
    gsz = split_sizes(rng, n, 2, 6)
    go, _ = ragged(gsz)
    G = len(gsz)
    ginst = rng.integers(0, len(inst_dom), G)
    gc = np.where(rng.random(G) < 0.9, CI["SE"], rng.choice([CI["DE"], CI["NL"]], G))
    acc = W.alloc(
        n, "trap_hpc_centre", "benign_group", -rng.integers(30 * DAY, 1200 * DAY, n), gc[go], domain=inst_dom[ginst][go]
    )
    gcard = W.new_cards(G)
    W.attach(acc, gcard[go], W.created[acc] + DAY)
    W.own_cards(acc[rng.random(n) < 0.15], 1.0, 0.0)
    W.office1[acc] = inst_ip[ginst][go]
    solo_homes(W, acc)
    W.human(
        acc,
        lognorm_counts(rng, n, 12, 0.9),
        profile=WORK,
        weekend=0.2,
        chan=chan_row(office=0.7, home=0.3),
        mix=[0.6, 0.15, 0.25, 0, 0],
    )
    # batch jobs: after every Tuesday maintenance (08-12 UTC) the queued backlog starts within ~2 minutes
    uses_eval = rng.random(G) < 0.3
    jobs_a, jobs_t = [], []
    for wk in range(7):
        rel = (wk * 7 + 1) * DAY + 12 * HOUR + int(rng.integers(10, 100))
        q = rng.random(n) < 0.6
        jobs_a.append(np.nonzero(q)[0])
        jobs_t.append(rel + rng.integers(0, 121, q.sum()))
    extra = rng.poisson(7, n)
    o, _ = ragged(extra)
    tt = rng.integers(0, T_END, len(o))
    maint = (tt % (7 * DAY) >= DAY + 8 * HOUR) & (tt % (7 * DAY) < DAY + 12 * HOUR)
    jobs_a.append(o[~maint])
    jobs_t.append(tt[~maint])
    ja, jt = np.concatenate(jobs_a), np.concatenate(jobs_t)
    J = len(ja)
    size = rng.integers(40, 201, J)
    jo, jp = ragged(size)
    t = jt[jo] + jp * rng.integers(3, 10, J)[jo] + rng.integers(0, 3, len(jo))
    a = acc[ja[jo]]
    g = go[ja[jo]]
    ev = uses_eval[g] & (rng.random(J) < 0.5)[jo]
    hk, hs = W.root(NS_HPC, g)
    ek, es = W.root(NS_EVALKIT, rng.integers(0, 3, J)[jo])
    fpk, sh = W.family_requests(np.where(ev, ek, hk), np.where(ev, es, hs), 0.15, 1, 3)
    ip = nat[rng.integers(0, 4, J)][jo]
    new = (jt >= REL + rng.integers(20 * HOUR, 60 * HOUR, J)) & (rng.random(J) < 0.4)
    model = np.where(new[jo], M5, np.where(rng.random(J) < 0.6, M4, CODE)[jo])
    W.emit(a, t, ip, fpk, sh, model)


def trap_relief_ngo(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(40, round(0.0025 * N))
    landfall = 16 * DAY + 3 * HOUR
    staff = rng.random(n) < 0.25
    field = rng.random(n) < 0.35
    created = np.where(
        staff,
        W.old_created(n, 250),
        landfall + 3 * HOUR + np.minimum(rng.lognormal(np.log(20 * HOUR), 0.9, n), 8 * DAY).astype(np.int64),
    )
    ctry = np.where(field, CI["MZ"], rng.choice(len(CTRY), n, p=CW))
    acc = W.alloc(n, "trap_relief_ngo", "benign_group", created, ctry)
    W.domain[acc[staff]] = "tidewater-relief.org"
    solo_homes(W, acc)
    sponsor, ngo_card = W.new_cards(2)
    sp = rng.random(n) < 0.65
    W.attach(acc[sp], sponsor, np.maximum(W.created[acc[sp]], landfall) + rng.integers(60, 3 * HOUR, sp.sum()))
    W.attach(acc[staff], ngo_card, W.created[acc[staff]] + DAY)
    W.own_cards(acc[~sp & ~staff], 0.6, 0.0)
    # deployment: 8-hour shifts round the clock (field teams on Starlink terminals)
    shift = rng.integers(0, 3, n)
    s0 = np.maximum(W.created[acc], landfall + 3 * HOUR)
    e0 = np.minimum(landfall + rng.integers(10 * DAY, 25 * DAY, n), T_END)
    d = np.arange(16, NDAYS)
    st = d[None, :] * DAY + shift[:, None] * 8 * HOUR
    work = (st >= s0[:, None] - 8 * HOUR) & (st < e0[:, None]) & (rng.random((n, len(d))) < 0.8)
    ai, di = np.nonzero(work)
    nr = rng.poisson(10, len(ai))
    o, _ = ragged(nr)
    t = st[ai, di][o] + rng.integers(0, 8 * HOUR, len(o))
    a = acc[ai[o]]
    chan = np.where(field[ai[o]][:, None], chan_row(sat=0.9, mob=0.1), chan_row(home=0.9, mob=0.1))
    ip = W.resolve_ip(a, pick_rows(rng, chan), t)
    u = rng.random(len(t))
    rk, rs = W.root(NS_RELIEF, rng.integers(0, 6, len(t)))
    fk, fs = W.family_requests(rk, rs, 0.25, 1, 3)
    sk, ss = W.root(NS_SITREP, 0)
    gk, gs = W.family_requests(np.full(len(t), sk), np.full(len(t), ss), 0.2, 1, 3)
    uk, us = W.unique_prompts(len(t))
    fpk = np.where(u < 0.55, fk, np.where(u < 0.75, gk, uk))
    sh = np.where(u < 0.55, fs, np.where(u < 0.75, gs, us))
    W.emit(a, t, ip, fpk, sh, np.where(rng.random(len(t)) < 0.75, MINI, M4))
    W.human(acc[staff], lognorm_counts(rng, staff.sum(), 10, 0.9), profile=WORK, weekend=0.3)
    # content filters suspend a few volunteers (graphic injury descriptions); one misused the sponsor credit
    u = rng.random(n)
    te = s0 + (rng.random(n) * np.maximum(e0 - s0, HOUR)).astype(np.int64)
    W.enforce(acc[u < 0.08], te[u < 0.08], SUSPENDED)
    W.enforce(acc[(u >= 0.08) & (u < 0.10)], te[(u >= 0.08) & (u < 0.10)], BANNED)


def trap_split_plan(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(30, round(0.003 * N))
    gsz = split_sizes(rng, n, 2, 4)
    go, _ = ragged(gsz)
    G = len(gsz)
    gc = rng.choice(len(CTRY), G, p=CW)
    ctry = np.where(rng.random(n) < 0.85, gc[go], rng.choice(len(CTRY), n, p=CW))
    acc = W.alloc(n, "trap_split_plan", "benign_group", W.old_created(n, 300), ctry)
    solo_homes(W, acc)
    card = W.new_cards(G)
    join = np.maximum(W.created[acc], -rng.integers(0, 200 * DAY, n))
    W.attach(acc, card[go], join)
    nreq = lognorm_counts(rng, n, 12, 1.0)
    W.human(acc, nreq, chan=chan_row(home=0.7, mob=0.3))
    # the payer's custom system prompt, copied (and edited) by the friends
    k = (nreq * 0.25).astype(np.int64)
    o, _ = ragged(k)
    a = acc[o]
    start = np.maximum(W.created[a], 0)
    t = diurnal(rng, start, np.full(len(a), T_END), W.tz[a], HUMAN)
    ip = W.resolve_ip(a, np.full(len(a), HOME), t)
    rk, rs = W.root(NS_SPLIT, go[o])
    v = np.where(rng.random(len(a)) < 0.4, 0, 1 + (o % n) * 2 + rng.integers(0, 2, len(a)))
    fpk, sh = W.variant(rk, rs, v, 1, 3)
    W.emit(a, t, ip, fpk, sh, np.where(rng.random(len(a)) < 0.6, M4, MINI))
    # a policy ban of one friend in some groups: the others stay tied to a banned account by the card
    hit = np.nonzero(rng.random(G) < 0.2)[0]
    moff = np.cumsum(gsz) - gsz
    who = acc[moff[hit] + rng.integers(0, gsz[hit])]
    tb = np.maximum(W.created[who], 0) + rng.integers(DAY, 40 * DAY, len(who))
    W.enforce_mix(who, np.minimum(tb, T_END - HOUR), 0.7)


def trap_doc_review(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(30, round(0.002 * N))
    sizes = split_sizes(rng, n, 30, 70)
    tz = -4.0  # New York, summer
    rk, rs = W.root(NS_DOC, np.arange(3))  # the review platform's coding templates, the same in every project
    for m in sizes.tolist():
        n1 = round(m * 0.6)
        p1 = int(rng.integers(1, 10))
        p1_end = (p1 + int(rng.integers(15, 20))) * DAY + int((18 - tz) * HOUR)
        b1 = p1 * DAY + int((9 - tz) * HOUR)
        b2 = p1_end - int((18 - tz) * HOUR) + int(rng.integers(3, 5)) * DAY + int((9 - tz) * HOUR)
        created = np.r_[b1 + np.sort(rng.integers(0, 2 * HOUR, n1)), b2 + np.sort(rng.integers(0, 2 * HOUR, m - n1))]
        acc = W.alloc(m, "trap_doc_review", "benign_group", created, CI["US"], tz=tz)
        W.domain[acc] = np.where(rng.random(m) < 0.6, "lexstaff-talent.com", W.domain[acc])
        vdi = W.ips(8075, 3)
        matter = W.new_cards(1)[0]
        W.attach(acc, matter, W.created[acc] + rng.integers(60, 3600, m))
        phase2 = np.arange(m) >= n1
        end_work = np.where(phase2, T_END, p1_end)
        sus = ~phase2 & (rng.random(m) < 0.75)
        W.enforce(acc[sus], p1_end + rng.integers(0, DAY, sus.sum()), SUSPENDED)
        lead = ~phase2 & ~sus & (rng.random(m) < 0.5)  # QC leads carry on into phase 2
        end_work[lead] = T_END
        d = np.arange(NDAYS)
        st = d * DAY + int((8.5 - tz) * HOUR)
        work = (
            ((d % 7) < 6)[None, :]
            & (st[None, :] >= W.created[acc][:, None])
            & (st[None, :] < end_work[:, None])
            & (rng.random((m, NDAYS)) < 0.9)
        )
        ai, di = np.nonzero(work)
        nr = rng.poisson(20, len(ai))
        o, _ = ragged(nr)
        t = st[di][o] + rng.integers(0, 9 * HOUR, len(o))
        a = acc[ai[o]]
        u = rng.random(len(t))
        j = np.where(u < 0.6, 0, np.where(u < 0.85, 1, 2))
        fpk, sh = W.family_requests(rk[j], rs[j], 0.2, 1, 3)
        model = np.where((t >= REL + 3 * DAY) & phase2[ai[o]], M5, M4)
        W.emit(a, t, vdi[rng.integers(0, 3, len(t))], fpk, sh, model)


def trap_diary_study(W: World) -> None:
    rng, N = W.rng, W.n
    n = max(60, round(0.004 * N))
    cc = rng.choice([CI["US"], CI["GB"], CI["DE"], CI["IN"]], n, p=[0.6, 0.2, 0.1, 0.1])
    new = rng.random(n) < 0.6
    created = np.where(
        new,
        26 * DAY + 15 * HOUR + np.minimum(rng.lognormal(np.log(8 * HOUR), 1.0, n), 60 * HOUR).astype(np.int64),
        W.old_created(n),
    )
    acc = W.alloc(n, "trap_diary_study", "benign_group", created, cc)
    solo_homes(W, acc, p_dhcp=0.25)
    W.own_cards(acc, 0.7, 0.0)
    W.human(acc, lognorm_counts(rng, n, 8, 1.0), chan=chan_row(home=0.7, mob=0.3))
    # the study app's push notification at 20:00 local, days 28-41
    d = np.arange(28, 42)
    off = np.round(W.tz[acc] * HOUR).astype(np.int64)
    push = d[None, :] * DAY + 20 * HOUR - off[:, None]
    resp = (rng.random((n, len(d))) < 0.8) & (push > W.created[acc][:, None])
    ai, di = np.nonzero(resp)
    t0 = push[ai, di] + np.minimum(rng.lognormal(np.log(4 * MIN), 0.8, len(ai)), 90 * MIN).astype(np.int64)
    ro, t = session_times(rng, t0, rng.integers(1, 4, len(ai)), 40.0, 20.0)
    a = acc[ai[ro]]
    ip = W.resolve_ip(a, np.where(rng.random(len(ai)) < 0.6, MOB, HOME)[ro], t)
    rk, rs = W.root(NS_DIARY, d[di][ro])
    fpk, sh = W.family_requests(rk, rs, 0.35, 2, 5)
    W.emit(a, t, ip, fpk, sh, np.where(rng.random(len(t)) < 0.5, M4, MINI))
    u = rng.random(n)
    W.enforce(acc[u < 0.02], rng.integers(30 * DAY, T_END, (u < 0.02).sum()), SUSPENDED)


def trap_franchise(W: World) -> None:
    rng, N = W.rng, W.n
    k = max(12, round(N / 1000))
    per = rng.choice([1, 2, 3], k, p=[0.35, 0.4, 0.25])
    oo, op = ragged(per)
    n = len(oo)
    wave = np.array([-120, -60, -20]) * DAY + 14 * HOUR
    ow = rng.integers(0, 3, k)
    created = np.where(
        rng.random(n) < 0.8, wave[ow][oo] + rng.integers(0, 2 * DAY, n), -rng.integers(DAY, 400 * DAY, n)
    )
    acc = W.alloc(n, "trap_franchise", "benign_group", created, CI["US"], domain="keystonehomes.com")
    otz = rng.choice([-5.0, -6.0, -7.0, -8.0], k, p=[0.45, 0.3, 0.1, 0.15])
    W.tz[acc] = otz[oo]
    oip = W.ips(rng.choice(np.array([7922, 7018, 174, 3356]), k), k)
    W.office1[acc] = oip[oo]
    solo_homes(W, acc)
    card = W.new_cards(k)
    W.attach(acc, card[oo], W.created[acc] + rng.integers(HOUR, 2 * DAY, n))
    W.company[acc] = 10**6 + 7  # the franchise's shared marketing template family
    W.human(acc, lognorm_counts(rng, n, 14, 0.9), profile=WORK, weekend=0.4, chan=chan_row(office=0.75, home=0.15, mob=0.1),
            mix=[0.5, 0.2, 0.15, 0.0, 0.15])  # fmt: skip
    # HQ's listing tool: scheduled refresh every Monday 06:00 local on the office's main PC
    main = acc[op == 0]
    mondays = np.arange(0, NDAYS, 7)
    drift = rng.integers(0, 91, k)
    run = rng.random((k, len(mondays))) < 0.9
    oi, wi = np.nonzero(run)
    t0 = (
        mondays[wi] * DAY
        + 6 * HOUR
        - np.round(otz[oi] * HOUR).astype(np.int64)
        + drift[oi]
        + rng.integers(0, 31, len(oi))
    )
    ro, t = session_times(rng, t0, rng.integers(5, 21, len(oi)), 6.0, 6.0)
    a = main[oi][ro]
    rk, rs = W.root(NS_FRAN, 0)
    fpk, sh = W.family_requests(np.full(len(t), rk), np.full(len(t), rs), 0.1, 1, 4)
    hq = 25 * DAY + 18 * HOUR
    W.emit(a, t, oip[oi][ro], fpk, sh, np.where(t >= hq, M5, M4))
    bad = rng.random(n) < 0.01  # a franchisee's card fails
    W.enforce(acc[bad], rng.integers(10 * DAY, T_END, bad.sum()), SUSPENDED)


# ----------------------------------------------------------------------------------------- organic population


def organic(W: World) -> None:
    rng = W.rng
    n_org = W.n - W.next
    shares = {"mobile": 0.13, "office": 0.12, "vpn": 0.04, "proxy": 0.03, "cloud": 0.04, "cron": 0.02,
              "satellite": 0.008, "student": 0.015, "static": 0.003, "academic": 0.003}  # fmt: skip
    cnt = {k: round(n_org * v) for k, v in shares.items()}
    cnt["household"] = n_org - sum(cnt.values())
    agent_user = lambda k: rng.random(k) < 0.1  # noqa: E731

    def mixes(k: int, personal=0.15, comp=0.0) -> np.ndarray:
        ag = agent_user(k)
        m = np.tile([0.5, 0.25, personal, 0.0, comp], (k, 1))
        m[ag, P_AGENT] = 0.3
        return m

    def activity(k: int, median=7.0) -> np.ndarray:
        return lognorm_counts(rng, k, median, 1.1, 500) * (rng.random(k) > 0.08)

    # households (people sharing a home IP, and often a card)
    total = cnt["household"]
    hs = rng.choice([1, 2, 3, 4, 5], int(total / 1.5) + 10, p=[0.55, 0.22, 0.12, 0.07, 0.04])
    cs = np.cumsum(hs)
    nh = int(np.searchsorted(cs, total)) + 1
    hs = hs[:nh]
    hs[-1] -= cs[nh - 1] - total
    hs = hs[hs > 0]
    ho, _ = ragged(hs)
    hc = rng.choice(len(CTRY), len(hs), p=CW)
    acc = W.alloc(total, "organic", "organic", W.mixed_created(total), hc[ho], segment="organic_household")
    homes = W.new_homes(hc)
    W.home[acc] = homes[ho]
    fam = (hs >= 2) & (rng.random(len(hs)) < 0.05)
    W.domain[acc[fam[ho]]] = W.custom_domain(len(hs))[ho][fam[ho]]
    shared = (hs >= 2) & (rng.random(len(hs)) < 0.45)
    fcard = W.new_cards(len(hs))
    sh_m = shared[ho] & (rng.random(total) < 0.85)
    W.attach(
        acc[sh_m],
        fcard[ho][sh_m],
        np.maximum(W.created[acc[sh_m]], W.created[acc[sh_m]] + rng.integers(0, 30 * DAY, sh_m.sum())),
    )
    W.own_cards(acc[~sh_m], 0.8)
    chan = np.tile(chan_row(home=1.0), (total, 1))
    mob = rng.random(total) < 0.3
    chan[mob, MOB] = rng.uniform(0.1, 0.5, mob.sum())
    v = rng.random(total) < 0.08
    chan[v, VPN] = rng.uniform(0.2, 0.5, v.sum())
    W.human(acc, activity(total), chan=chan, mix=mixes(total))

    def simple(
        seg: str, k: int, chan, profile=HUMAN, weekend=1.0, median=7.0, ctry=None, mp=None, mix=None, p_card=0.8
    ):
        c = rng.choice(len(CTRY), k, p=CW) if ctry is None else ctry
        a = W.alloc(k, "organic", "organic", W.mixed_created(k), c, segment=f"organic_{seg}")
        solo_homes(W, a)
        W.own_cards(a, p_card)
        return a, (
            lambda: W.human(
                a,
                activity(k, median),
                profile=profile,
                weekend=weekend,
                chan=chan,
                mp=mp,
                mix=mixes(k) if mix is None else mix,
            )
        )

    a, go = simple("mobile", cnt["mobile"], chan_row(mob=1.0), median=6, p_card=0.65)
    go()
    a, go = simple("vpn", cnt["vpn"], chan_row(home=0.35, vpn=0.65), median=9)
    go()
    a, go = simple("proxy_customer", cnt["proxy"], chan_row(home=0.15, proxy=0.85), profile=FLAT, median=12, p_card=0.6)
    go()
    a, go = simple(
        "cloud_dev",
        cnt["cloud"],
        chan_row(home=0.35, cloud=0.65),
        profile=WORK,
        weekend=0.4,
        median=15,
        mp=[0.35, 0.15, 0.5],
    )
    cloud_ips(W, a)
    go()
    k = cnt["cron"]
    a, go = simple("cron", k, chan_row(home=1.0), median=6)
    fc = rng.random(k) < 0.6
    cloud_ips(W, a[fc], 0.0)
    W.cron(a, fc)
    half = rng.random(k) < 0.5
    W.human(a[half], activity(half.sum(), 8))
    sat_c = rng.choice(
        [CI[c] for c in ("US", "CA", "AU", "BR", "MZ", "KE", "NG", "PH", "MX")],
        cnt["satellite"],
        p=_p([30, 10, 15, 12, 8, 8, 7, 5, 5]),
    )
    a, go = simple("satellite", cnt["satellite"], chan_row(sat=0.9, mob=0.1), ctry=sat_c)
    go()
    a, go = simple(
        "student",
        cnt["student"],
        chan_row(campus=0.55, home=0.4, mob=0.05),
        profile=STUDY,
        ctry=np.full(cnt["student"], CI["GB"]),
        p_card=0.5,
    )
    W.domain[a] = UNI
    go()
    k = cnt["static"]
    a, go = simple("static_proxy", k, chan_row(static=0.85, home=0.15), profile=WORK, median=20)
    rest = W.ironleaf[W.iron_op_n :]
    W.static1[a] = np.where(
        rng.random(k) < 0.1, W.ironleaf[rng.integers(0, max(W.iron_op_n, 1), k)], rest[rng.integers(0, len(rest), k)]
    )
    two = rng.random(k) < 0.4
    W.static2[a[two]] = rest[rng.integers(0, len(rest), two.sum())]
    go()
    k = cnt["academic"]
    if len(W.hpc_inst_ip):
        inst = rng.integers(0, len(W.hpc_inst_ip), k)
        a, go = simple(
            "academic", k, chan_row(office=0.7, home=0.3), profile=WORK, weekend=0.2, ctry=np.full(k, CI["SE"])
        )
        W.domain[a] = W.hpc_inst_dom[inst]
        W.office1[a] = W.hpc_inst_ip[inst]
        go()
    # companies: colleagues behind an office NAT, own domain, often a company card and template family
    total = cnt["office"]
    cs_ = np.minimum(np.maximum(np.round(rng.lognormal(np.log(6), 0.9, total)), 2), 60).astype(np.int64)
    cum = np.cumsum(cs_)
    nc = int(np.searchsorted(cum, total)) + 1
    cs_ = cs_[:nc]
    cs_[-1] -= cum[nc - 1] - total
    cs_ = cs_[cs_ > 0]
    co, _ = ragged(cs_)
    C = len(cs_)
    cctry = rng.choice(len(CTRY), C, p=CW)
    onboard = rng.random(C) < 0.4
    created = W.mixed_created(total)
    bt = W.old_created(C)
    created = np.where(onboard[co], bt[co] + rng.integers(0, 8 * HOUR, total), created)
    a = W.alloc(total, "organic", "organic", created, cctry[co], segment="organic_office")
    W.domain[a] = W.custom_domain(C)[co]
    biz = rng.random(C) < 0.5
    asn = np.where(biz, rng.choice(BUSINESS_ASN, C), np.array([CTRY[c][3][0] for c in cctry]))
    o1 = W.ips(asn, C)
    two = rng.random(C) < 0.3
    o2 = np.full(C, -1, dtype=np.int64)
    o2[two] = W.ips(asn[two], two.sum())
    W.office1[a], W.office2[a] = o1[co], o2[co]
    W.company[a] = co
    solo_homes(W, a)
    ccard = rng.random(C) < 0.4
    cid = W.new_cards(C)
    use = ccard[co]
    W.attach(a[use], cid[co][use], W.created[a[use]] + rng.integers(60, DAY, use.sum()))
    W.own_cards(a[~use], 0.5)
    W.human(
        a,
        activity(total, 9),
        profile=WORK,
        weekend=0.15,
        chan=chan_row(office=0.7, home=0.25, mob=0.05),
        mix=mixes(total, 0.13, 0.12),
    )
    # ordinary enforcement (abuse unrelated to any operation)
    org = np.nonzero((W.kind == "organic") & (W.status == ACTIVE))[0]
    u = rng.random(len(org))
    tb = np.maximum(W.created[org], 0) + DAY + (rng.random(len(org)) * T_END).astype(np.int64)
    sel = (u < 0.0055) & (tb < T_END)
    W.enforce(org[sel], tb[sel], np.where(u[sel] < 0.0035, BANNED, SUSPENDED))


# ----------------------------------------------------------------------------------------- main


def build(n_accounts: int, seed: int, out: Path) -> dict:
    if n_accounts < 5000:
        raise SystemExit("--accounts must be at least 5000")
    W = World(n_accounts, seed)
    W.setup()
    op_shellco(W)
    op_orchard(W)
    op_leakedkeys(W)
    op_mule(W)
    trap_bugbounty(W)
    trap_hpc_centre(W)
    trap_relief_ngo(W)
    trap_split_plan(W)
    trap_doc_review(W)
    trap_diary_study(W)
    trap_franchise(W)
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
