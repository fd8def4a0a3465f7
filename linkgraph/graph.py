"""The rarity-weighted account–artifact graph.

The graph stays bipartite: an artifact shared by ``df`` accounts becomes one node with
``df`` edges, never ``df²`` account pairs, so the cost is linear in the number of links.

Each artifact gets an IDF-style weight ``strength[kind] * ln(N / df) / ln(N)`` in [0, 1]:
a card shared by 3 accounts weighs close to its kind's full strength, an IP shared by
thousands close to nothing. Artifacts whose ``df`` is above the kind's generic cut-off
(carrier NAT, VPN exits, popular templates) are marked ``generic`` and carry no edges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkgraph.coherence import card_tied_families, co_used_families, coherent_hubs
from linkgraph.ingest.load import Dataset


def _default_strength() -> dict[str, float]:
    return {"payment": 1.0, "ip": 0.6, "fingerprint": 0.5, "family": 0.5, "rewrite": 0.5, "lockstep": 0.5}


def _default_max_df() -> dict[str, int]:
    return {"payment": 500, "ip": 300, "fingerprint": 2000}


@dataclass(frozen=True)
class GraphParams:
    """Weighting rules. Documented in the README ("Evidence weights").

    - ``strength``: how much a shared artifact of each kind says (hard links > soft links).
    - ``max_df``: absolute generic cut-off per kind: shared by more accounts, it is generic.
      Derived kinds (``family``, ``lockstep``) have none: an operation's own template family
      grows with the operation, so only the relative cut-off applies to them.
    - ``max_df_fraction``: also generic when shared by more than this share of all accounts
      (never below ``min_generic_df``), so small worlds get proportionate cut-offs.
    - ``min_sharers``: an artifact joins the graph when at least this many accounts share it.
      A card or home IP of a family of two to four cannot tie a network (the core needs five
      sharers); leaving them out keeps families apart and the graph small.
    - ``coherent_share``, ``coherent_lift``, ``coherent_rounds``: an artifact over its kind's
      absolute cut-off stays evidence when its users are one network (:mod:`linkgraph.coherence`);
      ``coherent_rounds=0`` turns this off.
    - ``family_factor``, ``family_share``, ``family_lift``: a template family over the relative
      cut-off, up to ``family_factor`` times it, stays evidence when ``family_share`` of its
      users sit in one network that holds them ``family_lift`` times more often than chance
      (:func:`popular_families`; ``family_factor=1`` turns this off), or, up to
      ``family_card_factor`` times the cut-off, when ``family_card_share`` of its users share
      a card with another of its users (:func:`~linkgraph.coherence.card_tied_families`;
      above 1 turns this off), or, as far, when ``family_share`` of its users, both ways, are
      the users of ``family_partners`` other such families
      (:func:`~linkgraph.coherence.co_used_families`; 0 turns this off).
    """

    strength: dict[str, float] = field(default_factory=_default_strength)
    max_df: dict[str, int] = field(default_factory=_default_max_df)
    max_df_fraction: float = 0.01
    min_generic_df: int = 25
    min_sharers: int = 5
    coherent_share: float = 0.25
    coherent_lift: float = 100.0
    coherent_rounds: int = 3
    family_factor: float = 2.0
    family_share: float = 0.9
    family_lift: float = 2.0
    family_card_share: float = 0.25
    family_card_factor: float = 4.0
    family_partners: int = 2

    def relative_cutoff(self, n_accounts: int) -> int:
        """Largest ``df`` at which any artifact can count as evidence in a world of ``n_accounts``."""
        return max(self.min_generic_df, int(self.max_df_fraction * n_accounts))

    def generic_cutoff(self, kind: str, n_accounts: int) -> int:
        """Largest ``df`` at which an artifact of ``kind`` counts as evidence on rarity alone."""
        relative = self.relative_cutoff(n_accounts)
        return min(self.max_df.get(kind, relative), relative)

    def as_dict(self) -> dict[str, object]:
        return {
            "strength": dict(self.strength),
            "max_df": dict(self.max_df),
            "max_df_fraction": self.max_df_fraction,
            "min_generic_df": self.min_generic_df,
            "min_sharers": self.min_sharers,
            "coherent_share": self.coherent_share,
            "coherent_lift": self.coherent_lift,
            "coherent_rounds": self.coherent_rounds,
            "family_factor": self.family_factor,
            "family_share": self.family_share,
            "family_lift": self.family_lift,
            "family_card_share": self.family_card_share,
            "family_card_factor": self.family_card_factor,
            "family_partners": self.family_partners,
        }


@dataclass
class LinkGraph:
    """Artifacts with their rarity weights, and the weighted bipartite edges.

    ``artifacts`` is indexed by artifact code ``art`` with columns ``kind, artifact, df,
    weight, generic`` and ``light`` (:func:`light_prompts`; absent in graphs built elsewhere).
    ``links`` is the dataset's link table plus ``art``. ``edges`` has
    ``acct, art, weight`` for every link to a non-generic artifact shared by at least
    ``GraphParams.min_sharers`` (default 5) accounts.
    ``account_ids[acct]`` is the account's id.
    """

    n_accounts: int
    account_ids: np.ndarray
    artifacts: pd.DataFrame
    links: pd.DataFrame
    edges: pd.DataFrame


def rarity_weight(df: np.ndarray, n_accounts: int) -> np.ndarray:
    """IDF-style rarity in [0, 1]: ``ln(N/df) / ln(N)``."""
    n = max(n_accounts, 2)
    return np.clip(np.log(n / np.maximum(df, 1)) / math.log(n), 0.0, 1.0)


def with_derived(
    links: pd.DataFrame, artifacts: pd.DataFrame, derived: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The dataset's links and artifacts plus derived link rows (new kinds, new artifact codes).

    ``derived`` has ``acct, kind, artifact, first_seen, last_seen, count``; None or empty
    leaves both tables exactly as they are.
    """
    if derived is None or derived.empty:
        return links, artifacts
    kind = derived["kind"].astype("category")
    kinds = list(dict.fromkeys([*artifacts["kind"].cat.categories, *kind.cat.categories]))
    # Derived artifact ids carry their kind's prefix (``tf:``, ``ls:``), so the id alone is the key.
    local, uniques = pd.factorize(derived["artifact"])
    first = np.zeros(len(uniques), dtype=np.int64)
    first[local[::-1]] = np.arange(len(local))[::-1]
    names = pd.Series(np.asarray(uniques, dtype=object), dtype=artifacts["artifact"].dtype).array
    kind_codes = kind.cat.codes.to_numpy()
    kind_map = np.array([kinds.index(k) for k in kind.cat.categories], dtype=np.int8)
    extra_kind = pd.Categorical.from_codes(kind_map[kind_codes], categories=pd.Index(kinds))
    extra_art = pd.DataFrame({"kind": extra_kind[first], "artifact": names})
    extra = pd.DataFrame(
        {
            "acct": derived["acct"].astype(links["acct"].dtype).to_numpy(),
            "art": (local + len(artifacts)).astype(np.int64),
            "kind": extra_kind,
            "artifact": names.take(local),
            "first_seen": derived["first_seen"].astype(links["first_seen"].dtype).array,
            "last_seen": derived["last_seen"].astype(links["last_seen"].dtype).array,
            "count": derived["count"].astype("Int64").to_numpy(),
        }
    )
    base = links.assign(kind=links["kind"].cat.set_categories(kinds))
    arts = artifacts.assign(kind=artifacts["kind"].cat.set_categories(kinds))
    return pd.concat([base, extra], ignore_index=True), pd.concat([arts, extra_art], ignore_index=True)


def fingerprint_families(
    artifacts: pd.DataFrame, fingerprint_family: pd.DataFrame | None, derived: pd.DataFrame | None, art: np.ndarray
) -> np.ndarray:
    """Per artifact: the code of the template family a prompt fingerprint belongs to, else -1.

    ``fingerprint_family`` has ``art`` (a fingerprint's code) and ``family`` (a family id,
    categorical, one row per fingerprint); ``derived`` are the derived link rows whose
    artifact codes are ``art``: a family's code is found through its categories, not row by row.
    """
    out = np.full(len(artifacts), -1, dtype=np.int32)
    if fingerprint_family is None or not len(fingerprint_family) or derived is None or not len(derived):
        return out
    names = derived["artifact"].astype("category")
    link_cats, link_codes = names.cat.categories, names.cat.codes.to_numpy()
    art_of_name = np.full(len(link_cats), -1, dtype=np.int64)
    art_of_name[link_codes] = art
    family = fingerprint_family["family"].astype("category")
    wanted = family.cat.categories
    if len(wanted) <= len(link_cats) and link_cats[: len(wanted)].equals(wanted):
        code_of = art_of_name[: len(wanted)]  # the usual case: the family links' own categories come first
    else:
        pos = link_cats.get_indexer(wanted)
        code_of = np.where(pos >= 0, art_of_name[np.maximum(pos, 0)], -1)
    codes = family.cat.codes.to_numpy()
    code = np.where(codes >= 0, code_of[np.maximum(codes, 0)], -1)
    known = code >= 0
    out[fingerprint_family["art"].to_numpy()[known]] = code[known]
    return out


LIGHT_SHARE = 0.9
"""A prompt is *light* when at least this share of its users sent it only once."""
PROMPT_KINDS = ("fingerprint", "family")


def light_prompts(links: pd.DataFrame, n_artifacts: int) -> np.ndarray:
    """Per artifact: a prompt (fingerprint or template family) that nearly every user sent once.

    A public prompt (a famous test prompt, a tutorial's example, a chat bot's opener) is
    pasted once by each of its users; an operation's template is sent again and again, and so
    is a team's. ``links`` has ``art, kind, count`` (``request_count``); where a prompt link
    carries no count, nothing is light.
    """
    prompt = links["kind"].isin(PROMPT_KINDS).to_numpy()
    count = links["count"][prompt]
    if not prompt.any() or count.isna().any():
        return np.zeros(n_artifacts, dtype=bool)
    art = links["art"].to_numpy()[prompt]
    once = np.bincount(art, weights=count.to_numpy(dtype=np.float64) <= 1, minlength=n_artifacts)
    users = np.bincount(art, minlength=n_artifacts)
    return (users > 0) & (once >= LIGHT_SHARE * users)


def popular_families(
    kind: pd.Series,
    df: np.ndarray,
    candidate: np.ndarray,
    n_accounts: int,
    params: GraphParams,
    factor: float | None = None,
) -> np.ndarray:
    """Template families over the relative cut-off that may still be one network's own.

    The relative cut-off (1% of all accounts) makes a template popular in proportion to the
    world. In a small world an operation of 2% of all accounts writes each of its four or
    five families for more than 1% of everyone (the evasive world at 5,000 accounts: 51-61
    users of 5,000), so they would be generic like a framework's prompt. A popular prompt's
    users are the population's (a fifth to a third of them in the evidence graph's largest
    component, as chance gives); an operation's family has nearly all its users in one
    network. So a family up to ``family_factor`` times the cut-off is a candidate for
    :func:`~linkgraph.coherence.coherent_hubs` with its own thresholds (``family_share`` of the
    users in one component, ``family_lift`` times its share of all accounts). ``candidate``:
    the generic artifacts of a kind with strength. ``factor`` (when given) replaces ``family_factor``:
    card-tied families (:func:`~linkgraph.coherence.card_tied_families`) are sought up to
    ``family_card_factor`` times the cut-off, since their evidence is their users' cards, not
    how the world's components fall.
    """
    relative = params.relative_cutoff(n_accounts)
    is_family = np.asarray(kind == "family")
    reach = params.family_factor if factor is None else factor
    return candidate & is_family & (df > relative) & (df <= reach * relative)


def build_link_graph(
    dataset: Dataset,
    params: GraphParams | None = None,
    derived: pd.DataFrame | None = None,
    fingerprint_family: pd.DataFrame | None = None,
) -> LinkGraph:
    """Weigh every artifact by kind and rarity and keep the edges that are evidence.

    ``derived`` adds link rows of derived kinds (template families, lockstep buckets; see
    :mod:`linkgraph.signals.derive`); they are weighed like any other artifact.
    ``fingerprint_family`` (``art``, ``family``) gives each fingerprint its template family
    (``artifacts["family"]``, :func:`fingerprint_families`; the column exists only then).
    """
    params = params or GraphParams()
    links, artifacts = with_derived(dataset.links, dataset.artifacts, derived)
    art = links["art"].to_numpy()
    artifacts = artifacts.copy()
    df = np.bincount(art, minlength=len(artifacts))
    artifacts["df"] = df
    categories = list(artifacts["kind"].cat.categories)
    codes = artifacts["kind"].cat.codes.to_numpy()
    strength = np.array([params.strength.get(k, 0.0) for k in categories])[codes]
    cutoff = np.array([params.generic_cutoff(k, dataset.n_accounts) for k in categories])[codes]
    artifacts["weight"] = strength * rarity_weight(df, dataset.n_accounts)
    generic = df > cutoff
    usable = ~generic & (df >= params.min_sharers) & (strength > 0)
    hubs = generic & (df <= params.relative_cutoff(dataset.n_accounts)) & (strength > 0)
    families = popular_families(artifacts["kind"], df, generic & (strength > 0), dataset.n_accounts, params)
    acct = links["acct"].to_numpy()
    coherent = coherent_hubs(
        acct, art, df, usable, hubs | families, dataset.n_accounts,
        np.where(families, params.family_share, params.coherent_share),
        np.where(families, params.family_lift, params.coherent_lift),
        params.coherent_rounds,
    )  # fmt: skip
    is_card = np.asarray(artifacts["kind"] == "payment") & ~generic
    wide = popular_families(
        artifacts["kind"], df, generic & (strength > 0), dataset.n_accounts, params, params.family_card_factor
    )
    coherent |= card_tied_families(acct, art, is_card, wide, df, params.family_card_share)
    coherent |= co_used_families(acct, art, wide, params.family_share, params.family_partners)
    artifacts["generic"] = generic & ~coherent
    artifacts["light"] = light_prompts(links, len(artifacts))
    usable |= coherent
    if fingerprint_family is not None and len(fingerprint_family):  # no column at all without SimHashes
        derived_art = art[len(dataset.links) :] if derived is not None and len(derived) else art[:0]
        artifacts["family"] = fingerprint_families(artifacts, fingerprint_family, derived, derived_art)
    keep = usable[art]
    edges = pd.DataFrame(
        {
            "acct": acct[keep],
            "art": art[keep],
            "weight": artifacts["weight"].to_numpy()[art[keep]],
        }
    )
    return LinkGraph(dataset.n_accounts, dataset.accounts["account_id"].to_numpy(), artifacts, links, edges)


def share_links(dataset: Dataset, graph: LinkGraph) -> None:
    """Point ``dataset.links`` at the graph's first rows, which hold the same links, so a
    detection keeps the link table once (it is the largest table at every scale).

    The values are unchanged; ``kind`` gains the derived kinds as (unused) categories. Nothing
    happens when the graph added no derived links (then both are one table already).
    """
    n_base = len(dataset.links)
    if graph.links is dataset.links or len(graph.links) < n_base:
        return
    dataset.links = graph.links.iloc[:n_base]
