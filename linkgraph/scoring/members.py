"""Members: each member's evidence links, evidence score and role (core or peripheral)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.codes import distinct_ints
from linkgraph.graph import LinkGraph
from linkgraph.scoring.features import peel_core
from linkgraph.scoring.ip_pairs import unpaired_ip_links
from linkgraph.scoring.lookup import by_code
from linkgraph.scoring.params import ScoringParams, evidence_class_codes
from linkgraph.scoring.prompt_pairs import paired_prompts

ROLES = pd.Index(["peripheral", "core"])
"""A member's role by whether it is in its cluster's core (taken, not formatted, per member)."""


def member_links(graph: LinkGraph, membership: pd.DataFrame) -> pd.DataFrame:
    """The links of community members that other members may share (in link order).

    One row per link of a member to an artifact at least two accounts use (a link to an
    artifact nobody else has can share nothing, so it is left out): ``link`` (its row in
    ``graph.links``), ``acct, community, art``, ``n_in`` (members of the community on that
    artifact), the artifact's ``kind, df, weight, generic`` and ``evidence`` (shared inside
    the community, not generic, weighed).
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
            "link": keep,
            "acct": link_acct[keep],
            "community": community,
            "art": art,
            "n_in": n_in,
            "kind": pd.Categorical.from_codes(arts["kind"].cat.codes.to_numpy()[art], dtype=kind_dtype),
            "df": df[art],
            "weight": weight,
            "generic": generic,
            "evidence": (n_in >= 2) & ~generic & (weight > 0),
        },
        copy=False,  # every column is a fresh array: wrap them (copying millions of rows costs more than the rest)
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


def relabel_member_links(ml: pd.DataFrame, membership: pd.DataFrame, artifacts: pd.DataFrame) -> pd.DataFrame:
    """:func:`member_links` of ``membership`` from ``ml``, member links that hold every link of its
    accounts (those of other accounts are dropped): the rows keep their order, ``community`` is
    relabelled and ``n_in``, ``generic`` (the artifact's own flag) and ``evidence`` are counted again.
    """
    acct, member = ml["acct"].to_numpy(), membership["acct"].to_numpy()
    comm_of = np.full(int(max(acct.max(initial=-1), member.max(initial=-1))) + 1, -1, dtype=np.int64)
    comm_of[member] = membership["community"].to_numpy()
    community = comm_of[acct]
    keep = community >= 0
    ml, community = ml[keep], community[keep]
    art = ml["art"].to_numpy()
    codes, _ = pd.factorize(community * len(artifacts) + art)
    n_in = np.bincount(codes)[codes]
    generic = artifacts["generic"].to_numpy()[art]
    evidence = (n_in >= 2) & ~generic & (ml["weight"].to_numpy() > 0)
    return ml.assign(community=community, n_in=n_in, generic=generic, evidence=evidence)


def member_evidence(
    membership: pd.DataFrame,
    ev: pd.DataFrame,
    params: ScoringParams,
    n_accounts: int,
    locked: np.ndarray | None = None,
    family_of: np.ndarray | None = None,
) -> pd.DataFrame:
    """Evidence score and role of every member.

    Each evidence link counts ``weight × breadth``, where breadth grows with how many
    members share the artifact (a pair counts a quarter, ``network_min_members`` or more
    count fully). Within a kind the strongest link counts fully and the others at
    ``repeat_factor``, so ten IPs from one proxy pool do not outweigh a shared card.
    The score is ``1 − exp(−S / evidence_scale)``. A member is core when it survives in the
    bipartite core of its cluster's evidence graph (:func:`~linkgraph.scoring.features.peel_core`),
    counting only the artifacts that belong to the cluster (:func:`owned_links`); the IPs of
    a member that meets no group of the cluster on them count as one weak link
    (:func:`unpaired_ip_links`). A rare exact prompt that a member shares with a partner in a
    strong pair (:func:`~linkgraph.scoring.prompt_pairs.paired_prompts`) needs only
    ``hard_min_members`` sharers, as a card does: a queue's pod sends each item two or three
    times, so no prompt reaches five users, but its members keep sending the same ones.
    ``locked`` (account codes, optional): members in cell lockstep
    (:func:`~linkgraph.scoring.cells.locked_accounts`); their rewrite-group links count once
    more as timing evidence (:func:`cell_timing_links`). ``family_of`` (each fingerprint's
    family code, by artifact code) lets an exact prompt and its family count as one link
    (:func:`template_echoes`).
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
    hard = (own["kind"] == "payment").to_numpy() | paired_prompts(own)
    timing = cell_timing_links(own, locked)
    extra = np.zeros(len(timing), dtype=bool)
    survived = peel_core(
        np.r_[own["community"].to_numpy(), timing["community"].to_numpy()],
        np.r_[own["acct"].to_numpy(), timing["acct"].to_numpy()],
        np.r_[own["art"].to_numpy(), timing["art"].to_numpy()],
        # a fingerprint and its family are one kind of evidence
        np.r_[evidence_class_codes(own["kind"]), np.full(len(timing), TIMING_CLASS, dtype=np.int64)],
        params.core_min_links,
        2,
        np.r_[np.where(hard, params.hard_min_members, params.network_min_members), extra + params.network_min_members],
        np.r_[unpaired_ip_links(own, params.cell_ip_share), extra],
        params.network_min_members,
        np.r_[exclusive_families(own, sizes, n_accounts, params, family_of), np.full(len(timing), np.inf)],
        np.r_[template_echoes(own, family_of), extra],
    )
    is_core = np.isin(members.index.to_numpy(), core_accounts[survived])
    members["role"] = ROLES.take(is_core.astype(np.intp))
    return members.reset_index()


TIMING_CLASS = -2
"""Evidence class of :func:`cell_timing_links` (real classes are codes ≥ 0, -1 an unknown kind)."""


def cell_timing_links(own: pd.DataFrame, locked: np.ndarray | None) -> pd.DataFrame:
    """``acct, community, art``: one timing link per rewrite-group link of a member in cell lockstep.

    An operation of micro-cells gives each cell its own rewrite of a master template (the
    rewrite group ties the cells) and each cell meets in the same minutes, day after day. A
    member's rewrite group is one template link, and a core needs two kinds of evidence; its
    cell's lockstep is the second. The timing link's artifact is the group's own (a code past
    every real artifact), so five locked members of one group in a cluster are needed, as for
    any tie.
    """
    if locked is None or not len(locked) or own.empty:
        return pd.DataFrame(
            {"acct": np.zeros(0, np.int64), "community": np.zeros(0, np.int64), "art": np.zeros(0, np.int64)}
        )
    rows = own[(own["kind"] == "rewrite").to_numpy() & np.isin(own["acct"].to_numpy(), locked)]
    past = int(own["art"].max()) + 1
    return pd.DataFrame(
        {
            "acct": rows["acct"].to_numpy().astype(np.int64),
            "community": rows["community"].to_numpy().astype(np.int64),
            "art": rows["art"].to_numpy().astype(np.int64) + past,
        }
    )


def owned_links(ev: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams) -> np.ndarray:
    """Which evidence links tie a member to its cluster: a fair share of the artifact's users are there.

    Five members among 1,500 users of a popular template is a coincidence. A fair share is
    ``min_exclusivity`` of the users, and at least ``min_lift`` times what chance puts in a
    cluster of that size (``size / n_accounts`` of any artifact's users), capped at
    ``max_exclusivity``: in a cluster of 5% of all accounts, 5% of a template's users is
    what any popular template has. ``sizes``: members per community.
    """
    size = by_code(sizes, ev["community"].to_numpy())
    by_chance = np.minimum(params.min_lift * size / max(n_accounts, 1), params.max_exclusivity)
    need = np.maximum(params.min_exclusivity, by_chance)
    return np.asarray(ev["n_in"].to_numpy() >= need * ev["df"].to_numpy())


def exclusive_families(
    own: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams, family_of: np.ndarray | None = None
) -> np.ndarray:
    """Per link, the core members a template family needs to be the core's alone (``inf``: not a family, or never).

    At least ``exclusive_share`` of its users, and ``network_min_members``, must be in the
    core, in a cluster of at most ``crowd_share`` of all accounts. Two such families tie a
    member to the core even without a second kind of evidence: a varied operation's account
    that shares no card and rotates through a public pool still writes paraphrases of two of
    the operation's own templates, which nobody outside it uses. In a crowd (most of the
    population) a small family is mostly its members' by chance. For an exact template (one
    wording carries all its users, :func:`exact_templates`) the share counts the core, not
    the cluster: an operation that sends a cron script's prompts as cover draws the script's
    users into its cluster, where they hang on those prompts alone. A paraphrase family's
    share counts the cluster: nobody outside an operation writes its paraphrases, and the
    operation's own quieter accounts, which the peel drops first, are among its users.
    """
    size = by_code(sizes, own["community"].to_numpy())
    df = own["df"].to_numpy().astype(np.float64)
    family = (own["kind"] == "family").to_numpy() & (size <= params.crowd_size(n_accounts))
    need = np.maximum(params.network_min_members, params.exclusive_share * df)
    held = own["n_in"].to_numpy() >= params.exclusive_share * df
    paraphrased = family & held & ~exact_templates(own, family_of)
    need = np.where(paraphrased, params.network_min_members, need)
    return np.where(family, need, np.inf)


def exact_templates(own: pd.DataFrame, family_of: np.ndarray | None) -> np.ndarray:
    """Per link: a template family link whose family has a wording (fingerprint) in the same
    cluster with all of the family's users (the same ``df``): a script's prompt, not paraphrases.
    Without ``family_of`` every family counts as exact (the stricter rule)."""
    kind = own["kind"]
    is_family = (kind == "family").to_numpy()
    if family_of is None or not len(own):
        return is_family
    fp = (kind == "fingerprint").to_numpy()
    key_cols = ["community", "art", "df"]
    prints = pd.DataFrame(
        {
            "community": own["community"].to_numpy()[fp],
            "art": family_of[own["art"].to_numpy()[fp]],
            "df": own["df"].to_numpy()[fp],
        }
    ).drop_duplicates()
    fams = own.loc[is_family, key_cols].reset_index(drop=True).assign(row=np.flatnonzero(is_family))
    same = fams.merge(prints, on=key_cols)
    out = np.zeros(len(own), dtype=bool)
    out[same["row"].to_numpy()] = True
    return out


def template_echoes(own: pd.DataFrame, family_of: np.ndarray | None) -> np.ndarray:
    """Per link: a fingerprint link whose template family the same member also links to,
    with the same users (``df``) and the same members (``n_in``).

    A script's exact prompt that nobody paraphrases is a fingerprint and a template family
    with the same users: one template seen twice. A member that sends two such prompts has
    two template links, not four (:func:`~linkgraph.scoring.features.peel_core`). An
    operation's paraphrase family has more users than any one of its wordings.
    ``family_of``: each fingerprint's family code, by artifact code (-1: none).
    """
    echo = np.zeros(len(own), dtype=bool)
    if family_of is None or not len(own):
        return echo
    kind = own["kind"]
    fp = np.flatnonzero((kind == "fingerprint").to_numpy())
    fam = np.flatnonzero((kind == "family").to_numpy())
    if not len(fp) or not len(fam):
        return echo
    cols = ["community", "acct", "art", "df", "n_in"]
    prints = own.iloc[fp][cols].assign(art=family_of[own["art"].to_numpy()[fp]], row=fp)
    same = prints.merge(own.iloc[fam][cols], on=cols)
    echo[same["row"].to_numpy()] = True
    return echo


def owned_generic(ml: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams) -> np.ndarray:
    """Generic templates (too popular to carry edges) that still belong to one cluster.

    A popular framework's prompt is spread over the population; an operation's own paraphrase
    family, used by more than 1% of all accounts only because the operation is that large, has
    nearly all its users in the operation's cluster: at least ``generic_owned_share`` of them
    (and the fair share of :func:`owned_links`). A cluster of more than ``crowd_share`` of all
    accounts owns none: it is a crowd that popular templates glued together, which holds most
    of their users because it holds most of the population.
    """
    is_template = ml["kind"].isin(["fingerprint", "family"]).to_numpy()
    n_in, df = ml["n_in"].to_numpy(), ml["df"].to_numpy()
    candidate = is_template & ml["generic"].to_numpy() & (n_in >= 2) & (n_in >= params.generic_owned_share * df)
    size = by_code(sizes, ml["community"].to_numpy())
    crowd = size > params.crowd_size(n_accounts)
    return candidate & ~crowd & owned_links(ml, sizes, n_accounts, params)


def popular_variants(
    ml: pd.DataFrame, artifacts: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams
) -> np.ndarray:
    """Fingerprint links whose template family is generic and not the cluster's own.

    An exact wording of a template thousands use can be rare by chance: a few people phrase
    it the same way. Its rarity says nothing about who sent it, so it is as generic as its
    family, unless the family belongs to the cluster (:func:`owned_generic`: an operation
    large enough to make its own family generic keeps its shared wordings).
    ``artifacts["family"]`` is each fingerprint's family code (-1 without one).
    """
    out = np.zeros(len(ml), dtype=bool)
    if "family" not in artifacts.columns or not len(ml):
        return out
    family = artifacts["family"].to_numpy()[ml["art"].to_numpy()]
    generic = artifacts["generic"].to_numpy()
    candidate = (family >= 0) & generic[np.maximum(family, 0)]
    if not candidate.any():
        return out
    community = ml["community"].to_numpy().astype(np.int64)
    width = np.int64(len(artifacts))
    owned = owned_generic(ml, sizes, n_accounts, params) & (ml["kind"] == "family").to_numpy()
    owned_keys = community[owned] * width + ml["art"].to_numpy()[owned]
    rows = np.flatnonzero(candidate)
    out[rows] = ~np.isin(community[rows] * width + family[rows], owned_keys)
    return out


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
