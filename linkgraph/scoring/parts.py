"""Split a cluster whose core falls apart: parts of the core that share no evidence are scored apart.

Leiden may put two groups in one community although no artifact ties one to the other (for
instance a company with its own domain, card and office IP next to a payment reseller). Each
group can pass the core peel on its own evidence, so both would be exported on the risk of
the larger one. :func:`disjoint_core_parts` finds, per community, the connected parts of the
core's own evidence graph (core accounts and the artifacts at least two of them share); every
part but the largest that has at least ``min_part`` accounts becomes a community of its own
(its core accounts move; peripheral members stay). :func:`~linkgraph.scoring.score.score`
then scores the new membership once more, so each part carries its own features and risk.

A *template team* is split the same way (:func:`template_team`): a small minority of the
core tied by two or more of the cluster's own templates, such as part of an operation that
Leiden put among the carrier or proxy-pool users whose exits it shares.

A *billing hub* does not join parts (:func:`billing_hubs`): a payment method that bills many
accounts the core does not hold, such as a reseller's or an app platform's billing token. An
operation's batch billed through it and an office of the reseller's customers each pass the
peel on the token and their own evidence, and share nothing else.

Nor does an address the core shares with members it does not hold (:func:`shared_exits`): a
carrier's NAT or a DHCP pool's address that an operation's accounts, an office on its own card
and the households around them all pass through ties none of them to the others.

Nor does a public prompt (:func:`public_prompts`): a prompt nearly every user pasted once
(:func:`~linkgraph.graph.light_prompts`) of which the core holds only a few users. An
operation's cover traffic and the households Leiden put beside it both paste the same famous
example once; that ties neither to the other. Nor does a template that fewer than five core
members share and the core holds less than half of (:func:`shared_templates`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.special import bdtrc

from linkgraph.scoring.prompt_pairs import prompt_pair_teams


def disjoint_core_parts(
    members: pd.DataFrame,
    own: pd.DataFrame,
    min_part: int,
    team_share: float = 0.0,
    sole_share: float | None = None,
    crowd_size: float = 0.0,
    n_accounts: int = 0,
) -> pd.DataFrame | None:
    """``acct, community`` with split parts relabelled, or None when no community splits.

    ``members`` has ``acct, community, role``; ``own`` the evidence links that count for the
    core (``acct, community, art``, and ``kind`` when ``team_share`` > 0). ``team_share``: a
    template team (:func:`template_team`) of at most this share of its core is a part of its own.
    ``sole_share`` (needs ``n_in, df`` in ``own``): so is each team of :func:`sole_teams` in a
    crowd (a community of more than ``crowd_size`` members); an operation's own cluster is not
    cut into its cells. ``n_accounts`` (all accounts) lets those teams leave out the templates
    a crowd holds by its mass alone (:func:`sole_by_more_than_chance`).
    """
    core = members.loc[members["role"].eq("core"), ["acct", "community"]]
    if core.empty:
        return None
    links = own[own["acct"].isin(core["acct"])]
    community, art = links["community"].to_numpy().astype(np.int64), links["art"].to_numpy().astype(np.int64)
    art_node = pd.factorize(community * (int(art.max(initial=0)) + 1) + art)[0]  # one node per (community, artifact)
    acct_codes = pd.Index(core["acct"].to_numpy())
    src = acct_codes.get_indexer(links["acct"].to_numpy())
    dst = np.asarray(art_node, dtype=np.int64).ravel() + len(core)
    n = len(core) + (int(dst.max()) - len(core) + 1 if len(dst) else 0)
    graph = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    frame = pd.DataFrame({"acct": core["acct"].to_numpy(), "community": core["community"].to_numpy()})
    frame["part"] = label[: len(core)].astype(np.int64)
    if team_share > 0:
        team = template_team(frame, links, min_part, team_share)
        frame.loc[team, "part"] = n + frame.loc[team, "community"].to_numpy()  # past every component label
        group = network_groups(frame, links, min_part, team_share)
        frame.loc[group >= 0, "part"] = int(frame["part"].max()) + 1 + group[group >= 0]
        if sole_share is not None:
            per_community = members["community"].value_counts()
            in_crowd = links["community"].isin(per_community.index[per_community > crowd_size]).to_numpy()
            held = per_community / n_accounts if n_accounts > 0 else None
            sole = sole_teams(frame, links[in_crowd], min_part, team_share, sole_share, held)
            frame.loc[sole >= 0, "part"] = n + int(frame["community"].max()) + 1 + sole[sole >= 0]
            rewrite = rewrite_teams(frame, links[in_crowd], min_part, team_share)
            frame.loc[rewrite >= 0, "part"] = int(frame["part"].max()) + 1 + rewrite[rewrite >= 0]  # past every label
            pods = prompt_pair_teams(frame, links[in_crowd], min_part, team_share, sole_share)
            frame.loc[pods >= 0, "part"] = int(frame["part"].max()) + 1 + pods[pods >= 0]
    sizes = frame.groupby(["community", "part"]).size().rename("n").reset_index()
    sizes = sizes.sort_values(["community", "n", "part"], ascending=[True, False, True])
    sizes["rank"] = sizes.groupby("community").cumcount()
    moving = sizes[(sizes["rank"] > 0) & (sizes["n"] >= min_part)]
    if moving.empty:
        return None
    start = int(members["community"].max()) + 1
    new_id = pd.Series(start + np.arange(len(moving)), index=pd.MultiIndex.from_frame(moving[["community", "part"]]))
    key = pd.MultiIndex.from_frame(frame[["community", "part"]])
    moved = key.isin(new_id.index)
    relabel = pd.Series(new_id.reindex(key[moved]).to_numpy(), index=frame.loc[moved, "acct"].to_numpy())
    out = members[["acct", "community"]].copy()
    hit = out["acct"].isin(relabel.index).to_numpy()
    out.loc[hit, "community"] = relabel.reindex(out.loc[hit, "acct"]).to_numpy()
    return out.reset_index(drop=True)


HUB_OUTSIDE_SHARE = 0.25
"""A payment method is a billing hub when at least this share of its users are not its cluster's core."""


def shared_exits(own: pd.DataFrame, members: pd.DataFrame, exclusive_share: float) -> np.ndarray:
    """Which rows of ``own`` (evidence links: ``acct, community, art, kind, df``) link an IP that
    is not the core's own exit: fewer than ``exclusive_share`` of its users are core members
    (``members``: ``acct, role``). A carrier's NAT, a DHCP pool's address or a proxy pool's exit
    serves households and customers around the core; an office on its own card and an
    operation's cell may each meet them there, and share nothing else."""
    return _thinly_held(own, (own["kind"] == "ip").to_numpy(), members, exclusive_share)


def public_prompts(own: pd.DataFrame, members: pd.DataFrame, hold: float, light: np.ndarray) -> np.ndarray:
    """Which rows of ``own`` (evidence links: ``acct, community, art, kind, df``) link a public
    prompt: a light prompt (``light``, per artifact code) of which fewer than ``hold`` of its
    users are core members (``members``: ``acct, role``)."""
    if hold <= 0 or not len(light):
        return np.zeros(len(own), dtype=bool)
    return _thinly_held(own, light[own["art"].to_numpy()], members, hold)


TEMPLATE_HOLD = 0.5
"""The share of a template's users that must be core members for it to join parts of the core."""

TEMPLATE_KINDS = ("fingerprint", "family", "rewrite")


def shared_templates(
    own: pd.DataFrame, members: pd.DataFrame, min_members: int = 5, hold: float = TEMPLATE_HOLD
) -> np.ndarray:
    """Which rows of ``own`` (evidence links: ``acct, community, art, kind, df``) link a template
    that fewer than ``min_members`` core members (``members``: ``acct, role``) and fewer than
    ``hold`` of its users share.

    A prompt a few of the core share with the population ties none of its parts to another:
    two staff of a small company and one customer of a reseller whose exits an operation rents
    sent the same prompt as nine others, and it put the company with the operation (the
    seventh world at 10k seed 31: 23 staff listed once the operation's families were
    evidence). A template that five or more of them share is a network tie, as anywhere, and
    an operation's own templates are mostly its own.
    """
    kinds = own["kind"].isin(TEMPLATE_KINDS).to_numpy()
    out = np.zeros(len(own), dtype=bool)
    if kinds.any():
        users = _core_users(own[kinds], members)
        out[np.flatnonzero(kinds)[(users < min_members) & (users < hold * own["df"].to_numpy()[kinds])]] = True
    return out


def _thinly_held(own: pd.DataFrame, candidate: np.ndarray, members: pd.DataFrame, share: float) -> np.ndarray:
    """Which ``candidate`` rows of ``own`` link an artifact fewer than ``share`` of whose users are core members."""
    out = np.zeros(len(own), dtype=bool)
    if not candidate.any():
        return out
    rows = own[candidate]
    out[np.flatnonzero(candidate)[_core_users(rows, members) < share * rows["df"].to_numpy()]] = True
    return out


def billing_hubs(own: pd.DataFrame, members: pd.DataFrame, min_outside: int) -> np.ndarray:
    """Which rows of ``own`` (evidence links: ``acct, community, art, kind, df``) link a billing hub.

    A payment method is a hub in its cluster when ``min_outside`` or more of its users, and at
    least :data:`HUB_OUTSIDE_SHARE` of them, are not core members of the cluster (``members``:
    ``acct, role``): peripheral members, or accounts of other clusters. An operation's shared
    cards bill its core; a reseller's token bills customers whom nothing else ties to the
    cluster, whichever cluster Leiden put them in.
    """
    pay = (own["kind"] == "payment").to_numpy()
    if not pay.any():
        return pay
    rows = own[pay]
    users = rows["df"].to_numpy()
    outside = users - _core_users(rows, members)
    hub = (outside >= min_outside) & (outside >= HUB_OUTSIDE_SHARE * users)
    out = np.zeros(len(own), dtype=bool)
    out[np.flatnonzero(pay)[hub]] = True
    return out


def _core_users(rows: pd.DataFrame, members: pd.DataFrame) -> np.ndarray:
    """Per row of ``rows`` (``acct, community, art``): the core members of its community among
    the rows on its artifact (``members``: ``acct, role``)."""
    core = members.loc[members["role"].eq("core"), "acct"].to_numpy()
    is_core = np.isin(rows["acct"].to_numpy(), core).astype(np.int64)
    key = rows["community"].to_numpy().astype(np.int64) * (int(rows["art"].max()) + 1) + rows["art"].to_numpy()
    codes, _ = pd.factorize(key)
    return np.bincount(codes, weights=is_core)[codes]


def template_team(core: pd.DataFrame, own: pd.DataFrame, min_part: int, max_share: float) -> np.ndarray:
    """Which core members form a template team: a minority of the core tied by two or more of
    the cluster's own templates that the rest of the core hardly uses.

    A crowd of a carrier's or a proxy pool's users can hold part of an operation that shares
    their exits; its core is tied by the network. The operation's accounts are also tied by
    paraphrase families that belong to the cluster (most of their users are in it), while
    the crowd's users share public templates spread over everyone. The members with two or
    more such templates (exact fingerprints or families, whichever more) are a team when
    they are at least ``min_part`` and at most ``max_share`` of the core, and at most
    ``max_share`` of the rest of the core uses any template two of them share. A hydra cell
    whose members use one or two of its families each is one operation, not a team and a rest.
    """
    rows = own[own["kind"].isin(("fingerprint", "family")).to_numpy()]
    per_kind = rows.groupby(["community", "acct", "kind"], observed=True)["art"].nunique()
    best = per_kind.groupby(level=["community", "acct"]).max()
    tied = best[best >= 2].reset_index()[["community", "acct"]]
    n_tied = tied.groupby("community").size()
    n_core = core.groupby("community").size().reindex(n_tied.index)
    in_team = rows["acct"].isin(tied["acct"]).to_numpy()
    team_users = rows[in_team].groupby(["community", "art"], observed=True)["acct"].nunique()
    team_art = pd.MultiIndex.from_frame(team_users[team_users >= 2].reset_index()[["community", "art"]])
    crossing = rows[~in_team & pd.MultiIndex.from_frame(rows[["community", "art"]]).isin(team_art)]
    n_crossing = crossing.groupby("community")["acct"].nunique().reindex(n_tied.index).fillna(0)
    ok = (n_tied >= min_part) & (n_tied <= max_share * n_core) & (n_crossing <= max_share * (n_core - n_tied))
    team = tied.loc[tied["community"].isin(n_tied.index[ok.to_numpy()]), "acct"].to_numpy()
    return np.isin(core["acct"].to_numpy(), team)


SOLE_ALPHA = 0.001
"""A template is a crowd's alone only when its mass holds that many of its users with less than this probability."""


def sole_by_more_than_chance(n_in: np.ndarray, df: np.ndarray, held: np.ndarray) -> np.ndarray:
    """Whether a cluster that holds ``held`` of all accounts holds ``n_in`` of a template's
    ``df`` users with less than :data:`SOLE_ALPHA` probability by its mass alone (binomial).

    A crowd of half the world holds both users of a template two people share one time in
    four, and all five users of one in thirty-two cases; those chain its ordinary members
    into one team. An operation's own paraphrase family of a hundred users is not there by chance.
    """
    k = np.maximum(np.asarray(n_in, dtype=np.float64) - 1.0, 0.0)
    return bdtrc(k, np.asarray(df, dtype=np.int64), np.clip(held, 0.0, 1.0)) < SOLE_ALPHA


def sole_teams(
    core: pd.DataFrame,
    own: pd.DataFrame,
    min_part: int,
    max_share: float,
    sole_share: float,
    held: pd.Series | None = None,
) -> np.ndarray:
    """A team label per row of ``core`` (``acct, community``), -1 outside any: the members tied
    by two or more templates their cluster holds nearly alone (``sole_share`` of the users),
    grouped by the templates they share.

    An operation that sends popular templates as cover is tied by them to a third of a crowd's
    core, so :func:`template_team` finds no minority; its own paraphrase families are still
    the cluster's alone and used by its members only. Each group of members joined by such
    templates is a team when it has ``min_part`` to ``max_share`` of its cluster's core and
    fewer other core members use one of its templates than ``max_share`` of the team or of the
    rest of the core: a hydra cell whose members use one or two of its families each stays one
    (the members on one family are as many), while a company's staff on the company's own
    templates are a team too, and are scored as the company. ``held`` (per community, its
    share of all accounts) leaves out the templates the crowd holds by chance
    (:func:`sole_by_more_than_chance`).
    """
    out = np.full(len(core), -1, dtype=np.int64)
    templates = own[own["kind"].isin(("fingerprint", "family")).to_numpy()]
    if templates.empty:
        return out
    width = int(templates["art"].max()) + 1
    key = templates["community"].to_numpy().astype(np.int64) * width + templates["art"].to_numpy()  # per cluster
    sole = templates["n_in"].to_numpy() >= sole_share * templates["df"].to_numpy()
    if held is not None:
        share = templates["community"].map(held).fillna(0.0).to_numpy(dtype=np.float64)
        sole &= sole_by_more_than_chance(templates["n_in"].to_numpy(), templates["df"].to_numpy(), share)
    per_kind = templates[sole].groupby(["acct", "kind"], observed=True)["art"].nunique()
    best = per_kind.groupby(level="acct").max()
    tied = sole & templates["acct"].isin(best.index[best >= 2]).to_numpy()
    users = pd.Series(templates["acct"].to_numpy()[tied]).groupby(key[tied]).nunique()
    tied &= np.isin(key, users.index[users >= 2])  # a template two or more tied members share
    everyone = pd.Series(templates["acct"].to_numpy()).groupby(key).nunique()
    mostly = users.index[users >= sole_share * everyone.reindex(users.index).to_numpy()]
    tied &= np.isin(key, mostly)  # ... and nearly all its users in the core are tied members
    if not tied.any():
        return out
    accts = pd.Index(pd.unique(templates["acct"].to_numpy()[tied]))
    node, node_keys = pd.factorize(key[tied])
    src = accts.get_indexer(pd.Index(templates["acct"].to_numpy()[tied]))
    n_nodes = len(accts) + len(node_keys)
    edges = coo_matrix((np.ones(len(src), np.int8), (src, node + len(accts))), shape=(n_nodes, n_nodes))
    _, label = connected_components(edges, directed=False)
    team = pd.Series(label[: len(accts)], index=accts)
    key_team = _teams_templates(key, templates["acct"].to_numpy(), team, everyone)
    n_team = team.value_counts()
    team_cluster = core.set_index("acct")["community"].reindex(accts).groupby(team.to_numpy()).first()
    core_size = core.groupby("community").size().reindex(team_cluster.to_numpy()).to_numpy()
    n_core = pd.Series(core_size, index=team_cluster.index).reindex(n_team.index)
    users_of = pd.DataFrame({"acct": templates["acct"].to_numpy(), "team": key_team.reindex(key).to_numpy()})
    users_of = users_of[users_of["team"].notna()]
    outside = users_of[team.reindex(users_of["acct"]).to_numpy() != users_of["team"].to_numpy()]
    crossing = outside.groupby("team")["acct"].nunique().reindex(n_team.index).fillna(0)
    rest = np.minimum(n_team, n_core - n_team)  # others on its templates: part of a larger group
    ok = (n_team >= min_part) & (n_team <= max_share * n_core) & (crossing <= max_share * rest)
    keep = team[team.map(ok).to_numpy(dtype=bool)]
    out[pd.Index(core["acct"].to_numpy()).get_indexer(keep.index)] = keep.to_numpy()
    return out


def _teams_templates(key: np.ndarray, acct: np.ndarray, team: pd.Series, everyone: pd.Series) -> pd.Series:
    """Per template ``key`` (rows ``key, acct``): the team that holds at least half of its users in
    the core (``everyone``, per key), if one does. A template that joined no team, because too
    few of its users are tied members, is still a team's when the team is most of its users:
    others on it are part of the team's group. One that a few team members send as cover, among
    a crowd's many users, is not."""
    rows = pd.DataFrame({"key": key, "team": team.reindex(acct).to_numpy()}).dropna()
    counts = rows.groupby(["key", "team"]).size().rename("n").sort_values(kind="stable")
    top = counts.groupby(level="key").tail(1).reset_index(level="team")
    held = top["n"].to_numpy() >= 0.5 * everyone.reindex(top.index).to_numpy()
    return top.loc[held, "team"]


def rewrite_teams(core: pd.DataFrame, own: pd.DataFrame, min_part: int, max_share: float) -> np.ndarray:
    """A team label per row of ``core`` (``acct, community``), -1 outside any: the members on a
    rewrite group their cluster holds most users of.

    A rewrite group joins three or more shared template families that are rewrites of one
    master template (:mod:`linkgraph.signals.rewrites`): an operation of micro-cells, each on
    its own rewrite, hidden in a crowd whose exits and public templates its cells share. Its
    members are a team when they are ``min_part`` to ``max_share`` of their cluster's core; a
    member on two such groups joins the one with more core members (ties: the lower code).
    """
    out = np.full(len(core), -1, dtype=np.int64)
    rows = own[(own["kind"] == "rewrite").to_numpy()]
    rows = rows[2 * rows["n_in"].to_numpy() > rows["df"].to_numpy()]
    rows = rows[rows["acct"].isin(core["acct"]).to_numpy()]
    if rows.empty:
        return out
    users = rows.groupby("art")["acct"].transform("nunique").to_numpy()
    rows = rows.assign(users=users).sort_values(["acct", "users", "art"], ascending=[True, False, True])
    chosen = rows.drop_duplicates("acct")
    n_core = core.groupby("community").size()
    team_size = chosen.groupby("art")["acct"].transform("size").to_numpy()
    limit = max_share * n_core.reindex(chosen["community"]).to_numpy()
    chosen = chosen[(team_size >= min_part) & (team_size <= limit)]
    label = pd.factorize(chosen["art"].to_numpy(), sort=True)[0]
    out[pd.Index(core["acct"].to_numpy()).get_indexer(chosen["acct"].to_numpy())] = label
    return out


def network_groups(core: pd.DataFrame, own: pd.DataFrame, min_part: int, max_visitors: float) -> np.ndarray:
    """A group label per row of ``core`` (``acct, community``), -1 outside any: the members tied
    to their cluster by shared IPs alone, in groups that the rest of the core hardly visits.

    The households behind a small carrier NAT pool share its few addresses and nothing else;
    one operation account on mobile data passes through the same pool and ties all of them
    to its operation. Members whose evidence is IPs only (``own``: ``acct, community, art,
    kind``) are grouped by the addresses two or more of them share; a group of at least
    ``min_part`` is a part of its own when at most ``max_visitors`` of the core's other members
    use any of its addresses: the rest of the core hardly passes through them. A hydra cell
    whose members all share its private exits, some with templates too, stays whole (its
    template senders are on every exit), and so does a carrier's crowd whose users of a public
    template are on the carrier's addresses like everyone else.
    """
    out = np.full(len(core), -1, dtype=np.int64)
    is_ip = own["kind"].isin(("ip",)).to_numpy()
    not_ip = pd.unique(own["acct"].to_numpy()[~is_ip])
    rows = own[is_ip]
    only = ~rows["acct"].isin(not_ip).to_numpy()
    width = int(own["art"].to_numpy().max(initial=0)) + 1
    key = rows["community"].to_numpy().astype(np.int64) * width + rows["art"].to_numpy()
    grouped = rows[only]
    gkey = key[only]
    users = pd.Series(grouped["acct"].to_numpy()).groupby(gkey).transform("size").to_numpy()
    grouped, gkey = grouped[users >= 2], gkey[users >= 2]
    if grouped.empty:
        return out
    accts = pd.Index(pd.unique(grouped["acct"].to_numpy()))
    node, node_keys = pd.factorize(gkey)
    src = accts.get_indexer(grouped["acct"].to_numpy())
    n = len(accts) + len(node_keys)
    edges = coo_matrix((np.ones(len(src), np.int8), (src, node + len(accts))), shape=(n, n))
    _, label = connected_components(edges, directed=False)
    group = label[: len(accts)]
    size = pd.Series(group).value_counts()
    community = pd.Series(grouped["community"].to_numpy()).groupby(group[src]).first().reindex(size.index)
    n_core = core.groupby("community").size().reindex(community.to_numpy()).to_numpy()
    position = pd.Index(node_keys).get_indexer(key[~only])  # the other members' links to the groups' addresses
    hit = position >= 0
    visitors = pd.Series(rows["acct"].to_numpy()[~only][hit]).groupby(label[len(accts) + position[hit]]).nunique()
    n_visitors = visitors.reindex(size.index, fill_value=0)
    ok = (size >= min_part) & (n_visitors <= max_visitors * (n_core - size.to_numpy()))
    keep = np.isin(group, size.index[ok.to_numpy()])
    out[pd.Index(core["acct"].to_numpy()).get_indexer(accts[keep])] = group[keep]
    return out
