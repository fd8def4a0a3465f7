"""Find and read one input table (CSV, CSV.gz or Parquet) into a DataFrame of strings.

Reading never guesses: a wrong delimiter, a bad encoding, a ragged row or an empty file
becomes a :class:`~linkgraph.ingest.contract.Problem` that names the file and, where it can, the row.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from linkgraph.ingest.contract import SUFFIXES, Problem


@dataclass(frozen=True)
class SourceFile:
    """An input file as the manifest records it."""

    table: str
    path: str
    size: int
    sha256: str
    rows: int


class ReadError(Exception):
    """A table could not be read at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def part_number(path: Path, name: str) -> int | None:
    """``N`` for a part file ``NAME.part-N.<suffix>`` of table ``name`` (appended deltas), else None."""
    match = re.fullmatch(rf"{re.escape(name)}\.part-(\d+)(?:{'|'.join(map(re.escape, SUFFIXES))})", path.name)
    return int(match.group(1)) if match else None


def find_table(data_dir: Path, name: str) -> list[Path]:
    """All files in ``data_dir`` that hold table ``name``: base files, then part files in order.

    More than one base file (``NAME.csv`` and ``NAME.parquet``) is ambiguous; part files
    (``NAME.part-0001.parquet``, written by ``linkgraph append``) add rows to the table.
    """
    base = [data_dir / f"{name}{suffix}" for suffix in SUFFIXES if (data_dir / f"{name}{suffix}").is_file()]
    parts = [(n, p) for p in data_dir.glob(f"{name}.part-*") if (n := part_number(p, name)) is not None and p.is_file()]
    return base + [p for _, p in sorted(parts)]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _open_text_bytes(path: Path) -> io.BufferedIOBase:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _first_line(path: Path) -> bytes:
    with _open_text_bytes(path) as fh:
        return fh.readline()


def _locate_bad_utf8(path: Path) -> int | None:
    """1-based data row of the first line that is not valid UTF-8 (0 = header)."""
    with _open_text_bytes(path) as fh:
        for lineno, raw in enumerate(fh):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return lineno
    return None


def _locate_ragged_row(path: Path, width: int) -> int | None:
    """1-based data row of the first CSV record whose field count differs from the header."""
    with _open_text_bytes(path) as fh:
        text = io.TextIOWrapper(cast(IO[bytes], fh), encoding="utf-8", errors="replace", newline="")
        for recno, record in enumerate(csv.reader(text)):
            if recno > 0 and record and len(record) != width:
                return recno
    return None


def _read_csv(path: Path, columns: tuple[str, ...] | None = None) -> pa.Table:
    label = path.name
    if path.stat().st_size == 0:
        raise ReadError(Problem(label, "the file is empty (expected a header line with column names)"))
    header = _first_line(path)
    try:
        header_text = header.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise ReadError(Problem(label, "the header is not UTF-8 text; save the file as UTF-8", rows=())) from None
    if not header_text:
        raise ReadError(Problem(label, "the file is empty (expected a header line with column names)"))
    names = next(csv.reader([header_text]))
    if len(names) == 1:
        for sep, sep_name in ((";", "semicolons"), ("\t", "tabs"), ("|", "pipes")):
            if sep in header_text:
                raise ReadError(
                    Problem(label, f"the header is separated by {sep_name}; linkgraph reads comma-separated files")
                )
    convert = pacsv.ConvertOptions(
        column_types={n: pa.string() for n in names},
        strings_can_be_null=True,
        check_utf8=True,
        include_columns=None if columns is None else [n for n in names if n.strip() in columns],
    )
    try:
        return pacsv.read_csv(path, convert_options=convert)
    except pa.ArrowInvalid as exc:
        msg = str(exc)
        if "UTF8" in msg or "UTF-8" in msg:
            row = _locate_bad_utf8(path)
            raise ReadError(
                Problem(label, "text is not valid UTF-8; save the file as UTF-8", rows=(row,) if row else (), total=1)
            ) from None
        if "Expected" in msg and "columns" in msg:
            row = _locate_ragged_row(path, len(names))
            raise ReadError(
                Problem(
                    label,
                    f"wrong number of fields (the header has {len(names)}); check the delimiter and quoting",
                    rows=(row,) if row else (),
                    total=1,
                )
            ) from None
        raise ReadError(Problem(label, f"cannot be read as CSV: {msg}")) from None


def read_table(name: str, path: Path, columns: tuple[str, ...] | None = None) -> tuple[pd.DataFrame, SourceFile]:
    """Read one table file; every column of a CSV comes back as text (nulls for empty).

    ``columns`` limits the read to those columns (the ones present; a missing required
    column is reported by the checker).
    """
    label = path.name
    if path.name.endswith(".parquet"):
        try:
            wanted = None
            if columns is not None:
                present = pq.read_schema(path).names
                wanted = [c for c in present if c.strip() in columns]
            table = pq.read_table(path, columns=wanted)
        except (pa.ArrowException, OSError, ValueError) as exc:  # corrupt or truncated; MemoryError propagates
            raise ReadError(Problem(label, f"not a readable Parquet file: {exc}")) from None
    else:
        table = _read_csv(path, columns)
    frame = table.to_pandas()
    frame.columns = [str(c).strip() for c in frame.columns]
    source = SourceFile(name, str(path), path.stat().st_size, sha256_of(path), len(frame))
    return frame, source
