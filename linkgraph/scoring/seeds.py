"""Known-bad seeds: accounts already banned or suspended, and the accounts that replace them.

Enforced accounts (``status`` banned or suspended) stay in the graph as evidence. An artifact
is *tainted* when at least ``min_taint`` of its users, and at least ``min_taint_share`` of
them, are enforced: a banned cell's private IPs and template families are, while a popular
template, or a company card, that one or two unrelated suspensions also used is not.

An active account that shares tainted artifacts of at least two evidence classes (payment,
network, template, timing; an exact fingerprint and its family are one class), or three
tainted artifacts, is tied to them. When its ties span two classes (the banned cell's IPs
and its templates, say) and it was created after the earliest ban it is tied to, it is a
likely *replacement* ("when one account is banned, a new one takes its place"). Ties of one
class do not make a replacement: a proxy pool's customer who signed up last week shares
exits with banned accounts that rented the same pool, and nothing else.
A ban's date is the enforced account's last activity (its last link or request), since the
contract carries no ban timestamp.

Only evidence artifacts count (non-generic, shared by enough accounts, with weight), so a
carrier NAT or a popular template never taints anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

ENFORCED = ("banned", "suspended")
NAT = np.iinfo(np.int64).min


@dataclass
class SeedTies:
    """Per account: enforced flag, tie counts, earliest tied ban and the replacement flag."""

    enforced: np.ndarray
    tie_artifacts: np.ndarray
    tie_kinds: np.ndarray
    tied_enforced: np.ndarray
    tie_ban_ns: np.ndarray
    replacement: np.ndarray
    tied_most: np.ndarray | None = None
    tied_banned: np.ndarray | None = None
    """Per account: tie artifacts with a *banned* user among their enforced ones (None: unknown,
    read as every tie)."""

    @property
    def tied(self) -> np.ndarray:
        return (self.tie_kinds >= 2) | (self.tie_artifacts >= 3)


TIE_COLUMNS = (
    "enforced",
    "tie_artifacts",
    "tie_kinds",
    "tied_enforced",
    "tie_ban_ns",
    "replacement",
    "tied_most",
    "tied_banned",
)
"""The :class:`SeedTies` fields as columns of a table with one row per account."""


def tie_table(ties: SeedTies, acct: np.ndarray) -> pd.DataFrame:
    """The ties of accounts ``acct`` as a table (:data:`TIE_COLUMNS`), in ``acct`` order."""
    most = ties.tied_most if ties.tied_most is not None else ties.tied_enforced
    values = (ties.enforced, ties.tie_artifacts, ties.tie_kinds, ties.tied_enforced, ties.tie_ban_ns)
    frame = pd.DataFrame({name: column[acct] for name, column in zip(TIE_COLUMNS, values, strict=False)})
    frame["replacement"] = ties.replacement[acct]
    frame["tied_most"] = most[acct]
    frame["tied_banned"] = banned_ties(ties)[acct]
    return frame


def banned_ties(ties: SeedTies) -> np.ndarray:
    """Per account, its tie artifacts with a banned user (all of them where that is unknown)."""
    return ties.tied_banned if ties.tied_banned is not None else ties.tie_artifacts


def ties_of(frame: pd.DataFrame) -> SeedTies:
    """:class:`SeedTies` from a :func:`tie_table` (row ``i`` is account ``i``)."""
    cols = {name: frame[name].to_numpy() for name in TIE_COLUMNS}
    ints = {name: cols[name].astype(np.int64) for name in TIE_COLUMNS if name not in ("enforced", "replacement")}
    enforced, replacement = cols["enforced"].astype(bool), cols["replacement"].astype(bool)
    return SeedTies(
        enforced,
        ints["tie_artifacts"],
        ints["tie_kinds"],
        ints["tied_enforced"],
        ints["tie_ban_ns"],
        replacement,
        ints["tied_most"],
        ints["tied_banned"],
    )


def enforced_mask(accounts: pd.DataFrame, statuses: tuple[str, ...] = ENFORCED) -> np.ndarray:
    """True for accounts whose status is one of ``statuses`` (by default banned or suspended;
    decided once per distinct status)."""
    if "status" not in accounts.columns:
        return np.zeros(len(accounts), dtype=bool)
    status = accounts["status"]
    if not isinstance(status.dtype, pd.CategoricalDtype):
        status = status.astype("category")
    names = pd.Series(status.cat.categories, dtype=object).astype("string")
    enforced = names.str.strip().str.lower().isin(statuses).fillna(False).to_numpy(dtype=bool)
    codes = status.cat.codes.to_numpy()
    return np.where(codes >= 0, enforced[np.maximum(codes, 0)], False) if len(enforced) else codes < -1


def to_ns(values: pd.Series | np.ndarray) -> np.ndarray:
    """Timestamps as int64 nanoseconds since the epoch (NaT → int64 min)."""
    series = pd.Series(values)
    if isinstance(series.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(series.dtype):
        return pd.DatetimeIndex(series).as_unit("ns").asi8.astype(np.int64, copy=False)
    return series.to_numpy().astype("datetime64[ns]").astype(np.int64)


def _latest(last: np.ndarray, acct: np.ndarray, stamps: pd.Series) -> None:
    """``last[a]`` = the latest of ``stamps`` of account ``a`` (int64 ns), reduced in the stamps' own unit."""
    series = pd.Series(stamps)
    if not (isinstance(series.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(series.dtype)):
        np.maximum.at(last, acct, to_ns(series))
        return
    index = pd.DatetimeIndex(series)
    own = np.full(len(last), NAT, dtype=np.int64)
    np.maximum.at(own, acct, index.asi8)
    scale = pd.Timedelta(1, unit=index.unit).value  # nanoseconds per tick
    np.maximum(last, np.where(own == NAT, NAT, own * scale), out=last)


def last_activity_ns(n_accounts: int, links: pd.DataFrame, requests: pd.DataFrame | None) -> np.ndarray:
    """Each account's last activity: its latest link ``last_seen`` or request (int64 ns, NaT = min)."""
    last = np.full(n_accounts, NAT, dtype=np.int64)
    if "last_seen" in links.columns and len(links):
        _latest(last, links["acct"].to_numpy(), links["last_seen"])
    if requests is not None and {"acct", "timestamp"} <= set(requests.columns) and len(requests):
        acct = requests["acct"].to_numpy()
        ok = acct >= 0
        _latest(last, acct[ok], requests["timestamp"][ok])
    return last


def seed_ties(
    edges: pd.DataFrame,
    kind_codes: np.ndarray,
    enforced: np.ndarray,
    last_ns: np.ndarray,
    created_ns: np.ndarray,
    min_taint_share: float = 0.25,
    min_taint: int = 3,
    banned: np.ndarray | None = None,
) -> SeedTies:
    """Ties of every account to enforced accounts through evidence artifacts (linear in edges).

    ``edges`` has ``acct, art`` (the graph's evidence edges); ``kind_codes[art]`` is each
    artifact's evidence class. ``created_ns``/``last_ns`` are per account (int64 ns, NaT = min).
    ``banned`` (optional, per account): the enforced accounts that are banned, not suspended;
    without it every tie counts as one to a banned account.
    """
    n = len(enforced)
    acct, art = edges["acct"].to_numpy().astype(np.int64), edges["art"].to_numpy().astype(np.int64)
    n_art = int(art.max()) + 1 if art.size else 0
    bad_edge = enforced[acct]
    tainted = np.bincount(art[bad_edge], minlength=n_art)
    users = np.bincount(art, minlength=n_art)
    tainted = np.where((tainted >= min_taint_share * users) & (tainted >= min_taint), tainted, 0)
    ban_of_art = np.full(n_art, np.iinfo(np.int64).max, dtype=np.int64)
    ban = np.where(last_ns[acct] == NAT, np.iinfo(np.int64).max, last_ns[acct])
    np.minimum.at(ban_of_art, art[bad_edge], ban[bad_edge])
    tie = (~bad_edge) & (tainted[art] > 0)
    t_acct, t_art = acct[tie], art[tie]
    tie_artifacts = np.bincount(t_acct, minlength=n)
    tied_enforced = np.bincount(t_acct, weights=tainted[t_art], minlength=n).astype(np.int64)
    tied_most = np.zeros(n, dtype=np.int64)
    np.maximum.at(tied_most, t_acct, tainted[t_art])
    n_kinds = int(kind_codes.max()) + 1 if kind_codes.size else 1
    pairs = np.unique(t_acct.astype(np.int64) * n_kinds + kind_codes[t_art])
    tie_kinds = np.bincount(pairs // n_kinds, minlength=n)
    tie_ban = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(tie_ban, t_acct, ban_of_art[t_art])
    known = (created_ns != NAT) & (tie_ban != np.iinfo(np.int64).max)
    replacement = (tie_kinds >= 2) & known & (created_ns > tie_ban)
    tie_ban = np.where(tie_ban == np.iinfo(np.int64).max, NAT, tie_ban)
    tied_banned = None
    if banned is not None:
        with_ban = np.bincount(art[bad_edge & banned[acct]], minlength=n_art) > 0
        tied_banned = np.bincount(t_acct, weights=with_ban[t_art], minlength=n).astype(np.int64)
    return SeedTies(enforced, tie_artifacts, tie_kinds, tied_enforced, tie_ban, replacement, tied_most, tied_banned)


def seed_features(ties: SeedTies, members: pd.DataFrame, basis_accounts: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """Per cluster: enforced members (``n_enforced``; ``n_enforced_core`` in the basis), tied
    members, replacements and the ``known_bad`` feature in [0, 1].

    ``known_bad`` is 0 unless an active member is tied to enforced accounts; then it is the
    share of the basis that is enforced or tied, times a breadth that grows with their number
    (log-scaled, saturating at ten). A replacement cell counts even when clustering set it
    apart from its bans; a big community with a few unrelated bans in it does not.
    """
    acct = members["acct"].to_numpy()
    frame = pd.DataFrame(
        {
            "c": members["community"].to_numpy(),
            "enforced": ties.enforced[acct],
            "tied": ties.tied[acct],
            "replacement": ties.replacement[acct],
            "via_ban": ties.tied[acct] & (banned_ties(ties)[acct] > 0),
            "in_basis": np.isin(acct, basis_accounts),
        }
    )
    g = frame.groupby("c")
    out = pd.DataFrame(index=index)
    out["n_enforced"] = g["enforced"].sum().reindex(index).fillna(0).astype(int)
    out["n_tied"] = g["tied"].sum().reindex(index).fillna(0).astype(int)
    out["n_replacements"] = g["replacement"].sum().reindex(index).fillna(0).astype(int)
    out["n_tied_banned"] = g["via_ban"].sum().reindex(index).fillna(0).astype(int)
    bad = (frame["enforced"] & frame["in_basis"]).groupby(frame["c"]).sum().reindex(index).fillna(0)
    out["n_enforced_core"] = bad.astype(int)
    tied_basis = ((frame["tied"] | frame["enforced"]) & frame["in_basis"]).groupby(frame["c"]).sum()
    n_basis = frame["in_basis"].groupby(frame["c"]).sum().reindex(index).fillna(0)
    linked = bad + out["n_tied"]
    share = (tied_basis.reindex(index).fillna(0) / n_basis.where(n_basis > 0)).fillna(0.0)
    breadth = np.clip(np.log1p(linked) / np.log1p(10), 0.0, 1.0)
    out["known_bad"] = np.where(out["n_tied"] > 0, breadth * np.clip(share, 0.0, 1.0), 0.0)
    return out
