"""Checks shared by the tests of the world generators in ``bench/`` (import as ``world_generator_checks``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
TABLES = {
    "accounts": ["account_id", "created_at", "email_domain", "country", "status"],
    "payment_methods": ["account_id", "payment_method_id", "first_seen", "last_seen"],
    "proxies": ["account_id", "ip", "asn", "first_seen", "last_seen", "request_count"],
    "prompt_fingerprints": ["account_id", "fingerprint", "simhash", "first_seen", "last_seen", "request_count"],
    "requests": ["account_id", "timestamp", "ip", "model", "prompt_fingerprint", "prompt_simhash"],
}
FILES = [*(f"{t}.parquet" for t in TABLES), "truth.csv"]
TRUTH_COLUMNS = ["account_id", "group", "kind", "status", "replacement", "segment"]
TIME_COLUMNS = ("created_at", "first_seen", "last_seen", "timestamp")
INT_COLUMNS = ("asn", "request_count")


def generate(generator: str, out: Path, accounts: int, seed: int) -> Path:
    """``out``, where ``bench/<generator>`` wrote a world of ``accounts`` accounts from ``seed``."""
    command = [sys.executable, str(BENCH / generator), str(out), "--accounts", str(accounts), "--seed", str(seed)]
    subprocess.run(command, check=True, capture_output=True)
    return out


def read_tables(world: Path) -> dict[str, pd.DataFrame]:
    """The five Parquet tables of ``world`` by name, plus ``truth``."""
    out = {t: pd.read_parquet(world / f"{t}.parquet") for t in TABLES}
    out["truth"] = pd.read_csv(world / "truth.csv")
    return out


def check_reproducible(a: Path, b: Path, c: Path, differing: tuple[str, ...] = ("requests.parquet",)) -> None:
    """``a`` and ``b`` (same seed) hold exactly ``FILES``, byte for byte alike; ``c`` (other seed) differs."""
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert names == sorted(FILES)
    for f in FILES:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f
    assert any((a / f).read_bytes() != (c / f).read_bytes() for f in FILES)
    for f in differing:
        assert (a / f).read_bytes() != (c / f).read_bytes(), f


def check_contract_types(world: Path) -> None:
    """Each table has the contract's columns, in order: UTC timestamps, int64 counts, strings elsewhere."""
    for t, cols in TABLES.items():
        schema = pq.read_schema(world / f"{t}.parquet")
        assert schema.names == cols, t
        for name in cols:
            typ = str(schema.field(name).type)
            if name in TIME_COLUMNS:
                assert typ.startswith("timestamp") and "UTC" in typ, (t, name, typ)
            elif name in INT_COLUMNS:
                assert typ == "int64", (t, name, typ)
            else:
                assert typ == "string", (t, name, typ)


def check_contract_values(tables: dict[str, pd.DataFrame]) -> None:
    """Unique accounts with a known status, links that name them, 16-hex simhashes, UTC clocks."""
    accounts = tables["accounts"]
    assert accounts["account_id"].is_unique
    assert set(accounts["status"]) <= {"active", "banned", "suspended"}
    known = set(accounts["account_id"])
    for t in TABLES:
        assert set(tables[t]["account_id"]) <= known, t
    for t, column in (("prompt_fingerprints", "simhash"), ("requests", "prompt_simhash")):
        assert tables[t][column].str.fullmatch(r"[0-9a-f]{16}").all(), t
    assert str(accounts["created_at"].dt.tz) == "UTC"
    assert str(tables["requests"]["timestamp"].dt.tz) == "UTC"


def check_truth(tables: dict[str, pd.DataFrame], n: int, groups: set[str]) -> None:
    """``truth.csv`` has its columns, covers exactly the ``n`` accounts once and every one of ``groups``; kinds
    follow group prefixes."""
    acc, truth = tables["accounts"], tables["truth"]
    assert list(truth.columns) == TRUTH_COLUMNS
    assert len(acc) == n and acc["account_id"].is_unique
    assert len(truth) == n and truth["account_id"].is_unique
    assert set(truth["account_id"]) == set(acc["account_id"])
    assert set(truth["group"]) == groups
    assert set(truth["kind"]) == {"fraud", "benign_group", "organic"}
    for g, k in zip(truth["group"], truth["kind"], strict=True):
        assert k == ("fraud" if g.startswith("op_") else "benign_group" if g.startswith("trap_") else "organic"), g
    assert truth.loc[truth["kind"] == "benign_group", "group"].str.startswith("trap_").all()
    assert (truth.loc[truth["kind"] == "organic", "group"] == "organic").all()
    assert set(truth["replacement"]) <= {0, 1}
    merged = acc.merge(truth, on="account_id", suffixes=("", "_t"))
    assert (merged["status"] == merged["status_t"]).all()


def check_links_aggregate_requests(tables: dict[str, pd.DataFrame]) -> None:
    """``proxies`` and ``prompt_fingerprints`` are exact aggregates of ``requests``; simhash and asn consistent."""
    rq = tables["requests"]
    agg = {
        "first_seen": ("timestamp", "min"),
        "last_seen": ("timestamp", "max"),
        "request_count": ("timestamp", "size"),
    }
    px = rq.groupby(["account_id", "ip"]).agg(**agg).reset_index()
    got = tables["proxies"].drop(columns="asn").sort_values(["account_id", "ip"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, px.sort_values(["account_id", "ip"]).reset_index(drop=True), check_dtype=False)
    pf = rq.groupby(["account_id", "prompt_fingerprint"]).agg(**agg).reset_index()
    got = tables["prompt_fingerprints"].drop(columns="simhash").rename(columns={"fingerprint": "prompt_fingerprint"})
    got = got.sort_values(["account_id", "prompt_fingerprint"]).reset_index(drop=True)
    want = pf.sort_values(["account_id", "prompt_fingerprint"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    # one simhash per fingerprint, the same in both tables; one asn per ip
    assert rq.groupby("prompt_fingerprint")["prompt_simhash"].nunique().max() == 1
    sh = dict(zip(rq["prompt_fingerprint"], rq["prompt_simhash"], strict=False))
    fps = tables["prompt_fingerprints"]
    assert (fps["fingerprint"].map(sh) == fps["simhash"]).all()
    assert fps["simhash"].str.fullmatch(r"[0-9a-f]{16}").all()
    assert tables["proxies"].groupby("ip")["asn"].nunique().max() == 1
    # requests come after the account's creation
    created = rq["account_id"].map(tables["accounts"].set_index("account_id")["created_at"])
    assert (rq["timestamp"] >= created).all()


def check_clock(requests: pd.DataFrame, start: str, end: str, models: set[str], newest: str, newest_from: str) -> None:
    """Requests fall in [start, end) (UTC) and use exactly ``models``; ``newest`` not before ``newest_from``."""
    assert requests["timestamp"].min() >= pd.Timestamp(start, tz="UTC")
    assert requests["timestamp"].max() < pd.Timestamp(end, tz="UTC")
    assert set(requests["model"]) == models
    assert requests.loc[requests["model"] == newest, "timestamp"].min() >= pd.Timestamp(newest_from, tz="UTC")


def check_no_card_number_lookalikes(world: Path) -> None:
    """No column of any file holds a run of 13+ digits; no integer column reaches 10**12."""
    run = re.compile(r"\d{13,}")
    for f in FILES:
        p = world / f
        df = pd.read_csv(p) if f.endswith(".csv") else pd.read_parquet(p)
        for col in df.columns:
            s = df[col]
            assert not s.astype(str).str.contains(run).any(), (f, col)
            if pd.api.types.is_integer_dtype(s):
                assert s.abs().max() < 10**12, (f, col)


class GeneratorContract:
    """Base of a generator's ``Test*`` class: set ``generator``, ``accounts``, ``seeds``, ``ops``, ``traps``; the
    shared checks run as its tests."""

    generator: str
    accounts: int
    seeds: tuple[int, int]
    ops: frozenset[str]
    traps: frozenset[str]
    differing: tuple[str, ...] = ("requests.parquet",)
    only_fraud_replaced: bool = True

    @pytest.fixture(scope="class")
    @classmethod
    def worlds(cls, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
        """Worlds a and b from the first seed, c from the second."""
        base = tmp_path_factory.mktemp(Path(cls.generator).stem)
        seed, other = cls.seeds
        return (
            generate(cls.generator, base / "a", cls.accounts, seed),
            generate(cls.generator, base / "b", cls.accounts, seed),
            generate(cls.generator, base / "c", cls.accounts, other),
        )

    @pytest.fixture(scope="class")
    @classmethod
    def tables(cls, worlds: tuple[Path, Path, Path]) -> dict[str, pd.DataFrame]:
        return read_tables(worlds[0])

    def test_same_seed_same_bytes_other_seed_other_world(self, worlds: tuple[Path, Path, Path]) -> None:
        check_reproducible(*worlds, differing=self.differing)

    def test_contract_columns_types_and_values(
        self, worlds: tuple[Path, Path, Path], tables: dict[str, pd.DataFrame]
    ) -> None:
        check_contract_types(worlds[0])
        check_contract_values(tables)

    def test_truth_covers_exactly_the_accounts(self, tables: dict[str, pd.DataFrame]) -> None:
        check_truth(tables, self.accounts, self.ops | self.traps | {"organic"})

    def test_links_aggregate_requests(self, tables: dict[str, pd.DataFrame]) -> None:
        check_links_aggregate_requests(tables)

    def test_no_card_number_lookalikes(self, worlds: tuple[Path, Path, Path]) -> None:
        check_no_card_number_lookalikes(worlds[0])

    def test_fraud_groups_share_and_replacements(self, tables: dict[str, pd.DataFrame]) -> None:
        """Every operation is there, fraud is 2-6% of all accounts, and fraud accounts replace banned ones
        (only fraud accounts, unless ``only_fraud_replaced`` is False: a trap may replace accounts too)."""
        truth = tables["truth"]
        fraud = truth[truth["kind"] == "fraud"]
        assert set(fraud["group"]) == self.ops
        assert 0.02 < len(fraud) / self.accounts < 0.06
        replaced = truth[truth["replacement"] == 1]
        assert (replaced["kind"] == "fraud").any()
        assert (replaced["kind"] == "fraud").all() or not self.only_fraud_replaced
