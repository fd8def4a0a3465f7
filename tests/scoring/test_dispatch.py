"""Lockstep with rotating partners (scoring/dispatch.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.dispatch import MAX_WINDOW, rotating_lockstep


def _shared(windows: list[list[int]], community: int = 0, first_art: int = 0) -> pd.DataFrame:
    rows = [(community, acct, first_art + w, "lockstep") for w, members in enumerate(windows) for acct in members]
    return pd.DataFrame(rows, columns=["community", "acct", "art", "kind"])


def test_a_dispatchers_draws_rotate_and_a_schedulers_crowd_does_not() -> None:
    """Cluster 0: every tick draws 4 of 40 accounts at random. Cluster 1: the same ten
    accounts meet at every tick (a scheduler's crowd), 30 ticks."""
    rng = np.random.default_rng(5)
    drawn = [list(rng.choice(40, size=4, replace=False)) for _ in range(120)]
    crowd = [list(range(100, 110)) for _ in range(30)]
    shared = pd.concat([_shared(drawn), _shared(crowd, community=1, first_art=1000)], ignore_index=True)
    share = rotating_lockstep(shared, pd.Series([40, 10], index=[0, 1]))
    assert share.loc[0] >= 0.9
    assert share.loc[1] == 0.0


def test_fixed_groups_repeat_their_partners() -> None:
    """Eight classes of five, each meeting at its own bell every day."""
    classes = [list(range(5 * c, 5 * c + 5)) for c in range(8)]
    shared = _shared([members for _ in range(20) for members in classes])
    assert rotating_lockstep(shared, pd.Series([40], index=[0])).loc[0] == 0.0


def test_few_windows_say_nothing_and_crowds_are_left_out() -> None:
    few = _shared([[0, 1, 2], [3, 4, 5], [0, 4, 6]])
    assert rotating_lockstep(few, pd.Series([7], index=[0])).loc[0] == 0.0
    rng = np.random.default_rng(1)
    big = [list(rng.choice(400, size=MAX_WINDOW + 1, replace=False)) for _ in range(30)]
    assert rotating_lockstep(_shared(big), pd.Series([400], index=[0])).loc[0] == 0.0


def test_only_the_clusters_asked_are_read_and_windows_do_not_cross_clusters() -> None:
    rng = np.random.default_rng(2)
    drawn = [list(rng.choice(40, size=4, replace=False)) for _ in range(120)]
    other = [[a + 100 for a in members] for members in drawn]  # the same artifact codes in another cluster
    shared = pd.concat([_shared(drawn), _shared(other, community=1)], ignore_index=True)
    n_basis = pd.Series([40, 40], index=[0, 1])
    everyone = rotating_lockstep(shared, n_basis)
    assert rotating_lockstep(shared, n_basis, pd.Index([1])).tolist() == [0.0, everyone.loc[1]]
    assert rotating_lockstep(shared, n_basis).loc[0] == rotating_lockstep(_shared(drawn), n_basis).loc[0]


def test_a_few_rotating_members_do_not_make_a_crowd_a_dispatchers() -> None:
    """Thirty users of a scheduler meet at every tick; three more meet them at random."""
    rng = np.random.default_rng(3)
    crowd = [[*range(30), int(rng.integers(30, 33))] for _ in range(20)]
    rare = [[30 + i % 3, int(rng.integers(0, 30))] for i in range(30)]
    share = rotating_lockstep(_shared(crowd + rare), pd.Series([33], index=[0]))
    assert share.loc[0] == 0.0
