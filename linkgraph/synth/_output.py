"""Text columns (ids, tokens, ISO timestamps) built without Python loops, and table writers."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ._builder import DAY, LinkTable

FORMATS = {"parquet": ".parquet", "csv": ".csv", "csv.gz": ".csv.gz"}
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def fixed_strings(mat: np.ndarray) -> pa.Array:
    """A string array from an (n, width) matrix of ASCII bytes, one row per string."""
    n, width = mat.shape
    if n * width >= 2**31:
        raise ValueError("string column too large")
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int32) if width else np.zeros(n + 1, np.int32)
    data = np.ascontiguousarray(mat, dtype=np.uint8)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))


def _put_digits(mat: np.ndarray, col: int, values: np.ndarray, width: int) -> None:
    for p in range(width):
        mat[:, col + width - 1 - p] = 48 + (values // 10**p) % 10


def iso_strings(seconds: np.ndarray) -> pa.Array:
    """``YYYY-MM-DDTHH:MM:SSZ`` text of epoch seconds (civil-from-days, vectorised)."""
    sec = np.asarray(seconds, dtype=np.int64)
    days = sec // DAY
    rem = sec - days * DAY
    z = days + 719_468
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    mat = np.empty((sec.size, 20), dtype=np.uint8)
    for col, ch in ((4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "Z")):
        mat[:, col] = ord(ch)
    _put_digits(mat, 0, year, 4)
    _put_digits(mat, 5, month, 2)
    _put_digits(mat, 8, day, 2)
    _put_digits(mat, 11, rem // 3600, 2)
    _put_digits(mat, 14, rem // 60 % 60, 2)
    _put_digits(mat, 17, rem % 60, 2)
    return fixed_strings(mat)


def account_ids(n: int) -> pa.Array:
    """``acct_0000000`` ... for account numbers 0..n-1 (at least 7 digits)."""
    width = max(7, len(str(max(n - 1, 0))))
    mat = np.empty((n, 5 + width), dtype=np.uint8)
    mat[:, :5] = np.frombuffer(b"acct_", dtype=np.uint8)
    _put_digits(mat, 5, np.arange(n, dtype=np.int64), width)
    return fixed_strings(mat)


def hex_tokens(rng: np.random.Generator, count: int, prefix: str, nbytes: int) -> pa.Array:
    """``count`` distinct random tokens ``prefix`` + ``2 * nbytes`` lower-case hex digits."""
    raw = rng.integers(0, 256, (count, nbytes), dtype=np.uint8)
    while count:
        head = np.ascontiguousarray(raw[:, :8]).view(np.uint64).ravel()
        order = np.argsort(head, kind="stable")
        dup = np.zeros(count, dtype=bool)
        dup[order[1:]] = head[order[1:]] == head[order[:-1]]
        if not dup.any():
            break
        raw[dup] = rng.integers(0, 256, (int(dup.sum()), nbytes), dtype=np.uint8)
    return _hex_text(raw, prefix)


def _hex_text(raw: np.ndarray, prefix: str) -> pa.Array:
    """``prefix`` + the lower-case hex digits of each row of an (n, nbytes) byte matrix."""
    count, nbytes = raw.shape
    prefix_bytes = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    mat = np.empty((count, prefix_bytes.size + 2 * nbytes), dtype=np.uint8)
    mat[:, : prefix_bytes.size] = prefix_bytes
    mat[:, prefix_bytes.size :: 2] = _HEX[raw >> 4]
    mat[:, prefix_bytes.size + 1 :: 2] = _HEX[raw & 15]
    return fixed_strings(mat)


def hex64(values: np.ndarray) -> pa.Array:
    """16 lower-case hex digits of each unsigned 64-bit value (most significant first)."""
    raw = np.ascontiguousarray(np.asarray(values, dtype=np.uint64).astype(">u8")).view(np.uint8)
    return _hex_text(raw.reshape(-1, 8), "")


def dedupe(table: LinkTable, n_artifacts: int) -> dict[str, np.ndarray]:
    """One row per (account, artifact), keeping the first; sorted by account then artifact."""
    acct, art, first, last, count = table.columns()
    key = acct * max(n_artifacts, 1) + art
    _, idx = np.unique(key, return_index=True)
    return {"acct": acct[idx], "art": art[idx], "first": first[idx], "last": last[idx], "count": count[idx]}


def clear_tables(out: Path, names: list[str]) -> None:
    """Remove files of these tables in any supported format, so no stale copy is left."""
    for name in names:
        for ext in FORMATS.values():
            (out / f"{name}{ext}").unlink(missing_ok=True)


def write_table(table: pa.Table, out: Path, name: str, fmt: str) -> Path:
    """Write ``table`` as ``out/name.<fmt>``; byte-identical for identical input."""
    path = out / f"{name}{FORMATS[fmt]}"
    if fmt == "parquet":
        pq.write_table(table, path, compression="snappy")
        return path
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    if fmt == "csv":
        pacsv.write_csv(table, path, write_options=options)
    else:
        with (
            open(path, "wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=3, mtime=0) as gz,
        ):
            pacsv.write_csv(table, gz, write_options=options)
    return path
