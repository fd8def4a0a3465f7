"""The world builder: calendar constants, account attributes, catalogs and link tables.

Builders of the populations (organic, benign groups, operations) allocate contiguous
internal account indices here and append (account, artifact) link chunks. Internal
indices are never written: account ids are a random permutation of them.
"""

from __future__ import annotations

import numpy as np

from ._network import AddressBook
from ._sampling import lognormal_counts, zipf_weights

DAY = 86_400
HOUR = 3_600


def utc(text: str) -> int:
    """Seconds since the Unix epoch of an ISO date or date-time, read as UTC."""
    return int(np.datetime64(text, "s").astype(np.int64))


START = utc("2024-01-01")
CREATED_END = utc("2026-10-31T23:59:59")
OBS_END = utc("2026-11-30")

#: Model names and release times (UTC).
MODELS: tuple[tuple[str, int], ...] = (
    ("model-a", utc("2023-07-01T17:00")),
    ("model-b", utc("2025-04-15T17:00")),
    ("model-c", utc("2026-09-15T17:00")),
)

ORGANIC, BENIGN, FRAUD = 0, 1, 2
KIND_NAMES = ("organic", "benign_group", "fraud")


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of ``text`` (keeps long catalogs compact)."""
    return tuple(text.split())


def _weighted(spec: str) -> tuple[tuple[str, float], ...]:
    """Parse ``"name:weight name:weight ..."`` into (name, probability) pairs."""
    pairs = [item.rsplit(":", 1) for item in words(spec)]
    total = sum(float(w) for _, w in pairs)
    return tuple((name, float(w) / total) for name, w in pairs)


WEBMAIL = _weighted(
    "gmail.com:40 outlook.com:12 yahoo.com:8 hotmail.com:7 icloud.com:7 qq.com:6 proton.me:5 gmx.de:5"
    " 163.com:5 mail.ru:5"
)
COUNTRIES = _weighted(
    "US:28 IN:9 GB:6 DE:6 BR:5 FR:4 CA:4 JP:4 KR:3 AU:3 ES:3 IT:3 MX:3 ID:3 NL:2 PL:2 TR:2 VN:2 NG:2"
    " SG:2 SE:1 CH:1 AR:1 ZA:1"
)
STATUSES = _weighted("active:955 suspended:30 closed:15")

_GIVEN = words(
    "anna ben carla dario elif felix greta hugo ines jonas kira lars maya nils olga pavel quinn rosa"
    " sven tara umar vera wim xena yusuf zoe arjun bea chen dina"
)
_FAMILY = words(
    "smith mueller garcia kowalski nguyen rossi dubois silva tanaka kim novak jensen oconnor ivanov"
    " haddad okafor lindqvist moreau santos weber fischer schmidt brown wilson patel singh yilmaz costa"
    " berg horvat kovacs popescu dimitrov andersen hansen virtanen murphy walsh clarke evans"
)
_TLDS = words("com net org de co.uk fr io me nl dev")

#: Link profiles: (earliness exponent of first_seen, lateness exponent of last_seen,
#: log-median and log-sd of request_count). ``first_seen = created + (end - created) * u**early``
#: except for "fraud", whose links start within two days of the account's creation.
_PROFILES: dict[str, tuple[float, float, float, float]] = {
    "steady": (4.0, 0.3, 3.0, 1.2),
    "casual": (1.5, 2.0, 1.2, 1.0),
    "fraud": (0.0, 0.5, 5.0, 0.9),
}


def personal_domains(rng: np.random.Generator, k: int) -> list[str]:
    """``k`` distinct personal domain names such as ``annakowalski.net``."""
    combos = len(_GIVEN) * len(_FAMILY) * len(_TLDS)
    idx = rng.permutation(max(combos, k))[:k]
    base = idx % combos
    given = np.array(_GIVEN)[base % len(_GIVEN)]
    family = np.array(_FAMILY)[(base // len(_GIVEN)) % len(_FAMILY)]
    tld = np.array(_TLDS)[base // (len(_GIVEN) * len(_FAMILY))]
    suffix = np.where(idx >= combos, (idx // combos).astype(str), "")
    names = np.char.add(np.char.add(np.char.add(given, family), suffix), ".")
    return np.char.add(names, tld).tolist()


class LinkTable:
    """Chunks of (account, artifact, first_seen, last_seen, request_count) rows."""

    def __init__(self) -> None:
        self.chunks: list[tuple[np.ndarray, ...]] = []

    def columns(self) -> tuple[np.ndarray, ...]:
        """The five columns, concatenated over all chunks."""
        if not self.chunks:
            return tuple(np.empty(0, dtype=np.int64) for _ in range(5))
        return tuple(np.concatenate(c) for c in zip(*self.chunks, strict=True))


class World:
    """Mutable state of one synthetic world while it is being built."""

    def __init__(self, n: int, rng: np.random.Generator) -> None:
        self.n = n
        self.rng = rng
        self.created = np.zeros(n, dtype=np.int64)
        self.domain = np.zeros(n, dtype=np.int64)
        self.country = np.zeros(n, dtype=np.int64)
        self.status = np.zeros(n, dtype=np.int64)
        self.group = np.full(n, -1, dtype=np.int64)
        self.rate = np.ones(n, dtype=np.float64)
        self.groups: list[str] = []
        self.group_kind: list[int] = []
        self.domains: list[str] = [d for d, _ in WEBMAIL]
        self._web_p = np.array([p for _, p in WEBMAIL])
        self._country_p = np.array([p for _, p in COUNTRIES])
        self._status_p = np.array([p for _, p in STATUSES])
        self.next_account = 0
        self.n_cards = 0
        self.n_fps = 0
        self.links = {"pm": LinkTable(), "ip": LinkTable(), "fp": LinkTable()}
        self.net = AddressBook(rng, n)
        # Request-shaping information filled in by the operations.
        self.sync_waves = np.empty(0, dtype=np.int64)
        self.bulk_switch = MODELS[2][1] + 8 * HOUR
        self._setup_shared_pools()

    # -- shared pools -------------------------------------------------------------
    def _setup_shared_pools(self) -> None:
        n, rng, net = self.n, self.rng, self.net
        self.personal_codes = self.add_domains(personal_domains(rng, max(20, n // 20)))
        g = max(100, n // 200)
        self.generic_fp = self.new_fps(g)
        self.generic_p = zipf_weights(g, 1.45, 10.0)
        c = max(5, n // 2000)
        self.carrier_ip = net.allocate(net.pick_asns("carrier", c), v6_share=0.05)
        self.carrier_p = rng.lognormal(0.0, 0.5, c)
        self.carrier_p /= self.carrier_p.sum()
        v = max(3, n // 5000)
        self.vpn_ip = net.allocate(net.pick_asns("vpn", v), v6_share=0.03)
        self.vpn_p = rng.lognormal(0.0, 0.5, v)
        self.vpn_p /= self.vpn_p.sum()
        r = max(60, n // 50)
        self.proxy_pool = net.allocate(net.pick_asns("residential", r), v6_share=0.02)

    # -- accounts -------------------------------------------------------------------
    def add_groups(self, names: list[str], sizes: np.ndarray, kind: int) -> tuple[np.ndarray, np.ndarray]:
        """Allocate consecutive accounts for groups; returns (accounts, group position of each)."""
        sizes = np.asarray(sizes, dtype=np.int64)
        total = int(sizes.sum())
        if self.next_account + total > self.n:
            raise ValueError("population plan exceeds n_accounts")
        acct = np.arange(self.next_account, self.next_account + total, dtype=np.int64)
        self.next_account += total
        local = np.repeat(np.arange(sizes.size), sizes)
        self.group[acct] = len(self.groups) + local
        self.groups.extend(names)
        self.group_kind.extend([kind] * len(names))
        return acct, local

    def add_group(self, name: str, size: int, kind: int) -> np.ndarray:
        """Allocate the accounts of one group."""
        return self.add_groups([name], np.array([size]), kind)[0]

    def add_domains(self, names: list[str]) -> np.ndarray:
        """Append email domains to the catalog; returns their codes."""
        start = len(self.domains)
        self.domains.extend(names)
        return np.arange(start, start + len(names), dtype=np.int64)

    def webmail(self, m: int) -> np.ndarray:
        """Domain codes of ``m`` webmail addresses with the skewed provider mix."""
        return self.rng.choice(len(WEBMAIL), m, p=self._web_p).astype(np.int64)

    def emails(self, m: int, personal_share: float) -> np.ndarray:
        """Domain codes: webmail, or a personal long-tail domain with ``personal_share``."""
        web = self.webmail(m)
        pers = self.personal_codes[self.rng.integers(0, self.personal_codes.size, m)]
        return np.where(self.rng.random(m) < personal_share, pers, web)

    def countries(self, m: int) -> np.ndarray:
        """Country codes drawn from the weighted country list."""
        return self.rng.choice(len(COUNTRIES), m, p=self._country_p).astype(np.int64)

    def set_profile(self, acct: np.ndarray, domain: np.ndarray, country: np.ndarray) -> None:
        """Set email domain, country and a random status of accounts."""
        self.domain[acct] = domain
        self.country[acct] = country
        self.status[acct] = self.rng.choice(len(STATUSES), acct.size, p=self._status_p)

    # -- artifacts ------------------------------------------------------------------
    def new_cards(self, k: int) -> np.ndarray:
        """Ids of ``k`` new payment methods."""
        ids = np.arange(self.n_cards, self.n_cards + k, dtype=np.int64)
        self.n_cards += k
        return ids

    def new_fps(self, k: int) -> np.ndarray:
        """Ids of ``k`` new prompt fingerprints."""
        ids = np.arange(self.n_fps, self.n_fps + k, dtype=np.int64)
        self.n_fps += k
        return ids

    def generic(self, m: int) -> np.ndarray:
        """``m`` draws from the generic template pool by Zipf popularity."""
        pick = self.rng.choice(self.generic_fp.size, m, p=self.generic_p)
        return self.generic_fp[pick]

    def shared_ips(self, m: int, vpn_share: float) -> np.ndarray:
        """``m`` draws of carrier-NAT or (with ``vpn_share``) VPN exit IPs."""
        rng = self.rng
        car = self.carrier_ip[rng.choice(self.carrier_ip.size, m, p=self.carrier_p)]
        vpn = self.vpn_ip[rng.choice(self.vpn_ip.size, m, p=self.vpn_p)]
        return np.where(rng.random(m) < vpn_share, vpn, car)

    def link(
        self,
        table: str,
        acct: np.ndarray,
        art: np.ndarray,
        profile: str = "steady",
        first: np.ndarray | None = None,
        last: np.ndarray | None = None,
    ) -> None:
        """Append links; times follow ``profile`` unless given, and are clipped into
        ``[created_at, OBS_END]`` with ``first_seen <= last_seen``."""
        acct = np.asarray(acct, dtype=np.int64)
        art = np.asarray(art, dtype=np.int64)
        m = acct.size
        if m == 0:
            return
        rng = self.rng
        early, late, mu, sigma = _PROFILES[profile]
        created = self.created[acct]
        if first is None:
            if profile == "fraud":
                first = created + (rng.random(m) * 2 * DAY).astype(np.int64)
            else:
                first = created + ((OBS_END - created) * rng.random(m) ** early).astype(np.int64)
        first = np.clip(first, created, OBS_END)
        if last is None:
            last = first + ((OBS_END - first) * rng.random(m) ** late).astype(np.int64)
        last = np.clip(last, first, OBS_END)
        count = lognormal_counts(rng, mu, sigma, m)
        self.links[table].chunks.append((acct, art, first, last, count))

    def own_fps(self, acct: np.ndarray, counts: np.ndarray, personal_share: float = 0.6) -> None:
        """Give accounts ``counts`` fingerprints each: personal ones or generic templates."""
        rows = np.repeat(acct, counts)
        personal = self.rng.random(rows.size) < personal_share
        self.link("fp", rows[personal], self.new_fps(int(personal.sum())), "steady")
        self.link("fp", rows[~personal], self.generic(int((~personal).sum())), "casual")
