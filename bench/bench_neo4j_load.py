"""Benchmark: loading throughput into Neo4j with UNWIND batches, in rows per second per batch size.

Needs a live Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD[, NEO4J_DATABASE]); without one it
prints why it skipped and exits 0. It writes synthetic accounts and links whose ids carry a
unique prefix (IPs come from a random 2001:db8::/48 block), times the same load path as
``linkgraph neo4j-load`` (managed transactions, MERGE on constrained keys), then deletes
what it wrote. Point NEO4J_DATABASE at a scratch database when you can.

    python bench/bench_neo4j_load.py [--links 60000] [--batch-sizes 500,1000,5000,10000,20000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time

import numpy as np
import pandas as pd


def synthetic_steps(n_links: int, prefix: str, ip_block: str, seed: int = 0) -> list[tuple[str, pd.DataFrame]]:
    """Links of the three kinds, about one third each; artifacts shared by a few accounts."""
    rng = np.random.default_rng(seed)
    per_kind = n_links // 3
    n_accounts = max(1, per_kind // 2)
    stamp = pd.Timestamp("2026-01-01", tz="UTC")
    steps = []
    for statement, make in (
        ("merge_paid_with", lambda i: f"{prefix}pm{i}"),
        ("merge_connected_from", lambda i: f"{ip_block}{i:x}"),
        ("merge_sent", lambda i: f"{prefix}fp{i}"),
    ):
        accounts = rng.integers(0, n_accounts, per_kind)
        artifacts = rng.integers(0, max(1, per_kind // 4), per_kind)
        frame = pd.DataFrame(
            {"account_id": [f"{prefix}acct{a}" for a in accounts], "artifact": [make(int(x)) for x in artifacts]}
        )
        frame = frame.drop_duplicates(ignore_index=True)
        frame["first_seen"] = stamp
        frame["last_seen"] = stamp + pd.Timedelta(days=30)
        frame["count"] = pd.array(rng.integers(1, 100, len(frame)), dtype="Int64")
        steps.append((statement, frame))
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=60_000, help="links per batch size (split over 3 kinds)")
    parser.add_argument("--batch-sizes", default="500,1000,5000,10000,20000")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = parser.parse_args(argv)

    if not os.environ.get("NEO4J_URI") and not os.environ.get("LINKGRAPH_NEO4J_SECRETS"):
        print("skipped: NEO4J_URI is not set (no live Neo4j server); see docs/neo4j.md to start one")
        return 0
    from linkgraph.backends.neo4j.loader import GraphLoader, Step
    from linkgraph.backends.neo4j.settings import Neo4jSettings, SettingsError

    try:
        settings = Neo4jSettings.from_env()
    except SettingsError as exc:
        print(f"skipped: {exc}")
        return 0
    driver = settings.driver()
    results = []
    try:
        driver.verify_connectivity()
        for batch_size in (int(b) for b in args.batch_sizes.split(",")):
            prefix = f"bench-{secrets.token_hex(4)}-"
            ip_block = f"2001:db8:{secrets.randbelow(0xFFFF):x}::"
            steps = [Step(name, rows) for name, rows in synthetic_steps(args.links, prefix, ip_block)]
            loader = GraphLoader(driver, settings.database, batch_size, checkpoints=False)
            loader.ensure_constraints()
            try:
                started = time.perf_counter()
                loader.load(steps)
                seconds = time.perf_counter() - started
            finally:
                loader.write("delete_prefixed_nodes", prefix=prefix, ip_prefix=ip_block)
            rows = sum(len(s.rows) for s in steps)
            results.append(
                {
                    "batch_size": batch_size,
                    "rows": rows,
                    "seconds": round(seconds, 3),
                    "rows_per_s": round(rows / seconds),
                }
            )
            if args.json:
                print(json.dumps(results[-1]))
    finally:
        driver.close()
    if not args.json:
        print(f"Neo4j load throughput ({settings.uri}, database {settings.database or 'default'})")
        print(f"{'batch size':>10} {'rows':>9} {'seconds':>9} {'rows/s':>9}")
        for r in results:
            print(f"{r['batch_size']:>10} {r['rows']:>9} {r['seconds']:>9.2f} {r['rows_per_s']:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
