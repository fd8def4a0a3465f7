"""The synthetic world generator: contract shape, ground truth, traps and determinism."""

from __future__ import annotations

import hashlib
import ipaddress
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from linkgraph.synth import generate_world
from linkgraph.synth._world import plan_sizes

N = 3000
SEED = 7
COLUMNS = {
    "accounts": ["account_id", "created_at", "email_domain", "country", "status"],
    "payment_methods": ["account_id", "payment_method_id", "first_seen", "last_seen"],
    "proxies": ["account_id", "ip", "asn", "first_seen", "last_seen", "request_count"],
    "prompt_fingerprints": ["account_id", "fingerprint", "first_seen", "last_seen", "request_count"],
    "requests": ["account_id", "timestamp", "ip", "model", "prompt_fingerprint"],
}
LINKS = {"payment_methods": "payment_method_id", "proxies": "ip", "prompt_fingerprints": "fingerprint"}
ISO = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _read(folder: Path, name: str, fmt: str = "parquet") -> pd.DataFrame:
    ext = {"parquet": ".parquet", "csv": ".csv", "csv.gz": ".csv.gz"}[fmt]
    path = folder / f"{name}{ext}"
    return pd.read_parquet(path) if fmt == "parquet" else pd.read_csv(path)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict[str, pd.DataFrame]]:
    folder = tmp_path_factory.mktemp("world")
    summary = generate_world(folder, n_accounts=N, seed=SEED)
    tables = {name: _read(folder, name) for name in COLUMNS}
    tables["truth"] = pd.read_csv(folder / "truth.csv")
    return folder, summary, tables


def _group_of(tables: dict[str, pd.DataFrame]) -> pd.Series:
    return tables["truth"].set_index("account_id")["group"]


def test_files_and_columns_follow_the_contract(world: tuple) -> None:
    folder, summary, tables = world
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{t}.parquet" for t in COLUMNS] + ["truth.csv"])
    for name, cols in COLUMNS.items():
        assert list(tables[name].columns) == cols, name
        assert summary["rows"][name] == len(tables[name])
    assert list(tables["truth"].columns) == ["account_id", "group", "kind"]
    assert len(tables["accounts"]) == N
    assert pd.api.types.is_integer_dtype(tables["proxies"]["asn"])
    assert pd.api.types.is_integer_dtype(tables["proxies"]["request_count"])


def test_link_rows_are_valid(world: tuple) -> None:
    _, _, tables = world
    acc = tables["accounts"]
    assert acc.account_id.is_unique
    assert acc.account_id.str.fullmatch(r"acct_\d{7}").all()
    created = acc.set_index("account_id").created_at
    for name, col in LINKS.items():
        t = tables[name]
        assert t.account_id.isin(acc.account_id).all(), name
        assert not t.duplicated(["account_id", col]).any(), name
        for ts in ("first_seen", "last_seen"):
            assert t[ts].str.fullmatch(ISO).all(), name
        assert (t.first_seen <= t.last_seen).all(), name
        assert (t.first_seen >= t.account_id.map(created)).all(), name
    assert acc.created_at.str.fullmatch(ISO).all()
    assert acc.created_at.between("2024-01-01", "2026-11-01").all()
    assert (tables["requests"].timestamp >= tables["requests"].account_id.map(created)).all()
    # Every account can be seen on at least one IP and one fingerprint.
    assert set(tables["proxies"].account_id) == set(acc.account_id)
    assert set(tables["prompt_fingerprints"].account_id) == set(acc.account_id)


def test_tokens_are_opaque(world: tuple) -> None:
    _, _, tables = world
    pm = tables["payment_methods"].payment_method_id
    assert not pm.str.fullmatch(r"\d{13,19}").any()
    assert pm.str.fullmatch(r"pm_[0-9a-f]{24}").all()
    assert tables["prompt_fingerprints"].fingerprint.str.fullmatch(r"fp_[0-9a-f]{16}").all()
    ips = tables["proxies"].ip.drop_duplicates()
    parsed = [ipaddress.ip_address(ip) for ip in ips]
    assert all(p.is_global for p in parsed)
    v6 = np.mean([p.version == 6 for p in parsed])
    assert 0.005 < v6 < 0.08
    # One AS per IP.
    assert tables["proxies"].groupby("ip").asn.nunique().max() == 1


def test_truth_covers_every_account(world: tuple) -> None:
    _, summary, tables = world
    truth = tables["truth"]
    assert truth.account_id.is_unique
    assert set(truth.account_id) == set(tables["accounts"].account_id)
    assert set(truth.kind) == {"fraud", "benign_group", "organic"}
    kinds = truth.groupby("group").kind.agg(set)
    assert {g for g, k in kinds.items() if k == {"fraud"}} == {"op_sync", "op_hydra", "op_bulk"}
    assert kinds["organic"] == {"organic"}
    benign = truth[truth.kind == "benign_group"].group
    assert benign.str.fullmatch(r"company_\d{4}|enterprise_\d|university_0").all()
    assert {"enterprise_0", "enterprise_1", "enterprise_2", "university_0"} <= set(benign)
    assert benign.str.startswith("company_").sum() >= 10
    assert summary["accounts_by_kind"] == truth.kind.value_counts().to_dict()
    # Ids do not reveal groups: fraud accounts are spread over the whole id range.
    fraud_ids = truth[truth.kind == "fraud"].account_id.str[5:].astype(int)
    assert fraud_ids.max() - fraud_ids.min() > N * 0.8


def test_group_sizes(world: tuple) -> None:
    _, summary, tables = world
    counts = tables["truth"].group.value_counts()
    # Small worlds get the minimums.
    assert (counts["op_sync"], counts["op_hydra"], counts["op_bulk"]) == (30, 60, 100)
    assert counts["university_0"] == 60
    assert summary["accounts_by_kind"]["organic"] > 0.75 * N
    # At 1M accounts the shares of the specification hold.
    plan = plan_sizes(1_000_000, np.random.default_rng(0))
    fraud = plan.sync + plan.hydra + plan.bulk
    assert fraud == pytest.approx(24_000, rel=0.01)
    assert plan.sync / fraud == pytest.approx(0.03, abs=0.005)
    assert plan.hydra / fraud == pytest.approx(0.35, abs=0.01)
    assert plan.bulk / fraud == pytest.approx(0.62, abs=0.01)
    assert plan.enterprise_sizes == [300, 1200, 3000]
    assert plan.university == 5000
    assert plan.company_sizes.sum() == pytest.approx(15_000, rel=0.01)
    assert plan.company_sizes.min() >= 5 and plan.company_sizes.max() <= 50


def test_shared_infrastructure(world: tuple) -> None:
    _, _, tables = world
    group = _group_of(tables)
    px = tables["proxies"].assign(group=lambda t: t.account_id.map(group))
    ip_degree = px.groupby("ip").account_id.nunique()
    # Carrier-NAT / VPN exits are shared by hundreds of mostly organic accounts.
    big = ip_degree[ip_degree >= 100].index
    assert len(big) >= 3
    assert (px[px.ip.isin(big)].group == "organic").mean() > 0.7
    # Organic users touch IPs of the hydra cells (the residential proxy pool trap).
    hydra_ips = set(px[px.group == "op_hydra"].ip)
    assert len(hydra_ips & set(px[px.group == "organic"].ip)) > 0

    pm = tables["payment_methods"].assign(group=lambda t: t.account_id.map(group))
    card_degree = pm.groupby("payment_method_id").account_id.nunique()
    hydra = pm[pm.group == "op_hydra"]
    assert (hydra.payment_method_id.map(card_degree) == 1).all()
    bulk = pm[pm.group == "op_bulk"].payment_method_id.drop_duplicates().map(card_degree)
    assert bulk.min() >= 5 and bulk.mean() >= 15
    sync = pm[pm.group == "op_sync"].payment_method_id.drop_duplicates()
    assert 10 <= len(sync) <= 20
    # Organic cards are shared by families only; company teams share theirs.
    assert pm[pm.group == "organic"].payment_method_id.map(card_degree).max() <= 4
    company = pm[pm.group.str.startswith("company_")]
    assert (company.groupby("group").payment_method_id.nunique() <= 2).all()

    fp = tables["prompt_fingerprints"].assign(group=lambda t: t.account_id.map(group))
    organic_fp = fp[fp.group == "organic"].groupby("fingerprint").account_id.nunique()
    assert organic_fp.max() > 50  # popular generic templates
    assert organic_fp[organic_fp >= 2].min() <= 10  # rare-looking generic ones
    sync_fp = fp[fp.group == "op_sync"]
    assert 5 <= sync_fp.fingerprint.nunique() <= 10
    assert sync_fp.groupby("account_id").size().between(3, 5).all()


def test_creation_patterns(world: tuple) -> None:
    _, _, tables = world
    acc = tables["accounts"].merge(tables["truth"], on="account_id")
    created = pd.to_datetime(acc.created_at, utc=True)
    sync = np.sort(created[acc.group == "op_sync"].to_numpy())
    bursts = np.split(sync, np.flatnonzero(np.diff(sync) > np.timedelta64(1, "D")) + 1)
    assert 2 <= len(bursts) <= 3
    assert all(burst[-1] - burst[0] <= np.timedelta64(5, "h") for burst in bursts)
    bulk = created[acc.group == "op_bulk"]
    assert (bulk.max() - bulk.min()).days <= 92


def test_requests_are_consistent(world: tuple) -> None:
    _, _, tables = world
    rq = tables["requests"]
    assert len(rq) == pytest.approx(2.0 * N, rel=0.1)
    assert rq.timestamp.str.fullmatch(ISO).all()
    assert rq.timestamp.is_monotonic_increasing
    assert set(rq.model) <= {"model-a", "model-b", "model-c"}
    linked = rq.merge(tables["proxies"], on=["account_id", "ip"], how="left")
    assert linked.first_seen.notna().all()
    fps = rq.merge(
        tables["prompt_fingerprints"],
        left_on=["account_id", "prompt_fingerprint"],
        right_on=["account_id", "fingerprint"],
        how="left",
    )
    assert fps.fingerprint.notna().all()
    # op_bulk moves half of its traffic to model-c within a day of the release.
    group = rq.account_id.map(_group_of(tables))
    t = pd.to_datetime(rq.timestamp, utc=True)
    release = pd.Timestamp("2026-09-15T17:00Z")
    after = t >= release + pd.Timedelta(days=1)
    bulk_c = (rq.model[after & (group == "op_bulk")] == "model-c").mean()
    assert 0.35 < bulk_c < 0.65
    first_week = (t >= release) & (t < release + pd.Timedelta(days=7)) & (group == "organic")
    assert (rq.model[first_week] == "model-c").mean() < 0.15
    assert (rq.model[t < release] != "model-c").all()


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    for fmt in ("parquet", "csv.gz"):
        a = generate_world(tmp_path / f"a_{fmt}", n_accounts=2000, seed=3, fmt=fmt)
        b = generate_world(tmp_path / f"b_{fmt}", n_accounts=2000, seed=3, fmt=fmt)
        assert a == b
        assert _hashes(tmp_path / f"a_{fmt}") == _hashes(tmp_path / f"b_{fmt}")
    generate_world(tmp_path / "c", n_accounts=2000, seed=4)
    ha, hc = _hashes(tmp_path / "a_parquet"), _hashes(tmp_path / "c")
    assert all(ha[name] != hc[name] for name in ha)


def test_requests_can_be_disabled(tmp_path: Path) -> None:
    generate_world(tmp_path / "with", n_accounts=2000, seed=5)
    summary = generate_world(tmp_path / "without", n_accounts=2000, seed=5, requests_per_account=0)
    assert "requests" not in summary["rows"]
    assert not (tmp_path / "without" / "requests.parquet").exists()
    # The other tables do not depend on the request sample.
    with_h = _hashes(tmp_path / "with")
    without_h = _hashes(tmp_path / "without")
    assert {k: v for k, v in with_h.items() if not k.startswith("requests")} == without_h


@pytest.mark.parametrize("fmt", ["csv", "csv.gz"])
def test_text_formats_match_parquet(tmp_path: Path, fmt: str) -> None:
    generate_world(tmp_path / "pq", n_accounts=2000, seed=9)
    generate_world(tmp_path / "txt", n_accounts=2000, seed=9, fmt=fmt, requests_per_account=1.0)
    for name in ("accounts", "payment_methods", "proxies", "prompt_fingerprints"):
        a = _read(tmp_path / "pq", name).astype(str)
        b = _read(tmp_path / "txt", name, fmt).astype(str)
        pd.testing.assert_frame_equal(a, b, check_dtype=False)
    assert len(_read(tmp_path / "txt", "requests", fmt)) == pytest.approx(2000, rel=0.15)


def test_stale_tables_are_replaced(tmp_path: Path) -> None:
    generate_world(tmp_path, n_accounts=2000, seed=1)
    generate_world(tmp_path, n_accounts=2000, seed=1, fmt="csv")
    assert not list(tmp_path.glob("*.parquet"))
    assert len(list(tmp_path.glob("*.csv"))) == 6


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="fmt"):
        generate_world(tmp_path, n_accounts=2000, fmt="json")
    with pytest.raises(ValueError, match="n_accounts"):
        generate_world(tmp_path, n_accounts=10)
    with pytest.raises(ValueError, match="requests_per_account"):
        generate_world(tmp_path, n_accounts=2000, requests_per_account=-1)
