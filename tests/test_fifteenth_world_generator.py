"""The fifteenth independent world's generator (``bench/fifteenth_world.py``) on its own, without the detector:
a seed gives byte-identical files, another seed another world, exactly N accounts, the tables follow the data
contract (version 2), ``truth.csv`` covers every account once with every group present, the link tables are exact
aggregates of the request log, and no column holds a card-number look-alike."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "fifteenth_world.py"
N = 6000
TABLES = {
    "accounts": ["account_id", "created_at", "email_domain", "country", "status"],
    "payment_methods": ["account_id", "payment_method_id", "first_seen", "last_seen"],
    "proxies": ["account_id", "ip", "asn", "first_seen", "last_seen", "request_count"],
    "prompt_fingerprints": ["account_id", "fingerprint", "simhash", "first_seen", "last_seen", "request_count"],
    "requests": ["account_id", "timestamp", "ip", "model", "prompt_fingerprint", "prompt_simhash"],
}
GROUPS = {
    "op_agedmarket",
    "op_vpshop",
    "op_classroom",
    "op_duos",
    "trap_school_district",
    "trap_loc_studio",
    "trap_travel_chain",
    "trap_freelance_coop",
    "trap_dunning_recreate",
    "trap_consultant_multi",
    "organic",
}
FILES = [*(f"{t}.parquet" for t in TABLES), "truth.csv"]


def generate(out: Path, seed: int) -> Path:
    subprocess.run(
        [sys.executable, str(GENERATOR), str(out), "--accounts", str(N), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("fifteenth")
    return generate(base / "a", 3), generate(base / "b", 3), generate(base / "c", 4)


@pytest.fixture(scope="module")
def tables(worlds: tuple[Path, Path, Path]) -> dict[str, pd.DataFrame]:
    out = {t: pd.read_parquet(worlds[0] / f"{t}.parquet") for t in TABLES}
    out["truth"] = pd.read_csv(worlds[0] / "truth.csv")
    return out


def test_same_seed_same_bytes_other_seed_other_world(worlds: tuple[Path, Path, Path]) -> None:
    a, b, c = worlds
    for f in FILES:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f
    assert (a / "requests.parquet").read_bytes() != (c / "requests.parquet").read_bytes()
    assert (a / "truth.csv").read_bytes() != (c / "truth.csv").read_bytes()


def test_contract_columns_and_types(worlds: tuple[Path, Path, Path]) -> None:
    for t, cols in TABLES.items():
        schema = pq.read_schema(worlds[0] / f"{t}.parquet")
        assert schema.names == cols, t
        for name in cols:
            typ = str(schema.field(name).type)
            if name in ("created_at", "first_seen", "last_seen", "timestamp"):
                assert typ.startswith("timestamp") and "UTC" in typ, (t, name, typ)
            elif name in ("asn", "request_count"):
                assert typ == "int64", (t, name, typ)
            else:
                assert typ == "string", (t, name, typ)


def test_exact_accounts_and_truth(tables: dict[str, pd.DataFrame]) -> None:
    acc, truth = tables["accounts"], tables["truth"]
    assert len(acc) == N and acc["account_id"].is_unique
    assert list(truth.columns) == ["account_id", "group", "kind", "status", "replacement", "segment"]
    assert len(truth) == N and truth["account_id"].is_unique
    assert set(truth["account_id"]) == set(acc["account_id"])
    assert set(truth["group"]) == GROUPS
    for g, k in zip(truth["group"], truth["kind"], strict=True):
        assert k == ("fraud" if g.startswith("op_") else "benign_group" if g.startswith("trap_") else "organic"), g
    assert set(acc["status"]) <= {"active", "banned", "suspended"}
    merged = acc.merge(truth, on="account_id", suffixes=("", "_t"))
    assert (merged["status"] == merged["status_t"]).all()
    assert set(truth["replacement"]) <= {0, 1}
    assert (truth.loc[truth["kind"] != "fraud", "replacement"] == 0).all()
    for g in GROUPS - {"organic"}:
        assert (truth.loc[truth["group"] == g, "segment"] == g).all()
    for op in (g for g in GROUPS if g.startswith("op_")):
        sub = truth[truth["group"] == op]
        assert (sub["status"] != "active").any() and (sub["replacement"] == 1).any(), op
    org = truth[truth["kind"] == "organic"]
    assert 0.002 < (org["status"] != "active").mean() < 0.01
    assert org["segment"].str.startswith("organic_").all()


def test_links_name_known_accounts_and_aggregates_match(tables: dict[str, pd.DataFrame]) -> None:
    ids = set(tables["accounts"]["account_id"])
    for t in TABLES:
        assert set(tables[t]["account_id"]) <= ids, t
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
    assert rq.groupby("prompt_fingerprint")["prompt_simhash"].nunique().max() == 1
    sh = dict(zip(rq["prompt_fingerprint"], rq["prompt_simhash"], strict=False))
    fps = tables["prompt_fingerprints"]
    assert (fps["fingerprint"].map(sh) == fps["simhash"]).all()
    assert fps["simhash"].str.fullmatch(r"[0-9a-f]{16}").all()
    assert tables["proxies"].groupby("ip")["asn"].nunique().max() == 1
    assert tables["proxies"]["ip"].str.fullmatch(r"\d{1,3}(\.\d{1,3}){3}").all()
    pm = tables["payment_methods"]
    assert (pm["first_seen"] <= pm["last_seen"]).all()
    acc = tables["accounts"].set_index("account_id")
    assert (rq["timestamp"] >= rq["account_id"].map(acc["created_at"])).all()
    assert rq["timestamp"].min() >= pd.Timestamp("2027-01-11", tz="UTC")
    assert rq["timestamp"].max() < pd.Timestamp("2027-02-22", tz="UTC")
    assert set(rq["model"]) == {"lyra-2", "lyra-2-mini", "lyra-2-code", "lyra-3"}
    assert rq.loc[rq["model"] == "lyra-3", "timestamp"].min() >= pd.Timestamp("2027-01-31T17:00", tz="UTC")


def test_no_card_number_lookalikes(worlds: tuple[Path, Path, Path]) -> None:
    run = re.compile(r"\d{13,}")
    for f in FILES:
        p = worlds[0] / f
        df = pd.read_csv(p) if f.endswith(".csv") else pd.read_parquet(p)
        for col in df.columns:
            s = df[col]
            if s.dtype == object or pd.api.types.is_string_dtype(s):
                assert not s.astype(str).str.contains(run).any(), (f, col)
            elif pd.api.types.is_integer_dtype(s):
                assert s.abs().max() < 10**12, (f, col)
