"""Ingest: round trips for every format, and every kind of bad input refused with file/row/column."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner
from worlds import tiny_tables, write_tables

from linkgraph import InputError, load_tables
from linkgraph.cli.main import app
from linkgraph.ingest.contract import looks_like_card_number


@pytest.mark.parametrize("fmt", ["csv", "csv.gz", "parquet"])
def test_round_trip_every_format(tmp_path: Path, fmt: str) -> None:
    data = load_tables(write_tables(tiny_tables(), tmp_path / fmt, fmt))
    assert data.n_accounts == 12
    assert set(data.links["kind"].astype(str)) == {"payment", "ip", "fingerprint"}
    assert len(data.artifacts) == data.links["art"].max() + 1
    assert (data.links["kind"] == "payment").sum() == 10
    assert str(data.links["first_seen"].dtype) == "datetime64[us, UTC]"
    created = data.accounts.set_index("account_id")["created_at"]
    assert created["a04"] == pd.Timestamp("2025-03-01T08:00:00Z")  # offset converted to UTC
    assert created["a06"] == pd.Timestamp("2024-05-05T00:00:00Z")  # no zone means UTC
    assert "2001:db8::1" in set(data.links["artifact"])  # IPv6 normalised
    assert data.ip_asn["10.0.0.1"] == 64500


def test_formats_give_identical_links(tmp_path: Path) -> None:
    a = load_tables(write_tables(tiny_tables(), tmp_path / "c", "csv")).links
    b = load_tables(write_tables(tiny_tables(), tmp_path / "p", "parquet")).links
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_duplicate_links_are_merged(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["payment_methods"] = pd.concat([tables["payment_methods"], tables["payment_methods"].head(1)])
    data = load_tables(write_tables(tables, tmp_path / "d"))
    assert (data.links["kind"] == "payment").sum() == 10


def _broken(tmp_path: Path, table: str, change) -> Path:  # type: ignore[no-untyped-def]
    tables = tiny_tables()
    tables[table] = change(tables[table].copy())
    return write_tables(tables, tmp_path / "broken")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_tables(folder)
    return [str(p) for p in info.value.problems]


def _set(col: str, row: int, value: str):  # type: ignore[no-untyped-def]
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame[col] = frame[col].astype(object)
        frame.iloc[row, frame.columns.get_loc(col)] = value
        return frame

    return change


CASES = [
    (
        "accounts",
        lambda f: f.drop(columns=["account_id"]),
        "accounts.csv, column 'account_id': required column is missing",
    ),
    ("payment_methods", lambda f: f.drop(columns=["payment_method_id"]), "column 'payment_method_id': required column"),
    ("accounts", _set("account_id", 3, "a00"), "accounts.csv, row 4, column 'account_id': duplicate account_id"),
    (
        "proxies",
        _set("account_id", 1, "ghost"),
        "proxies.csv, row 2, column 'account_id': account_id is not in accounts",
    ),
    ("accounts", _set("created_at", 2, "yesterday"), "accounts.csv, row 3, column 'created_at': not an ISO 8601"),
    ("proxies", _set("ip", 4, "300.1.2.3"), "proxies.csv, row 5, column 'ip': not a valid IPv4 or IPv6"),
    ("proxies", _set("asn", 0, "AS12"), "proxies.csv, row 1, column 'asn': not a non-negative integer"),
    (
        "payment_methods",
        _set("payment_method_id", 6, "4111 1111 1111 1111"),
        "payment_methods.csv, row 7, column 'payment_method_id': looks like a raw card number",
    ),
    (
        "prompt_fingerprints",
        _set("fingerprint", 2, " "),
        "prompt_fingerprints.csv, row 3, column 'fingerprint': value is empty",
    ),
]


@pytest.mark.parametrize(("table", "change", "expected"), CASES)
def test_bad_input_names_file_row_and_column(tmp_path: Path, table: str, change, expected: str) -> None:  # type: ignore[no-untyped-def]
    problems = _problems(_broken(tmp_path, table, change))
    assert any(expected in p for p in problems), problems


def test_raw_card_number_is_never_echoed(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "payment_methods", _set("payment_method_id", 0, "4111111111111111"))
    assert not any("4111111111111111" in p for p in _problems(folder))


def test_missing_file(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "m")
    (folder / "proxies.csv").unlink()
    assert any("table 'proxies' is missing" in p for p in _problems(folder))


def test_empty_file(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "e")
    (folder / "prompt_fingerprints.csv").write_bytes(b"")
    assert any("prompt_fingerprints.csv: the file is empty" in p for p in _problems(folder))


def test_header_only_link_table_is_fine(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "h")
    (folder / "prompt_fingerprints.csv").write_text("account_id,fingerprint\n")
    assert (load_tables(folder).links["kind"] == "fingerprint").sum() == 0


def test_wrong_delimiter(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "w")
    tiny_tables()["proxies"].to_csv(folder / "proxies.csv", index=False, sep=";")
    assert any("proxies.csv: the header is separated by semicolons" in p for p in _problems(folder))


def test_wrong_encoding_names_the_row(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "enc")
    text = (folder / "accounts.csv").read_text().replace("x.org", "xé.org")
    (folder / "accounts.csv").write_bytes(text.encode("latin-1"))
    problems = _problems(folder)
    assert any("accounts.csv, row 10" in p and "UTF-8" in p for p in problems), problems


def test_ragged_row(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "r")
    with (folder / "payment_methods.csv").open("a") as fh:
        fh.write("a01,pm_x,2026-01-01,2026-01-02,extra\n")
    assert any("payment_methods.csv, row 11" in p and "wrong number of fields" in p for p in _problems(folder))


def test_gzip_and_plain_both_present_is_ambiguous(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "amb")
    with (folder / "accounts.csv").open("rb") as src, gzip.open(folder / "accounts.csv.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert any("given more than once" in p for p in _problems(folder))


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["proxies"].loc[0, "ip"] = "nope"
    tables["accounts"].loc[1, "created_at"] = "never"
    tables["payment_methods"].loc[2, "account_id"] = "ghost"
    assert len(_problems(write_tables(tables, tmp_path / "many"))) == 3


def test_validate_cli_exit_code_and_report(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "proxies", _set("ip", 0, "1.2.3"))
    result = CliRunner().invoke(app, ["validate", str(folder)])
    assert result.exit_code == 3
    assert "proxies.csv, row 1, column 'ip'" in result.output
    ok = CliRunner().invoke(app, ["validate", str(write_tables(tiny_tables(), tmp_path / "ok"))])
    assert ok.exit_code == 0, ok.output


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4111111111111111", True),
        ("4111-1111-1111-1111", True),
        ("4111111111111112", False),
        ("411111111111", False),
        ("pm_4111111111111111", False),
        ("5500000000000004", True),
    ],
)
def test_luhn(value: str, expected: bool) -> None:
    assert looks_like_card_number(value) is expected
