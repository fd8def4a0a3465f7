"""Offices: own card behind one NAT or a small pool of its own addresses (pure functions)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.clusters import link_shares
from linkgraph.scoring.offices import nat_offices, office_accounts, pool_offices, synchronized
from linkgraph.scoring.params import ScoringParams

KINDS = pd.CategoricalDtype(["payment", "ip", "fingerprint", "family", "rewrite", "lockstep"])


def evidence(rows: list[tuple]) -> pd.DataFrame:
    """Evidence links from ``(acct, community, art, kind, df)``; ``n_in`` is counted from the rows."""
    ev = pd.DataFrame(rows, columns=["acct", "community", "art", "kind", "df"])
    ev["kind"] = ev["kind"].astype(KINDS)
    ev["n_in"] = ev.groupby(["community", "art"])["acct"].transform("size")
    ev["weight"] = 0.5
    return ev


def projects(n_projects: int, size: int = 30, community: int = 0, start: int = 0) -> list[tuple]:
    """Review projects: each its own matter card and three virtual-desktop addresses that every
    member comes out of, all on one platform's template (``art`` 1)."""
    rows: list[tuple] = []
    for p in range(n_projects):
        for a in range(start + p * size, start + (p + 1) * size):
            rows += [(a, community, 1000 + 10 * community + p, "payment", size)]
            rows += [(a, community, 2000 + 100 * community + 3 * p + k, "ip", size) for k in range(3)]
            rows += [(a, community, 1, "fingerprint", 10_000)]
    return rows


def test_projects_on_their_own_card_and_address_pool_are_offices() -> None:
    """Four projects joined by the platform's template are four offices: every member counts,
    and the cluster is an organisation's (hub share 1) although its largest card pays a quarter."""
    ml = evidence(projects(4)).assign(generic=False)
    clusters = pd.DataFrame({"size": [120]}, index=pd.Index([0], name="community"))
    shares, shared, in_office = link_shares(
        ml, np.ones(120, dtype=bool), clusters, clusters["size"], 100_000, ScoringParams()
    )
    pools = pool_offices(shared, ScoringParams().network_min_members)
    assert sorted(pools["acct"]) == list(range(120)) and pools["office"].nunique() == 4
    assert in_office.all() and shares["hub_share"].tolist() == [1.0]
    assert nat_offices(shared, 5).empty  # three addresses each: no single NAT


def test_one_card_behind_its_own_few_addresses_alone_is_no_office() -> None:
    """One such group alone is also how an operation's cell looks (its card and its proxies)."""
    ml = evidence(projects(1)).assign(generic=False)
    clusters = pd.DataFrame({"size": [30]}, index=pd.Index([0], name="community"))
    _, shared, in_office = link_shares(
        ml, np.ones(30, dtype=bool), clusters, clusters["size"], 100_000, ScoringParams()
    )
    assert len(pool_offices(shared, 5)) == 30
    assert office_accounts(shared, 5).empty and not in_office.any()


def test_a_pool_too_large_or_shared_with_other_cards_makes_no_office() -> None:
    rows = []
    for a in range(60):  # two cards of 30, every member on three of six addresses both cards use
        rows += [(a, 0, 100 + a // 30, "payment", 30)] + [(a, 0, 200 + (a + k) % 6, "ip", 30) for k in range(3)]
    assert pool_offices(evidence(rows).assign(generic=False), 5).empty
    rows = []
    for a in range(60):  # two cards of 30, each member on five of the card's own six addresses
        rows += [(a, 0, 100 + a // 30, "payment", 30)]
        rows += [(a, 0, 300 + 6 * (a // 30) + (a + k) % 6, "ip", 30) for k in range(5)]
    assert pool_offices(evidence(rows).assign(generic=False), 5).empty


T0 = pd.Timestamp("2026-07-06T13:00:00Z")


def working_day(accounts: range, rng: np.random.Generator, family: str = "tf:review") -> pd.DataFrame:
    """Each account sends twenty requests at random times of one nine-hour working day."""
    acct = np.repeat(np.asarray(accounts), 20)
    seconds = rng.integers(0, 9 * 3600, len(acct))
    return pd.DataFrame({"acct": acct, "timestamp": T0 + pd.to_timedelta(seconds, unit="s"), "family": family})


def dispatched(accounts: range, rng: np.random.Generator, jobs: int = 40) -> pd.DataFrame:
    """A dispatcher fans each job out to ten of ``accounts`` within 20 seconds."""
    frames = []
    for job in range(jobs):
        seats = rng.choice(np.asarray(accounts), 10, replace=False)
        start = T0 + pd.Timedelta(minutes=int(13 * job))
        frames.append(
            pd.DataFrame(
                {
                    "acct": seats,
                    "timestamp": start + pd.to_timedelta(rng.integers(0, 20, 10), unit="s"),
                    "family": "tf:op",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def test_projects_on_a_platforms_templates_all_day_are_not_synchronized() -> None:
    """Four projects of 30 on one template all day meet in the same minutes only as often as
    their hours explain; shells whose seats one dispatcher drives meet far more often."""
    rng = np.random.default_rng(2)
    offices = pd.DataFrame({"community": 0, "acct": np.arange(120), "office": 1000 + np.arange(120) // 30})
    assert len(synchronized(offices, working_day(range(120), rng))) == 0
    shells = pd.concat([working_day(range(120), rng, "tf:cover"), dispatched(range(120), rng)], ignore_index=True)
    assert synchronized(offices, shells).tolist() == [0]
    # one community each: only the shells' is synchronized
    two = pd.concat([offices, offices.assign(community=1, acct=offices["acct"] + 200)], ignore_index=True)
    both = pd.concat([shells, working_day(range(200, 320), rng)], ignore_index=True)
    assert synchronized(two, both).tolist() == [0]


def test_shells_driven_by_one_dispatcher_are_no_offices() -> None:
    """Two shell companies, each its own card and three office addresses: offices by their
    links, but their seats meet in the dispatcher's minutes, so neither is an office."""
    rng = np.random.default_rng(3)
    shared = evidence(projects(2, size=30)).assign(generic=False)
    calm = working_day(range(60), rng)
    assert len(office_accounts(shared, 5, calm)) == 60
    busy = pd.concat([calm, dispatched(range(60), rng)], ignore_index=True)
    assert office_accounts(shared, 5, busy).empty
    assert len(office_accounts(shared, 5)) == 60  # no request log: no timing to tell them apart


def test_a_request_without_a_family_meets_on_its_prompt_fingerprint() -> None:
    """Without SimHashes the template is the prompt fingerprint, request by request: the same
    dispatcher shows whether the log names families, fingerprints or, per request, either."""
    rng = np.random.default_rng(5)
    offices = pd.DataFrame({"community": 0, "acct": np.arange(120), "office": 1000 + np.arange(120) // 30})
    shells = pd.concat([working_day(range(120), rng, "tf:cover"), dispatched(range(120), rng)], ignore_index=True)
    fingerprints = shells.rename(columns={"family": "prompt_fingerprint"})
    assert synchronized(offices, fingerprints).tolist() == [0]
    mixed = fingerprints.assign(family=np.where(shells["family"] == "tf:op", None, shells["family"]))
    assert synchronized(offices, mixed).tolist() == [0]
    assert len(synchronized(offices, mixed.drop(columns="prompt_fingerprint"))) == 0  # the op's requests: no key
