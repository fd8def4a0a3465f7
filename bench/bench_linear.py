"""Cost stays linear in links: one artifact shared by k accounts adds k edges, not k² pairs.

Usage: ``python bench/bench_linear.py`` — builds link tables where a single IP is shared
by k ∈ {1k, 10k, 50k, 200k} accounts (plus a fixed background), with the generic cut-off
lifted so the hub really is in the graph, and reports edges, graph build and Leiden time.
"""

from __future__ import annotations

import json
import time

import numpy as np
import pandas as pd

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import GraphParams, build_link_graph
from linkgraph.ingest.load import Dataset


def hub_world(k: int, background: int = 100_000, seed: int = 0) -> Dataset:
    """``background`` accounts in pairs sharing a card, and ``k`` of them on one IP."""
    rng = np.random.default_rng(seed)
    n = max(background, k)
    accounts = pd.DataFrame({"account_id": [f"a{i}" for i in range(n)]})
    pairs = np.arange(n) // 2
    hub = rng.choice(n, size=k, replace=False)
    acct = np.concatenate([np.arange(n), hub]).astype(np.int32)
    art = np.concatenate([pairs, np.full(k, pairs.max() + 1)])
    kind = pd.Categorical.from_codes(
        np.concatenate([np.zeros(n, int), np.ones(k, int)]), categories=["payment", "ip", "fingerprint"]
    )
    links = pd.DataFrame({"acct": acct, "art": art, "kind": kind, "artifact": art.astype(str)})
    artifacts = pd.DataFrame(
        {
            "kind": pd.Categorical.from_codes(
                np.r_[np.zeros(pairs.max() + 1, int), 1], categories=["payment", "ip", "fingerprint"]
            ),
            "artifact": np.arange(pairs.max() + 2).astype(str),
        }
    )
    return Dataset(accounts, links, artifacts)


def main() -> None:
    params = GraphParams(max_df={"payment": 10**9, "ip": 10**9, "fingerprint": 10**9}, max_df_fraction=1.0)
    print(f"{'hub k':>8} {'links':>9} {'edges':>9} {'pairs if projected':>20} {'graph s':>8} {'leiden s':>9}")
    rows = []
    for k in (1_000, 10_000, 50_000, 200_000):
        data = hub_world(k)
        start = time.perf_counter()
        graph = build_link_graph(data, params)
        t_graph = time.perf_counter() - start
        start = time.perf_counter()
        EmbeddedBackend().partition(graph, PartitionParams(method="leiden"))
        t_part = time.perf_counter() - start
        row = {
            "k": k,
            "links": len(data.links),
            "edges": len(graph.edges),
            "pairs": k * (k - 1) // 2,
            "graph_s": round(t_graph, 3),
            "leiden_s": round(t_part, 3),
        }
        rows.append(row)
        print(
            f"{k:>8} {row['links']:>9} {row['edges']:>9} {row['pairs']:>20,} {row['graph_s']:>8} {row['leiden_s']:>9}"
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
