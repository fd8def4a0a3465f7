"""Lockstep buckets: near-linear cost, and only the synchronized group gets links.

Usage: ``python bench/bench_lockstep.py [--rows 1000000 5000000 20000000]`` — each size runs
in a fresh process (for its peak memory). The world, over 7 days:

- organic accounts (one per 20 rows) at random times, mostly on their own templates, some
  on a shared long-tail pool, 5% of them also on one popular "framework" template;
- a cron crowd: rows/1000 accounts that fire in the first seconds of every hour, on one of
  rows/40000 integration templates (~40 accounts each; 30% of requests with the popular one);
- a planted group: 300 accounts, 100 waves, a random 60% of the group per wave, all with one
  template family, within 20 seconds.

Reports time and peak memory of ``lockstep_links`` (input: a pyarrow table with string ids)
and where the links go.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.signals.lockstep import lockstep_links

DAY_NS = 86_400 * 10**9
T0 = np.datetime64("2026-09-14T00:00:00", "ns").astype(np.int64)


def world(rows: int, seed: int = 0) -> tuple[pa.Table, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    span = 7 * DAY_NS
    hours = np.arange(7 * 24)
    cron_n, group_n, waves = max(rows // 1_000, 1_000), 300, 100
    cron_rows = cron_n * len(hours)
    group_rows = int(waves * group_n * 0.6)
    n_org = max(rows - cron_rows - group_rows, rows // 2)
    org_accts = max(n_org // 20, 1000)
    acct = rng.integers(0, org_accts, n_org)
    t = T0 + rng.integers(0, span, n_org)
    popular = (acct % 20 == 0) & (rng.random(n_org) < 0.5)
    pool = rng.random(n_org) < 0.2
    key = np.where(pool, 10**8 + rng.zipf(1.3, n_org) % 1_000_000, acct * 4 + rng.integers(0, 4, n_org))
    key = np.where(popular, 1, key)
    cron = org_accts + np.repeat(np.arange(cron_n), len(hours))
    cron_t = T0 + np.tile(hours, cron_n) * 3_600 * 10**9 + rng.integers(0, 5 * 10**9, cron_rows)
    # each cron account runs one of cron_n / 40 integration templates (~40 accounts each, under the
    # popular-key cap): only the busy-window rule keeps these hourly buckets from linking them
    integration = 2 * 10**8 + rng.integers(0, cron_n // 40, cron_n)
    cron_key = np.where(rng.random(cron_rows) < 0.3, 1, integration[cron - org_accts])
    members = org_accts + cron_n + np.arange(group_n)
    pick = rng.random((waves, group_n)) < 0.6
    wave_t = T0 + rng.integers(0, span // 60_000_000_000, waves) * 60_000_000_000
    g_acct = np.broadcast_to(members, pick.shape)[pick]
    g_t = np.broadcast_to(wave_t[:, None], pick.shape)[pick] + rng.integers(0, 20 * 10**9, pick.sum())
    all_acct = np.concatenate([acct, cron, g_acct])
    all_key = np.concatenate([key, cron_key, np.full(len(g_acct), 3)])
    table = pa.table(
        {
            "account_id": pc.binary_join_element_wise("a", pc.cast(pa.array(all_acct), pa.string()), ""),
            "timestamp": pa.array(np.concatenate([t, cron_t, g_t]), pa.timestamp("ns", "UTC")),
            "prompt_fingerprint": pc.binary_join_element_wise("fp_", pc.cast(pa.array(all_key), pa.string()), ""),
        }
    )
    groups = {"cron": np.arange(org_accts, org_accts + cron_n), "group": members, "organic": np.arange(org_accts)}
    return table, groups


def run(rows: int) -> dict[str, object]:
    table, groups = world(rows)
    tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    result = lockstep_links(table)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    linked = result.links["acct"].str.slice(1).astype(np.int64).to_numpy()
    kinds = {k: int(np.isin(linked, v).sum()) for k, v in groups.items()}
    group_accounts = int(np.unique(linked[np.isin(linked, groups["group"])]).size)
    buckets = result.buckets
    return {
        "rows": table.num_rows,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_traced_mb": round(peak / 2**20),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "links_by_kind": kinds,
        "group_accounts_linked": group_accounts,
        "buckets_ge_min": len(buckets),
        "generic_buckets": int(buckets["generic"].sum()),
        "kept_buckets_planted_key": int((~buckets["generic"] & (buckets["key"] == "pf:fp_3")).sum()),
        "kept_buckets_other_keys": int((~buckets["generic"] & (buckets["key"] != "pf:fp_3")).sum()),
        "busy_windows": len(result.busy_windows),
        "generic_keys": len(result.generic_keys),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 5_000_000, 20_000_000])
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.rows[0])), flush=True)
        return
    for rows in args.rows:
        subprocess.run([sys.executable, __file__, "--one", "--rows", str(rows)], check=True)


if __name__ == "__main__":
    main()
