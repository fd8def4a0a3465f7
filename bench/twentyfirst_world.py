#!/usr/bin/env python3
"""twentyfirst_world: an independent synthetic test world for linkgraph (data contract version 2).

Usage::

    python bench/twentyfirst_world.py OUT_DIR [--accounts N] [--seed S]

Writes ``accounts``, ``payment_methods``, ``proxies``, ``prompt_fingerprints`` (+ ``simhash``) and ``requests``
(+ ``ip``, ``model``, ``prompt_fingerprint``, ``prompt_simhash``) as Parquet into OUT_DIR, plus ``truth.csv`` with the
columns ``account_id,group,kind,status,replacement,segment``.  ``kind`` is ``fraud``, ``benign_group`` or
``organic``; ``group`` is ``op_*``, ``trap_*`` or ``organic``; ``segment`` is the organic sub-population (``org_*``)
or the group name; ``status`` equals ``accounts.status``; ``replacement`` is 1 only for fraud accounts created to take
the place of an enforced fraud account.  Default N = 20,000, seed 1; N >= 5,000 (floors keep small groups alive; the
organic population fills up to exactly N).  Only numpy, pandas and pyarrow; one ``numpy.random.Generator`` seeded
from ``--seed`` makes every random choice (hash-derived choices use salts drawn from it), so a seed gives
byte-identical files.  ~12 s and ~1.15M requests at 20k.  Theme: traffic, timing and prompt angles.  Written blind
(data contract, anchors and the nineteenth world's header only; earlier scenario names and ideas avoided on purpose).

CLOCK, MODELS, IDENTIFIERS
    35 days from Mon 2027-03-01 00:00 UTC (day 0) to Mon 2027-04-05.  Local clocks follow daylight saving: US/CA
    +1 h from Sun day 13 (14 Mar), EU countries from Sun day 27 (28 Mar), Australia back -1 h from day 33 16:00 UTC.
    Six models exist all along: ``atlas-4``, ``-mini``, ``-code``, ``-vision``, ``-think`` (reasoning), ``-long``
    (long context).  ``atlas-5`` is released Tue 2027-03-16 17:00 UTC (day 15.7) and ``atlas-5-think`` Wed 2027-03-24
    16:00 UTC (day 23.7).  Ordinary adoption: atlas-5 by 4% of people within 0.5-24 h, 33% after release + Exp(6 d),
    who then send 70% of their atlas-4 requests to it; atlas-5-think by 6% early and 30% after + Exp(5 d) (75% of
    their -think requests).  Ids are ``acct_`` / ``pm_`` / ``fp_`` + 14 lowercase letters; timestamps are millisecond
    UTC.  Enforcement stops an account's traffic; requests before creation are dropped.  ``proxies`` and
    ``prompt_fingerprints`` are exact group-bys of the request log; account rows are in random order.

PROMPTS AND SIMHASH
    A template is a 64-bit key that is also its SimHash base (unrelated templates ~32 bits apart).  A request is
    (template, variant): variant 0 is the exact text; any other variant is a paraphrase / edit with its own fingerprint
    and SimHash = base with nb bits flipped (nb set by the scenario).  Fresh variants are new for every request; sticky
    ones are reused.  A SimHash whose hex holds >= 12 decimal digits in a row gets one more bit flipped until clean.
    Ordinary prompts (a session has a mode that 75% of its requests follow): unique text; 600 public templates
    (Zipf 1.1; 25% fresh paraphrases of 1-4 bits); 1-3 personal templates (40% fresh edits of 1-3 bits); the
    company's template (40% of staff verbatim, 60% a personal sticky edit of 1-3 bits); the popular "Tessel" agent
    framework's turn template (system prompt + tool manifest, exact, machine turns ~7 s apart, code / atlas-4); the
    "Quarry" RAG library's map and reduce templates (exact, chunks ~4 s apart, long / atlas-4); the "Wordloom" AAC
    app's prediction prompt (exact, ~2 s apart, mini).  Human gaps: lognormal, median 45 s (chatters 70 s).

IP SPACE (one ASN per address; IPv4 from per-ASN /16 blocks, 10% of homes IPv6)
    17 countries (US 27%, IN 10, GB / DE 7, ...), two home ISPs and one mobile carrier each; 20% of homes get a new
    lease once.  Carrier CGNAT pools of max(4, N*w/500) addresses.  "Tidepool", a residential proxy network:
    max(300, N/25) exits in 68 ASNs (each country's two home ISPs + two regional ISPs), used by its customers (a
    random exit per session) and by two ops.  "Keystone" VPN: max(30, N/700) exits on AS9009/60068/212238 (Zipf).
    Nine clouds: developers' own VMs, and 15 shared serverless/CI egress addresses per cloud.  Office NATs on six
    business ISPs.  Three universities (campus NAT 6 addresses).  Small hosting ASNs for operator VPSes.  Three city
    library networks (AS396501/397812/398240).  Ledgerline CRM's egress (8 AWS + 4 GCP addresses).  Hour profiles:
    home (evening peak), office (weekdays 08-17), developer (office + evening).

FRAUD OPERATIONS (kind ``fraud``; ~3% of N including replacements; all four NEW)
------------------------------------------------------------------------------
``op_babel``  (7 desks x max(5, ceil(0.75% N / 7)) rows; 154 at 20k) -- NEW: MULTILINGUAL FAN-OUT, TRANSLATION AS
    OBFUSCATION.  One distiller, seven language desks (DE, FR, ES (30% claim MX), BR, JP, KR, TR).  Accounts claim
    the desk's country (national mail 40 / webmail 45 / privacy 15%), are created one by one over days -45..+8 and
    start 1-3 days later; own prepaid cards (20% of even rows share with the same desk's account of the next row).
    Items arrive (Poisson) 07:00-15:00 UTC, weekends at 60%; each item goes to ONE ROW (a fixed team of one account per
    desk) and to each desk of it with p .75: the desk account sends it 2 s + Exp(8 s) later, translated into its
    language, plus 0-2 follow-ups 20-70 s apart.  Each desk has its own two template families (editions 70/30): every
    request is a fresh paraphrase 1-5 bits from the desk's base, and the desks' bases are unrelated (translation).
    Addresses per item: the claimed country's carrier CGNAT (70%) or a Tidepool exit in that country (30%).  Models:
    atlas-4 80 / -think 20%; op-wide switch to atlas-5 at release + 3-9 h (95% of atlas-4 work) and -think to
    atlas-5-think at its release + 2-6 h (90%).  Cover: +18% requests in the local rhythm (public 40, unique 60%).
    5% banned at random, not replaced.  ~290 requests per account.  Signal: the accounts of one row, in 4-7 countries
    on unrelated carriers, fire within ~30 s of each other 100+ times; a tight near-duplicate family inside each desk;
    the op-wide model switch; card pairs.  Evasion: no template, SimHash or address ties ACROSS desks; inside a desk
    only national CGNAT / proxy exits shared with thousands; local-looking hours except the Sao Paulo desk's early
    mornings.

``op_baton``  (max(30, 0.7% N) originals + replacements; ~200 at 20k) -- NEW: HUMAN SHIFTS, A HIDDEN QUEUE AND
    RATE-LIMIT BATON PASSING.  English-speaking personas (US 35, GB 15, CA 10, AU 10, IN 15, PH 10, NG 5%), created one
    at a time over days -60..+5 (webmail 60 / national 15 / privacy 15 / vanity 10%), own prepaid card.  Each works a
    human shift in its claimed zone: start 07:30-11:00 local, 4-7 h, weekdays with p .75-.95, weekends .15, about one
    request every 7 min (Poisson) -- no op-wide rhythm.  Squads of ~12 (random) share a hidden queue.  90% work (3 CoT
    families 50/30/20, fresh paraphrases 1-5 bits), 10% cover.  14% of work requests hit the per-account
    tokens-per-minute limit: the worker hands the SAME prompt to a random on-shift squad mate, who sends it 2-30 s
    later (25% are throttled again and passed to a third) -- the only exact repeats in the op.  Addresses: 15% of
    shifts on the claimed country's carrier CGNAT, else a Tidepool exit per 30-minute block (80% in the claimed
    country).  Models: -think 60 / atlas-4 40%; op-wide atlas-4 -> atlas-5 at release + 20-30 h (70%), -think ->
    atlas-5-think at its release + 1-4 h (90%).  Sweeps on days 12 and 25 (16:00 UTC, within 2 h) hit 30% of live
    accounts (85% banned, 15% suspended); 80% are replaced 1-4 days later (replacement=1) in the same squad with the
    same claimed country and shift hours; 25% reuse the banned account's card, and the first half hour of the
    replacement's first shift runs through the banned account's last exit.  ~750 requests per account.  Signal: rare
    exact fingerprints (degree 2-3) sent by two squad mates seconds apart, dozens of times per pair; CoT families;
    the sharp -think adoption; replacements' inherited card / exit / schedule.  Evasion: believable per-account
    working hours in each persona's zone, residential exits rotated every 30 minutes, no shared template.

``op_chunkline``  (max(35, 0.95% N); 190 at 20k) -- NEW: A TEMPLATE CUT INTO CHUNKS, LOW AND SLOW OVER MANY ASNs.
    Free-tier style: 60% without a card (40% own prepaid), webmail 70 / privacy 20 / university 10%, claimed countries
    by population, created steadily over days -80..+20.  The op's long elicitation prompt is split into 4 turns of a
    stateful conversation (context, task, reasoning rubric, output schema), in 3 editions (math / code / long
    document, 45/35/20) -> 12 family bases.  Every chunk is a fresh paraphrase 1-5 bits off its base; 30% of rubric
    chunks carry pasted cover text (6-10 bits off); each edition's output-schema chunk sits 9-11 bits from the third
    most popular public template.  Poisson(1.6) sessions a day at random local 07-24 h; 20% are cover sessions (1-3
    public / unique requests), the rest 1-2 conversations 3-15 min apart with chunks ~14 s (lognormal) + 1-4 s apart.
    Each session takes a fresh route: a random Tidepool exit anywhere (65%, 68 ASNs) or a random country's carrier
    CGNAT.  Models by edition -think / -code / -long (20% atlas-4, 10% mini); op-wide 50% of conversations to atlas-5
    from release + 2-6 h, -think -> atlas-5-think (80%) from its release + 3-5 h.  4% banned, not replaced.  ~250
    requests per account.  Signal: the a -> b -> c -> d order of near-duplicate chunks within about a minute, repeated
    by every account; 12 tight SimHash families used by nobody else; the concentrated adoption.  Evasion: no
    co-timing, no address or ASN reuse, mostly no card, no exact repeat; drifted rubric chunks and a schema chunk that
    resembles a popular public template.

``op_marathon``  (max(4, N/1600) cells of 4-8, + replacements; ~85 at 20k) -- NEW: LONG TOOL-USE SESSIONS IN
    LOCKSTEP.  Developer personas (vanity domains 60%, webmail 40; US 50, GB / DE 15, CA / IN 10%), own virtual cards.
    A cell signs up in 2-3 sittings over days -50..0 (accounts 2-8 min apart); every account sends 1-2 "reply OK" key
    checks (the most common public cron ping script, exact, mini) from the cell's operator VPS (one address on a
    small hosting ASN) minutes after sign-up.  From 0.5-1.5 days later, every 10-18 h round the clock, a cell batch
    starts on all live accounts within 30 s: a tool-use agent session of 12-36 turns ~9 s apart (lognormal model
    latency + 0.2-2 s tool time).  Turn 1 is a fresh task prompt (2 families); later turns carry the harness's system
    prompt + tool manifest, whose tools each account's harness renames: one sticky fingerprint per account, 2-6 bits
    from one of 2 manifest bases.  Each session uses a random serverless/CI egress address of the nine clouds (shared
    with developers' CI).  Models per session: -long 50 / -code 30 / atlas-4 20%; -long and atlas-4 -> atlas-5 at
    release + 1-2 h (90%).  A sweep (day 18 15:00 UTC, within 3 h) hits half of the cells and 50% of their live
    accounts (95% banned); 90% are replaced 1-3 days later (replacement=1): key checks from the cell's VPS, and the
    harness keeps the banned account's manifest (its exact fingerprint).  ~1,300 requests per account.  Signal:
    repeated 30-s co-starts of long machine-paced sessions; a tight manifest family; the operator VPS shared by a
    cell at sign-up; exact fingerprints inherited by replacements; the fast atlas-5 move.  Evasion: no shared card,
    a different exact manifest per account, cloud egress addresses shared with thousands of CI jobs.

INNOCENT LOOK-ALIKES (kind ``benign_group``; none should be listed; all six NEW)
-------------------------------------------------------------------------------
``trap_streamalong``  (max(60, 0.5% N)) -- NEW: LIVESTREAM VIEWERS PASTING THE HOST'S PROMPTS.  Viewers (US 32, IN 15,
    GB / PH 10%, ...; 30% phone-only on carrier CGNAT) of an AI show streamed Tue / Thu / Sat 19:00-21:00 UTC where
    the host shows 6-10 prompts; a viewer attends with a personal p ~ Beta(2,2) and pastes each shown prompt with p .35
    about 50 s (lognormal, <= 15 min) after it appears (75% verbatim, 25% typos of 1-3 bits), 30% add 1-2 own
    follow-ups.  35% signed up within 2 h of the first show's "link in chat" (day 1).  After atlas-5's release the
    host demos it and 90% of pastes use it.  45% own cards; ~15 background requests.  Looks like: the same exact prompt
    from dozens of accounts inside a minute, the same crowd show after show, a creation burst, concentrated model
    adoption.  Innocent: a broadcast watched from ordinary homes and phones in nine countries.
``trap_followsun_desk``  (3 sites x max(6, 0.067% N)) -- NEW: A SUPPORT DESK FOLLOWING THE SUN.  Orrery Cloud's agents
    in Manila (08-16 local), Krakow (08-16) and Austin (09-17; UTC windows move with US and EU daylight saving):
    ``orrerycloud.com``, ONE corporate card on every agent, an office NAT per site + 2 company VPN addresses (Azure).
    ~6 tickets per agent-shift (skeleton crew of 2 per site at weekends); a ticket is the helpdesk's "AI draft reply"
    template with the thread pasted (a fresh 2-6 bit edit per ticket), 1-4 requests 2-15 min apart; 30% of tickets
    opened in a shift's last 2 h are picked up by the next site within 45 min of its start (same fingerprint, other
    country).  The admin moves the desk to atlas-5 on day 20 09:00 UTC.  Looks like: a card on ~40 accounts,
    cross-country exact-prompt handoffs, a 24/7 relay, a near-duplicate template family, a fleet-wide model switch.
    Innocent: one company's domain and offices; a shared corporate card is normal.
``trap_aac_carehome``  (max(3, N/4000) homes x 5-12 residents) -- NEW: ASSISTIVE COMMUNICATION ON SHARED TABLETS.
    Residents of care homes (US / GB / DE / AU / CA) use the Wordloom AAC app on the facility's tablets.  A
    coordinator creates every resident's account in one afternoon (2-6 min apart; 30% of homes on their own .org
    domain, else webmail) and tests each (2-3 requests); 65% of homes pay with one facility card.  Poisson(0.8)
    composing sessions a day at 08-20 local of 6-30 phrase predictions 1.2-3.5 s apart: Wordloom's prompt (exact)
    70%, the resident's phrase bank 20%, unique 10%; atlas-4-mini only; all from the home's single residential line.
    Looks like: a sign-up burst, one private address, one card, one exact template, machine cadence.  Innocent: small
    groups in local daytime, the same prompt as the ~1% of organic users on Wordloom at home, no model pivot.
``trap_crm_digest``  (max(40, 0.4% N)) -- NEW: A SAAS INTEGRATION ACTING FOR ITS CUSTOMERS.  Firms (own domains, own
    cards, office NAT) that enabled the Ledgerline CRM's AI digest: each weekday at 06:30 local (+0-10 min queue),
    Ledgerline's workers (8 AWS + 4 GCP shared addresses) send 3-20 pipeline digests 2-8 s apart with the firm's
    sticky edit (2-6 bits) of Ledgerline's template; on day 17 02:00-02:40 UTC it re-indexes every customer (20-80
    requests, fresh 1-4 bit edits of a re-index template); on day 19 10:00 UTC it moves everyone to atlas-5.  Plus the
    admin's own office traffic (~20 requests).  Looks like: a near-duplicate template family across unrelated
    accounts, shared cloud addresses, daily co-timed bursts per time zone, a global burst, a fleet-wide switch.
    Innocent: vendor infrastructure working for independent customers.
``trap_typhoon_advisory``  (max(50, 0.45% N)) -- NEW: AN EVENT-DRIVEN MULTILINGUAL BURST.  A typhoon hits the
    Philippines: six official advisories between day 8 22:00 and day 10 14:00 UTC.  Residents (55%; 80% on carrier
    CGNAT) and diaspora (US, JP, KR, SG, CA, AU, GB) paste each advisory ~25 min (lognormal, <= 6 h) after release and
    ask for a translation into English, Tagalog, Cebuano, Korean, Japanese or Chinese: each (advisory, language) is a
    sticky 2-4 bit edit of the advisory's base; 30% add a personal note (fresh, 3-6 bits); vision 15% (a photo of the
    bulletin), mini 45%; 0-2 own follow-ups.  35% signed up during the storm (20% of them with a card).  Looks like:
    a creation burst, same-minute co-activity, multilingual near-duplicate families (op_babel's twin), shared CGNAT.
    Innocent: one public event that fades; no fixed teams; ordinary phones and homes.
``trap_library_terminals``  (max(4, N/3000) branches x 8-20 patrons) -- NEW: SHARED PUBLIC PCs.  City library
    branches (US / GB / CA / AU; one NAT address on the city network's ASN) whose PCs are booked in 60-min slots:
    patrons (p .2 a day, Mon-Sat) start ~70 s after the slot unlocks on the hour, 3-15 requests ~2 min apart within
    55 min; the library system's "homework help" bookmark (exact) opens 30% of sessions.  A digital-literacy workshop
    (Thursday, day 3 or 10, 14:00 local) signs up 6-12 patrons 1-3 min apart on the branch address; each sends the
    workshop's exercise (exact) and 1-3 more.  15% have cards; 60% also use their account at home (~10 requests).
    Looks like: many accounts on one rare address, a sign-up burst with an identical first prompt, co-starts at the
    top of the hour.  Innocent: a public library.

ORGANIC POPULATION (kind ``organic``; the rest, ~94% of N)
    Created up to ~6.5 years back (exponential, mean 420 days; 12% inside the window); lognormal volume (sigma 1.1)
    scaled by the active share of the window; sessions in the local rhythm.  Segments (share of the organic total):
    ``org_individual`` (38%, home; 35% also CGNAT; 65% carded, 8% of them with a second card), ``org_household``
    (14%, 2-5 on one home, half of households on one family card), ``org_company`` (12%, 3-60 colleagues on an own
    domain, office NAT (40% two addresses), 45% one company card, company template), ``org_mobile`` (9%, CGNAT only),
    ``org_developer`` (7%, own cloud VM, CI egress, home; Tessel agent sessions, Quarry chunked RAG), ``org_student``
    (4%, campus NAT + home), ``org_cron`` (2%, hourly / 6-hourly / daily jobs at :00:00-:00:05 UTC from a VM, 35% one
    of 8 public scripts; 10% on a "latest" alias that moves to atlas-5 at release + 40 min), ``org_vpn`` (3%,
    Keystone), ``org_proxy`` (2%, Tidepool), ``org_traveler`` (3%, one 3-14 day trip on a foreign carrier),
    ``org_chatter`` (4%, long human conversations, ~120 requests) and ``org_wordloom`` (1%, the AAC app at home).
    0.4% enforced at random (60% banned, 40% suspended).
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DAY, HOUR, MIN = 86400.0, 3600.0, 60.0
T0 = float(pd.Timestamp("2027-03-01T00:00:00Z").timestamp())  # Monday
NDAYS = 35
T1 = T0 + NDAYS * DAY
US_DST = T0 + 13 * DAY + 8 * HOUR  # Sun 14 Mar 2027, 02:00 local
EU_DST = T0 + 27 * DAY + 1 * HOUR  # Sun 28 Mar 2027, 01:00 UTC
AU_END = T0 + 33 * DAY + 16 * HOUR  # Sun 4 Apr 2027, 03:00 AEDT
REL5 = T0 + 15 * DAY + 17 * HOUR  # atlas-5: Tue 16 Mar 2027 17:00 UTC
REL5T = T0 + 23 * DAY + 16 * HOUR  # atlas-5-think: Wed 24 Mar 2027 16:00 UTC
NEVER = 1e12
MODELS = ["atlas-4", "atlas-4-mini", "atlas-4-code", "atlas-4-vision", "atlas-4-think", "atlas-4-long"]
MODELS += ["atlas-5", "atlas-5-think"]
A4, MINI, CODE, VISION, THINK, LONG, A5, A5T = range(8)
U64 = np.uint64

# code, weight, UTC offset (minutes), DST rule (0 none, 1 US, 2 EU, 3 AU), home ISPs, mobile carrier, national mail
COUNTRIES = [
    ("US", 0.27, -360, 1, (7922, 7018), 21928, "comcast.net"),
    ("GB", 0.07, 0, 2, (2856, 5089), 12576, "btinternet.com"),
    ("DE", 0.07, 60, 2, (3320, 3209), 6805, "gmx.de"),
    ("FR", 0.05, 60, 2, (3215, 12322), 51207, "orange.fr"),
    ("ES", 0.04, 60, 2, (3352, 12479), 12430, "telefonica.net"),
    ("PL", 0.03, 60, 2, (5617, 12741), 12912, "wp.pl"),
    ("CA", 0.04, -300, 1, (812, 577), 22652, "rogers.com"),
    ("BR", 0.06, -180, 0, (28573, 18881), 26615, "uol.com.br"),
    ("MX", 0.03, -360, 0, (8151, 28548), 28403, "prodigy.net.mx"),
    ("IN", 0.10, 330, 0, (24560, 9829), 55836, "rediffmail.com"),
    ("JP", 0.05, 540, 0, (4713, 2516), 9605, "nifty.com"),
    ("KR", 0.04, 540, 0, (4766, 9318), 9644, "naver.com"),
    ("PH", 0.04, 480, 0, (9299, 17639), 132199, "pldt.net"),
    ("SG", 0.02, 480, 0, (9506, 55430), 4773, "singnet.com.sg"),
    ("AU", 0.03, 600, 3, (1221, 4804), 133612, "bigpond.com"),
    ("NG", 0.02, 60, 0, (37148, 36873), 29465, "yahoo.com.ng"),
    ("TR", 0.03, 180, 0, (9121, 47331), 16135, "ttmail.com"),
]
CC = [c[0] for c in COUNTRIES]
CI = {c: i for i, c in enumerate(CC)}
CW = np.array([c[1] for c in COUNTRIES])
CW = CW / CW.sum()
C_OFF = np.array([c[2] for c in COUNTRIES]) * 60.0
C_DST = np.array([c[3] for c in COUNTRIES])
WEBMAIL = (["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com"], [0.5, 0.2, 0.13, 0.12, 0.05])
PRIVACY = (["proton.me", "tutanota.com", "duck.com"], [0.6, 0.25, 0.15])
UNIS = [("mail.northbridge.edu", "US", 32), ("student.kestrel.ac.uk", "GB", 786), ("uni-halden.de", "DE", 680)]
CLOUDS = [16509, 15169, 8075, 14061, 24940, 16276, 20473, 63949, 31898]  # AWS GCP Azure DO Hetzner OVH Vultr Linode OCI
CLOUD_W = np.array([0.33, 0.2, 0.14, 0.1, 0.08, 0.05, 0.04, 0.03, 0.03])
BUSINESS = [174, 3356, 6461, 1299, 3257, 9002]
VPN_ASNS = [9009, 60068, 212238]
HOSTING = [51396, 44477, 49981, 202425, 210644]
LIB_ASNS = [396501, 397812, 398240]
FIRST_OCTETS = [o for o in range(24, 223) if o not in (100, 127, 169, 172, 192, 198, 203)]
SYL = ["ka", "lo", "mi", "ra", "ve", "nu", "sto", "pel", "dri", "fan", "gor", "hex"]
SYL += ["jun", "lum", "nor", "qui", "sab", "tor", "vim", "wex", "zel", "bri", "cor", "dal"]

# access kinds for ordinary sessions, and the hour profile each one follows (0 home, 1 office, 2 developer)
K_HOME, K_MOBILE, K_OFFICE, K_CLOUD, K_CI, K_VPN, K_TIDE, K_TIDEC, K_CAMPUS, K_ROAM = range(10)
PROF_OF_KIND = np.array([0, 0, 1, 2, 2, 0, 0, 0, 1, 0])
HOURS = np.array(
    [
        [float(x) for x in row.split()]
        for row in (
            "1.0 .6 .35 .25 .2 .3 .7 1.3 1.8 2.0 2.2 2.3 2.4 2.3 2.2 2.3 2.5 2.9 3.3 3.6 3.8 3.4 2.6 1.7",  # home
            ".05 .03 .03 .03 .05 .1 .3 1.0 2.8 3.8 4.0 3.6 2.4 3.4 3.8 3.6 3.0 1.8 .8 .5 .4 .3 .2 .1",  # office
            ".6 .4 .3 .2 .2 .3 .5 1.0 2.0 3.0 3.3 3.2 2.5 3.0 3.2 3.1 2.8 2.2 1.8 1.9 2.0 1.9 1.5 1.0",  # developer
        )
    ]
)
HOURS_CUM = np.cumsum(HOURS, 1) / HOURS.sum(1, keepdims=True)
# prompt kinds of ordinary traffic; machine-paced kinds have their own gaps (median s, sigma)
P_UNI, P_PUB, P_PERS, P_COMP, P_TESSEL, P_QUARRY, P_WORD = range(7)
MACH = {P_TESSEL: (7.0, 0.5), P_QUARRY: (4.0, 0.5), P_WORD: (2.0, 0.3)}
# model profiles over the six atlas-4 models
MPROF = np.array(
    [
        [0.55, 0.22, 0.05, 0.08, 0.08, 0.02],  # general
        [0.30, 0.10, 0.40, 0.02, 0.10, 0.08],  # developer
        [0.45, 0.40, 0.02, 0.10, 0.03, 0.00],  # light / phone
        [0.55, 0.20, 0.05, 0.05, 0.08, 0.07],  # business
    ]
)
MP_GEN, MP_DEV, MP_LIGHT, MP_BIZ = range(4)
K1 = U64(0x9E3779B97F4A7C15)


def mix(x):
    """splitmix64 finaliser on a uint64 array."""
    x = np.array(x, dtype=U64, copy=True)
    x ^= x >> U64(30)
    x *= U64(0xBF58476D1CE4E5B9)
    x ^= x >> U64(27)
    x *= U64(0x94D049BB133111EB)
    x ^= x >> U64(31)
    return x


def flipmask(h, nb):
    """A mask of nb (per row) distinct bits drawn from hash h."""
    mask = np.zeros(len(h), U64)
    s = np.array(h, U64)
    for _ in range(48):
        s = mix(s + K1)
        bit = U64(1) << (s >> U64(58))
        add = np.bitwise_count(mask) < nb
        mask |= np.where(add, bit, U64(0))
    return mask


def letters(h, n, prefix):
    """Ids of n lowercase letters derived from uint64 hashes h."""
    h = np.array(h, U64)
    m = np.empty((len(h), len(prefix) + n), np.uint8)
    m[:, : len(prefix)] = np.frombuffer(prefix.encode(), np.uint8)
    x = h.copy()
    for i in range(n):
        if i == 12:
            x = mix(h ^ K1)
        m[:, len(prefix) + i] = 97 + (x % U64(26)).astype(np.uint8)
        x //= U64(26)
    return m.view(f"S{m.shape[1]}").ravel().astype(str)


def nibbles(x):
    x = np.array(x, U64)
    return np.stack([((x >> U64(4 * (15 - i))) & U64(15)).astype(np.uint8) for i in range(16)], 1)


def digit_run(x):
    """Longest run of decimal digits in the 16-hex-digit form of x."""
    nb = nibbles(x) < 10
    run = np.zeros(len(x), np.int8)
    best = run.copy()
    for j in range(16):
        run = np.where(nb[:, j], run + 1, 0)
        best = np.maximum(best, run)
    return best


def to_hex(x):
    m = np.frombuffer(b"0123456789abcdef", np.uint8)[nibbles(x)]
    return m.view("S16").ravel().astype(str)


class World:
    def __init__(self, n, seed):
        self.N = n
        self.rng = r = np.random.default_rng(seed)
        self.salt = r.integers(1, 2**63, 4, dtype=np.int64).astype(U64)
        self.na = 0
        self.created = np.zeros(n)
        self.stop = np.full(n, NEVER)
        self.country = np.zeros(n, np.int64)
        self.status = np.zeros(n, np.int8)
        self.repl = np.zeros(n, np.int8)
        self.domain = np.empty(n, object)
        self.group = np.empty(n, object)
        self.kind = np.empty(n, object)
        self.seg = np.empty(n, object)
        self.home = np.full(n, -1, np.int64)
        self.home2 = np.full(n, -1, np.int64)
        self.lease = np.full(n, NEVER)
        self.office = np.full((n, 2), -1, np.int64)
        self.vm = np.full(n, -1, np.int64)
        self.uni = np.full(n, -1, np.int64)
        self.trip_c = np.zeros(n, np.int64)
        self.trip_lo = np.full(n, NEVER)
        self.trip_hi = np.full(n, NEVER)
        self.pers = self.keys((n, 3))
        self.npers = r.integers(1, 4, n)
        self.comp_key = np.zeros(n, U64)
        self.comp_var = np.zeros(n, U64)
        self.comp_nb = np.zeros(n, np.int64)
        self.mprof = np.zeros(n, np.int64)
        self.primary = np.zeros(n, np.int64)
        self.adopt5 = np.full(n, NEVER)
        self.adopt5t = np.full(n, NEVER)
        self.cards = []  # (accounts, token index)
        self.ntok = 0
        self.req = []
        self.ip_s, self.ip_asn, self.ip_set, self.blocks, self.used_blocks = [], [], set(), {}, set()
        self.infra()

    # ------------------------------------------------------------------ helpers
    def keys(self, shape):
        return self.rng.integers(0, 2**64, shape, dtype=U64, endpoint=False)

    def fresh(self, n):
        return self.keys(n) | U64(1)

    def new_ips(self, asn, k, v6=False):
        r = self.rng
        key = (asn, v6)
        if key not in self.blocks:
            if v6:
                self.blocks[key] = f"2a{int(r.integers(1, 16)):02x}:{int(r.integers(0x1000, 0xFFFF)):x}"
            else:
                while True:
                    ab = (FIRST_OCTETS[int(r.integers(len(FIRST_OCTETS)))], int(r.integers(0, 256)))
                    if ab not in self.used_blocks:
                        break
                self.used_blocks.add(ab)
                self.blocks[key] = ab
        p = self.blocks[key]
        out = []
        while len(out) < k:
            m = k - len(out)
            h = r.integers(0, 65536, (m, 3))
            for x, y, z in h.tolist():
                s = f"{p}:{x:x}:{y:x}::{1 + z % 65535:x}" if v6 else f"{p[0]}.{p[1]}.{x >> 8}.{1 + (y % 254)}"
                if s in self.ip_set:
                    continue
                self.ip_set.add(s)
                self.ip_s.append(s)
                self.ip_asn.append(asn)
                out.append(len(self.ip_s) - 1)
        return np.array(out, np.int64)

    def zipf_pick(self, n, k, s):
        p = 1.0 / np.arange(1, k + 1) ** s
        return np.searchsorted(np.cumsum(p) / p.sum(), self.rng.random(n))

    def pool_pick(self, pools, idx):
        out = np.full(len(idx), -1, np.int64)
        for c in np.unique(idx):
            m = idx == c
            out[m] = pools[c][self.rng.integers(0, len(pools[c]), m.sum())]
        return out

    def draw_countries(self, k, weights=None):
        if weights is None:
            return self.rng.choice(len(CC), k, p=CW)
        names = list(weights)
        p = np.array([weights[x] for x in names], float)
        return np.array([CI[x] for x in names])[self.rng.choice(len(names), k, p=p / p.sum())]

    def vanity(self, k, tlds=(".com", ".io", ".dev", ".net", ".co", ".ai")):
        r = self.rng
        s = r.integers(0, len(SYL), (k, 3))
        n3 = r.random(k) < 0.4
        t = r.integers(0, len(tlds), k)
        return np.array(
            [SYL[a] + SYL[b] + (SYL[c] if x else "") + tlds[y] for (a, b, c), x, y in zip(s, n3, t, strict=True)]
        )

    def domains(self, country, mix_):
        """mix_: weights of webmail, national, privacy, vanity, university."""
        r = self.rng
        k = len(country)
        cat = r.choice(5, k, p=np.array(mix_) / sum(mix_))
        out = np.array(WEBMAIL[0], object)[r.choice(5, k, p=WEBMAIL[1])]
        nat = np.array([COUNTRIES[c][6] for c in country], object)
        out[cat == 1] = nat[cat == 1]
        out[cat == 2] = np.array(PRIVACY[0], object)[r.choice(3, (cat == 2).sum(), p=PRIVACY[1])]
        out[cat == 3] = self.vanity((cat == 3).sum())
        out[cat == 4] = np.array([u[0] for u in UNIS], object)[r.integers(0, len(UNIS), (cat == 4).sum())]
        return out

    def old_created(self, k, mean=420.0, inside=0.0):
        r = self.rng
        c = T0 - np.minimum(r.exponential(mean, k), 2400) * DAY - r.random(k) * DAY
        ins = r.random(k) < inside
        return np.where(ins, T0 + r.uniform(0, NDAYS - 1, k) * DAY, c)

    def add(self, k, group, kind, seg, created, country, domain, repl=0):
        assert self.na + k <= self.N, (group, self.na, k)
        i = np.arange(self.na, self.na + k)
        self.na += k
        self.created[i] = created
        self.country[i] = country
        self.domain[i] = domain
        self.group[i], self.kind[i], self.seg[i], self.repl[i] = group, kind, seg, repl
        self.set_mprof(i, MP_GEN)
        self.adoption(i)
        return i

    def set_mprof(self, i, p):
        self.mprof[i] = p
        cum = np.cumsum(MPROF[p])
        self.primary[i] = np.minimum((self.rng.random(len(i))[:, None] > cum).sum(1), 5)

    def adoption(self, i, early=0.04, later=0.33, early_t=0.06, later_t=0.3):
        r = self.rng
        k = len(i)
        u = r.random(k)
        self.adopt5[i] = np.where(
            u < early,
            REL5 + r.uniform(0.5, 24, k) * HOUR,
            np.where(u < early + later, REL5 + r.exponential(6, k) * DAY, NEVER),
        )
        u = r.random(k)
        self.adopt5t[i] = np.where(
            u < early_t,
            REL5T + r.uniform(0.5, 24, k) * HOUR,
            np.where(u < early_t + later_t, REL5T + r.exponential(5, k) * DAY, NEVER),
        )

    def give_homes(self, i, v6p=0.1, lease_p=0.2):
        r = self.rng
        k = len(i)
        c = self.country[i]
        isp = r.integers(0, 2, k)
        v6 = r.random(k) < v6p
        h = np.full(k, -1, np.int64)
        h2 = h.copy()
        ch = r.random(k) < lease_p
        for cc in np.unique(c):
            for s in (0, 1):
                for six in (False, True):
                    m = (c == cc) & (isp == s) & (v6 == six)
                    if m.any():
                        asn = COUNTRIES[cc][4][s]
                        h[m] = self.new_ips(asn, m.sum(), six)
                        mm = m & ch
                        h2[m] = h[m]
                        if mm.any():
                            h2[mm] = self.new_ips(asn, mm.sum(), six)
        self.home[i], self.home2[i] = h, h2
        self.lease[i] = np.where(ch, T0 + r.uniform(0, NDAYS, k) * DAY, NEVER)
        return h

    def card(self, i, tok=None):
        i = np.atleast_1d(i)
        if tok is None:
            tok = np.arange(self.ntok, self.ntok + len(i))
        tok = np.broadcast_to(np.asarray(tok, np.int64), i.shape).copy()
        self.ntok = max(self.ntok, int(tok.max()) + 1) if len(tok) else self.ntok
        self.cards.append((i.copy(), tok))

    def new_token(self, k=1):
        t = np.arange(self.ntok, self.ntok + k)
        self.ntok += k
        return t

    def enforce(self, i, t, banned_p=0.85):
        i = np.atleast_1d(i)
        self.stop[i] = t
        self.status[i] = np.where(self.rng.random(len(i)) < banned_p, 1, 2)

    def alive(self, i, t):
        return (self.created[i] <= t) & (self.stop[i] > t)

    def to_utc(self, c, tl):
        base = C_OFF[c]
        g = tl - base
        d = C_DST[c]
        add = ((d == 1) & (g >= US_DST)) | ((d == 2) & (g >= EU_DST)) | ((d == 3) & (g < AU_END))
        return tl - base - add * HOUR

    def local_day_time(self, c, day, hour):
        """UTC time of local wall-clock `hour` (float) on day index `day` in country c."""
        return self.to_utc(c, T0 + day * DAY + hour * HOUR)

    def emit(self, a, t, ip, m, k, v=0, nb=0):
        n = len(t)
        b = np.broadcast_to
        self.req.append(
            (
                b(np.asarray(a, np.int64), n).copy(),
                np.asarray(t, float),
                b(np.asarray(ip, np.int64), n).copy(),
                b(np.asarray(m, np.int64), n).copy(),
                b(np.asarray(k, U64), n).copy(),
                b(np.asarray(v, U64), n).copy(),
                b(np.asarray(nb, np.int64), n).copy(),
            )
        )

    def models(self, a, t, pk=None):
        r = self.rng
        n = len(a)
        cum = np.cumsum(MPROF[self.mprof[a]], 1)
        m = np.minimum((r.random(n)[:, None] > cum).sum(1), 5)
        m = np.where(r.random(n) < 0.7, self.primary[a], m)
        if pk is not None:
            u = r.random(n)
            m = np.where(pk == P_TESSEL, np.where(u < 0.6, CODE, A4), m)
            m = np.where(pk == P_QUARRY, np.where(u < 0.5, LONG, A4), m)
            m = np.where(pk == P_WORD, MINI, m)
        up = (m == A4) & (t >= self.adopt5[a]) & (r.random(n) < 0.7)
        m = np.where(up, A5, m)
        up = (m == THINK) & (t >= self.adopt5t[a]) & (r.random(n) < 0.75)
        return np.where(up, A5T, m)

    def prompts(self, a, pk):
        r = self.rng
        n = len(a)
        k = np.zeros(n, U64)
        v = np.zeros(n, U64)
        nb = np.zeros(n, np.int64)
        m = pk == P_UNI
        k[m] = self.keys(m.sum())
        m = pk == P_PUB
        k[m] = self.PUB[self.zipf_pick(m.sum(), len(self.PUB), 1.1)]
        f = m & (r.random(n) < 0.25)
        v[f], nb[f] = self.fresh(f.sum()), r.integers(1, 5, f.sum())
        m = pk == P_PERS
        k[m] = self.pers[a[m], (r.random(m.sum()) * self.npers[a[m]]).astype(int)]
        f = m & (r.random(n) < 0.4)
        v[f], nb[f] = self.fresh(f.sum()), r.integers(1, 4, f.sum())
        m = pk == P_COMP
        k[m], v[m], nb[m] = self.comp_key[a[m]], self.comp_var[a[m]], self.comp_nb[a[m]]
        k[pk == P_TESSEL] = self.TESSEL
        m = pk == P_QUARRY
        k[m] = self.QUARRY[(r.random(m.sum()) < 0.2).astype(int)]
        k[pk == P_WORD] = self.WORDLOOM
        return k, v, nb

    # ------------------------------------------------------------------ infrastructure
    def infra(self):
        r = self.rng
        N = self.N
        self.carrier = [self.new_ips(c[5], max(4, round(N * CW[i] / 500))) for i, c in enumerate(COUNTRIES)]
        extra = r.choice(np.arange(30000, 270000), 2 * len(CC), replace=False)
        ntide = max(300, N // 25)
        self.tide = []
        for i, c in enumerate(COUNTRIES):
            k = max(6, round(ntide * CW[i]))
            asns = [*c[4], int(extra[2 * i]), int(extra[2 * i + 1])]
            pick = r.integers(0, 4, k)
            self.tide.append(np.concatenate([self.new_ips(asns[j], (pick == j).sum()) for j in range(4)]))
        self.tide_all = np.concatenate(self.tide)
        nv = max(30, N // 700)
        self.vpn = np.concatenate(
            [self.new_ips(a, n) for a, n in zip(VPN_ASNS, np.bincount(r.integers(0, 3, nv), minlength=3), strict=True)]
        )
        self.vpn = self.vpn[r.permutation(len(self.vpn))]
        self.ci = np.concatenate([self.new_ips(a, 15) for a in CLOUDS])
        self.campus = [self.new_ips(u[2], 6) for u in UNIS]
        self.PUB = self.keys(600)
        self.SCRIPTS = self.keys(8)
        self.TESSEL = self.keys(1)[0]
        self.QUARRY = self.keys(2)
        self.WORDLOOM = self.keys(1)[0]

    # ------------------------------------------------------------------ ordinary traffic
    def traffic(self, a, nreq, smean, acc, accw, pw, gap=(45.0, 1.0)):
        """Sessions in the owner's local rhythm. acc/accw: (k, 3) access kinds and weights; pw: (k, 7) prompt-kind
        weights (rows broadcast)."""
        r = self.rng
        a = np.asarray(a, np.int64)
        k = len(a)
        nreq = np.broadcast_to(np.asarray(nreq), (k,)).astype(np.int64)
        acc = np.broadcast_to(np.asarray(acc), (k, 3))
        accw = np.broadcast_to(np.asarray(accw, float), (k, 3))
        pw = np.broadcast_to(np.asarray(pw, float), (k, 7))
        smean = np.broadcast_to(np.asarray(smean, float), (k,))
        lo = np.maximum(self.created[a], T0)
        hi = np.minimum(self.stop[a], T1)
        nreq = np.where(hi > lo + 600, nreq, 0)
        S = np.where(nreq > 0, np.maximum(1, np.round(nreq / smean)), 0).astype(np.int64)
        sa = np.repeat(np.arange(k), S)
        ns = len(sa)
        if ns == 0:
            return
        cw = np.cumsum(accw, 1)
        j = np.minimum((r.random(ns)[:, None] * cw[sa, -1:] > cw[sa]).sum(1), 2)
        kind = acc[sa, j]
        prof = PROF_OF_KIND[kind]
        slo, shi = lo[sa], hi[sa]
        dlo, dhi = (slo - T0) / DAY, (shi - T0) / DAY
        day = np.full(ns, np.nan)
        for it in range(3):
            d = np.floor(dlo + r.random(ns) * (dhi - dlo))
            wk = (d.astype(np.int64) % 7) >= 5
            ok = np.where((prof == 1) & wk, r.random(ns) < 0.12, r.random(ns) < np.where(wk, 1.0, 0.85))
            take = np.isnan(day) & (ok | (it == 2))
            day[take] = d[take]
        hour = np.zeros(ns)
        u = r.random(ns)
        for p in range(3):
            m = prof == p
            hour[m] = np.searchsorted(HOURS_CUM[p], u[m])
        c = self.country[a[sa]]
        st = self.to_utc(c, T0 + day * DAY + (hour + r.random(ns)) * HOUR)
        bad = (st < slo) | (st >= shi)
        st = np.where(bad, slo + r.random(ns) * np.minimum(shi - slo, 8 * HOUR), st)
        # addresses
        aa = a[sa]
        ip = np.full(ns, -1, np.int64)
        m = kind == K_HOME
        ip[m] = np.where(st[m] >= self.lease[aa[m]], self.home2[aa[m]], self.home[aa[m]])
        m = kind == K_OFFICE
        o = self.office[aa[m]]
        col = (r.random(m.sum()) < 0.3) & (o[:, 1] >= 0)
        ip[m] = np.where(col, o[:, 1], o[:, 0])
        m = kind == K_CLOUD
        ip[m] = self.vm[aa[m]]
        m = kind == K_CI
        ip[m] = self.ci[r.integers(0, len(self.ci), m.sum())]
        m = kind == K_VPN
        ip[m] = self.vpn[self.zipf_pick(m.sum(), len(self.vpn), 1.0)]
        m = kind == K_TIDE
        ip[m] = self.tide_all[r.integers(0, len(self.tide_all), m.sum())]
        m = kind == K_TIDEC
        ip[m] = self.pool_pick(self.tide, c[m])
        m = kind == K_CAMPUS
        ip[m] = self.pool_pick(self.campus, np.maximum(self.uni[aa[m]], 0))
        m = kind == K_ROAM
        trip = m & (st >= self.trip_lo[aa]) & (st < self.trip_hi[aa])
        ip[m & ~trip] = self.home[aa[m & ~trip]]
        ip[trip] = self.pool_pick(self.carrier, self.trip_c[aa[trip]])
        m = (kind == K_MOBILE) | (ip < 0)
        ip[m] = self.pool_pick(self.carrier, c[m])
        # requests
        first = np.cumsum(S) - S
        rs = np.repeat(first, nreq) + (r.random(nreq.sum()) * np.repeat(S, nreq)).astype(np.int64)
        rs.sort()
        ra = sa[rs]
        pcum = np.cumsum(pw, 1)
        mode = np.minimum((r.random(ns)[:, None] * pcum[sa, -1:] > pcum[sa]).sum(1), 6)
        nr = len(rs)
        other = np.minimum((r.random(nr)[:, None] * pcum[ra, -1:] > pcum[ra]).sum(1), 6)
        pk = np.where(r.random(nr) < 0.75, mode[rs], other)
        med = np.full(nr, gap[0])
        sig = np.full(nr, gap[1])
        for p, (md, sg) in MACH.items():
            mm = mode[rs] == p
            med[mm], sig[mm] = md, sg
        g = med * np.exp(sig * r.standard_normal(nr))
        cs = np.cumsum(g)
        isfirst = np.ones(nr, bool)
        isfirst[1:] = rs[1:] != rs[:-1]
        base = np.maximum.accumulate(np.where(isfirst, cs, 0.0))
        t = st[rs] + (cs - base)
        ga = a[ra]
        kk, vv, nb = self.prompts(ga, pk)
        self.emit(ga, t, ip[rs], self.models(ga, t, pk), kk, vv, nb)

    def volume(self, i, mean, sigma=1.1):
        r = self.rng
        lo = np.maximum(self.created[i], T0)
        hi = np.minimum(self.stop[i], T1)
        frac = np.clip((hi - lo) / (T1 - T0), 0, 1)
        v = mean * np.exp(sigma * r.standard_normal(len(i)) - sigma**2 / 2) * frac
        return np.maximum(1, np.round(v)).astype(np.int64)


def seq_offsets(gid, g):
    """Cumulative offsets of gaps g inside runs of equal (sorted) gid; the first of a run is at 0."""
    cs = np.cumsum(g)
    first = np.ones(len(gid), bool)
    first[1:] = gid[1:] != gid[:-1]
    return cs - np.maximum.accumulate(np.where(first, cs, 0.0))


def ranks(counts):
    """0..c-1 for each count c, concatenated."""
    counts = np.asarray(counts, np.int64)
    return np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)


class Scenarios(World):
    # ================================================================== fraud operations
    def op_babel(self):
        r = self.rng
        desks = ["DE", "FR", "ES", "BR", "JP", "KR", "TR"]
        D = len(desks)
        R = max(5, int(np.ceil(0.0075 * self.N / D)))
        k = R * D
        country = np.tile([CI[x] for x in desks], R)
        country[(country == CI["ES"]) & (r.random(k) < 0.3)] = CI["MX"]
        created = T0 + r.uniform(-45, 8, k) * DAY
        dom = self.domains(country, (0.45, 0.4, 0.15, 0, 0))
        a = self.add(k, "op_babel", "fraud", "op_babel", created, country, dom)
        start = created + r.uniform(1, 3, k) * DAY
        tok = self.new_token(k)
        rows = np.arange(k) // D
        pair = (r.random(k) < 0.2) & (rows % 2 == 0) & (rows + 1 < R)
        tok[np.nonzero(pair)[0] + D] = tok[pair]
        self.card(a, tok)
        ban = r.random(k) < 0.05
        self.enforce(a[ban], T0 + r.uniform(5, 33, ban.sum()) * DAY, 0.9)
        keys = self.keys((D, 2))
        days = np.arange(NDAYS)
        lam = np.where(days % 7 >= 5, 0.6, 1.0)
        lam = lam / lam.sum() * (260 * k / (D * 0.75 * 1.8))
        n_it = r.poisson(lam)
        it_t = np.repeat(T0 + days * DAY, n_it) + (7 + 8 * r.random(n_it.sum())) * HOUR
        ni = len(it_t)
        row = r.integers(0, R, ni)
        ed = (r.random(ni) < 0.3).astype(np.int64)
        ii, dd = np.nonzero(r.random((ni, D)) < 0.75)
        li = row[ii] * D + dd
        t0 = it_t[ii] + 2 + r.exponential(8, len(ii))
        ok = (t0 >= start[li]) & self.alive(a[li], t0)
        ii, dd, li, t0 = ii[ok], dd[ok], li[ok], t0[ok]
        c = country[li]
        ip = np.where(r.random(len(li)) < 0.7, self.pool_pick(self.carrier, c), self.pool_pick(self.tide, c))
        nrep = 1 + r.binomial(2, 0.4, len(li))
        j = np.repeat(np.arange(len(li)), nrep)
        t = t0[j] + ranks(nrep) * r.uniform(20, 70, len(j))
        n = len(j)
        m = np.where(r.random(n) < 0.2, THINK, A4)
        m = np.where((m == A4) & (t >= REL5 + r.uniform(3, 9) * HOUR) & (r.random(n) < 0.95), A5, m)
        m = np.where((m == THINK) & (t >= REL5T + r.uniform(2, 6) * HOUR) & (r.random(n) < 0.9), A5T, m)
        self.emit(a[li[j]], t, ip[j], m, keys[dd[j], ed[ii[j]]], self.fresh(n), r.integers(1, 6, n))
        work = np.bincount(li[j], minlength=k)
        acc = [K_MOBILE, K_TIDEC, K_HOME]
        self.traffic(a, np.round(0.18 * work) + 1, 2.5, acc, [0.7, 0.3, 0], [0.6, 0.4, 0, 0, 0, 0, 0])

    def op_baton(self):
        r = self.rng
        n0 = max(30, round(0.007 * self.N))
        nsq = max(3, round(n0 / 12))
        cw = {"US": 0.35, "GB": 0.15, "CA": 0.1, "AU": 0.1, "IN": 0.15, "PH": 0.1, "NG": 0.05}
        country = self.draw_countries(n0, cw)
        created = T0 + r.uniform(-60, 5, n0) * DAY
        mixd = (0.6, 0.15, 0.15, 0.1, 0)
        a = self.add(n0, "op_baton", "fraud", "op_baton", created, country, self.domains(country, mixd))
        tok = self.new_token(n0)
        self.card(a, tok)
        accts, toks, pred = list(a), list(tok), [-1] * n0
        squad = list(r.integers(0, nsq, n0))
        h0, L, pwk = list(r.uniform(7.5, 11, n0)), list(r.uniform(4, 7, n0)), list(r.uniform(0.75, 0.95, n0))
        start = list(created + r.uniform(0.5, 2, n0) * DAY)
        for sd in (12, 25):
            ts = T0 + sd * DAY + 16 * HOUR
            A = np.array(accts)
            live = self.alive(A, ts) & (np.array(start) <= ts)
            hit = np.nonzero(live & (r.random(len(A)) < 0.3))[0]
            self.enforce(A[hit], ts + r.uniform(0, 2, len(hit)) * HOUR)
            rep = hit[r.random(len(hit)) < 0.8]
            if not len(rep):
                continue
            cre = self.stop[A[rep]] + r.uniform(1, 4, len(rep)) * DAY
            c = self.country[A[rep]]
            b = self.add(len(rep), "op_baton", "fraud", "op_baton", cre, c, self.domains(c, mixd), repl=1)
            nt = self.new_token(len(rep))
            reuse = r.random(len(rep)) < 0.25
            nt[reuse] = np.array(toks)[rep[reuse]]
            self.card(b, nt)
            st = cre + r.uniform(0.2, 1, len(rep)) * DAY
            for x, y in enumerate(rep):
                accts.append(b[x])
                toks.append(nt[x])
                pred.append(A[y])
                squad.append(squad[y])
                h0.append(h0[y])
                L.append(L[y])
                pwk.append(pwk[y])
                start.append(st[x])
        A = np.array(accts)
        K = len(A)
        sq, h0, L, pwk, start, pred = map(np.array, (squad, h0, L, pwk, start, pred))
        ga, gd = np.repeat(np.arange(K), NDAYS), np.tile(np.arange(NDAYS), K)
        work = r.random(len(ga)) < np.where(gd % 7 >= 5, 0.15, pwk[ga])
        s = self.local_day_time(self.country[A[ga]], gd, h0[ga])
        e = np.minimum(np.minimum(s + L[ga] * HOUR, self.stop[A[ga]]), T1)
        s = np.maximum(np.maximum(s, start[ga]), T0)
        ok = work & (e > s + 600)
        sh_a, sh_d, sh_s, sh_e = ga[ok], gd[ok], s[ok], e[ok]
        nsh = len(sh_a)
        sh_mob = r.random(nsh) < 0.15
        salt = self.salt[0]

        def ip_at(shi, t):
            blk = np.floor((t - sh_s[shi]) / 1800).astype(np.int64)
            h = mix((shi.astype(U64) * U64(4096) + blk.astype(U64)) ^ salt)
            c = self.country[A[sh_a[shi]]]
            claimed = (h >> U64(60)) < U64(13)
            out = np.empty(len(shi), np.int64)
            for cc in np.unique(c):
                for pool, mm in (
                    (self.carrier[cc], sh_mob[shi]),
                    (self.tide[cc], ~sh_mob[shi] & claimed),
                    (self.tide_all, ~sh_mob[shi] & ~claimed),
                ):
                    m = (c == cc) & mm
                    out[m] = pool[(h[m] % U64(len(pool))).astype(np.int64)]
            return out

        nr = r.poisson((sh_e - sh_s) / 420)
        rsh = np.repeat(np.arange(nsh), nr)
        rt = sh_s[rsh] + r.random(len(rsh)) * (sh_e - sh_s)[rsh]
        n = len(rt)
        ra = sh_a[rsh]
        ip = ip_at(rsh, rt)
        for x in np.nonzero(pred >= 0)[0]:
            p = np.nonzero(pred[x] == A)[0][0]
            m = ra == p
            mine = np.nonzero(sh_a == x)[0]
            if m.any() and len(mine):
                last_ip = ip[m][np.argmax(rt[m])]
                f = mine[np.argmin(sh_s[mine])]
                ip[(rsh == f) & (rt < sh_s[f] + 1800)] = last_ip
        wrk = r.random(n) < 0.9
        fam_keys = self.keys(3)
        key, var, nb = self.prompts(A[ra], np.where(r.random(n) < 0.6, P_PUB, P_UNI))
        fam = r.choice(3, n, p=[0.5, 0.3, 0.2])
        key[wrk], var[wrk], nb[wrk] = fam_keys[fam[wrk]], self.fresh(wrk.sum()), r.integers(1, 6, wrk.sum())
        m = self.models(A[ra], rt)
        mw = np.where(r.random(n) < 0.6, THINK, A4)
        mw = np.where((mw == A4) & (rt >= REL5 + r.uniform(20, 30) * HOUR) & (r.random(n) < 0.7), A5, mw)
        mw = np.where((mw == THINK) & (rt >= REL5T + r.uniform(1, 4) * HOUR) & (r.random(n) < 0.9), A5T, mw)
        m = np.where(wrk, mw, m)
        self.emit(A[ra], rt, ip, m, key, var, nb)
        # rate-limit handoffs to a squad mate on shift
        byday = {}
        for i in range(nsh):
            byday.setdefault((sq[sh_a[i]], sh_d[i]), []).append(i)
        byday = {kk: np.array(v) for kk, v in byday.items()}
        thr = np.nonzero(wrk & (r.random(n) < 0.14))[0]
        u = r.random((len(thr), 5))
        hs, ht, hsrc = [], [], []
        for q, i in enumerate(thr):
            cur, t, used = rsh[i], rt[i], {sh_a[rsh[i]]}
            for hop in range(2):
                if hop == 1 and u[q, 2] >= 0.25:
                    break
                cands = byday[(sq[sh_a[cur]], sh_d[cur])]
                t2 = t + 2 + 28 * u[q, 3 * hop]
                v = cands[(sh_s[cands] <= t2) & (sh_e[cands] > t2)]
                v = v[[sh_a[x] not in used for x in v]]
                if not len(v):
                    break
                cur = v[int(u[q, 1 + 3 * hop] * len(v))]
                used.add(sh_a[cur])
                t = t2
                hs.append(cur)
                ht.append(t2)
                hsrc.append(i)
        if hs:
            hs, ht, hsrc = np.array(hs), np.array(ht), np.array(hsrc)
            self.emit(A[sh_a[hs]], ht, ip_at(hs, ht), m[hsrc], key[hsrc], var[hsrc], nb[hsrc])

    def op_chunkline(self):
        r = self.rng
        n = max(35, round(0.0095 * self.N))
        country = self.draw_countries(n)
        created = T0 + r.uniform(-80, 20, n) * DAY
        a = self.add(
            n, "op_chunkline", "fraud", "op_chunkline", created, country, self.domains(country, (0.7, 0, 0.2, 0, 0.1))
        )
        self.card(a[r.random(n) < 0.4])
        ban = r.random(n) < 0.04
        self.enforce(a[ban], T0 + r.uniform(5, 33, ban.sum()) * DAY, 1.0)
        start = created + r.uniform(0, 1, n) * DAY
        ch = self.keys((3, 4))
        ch[:, 3] = self.PUB[2] ^ flipmask(self.keys(3), r.integers(9, 12, 3))
        cnt = r.poisson(1.6, n * NDAYS)
        sa = np.repeat(np.repeat(np.arange(n), NDAYS), cnt)
        sd = np.repeat(np.tile(np.arange(NDAYS), n), cnt)
        st = self.local_day_time(country[sa], sd, r.uniform(7, 24, len(sa)))
        ok = (st >= start[sa]) & (st < self.stop[a[sa]]) & (st >= T0) & (st < T1 - HOUR)
        sa, st = sa[ok], st[ok]
        ns = len(sa)
        ip = np.where(
            r.random(ns) < 0.65,
            self.tide_all[r.integers(0, len(self.tide_all), ns)],
            self.pool_pick(self.carrier, r.choice(len(CC), ns, p=CW)),
        )
        cover = r.random(ns) < 0.2
        cs = np.nonzero(cover)[0]
        nc = r.integers(1, 4, len(cs))
        j = np.repeat(cs, nc)
        t = st[j] + ranks(nc) * r.uniform(30, 200, len(j))
        acc = a[sa[j]]
        kk, vv, nb = self.prompts(acc, np.where(r.random(len(j)) < 0.6, P_PUB, P_UNI))
        self.emit(acc, t, ip[j], self.models(acc, t), kk, vv, nb)
        ws = np.nonzero(~cover)[0]
        nconv = 1 + (r.random(len(ws)) < 0.4)
        cj = np.repeat(ws, nconv)
        nv = len(cj)
        ct = st[cj] + ranks(nconv) * r.uniform(180, 900, nv)
        ed = r.choice(3, nv, p=[0.45, 0.35, 0.2])
        cm = np.array([THINK, CODE, LONG])[ed]
        u = r.random(nv)
        cm = np.where(u < 0.2, A4, np.where(u < 0.3, MINI, cm))
        cm = np.where((cm == THINK) & (ct >= REL5T + r.uniform(3, 5) * HOUR) & (r.random(nv) < 0.8), A5T, cm)
        cm = np.where((cm != A5T) & (ct >= REL5 + r.uniform(2, 6) * HOUR) & (r.random(nv) < 0.5), A5, cm)
        g = np.exp(np.log(14) + 0.5 * r.standard_normal((nv, 4))) + r.uniform(1, 4, (nv, 4))
        g[:, 0] = 0
        t = (ct[:, None] + np.cumsum(g, 1)).ravel()
        j = np.repeat(np.arange(nv), 4)
        ck = np.tile(np.arange(4), nv)
        nb = r.integers(1, 6, len(j))
        drift = (ck == 2) & (r.random(len(j)) < 0.3)
        nb[drift] = r.integers(6, 11, drift.sum())
        self.emit(a[sa[cj[j]]], t, ip[cj[j]], cm[j], ch[ed[j], ck], self.fresh(len(j)), nb)

    def op_marathon(self):
        r = self.rng
        C = max(4, round(self.N / 1600))
        man, task = self.keys(2), self.keys(2)
        cw = {"US": 0.5, "GB": 0.15, "DE": 0.15, "CA": 0.1, "IN": 0.1}
        cells = []
        for c in range(C):
            size = int(r.integers(4, 9))
            vps = self.new_ips(HOSTING[int(r.integers(len(HOSTING)))], 1)[0]
            sess = np.sort(T0 + r.uniform(-50, 0, int(r.integers(2, 4))) * DAY)
            which = np.sort(r.integers(0, len(sess), size))
            created = sess[which] + ranks(np.bincount(which, minlength=len(sess))) * r.uniform(2, 8, size) * MIN
            country = self.draw_countries(size, cw)
            a = self.add(
                size,
                "op_marathon",
                "fraud",
                "op_marathon",
                created,
                country,
                self.domains(country, (0.4, 0, 0, 0.6, 0)),
            )
            self.card(a)
            cells.append(
                dict(vps=vps, base=man[c % 2], a=list(a), var=list(self.fresh(size)), nb=list(r.integers(2, 7, size)))
            )
        ts = T0 + 18 * DAY + 15 * HOUR
        hitc = r.random(C) < 0.5
        hitc[int(r.integers(C))] = True
        for c in np.nonzero(hitc)[0]:
            cl = cells[c]
            A = np.array(cl["a"])
            live = np.nonzero(self.alive(A, ts))[0]
            hit = live[r.random(len(live)) < 0.5]
            if not len(hit) and len(live):
                hit = live[:1]
            self.enforce(A[hit], ts + r.uniform(0, 3, len(hit)) * HOUR, 0.95)
            rep = hit[r.random(len(hit)) < 0.9]
            if not len(rep):
                continue
            cre = self.stop[A[rep]] + r.uniform(1, 3, len(rep)) * DAY
            cc = self.country[A[rep]]
            b = self.add(
                len(rep), "op_marathon", "fraud", "op_marathon", cre, cc, self.domains(cc, (0.4, 0, 0, 0.6, 0)), repl=1
            )
            self.card(b)
            for x, y in enumerate(rep):
                cl["a"].append(b[x])
                cl["var"].append(cl["var"][y])
                cl["nb"].append(cl["nb"][y])
        ses_a, ses_t, ses_k, ses_v, ses_nb = [], [], [], [], []
        for cl in cells:
            A = np.array(cl["a"])
            # key check from the cell's operator VPS right after sign-up
            nk = r.integers(1, 3, len(A))
            j = np.repeat(np.arange(len(A)), nk)
            t = self.created[A[j]] + r.uniform(1, 10, len(j)) * MIN + ranks(nk) * 20
            self.emit(A[j], t, cl["vps"], MINI, self.SCRIPTS[0])
            start = self.created[A] + r.uniform(0.5, 1.5, len(A)) * DAY
            bt = T0 - r.uniform(0, 14) * HOUR
            while True:
                bt += r.uniform(10, 18) * HOUR
                if bt >= T1:
                    break
                on = (start <= bt) & self.alive(A, bt)
                ses_a.append(A[on])
                ses_t.append(bt + r.uniform(0, 30, on.sum()))
                ses_k.append(np.full(on.sum(), cl["base"], U64))
                ses_v.append(np.array(cl["var"], U64)[on])
                ses_nb.append(np.array(cl["nb"])[on])
        sa, st, sk, sv, snb = (np.concatenate(x) for x in (ses_a, ses_t, ses_k, ses_v, ses_nb))
        ns = len(sa)
        sip = self.ci[r.integers(0, len(self.ci), ns)]
        sm = r.choice([LONG, CODE, A4], ns, p=[0.5, 0.3, 0.2])
        sm = np.where((sm != CODE) & (st >= REL5 + r.uniform(1, 2) * HOUR) & (r.random(ns) < 0.9), A5, sm)
        turns = r.integers(12, 37, ns)
        j = np.repeat(np.arange(ns), turns)
        rk = ranks(turns)
        g = np.exp(np.log(9) + 0.5 * r.standard_normal(len(j))) + r.uniform(0.2, 2, len(j))
        t = st[j] + seq_offsets(j, g)
        key, var, nb = sk[j].copy(), sv[j].copy(), snb[j].copy()
        f = rk == 0
        key[f] = task[(r.random(f.sum()) < 0.4).astype(np.int64)]
        var[f], nb[f] = self.fresh(f.sum()), r.integers(1, 6, f.sum())
        self.emit(sa[j], t, sip[j], sm[j], key, var, nb)

    # ================================================================== innocent look-alikes
    def trap_streamalong(self):
        r = self.rng
        k = max(60, round(0.005 * self.N))
        cw = {"US": 0.32, "GB": 0.1, "CA": 0.08, "IN": 0.15, "PH": 0.1, "DE": 0.07, "BR": 0.08, "AU": 0.05, "SG": 0.05}
        country = self.draw_countries(k, cw)
        new = r.random(k) < 0.35
        created = np.where(new, T0 + DAY + 19.5 * HOUR + r.uniform(0, 2, k) * HOUR, self.old_created(k, 300))
        g = "trap_streamalong"
        a = self.add(k, g, "benign_group", g, created, country, self.domains(country, (0.8, 0.1, 0.05, 0.05, 0)))
        self.give_homes(a)
        mobile = r.random(k) < 0.3
        self.card(a[r.random(k) < 0.45])
        att = r.beta(2, 2, k)
        for d in [d for d in range(NDAYS) if d % 7 in (1, 3, 5)]:
            s0 = T0 + d * DAY + 19 * HOUR
            P = int(r.integers(6, 11))
            shows = s0 + np.sort(r.uniform(5, 115, P)) * MIN
            keys = self.keys(P)
            present = r.random(k) < att
            for p in range(P):
                idx = np.nonzero(present & (r.random(k) < 0.35))[0]
                t = shows[p] + np.minimum(np.exp(np.log(50) + 0.8 * r.standard_normal(len(idx))), 900)
                ok = self.alive(a[idx], t)
                idx, t = idx[ok], t[ok]
                n = len(idx)
                if not n:
                    continue
                acc = a[idx]
                ip = np.where(mobile[idx], self.pool_pick(self.carrier, country[idx]), self.home[acc])
                fr = r.random(n) < 0.25
                var = np.where(fr, self.fresh(n), U64(0))
                m = self.models(acc, t)
                m = np.where(t >= REL5, np.where(r.random(n) < 0.9, A5, m), np.where(r.random(n) < 0.6, A4, m))
                self.emit(acc, t, ip, m, keys[p], var, np.where(fr, r.integers(1, 4, n), 0))
                fu = r.random(n) < 0.3
                nf = np.where(fu, r.integers(1, 3, n), 0)
                j = np.repeat(np.arange(n), nf)
                tf = t[j] + (1 + ranks(nf)) * r.uniform(30, 240, len(j))
                self.emit(acc[j], tf, ip[j], m[j], self.keys(len(j)))
        acc = np.where(mobile[:, None], [K_MOBILE, K_MOBILE, K_HOME], [K_HOME, K_MOBILE, K_HOME])
        self.traffic(a, self.volume(a, 15), 2.5, acc, [0.7, 0.3, 0], [0.55, 0.3, 0.15, 0, 0, 0, 0])

    def trap_followsun_desk(self):
        r = self.rng
        per = max(6, round(0.002 * self.N / 3))
        offices = [("PH", 8.0), ("PL", 8.0), ("US", 9.0)]
        country = np.repeat([CI[o[0]] for o in offices], per)
        k = 3 * per
        g = "trap_followsun_desk"
        a = self.add(k, g, "benign_group", g, self.old_created(k, 250), country, np.full(k, "orrerycloud.com", object))
        self.set_mprof(a, MP_BIZ)
        self.give_homes(a)
        self.card(a, self.new_token(1)[0])
        vpn = self.new_ips(8075, 2)
        for o in range(3):
            grp = a[o * per : (o + 1) * per]
            self.office[grp, 0] = self.new_ips(BUSINESS[int(r.integers(len(BUSINESS)))], 1)[0]
            self.office[grp, 1] = vpn[r.integers(0, 2, per)]
        desk = self.keys(1)[0]
        switch = T0 + 20 * DAY + 9 * HOUR
        shifts = []  # (start, end, office, agents)
        for d in range(NDAYS):
            for o, (cc, hs) in enumerate(offices):
                grp = a[o * per : (o + 1) * per]
                s = float(self.local_day_time(np.array([CI[cc]]), d, hs)[0])
                on = grp[r.random(per) < 0.9] if d % 7 < 5 else r.choice(grp, 2, replace=False)
                on = on[self.alive(on, s)]
                if len(on):
                    shifts.append((s, s + 8 * HOUR, o, on))
        shifts.sort(key=lambda x: x[0])
        starts = np.array([x[0] for x in shifts])
        rows = []
        for s, e, o, on in shifts:
            nt = r.poisson(6 * len(on))
            ag = on[r.integers(0, len(on), nt)]
            t0 = s + r.uniform(0, 1, nt) * (e - s - 20 * MIN)
            var = self.fresh(nt)
            nb = r.integers(2, 7, nt)
            nq = 1 + r.binomial(3, 0.5, nt)
            rows.append(
                (
                    np.repeat(ag, nq),
                    np.repeat(t0, nq) + ranks(nq) * r.uniform(2, 15, nq.sum()) * MIN,
                    np.repeat(var, nq),
                    np.repeat(nb, nq),
                )
            )
            ho = np.nonzero((t0 > e - 2 * HOUR) & (r.random(nt) < 0.3))[0]
            nxt = [i for i in np.nonzero(starts >= e - HOUR)[0] if shifts[i][2] == (o + 1) % 3]
            if len(ho) and nxt:
                s2, _, _, on2 = shifts[nxt[0]]
                nq2 = r.integers(1, 4, len(ho))
                ag2 = np.repeat(on2[r.integers(0, len(on2), len(ho))], nq2)
                t2 = (
                    np.repeat(s2 + r.uniform(0, 45, len(ho)) * MIN, nq2)
                    + ranks(nq2) * r.uniform(3, 12, nq2.sum()) * MIN
                )
                rows.append((ag2, t2, np.repeat(var[ho], nq2), np.repeat(nb[ho], nq2)))
        ag, t, var, nb = (np.concatenate(x) for x in zip(*rows, strict=True))
        ip = np.where(r.random(len(ag)) < 0.85, self.office[ag, 0], self.office[ag, 1])
        self.emit(ag, t, ip, np.where(t >= switch, A5, A4), desk, var, nb)
        self.traffic(
            a, self.volume(a, 40), 3, [K_OFFICE, K_HOME, K_MOBILE], [0.7, 0.2, 0.1], [0.5, 0.3, 0.2, 0, 0, 0, 0]
        )

    def trap_aac_carehome(self):
        r = self.rng
        g = "trap_aac_carehome"
        for _ in range(max(3, self.N // 4000)):
            c = CI[["US", "GB", "DE", "AU", "CA"][int(r.integers(5))]]
            k = int(r.integers(5, 13))
            ip = self.new_ips(COUNTRIES[c][4][int(r.integers(2))], 1)[0]
            t_on = float(self.local_day_time(np.array([c]), int(r.integers(-40, 6)), 14.0)[0])
            created = t_on + np.cumsum(r.uniform(2, 6, k)) * MIN
            dom = self.vanity(1, (".org",))[0] if r.random() < 0.3 else None
            cc = np.full(k, c)
            a = self.add(
                k,
                g,
                "benign_group",
                g,
                created,
                cc,
                np.full(k, dom, object) if dom else self.domains(cc, (1, 0, 0, 0, 0)),
            )
            self.set_mprof(a, MP_LIGHT)
            if r.random() < 0.65:
                self.card(a, self.new_token(1)[0])
            else:
                self.card(a[r.random(k) < 0.5])
            nk = r.integers(2, 4, k)
            j = np.repeat(np.arange(k), nk)
            self.emit(a[j], created[j] + 20 + ranks(nk) * r.uniform(5, 40, len(j)), ip, MINI, self.WORDLOOM)
            cnt = r.poisson(0.8, k * NDAYS)
            sa = np.repeat(np.repeat(np.arange(k), NDAYS), cnt)
            sd = np.repeat(np.tile(np.arange(NDAYS), k), cnt)
            st = self.local_day_time(cc[sa], sd, r.uniform(8, 20, len(sa)))
            ok = self.alive(a[sa], st)
            sa, st = sa[ok], st[ok]
            nq = r.integers(6, 31, len(sa))
            j = np.repeat(np.arange(len(sa)), nq)
            t = st[j] + seq_offsets(j, r.uniform(1.2, 3.5, len(j)))
            acc = a[sa[j]]
            u = r.random(len(j))
            key = np.where(u < 0.7, self.WORDLOOM, np.where(u < 0.9, self.pers[acc, 0], self.keys(len(j))))
            self.emit(acc, t, ip, MINI, key)

    def trap_crm_digest(self):
        r = self.rng
        n = max(40, round(0.004 * self.N))
        cw = {"US": 0.4, "GB": 0.12, "DE": 0.1, "FR": 0.06, "CA": 0.08, "AU": 0.06, "IN": 0.08, "BR": 0.05, "JP": 0.05}
        country = self.draw_countries(n, cw)
        g = "trap_crm_digest"
        a = self.add(n, g, "benign_group", g, self.old_created(n, 500), country, self.vanity(n))
        self.set_mprof(a, MP_BIZ)
        self.give_homes(a)
        self.card(a)
        for i in a:
            self.office[i, 0] = self.new_ips(BUSINESS[int(r.integers(len(BUSINESS)))], 1)[0]
        egress = np.concatenate([self.new_ips(16509, 8), self.new_ips(15169, 4)])
        ledger, reidx = self.keys(2)
        var, nbv, npipe = self.fresh(n), r.integers(2, 7, n), r.integers(3, 21, n)
        ga, gd = np.repeat(np.arange(n), NDAYS), np.tile(np.arange(NDAYS), n)
        ok = (gd % 7 < 5) & (r.random(len(ga)) < 0.9)
        ga, gd = ga[ok], gd[ok]
        st = self.local_day_time(country[ga], gd, 6.5) + r.uniform(0, 600, len(ga))
        ok = self.alive(a[ga], st)
        ga, st = ga[ok], st[ok]
        dip = egress[r.integers(0, len(egress), len(ga))]
        j = np.repeat(np.arange(len(ga)), npipe[ga])
        t = st[j] + seq_offsets(j, r.uniform(2, 8, len(j)))
        ci = ga[j]
        self.emit(a[ci], t, dip[j], np.where(t >= T0 + 19 * DAY + 10 * HOUR, A5, A4), ledger, var[ci], nbv[ci])
        rt = T0 + 17 * DAY + 2 * HOUR + r.uniform(0, 40, n) * MIN
        nq = r.integers(20, 81, n)
        j = np.repeat(np.arange(n), nq)
        t = rt[j] + seq_offsets(j, r.uniform(1, 4, len(j)))
        rip = egress[r.integers(0, len(egress), n)]
        self.emit(a[j], t, rip[j], A4, reidx, self.fresh(len(j)), r.integers(1, 5, len(j)))
        self.traffic(
            a, self.volume(a, 20), 3, [K_OFFICE, K_HOME, K_MOBILE], [0.75, 0.2, 0.05], [0.55, 0.35, 0.1, 0, 0, 0, 0]
        )

    def trap_typhoon_advisory(self):
        r = self.rng
        n = max(50, round(0.0045 * self.N))
        cw = {"PH": 0.55, "US": 0.12, "JP": 0.08, "KR": 0.06, "SG": 0.06, "CA": 0.05, "AU": 0.04, "GB": 0.04}
        country = self.draw_countries(n, cw)
        new = r.random(n) < 0.35
        created = np.where(new, T0 + r.uniform(8 + 22 / 24, 10.75, n) * DAY, self.old_created(n, 350))
        g = "trap_typhoon_advisory"
        a = self.add(n, g, "benign_group", g, created, country, self.domains(country, (0.85, 0.1, 0.05, 0, 0)))
        self.give_homes(a)
        ph = country == CI["PH"]
        self.set_mprof(a[ph], MP_LIGHT)
        self.card(a[r.random(n) < np.where(new, 0.2, 0.6)])
        # languages: 0 en, 1 tl, 2 ceb, 3 ko, 4 ja, 5 zh
        l1 = np.where(ph, r.choice(3, n, p=[0.35, 0.4, 0.25]), np.where(r.random(n) < 0.6, 0, 1))
        l1 = np.where(country == CI["KR"], 3, np.where(country == CI["JP"], 4, l1))
        l1 = np.where(country == CI["SG"], np.where(r.random(n) < 0.5, 5, 0), l1)
        l2 = np.where(r.random(n) < 0.3, 0, l1)
        adv_keys = self.keys(6)
        rel = T0 + np.array([8 * 24 + 22, 9 * 24 + 4, 9 * 24 + 10, 9 * 24 + 16, 10 * 24 + 2, 10 * 24 + 14]) * HOUR
        for q in range(6):
            idx = np.nonzero(r.random(n) < np.where(ph, 0.65, 0.5))[0]
            t = rel[q] + np.minimum(np.exp(np.log(25 * MIN) + 0.9 * r.standard_normal(len(idx))), 6 * HOUR)
            ok = self.alive(a[idx], t)
            idx, t = idx[ok], t[ok]
            m = len(idx)
            acc = a[idx]
            lang = np.where(r.random(m) < 0.5, l1[idx], l2[idx])
            var = (lang + 1).astype(U64)
            nb = 2 + lang % 3
            note = r.random(m) < 0.3
            var[note], nb[note] = self.fresh(note.sum()), r.integers(3, 7, note.sum())
            u = r.random(m)
            mdl = np.where(u < 0.15, VISION, np.where(u < 0.6, MINI, A4))
            ip = np.where(ph[idx] & (r.random(m) < 0.8), self.pool_pick(self.carrier, country[idx]), self.home[acc])
            self.emit(acc, t, ip, mdl, adv_keys[q], var, nb)
            nf = r.integers(0, 3, m)
            j = np.repeat(np.arange(m), nf)
            self.emit(acc[j], t[j] + (1 + ranks(nf)) * r.uniform(60, 600, len(j)), ip[j], mdl[j], self.keys(len(j)))
        acc = np.where(ph[:, None], [K_MOBILE, K_HOME, K_HOME], [K_HOME, K_MOBILE, K_HOME])
        self.traffic(a, self.volume(a, 12), 2.5, acc, [0.75, 0.25, 0], [0.6, 0.3, 0.1, 0, 0, 0, 0])

    def trap_library_terminals(self):
        r = self.rng
        homework, workshop = self.keys(2)
        g = "trap_library_terminals"
        for b in range(max(4, self.N // 3000)):
            c = CI[["US", "US", "GB", "CA", "AU"][int(r.integers(5))]]
            k = int(r.integers(8, 21))
            ip = self.new_ips(LIB_ASNS[b % 3], 1)[0]
            ws = float(self.local_day_time(np.array([c]), int(r.choice([3, 10])), 14.0)[0])
            nw = min(k, int(r.integers(6, 13)))
            created = self.old_created(k, 500)
            created[:nw] = ws + np.cumsum(r.uniform(1, 3, nw)) * MIN
            cc = np.full(k, c)
            a = self.add(k, g, "benign_group", g, created, cc, self.domains(cc, (0.85, 0.15, 0, 0, 0)))
            self.give_homes(a)
            self.card(a[r.random(k) < 0.15])
            nq = r.integers(2, 5, nw)
            j = np.repeat(np.arange(nw), nq)
            rk = ranks(nq)
            t = created[j] + r.uniform(2, 10, len(j)) * MIN + rk * r.uniform(1, 4, len(j)) * MIN
            key = np.where(rk == 0, workshop, self.keys(len(j)))
            self.emit(a[j], t, ip, A4, key)
            ga, gd = np.repeat(np.arange(k), NDAYS), np.tile(np.arange(NDAYS), k)
            ok = (gd % 7 != 6) & (r.random(len(ga)) < 0.2)
            ga, gd = ga[ok], gd[ok]
            st = self.local_day_time(cc[ga], gd, r.integers(9, 20, len(ga)).astype(float))
            st = st + np.exp(np.log(70) + 0.6 * r.standard_normal(len(ga)))
            ok = self.alive(a[ga], st)
            ga, st = ga[ok], st[ok]
            nq = r.integers(3, 16, len(ga))
            j = np.repeat(np.arange(len(ga)), nq)
            off = seq_offsets(j, np.exp(np.log(120) + 0.6 * r.standard_normal(len(j))))
            keep = off < 55 * MIN
            j, off = j[keep], off[keep]
            acc = a[ga[j]]
            t = st[j] + off
            key, var, nb = self.prompts(acc, np.where(r.random(len(j)) < 0.6, P_UNI, P_PUB))
            hw = (off == 0) & (r.random(len(j)) < 0.3)
            key[hw], var[hw], nb[hw] = homework, 0, 0
            self.emit(acc, t, ip, self.models(acc, t), key, var, nb)
            home = a[r.random(k) < 0.6]
            self.traffic(
                home, self.volume(home, 10), 2.5, [K_HOME, K_MOBILE, K_HOME], [0.7, 0.3, 0], [0.6, 0.3, 0.1, 0, 0, 0, 0]
            )

    # ================================================================== organic population
    ORG = (
        ("org_individual", 0.38),
        ("org_household", 0.14),
        ("org_company", 0.12),
        ("org_mobile", 0.09),
        ("org_developer", 0.07),
        ("org_student", 0.04),
        ("org_cron", 0.02),
        ("org_vpn", 0.03),
        ("org_proxy", 0.02),
        ("org_traveler", 0.03),
        ("org_chatter", 0.04),
        ("org_wordloom", 0.01),
    )

    def organic(self):
        r = self.rng
        n = self.N - self.na
        first = self.na
        w = np.array([s[1] for s in self.ORG])
        raw = w / w.sum() * n
        cnt = np.floor(raw).astype(np.int64)
        cnt[np.argsort(-(raw - cnt), kind="stable")[: n - cnt.sum()]] += 1
        jobs = []
        for (seg, _), k in zip(self.ORG, cnt, strict=True):
            if k:
                jobs.append(self.org_segment(seg, int(k)))
        org = np.arange(first, self.N)
        e = org[r.random(len(org)) < 0.004]
        self.enforce(e, T0 + r.uniform(2, 34, len(e)) * DAY, 0.6)
        for job in jobs:
            job()

    def org_cards(self, a, p, second=0.08):
        r = self.rng
        has = a[r.random(len(a)) < p]
        self.card(has)
        self.card(has[r.random(len(has)) < second])

    def org_segment(self, seg, k):
        r = self.rng
        country = self.draw_countries(k)
        created = self.old_created(k, 420, 0.12)
        dmix = (0.6, 0.25, 0.05, 0.1, 0)
        indiv = [0.55, 0.25, 0.2, 0, 0, 0, 0]
        if seg == "org_household":
            sizes = []
            while sum(sizes) < k:
                sizes.append(int(r.integers(2, 6)))
            sizes[-1] -= sum(sizes) - k
            sizes = np.array([s for s in sizes if s > 0])
            hh = np.repeat(np.arange(len(sizes)), sizes)
            country = country[: len(sizes)][hh]
        if seg == "org_student":
            uni = r.integers(0, len(UNIS), k)
            country = np.array([CI[UNIS[u][1]] for u in uni])
            dmix = (0.3, 0, 0, 0, 0.7)
        if seg == "org_company":
            sizes = []
            while sum(sizes) < k:
                sizes.append(int(np.clip(round(3 + np.exp(1.3 + 0.9 * r.standard_normal())), 3, 60)))
            sizes[-1] -= sum(sizes) - k
            sizes = np.array([s for s in sizes if s > 0])
            co = np.repeat(np.arange(len(sizes)), sizes)
            country = country[: len(sizes)][co]
            dom = self.vanity(len(sizes))[co]
        else:
            dom = self.domains(country, dmix)
        if seg == "org_developer":
            dom = self.domains(country, (0.55, 0.05, 0.05, 0.35, 0))
        if seg == "org_cron":
            dom = self.domains(country, (0.4, 0.05, 0.05, 0.5, 0))
        if seg == "org_vpn":
            dom = self.domains(country, (0.5, 0.1, 0.3, 0.1, 0))
        a = self.add(k, "organic", "organic", seg, created, country, dom)
        tr = self.traffic
        vol = self.volume
        if seg == "org_individual":
            self.give_homes(a)
            self.org_cards(a, 0.65)
            mob = r.random(k) < 0.35
            accw = np.where(mob[:, None], [0.65, 0.35, 0], [1.0, 0, 0])
            return lambda: tr(a, vol(a, 30), 2.8, [K_HOME, K_MOBILE, K_HOME], accw, indiv)
        if seg == "org_household":
            heads = a[np.cumsum(sizes) - sizes]
            self.give_homes(heads)
            h = heads[hh]
            self.home[a], self.home2[a], self.lease[a] = self.home[h], self.home2[h], self.lease[h]
            fam = r.random(len(sizes)) < 0.5
            for s, x in zip(np.split(a, np.cumsum(sizes)[:-1]), fam, strict=True):
                if x:
                    self.card(s, self.new_token(1)[0])
                else:
                    self.org_cards(s, 0.55)
            return lambda: tr(a, vol(a, 25), 2.6, [K_HOME, K_MOBILE, K_HOME], [0.85, 0.15, 0], indiv)
        if seg == "org_company":
            self.set_mprof(a, MP_BIZ)
            self.give_homes(a)
            for s in np.split(a, np.cumsum(sizes)[:-1]):
                asn = BUSINESS[int(r.integers(len(BUSINESS)))]
                nat = self.new_ips(asn, 2)
                self.office[s, 0] = nat[0]
                if r.random() < 0.4:
                    self.office[s, 1] = nat[1]
                if r.random() < 0.45:
                    self.card(s, self.new_token(1)[0])
                else:
                    self.org_cards(s, 0.5)
                self.comp_key[s] = self.keys(1)[0]
                ed = r.random(len(s)) < 0.6
                self.comp_var[s] = np.where(ed, self.fresh(len(s)), U64(0))
                self.comp_nb[s] = np.where(ed, r.integers(1, 4, len(s)), 0)
            pw = [0.45, 0.2, 0.1, 0.25, 0, 0, 0]
            return lambda: tr(a, vol(a, 40), 3, [K_OFFICE, K_HOME, K_MOBILE], [0.75, 0.18, 0.07], pw)
        if seg == "org_mobile":
            self.set_mprof(a, MP_LIGHT)
            self.org_cards(a, 0.45)
            return lambda: tr(a, vol(a, 18), 2, [K_MOBILE] * 3, [1, 0, 0], [0.6, 0.3, 0.1, 0, 0, 0, 0])
        if seg in ("org_developer", "org_cron"):
            cl = r.choice(len(CLOUDS), k, p=CLOUD_W / CLOUD_W.sum())
            for c in np.unique(cl):
                self.vm[a[cl == c]] = self.new_ips(CLOUDS[c], (cl == c).sum())
        if seg == "org_developer":
            self.set_mprof(a, MP_DEV)
            self.give_homes(a)
            self.org_cards(a, 0.85)
            pw = [0.25, 0.1, 0.15, 0, 0.3, 0.2, 0]
            return lambda: tr(a, vol(a, 80), 8, [K_CLOUD, K_HOME, K_CI], [0.45, 0.3, 0.25], pw, (40.0, 1.0))
        if seg == "org_cron":
            self.org_cards(a, 0.8, 0)
            return lambda: self.cron(a)
        if seg == "org_student":
            self.uni[a] = uni
            self.give_homes(a)
            self.org_cards(a, 0.35)
            pw = [0.55, 0.35, 0.1, 0, 0, 0, 0]
            return lambda: tr(a, vol(a, 30), 2.5, [K_CAMPUS, K_HOME, K_MOBILE], [0.5, 0.3, 0.2], pw)
        if seg == "org_vpn":
            self.give_homes(a)
            self.org_cards(a, 0.6)
            return lambda: tr(a, vol(a, 30), 2.8, [K_VPN, K_HOME, K_MOBILE], [0.7, 0.25, 0.05], indiv)
        if seg == "org_proxy":
            self.give_homes(a)
            self.org_cards(a, 0.6)
            pw = [0.5, 0.3, 0.2, 0, 0, 0, 0]
            return lambda: tr(a, vol(a, 40), 3, [K_TIDE, K_HOME, K_HOME], [0.8, 0.2, 0], pw)
        if seg == "org_traveler":
            self.give_homes(a)
            self.org_cards(a, 0.7)
            self.trip_c[a] = (country + r.integers(1, len(CC), k)) % len(CC)
            self.trip_lo[a] = T0 + r.uniform(0, NDAYS - 8, k) * DAY
            self.trip_hi[a] = self.trip_lo[a] + r.uniform(3, 14, k) * DAY
            return lambda: tr(a, vol(a, 30), 2.8, [K_ROAM, K_ROAM, K_ROAM], [1, 0, 0], indiv)
        if seg == "org_chatter":
            self.give_homes(a)
            self.org_cards(a, 0.75)
            pw = [0.7, 0.1, 0.2, 0, 0, 0, 0]
            return lambda: tr(a, vol(a, 120), 14, [K_HOME, K_MOBILE, K_HOME], [0.7, 0.3, 0], pw, (70.0, 0.8))
        assert seg == "org_wordloom", seg
        self.set_mprof(a, MP_LIGHT)
        self.give_homes(a)
        self.org_cards(a, 0.6)
        pw = [0.15, 0, 0.1, 0, 0, 0, 0.75]
        return lambda: tr(a, vol(a, 150), 20, [K_HOME, K_MOBILE, K_HOME], [0.9, 0.1, 0], pw)

    def cron(self, a):
        r = self.rng
        k = len(a)
        per = r.choice([1, 6, 24], k, p=[0.06, 0.35, 0.59]) * HOUR
        phase = (r.integers(0, 24, k) * HOUR) % per
        script = np.where(r.random(k) < 0.35, self.SCRIPTS[r.integers(0, 8, k)], self.pers[a, 0])
        nper = 1 + (r.random(k) < 0.4)
        latest = r.random(k) < 0.1
        model = np.where(r.random(k) < 0.5, MINI, A4)
        lo = np.maximum(self.created[a], T0)
        hi = np.minimum(self.stop[a], T1)
        first = T0 + phase + np.ceil((lo - T0 - phase) / per) * per
        nruns = np.maximum(0, np.floor((hi - first) / per) + 1).astype(np.int64)
        ra = np.repeat(np.arange(k), nruns)
        t = first[ra] + ranks(nruns) * per[ra]
        keep = r.random(len(ra)) > 0.04
        ra, t = ra[keep], t[keep] + r.uniform(0, 5, keep.sum())
        j = np.repeat(np.arange(len(ra)), nper[ra])
        t = t[j] + ranks(nper[ra]) * r.uniform(1, 4, len(j))
        ra = ra[j]
        m = model[ra]
        m = np.where(latest[ra] & (m == A4) & (t >= REL5 + 40 * MIN), A5, m)
        self.emit(a[ra], t, self.vm[a[ra]], m, script[ra])

    # ================================================================== output
    def build(self):
        for f in (self.op_babel, self.op_baton, self.op_chunkline, self.op_marathon):
            f()
        for f in (
            self.trap_streamalong,
            self.trap_followsun_desk,
            self.trap_aac_carehome,
            self.trap_crm_digest,
            self.trap_typhoon_advisory,
            self.trap_library_terminals,
        ):
            f()
        self.organic()
        assert self.na == self.N

    def write(self, out):
        r = self.rng
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        N = self.N
        a, t, ip, m, k, v, nb = (np.concatenate(x) for x in zip(*self.req, strict=True))
        tm = np.floor(t * 1000).astype(np.int64)
        cr = np.ceil(self.created * 1000).astype(np.int64)
        sp = np.floor(np.minimum(self.stop, T1) * 1000).astype(np.int64)
        ok = (tm >= cr[a]) & (tm < sp[a]) & (tm >= int(T0 * 1000))
        a, tm, ip, m, k, v, nb = a[ok], tm[ok], ip[ok], m[ok], k[ok], v[ok], nb[ok]
        # fingerprints and simhashes
        fid = mix(k ^ mix(v ^ self.salt[1]))
        ufid, first, inv = np.unique(fid, return_index=True, return_inverse=True)
        uk, uv, unb = k[first], v[first], nb[first]
        sim = uk.copy()
        fv = uv != 0
        sim[fv] ^= flipmask(mix(ufid[fv] ^ self.salt[2]), np.maximum(unb[fv], 1))
        salt = self.salt[3]
        for _ in range(64):
            bad = np.nonzero(digit_run(sim) >= 12)[0]
            if not len(bad):
                break
            salt = mix(np.array([salt]))[0]
            sim[bad] ^= U64(1) << (mix(ufid[bad] ^ salt) >> U64(58))
        fp_s, sim_s = letters(ufid, 14, "fp_"), to_hex(sim)
        # ids
        while True:
            acct_s = letters(self.keys(N), 14, "acct_")
            if len(set(acct_s)) == N:
                break
        status_s = np.array(["active", "banned", "suspended"])[self.status]
        ts = pa.timestamp("ms", tz="UTC")
        created_ms = np.floor(self.created * 1000).astype(np.int64)
        perm = r.permutation(N)
        tbl = pa.table(
            {
                "account_id": pa.array(acct_s[perm], pa.string()),
                "created_at": pa.array(created_ms[perm], ts),
                "email_domain": pa.array(self.domain[perm].astype(str), pa.string()),
                "country": pa.array(np.array(CC)[self.country[perm]], pa.string()),
                "status": pa.array(status_s[perm], pa.string()),
            }
        )
        pq.write_table(tbl, out / "accounts.parquet")
        truth = pd.DataFrame(
            {
                "account_id": acct_s[perm],
                "group": self.group[perm],
                "kind": self.kind[perm],
                "status": status_s[perm],
                "replacement": self.repl[perm],
                "segment": self.seg[perm],
            }
        )
        truth.to_csv(out / "truth.csv", index=False)
        # payment methods
        ca = np.concatenate([c[0] for c in self.cards])
        ct = np.concatenate([c[1] for c in self.cards])
        while True:
            tok_s = letters(self.keys(self.ntok), 14, "pm_")
            if len(set(tok_s)) == self.ntok:
                break
        ca_first = np.maximum(self.created[ca], T0 - 900 * DAY) + r.uniform(60, 3 * HOUR, len(ca))
        ca_last = np.minimum(self.stop[ca], T1 - 60) - r.uniform(0, 3, len(ca)) * DAY
        ca_last = np.maximum(ca_last, ca_first)
        o = np.lexsort((ct, ca))
        pq.write_table(
            pa.table(
                {
                    "account_id": pa.array(acct_s[ca[o]], pa.string()),
                    "payment_method_id": pa.array(tok_s[ct[o]], pa.string()),
                    "first_seen": pa.array(np.floor(ca_first[o] * 1000).astype(np.int64), ts),
                    "last_seen": pa.array(np.floor(ca_last[o] * 1000).astype(np.int64), ts),
                }
            ),
            out / "payment_methods.parquet",
        )
        # requests
        o = np.lexsort((inv, a, tm))
        ip_s = np.array(self.ip_s, object)
        ip_asn = np.array(self.ip_asn, np.int64)
        pq.write_table(
            pa.table(
                {
                    "account_id": pa.array(acct_s[a[o]], pa.string()),
                    "timestamp": pa.array(tm[o], ts),
                    "ip": pa.array(ip_s[ip[o]], pa.string()),
                    "model": pa.array(np.array(MODELS)[m[o]], pa.string()),
                    "prompt_fingerprint": pa.array(fp_s[inv[o]], pa.string()),
                    "prompt_simhash": pa.array(sim_s[inv[o]], pa.string()),
                }
            ),
            out / "requests.parquet",
        )
        # link tables: exact group-bys of the request log
        for name, key in (("proxies", ip), ("prompt_fingerprints", inv)):
            df = pd.DataFrame({"a": a, "x": key, "t": tm})
            gb = df.groupby(["a", "x"], sort=True)["t"].agg(["min", "max", "size"]).reset_index()
            ga, gx = gb["a"].to_numpy(), gb["x"].to_numpy()
            cols = {"account_id": pa.array(acct_s[ga], pa.string())}
            if name == "proxies":
                cols["ip"] = pa.array(ip_s[gx], pa.string())
                cols["asn"] = pa.array(ip_asn[gx], pa.int64())
            else:
                cols["fingerprint"] = pa.array(fp_s[gx], pa.string())
                cols["simhash"] = pa.array(sim_s[gx], pa.string())
            cols["first_seen"] = pa.array(gb["min"].to_numpy(np.int64), ts)
            cols["last_seen"] = pa.array(gb["max"].to_numpy(np.int64), ts)
            cols["request_count"] = pa.array(gb["size"].to_numpy(np.int64), pa.int64())
            pq.write_table(pa.table(cols), out / f"{name}.parquet")
        return len(o)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.accounts < 5000:
        ap.error("--accounts must be at least 5000")
    t = time.time()
    w = Scenarios(args.accounts, args.seed)
    w.build()
    n = w.write(args.out_dir)
    print(f"wrote {args.accounts} accounts, {n} requests to {args.out_dir} in {time.time() - t:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
