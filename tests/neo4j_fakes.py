"""Test doubles for the Neo4j backend: no server needed.

- :class:`FakeNeo4j` is a driver whose sessions run linkgraph's own statements (recognised
  by their exact text from ``cypher/``) against a small in-memory graph, with real
  transaction semantics: a transaction function's writes commit only if it returns, and a
  failure can be injected at any statement. Every call checks that the parameters passed
  are exactly the statement's ``$parameters`` and that rows hold plain Python values.
- :class:`RecordingQueryRunner` is a ``graphdatascience`` query runner that records the
  exact Cypher the real client sends (it subclasses the client's ``Neo4jQueryRunner`` and
  replaces only the two methods that talk to a server) and answers like GDS would,
  optionally computing projections and communities from a :class:`FakeNeo4j`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import networkx as nx
import pandas as pd
from graphdatascience.query_runner.neo4j_query_runner import Neo4jQueryRunner
from graphdatascience.query_runner.query_mode import QueryMode
from graphdatascience.query_runner.query_type import QueryType
from graphdatascience.versions import ServerVersion
from neo4j.exceptions import ServiceUnavailable

from linkgraph.backends.neo4j import cypher

ARTIFACTS = {  # relationship type -> (label, key, kind)
    "PAID_WITH": ("PaymentMethod", "payment_method_id", "payment"),
    "CONNECTED_FROM": ("Proxy", "ip", "ip"),
    "SENT": ("PromptFingerprint", "fingerprint", "fingerprint"),
}
LINK_TYPES = {"merge_paid_with": "PAID_WITH", "merge_connected_from": "CONNECTED_FROM", "merge_sent": "SENT"}
WEIGHT_LABELS = {
    "set_payment_method_weights": "PaymentMethod",
    "set_proxy_weights": "Proxy",
    "set_prompt_fingerprint_weights": "PromptFingerprint",
}
KEYS = {label: key for label, key, _ in ARTIFACTS.values()} | {"Account": "account_id"}
PLAIN = (type(None), str, int, float, bool, datetime)


def statement_name(text: str) -> str:
    """The name of the ``cypher/`` statement whose text this is (exact match)."""
    for name in cypher.names():
        if cypher.load(name) == text:
            return name
    raise AssertionError(f"not one of linkgraph's statements: {text[:80]!r}")


def _check_plain(value: Any, where: str) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str), f"{where}: map key {k!r}"
            _check_plain(v, where)
    elif isinstance(value, list):
        for v in value:
            _check_plain(v, where)
    else:
        assert isinstance(value, PLAIN), f"{where}: {type(value).__name__} is not a plain driver value"


@dataclass
class Graph:
    """The in-memory database: nodes by label and key, relationships by type and (account, artifact)."""

    nodes: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {k: {} for k in KEYS} | {"LoadCheckpoint": {}}
    )
    rels: dict[str, dict[tuple[str, str], dict[str, Any]]] = field(default_factory=lambda: {t: {} for t in ARTIFACTS})
    constraints: set[str] = field(default_factory=set)

    def counts(self) -> dict[str, int]:
        return {
            "accounts": len(self.nodes["Account"]),
            "payment_methods": len(self.nodes["PaymentMethod"]),
            "proxies": len(self.nodes["Proxy"]),
            "prompt_fingerprints": len(self.nodes["PromptFingerprint"]),
            "paid_with": len(self.rels["PAID_WITH"]),
            "connected_from": len(self.rels["CONNECTED_FROM"]),
            "sent": len(self.rels["SENT"]),
        }

    def evidence_edges(self, run: str) -> list[tuple[str, tuple[str, str]]]:
        """(account_id, (label, key)) for the run's evidence relationships, as the projection query selects them."""
        edges = []
        for rel_type, rels in self.rels.items():
            label = ARTIFACTS[rel_type][0]
            for account_id, key in rels:
                node = self.nodes[label][key]
                if node.get("weights_run") == run and node.get("evidence"):
                    edges.append((account_id, (label, key)))
        edges.sort(key=lambda e: (e[0], e[1][0], e[1][1]))
        return edges

    def execute(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Run statement ``name`` with the semantics of its Cypher text."""
        if name.startswith("create_") and name.endswith("_constraint"):
            self.constraints.add(name)
            return []
        rows = params.get("rows", [])
        if name == "merge_accounts":
            for row in rows:
                self.nodes["Account"].setdefault(row["account_id"], {}).update(row["properties"])
            return []
        if name == "merge_proxies":
            for row in rows:
                node = self.nodes["Proxy"].setdefault(row["ip"], {})
                if row["asn"] is not None:
                    node["asn"] = row["asn"]
            return []
        if name in LINK_TYPES:
            rel_type = LINK_TYPES[name]
            label = ARTIFACTS[rel_type][0]
            for row in rows:
                self.nodes["Account"].setdefault(row["account_id"], {})
                self.nodes[label].setdefault(row["artifact"], {})
                self.rels[rel_type][(row["account_id"], row["artifact"])] = {
                    k: row[k] for k in ("first_seen", "last_seen", "count")
                }
            return []
        if name in WEIGHT_LABELS:
            matched = 0
            for row in rows:
                node = self.nodes[WEIGHT_LABELS[name]].get(row["artifact"])
                if node is not None:
                    node.update({k: row[k] for k in ("weight", "df", "generic", "evidence")}, weights_run=params["run"])
                    matched += 1
            return [{"matched": matched}]
        checkpoints = self.nodes["LoadCheckpoint"]
        if name == "get_load_checkpoints":
            return [
                {"checkpoint_id": i, "batches_done": checkpoints[i]["batches_done"]}
                for i in params["checkpoint_ids"]
                if i in checkpoints
            ]
        if name == "set_load_checkpoint":
            checkpoints[params["checkpoint_id"]] = {k: v for k, v in params.items() if k != "checkpoint_id"}
            return []
        if name == "count_graph":
            return [self.counts()]
        if name == "show_components":
            return [{"name": "Neo4j Kernel", "versions": ["5.26.0"], "edition": "community"}]
        raise AssertionError(f"FakeNeo4j does not emulate {name}")


class _Result:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._rows = rows

    def data(self) -> list[dict[str, Any]]:
        return self._rows

    def consume(self) -> None:
        return None


class FakeTransaction:
    """Runs statements against a private copy of the graph; the session commits it on success."""

    def __init__(self, db: FakeNeo4j, graph: Graph) -> None:
        self.db, self.graph, self.statements = db, graph, []

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kw: Any) -> _Result:
        params = {**(parameters or {}), **kw}
        name = statement_name(str(query))
        expected = cypher.parameters(name)
        assert set(params) == expected, f"{name}: passed {sorted(params)}, statement takes {sorted(expected)}"
        _check_plain(params, name)
        self.db.calls.append((name, params))
        self.statements.append(name)
        if self.db.fail is not None and self.db.fail(name, params):
            raise ServiceUnavailable(f"injected failure in {name}")
        return _Result(self.graph.execute(name, params))


class FakeSession:
    def __init__(self, db: FakeNeo4j, database: str | None) -> None:
        self.db, self.database = db, database

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def _transaction(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        tx = FakeTransaction(self.db, copy.deepcopy(self.db.graph))
        result = fn(tx, *args, **kwargs)
        self.db.graph = tx.graph  # commit
        self.db.transactions.append(tx.statements)
        return result

    execute_write = _transaction
    execute_read = _transaction


class FakeNeo4j:
    """A neo4j.Driver stand-in. ``fail(name, params) -> bool`` injects a failure."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.transactions: list[list[str]] = []
        self.databases: list[str | None] = []
        self.fail: Callable[[str, dict[str, Any]], bool] | None = None
        self.closed = False
        self.encrypted = False

    def session(self, database: str | None = None, **_: Any) -> FakeSession:
        self.databases.append(database)
        return FakeSession(self, database)

    def verify_connectivity(self) -> None:
        return None

    def close(self) -> None:
        self.closed = True

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


# ---------------------------------------------------------------- graphdatascience


def _procedure(query: str) -> str | None:
    match = re.match(r"\s*(?:CALL|RETURN)\s+([\w.]+)\(", query)
    return match.group(1) if match else None


class RecordingQueryRunner(Neo4jQueryRunner):
    """Records every query the real GDS client would send; answers like GDS.

    With ``db`` set, the projection reads the fake database the way
    ``project_evidence_graph.cypher`` does, and WCC/Leiden/Louvain write communities back to
    it (WCC exactly, by connected components; the others by greedy modularity, deterministic).
    ``fail_on`` names a procedure (e.g. ``gds.leiden.write``) that raises.
    """

    def __init__(self, db: FakeNeo4j | None = None, version: str = "2.13.0") -> None:
        super().__init__(driver=None, protocol="bolt", database="neo4j", show_progress=False)  # type: ignore[arg-type]
        self.db = db
        self.version = ServerVersion.from_string(version)
        self.queries: list[tuple[str, dict[str, Any]]] = []
        self.fail_on: str | None = None
        self.projected: list[tuple[str, tuple[str, str]]] = []
        self.community_offset = 1000  # GDS ids are arbitrary: make sure nothing relies on them

    # --- the two methods that would talk to a server
    def run_cypher(
        self,
        query: str,
        query_type: QueryType,
        params: dict[str, Any] | None = None,
        database: str | None = None,
        mode: QueryMode | None = None,
        custom_error: bool = True,
        connectivity_retry_config: Any = None,
    ) -> pd.DataFrame:
        return self._answer(query, dict(params or {}))

    def run_retryable_cypher(
        self,
        query: str,
        query_type: QueryType,
        params: dict[str, Any] | None = None,
        database: str | None = None,
        mode: QueryMode | None = None,
        custom_error: bool = True,
        connectivity_retry_config: Any = None,
    ) -> pd.DataFrame:
        return self._answer(query, dict(params or {}))

    def server_version(self) -> ServerVersion:
        return self.version

    def encrypted(self) -> bool:
        return False

    # --- inspection helpers
    def procedures(self) -> list[str]:
        """The GDS procedure or linkgraph statement of each recorded query, in order."""
        out = []
        for query, _ in self.queries:
            proc = _procedure(query)
            out.append(proc if proc and proc.startswith("gds.") else statement_name(query))
        return out

    def params_of(self, procedure: str) -> list[dict[str, Any]]:
        return [p for (q, p), name in zip(self.queries, self.procedures(), strict=True) if name == procedure]

    # --- answers
    def _answer(self, query: str, params: dict[str, Any]) -> pd.DataFrame:
        self.queries.append((query, params))
        proc = _procedure(query)
        if proc and proc.startswith("gds."):
            if proc == self.fail_on:
                raise RuntimeError(f"injected failure in {proc}")
            return self._gds(proc, params, query)
        name = statement_name(query)
        expected = cypher.parameters(name)
        assert set(params) == expected, f"{name}: passed {sorted(params)}, statement takes {sorted(expected)}"
        if name == "project_evidence_graph":
            if self.fail_on == name:
                raise RuntimeError("injected failure in the projection")
            self.projected = self.db.graph.evidence_edges(params["run"]) if self.db else []
            nodes = {a for a, _ in self.projected} | {x for _, x in self.projected}
            result = {
                "graphName": params["graph_name"],
                "nodeCount": len(nodes),
                "relationshipCount": 2 * len(self.projected),
                "projectMillis": 1,
                "configuration": {},
                "query": query,
            }
            return pd.DataFrame({"graph": [result]})
        if name in ("stream_account_communities", "stream_artifact_communities"):
            return self._stream(name)
        raise AssertionError(f"unexpected statement {name}")

    def _gds(self, proc: str, params: dict[str, Any], query: str) -> pd.DataFrame:
        if proc == "gds.graph.drop":
            return pd.DataFrame(columns=["graphName"])
        if proc == "gds.graph.project.estimate":
            return pd.DataFrame(
                [
                    {
                        "requiredMemory": "[1 MiB ... 2 MiB]",
                        "treeView": "",
                        "mapView": {},
                        "bytesMin": 1 << 20,
                        "bytesMax": 2 << 20,
                        "nodeCount": 10,
                        "relationshipCount": 20,
                        "heapPercentageMin": 0.1,
                        "heapPercentageMax": 0.2,
                    }
                ]
            )
        if proc.endswith(".write"):
            n = self._write_communities(proc, params["config"])
            common = {
                "preProcessingMillis": 0,
                "computeMillis": 1,
                "writeMillis": 1,
                "postProcessingMillis": 0,
                "nodePropertiesWritten": n,
                "configuration": params["config"],
            }
            if proc == "gds.wcc.write":
                return pd.DataFrame([common | {"componentCount": n and 1, "componentDistribution": {}}])
            algo = {
                "communityCount": 1,
                "communityDistribution": {},
                "modularity": 0.5,
                "modularities": [0.5],
                "ranLevels": 1,
            }
            if proc == "gds.leiden.write":
                algo |= {"didConverge": True, "nodeCount": n}
            return pd.DataFrame([common | algo])
        raise AssertionError(f"unexpected procedure {proc}: {query}")

    def _write_communities(self, proc: str, config: dict[str, Any]) -> int:
        if self.db is None:
            return 0
        g = nx.Graph()
        g.add_edges_from((("Account", a), x) for a, x in self.projected)
        if proc == "gds.wcc.write":
            parts = list(nx.connected_components(g))
        else:
            parts = list(nx.community.greedy_modularity_communities(g, weight=None))
        for i, part in enumerate(sorted(parts, key=lambda p: sorted(p)[0])):
            for label, key in part:
                self.db.graph.nodes[label][key][config["writeProperty"]] = self.community_offset + 7 * i
        return g.number_of_nodes()

    def _stream(self, name: str) -> pd.DataFrame:
        accounts = sorted({a for a, _ in self.projected})
        artifacts = sorted({x for _, x in self.projected})
        nodes = self.db.graph.nodes if self.db else {}
        if name == "stream_account_communities":
            return pd.DataFrame(
                {"account_id": accounts, "community": [nodes["Account"][a].get("community") for a in accounts]}
            )
        kind = {label: k for label, _, k in ARTIFACTS.values()}
        return pd.DataFrame(
            {
                "kind": [kind[label] for label, _ in artifacts],
                "artifact": [key for _, key in artifacts],
                "community": [nodes[label][key].get("community") for label, key in artifacts],
            }
        )
