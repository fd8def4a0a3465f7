"""One local Spark session for the whole test run (``local[2]``, two shuffle partitions).

Without pyspark or Java the Spark tests skip, except under CI (``CI`` set), where they
fail: CI installs ``.[all]``, which includes the ``spark`` extra, so a missing one is a
broken run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

SETTINGS = {"master": "local[2]", "shuffle_partitions": 2}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def spark_settings() -> Iterator[object]:
    """Settings of the session's Spark (``local[2]``, two shuffle partitions); starts it once."""
    from linkgraph.spark.session import SparkSettings, SparkUnavailable, start_session

    settings = SparkSettings(**SETTINGS)  # type: ignore[arg-type]
    try:
        spark = start_session(settings)
    except SparkUnavailable as exc:
        if _in_ci():
            pytest.fail(f"CI must run the Spark tests: {exc}", pytrace=False)
        pytest.skip(str(exc))
    yield settings
    spark.stop()
