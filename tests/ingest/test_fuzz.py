"""Fuzzing the loader: any mutation of the input tables is loaded or refused with InputError, never a crash.

Mutations: random cell values (text, unicode, card numbers, huge numbers), dropped and extra
columns, odd Parquet types, duplicated rows, and damaged files (truncated, bytes flipped,
garbage appended, emptied). A card number planted anywhere never appears in a report.
"""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from worlds import tiny_tables, write_tables

from linkgraph import InputError, load_tables, validate_dir
from linkgraph.cli.main import app

CARDS = ("4111111111111111", "5500 0000 0000 0004", "4111-1111-1111-1111")
TABLE_NAMES = ("accounts", "payment_methods", "proxies", "prompt_fingerprints", "requests")

values = st.one_of(
    st.text(max_size=24),
    st.sampled_from(["", " ", "a00", "a99", "10.0.0.1", "::1", "2026-01-01", "-5", "1e3", "0F3A9C2BE47D1806"]),
    st.sampled_from(CARDS),
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.just(None),
)
cell = st.tuples(st.just("cell"), st.sampled_from(TABLE_NAMES), st.integers(0, 40), st.integers(0, 8), values)
drop = st.tuples(st.just("drop"), st.sampled_from(TABLE_NAMES), st.integers(0, 8))
extra = st.tuples(st.just("extra"), st.sampled_from(TABLE_NAMES), st.text(min_size=0, max_size=8), values)
retype = st.tuples(
    st.just("retype"),
    st.sampled_from(TABLE_NAMES),
    st.integers(0, 8),
    st.sampled_from(["int", "float", "bool", "list", "null", "bytes"]),
)
dup = st.tuples(st.just("dup"), st.sampled_from(TABLE_NAMES), st.integers(0, 40))
mutation = st.one_of(cell, drop, extra, retype, dup)
damage = st.one_of(
    st.just(None),
    st.tuples(st.sampled_from(["truncate", "flip", "append", "empty"]), st.sampled_from(TABLE_NAMES), st.floats(0, 1)),
)


def _tables() -> dict[str, pd.DataFrame]:
    tables = tiny_tables()
    tables["requests"] = pd.DataFrame(
        {
            "account_id": [f"a{i % 12:02d}" for i in range(24)],
            "timestamp": "2026-01-05T00:00:00Z",
            "model": ["m1", "m2"] * 12,
            "prompt_simhash": ["00000000000000ff", ""] * 12,
        }
    )
    tables["prompt_fingerprints"]["simhash"] = "0f3a9c2be47d1806"
    return {name: frame.astype(object) for name, frame in tables.items()}


def _retype(frame: pd.DataFrame, col: str, kind: str) -> None:
    n = len(frame)
    frame[col] = {
        "int": lambda: np.arange(n, dtype=np.int64) * 7919,
        "float": lambda: np.linspace(-1, 1e13, n),
        "bool": lambda: np.arange(n) % 2 == 0,
        "list": lambda: pd.Series([[str(i), CARDS[0]] if i == 1 else [str(i)] for i in range(n)], dtype=object),
        "null": lambda: pd.Series([None] * n, dtype=object),
        "bytes": lambda: pd.Series([b"\xff\xfe" if i == 0 else f"b{i}".encode() for i in range(n)], dtype=object),
    }[kind]()


def _mutate(tables: dict[str, pd.DataFrame], changes: list[tuple[Any, ...]], parquet: bool) -> None:
    for change in changes:
        frame = tables[change[1]]
        cols = list(frame.columns)
        if change[0] == "cell" and cols and len(frame):
            frame[cols[change[3] % len(cols)]] = frame[cols[change[3] % len(cols)]].astype(object)
            frame.iloc[change[2] % len(frame), frame.columns.get_loc(cols[change[3] % len(cols)])] = change[4]
        elif change[0] == "drop" and cols:
            tables[change[1]] = frame.drop(columns=[cols[change[2] % len(cols)]])
        elif change[0] == "extra" and change[2] not in cols:
            frame[change[2]] = change[3]
        elif change[0] == "retype" and cols and parquet:
            _retype(frame, cols[change[2] % len(cols)], change[3])
        elif change[0] == "dup" and len(frame):
            tables[change[1]] = pd.concat([frame, frame.iloc[[change[2] % len(frame)]]], ignore_index=True)


def _damage(folder: Path, spec: tuple[str, str, float] | None) -> None:
    if spec is None:
        return
    how, name, where = spec
    path = next(folder.glob(f"{name}.*"), None)
    if path is None:
        return
    raw = path.read_bytes()
    cut = int(len(raw) * where)
    if how == "truncate":
        raw = raw[:cut]
    elif how == "flip" and raw:
        i = min(cut, len(raw) - 1)
        raw = raw[:i] + bytes([raw[i] ^ 0x5A]) + raw[i + 1 :]
    elif how == "append":
        raw = raw + gzip.compress(b"x")[: 1 + cut % 9]
    else:
        raw = b""
    path.write_bytes(raw)


def _check_report(err: InputError) -> None:
    text = str(err)
    for card in CARDS:
        assert card not in text, text
    assert err.problems


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    fmt=st.sampled_from(["csv", "csv.gz", "parquet"]),
    changes=st.lists(mutation, max_size=4),
    broken=damage,
)
def test_any_mutation_loads_or_is_refused(fmt: str, changes: list[tuple[Any, ...]], broken: Any) -> None:
    tables = _tables()
    _mutate(tables, changes, fmt == "parquet")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            write_tables(tables, folder, fmt)
        except Exception:  # a frame that pandas/pyarrow cannot write is not an input we can make
            return
        _damage(folder, broken)
        try:
            load_tables(folder)
        except InputError as err:
            _check_report(err)
            assert validate_dir(folder) == err.problems
        else:
            assert validate_dir(folder) == []
        try:
            load_tables(folder, request_columns=("account_id", "timestamp", "model", "prompt_simhash"))
        except InputError as err:
            _check_report(err)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(changes=st.lists(mutation, min_size=1, max_size=3), broken=damage)
def test_detect_exits_0_or_3_and_writes_nothing_when_refused(changes: list[tuple[Any, ...]], broken: Any) -> None:
    tables = _tables()
    _mutate(tables, changes, parquet=False)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_tables(tables, Path(tmp) / "data", "csv.gz")
        _damage(folder, broken)
        runs = Path(tmp) / "runs"
        result = CliRunner().invoke(app, ["detect", str(folder), "--runs", str(runs), "--min-sharers", "2"])
        assert result.exit_code in (0, 3), (result.output, result.exception)
        assert "Traceback" not in result.output
        if result.exit_code == 3:
            assert not runs.exists()  # no directory, no lock file


def test_refused_detect_creates_no_runs_dir(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["accounts"].loc[0, "status"] = "gone"
    folder = write_tables(tables, tmp_path / "data")
    runs = tmp_path / "runs"
    result = CliRunner().invoke(app, ["detect", str(folder), "--runs", str(runs)])
    assert result.exit_code == 3
    assert not runs.exists()
