"""Find and read one input table (CSV, CSV.gz or Parquet) as Arrow data, whole or in batches.

Reading never guesses: a wrong delimiter, a bad encoding, a ragged row, an empty file, a
truncated or corrupt gzip stream or Parquet file becomes a
:class:`~linkgraph.ingest.contract.Problem` that names the file and, where it can, the row.
CSV columns come back as text (null for empty); Parquet columns keep their types.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

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


_BROKEN = (pa.ArrowException, OSError, EOFError, zlib.error, ValueError, KeyError, IndexError, TypeError)
"""What a truncated, corrupt or odd file raises while read (MemoryError is not among them)."""


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


def _locate(find: object, *args: object) -> int | None:
    try:
        return find(*args)  # type: ignore[operator, no-any-return]
    except (*_BROKEN, csv.Error):
        return None


def _csv_problem(path: Path, exc: BaseException, width: int) -> Problem:
    label = path.name
    msg = str(exc)
    if path.name.endswith(".gz") and isinstance(exc, (OSError, EOFError, zlib.error)):
        reason = msg.split(":")[-1].strip() or type(exc).__name__
        return Problem(label, f"is not a readable gzip file (truncated or corrupt: {reason}); deliver it again")
    if "UTF8" in msg or "UTF-8" in msg:
        row = _locate(_locate_bad_utf8, path)
        return Problem(label, "text is not valid UTF-8; save the file as UTF-8", rows=(row,) if row else (), total=1)
    if "Expected" in msg and "columns" in msg:
        row = _locate(_locate_ragged_row, path, width)
        return Problem(
            label,
            f"wrong number of fields (the header has {width}); check the delimiter and quoting",
            rows=(row,) if row else (),
            total=1,
        )
    first = msg.splitlines()[0] if msg else type(exc).__name__
    return Problem(label, f"cannot be read as CSV: {first.split(': ')[0]}")


def _csv_header(path: Path) -> list[str]:
    label = path.name
    if path.stat().st_size == 0:
        raise ReadError(Problem(label, "the file is empty (expected a header line with column names)"))
    try:
        header = _first_line(path)
    except (OSError, EOFError, zlib.error) as exc:
        raise ReadError(_csv_problem(path, exc, 0)) from None
    try:
        header_text = header.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise ReadError(Problem(label, "the header is not UTF-8 text; save the file as UTF-8", rows=())) from None
    if not header_text:
        raise ReadError(Problem(label, "the file is empty (expected a header line with column names)"))
    try:
        names = next(csv.reader([header_text]))
    except (csv.Error, StopIteration):
        raise ReadError(Problem(label, "the header line cannot be parsed as CSV")) from None
    if len(names) == 1:
        for sep, sep_name in ((";", "semicolons"), ("\t", "tabs"), ("|", "pipes")):
            if sep in header_text:
                raise ReadError(
                    Problem(label, f"the header is separated by {sep_name}; linkgraph reads comma-separated files")
                )
    return names


def _check_names(label: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in (n.strip() for n in names):
        if name in seen:
            raise ReadError(Problem(label, "column is given more than once; keep one", name))
        seen.add(name)


def _wanted(names: list[str], columns: tuple[str, ...] | None) -> list[str] | None:
    if columns is None:
        return None
    return [n for n in names if n.strip() in columns]


def _csv_options(path: Path, columns: tuple[str, ...] | None) -> tuple[pacsv.ConvertOptions, int]:
    names = _csv_header(path)
    _check_names(path.name, names)
    convert = pacsv.ConvertOptions(
        column_types={n: pa.string() for n in names},
        strings_can_be_null=True,
        check_utf8=True,
        include_columns=_wanted(names, columns),
    )
    return convert, len(names)


def _parquet_columns(path: Path, columns: tuple[str, ...] | None, schema: pa.Schema) -> list[str]:
    names = [n for n in schema.names if not re.fullmatch(r"__index_level_\d+__", n)]
    _check_names(path.name, names)
    wanted = _wanted(names, columns)
    return names if wanted is None else wanted


def _clean(table: pa.Table) -> pa.Table:
    table = table.replace_schema_metadata(None)
    return table.rename_columns([str(c).strip() for c in table.column_names])


@contextmanager
def _parquet_errors(label: str) -> Iterator[None]:
    try:
        yield
    except _BROKEN as exc:  # corrupt or truncated; MemoryError propagates
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(Problem(label, f"not a readable Parquet file: {reason}")) from None


def read_arrow(path: Path, columns: tuple[str, ...] | None = None) -> pa.Table:
    """Read one table file whole; every column of a CSV comes back as text (nulls for empty).

    ``columns`` limits the read to those columns (the ones present; a missing required
    column is reported by the checker). Raises :class:`ReadError`.
    """
    if path.name.endswith(".parquet"):
        with _parquet_errors(path.name):
            pf = pq.ParquetFile(path)
            table = pf.read(columns=_parquet_columns(path, columns, pf.schema_arrow))
        return _clean(table)
    convert, width = _csv_options(path, columns)
    try:
        return _clean(pacsv.read_csv(path, convert_options=convert))
    except (*_BROKEN, csv.Error) as exc:
        raise ReadError(_csv_problem(path, exc, width)) from None


def iter_batches(
    path: Path, columns: tuple[str, ...] | None, batch_rows: int, dictionary: tuple[str, ...] = ()
) -> Iterator[pa.Table]:
    """Read one table file in batches of about ``batch_rows`` rows (bounded memory).

    Parquet text columns named in ``dictionary`` come back dictionary-encoded (cheap for
    repetitive values such as model names).

    Raises :class:`ReadError`, possibly after some batches were yielded.
    """
    if path.name.endswith(".parquet"):
        with _parquet_errors(path.name):
            text = [f.name for f in pq.read_schema(path) if f.name.strip() in dictionary and pa.types.is_string(f.type)]
            pf = pq.ParquetFile(path, read_dictionary=text)
            wanted = _parquet_columns(path, columns, pf.schema_arrow)
            if pf.metadata.num_rows == 0:
                yield _clean(pf.schema_arrow.empty_table().select(wanted))
                return
            pending: list[pa.RecordBatch] = []
            rows = 0
            for batch in pf.iter_batches(batch_size=batch_rows, columns=wanted):  # stops at row groups
                pending.append(batch)
                rows += batch.num_rows
                if rows >= batch_rows:
                    yield _clean(pa.Table.from_batches(pending))
                    pending, rows = [], 0
            if pending:
                yield _clean(pa.Table.from_batches(pending))
        return
    convert, width = _csv_options(path, columns)
    block = int(min(max(batch_rows * 48, 1 << 20), 1 << 30))
    try:
        reader = pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=block), convert_options=convert)
        pending = []
        rows, yielded = 0, False
        for batch in reader:
            pending.append(batch)
            rows += batch.num_rows
            if rows >= batch_rows:
                yield _clean(pa.Table.from_batches(pending, schema=reader.schema))
                pending, rows, yielded = [], 0, True
        if pending or not yielded:
            yield _clean(pa.Table.from_batches(pending, schema=reader.schema))
    except (*_BROKEN, csv.Error) as exc:
        raise ReadError(_csv_problem(path, exc, width)) from None
