"""The evasive world: contract v2 shape, ground truth, and each evasive tactic and trap."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from linkgraph.synth import WORLDS, generate_world

N = 20_000
SEED = 5
COLUMNS = {
    "accounts": ["account_id", "created_at", "email_domain", "country", "status"],
    "payment_methods": ["account_id", "payment_method_id", "first_seen", "last_seen"],
    "proxies": ["account_id", "ip", "asn", "first_seen", "last_seen", "request_count"],
    "prompt_fingerprints": ["account_id", "fingerprint", "first_seen", "last_seen", "request_count", "simhash"],
    "requests": ["account_id", "timestamp", "ip", "model", "prompt_fingerprint", "prompt_simhash"],
}
LINKS = {"payment_methods": "payment_method_id", "proxies": "ip", "prompt_fingerprints": "fingerprint"}
ISO = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"
FRAUD = {"op_sync", "op_varied", "op_hydra"}
RELEASE = pd.Timestamp("2026-09-15T17:00Z")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict[str, pd.DataFrame]]:
    folder = tmp_path_factory.mktemp("evasive")
    summary = generate_world(folder, n_accounts=N, seed=SEED, world="evasive")
    tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in COLUMNS}
    tables["truth"] = pd.read_csv(folder / "truth.csv")
    return summary, tables


def _group(tables: dict[str, pd.DataFrame], frame: pd.DataFrame) -> pd.Series:
    return frame.account_id.map(tables["truth"].set_index("account_id")["group"])


def _bits(hexes: pd.Series) -> np.ndarray:
    return np.array([int(h, 16) for h in hexes], dtype=np.uint64)


def _distance(a: np.ndarray, b: np.ndarray | np.uint64) -> np.ndarray:
    return np.bitwise_count(a ^ b)


def _times(col: pd.Series) -> pd.Series:
    return pd.to_datetime(col, utc=True)


def _epoch(col: pd.Series) -> np.ndarray:
    """Seconds since the epoch of ISO text, whatever unit pandas parses to."""
    return ((_times(col) - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)).to_numpy()


def test_world_names_and_arguments(tmp_path: Path) -> None:
    assert WORLDS == ("classic", "evasive")
    with pytest.raises(ValueError, match="world"):
        generate_world(tmp_path, n_accounts=1000, world="chaotic")
    with pytest.raises(ValueError, match="requests"):
        generate_world(tmp_path, n_accounts=1000, world="evasive", requests_per_account=0)


def test_scale_multiplies_a_population_and_takes_the_accounts_from_organic(tmp_path: Path) -> None:
    plain = generate_world(tmp_path / "plain", n_accounts=10_000, seed=1, world="evasive")["accounts_by_group"]
    scaled = generate_world(
        tmp_path / "scaled", n_accounts=10_000, seed=1, world="evasive", scale={"op_varied": 3, "organic_cron": 0.5}
    )["accounts_by_group"]
    assert scaled["op_varied"] == 3 * plain["op_varied"]
    assert scaled["organic_cron"] == round(plain["organic_cron"] / 2)
    assert sum(scaled.values()) == sum(plain.values()) == 10_000
    assert scaled["organic"] == plain["organic"] - (scaled["op_varied"] - plain["op_varied"]) + (
        plain["organic_cron"] - scaled["organic_cron"]
    )
    for bad in ({"op_bulk": 2}, {"op_varied": 0}):
        with pytest.raises(ValueError, match="scale"):
            generate_world(tmp_path / "bad", n_accounts=10_000, world="evasive", scale=bad)
    with pytest.raises(ValueError, match="evasive"):
        generate_world(tmp_path / "bad", n_accounts=10_000, scale={"op_varied": 2})
    assert not (tmp_path / "bad").exists()


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    def digest(folder: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}

    a, b, c = (tmp_path / "a", tmp_path / "b", tmp_path / "c")
    generate_world(a, n_accounts=1000, seed=2, world="evasive", fmt="csv")
    generate_world(b, n_accounts=1000, seed=2, world="evasive", fmt="csv")
    generate_world(c, n_accounts=1000, seed=3, world="evasive", fmt="csv")
    assert digest(a) == digest(b)
    assert len(digest(a)) == 6
    assert all(digest(a)[k] != digest(c)[k] for k in digest(a))


def test_tables_follow_contract_v2(world: tuple) -> None:
    summary, tables = world
    for name, cols in COLUMNS.items():
        assert list(tables[name].columns) == cols, name
        assert summary["rows"][name] == len(tables[name])
    acc = tables["accounts"]
    assert len(acc) == N and acc.account_id.is_unique
    assert set(acc.status) == {"active", "banned", "suspended"}
    assert tables["prompt_fingerprints"].simhash.str.fullmatch(r"[0-9a-f]{16}").all()
    assert tables["requests"].prompt_simhash.str.fullmatch(r"[0-9a-f]{16}").all()
    created = acc.set_index("account_id").created_at
    for name, col in LINKS.items():
        t = tables[name]
        assert t.account_id.map(created).notna().all(), name
        assert not t.duplicated(["account_id", col]).any(), name
        assert t.first_seen.str.fullmatch(ISO).all() and t.last_seen.str.fullmatch(ISO).all(), name
        assert (t.first_seen <= t.last_seen).all(), name
        assert (t.first_seen >= t.account_id.map(created)).all(), name
    req = tables["requests"]
    assert req.timestamp.str.fullmatch(ISO).all()
    assert (req.timestamp >= req.account_id.map(created)).all()
    # Every request's IP and fingerprint are links of its account, and the simhash matches.
    for name, col, rcol in (("proxies", "ip", "ip"), ("prompt_fingerprints", "fingerprint", "prompt_fingerprint")):
        links = tables[name][["account_id", col]].rename(columns={col: rcol})
        found = req[["account_id", rcol]].merge(links, how="left", indicator=True)
        assert (found["_merge"] == "both").all(), name
    sim = tables["prompt_fingerprints"].drop_duplicates("fingerprint").set_index("fingerprint").simhash
    assert (req.prompt_fingerprint.map(sim) == req.prompt_simhash).all()
    assert 2 <= len(req) / N <= 6


def test_truth_has_every_account_once(world: tuple) -> None:
    summary, tables = world
    truth = tables["truth"]
    assert list(truth.columns) == ["account_id", "group", "kind", "status", "replacement"]
    assert truth.account_id.is_unique and set(truth.account_id) == set(tables["accounts"].account_id)
    assert (truth.set_index("account_id").status == tables["accounts"].set_index("account_id").status).all()
    kinds = truth.groupby("group").kind.agg(lambda k: set(k))
    assert {g for g, k in kinds.items() if k == {"fraud"}} == FRAUD
    for g in ("company_ci", "enterprise_ci", "university_0", "research_lab"):
        assert kinds[g] == {"benign_group"}
    for g in ("organic", "organic_cron", "organic_proxy_customers", "organic_hydra_customers"):
        assert kinds[g] == {"organic"}
    assert set(truth[truth.replacement == 1].group) == {"op_hydra"}
    assert summary["accounts_by_kind"] == truth.kind.value_counts().to_dict()
    assert 0.01 < (truth.kind == "fraud").mean() < 0.05


def test_op_sync_sends_in_waves(world: tuple) -> None:
    _, tables = world
    req = tables["requests"]
    sync = req[_group(tables, req) == "op_sync"]
    n_sync = (tables["truth"].group == "op_sync").sum()
    sync = sync.assign(t=_epoch(sync.timestamp)).sort_values("t")
    sync["wave"] = np.cumsum(np.r_[True, np.diff(sync.t.to_numpy()) > 120])
    waves = sync.groupby("wave").agg(start=("t", "min"), end=("t", "max"), accounts=("account_id", "nunique"))
    assert (waves.end - waves.start).max() < 60  # every wave inside 60 s
    big = waves[waves.accounts >= 0.3 * n_sync]
    assert len(big) >= 20
    gaps = np.diff(big.start.to_numpy())
    assert gaps.min() >= 7200 and gaps.std() > 0.3 * gaps.mean()  # apart, but irregular
    assert len(sync) >= 10 * n_sync


def test_op_varied_paraphrases_and_small_card_groups(world: tuple) -> None:
    _, tables = world
    fp = tables["prompt_fingerprints"]
    var = fp[_group(tables, fp) == "op_varied"]
    center = var.simhash.value_counts().index[0]
    near = var[_distance(_bits(var.simhash), np.uint64(int(center, 16))) <= 2]
    assert near.account_id.nunique() >= 15
    assert near.fingerprint.nunique() >= 0.8 * len(near)  # the strings differ
    assert _distance(_bits(near.simhash), _bits(near.simhash[::-1])).max() <= 4
    shared = var.groupby("fingerprint").account_id.nunique()
    assert (shared > 1).mean() < 0.1
    pm = tables["payment_methods"]
    cards = pm[_group(tables, pm) == "op_varied"].payment_method_id
    assert pm[pm.payment_method_id.isin(cards)].groupby("payment_method_id").account_id.nunique().max() <= 3
    acc = tables["accounts"][_group(tables, tables["accounts"]) == "op_varied"]
    assert acc.email_domain.nunique() >= 6 and (acc.email_domain == "student.northfield.edu").any()
    # Not synchronized: hardly two op_varied requests in the same minute.
    req = tables["requests"]
    var = req[_group(tables, req) == "op_varied"]
    assert var.groupby(var.timestamp.str[:16]).account_id.nunique().max() <= 3


def test_hydra_bans_and_replacements(world: tuple) -> None:
    _, tables = world
    truth = tables["truth"].set_index("account_id")
    px = tables["proxies"]
    hyd = px[px.account_id.map(truth.group) == "op_hydra"]
    status = hyd.account_id.map(truth.status)
    rep = hyd.account_id.map(truth.replacement) == 1
    banned = hyd[status == "banned"]
    assert banned.account_id.nunique() >= 20 and rep.any()
    ban_time = banned.groupby("ip").last_seen.max()
    reuse = hyd[rep & hyd.ip.isin(ban_time.index)]
    assert reuse.account_id.nunique() >= 0.7 * hyd[rep].account_id.nunique()
    created = reuse.account_id.map(tables["accounts"].set_index("account_id").created_at)
    assert (created > reuse.ip.map(ban_time)).all()
    # Replacement cards are fresh and unshared.
    pm = tables["payment_methods"]
    rep_cards = pm[pm.account_id.map(truth.replacement) == 1].payment_method_id
    assert pm[pm.payment_method_id.isin(rep_cards)].groupby("payment_method_id").size().max() == 1
    # Banned accounts go quiet at their ban: no request after their last link.
    req = tables["requests"]
    last = pd.concat([tables[t][["account_id", "last_seen"]] for t in LINKS]).groupby("account_id").last_seen.max()
    gone = req[req.account_id.map(truth.status) == "banned"]
    assert (gone.timestamp <= gone.account_id.map(last)).all()


def test_proxy_networks_carry_ordinary_customers(world: tuple) -> None:
    _, tables = world
    px = tables["proxies"]
    g = _group(tables, px)
    for crowd, op in (("organic_hydra_customers", "op_hydra"), ("organic_proxy_customers", "op_varied")):
        shared = set(px[g == crowd].ip) & set(px[g == op].ip)
        assert len(shared) >= 5, crowd
    # Organic accounts banned for unrelated reasons share no IP with an operation.
    status = px.account_id.map(tables["truth"].set_index("account_id").status)
    lone = set(px[(g == "organic") & (status != "active")].ip)
    assert lone and not lone & set(px[g.isin(FRAUD)].ip)


def test_benign_look_alikes(world: tuple) -> None:
    _, tables = world
    req, acc = tables["requests"], tables["accounts"]
    rg = _group(tables, req)
    for crowd in ("company_ci", "organic_cron"):
        minutes = req[rg == crowd].timestamp.str[14:16]
        assert len(minutes) > 50 and (minutes == "00").all(), crowd
    ci = req[rg == "company_ci"]
    assert ci.ip.nunique() == 1
    fams = _bits(ci.prompt_simhash.drop_duplicates())
    assert _distance(fams, fams[0]).max() <= 4 and len(fams) >= 5
    uni = acc[_group(tables, acc) == "university_0"]
    span = _times(uni.created_at).max() - _times(uni.created_at).min()
    assert len(uni) >= 60 and span <= pd.Timedelta(days=3)
    lab = req[rg == "research_lab"]
    assert len(lab) / lab.account_id.nunique() > 10 * len(req) / len(acc)


def test_fast_adoption_of_the_new_model(world: tuple) -> None:
    _, tables = world
    req = tables["requests"]
    ts = _times(req.timestamp)
    day = req[(ts >= RELEASE) & (ts < RELEASE + pd.Timedelta(hours=24))]
    share = (day.model == "model-c").groupby(_group(tables, day)).mean()
    for g in (*FRAUD, "enterprise_ci"):
        assert share[g] > 0.2, g
    assert share["organic"] < 0.05


def test_generic_agent_family_is_popular(world: tuple) -> None:
    _, tables = world
    fp = tables["prompt_fingerprints"]
    org = fp[_group(tables, fp) == "organic"]
    bits = _bits(org.simhash)
    popular = org.groupby("simhash").account_id.nunique().nlargest(100).index
    strings = {h: org.fingerprint[_distance(bits, np.uint64(int(h, 16))) <= 2].nunique() for h in popular}
    centre = max(strings, key=lambda h: strings[h])
    near = org[_distance(bits, np.uint64(int(centre, 16))) <= 4]
    assert near.fingerprint.nunique() >= 10  # many paraphrase strings of one family
    assert near.account_id.nunique() > 0.02 * (tables["truth"].group == "organic").sum()
