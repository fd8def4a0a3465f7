"""Scoring parameters, the result type and the risk bands."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd


def _default_risk_weights() -> dict[str, float]:
    return {
        "bias": -4.0,
        "linked_network": 2.0,
        "burst": 1.5,
        "shared_payment": 1.0,
        "dispersion": 1.0,
        "multi_template": 1.5,
        "multi_ip": 1.0,
        "unanchored_rotation": 1.0,
        "lockstep": 1.5,
        "cell_lockstep": 2.5,
        "prompt_pairs": 1.0,
        "cluster_waves": 1.5,
        "cluster_sessions": 1.5,
        "shared_rest": 1.0,
        "owned_domain": -6.0,
        "single_hub": -2.5,
        "model_pivot": 1.0,
        "known_bad": 3.0,
        "volume": 0.5,
        "concentration": 0.0,
        "uncorroborated": -2.0,
        "gathering": -6.0,
        "scheduled": -3.5,
        "independent": -4.0,
    }


@dataclass(frozen=True)
class ScoringParams:
    """Scoring rules. Documented in the README ("Risk score").

    ``network_min_members``: sharers an artifact needs inside the cluster to tie its core;
    ``hard_min_members``: the same for a payment method (a card shared by two or three
    accounts of one cluster is hard evidence; an IP shared by two is not);
    ``min_exclusivity``, ``min_lift``, ``max_exclusivity``: the share of an artifact's users a
    cluster must hold for the artifact to tie its core (:func:`~linkgraph.scoring.members.owned_links`);
    ``generic_owned_share``: the share of a generic template's users a cluster must hold for
    the template to count as its own (:func:`~linkgraph.scoring.members.owned_generic`), which
    a cluster of more than ``crowd_share`` of all accounts never does;
    ``split_min_part``: a part of a cluster's core that shares no evidence with the rest and
    has at least this many accounts becomes a cluster of its own (0 turns splitting off);
    ``template_team_share``: so does a template team of at most this share of the core
    (:func:`~linkgraph.scoring.parts.template_team`; 0 turns it off);
    ``organisation_majority``: the share of a cluster's core that must be on its own email
    domains before the organisation discount starts (:func:`~linkgraph.scoring.features.organisation`);
    ``cell_ip_share``: the share of a cluster a member's shared IPs must typically serve for
    its rotation to count fully as a cell's own proxies (:func:`~linkgraph.scoring.features.unanchored_rotation`);
    ``satellite_links``, ``satellite_share``: a peripheral member with that many artifacts
    whose users are mostly in another community's core (at least two core members there and
    that share of all users) moves there and is scored again (:mod:`~linkgraph.scoring.satellites`;
    0 links turns it off);
    ``public_prompt_hold``: a light prompt (pasted once by nearly each of its users) ties parts
    of a core only when at least this share of its users are core members
    (:func:`~linkgraph.scoring.parts.public_prompts`; 0 turns the rule off);
    ``min_corroboration``: the share of a cluster's core that must show a shared card, lockstep,
    a new-model jump, high volume or a ban tie before shared IPs and templates alone stop
    being held against it, and timing, a new-model jump, volume or a ban tie before shared
    cards stop being held against it (:func:`~linkgraph.scoring.features.uncorroborated`).
    """

    evidence_scale: float = 1.0
    core_min_links: int = 3
    min_exclusivity: float = 0.05
    min_lift: float = 10.0
    max_exclusivity: float = 0.5
    generic_owned_share: float = 0.8
    crowd_share: float = 0.1
    exclusive_share: float = 0.9
    network_min_members: int = 5
    hard_min_members: int = 2
    repeat_factor: float = 0.3
    min_cluster_size: int = 2
    split_min_part: int = 5
    template_team_share: float = 0.25
    organisation_majority: float = 0.5
    cell_ip_share: float = 0.25
    min_corroboration: float = 0.25
    satellite_links: int = 2
    satellite_share: float = 0.25
    public_prompt_hold: float = 0.25
    risk_weights: dict[str, float] = field(default_factory=_default_risk_weights)
    bands: tuple[tuple[str, float], ...] = (("high", 0.7), ("medium", 0.4), ("low", 0.0))
    export_threshold: float = 0.7

    def crowd_size(self, n_accounts: int) -> float:
        """Members above which a cluster is a crowd: ``crowd_share`` of all ``n_accounts``."""
        return self.crowd_share * max(n_accounts, 1)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Scored:
    """The scoring result (all DataFrames; community labels are ints, not yet cluster ids)."""

    clusters: pd.DataFrame
    members: pd.DataFrame
    cluster_artifacts: pd.DataFrame
    member_links: pd.DataFrame


EVIDENCE_CLASS = {
    "payment": "payment",
    "ip": "network",
    "fingerprint": "template",
    "family": "template",
    "rewrite": "template",
}
EVIDENCE_CLASS |= {"lockstep": "timing"}
"""Kinds that say the same thing count once: an exact fingerprint and its template family."""


def evidence_class_codes(kinds: pd.Series) -> np.ndarray:
    """Integer evidence class of each kind (unknown kinds form a class of their own each).

    Works on the categories, not on every row, when ``kinds`` is categorical.
    """
    values = kinds if isinstance(kinds.dtype, pd.CategoricalDtype) else kinds.astype("category")
    names = [str(c) for c in values.cat.categories]
    classes = pd.factorize(pd.Series([EVIDENCE_CLASS.get(n, n) for n in names], dtype=object))[0]
    codes = values.cat.codes.to_numpy()
    return np.where(codes >= 0, np.asarray(classes, dtype=np.int64)[np.maximum(codes, 0)], -1)


def risk_band(score: pd.Series, params: ScoringParams) -> pd.Series:
    """Map risk scores to the documented bands."""
    out = pd.Series(params.bands[-1][0], index=score.index, dtype=object)
    for name, floor in reversed(params.bands[:-1]):
        out[score >= floor] = name
    return out
