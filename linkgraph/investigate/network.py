"""A cluster's accounts and shared artifacts as Cytoscape elements, summarised past a node budget."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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


def cluster_network(run: RunData, cluster_id: str, max_nodes: int = MAX_NODES, seed: int = 0) -> Network:
    """Accounts and their shared artifacts as Cytoscape elements, summarised past ``max_nodes``.

    Small clusters are drawn whole. Bigger ones keep the artifact hubs that explain the most
    (members × weight), each labelled with its full member count, and a sample of the members
    linked to them, core and peripheral in proportion. Node labels (``core``, ``peripheral``
    and the artifact kinds) drive the styles.
    """
    members = run.members_of(cluster_id)
    links = run.links_of(cluster_id)
    artifacts = (
        links.groupby(["kind", "artifact"], sort=False)
        .agg(members=("n_members", "max"), df=("df", "max"), weight=("weight", "max"))
        .reset_index()
    )
    artifacts["score"] = artifacts["members"] * artifacts["weight"]
    artifacts = artifacts.sort_values(["score", "artifact"], ascending=[False, True], kind="stable")
    n_acc, n_art = len(members), len(artifacts)
    if n_acc + n_art > max_nodes:
        art_budget = min(n_art, max(max_nodes // 5, max_nodes - n_acc))
        artifacts = artifacts.head(art_budget)
        kept = links.merge(artifacts[["kind", "artifact"]], on=["kind", "artifact"])
        linked = members[members["account_id"].isin(kept["account_id"])]
        members = _sample_accounts(linked, max_nodes - len(artifacts), seed)
        links = kept[kept["account_id"].isin(members["account_id"])]
        shown = links[["kind", "artifact"]].drop_duplicates()
        artifacts = artifacts.merge(shown, on=["kind", "artifact"])
    return Network(elements(members, artifacts, links), n_acc, len(members), n_art, len(artifacts))


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
