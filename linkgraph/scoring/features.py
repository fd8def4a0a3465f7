"""Per-cluster features computed from member links (pure, vectorised).

Every function takes plain arrays/DataFrames and returns one value per cluster, indexed by
the cluster's community label.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.codes import distinct_ints
from linkgraph.scoring.population import HOUR_NS, CreationHours


def burst_share(
    community: np.ndarray,
    created_ns: np.ndarray,
    population: CreationHours,
    window_hours: int = 12,
    min_peers: int = 3,
    lift: float = 10.0,
) -> pd.Series:
    """Share of each cluster's members created in a burst.

    A member is in a burst when at least ``min_peers`` other members were created within
    ``±window_hours`` of it and that is ``lift`` times more than the cluster would have if
    its members had signed up like everyone else did *at that time*: ``(size − 1) ×`` the
    share of all other accounts (outside the cluster) created in the hours around the
    member's (hourly counts, :class:`~linkgraph.scoring.population.CreationHours`). A service
    that grows, launches or imports old accounts has uneven sign-ups; a uniform pace over
    the whole span would make every recent cluster look bursty (one account from 2007
    stretches the span to years). The cluster's own sign-ups are left out of the baseline,
    or an operation that is most of a small world's sign-ups that day would explain itself.
    Peers are counted in integer nanoseconds, per cluster, so a cluster's share depends on
    its own members and the population only (not on other clusters or on its label).
    """
    valid = created_ns != np.iinfo(np.int64).min
    frame = pd.DataFrame({"c": community[valid], "t": created_ns[valid]}).sort_values(["c", "t"], kind="stable")
    if frame.empty or population.total == 0:
        return pd.Series(dtype=float)
    c = frame["c"].to_numpy()
    t = frame["t"].to_numpy().astype(np.int64)
    starts = np.searchsorted(c, c, side="left")
    ends = np.searchsorted(c, c, side="right")
    sizes = ends - starts
    step = window_hours * HOUR_NS
    lo = _rows_before(c, t, t - step, strict=True)
    hi = _rows_before(c, t, t + step, strict=False)
    peers = hi - lo - 1
    hour = np.floor_divide(t, HOUR_NS)
    own_lo = _rows_before(c, t, (hour - window_hours) * HOUR_NS, strict=True)
    own_hi = _rows_before(c, t, (hour + window_hours + 1) * HOUR_NS, strict=True)
    others = np.maximum(population.around(t, window_hours) - (own_hi - own_lo), 0)
    expected = (sizes - 1) * others / np.maximum(population.total - sizes, 1)
    in_burst = (peers >= min_peers) & (peers >= lift * expected)
    return pd.Series(in_burst, index=c).groupby(level=0).mean()


def _rows_before(c: np.ndarray, t: np.ndarray, query: np.ndarray, strict: bool) -> np.ndarray:
    """Per row ``i``: rows of ``(c, t)`` (sorted) ordered before ``(c[i], query[i])``, i.e. with a
    smaller cluster, or the same cluster and ``t < query[i]`` (``<=`` unless ``strict``)."""
    n = len(c)
    first, then = (1, 0) if strict else (0, 1)  # a query sorts before (strict) or after equal rows
    flag = np.r_[np.full(n, first, dtype=np.int8), np.full(n, then, dtype=np.int8)]
    order = np.lexsort((flag, np.r_[t, query], np.r_[c, c]))
    is_row = order < n
    before: np.ndarray = np.cumsum(is_row) - is_row.astype(np.int64)
    out = np.empty(n, dtype=np.int64)
    out[order[~is_row] - n] = before[~is_row]
    return out


def grouped_float(frame: pd.DataFrame, keys: list[str], column: str, how: str) -> pd.Series:
    """``frame.groupby(keys)[column]`` summed or averaged (``how``) by one kernel, whatever the keys' order.

    pandas (3.1) sums the groups with ``np.add.reduceat`` when the rows' group keys are sorted
    and with its compensated (Kahan) kernel otherwise, so a group's float sum would depend on
    the other groups in the frame (a community scored alone has sorted keys). A first row
    whose key is above all others keeps the keys unsorted, so every group is summed by the
    compensated kernel, in row order, alone or among others; that row's group is dropped.
    """
    if frame.empty:
        return frame.groupby(keys, observed=True)[column].agg(how)
    first = frame.iloc[:1].copy()
    above = frame[keys[0]].max() + 1
    first[keys[0]] = above
    out = pd.concat([first, frame]).groupby(keys, observed=True)[column].agg(how)
    return out[out.index.get_level_values(0) != above]


def owned_domain_share(
    community: np.ndarray,
    domain: pd.Series,
    global_counts: pd.Series,
    min_members: int = 5,
    min_ownership: float = 0.5,
    home: np.ndarray | None = None,
) -> pd.Series:
    """Share of a cluster's members on email domains the cluster *owns* (:func:`owned_members`)."""
    return member_share(community, owned_members(community, domain, global_counts, min_members, min_ownership, home))


def member_share(community: np.ndarray, mask: np.ndarray) -> pd.Series:
    """Per cluster with at least one member in ``mask`` (one flag per member): the share of its members in it."""
    if not mask.any():
        return pd.Series(dtype=float)
    hits = pd.Series(mask, index=community).groupby(level=0).sum()
    hits = hits[hits > 0]
    sizes = pd.Series(community).value_counts()
    return (hits / sizes.reindex(hits.index)).astype(float)


def owned_members(
    community: np.ndarray,
    domain: pd.Series,
    global_counts: pd.Series,
    min_members: int = 5,
    min_ownership: float = 0.5,
    home: np.ndarray | None = None,
) -> np.ndarray:
    """Per member: whether it is on an email domain its cluster *owns*.

    A domain is owned by a cluster when at least ``min_ownership`` of all accounts on that
    domain are in the cluster (a company's own domain), so webmail never counts, and at
    least ``min_members`` of its members are on it: a throwaway domain per cell of three or
    four accounts (hundreds of them in one cluster) is no company, and, as for any network
    tie, it takes five. Every owned domain counts: a cluster holding two small companies is
    as much an organisation as one.

    ``home`` (per member: on its domain's home network, :mod:`linkgraph.scoring.home`) also
    makes a domain the cluster's own when ``min_members`` of its members on it are at home
    there (a company split between communities); those members count.
    """
    codes, names = pd.factorize(domain)
    has = codes >= 0
    key = np.asarray(community, dtype=np.int64) * (len(names) + 1) + codes  # (cluster, domain)
    total = np.full(len(codes), np.nan)
    total[has] = global_counts.reindex(names).to_numpy(dtype=np.float64, na_value=np.nan)[codes[has]]
    k = _group_sizes(key, has)
    owned = has & (k >= min_members) & (k >= min_ownership * total)
    if home is not None:
        at_home = np.asarray(home, dtype=bool) & has
        owned |= _group_sizes(key, at_home) >= min_members
    return np.asarray(owned, dtype=bool)


def _group_sizes(key: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per row: how many of the selected ``rows`` share its ``key`` (0 for rows not selected)."""
    out = np.zeros(len(key), dtype=np.int64)
    if rows.any():
        _, inverse, counts = np.unique(key[rows], return_inverse=True, return_counts=True)
        out[rows] = counts[inverse.ravel()]
    return out


def tenant_share(community: np.ndarray, domain: pd.Series, global_counts: pd.Series) -> pd.Series:
    """Share of a cluster's members on an email domain of their own: no other account uses it.

    A platform that opens one account per customer (a proctoring vendor's exam centres, a
    chat bot's workspaces, an app builder's shops) drives them all through its egress IPs,
    its templates and its scheduler; each account's own domain says it belongs to a different
    organisation. Webmail, and an operation's throwaway, alias and vanity domains, are shared
    by many accounts.
    """
    counts = _domain_counts(community, domain, global_counts)
    return _member_share(counts.assign(k=counts["k"].where(counts["total"] == 1, 0)), community)


def _domain_counts(community: np.ndarray, domain: pd.Series, global_counts: pd.Series) -> pd.DataFrame:
    """``c, d, k, total``: members of cluster ``c`` on domain ``d``, and all accounts on it."""
    frame = pd.DataFrame({"c": community, "d": domain.to_numpy()}).dropna()
    counts = frame.groupby(["c", "d"], observed=True).size().rename("k").reset_index()
    counts["total"] = counts["d"].map(global_counts).to_numpy()
    return counts


def _member_share(counts: pd.DataFrame, community: np.ndarray) -> pd.Series:
    """Per cluster: the share of its members counted in ``counts`` (rows ``c, k``)."""
    hits = counts.groupby("c")["k"].sum()
    sizes = pd.Series(community).value_counts()
    return (hits / sizes.reindex(hits.index)).astype(float)


def organisation(owned_share: pd.Series, majority: float = 0.5) -> pd.Series:
    """How far a cluster is an organisation on its own domains, in [0, 1].

    0 while at most ``majority`` of its members are on owned domains, rising linearly to 1
    when all are. A domain held by a minority does not explain the rest of the cluster's
    shared infrastructure: a cell that registers a cheap domain for a third of its accounts
    is not a company. ``owned_share`` may add the :func:`tenant_share` (a platform's
    customers, each on its own domain).
    """
    return ((owned_share - majority) / (1.0 - majority)).clip(lower=0.0, upper=1.0)


CORROBORATING = (
    "payment_share",
    "lockstep_share",
    "cell_lockstep_share",
    "prompt_pair_share",
    "model_pivot",
    "volume",
    "known_bad",
)
"""Cluster features that say more than "these accounts share infrastructure or templates":
a hard link, timing, behaviour, ties to enforced accounts."""
COORDINATING = ("ip_share", "payment_share", "lockstep_share", "cell_lockstep_share", "prompt_pair_share", "known_bad")
"""Cluster features that say the accounts act together: shared infrastructure, a hard link,
timing, ties to enforced accounts (not behaviour each account shows on its own)."""
BEHAVING = (
    "lockstep_share",
    "cell_lockstep_share",
    "prompt_pair_share",
    "wave_share",
    "session_share",
    "model_pivot",
    "volume",
    "known_bad",
)
"""Cluster features that show what an operation does with its accounts: timing (lockstep, the
cluster's own waves or sessions), a jump onto a new model, volume, ties to enforced accounts."""


def uncorroborated(
    clusters: pd.DataFrame, floor: float, measurable: bool, banned: pd.Series | None = None
) -> pd.Series:
    """How far a cluster rests on shared IPs and templates alone, or on templates alone, in [0, 1].

    A platform's customers behind its egress IPs, the users of one carrier NAT, the viewers
    of a tutorial running its prompts: one common cause explains what they share. An
    operation leaves more: a shared card, synchronized sends, a jump onto a new model,
    volume far above the population, ties to banned accounts. ``1 − c / floor`` (clipped),
    where ``c`` is the largest of the :data:`CORROBORATING` shares; 0 once any of them
    reaches ``floor``.

    Accounts that share nothing but templates (no IP, no card, no minute, no ban tie: the
    :data:`COORDINATING` shares) are independent people on one public prompt set, such as a
    benchmark's volunteers, who all run its fixed prompts within hours of a model's release
    at high volume: a jump to a new model and volume are behaviour each of them shows on its
    own, so for them only coordination corroborates (``1 − max(coordinating) / floor``, the
    larger of the two terms counts).

    Accounts that share cards, IPs and templates but do nothing an operation does (none of
    the :data:`BEHAVING` shares: no timing, no jump onto a new model, no volume above the
    population, no ban tie) are people who know each other: friends who pool a prepaid card
    that their local banks will not issue, met at a meetup and paste its community's helper
    prompt, then send like anyone else (``1 − max(behaving) / floor``; the largest of the
    three terms counts). On the 188 survey runs no listed operation read below 0.27 there.

    0 everywhere when the request log is absent (``measurable`` False: timing and behaviour
    cannot be seen, so their absence says nothing), and where ``banned`` is true: an
    operator's batches that the provider keeps banning
    (:func:`~linkgraph.scoring.independence.banned_batches`), a tie to bans in the cluster itself.
    """
    if not measurable or floor <= 0:
        return pd.Series(0.0, index=clusters.index)

    def missing(columns: tuple[str, ...]) -> pd.Series:
        present = [c for c in columns if c in clusters.columns]
        best = clusters[present].max(axis=1) if present else pd.Series(0.0, index=clusters.index)
        return (1.0 - best / floor).clip(lower=0.0, upper=1.0)

    out = pd.concat([missing(CORROBORATING), missing(COORDINATING), missing(BEHAVING)], axis=1).max(axis=1)
    return out if banned is None else out.where(~banned.reindex(out.index, fill_value=False), 0.0)


def unanchored_rotation(
    multi_ip: pd.Series, hub: pd.Series, organisation: pd.Series, cohesion: pd.Series, cell_share: float = 0.25
) -> pd.Series:
    """Rotation through a cell's own IPs that no organisation explains, in [0, 1].

    ``multi_ip × (1 − max(hub, organisation)) × min(1, cohesion / cell_share)``: members
    rotating through several IPs they share with each other (a hydra cell's private proxies)
    count fully unless the cluster looks like an organisation (one billing card behind most
    of it, or its own email domains) or the IPs are a pool rather than the cell's own. A
    company's VPN egress pool comes with its billing hub or its domain; a cell that pays
    with a fresh card per account and signs up on webmail has neither. ``cohesion`` is how
    much of the cluster a member's shared IP typically serves (:func:`ip_cohesion`): each of
    a cell's few exits carries a good part of the cell, while a carrier NAT pool's users each
    meet a small random sample of the others on every address.
    """
    anchor = np.maximum(hub.to_numpy(dtype=float), organisation.to_numpy(dtype=float))
    own = np.clip(cohesion.to_numpy(dtype=float) / cell_share, 0.0, 1.0)
    return (multi_ip * (1.0 - anchor) * own).clip(lower=0.0, upper=1.0)


def ip_cohesion(ip_links: pd.DataFrame, size: pd.Series) -> pd.Series:
    """Per cluster, the median over members of the mean share of the cluster on each of the
    member's shared IPs (``ip_links``: ``community, acct, n_in``; ``size``: members per cluster)."""
    if ip_links.empty:
        return pd.Series(dtype=float)
    share = ip_links["n_in"].to_numpy() / size.reindex(ip_links["community"]).to_numpy()
    frame = pd.DataFrame({"c": ip_links["community"].to_numpy(), "a": ip_links["acct"].to_numpy(), "s": share})
    per_member = grouped_float(frame, ["c", "a"], "s", "mean")  # the same bits alone or among other clusters
    return per_member.groupby(level="c").median()


def dispersion(n_networks: pd.Series, saturate_at: int = 8) -> pd.Series:
    """Spread of shared infrastructure over networks (ASNs), in [0, 1]: log-scaled count."""
    return np.clip(np.log1p(n_networks) / np.log1p(saturate_at), 0.0, 1.0)


def peel_core(
    community: np.ndarray,
    acct: np.ndarray,
    art: np.ndarray,
    kind: np.ndarray,
    min_links: int = 3,
    min_kinds_alt: int = 2,
    min_sharers: int | np.ndarray = 5,
    weak: np.ndarray | None = None,
    wide_sharers: int = 5,
    exclusive: np.ndarray | None = None,
    echo: np.ndarray | None = None,
) -> np.ndarray:
    """Accounts in the bipartite core of their cluster's evidence graph.

    ``min_sharers`` may be one number or one per link (a shared card may count from two
    sharers, a shared IP only from five).

    Repeatedly drop artifacts shared by fewer than ``min_sharers`` surviving members of the
    cluster, and accounts left with fewer than ``min_links`` surviving links (or fewer than
    two, when those two are of ``min_kinds_alt`` different kinds). What survives is the
    cluster's core: a member tied to the cluster only through a pair-wise link or one
    shared residential IP falls away. ``weak`` links (optional, per link) count for their
    artifact's sharers, but all of a member's weak links together count as one link, and
    as a kind of their own only next to another link that ``wide_sharers`` surviving members
    share (they corroborate a tie to the cluster; they do not make one, and a card shared
    by a pair is not one). ``exclusive`` (optional, per link): how many surviving members
    must share the link's artifact for it to be the core's alone (``inf``: never); two such
    links keep an account whatever their kinds. ``echo`` (optional, per link): a link that
    repeats another link of the same account to an artifact with exactly the same sharers (an
    exact prompt and its template family when nobody paraphrases it); it counts for its
    artifact's sharers but not as a link of its own (the two always survive together).
    Returns a boolean per distinct account in ``acct`` order of ``np.unique(acct)``.
    """
    accounts, a_idx = distinct_ints(acct)
    x_idx = pd.factorize(community.astype(np.int64) * (int(art.max()) + 1 if art.size else 1) + art)[0]
    n_x = int(x_idx.max()) + 1 if x_idx.size else 0
    kind_codes = pd.factorize(kind)[0]
    n_kinds = int(kind_codes.max()) + 1 if kind_codes.size else 1
    need = np.broadcast_to(np.asarray(min_sharers), acct.shape)
    weak = np.zeros(acct.shape, dtype=bool) if weak is None else np.asarray(weak, dtype=bool)
    exclusive = np.full(acct.shape, np.inf) if exclusive is None else np.asarray(exclusive, dtype=np.float64)
    echo = np.zeros(acct.shape, dtype=bool) if echo is None else np.asarray(echo, dtype=bool)
    alive = np.arange(len(accounts))  # the accounts still linked, in a_idx's (dense) numbering
    while True:  # peel on the surviving links only: each round works on fewer rows and accounts
        n_acc = len(alive)
        sharers = np.bincount(x_idx, minlength=n_x)
        has_weak = np.bincount(a_idx[weak], minlength=n_acc) > 0
        links = np.bincount(a_idx[~weak & ~echo], minlength=n_acc) + has_weak
        per_kind = np.bincount(a_idx[~weak] * n_kinds + kind_codes[~weak], minlength=n_acc * n_kinds)
        wide = np.bincount(a_idx[~weak & (sharers[x_idx] >= wide_sharers)], minlength=n_acc) > 0
        kinds = np.bincount(np.flatnonzero(per_kind) // n_kinds, minlength=n_acc) + (has_weak & wide)
        ok_acct = (links >= min_links) | ((links >= 2) & (kinds >= min_kinds_alt))
        ok_acct |= np.bincount(a_idx[(sharers[x_idx] >= exclusive) & ~weak], minlength=n_acc) >= 2
        nxt = (sharers[x_idx] >= need) & ok_acct[a_idx]
        if nxt.all():
            break
        x_idx, kind_codes, need = x_idx[nxt], kind_codes[nxt], need[nxt]
        weak, exclusive, echo = weak[nxt], exclusive[nxt], echo[nxt]
        kept, a_idx = distinct_ints(a_idx[nxt])
        alive = alive[kept]
    survived = np.zeros(len(accounts), dtype=bool)
    survived[alive] = True
    return survived
