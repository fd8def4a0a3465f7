"""Pairs that keep sending the same rare prompts: a work queue's pods are teams, peer graders are not."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from linkgraph.scoring.prompt_pairs import (
    MIN_SHARED_PROMPTS,
    artifact_pairs,
    paired_prompts,
    prompt_pair_share,
    prompt_pair_teams,
)


class Crowd:
    """The core of one crowd (community 0) and its evidence links."""

    def __init__(self, n_core: int) -> None:
        self.n_core = n_core
        self.rows: list[tuple[int, int, str]] = []  # acct, art, kind
        self.next_art = 0

    def prompt(self, accts: tuple[int, ...], kind: str = "fingerprint") -> None:
        self.rows += [(a, self.next_art, kind) for a in accts]
        self.next_art += 1

    def teams(self, min_part: int = 5, max_share: float = 0.25) -> np.ndarray:
        own = pd.DataFrame(self.rows, columns=["acct", "art", "kind"]).assign(community=0)
        users = own.groupby("art")["acct"].transform("size")
        own = own.assign(n_in=users, df=users)
        core = pd.DataFrame({"acct": range(self.n_core), "community": 0})
        return prompt_pair_teams(core, own, min_part, max_share, 0.9)


def test_a_pod_that_resamples_its_queue_is_a_team() -> None:
    crowd = Crowd(100)
    pod = tuple(range(6))
    for pair in itertools.combinations(pod, 2):
        for _ in range(MIN_SHARED_PROMPTS):
            crowd.prompt(pair)
    teams = crowd.teams()
    assert (teams[:6] == teams[0]).all() and teams[0] >= 0
    assert (teams[6:] == -1).all()


def test_pods_of_one_queue_join_on_its_templates_and_others_do_not() -> None:
    crowd = Crowd(200)
    pods = [tuple(range(0, 5)), tuple(range(5, 10))]
    for pod in pods:
        for pair in itertools.combinations(pod, 2):
            for _ in range(MIN_SHARED_PROMPTS):
                crowd.prompt(pair)
    crowd.prompt(tuple(range(10)), "family")  # the queue's paraphrase family
    crowd.prompt((0, *range(50, 60)), "family")  # a public template the crowd holds: no pair, no team
    teams = crowd.teams()
    assert len(set(teams[:10])) == 1 and teams[0] >= 0
    assert (teams[50:60] == -1).all()


def test_peer_graders_meeting_a_few_times_are_no_team() -> None:
    crowd = Crowd(100)
    graders = tuple(range(30))
    rng = np.random.default_rng(3)
    for _ in range(4):  # four weeks: every essay graded by three random peers
        order = rng.permutation(graders)
        for i in range(0, 30, 3):
            crowd.prompt(tuple(int(a) for a in order[i : i + 3]))
    assert (crowd.teams() == -1).all()


def test_a_team_over_the_share_of_the_core_stays() -> None:
    crowd = Crowd(20)
    for pair in itertools.combinations(range(8), 2):
        for _ in range(MIN_SHARED_PROMPTS):
            crowd.prompt(pair)
    assert (crowd.teams(max_share=0.25) == -1).all()


def test_pairs_of_each_prompts_users() -> None:
    art = np.array([7, 7, 7, 3, 3, 9])
    acct = np.array([5, 1, 3, 2, 8, 4])
    pairs = {tuple(p) for p in artifact_pairs(art, acct)[:, :2].tolist()}
    assert pairs == {(1, 3), (1, 5), (3, 5), (2, 8)}


def test_the_share_of_a_cluster_in_strong_pairs() -> None:
    rows = []
    for art in range(MIN_SHARED_PROMPTS):  # accounts 1 and 2 of cluster 0 share five rare prompts
        rows += [(1, 0, art), (2, 0, art)]
    rows += [(3, 0, 99), (4, 0, 99), (5, 1, 98), (6, 1, 98)]  # one shared prompt is no pair
    shared = pd.DataFrame(rows, columns=["acct", "community", "art"]).assign(kind="fingerprint")
    users = shared.groupby("art")["acct"].transform("size")
    shared = shared.assign(n_in=users, df=users)
    share = prompt_pair_share(shared, pd.Series({0: 4, 1: 2}))
    assert share.to_dict() == {0: 0.5, 1: 0.0}


def test_the_prompts_a_strong_pair_shares_are_paired() -> None:
    rows = [(a, 0, art) for a in (1, 2) for art in range(MIN_SHARED_PROMPTS)]  # 1 and 2 share five rare prompts
    rows += [(1, 0, 50), (3, 0, 50), (4, 0, 60), (5, 0, 60)]  # one rare prompt shared is no pair
    links = pd.DataFrame(rows, columns=["acct", "community", "art"]).assign(kind="fingerprint")
    users = links.groupby("art")["acct"].transform("size").to_numpy()
    links = links.assign(n_in=users, df=users)
    assert paired_prompts(links).tolist() == [True] * (2 * MIN_SHARED_PROMPTS) + [False] * 4
    # one of the five was also sent outside the cluster: four are the pair's alone, too few
    outside = links.assign(df=users + (links["art"].to_numpy() == 0))
    assert not paired_prompts(outside).any()
