"""Recorders for the Neo4j backend: what linkgraph *sends*. Behaviour is tested on the live server.

- :class:`SpyDriver` wraps a real ``neo4j.Driver``: every statement linkgraph runs is
  recorded by name (checked against its ``$parameters`` and for plain driver values) and
  forwarded to the real server, grouped by managed transaction. ``tamper(name, params)``
  may return changed parameters, to make the *server* fail a chosen statement (a real
  error and a real rollback, not an emulated one).
- :class:`RecordingQueryRunner` is a ``graphdatascience`` query runner that records the
  exact Cypher the real client sends (it subclasses the client's ``Neo4jQueryRunner`` and
  replaces only the methods that talk to a server) and answers with empty, well-formed
  results. It computes nothing: GDS itself runs in the live tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pandas as pd
from graphdatascience.query_runner.neo4j_query_runner import Neo4jQueryRunner
from graphdatascience.query_runner.query_mode import QueryMode
from graphdatascience.query_runner.query_type import QueryType
from graphdatascience.versions import ServerVersion

from linkgraph.backends.neo4j import cypher

PLAIN = (type(None), str, int, float, bool, datetime)


def statement_name(text: str) -> str:
    """The name of the ``queries/`` statement whose text this is (exact match)."""
    for name in cypher.names():
        if cypher.load(name) == text:
            return name
    raise AssertionError(f"not one of linkgraph's statements: {text[:80]!r}")


def check_plain(value: Any, where: str) -> None:
    """Parameters hold only plain driver values (no numpy, pandas or NaN-as-float surprises)."""
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str), f"{where}: map key {k!r}"
            check_plain(v, where)
    elif isinstance(value, list):
        for v in value:
            check_plain(v, where)
    else:
        assert isinstance(value, PLAIN), f"{where}: {type(value).__name__} is not a plain driver value"


class _SpyTransaction:
    def __init__(self, spy: SpyDriver, tx: Any, statements: list[str]) -> None:
        self.spy, self.tx, self.statements = spy, tx, statements

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kw: Any) -> Any:
        params = {**(parameters or {}), **kw}
        name = statement_name(str(query))
        expected = cypher.parameters(name)
        assert set(params) == expected, f"{name}: passed {sorted(params)}, statement takes {sorted(expected)}"
        check_plain(params, name)
        self.spy.calls.append((name, params))
        self.statements.append(name)
        if self.spy.tamper is not None:
            params = self.spy.tamper(name, params)
        return self.tx.run(query, params)


class _SpySession:
    def __init__(self, spy: SpyDriver, session: Any) -> None:
        self.spy, self.session = spy, session

    def __enter__(self) -> _SpySession:
        self.session.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.__exit__(*exc)

    def _wrap(self, execute: Callable[..., Any], fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        def work(tx: Any, *a: Any, **k: Any) -> Any:
            statements: list[str] = []
            self.spy.transactions.append(statements)
            return fn(_SpyTransaction(self.spy, tx, statements), *a, **k)

        return execute(work, *args, **kwargs)

    def execute_write(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._wrap(self.session.execute_write, fn, *args, **kwargs)

    def execute_read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._wrap(self.session.execute_read, fn, *args, **kwargs)


class SpyDriver:
    """A real driver that records what linkgraph sends (``calls``, ``transactions``)."""

    def __init__(self, driver: Any, tamper: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None) -> None:
        self.driver = driver
        self.tamper = tamper
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.transactions: list[list[str]] = []
        self.databases: list[str | None] = []

    def session(self, database: str | None = None, **config: Any) -> _SpySession:
        self.databases.append(database)
        return _SpySession(self, self.driver.session(database=database, **config))

    def verify_connectivity(self) -> None:
        self.driver.verify_connectivity()

    def close(self) -> None:
        """The wrapped driver belongs to the test fixture: not closed here."""

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


# ---------------------------------------------------------------- graphdatascience


def _procedure(query: str) -> str | None:
    match = re.match(r"\s*(?:CALL|RETURN)\s+([\w.]+)\(", query)
    return match.group(1) if match else None


class RecordingQueryRunner(Neo4jQueryRunner):
    """Records every query the real GDS client would send; answers with empty GDS-shaped results.

    ``fail_on`` names a procedure (e.g. ``gds.leiden.write``) or statement that raises.
    """

    def __init__(self, version: str = "2.13.9") -> None:
        super().__init__(driver=None, protocol="bolt", database="neo4j", show_progress=False)  # type: ignore[arg-type]
        self.version = ServerVersion.from_string(version)
        self.queries: list[tuple[str, dict[str, Any]]] = []
        self.fail_on: str | None = None

    # --- the methods that would talk to a server
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
        if name == self.fail_on:
            raise RuntimeError(f"injected failure in {name}")
        if name == "project_evidence_graph":
            result = {
                "graphName": params["graph_name"],
                "nodeCount": 0,
                "relationshipCount": 0,
                "projectMillis": 1,
                "configuration": {},
                "query": query,
            }
            return pd.DataFrame({"graph": [result]})
        if name == "stream_account_communities":
            return pd.DataFrame(columns=["account_id", "community"])
        if name == "stream_artifact_communities":
            return pd.DataFrame(columns=["kind", "artifact", "community"])
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
            common = {
                "preProcessingMillis": 0,
                "computeMillis": 1,
                "writeMillis": 1,
                "postProcessingMillis": 0,
                "nodePropertiesWritten": 0,
                "configuration": params["config"],
            }
            if proc == "gds.wcc.write":
                return pd.DataFrame([common | {"componentCount": 0, "componentDistribution": {}}])
            algo = {
                "communityCount": 0,
                "communityDistribution": {},
                "modularity": 0.0,
                "modularities": [0.0],
                "ranLevels": 1,
            }
            if proc == "gds.leiden.write":
                algo |= {"didConverge": True, "nodeCount": 0}
            return pd.DataFrame([common | algo])
        raise AssertionError(f"unexpected procedure {proc}: {query}")
