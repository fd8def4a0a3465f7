"""Template families: LSH finds exactly the near pairs, families do not chain, ids are stable."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse.csgraph import connected_components

from linkgraph.signals.derive import derive_links
from linkgraph.signals.families import (
    _near_pairs,
    family_ids,
    family_names,
    named_families,
    split_chains,
    template_families,
)
from linkgraph.signals.simhash import format_simhash, hamming


def planted(seed: int, n_centres: int, per: int, max_bits: int = 3, n_random: int = 0) -> np.ndarray:
    """Centres plus paraphrases with 0..max_bits flipped bits, plus random hashes."""
    rng = np.random.default_rng(seed)
    centres = rng.integers(0, 2**64 - 1, n_centres, dtype=np.uint64, endpoint=True)
    out = np.repeat(centres, per)
    flips = rng.integers(0, max_bits + 1, len(out))
    for f in range(1, max_bits + 1):
        rows = np.flatnonzero(flips >= f)
        out[rows] ^= np.uint64(1) << rng.integers(0, 64, len(rows)).astype(np.uint64)
    rand = rng.integers(0, 2**64 - 1, n_random, dtype=np.uint64, endpoint=True)
    return np.concatenate([centres, out, rand])


def brute_components(h: np.ndarray, max_bits: int) -> np.ndarray:
    near = hamming(h[:, None], h[None, :]) <= max_bits
    return connected_components(sp.csr_matrix(near), directed=False)[1]


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = np.unique(np.stack([a, b], axis=1), axis=0)
    return len(pairs) == len(np.unique(a)) == len(np.unique(b))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), min_size=2, max_size=120, unique=True), st.integers(1, 4))
def test_lsh_pairs_equal_brute_force_pairs(values: list[int], max_bits: int) -> None:
    h = np.sort(np.array(values, dtype=np.uint64))
    # hypothesis likes hashes that share bits; flip some into near pairs too
    h = np.unique(np.r_[h, h ^ np.uint64(0b101)])
    found = _near_pairs(h, max_bits, extra_blocks=1, bucket_cap=10**9, window=8)
    lsh = {(min(i, j), max(i, j)) for i, j in found.T.tolist()}
    d = hamming(h[:, None], h[None, :])
    i, j = np.nonzero(np.triu(d <= max_bits, k=1))
    assert lsh == set(zip(i.tolist(), j.tolist(), strict=True))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 40), st.integers(1, 40), st.integers(0, 3))
def test_families_equal_brute_force_components(seed: int, n_centres: int, per: int, max_bits: int) -> None:
    h = planted(seed, n_centres, per, max_bits, n_random=200)
    assert same_partition(template_families(h, max_bits=max_bits), brute_components(h, max_bits))


def test_two_thousand_hashes_cross_checked_with_all_pairs() -> None:
    h = planted(7, 60, 25, 3, n_random=300)[:2000]
    fam = template_families(h)
    assert same_partition(fam, brute_components(h, 3))
    near_i, near_j = np.nonzero(hamming(h[:, None], h[None, :]) <= 3)
    assert (fam[near_i] == fam[near_j]).all()


def test_labels_do_not_depend_on_row_order() -> None:
    h = planted(3, 30, 10, n_random=100)
    perm = np.random.default_rng(0).permutation(len(h))
    assert (template_families(h)[perm] == template_families(h[perm])).all()
    assert (family_ids(h)[perm] == family_ids(h[perm])).all()


def test_random_hashes_stay_singletons() -> None:
    h = np.random.default_rng(1).integers(0, 2**64 - 1, 50_000, dtype=np.uint64, endpoint=True)
    assert np.bincount(template_families(h)).max() == 1


def test_big_template_is_one_family_without_quadratic_pairs() -> None:
    h = planted(5, 1, 20_000, 3)
    fam = template_families(h)
    assert np.bincount(fam).max() / len(h) > 0.99
    pairs = _near_pairs(np.unique(h), 3, 1, 64, 8)
    assert pairs.shape[1] < 10 * 12 * len(np.unique(h))  # tables x (window + anchor) per hash


def test_chain_is_split_so_families_stay_compact() -> None:
    # a walk that flips one new bit per step: neighbours are 1 bit apart, the ends 40 apart
    walk = np.zeros(41, dtype=np.uint64)
    for k in range(1, 41):
        walk[k] = walk[k - 1] ^ (np.uint64(1) << np.uint64(k))
    fam = template_families(walk, max_bits=3)
    assert len(np.unique(fam)) > 1
    for f in np.unique(fam):
        members = walk[fam == f]
        assert hamming(members[:, None], members[None, :]).max() <= 4 * 3


def test_family_links_rows_and_stable_ids() -> None:
    centre = np.uint64(0xDEADBEEF00000000)
    near = centre ^ np.uint64(0b11)
    other = np.uint64(0x0123456789ABCDEF)
    frame = pd.DataFrame(
        {
            "acct": [0, 0, 1, 1],
            "h": np.array([centre, near, near, other], dtype=np.uint64),
            "count": [3, 2, 5, 1],
            "first": pd.to_datetime(["2026-01-01", "2026-01-03", "2026-01-02", "2026-01-05"], utc=True),
        }
    )

    def links(f: pd.DataFrame) -> pd.DataFrame:
        rows = pd.DataFrame(
            {"acct": f["acct"].to_numpy(), "simhash": f["h"].to_numpy(), "count": f["count"].to_numpy()}
            | {"first_seen": f["first"].to_numpy(), "last_seen": f["first"].to_numpy()}
        )
        out = derive_links(rows, None).links
        return out.assign(artifact=out["artifact"].astype(str)).reset_index(drop=True)

    out = links(frame)
    assert list(out.columns) == ["acct", "kind", "artifact", "first_seen", "last_seen", "count"]
    fam = "tf:" + format_simhash(np.array([min(centre, near)], dtype=np.uint64))[0]
    row = out[(out.acct == 0) & (out.artifact == fam)].iloc[0]
    assert row["count"] == 5
    assert row["first_seen"] == pd.Timestamp("2026-01-01", tz="UTC")
    assert row["last_seen"] == pd.Timestamp("2026-01-03", tz="UTC")
    assert set(out.artifact) == {fam, "tf:0123456789abcdef"}
    shuffled = frame.sample(frac=1, random_state=3)
    again = links(shuffled)
    pd.testing.assert_frame_equal(out, again)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 30), st.integers(1, 30))
def test_named_families_name_each_family_by_its_smallest_member(seed: int, n_centres: int, per: int) -> None:
    h = planted(seed, n_centres, per, 3, n_random=50)
    labels, names = named_families(h, max_bits=3)
    assert np.array_equal(labels, template_families(h, max_bits=3))
    assert np.array_equal(names, family_names(h, labels))
    assert names.dtype == object and isinstance(names[0], str)


def split_reference(
    uniq: np.ndarray, weight: np.ndarray, pairs: np.ndarray, labels: np.ndarray, radius: int
) -> np.ndarray:
    """Chain splitting over every hash in every round (the original formulation)."""
    for _ in range(64):
        order = np.lexsort((uniq, -weight, labels))
        first = np.r_[True, labels[order][1:] != labels[order][:-1]]
        centre = np.empty(labels.max() + 1, dtype=np.uint64)
        centre[labels[order][first]] = uniq[order][first]
        far = hamming(uniq, centre[labels]) > radius
        if not far.any():
            break
        pairs = pairs[:, far[pairs[0]] == far[pairs[1]]]
        graph = sp.coo_matrix((np.ones(pairs.shape[1], dtype=np.int8), (pairs[0], pairs[1])), shape=(len(uniq),) * 2)
        split = connected_components(graph.tocsr(), directed=False)[1]
        labels = np.unique(np.stack([labels, far, split], axis=1), axis=0, return_inverse=True)[1].ravel()
    return labels


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(20, 200))
def test_splitting_only_the_unsettled_families_gives_the_reference_partition(seed: int, bases: int, per: int) -> None:
    """Paraphrases 1-6 bits from a few bases chain across 12 bits: many rounds, the same partition."""
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 2**63, bases, dtype=np.uint64)
    flips = [np.uint64(0)] * (bases * per)
    for _ in range(6):
        keep = rng.random(bases * per) < 0.6
        flips = np.bitwise_or(
            flips, np.where(keep, np.uint64(1) << rng.integers(0, 64, bases * per).astype(np.uint64), 0)
        )
    uniq = np.unique(np.repeat(base, per) ^ flips)
    weight = rng.integers(1, 5, len(uniq))
    pairs = _near_pairs(uniq, 3, 1, 64, 8)
    labels = connected_components(
        sp.coo_matrix((np.ones(pairs.shape[1], dtype=np.int8), (pairs[0], pairs[1])), shape=(len(uniq),) * 2).tocsr(),
        directed=False,
    )[1].astype(np.int64)
    ours = split_chains(uniq, weight, pairs, labels, 6)
    reference = split_reference(uniq, weight, pairs, labels, 6)
    assert (pd.crosstab(ours, reference) > 0).sum(axis=1).max() == 1  # the same partition
    assert (pd.crosstab(ours, reference) > 0).sum(axis=0).max() == 1
