"""Rewrite groups: shared template families that are rewrites of one master template.

An operation split into micro-cells of two or three accounts can give each cell its own
rewrite of a master prompt. Each rewrite is a template family shared by the cell only, too
small to tie anything (the graph needs five sharers), but the rewrites stay far closer to
each other (8-12 bits) than unrelated templates do (about 32). The *shared* families (two or
more users, at most ``max_users``) whose centres lie within a few bits more than a family's
own radius are joined into a *rewrite group*, an artifact of its own (``rw:`` + 16 hex digits).

Chance is bounded explicitly. Random 64-bit hashes lie within ``d`` bits of each other with
probability ``P(d) = sum_{k<=d} C(64, k) / 2^64``; among ``M`` shared families a family has
``M·P(d)`` chance neighbours. The distance used is the largest ``d <= max_bits`` that keeps
that below ``chance_budget`` (so it shrinks as the input grows), and a rewrite group needs
``min_families`` families: a chain of two chance pairs is rarer still. Families within a
rewrite group's reach but bigger than ``max_users`` (public templates) are never joined.

Near pairs are found by bit-sampling LSH (Indyk-Motwani): each of ``tables`` tables keys the
centres on a fixed random mask of ``key_bits`` bits, so two centres ``d`` bits apart share a
key with probability ``(1 - d/64)^key_bits``; the tables are enough to find such a pair with
probability ``1 - (1 - that)^tables`` (0.95 at 12 bits, 0.996 at 10 with the defaults). The
masks come from a fixed seed, and candidates are verified exactly, so the result does not
depend on row order.
Rewrite groups are connected components of verified pairs, cut to radius ``2·d`` around their
heaviest family as template families are.
"""

from __future__ import annotations

from math import comb

import numpy as np

from linkgraph.signals.families import bucket_pairs, pair_components, split_chains
from linkgraph.signals.simhash import hamming

MASK_SEED = 20260205
"""Seed of the LSH bit masks (fixed: the masks are part of the method, not of a run)."""


def chance_within(bits: int) -> float:
    """Probability that two random 64-bit hashes differ in at most ``bits`` bits."""
    return sum(comb(64, k) for k in range(bits + 1)) / 2.0**64


def chance_bits(n_families: int, max_bits: int, chance_budget: float) -> int:
    """The largest distance ``d <= max_bits`` at which a family's expected chance neighbours
    among ``n_families`` stay at or below ``chance_budget`` (-1 if none does)."""
    for bits in range(max_bits, -1, -1):
        if n_families * chance_within(bits) <= chance_budget:
            return bits
    return -1


def _masks(tables: int, key_bits: int) -> np.ndarray:
    rng = np.random.default_rng(MASK_SEED)
    masks = np.zeros(tables, dtype=np.uint64)
    for t in range(tables):
        for bit in rng.choice(64, size=key_bits, replace=False):
            masks[t] |= np.uint64(1) << np.uint64(int(bit))
    return masks


def near_centres(
    centres: np.ndarray, bits: int, tables: int = 80, key_bits: int = 16, bucket_cap: int = 64, window: int = 8
) -> np.ndarray:
    """Pairs ``(i, j)`` of indices into the sorted, distinct ``centres`` at most ``bits`` apart."""
    found = [np.empty((2, 0), dtype=np.int64)]
    for mask in _masks(tables, key_bits):
        keys = centres & mask
        order = np.argsort(keys, kind="stable")  # by key, then by hash (centres are sorted): a fixed order
        left, right = bucket_pairs(keys[order], bucket_cap, window)
        i, j = order[left], order[right]
        ok = hamming(centres[i], centres[j]) <= bits
        found.append(np.stack([np.minimum(i[ok], j[ok]), np.maximum(i[ok], j[ok])]).astype(np.int64))
    pairs = np.concatenate(found, axis=1)
    key = np.sort(pairs[0] * len(centres) + pairs[1])  # each pair once, ordered (a sort: hashing is slower)
    key = key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
    return np.stack([key // len(centres), key % len(centres)])


def rewrite_groups(centres: np.ndarray, weight: np.ndarray, bits: int, min_families: int = 3) -> np.ndarray:
    """Rewrite group label per centre (-1: in none), numbered 0, 1, … by each rewrite group's smallest centre.

    ``centres`` are distinct family centres (any order), ``weight`` picks each rewrite group's centre.
    """
    n = len(centres)
    out = np.full(n, -1, dtype=np.int64)
    if n < max(min_families, 2) or bits < 0:
        return out
    order = np.argsort(centres, kind="stable")
    uniq, w = centres[order], np.asarray(weight, dtype=np.float64)[order]
    pairs = near_centres(uniq, bits)
    if not pairs.shape[1]:
        return out
    labels = split_chains(uniq, w, pairs, pair_components(n, pairs), 2 * bits)
    sizes = np.bincount(labels)
    keep = sizes[labels] >= min_families
    _, first = np.unique(labels, return_index=True)  # uniq is sorted: the first index is the smallest member
    kept_first = np.sort(first[sizes[labels[first]] >= min_families])
    rank = np.full(len(sizes), -1, dtype=np.int64)
    rank[labels[kept_first]] = np.arange(len(kept_first))
    out[order[keep]] = rank[labels[keep]]
    return out


def family_centres(hashes: np.ndarray, weight: np.ndarray, labels: np.ndarray, n_families: int) -> np.ndarray:
    """Per family label: its heaviest hash (summed ``weight``; ties: the smallest hash; 0 for a
    label without rows)."""
    out = np.zeros(n_families, dtype=np.uint64)
    if not len(hashes):
        return out
    order = np.lexsort((hashes, labels))
    h, lab, w = hashes[order], labels[order], np.asarray(weight, dtype=np.float64)[order]
    start = np.flatnonzero(np.r_[True, (h[1:] != h[:-1]) | (lab[1:] != lab[:-1])])
    h, lab, total = h[start], lab[start], np.add.reduceat(w, start)
    best = np.lexsort((h, -total, lab))
    first = best[np.r_[True, lab[best][1:] != lab[best][:-1]]]
    out[lab[first]] = h[first]
    return out


def rewrite_group_of_families(
    centres: np.ndarray,
    users: np.ndarray,
    max_bits: int,
    max_users: int,
    min_families: int,
    chance_budget: float,
) -> tuple[np.ndarray, int]:
    """Per family: its rewrite group label (-1: none), and the distance used.

    Only shared families (2 to ``max_users`` users) take part; ``users`` also picks each
    rewrite group's heaviest family for the radius guard.
    """
    out = np.full(len(centres), -1, dtype=np.int64)
    eligible = np.flatnonzero((users >= 2) & (users <= max_users))
    bits = chance_bits(len(eligible), max_bits, chance_budget)
    if len(eligible):
        out[eligible] = rewrite_groups(centres[eligible], users[eligible], bits, min_families)
    return out, bits
