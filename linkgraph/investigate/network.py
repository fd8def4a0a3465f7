"""A cluster's accounts and shared artifacts as Cytoscape elements, summarised past a node budget."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from linkgraph.investigate.paths import LinkPath
from linkgraph.investigate.run_data import RunData

MAX_NODES = 300


@dataclass
class Network:
    """Cytoscape elements for one cluster plus what was left out."""

    elements: dict
    accounts_total: int
    accounts_shown: int
    artifacts_total: int
    artifacts_shown: int

    @property
    def summarised(self) -> bool:
        return self.accounts_shown < self.accounts_total or self.artifacts_shown < self.artifacts_total


def _rows(frame: pd.DataFrame) -> Iterator[Any]:
    """Rows as named tuples (typed loosely: cells are whatever the column holds)."""
    return frame.itertuples(index=False)


def _short(text: str, n: int = 16) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _sample_accounts(members: pd.DataFrame, budget: int, seed: int) -> pd.DataFrame:
    """A deterministic sample: core and peripheral in proportion (peripheral at least ~10%)."""
    if len(members) <= budget:
        return members
    core = members[members["role"] == "core"]
    peri = members[members["role"] != "core"]
    n_peri = min(len(peri), max(round(budget * len(peri) / len(members)), budget // 10))
    n_core = min(len(core), budget - n_peri)
    n_peri = min(len(peri), budget - n_core)
    return pd.concat([core.sample(n_core, random_state=seed), peri.sample(n_peri, random_state=seed)])


def _strongest(artifacts: pd.DataFrame, budget: int, per_kind: int = 5) -> pd.DataFrame:
    """The ``budget`` strongest artifacts, with the strongest ``per_kind`` of every kind always in."""
    first = artifacts.groupby("kind", sort=False, observed=True).head(per_kind)
    rest = artifacts.drop(first.index)
    picked = pd.concat([first, rest]).head(max(budget, len(first)))
    return picked.sort_values(["score", "artifact"], ascending=[False, True], kind="stable")


def _artifact_counts(run: RunData, cluster_id: str, links: pd.DataFrame) -> pd.DataFrame:
    """Per artifact: members sharing it as the evidence table counts them (its ``n_members``), else the links'."""
    artifacts = (
        links.groupby(["kind", "artifact"], sort=False)
        .agg(members=("n_members", "max"), df=("df", "max"), weight=("weight", "max"))
        .reset_index()
    )
    evidence = run.evidence_of(cluster_id)
    if len(evidence):
        ev_key = evidence["kind"].astype(str) + "\x00" + evidence["artifact"].astype(str)
        counted = pd.Series(evidence["n_members"].to_numpy(), index=ev_key.to_numpy())
        counted = counted[~counted.index.duplicated()]
        key = artifacts["kind"].astype(str) + "\x00" + artifacts["artifact"].astype(str)
        artifacts["members"] = key.map(counted).fillna(artifacts["members"]).astype(int).to_numpy()
    artifacts["score"] = artifacts["members"] * artifacts["weight"]
    return artifacts.sort_values(["score", "artifact"], ascending=[False, True], kind="stable")


def cluster_network(run: RunData, cluster_id: str, max_nodes: int = MAX_NODES, seed: int = 0) -> Network:
    """Accounts and their shared artifacts as Cytoscape elements, summarised past ``max_nodes``.

    Small clusters are drawn whole. Bigger ones keep the artifact hubs that explain the most
    (members × weight) and always the strongest few of every kind, and a sample of the
    members linked to them, core and peripheral in proportion. Each artifact is labelled
    ``×N`` with the member count the evidence table shows. Node labels (``core``,
    ``peripheral`` and the artifact kinds) drive the styles; positions are a seeded layout,
    so the drawing is the same on every load.
    """
    members = run.members_of(cluster_id)
    links = run.links_of(cluster_id)
    artifacts = _artifact_counts(run, cluster_id, links)
    n_acc, n_art = len(members), len(artifacts)
    if n_acc + n_art > max_nodes:
        art_budget = min(n_art, max(max_nodes // 5, max_nodes - n_acc))
        artifacts = _strongest(artifacts, art_budget)
        kept = links.merge(artifacts[["kind", "artifact"]], on=["kind", "artifact"])
        linked = members[members["account_id"].isin(kept["account_id"])]
        members = _sample_accounts(linked, max_nodes - len(artifacts), seed)
        links = kept[kept["account_id"].isin(members["account_id"])]
        shown = links[["kind", "artifact"]].drop_duplicates()
        artifacts = artifacts.merge(shown, on=["kind", "artifact"])
    return Network(place(elements(members, artifacts, links), seed), n_acc, len(members), n_art, len(artifacts))


def place(elems: dict, seed: int = 0) -> dict:
    """Give every node a ``position`` from a seeded force layout (the view uses the ``preset`` layout)."""
    graph = nx.Graph()
    graph.add_nodes_from(n["data"]["id"] for n in elems["nodes"])
    graph.add_edges_from((e["data"]["source"], e["data"]["target"]) for e in elems["edges"])
    if not graph.number_of_nodes():
        return elems
    pos = nx.spring_layout(graph, seed=seed, iterations=60, k=1.5 / max(graph.number_of_nodes(), 1) ** 0.5)
    scale = 60.0 * max(graph.number_of_nodes(), 4) ** 0.5
    for node in elems["nodes"]:
        x, y = pos[node["data"]["id"]]
        node["position"] = {"x": round(float(x) * scale, 1), "y": round(float(y) * scale, 1)}
    return elems


def elements(members: pd.DataFrame, artifacts: pd.DataFrame, links: pd.DataFrame) -> dict:
    """Cytoscape nodes (accounts labelled by role, artifacts by kind) and the links between them."""
    art_ids = {(k, a): f"x{i}" for i, (k, a) in enumerate(zip(artifacts["kind"], artifacts["artifact"], strict=True))}
    acc_ids = {a: f"a{i}" for i, a in enumerate(members["account_id"])}
    nodes = [
        {
            "data": {
                "id": acc_ids[r.account_id],
                "label": str(r.role),
                "name": str(r.account_id),
                "account_id": str(r.account_id),
                "role": str(r.role),
                "evidence_score": float(r.evidence_score),
                "n_shared": int(r.n_shared),
            }
        }
        for r in _rows(members)
    ]
    nodes += [
        {
            "data": {
                "id": art_ids[(r.kind, r.artifact)],
                "label": str(r.kind),
                "name": f"{_short(str(r.artifact))} ×{int(r.members)}",
                "artifact": str(r.artifact),
                "kind": str(r.kind),
                "members": int(r.members),
                "accounts_overall": int(r.df),
                "weight": round(float(r.weight), 3),
            }
        }
        for r in _rows(artifacts)
    ]
    edges = [
        {
            "data": {
                "id": f"e{i}",
                "source": acc_ids[r.account_id],
                "target": art_ids[(r.kind, r.artifact)],
                "label": str(r.kind),
                "weight": round(float(r.weight), 3),
            }
        }
        for i, r in enumerate(_rows(links))
        if r.account_id in acc_ids and (r.kind, r.artifact) in art_ids
    ]
    return {"nodes": nodes, "edges": edges}


def path_network(path: LinkPath) -> dict:
    """Cytoscape elements of an evidence path."""
    nodes: dict[str, dict] = {}
    edges: list[dict] = []
    for r in _rows(path.steps):
        art = f"x:{r.kind}:{r.artifact}"
        for acc in (r.from_account, r.to_account):
            nodes.setdefault(acc, {"data": {"id": f"a:{acc}", "label": "account", "name": acc}})
        nodes.setdefault(
            art,
            {
                "data": {
                    "id": art,
                    "label": r.kind,
                    "name": _short(str(r.artifact)),
                    "artifact": r.artifact,
                    "weight": r.weight,
                    "members": int(r.n_members),
                }
            },
        )
        for acc in (r.from_account, r.to_account):
            edges.append(
                {
                    "data": {
                        "id": f"e{len(edges)}",
                        "source": f"a:{acc}",
                        "target": art,
                        "label": r.kind,
                        "weight": r.weight,
                    }
                }
            )
    return {"nodes": list(nodes.values()), "edges": edges}
