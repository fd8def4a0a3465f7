"""Cluster scoring: evidence per member, core/peripheral roles, features, risk (pure).

Input: the link graph, the accounts table and a membership (``acct, community``).
Output: ``clusters`` (one row per cluster), ``members`` (one row per member),
``cluster_artifacts`` (the artifacts shared inside each cluster, with weights) and
``member_links`` (each member's evidence links).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph
from linkgraph.scoring.behaviour import request_features
from linkgraph.scoring.cells import locked_accounts
from linkgraph.scoring.clusters import (
    add_risk,
    asn_dispersion,
    basis_of,
    cluster_sizes,
    link_shares,
)
from linkgraph.scoring.coordinated import meeting_occasions
from linkgraph.scoring.crews import organisation_crews
from linkgraph.scoring.dispatch import rotating_lockstep
from linkgraph.scoring.evidence import cluster_artifacts, evidence_summary
from linkgraph.scoring.features import dispersion, uncorroborated
from linkgraph.scoring.gathering import event_ips, event_templates, gathering
from linkgraph.scoring.home import home_network
from linkgraph.scoring.identity import account_features
from linkgraph.scoring.independence import (
    banned_batches,
    banned_organisation,
    independent,
    seats_suspended,
    stranger_card_share,
)
from linkgraph.scoring.members import (
    member_evidence,
    member_links,
    owned_generic,
    owned_links,
    popular_variants,
    regroup_member_links,
    relabel_member_links,
)
from linkgraph.scoring.params import Scored, ScoringParams, evidence_class_codes
from linkgraph.scoring.parts import billing_hubs, disjoint_core_parts, public_prompts, shared_exits, shared_templates
from linkgraph.scoring.population import Population, created_before, created_ns, population_of
from linkgraph.scoring.prompt_pairs import prompt_pair_share
from linkgraph.scoring.riders import riders, set_riders_apart
from linkgraph.scoring.satellite_rounds import ROUNDS as SATELLITE_ROUNDS
from linkgraph.scoring.satellite_rounds import drawn_by_templates, following, move_pairs, no_moves
from linkgraph.scoring.satellites import moved_membership, satellite_moves
from linkgraph.scoring.schedule import lockstep_clock
from linkgraph.scoring.seeds import SeedTies, enforced_mask, last_activity_ns, seed_features, seed_ties, to_ns
from linkgraph.scoring.transit import passed_through


def known_bad_ties(graph: LinkGraph, accounts: pd.DataFrame, requests: pd.DataFrame | None) -> SeedTies:
    """Every account's ties to banned or suspended accounts through the graph's evidence edges."""
    created = accounts["created_at"] if "created_at" in accounts.columns else pd.Series(pd.NaT, index=accounts.index)
    kind_codes = evidence_class_codes(graph.artifacts["kind"])
    last = last_activity_ns(graph.n_accounts, graph.links, requests)
    banned = enforced_mask(accounts, ("banned",))
    return seed_ties(graph.edges, kind_codes, enforced_mask(accounts), last, to_ns(created), banned=banned)


def mark_seeds(members: pd.DataFrame, ties: SeedTies) -> pd.DataFrame:
    """Flag enforced members and likely replacements; a replacement is core even in a small cell."""
    acct = members["acct"].to_numpy()
    members["enforced"] = ties.enforced[acct]
    members["replacement"] = ties.replacement[acct]
    members["tied_enforced"] = np.where(ties.tied[acct], ties.tied_enforced[acct], 0)
    members["tie_artifacts"] = np.where(ties.tied[acct], ties.tie_artifacts[acct], 0)
    most = ties.tied_most if ties.tied_most is not None else ties.tied_enforced
    members["tied_most"] = np.where(ties.tied[acct], most[acct], 0)
    ban = np.where(ties.tied[acct], ties.tie_ban_ns[acct], np.iinfo(np.int64).min)
    day_of, days = pd.factorize(ban)  # a few ban dates: format each once
    members["tie_ban_date"] = pd.to_datetime(days, utc=True).strftime("%Y-%m-%d").take(day_of)
    members.loc[members["replacement"].to_numpy(), "role"] = "core"
    return members


def score(
    graph: LinkGraph,
    accounts: pd.DataFrame,
    membership: pd.DataFrame,
    ip_asn: pd.Series | None = None,
    params: ScoringParams | None = None,
    requests: pd.DataFrame | None = None,
    split: bool = True,
) -> Scored:
    """Score every community of at least ``min_cluster_size`` accounts.

    ``requests`` (optional; ``acct, timestamp, model``) adds the new-model pivot feature.
    The population statistics and known-bad ties are computed over the whole input, then
    :func:`score_communities` scores the communities against them.
    """
    params = params or ScoringParams()
    ties = known_bad_ties(graph, accounts, requests)
    population = population_of(graph.n_accounts, accounts, requests)
    if "email_domain" in accounts.columns:  # on its domain's office network or card (an organisation)
        # what established_accounts gives, with the log's start read once (population)
        established = created_before(accounts, population.log_start_ns)
        home = home_network(graph, accounts["email_domain"], params.network_min_members, established)
        accounts = accounts.assign(home_network=home)
    return score_communities(graph, accounts, membership, population, ties, ip_asn, params, requests, split)


def score_communities(
    graph: LinkGraph,
    accounts: pd.DataFrame,
    membership: pd.DataFrame,
    population: Population,
    ties: SeedTies,
    ip_asn: pd.Series | None,
    params: ScoringParams,
    requests: pd.DataFrame | None,
    split: bool = True,
    satellites: bool = True,
) -> Scored:
    """Score the communities of ``membership`` against ``population`` (see :func:`score`).

    ``graph``, ``accounts``, ``ties`` and ``requests`` need to hold only the members (account
    codes below ``graph.n_accounts``); ``population.n_accounts`` is everyone. A community
    whose core falls apart into parts that share no evidence is split first
    (:mod:`linkgraph.scoring.parts`), and peripheral members whose evidence belongs to
    another community's core move there (:mod:`linkgraph.scoring.satellites`; the communities
    they touch are scored again from scratch, as :func:`rescore_moved` does for groups, in up
    to :data:`~linkgraph.scoring.satellite_rounds.ROUNDS` rounds); members are scored per
    community, so the others are unchanged. ``satellites`` False leaves that step to the
    caller (the Spark engine scores groups of communities, and the moves need every group's
    roles).
    """
    n = population.n_accounts
    ml, ev, members = _member_tables(graph, membership, params, ties, n, requests=requests)
    if split and params.split_min_part > 0:
        origin = members[["acct", "community"]]
        own = ev[owned_links(ev, members["community"].value_counts(), n, params)]
        own = own[
            ~billing_hubs(own, members, params.network_min_members)
            & ~shared_exits(own, members, params.exclusive_share)
            & ~public_prompts(own, members, params.public_prompt_hold, _light(graph))
            & ~shared_templates(own, members, params.network_min_members)
        ]
        min_part, team_share = params.split_min_part, params.template_team_share
        crowd = params.crowd_size(n)
        parts = disjoint_core_parts(members, own, min_part, team_share, params.exclusive_share, crowd, n)
        del own
        if parts is not None:
            del ev
            ml, ev, members = _rescore_split(graph, parts, params, ties, ml, members, n, requests)
        rate = population.enforced_rate
        crews = organisation_crews(members, ev, accounts, population.domain_counts, min_part, origin, rate)
        if crews is not None:
            ml, ev, members = _rescore_split(graph, crews, params, ties, ml, members, n, requests)
    done = no_moves()
    for later in range(SATELLITE_ROUNDS if satellites and params.satellite_links > 0 else 0):
        moves = satellite_moves(members, graph.links, graph.artifacts, params, n)
        if later:  # satellite_rounds: the members left behind follow the earlier rounds
            moves = drawn_by_templates(following(moves, members, done), members, graph.links, graph.artifacts, params)
        if not len(moves):
            break
        done = np.r_[done, move_pairs(moves, members)]
        tables = [ml, ev, members]
        del ml, ev, members  # _rescore_moved frees each once its kept rows are taken
        ml, ev, members = _rescore_moved(graph, moves, params, ties, tables, n, requests)
    tables = [ml, ev, members]
    del ml, ev, members  # _cluster_tables frees the member links once it has read them
    return _cluster_tables(graph, accounts, ip_asn, params, requests, ties, tables, population)


def _member_tables(
    graph: LinkGraph,
    membership: pd.DataFrame,
    params: ScoringParams,
    ties: SeedTies,
    n: int,
    ml: pd.DataFrame | None = None,
    requests: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Member links, evidence links and scored members of every community (``n``: all accounts).

    ``ml`` (optional): the member links of ``membership`` already at hand
    (:func:`~linkgraph.scoring.members.relabel_member_links`) instead of gathered from the graph;
    ``requests`` (optional): the members' requests, for cell lockstep (:func:`_locked`).
    """
    sizes = membership["community"].value_counts()
    keep = sizes[sizes >= params.min_cluster_size].index
    membership = membership[membership["community"].isin(keep)].reset_index(drop=True)
    ml = member_links(graph, membership) if ml is None else relabel_member_links(ml, membership, graph.artifacts)
    popular = popular_variants(ml, graph.artifacts, membership["community"].value_counts(), n, params)
    if popular.any():  # not evidence: a chance wording of a popular template (see popular_variants)
        ml["generic"] = ml["generic"].to_numpy() | popular
        ml["evidence"] = ml["evidence"].to_numpy() & ~popular
    ev = _evidence_links(graph, ml, membership, params, n)
    members = member_evidence(membership, ev, params, n, _locked(graph, membership, requests), _family_of(graph))
    members = members.sort_values("acct", kind="stable").reset_index(drop=True)
    return ml, ev, mark_seeds(members, ties)


def _rescore_split(
    graph: LinkGraph,
    parts: pd.DataFrame,
    params: ScoringParams,
    ties: SeedTies,
    ml: pd.DataFrame,
    members: pd.DataFrame,
    n: int,
    requests: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three tables after a split: the touched communities counted and scored again, the rest kept.

    The member links keep their rows (the same accounts), so they are relabelled in place of
    being rebuilt, and peak memory stays that of one pass.
    """
    moved = parts["community"].to_numpy() != members["community"].to_numpy()
    touched = np.union1d(members["community"].to_numpy()[moved], parts["community"].to_numpy()[moved])
    ml = regroup_member_links(ml, parts, touched)
    ev = _evidence_links(graph, ml, parts, params, n)
    again = np.isin(parts["community"].to_numpy(), touched)
    ev_touched = ev[np.isin(ev["community"].to_numpy(), touched)]
    again_members = parts[again].reset_index(drop=True)
    locked = _locked(graph, again_members, requests)
    scored = member_evidence(again_members, ev_touched, params, n, locked, _family_of(graph))
    kept = members[~np.isin(members["community"].to_numpy(), touched)]
    members = pd.concat([kept, mark_seeds(scored, ties)]).sort_values("acct", kind="stable").reset_index(drop=True)
    return ml, ev, members


def _rescore_moved(
    graph: LinkGraph,
    moves: pd.Series,
    params: ScoringParams,
    ties: SeedTies,
    tables: list[pd.DataFrame],
    n: int,
    requests: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three tables after satellites moved: the touched communities scored from scratch, the rest kept.

    ``tables`` (``ml, ev, members``) is emptied, so that each table is freed as soon as its
    kept rows are taken (peak memory: the touched communities are most of the members at 1M).
    """
    ml, ev, members = tables
    tables.clear()
    membership, touched = moved_membership(members, moves)
    again = membership[np.isin(membership["community"].to_numpy(), touched)].reset_index(drop=True)
    del membership
    # the moves stay inside the touched communities: their member links are those of ``again``
    in_touched = np.isin(ml["community"].to_numpy(), touched)
    links = [ml[in_touched]]  # handed over with pop(): _member_tables frees it once relabelled
    ml = ml[~in_touched]
    ev = ev[~np.isin(ev["community"].to_numpy(), touched)]
    members = members[~np.isin(members["community"].to_numpy(), touched)]
    ml_t, ev_t, members_t = _member_tables(graph, again, params, ties, n, links.pop(), requests)
    ml = pd.concat([ml, ml_t], ignore_index=True)
    ev = pd.concat([ev, ev_t], ignore_index=True)
    members = pd.concat([members, members_t]).sort_values("acct", kind="stable").reset_index(drop=True)
    return ml, ev, members


def _locked(graph: LinkGraph, membership: pd.DataFrame, requests: pd.DataFrame | None) -> np.ndarray | None:
    """The members of ``membership`` (``acct, community``) in cell lockstep, None without the request log."""
    if requests is None:
        return None
    community_of = np.full(graph.n_accounts, -1, dtype=np.int64)
    community_of[membership["acct"].to_numpy()] = membership["community"].to_numpy()
    return locked_accounts(requests, graph.links, graph.artifacts, community_of)


def _family_of(graph: LinkGraph) -> np.ndarray | None:
    """Each fingerprint's family code, by artifact code (-1: none); None when the graph has no families."""
    arts = graph.artifacts
    return arts["family"].to_numpy() if "family" in arts.columns else None


def _light(graph: LinkGraph) -> np.ndarray:
    """Per artifact: a light prompt (:func:`~linkgraph.graph.light_prompts`); none when the graph has no such column."""
    arts = graph.artifacts
    return arts["light"].to_numpy(dtype=bool) if "light" in arts.columns else np.zeros(len(arts), dtype=bool)


def _evidence_links(
    graph: LinkGraph, ml: pd.DataFrame, membership: pd.DataFrame, params: ScoringParams, n: int | None = None
) -> pd.DataFrame:
    """The member links that are evidence (``n``: all accounts, by default the graph's).

    The artifact's id (a string) is added only to the final table (:func:`_cluster_tables`):
    the evidence links are filtered and regrouped many times before.
    """
    n = graph.n_accounts if n is None else n
    own = owned_generic(ml, membership["community"].value_counts(), n, params)
    return ml[ml["evidence"].to_numpy() | (own & (ml["weight"].to_numpy() > 0))].drop(columns="link", errors="ignore")


def _cluster_tables(
    graph: LinkGraph,
    accounts: pd.DataFrame,
    ip_asn: pd.Series | None,
    params: ScoringParams,
    requests: pd.DataFrame | None,
    ties: SeedTies,
    tables: list[pd.DataFrame],
    population: Population,
) -> Scored:
    """Cluster features, risk and shared artifacts from the member tables ``ml, ev, members``.

    ``tables`` is emptied: the member links are freed once the shares are read (the end of
    scoring is a detection's peak of memory at 1M accounts).
    """
    ml, ev, members = tables
    tables.clear()
    n = population.n_accounts
    clusters = cluster_sizes(members)
    basis = basis_of(members, clusters)
    in_basis = np.zeros(graph.n_accounts, dtype=bool)
    in_basis[basis["acct"].to_numpy()] = True
    n_basis = basis.groupby("community").size().reindex(clusters.index)
    hours, starts = lockstep_clock(graph.artifacts)
    is_rider = riders(members, ml, ev, graph.links, n, params, starts, _light(graph))
    own = basis[~pd.Series(is_rider, index=members.index).loc[basis.index].to_numpy()]  # riders apart
    shares, shared, in_office = link_shares(
        ml, in_basis, clusters, n_basis, n, params, hours, starts, own, requests, graph.links, _family_of(graph)
    )
    del ml
    clusters = clusters.join(shares)
    roaming = in_basis & ~in_office
    clusters["n_asn"] = asn_dispersion(graph, ev, roaming, ip_asn).reindex(clusters.index).fillna(0).astype(int)
    clusters["dispersion"] = dispersion(clusters["n_asn"])
    majority = params.organisation_majority
    mm = params.network_min_members
    behaviour = request_features(requests, basis, graph.n_accounts, clusters.index, population, graph, mm)
    clock = behaviour.features["wave_scheduled"]
    timing = meeting_occasions(shared, behaviour.wave_rows, len(graph.artifacts), clock, starts, behaviour.wave_starts)
    features = account_features(
        accounts, basis, clusters.index, majority, population, own, timing, shared, mm, clusters["scheduled"]
    )
    clusters = clusters.join(features).join(behaviour.features)
    clusters = clusters.join(seed_features(ties, members, basis["acct"].to_numpy(), clusters.index))
    banned = enforced_mask(accounts, ("banned",))[basis["acct"].to_numpy()]
    n_banned = pd.Series(banned).groupby(basis["community"].to_numpy()).sum()
    clusters["organisation"] = banned_organisation(clusters, n_banned, population.enforced_rate)
    clusters["known_bad"] = seats_suspended(clusters, n_banned)
    if "email_domain" in accounts.columns and population.domain_counts is not None:
        domain = accounts["email_domain"]
        clusters["stranger_card_share"] = stranger_card_share(shared, domain, population.domain_counts, n_basis)
    clusters["prompt_pair_share"] = prompt_pair_share(shared, n_basis)
    dated = population.created_hours is not None
    crowds = independent(clusters, population.enforced_rate, dated)  # only crowds need their partners read
    clusters["rotating_lockstep"] = rotating_lockstep(shared, n_basis, crowds.index[(crowds > 0).to_numpy()])
    clusters["independent"] = independent(clusters, population.enforced_rate, dated)
    on_ips = event_ips(shared, clusters["size"], n, params)
    on_templates = event_templates(shared, clusters["size"], n, params)
    df = graph.artifacts["df"].to_numpy()
    baseline = population.volume_baseline
    venue = gathering(graph.links, df, shared[on_ips], basis, clusters.index, requests, baseline)
    met = shared[on_ips | on_templates]
    launch = gathering(graph.links, df, met, basis, clusters.index, requests, baseline, light=True)
    born = created_ns(accounts["created_at"]) if dated else None
    transit = passed_through(graph.links, df, shared[on_ips], basis, clusters.index, born, requests)
    clusters["gathering"] = np.maximum(np.maximum(venue, launch), transit)
    batches = banned_batches(clusters, n_banned, population.enforced_rate)
    clusters["uncorroborated"] = uncorroborated(clusters, params.min_corroboration, requests is not None, batches)
    clusters = add_risk(clusters, params)
    set_riders_apart(members, clusters, is_rider)

    ca = cluster_artifacts(graph, shared)
    clusters = clusters.join(evidence_summary(ca))
    ev = ev.reset_index(drop=True).assign(artifact=graph.artifacts["artifact"].array.take(ev["art"].to_numpy()))
    return Scored(clusters.reset_index(), members, ca.reset_index(drop=True), ev)
