"""One-off gatherings: accounts that met for a day or two, then went their own ways.

A hackathon's participants sign up at the venue, share its Wi-Fi, often the sponsor's credit
and the starter kit's prompts, and all of that within a day and a half; then they go home and
use their accounts apart. Enthusiasts try a new model within hours of its release with the
same famous test prompts, a few each, and go back to their own use. An operation's accounts
keep using their shared infrastructure for as long as they live: a cell's proxies carry its
traffic for weeks, until its accounts are banned. What tells the two apart is time: how long
the cluster's shared IPs (or IPs and templates) were in use, against how long its members
went on after that.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.seeds import NAT, last_activity_ns, to_ns

DAY_NS = 86_400 * 10**9
EVENT_DAYS = 3.0
"""The longest a gathering's main artifacts may be in use (from the 10th percentile of their
members' first use to the 90th of their last)."""
MAIN_SHARE = 0.25
"""The share of a cluster's members on shared artifacts that one of its main artifacts serves."""
AFTER_DAYS = 2.0
"""How long after the gathering a member must still be active to have gone its own way."""
TEMPLATE_KINDS = ("fingerprint", "family", "rewrite")
"""The kinds a launch's attendees may meet on: exact prompts, their families and rewrite groups."""


def gathering(
    links: pd.DataFrame,
    df: np.ndarray,
    met: pd.DataFrame,
    basis: pd.DataFrame,
    index: pd.Index,
    requests: pd.DataFrame | None = None,
    baseline: float | None = None,
    light: bool = False,
) -> pd.Series:
    """Per cluster, in [0, 1]: how far its basis is a one-off gathering that dispersed.

    0 unless the basis members' links to the cluster's main artifacts (:func:`_main_artifacts`;
    of ``met``: ``community, link, acct, art``, ``link`` the row in ``links``) were all in
    use within :data:`EVENT_DAYS`; then the share of the basis still active :data:`AFTER_DAYS`
    or more after the gathering ended: a request, or a link to an artifact someone else also
    uses (``df[art]`` ≥ 2; a group scored on its own rows has no others). A cell made and
    banned within three days, or made three days before the data ends, did not go on: it
    scores 0. A participant who tried the API at the event and never came back counts as
    dispersed too, once the cluster shows that the data goes on after the event (a member
    went on): it sent no more requests in all than the population's average active account
    (``baseline``, requests per active account) and is not enforced. An operation's cell
    sends far more in its few days, and a cell still running when the data ends has nobody
    who went on. ``links``: the graph's links (``acct, art, first_seen, last_seen``, and
    ``count`` for ``light``); without link times the feature is 0.

    ``light``: a member counts only if it sent no more than ``baseline`` requests on each of
    its links to the main artifacts (their ``count``; unknown counts fail): people who met on
    a few famous prompts, not a dormant fleet's 300 requests each in a day and a half of
    templated work, whose cover traffic goes on afterwards.
    """
    out = pd.Series(0.0, index=index)
    if not len(met) or not {"first_seen", "last_seen"} <= set(links.columns):
        return out
    if light and (baseline is None or "count" not in links.columns):
        return out
    main = met[_main_artifacts(met["community"].to_numpy(), met["acct"].to_numpy(), met["art"].to_numpy())]
    window = _shared_window(links, main["community"].to_numpy(), main["link"].to_numpy())
    end = window["end"].to_numpy()
    short = window.index[(window["end"] - window["start"]).to_numpy() <= EVENT_DAYS * DAY_NS]
    if not len(short):
        return out
    members = basis[basis["community"].isin(short)]
    n = int(max(links["acct"].max(), members["acct"].max())) + 1
    asked = np.zeros(n, dtype=bool)
    asked[members["acct"].to_numpy()] = True
    ask_links = links[asked[links["acct"].to_numpy()] & (df[links["art"].to_numpy()] >= 2)]
    if requests is not None:
        acct = requests["acct"].to_numpy()
        requests = requests[(acct >= 0) & (acct < n) & asked[np.clip(acct, 0, n - 1)]]
    last = last_activity_ns(n, ask_links, requests)[members["acct"].to_numpy()]
    ended = pd.Series(end, index=window.index).reindex(members["community"].to_numpy()).to_numpy()
    went_on = (last != NAT) & (last >= ended + AFTER_DAYS * DAY_NS)
    community = members["community"].to_numpy()
    if requests is not None and baseline is not None:
        sent = np.bincount(requests["acct"].to_numpy(), minlength=n)[members["acct"].to_numpy()]
        over = pd.Series(went_on).groupby(community).transform("any").to_numpy()  # the data goes on
        enforced = members["enforced"].to_numpy(dtype=bool) if "enforced" in members.columns else False
        went_on = went_on | (over & (sent <= baseline) & ~enforced)
    if light:
        went_on = went_on & _light(links, main, members["acct"].to_numpy(), n, float(baseline or 0.0))
    share = pd.Series(went_on).groupby(community).mean()
    return share.reindex(index).fillna(0.0).astype(float)


def event_ips(shared: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams) -> np.ndarray:
    """Which of a cluster's shared links (``community, kind, n_in, df, generic``) are IPs a
    gathering may have met on: those that carry edges, and those too popular to carry edges
    whose users are nearly all the cluster's (``generic_owned_share``; outside a crowd of more
    than ``crowd_share`` of all accounts). A conference of 800 fills its two Wi-Fi addresses
    past the generic cut-off; a carrier NAT's users are spread over the population."""
    is_ip = (shared["kind"] == "ip").to_numpy()
    return is_ip & _carries_or_owned(shared, sizes, n_accounts, params)


def event_templates(shared: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams) -> np.ndarray:
    """Which of a cluster's shared links are templates an event's attendees may have met on,
    by the rule of :func:`event_ips`: the launch's famous test prompts."""
    is_template = shared["kind"].isin(TEMPLATE_KINDS).to_numpy()
    return is_template & _carries_or_owned(shared, sizes, n_accounts, params)


def _carries_or_owned(shared: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams) -> np.ndarray:
    """Links to artifacts that carry edges, or too popular to but with nearly all users in the cluster."""
    n_in, df = shared["n_in"].to_numpy(), shared["df"].to_numpy()
    size = sizes.reindex(shared["community"].to_numpy()).to_numpy(dtype=np.float64)
    owned = (n_in >= params.generic_owned_share * df) & (size <= params.crowd_size(n_accounts))
    return ~shared["generic"].to_numpy() | owned


def _light(links: pd.DataFrame, main: pd.DataFrame, accts: np.ndarray, n: int, baseline: float) -> np.ndarray:
    """Per account of ``accts``: whether each of its ``main`` links (rows ``link`` of
    ``links``) carried at most ``baseline`` requests (an unknown count is not light)."""
    count = links["count"].iloc[main["link"].to_numpy()]
    heavy = (count.isna() | (count.fillna(0) > baseline)).to_numpy(dtype=bool)
    over = np.zeros(n, dtype=bool)
    over[main["acct"].to_numpy()[heavy]] = True
    return ~over[accts]


def _main_artifacts(community: np.ndarray, acct: np.ndarray, art: np.ndarray) -> np.ndarray:
    """Which rows are on a main artifact of their community: one that at least :data:`MAIN_SHARE`
    of the community's members on shared artifacts use (the venue's Wi-Fi, not the carrier NAT
    addresses a few participants also passed through)."""
    if not len(community):
        return np.zeros(0, dtype=bool)
    c = community.astype(np.int64)
    ip = pd.factorize(c * (int(art.max()) + 1) + art)[0]
    users = np.bincount(ip)[ip]
    who, accounts = pd.factorize(acct)  # an account is in one community
    community_of = np.empty(len(accounts), dtype=np.int64)
    community_of[who] = c
    codes, labels = pd.factorize(community_of)
    members = pd.Series(np.bincount(codes), index=labels).reindex(c).to_numpy()
    return users >= MAIN_SHARE * members


def _shared_window(links: pd.DataFrame, community: np.ndarray, rows: np.ndarray) -> pd.DataFrame:
    """Per community: ``start`` (10th percentile of first use) and ``end`` (90th of last use)
    of the links at ``rows`` of ``links``, in int64 nanoseconds; communities with unknown times left out."""
    frame = pd.DataFrame(
        {
            "c": community,
            "first": to_ns(links["first_seen"].iloc[rows]),
            "last": to_ns(links["last_seen"].iloc[rows]),
        }
    )
    frame = frame[(frame["first"] != NAT) & (frame["last"] != NAT)]
    g = frame.groupby("c")
    return pd.DataFrame({"start": g["first"].quantile(0.1), "end": g["last"].quantile(0.9)}).astype(np.int64)
