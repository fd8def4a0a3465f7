"""Benign look-alikes of the evasive world: coordinated benign groups (CI fleet, an
enterprise that adopts new models fast, a university burst, a research lab) and organic
crowds (cron users, customers of the operations' proxy networks)."""

from __future__ import annotations

import numpy as np

from ._builder import BENIGN, CREATED_END, DAY, HOUR, OBS_END, ORGANIC, START, utc
from ._evasive_base import EvasiveWorld


def family_use(
    w: EvasiveWorld, acct: np.ndarray, fam: np.ndarray, per: np.ndarray, shared: int, fresh_share: float
) -> None:
    """Each account uses ``per`` paraphrases of random families of ``fam``: one of ``shared``
    common paraphrases of the family, or (with ``fresh_share``) a paraphrase of its own."""
    rng = w.rng
    common = w.sim.paraphrases(np.repeat(fam, shared))
    rows = np.repeat(acct, per)
    f = rng.integers(0, fam.size, rows.size)
    fps = common[f * shared + rng.integers(0, shared, rows.size)]
    fresh = rng.random(rows.size) < fresh_share
    fps[fresh] = w.sim.paraphrases(fam[f[fresh]])
    w.link("fp", rows, fps)


def _benign(w: EvasiveWorld, name: str, s: int, domain: str, own_share: float) -> np.ndarray:
    """A benign group on its own email domain (``own_share`` of it; the rest webmail)."""
    acct = w.add_group(name, s, BENIGN)
    code = w.add_domains([domain])[0]
    w.set_profile(acct, np.where(w.rng.random(s) < own_share, code, w.webmail(s)), np.full(s, 0))
    return acct


def build_ci_fleet(w: EvasiveWorld, s: int) -> None:
    """A company's CI fleet: one card, one office NAT IP, one template family, fires at :00."""
    rng = w.rng
    acct = _benign(w, "company_ci", s, "hexaplane.io", 1.0)
    w.created[acct] = utc("2026-06-08T09:00") + (rng.random(s) * 2 * DAY).astype(np.int64)
    w.rate[acct] = 10.0
    w.top_of_hour.append(w.group_id("company_ci"))
    w.link("pm", acct, np.repeat(w.new_cards(1), s))
    nat = w.net.allocate(w.net.pick_asns("business", 1))
    # The CI jobs of the last four weeks are in the sample.
    first = np.full(s, OBS_END - 28 * DAY)
    w.link("ip", acct, np.repeat(nat, s), first=first, last=np.full(s, OBS_END))
    family_use(w, acct, w.sim.families(1), rng.integers(2, 5, s), int(rng.integers(10, 26)), 0.0)


def build_enterprise_ci(w: EvasiveWorld, s: int) -> None:
    """An enterprise that moves its CI to the newest model within hours of release."""
    rng = w.rng
    acct = _benign(w, "enterprise_ci", s, "orbital-systems.com", 0.95)
    w.country[acct] = np.where(rng.random(s) < 0.8, 0, w.countries(s))
    waves = utc("2025-02-03T09:00") + rng.integers(0, 4, s) * 91 * DAY
    w.created[acct] = waves + (rng.random(s) * 8 * HOUR).astype(np.int64)
    w.rate[acct] = 3.0
    w.link("pm", acct, np.repeat(w.new_cards(1), s))
    office = w.net.allocate(w.net.pick_asns("business", int(rng.integers(2, 5))))
    w.link("ip", acct, office[rng.integers(0, office.size, s)])
    family_use(w, acct, w.sim.families(int(rng.integers(2, 4))), rng.integers(2, 5, s), 20, 0.2)
    w.own_fps(acct, rng.integers(1, 3, s))
    w.moves_to_new_model(w.group_id("enterprise_ci"), 1, 6, 0.9)


def build_university(w: EvasiveWorld, s: int) -> None:
    """A university creating its students' accounts within three days, behind campus NAT."""
    rng = w.rng
    acct = w.add_group("university_0", s, BENIGN)
    w.set_profile(acct, np.where(rng.random(s) < 0.85, w.university[1], w.university[0]), np.zeros(s, np.int64))
    w.created[acct] = utc("2026-08-31T08:00") + (rng.random(s) * 3 * DAY).astype(np.int64)
    w.rate[acct] = 1.5
    nat = w.net.allocate(np.repeat(w.net.by_purpose["university"][0], int(rng.integers(2, 5))))
    w.link("ip", acct, nat[rng.integers(0, nat.size, s)])
    home = acct[rng.random(s) < 0.6]
    w.link("ip", home, w.net.allocate(w.net.pick_asns("residential", home.size), 0.03))
    mob = acct[rng.random(s) < 0.5]
    w.link("ip", mob, w.shared_ips(mob.size, 0.0), "casual")
    own = acct[rng.random(s) < 0.5]
    w.link("pm", own, w.new_cards(own.size))
    family_use(w, acct, w.sim.families(max(2, s // 150)), rng.integers(1, 3, s), 5, 0.5)
    w.own_fps(acct, rng.integers(1, 4, s))


def build_research_lab(w: EvasiveWorld, s: int) -> None:
    """A research lab: very high volume from one template family, one card, lab NAT."""
    rng = w.rng
    acct = _benign(w, "research_lab", s, "helix-ai-lab.org", 1.0)
    w.created[acct] = utc("2025-10-01") + (rng.random(s) * 30 * DAY).astype(np.int64)
    w.rate[acct] = 40.0
    w.link("pm", acct, np.repeat(w.new_cards(1), s))
    nat = w.net.allocate(w.net.pick_asns("business", int(rng.integers(1, 3))))
    w.link("ip", acct, nat[rng.integers(0, nat.size, s)])
    family_use(w, acct, w.sim.families(1), rng.integers(2, 5, s), 8, 0.1)


def _organic(w: EvasiveWorld, name: str, s: int) -> np.ndarray:
    """Ordinary people of a named crowd: own card (75%), home IP, 1-3 fingerprints."""
    rng = w.rng
    acct = w.add_group(name, s, ORGANIC)
    w.set_profile(acct, w.emails(s, 0.15), w.countries(s))
    w.created[acct] = rng.integers(START, CREATED_END + 1, s)
    own = acct[rng.random(s) < 0.75]
    w.link("pm", own, w.new_cards(own.size))
    w.link("ip", acct, w.net.allocate(w.net.pick_asns("residential", s), v6_share=0.03))
    return acct


def build_cron(w: EvasiveWorld, s: int) -> None:
    """People whose cron jobs call the API at minute :00 (personal or generic templates)."""
    rng = w.rng
    acct = _organic(w, "organic_cron", s)
    w.rate[acct] = 3.0
    w.top_of_hour.append(w.group_id("organic_cron"))
    vm = acct[rng.random(s) < 0.4]
    w.link("ip", vm, w.net.allocate(w.net.pick_asns("hosting", vm.size), 0.02))
    w.own_fps(acct, rng.integers(1, 3, s), personal_share=0.7)


def build_proxy_customers(w: EvasiveWorld, s: int, pool: np.ndarray, name: str) -> None:
    """Ordinary customers of a proxy service: 1-2 of its IPs (some also used by the ops)."""
    rng = w.rng
    acct = _organic(w, name, s)
    rows = np.repeat(acct, rng.integers(1, 3, s))
    first = np.maximum(w.created[rows], utc("2026-01-01")) + (rng.random(rows.size) * 200 * DAY).astype(np.int64)
    w.link("ip", rows, pool[rng.integers(0, pool.size, rows.size)], "casual", first=first)
    w.own_fps(acct, rng.integers(1, 4, s))


def sprinkle_throwaway(w: EvasiveWorld, acct: np.ndarray, share: float) -> None:
    """A few ordinary people also sign up with a disposable email domain."""
    pick = acct[w.rng.random(acct.size) < share]
    w.domain[pick] = w.throwaway[w.rng.integers(0, w.throwaway.size, pick.size)]
