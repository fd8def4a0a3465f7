"""Small link graphs written as (account, artifact) pairs, for scoring tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph


def graph_of(links: list[tuple[int, str]], n_accounts: int, evidence: bool = False) -> LinkGraph:
    """A graph from ``(account, artifact)`` pairs; the kind is the name's prefix (``ip:``, ``pm:``, ``fp:``).

    ``evidence``: every link is also an evidence edge (known-bad ties run over those); by
    default there are none."""
    names = sorted({a for _, a in links})
    code = {a: i for i, a in enumerate(names)}
    table = pd.DataFrame({"acct": [a for a, _ in links], "art": [code[n] for _, n in links]})
    kinds = {"ip": "ip", "pm": "payment", "fp": "fingerprint"}
    df = table.drop_duplicates().groupby("art").size().reindex(range(len(names)), fill_value=0).to_numpy()
    artifacts = pd.DataFrame(
        {
            "kind": pd.Categorical([kinds[n.split(":")[0]] for n in names]),
            "artifact": names,
            "df": df,
            "weight": 0.5,
            "generic": False,
        }
    )
    edges = pd.DataFrame({"acct": np.zeros(0, dtype=np.int64), "art": np.zeros(0, dtype=np.int64), "weight": 0.0})
    if evidence:
        edges = table.drop_duplicates().astype(np.int64).assign(weight=0.5).reset_index(drop=True)
    return LinkGraph(n_accounts, np.arange(n_accounts), artifacts, table, edges)
