"""One-off gatherings: shared IPs in use for a day or two, and members who went on afterwards."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkgraph.scoring.gathering import gathering

T0 = pd.Timestamp("2025-10-10", tz="UTC")
VENUE, HOME = 0, 1  # artifact codes: the venue's IP (shared), each member's home IP from 2 up


def world(span_days: float, later_days: float | None, members: int = 6) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``members`` accounts of community 7 on the venue IP for ``span_days``; each also on its own
    home IP until ``later_days`` after the start (None: no other link)."""
    rows = []
    for a in range(members):
        rows.append((a, VENUE, T0, T0 + pd.Timedelta(days=span_days)))
        if later_days is not None:
            rows.append((a, HOME + 1 + a, T0, T0 + pd.Timedelta(days=later_days)))
    links = pd.DataFrame(rows, columns=["acct", "art", "first_seen", "last_seen"])
    venue = np.flatnonzero(links["art"].to_numpy() == VENUE)
    shared = pd.DataFrame({"community": 7, "link": venue, "acct": np.arange(members), "art": VENUE})
    return links, shared


def shared_links(rows: list[tuple[int, str, int, int, bool]]) -> pd.DataFrame:
    """A cluster's shared links from ``(community, kind, n_in, df, generic)`` rows."""
    return pd.DataFrame(rows, columns=["community", "kind", "n_in", "df", "generic"])


def basis(members: int = 6) -> pd.DataFrame:
    return pd.DataFrame({"acct": np.arange(members), "community": 7})


def df_of(links: pd.DataFrame, home_df: int = 2) -> np.ndarray:
    """Users per artifact: the venue is shared; a home IP by ``home_df`` accounts (a household's)."""
    df = np.full(int(links["art"].max()) + 1, home_df)
    df[VENUE] = 6
    return df


def test_a_short_gathering_whose_members_went_on_scores_their_share() -> None:
    links, shared = world(span_days=1.5, later_days=20)
    got = gathering(links, df_of(links), shared, basis(), pd.Index([7, 8]))
    assert got.tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("span_days", "later_days"),
    [
        (10.0, 20.0),  # shared IPs in use for ten days: a cell's proxies, not an event
        (1.5, 1.5),  # made and gone (or banned) with the gathering: nobody went on
        (1.5, 3.0),  # active one day and a half after it ended: not long enough
        (1.5, None),  # nothing else
    ],
)
def test_long_shared_use_or_no_life_afterwards_is_no_gathering(span_days: float, later_days: float | None) -> None:
    links, shared = world(span_days, later_days)
    assert gathering(links, df_of(links), shared, basis(), pd.Index([7])).tolist() == [0.0]


def test_later_activity_counts_on_shared_artifacts_and_requests_only() -> None:
    """A link nobody else has is left out (a group scored on its own rows does not see it); a request counts."""
    links, shared = world(span_days=1.0, later_days=20)
    assert gathering(links, df_of(links, home_df=1), shared, basis(), pd.Index([7])).tolist() == [0.0]
    requests = pd.DataFrame({"acct": [0, 1, 2, -1], "timestamp": T0 + pd.to_timedelta([9, 9, 0.5, 30], unit="D")})
    got = gathering(links, df_of(links, home_df=1), shared, basis(), pd.Index([7]), requests)
    assert got.tolist() == [pytest.approx(2 / 6)]


def test_without_link_times_there_is_no_gathering() -> None:
    links, shared = world(span_days=1.0, later_days=20)
    blank = links.assign(first_seen=pd.NaT, last_seen=pd.NaT)
    assert gathering(blank, df_of(links), shared, basis(), pd.Index([7])).tolist() == [0.0]
    assert gathering(links.drop(columns=["first_seen"]), df_of(links), shared, basis(), pd.Index([7])).tolist() == [0.0]


def test_light_participants_who_never_came_back_count_once_the_data_goes_on() -> None:
    """A workshop's attendees who tried the API there and stopped are dispersed too, when
    others went on (the data covers the days after); heavy or enforced ones are not."""
    links, shared = world(span_days=1.0, later_days=20)
    links = links[(links["art"] == VENUE) | (links["acct"] < 2)].reset_index(drop=True)  # 0 and 1 went on
    shared = shared.assign(link=np.flatnonzero(links["art"].to_numpy() == VENUE))
    sent = [3, 3, 5, 5, 400, 5]  # 4 sent far more than the population's average of 40
    requests = pd.DataFrame({"acct": np.repeat(np.arange(6), sent), "timestamp": T0})
    members = basis().assign(enforced=[False, False, False, False, False, True])
    got = gathering(links, df_of(links), shared, members, pd.Index([7]), requests, baseline=40.0)
    assert got.tolist() == [pytest.approx(4 / 6)]
    assert gathering(links, df_of(links), shared, members, pd.Index([7]), requests).tolist() == [pytest.approx(2 / 6)]
    links = links[links["art"] == VENUE].reset_index(drop=True)  # nobody went on: a cell that is still new
    shared = shared.assign(link=np.arange(len(links)))
    assert gathering(links, df_of(links), shared, members, pd.Index([7]), requests, baseline=40.0).tolist() == [0.0]


def test_a_venue_too_busy_to_carry_edges_is_still_an_event_ip() -> None:
    """Rows: a venue Wi-Fi with 800 users, all in the cluster (generic by its size); a carrier
    NAT (generic, users everywhere); a cell's exit (not generic); the venue again in a crowd."""
    from linkgraph.scoring.gathering import event_ips
    from linkgraph.scoring.params import ScoringParams

    shared = shared_links([(1, "ip", 800, 800, True), (1, "ip", 40, 2000, True), (1, "ip", 12, 12, False)])
    shared = pd.concat([shared, shared_links([(2, "ip", 800, 800, True)])], ignore_index=True)
    sizes = pd.Series({1: 900, 2: 50_000})
    assert event_ips(shared, sizes, 200_000, ScoringParams()).tolist() == [True, False, True, False]


def test_a_light_gathering_counts_only_members_with_few_requests_on_its_artifacts() -> None:
    """``light``: a launch's enthusiasts sent a few famous prompts each; a dormant fleet's
    campaign sent hundreds per account in a day and a half, then its cover traffic went on."""
    links, shared = world(span_days=1.0, later_days=20)
    counts = np.where(links["art"].to_numpy() == VENUE, 5, 1)
    counts[shared["link"].to_numpy()[[4, 5]]] = [300, 41]  # 4 and 5 sent more than the average of 40
    links = links.assign(count=pd.array(counts, dtype="Int64"))
    got = gathering(links, df_of(links), shared, basis(), pd.Index([7]), baseline=40.0, light=True)
    assert got.tolist() == [pytest.approx(4 / 6)]
    assert gathering(links, df_of(links), shared, basis(), pd.Index([7]), baseline=40.0).tolist() == [1.0]


def test_a_light_gathering_needs_request_counts_and_a_baseline() -> None:
    links, shared = world(span_days=1.0, later_days=20)
    unknown = links.assign(count=pd.array([None] * len(links), dtype="Int64"))
    assert gathering(unknown, df_of(links), shared, basis(), pd.Index([7]), baseline=40.0, light=True).tolist() == [0.0]
    assert gathering(links, df_of(links), shared, basis(), pd.Index([7]), baseline=40.0, light=True).tolist() == [0.0]
    counted = links.assign(count=pd.array([1] * len(links), dtype="Int64"))
    assert gathering(counted, df_of(links), shared, basis(), pd.Index([7]), light=True).tolist() == [0.0]


def test_event_templates_are_template_links_that_carry_edges_or_belong_to_the_cluster() -> None:
    """Rows: famous prompts (not generic); a family everybody uses (generic, users everywhere);
    a launch prompt too popular to carry edges, all its users in the cluster; an IP."""
    from linkgraph.scoring.gathering import event_templates
    from linkgraph.scoring.params import ScoringParams

    rows = [(1, "fingerprint", 90, 95, False), (1, "family", 40, 5000, True), (1, "rewrite", 300, 320, True)]
    shared = shared_links([*rows, (1, "ip", 12, 12, False)])
    sizes = pd.Series({1: 400})
    assert event_templates(shared, sizes, 20_000, ScoringParams()).tolist() == [True, False, True, False]
