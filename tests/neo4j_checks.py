"""Helpers for the live Neo4j tests (import as ``neo4j_checks``): empty the database, compare graphs, ARI."""

from __future__ import annotations

from typing import Any

import numpy as np

LINKS = (
    "MATCH (a:Account)-[r]->(x) RETURN a.account_id AS a, type(r) AS t, "
    "coalesce(x.payment_method_id, x.ip, x.fingerprint, x.family_id, x.rewrite_id, x.window_id) AS x, "
    "r.first_seen AS f, r.last_seen AS l, r.count AS c ORDER BY a, t, x"
)
NODES = (
    "MATCH (n) WHERE NOT n:LoadCheckpoint RETURN labels(n)[0] AS label, properties(n) AS p "
    "ORDER BY label, "
    "coalesce(n.account_id, n.payment_method_id, n.ip, n.fingerprint, n.family_id, n.rewrite_id, n.window_id)"
)


def wipe(driver: Any, database: str | None = None) -> None:
    """Empty the live test database: every GDS projection, node and relationship."""
    driver.execute_query(
        "CALL gds.graph.list() YIELD graphName CALL gds.graph.drop(graphName) YIELD nodeCount RETURN 1",
        database_=database,
    )
    with driver.session(database=database) as session:  # CALL IN TRANSACTIONS needs an implicit transaction
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()


def snapshot(driver: Any, database: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every node's properties (checkpoints aside) and every link with its properties, in a fixed order."""
    nodes = [r.data() for r in driver.execute_query(NODES, database_=database).records]
    links = [r.data() for r in driver.execute_query(LINKS, database_=database).records]
    return nodes, links


def adjusted_rand_index(a: np.ndarray, b: np.ndarray) -> float:
    """Adjusted Rand index of two labelings of the same items (Hubert & Arabie), numpy only."""
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1), dtype=np.int64)
    np.add.at(table, (ai.ravel(), bi.ravel()), 1)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) // 2).sum())

    index, rows, cols, total = pairs(table), pairs(table.sum(1)), pairs(table.sum(0)), len(a) * (len(a) - 1) / 2
    expected = rows * cols / total if total else 0.0
    maximum = (rows + cols) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)
