"""The backend contract, run against every available backend on the same small world.

``embedded`` and ``neo4j`` both run: ``neo4j`` is the live Neo4j 5.26 + GDS of the test
session (``neo4j_server`` in tests/conftest.py: the tools/neo4j-server jar, or ``NEO4J_URI``).
The live tests write the world with ids under a per-session prefix (IPs in a random
2001:db8::/48 block) into an emptied database and empty it afterwards.

The world is built by hand so that its structure is known: fraud rings sharing cards, proxy
IPs and a template; two rings bridged by one IP; benign companies; organic accounts with
their own cards, a few households sharing an IP, popular templates and a carrier NAT that
are generic (shared by more than the cut-off) and must link nothing.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from neo4j_checks import adjusted_rand_index

from linkgraph.backends import get_backend
from linkgraph.backends.base import Backend
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import LinkGraph, build_link_graph
from linkgraph.ingest.load import Dataset, load_tables

PREFIX = f"lgtest-{secrets.token_hex(3)}-"
IP_BLOCK = f"2001:db8:{0x1000 + secrets.randbelow(0xEFFF):x}::"
RINGS = (6, 8, 10, 12, 14, 9, 7, 11)
BRIDGED = (0, 1)  # rings joined by one shared proxy IP: one WCC component, two Leiden communities


def contract_world(prefix: str = PREFIX, ip_block: str = IP_BLOCK, seed: int = 4) -> dict[str, pd.DataFrame]:
    """The contract world's input tables (about 400 accounts)."""
    rng = np.random.default_rng(seed)
    accounts: list[tuple[str, str]] = []
    payments: list[tuple[str, str]] = []
    proxies: list[tuple[str, str, int]] = []
    prompts: list[tuple[str, str]] = []
    counter = itertools.count()
    ip_counter = itertools.count(1)

    def account(group: str) -> str:
        aid = f"{prefix}acct{next(counter):04d}"
        accounts.append((aid, group))
        return aid

    def ip() -> str:
        return f"{ip_block}{next(ip_counter):x}"

    rings = []
    for r, size in enumerate(RINGS):
        members = [account(f"ring{r}") for _ in range(size)]
        cards, ips = [f"{prefix}pm-ring{r}-{c}" for c in range(2)], [ip() for _ in range(3)]
        for m in members:
            payments += [(m, c) for c in rng.choice(cards, int(rng.integers(1, 3)), replace=False)]
            proxies += [(m, a, 64500 + r) for a in rng.choice(ips, int(rng.integers(1, 3)), replace=False)]
            prompts.append((m, f"{prefix}fp-ring{r}"))
        rings.append(members)
    bridge = ip()
    proxies += [(rings[BRIDGED[0]][0], bridge, 64999), (rings[BRIDGED[1]][0], bridge, 64999)]
    for c, size in enumerate((4, 5, 6)):  # benign companies: one card, one office IP
        office = ip()
        for _ in range(size):
            m = account(f"company{c}")
            payments.append((m, f"{prefix}pm-company{c}"))
            proxies.append((m, office, 65100 + c))
    nat, popular = ip(), [f"{prefix}fp-popular{k}" for k in range(3)]
    organic = [account("organic") for _ in range(300)]
    for i, m in enumerate(organic):
        payments.append((m, f"{prefix}pm-own{i}"))
        proxies.append((m, ip(), 64600))
        if i < 40:
            proxies.append((m, nat, 64700))  # carrier NAT shared by 40 > cut-off 25: generic
        prompts.append((m, popular[i % 3]))  # ~100 accounts each: generic
    for k in range(10):  # households: two organic accounts on one home IP
        home = ip()
        proxies += [(organic[100 + 2 * k], home, 64800), (organic[101 + 2 * k], home, 64800)]

    stamp = {"first_seen": "2026-01-02T00:00:00Z", "last_seen": "2026-02-02T00:00:00Z"}
    return {
        "accounts": pd.DataFrame(
            {
                "account_id": [a for a, _ in accounts],
                "created_at": "2026-01-01T00:00:00Z",
                "email_domain": "example.com",
                "country": "US",
                "status": "active",
            }
        ),
        "payment_methods": pd.DataFrame(payments, columns=["account_id", "payment_method_id"]).assign(**stamp),
        "proxies": pd.DataFrame(proxies, columns=["account_id", "ip", "asn"]).assign(**stamp, request_count=3),
        "prompt_fingerprints": pd.DataFrame(prompts, columns=["account_id", "fingerprint"]).assign(
            **stamp, request_count=1
        ),
        "groups": pd.DataFrame(accounts, columns=["account_id", "group"]),
    }


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dataset, LinkGraph, pd.Series]:
    tables = contract_world()
    folder = tmp_path_factory.mktemp("contract_world")
    for name, frame in tables.items():
        if name != "groups":
            frame.to_csv(folder / f"{name}.csv", index=False)
    dataset = load_tables(folder)
    groups = tables["groups"].set_index("account_id")["group"]
    return folder, dataset, build_link_graph(dataset), groups


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend(request: pytest.FixtureRequest, world: tuple) -> Iterator[Backend]:
    if request.param == "embedded":
        yield get_backend("embedded")
        return
    settings = request.getfixturevalue("neo4j_server")
    engine = get_backend("neo4j", settings=settings)
    _cleanup(engine, world[1])
    yield engine
    _cleanup(engine, world[1])
    engine.close()


@pytest.fixture(scope="module")
def live_neo4j(neo4j_server: object, world: tuple) -> Iterator[Backend]:
    engine = get_backend("neo4j", settings=neo4j_server)
    _cleanup(engine, world[1])
    yield engine
    _cleanup(engine, world[1])
    engine.close()


def _cleanup(engine: Backend, dataset: Dataset) -> None:
    """Empty the test database (the live server is a throw-away one)."""
    del dataset
    engine.driver.execute_query("MATCH (n) DETACH DELETE n", database_=engine.database)  # type: ignore[attr-defined]


def groups_of(result: pd.DataFrame) -> set[frozenset[int]]:
    return {frozenset(g["acct"]) for _, g in result.groupby("community")}


def wcc_reference(graph: LinkGraph) -> set[frozenset[int]]:
    g = nx.Graph()
    g.add_edges_from((("a", a), ("x", x)) for a, x in graph.edges[["acct", "art"]].to_numpy())
    return {frozenset(n for kind, n in comp if kind == "a") for comp in nx.connected_components(g)}


# ------------------------------------------------------------------ every backend


def test_adjusted_rand_index() -> None:
    a = np.array([0, 0, 1, 1, 2, 2])
    assert adjusted_rand_index(a, a) == 1.0
    assert adjusted_rand_index(a, np.array([5, 5, 9, 9, 1, 1])) == 1.0
    assert adjusted_rand_index(np.array([0, 0, 1, 1]), np.array([0, 0, 1, 2])) == pytest.approx(4 / 7)
    assert adjusted_rand_index(a, np.array([0, 1, 0, 1, 0, 1])) < 0


@pytest.mark.parametrize("method", ["wcc", "leiden", "louvain"])
def test_each_account_in_at_most_one_community(backend: Backend, world: tuple, method: str) -> None:
    _, _, graph, _ = world
    result = backend.partition(graph, PartitionParams(method=method, seed=1))
    assert list(result.columns) == ["acct", "community"]
    assert result["acct"].is_unique
    assert set(result["acct"]) == set(graph.edges["acct"])  # exactly the accounts with evidence edges
    assert result["community"].min() == 0 and result["community"].nunique() == result["community"].max() + 1


def test_wcc_equals_networkx_connected_components(backend: Backend, world: tuple) -> None:
    _, _, graph, _ = world
    result = backend.partition(graph, PartitionParams(method="wcc"))
    assert groups_of(result) == wcc_reference(graph)


def test_deterministic_for_a_seed(backend: Backend, world: tuple) -> None:
    _, _, graph, _ = world
    params = PartitionParams(method="leiden", seed=7)
    pd.testing.assert_frame_equal(backend.partition(graph, params), backend.partition(graph, params))


def test_leiden_refines_components_and_finds_the_rings(backend: Backend, world: tuple) -> None:
    _, _, graph, groups = world
    result = backend.partition(graph, PartitionParams(method="leiden", seed=3))
    component = {a: i for i, comp in enumerate(wcc_reference(graph)) for a in comp}
    for members in groups_of(result):
        assert len({component[a] for a in members}) == 1
    group = groups.reindex(graph.account_ids[result["acct"].to_numpy()]).to_numpy()
    for r in range(len(RINGS)):
        assert result.loc[group == f"ring{r}", "community"].nunique() == 1, f"ring{r} split"
    bridged = [result.loc[group == f"ring{r}", "community"].iloc[0] for r in BRIDGED]
    assert bridged[0] != bridged[1]
    assert not set(result.loc[np.isin(group, ["ring0", "ring1"]), "community"]) & set(
        result.loc[~np.isin(group, ["ring0", "ring1"]), "community"]
    )


def test_generic_artifacts_link_nothing(backend: Backend, world: tuple) -> None:
    _, _, graph, groups = world
    result = backend.partition(graph, PartitionParams(method="wcc"))
    linked = set(graph.account_ids[result["acct"].to_numpy()])
    organic = groups[groups == "organic"].index
    # NAT and popular templates are generic; own cards have df=1; household cards (df=2) are
    # below GraphParams.min_sharers, so no organic account is linked at all
    assert not set(organic) & linked


# ------------------------------------------------------------------ live parity (Neo4j vs embedded)


@pytest.mark.neo4j
def test_live_wcc_identical_to_embedded(live_neo4j: Backend, world: tuple) -> None:
    _, _, graph, _ = world
    params = PartitionParams(method="wcc")
    pd.testing.assert_frame_equal(live_neo4j.partition(graph, params), get_backend("embedded").partition(graph, params))


@pytest.mark.neo4j
def test_live_leiden_agrees_with_embedded(live_neo4j: Backend, world: tuple) -> None:
    _, _, graph, _ = world
    params = PartitionParams(method="leiden", seed=0)
    mine = live_neo4j.partition(graph, params)
    reference = get_backend("embedded").partition(graph, params)
    assert mine["acct"].tolist() == reference["acct"].tolist()
    ari = adjusted_rand_index(mine["community"].to_numpy(), reference["community"].to_numpy())
    assert ari >= 0.95, f"adjusted Rand index {ari:.3f} < 0.95"


@pytest.mark.neo4j
def test_live_load_is_idempotent(live_neo4j: Backend, world: tuple) -> None:
    from linkgraph.backends.neo4j.loader import Step
    from linkgraph.backends.neo4j.rows import dataset_statements

    _, dataset, _, _ = world
    steps = [Step(name, rows) for name, rows in dataset_statements(dataset)]
    loader = live_neo4j.loader()  # type: ignore[attr-defined]
    loader.load(steps)
    first = loader.counts()
    assert all(r.skipped_batches == r.batches for r in loader.load(steps))  # checkpoints: nothing resent
    loader.load(steps, restart=True)  # every MERGE again
    assert loader.counts() == first


@pytest.mark.neo4j
def test_live_detect_end_to_end(live_neo4j: Backend, world: tuple, tmp_path: Path) -> None:
    from linkgraph.detect import DetectParams, detect

    folder, _, _, _ = world
    params = DetectParams(partition=PartitionParams(method="wcc"))
    runs = {}
    for name, engine in (("neo4j", live_neo4j), ("embedded", get_backend("embedded"))):
        run_id = detect(folder, tmp_path / name, params, engine)
        runs[name] = pd.read_parquet(tmp_path / name / run_id / "members.parquet")
    cols = ["account_id", "cluster_id", "role"]
    pd.testing.assert_frame_equal(runs["neo4j"][cols], runs["embedded"][cols])
