"""Independent users of one tool: behaviour alike, no identity link (scoring/independence.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from small_graphs import graph_of

from linkgraph.scoring.independence import (
    banned_batches,
    banned_organisation,
    enforced_beyond_chance,
    independent,
    seats_suspended,
    stranger_card_share,
    tenured_share,
)
from linkgraph.scoring.score import score

CROWD = {"burst_share": 0.0, "payment_share": 0.0, "known_bad": 0.0, "n_enforced_core": 0, "n_core": 1200}


def _one(**changes: float) -> float:
    row = {**CROWD, "ip_cohesion": 0.01, **changes}
    return float(independent(pd.DataFrame([row]), enforced_rate=0.005).iloc[0])


def test_a_tools_users_with_no_identity_link_are_independent() -> None:
    """An Action's 1,200 users: own sign-ups, own cards, never enforced, random runner addresses."""
    assert _one() == 1.0


def test_bursts_and_shared_cards_fade_it_out() -> None:
    assert _one(burst_share=0.1) == pytest.approx(0.5)
    assert _one(burst_share=0.1, payment_share=0.1) == pytest.approx(0.25)
    assert _one(payment_share=0.2) == 0.0


def test_a_burst_into_a_tenured_user_base_is_no_identity_link() -> None:
    """An app-store feature brings newcomers into an app's users who had their accounts for
    months: with 40% of the core tenured the burst no longer counts, with 20% half of it does."""
    assert _one(burst_share=0.4, tenured_share=0.4) == 1.0
    assert _one(burst_share=0.2, tenured_share=0.2) == pytest.approx(0.5)
    assert _one(burst_share=0.4, tenured_share=0.0) == 0.0
    assert _one(burst_share=0.4, tenured_share=0.4, payment_share=0.2) == 0.0


def test_tenured_share_counts_accounts_made_90_days_or_more_before_the_log() -> None:
    day = 86_400 * 10**9
    start = 1_000 * day
    created = np.array([start - 91 * day, start - 90 * day, start - 89 * day, start + day, np.iinfo(np.int64).min])
    share = tenured_share(np.array([0, 0, 0, 0, 1]), created, start)
    assert share.to_dict() == {0: 0.5, 1: 0.0}
    assert tenured_share(np.array([0]), created[:1], None).empty


def test_only_cards_strangers_share_fade_it_out() -> None:
    """Labs of a consortium each pay for their staff with the lab's card: shared, but not
    bought for strangers (payment_share 0.85, stranger_card_share 0)."""
    assert _one(payment_share=0.85, stranger_card_share=0.0) == 1.0
    assert _one(payment_share=0.85, stranger_card_share=0.2) == 0.0


def test_a_card_shared_on_one_domain_of_their_own_is_a_teams_card() -> None:
    """Cluster 0: a lab of four on its own domain (five accounts on it) shares the lab's card;
    cluster 1: four webmail users share a resold card; cluster 2: four on four domains of
    their own share one card; cluster 3: four on a big company's domain (400 accounts)."""
    rows = []
    for c in range(4):
        rows += [(c, 10 * c + a, 100 + c) for a in range(4)]
    shared = pd.DataFrame(rows, columns=["community", "acct", "art"]).assign(kind="payment")
    domain = pd.Series([None] * 40, dtype=object)
    domain[0:4] = "lab.example"
    domain[10:14] = "mail.example"
    domain[20:24] = ["a.example", "b.example", "c.example", "d.example"]
    domain[30:34] = "bigcorp.example"
    counts = pd.Series({"lab.example": 5, "mail.example": 9000, "bigcorp.example": 400, **dict.fromkeys("abcd", 1)})
    counts = counts.rename(lambda d: d if "." in d else f"{d}.example")
    n_basis = pd.Series([4, 4, 4, 4], index=[0, 1, 2, 3])
    assert stranger_card_share(shared, domain, counts, n_basis).tolist() == [0.0, 1.0, 1.0, 1.0]


def test_cells_meeting_on_private_templates_fade_it_out() -> None:
    """Micro-cells each on a private rewrite, each meeting in the same minutes day after day:
    accounts run together, not strangers on one tool."""
    assert _one(cell_lockstep_share=0.1) == pytest.approx(0.5)
    assert _one(cell_lockstep_share=0.9) == 0.0
    assert _one(cell_lockstep_share=0.0) == 1.0


def test_pairs_sending_prompts_nobody_else_sent_fade_it_out() -> None:
    """A queue's pods: any two of them share several exact prompts only two or three accounts sent."""
    assert _one(prompt_pair_share=0.1) == pytest.approx(0.5)
    assert _one(prompt_pair_share=1.0) == 0.0


def test_programs_around_the_clock_that_rest_together_fade_it_out() -> None:
    """Aged accounts, each on its own card and address, sending around the clock and pausing
    in the same UTC hours every day: one operator's clock (scoring/shared_rest.py)."""
    assert _one(shared_rest=0.1) == pytest.approx(0.5)
    assert _one(shared_rest=0.7) == 0.0
    assert _one(shared_rest=0.0) == 1.0


def test_lockstep_with_rotating_partners_fades_it_out() -> None:
    """A dispatcher hands each job to a few accounts at random: they meet in the same minutes,
    never with the same partners twice (scoring/dispatch.py)."""
    assert _one(rotating_lockstep=0.1) == pytest.approx(0.5)
    assert _one(rotating_lockstep=0.9) == 0.0


def test_ties_to_bans_or_excess_bans_mean_an_operator() -> None:
    assert _one(known_bad=0.03) == 0.0
    assert _one(n_enforced_core=20) == 0.0  # 20 of 1,200 where 6 are expected
    assert _one(n_enforced_core=7) == 1.0  # what the population's rate explains


def test_without_creation_times_or_any_enforcement_nothing_is_independent() -> None:
    """No burst can show without creation times, no ban without enforced accounts."""
    frame = pd.DataFrame([{**CROWD, "ip_cohesion": 0.01}])
    assert independent(frame, enforced_rate=0.005, dated=False).iloc[0] == 0.0
    assert independent(frame, enforced_rate=0.0).iloc[0] == 0.0


def test_exits_of_their_own_are_no_identity_link() -> None:
    """A chat-bot host's users all send through the host's four egress addresses, which
    nobody else uses: where the traffic leaves, not who made the accounts."""
    assert _one(ip_cohesion=0.92) == 1.0
    assert _one(ip_cohesion=0.92, burst_share=0.3) == 0.0


def test_enforced_beyond_chance_is_a_poisson_tail() -> None:
    n_core = pd.Series([1000, 1000, 1000, 50])
    got = enforced_beyond_chance(pd.Series([0, 5, 20, 3]), n_core, rate=0.005)
    assert got.tolist() == [False, False, True, True]
    assert not enforced_beyond_chance(pd.Series([3]), pd.Series([50]), rate=0.05).iloc[0]


def test_scoring_discounts_a_crowd_and_not_the_same_crowd_on_one_card() -> None:
    """Thirty users of a tool's two prompts, each through three of fifteen pooled runner
    addresses; the same thirty on one shared card are one customer's accounts."""
    links = [(a, t) for a in range(30) for t in ("fp:action", "fp:setup")]
    links += [(a, f"ip:runner{(a * 7 + k * 5) % 15}") for a in range(30) for k in range(3)]
    membership = pd.DataFrame({"acct": range(30), "community": 0})
    accounts = pd.DataFrame(  # one sign-up a day; five unrelated accounts already banned
        {
            "created_at": pd.date_range("2024-01-01", periods=1000, freq="D", tz="UTC"),
            "status": ["active"] * 500 + ["banned"] * 5 + ["active"] * 495,
        }
    )
    crowd = score(graph_of(links, 1000), accounts, membership).clusters.iloc[0]
    carded = links + [(a, "pm:card") for a in range(30)]
    billed = score(graph_of(carded, 1000), accounts, membership).clusters.iloc[0]
    assert crowd["independent"] == 1.0 and crowd["contrib_independent"] == -4.0
    assert billed["independent"] == 0.0


def test_an_organisation_whose_accounts_the_provider_banned_beyond_chance_loses_its_discount() -> None:
    """Own domains explain a company's shared cards; 8 of 72 core accounts on shared cards
    banned, where the population's 1% explains one, say the domains are an operation's dress.
    Thirty of 600 researchers on their own cards banned by the filters they test do not."""
    clusters = pd.DataFrame(
        {"organisation": [1.0, 1.0, 0.6, 0.8], "n_core": [72, 72, 40, 600], "payment_share": [1.0, 1.0, 1.0, 0.05]}
    )
    banned = pd.Series([8, 1, 0, 30])  # the last: researchers on their own cards
    assert banned_organisation(clusters, banned, enforced_rate=0.01).tolist() == [0.0, 1.0, 0.6, 0.8]
    assert banned_organisation(clusters, banned, enforced_rate=0.0).tolist() == [1.0, 1.0, 0.6, 0.8]


@pytest.mark.parametrize(("status", "organisation"), [("suspended", 1.0), ("banned", 0.0)])
def test_a_company_keeps_its_discount_through_suspensions_not_through_bans(status: str, organisation: float) -> None:
    """Twelve staff on the company's domain, card and office NAT; a directory sync suspended
    six of them at once (still a company), or the provider banned six (no longer a discount)."""
    links = [(a, t) for a in range(12) for t in ("pm:corp", "ip:office", "fp:handbook")]
    membership = pd.DataFrame({"acct": range(12), "community": 0})
    accounts = pd.DataFrame(
        {
            "email_domain": ["acme.example"] * 12 + ["mail.example"] * 988,
            "status": [status] * 6 + ["active"] * 6 + ["banned"] * 5 + ["active"] * 983,
        }
    )
    company = score(graph_of(links, 1000, evidence=True), accounts, membership).clusters.iloc[0]
    assert company["organisation"] == organisation
    # suspended seats are the company's turnover, not known bad; banned ones are
    assert (company["known_bad"] > 0) == (status == "banned")


def test_suspensions_count_as_known_bad_where_no_organisation_explains_them() -> None:
    """Twelve accounts on webmail sharing a card, an exit and a template, six suspended: the
    six active ones are tied to enforced accounts whatever the enforcement is called."""
    links = [(a, t) for a in range(12) for t in ("pm:card", "ip:exit", "fp:template")]
    membership = pd.DataFrame({"acct": range(12), "community": 0})
    accounts = pd.DataFrame(
        {
            "email_domain": ["mail.example"] * 1000,
            "status": ["suspended"] * 6 + ["active"] * 6 + ["banned"] * 5 + ["active"] * 983,
        }
    )
    cell = score(graph_of(links, 1000, evidence=True), accounts, membership).clusters.iloc[0]
    assert cell["organisation"] == 0.0 and cell["known_bad"] > 0


def test_an_organisation_tied_to_a_banned_account_stays_known_bad() -> None:
    clusters = pd.DataFrame({"organisation": [0.5, 0.5, 0.5, 0.0], "known_bad": 0.8, "n_tied_banned": [0, 2, 0, 0]})
    banned_core = pd.Series([0, 0, 1, 0])
    assert seats_suspended(clusters, banned_core).tolist() == [0.0, 0.8, 0.8, 0.8]


def test_only_batches_banned_beyond_chance_are_banned_batches() -> None:
    """Four cores of 60 where 1% of everyone is enforced: made in one batch with 12 banned (an
    operator's warm spares), signed up on their own with 12 banned (a content sweep of a
    tool's users), made in a batch with one banned (chance), and half of a core of 12 made
    in a batch, all 12 banned."""
    clusters = pd.DataFrame({"burst_share": [1.0, 0.0, 1.0, 0.5], "n_core": [60, 60, 60, 12]})
    n_banned = pd.Series([12, 12, 1, 12])
    assert banned_batches(clusters, n_banned, 0.01).tolist() == [True, False, False, True]
    assert banned_batches(clusters, n_banned, 0.0) is None
