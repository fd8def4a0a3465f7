"""Independent users of one tool: accounts that behave alike with nothing tying their identities.

An operator makes its accounts, so its hand shows in who they are as well as in what they
do: sign-ups in bursts, cards shared or resold, and bans (its accounts are enforced, or tied
to enforced ones). A tool's or an event's users only *behave* alike: a GitHub Action's
scheduler fires everyone's job in the same minute from a random pool of runner addresses with
the Action's prompt, and moves them to a new model when the Action updates; citizen-science
clients send their one template twice a day. Each user signed up on their own, pays with
their own card and was never enforced.

:func:`independent` is 1 for a cluster with none of those identity links: no tie to
enforced accounts (``known_bad`` 0) and no more enforced accounts in its core than the
population's rate explains, and it fades linearly to 0 as the share of its core created in
bursts, or on cards strangers share, reaches :data:`IDENTITY_SHARE` (a lab's card for its
staff on the lab's own domain is no identity link: :func:`stranger_card_share`), in cell
lockstep, or in pairs that share five or more exact prompts nobody else sent
(:mod:`~linkgraph.scoring.prompt_pairs`: one source of prompts, a queue's pods), or working
round the clock and resting in the same hours (:mod:`~linkgraph.scoring.shared_rest`: one
operator's clock), or meeting in lockstep with partners that rotate
(:mod:`~linkgraph.scoring.dispatch`: one dispatcher's draws). Independence
needs data that could show identity links: without creation times no burst can show, and
without any enforced account in the population no ban can, so then it is 0 for every cluster.

Exits the cluster holds to itself are no identity link. They say where the accounts send
from, and a service sends its users' traffic from its own addresses: a chat-bot host's
egress, a compute centre's login nodes, the runner pool of an Action in a small world, a
consultant's office. On the 171 survey runs, exits of their own were the only tie of those
innocent crowds (175 accounts listed), while one fragment of one operation (9 accounts) had
nothing else.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import pdtrc

IDENTITY_SHARE = 0.2
"""The share of the core in creation bursts, or on shared cards, at which a cluster is no longer independent."""
TENURE_DAYS = 90
"""Days before the log's first request an account must have been created to count as tenured."""
TENURED_SHARE = 0.4
"""The share of tenured accounts in a core at which its creation bursts no longer count as an identity link."""
DAY_NS = 86_400 * 10**9


def tenured_share(community: np.ndarray, created: np.ndarray, log_start_ns: int | None) -> pd.Series:
    """Per community: the share of its members (``created``: int64 ns, int64 min when unknown)
    created :data:`TENURE_DAYS` or more before the log's first request (empty without one)."""
    if log_start_ns is None or not len(community):
        return pd.Series(dtype=float)
    tenured = (created != np.iinfo(np.int64).min) & (created <= log_start_ns - TENURE_DAYS * DAY_NS)
    return pd.Series(tenured, index=community).groupby(level=0).mean().astype(float)


def burst_link(clusters: pd.DataFrame) -> pd.Series:
    """The share of the core in creation bursts that counts as an identity link.

    ``burst_share`` times ``1 − tenured_share / TENURED_SHARE`` (clipped; ``tenured_share``
    where present). An operator makes its accounts in batches, weeks before it works them. An
    app's users had their accounts for months or years when an app-store feature or a launch
    brings a wave of newcomers into the same cluster: the eighteenth world's screen-reader app
    users (40% signed up the day after a feature, the rest older; 37–42% made 90 days or more
    before the log at 10k, 12k, 25k and 50k) read a burst of 0.22–0.43 and were listed at 25k
    (94) and 50k (243). On the survey runs no operation's cluster whose only identity link is its burst has
    a tenured share above 0.2; operations that also work aged accounts (op_pulse, op_orchard,
    op_driftwood, the marketplace's) carry cards, bans or a shared rest besides.
    """
    burst = clusters["burst_share"]
    if "tenured_share" not in clusters.columns:
        return burst
    return burst * (1.0 - clusters["tenured_share"] / TENURED_SHARE).clip(0.0, 1.0)


ENFORCED_ALPHA = 0.01
"""Enforced core members beyond chance: fewer than this probability under the population's enforcement rate."""


OWN_DOMAIN_SLACK = 2.0
"""A card's sharers are on a domain of their own when it has at most this many times as many accounts as them."""


def stranger_card_share(
    shared: pd.DataFrame, domain: pd.Series, domain_counts: pd.Series, n_basis: pd.Series
) -> pd.Series:
    """Per cluster: the share of its basis on shared cards that are not one team's card.

    ``shared``: the basis's shared links (``community, acct, art, kind``); ``domain``: per
    account code, its email domain; ``domain_counts``: accounts per domain. A card whose
    sharers in the cluster are all on one email domain of their own (at most
    :data:`OWN_DOMAIN_SLACK` times as many accounts as them: a lab's domain, never webmail) is
    a team's card: the lab pays for its staff. A card that strangers share, on webmail or on
    different domains, was bought or resold for them.
    """
    cards = shared[(shared["kind"] == "payment").to_numpy()][["community", "acct", "art"]].drop_duplicates()
    if cards.empty:
        return pd.Series(0.0, index=n_basis.index)
    cards = cards.assign(d=domain.array.take(cards["acct"].to_numpy()))
    per_card = cards.groupby(["community", "art"], observed=True).agg(n=("acct", "size"), k=("d", "nunique"))
    first = cards.dropna(subset=["d"]).groupby(["community", "art"], observed=True)["d"].first()
    total = first.map(domain_counts).reindex(per_card.index)
    named = cards.groupby(["community", "art"], observed=True)["d"].count().reindex(per_card.index)
    team = (per_card["k"] == 1) & (named == per_card["n"]) & (total <= OWN_DOMAIN_SLACK * per_card["n"])
    strangers = cards.join(team.rename("team"), on=["community", "art"])
    strangers = strangers[~strangers["team"].fillna(False).astype(bool)]
    hit = strangers.groupby("community")["acct"].nunique()
    return (hit / n_basis).reindex(n_basis.index).fillna(0.0)


def enforced_beyond_chance(n_enforced: pd.Series, n_core: pd.Series, rate: float) -> pd.Series:
    """Whether a core holds more enforced accounts than the population's ``rate`` explains (Poisson)."""
    k = n_enforced.to_numpy(dtype=np.float64)
    expected = np.maximum(n_core.to_numpy(dtype=np.float64) * rate, 1e-12)
    tail = np.where(k > 0, pdtrc(np.maximum(k - 1, 0), expected), 1.0)  # P(X >= k)
    return pd.Series(tail < ENFORCED_ALPHA, index=n_enforced.index)


def independent(clusters: pd.DataFrame, enforced_rate: float, dated: bool = True) -> pd.Series:
    """How far each cluster is a crowd of independent users, in [0, 1] (see the module docstring).

    ``clusters`` needs ``burst_share, payment_share, known_bad, n_enforced_core, n_core``
    (``tenured_share``, where present, discounts the burst: :func:`burst_link`;
    ``stranger_card_share``, where present, stands in for ``payment_share``;
    ``cell_lockstep_share``, ``prompt_pair_share``, ``shared_rest`` and ``rotating_lockstep``
    fade it where present);
    ``enforced_rate``: the share of all accounts already enforced (0: no enforcement to learn
    from); ``dated``: whether accounts have creation times.
    """
    if not dated or enforced_rate <= 0:
        return pd.Series(0.0, index=clusters.index)
    cards = clusters["stranger_card_share"] if "stranger_card_share" in clusters.columns else clusters["payment_share"]
    fade = (1.0 - burst_link(clusters) / IDENTITY_SHARE).clip(0.0, 1.0)
    fade = fade * (1.0 - cards / IDENTITY_SHARE).clip(0.0, 1.0)
    if "cell_lockstep_share" in clusters.columns:  # a private template and its minutes, shared with cellmates
        fade = fade * (1.0 - clusters["cell_lockstep_share"] / IDENTITY_SHARE).clip(0.0, 1.0)
    if "prompt_pair_share" in clusters.columns:  # prompts no one else sent, drawn from one source
        fade = fade * (1.0 - clusters["prompt_pair_share"] / IDENTITY_SHARE).clip(0.0, 1.0)
    if "shared_rest" in clusters.columns:  # programs around the clock that one operator pauses
        fade = fade * (1.0 - clusters["shared_rest"] / IDENTITY_SHARE).clip(0.0, 1.0)
    if "rotating_lockstep" in clusters.columns:  # one dispatcher's draws: partners that never repeat
        fade = fade * (1.0 - clusters["rotating_lockstep"] / IDENTITY_SHARE).clip(0.0, 1.0)
    enforced = enforced_beyond_chance(clusters["n_enforced_core"], clusters["n_core"], enforced_rate)
    tied = (clusters["known_bad"] > 0) | enforced
    return fade.where(~tied, 0.0).astype(float)


def banned_batches(clusters: pd.DataFrame, n_banned_core: pd.Series, enforced_rate: float) -> pd.Series | None:
    """Per cluster: its core was made in sign-up bursts (``burst_share`` of at least
    :data:`IDENTITY_SHARE`) and holds more *banned* accounts (``n_banned_core``) than the
    population's ``enforced_rate`` explains; None when nobody is enforced.

    The provider keeps banning an operator's batches. Suspensions do not count (abuse filters
    suspend Tor users, admins their seats, billing a failed card), nor do bans of people who
    signed up on their own: a content sweep bans a fifth of a role-play tool's users at once.
    """
    if enforced_rate <= 0:
        return None
    bans = n_banned_core.reindex(clusters.index).fillna(0)
    made_together = clusters["burst_share"] >= IDENTITY_SHARE
    return made_together & enforced_beyond_chance(bans, clusters["n_core"], enforced_rate)


SHARED_CARDS = 0.5
"""The share of the core on shared cards at which bans beyond chance void the organisation discount."""


def banned_organisation(clusters: pd.DataFrame, n_banned_core: pd.Series, enforced_rate: float) -> pd.Series:
    """The ``organisation`` feature, 0 where the core pays with shared cards (``payment_share``
    of at least :data:`SHARED_CARDS`) and holds more *banned* accounts (``n_banned_core``) than
    the population's ``enforced_rate`` explains (:func:`enforced_beyond_chance`).

    Own email domains explain a company's shared cards and offices. An operation that
    registers a few small domains for its accounts and buys cards for them looks the same,
    but the provider has already banned its accounts far beyond everyone else's rate: its
    verdict outweighs the look of a company. Suspensions do not count (a company's admin, a
    directory sync or a billing hold suspends a department at once, and it is still a
    company), nor do bans among people who pay with their own cards (a bug bounty's
    researchers on the platform's alias domain, banned by the abuse filters they test).
    """
    if enforced_rate <= 0:
        return clusters["organisation"].astype(float)
    banned = enforced_beyond_chance(n_banned_core.reindex(clusters.index).fillna(0), clusters["n_core"], enforced_rate)
    carded = clusters["payment_share"] >= SHARED_CARDS
    return clusters["organisation"].where(~(banned & carded), 0.0).astype(float)


def seats_suspended(clusters: pd.DataFrame, n_banned_core: pd.Series) -> pd.Series:
    """The ``known_bad`` feature, 0 for an organisation (``organisation`` above 0) whose ties to
    enforced accounts are all to suspended ones: no banned account in its core
    (``n_banned_core``) and no member tied through an artifact a banned account used
    (``n_tied_banned``).

    The counterpart of :func:`banned_organisation`. A company's admin suspends the seats of
    contractors who leave and gives their card, office and tools to the next team; an
    agency's client card passes from one assistant to the next. The provider bans an
    operation's accounts, and an operation that poses as companies is voided as one by those
    bans. Without an organisation, suspensions count as bans.
    """
    banned = n_banned_core.reindex(clusters.index).fillna(0) > 0
    via_ban = clusters["n_tied_banned"] > 0 if "n_tied_banned" in clusters.columns else True
    only_suspended = (clusters["organisation"] > 0) & ~banned & ~via_ban
    return clusters["known_bad"].where(~only_suspended, 0.0).astype(float)
