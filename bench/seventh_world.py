# ruff: noqa
"""Seventh synthetic world: evasive distillation operations among innocent look-alikes.

Usage::

    python bench/seventh_world.py OUT_DIR --accounts N --seed S

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` and
``requests`` as Parquet (contract version 2, with ``status``, ``simhash`` and
``prompt_simhash``) plus ``truth.csv`` (``account_id,group,kind,status,replacement``).
The world is written independently of the detector; it only follows the data contract
and the threat description of issue 11.

DETERMINISM. A single ``numpy.random.Generator(seed)`` makes every random choice, in a
fixed order. The same ``N`` and seed give byte-identical files.

IDENTIFIERS are letters only: ``acct_`` + 14 lowercase letters, ``pm_`` + 14 letters
(payment tokens), ``fp_`` + 14 letters (prompt fingerprints). Nothing looks like a card
number. IPs are dotted IPv4 (about 8% of home connections are IPv6 text).

=====================================================================================
SIZES (n = share of N, with floors; organic takes the rest so that the total is N)
=====================================================================================
  group                  kind          size                          at N=20k / 200k
  fraud_marketplace      fraud         max(120, 0.8%)                160 / 1600
  fraud_trialfarm        fraud         max(150, 1.0%)                200 / 2000
  fraud_hydra            fraud         max(70, 0.35%) initial + replacement cells (~2x)
  fraud_camo             fraud         max(100, 0.5%) + 6% replacements
  benign_ide_plugin      benign_group  max(150, 1.0%)                200 / 2000
  benign_hackathon       benign_group  clip(0.15%, 200, 400)         200 / 300
  benign_household_ban   benign_group  max(60, 0.3%) (+ late joiners, whole households)
  benign_viral           benign_group  max(150, 1.0%)                200 / 2000
  benign_school_lab      benign_group  max(60, 0.3%)                 60 / 600
  benign_enterprise      benign_group  clip(0.1%, 80, 400)           80 / 200
  benign_university      benign_group  max(150, 0.75%)               150 / 1500
  benign_research_lab    benign_group  max(15, 0.05%)                15 / 100
  org_*                  organic       the rest (~92-93%), split as listed below
N must be at least ~10,000 for the floors. Fraud is ~3.0-3.3% of N, benign groups ~3.7-4.8%.

=====================================================================================
CLOCK
=====================================================================================
* Window: 42 days, 2026-03-02T00:00:00Z (a Monday, "day 0") to 2026-04-13T00:00:00Z.
  Every request lies inside the window; ``created_at`` may lie before it.
* Models: ``atlas-2`` (large), ``atlas-2-mini`` (small) exist all along; the new model
  ``atlas-3`` is released on day 21 at 17:00 UTC (R = 2026-03-23T17:00Z). No request
  uses ``atlas-3`` before R.
* Ordinary adoption of ``atlas-3``: 4% of ordinary people switch 0.2-24 h after R
  (early adopters), 36% after R + Exp(mean 6 days), 60% never in the window; after
  their switch 40-100% of their requests use it.
* Daily rhythm: ordinary people follow a "personal" local-hour curve (evening peak);
  workers a "work" curve (09-18 local, weekends at 15%). Local time = UTC + the
  account's time zone (per country; US accounts spread over -5/-6/-7/-8).

=====================================================================================
TEMPLATES AND SIMHASH
=====================================================================================
* A fingerprint (``fp_...``) is one exact normalised template with a 64-bit SimHash,
  written as 16 lowercase hex digits. A template family has a random 64-bit base;
  each paraphrase flips 1-6 random bits of the base (so two paraphrases of one family
  are <= 12 bits apart); unrelated bases differ in ~32 bits.
* Public catalogue: 600 popular public templates (agent frameworks, "summarise this",
  ...) with Zipf(1.05) popularity; the top 40 also have 8 paraphrase variants each
  (20% of their weight). Ordinary people draw Beta(2,6) (~25%) of requests from it.
* Personal templates: each active ordinary account owns 1 + Poisson(4) private
  templates (at most half its request count, cap 20); 30% of them also get 1-3
  personal paraphrases (a person's own family). Personal picks are skewed to the first.
* 12 public cron-tool templates (exact) are shared by 30% of cron jobs.

=====================================================================================
SHARED INFRASTRUCTURE (IPs, ASNs)
=====================================================================================
* 20 countries with residential ISPs (real-looking ASNs, several /16 each). Each home
  (household, dorm) has one residential IP; 15% of households get a second IP at a
  random moment (DHCP re-lease).
* Mobile carriers (US 21928, IN 55836, GB 12576, DE 9145, BR 26615, JP 9605,
  ID 23693) use carrier-grade NAT: each carrier has regions (US 8, others 4), each with
  a pool of max(12, N/2000) public addresses. A mobile session takes a random address
  of the user's home region pool, so each address serves hundreds to thousands of
  people. Countries without a listed carrier have no mobile traffic.
* Residential proxy service ("resiproxy"): a pool of max(300, N/100) residential IPs
  (ISP ASNs, 40% US). Customers' sessions take a random pool IP. Fraud rents it too.
* Commercial VPN: max(40, N/2000) datacenter exits (ASN 9009 60%, 60068 40%), Zipf
  popularity; thousands of ordinary users.
* Second reseller ("reseller B"): max(24, N/5000) datacenter IPs in ASN 49981, used by
  ordinary customers (org_reseller) and by one fraud pathway.
* Cloud: AWS 16509 34%, GCP 15169 19%, Azure 8075 14%, DO 14061 10%, Hetzner 24940
  10%, OVH 16276 5%, Linode 63949 3%, and the small hosting ASNs 57523 / 211252 / 44477
  2% / 2% / 1%. Cloud IPs are allocated per owner (not shared by strangers).
* The hydra's private IPs come from the same three small hosting ASNs (which ordinary
  cloud users, cron users and camo's cloud pathway also use).

=====================================================================================
ORGANIC POPULATION (kind=organic), everything not listed below (~92-93% of N)
=====================================================================================
Shares are of the organic total O. Unless said otherwise an account is created in the
720 days before the window (75%, density skewed to recent) or uniformly during it (25%)
and starts at max(created, window start); 12% of household, mobile, small-company and
dorm accounts are dormant (no requests). Request counts per account are lognormal with
sigma 1.1 and median 14 (household), 10 (mobile), 25 (resiproxy), 16 (vpn, smallco),
20 (reseller), 35 (cloud), 12 (dorm), whatever the account's lifetime (new accounts are
bursty); sessions of ~3 requests 80 s apart on average. 0.5% of organic accounts are
enforced at random
(70% ``banned``, 30% ``suspended``) at a uniform moment in the window; they stop there.
Email: gmail 50%, outlook 11%, hotmail 7%, yahoo 7%, icloud 7%, proton 2%, aol 1%,
12% country domains (gmx.de, naver.com, ...), 3% a personal custom domain.
* org_household (~57%): households of 1 (60%), 2 (20%), 3 (10%), 4 (6%), 5-6 (4%)
  people sharing one country and one home IP. 50% of people have a card; in 40% of
  households with >= 2 carded members, every carded member also adds the first one's
  card (a shared household card). Session IP weights: home 1; 30% of people also mobile
  U(0.1, 0.5), 10% also VPN U(0.2, 0.6).
* org_mobile (11%): carrier countries only; all sessions through their region's CGNAT
  pool (a new address each session); 35% carded; sessions of ~2 requests.
* org_resiproxy (3%): own home IP plus 60-100% of sessions through the resiproxy pool
  (random pool IP per session); 60% carded; flat (round-the-clock) hours.
* org_vpn (4.5%): home IP plus 50-100% of sessions through VPN exits (Zipf-popular
  exit per session); 50% carded.
* org_cloud (5%): 1 own cloud IP (40%: 2) for 70% of sessions + home IP; work hours
  (weekends 40%); sessions of ~6 requests 30 s apart; 80% carded; 8% early adopters.
* org_cron (3%): 1-2 cron jobs each, firing hourly (15%), every 6 h (25%) or daily (60%)
  exactly at minute :00 (second 0-4, follow-up requests 2-15 s later, 1-2 requests a
  firing, 3% misfires), for 3-12 days (hourly) or 7-42 days (others); 60% run from an own
  cloud IP, 40% from home; 30% use a public cron-tool template (exact), others their own
  template (20% with 2-4 templated paraphrases); 10% of jobs switch to atlas-3 on the
  ordinary adoption curve. Half also have ordinary interactive traffic (median 10)
  from home. 70% carded; 15% created in the window.
* org_smallco (11%): companies of 3-40 employees on an own domain, 1-2 office NAT IPs
  (30% have a second one; business lines of a national ISP), 50% of companies with one
  company card for all (elsewhere 40% personal cards); work hours (weekends 15%), 70%
  office / 30% own home sessions; 1-3 exact company templates + 4 paraphrases of 1
  company family (15% of requests); 40% of companies sign all employees up within 8 h
  (before the window), the others' employees join at ordinary times.
* org_dorm (2%): student housing of 8-30 people behind one residential IP (US 60%,
  GB/DE 20% each), 30% carded, 40% also mobile, evening hours, nothing else in common.
* org_reseller (0.5%): own home IP plus 70% of sessions through reseller B.

=====================================================================================
FRAUD OPERATIONS (kind=fraud), ~3% of N in total
=====================================================================================
1. fraud_marketplace: max(120, 0.8% N) AGED accounts bought on an account market.
   * created 90-600 days before the window; ordinary consumer email domains/countries.
   * Before handover (window start to H_i): the original owner's genuine-looking
     traffic: 60% of them active (median 10 requests, own home IP, personal templates,
     ordinary model mix), 40% idle; 70% have an old card (last_seen = H_i).
   * Handover: H_i = day 14 06:00 UTC + U(0, 36 h). Each account gets a fresh card at
     H_i + 5 min..3 h (25% of accounts in pairs sharing one prepaid card); old card ends.
   * After H_i + 2..20 h (setup), the buyer's traffic: synchronized waves every 80-160
     min (random second); in each wave each live account takes part with p = 0.35 and
     sends 1-5 requests within 50 s of the wave start (same minute, mostly). Plus 5-15
     off-wave requests each. Exits: the op rents max(30, n/8) IPs of the resiproxy
     pool (ordinary proxy customers keep using them); each account is pinned to 2 of
     them (85% of its waves, chosen per wave) and to 1 op cloud IP (Hetzner/OVH, 15%)
     that it shares with ~1.5 other accounts (ceil(n/2.5) cloud IPs).
   * Templates: 6 op families; each account uses 3 of them with 3 own paraphrases each
     (9 fingerprints, almost never identical between accounts); 10% of requests are
     public templates as cover.
   * Models: before S = R + U(1, 10) h: atlas-2 80% / mini 20%; after S: atlas-3 95%.
   * 4% suspended on days 30-41 (they stop). replacement = 0.
2. fraud_trialfarm: max(150, 1.0% N) free-trial accounts churned through a 4G modem farm.
   * A steady stream of sign-ups from day -2 to day 40 (uniform), in batches of ~2.5
     accounts created within 15 min; each account lives 2-7 days (uniform); no card.
   * Email: consumer mix of the US; country US 85%, others 15%.
   * Modems: max(8, n/120); each account is pinned to one modem (round robin in sign-up
     order). A modem holds a carrier-A (US, ASN 21928) CGNAT address of ONE region's
     pool and gets a new random address of that pool every 4-20 h. That pool serves
     thousands of ordinary US mobile users.
   * Timing: the farm controller ticks every 25-55 min; each live account (10-60 min
     after sign-up until expiry) takes part with p = 0.22 and sends 1-2 requests within
     40 s of the tick. Low volume per account (~20-60 requests), high in total.
   * Templates: 8 farm families, 3 active at a time, rotating every 10 days (epoch k
     uses families k, k+1, k+2); at sign-up an account gets 2-3 own paraphrases of each
     active family; 8% public cover templates.
   * Models: atlas-2-mini 70% / atlas-2 30%; after R + U(2, 6) h atlas-3 90%.
   * 20% suspended at a random moment of their life; the rest stay ``active``.
3. fraud_hydra: cells banned in waves and replaced.
   * Initial: max(70, 0.35% N) accounts in cells of 6-12, a cell created 5-40 days
     before the window (members within 36 h), each member with a fresh card (30% in
     prepaid pairs/triples inside the cell) and consumer email domains.
   * Each cell has 2-4 private IPs (in the small hosting ASNs; no one else uses them)
     and 3 template families from an op pool. Rotation: on days 7, 14, 21, 28, 35 (12:00 UTC)
     every live cell drops its oldest family and adopts pool family 12 + 2j + (cell % 2),
     so cells share newer families. Each member owns 2-3 paraphrases of each family.
   * Timing: per cell ~5 sessions a day at random times (not diurnal); each live
     member takes part with p = 0.6 and sends 2-6 requests within 150 s (load
     balancing): co-active within a cell, independent across cells.
   * IPs: 60% of a member's sessions through the cell's private IPs, 40% through random
     resiproxy pool IPs (mixed with ordinary customers).
   * Ban waves on day 10 14:00, day 20 09:00, day 31 16:00 UTC: round(40%) of the live
     cells (at least one), chosen at random, are hit; 90% of a hit cell's members are
     enforced within 3 h (85% ``banned``, 15% ``suspended``), 10% escape. 1-5 days later
     a replacement cell (size of the old one +-2, min 4; members created over 30 h;
     setup 1-10 h) appears: fresh cards each, ceil(50%) of the banned cell's private IPs
     plus 1-2 new ones, and the banned cell's current families (new paraphrases).
     Replacement cells can be banned in later waves. Replacement accounts have
     replacement = 1.
   * Models: per cell switch at R + U(2, 20) h to atlas-3 (90%); before atlas-2 85%.
4. fraud_camo: max(100, 0.5% N) accounts hiding among popular templates, staggered.
   * Pathways: 30% commercial VPN (3 favourite exits each), 25% resiproxy (random pool
     IP per request), 20% own cloud IPs (1-2), 25% reseller B pool.
   * Email: 12% on the university's domain (the one of benign_university, but created
     at other times, off campus, no university billing), 8% custom domains, 80% consumer.
   * created: 80% 3-150 days before the window, 20% in days 0-20; activity starts
     0-2 days after max(created, window start).
   * Cards: 60% in prepaid groups of 2-3 accounts, 40% an own card.
   * Timing: op jobs every 25-60 min; each account takes part with p = 0.12 and fires at
     job + its own fixed offset (0-9 min, uniform) + N(0, 12 s); 20% of firings send a
     second request 5-30 s later. Accounts are therefore staggered, rarely in the same
     minute, but keep fixed lags.
   * Templates: 55% popular public templates (top 100 of the catalogue, by popularity),
     45% op: 4 families; each account owns 2 paraphrases per family (used 60%), 40% of
     op requests are fresh one-off paraphrases.
   * Models: switch at R + U(4, 18) h; atlas-3 85% after; atlas-2 before.
   * 6% enforced (``banned``) at days 12-36; each is replaced 2-4 days later by a new
     account (replacement = 1) on the same pathway, IPs and offset, with a fresh card
     and consumer email.

=====================================================================================
INNOCENT LOOK-ALIKES (kind=benign_group)
=====================================================================================
* benign_ide_plugin: max(150, 1% N) scattered ordinary developers (own home IPs, 70%
  cards, 10% mobile, 10% VPN, ordinary domains; 80% created before the window; median
  40 requests; 0.5% enforced at random like organic). 60% of their requests come from
  the plugin: 6 exact plugin system templates shared by all; sessions of ~6 requests
  40 s apart, work hours (weekends 40%). Plugin auto-update: each user's
  plugin requests use atlas-3 from R + U(0.5, 2) h on (100%); before atlas-2 90%/mini.
* benign_hackathon: clip(0.15% N, 200, 400) participants, venue in US-East (UTC-5) on
  days 12-13 (Sat/Sun). 95% of accounts are created between day 11 18:00 and day 12
  18:00 local (75% of all between 08:30 and 11:30), 5% pre-existing. Venue Wi-Fi NAT: 3
  IPs (ASN 7922). 65% attach ONE sponsor promo payment token, 15% own card. Kickoff day
  12 10:00 local: 70% send 1-3 requests within 5 min on the 3 exact starter templates;
  workshop at 14:00 local: 50% send 1-2 starter-family paraphrases within 3 min; hacking
  sessions around the clock until day 13 18:00 local (30-120 requests, 90% venue / 10%
  mobile, 40% starter templates). Afterwards 30% keep going from home at low volume
  (median 8). Emails: 20% on three local universities' domains, ~16% custom domains, the
  rest consumer.
* benign_household_ban: max(60, 0.3% N) people in households of 2-6 (10% dorm rooms of
  up to 8). One member per household is enforced for a policy violation at days 3-38
  (80% banned, 20% suspended). Others share the banned member's home IP; 70% of
  households share one card among all members (others: 50% personal cards). 30% of
  households share 2 exact household templates (10% of their requests). In 25% of
  households a NEW member joins 1-10 days after the ban (home IP, shared card in half
  of them), replacement = 0. Ordinary personal traffic otherwise (median 14).
* benign_viral: max(150, 1% N) ordinary people (as households of 1) who also send a
  trending prompt: trend starts day 28 14:00 UTC; 1-3 sends each at lognormal delay
  (median 3 h, capped 30 h; later sends of one person up to 20 min apart); 85% the exact
  viral prompt, 15% one of 6 paraphrases; 60% of sends use atlas-3. 15% were created
  in the window (before day 27); 0.5% enforced at random like organic.
* benign_school_lab: max(60, 0.3% N) pupils of ceil(n/120) schools (US/GB/DE/FR),
  classes of 20-32. School domain, 2 lab NAT IPs, no cards, atlas-2-mini. A class's
  accounts are all created within a 45-min lesson (weekday, days 0-9, 08:00-14:00
  local). Two 50-min lessons per week at fixed slots; 90% attend; 3-5 "now try this"
  moments per lesson where 80% of those present send 1-2 requests within 2 min, plus
  2-6 scattered requests; each lesson has a homework family: the teacher's exact prompt
  (50%) or a fresh paraphrase. 25% of pupils also work from home in the evening (5-20
  requests, own home IP). 1% of pupils suspended. Models atlas-2-mini 90%.
* benign_enterprise: clip(0.1% N, 80, 400) accounts of one company (own domain, US 60%
  or DE 40%), provisioned by SSO on day 1 between 09:00 and 09:10 local (95%; 5% new hires
  later), ONE corporate card on every account. 4 office NAT IPs + 2 corporate VPN
  egress IPs (ASN 22616) + 30% with a home IP. Employees: work hours, 5 exact company
  templates + 3 company families (30% of requests), atlas-3 rollout at R + U(1, 3) days.
  CI fleet: max(6, 10%) of the accounts are service accounts firing 1-3 requests at
  :00:00-:00:10 EVERY hour from 2 AWS runner IPs with 4 exact CI templates; the CI
  config moves to atlas-3 at R + U(2, 4) h (one moment for the fleet).
* benign_university: max(150, 0.75% N) students on the university's domain; 90% created
  on days 2-4 between 09:00 and 17:00 local (UTC-6) in one-hour onboarding slots
  (ceil(n/60) slots, students assigned at random, ~60 each), 10% earlier. 75% attached
  to one university billing token. Campus NAT 6 IPs (ASN 19401) 45%, own home 40%,
  mobile 15%. 6 courses x 2 families; each student in 1 (60%) or 2 courses owns 2
  paraphrases per course family, plus the exact canonical prompts (35% of requests;
  median 12 requests). Weekly 110-min lab per course from day 5: 60% of its students
  send 2-5 requests in it, from campus, canonical prompt 40% / fresh paraphrase 60%.
  Models mostly atlas-2-mini.
* benign_research_lab: max(15, 0.05% N) accounts of one lab (GB, US or DE; 90%
  created in the 200 days before the window, 10% in days 0-30): own domain, one lab card,
  2 lab NAT IPs + 4 GPU-cluster IPs (GCP). Eval harness runs twice a day at random times:
  60% of accounts each send 15-50 requests over 10-30 min from a cluster IP, all from
  ONE eval family of 40 shared paraphrases; runs use atlas-3 70% from R + U(3, 6) h.
  10% of them also chat normally from the lab NAT.

truth.csv lists every account once: group (names above, organic groups ``org_*``),
kind, status (as in accounts) and replacement (1 only for hydra replacement-cell
members and camo replacements).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime, timezone

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

DAY = 86400
HOUR = 3600
MINUTE = 60
T0 = int(datetime(2026, 3, 2, tzinfo=timezone.utc).timestamp())
NDAYS = 42
T_END = T0 + NDAYS * DAY
RELEASE = T0 + 21 * DAY + 17 * HOUR
INF = 1e18

MODELS = ["atlas-2", "atlas-2-mini", "atlas-3"]
M_LARGE, M_MINI, M_NEW = 0, 1, 2
STATUS = ["active", "banned", "suspended"]

# IP components for ordinary traffic
C_HOME, C_MOB, C_VPN, C_RESI, C_CLOUD, C_OFFICE, C_RESELL = range(7)
NCOMP = 7

COUNTRIES = [
    # code, weight, tz options, tz weights, ISP ASNs, mobile carrier ASN, local mail domains
    ("US", 0.30, [-5, -6, -7, -8], [0.47, 0.29, 0.07, 0.17], [7922, 701, 7018, 20115], 21928, []),
    ("IN", 0.11, [5.5], [1.0], [9829, 24560, 17488], 55836, ["rediffmail.com"]),
    ("GB", 0.06, [0], [1.0], [2856, 5089, 5607], 12576, ["btinternet.com"]),
    ("DE", 0.06, [1], [1.0], [3320, 3209, 6805], 9145, ["gmx.de", "web.de", "t-online.de"]),
    ("BR", 0.06, [-3], [1.0], [28573, 18881, 27699], 26615, ["uol.com.br", "bol.com.br"]),
    ("FR", 0.04, [1], [1.0], [3215, 12322, 5410], None, ["orange.fr", "free.fr"]),
    ("JP", 0.04, [9], [1.0], [4713, 2516, 17676], 9605, ["yahoo.co.jp", "docomo.ne.jp"]),
    ("KR", 0.03, [9], [1.0], [4766, 9318, 3786], None, ["naver.com", "daum.net"]),
    ("CA", 0.04, [-5, -8], [0.7, 0.3], [812, 577], None, []),
    ("AU", 0.03, [10], [1.0], [1221, 4804], None, ["bigpond.com"]),
    ("NL", 0.02, [1], [1.0], [1136, 33915], None, ["ziggo.nl"]),
    ("ES", 0.03, [1], [1.0], [3352, 12479], None, ["telefonica.net"]),
    ("MX", 0.03, [-6], [1.0], [8151], None, ["prodigy.net.mx"]),
    ("ID", 0.03, [7], [1.0], [7713, 17974], 23693, []),
    ("PL", 0.02, [1], [1.0], [5617], None, ["wp.pl", "onet.pl"]),
    ("TR", 0.02, [3], [1.0], [9121], None, []),
    ("NG", 0.02, [1], [1.0], [29465], None, []),
    ("VN", 0.02, [7], [1.0], [7552, 45899], None, []),
    ("PH", 0.02, [8], [1.0], [9299], None, []),
    ("IT", 0.03, [1], [1.0], [3269, 30722], None, ["libero.it"]),
]
NC = len(COUNTRIES)
CC = {c[0]: i for i, c in enumerate(COUNTRIES)}
CW = np.array([c[1] for c in COUNTRIES])
CW = CW / CW.sum()
CONSUMER = [
    ("gmail.com", 0.50),
    ("outlook.com", 0.11),
    ("hotmail.com", 0.07),
    ("yahoo.com", 0.07),
    ("icloud.com", 0.07),
    ("proton.me", 0.02),
    ("aol.com", 0.01),
]
CLOUD_ASNS = [16509, 15169, 8075, 14061, 24940, 16276, 63949, 57523, 211252, 44477]
CLOUD_W = np.array([0.34, 0.19, 0.14, 0.1, 0.1, 0.05, 0.03, 0.02, 0.02, 0.01])
VPN_ASNS = [9009, 60068]
RESELLER_ASN = 49981
HOSTING_ASNS = [57523, 211252, 44477]
CORP_VPN_ASN = 22616
UNIV_ASN = 19401

HOUR_W = {
    "personal": np.array(
        [
            0.8,
            0.5,
            0.3,
            0.2,
            0.2,
            0.3,
            0.6,
            1.2,
            2.0,
            2.5,
            2.8,
            3.0,
            3.0,
            3.0,
            3.0,
            3.0,
            3.2,
            3.4,
            3.8,
            4.2,
            4.4,
            4.0,
            3.0,
            1.8,
        ]
    ),
    "work": np.array(
        [
            0.1,
            0.1,
            0.1,
            0.1,
            0.1,
            0.1,
            0.2,
            0.5,
            2.0,
            4.0,
            4.0,
            4.0,
            3.0,
            4.0,
            4.0,
            4.0,
            3.5,
            2.0,
            1.0,
            0.6,
            0.5,
            0.4,
            0.3,
            0.2,
        ]
    ),
    "evening": np.array(
        [
            0.3,
            0.1,
            0.05,
            0.05,
            0.05,
            0.05,
            0.1,
            0.3,
            0.3,
            0.3,
            0.3,
            0.3,
            0.5,
            0.5,
            0.6,
            1.0,
            2.0,
            3.0,
            4.0,
            4.0,
            3.5,
            2.5,
            1.5,
            0.8,
        ]
    ),
    "flat": np.ones(24),
}
for _k in HOUR_W:
    HOUR_W[_k] = HOUR_W[_k] / HOUR_W[_k].sum()

SYL = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ten",
    "vo",
    "zu",
    "bel",
    "cor",
    "dan",
    "fer",
    "gal",
    "hex",
    "ion",
    "jun",
    "kel",
    "lum",
    "mar",
    "nor",
    "ost",
    "pel",
    "quin",
    "ros",
    "sol",
    "tar",
    "ul",
    "ven",
    "wic",
    "yar",
    "zen",
    "bri",
    "cla",
    "dre",
    "eto",
    "fin",
    "gro",
    "hal",
    "iva",
    "kor",
    "lin",
]


def _letters(rng, k, prefix, n=14):
    """k unique ids: prefix + n lowercase letters, as a numpy bytes array."""
    p = np.frombuffer(prefix, np.uint8)
    while True:
        a = np.empty((k, len(p) + n), np.uint8)
        a[:, : len(p)] = p
        a[:, len(p) :] = rng.integers(0, 26, size=(k, n), dtype=np.uint8) + 97
        s = a.view(f"S{len(p) + n}").ravel()
        if len(np.unique(s)) == k:
            return s


_B3 = np.uint64(0x8888888888888888)


def _all_digits(x):
    """True where every hex digit of x is 0-9 (a nibble is a-f iff bit3 and (bit2 or bit1))."""
    x = np.asarray(x, np.uint64)
    b3 = x & _B3
    b21 = ((x << np.uint64(1)) | (x << np.uint64(2))) & _B3
    return (b3 & b21) == 0


def _hex16(x):
    b = np.ascontiguousarray(x.astype(">u8")).view(np.uint8).reshape(-1, 8)
    out = np.empty((len(x), 16), np.uint8)
    lut = np.frombuffer(b"0123456789abcdef", np.uint8)
    out[:, 0::2] = lut[b >> 4]
    out[:, 1::2] = lut[b & 15]
    return out.view("S16").ravel()


def _name(rng, k, lo=2, hi=3):
    n = rng.integers(lo, hi + 1, size=k)
    s = rng.integers(0, len(SYL), size=(k, hi))
    return ["".join(SYL[j] for j in s[i, : n[i]]) for i in range(k)]


def _grp_rank(counts):
    """For a repeat(arange, counts) layout: position inside each block."""
    tot = int(counts.sum())
    starts = np.cumsum(counts) - counts
    return np.arange(tot) - np.repeat(starts, counts)


class IPReg:
    def __init__(self, rng, asns):
        self.rng = rng
        self.strs = []
        self.asns = []
        self.used = {}
        self.v6seen = set()
        firsts = [x for x in range(11, 224) if x not in (100, 127, 169, 172, 192, 198, 203)]
        cand = np.array([f * 256 + s for f in firsts for s in range(256)], np.int64)
        pick = rng.choice(len(cand), size=len(asns), replace=False)
        self.pref = {}
        for a, p in zip(asns, cand[pick]):
            self.pref.setdefault(a, []).append(int(p))
        self.pref = {a: np.array(v, np.int64) for a, v in self.pref.items()}
        self.pref6 = {}
        for a in self.pref:
            self.pref6[a] = "2%03x:%x" % (int(rng.integers(0x400, 0xC00)), int(rng.integers(0x1000, 0xFFFF)))

    def alloc(self, asn, k, v6_frac=0.0):
        k = int(k)
        if k <= 0:
            return np.zeros(0, np.int32)
        rng = self.rng
        pref = self.pref[asn]
        used = self.used.get(asn, np.zeros(0, np.int64))
        got = np.zeros(0, np.int64)
        while len(got) < k:
            m = int((k - len(got)) * 1.2) + 16
            c = rng.integers(0, len(pref) * 65536, size=m)
            ip = pref[c >> 16] * 65536 + (c & 0xFFFF)
            ip = ip[((ip & 255) != 0) & ((ip & 255) != 255)]
            _, idx = np.unique(ip, return_index=True)
            ip = ip[np.sort(idx)]
            ip = ip[~np.isin(ip, used) & ~np.isin(ip, got)]
            got = np.concatenate([got, ip[: k - len(got)]])
        self.used[asn] = np.concatenate([used, got])
        strs = [
            f"{a}.{b}.{c}.{d}"
            for a, b, c, d in zip(
                ((got >> 24) & 255).tolist(),
                ((got >> 16) & 255).tolist(),
                ((got >> 8) & 255).tolist(),
                (got & 255).tolist(),
            )
        ]
        if v6_frac > 0:
            is6 = rng.random(k) < v6_frac
            h = rng.integers(0, 65536, size=(k, 3))
            for i in np.nonzero(is6)[0].tolist():
                while True:
                    s = "%s:%x:%x::%x" % (
                        self.pref6[asn],
                        h[i, 0],
                        h[i, 1],
                        h[i, 2] % 65535 + 1,
                    )  # a group is at most ffff
                    if s not in self.v6seen:
                        break
                    h[i] = rng.integers(0, 65536, size=3)
                self.v6seen.add(s)
                strs[i] = s
        start = len(self.strs)
        self.strs.extend(strs)
        self.asns.extend([asn] * k)
        return np.arange(start, start + k, dtype=np.int32)


class FPReg:
    def __init__(self, rng):
        self.rng = rng
        self.chunks = []
        self.n = 0

    def rand_sims(self, k):
        x = self.rng.integers(0, 2**64, size=int(k), dtype=np.uint64)
        bad = _all_digits(x)
        while bad.any():  # a SimHash whose hex is all decimal digits could look like a card number
            x[bad] = self.rng.integers(0, 2**64, size=int(bad.sum()), dtype=np.uint64)
            bad = _all_digits(x)
        return x

    def _flips(self, k):
        pos = self.rng.integers(0, 64, size=(k, 6)).astype(np.uint64)
        nb = self.rng.integers(1, 7, size=k)
        masks = np.left_shift(np.uint64(1), pos)
        masks[np.arange(6)[None, :] >= nb[:, None]] = 0
        return np.bitwise_or.reduce(masks, axis=1)

    def para_sims(self, base):
        base = np.asarray(base, np.uint64)
        out = base ^ self._flips(len(base))
        bad = _all_digits(out)
        while bad.any():
            out[bad] = base[bad] ^ self._flips(int(bad.sum()))
            bad = _all_digits(out)
        return out

    def add(self, sims):
        sims = np.asarray(sims, np.uint64)
        codes = np.arange(self.n, self.n + len(sims), dtype=np.int32)
        self.chunks.append(sims)
        self.n += len(sims)
        return codes

    def new(self, k):
        return self.add(self.rand_sims(k))

    def para(self, base):
        return self.add(self.para_sims(base))

    def all_sims(self):
        return np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.uint64)


class World:
    def __init__(self, n, seed):
        self.N = int(n)
        self.rng = np.random.default_rng(seed)
        self.acc = []
        self.n_acc = 0
        self.groups = []
        self.gcode = {}
        self.req = []
        self.pm = []
        self.n_pm = 0
        self.dom_names = []
        self.dom_code = {}
        asns = []
        for c in COUNTRIES:
            for a in c[4]:
                asns += [a] * 6
            if c[5] is not None:
                asns += [c[5]] * 2
        for a in CLOUD_ASNS:
            asns += [a] * 4
        asns += VPN_ASNS + [RESELLER_ASN, CORP_VPN_ASN, UNIV_ASN]
        self.ip = IPReg(self.rng, asns)
        self.fp = FPReg(self.rng)
        self._shared()

    # ------------------------------------------------------------------ registry
    def dom(self, name):
        c = self.dom_code.get(name)
        if c is None:
            c = len(self.dom_names)
            self.dom_code[name] = c
            self.dom_names.append(name)
        return c

    def new_accounts(self, group, kind, created, country, domain, status=None, end=None, repl=0):
        k = len(created)
        if group not in self.gcode:
            self.gcode[group] = len(self.groups)
            self.groups.append((group, kind))
        idx = np.arange(self.n_acc, self.n_acc + k, dtype=np.int64)
        st = np.zeros(k, np.int8) if status is None else np.asarray(status, np.int8)
        en = np.full(k, INF) if end is None else np.asarray(end, np.float64)
        rp = np.broadcast_to(np.asarray(repl, np.int8), (k,)).copy()
        self.acc.append(
            dict(
                group=np.full(k, self.gcode[group], np.int16),
                created=np.asarray(created, np.int64),
                country=np.asarray(country, np.int16),
                domain=np.asarray(domain, np.int32),
                status=st,
                end=en,
                repl=rp,
            )
        )
        self.n_acc += k
        return idx

    def new_pm(self, k):
        c = np.arange(self.n_pm, self.n_pm + int(k), dtype=np.int64)
        self.n_pm += int(k)
        return c

    def add_pm(self, acct, pm, first, last):
        first = np.asarray(first, np.float64)
        last = np.maximum(np.asarray(last, np.float64), first)
        self.pm.append(
            (
                np.asarray(acct, np.int64),
                np.asarray(pm, np.int64),
                first.astype(np.int64),
                np.minimum(last, T_END - 1).astype(np.int64),
            )
        )

    def add_req(self, acct, ts, ip, model, fp):
        n = len(acct)
        assert len(ts) == n and len(ip) == n and len(model) == n and len(fp) == n
        self.req.append(
            (
                np.asarray(acct, np.int64),
                np.asarray(ts, np.float64).astype(np.int64),
                np.asarray(ip, np.int32),
                np.asarray(model, np.int8),
                np.asarray(fp, np.int32),
            )
        )

    # ------------------------------------------------------------------ shared pools
    def _shared(self):
        rng, fp, N = self.rng, self.fp, self.N
        # public catalogue
        P = 600
        base_sims = fp.rand_sims(P)
        base_codes = fp.add(base_sims)
        w = 1.0 / (np.arange(P) + 4.0) ** 1.05
        var_codes = fp.para(np.repeat(base_sims[:40], 8))
        wb = w.copy()
        wb[:40] *= 0.8
        wv = np.repeat(w[:40] * 0.2 / 8, 8)
        self.pub_codes = np.concatenate([base_codes, var_codes])
        pw = np.concatenate([wb, wv])
        self.pub_cum = np.cumsum(pw) / pw.sum()
        top = np.argsort(-pw, kind="stable")[:100]
        self.top_codes = self.pub_codes[top]
        tw = pw[top]
        self.top_cum = np.cumsum(tw) / tw.sum()
        self.cron_pub = fp.new(12)
        # residential proxy pool
        Pn = max(300, N // 100)
        cw = CW.copy()
        cw[CC["US"]] += 0.10
        cw /= cw.sum()
        pc = rng.choice(NC, size=Pn, p=cw)
        self.resi = self.home_ips(pc, v6=0.0)
        # commercial VPN exits
        V = max(40, N // 2000)
        nv = int(round(V * 0.6))
        self.vpn = np.concatenate([self.ip.alloc(VPN_ASNS[0], nv), self.ip.alloc(VPN_ASNS[1], V - nv)])
        vw = 1.0 / (np.arange(V) + 3.0) ** 0.8
        self.vpn = self.vpn[rng.permutation(V)]
        self.vpn_cum = np.cumsum(vw) / vw.sum()
        # reseller B
        self.resell = self.ip.alloc(RESELLER_ASN, max(24, N // 5000))
        # mobile CGNAT pools
        psize = max(12, N // 2000)
        pools, off, size = [], [], []
        self.mob_base = np.full(NC, -1, np.int64)
        self.mob_nreg = np.zeros(NC, np.int64)
        pid = 0
        for i, c in enumerate(COUNTRIES):
            if c[5] is None:
                continue
            nreg = 8 if c[0] == "US" else 4
            self.mob_base[i] = pid
            self.mob_nreg[i] = nreg
            codes = self.ip.alloc(c[5], nreg * psize)
            for r in range(nreg):
                off.append(sum(len(p) for p in pools))
                pools.append(codes[r * psize : (r + 1) * psize])
                size.append(psize)
                pid += 1
        self.mob_pool = np.concatenate(pools)
        self.mob_off = np.array(off, np.int64)
        self.mob_size = np.array(size, np.int64)
        # IDE plugin templates, viral prompt, university
        self.plugin = fp.new(6)
        vs = fp.rand_sims(1)
        self.viral = fp.add(vs)
        self.viral_var = fp.para(np.repeat(vs, 6))
        self.univ_domain = _name(rng, 1)[0] + ".edu"

    # ------------------------------------------------------------------ people
    def people(self, k, country=None, cw=None):
        rng = self.rng
        if country is None:
            country = rng.choice(NC, size=k, p=CW if cw is None else cw)
        country = np.asarray(country, np.int64)
        tz = np.zeros(k)
        dom = np.zeros(k, np.int32)
        for i, c in enumerate(COUNTRIES):
            sel = np.nonzero(country == i)[0]
            if len(sel) == 0:
                continue
            tz[sel] = rng.choice(c[2], size=len(sel), p=c[3])
            dom[sel] = self.email_domains(len(sel), c[6])
        return country, tz, dom

    def email_domains(self, k, local=(), custom=0.03):
        rng = self.rng
        names = [d for d, _ in CONSUMER] + list(local)
        w = [x for _, x in CONSUMER] + ([0.12 / len(local)] * len(local) if local else [])
        w = np.array(w)
        w = w / w.sum() * (1 - custom)
        codes = np.array([self.dom(x) for x in names], np.int32)
        ch = rng.choice(len(names) + 1, size=k, p=np.append(w, custom))
        out = np.where(ch < len(names), codes[np.minimum(ch, len(names) - 1)], -1).astype(np.int32)
        ncus = int((ch == len(names)).sum())
        if ncus:
            tld = rng.choice(["com", "net", "io", "dev", "me", "org", "co"], size=ncus)
            nm = _name(rng, ncus)
            out[ch == len(names)] = [self.dom(f"{a}.{b}") for a, b in zip(nm, tld)]
        return out

    def home_ips(self, country, v6=0.08):
        rng = self.rng
        country = np.asarray(country)
        out = np.zeros(len(country), np.int32)
        for i, c in enumerate(COUNTRIES):
            sel = np.nonzero(country == i)[0]
            if len(sel) == 0:
                continue
            isp = rng.integers(0, len(c[4]), size=len(sel))
            for j, a in enumerate(c[4]):
                s2 = sel[isp == j]
                if len(s2):
                    out[s2] = self.ip.alloc(a, len(s2), v6_frac=v6)
        return out

    def cloud_ips(self, k):
        rng = self.rng
        a = rng.choice(len(CLOUD_ASNS), size=k, p=CLOUD_W)
        out = np.zeros(k, np.int32)
        for j, asn in enumerate(CLOUD_ASNS):
            s = np.nonzero(a == j)[0]
            if len(s):
                out[s] = self.ip.alloc(asn, len(s))
        return out

    def mob_pid(self, country):
        rng = self.rng
        base = self.mob_base[country]
        nreg = self.mob_nreg[country]
        r = np.floor(rng.random(len(country)) * np.maximum(nreg, 1)).astype(np.int64)
        return np.where(base >= 0, base + r, -1)

    def created_ordinary(self, k, in_window=0.25):
        rng = self.rng
        before = T0 - (720 * DAY * rng.random(k) ** 1.8 + HOUR)
        during = T0 + rng.random(k) * (NDAYS - 0.5) * DAY
        return np.where(rng.random(k) < in_window, during, before).astype(np.int64)

    def enforcement(self, created, p=0.005):
        rng = self.rng
        k = len(created)
        hit = rng.random(k) < p
        st = np.where(hit, np.where(rng.random(k) < 0.7, 1, 2), 0).astype(np.int8)
        lo = np.maximum(created, T0) + HOUR
        t = lo + rng.random(k) * np.maximum(T_END - lo, 0)
        end = np.where(hit & (lo < T_END), t, np.where(hit, lo, INF))
        return st, end

    def nreq(self, k, median=14.0, sigma=1.1, cap=3000):
        return np.minimum(np.round(median * np.exp(sigma * self.rng.standard_normal(k))), cap).astype(np.int64)

    def adoption(self, k, early=0.04, later=0.36):
        rng = self.rng
        u = rng.random(k)
        t = np.where(
            u < early,
            RELEASE + (0.2 + 23.8 * rng.random(k)) * HOUR,
            np.where(u < early + later, RELEASE + rng.exponential(6 * DAY, k), INF),
        )
        return t, 0.4 + 0.6 * rng.random(k)

    def cards(self, acct, created, end, p=0.5, first_delay=30 * DAY):
        """Own card for a fraction p of acct. Returns a card code per account (-1 none)."""
        rng = self.rng
        k = len(acct)
        has = rng.random(k) < p
        first = created + rng.random(k) * first_delay * rng.random(k)
        has &= first < np.minimum(end, T_END)
        out = np.full(k, -1, np.int64)
        s = np.nonzero(has)[0]
        out[s] = self.new_pm(len(s))
        self.add_pm(acct[s], out[s], first[s], np.minimum(end[s], T_END - 1))
        return out

    # ------------------------------------------------------------------ traffic engine
    def sessions(self, start, end, nreq, tz, profile="personal", weekend=1.0, sess_mean=3.0, gap_mean=80.0):
        rng = self.rng
        start = np.asarray(start, np.float64)
        end = np.asarray(end, np.float64)
        nreq = np.where(end > start + 60, np.asarray(nreq, np.int64), 0)
        m = np.where(nreq > 0, np.maximum(1, np.round(nreq / sess_mean)), 0).astype(np.int64)
        m = np.minimum(m, nreq)
        k = len(start)
        sloc = np.repeat(np.arange(k), m)
        S = len(sloc)
        s0, s1, stz = start[sloc], end[sloc], tz[sloc]
        d0 = np.floor((s0 + stz * HOUR - T0) / DAY)
        d1 = np.floor((s1 + stz * HOUR - T0) / DAY)
        day = d0 + np.floor(rng.random(S) * (d1 - d0 + 1))
        if weekend < 1.0:
            wk = (day % 7) >= 5
            redo = wk & (rng.random(S) > weekend)
            day[redo] = d0[redo] + np.floor(rng.random(int(redo.sum())) * (d1[redo] - d0[redo] + 1))
        hour = rng.choice(24, size=S, p=HOUR_W[profile])
        sts = T0 + day * DAY + hour * HOUR + rng.random(S) * HOUR - stz * HOUR
        bad = (sts < s0) | (sts >= s1 - 60)
        nb = int(bad.sum())
        sts[bad] = s0[bad] + rng.random(nb) * np.maximum(s1[bad] - s0[bad] - 60, 0)
        loc = np.repeat(np.arange(k), nreq)
        rank = _grp_rank(nreq)
        mi = m[loc]
        sidx = np.where(rank < mi, rank, np.floor(rng.random(len(loc)) * mi).astype(np.int64))
        soff = np.cumsum(m) - m
        sid = soff[loc] + sidx
        order = np.argsort(sid, kind="stable")
        sid = sid[order]
        loc = loc[order]
        gaps = rng.exponential(gap_mean, len(sid))
        first = np.ones(len(sid), bool)
        first[1:] = sid[1:] != sid[:-1]
        gaps[first] = 0.0
        cs = np.cumsum(gaps)
        base = cs[first]
        ts = sts[sid] + cs - base[sid]
        ts = np.clip(ts, start[loc], end[loc] - 1)
        return loc, ts, sid, sloc, sts

    def pick_ips(self, sloc, sts, P):
        """Per-session IP from an account plan P (dict of per-account arrays)."""
        rng = self.rng
        S = len(sloc)
        w = P["w"][sloc]
        cw = np.cumsum(w, axis=1)
        u = rng.random(S) * cw[:, -1]
        comp = (u[:, None] >= cw).sum(axis=1)
        comp = np.minimum(comp, NCOMP - 1)
        ip = np.full(S, -1, np.int64)
        r = rng.random(S)
        s = comp == C_HOME
        if s.any():
            h = P["home"][sloc[s]]
            if "home2" in P:
                h2 = P["home2"][sloc[s]]
                sw = P["switch"][sloc[s]]
                h = np.where((h2 >= 0) & (sts[s] >= sw), h2, h)
            ip[s] = h
        s = comp == C_MOB
        if s.any():
            pid = P["mob"][sloc[s]]
            ip[s] = self.mob_pool[self.mob_off[pid] + np.floor(r[s] * self.mob_size[pid]).astype(np.int64)]
        s = comp == C_VPN
        if s.any():
            ip[s] = self.vpn[np.minimum(np.searchsorted(self.vpn_cum, r[s], side="right"), len(self.vpn) - 1)]
        s = comp == C_RESI
        if s.any():
            ip[s] = self.resi[np.floor(r[s] * len(self.resi)).astype(np.int64)]
        s = comp == C_RESELL
        if s.any():
            ip[s] = self.resell[np.floor(r[s] * len(self.resell)).astype(np.int64)]
        for c, key in ((C_CLOUD, "cloud"), (C_OFFICE, "office")):
            s = comp == c
            if s.any():
                arr = P[key][sloc[s]]
                j = (r[s] < 0.5).astype(np.int64)
                v = arr[np.arange(len(arr)), j]
                ip[s] = np.where(v >= 0, v, arr[:, 0])
        assert (ip >= 0).all(), "IP plan chose an unavailable component"
        return ip

    def personal_templates(self, nreq):
        rng, fp = self.rng, self.fp
        act = nreq > 0
        k = np.where(act, np.minimum(np.minimum(1 + rng.poisson(4, len(nreq)), 20), np.maximum(1, nreq // 2)), 0)
        tot = int(k.sum())
        sims = fp.rand_sims(tot)
        nvar = np.where(rng.random(tot) < 0.3, rng.integers(1, 4, tot), 0)
        vs = fp.para_sims(np.repeat(sims, nvar))
        # interleave: each base followed by its variants
        cnt = 1 + nvar
        allsims = np.empty(int(cnt.sum()), np.uint64)
        pos = np.cumsum(cnt) - cnt
        allsims[pos] = sims
        mask = np.ones(len(allsims), bool)
        mask[pos] = False
        allsims[mask] = vs
        codes = fp.add(allsims)
        owner = np.repeat(np.repeat(np.arange(len(nreq)), k), cnt)
        per = np.bincount(owner, minlength=len(nreq)).astype(np.int64)
        off = np.cumsum(per) - per
        return off, per, codes

    def models(self, loc, ts, M):
        rng = self.rng
        u = rng.random(len(loc))
        u2 = rng.random(len(loc))
        pre = np.where(u2 < M["p_mini"][loc], M_MINI, M_LARGE)
        new = (ts >= M["adopt"][loc]) & (u < M["frac"][loc])
        return np.where(new, M_NEW, pre).astype(np.int8)

    def traffic(
        self,
        acct,
        start,
        end,
        nreq,
        tz,
        P,
        M,
        profile="personal",
        weekend=1.0,
        sess_mean=3.0,
        gap_mean=80.0,
        p_pub=None,
        extra=None,
        p_extra=None,
        personal=True,
        add=True,
    ):
        rng = self.rng
        k = len(acct)
        if k == 0:
            return None
        loc, ts, sid, sloc, sts = self.sessions(start, end, nreq, tz, profile, weekend, sess_mean, gap_mean)
        if len(loc) == 0:
            return None
        sip = self.pick_ips(sloc, sts, P)
        ip = sip[sid]
        if p_pub is None:
            p_pub = rng.beta(2, 6, k)
        if p_extra is None or extra is None:
            p_extra = np.zeros(k)
        R = len(loc)
        u = rng.random(R)
        src = np.where(u < p_pub[loc], 1, np.where(u < p_pub[loc] + p_extra[loc], 2, 0))
        if not personal:
            src[src == 0] = 1
        fpc = np.zeros(R, np.int64)
        v = rng.random(R)
        s = src == 1
        fpc[s] = self.pub_codes[np.minimum(np.searchsorted(self.pub_cum, v[s], side="right"), len(self.pub_codes) - 1)]
        s = src == 2
        if s.any():
            eo, ec, codes = extra
            l2 = loc[s]
            fpc[s] = codes[eo[l2] + np.floor(v[s] * ec[l2]).astype(np.int64)]
        s = src == 0
        if s.any():
            used = np.bincount(loc[s], minlength=k)
            po, pc, pcodes = self.personal_templates(used)
            l2 = loc[s]
            fpc[s] = pcodes[po[l2] + np.floor(pc[l2] * v[s] ** 2).astype(np.int64)]
        model = self.models(loc, ts, M)
        out = dict(acct=acct[loc], loc=loc, ts=ts, ip=ip, model=model, fp=fpc, src=src)
        if add:
            self.add_req(out["acct"], ts, ip, model, fpc)
        return out

    def plan(self, k, home=None, w=None, mob=None, cloud=None, office=None, home2=None, switch=None):
        P = dict(w=np.zeros((k, NCOMP)) if w is None else w)
        P["home"] = np.full(k, -1, np.int64) if home is None else np.asarray(home, np.int64)
        P["mob"] = np.full(k, -1, np.int64) if mob is None else np.asarray(mob, np.int64)
        P["cloud"] = np.full((k, 2), -1, np.int64) if cloud is None else np.asarray(cloud, np.int64)
        P["office"] = np.full((k, 2), -1, np.int64) if office is None else np.asarray(office, np.int64)
        if home2 is not None:
            P["home2"] = np.asarray(home2, np.int64)
            P["switch"] = np.asarray(switch, np.float64)
        # guard: zero weights of unavailable components
        P["w"][P["home"] < 0, C_HOME] = 0
        P["w"][P["mob"] < 0, C_MOB] = 0
        P["w"][P["cloud"][:, 0] < 0, C_CLOUD] = 0
        P["w"][P["office"][:, 0] < 0, C_OFFICE] = 0
        return P

    def mplan(self, k, p_mini=None, early=0.04, later=0.36):
        rng = self.rng
        a, f = self.adoption(k, early, later)
        return dict(
            p_mini=rng.beta(2, 4, k) if p_mini is None else np.broadcast_to(p_mini, (k,)).astype(float), adopt=a, frac=f
        )

    def person_plan(self, country, home, mobile_p=0.3, vpn_p=0.1, resi_p=0.0):
        """Typical consumer: home IP, some mobile, some VPN."""
        rng = self.rng
        k = len(country)
        w = np.zeros((k, NCOMP))
        w[:, C_HOME] = 1.0
        mob = self.mob_pid(country)
        um = rng.random(k) < mobile_p
        w[um, C_MOB] = 0.1 + 0.4 * rng.random(int(um.sum()))
        uv = rng.random(k) < vpn_p
        w[uv, C_VPN] = 0.2 + 0.4 * rng.random(int(uv.sum()))
        ur = rng.random(k) < resi_p
        w[ur, C_RESI] = 0.1 + 0.3 * rng.random(int(ur.sum()))
        return self.plan(k, home=home, w=w, mob=mob)

    # ------------------------------------------------------------------ organic
    def organic(self, O):
        rng = self.rng
        shares = dict(
            org_mobile=0.11,
            org_resiproxy=0.03,
            org_vpn=0.045,
            org_cloud=0.05,
            org_cron=0.03,
            org_smallco=0.11,
            org_dorm=0.02,
            org_reseller=0.005,
        )
        cnt = {g: int(round(O * s)) for g, s in shares.items()}
        cnt["org_household"] = O - sum(cnt.values())
        self.org_household(cnt["org_household"])
        self.org_mobile(cnt["org_mobile"])
        self.org_proxyish("org_resiproxy", cnt["org_resiproxy"], C_RESI, 0.6, 1.0, card=0.6, median=25)
        self.org_proxyish("org_vpn", cnt["org_vpn"], C_VPN, 0.5, 1.0, card=0.5, median=16)
        self.org_proxyish("org_reseller", cnt["org_reseller"], C_RESELL, 0.7, 0.7, card=0.6, median=20)
        self.org_cloud(cnt["org_cloud"])
        self.org_cron(cnt["org_cron"])
        self.org_smallco(cnt["org_smallco"])
        self.org_dorm(cnt["org_dorm"])

    def _households(self, total, probs=(0.6, 0.2, 0.1, 0.06, 0.02, 0.02)):
        rng = self.rng
        sizes = rng.choice(np.arange(1, len(probs) + 1), size=int(total // 1.2) + 10, p=np.array(probs) / sum(probs))
        cs = np.cumsum(sizes)
        assert cs[-1] >= total
        nh = int(np.searchsorted(cs, total)) + 1
        sizes = sizes[:nh].copy()
        sizes[-1] -= int(sizes.sum() - total)
        return sizes[sizes > 0]

    def org_household(self, n, group="org_household", kind="organic", dormant=0.12, extra=None, p_extra=None):
        rng = self.rng
        sizes = self._households(n)
        H = len(sizes)
        hc = rng.choice(NC, size=H, p=CW)
        hhome = self.home_ips(hc)
        h2 = np.where(rng.random(H) < 0.15, 1, 0)
        hhome2 = np.full(H, -1, np.int64)
        s = np.nonzero(h2)[0]
        if len(s):
            hhome2[s] = self.home_ips(hc[s])
        hsw = T0 + rng.random(H) * NDAYS * DAY
        hid = np.repeat(np.arange(H), sizes)
        country, tz, dom = self.people(n, country=hc[hid])
        created = self.created_ordinary(n)
        st, end = self.enforcement(created)
        acct = self.new_accounts(group, kind, created, country, dom, st, end)
        # cards: personal, then households with >=2 carded members share one in 40% of cases
        card = self.cards(acct, created, end, p=0.5)
        self._share_household_cards(acct, hid, card, created, end, 0.4)
        P = self.person_plan(country, hhome[hid])
        P["home2"] = hhome2[hid]
        P["switch"] = hsw[hid]
        nr = self.nreq(n)
        nr[rng.random(n) < dormant] = 0
        M = self.mplan(n)
        start = np.maximum(created, T0)
        self.traffic(acct, start, np.minimum(end, T_END), nr, tz, P, M)
        return acct

    def _share_household_cards(self, acct, hid, card, created, end, p):
        rng = self.rng
        has = card >= 0
        H = int(hid.max()) + 1 if len(hid) else 0
        ncard = np.bincount(hid[has], minlength=H)
        share = (ncard >= 2) & (rng.random(H) < p)
        sel = np.nonzero(has & share[hid])[0]
        if len(sel) == 0:
            return
        # first carded member's card becomes the household card; others add it
        firstcard = np.full(H, -1, np.int64)
        firstcard[hid[sel][::-1]] = card[sel][::-1]
        others = sel[card[sel] != firstcard[hid[sel]]]
        if len(others):
            fc = np.maximum(created[others], T0 - 200 * DAY) + rng.random(len(others)) * 10 * DAY
            self.add_pm(acct[others], firstcard[hid[others]], fc, np.minimum(end[others], T_END - 1))

    def org_mobile(self, n):
        rng = self.rng
        carrier = np.array([c[5] is not None for c in COUNTRIES])
        cw = np.where(carrier, CW, 0)
        country, tz, dom = self.people(n, cw=cw / cw.sum())
        created = self.created_ordinary(n)
        st, end = self.enforcement(created)
        acct = self.new_accounts("org_mobile", "organic", created, country, dom, st, end)
        self.cards(acct, created, end, p=0.35)
        w = np.zeros((n, NCOMP))
        w[:, C_MOB] = 1
        P = self.plan(n, w=w, mob=self.mob_pid(country))
        nr = self.nreq(n, median=10)
        nr[rng.random(n) < 0.12] = 0
        self.traffic(acct, np.maximum(created, T0), np.minimum(end, T_END), nr, tz, P, self.mplan(n), sess_mean=2.0)

    def org_proxyish(self, group, n, comp, lo, hi, card, median):
        rng = self.rng
        country, tz, dom = self.people(n)
        created = self.created_ordinary(n)
        st, end = self.enforcement(created)
        acct = self.new_accounts(group, "organic", created, country, dom, st, end)
        self.cards(acct, created, end, p=card)
        home = self.home_ips(country)
        w = np.zeros((n, NCOMP))
        f = lo + (hi - lo) * rng.random(n)
        w[:, comp] = f
        w[:, C_HOME] = 1 - f + 1e-9
        P = self.plan(n, home=home, w=w)
        nr = self.nreq(n, median=median)
        self.traffic(
            acct,
            np.maximum(created, T0),
            np.minimum(end, T_END),
            nr,
            tz,
            P,
            self.mplan(n),
            profile="personal" if group != "org_resiproxy" else "flat",
        )

    def org_cloud(self, n):
        rng = self.rng
        country, tz, dom = self.people(n)
        created = self.created_ordinary(n)
        st, end = self.enforcement(created)
        acct = self.new_accounts("org_cloud", "organic", created, country, dom, st, end)
        self.cards(acct, created, end, p=0.8)
        home = self.home_ips(country)
        cl = np.full((n, 2), -1, np.int64)
        cl[:, 0] = self.cloud_ips(n)
        two = np.nonzero(rng.random(n) < 0.4)[0]
        cl[two, 1] = self.cloud_ips(len(two))
        w = np.zeros((n, NCOMP))
        w[:, C_CLOUD] = 0.7
        w[:, C_HOME] = 0.3
        P = self.plan(n, home=home, w=w, cloud=cl)
        nr = self.nreq(n, median=35)
        self.traffic(
            acct,
            np.maximum(created, T0),
            np.minimum(end, T_END),
            nr,
            tz,
            P,
            self.mplan(n, early=0.08),
            profile="work",
            weekend=0.4,
            sess_mean=6.0,
            gap_mean=30.0,
        )

    def org_cron(self, n, group="org_cron", kind="organic"):
        rng, fp = self.rng, self.fp
        country, tz, dom = self.people(n)
        created = self.created_ordinary(n, in_window=0.15)
        st, end = self.enforcement(created)
        acct = self.new_accounts(group, kind, created, country, dom, st, end)
        self.cards(acct, created, end, p=0.7)
        home = self.home_ips(country)
        cloud = self.cloud_ips(n)
        where_cloud = rng.random(n) < 0.6
        box = np.where(where_cloud, cloud, home)
        # interactive traffic for half of them
        inter = rng.random(n) < 0.5
        w = np.zeros((n, NCOMP))
        w[:, C_HOME] = 1
        P = self.plan(n, home=home, w=w)
        nr = np.where(inter, self.nreq(n, median=10), 0)
        self.traffic(acct, np.maximum(created, T0), np.minimum(end, T_END), nr, tz, P, self.mplan(n))
        # cron jobs
        nj = np.where(rng.random(n) < 0.8, 1, 2)
        jo = np.repeat(np.arange(n), nj)
        J = len(jo)
        kind_u = rng.random(J)
        period = np.where(kind_u < 0.15, HOUR, np.where(kind_u < 0.4, 6 * HOUR, DAY)).astype(np.int64)
        dur = np.where(period == HOUR, 3 + 9 * rng.random(J), 7 + 35 * rng.random(J)) * DAY
        lo = np.maximum(created[jo], T0)
        hi = np.minimum(end[jo], T_END)
        jstart = lo + rng.random(J) * np.maximum(hi - lo - dur, 0)
        jend = np.minimum(jstart + dur, hi)
        # first firing: next aligned slot (hour boundary; daily/6h at a fixed local hour)
        h0 = rng.integers(0, 24, J)
        first = np.ceil((jstart - T0) / HOUR) * HOUR + T0
        phase = np.where(period == HOUR, 0, ((h0 * HOUR - (first - T0)) % period))
        first = first + phase
        nf = np.maximum(0, np.floor((jend - first) / period) + 1).astype(np.int64)
        nf = np.where(jend > first, nf, 0)
        fj = np.repeat(np.arange(J), nf)
        fr = _grp_rank(nf)
        ft = first[fj] + fr * period[fj]
        keep = rng.random(len(ft)) >= 0.03
        fj, ft = fj[keep], ft[keep]
        per = rng.integers(1, 3, J)
        rj = np.repeat(np.arange(len(fj)), per[fj])
        rk = _grp_rank(per[fj])
        jj = fj[rj]
        ts = ft[rj] + rng.integers(0, 5, len(rj)) + rk * (2 + 13 * rng.random(len(rj)))
        # templates per job
        pub = rng.random(J) < 0.3
        nvar = np.where(~pub & (rng.random(J) < 0.2), rng.integers(2, 5, J), 1)
        own_base = fp.rand_sims(J)
        tsims = np.repeat(own_base, nvar)
        is_first = _grp_rank(nvar) == 0
        tsims[~is_first] = fp.para_sims(tsims[~is_first])
        tcodes = fp.add(tsims)
        toff = np.cumsum(nvar) - nvar
        pubc = self.cron_pub[rng.integers(0, len(self.cron_pub), J)]
        v = rng.random(len(rj))
        fpc = np.where(pub[jj], pubc[jj], tcodes[toff[jj] + np.floor(v * nvar[jj]).astype(np.int64)])
        jmodel = np.where(rng.random(J) < 0.6, M_MINI, M_LARGE)
        sw = np.where(rng.random(J) < 0.1, self.adoption(J, 0.1, 0.9)[0], INF)
        model = np.where(ts >= sw[jj], M_NEW, jmodel[jj])
        ok = ts < hi[jj]
        self.add_req(acct[jo[jj]][ok], ts[ok], box[jo[jj]][ok], model[ok], fpc[ok])
        return acct

    def org_smallco(self, n):
        rng, fp = self.rng, self.fp
        sizes = []
        tot = 0
        while tot < n:
            s = int(min(40, 3 + rng.geometric(0.12)))
            sizes.append(s)
            tot += s
        sizes = np.array(sizes)
        sizes[-1] -= tot - n
        sizes = sizes[sizes > 0]
        C = len(sizes)
        cid = np.repeat(np.arange(C), sizes)
        ccountry = rng.choice(NC, size=C, p=CW)
        tld = rng.choice(["com", "io", "co", "net", "ai", "de", "tech"], size=C)
        cdom = np.array([self.dom(f"{a}-{b}.{t}") for a, b, t in zip(_name(rng, C), _name(rng, C, 1, 2), tld)])
        office = np.full((C, 2), -1, np.int64)
        office[:, 0] = self.home_ips(ccountry, v6=0)
        t2 = np.nonzero(rng.random(C) < 0.3)[0]
        office[t2, 1] = self.home_ips(ccountry[t2], v6=0)
        country, tz, _ = self.people(n, country=ccountry[cid])
        onboard = T0 - rng.random(C) * 400 * DAY * rng.random(C)
        together = rng.random(C) < 0.4
        created = np.where(
            together[cid], onboard[cid] + rng.random(n) * 8 * HOUR, self.created_ordinary(n, 0.2)
        ).astype(np.int64)
        st, end = self.enforcement(created)
        acct = self.new_accounts("org_smallco", "organic", created, country, cdom[cid], st, end)
        # cards: company card for 50% of companies, else personal 40%
        ccard = rng.random(C) < 0.5
        cc = np.full(C, -1, np.int64)
        sc = np.nonzero(ccard)[0]
        cc[sc] = self.new_pm(len(sc))
        m = ccard[cid]
        self.add_pm(acct[m], cc[cid[m]], created[m], np.minimum(end[m], T_END - 1))
        self.cards(acct[~m], created[~m], end[~m], p=0.4)
        # company templates: 1-3 exact + 1 family of 4 paraphrases
        ne = rng.integers(1, 4, C)
        ecodes = fp.new(int(ne.sum()))
        fam = fp.para(np.repeat(fp.rand_sims(C), 4))
        eoff_c = np.cumsum(ne + 4) - (ne + 4)
        codes = np.empty(int((ne + 4).sum()), np.int64)
        r = _grp_rank(ne + 4)
        rep = np.repeat(np.arange(C), ne + 4)
        isx = r < ne[rep]
        codes[isx] = ecodes
        codes[~isx] = fam
        extra = (eoff_c[cid], (ne + 4)[cid], codes)
        home = self.home_ips(country)
        w = np.zeros((n, NCOMP))
        w[:, C_OFFICE] = 0.7
        w[:, C_HOME] = 0.3
        P = self.plan(n, home=home, w=w, office=office[cid])
        nr = self.nreq(n, median=16)
        nr[rng.random(n) < 0.12] = 0
        self.traffic(
            acct,
            np.maximum(created, T0),
            np.minimum(end, T_END),
            nr,
            tz,
            P,
            self.mplan(n),
            profile="work",
            weekend=0.15,
            extra=extra,
            p_extra=np.full(n, 0.15),
        )

    def org_dorm(self, n):
        rng = self.rng
        sizes = []
        tot = 0
        while tot < n:
            s = int(rng.integers(8, 31))
            sizes.append(s)
            tot += s
        sizes = np.array(sizes)
        sizes[-1] -= tot - n
        sizes = sizes[sizes > 0]
        D = len(sizes)
        did = np.repeat(np.arange(D), sizes)
        dc = rng.choice([CC["US"], CC["GB"], CC["DE"]], size=D, p=[0.6, 0.2, 0.2])
        dhome = self.home_ips(dc, v6=0)
        country, tz, dom = self.people(n, country=dc[did])
        created = self.created_ordinary(n)
        st, end = self.enforcement(created)
        acct = self.new_accounts("org_dorm", "organic", created, country, dom, st, end)
        self.cards(acct, created, end, p=0.3)
        P = self.person_plan(country, dhome[did], mobile_p=0.4, vpn_p=0.05)
        nr = self.nreq(n, median=12)
        nr[rng.random(n) < 0.12] = 0
        self.traffic(acct, np.maximum(created, T0), np.minimum(end, T_END), nr, tz, P, self.mplan(n), profile="evening")

    # ------------------------------------------------------------------ fraud
    def _prepaid_groups(self, acct, created_or_first, last, share_p, gmin=2, gmax=3):
        """Fresh card per account; a share of accounts grouped in 2-3 sharing one prepaid card."""
        rng = self.rng
        k = len(acct)
        perm = rng.permutation(k)
        nshare = int(round(k * share_p))
        card = np.full(k, -1, np.int64)
        i = 0
        sh = perm[:nshare]
        while i < len(sh):
            g = int(rng.integers(gmin, gmax + 1))
            mem = sh[i : i + g]
            if len(mem) == 1:
                card[mem] = self.new_pm(1)
            else:
                card[mem] = self.new_pm(1)[0]
            i += g
        rest = perm[nshare:]
        card[rest] = self.new_pm(len(rest))
        self.add_pm(acct, card, created_or_first, last)
        return card

    def fraud_marketplace(self):
        rng, fp, N = self.rng, self.fp, self.N
        n = max(120, int(round(0.008 * N)))
        country, tz, dom = self.people(n)
        created = (T0 - (90 + 510 * rng.random(n)) * DAY).astype(np.int64)
        H_op = T0 + 14 * DAY + 6 * HOUR
        H = H_op + rng.random(n) * 36 * HOUR
        susp = rng.random(n) < 0.04
        end = np.where(susp, T0 + (30 + 11 * rng.random(n)) * DAY, INF)
        st = np.where(susp, 2, 0)
        acct = self.new_accounts("fraud_marketplace", "fraud", created, country, dom, st, end)
        # original owner: old card, genuine traffic
        old = rng.random(n) < 0.7
        so = np.nonzero(old)[0]
        oc = self.new_pm(len(so))
        self.add_pm(acct[so], oc, created[so] + rng.random(len(so)) * 60 * DAY, H[so])
        home = self.home_ips(country)
        P = self.person_plan(country, home, mobile_p=0.3, vpn_p=0.05)
        nr = np.where(rng.random(n) < 0.6, self.nreq(n, median=10), 0)
        self.traffic(acct, np.full(n, T0, np.float64), H, nr, tz, P, self.mplan(n))
        # buyer: fresh cards (25% in pairs)
        first = H + (5 * MINUTE + rng.random(n) * 3 * HOUR)
        self._prepaid_groups(acct, first, np.minimum(end, T_END - 1), 0.25, 2, 2)
        setup = H + (2 + 18 * rng.random(n)) * HOUR
        stop = np.minimum(end, T_END)
        # waves
        gaps = (80 + 80 * rng.random(2000)) * MINUTE
        W = H_op + np.cumsum(gaps)
        W = np.floor(W[W < T_END - 5 * MINUTE])
        nW = len(W)
        part = (rng.random((n, nW)) < 0.35) & (W[None, :] >= setup[:, None]) & (W[None, :] < stop[:, None] - 60)
        ai, wi = np.nonzero(part)
        nper = np.minimum(1 + rng.poisson(1.5, len(ai)), 5)
        # off-wave trickle
        nt = rng.integers(5, 16, n)
        ti = np.repeat(np.arange(n), nt)
        tt = setup[ti] + rng.random(len(ti)) * np.maximum(stop[ti] - setup[ti] - 60, 0)
        # exits: 2 sticky rented residential exits per account + 1 cloud IP shared by ~2-3 accounts
        E = max(30, n // 8)
        rented = self.resi[rng.choice(len(self.resi), size=E, replace=False)]
        ex = rented[rng.integers(0, E, (n, 2))]
        ncl = max(4, int(np.ceil(n / 2.5)))
        cl = np.concatenate([self.ip.alloc(24940, (ncl + 1) // 2), self.ip.alloc(16276, ncl // 2)])
        acl = cl[rng.integers(0, ncl, n)]

        def exit_for(a):
            u = rng.random(len(a))
            return np.where(u < 0.85, ex[a, (u < 0.425).astype(np.int64)], acl[a])

        pip = exit_for(ai)
        r_a = np.repeat(ai, nper)
        r_t = np.repeat(W[wi], nper) + rng.random(int(nper.sum())) * 50
        r_ip = np.repeat(pip, nper)
        tip = exit_for(ti)
        r_a = np.concatenate([r_a, ti])
        r_t = np.concatenate([r_t, tt])
        r_ip = np.concatenate([r_ip, tip])
        # templates: 6 families, 3 per account, 3 paraphrases each
        fam = fp.rand_sims(6)
        fsel = np.argsort(rng.random((n, 6)), axis=1)[:, :3]
        vs = np.repeat(fam[fsel.ravel()], 3)
        vcodes = fp.para(vs)  # account a owns vcodes[9a : 9a+9]
        R = len(r_a)
        u = rng.random(R)
        fpc = np.where(
            u < 0.1,
            self.top_codes[np.minimum(np.searchsorted(self.top_cum, rng.random(R)), 99)],
            vcodes[9 * r_a + rng.integers(0, 9, R)],
        )
        S = RELEASE + (1 + 9 * rng.random()) * HOUR
        model = np.where(
            r_t >= S, np.where(rng.random(R) < 0.95, M_NEW, M_LARGE), np.where(rng.random(R) < 0.8, M_LARGE, M_MINI)
        )
        self.add_req(acct[r_a], r_t, r_ip, model, fpc)

    def fraud_trialfarm(self):
        rng, fp, N = self.rng, self.fp, self.N
        n = max(150, int(round(0.010 * N)))
        nb = int(np.ceil(n / 2.5))
        bt = np.sort(T0 - 2 * DAY + rng.random(nb) * 42 * DAY)
        b = np.sort(rng.integers(0, nb, n))
        created = (bt[b] + rng.random(n) * 15 * MINUTE).astype(np.int64)
        order = np.argsort(created, kind="stable")
        created = created[order]
        life = (2 + 5 * rng.random(n)) * DAY
        susp = rng.random(n) < 0.2
        stime = created + rng.random(n) * life
        end = np.where(susp, stime, INF)
        stop = np.minimum(np.where(susp, stime, created + life), T_END)
        country = np.where(rng.random(n) < 0.85, CC["US"], rng.choice(NC, size=n, p=CW))
        _, tz, _ = self.people(n, country=country)
        dom = self.email_domains(n, (), custom=0.0)
        acct = self.new_accounts("fraud_trialfarm", "fraud", created, country, dom, np.where(susp, 2, 0), end)
        # modems
        Mm = max(8, n // 120)
        region = int(self.mob_base[CC["US"]] + 3)
        pool = self.mob_pool[self.mob_off[region] : self.mob_off[region] + self.mob_size[region]]
        lease_t, lease_ip, lease_m = [], [], []
        for m in range(Mm):
            d = (4 + 16 * rng.random(200)) * HOUR
            t = T0 - 3 * DAY + np.concatenate([[0.0], np.cumsum(d)])
            t = t[t < T_END]
            lease_t.append(t)
            lease_ip.append(pool[rng.integers(0, len(pool), len(t))])
        modem = np.arange(n) % Mm
        # ticks
        g = (25 + 30 * rng.random(3000)) * MINUTE
        tick = np.floor(T0 + rng.random() * 30 * MINUTE + np.cumsum(g))
        tick = tick[tick < T_END - MINUTE]
        a0 = np.searchsorted(tick, created + (10 + 50 * rng.random(n)) * MINUTE)
        a1 = np.searchsorted(tick, stop - 60)
        cnt = np.maximum(a1 - a0, 0)
        ai = np.repeat(np.arange(n), cnt)
        ki = a0[ai] + _grp_rank(cnt)
        keep = rng.random(len(ai)) < 0.22
        ai, ki = ai[keep], ki[keep]
        nper = rng.integers(1, 3, len(ai))
        r_a = np.repeat(ai, nper)
        r_t = np.repeat(tick[ki], nper) + rng.random(int(nper.sum())) * 40
        r_ip = np.zeros(len(r_a), np.int64)
        for m in range(Mm):
            s = np.nonzero(modem[r_a] == m)[0]
            j = np.searchsorted(lease_t[m], r_t[s], side="right") - 1
            r_ip[s] = lease_ip[m][j]
        # templates: 8 families, 3 active per 10-day epoch
        fam = fp.rand_sims(8)
        ep = np.clip(((created - T0) // (10 * DAY)).astype(np.int64), 0, 4)
        nv = rng.integers(2, 4, (n, 3))
        fams = (ep[:, None] + np.arange(3)[None, :]) % 8
        vs = np.repeat(fam[fams.ravel()], nv.ravel())
        vcodes = fp.para(vs)
        tot = nv.sum(axis=1)
        voff = np.cumsum(tot) - tot
        R = len(r_a)
        fpc = np.where(
            rng.random(R) < 0.08,
            self.top_codes[np.minimum(np.searchsorted(self.top_cum, rng.random(R)), 99)],
            vcodes[voff[r_a] + np.floor(rng.random(R) * tot[r_a]).astype(np.int64)],
        )
        S = RELEASE + (2 + 4 * rng.random()) * HOUR
        model = np.where(
            r_t >= S, np.where(rng.random(R) < 0.9, M_NEW, M_MINI), np.where(rng.random(R) < 0.7, M_MINI, M_LARGE)
        )
        self.add_req(acct[r_a], r_t, r_ip, model, fpc)

    def fraud_hydra(self):
        rng, fp, N = self.rng, self.fp, self.N
        n0 = max(70, int(round(0.0035 * N)))
        fam = fp.rand_sims(30)
        ROT = np.array([T0 + d * DAY + 12 * HOUR for d in (7, 14, 21, 28, 35)], np.float64)
        WAVES = [T0 + 10 * DAY + 14 * HOUR, T0 + 20 * DAY + 9 * HOUR, T0 + 31 * DAY + 16 * HOUR]
        cells = []
        tot = 0
        while tot < n0:
            s = int(rng.integers(6, 13))
            s = min(s, n0 - tot) if n0 - tot >= 4 else s
            cells.append(
                dict(
                    size=s,
                    start=float(T0 - (5 + 35 * rng.random()) * DAY),
                    parent=-1,
                    fams0=list(rng.choice(12, 3, replace=False)),
                    ips=None,
                    repl=0,
                    ban=INF,
                )
            )
            tot += s
        for c in cells:
            c["ips"] = list(self.ip.alloc(HOSTING_ASNS[int(rng.integers(0, 3))], int(rng.integers(2, 5))))

        def fams_at(c, t):
            """The cell's family list at time t."""
            L = list(c["fams0"])
            cid = c["id"]
            for j, r in enumerate(ROT):
                if c["start"] < r <= t:
                    L = L[1:] + [12 + 2 * j + (cid % 2)]
            return L

        for i, c in enumerate(cells):
            c["id"] = i
        for wv in WAVES:
            live = [c for c in cells if c["start"] < wv and c["ban"] >= INF]
            nb = max(1, int(round(0.4 * len(live))))
            hit = np.sort(rng.choice(len(live), size=min(nb, len(live)), replace=False))
            for hi in hit.tolist():
                c = live[hi]
                c["ban"] = wv
                keep = int(np.ceil(len(c["ips"]) * 0.5))
                ips = list(rng.choice(np.array(c["ips"]), keep, replace=False))
                ips += list(self.ip.alloc(HOSTING_ASNS[int(rng.integers(0, 3))], int(rng.integers(1, 3))))
                st = wv + (1 + 4 * rng.random()) * DAY
                nc = dict(
                    size=max(4, c["size"] + int(rng.integers(-2, 3))),
                    start=float(st),
                    parent=c["id"],
                    fams0=fams_at(c, wv),
                    ips=ips,
                    repl=1,
                    ban=INF,
                    id=len(cells),
                )
                cells.append(nc)
        # accounts
        for c in cells:
            k = c["size"]
            if c["repl"]:
                created = c["start"] + rng.random(k) * 30 * HOUR
                setup = created + (1 + 9 * rng.random(k)) * HOUR
            else:
                created = c["start"] + rng.random(k) * 36 * HOUR
                setup = np.maximum(created + HOUR, T0)
            if c["ban"] < INF:
                hit = rng.random(k) < 0.9
                bt = c["ban"] + rng.random(k) * 3 * HOUR
                st = np.where(hit, np.where(rng.random(k) < 0.85, 1, 2), 0)
                end = np.where(hit, bt, INF)
            else:
                st = np.zeros(k, np.int64)
                end = np.full(k, INF)
            country, tz, dom = self.people(k)
            acct = self.new_accounts(
                "fraud_hydra", "fraud", created.astype(np.int64), country, dom, st, end, repl=c["repl"]
            )
            self._prepaid_groups(acct, created + rng.random(k) * HOUR, np.minimum(end, T_END - 1), 0.3)
            c["acct"], c["created"], c["setup"], c["end"] = acct, created, setup, np.minimum(end, T_END)
        out_a, out_t, out_ip, out_m, out_f = [], [], [], [], []
        for c in cells:
            k = c["size"]
            t0 = max(c["setup"].min(), T0)
            t1 = min(c["end"].max(), T_END)
            if t1 <= t0:
                continue
            ns = rng.poisson(5 * (t1 - t0) / DAY)
            sess = np.sort(t0 + rng.random(ns) * (t1 - t0))
            live = (sess[None, :] >= c["setup"][:, None]) & (sess[None, :] < c["end"][:, None] - 200)
            part = live & (rng.random((k, ns)) < 0.6)
            ai, si = np.nonzero(part)
            nper = rng.integers(2, 7, len(ai))
            r_a = np.repeat(ai, nper)
            r_t = np.repeat(sess[si], nper) + rng.random(int(nper.sum())) * 150
            R = len(r_a)
            # ip: per (member, session) choice
            priv = np.array(c["ips"])
            u = rng.random(len(ai))
            sip = np.where(
                u < 0.6, priv[rng.integers(0, len(priv), len(ai))], self.resi[rng.integers(0, len(self.resi), len(ai))]
            )
            r_ip = np.repeat(sip, nper)
            # families: epoch by rotation
            ep = np.searchsorted(ROT, r_t, side="right")
            flist = {}
            for e in range(len(ROT) + 1):
                te = ROT[e - 1] if e > 0 else T0 - 60 * DAY
                tt = max(te, c["start"])
                flist[e] = fams_at(c, tt + 1)
            famtab = np.array([flist[e] for e in range(len(ROT) + 1)])  # (6, 3)
            fsel = famtab[ep, rng.integers(0, 3, R)]
            # member variants for each family it can use: 2-3 paraphrases
            used = np.unique(famtab)
            nvar = rng.integers(2, 4, (k, len(used)))
            vs = np.repeat(fam[np.tile(used, k)], nvar.ravel())
            vcodes = fp.para(vs)
            flat_n = nvar.ravel()
            voff = (np.cumsum(flat_n) - flat_n).reshape(k, len(used))
            fidx = np.searchsorted(used, fsel)
            fpc = vcodes[voff[r_a, fidx] + np.floor(rng.random(R) * nvar[r_a, fidx]).astype(np.int64)]
            S = RELEASE + (2 + 18 * rng.random()) * HOUR
            model = np.where(
                r_t >= S, np.where(rng.random(R) < 0.9, M_NEW, M_LARGE), np.where(rng.random(R) < 0.85, M_LARGE, M_MINI)
            )
            out_a.append(c["acct"][r_a])
            out_t.append(r_t)
            out_ip.append(r_ip)
            out_m.append(model)
            out_f.append(fpc)
        self.add_req(
            np.concatenate(out_a),
            np.concatenate(out_t),
            np.concatenate(out_ip),
            np.concatenate(out_m),
            np.concatenate(out_f),
        )

    def fraud_camo(self):
        rng, fp, N = self.rng, self.fp, self.N
        n = max(100, int(round(0.005 * N)))
        path = rng.choice(4, size=n, p=[0.30, 0.25, 0.20, 0.25])  # 0 vpn, 1 resi, 2 cloud, 3 reseller
        country, tz, _ = self.people(n)
        u = rng.random(n)
        dom = self.email_domains(n, (), custom=0.0)
        dom[u < 0.12] = self.dom(self.univ_domain)
        sc = np.nonzero((u >= 0.12) & (u < 0.20))[0]
        if len(sc):
            dom[sc] = self.email_domains(len(sc), (), custom=1.0)
        created = np.where(
            rng.random(n) < 0.8, T0 - (3 + 147 * rng.random(n)) * DAY, T0 + 20 * DAY * rng.random(n)
        ).astype(np.int64)
        ban = rng.random(n) < 0.06
        bt = T0 + (12 + 24 * rng.random(n)) * DAY
        bt = np.maximum(bt, created + 3 * DAY)
        end = np.where(ban, bt, INF)
        acct = self.new_accounts("fraud_camo", "fraud", created, country, dom, np.where(ban, 1, 0), end)
        offset = rng.random(n) * 9 * MINUTE
        fav = self.vpn[rng.integers(0, len(self.vpn), (n, 3))]
        cl = np.full((n, 2), -1, np.int64)
        sc = np.nonzero(path == 2)[0]
        cl[sc, 0] = self.cloud_ips(len(sc))
        two = sc[rng.random(len(sc)) < 0.5]
        cl[two, 1] = self.cloud_ips(len(two))
        start = np.maximum(created, T0) + rng.random(n) * 2 * DAY
        # replacements
        rb = np.nonzero(ban)[0]
        k2 = len(rb)
        rc = (bt[rb] + (2 + 2 * rng.random(k2)) * DAY).astype(np.int64)
        c2, tz2, _ = self.people(k2)
        d2 = self.email_domains(k2, (), custom=0.0)
        acct2 = self.new_accounts("fraud_camo", "fraud", rc, c2, d2, np.zeros(k2), None, repl=1)
        A = np.concatenate([acct, acct2])
        path = np.concatenate([path, path[rb]])
        offset = np.concatenate([offset, offset[rb]])
        fav = np.concatenate([fav, fav[rb]])
        cl = np.concatenate([cl, cl[rb]])
        created_all = np.concatenate([created, rc])
        start = np.concatenate([start, rc + rng.random(k2) * 6 * HOUR])
        stop = np.minimum(np.concatenate([end, np.full(k2, INF)]), T_END)
        K = len(A)
        self._prepaid_groups(A, created_all + rng.random(K) * 2 * DAY, stop - 1, 0.6)
        # jobs
        g = (25 + 35 * rng.random(3000)) * MINUTE
        job = np.floor(T0 + np.cumsum(g))
        job = job[job < T_END - 15 * MINUTE]
        a0 = np.searchsorted(job, start)
        a1 = np.searchsorted(job, stop - 10 * MINUTE)
        cnt = np.maximum(a1 - a0, 0)
        ai = np.repeat(np.arange(K), cnt)
        ji = a0[ai] + _grp_rank(cnt)
        keep = rng.random(len(ai)) < 0.12
        ai, ji = ai[keep], ji[keep]
        tf = job[ji] + offset[ai] + rng.normal(0, 12, len(ai))
        two = rng.random(len(ai)) < 0.2
        r_a = np.concatenate([ai, ai[two]])
        r_t = np.concatenate([tf, tf[two] + 5 + 25 * rng.random(int(two.sum()))])
        r_t = np.clip(r_t, start[r_a], stop[r_a] - 1)
        R = len(r_a)
        p = path[r_a]
        r_ip = np.zeros(R, np.int64)
        s = p == 0
        r_ip[s] = fav[r_a[s], rng.integers(0, 3, int(s.sum()))]
        s = p == 1
        r_ip[s] = self.resi[rng.integers(0, len(self.resi), int(s.sum()))]
        s = p == 2
        cc = cl[r_a[s]]
        j = (rng.random(int(s.sum())) < 0.5).astype(np.int64)
        v = cc[np.arange(len(cc)), j]
        r_ip[s] = np.where(v >= 0, v, cc[:, 0])
        s = p == 3
        r_ip[s] = self.resell[rng.integers(0, len(self.resell), int(s.sum()))]
        # templates
        fam = fp.rand_sims(4)
        own = fp.para(np.tile(np.repeat(fam, 2), K))  # account a: own[8a:8a+8]
        u = rng.random(R)
        pub = self.top_codes[np.minimum(np.searchsorted(self.top_cum, rng.random(R)), 99)]
        opr = u >= 0.55
        fresh = opr & (rng.random(R) < 0.4)
        fpc = np.where(opr, own[8 * r_a + rng.integers(0, 8, R)], pub)
        nf = int(fresh.sum())
        fpc[fresh] = fp.para(fam[rng.integers(0, 4, nf)])
        S = RELEASE + (4 + 14 * rng.random()) * HOUR
        model = np.where(r_t >= S, np.where(rng.random(R) < 0.85, M_NEW, M_LARGE), M_LARGE)
        self.add_req(A[r_a], r_t, r_ip, model, fpc)

    # ------------------------------------------------------------------ benign groups
    def benign_ide_plugin(self):
        rng, N = self.rng, self.N
        n = max(150, int(round(0.01 * N)))
        country, tz, dom = self.people(n)
        created = self.created_ordinary(n, in_window=0.2)
        st, end = self.enforcement(created)
        acct = self.new_accounts("benign_ide_plugin", "benign_group", created, country, dom, st, end)
        self.cards(acct, created, end, p=0.7)
        home = self.home_ips(country)
        P = self.person_plan(country, home, mobile_p=0.1, vpn_p=0.1)
        extra = (np.zeros(n, np.int64), np.full(n, len(self.plugin)), self.plugin)
        M = self.mplan(n)
        out = self.traffic(
            acct,
            np.maximum(created, T0),
            np.minimum(end, T_END),
            self.nreq(n, median=40),
            tz,
            P,
            M,
            profile="work",
            weekend=0.4,
            sess_mean=6.0,
            gap_mean=40.0,
            extra=extra,
            p_extra=np.full(n, 0.6),
            add=False,
        )
        sw = RELEASE + (0.5 + 1.5 * rng.random(n)) * HOUR
        pl = out["src"] == 2
        pm = np.where(out["ts"] >= sw[out["loc"]], M_NEW, np.where(rng.random(len(pl)) < 0.9, M_LARGE, M_MINI))
        model = np.where(pl, pm, out["model"])
        self.add_req(out["acct"], out["ts"], out["ip"], model, out["fp"])

    def benign_hackathon(self):
        rng, fp, N = self.rng, self.fp, self.N
        n = int(np.clip(round(0.0015 * N), 200, 400))
        tzv = -5.0
        day12 = T0 + 12 * DAY - tzv * HOUR  # local midnight of day 12 in UTC
        u = rng.random(n)
        created = np.where(
            u < 0.75,
            day12 + (8.5 + 3 * rng.random(n)) * HOUR,
            np.where(
                u < 0.85,
                day12 + (-6 + 6 * rng.random(n)) * HOUR,
                np.where(u < 0.95, day12 + (12 + 6 * rng.random(n)) * HOUR, T0 - 300 * DAY * rng.random(n)),
            ),
        ).astype(np.int64)
        country = np.full(n, CC["US"])
        _, tz, _ = self.people(n, country=country)
        tz[:] = tzv
        uni = [self.dom(f"{x}.edu") for x in _name(rng, 3)]
        dom = self.email_domains(n, (), custom=0.2)
        ud = rng.random(n) < 0.2
        dom[ud] = np.array(uni)[rng.integers(0, 3, int(ud.sum()))]
        acct = self.new_accounts("benign_hackathon", "benign_group", created, country, dom)
        venue = self.ip.alloc(7922, 3)
        kick = day12 + 10 * HOUR
        hend = day12 + DAY + 18 * HOUR
        # payment: sponsor token 65%, own card 15%
        up = rng.random(n)
        promo = self.new_pm(1)[0]
        sp = np.nonzero(up < 0.65)[0]
        self.add_pm(
            acct[sp],
            np.full(len(sp), promo),
            np.maximum(created[sp], kick - HOUR) + rng.random(len(sp)) * HOUR,
            np.full(len(sp), T_END - 1),
        )
        so = np.nonzero((up >= 0.65) & (up < 0.8))[0]
        self.add_pm(acct[so], self.new_pm(len(so)), created[so], np.full(len(so), T_END - 1))
        starter = fp.new(3)
        sfam = fp.rand_sims(2)
        own = fp.para(np.tile(np.repeat(sfam, 2), n))  # 4 per participant
        ra, rt, ri, rf = [], [], [], []
        # kickoff
        k1 = np.nonzero(rng.random(n) < 0.7)[0]
        c1 = rng.integers(1, 4, len(k1))
        a = np.repeat(k1, c1)
        ra.append(a)
        rt.append(np.maximum(kick + rng.random(len(a)) * 5 * MINUTE, created[a] + 30))
        ri.append(venue[rng.integers(0, 3, len(a))])
        rf.append(starter[rng.integers(0, 3, len(a))])
        # workshop
        k2 = np.nonzero(rng.random(n) < 0.5)[0]
        c2 = rng.integers(1, 3, len(k2))
        a = np.repeat(k2, c2)
        ra.append(a)
        rt.append(np.maximum(kick + 4 * HOUR + rng.random(len(a)) * 3 * MINUTE, created[a] + 30))
        ri.append(venue[rng.integers(0, 3, len(a))])
        rf.append(own[4 * a + rng.integers(0, 4, len(a))])
        A = np.concatenate(ra)
        self.add_req(
            acct[A], np.concatenate(rt), np.concatenate(ri), np.full(len(A), M_LARGE, np.int8), np.concatenate(rf)
        )
        # hacking sessions
        w = np.zeros((n, NCOMP))
        w[:, C_OFFICE] = 0.9
        w[:, C_MOB] = 0.1
        office = np.stack([venue[rng.integers(0, 3, n)], venue[rng.integers(0, 3, n)]], axis=1)
        P = self.plan(n, w=w, mob=self.mob_pid(country), office=office)
        # extra CSR: starter (3 shared) + own 4 -> build per participant block of 7
        blk = np.empty((n, 7), np.int64)
        blk[:, :3] = starter[None, :]
        blk[:, 3:] = own.reshape(n, 4)
        extra = (np.arange(n) * 7, np.full(n, 7), blk.ravel())
        self.traffic(
            acct,
            np.maximum(created + 60, kick),
            np.full(n, hend),
            rng.integers(30, 121, n),
            tz,
            P,
            self.mplan(n, p_mini=0.2),
            profile="flat",
            sess_mean=5.0,
            gap_mean=60.0,
            extra=extra,
            p_extra=np.full(n, 0.4),
        )
        # after: 30% continue at home
        cont = np.nonzero(rng.random(n) < 0.3)[0]
        if len(cont):
            home = self.home_ips(country[cont])
            P2 = self.person_plan(country[cont], home)
            self.traffic(
                acct[cont],
                np.full(len(cont), hend + 2 * HOUR),
                np.full(len(cont), T_END),
                self.nreq(len(cont), median=8),
                tz[cont],
                P2,
                self.mplan(len(cont)),
            )

    def benign_household_ban(self):
        rng, fp, N = self.rng, self.fp, self.N
        n = max(60, int(round(0.003 * N)))
        sizes = []
        tot = 0
        while tot < n:
            s = int(rng.integers(2, 9)) if rng.random() < 0.1 else int(rng.integers(2, 7))
            late = rng.random() < 0.25
            sizes.append((s, late))
            tot += s + late
        H = len(sizes)
        hc = rng.choice(NC, size=H, p=CW)
        home = self.home_ips(hc)
        ban_t = T0 + (3 + 35 * rng.random(H)) * DAY
        share = rng.random(H) < 0.7
        hcard = np.full(H, -1, np.int64)
        hcard[share] = self.new_pm(int(share.sum()))
        hfam = rng.random(H) < 0.3
        accs, hids, tzs, cts, cre, ends, cardw = [], [], [], [], [], [], []
        for h, (s, late) in enumerate(sizes):
            k = s + late
            created = T0 - 500 * DAY * rng.random(k)
            if late:
                created[-1] = min(ban_t[h] + (1 + 9 * rng.random()) * DAY, T_END - 12 * HOUR)
            st = np.zeros(k, np.int64)
            end = np.full(k, INF)
            st[0] = 1 if rng.random() < 0.8 else 2
            end[0] = ban_t[h]
            country, tz, dom = self.people(k, country=np.full(k, hc[h]))
            a = self.new_accounts(
                "benign_household_ban", "benign_group", created.astype(np.int64), country, dom, st, end
            )
            accs.append(a)
            hids.append(np.full(k, h))
            tzs.append(tz)
            cts.append(country)
            cre.append(created)
            ends.append(end)
            cw = np.ones(k, bool)
            if late and rng.random() < 0.5:
                cw[-1] = False
            cardw.append(cw)
        acct = np.concatenate(accs)
        hid = np.concatenate(hids)
        tz = np.concatenate(tzs)
        country = np.concatenate(cts)
        created = np.concatenate(cre)
        end = np.concatenate(ends)
        cw = np.concatenate(cardw)
        k = len(acct)
        sh = share[hid] & cw & (created < T_END)
        self.add_pm(
            acct[sh],
            hcard[hid[sh]],
            np.maximum(created[sh], T0 - 300 * DAY) + rng.random(int(sh.sum())) * DAY,
            np.minimum(end[sh], T_END - 1),
        )
        self.cards(acct[~sh], created[~sh], end[~sh], p=0.5)
        fam = fp.new(2 * H)
        extra = (2 * hid, np.full(k, 2), fam)
        P = self.person_plan(country, home[hid], mobile_p=0.3, vpn_p=0.05)
        self.traffic(
            acct,
            np.maximum(created, T0),
            np.minimum(end, T_END),
            self.nreq(k, median=14),
            tz,
            P,
            self.mplan(k),
            extra=extra,
            p_extra=np.where(hfam[hid], 0.1, 0.0),
        )

    def benign_viral(self):
        rng, N = self.rng, self.N
        n = max(150, int(round(0.01 * N)))
        country, tz, dom = self.people(n)
        created = self.created_ordinary(n, in_window=0.15)
        created = np.minimum(created, T0 + 27 * DAY)
        st, end = self.enforcement(created)
        acct = self.new_accounts("benign_viral", "benign_group", created, country, dom, st, end)
        self.cards(acct, created, end, p=0.5)
        home = self.home_ips(country)
        P = self.person_plan(country, home)
        M = self.mplan(n)
        self.traffic(acct, np.maximum(created, T0), np.minimum(end, T_END), self.nreq(n, median=14), tz, P, M)
        V = T0 + 28 * DAY + 14 * HOUR
        c = rng.integers(1, 4, n)
        a = np.repeat(np.arange(n), c)
        d = np.minimum(3 * HOUR * np.exp(rng.standard_normal(len(a))), 30 * HOUR)
        t = V + d + _grp_rank(c) * rng.random(len(a)) * 20 * MINUTE
        ok = t < np.minimum(end[a], T_END)
        a, t = a[ok], t[ok]
        sip = self.pick_ips(a, t, P)
        var = rng.random(len(a)) < 0.15
        f = np.where(var, self.viral_var[rng.integers(0, 6, len(a))], self.viral[0])
        model = np.where(rng.random(len(a)) < 0.6, M_NEW, M_LARGE)
        self.add_req(acct[a], t, sip, model, f)

    def benign_school_lab(self):
        rng, fp, N = self.rng, self.fp, self.N
        n = max(60, int(round(0.003 * N)))
        nsch = max(1, int(np.ceil(n / 120)))
        per = np.full(nsch, n // nsch)
        per[: n - per.sum()] += 1
        for sidx in range(nsch):
            m = int(per[sidx])
            c = int(rng.choice([CC["US"], CC["GB"], CC["DE"], CC["FR"]], p=[0.5, 0.2, 0.15, 0.15]))
            nm = _name(rng, 1)[0]
            suffix = {CC["US"]: "-hs.org", CC["GB"]: "-school.uk", CC["DE"]: "-schule.de", CC["FR"]: "-lycee.fr"}[c]
            sdom = self.dom(nm + suffix)
            lab = self.home_ips(np.array([c, c]), v6=0)
            csz = []
            t = 0
            while t < m:
                s = int(rng.integers(20, 33))
                s = min(s, m - t)
                csz.append(s)
                t += s
            country = np.full(m, c)
            _, tz, _ = self.people(m, country=country)
            tzv = float(tz[0])
            tz[:] = tzv
            cls = np.repeat(np.arange(len(csz)), csz)
            # creation lesson per class: weekday day 0-9, hour 8-13 local
            days = np.array([d for d in range(10) if d % 7 < 5])
            cday = rng.choice(days, len(csz))
            chour = rng.integers(8, 14, len(csz))
            cstart = T0 + cday * DAY + chour * HOUR - tzv * HOUR
            created = (cstart[cls] + rng.random(m) * 45 * MINUTE).astype(np.int64)
            susp = rng.random(m) < 0.01
            end = np.where(susp, created + (5 + 20 * rng.random(m)) * DAY, INF)
            acct = self.new_accounts(
                "benign_school_lab", "benign_group", created, country, np.full(m, sdom), np.where(susp, 2, 0), end
            )
            ra, rt, ri, rf = [], [], [], []
            for ci, cs in enumerate(csz):
                mem = np.nonzero(cls == ci)[0]
                wd = rng.choice(5, 2, replace=False)
                hr = rng.integers(8, 15, 2)
                lessons = []
                for wk in range(7):
                    for j in range(2):
                        L = T0 + (7 * wk + int(wd[j])) * DAY + int(hr[j]) * HOUR - tzv * HOUR
                        if cstart[ci] + HOUR < L < T_END - HOUR:
                            lessons.append(L)
                if not lessons:
                    continue
                lessons = np.array(sorted(lessons))
                nl = len(lessons)
                lfam = fp.rand_sims(nl)
                canon = fp.add(lfam)
                pres = rng.random((nl, len(mem))) < 0.9
                pres &= lessons[:, None] < np.minimum(end[mem], T_END)[None, :] - HOUR
                for li in range(nl):
                    pm = mem[pres[li]]
                    if len(pm) == 0:
                        continue
                    nmo = int(rng.integers(3, 6))
                    mo = lessons[li] + np.sort(5 + 40 * rng.random(nmo)) * MINUTE
                    sa, stt = [], []
                    for t_m in mo:
                        who = pm[rng.random(len(pm)) < 0.8]
                        cnt = rng.integers(1, 3, len(who))
                        w2 = np.repeat(who, cnt)
                        sa.append(w2)
                        stt.append(t_m + rng.random(len(w2)) * 120)
                    cnt = rng.integers(2, 7, len(pm))
                    w2 = np.repeat(pm, cnt)
                    sa.append(w2)
                    stt.append(lessons[li] + rng.random(len(w2)) * 50 * MINUTE)
                    a = np.concatenate(sa)
                    tt = np.concatenate(stt)
                    R = len(a)
                    para = rng.random(R) < 0.5
                    f = np.full(R, canon[li], np.int64)
                    f[para] = fp.para(np.full(int(para.sum()), lfam[li], np.uint64))
                    ra.append(a)
                    rt.append(tt)
                    ri.append(lab[rng.integers(0, 2, R)])
                    rf.append(f)
            if ra:
                A = np.concatenate(ra)
                R = len(A)
                self.add_req(
                    acct[A],
                    np.concatenate(rt),
                    np.concatenate(ri),
                    np.where(rng.random(R) < 0.9, M_MINI, M_LARGE),
                    np.concatenate(rf),
                )
            hw = np.nonzero(rng.random(m) < 0.25)[0]
            if len(hw):
                home = self.home_ips(country[hw])
                P = self.person_plan(country[hw], home, mobile_p=0.3, vpn_p=0.0)
                self.traffic(
                    acct[hw],
                    np.maximum(created[hw], T0) + DAY,
                    np.minimum(end[hw], T_END),
                    rng.integers(5, 21, len(hw)),
                    tz[hw],
                    P,
                    self.mplan(len(hw), p_mini=0.9, early=0.0, later=0.1),
                    profile="evening",
                )

    def benign_enterprise(self):
        rng, fp, N = self.rng, self.fp, self.N
        n = int(np.clip(round(0.001 * N), 80, 400))
        c = CC["US"] if rng.random() < 0.6 else CC["DE"]
        tzv = -5.0 if c == CC["US"] else 1.0
        cdom = self.dom(f"{_name(rng, 1)[0]}-{_name(rng, 1, 1, 2)[0]}.com")
        prov = T0 + 1 * DAY + 9 * HOUR - tzv * HOUR
        late = rng.random(n) < 0.05
        created = np.where(late, prov + (2 + 30 * rng.random(n)) * DAY, prov + rng.random(n) * 10 * MINUTE).astype(
            np.int64
        )
        country = np.full(n, c)
        tz = np.full(n, tzv)
        acct = self.new_accounts("benign_enterprise", "benign_group", created, country, np.full(n, cdom))
        corp = self.new_pm(1)[0]
        self.add_pm(acct, np.full(n, corp), created, np.full(n, T_END - 1))
        isp = COUNTRIES[c][4][0]
        office_ips = self.ip.alloc(isp, 4)
        cvpn = self.ip.alloc(CORP_VPN_ASN, 2)
        n_ci = max(6, int(round(0.1 * n)))
        ci = np.zeros(n, bool)
        ci[rng.choice(np.nonzero(~late)[0], n_ci, replace=False)] = True
        emp = np.nonzero(~ci)[0]
        k = len(emp)
        office = np.stack([office_ips[rng.integers(0, 4, k)], cvpn[rng.integers(0, 2, k)]], axis=1)
        remote = rng.random(k) < 0.3
        home = np.full(k, -1, np.int64)
        home[remote] = self.home_ips(country[emp][remote])
        w = np.zeros((k, NCOMP))
        w[:, C_OFFICE] = 1.0
        w[remote, C_HOME] = 0.4
        P = self.plan(k, home=home, w=w, office=office)
        cex = fp.new(5)
        cfam = fp.rand_sims(3)
        own = fp.para(np.tile(np.repeat(cfam, 2), k))
        blk = np.empty((k, 11), np.int64)
        blk[:, :5] = cex[None, :]
        blk[:, 5:] = own.reshape(k, 6)
        extra = (np.arange(k) * 11, np.full(k, 11), blk.ravel())
        M = dict(p_mini=np.full(k, 0.3), adopt=RELEASE + (1 + 2 * rng.random(k)) * DAY, frac=np.full(k, 0.8))
        self.traffic(
            acct[emp],
            created[emp].astype(np.float64),
            np.full(k, T_END),
            self.nreq(k, median=30),
            tz[emp],
            P,
            M,
            profile="work",
            weekend=0.1,
            extra=extra,
            p_extra=np.full(k, 0.3),
        )
        # CI fleet
        runners = self.ip.alloc(16509, 2)
        cit = fp.new(4)
        cia = np.nonzero(ci)[0]
        h0 = np.ceil((prov + DAY - T0) / HOUR) * HOUR + T0
        hours = np.arange(h0, T_END - MINUTE, HOUR)
        a = np.repeat(cia, len(hours))
        hh = np.tile(hours, len(cia))
        cnt = rng.integers(1, 4, len(a))
        a = np.repeat(a, cnt)
        t = np.repeat(hh, cnt) + rng.random(len(a)) * 10
        S = RELEASE + (2 + 2 * rng.random()) * HOUR
        model = np.where(t >= S, M_NEW, M_LARGE)
        self.add_req(acct[a], t, runners[rng.integers(0, 2, len(a))], model, cit[rng.integers(0, 4, len(a))])

    def benign_university(self):
        rng, fp, N = self.rng, self.fp, self.N
        n = max(150, int(round(0.0075 * N)))
        c = CC["US"]
        tzv = -6.0
        udom = self.dom(self.univ_domain)
        early = rng.random(n) < 0.1
        nb = int(np.ceil(n / 60))
        bday = rng.choice([2, 3, 4], nb)
        bhour = rng.integers(9, 17, nb)
        bst = T0 + bday * DAY + bhour * HOUR - tzv * HOUR
        b = rng.integers(0, nb, n)
        created = np.where(early, T0 - 400 * DAY * rng.random(n), bst[b] + rng.random(n) * HOUR).astype(np.int64)
        country = np.full(n, c)
        tz = np.full(n, tzv)
        acct = self.new_accounts("benign_university", "benign_group", created, country, np.full(n, udom))
        tok = self.new_pm(1)[0]
        tk = np.nonzero(rng.random(n) < 0.75)[0]
        self.add_pm(
            acct[tk], np.full(len(tk), tok), created[tk] + rng.random(len(tk)) * HOUR, np.full(len(tk), T_END - 1)
        )
        campus = self.ip.alloc(UNIV_ASN, 6)
        home = self.home_ips(country)
        w = np.zeros((n, NCOMP))
        w[:, C_OFFICE] = 0.45
        w[:, C_HOME] = 0.40
        w[:, C_MOB] = 0.15
        P = self.plan(
            n,
            home=home,
            w=w,
            mob=self.mob_pid(country),
            office=np.stack([campus[rng.integers(0, 6, n)], campus[rng.integers(0, 6, n)]], axis=1),
        )
        # courses
        cf = fp.rand_sims(12)  # course c: families 2c, 2c+1
        canon = fp.add(cf)
        ncourse = np.where(rng.random(n) < 0.6, 1, 2)
        c1 = rng.integers(0, 6, n)
        c2 = (c1 + rng.integers(1, 6, n)) % 6
        # per student: 2 families per course x 2 paraphrases + canonical of each family
        fams = np.stack([2 * c1, 2 * c1 + 1, 2 * c2, 2 * c2 + 1], axis=1)
        nf = 2 * ncourse
        blk = np.full((n, 12), -1, np.int64)
        paras = fp.para(np.repeat(cf[fams.ravel()], 2)).reshape(n, 8)
        blk[:, :8] = paras
        blk[:, 8:] = canon[fams]
        # only use first nf families: reorder so used entries come first
        cnt = np.where(ncourse == 1, 6, 12)
        sel = np.array([0, 1, 2, 3, 8, 9, 4, 5, 6, 7, 10, 11])
        blk = blk[:, sel]
        extra = (np.arange(n) * 12, cnt, blk.ravel())
        start = np.maximum(created, T0).astype(np.float64)
        self.traffic(
            acct,
            start,
            np.full(n, T_END),
            self.nreq(n, median=12),
            tz,
            P,
            self.mplan(n, p_mini=0.7),
            extra=extra,
            p_extra=np.full(n, 0.35),
        )
        # weekly labs
        ra, rt, ri, rf = [], [], [], []
        for cc in range(6):
            mem = np.nonzero((c1 == cc) | ((ncourse == 2) & (c2 == cc)))[0]
            wd = int(rng.integers(0, 5))
            hr = int(rng.integers(9, 16))
            for wk in range(6):
                L = T0 + (7 * wk + wd) * DAY + hr * HOUR - tzv * HOUR
                if L < T0 + 5 * DAY or L > T_END - 3 * HOUR:
                    continue
                pm = mem[(rng.random(len(mem)) < 0.6) & (created[mem] < L)]
                k = rng.integers(2, 6, len(pm))
                a = np.repeat(pm, k)
                ra.append(a)
                rt.append(L + rng.random(len(a)) * 110 * MINUTE)
                ri.append(campus[rng.integers(0, 6, len(a))])
                fi = 2 * cc + rng.integers(0, 2, len(a))
                f = np.where(rng.random(len(a)) < 0.4, canon[fi], fp.para(cf[fi]))
                rf.append(f)
        if ra:
            A = np.concatenate(ra)
            self.add_req(
                acct[A],
                np.concatenate(rt),
                np.concatenate(ri),
                np.where(rng.random(len(A)) < 0.7, M_MINI, M_LARGE),
                np.concatenate(rf),
            )

    def benign_research_lab(self):
        rng, fp, N = self.rng, self.fp, self.N
        n = max(15, int(round(0.0005 * N)))
        c = rng.choice([CC["GB"], CC["US"], CC["DE"]])
        tzv = float(COUNTRIES[c][2][0])
        ldom = self.dom(f"{_name(rng, 1)[0]}-lab.org")
        created = np.where(rng.random(n) < 0.9, T0 - 200 * DAY * rng.random(n), T0 + 30 * DAY * rng.random(n)).astype(
            np.int64
        )
        country = np.full(n, c)
        acct = self.new_accounts("benign_research_lab", "benign_group", created, country, np.full(n, ldom))
        card = self.new_pm(1)[0]
        self.add_pm(acct, np.full(n, card), created, np.full(n, T_END - 1))
        lab = self.ip.alloc(COUNTRIES[c][4][0], 2)
        gpu = self.ip.alloc(15169, 4)
        fam = fp.rand_sims(1)
        ev = fp.para(np.repeat(fam, 40))
        nruns = 2 * NDAYS
        run = np.sort(T0 + rng.random(nruns) * (NDAYS * DAY - HOUR))
        part = (rng.random((n, nruns)) < 0.6) & (run[None, :] > created[:, None])
        ai, si = np.nonzero(part)
        k = rng.integers(15, 51, len(ai))
        dur = (10 + 20 * rng.random(len(ai))) * MINUTE
        st0 = run[si] + rng.random(len(ai)) * 5 * MINUTE
        gip = gpu[rng.integers(0, 4, len(ai))]
        a = np.repeat(ai, k)
        t = np.repeat(st0, k) + rng.random(len(a)) * np.repeat(dur, k)
        S = RELEASE + (3 + 3 * rng.random()) * HOUR
        R = len(a)
        model = np.where(t >= S, np.where(rng.random(R) < 0.7, M_NEW, M_LARGE), M_LARGE)
        self.add_req(acct[a], t, np.repeat(gip, k), model, ev[rng.integers(0, 40, R)])
        chat = np.nonzero(rng.random(n) < 0.1)[0]
        if len(chat):
            k2 = len(chat)
            w = np.zeros((k2, NCOMP))
            w[:, C_OFFICE] = 1
            P = self.plan(k2, w=w, office=np.stack([lab[rng.integers(0, 2, k2)], lab[rng.integers(0, 2, k2)]], axis=1))
            self.traffic(
                acct[chat],
                np.maximum(created[chat], T0).astype(np.float64),
                np.full(k2, T_END),
                self.nreq(k2, median=20),
                np.full(k2, tzv),
                P,
                self.mplan(k2, early=0.5),
                profile="work",
                weekend=0.2,
            )

    # ------------------------------------------------------------------ build & write
    def build(self):
        N = self.N
        self.fraud_marketplace()
        self.fraud_trialfarm()
        self.fraud_hydra()
        self.fraud_camo()
        self.benign_ide_plugin()
        self.benign_hackathon()
        self.benign_household_ban()
        self.benign_viral()
        self.benign_school_lab()
        self.benign_enterprise()
        self.benign_university()
        self.benign_research_lab()
        O = N - self.n_acc
        assert O > 0.5 * N, f"--accounts {N} is too small for the group floors (use >= 10000)"
        self.organic(O)
        assert self.n_acc == N, (self.n_acc, N)

    def write(self, out):
        rng = self.rng
        os.makedirs(out, exist_ok=True)
        A = {k: np.concatenate([c[k] for c in self.acc]) for k in self.acc[0]}
        n = self.n_acc
        perm = rng.permutation(n)  # output position -> old index
        rank = np.empty(n, np.int64)
        rank[perm] = np.arange(n)
        A = {k: v[perm] for k, v in A.items()}
        ids = pa.array(_letters(rng, n, b"acct_"), type=pa.binary()).cast(pa.string())
        # requests
        acct = np.concatenate([r[0] for r in self.req])
        ts = np.concatenate([r[1] for r in self.req])
        ip = np.concatenate([r[2] for r in self.req])
        model = np.concatenate([r[3] for r in self.req])
        fpc = np.concatenate([r[4] for r in self.req])
        self.req = None
        acct = rank[acct]
        ok = (ts >= np.maximum(A["created"][acct], T0)) & (ts < np.minimum(A["end"][acct], T_END))
        self.dropped = int((~ok).sum())
        acct, ts, ip, model, fpc = acct[ok], ts[ok], ip[ok], model[ok], fpc[ok]
        o = np.lexsort((acct, ts))
        acct, ts, ip, model, fpc = acct[o], ts[o], ip[o], model[o], fpc[o]
        del o, ok
        ip_str = pa.array(self.ip.strs, type=pa.string())
        ip_asn = np.array(self.ip.asns, np.int64)
        fp_sims = self.fp.all_sims()
        fp_ids = pa.array(_letters(rng, len(fp_sims), b"fp_"), type=pa.binary()).cast(pa.string())
        fp_hex = pa.array(_hex16(fp_sims), type=pa.binary()).cast(pa.string())
        pm_ids = pa.array(_letters(rng, max(self.n_pm, 1), b"pm_"), type=pa.binary()).cast(pa.string())
        mstr = pa.array(MODELS, type=pa.string())

        def tcol(x):
            return pa.array(np.asarray(x, np.int64) * 1_000_000, type=pa.int64()).cast(pa.timestamp("us", tz="UTC"))

        def wr(tbl, name):
            pq.write_table(tbl, os.path.join(out, name + ".parquet"), compression="snappy")

        req = pa.table(
            {
                "account_id": ids.take(pa.array(acct)),
                "timestamp": tcol(ts),
                "ip": ip_str.take(pa.array(ip)),
                "model": mstr.take(pa.array(model.astype(np.int64))),
                "prompt_fingerprint": fp_ids.take(pa.array(fpc)),
                "prompt_simhash": fp_hex.take(pa.array(fpc)),
            }
        )
        wr(req, "requests")
        self.n_req = req.num_rows
        del req

        def agg(key2, nkey2):
            key = acct * np.int64(nkey2) + key2
            o = np.argsort(key, kind="stable")
            ks = key[o]
            tss = ts[o]
            b = np.ones(len(ks), bool)
            b[1:] = ks[1:] != ks[:-1]
            st = np.nonzero(b)[0]
            first = np.minimum.reduceat(tss, st)
            last = np.maximum.reduceat(tss, st)
            cnt = np.diff(np.append(st, len(ks)))
            u = ks[st]
            return u // nkey2, u % nkey2, first, last, cnt

        a, i, f, l, c = agg(ip.astype(np.int64), len(self.ip.strs))
        wr(
            pa.table(
                {
                    "account_id": ids.take(pa.array(a)),
                    "ip": ip_str.take(pa.array(i)),
                    "asn": pa.array(ip_asn[i]),
                    "first_seen": tcol(f),
                    "last_seen": tcol(l),
                    "request_count": pa.array(c.astype(np.int64)),
                }
            ),
            "proxies",
        )
        self.n_prox = len(a)
        a, i, f, l, c = agg(fpc.astype(np.int64), len(fp_sims))
        wr(
            pa.table(
                {
                    "account_id": ids.take(pa.array(a)),
                    "fingerprint": fp_ids.take(pa.array(i)),
                    "simhash": fp_hex.take(pa.array(i)),
                    "first_seen": tcol(f),
                    "last_seen": tcol(l),
                    "request_count": pa.array(c.astype(np.int64)),
                }
            ),
            "prompt_fingerprints",
        )
        self.n_fp = len(a)
        # payment methods
        pa_ = np.concatenate([rank[p[0]] for p in self.pm])
        pp = np.concatenate([p[1] for p in self.pm])
        pf = np.concatenate([p[2] for p in self.pm])
        pl = np.concatenate([p[3] for p in self.pm])
        cr = A["created"][pa_]
        pf = np.maximum(pf, cr)
        en = np.minimum(A["end"][pa_], T_END - 1).astype(np.int64)
        pl = np.minimum(pl, np.maximum(en, pf))
        pl = np.maximum(pl, pf)
        # drop duplicate (account, card) rows, keep earliest
        o = np.lexsort((pf, pp, pa_))
        pa_, pp, pf, pl = pa_[o], pp[o], pf[o], pl[o]
        d = np.ones(len(pa_), bool)
        d[1:] = (pa_[1:] != pa_[:-1]) | (pp[1:] != pp[:-1])
        pa_, pp, pf, pl = pa_[d], pp[d], pf[d], pl[d]
        wr(
            pa.table(
                {
                    "account_id": ids.take(pa.array(pa_)),
                    "payment_method_id": pm_ids.take(pa.array(pp)),
                    "first_seen": tcol(pf),
                    "last_seen": tcol(pl),
                }
            ),
            "payment_methods",
        )
        self.n_pmrows = len(pa_)
        # accounts
        dom = pa.array(self.dom_names, type=pa.string())
        ctry = pa.array([c[0] for c in COUNTRIES], type=pa.string())
        stt = pa.array(STATUS, type=pa.string())
        wr(
            pa.table(
                {
                    "account_id": ids,
                    "created_at": tcol(A["created"]),
                    "email_domain": dom.take(pa.array(A["domain"].astype(np.int64))),
                    "country": ctry.take(pa.array(A["country"].astype(np.int64))),
                    "status": stt.take(pa.array(A["status"].astype(np.int64))),
                }
            ),
            "accounts",
        )
        # truth
        gname = [g for g, _ in self.groups]
        gkind = [k for _, k in self.groups]
        idl = ids.to_pylist()
        with open(os.path.join(out, "truth.csv"), "w", newline="") as fh:
            fh.write("account_id,group,kind,status,replacement\n")
            fh.write(
                "".join(
                    f"{a},{gname[g]},{gkind[g]},{STATUS[s]},{r}\n"
                    for a, g, s, r in zip(idl, A["group"].tolist(), A["status"].tolist(), A["repl"].tolist())
                )
            )
        self.A = A


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    t = time.time()
    w = World(args.accounts, args.seed)
    w.build()
    w.write(args.out)
    gname = [g for g, _ in w.groups]
    counts = np.bincount(w.A["group"], minlength=len(gname))
    print(
        f"wrote {args.out}: {w.n_acc} accounts, {w.n_req} requests, {w.n_prox} proxy rows, "
        f"{w.n_fp} fingerprint rows, {w.n_pmrows} payment rows in {time.time() - t:.1f}s "
        f"(dropped {w.dropped} out-of-life requests)",
        file=sys.stderr,
    )
    for g, (name, kind) in enumerate(w.groups):
        print(f"  {name:24s} {kind:13s} {counts[g]}", file=sys.stderr)


if __name__ == "__main__":
    main()
