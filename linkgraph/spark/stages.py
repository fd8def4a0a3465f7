"""One error boundary for the Spark engine: a progress line per stage, failures that name stage and input."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from linkgraph.backends.base import BackendError
from linkgraph.detect import Stopwatch


class SparkStageError(BackendError):
    """A Spark stage failed; the message names the stage and its input, and is safe to show."""

    def __init__(self, stage: str, source: str, reason: str) -> None:
        super().__init__(f"Spark stage '{stage}' failed on {source}: {reason}")
        self.stage = stage
        self.source = source


def _errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "Spark failed": Java-side errors and PySpark's own."""
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    return (Py4JError, PySparkException)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = next((line.strip() for line in text if line.strip()), type(exc).__name__)
    return first[:500]


@contextmanager
def spark_stage(watch: Stopwatch, spark: Any, name: str, source: str) -> Iterator[None]:
    """Time stage ``name`` (its progress line comes from ``watch``), label its Spark jobs, wrap failures."""
    errors = _errors()
    spark.sparkContext.setJobDescription(f"linkgraph {name}")
    with watch.stage(name):
        try:
            yield
        except errors as exc:
            raise SparkStageError(name, source, _reason(exc)) from exc
        finally:
            spark.sparkContext.setJobDescription(None)
