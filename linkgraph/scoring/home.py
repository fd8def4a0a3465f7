"""A domain's home network: the office NAT, VPN egress or corporate card of an organisation.

An owned email domain says "one organisation" when the cluster holds most of the domain's
accounts (:func:`~linkgraph.scoring.features.owned_domain_share`). A company's staff is often
split between several communities: the team on the helpdesk template in one, the rest among
the ordinary users they share home and carrier addresses with. Each part holds a minority of
the domain, so no part owned it, and the team read as a ring of accounts on shared egress IPs.

What makes the domain the company's is its network: one artifact (an IP or a card) that at
least half of the domain's accounts use, and whose users are at least half on the domain.
Webmail has no such artifact, and an operation that put some accounts on a university's
domain does not use the campus NAT most students do. A member *on its home network* uses its
own domain's home artifact; five of them in one cluster make the domain the cluster's own.

A domain's *established* accounts (created before the log starts;
:func:`~linkgraph.scoring.population.established_accounts`) are at home on an artifact that at
least half of them use, when the domain has ``min_members`` of them: an operation that signs
up twice as many accounts on a breached firm's domain as the firm has staff does not take the
firm's office NAT from its staff (the eighteenth world's trap_breached_co, 18 of its staff
listed at 20k seed 1, tied to their colleagues suspended in the operation's sweep). Only the
established accounts are at home that way: newcomers on the firm's card or NAT are not, unless
the artifact is the home of the whole domain (the ninth world's fraud tenants pay with an app
platform's billing token, which half of its older tenants use).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph

HOME_SHARE = 0.5
"""The share of the domain's accounts that use its home artifact, and of that artifact's users on the domain."""
HOME_KINDS = ("ip", "payment")


def home_network(
    graph: LinkGraph, domain: pd.Series, min_members: int, established: np.ndarray | None = None
) -> np.ndarray:
    """Per account code: whether the account uses its email domain's home artifact (see the module).

    ``domain``: each account's email domain (null: none), in account code order; a domain
    needs ``min_members`` accounts on its home artifact. ``established`` (optional, per
    account code): the accounts created before the log starts, at home also on an artifact
    half of the domain's established accounts use.
    """
    out = np.zeros(graph.n_accounts, dtype=bool)
    codes = pd.factorize(domain)[0]
    if not (codes >= 0).any():
        return out
    total = np.bincount(codes[codes >= 0])
    settled = np.zeros(graph.n_accounts, dtype=bool) if established is None else np.asarray(established, dtype=bool)
    n_settled = np.bincount(codes[(codes >= 0) & settled], minlength=len(total))
    n_settled = np.where(n_settled >= min_members, n_settled, 0)  # too few to say whose the domain is
    arts = graph.artifacts
    df = arts["df"].to_numpy().astype(np.int64)
    usable = arts["kind"].isin(HOME_KINDS).to_numpy()
    acct, art = graph.links["acct"].to_numpy(), graph.links["art"].to_numpy()
    keep = usable[art]
    acct, art = acct[keep], art[keep]
    d = codes[acct]
    keep = d >= 0
    acct, art, d = acct[keep], art[keep], d[keep]
    size = total[d]
    # the n users of a home pair satisfy share * (total or settled) <= n <= df and share * df <= n <= total
    least = np.where(n_settled[d] > 0, n_settled[d], size)
    keep = (size >= min_members) & (least * HOME_SHARE <= df[art]) & (df[art] * HOME_SHARE <= size)
    acct, art, d = acct[keep], art[keep], d[keep]
    if not len(acct):
        return out
    key = d.astype(np.int64) * len(df) + art
    order = np.lexsort((acct, key))
    acct, key = acct[order], key[order]
    once = np.r_[True, (key[1:] != key[:-1]) | (acct[1:] != acct[:-1])]  # a link counts once
    acct, key = acct[once], key[once]
    pairs, inverse, users = np.unique(key, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    pair_d, pair_art = pairs // len(df), pairs % len(df)
    settled_users = np.bincount(inverse, weights=settled[acct], minlength=len(pairs))
    pair = (users >= min_members) & (users >= HOME_SHARE * df[pair_art])
    home = pair & (users >= HOME_SHARE * total[pair_d])
    staff = pair & (n_settled[pair_d] > 0) & (settled_users >= HOME_SHARE * n_settled[pair_d])
    out[acct[home[inverse] | (staff[inverse] & settled[acct])]] = True
    return out
