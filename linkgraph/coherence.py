"""Coherent hubs: an artifact too popular to be evidence is evidence again inside one network.

The absolute generic cut-offs (``GraphParams.max_df``) say how many accounts plausibly
share a card, an IP or a template innocently. A carrier NAT's thousands of users are
otherwise strangers: almost none of them are tied to each other by rare evidence. A large
operation's own proxy IPs and templates can pass the same cut-off, yet their users are one
network, already tied together by the rare artifacts the operation cannot avoid sharing.

So an artifact above its kind's absolute cut-off (but within the relative one) is kept as
evidence when at least ``coherent_share`` of its users sit in one connected component of
the evidence graph, and that component holds them ``coherent_lift`` (100) times more often than
its share of all accounts would predict (a large component is no reason by itself). Each
re-admitted hub can tie more users, so this repeats for up to ``coherent_rounds`` rounds.
A template family just over the relative cut-off of a small world is a candidate too, with
thresholds of its own (:func:`linkgraph.graph.popular_families`). Everything is counting
over integer codes plus one connected-components pass per round.

Such a family is also evidence when a quarter of its users pay with a card that another of
its users pays with (:func:`card_tied_families`). An operation buys its prepaid cards in
twos and threes for its accounts; a popular template's users are strangers to one another,
and few of them share a card with another of its users (two people of one household). This
needs no component: an operation that sends all its traffic through a popular app's relay
with the app's own prompt is tied to nobody else by a rare artifact, and the evidence
graph's largest component, which holds it, holds two thirds of the world (the nineteenth
world's op_hitchhike: four families of 1.04-1.08% of all accounts, every user in the
operation, 51-60% of them card-tied to another user; no organic family above 6%).

And it is evidence when its users are, nine in ten of them both ways, the users of two other
such families (:func:`co_used_families`). An operation's workers each run all of its
playbook's templates, so its families share one set of users; popular templates are picked
by strangers independently, so two of them with a hundred users each in a world of ten
thousand share about one. This needs neither a card nor a component: cardless workers on
a consumer VPN's exits, firing in the top-of-the-hour rush, are tied to each other by
nothing else (the twentieth world's op_guestseats: five families of 1.03% of all accounts,
each used by exactly the same 258 accounts).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components


def account_components(acct: np.ndarray, art: np.ndarray, n_accounts: int, n_artifacts: int) -> np.ndarray:
    """Connected-component label of every account in the bipartite graph of (acct, art) edges."""
    n = n_accounts + n_artifacts
    ones = np.ones(len(acct), dtype=np.int8)
    matrix = sp.coo_matrix((ones, (acct, art + n_accounts)), shape=(n, n)).tocsr()
    _, labels = connected_components(matrix, directed=True, connection="weak")
    return labels[:n_accounts]


def coherent_hubs(
    link_acct: np.ndarray,
    link_art: np.ndarray,
    df: np.ndarray,
    usable: np.ndarray,
    candidate: np.ndarray,
    n_accounts: int,
    share: float | np.ndarray,
    lift: float | np.ndarray,
    rounds: int,
) -> np.ndarray:
    """Mask over artifacts: the ``candidate`` hubs whose users are one network (see the module).

    ``usable`` marks the artifacts that are evidence already; ``df`` is each artifact's users;
    ``share`` and ``lift`` are one threshold for all or one per artifact.
    """
    need_share = np.broadcast_to(np.asarray(share, dtype=np.float64), df.shape)
    need_lift = np.broadcast_to(np.asarray(lift, dtype=np.float64), df.shape)
    readmitted = np.zeros(len(df), dtype=bool)
    if rounds <= 0 or not candidate.any():
        return readmitted
    on_candidate = candidate[link_art]
    for _ in range(rounds):
        evidence = (usable | readmitted)[link_art]
        labels = account_components(link_acct[evidence], link_art[evidence], n_accounts, len(df))
        size = np.bincount(labels, minlength=n_accounts)
        pending = on_candidate & ~readmitted[link_art]
        art = link_art[pending]
        comp = labels[link_acct[pending]]
        tied = size[comp] > 1  # an account with no evidence link is a component of one
        art, comp = art[tied], comp[tied]
        if not len(art):
            break
        base = np.int64(labels.max()) + 1  # labels need not stay below n_accounts: key by their own range
        key = art.astype(np.int64) * base + comp
        pairs, counts = np.unique(key, return_counts=True)
        pair_art, pair_comp = pairs // base, pairs % base
        in_share = counts / df[pair_art]
        over_chance = in_share * n_accounts >= need_lift[pair_art] * size[pair_comp]
        found = np.unique(pair_art[(in_share >= need_share[pair_art]) & over_chance])
        if not len(found):
            break
        readmitted[found] = True
    return readmitted


def card_tied_families(
    link_acct: np.ndarray,
    link_art: np.ndarray,
    is_card: np.ndarray,
    candidate: np.ndarray,
    df: np.ndarray,
    share: float,
) -> np.ndarray:
    """Mask over artifacts: the ``candidate`` families at least ``share`` of whose users share a
    card (``is_card``, per artifact) with another of its users (see the module). Linear in the
    links of candidates and cards."""
    found = np.zeros(len(df), dtype=bool)
    on_family, on_card = candidate[link_art], is_card[link_art] & (df[link_art] >= 2)
    if not on_family.any() or not on_card.any():
        return found
    families = pd.DataFrame({"acct": link_acct[on_family], "fam": link_art[on_family]}).drop_duplicates()
    cards = pd.DataFrame({"acct": link_acct[on_card], "card": link_art[on_card]}).drop_duplicates()
    both = families.merge(cards, on="acct")
    partners = both.groupby(["fam", "card"])["acct"].transform("size").to_numpy()
    tied = both[partners >= 2].groupby("fam")["acct"].nunique()
    fam = tied.index.to_numpy(dtype=np.int64)
    found[fam[tied.to_numpy() >= share * df[fam]]] = True
    return found


def co_used_families(
    link_acct: np.ndarray, link_art: np.ndarray, candidate: np.ndarray, share: float, partners: int
) -> np.ndarray:
    """Mask over artifacts: the ``candidate`` families at least ``share`` of whose users, both
    ways, are the users of ``partners`` other candidates or more (see the module). One sparse
    product over the links of candidates: a candidate's users against each other's."""
    found = np.zeros(len(candidate), dtype=bool)
    on = candidate[link_art]
    if partners <= 0 or not on.any():
        return found
    accounts, account_code = np.unique(link_acct[on], return_inverse=True)
    families, family_code = np.unique(link_art[on], return_inverse=True)
    ones = np.ones(len(account_code), dtype=np.int64)
    use = sp.csr_matrix((ones, (account_code, family_code)), shape=(len(accounts), len(families)))
    use.data[:] = 1  # an account counts once per family
    co = (use.T @ use).tocoo()
    users = np.asarray(use.sum(axis=0)).ravel()
    close = (co.row != co.col) & (co.data >= share * users[co.row]) & (co.data >= share * users[co.col])
    found[families[np.bincount(co.row[close], minlength=len(families)) >= partners]] = True
    return found
