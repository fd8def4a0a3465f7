"""Detection benchmark: quality and speed at several world sizes, plus a networkx baseline.

Usage::

    python bench/bench_detect.py                       # 100k and 1M accounts, seed 1
    python bench/bench_detect.py --sizes 100000 1000000 3000000 --seeds 1 2
    python bench/bench_detect.py --baseline-size 50000 # networkx Louvain vs ours, same graph

Each detection runs in a fresh subprocess (``linkgraph detect``) so wall time and peak
memory (max RSS) are those of the whole job. Worlds are generated on demand into
``bench/out/`` (git-ignored). Results are printed as a table and written to
``bench/out/results.json``. Speed is reported as ratios against a baseline measured in
the same run, because the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"
BIN = Path(sys.executable).parent / "linkgraph"


def world(n: int, seed: int) -> Path:
    """Generate (once) and return the world with ``n`` accounts and ``seed``."""
    path = OUT / f"world-{n}-{seed}"
    if not (path / "truth.csv").is_file():
        subprocess.run(
            [str(BIN), "generate", str(path), "--accounts", str(n), "--seed", str(seed)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def run_child(args: list[str]) -> tuple[float, float, str]:
    """Run a command; return wall seconds, peak RSS of children in MB, stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(args, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024, done.stdout


def detect_and_evaluate(n: int, seed: int) -> dict:
    """Detect on one world, evaluate the default export; return the figures."""
    data = world(n, seed)
    runs = OUT / f"runs-{n}-{seed}"
    wall, peak_mb, stdout = run_child([str(BIN), "detect", str(data), "--runs", str(runs)])
    run_id = stdout.strip().splitlines()[-1]
    manifest = json.loads((runs / run_id / "manifest.json").read_text())
    quality = json.loads(
        subprocess.run(
            [str(BIN), "evaluate", "--runs", str(runs), "--run", run_id, "--truth", str(data / "truth.csv"), "--json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    return {
        "accounts": n,
        "seed": seed,
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(peak_mb),
        "stages_s": manifest["timings_s"],
        "links": sum(
            v for k, v in manifest["input_rows"].items() if k in ("payment_methods", "proxies", "prompt_fingerprints")
        ),
        **{
            k: quality[k]
            for k in (
                "precision",
                "recall",
                "group_recall",
                "benign_group_exported",
                "benign_group_accounts",
                "exported",
            )
        },
    }


def baseline(n: int, seed: int) -> dict:
    """networkx Louvain against linkgraph's Leiden on the same weighted bipartite graph."""
    import networkx as nx

    from linkgraph.backends.embedded import bipartite_arrays
    from linkgraph.communities.algorithms import partition_arrays
    from linkgraph.graph import build_link_graph
    from linkgraph.ingest.load import load_tables

    graph = build_link_graph(load_tables(world(n, seed)))
    src, dst, weight, _, n_nodes = bipartite_arrays(graph)
    start = time.perf_counter()
    ours = partition_arrays(src, dst, weight, n_nodes, "leiden", seed=0, n_iterations=2)
    t_ours = time.perf_counter() - start
    start = time.perf_counter()
    g = nx.Graph()
    g.add_nodes_from(range(n_nodes))
    g.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), weight.tolist(), strict=True))
    parts = nx.community.louvain_communities(g, weight="weight", seed=0)
    t_nx = time.perf_counter() - start
    q_nx = nx.community.modularity(g, parts, weight="weight")
    labels = {}
    for node, label in enumerate(ours.tolist()):
        labels.setdefault(label, set()).add(node)
    q_ours = nx.community.modularity(g, list(labels.values()), weight="weight")
    return {
        "accounts": n,
        "edges": len(src),
        "nodes": int(n_nodes),
        "linkgraph_leiden_s": round(t_ours, 3),
        "networkx_louvain_s": round(t_nx, 3),
        "speedup": round(t_nx / max(t_ours, 1e-9), 1),
        "modularity_linkgraph": round(q_ours, 4),
        "modularity_networkx": round(q_nx, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--baseline-size", type=int, default=50_000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[str, list] = {"detect": [], "baseline": []}
    if args.baseline_size:
        results["baseline"].append(baseline(args.baseline_size, args.seeds[0]))
        print(json.dumps(results["baseline"][-1]), flush=True)
    for n in args.sizes:
        for seed in args.seeds:
            row = detect_and_evaluate(n, seed)
            results["detect"].append(row)
            print(json.dumps(row), flush=True)
    rows = results["detect"]
    if len(rows) > 1:
        first = rows[0]
        for row in rows[1:]:
            row["time_ratio_vs_first"] = round(row["wall_s"] / first["wall_s"], 2)
            row["size_ratio_vs_first"] = round(row["accounts"] / first["accounts"], 2)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"{'accounts':>9} {'seed':>4} {'wall s':>7} {'rss MB':>7} {'prec':>7} {'recall':>7} {'min op recall':>13} "
        f"{'benign exp':>10}"
    )
    for r in rows:
        print(
            f"{r['accounts']:>9} {r['seed']:>4} {r['wall_s']:>7} {r['peak_rss_mb']:>7} {r['precision']:>7.4f} "
            f"{r['recall']:>7.4f} {min(r['group_recall'].values()):>13.4f} "
            f"{r['benign_group_exported']:>5}/{r['benign_group_accounts']}"
        )


if __name__ == "__main__":
    main()
