"""Rewrite groups: shared families that are rewrites of one master template, and nothing else."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from rewrite_worlds import flip, rewrites

from linkgraph.signals.derive import REWRITE, SignalParams, derive_links
from linkgraph.signals.rewrites import (
    chance_bits,
    chance_within,
    family_centres,
    near_centres,
    rewrite_group_of_families,
    rewrite_groups,
)
from linkgraph.signals.simhash import hamming


def test_chance_shrinks_the_distance_as_the_input_grows() -> None:
    assert chance_within(64) == 1.0
    assert chance_within(0) == 2.0**-64
    sizes = [10, 10_000, 100_000, 1_000_000, 100_000_000]
    bits = [chance_bits(n, 12, 0.01) for n in sizes]
    assert bits[0] == bits[1] == 12
    assert bits == sorted(bits, reverse=True) and bits[-1] < 12
    for n, d in zip(sizes, bits, strict=True):
        assert n * chance_within(d) <= 0.01 < n * chance_within(d + 1) or d == 12


def test_near_centres_finds_the_close_pairs_and_verifies_every_pair() -> None:
    rng = np.random.default_rng(3)
    hashes = np.unique(
        np.concatenate([rewrites(rng, 12) for _ in range(20)] + [rng.integers(0, 2**63, 3000, dtype=np.uint64)])
    )
    found = near_centres(hashes, 12)
    assert (hamming(hashes[found[0]], hashes[found[1]]) <= 12).all()
    assert (found[0] < found[1]).all()
    i, j = np.triu_indices(len(hashes), 1)
    distance = hamming(hashes[i], hashes[j])
    truth = {(a, b) for a, b, d in zip(i.tolist(), j.tolist(), distance.tolist(), strict=True) if d <= 12}
    got = set(zip(found[0].tolist(), found[1].tolist(), strict=True))
    assert got <= truth
    assert len(got) >= 0.9 * len(truth)  # bit sampling: most pairs at 12 bits, nearly all nearer
    near = {(a, b) for a, b, d in zip(i.tolist(), j.tolist(), distance.tolist(), strict=True) if d <= 8}
    assert near <= got


def test_the_rewrites_of_a_master_form_one_group_and_random_templates_none() -> None:
    rng = np.random.default_rng(11)
    cells = [rewrites(rng, 8) for _ in range(3)]
    noise = rng.integers(0, 2**63, 2000, dtype=np.uint64)
    centres = np.concatenate([*cells, noise])
    labels = rewrite_groups(centres, np.ones(len(centres)), 12)
    for k in range(len(cells)):
        own = labels[k * 8 : (k + 1) * 8]
        assert len(set(own.tolist())) == 1 and own[0] >= 0
    assert len({int(labels[k * 8]) for k in range(3)}) == 3
    assert (labels[24:] == -1).all()


def test_two_rewrites_are_not_a_group() -> None:
    rng = np.random.default_rng(5)
    assert (rewrite_groups(rewrites(rng, 2), np.ones(2), 12) == -1).all()
    assert (rewrite_groups(rewrites(rng, 3), np.ones(3), 12) >= 0).all()
    assert (rewrite_groups(rewrites(rng, 3), np.ones(3), -1) == -1).all()


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_groups_do_not_depend_on_the_order_of_the_centres(seed: int) -> None:
    rng = np.random.default_rng(seed)
    centres = np.unique(
        np.concatenate([rewrites(rng, 5), rewrites(rng, 4), rng.integers(0, 2**63, 50, dtype=np.uint64)])
    )
    weight = rng.integers(1, 5, len(centres)).astype(float)
    labels = rewrite_groups(centres, weight, 12)
    order = rng.permutation(len(centres))
    shuffled = rewrite_groups(centres[order], weight[order], 12)
    assert (shuffled == labels[order]).all()


def test_only_shared_families_up_to_the_cap_take_part() -> None:
    rng = np.random.default_rng(8)
    centres = rewrites(rng, 6)
    users = np.array([2, 3, 2, 1, 40, 4])
    group, bits = rewrite_group_of_families(centres, users, 12, 6, 3, 0.01)
    assert bits == 12
    assert group[3] == -1 and group[4] == -1
    assert len(set(group[[0, 1, 2, 5]].tolist())) == 1 and group[0] == 0


def test_a_family_centre_is_its_heaviest_hash() -> None:
    hashes = np.array([5, 7, 7, 9, 2, 2], dtype=np.uint64)
    weight = np.array([3.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    labels = np.array([0, 0, 0, 1, 1, 1])
    assert family_centres(hashes, weight, labels, 2).tolist() == [5, 2]


def _cells(seed: int, n_cells: int) -> pd.DataFrame:
    """Cells of two accounts, each cell on its own rewrite of one master (3-5 bits from it, so
    every two rewrites are at most 10 bits apart; 1-bit paraphrases)."""
    rng = np.random.default_rng(seed)
    rows = []
    for c, rewrite in enumerate(rewrites(rng, n_cells, 3, 5).tolist()):
        for member in range(2):
            for p in range(3):
                rows.append((c * 2 + member, flip(rng, rewrite, p % 2)))
    acct, h = zip(*rows, strict=True)
    t = pd.Timestamp("2026-01-01", tz="UTC")
    return pd.DataFrame(
        {"acct": np.array(acct), "simhash": np.array(h, dtype=np.uint64), "first_seen": t, "last_seen": t, "count": 1}
    )


def test_derived_links_tie_every_cell_to_one_rewrite_group() -> None:
    derived = derive_links(_cells(1, 4), None)
    rewrites = derived.links[derived.links["kind"] == REWRITE]
    assert sorted(rewrites["acct"].tolist()) == list(range(8))
    assert rewrites["artifact"].astype(str).str.match(r"^rw:[0-9a-f]{16}$").all()
    assert rewrites["artifact"].nunique() == 1
    assert derived.report["rewrite_groups"] == 1 and derived.report["rewrite_links"] == 8
    families = derived.links[derived.links["kind"] == "family"]
    assert families["artifact"].nunique() == 4
    off = derive_links(_cells(1, 4), None, SignalParams(rewrites=False))
    assert not (off.links["kind"] == REWRITE).any()


def test_two_cells_are_not_a_rewrite_group() -> None:
    derived = derive_links(_cells(2, 2), None)
    assert not (derived.links["kind"] == REWRITE).any()
    assert derived.report["rewrite_groups"] == 0
