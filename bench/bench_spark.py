"""Spark benchmark: ``linkgraph detect`` embedded against ``--engine spark`` in local[1] and local[2].

Usage::

    python bench/bench_spark.py --data /tmp/ev1m                      # one world, each engine once
    python bench/bench_spark.py --data /tmp/ev1m /data/ev10m --repeat 3
    python bench/bench_spark.py --data /tmp/ev1m --masters 'local[2]'  # skip local[1]

Every detection runs in a FRESH process (``linkgraph detect`` as a subprocess) into a fresh
runs directory. Wall time is the child's; peak memory is the peak of the summed RSS of the
child's whole process tree (Python driver + the JVM Spark starts + its Python workers),
sampled every 0.2 s from /proc, next to ``os.wait4``'s ``ru_maxrss`` (the largest single
process). Stage times come from the run manifest (``timings_s``). Medians of ``--repeat``
runs; the machines are shared, so compare the engines within one invocation only.

The last section is the paper estimate for 100M accounts and 5B request rows, scaled
linearly from the measured per-row cost of each Spark stage (see docs/spark.md, Sizing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "linkgraph"
SPARK_STAGES = ("session", "read", "signals", "graph", "components", "communities", "population", "scoring", "collect")


def _tree_rss(root: int) -> int:
    """Summed RSS (bytes) of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run_child(args: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, peak tree RSS (MB), wait4 maxrss (MB) and stdout of one fresh process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss(proc.pid))
                done.wait(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code != 0:
            raise RuntimeError(f"{' '.join(args)} exited {code}: {err.read().decode()[-3000:]}")
        return wall, peak[0] / 2**20, usage.ru_maxrss / 1024, out.read().decode()


def detect(data: str, engine: str, master: str | None) -> dict:
    runs = Path(tempfile.mkdtemp(prefix="bench-spark-runs-"))
    args = [str(BIN), "detect", data, "--runs", str(runs)]
    if engine == "spark":
        args += ["--engine", "spark", "--spark-master", str(master)]
    try:
        wall, tree, single, stdout = run_child(args)
        run_id = stdout.strip().splitlines()[-1]
        manifest = json.loads((runs / run_id / "manifest.json").read_text())
    finally:
        shutil.rmtree(runs, ignore_errors=True)
    return {
        "wall_s": wall,
        "peak_tree_mb": tree,
        "maxrss_mb": single,
        "timings": manifest["timings_s"],
        "flagged": manifest["flagged_accounts"],
        "accounts": manifest["accounts"],
        "input_rows": manifest["input_rows"],
    }


def median_of(results: list[dict]) -> dict:
    out = dict(results[0])
    for key in ("wall_s", "peak_tree_mb", "maxrss_mb"):
        out[key] = statistics.median(r[key] for r in results)
    stages = set().union(*(r["timings"] for r in results))
    out["timings"] = {s: statistics.median(r["timings"].get(s, 0.0) for r in results) for s in stages}
    return out


def estimate(result: dict, cores: int, accounts: float = 100e6, requests: float = 5e9) -> list[str]:
    """Paper estimate for ``accounts`` and ``requests``, scaled from one measured Spark run."""
    rows = result["input_rows"]
    n_req = max(rows.get("requests", 0), 1)
    n_links = sum(v for k, v in rows.items() if k not in ("accounts", "requests"))
    scale_req = requests / n_req
    scale_acct = accounts / result["accounts"]
    t = result["timings"]
    # core-seconds per stage, scaled by what the stage grows with
    core_s = {
        "read": t.get("read", 0) * cores * max(scale_req, scale_acct) * n_req / (n_req + n_links)
        + t.get("read", 0) * cores * scale_acct * n_links / (n_req + n_links),
        "signals": t.get("signals", 0) * cores * scale_req,
        "graph": t.get("graph", 0) * cores * scale_acct,
        "components": t.get("components", 0) * cores * scale_acct,
        "communities": t.get("communities", 0) * cores * scale_acct,
        "population": t.get("population", 0) * cores * max(scale_req, scale_acct),
        "scoring": t.get("scoring", 0) * cores * max(scale_req, scale_acct),
    }
    total = sum(core_s.values())
    window_s = 2 * 3600
    executors_cores = total / window_s
    driver_gb = accounts * (100 + 16) / 1e9  # the accounts table and the membership; scoring runs in tasks
    lines = [
        f"Scaled from {result['accounts']:,} accounts / {n_req:,} request rows "
        f"({cores} core(s)): x{scale_acct:,.0f} accounts, x{scale_req:,.0f} request rows.",
        "",
        "| stage | core-hours at 100M / 5B |",
        "| --- | ---: |",
        *[f"| {k} | {v / 3600:,.1f} |" for k, v in core_s.items()],
        f"| **total** | **{total / 3600:,.1f}** |",
        "",
        f"To finish the Spark stages in a 2-hour nightly window: ~{executors_cores:,.0f} cores "
        f"(e.g. {max(1, round(executors_cores / 4)):,} executors x 4 cores, 16 GB each).",
        f"Driver (accounts table and membership; no links or requests, scoring runs in tasks): ~{driver_gb:,.0f} GB.",
    ]
    return lines


def cores_of(master: str) -> int:
    """Cores of a ``local[N]`` master (``local[*]`` and clusters: this machine's count)."""
    inner = master.removeprefix("local[").removesuffix("]")
    return int(inner) if inner.isdigit() else os.cpu_count() or 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", nargs="+", required=True, help="world directories (linkgraph generate)")
    parser.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-embedded", action="store_true")
    args = parser.parse_args()
    rows, last_spark = [], None
    for data in args.data:
        configs = ([] if args.no_embedded else [("embedded", None)]) + [("spark", m) for m in args.masters]
        for engine, master in configs:
            results = []
            for i in range(args.repeat):
                print(f"{data} {engine} {master or ''} run {i + 1}", file=sys.stderr, flush=True)
                results.append(detect(data, engine, master))
            r = median_of(results)
            rows.append((data, engine if master is None else f"spark {master}", r))
            if engine == "spark":
                last_spark = (r, cores_of(str(master)))
    print("| world | engine | wall s | peak RSS, process tree MB | max single process MB | flagged |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for data, name, r in rows:
        print(
            f"| {Path(data).name} | {name} | {r['wall_s']:.1f} | {r['peak_tree_mb']:.0f} | "
            f"{r['maxrss_mb']:.0f} | {r['flagged']} |"
        )
    print()
    print("| world | engine | " + " | ".join(SPARK_STAGES) + " |")
    print("| --- | --- |" + " ---: |" * len(SPARK_STAGES))
    for data, name, r in rows:
        cells = " | ".join(f"{r['timings'].get(s, 0.0):.1f}" if s in r["timings"] else "-" for s in SPARK_STAGES)
        print(f"| {Path(data).name} | {name} | {cells} |")
    if last_spark is not None:
        print()
        print("\n".join(estimate(*last_spark)))


if __name__ == "__main__":
    main()
