"""Core peeling and integer grouping helpers agree with their plain reference versions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkgraph.scoring.features import (
    burst_share,
    distinct_ints,
    ip_cohesion,
    organisation,
    owned_domain_share,
    owned_members,
    peel_core,
    tenant_share,
    unanchored_rotation,
    uncorroborated,
)


def peel_reference(
    community, acct, art, kind, min_links, min_kinds_alt, min_sharers, weak=None, exclusive=None, echo=None
) -> np.ndarray:
    """Peeling with a mask over all links every round (the original formulation), account by account."""
    weak = np.zeros(len(acct), dtype=bool) if weak is None else weak
    exclusive = np.full(len(acct), np.inf) if exclusive is None else exclusive
    echo = np.zeros(len(acct), dtype=bool) if echo is None else echo
    accounts, a_idx = np.unique(acct, return_inverse=True)
    _, x_idx = np.unique(community * (int(art.max()) + 1) + art, return_inverse=True)
    kind_codes = pd.factorize(kind)[0]
    alive = np.ones(len(acct), dtype=bool)
    while True:
        sharers = np.bincount(x_idx[alive], minlength=int(x_idx.max()) + 1)
        ok = np.zeros(len(accounts), dtype=bool)
        for a in range(len(accounts)):
            mine = alive & (a_idx == a)
            strong, weak_links = mine & ~weak, mine & weak
            wide = (strong & (sharers[x_idx] >= 5)).any()
            links = (strong & ~echo).sum() + weak_links.any()
            kinds = len(set(kind_codes[strong])) + (weak_links.any() and wide)
            only = (strong & (sharers[x_idx] >= exclusive)).sum() >= 2
            ok[a] = links >= min_links or (links >= 2 and kinds >= min_kinds_alt) or only
        nxt = alive & (sharers[x_idx] >= min_sharers) & ok[a_idx]
        if nxt.sum() == alive.sum():
            break
        alive = nxt
    survived = np.zeros(len(accounts), dtype=bool)
    survived[np.unique(a_idx[alive])] = True
    return survived


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 400), st.integers(1, 4), *[st.booleans()] * 4)
def test_peel_core_equals_the_reference(
    seed: int, n_links: int, min_links: int, per_link: bool, weak: bool, exclusive: bool, echoes: bool
) -> None:
    rng = np.random.default_rng(seed)
    acct = rng.integers(0, 40, n_links)
    community = acct % 3
    art = rng.integers(0, 25, n_links)
    kind = rng.integers(0, 3, n_links)
    sharers = rng.integers(2, 6, n_links) if per_link else 3
    weak_links = rng.random(n_links) < 0.4 if weak else None
    only = np.where(rng.random(n_links) < 0.3, rng.integers(1, 6, n_links), np.inf) if exclusive else None
    forms = rng.random(n_links) < 0.3 if echoes else None
    got = peel_core(community, acct, art, kind, min_links, 2, sharers, weak_links, 5, only, forms)
    want = peel_reference(community, acct, art, kind, min_links, 2, sharers, weak_links, only, forms)
    assert np.array_equal(got, want)


def test_weak_links_count_once_and_corroborate_only_a_wide_tie() -> None:
    """Many IPs met by chance are one link; next to a card shared by a pair they are not a second kind."""
    # accounts 0-5 share template 100 (six sharers); each also has three weak IPs (200-205, three sharers each)
    acct = np.r_[np.arange(6), np.repeat(np.arange(6), 3)]
    art = np.r_[np.full(6, 100), 200 + (np.repeat(np.arange(6), 3) + np.tile([0, 1, 2], 6)) % 6]
    kind = np.r_[np.zeros(6, int), np.ones(18, int)]
    weak = np.r_[np.zeros(6, bool), np.ones(18, bool)]
    community = np.zeros(len(acct), int)
    with_template = peel_core(community, acct, art, kind, 3, 2, 2, weak, 5)
    assert with_template.all()  # template (wide) + the IPs as one link of another kind
    pair_card = np.r_[np.full(6, 100) + np.arange(6) // 2, art[6:]]  # cards shared by pairs instead
    assert not peel_core(community, acct, pair_card, kind, 3, 2, 2, weak, 5).any()
    assert peel_core(community, acct, pair_card, kind, 3, 2, 2, None, 5).all()  # as strong IPs they would tie


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-5, 3000), max_size=200), st.sampled_from([np.int32, np.int64]))
def test_distinct_ints_is_np_unique(values: list[int], dtype: type) -> None:
    x = np.array(values, dtype=dtype)
    uniques, inverse = distinct_ints(x)
    expected, expected_inverse = np.unique(x, return_inverse=True)
    assert np.array_equal(uniques, expected) and uniques.dtype == expected.dtype
    assert np.array_equal(inverse, expected_inverse.ravel())


def test_every_owned_domain_counts_toward_the_share() -> None:
    """Two small companies in one cluster: 10 of 12 members are on owned domains, webmail never counts."""
    domains = pd.Series(["a.dev"] * 5 + ["b.io"] * 5 + ["gmail.com"] * 2 + ["gmail.com"] * 50)
    community = np.array([0] * 12 + [1] * 50)
    share = owned_domain_share(community[:12], domains[:12], domains.value_counts())
    assert share.to_dict() == {0: 10 / 12}


def test_a_throwaway_domain_per_small_cell_is_no_company() -> None:
    """Sixty cells of three or four accounts, each on a domain of its own: not owned domains."""
    domains = pd.Series([f"cell{i // 4 if i < 120 else 30 + (i - 120) // 3}.xyz" for i in range(210)])
    share = owned_domain_share(np.zeros(210, dtype=int), domains, domains.value_counts())
    assert share.empty


def test_a_domain_mostly_outside_the_cluster_is_not_owned() -> None:
    domains = pd.Series(["uni.edu"] * 3 + ["uni.edu"] * 40)
    share = owned_domain_share(np.zeros(3, dtype=int), domains[:3], domains.value_counts())
    assert share.empty


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_organisation_is_zero_up_to_the_majority_and_rises_to_one(a: float, b: float) -> None:
    low, high = sorted((a, b))
    values = organisation(pd.Series([low, high, 0.5, 1.0, 0.75]))
    assert 0.0 <= values[0] <= values[1] <= 1.0
    assert list(values[2:]) == [0.0, 1.0, 0.5]
    if low <= 0.5:
        assert values[0] == 0.0


def test_a_cell_with_a_cheap_domain_for_a_minority_gets_no_organisation_discount() -> None:
    """Cluster 0: 6 of 15 on a domain only it uses; cluster 1: a company, 10 of 10 on its own."""
    from linkgraph.scoring.clusters import RISK_FEATURES, add_risk
    from linkgraph.scoring.identity import account_features
    from linkgraph.scoring.params import ScoringParams

    domains = ["cheap.net"] * 6 + ["gmail.com"] * 9 + ["acme.dev"] * 10 + ["gmail.com"] * 100
    accounts = pd.DataFrame({"email_domain": domains})
    basis = pd.DataFrame({"acct": np.arange(25), "community": [0] * 15 + [1] * 10})
    features = account_features(accounts, basis, pd.Index([0, 1]))
    assert features["owned_domain_share"].tolist() == [0.4, 1.0]
    clusters = features.assign(**{c: 0.0 for c in RISK_FEATURES.values() if c not in features}, ip_cohesion=0.0)
    risk = add_risk(clusters, ScoringParams())
    assert risk["contrib_owned_domain"].tolist() == [0.0, -6.0]


def test_rotation_counts_only_when_no_organisation_explains_it() -> None:
    """A cell (rotating, no hub, webmail) keeps its rotation; a company with a card hub or its domain does not."""
    multi_ip = pd.Series([1.0, 1.0, 1.0, 0.0, 0.5])
    hub = pd.Series([0.0, 0.9, 0.0, 0.0, 0.2])
    organisation_ = pd.Series([0.0, 0.0, 1.0, 0.0, 0.6])
    cohesion = pd.Series([0.5, 0.5, 0.5, 0.5, 0.5])
    assert unanchored_rotation(multi_ip, hub, organisation_, cohesion).round(6).tolist() == [1.0, 0.1, 0.0, 0.0, 0.2]


def test_rotation_through_a_pool_is_not_a_cells_own() -> None:
    """Members meeting a quarter of the cluster on their IPs rotate through its own exits; 2.5% is a NAT pool."""
    one = pd.Series([1.0, 1.0, 1.0])
    cohesion = pd.Series([0.6, 0.25, 0.025])
    values = unanchored_rotation(one, 0 * one, 0 * one, cohesion, cell_share=0.25).round(6).tolist()
    assert values == [1.0, 1.0, 0.1]


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_rotation_stays_in_range_and_never_exceeds_the_ip_rotation(m: float, h: float, o: float, c: float) -> None:
    value = unanchored_rotation(pd.Series([m]), pd.Series([h]), pd.Series([o]), pd.Series([c]))[0]
    assert 0.0 <= value <= m


def test_a_hydra_cell_on_private_proxies_outranks_a_company_on_its_vpn_pool() -> None:
    """Same rotation through shared IPs and burst sign-ups; only the company has one billing card."""
    from linkgraph.scoring.clusters import RISK_FEATURES, add_risk
    from linkgraph.scoring.params import ScoringParams

    both = {"network": 0.75, "burst_share": 1.0, "multi_ip_share": 1.0, "organisation": 0.0, "ip_cohesion": 0.5}
    clusters = pd.DataFrame(
        [{**both, "hub_share": 0.0, "payment_share": 0.0}, {**both, "hub_share": 0.95, "payment_share": 1.0}]
    )
    clusters = clusters.assign(**{c: 0.0 for c in RISK_FEATURES.values() if c not in clusters})
    risk = add_risk(clusters, ScoringParams())
    assert risk["contrib_unanchored_rotation"].tolist() == [1.0, 0.05]
    assert risk["risk_band"].tolist() == ["high", "low"]


def test_burst_is_measured_against_sign_ups_at_the_same_time() -> None:
    """Everyone signs up in the last 30 days (one account from 2007): a cluster that signed up like
    everyone else is no burst; 20 accounts in three hours of a quiet day are."""
    from linkgraph.scoring.population import HOUR_NS, CreationHours

    rng = np.random.default_rng(0)
    day, start = 24 * HOUR_NS, np.int64(1_750_000_000) * 1_000_000_000
    everyone = start + rng.integers(0, 30 * day, 20_000)
    everyone[0] = np.int64(1_171_500_000) * 1_000_000_000  # 2007
    burst = start + 40 * day + rng.integers(0, 3 * HOUR_NS, 20)
    population = CreationHours.of(np.r_[everyone, burst])
    community = np.r_[np.zeros(2_000, dtype=np.int64), np.ones(20, dtype=np.int64)]
    shares = burst_share(community, np.r_[everyone[1:2_001], burst], population)
    assert shares[0] == 0.0 and shares[1] == 1.0


def test_ip_cohesion_is_the_typical_share_of_the_cluster_behind_a_members_ip() -> None:
    links = pd.DataFrame({"community": [0, 0, 0, 1, 1], "acct": [1, 1, 2, 3, 4], "n_in": [10, 30, 20, 2, 2]})
    cohesion = ip_cohesion(links, pd.Series({0: 40, 1: 100}))
    assert cohesion.round(6).to_dict() == {0: 0.5, 1: 0.02}


def test_shared_infrastructure_alone_is_uncorroborated() -> None:
    clusters = pd.DataFrame(
        {
            "ip_share": [1.0] * 5,
            "payment_share": [0.0, 0.0, 0.6, 0.0, 0.0],
            "lockstep_share": [0.0, 0.0, 0.0, 0.0, 0.1],
            "model_pivot": [0.0, 0.0, 0.0, 0.3, 0.0],
            "volume": [0.0, 0.05, 0.3, 0.0, 0.0],
            "known_bad": [0.0, 0.0, 0.0, 0.0, 0.0],
            "burst_share": [0.0, 0.9, 0.0, 0.0, 0.0],  # a sign-up burst alone does not corroborate
        }
    )
    got = uncorroborated(clusters, 0.25, measurable=True)
    assert got.round(6).tolist() == [1.0, 0.8, 0.0, 0.0, 0.6]
    assert uncorroborated(clusters, 0.25, measurable=False).tolist() == [0.0] * 5  # no request log: no verdict
    assert uncorroborated(clusters.drop(columns=["lockstep_share", "model_pivot", "volume"]), 0.25, True).max() == 1.0


def test_shared_cards_without_any_behaviour_are_uncorroborated() -> None:
    """Friends pool a prepaid card in twos and threes, met at a meetup (its venue IP) and paste
    the community's helper prompt, then send like anyone else: no timing, no new-model jump, no
    volume, no ban tie. Any of those, or the cluster's own waves or sessions, corroborates."""
    behaving = ["lockstep_share", "cell_lockstep_share", "wave_share", "session_share", "model_pivot", "volume"]
    rows = {"ip_share": [1.0] * 8, "payment_share": [0.65] * 8, "known_bad": [0.0] * 7 + [0.3]}
    for i, name in enumerate(behaving):
        rows[name] = [0.3 if j == i + 1 else 0.0 for j in range(8)]
    got = uncorroborated(pd.DataFrame(rows), 0.25, measurable=True)
    assert got.tolist() == [1.0] + [0.0] * 7
    half = pd.DataFrame(rows).assign(volume=[0.125] + [0.0] * 7).iloc[:1]
    assert uncorroborated(half, 0.25, measurable=True).tolist() == [0.5]
    assert uncorroborated(pd.DataFrame(rows), 0.25, measurable=False).tolist() == [0.0] * 8


def test_templates_alone_are_uncorroborated_whatever_the_behaviour() -> None:
    """A benchmark's volunteers share its fixed prompts, nothing else, and all jump to the new
    model at high volume: uncorroborated. Sharing IPs, a minute or a ban tie as well is not."""
    clusters = pd.DataFrame(
        {
            "ip_share": [0.0, 0.5, 0.0, 0.0],
            "payment_share": [0.0, 0.0, 0.0, 0.0],
            "lockstep_share": [0.0, 0.0, 0.4, 0.0],
            "model_pivot": [1.0, 1.0, 1.0, 0.0],
            "volume": [1.0, 1.0, 1.0, 0.0],
            "known_bad": [0.0, 0.0, 0.0, 0.1],
        }
    )
    assert uncorroborated(clusters, 0.25, measurable=True).round(6).tolist() == [1.0, 0.0, 0.0, 0.6]
    assert uncorroborated(clusters, 0.25, measurable=False).tolist() == [0.0] * 4


def test_an_operators_banned_batches_are_corroborated() -> None:
    """Warm spares of an operation share its templates and nothing else (their IPv6 address is
    new for every ticket), but they were made in batches and a fifth of their core is banned:
    the provider keeps banning an operator's batches (``banned``: ``independence.banned_batches``)."""
    clusters = pd.DataFrame({"ip_share": [0.0, 0.0], "payment_share": [0.0, 0.0], "model_pivot": [1.0, 1.0]})
    banned = pd.Series([True, False])
    assert uncorroborated(clusters, 0.25, True, banned).tolist() == [0.0, 1.0]
    assert uncorroborated(clusters, 0.25, True).tolist() == [1.0, 1.0]


def test_a_platforms_customers_each_on_a_domain_of_their_own_are_tenants() -> None:
    """Cluster 0: ten exam centres, each on its own domain that no other account uses (the
    vendor's tenants); cluster 1: ten webmail accounts; cluster 2: three of ten on domains of
    their own, a cell's cheap domains for a minority."""
    from linkgraph.scoring.identity import account_features

    own = [f"centre{i}.edu" for i in range(10)]
    domains = (
        own
        + ["gmail.com"] * 10
        + [f"cheap{i}.net" for i in range(3)]
        + ["proton.me"] * 7
        + ["gmail.com", "proton.me"] * 50
    )
    accounts = pd.DataFrame({"email_domain": domains})
    basis = pd.DataFrame({"acct": np.arange(30), "community": [0] * 10 + [1] * 10 + [2] * 10})
    share = tenant_share(
        basis["community"].to_numpy(), accounts["email_domain"][:30], accounts["email_domain"].value_counts()
    )
    assert share.to_dict() == {0: 1.0, 1: 0.0, 2: 0.3}
    features = account_features(accounts, basis, pd.Index([0, 1, 2]))
    assert features["tenant_share"].tolist() == [1.0, 0.0, 0.3]
    assert features["owned_domain_share"].tolist() == [0.0, 0.0, 0.0]  # one account each: not owned
    assert features["organisation"].tolist() == [1.0, 0.0, 0.0]


def test_a_companys_domain_is_weighed_among_its_own_accounts_not_its_riders() -> None:
    """A data vendor's cluster: 12 annotators on its domain, 4 of them on webmail, and 10 of a
    proxy pool's customers riding along in the core. Counted over everyone the domain is a
    minority (no organisation); over the cluster's own accounts (riders apart) it is the
    majority. Creation bursts still count over the whole basis."""
    from linkgraph.scoring.identity import account_features

    domains = ["annotators.vendor.com"] * 12 + ["gmail.com"] * 64
    accounts = pd.DataFrame({"email_domain": domains})
    basis = pd.DataFrame({"acct": np.arange(26), "community": 0})
    everyone = account_features(accounts, basis, pd.Index([0]))
    assert everyone["owned_domain_share"].iloc[0] == pytest.approx(12 / 26)
    assert everyone["organisation"].iloc[0] == 0.0
    riders_apart = account_features(accounts, basis, pd.Index([0]), own=basis.iloc[:16])
    assert riders_apart["owned_domain_share"].iloc[0] == pytest.approx(12 / 16)
    assert riders_apart["organisation"].iloc[0] == pytest.approx(0.5)


def test_a_card_paying_for_most_of_the_clusters_own_accounts_is_its_billing_card() -> None:
    """Cluster 0: an NGO's donor card on 6 of its 9 own accounts (riders apart); cluster 1: an
    operation's chunk cards, 3 accounts each, on 9 accounts."""
    from linkgraph.scoring.clusters import billing_card_share

    own = pd.DataFrame({"acct": np.arange(18), "community": [0] * 9 + [1] * 9})
    shared = pd.DataFrame(
        {
            "community": [0] * 6 + [1] * 9,
            "acct": np.r_[np.arange(6), np.arange(9, 18)],
            "art": [100] * 6 + [200, 200, 200, 201, 201, 201, 202, 202, 202],
            "kind": pd.Categorical(["payment"] * 15),
        }
    )
    share = billing_card_share(shared, own, pd.Index([0, 1, 2]), 30)
    assert share.tolist() == pytest.approx([6 / 9, 0.0, 0.0])
    fewer = billing_card_share(shared.iloc[2:], own, pd.Index([0]), 30)  # 4 of 9: no majority
    assert fewer.tolist() == [0.0]


def test_pods_that_resample_rare_prompts_rise_with_their_pairs() -> None:
    """A pod's accounts share no card, no minute and few exits, only prompts nobody else sent:
    the share of the core in such pairs adds to the risk, as lockstep does."""
    from linkgraph.scoring.clusters import RISK_FEATURES, add_risk
    from linkgraph.scoring.params import ScoringParams

    pod = {"network": 0.65, "multi_template_share": 1.0, "dispersion": 0.5, "multi_ip_share": 0.3, "ip_cohesion": 0.3}
    clusters = pd.DataFrame([{**pod, "prompt_pair_share": 0.0}, {**pod, "prompt_pair_share": 1.0}])
    clusters = clusters.assign(**{c: 0.0 for c in RISK_FEATURES.values() if c not in clusters})
    risk = add_risk(clusters, ScoringParams())
    assert risk["contrib_prompt_pairs"].tolist() == [0.0, 1.0]
    assert risk["risk_band"].tolist() == ["medium", "high"]


def _owned_by_groupby(community, domain, counts, min_members, home):  # the definition, row by row in pandas
    frame = pd.DataFrame({"c": community, "d": domain.to_numpy()})
    has = frame["d"].notna().to_numpy()
    k = frame.groupby(["c", "d"], observed=True)["c"].transform("size").to_numpy()
    total = frame["d"].map(counts).to_numpy(dtype=float)
    owned = has & (k >= min_members) & (k >= 0.5 * total)
    at_home = home & has
    k_home = frame[at_home].groupby(["c", "d"], observed=True)["c"].transform("size")
    by_home = np.zeros(len(frame), dtype=bool)
    by_home[at_home] = k_home.to_numpy() >= min_members
    return owned | by_home


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.one_of(st.none(), st.sampled_from(["a.io", "b.io", "c.io"])), st.booleans()),
        max_size=60,
    ),
    st.integers(1, 4),
)
def test_owned_members_counts_each_cluster_and_domain(
    rows: list[tuple[int, str | None, bool]], min_members: int
) -> None:
    community = np.array([c for c, _, _ in rows], dtype=np.int64)
    domain = pd.Series([d for _, d, _ in rows], dtype="str")
    home = np.array([h for _, _, h in rows], dtype=bool)
    counts = pd.Series({"a.io": 3, "b.io": 40, "c.io": 8}, dtype=np.int64)
    expected = _owned_by_groupby(community, domain, counts, min_members, home)
    got = owned_members(community, domain, counts, min_members=min_members, home=home)
    assert got.tolist() == expected.tolist()
