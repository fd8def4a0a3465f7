"""Cut a DataFrame's plan AND its size estimate, for the iterative stages.

``Dataset.checkpoint`` cuts the lineage, but Spark 4 keeps the checkpointed plan's size
estimate (``LogicalRDD``'s origin statistics). Without cost-based optimisation a join is
estimated at the product of its children's sizes, so a loop that joins a frame with itself
and checkpoints it squares the estimate every round: a 1,000-row frame joined with itself
twice a round has an estimate of 16, 62, 244 and 975 digits after rounds 1-4
(``tests/spark/test_frames.py`` checks the growth). On the 10M-account
world the planner thread spent 23 CPU-minutes multiplying such estimates
(``BigInteger.multiplyToomCook3`` under ``SizeInBytesOnlyStatsPlanVisitor``) while no task
ran.

:class:`Materialized` writes a frame as Parquet under the checkpoint directory and reads it
back: the plan is one scan, and its estimate is the files' size. The files are deleted with
:meth:`Materialized.drop` (or at the end of the run, with the private checkpoint directory).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from linkgraph.spark.read import filesystem


@dataclass
class Materialized:
    """A frame read back from Parquet files of its own (``path``)."""

    frame: Any
    path: str

    @classmethod
    def of(cls, frame: Any) -> Materialized:
        """Write ``frame`` under the session's checkpoint directory and read it back."""
        spark = frame.sparkSession
        base = spark.sparkContext.getCheckpointDir()
        if base is None:
            raise RuntimeError("no checkpoint directory is set (linkgraph.spark.session.start_session sets one)")
        path = f"{base.rstrip('/')}/frames/{uuid.uuid4().hex}"
        frame.write.parquet(path)
        return cls(spark.read.parquet(path), path)

    def drop(self) -> None:
        """Delete the files (the frame must not be read afterwards)."""
        fs, path = filesystem(self.frame.sparkSession, self.path)
        fs.delete(path, True)
