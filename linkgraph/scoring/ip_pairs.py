"""Which members meet a group of their cluster on their IPs, and which only meet a pool by chance.

A hydra cell's members meet each other on the same few private exits again and again. A
customer of the proxy pool the cell rents sends each request from a random exit, so it meets
one cell on one exit and another cell on the next: it bridges cells, it is not one of them.
The same holds for households on a carrier's NAT pool, or the customers of a reseller's
gateways. :func:`unpaired_ip_links` marks the IPs of such members, which the core peel
(:func:`~linkgraph.scoring.features.peel_core`) then counts as one weak link.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import pdtrc

from linkgraph.codes import distinct_ints

PAIR_IPS = 16
"""IPs per member compared for :func:`unpaired_ip_links`: its most shared ones (the cost is quadratic in it)."""
PARTNER_MAX_USERS = 1_000
"""IPs with more users in the cluster are left out when a member's partners are counted (the cost is their square)."""
PAIR_ALPHA = 0.01
"""How unlikely by chance a member's best pair of shared IPs must be (over all its pairs) to tie it."""


def unpaired_ip_links(own: pd.DataFrame, cell_share: float) -> np.ndarray:
    """IP links of members that meet no group of the cluster on their IPs: weak core evidence.

    A hydra cell's members meet each other on the same few private exits again and again.
    A customer of the proxy pool the cell rents sends each request from a random exit, so
    it meets one cell on one exit and another cell on the next: it bridges cells, it is not
    one of them. The same holds for households on a carrier's NAT pool, tied to each other
    by nothing but the pool. A member's shared IPs are weak (together one link, which
    corroborates a tie to the cluster but does not make one:
    :func:`~linkgraph.scoring.features.peel_core`) when none serves ``cell_share`` of the
    cluster's members on shared IPs (the cluster's own exit) and, for two or more, no pair of
    them is shared by more other members than chance explains. One such IP is weak too: a
    household whose home address a residential pool also uses as an exit shares it with a
    few of the operation's accounts, and its family card with two relatives; neither ties
    it to the operation. Chance, when members
    use IPs in proportion to how many they use, puts ``(n_i − 1)(n_j − 1) · Σk² / (Σk)²``
    others on two IPs used by ``n_i`` and ``n_j`` members (Poisson; ``k``: each member's
    shared IPs, :func:`_ip_users`; with equal ``k`` this is ``… / N``); the member's best
    pair must be rarer than :data:`PAIR_ALPHA` over all its pairs, and so must its best
    partner (:func:`_significant_partners`); and it rides a cluster that stands on other
    evidence: one of its IPs is used by two members that meet a group or have a card,
    template or lockstep link (:func:`_rides`). Only each member's :data:`PAIR_IPS` most
    shared IPs are compared. ``own``: ``community, acct, art, kind, n_in``. Returns a
    boolean per row of ``own``.
    """
    if not len(own):
        return np.zeros(0, dtype=bool)
    is_ip = (own["kind"] == "ip").to_numpy()
    accounts, a_idx = distinct_ints(own["acct"].to_numpy().astype(np.int64))
    ip = _IpLinks.of(own, is_ip, a_idx)
    k = np.bincount(ip.who, minlength=len(accounts))
    on_ips, rate = _ip_users(ip, k)
    paired = np.bincount(ip.who[ip.n_in >= cell_share * on_ips], minlength=len(accounts)) > 0
    met = _significant_pairs(ip, (k >= 2) & ~paired, rate)
    paired |= met & _significant_partners(ip, met, k)
    anchored = paired | (np.bincount(a_idx[~is_ip], minlength=len(accounts)) > 0)
    return is_ip & ((k >= 1) & ~paired & _rides(ip, anchored))[a_idx]


@dataclass(frozen=True)
class _IpLinks:
    """The IP rows of ``own``: member (``who``), IP node (one per community and IP), the
    community's code (``group``), ``n_in``, and ``top``: the rows of each member's
    :data:`PAIR_IPS` most shared IPs, by member, most shared first (ties by IP)."""

    who: np.ndarray
    node: np.ndarray
    group: np.ndarray
    n_in: np.ndarray
    top: np.ndarray

    @classmethod
    def of(cls, own: pd.DataFrame, is_ip: np.ndarray, a_idx: np.ndarray) -> _IpLinks:
        community = own["community"].to_numpy().astype(np.int64)[is_ip]
        art = own["art"].to_numpy().astype(np.int64)[is_ip]
        n_in = own["n_in"].to_numpy().astype(np.float64)[is_ip]
        who = a_idx[is_ip]
        node = pd.factorize(community * (int(art.max(initial=0)) + 1) + art)[0].astype(np.int64)
        order = np.lexsort((art, -n_in, who))
        rank = np.arange(len(order)) - np.searchsorted(who[order], who[order], side="left")
        group = pd.factorize(community)[0].astype(np.int64)
        return cls(who, node, group, n_in, order[rank < PAIR_IPS])


def _rides(ip: _IpLinks, anchored: np.ndarray) -> np.ndarray:
    """Per account: one of its IPs is used by two or more ``anchored`` members (a group on
    IPs, or members tied by a card, template or lockstep link).

    The rule is for a member riding the exits of a cluster that stands on other evidence.
    Where every member is tied by IPs alone and nobody forms a group on them (an operation
    whose accounts all rotate through one private pool of its own), the cluster as a whole
    is what the IPs tie, and its members keep their links.
    """
    on_node = np.bincount(ip.node[anchored[ip.who]], minlength=int(ip.node.max(initial=-1)) + 1)
    return np.bincount(ip.who[on_node[ip.node] >= 2], minlength=len(anchored)) > 0


def _ip_users(ip: _IpLinks, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per IP row: its community's members with shared IPs, and their co-use rate ``Σ k² / (Σ k)²``.

    ``k``: shared IPs per member. The rate is the chance that one member is on two given IPs,
    per pair of the IPs' other users, when members use IPs in proportion to how many they use
    (a configuration model): a heavy user of a pool meets more of it than a light one. With
    equal ``k`` it is ``1 / N``.
    """
    first = np.unique(ip.who, return_index=True)[1]  # one row per member
    kf = k[ip.who[first]].astype(np.float64)
    n = np.bincount(ip.group[first], minlength=int(ip.group.max(initial=-1)) + 1).astype(np.float64)
    k1 = np.bincount(ip.group[first], weights=kf, minlength=len(n)).astype(np.float64)
    k2 = np.bincount(ip.group[first], weights=kf * kf, minlength=len(n)).astype(np.float64)
    rate = np.divide(k2, k1 * k1, out=np.ones_like(k1), where=k1 > 0)
    return n[ip.group], rate[ip.group]


def _significant_pairs(ip: _IpLinks, asking: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """Per account (``asking`` ones only): a pair of its IPs is shared by improbably many other
    members (``rate``: per IP row, its community's co-use rate, :func:`_ip_users`)."""
    found = np.zeros(len(asking), dtype=bool)
    order, n_nodes = ip.top, int(ip.node.max(initial=-1)) + 1  # every member's, so that others are counted
    who = ip.who[order]
    keys, left, right = [], [], []
    for step in range(1, PAIR_IPS):
        same = np.flatnonzero(who[step:] == who[:-step])
        if not len(same):
            break
        a, b = ip.node[order[same]], ip.node[order[same + step]]
        keys.append(np.minimum(a, b) * n_nodes + np.maximum(a, b))
        left.append(order[same])
        right.append(order[same + step])
    if not keys:
        return found
    key, first, second = np.concatenate(keys), np.concatenate(left), np.concatenate(right)
    codes = pd.factorize(key)[0]
    others = np.bincount(codes)[codes] - 1
    ask = asking[ip.who[first]] & (others >= 1)
    first, second, others = first[ask], second[ask], others[ask]
    chance = (ip.n_in[first] - 1) * (ip.n_in[second] - 1) * rate[first]
    p_value = pdtrc(others - 1, chance)  # P(at least `others` by chance)
    k = np.minimum(np.bincount(who, minlength=len(asking)), PAIR_IPS)[ip.who[first]]
    significant = p_value * np.maximum(k * (k - 1) / 2, 1) <= PAIR_ALPHA
    found[ip.who[first[significant]]] = True
    return found


def _significant_partners(ip: _IpLinks, asking: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Per account (``asking`` ones only): one other member shares more of its IPs than chance explains
    (``k``: each member's shared IPs).

    A pair of IPs crowded by a whole cell says the *cell* is a group; a pool customer who
    happened onto two of the cell's exits is not one of it. The customer's overlap with any
    one cell member is what its number of IPs makes likely: when a member's ``k`` shared IPs
    land on IPs in proportion to their users, it expects ``k · S_b / L`` of them among
    another member ``b``'s IPs (``S_b``: the users of ``b``'s IPs summed, ``L``: all IP
    links of the cluster), Poisson. The overlap is counted on its :data:`PAIR_IPS` most
    shared IPs while ``k`` counts all of them, so a heavy pool user is not judged on the
    sample its busiest exits make. The best partner must be rarer than :data:`PAIR_ALPHA`
    over all partners. IPs with more than :data:`PARTNER_MAX_USERS` users in the cluster are
    left out of the overlap.
    """
    found = np.zeros(len(asking), dtype=bool)
    mass = np.bincount(ip.who, weights=ip.n_in, minlength=len(asking))  # S_b
    links = np.bincount(ip.group)[ip.group].astype(np.float64)  # L, per IP row
    mine = ip.top[asking[ip.who[ip.top]] & (ip.n_in[ip.top] <= PARTNER_MAX_USERS)]
    if not len(mine):
        return found
    by_node = np.argsort(ip.node, kind="stable")
    start = np.searchsorted(ip.node[by_node], ip.node[mine], side="left")
    count = np.searchsorted(ip.node[by_node], ip.node[mine], side="right") - start
    a = np.repeat(ip.who[mine], count)
    b = ip.who[by_node[np.repeat(start - np.cumsum(count) + count, count) + np.arange(count.sum())]]
    keep = a != b
    a, b = a[keep], b[keep]
    pair_codes, pairs = pd.factorize(a * len(asking) + b)
    overlap = np.bincount(pair_codes)
    a, b = pairs // len(asking), pairs % len(asking)
    row_of = np.full(len(asking), -1, dtype=np.int64)
    row_of[ip.who[mine]] = mine
    chance = k[a] * mass[b] / links[row_of[a]]
    p_value = pdtrc(overlap - 1, chance)
    partners = np.bincount(a, minlength=len(asking))
    significant = p_value * partners[a] <= PAIR_ALPHA
    found[a[significant]] = True
    return found
