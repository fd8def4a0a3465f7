"""Scoring one group of communities on its own rows, exactly as inside the whole population.

Scoring is per community apart from the population statistics
(:class:`~linkgraph.scoring.population.Population`) and the known-bad ties (computed over
every evidence edge). With both given, :func:`score_group` scores a group of whole
communities from three small tables, by the same :func:`~linkgraph.scoring.score.score_communities`
the whole population goes through:

- ``members``: ``acct, community``, the :data:`~linkgraph.scoring.seeds.TIE_COLUMNS`, and
  ``created_at``, ``email_domain`` (with ``domain_total``, the accounts on the domain, when
  the population's ``domain_counts`` are not given) and ``status`` where the accounts table has them;
- ``links``: every link of a member (``acct, art, kind, artifact, df, weight, generic``; a
  link to an artifact nobody else has may be left out), with ``asn`` for IPs whose network is known,
  ``family`` (the global code of a fingerprint's template family, -1 or null for none) and
  ``first_seen``, ``last_seen`` and ``count`` where the links have them;
- ``requests``: the members' requests (``acct, timestamp, model``, ``family``), or None.

Accounts and artifacts are numbered locally in the order of their global codes, and link
and request rows keep their order, so every sum runs in the same order as in the whole.
:func:`combine` puts the groups back together: communities a split created get the labels
the whole population's split gives them (:func:`~linkgraph.scoring.parts.disjoint_core_parts`
numbers new parts after the largest label, by original community, then part).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph
from linkgraph.scoring.params import Scored, ScoringParams
from linkgraph.scoring.population import Population
from linkgraph.scoring.satellite_rounds import ROUNDS, following, move_pairs, no_moves
from linkgraph.scoring.satellites import moved_membership
from linkgraph.scoring.score import score_communities
from linkgraph.scoring.seeds import ties_of


@dataclass
class GroupScored:
    """One group's result in global account and artifact codes.

    Communities split inside the group carry labels from ``start`` up (the group's largest
    scored label + 1); ``splits`` (``community, origin``) says which community each came from.
    """

    scored: Scored
    start: int
    splits: pd.DataFrame


def _first_rows(codes: np.ndarray, n: int) -> np.ndarray:
    """Index of the first row of each code ``0..n-1``."""
    first = np.zeros(n, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    return first


def local_graph(accts: np.ndarray, links: pd.DataFrame, kinds: list[str]) -> tuple[LinkGraph, np.ndarray]:
    """The group's link graph on local codes, and the global artifact code of each local one."""
    acct = np.searchsorted(accts, links["acct"].to_numpy())
    arts, art = np.unique(links["art"].to_numpy(), return_inverse=True)
    art = art.ravel()
    first = _first_rows(art, len(arts))
    kind = pd.Categorical(np.asarray(links["kind"].astype(str).to_numpy(), dtype=object)[first], categories=kinds)
    artifacts = pd.DataFrame(
        {
            "kind": kind,
            "artifact": links["artifact"].array.take(first),
            "df": links["df"].to_numpy().astype(np.int64)[first],
            "weight": links["weight"].to_numpy().astype(np.float64)[first],
            "generic": links["generic"].to_numpy().astype(bool)[first],
        }
    )
    if "light" in links.columns:  # a public prompt (:func:`~linkgraph.graph.light_prompts`)
        artifacts["light"] = links["light"].to_numpy().astype(bool)[first]
    if "family" in links.columns:  # a fingerprint's family, from global to local codes (-1: none here)
        family = links["family"].fillna(-1).to_numpy().astype(np.int64)[first]
        pos = np.minimum(np.searchsorted(arts, family), max(len(arts) - 1, 0))
        artifacts["family"] = np.where((family >= 0) & (arts[pos] == family), pos, -1) if len(arts) else family
    table = pd.DataFrame({"acct": acct.astype(links["acct"].to_numpy().dtype), "art": art.astype(np.int64)})
    for column in ("first_seen", "last_seen", "count"):  # when and how much a link was used (a gathering)
        if column in links.columns:
            table[column] = links[column].array
    edges = pd.DataFrame({"acct": acct[:0], "art": art[:0], "weight": np.zeros(0)})
    return LinkGraph(len(accts), accts, artifacts, table, edges), arts


def _ip_asn(links: pd.DataFrame) -> pd.Series | None:
    """The ASN of each of the group's IPs where known (from the links' ``asn`` column)."""
    if "asn" not in links.columns:
        return None
    known = links[links["kind"].isin(("ip",)).to_numpy() & links["asn"].notna().to_numpy()]
    known = known.drop_duplicates("artifact")
    return pd.Series(known["asn"].astype("Int64").array, index=pd.Index(known["artifact"].array), name="asn")


def _local_requests(requests: pd.DataFrame | None, accts: np.ndarray) -> pd.DataFrame | None:
    if requests is None:
        return None
    acct = requests["acct"].to_numpy()
    pos = np.minimum(np.searchsorted(accts, acct), max(len(accts) - 1, 0))
    mine = (accts[pos] == acct) if len(accts) else np.zeros(len(acct), dtype=bool)
    return requests[mine].assign(acct=pos[mine].astype(np.int64)).reset_index(drop=True)


def score_group(
    members: pd.DataFrame,
    links: pd.DataFrame,
    requests: pd.DataFrame | None,
    population: Population,
    params: ScoringParams,
    kinds: list[str],
    split: bool = True,
) -> GroupScored:
    """Score the communities of ``members`` (whole communities) from their own rows (see the module).

    Satellites are left to the caller (:func:`rescore_moved`): they need every group's roles.
    ``split`` False scores the communities as given (the second pass after satellites moved).
    """
    members = members.sort_values("acct", kind="stable").reset_index(drop=True)
    accts = members["acct"].to_numpy()
    graph, arts = local_graph(accts, links, kinds)
    accounts = members[[c for c in ("created_at", "email_domain", "home_network", "status") if c in members.columns]]
    if "domain_total" in members.columns:
        counts = members.dropna(subset=["email_domain"]).drop_duplicates("email_domain")
        totals = pd.Series(counts["domain_total"].to_numpy(dtype=np.int64), index=counts["email_domain"].to_numpy())
        population = replace(population, domain_counts=totals)
    membership = pd.DataFrame({"acct": np.arange(len(accts)), "community": members["community"].to_numpy()})
    ties = ties_of(members)
    scored = score_communities(
        graph,
        accounts,
        membership,
        population,
        ties,
        _ip_asn(links),
        params,
        _local_requests(requests, accts),
        split=split,
        satellites=False,
    )
    sizes = membership["community"].value_counts()
    scored_labels = sizes.index[sizes >= params.min_cluster_size]
    start = int(scored_labels.max()) + 1 if len(scored_labels) else 0
    new = scored.members[scored.members["community"].to_numpy() >= start]
    origin = members["community"].to_numpy()[new["acct"].to_numpy()]
    splits = pd.DataFrame({"community": new["community"].to_numpy(), "origin": origin}).drop_duplicates("community")
    acct_dtype = members["acct"].to_numpy().dtype
    m, ev, ca = scored.members, scored.member_links, scored.cluster_artifacts
    m["acct"] = accts[m["acct"].to_numpy()].astype(acct_dtype)
    ev["acct"] = accts[ev["acct"].to_numpy()].astype(links["acct"].to_numpy().dtype)
    ev["art"] = arts[ev["art"].to_numpy()]
    ca["art"] = arts[ca["art"].to_numpy()]
    return GroupScored(scored, start, splits.reset_index(drop=True))


def _relabel(frame: pd.DataFrame, mapping: dict[int, int]) -> pd.DataFrame:
    if not mapping or frame.empty:
        return frame
    community = frame["community"].to_numpy()
    new = pd.Series(community).map(mapping).fillna(pd.Series(community)).to_numpy().astype(community.dtype)
    return frame.assign(community=new)


def combine(groups: list[GroupScored]) -> Scored:
    """One :class:`Scored` from groups' results, as :func:`~linkgraph.scoring.score.score` of the whole gives it.

    Split parts are numbered from the largest scored label + 1 of all groups, in the order
    of their original community, then of their label inside the group. Member links are in
    ``acct, art`` order.
    """
    start = max((g.start for g in groups), default=0)
    splits = [g.splits.assign(group=i) for i, g in enumerate(groups) if len(g.splits)]
    mappings: list[dict[int, int]] = [{} for _ in groups]
    if splits:
        table = pd.concat(splits, ignore_index=True).sort_values(["origin", "community"], kind="stable")
        for new, (group, label) in enumerate(zip(table["group"], table["community"], strict=True)):
            mappings[int(group)][int(label)] = start + new
    parts = [
        [
            _relabel(t, mappings[i])
            for t in (g.scored.clusters, g.scored.members, g.scored.cluster_artifacts, g.scored.member_links)
        ]
        for i, g in enumerate(groups)
    ]

    def joined(k: int, by: list[str]) -> pd.DataFrame:
        frames = [p[k] for p in parts]
        out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return out.sort_values(by, kind="stable").reset_index(drop=True) if len(out) else out

    return Scored(joined(0, ["community"]), joined(1, ["acct"]), joined(2, ["community"]), joined(3, ["acct", "art"]))


def rescore_moved(first: Scored, moves: pd.Series, rescore: Callable[[pd.DataFrame], Scored]) -> Scored:
    """``first`` (every group combined) after satellites moved (:func:`~linkgraph.scoring.satellites.satellite_moves`):
    the communities they touch are replaced by ``rescore`` of their new membership
    (``acct, community``; scored from scratch, without splitting), as the whole population's
    :func:`~linkgraph.scoring.score.score_communities` does."""
    if not len(moves):
        return first
    membership, touched = moved_membership(first.members, moves)
    second = rescore(membership[np.isin(membership["community"].to_numpy(), touched)].reset_index(drop=True))

    def merged(old: pd.DataFrame, new: pd.DataFrame, by: list[str]) -> pd.DataFrame:
        kept = old[~np.isin(old["community"].to_numpy(), touched)]
        return pd.concat([kept, new], ignore_index=True).sort_values(by, kind="stable").reset_index(drop=True)

    return Scored(
        merged(first.clusters, second.clusters, ["community"]),
        merged(first.members, second.members, ["acct"]),
        merged(first.cluster_artifacts, second.cluster_artifacts, ["community"]),
        merged(first.member_links, second.member_links, ["acct", "art"]),
    )


def settle_satellites(
    first: Scored,
    find: Callable[[pd.DataFrame], pd.Series],
    rescore: Callable[[pd.DataFrame], Scored],
    confirm: Callable[[pd.Series, pd.DataFrame], pd.Series],
) -> Scored:
    """``first`` after up to :data:`~linkgraph.scoring.satellite_rounds.ROUNDS` rounds of
    satellite moves, as :func:`~linkgraph.scoring.score.score_communities` does them: ``find``
    gives the moves from the members' roles, :func:`rescore_moved` applies them with
    ``rescore``, and a round that moves nobody ends it. A later round keeps the moves
    :func:`~linkgraph.scoring.satellite_rounds.following` an earlier one that ``confirm``
    (moves, members → moves) keeps: the engine's
    :func:`~linkgraph.scoring.satellite_rounds.drawn_by_templates`."""
    done = no_moves()
    for later in range(ROUNDS):
        moves = find(first.members)
        if later:
            moves = confirm(following(moves, first.members, done), first.members)
        if not len(moves):
            break
        done = np.r_[done, move_pairs(moves, first.members)]
        first = rescore_moved(first, moves, rescore)
    return first
