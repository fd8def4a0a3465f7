"""Ingest, contract v2 and hard inputs: corrupt files, card numbers anywhere, status, SimHash, batched requests."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from typer.testing import CliRunner
from worlds import tiny_tables, write_tables

from linkgraph import InputError, load_tables
from linkgraph.cli.main import app
from linkgraph.ingest import cards, columns
from linkgraph.ingest.contract import looks_like_card_number, redact
from linkgraph.ingest.requests import read_requests
from linkgraph.ingest.validate import Problems

CARD = "4111111111111111"


def _problems(folder: Path, **kwargs: object) -> list[str]:
    with pytest.raises(InputError) as info:
        load_tables(folder, **kwargs)  # type: ignore[arg-type]
    text = [str(p) for p in info.value.problems]
    assert not any(CARD in p or "4111 1111" in p for p in text), text
    return text


def _requests(n: int = 30) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": [f"a{i % 12:02d}" for i in range(n)],
            "timestamp": [f"2026-01-{1 + i % 28:02d}T00:00:00Z" for i in range(n)],
            "model": ["m1", "m2", "m3"] * (n // 3),
            "prompt_fingerprint": [f"fp{i % 5}" for i in range(n)],
            "prompt_simhash": ["0F3A9C2BE47D1806", "", "ffffffffffffffff"] * (n // 3),
        }
    )


@pytest.mark.parametrize("damage", ["truncate", "garble", "not_gzip"])
def test_broken_gzip_is_refused_with_the_file_named(tmp_path: Path, damage: str) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "gz", "csv.gz")
    path = folder / "proxies.csv.gz"
    big = tiny_tables()["proxies"].sample(20000, replace=True, random_state=1).to_csv(index=False).encode()
    raw = gzip.compress(big)
    broken = {
        "truncate": raw[: len(raw) // 2],
        "garble": raw[:40] + bytes(64) + raw[104:],
        "not_gzip": big,
    }[damage]
    path.write_bytes(broken)
    problems = _problems(folder)
    assert any(p.startswith("proxies.csv.gz:") and "gzip" in p for p in problems), problems


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_truncated_parquet_is_refused(tmp_path: Path, keep: float) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "pq", "parquet")
    path = folder / "proxies.parquet"
    raw = path.read_bytes()
    path.write_bytes(raw[: int(len(raw) * keep)])
    assert any(p.startswith("proxies.parquet: not a readable Parquet file") for p in _problems(folder))


def test_corrupt_csv_quoting_is_refused(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "q")
    with (folder / "proxies.csv").open("a") as fh:
        fh.write(f'a01,"10.0.0.9,{CARD}\n')
    assert any(p.startswith("proxies.csv") for p in _problems(folder))


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("accounts", "status", CARD),
        ("accounts", "card_number", "4111 1111 1111 1111"),
        ("prompt_fingerprints", "fingerprint", CARD),
        ("proxies", "note", f" {CARD} "),
        ("payment_methods", "first_seen", "5500-0000-0000-0004"),
    ],
)
def test_card_number_refused_in_any_column(tmp_path: Path, table: str, column: str, value: str) -> None:
    tables = tiny_tables()
    frame = tables[table]
    frame[column] = frame[column].astype(object) if column in frame else "x"
    frame.loc[frame.index[2], column] = value
    for fmt in ("csv", "parquet"):
        problems = _problems(write_tables(tables, tmp_path / fmt, fmt))
        assert any(f"row 3, column '{column}': looks like a raw card number" in p for p in problems), problems


def test_card_number_in_a_numeric_parquet_column(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["accounts"]["card"] = np.arange(12, dtype=np.int64)
    tables["accounts"].loc[5, "card"] = int(CARD)
    tables["proxies"]["amount"] = np.linspace(1, 2, 8)
    tables["proxies"].loc[1, "amount"] = float(CARD)
    problems = _problems(write_tables(tables, tmp_path / "n", "parquet"))
    assert any("accounts.parquet, row 6, column 'card': looks like a raw card number" in p for p in problems)
    assert any("proxies.parquet, row 2, column 'amount': looks like a raw card number" in p for p in problems)


def test_header_of_card_numbers_is_not_echoed(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "h")
    (folder / "payment_methods.csv").write_text(f"a00,{CARD}\na01,pm_x\n")
    problems = _problems(folder)
    assert any("payment_methods.csv, column 'account_id': required column is missing" in p for p in problems)


def test_vectorised_card_check_matches_the_contract() -> None:
    rng = np.random.default_rng(3)
    values = [CARD, "4111-1111-1111-1111", " 5500 0000 0000 0004 ", "4111111111111112", "pm_" + CARD, "٤١١١" * 4]
    values += ["".join(rng.choice(list("0123456789 -"), rng.integers(10, 25))) for _ in range(3000)]
    arr = pa.array(values)
    expected = np.array([looks_like_card_number(v) for v in values])
    assert expected.sum() > 10
    np.testing.assert_array_equal(cards.card_mask(arr), expected)
    np.testing.assert_array_equal(cards.card_mask(arr.dictionary_encode()), expected)
    assert redact(f"a {CARD} b") == "a [redacted] b"


def test_status_is_read_lower_case_with_active_by_default(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["accounts"]["status"] = ["Active", "BANNED", "suspended", "", None] + ["active"] * 7
    data = load_tables(write_tables(tables, tmp_path / "s"))
    assert list(data.accounts["status"].astype(str)[:5]) == ["active", "banned", "suspended", "active", "active"]
    tables["accounts"] = tables["accounts"].drop(columns=["status"])
    assert set(load_tables(write_tables(tables, tmp_path / "n")).accounts["status"].astype(str)) == {"active"}
    tables["accounts"]["status"] = ["active"] * 11 + ["deleted"]
    problems = _problems(write_tables(tables, tmp_path / "bad"))
    assert any("accounts.csv, row 12, column 'status': not a valid status" in p for p in problems), problems


def test_simhash_column(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["prompt_fingerprints"]["simhash"] = ["0F3A9C2BE47D1806", "", None, "ffffffffffffffff", "0000000000000001"]
    data = load_tables(write_tables(tables, tmp_path / "ok"))
    sim = data.simhashes
    assert sim is not None and list(sim.columns) == ["acct", "art", "simhash", "first_seen", "last_seen", "count"]
    assert sim["simhash"].dtype == np.uint64 and list(sim["acct"]) == [0, 3, 10]
    fingerprint = data.artifacts["artifact"].to_numpy()[sim["art"].to_numpy()]  # each row's own fingerprint
    assert list(fingerprint) == list(tables["prompt_fingerprints"]["fingerprint"].iloc[[0, 3, 4]])
    assert list(sim["simhash"]) == [0x0F3A9C2BE47D1806, 2**64 - 1, 1]
    assert load_tables(write_tables(tiny_tables(), tmp_path / "none")).simhashes is None
    tables["prompt_fingerprints"]["simhash"] = ["0F3A9C2BE47D1806", "xyz", "", "0f3a9c2be47d18060", "g" * 16]
    problems = _problems(write_tables(tables, tmp_path / "bad"))
    assert any("prompt_fingerprints.csv, rows 2, 4, 5, column 'simhash': not a SimHash" in p for p in problems)


@pytest.mark.parametrize("fmt", ["csv", "csv.gz", "parquet"])
def test_requests_are_compact_and_streamed(tmp_path: Path, fmt: str) -> None:
    tables = {**tiny_tables(), "requests": _requests()}
    folder = write_tables(tables, tmp_path / fmt, fmt)
    data = load_tables(folder, request_columns=("account_id", "timestamp", "model", "prompt_simhash"))
    req = data.requests
    assert req is not None and list(req.columns) == ["acct", "timestamp", "model", "prompt_simhash", "has_simhash"]
    assert str(req["timestamp"].dtype) == "datetime64[ns, UTC]" and req["model"].dtype == "category"
    assert list(req["acct"][:13]) == [*range(12), 0] and req["has_simhash"].sum() == 20
    assert req["prompt_simhash"][0] == 0x0F3A9C2BE47D1806
    path = next(folder.glob("requests.*"))
    small, spans = read_requests([path], None, pa.array([f"a{i:02d}" for i in range(12)]), Problems(), batch_rows=7)
    assert small is not None and spans == [(path, 30)]
    pd.testing.assert_series_equal(small["prompt_fingerprint"].astype(str), tables["requests"]["prompt_fingerprint"])


def test_request_problems_name_rows_across_batches(tmp_path: Path) -> None:
    req = _requests(300)
    req.loc[[5, 150, 299], "account_id"] = "ghost"
    req.loc[[10, 200], "timestamp"] = "soon"
    req.loc[250, "model"] = CARD
    path = write_tables({"requests": req}, tmp_path)
    problems = Problems()
    frame, _ = read_requests(
        [path / "requests.csv"], None, pa.array([f"a{i:02d}" for i in range(12)]), problems, batch_rows=64
    )
    text = [str(p) for p in problems.list()]
    assert frame is None
    assert "requests.csv, rows 6, 151, 300, column 'account_id': account_id is not in accounts" in text
    assert any(t.startswith("requests.csv, rows 11, 201, column 'timestamp': not an ISO 8601") for t in text)
    assert any(t.startswith("requests.csv, row 251, column 'model': looks like a raw card") for t in text)


def test_request_parts_and_bad_request_file(tmp_path: Path) -> None:
    folder = write_tables({**tiny_tables(), "requests": _requests()}, tmp_path / "p", "parquet")
    _requests().to_csv(folder / "requests.part-0001.csv", index=False)
    data = load_tables(folder)
    assert data.requests is not None and len(data.requests) == 60 and data.row_counts()["requests"] == 60
    (folder / "requests.part-0002.csv.gz").write_bytes(b"\x1f\x8b\x08garbage")
    assert any(p.startswith("requests.part-0002.csv.gz: is not a readable gzip") for p in _problems(folder))


def test_duplicate_column_and_odd_parquet_types(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "d")
    (folder / "payment_methods.csv").write_text("account_id,payment_method_id,account_id\na00,pm,a00\n")
    assert any("column 'account_id': column is given more than once" in p for p in _problems(folder))
    tables = tiny_tables()
    tables["proxies"]["asn"] = [[1], [2], [], None, [5], [6], [7], [8]]
    tables["accounts"]["created_at"] = [True] * 12
    problems = _problems(write_tables(tables, tmp_path / "t", "parquet"))
    assert any("column 'asn': not a non-negative integer" in p for p in problems), problems
    assert any("column 'created_at': not an ISO 8601" in p for p in problems), problems


def test_detect_refuses_a_corrupt_gzip_with_exit_3_and_writes_nothing(tmp_path: Path) -> None:
    folder = write_tables(tiny_tables(), tmp_path / "w", "csv.gz")
    raw = (folder / "proxies.csv.gz").read_bytes()
    (folder / "proxies.csv.gz").write_bytes(raw[: len(raw) - 12])
    runs = tmp_path / "runs"
    result = CliRunner().invoke(app, ["detect", str(folder), "--runs", str(runs)])
    assert result.exit_code == 3, result.output
    assert "proxies.csv.gz" in result.output and "Traceback" not in result.output
    assert not runs.exists() or not any(p for p in runs.iterdir() if not p.name.startswith("."))


def test_fast_ipv6_canonical_form_matches_ipaddress() -> None:
    import ipaddress

    rng = np.random.default_rng(7)
    values = ["2001:DB8::1", "::ffff:1.2.3.4", "::1.2.3.4", "fe80::1%eth0", "1:0:0:1:0:0:0:1", "0:0:1:0:0:1:0:0"]
    for _ in range(2000):
        groups = [f"{g:x}" if rng.random() < 0.7 else "0" for g in rng.integers(0, 65536, 8)]
        values.append(":".join(groups).upper() if rng.random() < 0.3 else ":".join(groups))
    for v in values:
        assert columns._canonical_ip(v) == ipaddress.ip_address(v).compressed, v
    assert columns._canonical_ip("1::2::3") is None


def test_parquet_row_groups_are_gathered_into_batches(tmp_path: Path) -> None:
    from linkgraph.ingest.readers import iter_batches

    req = _requests(60)
    req.loc[47, "account_id"] = "ghost"
    req.to_parquet(tmp_path / "requests.parquet", index=False, row_group_size=5)
    sizes = [t.num_rows for t in iter_batches(tmp_path / "requests.parquet", None, 12)]
    assert sizes == [12] * 5
    problems = Problems()
    read_requests([tmp_path / "requests.parquet"], None, pa.array([f"a{i:02d}" for i in range(12)]), problems, 12)
    assert [str(p) for p in problems.list()] == [
        "requests.parquet, row 48, column 'account_id': account_id is not in accounts"
    ]
