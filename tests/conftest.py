"""Shared fixtures: the tiny hand-made world of ``worlds.py`` as files; the live Neo4j server."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from worlds import tiny_tables, write_tables


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """The tiny world as CSV files."""
    return write_tables(tiny_tables(), tmp_path / "tiny")


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[object]:
    """A live Neo4j 5.26 + GDS for the whole test run: ``Neo4jSettings`` to reach it.

    ``NEO4J_URI`` set: that server (a throw-away one: the live tests empty it). Otherwise the
    ``tools/neo4j-server`` jar is started once, on a free port with a random password, and
    stopped at the end. Without Java or the jar the Neo4j tests skip, except under CI
    (``CI`` set), where they fail: CI builds the jar, so a missing one is a broken run.
    """
    from neo4j_live_server import BUILD_COMMAND, JAR, jar_available, java_available, running_server

    from linkgraph.backends.neo4j.settings import Neo4jSettings

    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings.from_env()
        return
    missing = None
    if not java_available():
        missing = "no Java >= 17 to run the Neo4j server jar (set JAVA_HOME or put java on PATH)"
    elif not jar_available():
        missing = f"Neo4j server jar not built ({JAR}); build it with: {BUILD_COMMAND} (or make neo4j-jar)"
    if missing:
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"CI must run the live Neo4j tests: {missing}", pytrace=False)
        pytest.skip(missing)
    with running_server(password=secrets.token_urlsafe(18)) as live:
        yield Neo4jSettings(uri=live.uri, user=live.user, password=live.password)
