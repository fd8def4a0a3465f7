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
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph

HOME_SHARE = 0.5
"""The share of the domain's accounts that use its home artifact, and of that artifact's users on the domain."""
HOME_KINDS = ("ip", "payment")


def home_network(graph: LinkGraph, domain: pd.Series, min_members: int) -> np.ndarray:
    """Per account code: whether the account uses its email domain's home artifact (see the module).

    ``domain``: each account's email domain (null: none), in account code order; a domain
    needs ``min_members`` accounts on its home artifact.
    """
    out = np.zeros(graph.n_accounts, dtype=bool)
    codes = pd.factorize(domain)[0]
    if not (codes >= 0).any():
        return out
    total = np.bincount(codes[codes >= 0])
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
    # the n users of a home pair satisfy share * total <= n <= df and share * df <= n <= total
    keep = (size >= min_members) & (size * HOME_SHARE <= df[art]) & (df[art] * HOME_SHARE <= size)
    acct, art, d = acct[keep], art[keep], d[keep]
    if not len(acct):
        return out
    key = d.astype(np.int64) * len(df) + art
    order = np.lexsort((acct, key))
    acct, key = acct[order], key[order]
    once = np.r_[True, (key[1:] != key[:-1]) | (acct[1:] != acct[:-1])]  # a link counts once
    acct, key = acct[once], key[once]
    pairs, inverse, users = np.unique(key, return_inverse=True, return_counts=True)
    pair_d, pair_art = pairs // len(df), pairs % len(df)
    home = (users >= min_members) & (users >= HOME_SHARE * total[pair_d]) & (users >= HOME_SHARE * df[pair_art])
    out[acct[home[inverse.ravel()]]] = True
    return out
