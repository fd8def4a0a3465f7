"""Batched, resumable, idempotent loading into Neo4j.

- Uniqueness constraints are created first (``IF NOT EXISTS``).
- Each step is one ``UNWIND $rows AS row MERGE ...`` statement run in batches, each batch
  in its own managed transaction (``session.execute_write``, retried by the driver on
  transient errors). MERGE on constrained keys makes every batch safe to repeat.
- The batch and its checkpoint (``:LoadCheckpoint {checkpoint_id}``, the number of batches
  committed) are written in the same transaction, so after a failure the load resumes
  exactly after the last committed batch. A checkpoint id hashes the step's rows and the
  batch size: different data or batch size starts the step over (still without duplicates).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, LiteralString, Protocol, cast

import neo4j
import pandas as pd

from linkgraph.backends.neo4j.cypher import load
from linkgraph.backends.neo4j.rows import records

log = logging.getLogger(__name__)

CONSTRAINTS = (
    "create_account_id_constraint",
    "create_payment_method_id_constraint",
    "create_proxy_ip_constraint",
    "create_prompt_fingerprint_constraint",
    "create_template_family_id_constraint",
    "create_rewrite_group_id_constraint",
    "create_lockstep_window_id_constraint",
    "create_load_checkpoint_id_constraint",
)
DEFAULT_BATCH_SIZE = 5000
DATABASE_ERRORS = (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError)
"""What the server or the driver raise for a failed batch; anything else is a bug and propagates."""
LOAD_FORMAT = 2
"""Bump when a load statement changes meaning: old checkpoints then no longer match."""


def query(name: str) -> LiteralString:
    """The text of ``queries/<name>.cypher`` typed for the driver: it comes from the package, never from values."""
    return cast(LiteralString, load(name))


class LoadProgress(Protocol):
    """Receives progress; the CLI draws it with rich."""

    def start(self, step: str, total_rows: int, done_rows: int) -> None: ...

    def advance(self, step: str, rows: int) -> None: ...


class LoadError(RuntimeError):
    """A batch failed. Earlier batches are committed; loading again resumes at ``batch``."""

    def __init__(self, step: str, batch: int, n_batches: int, rows: tuple[int, int], cause: BaseException) -> None:
        self.step, self.batch, self.n_batches, self.rows = step, batch, n_batches, rows
        super().__init__(
            f"{step}: batch {batch + 1} of {n_batches} (index {batch}, rows {rows[0]}-{rows[1] - 1}) failed: "
            f"{type(cause).__name__}: {cause}. Earlier batches are committed; run the same load again to resume "
            f"from this batch."
        )


@dataclass(frozen=True)
class Step:
    """One statement and the rows it is run with (columns = keys of ``row``)."""

    statement: str
    rows: pd.DataFrame = field(compare=False)

    def checkpoint_id(self, batch_size: int) -> str:
        """Stable id of this step's content and batching."""
        digest = hashlib.sha256(f"{LOAD_FORMAT}|{self.statement}|{batch_size}|{list(self.rows.columns)}".encode())
        for name in self.rows.columns:
            column = self.rows[name]
            try:
                hashed = pd.util.hash_pandas_object(column, index=False)
            except TypeError:  # maps (account properties): hash their text
                hashed = pd.util.hash_pandas_object(column.astype(str), index=False)
            digest.update(hashed.to_numpy().tobytes())
        return f"{self.statement}:{digest.hexdigest()[:32]}"


@dataclass(frozen=True)
class StepReport:
    """What loading one step did."""

    statement: str
    rows: int
    batches: int
    skipped_batches: int
    seconds: float


def _write_batch(
    tx: neo4j.ManagedTransaction,
    statement: LiteralString,
    rows: list[dict[str, Any]],
    checkpoint: dict[str, Any] | None,
) -> None:
    tx.run(statement, {"rows": rows}).consume()
    if checkpoint is not None:
        tx.run(query("set_load_checkpoint"), checkpoint).consume()


def _fetch(tx: neo4j.ManagedTransaction, statement: LiteralString, params: dict[str, Any]) -> list[dict[str, Any]]:
    return tx.run(statement, params).data()


class GraphLoader:
    """Runs load steps against one database; the caller owns the driver."""

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: LoadProgress | None = None,
        checkpoints: bool = True,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.progress = progress
        self.checkpoints = checkpoints

    @contextmanager
    def session(self) -> Iterator[neo4j.Session]:
        """A session on the configured database."""
        with self.driver.session(database=self.database) as session:
            yield session

    def read(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """Run a read statement in a managed transaction; rows as dicts."""
        with self.session() as session:
            return session.execute_read(_fetch, query(statement), params)

    def write(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """Run one write statement in a managed transaction; rows as dicts."""
        with self.session() as session:
            return session.execute_write(_fetch, query(statement), params)

    def ensure_constraints(self) -> None:
        """Create the uniqueness constraints (idempotent); always before any MERGE."""
        for name in CONSTRAINTS:
            self.write(name)

    def committed_batches(self, steps: Sequence[Step]) -> dict[str, int]:
        """Checkpoint id → batches already committed, for the given steps."""
        ids = [step.checkpoint_id(self.batch_size) for step in steps]
        rows = self.read("get_load_checkpoints", checkpoint_ids=ids)
        return {row["checkpoint_id"]: int(row["batches_done"] or 0) for row in rows}

    def load(self, steps: Sequence[Step], restart: bool = False) -> list[StepReport]:
        """Constraints, then every step in order; resumes from checkpoints unless ``restart``."""
        self.ensure_constraints()
        done = self.committed_batches(steps) if self.checkpoints and not restart else {}
        return [self._load_step(step, done.get(step.checkpoint_id(self.batch_size), 0)) for step in steps]

    def _load_step(self, step: Step, done_batches: int) -> StepReport:
        started = time.perf_counter()
        total = len(step.rows)
        n_batches = math.ceil(total / self.batch_size)
        first = min(done_batches, n_batches)
        if self.progress:
            self.progress.start(step.statement, total, min(first * self.batch_size, total))
        if first:
            log.info("%s: %d of %d batches already committed; resuming", step.statement, first, n_batches)
        checkpoint_id = step.checkpoint_id(self.batch_size) if self.checkpoints else None
        statement = query(step.statement)
        with self.session() as session:
            for batch in range(first, n_batches):
                lo, hi = batch * self.batch_size, min(total, (batch + 1) * self.batch_size)
                checkpoint = None
                if checkpoint_id is not None:
                    checkpoint = {
                        "checkpoint_id": checkpoint_id,
                        "step": step.statement,
                        "batches_done": batch + 1,
                        "batch_size": self.batch_size,
                        "total_rows": total,
                    }
                rows = records(step.rows.iloc[lo:hi])  # a bug here is a bug, not a failed batch
                try:
                    session.execute_write(_write_batch, statement, rows, checkpoint)
                except DATABASE_ERRORS as exc:
                    raise LoadError(step.statement, batch, n_batches, (lo, hi), exc) from exc
                if self.progress:
                    self.progress.advance(step.statement, hi - lo)
        seconds = round(time.perf_counter() - started, 3)
        log.info("%s: %d rows in %d batches (%d skipped) in %.2fs", step.statement, total, n_batches, first, seconds)
        return StepReport(step.statement, total, n_batches, first, seconds)

    def write_batches(self, statement: str, rows: pd.DataFrame, **params: Any) -> list[dict[str, Any]]:
        """Run ``statement`` over ``rows`` in batches without checkpoints; all returned rows."""
        out: list[dict[str, Any]] = []
        compiled = query(statement)
        n_batches = math.ceil(len(rows) / self.batch_size)
        with self.session() as session:
            for batch in range(n_batches):
                lo, hi = batch * self.batch_size, min(len(rows), (batch + 1) * self.batch_size)
                batch_params = {**params, "rows": records(rows.iloc[lo:hi])}
                try:
                    out.extend(session.execute_write(_fetch, compiled, batch_params))
                except DATABASE_ERRORS as exc:
                    raise LoadError(statement, batch, n_batches, (lo, hi), exc) from exc
        return out

    def counts(self) -> dict[str, int]:
        """Node and relationship counts of the linkgraph model."""
        rows = self.read("count_graph")
        return {k: int(v) for k, v in rows[0].items()} if rows else {}
