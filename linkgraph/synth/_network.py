"""Autonomous systems and IP addresses of the synthetic world.

Every AS has one purpose (residential ISP, mobile carrier, VPN provider, hosting,
business ISP, university), and the purposes never share an AS number, an IPv4 /16
block or an IPv6 /32 prefix. Addresses are kept as int64 keys until the very end:
IPv4 keys are the 32-bit address, IPv6 keys carry ``V6_FLAG`` plus the AS index and
the low 48 bits of the address.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ._sampling import zipf_weights

#: Number of autonomous systems per purpose.
PURPOSE_SIZES: dict[str, int] = {
    "residential": 200,
    "carrier": 5,
    "vpn": 10,
    "hosting": 40,
    "business": 30,
    "university": 1,
}

V6_FLAG = 1 << 60
_V6_FIRST = np.array(
    [0x2003, *range(0x2400, 0x2407), *range(0x2600, 0x2608), *range(0x2A00, 0x2A07), 0x2A0A, 0x2C0F],
    dtype=np.int64,
)
# First octets that are private, shared (CGNAT 100.64/10), loopback, link-local or
# documentation space, which we avoid entirely for realism.
_BOGON_FIRST = {0, 10, 100, 127, 169, 172, 192, 198, 203}
_BLOCK = 65_536


@lru_cache(maxsize=1)
def _decimal_table() -> pa.Array:
    return pa.array([str(i) for i in range(256)])


@lru_cache(maxsize=1)
def _hex_table() -> pa.Array:
    return pa.array([f"{i:x}" for i in range(65_536)])


def _purpose_weights(name: str, k: int) -> np.ndarray:
    """Popularity of the ASes inside one purpose (big ISPs carry more users)."""
    if name == "residential":
        return zipf_weights(k, 0.9)
    if name == "carrier":
        w = np.array([0.35, 0.25, 0.2, 0.12, 0.08, 0.05, 0.03])[:k]
        return w / w.sum()
    if name in ("vpn", "hosting"):
        return zipf_weights(k, 0.8)
    return np.full(k, 1.0 / k)


class AddressBook:
    """Allocates globally unique IPs inside ASes of a given purpose."""

    def __init__(self, rng: np.random.Generator, n_accounts: int) -> None:
        self.rng = rng
        total = sum(PURPOSE_SIZES.values())
        n32 = total // 5  # some 32-bit AS numbers, as newer networks have
        a16 = rng.choice(np.arange(1_000, 64_000), total - n32, replace=False)
        a32 = rng.choice(np.arange(131_072, 400_000), n32, replace=False)
        self.asn_number = rng.permutation(np.concatenate([a16, a32])).astype(np.int64)
        self.by_purpose: dict[str, np.ndarray] = {}
        self.weights: dict[str, np.ndarray] = {}
        pos = 0
        for name, k in PURPOSE_SIZES.items():
            self.by_purpose[name] = np.arange(pos, pos + k, dtype=np.int64)
            self.weights[name] = _purpose_weights(name, k)
            pos += k

        # IPv4: each AS owns whole /16 blocks, sized so that it is at most ~25% full.
        nblocks = np.ones(total, dtype=np.int64)
        res = self.by_purpose["residential"]
        expected = self.weights["residential"] * (1.1 * n_accounts + n_accounts / 50 + 100)
        nblocks[res] = np.maximum(1, np.ceil(expected * 4 / _BLOCK)).astype(np.int64)
        firsts = np.array([o for o in range(1, 224) if o not in _BOGON_FIRST], dtype=np.int64)
        candidates = (firsts[:, None] * 256 + np.arange(256)[None, :]).ravel()
        if nblocks.sum() > candidates.size:
            raise ValueError("world too large for the synthetic IPv4 plan")
        chosen = rng.choice(candidates, int(nblocks.sum()), replace=False)
        self.blocks = chosen << 16
        self.nblocks = nblocks
        self.block_start = np.cumsum(nblocks) - nblocks

        # IPv6: one /32 per AS.
        pref = rng.choice(_V6_FIRST.size * 65_536, total, replace=False)
        self.v6_prefix = (_V6_FIRST[pref // 65_536] << 16) | (pref % 65_536)

        self._keys: list[np.ndarray] = []
        self._asn: list[np.ndarray] = []
        self._used4 = np.empty(0, dtype=np.int64)
        self._used6 = np.empty(0, dtype=np.int64)
        self.count = 0

    def pick_asns(self, purpose: str, size: int, weighted: bool = True) -> np.ndarray:
        """Draw ``size`` AS indices of one purpose (by popularity unless ``weighted`` is off)."""
        pool = self.by_purpose[purpose]
        p = self.weights[purpose] if weighted else None
        return pool[self.rng.choice(pool.size, size, p=p)]

    def distinct_asns(self, purpose: str, k: int) -> np.ndarray:
        """``k`` different AS indices of one purpose (at most all of them)."""
        pool = self.by_purpose[purpose]
        return pool[self.rng.choice(pool.size, min(k, pool.size), replace=False)]

    def allocate(self, asn: np.ndarray, v6_share: float = 0.0) -> np.ndarray:
        """New unique addresses, one per entry of ``asn``; returns their global ids."""
        asn = np.asarray(asn, dtype=np.int64)
        m = asn.size
        v6 = self.rng.random(m) < v6_share
        keys = np.empty(m, dtype=np.int64)
        i4 = np.flatnonzero(~v6)
        i6 = np.flatnonzero(v6)
        keys[i4], self._used4 = self._fresh(asn[i4], self._draw4, self._used4)
        keys[i6], self._used6 = self._fresh(asn[i6], self._draw6, self._used6)
        self._keys.append(keys)
        self._asn.append(asn)
        ids = np.arange(self.count, self.count + m, dtype=np.int64)
        self.count += m
        return ids

    def _draw4(self, asn: np.ndarray) -> np.ndarray:
        rng = self.rng
        pick = np.floor(rng.random(asn.size) * self.nblocks[asn]).astype(np.int64)
        block = self.blocks[self.block_start[asn] + pick]
        third = rng.integers(0, 256, asn.size)
        fourth = rng.integers(1, 255, asn.size)
        return block | (third << 8) | fourth

    def _draw6(self, asn: np.ndarray) -> np.ndarray:
        g = self.rng.integers(1, 65_536, (asn.size, 3))
        return V6_FLAG | (asn << 48) | (g[:, 0] << 32) | (g[:, 1] << 16) | g[:, 2]

    @staticmethod
    def _fresh(
        asn: np.ndarray, draw: Callable[[np.ndarray], np.ndarray], used: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Draw keys, redrawing any that collide with each other or with ``used``."""
        keys = draw(asn)
        while keys.size:
            order = np.argsort(keys, kind="stable")
            sk = keys[order]
            bad = np.zeros(keys.size, dtype=bool)
            bad[order[1:]] = sk[1:] == sk[:-1]
            if used.size:
                pos = np.minimum(np.searchsorted(used, keys), used.size - 1)
                bad |= used[pos] == keys
            if not bad.any():
                break
            idx = np.flatnonzero(bad)
            keys[idx] = draw(asn[idx])
        return keys, np.sort(np.concatenate([used, keys]))

    def to_arrow(self) -> tuple[pa.Array, np.ndarray]:
        """Text of every allocated address and its AS number, indexed by global id."""
        keys = np.concatenate(self._keys) if self._keys else np.empty(0, np.int64)
        asn = np.concatenate(self._asn) if self._asn else np.empty(0, np.int64)
        is6 = keys >= V6_FLAG
        k4 = keys[~is6]
        dec = _decimal_table()
        parts4 = [dec.take(pa.array((k4 >> s) & 255)) for s in (24, 16, 8, 0)]
        s4 = pc.binary_join_element_wise(*parts4, ".")
        k6 = keys[is6]
        hx = _hex_table()
        prefix = self.v6_prefix[(k6 >> 48) & 0xFFF]
        groups = [prefix >> 16, prefix & 0xFFFF, (k6 >> 32) & 0xFFFF, (k6 >> 16) & 0xFFFF]
        parts6 = [hx.take(pa.array(g)) for g in groups]
        empty = pa.array(np.full(k6.size, "", dtype=object), type=pa.string())
        s6 = pc.binary_join_element_wise(*parts6, empty, hx.take(pa.array(k6 & 0xFFFF)), ":")
        order = np.concatenate([np.flatnonzero(~is6), np.flatnonzero(is6)])
        inverse = np.empty_like(order)
        inverse[order] = np.arange(order.size)
        text = pa.concat_arrays([s4.cast(pa.string()), s6.cast(pa.string())])
        return text.take(pa.array(inverse)), self.asn_number[asn]
