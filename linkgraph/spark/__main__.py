"""Entry point for ``spark-submit``: ``spark-submit …/linkgraph/spark/__main__.py DATA --runs RUNS``.

The submitted master and configuration apply (``--master yarn``, ``--conf``…); the run id
is printed on the last line, as ``linkgraph detect`` prints it.
"""

from __future__ import annotations

import argparse
import logging
import sys

from linkgraph.spark.engine import spark_detect
from linkgraph.spark.session import SparkSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="linkgraph-spark", description="linkgraph detection on Spark")
    parser.add_argument("data", help="input tables: any path Spark reads (s3a://, gs://, abfss://, hdfs://, local)")
    parser.add_argument("--runs", default="runs", help="runs directory on the driver's file system")
    parser.add_argument("--checkpoint-dir", default=None, help="checkpoints every executor reaches")
    parser.add_argument("--keep", type=int, default=None, help="then prune to the newest N runs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    settings = SparkSettings(checkpoint_dir=args.checkpoint_dir)
    run_id = spark_detect(
        args.data,
        args.runs,
        settings=settings,
        progress=lambda s: print(f"spark: {s}", file=sys.stderr),
        keep=args.keep,
    )
    print(run_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
