"""The "why" of a score: the risk waterfall and a one-line description of a cluster (pure).

The risk score is ``sigmoid(bias + Σ contrib_<name>)``; :func:`waterfall` lists the bias and
every contribution in the order they push the score, like Splink's match-weight chart.
:func:`describe` turns the features into a plain-language line ("payment reseller with
proxy rotation"). Both read a cluster row as a mapping and ignore columns they do not
know, so features added later never break them (a new ``contrib_*`` shows up in the
waterfall by itself).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

FEATURE_LABELS = {
    "linked_network": "size of the linked core",
    "burst": "accounts created in a burst",
    "shared_payment": "shared payment methods",
    "dispersion": "IPs spread over many networks",
    "multi_template": "several shared templates per account",
    "multi_ip": "several shared IPs per account (rotation)",
    "unanchored_rotation": "rotation with no billing hub or own domain",
    "owned_domain": "own e-mail domain (organisation)",
    "single_hub": "one billing card, office IP or offices behind most accounts",
    "model_pivot": "jumped onto a newly released model",
    "cluster_waves": "members sending in the same minutes, far above their rate that hour (the cluster's own waves)",
    "cluster_sessions": "members at work in the same hours on several days, off any clock (the cluster's own sessions)",
    "shared_rest": "programs around the clock that all pause in the same hours (one operator's clock)",
    "known_bad": "tied to banned or suspended accounts",
    "uncorroborated": "shared cards, IPs or templates, but no timing, new-model jump, volume or ban tie",
    "gathering": "met on shared IPs within days, then went their own ways",
    "scheduled": "shared minutes always at one minute of the hour or one hour of the week (a scheduler, a timetable)",
    "independent": "behave alike, but nothing ties who they are (a tool's or an event's users)",
}
"""Readable names of the risk weights; unknown ``contrib_*`` columns use their own name."""


def _num(row: Mapping[Any, Any], key: str) -> float:
    value = row.get(key, 0.0)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(number) else number


def organisation_note(row: Mapping[Any, Any]) -> str | None:
    """Why a cluster's own domains count for less, or more, than its members on them; or None.

    >>> print(organisation_note({"n_cross_organisation": 29}))  # doctest: +NORMALIZE_WHITESPACE
    29 members on its own domains sent in the same minutes as another of its organisations
    twice or more, or pay with a card that one pays with: not counted as an organisation
    (own e-mail domain)
    >>> print(organisation_note({"sponsored_share": 0.5}))  # doctest: +NORMALIZE_WHITESPACE
    50% of the core are newcomers paid for by a card that its staff (on its own domains, there
    a month or more before them) use: counted with the organisation (own e-mail domain)
    >>> print(organisation_note({"n_cohort_companies": 6}))  # doctest: +NORMALIZE_WHITESPACE
    6 small companies, each on its own domain with a card and an address only its members use,
    meet only at one venue on a timetable: counted as a cohort of organisations (own e-mail domain)
    >>> organisation_note({"n_cross_organisation": 0}) is None
    True
    """
    notes = []
    cohort = int(_num(row, "n_cohort_companies"))
    if cohort > 0:
        notes.append(
            f"{cohort:,} small companies, each on its own domain with a card and an address only its members "
            "use, meet only at one venue on a timetable: counted as a cohort of organisations (own e-mail domain)"
        )
    n = int(_num(row, "n_cross_organisation"))
    if n > 0:
        notes.append(
            f"{n:,} members on its own domains sent in the same minutes as another of its organisations "
            "twice or more, or pay with a card that one pays with: not counted as an organisation "
            "(own e-mail domain)"
        )
    sponsored = _num(row, "sponsored_share")
    if sponsored > 0:
        notes.append(
            f"{sponsored:.0%} of the core are newcomers paid for by a card that its staff (on its own domains, "
            "there a month or more before them) use: counted with the organisation (own e-mail domain)"
        )
    return "; ".join(notes) or None


def waterfall(row: Mapping[Any, Any], bias: float) -> pd.DataFrame:
    """``step, label, contribution, start, end`` from the bias to the final log-odds.

    Contributions come from the row's ``contrib_*`` columns, largest effect first; zero
    contributions are left out. ``end`` of the last step is the log-odds of ``risk_score``.

    Examples
    --------
    >>> wf = waterfall({"contrib_burst": 1.5, "contrib_owned_domain": 0.0, "contrib_new": -0.5}, bias=-4.0)
    >>> wf[["step", "contribution", "end"]].values.tolist()
    [['bias', -4.0, -4.0], ['burst', 1.5, -2.5], ['new', -0.5, -3.0]]
    """
    steps = [("bias", "baseline (bias)", float(bias))]
    contribs = [(k.removeprefix("contrib_"), _num(row, k)) for k in row if str(k).startswith("contrib_")]
    contribs = sorted((c for c in contribs if c[1] != 0.0), key=lambda c: (-abs(c[1]), c[0]))
    steps += [(name, FEATURE_LABELS.get(name, name.replace("_", " ")), value) for name, value in contribs]
    frame = pd.DataFrame(steps, columns=["step", "label", "contribution"])
    frame["end"] = frame["contribution"].cumsum().round(4)
    frame["start"] = (frame["end"] - frame["contribution"]).round(4)
    frame["probability"] = 1.0 / (1.0 + (-frame["end"]).map(math.exp))
    return frame[["step", "label", "contribution", "start", "end", "probability"]]


def _what(row: Mapping[Any, Any]) -> str:
    """The main label: what the operation looks like."""
    if _num(row, "n_replacements") >= 1 or _num(row, "known_bad") >= 0.2:
        return "replacement cells of a banned hydra"
    staffed = _num(row, "owned_domain_share") + _num(row, "sponsored_share")
    if _num(row, "hub_share") >= 0.5 and (staffed >= 0.3 or _num(row, "burst_share") < 0.3):
        return "organisation on one billing hub"
    if _num(row, "tenant_share") >= 0.5:
        return "a platform's customers, each on its own domain"
    if _num(row, "gathering") >= 0.5:
        return "a one-off gathering that dispersed"
    template = max(_num(row, "template_share"), _num(row, "family_share"), _num(row, "multi_template_share"))
    if _num(row, "independent") >= 0.5:
        return "independent users of one tool or event (no shared identity)"
    timing = max(_num(row, "lockstep_share"), _num(row, "wave_share"))
    if timing >= 0.3 and _num(row, "scheduled") >= 0.5:
        return "scheduled: one minute of the hour, one hour of the week or each member's own time of day"
    if timing >= 0.3:
        return "synchronized template traffic" if template >= 0.5 else "synchronized traffic"
    if _num(row, "payment_share") >= 0.5:
        return "payment reseller"
    if _num(row, "family_share") >= 0.5 and _num(row, "multi_template_share") >= 0.5:
        return "paraphrased template traffic"
    if template >= 0.5:
        return "shared template traffic"
    if _num(row, "ip_share") >= 0.5:
        return "accounts behind shared IPs"
    return "loosely linked accounts"


def describe(row: Mapping[Any, Any]) -> str:
    """One plain-language line on what a cluster looks like, from its features.

    Examples
    --------
    >>> describe({"payment_share": 0.9, "multi_ip_share": 0.6, "dispersion": 0.8})
    'payment reseller with proxy rotation'
    >>> describe({"hub_share": 0.9, "owned_domain_share": 0.8})
    'organisation on one billing hub'
    """
    what = _what(row)
    extras = []
    if (_num(row, "multi_ip_share") >= 0.3 or _num(row, "dispersion") >= 0.5) and "IP" not in what:
        extras.append("proxy rotation")
    if _num(row, "burst_share") >= 0.5 and "synchronized" not in what:
        extras.append("burst sign-ups")
    if max(_num(row, "lockstep_share"), _num(row, "wave_share")) >= 0.3 and "synchronized" not in what:
        extras.append("lockstep traffic")
    if _num(row, "sessions_beyond_waves") >= 0.3:
        extras.append("shared work sessions")
    if _num(row, "model_pivot") >= 0.3:
        extras.append("a jump to a new model")
    return what + (" with " + " and ".join(extras[:2]) if extras else "")
