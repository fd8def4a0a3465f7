"""Backend fixtures: every test that uses the live Neo4j server carries the ``neo4j`` marker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "neo4j_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Any) -> Iterator[Any]:
    """One authenticated driver on the session's live server."""
    driver = neo4j_server.driver()
    driver.verify_connectivity()
    yield driver
    driver.close()


@pytest.fixture
def empty_neo4j(neo4j_server: Any, neo4j_driver: Any) -> Any:
    """The live server's database, emptied before the test; returns the driver."""
    from neo4j_checks import wipe

    wipe(neo4j_driver, neo4j_server.database)
    return neo4j_driver
