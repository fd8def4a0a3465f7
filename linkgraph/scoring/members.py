"""Members: each member's evidence links, evidence score and role (core or peripheral)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import pdtrc

from linkgraph.graph import LinkGraph
from linkgraph.scoring.features import distinct_ints, peel_core
from linkgraph.scoring.params import ScoringParams, evidence_class_codes


def member_links(graph: LinkGraph, membership: pd.DataFrame) -> pd.DataFrame:
    """The links of community members that other members may share (in link order).

    One row per link of a member to an artifact at least two accounts use (a link to an
    artifact nobody else has can share nothing, so it is left out): ``acct, community,
    art``, ``n_in`` (members of the community on that artifact), the artifact's ``kind, df,
    weight, generic`` and ``evidence`` (shared inside the community, not generic, weighed).
    """
    comm_of = np.full(graph.n_accounts, -1, dtype=np.int64)
    comm_of[membership["acct"].to_numpy()] = membership["community"].to_numpy()
    arts = graph.artifacts
    df = arts["df"].to_numpy()
    link_acct = graph.links["acct"].to_numpy()
    link_art = graph.links["art"].to_numpy()
    c = comm_of[link_acct]
    keep = np.flatnonzero((c >= 0) & (df[link_art] >= 2))
    art = link_art[keep]
    community = c[keep]
    key = community * len(arts) + art
    codes, _ = pd.factorize(key)
    n_in = np.bincount(codes)[codes]
    kind_dtype = pd.CategoricalDtype(arts["kind"].cat.categories, ordered=arts["kind"].cat.ordered)
    weight = arts["weight"].to_numpy()[art]
    generic = arts["generic"].to_numpy()[art]
    return pd.DataFrame(
        {
            "acct": link_acct[keep],
            "community": community,
            "art": art,
            "n_in": n_in,
            "kind": pd.Categorical.from_codes(arts["kind"].cat.codes.to_numpy()[art], dtype=kind_dtype),
            "df": df[art],
            "weight": weight,
            "generic": generic,
            "evidence": (n_in >= 2) & ~generic & (weight > 0),
        }
    )


def regroup_member_links(ml: pd.DataFrame, membership: pd.DataFrame, touched: np.ndarray) -> pd.DataFrame:
    """:func:`member_links` for a new ``membership`` of the same accounts, where only the
    ``touched`` communities changed (a split): the rows stay (the same links, in link order);
    ``community`` is relabelled, ``n_in`` and ``evidence`` are counted again for touched rows.
    """
    acct = ml["acct"].to_numpy()
    comm_of = np.full(int(max(acct.max(initial=-1), membership["acct"].max()) + 1), -1, dtype=np.int64)
    comm_of[membership["acct"].to_numpy()] = membership["community"].to_numpy()
    community = comm_of[acct]
    rows = np.flatnonzero(np.isin(community, touched))
    art = ml["art"].to_numpy()[rows]
    codes, _ = pd.factorize(community[rows] * (int(art.max(initial=0)) + 1) + art)
    n_in = ml["n_in"].to_numpy().copy()
    n_in[rows] = np.bincount(codes)[codes]
    evidence = (n_in >= 2) & ~ml["generic"].to_numpy() & (ml["weight"].to_numpy() > 0)
    return ml.assign(community=community, n_in=n_in, evidence=evidence)


def member_evidence(membership: pd.DataFrame, ev: pd.DataFrame, params: ScoringParams, n_accounts: int) -> pd.DataFrame:
    """Evidence score and role of every member.

    Each evidence link counts ``weight × breadth``, where breadth grows with how many
    members share the artifact (a pair counts a quarter, ``network_min_members`` or more
    count fully). Within a kind the strongest link counts fully and the others at
    ``repeat_factor``, so ten IPs from one proxy pool do not outweigh a shared card.
    The score is ``1 − exp(−S / evidence_scale)``. A member is core when it survives in the
    bipartite core of its cluster's evidence graph (:func:`~linkgraph.scoring.features.peel_core`),
    counting only the artifacts that belong to the cluster (:func:`owned_links`); the IPs of
    a member that meets no group of the cluster on them count as one weak link
    (:func:`unpaired_ip_links`).
    """
    span = max(params.network_min_members - 1, 1)
    value = ev["weight"].to_numpy() * np.clip((ev["n_in"].to_numpy() - 1) / span, 0.0, 1.0)
    acct = ev["acct"].to_numpy().astype(np.int64)
    kind = ev["kind"].cat.codes.to_numpy().astype(np.int64)
    members = membership.set_index("acct")
    slot = np.full(int(max(members.index.max(), acct.max(initial=-1))) + 1 if len(members) else 0, -1, np.int64)
    slot[members.index.to_numpy()] = np.arange(len(members))
    strength, n_shared = _strength(slot[acct], kind, value, len(members), params.repeat_factor)
    kinds = ev["kind"].cat.categories
    payment = kind == (kinds.get_loc("payment") if "payment" in kinds else -2)
    members["strength"] = strength
    members["n_shared"] = n_shared
    members["hard"] = np.bincount(slot[acct[payment]], minlength=len(members)) > 0
    members["evidence_score"] = 1.0 - np.exp(-members["strength"] / params.evidence_scale)
    sizes = membership["community"].value_counts()
    own = ev[owned_links(ev, sizes, n_accounts, params)]
    core_accounts = distinct_ints(own["acct"].to_numpy())[0]
    hard = (own["kind"] == "payment").to_numpy()
    survived = peel_core(
        own["community"].to_numpy(),
        own["acct"].to_numpy(),
        own["art"].to_numpy(),
        evidence_class_codes(own["kind"]),  # a fingerprint and its family are one kind of evidence
        params.core_min_links,
        2,
        np.where(hard, params.hard_min_members, params.network_min_members),
        unpaired_ip_links(own, params.cell_ip_share),
        params.network_min_members,
    )
    is_core = members.index.isin(core_accounts[survived])
    members["role"] = np.where(is_core, "core", "peripheral")
    return members.reset_index()


def owned_links(ev: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams) -> np.ndarray:
    """Which evidence links tie a member to its cluster: a fair share of the artifact's users are there.

    Five members among 1,500 users of a popular template is a coincidence. A fair share is
    ``min_exclusivity`` of the users, and at least ``min_lift`` times what chance puts in a
    cluster of that size (``size / n_accounts`` of any artifact's users), capped at
    ``max_exclusivity``: in a cluster of 5% of all accounts, 5% of a template's users is
    what any popular template has. ``sizes``: members per community.
    """
    size = sizes.reindex(ev["community"].to_numpy()).to_numpy(dtype=np.float64)
    by_chance = np.minimum(params.min_lift * size / max(n_accounts, 1), params.max_exclusivity)
    need = np.maximum(params.min_exclusivity, by_chance)
    return np.asarray(ev["n_in"].to_numpy() >= need * ev["df"].to_numpy())


PAIR_IPS = 16
"""IPs per member compared for :func:`unpaired_ip_links`: its most shared ones (the cost is quadratic in it)."""
PAIR_ALPHA = 0.01
"""How unlikely by chance a member's best pair of shared IPs must be (over all its pairs) to tie it."""


def unpaired_ip_links(own: pd.DataFrame, cell_share: float) -> np.ndarray:
    """IP links of members that meet no group of the cluster on their IPs: weak core evidence.

    A hydra cell's members meet each other on the same few private exits again and again.
    A customer of the proxy pool the cell rents sends each request from a random exit, so
    it meets one cell on one exit and another cell on the next: it bridges cells, it is not
    one of them. The same holds for households on a carrier's NAT pool, tied to each other
    by nothing but the pool. A member's shared IPs are weak (together one link, which
    corroborates a tie to the cluster but does not make one:
    :func:`~linkgraph.scoring.features.peel_core`) when it has two or more, none serves
    ``cell_share`` of the cluster's members on shared IPs (the cluster's own exit), and no
    pair of them is shared by more other members than chance explains. Chance, when members
    use IPs in proportion to how many they use, puts ``(n_i − 1)(n_j − 1) · Σk² / (Σk)²``
    others on two IPs used by ``n_i`` and ``n_j`` members (Poisson; ``k``: each member's
    shared IPs, :func:`_ip_users`; with equal ``k`` this is ``… / N``); the member's best
    pair must be rarer than :data:`PAIR_ALPHA` over all its pairs. Only each member's :data:`PAIR_IPS` most shared
    IPs are compared. ``own``: ``community, acct, art, kind, n_in``. Returns a boolean per
    row of ``own``.
    """
    acct = own["acct"].to_numpy().astype(np.int64)
    if not len(acct):
        return np.zeros(0, dtype=bool)
    is_ip = (own["kind"] == "ip").to_numpy()
    accounts, a_idx = distinct_ints(acct)
    n_in = own["n_in"].to_numpy().astype(np.float64)
    k = np.bincount(a_idx[is_ip], minlength=len(accounts))
    on_ips, rate = _ip_users(own["community"].to_numpy().astype(np.int64), a_idx, k, is_ip)
    paired = np.bincount(a_idx[is_ip & (n_in >= cell_share * on_ips)], minlength=len(accounts)) > 0
    rows = np.flatnonzero(is_ip & (k >= 2)[a_idx] & ~paired[a_idx])
    paired |= _significant_pairs(own, rows, a_idx, n_in, rate, len(accounts))
    return is_ip & ((k >= 2) & ~paired)[a_idx]


def _ip_users(
    community: np.ndarray, a_idx: np.ndarray, k: np.ndarray, is_ip: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per row: its community's members with shared IPs, and their co-use rate ``Σ k² / (Σ k)²``.

    ``k``: shared IPs per member. The rate is the chance that one member is on two given IPs,
    per pair of the IPs' other users, when members use IPs in proportion to how many they use
    (a configuration model): a heavy user of a pool meets more of it than a light one. With
    equal ``k`` it is ``1 / N``.
    """
    first = np.flatnonzero(is_ip)[np.unique(a_idx[is_ip], return_index=True)[1]]  # one row per member
    frame = pd.DataFrame({"c": community[first], "k": k[a_idx[first]].astype(np.float64)})
    frame["k2"] = frame["k"] ** 2
    sums = frame.groupby("c").agg(n=("k", "size"), k=("k", "sum"), k2=("k2", "sum"))
    per_row = sums.reindex(community)
    rate = (per_row["k2"] / per_row["k"] ** 2).fillna(1.0).to_numpy()
    return per_row["n"].fillna(0.0).to_numpy(), rate


def _significant_pairs(
    own: pd.DataFrame, rows: np.ndarray, a_idx: np.ndarray, n_in: np.ndarray, rate: np.ndarray, n_accounts: int
) -> np.ndarray:
    """Per account: a pair of its IPs (among ``rows``) is shared by improbably many other members
    (``rate``: per row, its community's co-use rate, :func:`_ip_users`)."""
    found = np.zeros(n_accounts, dtype=bool)
    ips = np.flatnonzero((own["kind"] == "ip").to_numpy())
    community = own["community"].to_numpy().astype(np.int64)
    art = own["art"].to_numpy().astype(np.int64)
    node = np.full(len(own), -1, dtype=np.int64)
    node[ips] = pd.factorize(community[ips] * (int(art.max(initial=0)) + 1) + art[ips])[0]
    n_nodes = int(node.max(initial=-1)) + 1
    asking = np.zeros(n_accounts, dtype=bool)
    asking[a_idx[rows]] = True
    # every member's most shared IPs, so that others meeting the asking members are counted too
    order = ips[np.lexsort((art[ips], -n_in[ips], a_idx[ips]))]
    who = a_idx[order]
    top = np.arange(len(who)) - np.searchsorted(who, who, side="left") < PAIR_IPS
    order, who = order[top], who[top]
    keys, left, right = [], [], []
    for step in range(1, PAIR_IPS):
        same = np.flatnonzero(who[step:] == who[:-step])
        if not len(same):
            break
        a, b = node[order[same]], node[order[same + step]]
        keys.append(np.minimum(a, b) * n_nodes + np.maximum(a, b))
        left.append(order[same])
        right.append(order[same + step])
    if not keys:
        return found
    key, first, second = np.concatenate(keys), np.concatenate(left), np.concatenate(right)
    codes = pd.factorize(key)[0]
    others = np.bincount(codes)[codes] - 1
    ask = asking[a_idx[first]] & (others >= 1)
    first, second, others = first[ask], second[ask], others[ask]
    chance = (n_in[first] - 1) * (n_in[second] - 1) * rate[first]
    p_value = pdtrc(others - 1, chance)  # P(at least `others` by chance)
    k = np.minimum(np.bincount(who, minlength=n_accounts), PAIR_IPS)[a_idx[first]]
    significant = p_value * np.maximum(k * (k - 1) / 2, 1) <= PAIR_ALPHA
    found[a_idx[first[significant]]] = True
    return found


def owned_generic(ml: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams) -> np.ndarray:
    """Generic templates (too popular to carry edges) that still belong to one cluster.

    A popular framework's prompt is spread over the population; an operation's own paraphrase
    family, used by more than 1% of all accounts only because the operation is that large, has
    nearly all its users in the operation's cluster: at least ``generic_owned_share`` of them
    (and the fair share of :func:`owned_links`).
    """
    is_template = ml["kind"].isin(["fingerprint", "family"]).to_numpy()
    n_in, df = ml["n_in"].to_numpy(), ml["df"].to_numpy()
    candidate = is_template & ml["generic"].to_numpy() & (n_in >= 2) & (n_in >= params.generic_owned_share * df)
    return candidate & owned_links(ml, sizes, n_accounts, params)


def _strength(
    member: np.ndarray, kind: np.ndarray, value: np.ndarray, n_members: int, repeat: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per member: the sum over kinds of ``best + repeat × (rest)`` of its link values, and its link count."""
    n_kinds = int(kind.max()) + 1 if kind.size else 1
    key = member * n_kinds + kind
    order = np.argsort(key, kind="stable")
    sorted_key, v = key[order], value[order]
    starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]]) if len(key) else np.zeros(0, np.int64)
    if not len(starts):
        return np.zeros(n_members), np.zeros(n_members, dtype=int)
    best = np.maximum.reduceat(v, starts)
    score = best + repeat * (np.add.reduceat(v, starts) - best)
    owner = sorted_key[starts] // n_kinds
    return np.bincount(owner, weights=score, minlength=n_members), np.bincount(member, minlength=n_members)
