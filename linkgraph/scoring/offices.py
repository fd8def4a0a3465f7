"""Offices: groups of a cluster's members on their own card behind their own few addresses.

A class, a team or a branch office pays with one sponsor card and sits behind one NAT
(:func:`office_accounts`). Ten such classes on one curriculum are ten offices, not one hub of
10%: what joins them is the curriculum, and each explains itself.

A project team on a review platform's virtual desktops pays with its matter card and comes
out of the platform's two or three addresses (:func:`pool_offices`). Alone, that is also how an
operation's cell looks (a card and the cell's proxies), so a pool office counts only beside
another office of its cluster: several self-contained groups joined by nothing but templates
are a platform's customers or an agency's projects. An operation that dresses its cells up as
companies still drives them from one dispatcher: its offices meet on the same templates in the
same minutes far more often than their working hours explain (:func:`synchronized`), and then
none of them is an office.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

POOL_MAX = 4
"""The most addresses a pool office comes out of (a platform's or an office's small NAT pool)."""

POOL_HOLD = 0.9
"""The share of a pool address's users in the cluster who must pay with the office's card."""

SYNC_EXCESS = 3.0
"""How many times the same-minute meetings between offices on one template that their hours
explain make a cluster's offices one dispatcher's cells (:func:`synchronized`)."""

MIN_MEETINGS = 20
"""The fewest same-minute meetings between offices on one template that can show a dispatcher."""

MINUTE_NS = 60 * 10**9


def office_accounts(shared: pd.DataFrame, min_members: int, requests: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``community, acct`` of members who sit in an office: behind one NAT
    (:func:`nat_offices`), or in a pool office (:func:`pool_offices`) of a cluster that has at
    least two offices whose members do not meet in :func:`synchronized` minutes
    (``requests``: ``acct, timestamp`` and ``family`` and/or ``prompt_fingerprint``)."""
    nat = nat_offices(shared, min_members)
    pool = pool_offices(shared, min_members)
    if pool.empty:
        return nat[["community", "acct"]]
    every = pd.concat([nat, pool]).drop_duplicates(["community", "acct"])
    several = every.drop_duplicates(["community", "office"]).groupby("community").size()
    pool = pool[pool["community"].map(several).to_numpy() >= 2]
    if requests is not None and not pool.empty:
        candidates = every[every["community"].isin(pool["community"].unique())]
        pool = pool[~pool["community"].isin(synchronized(candidates, requests))]
    both = pd.concat([nat[["community", "acct"]], pool[["community", "acct"]]])
    return both.drop_duplicates().sort_values(["community", "acct"]).reset_index(drop=True)


def nat_offices(shared: pd.DataFrame, min_members: int) -> pd.DataFrame:
    """``community, acct, office`` of members who share exactly one IP with the cluster (the
    office's NAT), where at least ``min_members`` members pay with the same card behind that
    same IP (``office``: the card's artifact code).

    An operation's accounts on a shared card rotate through the cell's proxies, come out of
    IPs nobody else in the cluster uses, share no card with more than two or three others, or
    pay with resold cards whose users are spread over its datacenter addresses (each card's
    users on many IPs, each IP's users on many cards).
    """
    kind = shared["kind"]
    cards = shared[(kind == "payment").to_numpy() & (shared["n_in"] >= min_members).to_numpy()]
    ips = shared[(kind == "ip").to_numpy() & ~shared["generic"].to_numpy()]
    per = ips.groupby(["community", "acct"], observed=True).agg(
        n=("art", "nunique"), users=("n_in", "max"), ip=("art", "first")
    )
    behind_nat = per[(per["n"] == 1) & (per["users"] >= min_members)].reset_index()
    pairs = cards[["community", "acct", "art"]].merge(behind_nat[["community", "acct", "ip"]], on=["community", "acct"])
    together = pairs.groupby(["community", "art", "ip"], observed=True)["acct"].transform("size")
    office = pairs.loc[(together >= min_members).to_numpy()].rename(columns={"art": "office"})
    office = office.sort_values(["community", "acct", "office"]).drop_duplicates(["community", "acct"])
    return office[["community", "acct", "office"]].reset_index(drop=True)


def pool_offices(shared: pd.DataFrame, min_members: int) -> pd.DataFrame:
    """``community, acct, office`` of members in a pool office: a card that ``min_members`` or
    more members pay with, whose shared IPs all lie in the card's pool, where the pool is at
    most :data:`POOL_MAX` IPs, each used by ``min_members`` of the card's payers and held by
    them (:data:`POOL_HOLD` of its users in the cluster). ``office`` is the card's artifact code."""
    kind = shared["kind"]
    columns = ["community", "acct", "art"]
    cards = shared.loc[(kind == "payment").to_numpy() & (shared["n_in"] >= min_members).to_numpy(), columns]
    ips = shared.loc[(kind == "ip").to_numpy() & ~shared["generic"].to_numpy(), [*columns, "n_in"]]
    empty = pd.DataFrame({"community": [], "acct": [], "office": []}, dtype=np.int64)
    if cards.empty or ips.empty:
        return empty
    pairs = cards.rename(columns={"art": "office"}).merge(ips, on=["community", "acct"])
    on_card = pairs.groupby(["community", "office", "art"], observed=True)["acct"].transform("size").to_numpy()
    pool = pairs[(on_card >= min_members) & (on_card >= POOL_HOLD * pairs["n_in"].to_numpy())]
    pool_size = pool.groupby(["community", "office"], observed=True)["art"].transform("nunique").to_numpy()
    pool = pool[pool_size <= POOL_MAX]
    in_pool = pool.groupby(["community", "office", "acct"], observed=True)["art"].nunique().rename("in_pool")
    n_ips = ips.groupby(["community", "acct"], observed=True)["art"].nunique().rename("n_ips")
    member = in_pool.reset_index().merge(n_ips.reset_index(), on=["community", "acct"])
    member = member[member["in_pool"] == member["n_ips"]]
    size = member.groupby(["community", "office"])["acct"].transform("size").to_numpy()
    member = member.loc[size >= min_members, ["community", "acct", "office"]].drop_duplicates(["community", "acct"])
    return member.sort_values(["community", "acct"]).reset_index(drop=True)


def synchronized(offices: pd.DataFrame, requests: pd.DataFrame) -> np.ndarray:
    """The communities whose offices (``offices``: ``community, acct, office``) meet on one
    template in the same minute at least :data:`SYNC_EXCESS` times as often as chance (and at
    least :data:`MIN_MEETINGS` times): each template apart, so steady work on another template
    does not hide a dispatcher's.

    Chance: within each clock hour, each office's active members on a template spread evenly
    over the template's active span of the hour (at least half an hour), so offices with
    ``A`` and ``B`` account-minutes meet ``A·B / span`` times. Reviewers of several projects on
    one platform's templates all day meet about that often; a dispatcher that fans each job
    out to seats of every shell company puts them in one minute. The template is the
    request's family, else its prompt fingerprint. Linear in the offices' requests.
    """
    if offices.empty or not {"family", "prompt_fingerprint"} & set(requests.columns):
        return np.zeros(0, dtype=np.int64)
    label = offices.drop_duplicates("acct").set_index("acct")
    codes = requests["acct"].to_numpy()
    wanted = np.zeros(max(int(codes.max(initial=0)), int(label.index.max())) + 1, dtype=bool)
    wanted[label.index.to_numpy()] = True
    rows = requests[wanted[np.maximum(codes, 0)] & (codes >= 0)]  # -1: a request of no known account
    key = _template_key(rows)
    minute = pd.to_datetime(rows["timestamp"], utc=True).dt.as_unit("ns").astype("int64").to_numpy() // MINUTE_NS
    acct = rows["acct"].to_numpy()
    frame = pd.DataFrame(
        {
            "c": label["community"].reindex(acct).to_numpy(),
            "o": label["office"].reindex(acct).to_numpy(),
            "k": key,
            "m": minute,
            "a": acct,
        }
    )
    frame = frame[frame["k"].to_numpy() >= 0].drop_duplicates(["k", "m", "a"])
    if frame.empty:
        return np.zeros(0, dtype=np.int64)
    per_minute = frame.groupby(["c", "k", "m", "o"]).size().rename("n").reset_index()
    per_minute["h"] = per_minute["m"] // 60
    met = _pairs(per_minute, ["c", "k", "m"])
    per_hour = per_minute.groupby(["c", "k", "h", "o"]).agg(n=("n", "sum")).reset_index()
    active = per_minute.groupby(["c", "k", "h"])["m"].agg(["min", "max"])
    span = (active["max"] - active["min"] + 1).clip(30, 60)
    hourly = _pairs(per_hour, ["c", "k", "h"])
    chance = hourly / span.reindex(hourly.index).to_numpy()
    observed = met.groupby(level=["c", "k"]).sum()
    expected = chance.groupby(level=["c", "k"]).sum().reindex(observed.index).fillna(0.0).to_numpy()
    excess = (observed.to_numpy() >= SYNC_EXCESS * expected) & (observed.to_numpy() >= MIN_MEETINGS)
    return np.unique(observed.index.get_level_values("c").to_numpy()[excess])


def _template_key(rows: pd.DataFrame) -> np.ndarray:
    """Per request: a code for its template family, else for its prompt fingerprint (-1: neither)."""
    key = np.full(len(rows), -1, dtype=np.int64)
    if "family" in rows.columns:
        key = pd.factorize(rows["family"])[0].astype(np.int64)
    if "prompt_fingerprint" in rows.columns:
        fingerprint = pd.factorize(rows["prompt_fingerprint"])[0]
        fallback = (key < 0) & (fingerprint >= 0)
        key[fallback] = fingerprint[fallback] + int(key.max(initial=-1)) + 1
    return key


def _pairs(counts: pd.DataFrame, by: list[str]) -> pd.Series:
    """Per group of ``by``: pairs of active accounts from different offices (``n`` per office)."""
    n = counts["n"].to_numpy(dtype=np.float64)
    grouped = counts.assign(n=n, n2=n * n).groupby(by)[["n", "n2"]].sum()
    return (grouped["n"] ** 2 - grouped["n2"]) / 2.0
