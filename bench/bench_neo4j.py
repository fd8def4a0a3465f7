"""Benchmark of the Neo4j backend on the real server: load throughput, detect vs embedded, where the time goes.

Starts the ``tools/neo4j-server`` jar itself (build it with ``make neo4j-jar``) on a free port
with a fresh temporary database, unless ``--use-env`` is given: then it uses ``NEO4J_URI`` /
``NEO4J_USER`` / ``NEO4J_PASSWORD`` and EMPTIES that database. Worlds are synthetic
(``linkgraph.synth.generate_world``, classic, seed 1), written once under ``--work``.

1. Load throughput: for every world size and batch size, an empty database, the same load
   as ``linkgraph neo4j-load`` (constraints, MERGE batches with checkpoints), rows/s over
   all link and node rows; and where the time goes: CPU seconds of this client (building and
   packing rows) and of the server's JVM (read over JMX), so a run on a busy shared machine
   still tells what the load costs (``rows_per_cpu_s``: rows per CPU second of both).
2. ``detect`` end to end at ``--detect-accounts``: embedded, then Neo4j after loading (sync
   finds the links loaded), each ``--repeats`` times; medians and the ratio, and the Neo4j
   backend's own split: sync, weights, projection, algorithm, stream back, drop, map back.
3. Parity at ``--detect-accounts`` (cold runs in fresh run directories): the adjusted Rand
   index of the two backends' account partitions, the share of enforced accounts on only one
   of the two lists, and for scale the same ARI between embedded seed 0 and seeds 1, 2.

    python bench/bench_neo4j.py                         # 100k and 1M, batch sizes 1k/5k/20k
    python bench/bench_neo4j.py --accounts 100000 --batch-sizes 5000 --json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

# Peak speed for long runs: the C2 JIT (no TieredStopAtLevel=1), a 4 GiB heap, a 1 GiB page cache.
JAVA_OPTIONS = ("-Xms1g", "-Xmx4g")
PAGE_CACHE_MIB = "1024"


@contextmanager
def server(use_env: bool) -> Iterator[Any]:
    """Connection settings of the server to measure (started here unless ``use_env``)."""
    from linkgraph.backends.neo4j.settings import Neo4jSettings

    if use_env:
        yield Neo4jSettings.from_env()
        return
    from neo4j_live_server import running_server

    with running_server(
        secrets.token_urlsafe(18), java_options=JAVA_OPTIONS, env={"NEO4J_PAGECACHE_MIB": PAGE_CACHE_MIB}
    ) as live:
        yield Neo4jSettings(live.uri, live.user, live.password)


def world(work: Path, n_accounts: int) -> Path:
    """The synthetic world of ``n_accounts`` (generated once)."""
    from linkgraph.synth import generate_world

    folder = work / f"world-{n_accounts}"
    if not (folder / "accounts.parquet").exists():
        started = time.perf_counter()
        generate_world(folder, n_accounts=n_accounts, seed=1)
        print(f"# generated {folder} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return folder


def empty(settings: Any) -> None:
    """Drop every projection and delete every node (bench database only)."""
    from neo4j_checks import wipe

    with settings.driver() as driver:
        wipe(driver, settings.database)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench_load(settings: Any, data: Path, batch_size: int) -> dict[str, Any]:
    from linkgraph.backends.neo4j.loader import GraphLoader, Step
    from linkgraph.backends.neo4j.rows import dataset_statements
    from linkgraph.ingest.load import load_tables

    dataset = load_tables(data)
    steps = [Step(name, rows) for name, rows in dataset_statements(dataset)]
    empty(settings)
    with settings.driver() as driver:
        loader = GraphLoader(driver, settings.database, batch_size)
        server_cpu = _server_cpu(driver)
        started, cpu = time.perf_counter(), _cpu()
        reports = loader.load(steps)
        seconds, client_cpu = time.perf_counter() - started, _cpu() - cpu
        server_cpu = _server_cpu(driver) - server_cpu
        counts = loader.counts()
    rows = sum(r.rows for r in reports)
    links = sum(r.rows for r in reports if r.statement not in ("merge_accounts", "merge_proxies"))
    return {
        "bench": "load",
        "accounts": dataset.n_accounts,
        "batch_size": batch_size,
        "rows": rows,
        "links": links,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "client_cpu_s": round(client_cpu, 2),  # this process: building rows, the driver packing them
        "server_cpu_s": round(server_cpu, 2),  # the whole JVM (query threads, GC, checkpoints), from JMX
        "cpu_us_per_row": {"client": round(client_cpu / rows * 1e6, 1), "server": round(server_cpu / rows * 1e6, 1)},
        # what the same work would take on 2 idle cores with client and server one after the other
        "rows_per_cpu_s": round(rows / (client_cpu + server_cpu)) if client_cpu + server_cpu > 0 else None,
        "load_average": round(os.getloadavg()[0], 1),
        "steps": {r.statement: {"rows": r.rows, "seconds": r.seconds} for r in reports},
        "counts": counts,
    }


def _server_cpu(driver: Any) -> float:
    """CPU seconds the server's JVM has used so far (``java.lang:type=OperatingSystem`` over JMX)."""
    records = driver.execute_query(
        "CALL dbms.queryJmx('java.lang:type=OperatingSystem') YIELD attributes "
        "RETURN attributes.ProcessCpuTime.value AS ns"
    ).records
    return int(records[0]["ns"]) / 1e9


def bench_detect(settings: Any, data: Path, repeats: int, method: str) -> dict[str, Any]:
    from linkgraph.backends.embedded import EmbeddedBackend
    from linkgraph.backends.neo4j.backend import Neo4jBackend
    from linkgraph.communities.params import PartitionParams
    from linkgraph.detect import DetectParams, detect
    from linkgraph.graph import build_link_graph
    from linkgraph.ingest.load import load_tables

    params = DetectParams(partition=PartitionParams(method=method, seed=0))
    runs = data.parent / f"runs-{data.name}"
    times: dict[str, list[float]] = {"embedded": [], "neo4j": []}
    stages: dict[str, list[dict[str, float]]] = {"embedded": [], "neo4j": []}
    splits: list[dict[str, float]] = []
    backend = Neo4jBackend(settings)
    try:
        # "after loading": the first partition merges the links (sync); timed runs find them loaded
        backend.partition(build_link_graph(load_tables(data)), PartitionParams(method="wcc"))
        for _ in range(repeats):
            for name, engine in (("embedded", EmbeddedBackend()), ("neo4j", backend)):
                started = time.perf_counter()
                run_id = detect(data, runs / name, params, engine, keep=1)
                times[name].append(time.perf_counter() - started)
                manifest = json.loads((runs / name / run_id / "manifest.json").read_text())
                stages[name].append(manifest.get("timings_s", {}))
            splits.append(dict(backend.timings))
    finally:
        backend.close()
    median = {name: round(statistics.median(values), 2) for name, values in times.items()}
    return {
        "bench": "detect",
        "method": method,
        "data": str(data),
        "repeats": repeats,
        "median_s": median,
        "ratio_neo4j_to_embedded": round(median["neo4j"] / median["embedded"], 2),
        "stages_s_last": {name: values[-1] for name, values in stages.items()},
        "neo4j_split_s_median": {
            key: round(statistics.median(s.get(key, 0.0) for s in splits), 3) for key in splits[-1]
        },
    }


def bench_parity(settings: Any, data: Path, method: str) -> dict[str, Any]:
    """Embedded vs Neo4j on the same world, cold: ARI of the partitions, enforcement-list difference."""
    import shutil

    import pandas as pd
    from neo4j_checks import adjusted_rand_index

    from linkgraph.backends.embedded import EmbeddedBackend
    from linkgraph.backends.neo4j.backend import Neo4jBackend
    from linkgraph.communities.params import PartitionParams
    from linkgraph.detect import DetectParams, detect
    from linkgraph.enforcement.export import enforcement_list

    runs = data.parent / f"parity-{data.name}"
    shutil.rmtree(runs, ignore_errors=True)
    members: dict[str, pd.Series] = {}
    enforced: dict[str, set[str]] = {}
    for name, engine, seed in (
        ("embedded", EmbeddedBackend(), 0),
        ("neo4j", Neo4jBackend(settings), 0),
        ("embedded-seed1", EmbeddedBackend(), 1),
        ("embedded-seed2", EmbeddedBackend(), 2),
    ):
        params = DetectParams(partition=PartitionParams(method=method, seed=seed))
        try:
            run = runs / name / detect(data, runs / name, params, engine)
        finally:
            engine.close()
        frame = pd.read_parquet(run / "members.parquet", columns=["account_id", "cluster_id"])
        members[name] = frame.set_index("account_id")["cluster_id"].sort_index()
        enforced[name] = set(enforcement_list(run)["account_id"])

    def ari(a: str, b: str) -> float:
        # an account in a cluster on one side only is a singleton on the other (its own label)
        index = members[a].index.union(members[b].index)
        labels = [members[x].astype(str).reindex(index) for x in (a, b)]
        labels = [x.fillna(pd.Series("single:" + index.to_series().astype(str), index=index)) for x in labels]
        return round(adjusted_rand_index(labels[0].to_numpy(), labels[1].to_numpy()), 4)

    def difference(a: str, b: str) -> float:
        return round(len(enforced[a] ^ enforced[b]) / max(1, len(enforced[a] | enforced[b])), 5)

    return {
        "bench": "parity",
        "method": method,
        "data": str(data),
        "accounts_in_clusters": {name: len(frame) for name, frame in members.items()},
        "enforced": {name: len(accounts) for name, accounts in enforced.items()},
        "ari_neo4j_embedded": ari("neo4j", "embedded"),
        "enforcement_difference_neo4j_embedded": difference("neo4j", "embedded"),
        "ari_embedded_seed0_vs_seed1_seed2": [ari("embedded-seed1", "embedded"), ari("embedded-seed2", "embedded")],
        "enforcement_difference_embedded_seeds": [
            difference("embedded-seed1", "embedded"),
            difference("embedded-seed2", "embedded"),
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", default="100000,1000000", help="world sizes for the load benchmark")
    parser.add_argument("--batch-sizes", default="1000,5000,20000")
    parser.add_argument("--big-batch-sizes", default=None, help="batch sizes for worlds above 100k (default: all)")
    parser.add_argument("--detect-accounts", type=int, default=100_000, help="0 skips the detect benchmark")
    parser.add_argument("--method", default="leiden")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-parity", action="store_true", help="skip the parity benchmark")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "neo4j")
    parser.add_argument("--use-env", action="store_true", help="measure NEO4J_URI's server (it is emptied!)")
    parser.add_argument("--json", action="store_true", help="one JSON line per result")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    sizes = [int(a) for a in args.accounts.split(",") if a]
    batches = [int(b) for b in args.batch_sizes.split(",")]
    big_batches = [int(b) for b in args.big_batch_sizes.split(",")] if args.big_batch_sizes else batches
    results = []
    with server(args.use_env) as settings:
        print(f"# Neo4j at {settings.uri}; {os.cpu_count()} cores", file=sys.stderr)
        for n in sizes:
            data = world(args.work, n)
            for batch_size in batches if n <= 100_000 else big_batches:
                result = bench_load(settings, data, batch_size)
                results.append(result)
                print(json.dumps(result) if args.json else _load_line(result), flush=True)
        if args.detect_accounts:
            data = world(args.work, args.detect_accounts)
            empty(settings)
            result = bench_detect(settings, data, args.repeats, args.method)
            results.append(result)
            print(json.dumps(result) if args.json else _detect_lines(result), flush=True)
            if not args.no_parity:
                result = bench_parity(settings, data, args.method)
                results.append(result)
                print(json.dumps(result) if args.json else _parity_line(result), flush=True)
    (args.work / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _load_line(r: dict[str, Any]) -> str:
    slowest = max(r["steps"].items(), key=lambda kv: kv[1]["seconds"])
    return (
        f"load {r['accounts']:>9,} accounts  batch {r['batch_size']:>6,}  {r['rows']:>10,} rows  "
        f"{r['seconds']:>8.1f}s  {r['rows_per_s']:>8,} rows/s  client CPU {r['client_cpu_s']}s  "
        f"server CPU {r['server_cpu_s']}s ({r['rows_per_cpu_s']:,} rows per CPU second)  "
        f"load avg {r['load_average']}  (slowest step {slowest[0]} {slowest[1]['seconds']}s)"
    )


def _detect_lines(r: dict[str, Any]) -> str:
    return (
        f"detect {r['method']} on {r['data']}: median embedded {r['median_s']['embedded']}s, neo4j "
        f"{r['median_s']['neo4j']}s, ratio {r['ratio_neo4j_to_embedded']}x (n={r['repeats']})\n"
        f"  neo4j stages: {r['stages_s_last']['neo4j']}\n"
        f"  neo4j backend split (median): {r['neo4j_split_s_median']}"
    )


def _parity_line(r: dict[str, Any]) -> str:
    return (
        f"parity {r['method']} on {r['data']} (accounts in clusters {r['accounts_in_clusters']}, enforced "
        f"{r['enforced']}): ARI neo4j vs embedded {r['ari_neo4j_embedded']}, enforcement lists differ by "
        f"{r['enforcement_difference_neo4j_embedded']:.3%}; embedded seed 0 vs seeds 1, 2: ARI "
        f"{r['ari_embedded_seed0_vs_seed1_seed2']}, enforcement {r['enforcement_difference_embedded_seeds']}"
    )


if __name__ == "__main__":
    sys.exit(main())
