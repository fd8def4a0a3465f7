"""State of an evasive world: the classic ``World`` plus SimHash families, account
statuses with end-of-activity times, replacement flags and request-timing rules."""

from __future__ import annotations

import numpy as np

from ._builder import DAY, HOUR, MODELS, OBS_END, World
from ._simhash import SimhashBook

#: Account statuses of the evasive world, in code order (contract v2).
EV_STATUSES = ("active", "banned", "suspended")
ACTIVE, BANNED, SUSPENDED = 0, 1, 2

#: Disposable email domains used by op_varied and by a few ordinary people.
THROWAWAY = ("tempmail.dev", "burnerbox.io", "trashmail.cc", "dropinbox.net", "quickmail.top", "mailnull.xyz")
UNIVERSITY_DOMAINS = ("northfield.edu", "student.northfield.edu")
RELEASE = MODELS[2][1]


class EvasiveWorld(World):
    """A ``World`` that also knows template families, bans and request timing."""

    def __init__(self, n: int, rng: np.random.Generator) -> None:
        super().__init__(n, rng)
        self.sim = SimhashBook(self)
        self.end = np.full(n, OBS_END, dtype=np.int64)
        self.replacement = np.zeros(n, dtype=np.int64)
        #: Groups whose requests fire at minute :00 of an hour.
        self.top_of_hour: list[int] = []
        #: Group -> (time it moves to the newest model, share of its traffic there afterwards).
        self.switch: dict[int, tuple[int, float]] = {}
        self.wave_share = np.empty(0, dtype=np.float64)
        self.sync_group = -1
        self.throwaway = self.add_domains(list(THROWAWAY))
        self.university = self.add_domains(list(UNIVERSITY_DOMAINS))
        # A popular agent-framework system prompt: every second generic template of
        # popularity ranks 40-79 is a paraphrase of it, so thousands of people share the family.
        agent = self.sim.families(1)
        ranks = np.arange(40, min(80, self.generic_fp.size), 2)
        self.sim.assign(self.generic_fp[ranks], np.repeat(agent, ranks.size))
        # A second residential proxy reseller, smaller than the main proxy pool.
        r = max(20, n // 1000)
        self.reseller_pool = self.net.allocate(self.net.pick_asns("residential", r), v6_share=0.02)
        self.hydra_pool = np.empty(0, dtype=np.int64)

    def set_profile(self, acct: np.ndarray, domain: np.ndarray, country: np.ndarray) -> None:
        """Set email domain and country; every account starts ``active``."""
        self.domain[acct] = domain
        self.country[acct] = country
        self.status[acct] = ACTIVE

    def moves_to_new_model(self, group: int, lo_hours: float, hi_hours: float, share: float) -> None:
        """The group moves ``share`` of its traffic to the newest model some hours after release."""
        delay = self.rng.uniform(lo_hours, hi_hours) * HOUR
        self.switch[group] = (RELEASE + int(delay), share)

    def enforce(self, acct: np.ndarray, when: np.ndarray, status: int) -> None:
        """Ban or suspend accounts at ``when``: their activity stops then."""
        self.status[acct] = status
        self.end[acct] = np.maximum(when, self.created[acct] + DAY)

    def group_id(self, name: str) -> int:
        """Index of a group by name."""
        return self.groups.index(name)
