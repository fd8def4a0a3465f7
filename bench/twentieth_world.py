#!/usr/bin/env python3
"""twentieth_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/twentieth_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and ``requests``
(+ ``ip``, ``model``, ``prompt_fingerprint``, ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the
columns ``account_id,group,kind,status,replacement,segment``.  ``kind`` is ``fraud``, ``benign_group`` or
``organic``; ``group`` is ``op_*``, ``trap_*`` or ``organic``; ``segment`` is the organic sub-population (``org_*``)
or the group name; ``status`` equals ``accounts.status``; ``replacement`` is 1 only for fraud accounts created to take
the place of an enforced fraud account.  Default N = 20,000, seed 1; N >= 5,000 (floors keep small groups alive; the
organic population fills up to exactly N).  Only numpy, pandas and pyarrow; one ``numpy.random.Generator`` seeded
from ``--seed`` makes every random choice, so a seed gives byte-identical files.  ~3 s at 6k, ~8 s at 20k (~1.5M
requests).  Written blind (data contract, anchors and the nineteenth world's header only).  Theme: payment, identity
and organisation -- cards, seats, workspaces, credit programmes, billing, procurement.

CLOCK, MODELS, IDENTIFIERS
    35 days from Mon 2027-01-04 00:00 UTC (day 0) to Mon 2027-02-08.  ``sable-4``, ``sable-4-mini`` and
    ``sable-4-coder`` exist all along; ``sable-5`` is released WEDNESDAY 2027-01-20 17:00 UTC (day 16.7).  Ordinary
    adoption: 6% of people within 0.5-24 h, 32% after release + Exp(6 days), the rest never; an adopter sends 65% of
    later requests to it.  Ids are ``acct_`` / ``pm_`` / ``fp_`` + 14 lowercase letters (payment methods are processor
    tokens; no digits anywhere in an id).  Enforcement (status banned / suspended) stops an account's traffic at its
    enforcement time; requests before creation or outside the window are dropped.  ``proxies`` and
    ``prompt_fingerprints`` are exact group-bys of the request log; ``payment_methods.first_seen`` is when the card was
    attached, ``last_seen`` when it was last usable (detached, account enforced, or the window's end).  Account rows
    (and truth rows) are in random order.

PROMPTS AND SIMHASH
    A template is an integer key with a hashed 64-bit SimHash base (unrelated templates ~32 bits apart).  A request is
    (template, variant): variant 0 is the exact text; any other variant is a paraphrase/edit with its own fingerprint
    and SimHash = base with 1-5 bits flipped (derived from the fingerprint).  FRESH variants are random (a new
    fingerprint per request); STICKY variants are fixed numbers shared by whoever uses them.  A SimHash whose hex holds
    a run of >= 12 decimal digits gets its 8th hex digit forced to a letter (<= 2 more bits).  Organic prompts: unique
    text; 600 public templates (Zipf 1.1; 20% as one of 5 shared edits); 1-3 personal templates (40% a sticky edit);
    company templates (2 per company, 50% a per-person sticky edit); the system prompts of three popular agent
    frameworks -- Lattice, Relaywork, Quokka (55/30/15% of developers; verbatim 60%, fresh 40%) -- which all ship new
    system prompts on day 13 15:00 UTC (85% of later uses carry the new one); 15 Calder University course templates
    (Zipf, half fresh); 8 public cron scripts.

IP SPACE (one ASN per address; IPv4 from per-ASN /16 blocks; 8% of homes IPv6)
    16 countries, two home ISPs and one mobile carrier each; carrier CGNAT pools of max(3, N*w/600) addresses.  Eight
    clouds, six business ISPs (office NATs).  Shared services: "Tunnelfox", a consumer VPN (max(30, N/700) exits on
    AS9009 / AS212238, Zipf 0.9); "Meshgate", a residential proxy whose exits are real home connections (max(300, N/30)
    homes + 1% of the organic homes), random exit per session; "Netveil", a secure web gateway (max(12, N/1500)
    addresses, AS53813) that carries ALL traffic of enterprise staff, office or home; Calder University
    (``calder.edu``, campus NAT of 4 addresses, AS11537); five coworking spaces with 2 NAT addresses each.

FRAUD OPERATIONS (kind ``fraud``; ~3% of N including replacements)
------------------------------------------------------------------
``op_chargeback``  (max(8, N/600) lineages, ~5 accounts each, most of them replacements) -- A REFUND LOOP ON
    HAND-ME-DOWN VIRTUAL CARDS.  A crew buys credit with virtual cards, burns it, then disputes the charge.  Each
    account claims its own identity (US 40, GB / CA 15, AU / DE / FR 10%; webmail 70 / privacy 20 / national 10%) and
    carries two cards: a primary that is charged and disputed and a never-charged backup.  The provider's billing job
    suspends disputed accounts in a weekly batch, WEDNESDAY 13:00-19:00 UTC, the first Wednesday >= 4 days after the
    account's creation (20%: a week later); 85% suspended, 15% banned.  1-10 h later a successor (replacement=1) is
    created and takes the predecessor's BACKUP as its own primary (plus a fresh backup): every card sits on 2
    accounts, one after the other (first lineages start days -6..+2).  Within a Wednesday batch 20% of the successors
    swap the inherited cards round (chains cross lineages) and 20% also attach one more released card (a card on 3
    accounts).  Traffic: from 1-6 h after creation until suspension, ~10 sessions a day at random times outside the
    lineage's 8-hour off shift, 8+Poisson(7) requests 3-10 s apart, each session a random Meshgate exit; 4 op
    families (35/30/20/15; fresh 82%, exact 6%, cover 12%); sable-4 (20% of accounts coder), each lineage moves 85% of
    its traffic to sable-5 at release + 2-8 h.  ~700 requests per account.  Signal: card chains of degree-2/3 tokens
    whose holders succeed each other in time, successors born hours after each weekly suspension batch, near-all
    suspended, op families, model pivot, volume.  Evasion: NEW -- no card on more than 3 accounts nor on two live
    accounts at once, no shared private address (residential exits shared with Meshgate's customers), no co-timing,
    no exact template.

``op_warmfarm``  (max(30, 0.85% N)) -- AN ACCOUNT-WARMING FARM SELLING LOTS TO A DISTILLER.  A seller creates one
    account at a time, evenly over days -60..-4 (US 35, IN 15, GB / CA 15, AU / DE 10%; webmail 80 / national 20%;
    each its own prepaid card), and "warms" it with a scheduler: each day 0 / 1 / 2 sessions (15/65/20%) in local
    daytime through the farm's 4G modems (the claimed country's carrier CGNAT pool), 2-5 requests 20-120 s apart: 55%
    from the farm's private WARMING LIBRARY (60 innocuous exact prompts, uniform; each ends up on about a third of the
    farm and on nobody else), 30% public templates, 15% unique; mini / sable-4.  Lots of 20/25/25/20% (oldest first,
    5 days of noise; 10% never sold and keep warming) are handed to the buyer on days 5, 12, 19, 26 at 15:00 UTC
    (+0-3 h per account): warming stops for good; the buyer runs the lot from ceil(lot/5) Hetzner / OVH VMs (each
    account sticky to one, 75% of sessions) with one job queue, Poisson(lot/24 per hour) jobs round the clock, each
    fanned out to 3-6 lot members that start within 60 s, 8+Poisson(6) requests 4-12 s apart; 3 op families
    (50/30/20; fresh 85%, exact 5%, cover 10%); sable-4 / coder (70/30), sable-5 per lot at release + 1-4 h (or at
    hand-over) for 90%.  ~1,000 requests per account.  Bans: day 22 14:00-17:00 UTC 30% of lots 1-2, day 31 25% of
    lots 2-3; not replaced (the buyer uses the next lot).  Signal: 20-50 aged accounts flip together within 3 hours
    from carrier addresses and library prompts to shared VMs, op families and lockstep; the private library; VMs
    shared by ~5.  Evasion: NEW -- accounts aged 1-9 weeks with a daily human-looking history, own cards, carrier
    CGNAT shared with thousands, no creation burst; before hand-over nothing is co-timed.

``op_grantfarm``  (max(8, N/1000) startups x 2-5 founders, + replacement startups) -- FAKE STARTUPS FARMING A
    STARTUP-CREDIT PROGRAMME.  The "Ignite Credits" programme gives API credit to young companies with a company card
    on file.  The crew registers fake startups at its three intakes (days -10, +4, +18; 40/35/25%): each a fresh vanity
    domain (.ai/.io/.dev/.co), 2-5 founders (30/35/25/10%) created within 3 h (14:00-22:00 UTC), ONE company card on
    all founders, US 60 / GB 15 / CA 10 / SG 8 / IN 7%.  Credits burn for 10-17 days, then the startup is abandoned.
    Programme reviews on days 15 and 29 (16:00 UTC) ban 60% of the startups live at the time (all founders within 2 h);
    each banned startup is replaced 1-3 days later by a fresh one (replacement=1: new domain, card, founders).  One
    pipeline: a pool of max(6, S/2+2) AWS / GCP VMs; every week each startup is given 2 pool VMs (so a VM serves 3-6
    companies over the window, some at once); a dispatch every 20-40 min inside 13:00-05:00 UTC in which each live
    startup takes part with p .6 (1-2 founders, start within 120 s, 6+Poisson(4.5) requests 5-15 s apart); 4 op
    families (40/30/20/10; fresh 85%, exact 5%, cover 10%); sable-4 / coder (75/25), sable-5 op-wide at release +
    0.5-2 h (95%).  Cover: 0.8 sessions a day per founder via Meshgate.  ~730 requests per founder.  Signal: VMs
    shared ACROSS companies, cross-company co-activity in the same 2-minute windows, op families, intake waves, bans
    followed by look-alike startups, the op-wide switch.  Evasion: NEW -- every hard link (card, domain) stays inside a
    plausible small company, exactly like ``trap_startup_cohort``; no private address belongs to one company only.

``op_guestseats``  (max(5, N/1000) workspaces x (owner + 5-8 guests), + replacements) -- CARDLESS INVITED GUESTS IN
    TEAM WORKSPACES.  Each workspace's owner is a front (vanity "consultancy" domain, the workspace's card, a home
    address; US 45 / GB 20 / CA 15 / AU / NL 10%; created days -40..-15).  On a day in -14..+8 (owner's office hours)
    the owner invites 5-8 GUESTS within 30 minutes: webmail 85 / privacy 15%, claimed countries IN 25 / PH 20 / US 15
    / NG / BR / PL / MX 10%, and NO payment method (billing is the workspace's).  The owner tests the workspace
    instructions once 40 min later, then ~2 admin sessions a week from home.  One op-wide scheduler: at the TOP OF
    EVERY HOUR each live guest joins with p .25 and starts at HH:00:00-HH:01:30; 5-12 requests 6-18 s apart; the first
    is the workspace instructions (one op template; each workspace its own sticky edit -- exact inside the workspace,
    near-duplicate across workspaces); the rest 3 op families (50/30/20; fresh 88%, exact 4%, cover 8%); every
    session a Tunnelfox exit.  Sweeps on days 13 and 25 (15:00 UTC + 0-3 h) ban 30% of live guests; the owner invites
    a replacement guest into the same workspace 6-30 h later (replacement=1).  sable-4 / coder (80/20), sable-5
    op-wide at release + 3-6 h (90%).  ~960 requests per guest.  Signal: hundreds of repeated top-of-hour
    co-sessions across workspaces, workspace-instruction near-duplicates, invite bursts, cardless high-volume guests,
    replacements inside a workspace.  Evasion: NEW -- the workers have no payment method at all (no hard link), their
    addresses are consumer VPN exits shared with thousands, and their rhythm hides in the top-of-hour rush of cron
    jobs.

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be listed)
-------------------------------------------------------------------
``trap_tax_season``  (max(3, N/5000) branches x 8+Poisson(6) seats, + successors) -- "Ledgerly Tax" seasonal
    preparers (``ledgerlytax.com``, US branches in UTC-5..-8, 2 NAT addresses each).  Each seat has a virtual card
    from the firm's spend platform; 70% of first occupants are created on training day (Mon Jan 11, 08:45-10:30 local),
    the rest days 8-20.  30% quit between days 12 and 30 and their SEAT CARD IS REASSIGNED to a new hire created 1-5
    days later (15% of hires quit again) -- the departed account just falls silent.  Mon-Sat office hours at the
    branch NAT (10% from home), 1.5 sessions a day, 3 after the IRS e-file opening (day 21); 65% firm templates
    (6, Zipf; verbatim 40 / per-preparer sticky 40 / fresh 20%), 35% unique.  Everyone hired on training day runs the
    exercise template verbatim at 10:15 local, within 3 minutes.  IT turns on sable-5 firm-wide on day 23 16:00 UTC
    (90%).  Looks like op_chargeback: cards passing from departed accounts to successors, creation bursts, co-timed
    exact prompts, a concentrated model switch.  Innocent: one employer's domain, office NATs, office hours, low volume.
``trap_startup_cohort``  (max(6, N/1500) startups x 2-4 founders + 3 staff) -- the "Foundry Row" accelerator's winter
    batch: all founders created during kickoff (Tue Jan 5 18:00-20:00 UTC) with a first request from the coworking NAT
    (2 addresses); each startup a fresh vanity domain, ONE company card, its own AWS VM, two product templates; staff on
    ``foundryrow.vc`` share one card.  Founders: ~2 sessions a day in Pacific time (home 55 / coworking 30 / the
    startup's VM 15%).  Workshops Tue/Thu: at 15:30 and 16:20 PT "now run it" -- 80% of founders within 2 minutes,
    3-8 requests of the workshop template (60% fresh paraphrases) on the coworking NAT.  A launch watch party: 70%
    try sable-5 0.5-2 h after release (75% of their later traffic).  Looks like op_grantfarm: a burst of new companies
    with new domains and company cards, shared addresses across companies, co-timed templates, quick adoption.
    Innocent: modest volume, product-specific prompts, one venue, human hours.
``trap_agency_guests``  (max(4, N/2500) client workspaces x (client owner + 4-9 guests)) -- freelancers of two
    agencies (Brightwell Digital, Kettle & Quill) invited as GUESTS into client workspaces: the client owner has a
    domain, the card and an office NAT; guests are invited within 20 minutes (days -40..+20), webmail, NO payment
    method, from PH / IN / BR / PL / US / GB / MX / NG / ES homes; 30% of them route 80% of sessions through Tunnelfox.
    Content sprints Tue/Thu 14:00 UTC (75% join within 5 min, 5-15 requests: the client brief -- the agency's brief
    boilerplate with a per-client sticky edit, exact inside a workspace and near-duplicate across -- then fresh
    paraphrases of the agency's copy template); ~1.3 sessions a day otherwise.  sable-5 7-8 days after release (80%).
    Looks like op_guestseats: cardless guests, invite bursts, co-timed sessions, workspace-level exact prompts, VPN.
    Innocent: low volume, two fixed sprints a week, real homes, not hourly.
``trap_winback_promo``  (max(50, 0.5% N)) -- accounts created 1-4 years ago and silent in the window until the
    provider's own win-back email (Thu Jan 21 15:00 UTC: credit to try sable-5).  They return after a lognormal delay
    (median 5 h) from their homes (75%) or carriers all over the world, send 1-3 of the email's three suggested prompts
    verbatim (sable-5 90%), then a few of their own; 45% attach a NEW card on return (60% had one that expired long
    ago); 60% keep using lightly (2 evening sessions a week).  Looks like op_warmfarm's hand-over: aged accounts
    waking together, identical exact prompts, cards attached in a burst, concentrated adoption.  Innocent: worldwide
    homes, no shared card or address, tiny volume.
``trap_gift_seats``  (max(3, N/4000) companies x (office manager + 8-30 recipients)) -- corporate gifting: an office
    manager buys gift subscriptions and creates all the gift accounts in ONE SITTING (within 40 min, weekday office
    hours, days 2-22), each billed to the COMPANY CARD (one card on up to 31 accounts), and sends the company's welcome
    prompt once from the office NAT per account within 90 s of its creation.  Recipients (half in the company's
    country, half anywhere; half on their own firms' domains) start 1-6 days later from their own homes with their
    own prompts (75%).  Suspicious: one card on dozens of accounts, a creation burst on one address, one identical
    first prompt.  Innocent: after the first minute they have nothing in common.
``trap_month_close``  (max(40, 0.35% N)) -- customers of "Tallyflow", an accounts-payable automation vendor that runs
    invoice extraction with each customer's own key (customers: own domains, cards; 25% also use the key from the
    office).  A run at 02:00 UTC each weekday; during month-end close (days 24-30, Jan 28 - Feb 3) three runs a day
    (02/10/18 UTC) at double volume.  Within a run every customer's invoices are interleaved ~0.5 s apart round-robin
    over Tallyflow's 8 workers (6 AWS, 2 GCP); every invoice 1-3 requests of the extraction / validation templates,
    always fresh paraphrases (near-duplicates, never exact); sable-4-mini until Tallyflow's fleet switch (Tue Jan 26
    03:00 UTC), then sable-5 only.  Lockstep on shared cloud addresses, massive near-duplicate volume, a 100% switch
    on one day -- all the vendor's.

ORGANIC POPULATION (kind ``organic``; the rest, ~94% of N)
    Created up to 5 years back (exponential, mean 420 days; 10% inside the window); lognormal volume (median 22 over
    the window, sigma 1.1, scaled by the active fraction; 8% dormant); sessions of 1+Poisson(1.8) requests 8-150 s
    apart in the local rhythm.  Segments (share of the organic total): ``org_individual`` (37.5%, home; 40% also
    carrier), ``org_household`` (14%, 2-5 on one home, half of the households on one family card), ``org_company``
    (14%, 3-60 coworkers on their own domain, office NAT of 1-3 addresses, 35% one company card, company templates,
    30% also from home), ``org_enterprise`` (3%, 40-250 staff behind Netveil, invoiced: no card), ``org_mobile`` (9%,
    carrier only), ``org_developer`` (6%, cloud VM + home, coder model, agent frameworks, double volume), ``org_cron``
    (2.5%, jobs at HH:00:00-HH:04 hourly / 6-hourly / daily (10/30/60%) from the user's VM, 35% a public script, 10%
    a "latest" alias that moves to sable-5 at release), ``org_vpn`` (4%, Tunnelfox 70%), ``org_resi_proxy`` (2%,
    Meshgate 85%), ``org_student`` (5%, ``calder.edu``, campus NAT + home, 45% carded: the rest are on student
    credits), ``org_freelancer`` (3%, coworking NAT + home).  0.4% enforced at random (60% banned, 40% suspended).

NEW IN THIS WORLD
    All ten scenarios are NEW; none repeats an earlier world's scenario: the refund loop on hand-me-down cards
    (op_chargeback), the warming farm selling lots (op_warmfarm), fake startups farming a credit programme
    (op_grantfarm), cardless invited guests in team workspaces (op_guestseats), and the innocent seat-card
    reassignment at a seasonal employer (trap_tax_season), accelerator cohort (trap_startup_cohort), agency
    freelancers as guests (trap_agency_guests), provider win-back campaign (trap_winback_promo), corporate gift
    subscriptions on one card (trap_gift_seats) and a BYOK accounts-payable vendor's month-end close
    (trap_month_close).
"""

import argparse
import os
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DAY, HOUR, MIN = 86400, 3600, 60
T0, NDAYS = int(pd.Timestamp("2027-01-04T00:00:00Z").timestamp()), 35
T1 = T0 + NDAYS * DAY
REL = T0 + 16 * DAY + 17 * HOUR  # sable-5: Wed 2027-01-20 17:00 UTC
NEVER = 2**62
MODELS = ["sable-4", "sable-4-mini", "sable-4-coder", "sable-5"]
S4, MINI, CODER, S5 = 0, 1, 2, 3
U64 = np.uint64

AWS, GCP, AZURE, DO, HETZNER, OVH, VULTR, LINODE = 16509, 15169, 8075, 14061, 24940, 16276, 20473, 63949
CLOUDS = [AWS, GCP, AZURE, DO, HETZNER, OVH, VULTR, LINODE]
CLOUD_P = [0.3, 0.2, 0.12, 0.12, 0.1, 0.06, 0.05, 0.05]
BUSINESS = [174, 3356, 6461, 3257, 1299, 2914]
TUNNELFOX_ASNS = (9009, 212238)  # consumer VPN exits (hosting ASNs)
NETVEIL_ASN, CAMPUS_ASN = 53813, 11537  # secure web gateway; Calder University

# code, weight, utc offset, home ISPs, mobile carrier, national mail domain
COUNTRIES = [
    ("US", 0.30, -6, (7922, 7018), 21928, "comcast.net"),
    ("GB", 0.08, 0, (2856, 5089), 12576, "btinternet.com"),
    ("DE", 0.07, 1, (3320, 3209), 6805, "gmx.de"),
    ("NL", 0.03, 1, (1136, 33915), 50266, "kpnmail.nl"),
    ("FR", 0.05, 1, (3215, 12322), 51207, "free.fr"),
    ("CA", 0.05, -5, (812, 577), 22652, "shaw.ca"),
    ("AU", 0.03, 10, (1221, 4804), 133612, "bigpond.com"),
    ("IN", 0.10, 5, (24560, 9829), 55836, "rediffmail.com"),
    ("BR", 0.06, -3, (28573, 18881), 26615, "uol.com.br"),
    ("MX", 0.03, -6, (8151, 28548), 28403, "prodigy.net.mx"),
    ("ES", 0.04, 1, (3352, 12479), 12430, "telefonica.net"),
    ("PL", 0.03, 1, (5617, 12741), 12912, "wp.pl"),
    ("JP", 0.05, 9, (4713, 2516), 9605, "nifty.com"),
    ("PH", 0.04, 8, (9299, 17639), 132199, "pldt.net"),
    ("NG", 0.02, 1, (37148, 36873), 29465, "ngmail.ng"),
    ("SG", 0.02, 8, (9506, 55430), 4773, "singnet.com.sg"),
]
CC = [c[0] for c in COUNTRIES]
CI = {c: i for i, c in enumerate(CC)}
CW = np.array([c[1] for c in COUNTRIES])
CW = CW / CW.sum()
CTZ = np.array([c[2] for c in COUNTRIES])
WEBMAIL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com"]
WEBMAIL_P = [0.56, 0.18, 0.1, 0.11, 0.05]
PRIVACY = ["proton.me", "tuta.io"]
SYL = "ka lo mi ra ne vo tu si pe da ri no ve la mo zu fi ta ko ru be ni so ga le xa qui den mar tor wen bel"
SYL = SYL.split(" ")  # syllables of vanity domains

# hour-of-day profiles (local time)
_PROF = {
    "day": [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3.5, 5, 6, 6, 5.5, 6, 6, 5.5, 5, 4.5, 4.5, 5, 5, 4.5, 3, 2],
    "office": [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2, 6, 9, 10, 9, 6, 8, 9, 9, 8, 5, 2, 1, 0.8, 0.6, 0.4, 0.2],
    "evening": [2, 1, 0.5, 0.3, 0.2, 0.3, 1, 2, 2.5, 2.5, 3, 3, 3.5, 3, 3, 3, 3.5, 4.5, 6, 7, 7.5, 7, 5.5, 3.5],
    "late": [3, 2, 1.2, 0.6, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4.5, 4.5, 5, 5, 5, 5, 5, 5, 5.5, 6, 6, 5.5, 4.5],
    "flat": [3, 3, 2.5, 2.5, 2.5, 2.5, 3, 3.5, 4, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4, 4, 3.5, 3],
}
PROF = {k: np.array(v) / np.sum(v) for k, v in _PROF.items()}
PROF_NAMES = list(PROF)

# organic routes
HOME, MOBILE, OFFICE, CLOUD, VPN, RESI, CAMPUS, COWORK, SWG = range(9)
# organic prompt categories
P_UNIQ, P_PUB, P_PERS, P_COMP, P_FRAME, P_COURSE = range(6)


def mix(x):
    """splitmix64 finaliser on uint64 arrays."""
    x = np.asarray(x).astype(U64)
    x = x ^ (x >> U64(30))
    x = x * U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> U64(27))
    x = x * U64(0x94D049BB133111EB)
    return x ^ (x >> U64(31))


def zipf_p(n, s):
    p = 1.0 / np.arange(1, n + 1) ** s
    return p / p.sum()


def letters(keys, width=14):
    """Injective base-26 spelling of uint64 keys as lowercase letters."""
    k = np.asarray(keys).astype(U64)
    out = np.empty((len(k), width), dtype=np.uint8)
    for i in range(width):
        out[:, width - 1 - i] = (k % U64(26)).astype(np.uint8) + 97
        k = k // U64(26)
    return out.view(f"S{width}").ravel().astype(str)


def fix_digit_runs(sh):
    """Break any run of >= 12 decimal hex digits: the nibble at position 7 becomes a letter (<= 2 bits change)."""
    nib = np.stack([(sh >> U64(4 * (15 - i))) & U64(15) for i in range(16)], axis=1)
    dig = (nib < 10).astype(np.int32)
    cs = np.concatenate([np.zeros((len(sh), 1), np.int32), np.cumsum(dig, axis=1)], axis=1)
    bad = ((cs[:, 12:] - cs[:, :-12]) >= 12).any(axis=1)
    sh = sh.copy()
    sh[bad] |= U64(0xA) << U64(4 * 8)
    return sh


class World:
    def __init__(self, n, seed):
        self.n = n
        self.rng = np.random.default_rng(seed)
        r = self.rng
        self.salt = r.integers(1, 2**62, 3).astype(U64)
        # accounts
        self.a = {k: [] for k in ("created", "country", "domain", "status", "enf", "group", "kind", "repl", "seg")}
        # payment links
        self.pay = []  # (acct, pm, first, last)
        self.n_pm = 0
        # ips
        self.ip_str, self.ip_asn = [], []
        self.blocks, self.used16 = {}, set()
        self.rq = []
        self.next_tid = 1000
        self.next_uniq = 1 << 41
        self.vanity_used = set()
        self._init_shared()

    # ------------------------------------------------------------------ basics
    def new_tids(self, k):
        t = np.arange(self.next_tid, self.next_tid + k, dtype=np.int64)
        self.next_tid += k
        return t

    def uniq(self, k):
        t = np.arange(self.next_uniq, self.next_uniq + k, dtype=np.int64)
        self.next_uniq += k
        return t

    def fresh(self, k):
        return self.rng.integers(1 << 20, 1 << 40, k)

    def new_pm(self):
        self.n_pm += 1
        return self.n_pm - 1

    def link(self, acct, pm, first, last=None):
        self.pay.append((acct, pm, int(first), int(T1 - 1 if last is None else last)))

    def add(self, created, country, domain, group, kind, seg, repl=0, status="active", enf=NEVER):
        a = self.a
        a["created"].append(int(created))
        a["country"].append(int(country))
        a["domain"].append(domain)
        a["status"].append(status)
        a["enf"].append(int(enf))
        a["group"].append(group)
        a["kind"].append(kind)
        a["repl"].append(int(repl))
        a["seg"].append(seg)
        return len(a["created"]) - 1

    def enforce(self, i, t, status):
        self.a["status"][i] = status
        self.a["enf"][i] = int(t)

    def vanity(self, tlds=(".com", ".net", ".io", ".co")):
        r = self.rng
        while True:
            k = r.integers(2, 4)
            name = "".join(SYL[j] for j in r.integers(0, len(SYL), k))
            if r.random() < 0.3:
                name += r.choice(["labs", "works", "group", "studio", "partners", "hq", "tech"])
            d = name + r.choice(tlds)
            if d not in self.vanity_used:
                self.vanity_used.add(d)
                return d

    def personal_domain(self, c, p_nat=0.15, p_priv=0.06, p_van=0.04):
        u = self.rng.random()
        if u < p_nat:
            return COUNTRIES[c][5]
        if u < p_nat + p_priv:
            return PRIVACY[self.rng.integers(0, 2)]
        if u < p_nat + p_priv + p_van:
            return self.vanity((".com", ".net", ".me", ".dev"))
        return WEBMAIL[self.rng.choice(5, p=WEBMAIL_P)]

    def country(self, codes=None, p=None):
        if codes is None:
            return int(self.rng.choice(len(CC), p=CW))
        return CI[codes[self.rng.choice(len(codes), p=p)]]

    # ------------------------------------------------------------------ ip space
    def new_ips(self, asn, k, v6=False):
        r = self.rng
        if asn not in self.blocks:
            while True:
                a = int(r.integers(11, 224))
                if a in (100, 127, 169, 172, 192, 198, 203):
                    continue
                b = int(r.integers(0, 256))
                if (a, b) not in self.used16:
                    break
            self.used16.add((a, b))
            pre6 = f"2a0{int(r.integers(1, 10))}:{int(r.integers(0x1000, 0xFFFF)):x}"
            self.blocks[asn] = [a, b, r.permutation(254 * 254), 0, pre6, 0]
        blk = self.blocks[asn]
        out = np.arange(len(self.ip_str), len(self.ip_str) + k)
        for _ in range(k):
            if v6:
                blk[5] += 1
                h = int(r.integers(0x100, 0xFFFF))
                self.ip_str.append(f"{blk[4]}:{blk[5]:x}:{h:x}::{int(r.integers(1, 0xFFFF)):x}")
            else:
                if blk[3] >= len(blk[2]):  # exhausted: a fresh /16 for this ASN
                    del self.blocks[asn]
                    return np.concatenate([out[: out.size - k + _], self.new_ips(asn, k - _)])
                h = int(blk[2][blk[3]])
                blk[3] += 1
                self.ip_str.append(f"{blk[0]}.{blk[1]}.{h // 254 + 1}.{h % 254 + 1}")
            self.ip_asn.append(asn)
        return out

    def home_ip(self, c, v6p=0.08):
        isp = COUNTRIES[c][3][int(self.rng.random() < 0.4)]
        return int(self.new_ips(isp, 1, v6=self.rng.random() < v6p)[0])

    def cloud_ips(self, k, clouds=None, p=None):
        clouds = CLOUDS if clouds is None else clouds
        p = CLOUD_P if p is None and clouds is CLOUDS else p
        asns = self.rng.choice(clouds, k, p=(np.array(p) / np.sum(p)) if p is not None else None)
        return np.array([int(self.new_ips(int(x), 1)[0]) for x in asns])

    def _init_shared(self):
        r, n = self.rng, self.n
        # mobile carrier CGNAT pools
        self.carrier = []
        for c in range(len(CC)):
            k = max(3, round(n * CW[c] / 600))
            self.carrier.append(self.new_ips(COUNTRIES[c][4], k))
        # Tunnelfox consumer VPN
        k = max(30, n // 700)
        self.vpn = np.concatenate(
            [self.new_ips(TUNNELFOX_ASNS[0], k - k // 3), self.new_ips(TUNNELFOX_ASNS[1], k // 3)]
        )
        self.vpn = self.vpn[r.permutation(k)]
        self.vpn_p = zipf_p(k, 0.9)
        # Meshgate residential proxy: real home connections (plus 1% of organic homes, added later)
        k = max(300, n // 30)
        cs = r.choice(len(CC), k, p=CW)
        self.mesh = np.array([self.home_ip(int(c), v6p=0.05) for c in cs])
        # Netveil secure web gateway (enterprise egress)
        self.netveil = self.new_ips(NETVEIL_ASN, max(12, n // 1500))
        # Calder University campus NAT; coworking spaces (5 x 2 NAT addresses)
        self.campus = self.new_ips(CAMPUS_ASN, 4)
        self.cowork = [self.new_ips(int(r.choice(BUSINESS)), 2) for _ in range(5)]
        # public prompt templates, agent frameworks, course templates, cron scripts
        self.pub = self.new_tids(600)
        self.pub_p = zipf_p(600, 1.1)
        self.frame_v1 = self.new_tids(3)  # Lattice, Relaywork, Quokka system prompts
        self.frame_v2 = self.new_tids(3)  # Lattice 2.0 etc. after the day-13 release
        self.course = self.new_tids(15)
        self.cron_scripts = self.new_tids(8)
        self.hours = {k: (np.arange(24), v) for k, v in PROF.items()}

    # ------------------------------------------------------------------ time helpers
    def times_in(self, lo, hi, off, prof, wk=1.0):
        """One local-time draw per row in [lo, hi) (UTC seconds), hour profile ``prof``; weekend days kept with p wk.
        Returns (t, ok)."""
        r = self.rng
        lo, hi = np.asarray(lo, np.int64), np.asarray(hi, np.int64)
        off = np.asarray(off, np.int64) * HOUR
        n = len(lo)
        d0 = (lo + off) // DAY
        d1 = (hi - 1 + off) // DAY
        span = np.maximum(d1 - d0 + 1, 1)
        d = d0 + (r.random(n) * span).astype(np.int64)
        if wk < 1.0:
            redo = ((d + 3) % 7 >= 5) & (r.random(n) > wk)
            d[redo] = d0[redo] + (r.random(int(redo.sum())) * span[redo]).astype(np.int64)
            redo = ((d + 3) % 7 >= 5) & (r.random(n) > wk)
            d[redo] = d0[redo] + (r.random(int(redo.sum())) * span[redo]).astype(np.int64)
        if isinstance(prof, str):
            h = r.choice(24, n, p=PROF[prof])
        else:  # per-row profile index
            h = np.empty(n, np.int64)
            for j, name in enumerate(PROF_NAMES):
                m = prof == j
                h[m] = r.choice(24, int(m.sum()), p=PROF[name])
        t = d * DAY + h * HOUR + (r.random(n) * HOUR).astype(np.int64) - off
        return t, (t >= lo) & (t < hi)

    def expand(self, st, counts, lo, hi):
        """Requests of sessions starting at ``st`` with ``counts`` requests, gaps uniform in [lo, hi) seconds.
        Returns (t, session index)."""
        st, counts = np.asarray(st, np.int64), np.asarray(counts, np.int64)
        if len(st) == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        idx = np.repeat(np.arange(len(st)), counts)
        g = self.rng.uniform(lo, hi, len(idx))
        first = np.concatenate([[0], np.cumsum(counts)[:-1]])[counts > 0]
        g[first] = 0
        cs = np.cumsum(g)
        cs -= np.repeat(cs[first], counts[counts > 0])
        return st[idx] + cs.astype(np.int64), idx

    def emit(self, acct, t, ip, model, tid, var):
        n = len(t)

        def arr(x, dt):
            x = np.asarray(x, dt)
            return np.full(n, x, dt) if x.ndim == 0 else x

        self.rq.append(
            (
                arr(acct, np.int64),
                arr(t, np.int64),
                arr(ip, np.int64),
                arr(model, np.int8),
                arr(tid, np.int64),
                arr(var, np.int64),
            )
        )

    # ------------------------------------------------------------------ prompt helpers
    def pub_tids(self, k):
        return self.pub[self.rng.choice(600, k, p=self.pub_p)]

    def op_prompts(self, n, fams, fp, p_exact, p_cover):
        r = self.rng
        u = r.random(n)
        tid = np.asarray(fams)[r.choice(len(fams), n, p=fp)]
        var = self.fresh(n)
        var[u < p_exact] = 0
        cov = u >= 1 - p_cover
        k = int(cov.sum())
        pub = r.random(k) < 0.6
        tid[cov] = np.where(pub, self.pub_tids(k), self.uniq(k))
        var[cov] = 0
        return tid, var

    def cover_prompts(self, n, p_pub=0.5):
        pub = self.rng.random(n) < p_pub
        return np.where(pub, self.pub_tids(n), self.uniq(n)), np.zeros(n, np.int64)

    def switch_models(self, t, base, switch, p_new):
        m = np.asarray(base, np.int8).copy()
        if m.ndim == 0:
            m = np.full(len(t), m, np.int8)
        m[(t >= switch) & (self.rng.random(len(t)) < p_new)] = S5
        return m

    def base_models(self, n, p):
        return self.rng.choice(4, n, p=p).astype(np.int8)

    # ================================================================== FRAUD
    def op_chargeback(self):
        r, n = self.rng, self.n
        lines = max(8, round(n / 600))
        fams, fp = self.new_tids(4), [0.35, 0.3, 0.2, 0.15]
        wed0 = T0 + 2 * DAY + 13 * HOUR
        recs = []  # lineage, acct, created, end, inherited card, backup card, generation, week
        for lin in range(lines):
            c = T0 + r.uniform(-6, 2) * DAY
            sleep = int(r.integers(0, 24))
            sw = REL + r.uniform(2, 8) * HOUR
            inherited, gen = None, 0
            while c < T1 - 6 * HOUR:
                cc = self.country(["US", "GB", "CA", "AU", "DE", "FR"], [0.4, 0.15, 0.15, 0.1, 0.1, 0.1])
                u = r.random()
                if u < 0.7:
                    dom = WEBMAIL[r.choice(5, p=WEBMAIL_P)]
                elif u < 0.9:
                    dom = PRIVACY[int(u < 0.8)]
                else:
                    dom = COUNTRIES[cc][5]
                wk = int(np.ceil((c + 4 * DAY - wed0) / (7 * DAY)))
                wk += int(r.random() < 0.2)
                susp = wed0 + wk * 7 * DAY + r.uniform(0, 6) * HOUR
                if susp >= T1:
                    susp = NEVER
                acct = self.add(c, cc, dom, "op_chargeback", "fraud", "op_chargeback", repl=int(gen > 0))
                if susp != NEVER:
                    self.enforce(acct, susp, "suspended" if r.random() < 0.85 else "banned")
                backup = self.new_pm()
                recs.append([lin, acct, int(c), int(min(susp, T1)), inherited, backup, gen, wk, sleep, sw])
                if susp == NEVER:
                    break
                c = susp + r.uniform(1, 10) * HOUR
                inherited, gen = backup, gen + 1
        # successors of one dispute batch sometimes take a card released by another lineage's account
        recs_by_wk = {}
        for rec in recs:
            if rec[6] > 0:
                recs_by_wk.setdefault((rec[2] - wed0) // (7 * DAY), []).append(rec)
        extra, taken = {}, set()
        for grp in recs_by_wk.values():
            sel = [x for x in grp if r.random() < 0.2]
            if len(sel) >= 2:
                cards = [x[4] for x in sel]
                for x, cd in zip(sel, cards[1:] + cards[:1], strict=True):
                    x[4] = cd
            # and some successors also take a second released card (a third holder for that card)
            for x in grp:
                others = [y for y in grp if y[0] != x[0] and y[4] not in taken]
                if others and r.random() < 0.2:
                    extra[x[1]] = others[int(r.integers(0, len(others)))][4]
                    taken.add(extra[x[1]])
        for _lin, acct, c, end, inherited, backup, _gen, _wk, sleep, sw in recs:
            primary = self.new_pm() if inherited is None else inherited
            last = min(end, T1 - 1)
            self.link(acct, primary, c, last)
            self.link(acct, backup, c, last)
            if acct in extra and extra[acct] != primary:
                self.link(acct, extra[acct], c, last)
            a = c + int(r.uniform(1, 6) * HOUR)
            if a >= end:
                continue
            days = (end - a) / DAY
            ns = r.poisson(10.5 * days)
            st = a + (r.random(ns) * (end - a)).astype(np.int64)
            st = st[((st // HOUR - sleep) % 24) >= 8]
            cnt = 8 + r.poisson(7, len(st))
            t, si = self.expand(st, cnt, 3, 10)
            ip = self.mesh[r.integers(0, len(self.mesh), len(st))][si]
            tid, var = self.op_prompts(len(t), fams, fp, 0.06, 0.12)
            base = CODER if r.random() < 0.2 else S4
            p5 = 0.85 if c < REL else 0.9
            self.emit(acct, t, ip, self.switch_models(t, base, max(sw, c), p5), tid, var)

    def op_warmfarm(self):
        r, n = self.rng, self.n
        m = max(30, round(0.0085 * n))
        lib = self.new_tids(60)
        fams, fp = self.new_tids(3), [0.5, 0.3, 0.2]
        created = np.sort(T0 + (r.uniform(-60, -4, m) * DAY).astype(np.int64))
        ccs = [self.country(["US", "GB", "CA", "AU", "DE", "IN"], [0.35, 0.15, 0.15, 0.1, 0.1, 0.15]) for _ in range(m)]
        ids = []
        for i in range(m):
            dom = self.personal_domain(ccs[i], p_nat=0.2, p_priv=0.0, p_van=0.0)
            acct = self.add(created[i], ccs[i], dom, "op_warmfarm", "fraud", "op_warmfarm")
            self.link(acct, self.new_pm(), created[i])
            ids.append(acct)
        ids = np.array(ids)
        # lots: oldest (noisy) first
        order = np.argsort(created + r.normal(0, 5 * DAY, m))
        cut = np.round(np.cumsum([0.2, 0.25, 0.25, 0.2]) * m).astype(int)
        lot = np.full(m, -1)
        prev = 0
        for j, c in enumerate(cut):
            lot[order[prev:c]] = j
            prev = c
        lot_t = T0 + np.array([5, 12, 19, 26]) * DAY + 15 * HOUR
        act = np.where(lot >= 0, lot_t[np.maximum(lot, 0)] + (r.uniform(0, 3, m) * HOUR).astype(np.int64), NEVER)
        # enforcement
        for day, lots, frac in ((22, (0, 1), 0.3), (31, (1, 2), 0.25)):
            for i in np.flatnonzero(np.isin(lot, lots)):
                if self.a["enf"][ids[i]] == NEVER and r.random() < frac:
                    self.enforce(ids[i], T0 + day * DAY + 14 * HOUR + r.uniform(0, 3) * HOUR, "banned")
        enf = np.array([self.a["enf"][i] for i in ids])
        # warming: 0-2 short sessions a day at local daytime through the farm's 4G modems (carrier CGNAT)
        wend = np.minimum(act, T1)
        wstart = np.maximum(created, T0)
        ndays = np.maximum((wend - wstart) // DAY + 1, 0)
        acc = np.repeat(np.arange(m), ndays)
        dd = np.concatenate([np.arange(k) for k in ndays]) if len(acc) else np.zeros(0, np.int64)
        nsess = r.choice(3, len(acc), p=[0.15, 0.65, 0.2])
        acc, dd = np.repeat(acc, nsess), np.repeat(dd, nsess)
        lo = wstart[acc] + dd * DAY
        hi = np.minimum(lo + DAY, wend[acc])
        ok = hi > lo
        acc, lo, hi = acc[ok], lo[ok], hi[ok]
        off = CTZ[np.array(ccs)[acc]]
        st, ok = self.times_in(lo, hi, off, "day")
        acc, st = acc[ok], st[ok]
        t, si = self.expand(st, r.integers(2, 6, len(st)), 20, 120)
        a_r = acc[si]
        cc_r = np.array(ccs)[acc]
        ip_s = np.array([self.carrier[c][r.integers(0, len(self.carrier[c]))] for c in cc_r], dtype=np.int64)
        u = r.random(len(t))
        tid = np.where(u < 0.55, lib[r.integers(0, 60, len(t))], self.pub_tids(len(t)))
        tid = np.where(u > 0.85, self.uniq(len(t)), tid)
        base = np.where(r.random(len(t)) < 0.5, MINI, S4)
        self.emit(ids[a_r], t, ip_s[si], self.switch_models(t, base, REL, 0.1), tid, 0)
        # buyer phase: per lot a few VMs, one job queue fanning out to 3-6 accounts at once
        sw = REL + r.uniform(1, 4, 4) * HOUR
        for j in range(4):
            mem = np.flatnonzero(lot == j)
            size = len(mem)
            if size < 3:
                continue
            vms = self.cloud_ips(int(np.ceil(size / 5)), [HETZNER, OVH], [0.6, 0.4])
            sticky = vms[r.integers(0, len(vms), size)]
            start = lot_t[j] + HOUR
            nj = r.poisson(size / 24 * (T1 - start) / HOUR)
            jt = np.sort(start + (r.random(nj) * (T1 - start)).astype(np.int64))
            k = r.integers(3, 7, nj)
            k = np.minimum(k, size)
            pick = np.argsort(r.random((nj, size)), axis=1)
            rows = np.repeat(np.arange(nj), k)
            cols = pick[rows, np.concatenate([np.arange(x) for x in k])]
            st = jt[rows] + r.integers(0, 61, len(rows))
            t, si = self.expand(st, 8 + r.poisson(6, len(st)), 4, 12)
            who = mem[cols[si]]
            keep = t < enf[who]
            t, si, who = t[keep], si[keep], who[keep]
            ip = np.where(r.random(len(st)) < 0.75, sticky[cols], vms[r.integers(0, len(vms), len(st))])[si]
            tid, var = self.op_prompts(len(t), fams, fp, 0.05, 0.10)
            base = np.where(r.random(len(t)) < 0.3, CODER, S4)
            self.emit(ids[who], t, ip, self.switch_models(t, base, max(sw[j], lot_t[j]), 0.9), tid, var)

    def op_grantfarm(self):
        r, n = self.rng, self.n
        total = max(8, round(n / 1000))
        fams, fp = self.new_tids(4), [0.4, 0.3, 0.2, 0.1]
        pool = self.cloud_ips(max(6, total // 2 + 2), [AWS, GCP], [0.6, 0.4])
        sw = REL + r.uniform(0.5, 2) * HOUR
        sweeps = [T0 + 15 * DAY + 16 * HOUR, T0 + 29 * DAY + 16 * HOUR]
        queue = []
        for d, k in zip([-10, 4, 18], np.round(np.array([0.4, 0.35, 0.25]) * total).astype(int), strict=True):
            for _ in range(max(int(k), 1 if d < 18 else 0)):
                queue.append((T0 + d * DAY + r.uniform(0, 2) * DAY, 0))
        startups = []  # (founders, start, end)
        qi = 0
        while qi < len(queue):
            t0, repl = queue[qi]
            qi += 1
            if t0 >= T1 - DAY:
                continue
            day0 = int((t0 - T0) // DAY)
            t0 = T0 + day0 * DAY + r.uniform(14, 22) * HOUR
            cc = self.country(["US", "GB", "CA", "SG", "IN"], [0.6, 0.15, 0.1, 0.08, 0.07])
            dom = self.vanity((".ai", ".io", ".dev", ".co"))
            card = self.new_pm()
            nf = int(r.choice([2, 3, 4, 5], p=[0.3, 0.35, 0.25, 0.1]))
            fc = np.sort(t0 + r.uniform(0, 3, nf) * HOUR)
            end = fc[0] + r.uniform(10, 17) * DAY
            banned_at = None
            for s in sweeps:
                if fc[-1] + DAY < s < end:
                    if r.random() < 0.6:
                        banned_at = s
                    break
            f_ids = []
            for c in fc:
                acct = self.add(c, cc, dom, "op_grantfarm", "fraud", "op_grantfarm", repl=repl)
                self.link(acct, card, c, min(end if banned_at is None else banned_at, T1 - 1))
                f_ids.append(acct)
            if banned_at is not None:
                for acct in f_ids:
                    self.enforce(acct, banned_at + r.uniform(0, 2) * HOUR, "banned")
                end = banned_at
                queue.append((banned_at + r.uniform(1, 3) * DAY, 1))
            startups.append((np.array(f_ids), int(fc[-1]), int(min(end, T1)), cc))
        ns = len(startups)
        # weekly VM assignment: 2 VMs per startup per week, drawn from the crew's pool
        weeks = (T1 - (T0 - 14 * DAY)) // (7 * DAY) + 1
        vm = np.stack([np.argsort(r.random((ns, len(pool))), axis=1)[:, :2] for _ in range(weeks)])
        # dispatch batches every 20-40 min inside 13:00-05:00 UTC
        gaps = r.uniform(20, 40, int(NDAYS * 24 * 3 + 100)) * MIN
        bt = (T0 + np.cumsum(gaps)).astype(np.int64)
        bt = bt[bt < T1]
        bt = bt[((bt // HOUR) % 24 >= 13) | ((bt // HOUR) % 24 < 5)]
        s_start = np.array([s[1] for s in startups]) + 2 * HOUR
        s_end = np.array([s[2] for s in startups])
        live = (bt[:, None] >= s_start[None, :]) & (bt[:, None] < s_end[None, :])
        join = live & (r.random(live.shape) < 0.6)
        bi, si_ = np.nonzero(join)
        nfo = np.where(r.random(len(bi)) < 0.6, 1, 2)
        bi, si_ = np.repeat(bi, nfo), np.repeat(si_, nfo)
        fsz = np.array([len(s[0]) for s in startups])
        fidx = (r.random(len(bi)) * fsz[si_]).astype(np.int64)
        who = np.array([startups[s][0][f] for s, f in zip(si_, fidx, strict=True)], dtype=np.int64)
        st = bt[bi] + r.integers(0, 121, len(bi))
        wk = (st - (T0 - 14 * DAY)) // (7 * DAY)
        ipi = pool[vm[wk, si_, r.integers(0, 2, len(bi))]]
        t, sx = self.expand(st, 6 + r.poisson(4.5, len(st)), 5, 15)
        tid, var = self.op_prompts(len(t), fams, fp, 0.05, 0.10)
        base = np.where(r.random(len(t)) < 0.25, CODER, S4)
        self.emit(who[sx], t, ipi[sx], self.switch_models(t, base, sw, 0.95), tid, var)
        # founders' cover: a little ordinary-looking use through residential proxy exits
        for f_ids, s0, s1, cc in startups:
            for acct in f_ids:
                k = r.poisson(0.8 * max(s1 - max(s0, T0), 0) / DAY)
                if k == 0:
                    continue
                st, ok = self.times_in(np.full(k, max(s0, T0)), np.full(k, s1), np.full(k, CTZ[cc]), "day")
                st = st[ok]
                t, sx = self.expand(st, r.integers(1, 5, len(st)), 20, 90)
                tid, var = self.cover_prompts(len(t))
                ip = self.mesh[r.integers(0, len(self.mesh), len(st))][sx]
                self.emit(acct, t, ip, self.switch_models(t, S4, sw, 0.5), tid, var)

    def op_guestseats(self):
        r, n = self.rng, self.n
        nw = max(5, round(n / 1000))
        fams, fp = self.new_tids(3), [0.5, 0.3, 0.2]
        ws_tid = self.new_tids(1)[0]
        sw = REL + r.uniform(3, 6) * HOUR
        guests = []  # [acct, ws, created]
        owners = []
        for w in range(nw):
            cc = self.country(["US", "GB", "CA", "AU", "NL"], [0.45, 0.2, 0.15, 0.1, 0.1])
            oc = T0 + r.uniform(-40, -15) * DAY
            own = self.add(
                oc, cc, self.vanity((".com", ".co", ".agency", ".net")), "op_guestseats", "fraud", "op_guestseats"
            )
            self.link(own, self.new_pm(), oc)
            home = self.home_ip(cc)
            inv = T0 + int(r.uniform(-14, 8)) * DAY + (r.uniform(9, 17) - CTZ[cc]) * HOUR
            owners.append((own, cc, home, inv, oc))
            for gc in np.sort(inv + r.uniform(0, 30, int(r.integers(5, 9))) * MIN):
                g = self.new_guest(gc, 0)
                guests.append([g, w, int(gc)])
        # sweeps ban 30% of live guests; the owner invites a replacement into the same workspace
        for sday in (13, 25):
            s = T0 + sday * DAY + 15 * HOUR
            for g, w, gc in list(guests):
                if gc < s and self.a["enf"][g] == NEVER and r.random() < 0.3:
                    bt = s + r.uniform(0, 3) * HOUR
                    self.enforce(g, bt, "banned")
                    rc = bt + r.uniform(6, 30) * HOUR
                    if rc < T1 - HOUR:
                        guests.append([self.new_guest(rc, 1), w, int(rc)])
        ga = np.array([g[0] for g in guests])
        gw = np.array([g[1] for g in guests])
        gcr = np.array([g[2] for g in guests])
        genf = np.array([self.a["enf"][g] for g in ga])
        # one op-wide scheduler: a slot at the top of every hour; 25% of live guests start within 90 s
        slots = T0 + HOUR * np.arange(NDAYS * 24)
        live = (slots[:, None] >= gcr[None, :] + 30 * MIN) & (slots[:, None] < genf[None, :])
        si, gi = np.nonzero(live & (r.random(live.shape) < 0.25))
        st = slots[si] + r.integers(0, 91, len(si))
        cnt = r.integers(5, 13, len(st))
        t, sx = self.expand(st, cnt, 6, 18)
        first = np.concatenate([[0], np.cumsum(cnt)[:-1]])
        tid, var = self.op_prompts(len(t), fams, fp, 0.04, 0.08)
        tid[first] = ws_tid
        var[first] = 500 + gw[gi]
        ip = self.vpn[r.choice(len(self.vpn), len(st), p=self.vpn_p)][sx]
        base = np.where(r.random(len(t)) < 0.2, CODER, S4)
        self.emit(ga[gi][sx], t, ip, self.switch_models(t, base, sw, 0.9), tid, var)
        # owners: a test of the workspace instructions right after inviting, then light admin use from home
        for w, (own, cc, home, inv, _oc) in enumerate(owners):
            if inv >= T0:
                self.emit(own, [int(inv + 40 * MIN)], home, S4, ws_tid, 500 + w)
            k = r.poisson(2 * NDAYS / 7)
            st, ok = self.times_in(np.full(k, T0), np.full(k, T1), np.full(k, CTZ[cc]), "office", 0.2)
            t, sx = self.expand(st[ok], r.integers(2, 7, int(ok.sum())), 30, 200)
            tid, var = self.cover_prompts(len(t), 0.4)
            self.emit(own, t, home, self.switch_models(t, S4, sw + 2 * DAY, 0.4), tid, var)

    def new_guest(self, created, repl):
        r = self.rng
        cc = self.country(["IN", "PH", "NG", "BR", "US", "PL", "MX"], [0.25, 0.2, 0.1, 0.1, 0.15, 0.1, 0.1])
        dom = WEBMAIL[r.choice(5, p=WEBMAIL_P)] if r.random() < 0.85 else PRIVACY[int(r.integers(0, 2))]
        return self.add(created, cc, dom, "op_guestseats", "fraud", "op_guestseats", repl=repl)

    # ================================================================== TRAPS
    def trap_tax_season(self):
        r, n = self.rng, self.n
        g = "trap_tax_season"
        nb = max(3, round(n / 5000))
        tmpl = self.new_tids(6)
        tp = zipf_p(6, 1.0)
        train = self.new_tids(1)[0]
        irs = T0 + 21 * DAY
        switch = T0 + 23 * DAY + 16 * HOUR
        us = CI["US"]
        for b in range(nb):
            off = [-5, -6, -7, -8][b % 4]
            nat = self.new_ips(int(r.choice(BUSINESS)), 2)
            for _seat in range(8 + r.poisson(6)):
                card = self.new_pm()
                if r.random() < 0.7:
                    c = T0 + 7 * DAY + (r.uniform(8.75, 10.5) - off) * HOUR
                else:
                    c = T0 + int(r.uniform(8, 21)) * DAY + (r.uniform(8, 17) - off) * HOUR
                churn_p = 0.3
                while c < T1 - HOUR:
                    acct = self.add(c, us, "ledgerlytax.com", g, "benign_group", g)
                    quit_t = T1
                    if r.random() < churn_p:
                        quit_t = max(c + 3 * DAY, T0 + r.uniform(12, 30) * DAY)
                    self.link(acct, card, c, min(quit_t, T1 - 1))
                    self._tax_traffic(acct, int(c), int(min(quit_t, T1)), off, nat, tmpl, tp, train, irs, switch)
                    if quit_t >= T1:
                        break
                    c = quit_t + r.uniform(1, 5) * DAY
                    churn_p = 0.15

    def _tax_traffic(self, acct, c, end, off, nat, tmpl, tp, train, irs, switch):
        r = self.rng
        home = None
        d0, d1 = (c + off * HOUR) // DAY, (end + off * HOUR) // DAY
        days = np.arange(d0, d1 + 1)
        wd = (days + 3) % 7
        lam = np.where(days * DAY - off * HOUR >= irs, 3.0, 1.5) * np.where(wd == 6, 0, np.where(wd == 5, 0.5, 1))
        k = r.poisson(lam)
        dd = np.repeat(days, k)
        lo = np.maximum(dd * DAY - off * HOUR, c)
        hi = np.minimum(dd * DAY - off * HOUR + DAY, end)
        ok = hi > lo
        st, ok2 = self.times_in(lo[ok], hi[ok], np.full(int(ok.sum()), off), "office")
        st = st[ok2]
        t, sx = self.expand(st, 2 + r.poisson(2.5, len(st)), 30, 200)
        s_ip = nat[r.integers(0, 2, len(st))]
        away = r.random(len(st)) < 0.1
        if away.any():
            home = self.home_ip(CI["US"])
            s_ip[away] = home
        u = r.random(len(t))
        tid = np.where(u < 0.65, tmpl[r.choice(6, len(t), p=tp)], self.uniq(len(t)))
        v = r.random(len(t))
        var = np.where(v < 0.4, 0, np.where(v < 0.8, 100 + acct, self.fresh(len(t))))
        var[u >= 0.65] = 0
        base = np.where(r.random(len(t)) < 0.2, MINI, S4)
        self.emit(acct, t, s_ip[sx], self.switch_models(t, base, switch, 0.9), tid, var)
        # training day exercise: everyone hired that morning runs it when the trainer says go
        tday = T0 + 7 * DAY
        if tday <= c < tday + DAY:
            s = tday + (10.25 - off) * HOUR + r.integers(0, 181)
            s = max(int(s), c + 60)
            t, _ = self.expand([s], [int(r.integers(4, 9))], 20, 60)
            self.emit(acct, t, nat[int(r.integers(0, 2))], S4, train, 0)

    def trap_startup_cohort(self):
        r, n = self.rng, self.n
        g = "trap_startup_cohort"
        nc = max(6, round(n / 1500))
        us, pt = CI["US"], -8
        cw = self.new_ips(int(r.choice(BUSINESS)), 2)
        workshop = self.new_tids(10)
        kick = T0 + 1 * DAY + 18 * HOUR
        staff_card = self.new_pm()
        members = []
        for _ in range(3):
            c = T0 - r.uniform(30, 400) * DAY
            acct = self.add(c, us, "foundryrow.vc", g, "benign_group", g)
            self.link(acct, staff_card, c)
            members.append((acct, int(c), None, None, None, 0.0))
        for _ in range(nc):
            dom = self.vanity((".ai", ".io", ".dev", ".co", ".com"))
            card = self.new_pm()
            prod = self.new_tids(2)
            vm = int(self.cloud_ips(1, [AWS])[0])
            for c in np.sort(kick + r.uniform(0, 2, int(r.integers(2, 5))) * HOUR):
                acct = self.add(c, us, dom, g, "benign_group", g)
                self.link(acct, card, c)
                self.emit(acct, [int(c) + int(r.integers(60, 900))], cw[int(r.integers(0, 2))], S4, self.uniq(1), 0)
                members.append((acct, int(c), prod, vm, self.home_ip(us), 1.0))
        for acct, c, prod, vm, home, is_f in members:
            lo = max(c + HOUR, T0)
            k = r.poisson((2.0 if is_f else 0.8) * (T1 - lo) / DAY)
            st, ok = self.times_in(np.full(k, lo), np.full(k, T1), np.full(k, pt), "late" if is_f else "office", 0.4)
            st = st[ok]
            t, sx = self.expand(st, 2 + r.poisson(2.5, len(st)), 15, 120)
            if is_f:
                route = r.choice(3, len(st), p=[0.55, 0.3, 0.15])
                ip = np.where(route == 0, home, np.where(route == 1, cw[r.integers(0, 2, len(st))], vm))[sx]
                u = r.random(len(t))
                tid = np.where(u < 0.4, prod[r.integers(0, 2, len(t))], self.uniq(len(t)))
                tid = np.where(u > 0.8, self.pub_tids(len(t)), tid)
                var = np.where(r.random(len(t)) < 0.5, 100 + acct, self.fresh(len(t)))
                var[u >= 0.4] = 0
            else:
                ip = cw[r.integers(0, 2, len(t))]
                tid, var = self.cover_prompts(len(t), 0.4)
            adopt = REL + r.uniform(0.5, 2) * HOUR if r.random() < 0.7 else REL + r.exponential(5) * DAY
            base = np.where(r.random(len(t)) < 0.2, CODER, S4)
            self.emit(acct, t, ip, self.switch_models(t, base, adopt, 0.75), tid, var)
            if is_f and adopt < REL + 3 * HOUR:  # launch watch party at the coworking space
                t, _ = self.expand([int(adopt)], [int(r.integers(3, 7))], 20, 90)
                self.emit(acct, t, cw[int(r.integers(0, 2))], S5, self.uniq(len(t)), 0)
        # workshops Tue/Thu 15:00-17:00 PT: two "now run it" moments
        founders = [(m[0], m[1]) for m in members if m[5]]
        wi = 0
        for day in range(NDAYS):
            if (day % 7) not in (1, 3):
                continue
            for go in (15.5, 16 + 1 / 3):
                gt = T0 + day * DAY + (go - pt) * HOUR
                for acct, c in founders:
                    if c < gt - HOUR and r.random() < 0.8:
                        t, _ = self.expand([int(gt) + int(r.integers(0, 121))], [int(r.integers(3, 9))], 10, 40)
                        var = np.where(r.random(len(t)) < 0.6, self.fresh(len(t)), 0)
                        self.emit(acct, t, cw[int(r.integers(0, 2))], S4 if gt < REL else S5, workshop[wi % 10], var)
                wi += 1

    def trap_agency_guests(self):
        r, n = self.rng, self.n
        g = "trap_agency_guests"
        nws = max(4, round(n / 2500))
        brief, copy = self.new_tids(2), self.new_tids(2)
        for w in range(nws):
            ag = w % 2
            cc = self.country(["US", "GB", "AU", "NL", "CA"], [0.4, 0.25, 0.1, 0.1, 0.15])
            oc = T0 - r.uniform(60, 300) * DAY
            own = self.add(oc, cc, self.vanity(), g, "benign_group", g)
            self.link(own, self.new_pm(), oc)
            office = int(self.new_ips(int(r.choice(BUSINESS)), 1)[0])
            sw = REL + (7 + r.uniform(0, 1)) * DAY
            inv = T0 + int(r.uniform(-40, 20)) * DAY + (r.uniform(9, 17) - CTZ[cc]) * HOUR
            gs = []
            for gc in np.sort(inv + r.uniform(0, 20, int(r.integers(4, 10))) * MIN):
                gcc = self.country(
                    ["PH", "IN", "BR", "PL", "US", "GB", "MX", "NG", "ES"],
                    [0.2, 0.15, 0.12, 0.1, 0.13, 0.1, 0.08, 0.06, 0.06],
                )
                dom = WEBMAIL[r.choice(5, p=WEBMAIL_P)] if r.random() < 0.9 else PRIVACY[0]
                acct = self.add(gc, gcc, dom, g, "benign_group", g)
                gs.append((acct, int(gc), gcc, self.home_ip(gcc), r.random() < 0.3))
            # owner: office hours in the client's office, sometimes the brief
            k = r.poisson(NDAYS * 0.9)
            st, ok = self.times_in(np.full(k, T0), np.full(k, T1), np.full(k, CTZ[cc]), "office", 0.1)
            t, sx = self.expand(st[ok], r.integers(2, 6, int(ok.sum())), 30, 180)
            tid, var = self.cover_prompts(len(t), 0.3)
            b = r.random(len(t)) < 0.3
            tid[b], var[b] = brief[ag], 700 + w
            self.emit(own, t, office, self.switch_models(t, S4, sw, 0.8), tid, var)
            for acct, gc, gcc, home, vpn_user in gs:
                lo = max(gc + 10 * MIN, T0)
                k = r.poisson(1.3 * (T1 - lo) / DAY)
                st, ok = self.times_in(np.full(k, lo), np.full(k, T1), np.full(k, CTZ[gcc]), "day", 0.3)
                st = st[ok]
                # sprints Tue/Thu 14:00 UTC
                sp = T0 + np.array([d for d in range(NDAYS) if d % 7 in (1, 3)]) * DAY + 14 * HOUR
                sp = sp[sp > lo]
                sp = sp[r.random(len(sp)) < 0.75]
                sp = sp + r.integers(0, 301, len(sp))
                allst = np.concatenate([st, sp])
                is_sp = np.r_[np.zeros(len(st), bool), np.ones(len(sp), bool)]
                cnt = np.where(is_sp, r.integers(5, 16, len(allst)), r.integers(2, 7, len(allst)))
                t, sx = self.expand(allst, cnt, 8, 120)
                sess_ip = np.full(len(allst), home)
                if vpn_user:
                    v = r.random(len(allst)) < 0.8
                    sess_ip[v] = self.vpn[r.choice(len(self.vpn), int(v.sum()), p=self.vpn_p)]
                u = r.random(len(t))
                tid = np.select([u < 0.25, u < 0.5, u < 0.85], [brief[ag], copy[ag], -1], -2)
                var = np.where(tid == brief[ag], 700 + w, np.where(r.random(len(t)) < 0.7, self.fresh(len(t)), 0))
                sprint = is_sp[sx]
                tid[sprint] = np.where(r.random(int(sprint.sum())) < 0.8, copy[ag], brief[ag])
                var[sprint] = np.where(tid[sprint] == brief[ag], 700 + w, self.fresh(int(sprint.sum())))
                first = np.concatenate([[0], np.cumsum(cnt)[:-1]])[is_sp]
                tid[first], var[first] = brief[ag], 700 + w
                m1, m2 = tid == -1, tid == -2
                tid[m1], var[m1] = self.uniq(int(m1.sum())), 0
                tid[m2], var[m2] = self.pub_tids(int(m2.sum())), 0
                self.emit(acct, t, sess_ip[sx], self.switch_models(t, S4, sw, 0.8), tid, var)

    def trap_winback_promo(self):
        r, n = self.rng, self.n
        g = "trap_winback_promo"
        k = max(50, round(0.005 * n))
        email = self.new_tids(3)
        e_t = T0 + 17 * DAY + 15 * HOUR
        for _ in range(k):
            cc = self.country()
            c = T0 - r.uniform(365, 1460) * DAY
            acct = self.add(c, cc, self.personal_domain(cc), g, "benign_group", g)
            if r.random() < 0.6:
                self.link(acct, self.new_pm(), c, c + r.uniform(100, 360) * DAY)
            ret = int(e_t + min(r.lognormal(np.log(5), 1.2), 24 * 14) * HOUR)
            if ret >= T1 - HOUR:
                continue
            if r.random() < 0.45:
                self.link(acct, self.new_pm(), ret)
            home = self.home_ip(cc)
            mob = self.carrier[cc]
            ne = int(r.integers(1, 4))
            t, _ = self.expand([ret], [ne + int(r.integers(2, 9))], 20, 120)
            tid = np.r_[email[:ne], self.uniq(len(t) - ne)]
            ip = home if r.random() < 0.75 else int(mob[r.integers(0, len(mob))])
            self.emit(acct, t, ip, np.where(r.random(len(t)) < 0.9, S5, S4), tid, 0)
            if r.random() < 0.6 and ret + DAY < T1:
                ks = r.poisson(2 / 7 * (T1 - ret - DAY) / DAY)
                st, ok = self.times_in(np.full(ks, ret + DAY), np.full(ks, T1), np.full(ks, CTZ[cc]), "evening")
                st = st[ok]
                t, sx = self.expand(st, r.integers(2, 6, len(st)), 20, 150)
                tid, var = self.cover_prompts(len(t), 0.35)
                em = r.random(len(t)) < 0.1
                tid[em] = email[r.integers(0, 3, int(em.sum()))]
                sip = np.where(r.random(len(st)) < 0.75, home, mob[r.integers(0, len(mob), len(st))])
                self.emit(acct, t, sip[sx], np.where(r.random(len(t)) < 0.7, S5, S4), tid, var)

    def trap_gift_seats(self):
        r, n = self.rng, self.n
        g = "trap_gift_seats"
        for _ in range(max(3, round(n / 4000))):
            cc = self.country(["US", "GB", "DE", "NL", "CA", "AU"], [0.45, 0.15, 0.1, 0.1, 0.1, 0.1])
            dom = self.vanity()
            card = self.new_pm()
            office = self.new_ips(int(r.choice(BUSINESS)), int(r.integers(1, 3)))
            mc = T0 - r.uniform(100, 900) * DAY
            mgr = self.add(mc, cc, dom, g, "benign_group", g)
            self.link(mgr, card, mc)
            welcome = self.new_tids(1)[0]
            day = int(r.integers(2, 23))
            while (day + 0) % 7 >= 5:
                day += 1
            s = T0 + day * DAY + (r.uniform(10, 15) - CTZ[cc]) * HOUR
            k = int(r.integers(8, 31))
            for c in np.sort(s + r.uniform(0, 40, k) * MIN):
                rc = cc if r.random() < 0.5 else self.country()
                dom_r = self.vanity() if r.random() < 0.5 else self.personal_domain(rc)
                acct = self.add(c, rc, dom_r, g, "benign_group", g)
                self.link(acct, card, c)
                self.emit(acct, [int(c) + int(r.integers(20, 91))], office[0], S4, welcome, 0)
                if r.random() < 0.75:
                    lo = int(c + r.uniform(1, 6) * DAY)
                    if lo < T1:
                        home = self.home_ip(rc)
                        ks = r.poisson(max(r.lognormal(np.log(6), 0.8), 1) * (T1 - lo) / (20 * DAY))
                        st, ok = self.times_in(np.full(ks, lo), np.full(ks, T1), np.full(ks, CTZ[rc]), "day")
                        t, _ = self.expand(st[ok], r.integers(1, 6, int(ok.sum())), 20, 150)
                        tid, var = self.cover_prompts(len(t), 0.3)
                        self.emit(acct, t, home, self.switch_models(t, S4, REL + r.exponential(4) * DAY, 0.6), tid, var)
            # the office manager's own use
            ks = r.poisson(NDAYS * 0.6)
            st, ok = self.times_in(np.full(ks, T0), np.full(ks, T1), np.full(ks, CTZ[cc]), "office", 0.1)
            t, _ = self.expand(st[ok], r.integers(1, 5, int(ok.sum())), 20, 150)
            tid, var = self.cover_prompts(len(t), 0.4)
            self.emit(mgr, t, office[r.integers(0, len(office), len(t))], S4, tid, var)

    def trap_month_close(self):
        r, n = self.rng, self.n
        g = "trap_month_close"
        k = max(40, round(0.0035 * n))
        workers = np.r_[self.cloud_ips(6, [AWS]), self.cloud_ips(2, [GCP])]
        extract, validate = self.new_tids(2)
        switch = T0 + 22 * DAY + 3 * HOUR
        cust = []
        for _ in range(k):
            cc = self.country(["US", "GB", "CA", "DE", "NL", "AU"], [0.5, 0.15, 0.1, 0.1, 0.08, 0.07])
            c = T0 - r.uniform(60, 1500) * DAY
            acct = self.add(c, cc, self.vanity(), g, "benign_group", g)
            self.link(acct, self.new_pm(), c)
            cust.append((acct, cc, 3 * r.lognormal(0, 0.8)))
            if r.random() < 0.25:  # the customer's finance staff also use the key directly
                office = int(self.new_ips(int(r.choice(BUSINESS)), 1)[0])
                ks = r.poisson(0.8 * NDAYS)
                st, ok = self.times_in(np.full(ks, T0), np.full(ks, T1), np.full(ks, CTZ[cc]), "office", 0.05)
                t, _ = self.expand(st[ok], r.integers(2, 6, int(ok.sum())), 30, 180)
                tid, var = self.cover_prompts(len(t), 0.4)
                self.emit(acct, t, office, S4, tid, var)
        ids = np.array([c[0] for c in cust])
        vol = np.array([c[2] for c in cust])
        runs = []
        for d in range(NDAYS):
            close = 24 <= d <= 30
            if close:
                runs += [(T0 + d * DAY + h * HOUR, 2.0) for h in (2, 10, 18)]
            elif (d % 7) < 5:
                runs.append((T0 + d * DAY + 2 * HOUR, 1.0))
        for rt, f in runs:
            inv = r.poisson(vol * f)
            per = r.integers(1, 4, int(inv.sum()))
            who = np.repeat(np.repeat(np.arange(k), inv), per)
            step = np.concatenate([np.arange(p) for p in per]) if len(per) else np.zeros(0, np.int64)
            order = r.permutation(len(who))
            who, step = who[order], step[order]
            t = rt + np.cumsum(r.exponential(0.5, len(who))).astype(np.int64)
            ip = workers[np.arange(len(who)) % len(workers)]
            tid = np.where(step == 0, extract, validate)
            m = np.where(t >= switch, S5, MINI)
            self.emit(ids[who], t, ip, m, tid, self.fresh(len(who)))

    # ================================================================== ORGANIC
    def organic(self, total):
        r = self.rng
        share = np.array([0.375, 0.14, 0.14, 0.03, 0.09, 0.06, 0.025, 0.04, 0.02, 0.05, 0.03])
        want = np.floor(share * total).astype(int)
        want[0] += total - want.sum()
        # per account: route weights rw (HOME..SWG) and prompt-category weights pw (P_UNIQ..P_COURSE)
        comp_tmpl = {}

        def created_one():
            if r.random() < 0.1:
                return T0 + r.uniform(0, NDAYS - 1) * DAY
            return T0 - min(r.exponential(420), 5 * 365) * DAY - r.uniform(0, DAY)

        def card(acct, c, p=0.65):
            if r.random() < p:
                self.link(acct, self.new_pm(), c)
                if r.random() < 0.06:
                    self.link(acct, self.new_pm(), c + r.uniform(0, 200) * DAY if c < T0 - 200 * DAY else c)

        rw = np.zeros((total, 9))
        pw = np.zeros((total, 6))
        info = []
        i = 0

        def push(seg, cc, dom, c, home=-1, office=None, vm=-1, cowork=-1, comp=-1, prof="day", wk=1.0):
            nonlocal i
            acct = self.add(c, cc, dom, "organic", "organic", seg)
            info.append((acct, seg, cc, int(c), home, office, vm, cowork, comp, prof, wk))
            i += 1
            return acct, i - 1

        # individuals
        for _ in range(want[0]):
            cc = self.country()
            c = created_one()
            acct, j = push("org_individual", cc, self.personal_domain(cc), c, home=self.home_ip(cc), prof="day")
            card(acct, c)
            ms = r.uniform(0.1, 0.5) if r.random() < 0.4 else 0.0
            rw[j, HOME], rw[j, MOBILE] = 1 - ms, ms
            pw[j, [P_UNIQ, P_PUB, P_PERS]] = (0.5, 0.3, 0.2)
        # households
        left = want[1]
        while left > 0:
            k = min(left, int(r.choice([2, 3, 4, 5], p=[0.45, 0.3, 0.17, 0.08])))
            left -= k
            cc = self.country()
            home = self.home_ip(cc)
            fam_card = self.new_pm() if r.random() < 0.5 else None
            for _ in range(k):
                c = created_one()
                acct, j = push("org_household", cc, self.personal_domain(cc), c, home=home, prof="evening")
                if fam_card is not None:
                    self.link(acct, fam_card, c)
                else:
                    card(acct, c, 0.55)
                ms = r.uniform(0.1, 0.4) if r.random() < 0.3 else 0.0
                rw[j, HOME], rw[j, MOBILE] = 1 - ms, ms
                pw[j, [P_UNIQ, P_PUB, P_PERS]] = (0.5, 0.3, 0.2)
        # companies
        left = want[2]
        comp = 0
        while left > 0:
            k = min(left, 3 + int(min(r.geometric(0.14), 57)))
            left -= k
            cc = self.country()
            dom = self.vanity()
            office = self.new_ips(int(r.choice(BUSINESS)), int(r.integers(1, 4)))
            ccard = self.new_pm() if r.random() < 0.35 else None
            comp_tmpl[comp] = self.new_tids(2)
            base_c = T0 - r.uniform(30, 1500) * DAY
            for _ in range(k):
                c = base_c + r.exponential(200) * DAY
                if c >= T1 - DAY:
                    c = T0 + r.uniform(0, NDAYS - 1) * DAY
                hm = self.home_ip(cc) if r.random() < 0.3 else -1
                acct, j = push("org_company", cc, dom, c, home=hm, office=office, comp=comp, prof="office", wk=0.15)
                if ccard is not None:
                    self.link(acct, ccard, c)
                else:
                    card(acct, c, 0.7)
                rw[j, OFFICE] = 1.0
                rw[j, HOME] = 0.25 if hm >= 0 else 0.0
                pw[j, [P_UNIQ, P_PUB, P_PERS, P_COMP]] = (0.4, 0.2, 0.1, 0.3)
            comp += 1
        # enterprises behind the Netveil gateway (invoiced: no card on the accounts)
        left = want[3]
        while left > 0:
            k = min(left, int(r.integers(40, 250)))
            left -= k
            cc = self.country(["US", "GB", "DE", "FR", "JP"], [0.5, 0.15, 0.15, 0.1, 0.1])
            dom = self.vanity((".com",))
            comp_tmpl[comp] = self.new_tids(2)
            for _ in range(k):
                c = T0 - r.uniform(20, 900) * DAY
                acct, j = push("org_enterprise", cc, dom, c, comp=comp, prof="office", wk=0.1)
                rw[j, SWG] = 1.0
                pw[j, [P_UNIQ, P_PUB, P_PERS, P_COMP]] = (0.45, 0.15, 0.1, 0.3)
            comp += 1
        # mobile-only
        for _ in range(want[4]):
            cc = self.country()
            c = created_one()
            acct, j = push("org_mobile", cc, self.personal_domain(cc), c, prof="evening")
            card(acct, c, 0.5)
            rw[j, MOBILE] = 1.0
            pw[j, [P_UNIQ, P_PUB, P_PERS]] = (0.6, 0.3, 0.1)
        # developers
        for _ in range(want[5]):
            cc = self.country()
            c = created_one()
            acct, j = push(
                "org_developer",
                cc,
                self.personal_domain(cc, p_van=0.15),
                c,
                home=self.home_ip(cc),
                vm=int(self.cloud_ips(1)[0]),
                prof="late",
            )
            card(acct, c, 0.85)
            rw[j, CLOUD], rw[j, HOME] = 0.6, 0.4
            pw[j, [P_UNIQ, P_PUB, P_PERS, P_FRAME]] = (0.3, 0.1, 0.2, 0.4)
        cron_start = len(info)
        for _ in range(want[6]):
            cc = self.country()
            c = created_one()
            acct, j = push("org_cron", cc, self.personal_domain(cc, p_van=0.2), c, vm=int(self.cloud_ips(1)[0]))
            card(acct, c, 0.8)
        cron_end = len(info)
        for _ in range(want[7]):
            cc = self.country()
            c = created_one()
            acct, j = push("org_vpn", cc, self.personal_domain(cc, p_priv=0.25), c, home=self.home_ip(cc))
            card(acct, c, 0.7)
            rw[j, VPN], rw[j, HOME] = 0.7, 0.3
            pw[j, [P_UNIQ, P_PUB, P_PERS]] = (0.5, 0.3, 0.2)
        for _ in range(want[8]):
            cc = self.country()
            c = created_one()
            acct, j = push("org_resi_proxy", cc, self.personal_domain(cc), c, home=self.home_ip(cc), prof="flat")
            card(acct, c, 0.7)
            rw[j, RESI], rw[j, HOME] = 0.85, 0.15
            pw[j, [P_UNIQ, P_PUB, P_PERS]] = (0.5, 0.3, 0.2)
        for _ in range(want[9]):
            cc = CI["US"] if r.random() < 0.8 else self.country()
            c = T0 - r.uniform(0, 4 * 365) * DAY if r.random() < 0.9 else T0 + r.uniform(0, 10) * DAY
            acct, j = push("org_student", cc, "calder.edu", c, home=self.home_ip(CI["US"]), prof="late")
            card(acct, c, 0.45)
            rw[j, CAMPUS], rw[j, HOME] = 0.6, 0.4
            pw[j, [P_UNIQ, P_PUB, P_PERS, P_COURSE]] = (0.35, 0.2, 0.1, 0.35)
        for _ in range(want[10]):
            cc = self.country()
            c = created_one()
            acct, j = push(
                "org_freelancer",
                cc,
                self.personal_domain(cc, p_van=0.25),
                c,
                home=self.home_ip(cc),
                cowork=int(r.integers(0, 5)),
            )
            card(acct, c, 0.85)
            rw[j, COWORK], rw[j, HOME] = 0.55, 0.45
            pw[j, [P_UNIQ, P_PUB, P_PERS]] = (0.45, 0.25, 0.3)
        # Meshgate also recruits 1% of organic homes as exits
        homes = np.array([x[4] for x in info if x[4] >= 0])
        self.mesh = np.r_[self.mesh, r.choice(np.unique(homes), max(1, len(np.unique(homes)) // 100), replace=False)]
        # organic enforcement
        for x in info:
            if r.random() < 0.004:
                self.enforce(x[0], T0 + r.uniform(2, NDAYS) * DAY, "banned" if r.random() < 0.6 else "suspended")
        self._organic_traffic(info, rw, pw, comp_tmpl, cron_start, cron_end)

    def _organic_traffic(self, info, rw, pw, comp_tmpl, cron_start, cron_end):
        r = self.rng
        m = len(info)
        acct = np.array([x[0] for x in info])
        seg = np.array([x[1] for x in info])
        cc = np.array([x[2] for x in info])
        created = np.array([x[3] for x in info], np.int64)
        enf = np.array([self.a["enf"][a] for a in acct], np.int64)
        home = np.array([x[4] for x in info])
        vm = np.array([x[6] for x in info])
        cow = np.array([x[7] for x in info])
        comp = np.array([x[8] for x in info])
        prof = np.array([PROF_NAMES.index(x[9]) for x in info])
        wk = np.array([x[10] for x in info])
        lo = np.maximum(created, T0)
        hi = np.minimum(enf, T1)
        frac = np.clip((hi - lo) / (T1 - T0), 0, 1)
        vol = r.lognormal(np.log(22), 1.1, m) * frac
        vol[r.random(m) < 0.08] = 0
        vol[seg == "org_developer"] *= 2.0
        vol[seg == "org_cron"] = 0
        nsess = r.poisson(vol / 2.8)
        nsess[hi <= lo] = 0
        si = np.repeat(np.arange(m), nsess)
        # weekend thinning by account
        st = np.empty(len(si), np.int64)
        ok = np.zeros(len(si), bool)
        for w in np.unique(wk):
            sel = wk[si] == w
            st[sel], ok[sel] = self.times_in(lo[si[sel]], hi[si[sel]], CTZ[cc[si[sel]]], prof[si[sel]], float(w))
        si, st = si[ok], st[ok]
        ns = len(si)
        route = self._rowcat(rw[si])
        ip = np.full(ns, -1, np.int64)
        ip[route == HOME] = home[si[route == HOME]]
        mm = route == MOBILE
        for c in np.unique(cc[si[mm]]):
            s2 = mm & (cc[si] == c)
            ip[s2] = self.carrier[c][r.integers(0, len(self.carrier[c]), int(s2.sum()))]
        offi = np.flatnonzero(route == OFFICE)
        ip[offi] = [info[si[j]][5][r.integers(0, len(info[si[j]][5]))] for j in offi]
        ip[route == CLOUD] = vm[si[route == CLOUD]]
        mv = route == VPN
        ip[mv] = self.vpn[r.choice(len(self.vpn), int(mv.sum()), p=self.vpn_p)]
        mr = route == RESI
        ip[mr] = self.mesh[r.integers(0, len(self.mesh), int(mr.sum()))]
        mc = route == CAMPUS
        ip[mc] = self.campus[r.integers(0, len(self.campus), int(mc.sum()))]
        mw = route == COWORK
        cw = np.array(self.cowork)
        ip[mw] = cw[cow[si[mw]], r.integers(0, 2, int(mw.sum()))]
        ms = route == SWG
        ip[ms] = self.netveil[r.integers(0, len(self.netveil), int(ms.sum()))]
        assert (ip >= 0).all()
        cnt = 1 + r.poisson(1.8, ns)
        cnt[seg[si] == "org_developer"] += r.poisson(2.5, int((seg[si] == "org_developer").sum()))
        t, sx = self.expand(st, cnt, 8, 150)
        ra = si[sx]
        n = len(t)
        cat = self._rowcat(pw[ra])
        tid = self.uniq(n)
        var = np.zeros(n, np.int64)
        m_ = cat == P_PUB
        tid[m_] = self.pub_tids(int(m_.sum()))
        ed = m_ & (r.random(n) < 0.2)
        var[ed] = r.integers(1, 6, int(ed.sum()))
        m_ = cat == P_PERS
        npers = 1 + (mix(acct[ra].astype(U64) ^ self.salt[0]) % U64(3)).astype(np.int64)
        tid[m_] = 10_000_000 + acct[ra][m_] * 4 + r.integers(0, 3, int(m_.sum())) % npers[m_]
        var[m_] = np.where(r.random(int(m_.sum())) < 0.4, 1, 0)
        m_ = cat == P_COMP
        ct = np.array(
            [comp_tmpl[c][k] for c, k in zip(comp[ra][m_], r.integers(0, 2, int(m_.sum())), strict=True)],
            dtype=np.int64,
        )
        tid[m_] = ct
        var[m_] = np.where(r.random(int(m_.sum())) < 0.5, 100 + acct[ra][m_], 0)
        m_ = cat == P_FRAME
        fw = (mix(acct[ra].astype(U64) ^ self.salt[1]) % U64(100)).astype(np.int64)
        fw = np.where(fw < 55, 0, np.where(fw < 85, 1, 2))
        upgraded = (t >= T0 + 13 * DAY + 15 * HOUR) & (r.random(n) < 0.85)
        ftid = np.where(upgraded, self.frame_v2[fw], self.frame_v1[fw])
        tid[m_] = ftid[m_]
        var[m_] = np.where(r.random(int(m_.sum())) < 0.6, 0, self.fresh(int(m_.sum())))
        m_ = cat == P_COURSE
        tid[m_] = self.course[r.choice(15, int(m_.sum()), p=zipf_p(15, 1.0))]
        var[m_] = np.where(r.random(int(m_.sum())) < 0.5, 0, self.fresh(int(m_.sum())))
        # models
        bm = np.where(seg == "org_developer", 0, 1)
        base = np.where(bm == 0, r.choice(3, m, p=[0.4, 0.1, 0.5]), r.choice(3, m, p=[0.7, 0.27, 0.03]))
        u = r.random(m)
        adopt = np.where(u < 0.06, REL + r.uniform(0.5, 24, m) * HOUR, REL + r.exponential(6, m) * DAY)
        adopt[u > 0.38] = NEVER
        self.emit(acct[ra], t, ip[sx], self.switch_models(t, base[ra], adopt[ra], 0.65), tid, var)
        # cron jobs: runs at :00:00-:04 of every hour / 6 hours / day from the user's VM
        for j in range(cron_start, cron_end):
            a, c = acct[j], lo[j]
            if hi[j] <= c:
                continue
            period = int(r.choice([1, 6, 24], p=[0.1, 0.3, 0.6])) * HOUR
            phase = int(r.integers(0, 24)) * HOUR % period
            secs = int(r.integers(0, 241))
            first = ((c - phase) // period + 1) * period + phase
            runs = np.arange(first, hi[j], period)
            if len(runs) == 0:
                continue
            runs = runs + secs + r.integers(0, 4, len(runs))
            runs = runs[r.random(len(runs)) < 0.97]
            t, _ = self.expand(runs, r.integers(1, 3, len(runs)), 1, 3)
            tid = self.cron_scripts[int(r.integers(0, 8))] if r.random() < 0.35 else 10_000_000 + a * 4
            latest = r.random() < 0.1
            base_m = MINI if r.random() < 0.6 else S4
            mdl = np.where(latest & (t >= REL), S5, base_m)
            self.emit(a, t, vm[j], mdl, tid, 0)

    def _rowcat(self, w):
        c = np.cumsum(w, axis=1)
        u = self.rng.random(len(w)) * c[:, -1]
        return (u[:, None] >= c).sum(axis=1)

    # ================================================================== OUTPUT
    def write(self, out):
        r = self.rng
        os.makedirs(out, exist_ok=True)
        a = self.a
        na = len(a["created"])
        created = np.array(a["created"], np.int64)
        enf = np.array(a["enf"], np.int64)
        # account ids
        while True:
            aid = letters(r.integers(0, 2**63, na, dtype=np.int64).astype(U64))
            if len(np.unique(aid)) == na:
                break
        aid = np.char.add("acct_", aid)
        # requests
        cols = [np.concatenate([c[k] for c in self.rq]) for k in range(6)]
        acct, t, ip, model, tid, var = cols
        keep = (t >= created[acct]) & (t >= T0) & (t < T1) & (t < enf[acct])
        acct, t, ip, model, tid, var = (x[keep] for x in (acct, t, ip, model, tid, var))
        model[(model == S5) & (t < REL)] = S4
        order = np.lexsort((acct, t))
        acct, t, ip, model, tid, var = (x[order] for x in (acct, t, ip, model, tid, var))
        ut = tid.astype(U64)
        key = mix(mix(ut ^ self.salt[0]) ^ (var.astype(U64) * U64(0x9E3779B97F4A7C15)))
        ukey, first, finv = np.unique(key, return_index=True, return_inverse=True)
        # simhash per unique fingerprint
        ft, fv = ut[first], var[first]
        base = mix(ft ^ self.salt[1])
        h = mix(ukey ^ self.salt[2])
        k = (h % U64(5)).astype(np.int64) + 1
        mask = np.zeros(len(ukey), U64)
        for j in range(5):
            bit = U64(1) << ((h >> U64(8 + 6 * j)) & U64(63))
            mask |= np.where(j < k, bit, U64(0))
        sh = fix_digit_runs(np.where(fv == 0, base, base ^ mask))
        fp_str = np.char.add("fp_", letters(ukey))
        sh_str = np.array([f"{x:016x}" for x in sh.tolist()])
        ip_str = np.array(self.ip_str)
        ip_asn = np.array(self.ip_asn, np.int64)

        def ts(x):
            return pd.to_datetime(np.asarray(x, np.int64), unit="s", utc=True)

        def write(name, df):
            tab = pa.Table.from_pandas(df, preserve_index=False)
            fields = [pa.field(f.name, pa.string()) if pa.types.is_large_string(f.type) else f for f in tab.schema]
            pq.write_table(tab.cast(pa.schema(fields)), os.path.join(out, f"{name}.parquet"))

        # accounts (random row order)
        perm = r.permutation(na)
        write(
            "accounts",
            pd.DataFrame(
                {
                    "account_id": aid[perm],
                    "created_at": ts(created[perm]),
                    "email_domain": np.array(a["domain"], dtype=object)[perm],
                    "country": np.array(CC)[np.array(a["country"])[perm]],
                    "status": np.array(a["status"], dtype=object)[perm],
                }
            ),
        )
        # payment methods
        while True:
            pmid = letters(r.integers(0, 2**63, self.n_pm, dtype=np.int64).astype(U64))
            if len(np.unique(pmid)) == self.n_pm:
                break
        pmid = np.char.add("pm_", pmid)
        pay = np.array(self.pay, np.int64).reshape(-1, 4)
        pay = pay[np.lexsort((pay[:, 2], pay[:, 1], perm.argsort()[pay[:, 0]]))]
        write(
            "payment_methods",
            pd.DataFrame(
                {
                    "account_id": aid[pay[:, 0]],
                    "payment_method_id": pmid[pay[:, 1]],
                    "first_seen": ts(pay[:, 2]),
                    "last_seen": ts(np.maximum(pay[:, 3], pay[:, 2])),
                }
            ),
        )

        # link tables: exact group-bys of the request log
        def agg(code):
            g = pd.DataFrame({"a": acct, "c": code, "t": t}).groupby(["a", "c"], sort=True)["t"]
            res = g.agg(["min", "max", "size"]).reset_index()
            return res

        px = agg(ip)
        write(
            "proxies",
            pd.DataFrame(
                {
                    "account_id": aid[px["a"].to_numpy()],
                    "ip": ip_str[px["c"].to_numpy()],
                    "asn": ip_asn[px["c"].to_numpy()],
                    "first_seen": ts(px["min"]),
                    "last_seen": ts(px["max"]),
                    "request_count": px["size"].to_numpy(np.int64),
                }
            ),
        )
        pf = agg(finv)
        write(
            "prompt_fingerprints",
            pd.DataFrame(
                {
                    "account_id": aid[pf["a"].to_numpy()],
                    "fingerprint": fp_str[pf["c"].to_numpy()],
                    "simhash": sh_str[pf["c"].to_numpy()],
                    "first_seen": ts(pf["min"]),
                    "last_seen": ts(pf["max"]),
                    "request_count": pf["size"].to_numpy(np.int64),
                }
            ),
        )
        tab = pa.table(
            {
                "account_id": pa.array(aid).take(pa.array(acct)),
                "timestamp": pa.array(ts(t)),
                "ip": pa.array(ip_str).take(pa.array(ip)),
                "model": pa.array(np.array(MODELS)).take(pa.array(model.astype(np.int64))),
                "prompt_fingerprint": pa.array(fp_str).take(pa.array(finv)),
                "prompt_simhash": pa.array(sh_str).take(pa.array(finv)),
            }
        )
        pq.write_table(tab, os.path.join(out, "requests.parquet"))
        truth = pd.DataFrame(
            {
                "account_id": aid,
                "group": a["group"],
                "kind": a["kind"],
                "status": a["status"],
                "replacement": a["repl"],
                "segment": a["seg"],
            }
        ).iloc[perm]
        truth.to_csv(os.path.join(out, "truth.csv"), index=False)
        return {
            "accounts": na,
            "payment_methods": len(pay),
            "proxies": len(px),
            "prompt_fingerprints": len(pf),
            "requests": len(t),
        }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--accounts", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.accounts < 5000:
        ap.error("--accounts must be at least 5000")
    started = time.time()
    w = World(args.accounts, args.seed)
    w.op_chargeback()
    w.op_warmfarm()
    w.op_grantfarm()
    w.op_guestseats()
    w.trap_tax_season()
    w.trap_startup_cohort()
    w.trap_agency_guests()
    w.trap_winback_promo()
    w.trap_gift_seats()
    w.trap_month_close()
    left = args.accounts - len(w.a["created"])
    if left < 0.8 * args.accounts:
        raise SystemExit("groups leave too little room for the organic population")
    w.organic(left)
    counts = w.write(args.out)
    print(" ".join(f"{k}={v}" for k, v in counts.items()), f"({time.time() - started:.1f}s)", file=sys.stderr)


if __name__ == "__main__":
    main()
