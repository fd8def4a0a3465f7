"""The thirteenth independent world's generator (``bench/thirteenth_world.py``) on its own, without the detector:
a seed gives byte-identical files, the tables follow the data contract, ``truth.csv`` has its columns, and the
world has exactly N accounts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "thirteenth_world.py"
N = 5000
TABLES = {
    "accounts": ["account_id", "created_at", "email_domain", "country", "status"],
    "payment_methods": ["account_id", "payment_method_id", "first_seen", "last_seen"],
    "proxies": ["account_id", "ip", "asn", "first_seen", "last_seen", "request_count"],
    "prompt_fingerprints": ["account_id", "fingerprint", "simhash", "first_seen", "last_seen", "request_count"],
    "requests": ["account_id", "timestamp", "ip", "model", "prompt_fingerprint", "prompt_simhash"],
}


def generate(out: Path, seed: int) -> Path:
    subprocess.run(
        [sys.executable, str(GENERATOR), str(out), "--accounts", str(N), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("thirteenth")
    return generate(base / "a", 3), generate(base / "b", 3), generate(base / "c", 4)


def test_same_seed_same_bytes_other_seed_other_world(worlds: tuple[Path, Path, Path]) -> None:
    a, b, c = worlds
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert names == sorted([f"{t}.parquet" for t in TABLES] + ["truth.csv"])
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "requests.parquet").read_bytes() != (c / "requests.parquet").read_bytes()


def test_contract_columns_and_values(worlds: tuple[Path, Path, Path]) -> None:
    world = worlds[0]
    tables = {name: pd.read_parquet(world / f"{name}.parquet") for name in TABLES}
    for name, columns in TABLES.items():
        assert list(tables[name].columns) == columns, name
    accounts = tables["accounts"]
    assert accounts["account_id"].is_unique
    assert set(accounts["status"]) <= {"active", "banned", "suspended"}
    known = set(accounts["account_id"])
    for name in ("payment_methods", "proxies", "prompt_fingerprints", "requests"):
        assert set(tables[name]["account_id"]) <= known, name
    for name, column in (("prompt_fingerprints", "simhash"), ("requests", "prompt_simhash")):
        assert tables[name][column].str.fullmatch(r"[0-9a-f]{16}").all(), name
    for name, frame in tables.items():
        for column in frame.columns:
            text = frame[column].astype(str)
            assert not text.str.contains(r"\d{13}").any(), (name, column)
    for column in ("created_at",):
        assert str(accounts[column].dt.tz) == "UTC"
    assert str(tables["requests"]["timestamp"].dt.tz) == "UTC"


def test_truth_columns_and_exactly_n_accounts(worlds: tuple[Path, Path, Path]) -> None:
    world = worlds[0]
    truth = pd.read_csv(world / "truth.csv")
    accounts = pd.read_parquet(world / "accounts.parquet")
    assert list(truth.columns[:5]) == ["account_id", "group", "kind", "status", "replacement"]
    assert len(accounts) == N and len(truth) == N
    assert set(truth["account_id"]) == set(accounts["account_id"])
    assert set(truth["kind"]) == {"fraud", "benign_group", "organic"}
    assert set(truth["replacement"]) <= {0, 1}
    fraud = truth[truth["kind"] == "fraud"]
    assert set(fraud["group"]) == {"op_shellco", "op_orchard", "op_leakedkeys", "op_mule"}
    assert truth.loc[truth["kind"] == "benign_group", "group"].str.startswith("trap_").all()
    assert (truth.loc[truth["kind"] == "organic", "group"] == "organic").all()
    assert 0.02 < len(fraud) / N < 0.06
    merged = truth.merge(accounts, on="account_id", suffixes=("", "_table"))
    assert (merged["status"] == merged["status_table"]).all()
