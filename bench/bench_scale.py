"""Scale benchmark: whole ``linkgraph detect`` at 100k to 10M accounts, plus a networkx baseline.

Usage::

    python bench/bench_scale.py                          # 100k and 1M accounts
    python bench/bench_scale.py --sizes 100k 1M 3M 10M   # the full ladder (10M: ~20M request rows)
    python bench/bench_scale.py --sizes 1M --repeat 3    # median of three detections
    python bench/bench_scale.py --no-baseline --cache /data/worlds

Each world is generated once on demand into the cache directory (default ``bench/out/``,
git-ignored) and detected in a FRESH process (``linkgraph detect`` as a subprocess); wall
time and peak RSS are that child's own (``os.wait4``). Stage times come from the run
manifest (``timings_s``), quality from ``linkgraph evaluate --json`` against truth.csv.
The baseline (at the smallest size, also in a fresh process) reads the tables with pandas,
builds the account-artifact graph in networkx and runs networkx Louvain; its quality is
naive (every account in a community of 5 to 1000 accounts is flagged). Speed is reported
as ratios against measurements of the same run, because the machines are shared and noisy.
Prints a markdown table.
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
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "linkgraph"
DEFAULT_CACHE = Path(__file__).parent / "out"
UNITS = {"k": 1_000, "m": 1_000_000}


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * UNITS[text[-1]]) if text[-1] in UNITS else int(text)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1_000}k"


def run_child(args: list[str]) -> tuple[float, float, str]:
    """Run a command in a fresh process; its wall seconds, its own peak RSS in MB and its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {err.read().decode()[-2000:]}")
        return wall, usage.ru_maxrss / 1024, out.read().decode()


def world(cache: Path, n: int, seed: int, requests_per_account: float) -> Path:
    """Generate (once) and return the world with ``n`` accounts."""
    path = cache / f"world-{label(n)}-s{seed}-r{requests_per_account:g}"
    if not (path / "truth.csv").is_file():
        rpa = str(requests_per_account)
        t0 = time.perf_counter()
        subprocess.run(
            [str(BIN), "generate", str(path), "--accounts", str(n), "--seed", str(seed), "--requests-per-account", rpa],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"generated {path.name} in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return path


def detect(data: Path, runs: Path) -> dict:
    """One detection in a fresh process, evaluated against the world's truth."""
    shutil.rmtree(runs, ignore_errors=True)
    wall, peak, stdout = run_child([str(BIN), "detect", str(data), "--runs", str(runs)])
    run_id = stdout.strip().splitlines()[-1]
    manifest = json.loads((runs / run_id / "manifest.json").read_text())
    truth = str(data / "truth.csv")
    quality = json.loads(
        run_child([str(BIN), "evaluate", "--runs", str(runs), "--run", run_id, "--truth", truth, "--json"])[2]
    )
    rows = manifest.get("input_rows", {})
    return {
        "wall_s": wall,
        "peak_mb": peak,
        "stages": manifest.get("timings_s", {}),
        "links": sum(v for k, v in rows.items() if k in ("payment_methods", "proxies", "prompt_fingerprints")),
        "requests": rows.get("requests", 0),
        "precision": quality.get("precision"),
        "recall": quality.get("recall"),
    }


def baseline_child(data: Path) -> None:
    """(In a fresh process) pandas + networkx Louvain on the account-artifact graph; prints JSON."""
    import networkx as nx
    import pandas as pd

    start = time.perf_counter()
    edges = []
    for table, column in (
        ("payment_methods", "payment_method_id"),
        ("proxies", "ip"),
        ("prompt_fingerprints", "fingerprint"),
    ):
        frame = pd.read_parquet(data / f"{table}.parquet", columns=["account_id", column])
        edges.append(pd.DataFrame({"a": "acct:" + frame["account_id"], "b": f"{table}:" + frame[column].astype(str)}))
    links = pd.concat(edges, ignore_index=True)
    graph = nx.Graph()
    graph.add_edges_from(zip(links["a"], links["b"], strict=True))
    communities = nx.community.louvain_communities(graph, seed=0)
    flagged = set()
    for community in communities:
        accounts = [node[5:] for node in community if node.startswith("acct:")]
        if 5 <= len(accounts) <= 1000:
            flagged.update(accounts)
    truth = pd.read_csv(data / "truth.csv")
    fraud = set(truth.loc[truth["kind"] == "fraud", "account_id"])
    hit = len(flagged & fraud)
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - start,
                "precision": hit / len(flagged) if flagged else 0.0,
                "recall": hit / len(fraud) if fraud else 0.0,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["100k", "1M"], help="e.g. 100k 1M 3M 10M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests-per-account", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=1, help="detections per size; the median is reported")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where worlds are generated and kept")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--baseline-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline_child:
        baseline_child(args.baseline_child)
        return
    args.cache.mkdir(parents=True, exist_ok=True)
    sizes = sorted(parse_size(s) for s in args.sizes)
    rows = []
    for n in sizes:
        data = world(args.cache, n, args.seed, args.requests_per_account)
        runs = [detect(data, args.cache / f"runs-{label(n)}") for _ in range(args.repeat)]
        row = {
            "n": n,
            **{k: statistics.median(r[k] for r in runs) for k in ("wall_s", "peak_mb")},
            **{k: runs[0][k] for k in ("links", "requests", "precision", "recall")},
            "stages": {s: statistics.median(r["stages"].get(s, 0.0) for r in runs) for s in runs[0]["stages"]},
        }
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    stages = list(dict.fromkeys(s for r in rows for s in r["stages"]))
    print(f"| accounts | links | requests | wall s | peak MB | {' | '.join(stages)} | precision | recall |")
    print("|" + "---|" * (7 + len(stages)))
    for r in rows:
        cells = " | ".join(f"{r['stages'].get(s, 0.0):.2f}" for s in stages)
        print(
            f"| {label(r['n'])} | {r['links']:,} | {r['requests']:,} | {r['wall_s']:.1f} | {r['peak_mb']:.0f} | "
            f"{cells} | {r['precision']:.3f} | {r['recall']:.3f} |"
        )
    if not args.no_baseline:
        n = sizes[0]
        data = world(args.cache, n, args.seed, args.requests_per_account)
        wall, peak, out = run_child([sys.executable, __file__, "--baseline-child", str(data)])
        base = json.loads(out.strip().splitlines()[-1])
        ours = rows[0]
        print(f"\n| {label(n)} | wall s | peak MB | precision | recall |\n|---|---|---|---|---|")
        print(
            f"| linkgraph detect | {ours['wall_s']:.1f} | {ours['peak_mb']:.0f} | {ours['precision']:.3f} | "
            f"{ours['recall']:.3f} |"
        )
        print(
            f"| networkx Louvain (naive flags) | {wall:.1f} | {peak:.0f} | {base['precision']:.3f} | "
            f"{base['recall']:.3f} |"
        )
        print(f"\nnetworkx / linkgraph wall-time ratio at {label(n)}: {wall / ours['wall_s']:.1f}x")


if __name__ == "__main__":
    main()
