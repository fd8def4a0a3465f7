"""Riders: customers of a shared proxy pool tied to an operation by the pool's exits alone.

An operation that rents a small proxy pool (a reseller's gateways, a carrier region's dozen
NAT addresses) shares those exits with the pool's ordinary customers. A customer who
connected through three or six of them is tied to the operation's cell by IPs as strongly
as any of its accounts, and can survive in the cluster's core. Three things set it apart:

- how it used the exits: each was one session, a pass through whatever address the pool
  handed out, while a cell's accounts use their exits for days;
- whose exits they are: a cell's private exits serve the cell alone, while a pool's exits
  serve others too (a customer's exits have a twentieth or more of their users outside
  the cluster's core: the pool's other customers, even when the cluster holds them as
  periphery). Long-time customers can be the core on the exits alone and make them look
  private: an exit is the cluster's own only when at least half of its users are core
  members with evidence beyond IPs (:data:`ANCHORED_EXIT_SHARE`);
- how many it used: a cell keeps to its handful of private exits, while a customer of a pool
  that an operation dominates (so that the exits look like the operation's own) rotates
  through dozens (:data:`ROTATING_EXITS`).

A core member whose only evidence in its cluster is shared IPs, and which passed through
most of them within an hour, has no exit of the cluster's own, or is tied by more than
:data:`ROTATING_EXITS` of them (a cell keeps to its handful of private exits, a pool's
customer rotates through dozens), is a rider: it stays in
the cluster (its links are part of the picture), but is not listed for enforcement. Public
prompts do not count as other evidence: a *light* prompt, which nearly every one of its users
pasted once (:func:`~linkgraph.graph.light_prompts`: a famous example, a tutorial's prompt),
ties an operation's cover traffic to the pool's customers who pasted it too. A *prompt rider*
is tied by such prompts alone (no IP, no card, no other template, no shared minute).

A *clock rider* is tied by a schedule alone: a core member whose only evidence in its
cluster is templates and shared minutes (no IP, no card, no ban tie), and whose shared
minutes fall on one minute of the hour (±1: :data:`CLOCK_SHARE` of them, at least
:data:`CLOCK_MIN_WINDOWS`), or all of them at the top of the hour (:59 to :01). Thousands of
cron users fire a popular integration prompt at :00; an operation that fires the same prompt
in the same busy minute meets them there, and nowhere else. A cron user runs a job or two,
each with its prompt: a member tied by :data:`CLOCK_MAX_FAMILIES` template families or more
that are the cluster's own (half their users or more are members, :data:`PLAYBOOK_SHARE`) works
from the cluster's playbook, whatever the minute (an operation's workers that hide in the
top-of-the-hour rush). Families the cluster shares with outsiders say nothing of the kind: a
person's prompts are shared with many strangers.

The cluster's risk is computed before riders are set apart: the structure they belong to is
no less suspect for them. Only what says "this is an organisation" is asked of the cluster's
own accounts, riders apart: whose email domains they are, and whether one card pays for most
of them (:func:`~linkgraph.scoring.identity.account_features`,
:func:`~linkgraph.scoring.clusters.billing_card_share`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.members import owned_links
from linkgraph.scoring.params import ScoringParams, evidence_class_codes
from linkgraph.scoring.seeds import NAT, to_ns

PASSING_NS = 3_600 * 10**9
"""A link whose first and last use lie closer than this (one hour) was one passing session."""
PASSING_SHARE = 0.5
"""A rider passed through more than this share of its IP links to the cluster."""
OWN_EXIT_SHARE = 0.95
"""An exit is the cluster's own when at least this share of its users are members."""
ANCHORED_EXIT_SHARE = 0.5
"""An exit is the cluster's own only when at least this share of its users are core members
with evidence beyond IPs: a pool's customers who are the core on the exits alone make none."""
ROTATING_EXITS = 10
"""A member tied by more exits of its cluster than this, and by nothing else, rotated through a
pool: a cell keeps to its handful of private exits."""
CLOCK_SHARE = 0.9
"""A clock rider has at least this share of its shared minutes on one minute of the hour (±1)."""
CLOCK_MIN_WINDOWS = 3
"""Shared minutes a member needs before its minute of the hour says anything."""
CLOCK_MAX_FAMILIES = 3
"""A member tied by this many of its cluster's own template families (or more) is no clock rider."""
PLAYBOOK_SHARE = 0.5
"""A template family is its cluster's own when at least this share of its users are members."""


def riders(
    members: pd.DataFrame,
    ml: pd.DataFrame,
    ev: pd.DataFrame,
    links: pd.DataFrame,
    n_accounts: int,
    params: ScoringParams,
    starts: np.ndarray | None = None,
    light: np.ndarray | None = None,
) -> np.ndarray:
    """Which rows of ``members`` are riders, clock riders or prompt riders (see the module docstring).

    ``ml``: the member links with their ``link`` row in ``links`` (``first_seen``,
    ``last_seen``) and ``n_in``, ``df``; ``ev``: the evidence links; ``starts``: per artifact
    code, a lockstep window's start in minutes (-1 for other kinds; None: no clock riders);
    ``light``: per artifact code, a light prompt (:func:`~linkgraph.graph.light_prompts`; None:
    none, so no prompt riders).
    Replacements and enforced accounts are never riders: their ties to banned accounts are
    evidence of their own. Without link times only the second test (no exit of the cluster's
    own) applies.
    """
    out = np.zeros(len(members), dtype=bool)
    if not len(members):
        return out
    sizes = members["community"].value_counts()
    own = ev[owned_links(ev, sizes, n_accounts, params)]
    classes = evidence_class_codes(own["kind"])
    is_ip = (own["kind"] == "ip").to_numpy()
    acct = own["acct"].to_numpy().astype(np.int64)
    width = int(max(acct.max(initial=-1), members["acct"].max(), ml["acct"].max()) + 1)
    ip_class = np.unique(classes[is_ip])
    pasted = light[own["art"].to_numpy()] if light is not None and len(light) else np.zeros(len(own), dtype=bool)
    other = np.zeros(width, dtype=bool)
    other[acct[~np.isin(classes, ip_class) & ~pasted]] = True  # public prompts aside
    on_ip = np.zeros(width, dtype=bool)
    on_ip[acct[is_ip]] = True
    on_public = np.zeros(width, dtype=bool)
    on_public[acct[pasted]] = True
    candidate = on_ip & ~other
    rows = _owned_ip_rows(ml, sizes, n_accounts, params, candidate)
    who = ml["acct"].to_numpy()[rows].astype(np.int64)
    own_exit = _core_users(ml, rows, members) >= OWN_EXIT_SHARE * ml["df"].to_numpy()[rows]
    own_exit &= _anchored_exits(ml, rows, members, candidate)
    has_own_exit = np.bincount(who[own_exit], minlength=width) > 0
    rotating = np.bincount(who, minlength=width) > ROTATING_EXITS
    rides = ~has_own_exit | rotating | (_passing_share(ml, rows, links, who, width) > PASSING_SHARE)
    rides &= candidate
    rides |= on_public & ~on_ip & ~other  # a prompt rider
    if starts is not None:
        rides |= _clock_riders(own, starts, width)
    m_acct = members["acct"].to_numpy().astype(np.int64)
    out = rides[m_acct] & (members["role"] == "core").to_numpy()
    for flag in ("replacement", "enforced"):
        if flag in members.columns:
            out &= ~members[flag].to_numpy(dtype=bool)
    return out


def _clock_riders(own: pd.DataFrame, starts: np.ndarray, width: int) -> np.ndarray:
    """Per account: its owned evidence is templates and shared minutes only, with some of both
    and fewer than :data:`CLOCK_MAX_FAMILIES` of the cluster's own template families, and
    :data:`CLOCK_SHARE` or more of its (at least :data:`CLOCK_MIN_WINDOWS`) shared minutes fall
    on its most common minute of the hour, ±1, or all of them on :59 to :01."""
    acct = own["acct"].to_numpy().astype(np.int64)
    kinds = own["kind"].astype("category")
    names = np.asarray(kinds.cat.categories, dtype=object)
    code = kinds.cat.codes.to_numpy()
    timing = code == (np.flatnonzero(names == "lockstep")[0] if "lockstep" in names else -2)
    template = np.isin(code, np.flatnonzero(np.isin(names, ("fingerprint", "family", "rewrite"))))
    has = [np.bincount(acct[mask], minlength=width) > 0 for mask in (timing, template, ~(timing | template))]
    candidate = has[0] & has[1] & ~has[2]
    family = code == (np.flatnonzero(names == "family")[0] if "family" in names else -2)
    family &= own["n_in"].to_numpy() >= PLAYBOOK_SHARE * own["df"].to_numpy()  # the cluster's own
    families = pd.DataFrame({"acct": acct[family], "art": own["art"].to_numpy()[family]}).drop_duplicates()
    candidate &= np.bincount(families["acct"].to_numpy(), minlength=width) < CLOCK_MAX_FAMILIES
    rows = timing & candidate[acct]
    start = starts[own["art"].to_numpy()[rows]]
    who, minute = acct[rows][start >= 0], start[start >= 0] % 60
    out = np.zeros(width, dtype=bool)
    if not len(who):
        return out
    local, accounts = pd.factorize(who)
    per = np.zeros((len(accounts), 60), dtype=np.int32)
    np.add.at(per, (local, minute), 1)
    near = per + np.roll(per, 1, axis=1) + np.roll(per, -1, axis=1)  # each minute with its neighbours
    total = per.sum(axis=1)
    own_clock = (total >= CLOCK_MIN_WINDOWS) & (near.max(axis=1) >= CLOCK_SHARE * total)
    out[accounts] = own_clock | (near[:, 0] == total)  # or every shared minute at the top of the hour
    return out


def _anchored_exits(ml: pd.DataFrame, rows: np.ndarray, members: pd.DataFrame, candidate: np.ndarray) -> np.ndarray:
    """Per row of ``ml`` at ``rows``: whether :data:`ANCHORED_EXIT_SHARE` of its artifact's users are
    core members with evidence beyond IPs (not a ``candidate``), or its cluster's core has no such
    member (a cell tied by its exits alone keeps them as its own)."""
    anchored = members[~candidate[members["acct"].to_numpy()] & members["role"].eq("core").to_numpy()]
    out = np.ones(len(rows), dtype=bool)
    if not len(rows) or anchored.empty:
        return out
    community = ml["community"].to_numpy()[rows]
    enough = _core_users(ml, rows, anchored) >= ANCHORED_EXIT_SHARE * ml["df"].to_numpy()[rows]
    return enough | ~np.isin(community, anchored["community"].unique())


def _core_users(ml: pd.DataFrame, rows: np.ndarray, members: pd.DataFrame) -> np.ndarray:
    """Per row of ``ml`` at ``rows``: how many core members of its cluster use its artifact.

    Peripheral members do not make an exit the cluster's own: a cluster that holds most of a
    pool's customers as periphery around an operation still shares the pool with them.
    """
    core = np.zeros(int(max(members["acct"].max(), ml["acct"].max())) + 1, dtype=bool)
    core[members.loc[members["role"].eq("core"), "acct"].to_numpy()] = True
    community, art = ml["community"].to_numpy().astype(np.int64), ml["art"].to_numpy().astype(np.int64)
    key = community * (int(art.max(initial=0)) + 1) + art
    asked = np.zeros(int(art.max(initial=0)) + 1, dtype=bool)
    asked[art[rows]] = True  # count only the artifacts asked about
    pick = core[ml["acct"].to_numpy()] & asked[art]
    codes, uniques = pd.factorize(key[pick])
    counts = pd.Series(np.bincount(codes, minlength=len(uniques)), index=uniques)
    return counts.reindex(key[rows]).fillna(0).to_numpy()


def _passing_share(ml: pd.DataFrame, rows: np.ndarray, links: pd.DataFrame, who: np.ndarray, width: int) -> np.ndarray:
    """Per account: the share of its IP links at ``rows`` of ``ml`` used for under an hour (0 without link times)."""
    if not {"first_seen", "last_seen"} <= set(links.columns):
        return np.zeros(width)
    link = ml["link"].to_numpy()[rows]
    first = to_ns(links["first_seen"].iloc[link])  # a tz-aware column's to_numpy() is objects: slow
    last = to_ns(links["last_seen"].iloc[link])
    passing = (first != NAT) & (last != NAT) & (last - first < PASSING_NS)
    n_links = np.bincount(who, minlength=width)
    n_passing = np.bincount(who, weights=passing, minlength=width)
    return np.divide(n_passing, n_links, out=np.zeros(width), where=n_links > 0)


def _owned_ip_rows(
    ml: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams, candidate: np.ndarray
) -> np.ndarray:
    """Positions in ``ml`` of the candidates' IP links that tie them to their cluster."""
    acct = ml["acct"].to_numpy().astype(np.int64)
    pick = np.flatnonzero((ml["kind"] == "ip").to_numpy() & ml["evidence"].to_numpy() & candidate[acct])
    sub = ml.iloc[pick]
    return pick[owned_links(sub, sizes, n_accounts, params)]


def structural_core(members: pd.DataFrame) -> np.ndarray:
    """Which members the cluster's structure holds: its core, riders included (they are set
    apart from the list only; satellites are found on this, in every engine, before or after
    riders are marked)."""
    core = members["role"].eq("core").to_numpy()
    if "rider" in members.columns:
        core = core | members["rider"].fillna(False).to_numpy(dtype=bool)
    return core


def set_riders_apart(members: pd.DataFrame, clusters: pd.DataFrame, is_rider: np.ndarray) -> None:
    """Make riders peripheral and count them per cluster (``n_riders``; ``n_core`` and
    ``core_share`` then count the listed core). In place; ``clusters`` is indexed by community."""
    members["rider"] = is_rider
    members.loc[is_rider, "role"] = "peripheral"
    per = pd.Series(is_rider).groupby(members["community"].to_numpy()).sum()
    clusters["n_riders"] = per.reindex(clusters.index).fillna(0).astype(int)
    clusters["n_core"] = clusters["n_core"] - clusters["n_riders"]
    clusters["core_share"] = clusters["n_core"] / clusters["size"]
