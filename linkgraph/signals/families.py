"""Template families: near-duplicate SimHashes grouped by permuted-table LSH, never all pairs.

Two hashes within Hamming distance ``k = max_bits`` differ in at most ``k`` of ``b = k + 1 +
extra_blocks`` disjoint bit blocks, so they agree exactly on at least ``b - k`` blocks
(pigeonhole). One table per choice of ``b - k`` blocks (``C(b, k)`` tables; 10 for k = 3) keys
every hash on those blocks (~26 bits for k = 3), so every near pair shares a bucket in at
least one table while random collisions stay rare. Candidates are verified with the exact
Hamming distance, and families are the connected components of verified pairs.

Cost is near-linear in distinct hashes: one sort per table, and candidate pairs are bounded
per hash. A bucket of up to ``bucket_cap`` members is compared all-pairs (so the result is
exact there, which the brute-force tests check); a bigger bucket (one template with tens of
thousands of paraphrases) compares each member only with the bucket's first member and its
next ``window`` neighbours in sorted order, so it yields O(size · window) pairs, not O(size²).

Why chaining cannot blow up: unrelated templates are ~32 bits apart. Random hashes are
within 3 bits with probability ~2·10⁻¹⁵ per pair (< 0.01 expected edges among 3M hashes),
and two paraphrase clouds of radius k touch only if their centres are within 3k bits
(~4·10⁻⁹ per pair). As an explicit guard, each component is checked against its centre
(its heaviest member): members farther than ``2 · max_bits`` from it are cut loose and
re-grouped among themselves, repeatedly, so every family has radius ≤ 2k around its centre.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import combinations, pairwise

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from linkgraph.signals.simhash import hamming, simhash_texts

TABLE_THREADS = 2
"""LSH tables built at once (the machines this runs on have two cores or more)."""
Move = tuple[int, int, int]
"""A run of bits: ``(source lowest bit, width, destination lowest bit)``."""


def _table_layouts(max_bits: int, extra_blocks: int) -> list[tuple[list[Move], int]]:
    """Per LSH table: a bit permutation that puts the table's ``b - k`` key blocks on top, and
    the number of bits below them.

    Sorting the permuted hashes orders them by the key blocks, then by the other bits in
    their order of significance: that is by ``(hash & mask, hash)``, in one plain sort of
    distinct numbers. The permutation keeps Hamming distances.
    """
    b = max_bits + 1 + extra_blocks
    bounds = np.linspace(0, 64, b + 1).round().astype(int)
    blocks = list(pairwise(bounds.tolist()))
    layouts = []
    for chosen in combinations(range(b), b - max_bits):
        rest = [i for i in range(b) if i not in chosen]
        runs: list[tuple[int, int]] = []  # (lo, hi) from the most significant down, adjacent ones merged
        for i in sorted(chosen, reverse=True) + sorted(rest, reverse=True):
            lo, hi = blocks[i]
            if runs and runs[-1][0] == hi:
                runs[-1] = (lo, runs[-1][1])
            else:
                runs.append((lo, hi))
        moves, top = [], 64
        for lo, hi in runs:
            top -= hi - lo
            moves.append((lo, hi - lo, top))
        layouts.append((moves, sum(blocks[i][1] - blocks[i][0] for i in rest)))
    return layouts


def _move_bits(x: np.ndarray, moves: list[Move], inverse: bool = False) -> np.ndarray:
    """Apply (or undo) a bit permutation given as runs of bits."""
    out = np.zeros(len(x), dtype=np.uint64)
    part = np.empty(len(x), dtype=np.uint64)
    for src, width, dst in moves:
        if inverse:
            src, dst = dst, src
        np.right_shift(x, np.uint64(src), out=part)
        np.bitwise_and(part, np.uint64((1 << width) - 1), out=part)
        np.left_shift(part, np.uint64(dst), out=part)
        np.bitwise_or(out, part, out=out)
    return out


def bucket_pairs(keys: np.ndarray, bucket_cap: int, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs of positions in a key-sorted array: all pairs in small buckets, bounded in big ones."""
    n = len(keys)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, n])
    shared = sizes > 1  # only buckets of two or more hold pairs (about half the hashes)
    starts, sizes = starts[shared], sizes[shared]
    first = np.repeat(starts, sizes)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    pos = first + offset
    size = np.repeat(sizes, sizes)
    big = size > bucket_cap
    after = size - offset - 1  # members after this one in its bucket
    limit = np.where(big, np.minimum(after, window), after)
    left, right = [], []
    sel = limit >= 1
    idx, limit = pos[sel], limit[sel]
    d = 1
    while len(idx):
        left.append(idx)
        right.append(idx + d)
        d += 1
        more = limit >= d
        idx, limit = idx[more], limit[more]
    anchors = big & (offset > 0)  # every member of a big bucket also meets its first member
    left.append(first[anchors])
    right.append(pos[anchors])
    return np.concatenate(left), np.concatenate(right)


def _table_pairs(
    uniq: np.ndarray, moves: list[Move], low_bits: int, max_bits: int, bucket_cap: int, window: int
) -> np.ndarray:
    """Verified pairs of one LSH table (numpy's sorts release the GIL, so tables run in threads).

    A pair's positions in the permuted, sorted array map back to indices in ``uniq`` by a
    search per pair when pairs are few, and by the sort order when they are many (a world of
    dense paraphrase clouds verifies tens of millions): the permutation is a bijection of
    distinct hashes, so both give the same indices.
    """
    moved = _move_bits(uniq, moves)
    permuted = np.sort(moved)
    left, right = bucket_pairs(permuted >> np.uint64(low_bits), bucket_cap, window)
    ok = hamming(permuted[left], permuted[right]) <= max_bits
    left, right = left[ok], right[ok]
    if 2 * len(left) < len(uniq):
        i = np.searchsorted(uniq, _move_bits(permuted[left], moves, inverse=True))
        j = np.searchsorted(uniq, _move_bits(permuted[right], moves, inverse=True))
    else:
        order = np.argsort(moved)
        i, j = order[left], order[right]
    index = np.int32 if len(uniq) < 2**31 else np.int64  # the pairs are kept: half the memory
    return np.stack([i.astype(index), j.astype(index)])


def _near_pairs(uniq: np.ndarray, max_bits: int, extra_blocks: int, bucket_cap: int, window: int) -> np.ndarray:
    """Verified pairs (i, j) of indices into the sorted, distinct ``uniq`` with Hamming distance ≤ ``max_bits``."""
    layouts = _table_layouts(max_bits, extra_blocks)
    with ThreadPoolExecutor(max_workers=TABLE_THREADS) as pool:  # results in table order: deterministic
        found = list(pool.map(lambda t: _table_pairs(uniq, t[0], t[1], max_bits, bucket_cap, window), layouts))
    return np.concatenate(found, axis=1) if found else np.empty((2, 0), dtype=np.int64)


def pair_components(n: int, pairs: np.ndarray) -> np.ndarray:
    graph = sp.coo_matrix((np.ones(pairs.shape[1], dtype=np.int8), (pairs[0], pairs[1])), shape=(n, n))
    return connected_components(graph.tocsr(), directed=False)[1].astype(np.int64)


def split_chains(
    uniq: np.ndarray, weight: np.ndarray, pairs: np.ndarray, labels: np.ndarray, radius: int
) -> np.ndarray:
    """Cut members farther than ``radius`` from their component's heaviest member; regroup them.

    Pairs never cross labels, so each label is split on its own: every round works only on
    the labels that still had a far member in the round before (a world of many paraphrased
    templates takes dozens of rounds, each over a few of its families, not over all hashes).
    """
    labels = labels.copy()
    active = np.arange(len(uniq))
    local = np.full(len(uniq), -1, dtype=np.int64)
    next_label = int(labels.max()) + 1 if len(labels) else 0
    first_round = True
    for _ in range(64):
        lab, hashes = labels[active], uniq[active]
        order = np.lexsort((hashes, -weight[active], lab))  # per label: heaviest first, then smallest hash
        first = np.r_[True, lab[order][1:] != lab[order][:-1]]
        heads, centres = lab[order][first], hashes[order][first]
        far = hamming(hashes, centres[np.searchsorted(heads, lab)]) > radius
        if not far.any():
            break
        marked = np.zeros(next_label, dtype=bool)  # labels are below next_label
        marked[lab[far]] = True
        unsettled = marked[lab]
        local[active] = -1  # only the entries the round before set
        active, lab, far = active[unsettled], lab[unsettled], far[unsettled]
        local[active] = np.arange(len(active))
        a, b = local[pairs[0]], local[pairs[1]]
        inside = a >= 0  # a pair lies within one label: both ends are active or neither
        a, b = a[inside], b[inside]
        keep = far[a] == far[b]
        a, b = a[keep].astype(np.int64), b[keep].astype(np.int64)
        if first_round:  # the tables report a pair up to once each: keep it once for the rounds to come
            key = np.sort(np.minimum(a, b) * len(active) + np.maximum(a, b))  # a sort: hashing is slower here
            key = key[np.r_[True, key[1:] != key[:-1]]]
            a, b = key // len(active), key % len(active)
            first_round = False
        pairs = np.stack([active[a], active[b]])
        split = pair_components(len(active), np.stack([a, b]))
        width = int(split.max()) + 1 if len(split) else 1  # rows (label, far, split) in their sorted order
        regrouped = np.unique((lab * 2 + far) * width + split, return_inverse=True)[1]
        labels[active] = next_label + regrouped.ravel().astype(np.int64)
        next_label = int(labels[active].max()) + 1
    return np.unique(labels, return_inverse=True)[1].ravel().astype(np.int64)  # dense, as the caller expects


def _family_of_distinct(
    uniq: np.ndarray, weight: np.ndarray, max_bits: int, extra_blocks: int, bucket_cap: int, window: int
) -> np.ndarray:
    """Family label of each distinct, sorted hash: families numbered by their smallest member."""
    pairs = _near_pairs(uniq, max_bits, extra_blocks, bucket_cap, window)
    labels = pair_components(len(uniq), pairs)
    labels = split_chains(uniq, weight, pairs, labels, 2 * max_bits)
    # uniq is sorted, so the first index of each label is its smallest member: relabel in that order
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[labels]


def template_families(
    simhash: np.ndarray,
    weight: np.ndarray | None = None,
    max_bits: int = 3,
    extra_blocks: int = 1,
    bucket_cap: int = 64,
    window: int = 8,
) -> np.ndarray:
    """Family label (``int64``) of each input SimHash; inputs may repeat.

    Families are connected components of pairs within ``max_bits`` (found by LSH, verified
    exactly), split if they stretch beyond ``2 · max_bits`` from their heaviest member.
    ``weight`` (default: how often each hash occurs) picks that member. Labels are
    0, 1, 2, … in order of each family's smallest hash, so they do not depend on row order.

    Example:
        >>> h = np.array([0b1011, 0b1001, 0xFF << 40, 0b1011], dtype=np.uint64)
        >>> template_families(h).tolist()
        [0, 0, 1, 0]
    """
    return named_families(simhash, weight, max_bits, extra_blocks, bucket_cap, window)[0]


def named_families(
    simhash: np.ndarray,
    weight: np.ndarray | None = None,
    max_bits: int = 3,
    extra_blocks: int = 1,
    bucket_cap: int = 64,
    window: int = 8,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`template_families` labels, and per label its family's artifact id (as :func:`family_names`)."""
    h = np.ascontiguousarray(simhash, dtype=np.uint64)
    if len(h) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    inverse, uniq = pd.factorize(h, sort=True)  # hashing, then sorting only the distinct values
    inverse = inverse.astype(np.int64, copy=False)
    w = np.ones(len(h)) if weight is None else np.asarray(weight, dtype=np.float64)
    total = np.bincount(inverse, weights=w, minlength=len(uniq))
    distinct = _family_of_distinct(uniq, total, max_bits, extra_blocks, bucket_cap, window)
    # labels count up in order of each family's smallest member: a label's first position holds it
    first = np.r_[True, distinct[1:] > np.maximum.accumulate(distinct)[:-1]]
    return distinct[inverse], _names(uniq[first])


def _names(smallest: np.ndarray) -> np.ndarray:
    return simhash_texts(smallest, "tf:")


def family_names(hashes: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per family label: ``tf:`` + 16 hex of the family's smallest member (stable across runs and row orders)."""
    smallest = np.full(int(labels.max()) + 1 if len(labels) else 0, np.iinfo(np.uint64).max, dtype=np.uint64)
    np.minimum.at(smallest, labels, np.ascontiguousarray(hashes, dtype=np.uint64))
    return _names(smallest)


def family_ids(simhash: np.ndarray, weight: np.ndarray | None = None, max_bits: int = 3) -> np.ndarray:
    """Stable artifact id per input hash: ``tf:`` + 16 hex of its family's smallest member."""
    h = np.ascontiguousarray(simhash, dtype=np.uint64)
    labels = template_families(h, weight, max_bits)
    return family_names(h, labels)[labels]
