"""Accounts: look one up, and explain why two are linked (the shortest evidence path)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from linkgraph.investigate.run_data import RunData
from linkgraph.runs.phrases import RIDER_REASON

MAX_PATH_LINKS = 250_000


@dataclass
class AccountView:
    """What the account page shows for one clustered account."""

    account_id: str
    cluster_id: str
    role: str
    evidence_score: float
    n_shared: int
    attributes: dict
    cluster: pd.Series
    links: pd.DataFrame
    rider: bool = False
    """Set apart from the list as a proxy-pool rider (:mod:`linkgraph.scoring.riders`)."""


RIDER_NOTE = f"a rider, not listed: {RIDER_REASON}"
LINK_COLUMNS = ["kind", "artifact", "weight", "n_members", "df"]


def lookup_account(run: RunData, account_id: str) -> AccountView | None:
    """The account's cluster, role and weighted links; ``None`` when it is in no cluster."""
    account_id = account_id.strip()
    row = run.member(account_id)
    if row is None:
        return None
    cid = str(row["cluster_id"])
    links = run.links_of(cid)
    links = links[links["account_id"] == account_id]
    links = links.sort_values(["weight", "n_members"], ascending=[False, False], kind="stable")
    attrs = run.accounts.loc[account_id].drop("account_id").to_dict() if account_id in run.accounts.index else {}
    return AccountView(
        account_id,
        cid,
        str(row["role"]),
        float(row["evidence_score"]),
        int(row["n_shared"]),
        attrs,
        run.cluster(cid),
        links[LINK_COLUMNS].reset_index(drop=True),
        bool(row.get("rider", False)),  # runs before riders have no such column
    )


def suggest_accounts(run: RunData, text: str, limit: int = 10) -> list[str]:
    """Clustered account ids that start with ``text``."""
    text = text.strip()
    if not text:
        return []
    ids = run.member_ids()
    hits = ids[ids.str.startswith(text)]
    return sorted(hits[: limit * 5].tolist())[:limit]


@dataclass
class LinkPath:
    """The shortest evidence path between two accounts (empty ``steps`` when there is none)."""

    a: str
    b: str
    steps: pd.DataFrame
    message: str
    shared: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LINK_COLUMNS))
    """Every artifact A and B both link to (the direct evidence, strongest first)."""

    @property
    def found(self) -> bool:
        return not self.steps.empty


PATH_COLUMNS = ["step", "from_account", "kind", "artifact", "weight", "n_members", "df", "to_account"]


def evidence_graph(links: pd.DataFrame) -> nx.Graph:
    """The bipartite account–artifact graph of ``links``.

    Account nodes are ``("a", id)``, artifact nodes ``("x", kind, artifact)``; an edge costs
    ``1 + 1 / (1 + weight)``, so the fewest hops win and rarer artifacts break ties.
    """
    graph = nx.Graph()
    rows: Iterator[Any] = links[["account_id", "kind", "artifact", "weight", "n_members", "df"]].itertuples(index=False)
    for r in rows:
        w = float(r.weight)
        graph.add_edge(
            ("a", str(r.account_id)),
            ("x", str(r.kind), str(r.artifact)),
            cost=1.0 + 1.0 / (1.0 + w),
            weight=w,
            n_members=int(r.n_members),
            df=int(r.df),
        )
    return graph


def path_steps(graph: nx.Graph, nodes: list) -> list[dict]:
    """The steps account → artifact → account of a shortest path's ``nodes`` in :func:`evidence_graph`."""
    steps = []
    for i in range(0, len(nodes) - 2, 2):
        left, art, right = nodes[i], nodes[i + 1], nodes[i + 2]
        edge = graph.edges[left, art]
        steps.append(
            {
                "step": i // 2 + 1,
                "from_account": left[1],
                "kind": art[1],
                "artifact": art[2],
                "weight": edge["weight"],
                "n_members": edge["n_members"],
                "df": edge["df"],
                "to_account": right[1],
            }
        )
    return steps


def shared_artifacts(links: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Every artifact both ``a`` and ``b`` link to in ``links``, strongest first."""
    by_account = links[links["account_id"].isin([a, b])].drop_duplicates(["account_id", "kind", "artifact"])
    both = by_account.groupby(["kind", "artifact"], sort=False)["account_id"].transform("nunique") == 2
    return (
        by_account[both]
        .drop_duplicates(["kind", "artifact"])
        .sort_values(["weight", "artifact"], ascending=[False, True], kind="stable")[LINK_COLUMNS]
    )


def why_linked(run: RunData, a: str, b: str, max_links: int = MAX_PATH_LINKS) -> LinkPath:
    """Why are A and B linked: the shortest path over the accounts and artifacts they share.

    The search runs over the member links of A's and B's clusters (one cluster when they share
    it), and gives up past ``max_links`` links rather than grow without bound.
    """
    a, b = a.strip(), b.strip()
    empty = pd.DataFrame(columns=PATH_COLUMNS)
    if not a or not b:
        return LinkPath(a, b, empty, "give two account ids")
    if a == b:
        return LinkPath(a, b, empty, "that is the same account twice")
    rows = {x: run.member(x) for x in (a, b)}
    missing = [x for x, r in rows.items() if r is None]
    if missing:
        return LinkPath(a, b, empty, f"{', '.join(missing)} is in no cluster of run {run.run_id}")
    cids = sorted({str(rows[a]["cluster_id"]), str(rows[b]["cluster_id"])})  # type: ignore[index]
    links = pd.concat([run.links_of(c) for c in cids])
    if len(links) > max_links:
        return LinkPath(a, b, empty, f"the clusters hold {len(links):,} links, more than the {max_links:,} searched")
    graph = evidence_graph(links)
    try:
        nodes = nx.shortest_path(graph, ("a", a), ("a", b), weight="cost")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        where = "the same cluster" if len(cids) == 1 else f"clusters {' and '.join(cids)}"
        return LinkPath(a, b, empty, f"no chain of shared artifacts joins them in {where}")
    steps = path_steps(graph, nodes)
    hops = len(steps)
    shared = shared_artifacts(links, a, b)
    message = (
        f"{a} and {b} share {steps[0]['kind']} {steps[0]['artifact']}"
        if hops == 1
        else f"{a} reaches {b} in {hops} steps through {hops - 1} intermediate account(s)"
    )
    if len(shared) > 1:
        message += f" (and {len(shared) - 1} more shared artifact(s))"
    return LinkPath(a, b, pd.DataFrame(steps, columns=PATH_COLUMNS), message, shared.reset_index(drop=True))
