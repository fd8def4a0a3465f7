"""Evidence in plain words: one line of reasons per member, from a run's tables (pure).

Shared ids are named with how many cluster members share them and their rarity weight;
lockstep windows and template families are summarised per member ("sent in the same minute
as 37 cluster members on 212 occasions"); ties to banned accounts come first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SUMMARISED = ("lockstep", "family")
RIDER_REASON = (
    "tied by shared IPs alone: exits that serve others too, that it only passed through,"
    " or more of them than a cell keeps (a proxy-pool customer);"
    " by templates and minutes on one clock alone (a scheduler's user);"
    " or by public prompts alone, prompts nearly everyone pasted once"
)
"""Why a rider (:mod:`linkgraph.scoring.riders`) is not on the enforcement list."""


def _shared_ids(links: pd.DataFrame, top: int) -> pd.DataFrame:
    """The strongest shared ids per account (weight × breadth), as (account_id, rank, text)."""
    ids = links[~links["kind"].isin(SUMMARISED)]
    breadth = ((ids["n_members"] - 1) / 4).clip(0.0, 1.0)
    ids = ids.assign(tie=ids["weight"] * breadth)
    ids = ids.sort_values(["account_id", "tie", "n_members"], ascending=[True, False, False], kind="stable")
    head = ids.groupby("account_id", sort=False).head(top)
    text = (
        head["kind"]
        + " "
        + head["artifact"].astype(str)
        + " shared with "
        + (head["n_members"] - 1).astype(str)
        + " in the cluster (w="
        + head["weight"].round(2).astype(str)
        + ")"
    )
    return pd.DataFrame({"account_id": head["account_id"], "tie": head["tie"], "text": text})


def _summaries(links: pd.DataFrame) -> pd.DataFrame:
    """One line per account for its lockstep windows and one for its template families."""
    rows = []
    lock = links[links["kind"] == "lockstep"]
    if len(lock):
        g = lock.groupby("account_id")
        n, most = g.size(), g["n_members"].max() - 1
        text = "sent in the same minute as " + most.astype(str) + " cluster members on " + n.astype(str) + " occasions"
        rows.append(pd.DataFrame({"account_id": n.index, "tie": 0.6 + 0.0 * n.to_numpy(), "text": text.to_numpy()}))
    fam = links[links["kind"] == "family"]
    if len(fam):
        g = fam.groupby("account_id")
        n, most = g.size(), g["n_members"].max() - 1
        plural = np.where(n.to_numpy() > 1, "ies", "y")
        text = (
            n.astype(str) + " template famil" + plural + " (paraphrased prompts) shared with up to " + most.astype(str)
        ) + " cluster members"
        rows.append(pd.DataFrame({"account_id": n.index, "tie": 0.5 + 0.0 * n.to_numpy(), "text": text.to_numpy()}))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["account_id", "tie", "text"])


def _seed_ties(members: pd.DataFrame | None) -> pd.DataFrame:
    """ "shares 2 rare artifacts with banned or suspended accounts (up to 24 on one) ..." for tied members."""
    if members is None or "tied_enforced" not in members.columns:
        return pd.DataFrame(columns=["account_id", "tie", "text"])
    tied = members[members["tied_enforced"].fillna(0) > 0]
    if {"tie_artifacts", "tied_most"} <= set(tied.columns):
        n, most = tied["tie_artifacts"].astype(int), tied["tied_most"].astype(int).astype(str)
        plural = pd.Series(np.where(n.to_numpy() > 1, "s", ""), index=tied.index, dtype=str)
        text = "shares " + n.astype(str) + " rare artifact" + plural.astype(str)
        text = text + " with banned or suspended accounts (up to " + most + " on one)"
    else:
        text = "tied to " + tied["tied_enforced"].astype(int).astype(str) + " banned or suspended accounts"
    if "tie_ban_date" in tied.columns:
        text = text + (", last active " + tied["tie_ban_date"].astype(str)).where(tied["tie_ban_date"].notna(), "")
    if "replacement" in tied.columns:
        flag = np.where(tied["replacement"].astype(bool), "; created after that: a likely replacement", "")
        text = text + pd.Series(flag, index=tied.index, dtype=str).astype(str)
    return pd.DataFrame({"account_id": tied["account_id"], "tie": 10.0, "text": text})


def _riders(members: pd.DataFrame | None) -> pd.DataFrame:
    """ "not listed: ..." for members set apart as riders of a shared proxy pool."""
    if members is None or "rider" not in members.columns:
        return pd.DataFrame(columns=["account_id", "tie", "text"])
    riders = members[members["rider"].fillna(False).astype(bool)]
    return pd.DataFrame({"account_id": riders["account_id"], "tie": 9.0, "text": "not listed: " + RIDER_REASON})


def member_phrases(member_links: pd.DataFrame, members: pd.DataFrame | None = None, top: int = 3) -> pd.Series:
    """One line of reasons per account, strongest first, joined with ``"; "``.

    ``member_links`` has ``account_id, kind, artifact, n_members, weight``; ``members``
    (optional) adds ties to enforced accounts (``tied_enforced``, ``tie_ban_date``, ``replacement``)
    and says why a rider is not listed (``rider``, :mod:`linkgraph.scoring.riders`).
    """
    if member_links.empty and members is None:
        return pd.Series(dtype=str)
    parts = pd.concat([_seed_ties(members), _riders(members), _summaries(member_links), _shared_ids(member_links, top)])
    parts = parts.sort_values(["account_id", "tie"], ascending=[True, False], kind="stable")
    return join_in_order(parts["account_id"], parts["text"], "; ")


def join_in_order(keys: pd.Series, text: pd.Series, sep: str) -> pd.Series:
    """``sep``-joined ``text`` per key, in row order (vectorised: each key has only a few rows)."""
    frame = pd.DataFrame({"k": keys.to_numpy(), "t": text.to_numpy()})
    if frame.empty:
        return pd.Series(dtype=str)
    frame["r"] = frame.groupby("k", sort=False).cumcount()
    wide = frame.pivot(index="k", columns="r", values="t")
    out = wide[0].astype(str)
    for col in wide.columns[1:]:
        out = out + (sep + wide[col].astype("str")).where(wide[col].notna(), "")
    return out
