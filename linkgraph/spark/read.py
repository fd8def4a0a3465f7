"""Reading the contract's tables with Spark from any path it reads (local, s3a://, gs://, abfss://, hdfs://).

Each file is read on its own, so every row keeps its file; ``_mono`` (Spark's
monotonically increasing id) encodes its partition and position. :func:`with_ordinals`
turns that into the 1-based data row of the file (``_row``, as the embedded messages
count) and the 0-based position in the whole table (``_ord``, the account code ``acct``
of the embedded engine), with one small count per partition and no global sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from linkgraph.ingest.contract import SUFFIXES, TABLES, Problem
from linkgraph.ingest.readers import part_number

LOW_BITS = (1 << 33) - 1
"""Spark's monotonically increasing id is ``partition << 33 | position``."""


@dataclass(frozen=True)
class TableFiles:
    """The files of one table: base file first, then appended parts in order."""

    name: str
    paths: list[str]
    sizes: list[int]


def filesystem(spark: Any, root: str) -> tuple[Any, Any]:
    """(Hadoop file system, Path) of ``root``: local, s3a://, gs://, abfss://, hdfs://."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(root)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), path


def list_tables(spark: Any, root: str) -> tuple[dict[str, TableFiles], list[Problem]]:
    """The files of every contract table under ``root`` (Hadoop file system API), and what is missing."""
    fs, path = filesystem(spark, root)
    problems: list[Problem] = []
    if not fs.exists(path) or not fs.getFileStatus(path).isDirectory():
        return {}, [Problem(root, "is not a directory of input tables")]
    found = {
        s.getPath().getName(): (s.getPath().toString(), int(s.getLen())) for s in fs.listStatus(path) if s.isFile()
    }
    tables: dict[str, TableFiles] = {}
    for name, spec in TABLES.items():
        base = [n for n in (f"{name}{suffix}" for suffix in SUFFIXES) if n in found]
        parts = sorted((num, n) for n in found if (num := part_number(PurePosixPath(n), name)) is not None)  # type: ignore[arg-type]
        if not base and not parts:
            if not spec.optional_table:
                problems.append(
                    Problem(f"{name}.csv", f"table '{name}' is missing from {root} (.csv, .csv.gz or .parquet)")
                )
            continue
        if len(base) > 1:
            problems.append(Problem(base[0], f"table '{name}' is given more than once ({', '.join(base)}); keep one"))
            continue
        names = base + [n for _, n in parts]
        tables[name] = TableFiles(name, [found[n][0] for n in names], [found[n][1] for n in names])
    return tables, problems


def read_file(spark: Any, path: str, index: int) -> Any:
    """One file as a DataFrame: CSV as text columns (header row, fail on malformed rows), Parquet as typed."""
    from pyspark.sql import functions as F

    if path.endswith(".parquet"):
        frame = spark.read.parquet(path)
    else:
        frame = (
            spark.read.option("header", "true")
            .option("mode", "FAILFAST")
            .option("inferSchema", "false")
            .option("encoding", "UTF-8")
            .option("escape", '"')  # RFC 4180: a quote inside a quoted field is doubled
            .csv(path)
        )
    return frame.withColumn("_file", F.lit(index)).withColumn("_mono", F.monotonically_increasing_id())


def read_table(spark: Any, files: TableFiles) -> Any:
    """All files of one table as one DataFrame (columns missing from a part file are null)."""
    frames = [read_file(spark, path, i) for i, path in enumerate(files.paths)]
    table = frames[0]
    for frame in frames[1:]:
        table = table.unionByName(frame, allowMissingColumns=True)
    return table


def partition_offsets(frame: Any) -> dict[tuple[int, int], tuple[int, int]]:
    """``(file, partition) -> (rows of the file before it, rows of the table before it)``, and file row counts."""
    from pyspark.sql import functions as F

    counts = frame.groupBy("_file", F.shiftright("_mono", 33).alias("_pid")).count().collect()
    offsets: dict[tuple[int, int], tuple[int, int]] = {}
    table_rows = 0
    for file in sorted({r["_file"] for r in counts}):
        file_rows = 0
        for row in sorted((r for r in counts if r["_file"] == file), key=lambda r: r["_pid"]):
            offsets[(file, row["_pid"])] = (file_rows, table_rows)
            file_rows += row["count"]
            table_rows += row["count"]
    return offsets


def file_rows(frame: Any, n_files: int) -> list[int]:
    """Data rows per file of a table read by :func:`read_table`."""
    counts = {r["_file"]: r["count"] for r in frame.groupBy("_file").count().collect()}
    return [int(counts.get(i, 0)) for i in range(n_files)]


def with_ordinals(spark: Any, frame: Any, table: Any | None = None) -> Any:
    """``frame`` with ``_row`` (1-based data row in its file) and ``_ord`` (0-based row of the table).

    ``table`` (default ``frame``) is the whole table the rows of ``frame`` were selected from.
    """
    from pyspark.sql import functions as F

    offsets = partition_offsets(frame if table is None else table)
    rows = [(f, p, fo, to) for (f, p), (fo, to) in offsets.items()] or [(0, 0, 0, 0)]
    table = spark.createDataFrame(rows, "_file int, _pid long, _file_off long, _table_off long")
    local = F.col("_mono").bitwiseAND(F.lit(LOW_BITS))
    return (
        frame.withColumn("_pid", F.shiftright("_mono", 33))
        .join(F.broadcast(table), ["_file", "_pid"], "left")
        .withColumn("_row", F.col("_file_off") + local + 1)
        .withColumn("_ord", F.col("_table_off") + local)
        .drop("_pid", "_file_off", "_table_off")
    )
