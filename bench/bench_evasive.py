"""Quality on worlds of both kinds, several sizes and seeds: precision, recall, per operation.

Each world is generated on demand (cached under bench/out/worlds), detected in a fresh
process with the default settings, and scored with ``linkgraph evaluate --json``.

    python bench/bench_evasive.py --sizes 400000,1000000 --seeds 1,2,3 --world evasive
    python bench/bench_evasive.py --sizes 100000 --seeds 7 --scale op_varied=4 --scale op_sync=4   # stress
    python bench/bench_evasive.py --sizes 100000,400000 --seeds 1,2,3 --world alt   # bench/alt_world.py
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
CLI = [sys.executable, "-m", "linkgraph.cli.main"]
ALT_WORLD = Path(__file__).resolve().parent / "alt_world.py"


def world(kind: str, size: int, seed: int, scale: tuple[str, ...] = ()) -> Path:
    """The world's directory, generated once (``scale``: ``NAME=FACTOR`` specs of a stress world)."""
    tag = "".join(f"-{spec.replace('=', 'x')}" for spec in scale)
    folder = OUT / "worlds" / f"{kind}-{size}-s{seed}{tag}"
    if not (folder / "truth.csv").is_file():
        if kind == "alt":  # the independent generator: no --scale
            command = [sys.executable, str(ALT_WORLD), str(folder), "--accounts", str(size), "--seed", str(seed)]
        else:
            command = [*CLI, "generate", str(folder), "--accounts", str(size), "--seed", str(seed), "--world", kind]
            command += [arg for spec in scale for arg in ("--scale", spec)]
        subprocess.run(command, check=True, capture_output=True)
    return folder


def measure(kind: str, size: int, seed: int, scale: tuple[str, ...] = ()) -> dict:
    """Detect in a fresh process, then evaluate the default export."""
    data = world(kind, size, seed, scale)
    runs = OUT / "runs" / data.name
    shutil.rmtree(runs, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([*CLI, "detect", str(data), "--runs", str(runs)], check=True, capture_output=True)
    wall = time.perf_counter() - start
    result = subprocess.run(
        [*CLI, "evaluate", "--runs", str(runs), "--truth", str(data / "truth.csv"), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    ev = json.loads(result.stdout)
    ev.update(world=kind + "".join(f" {spec}" for spec in scale), size=size, seed=seed, wall_s=round(wall, 1))
    return ev


def row(ev: dict) -> str:
    groups = ev["group_recall"]
    lowest = min(groups, key=groups.get) if groups else "-"
    custom = sum(ev["organic_exported_by_group"].get(g, 0) for g in ("organic_cron", "organic_proxy_customers"))
    custom += ev["organic_exported_by_group"].get("organic_hydra_customers", 0)
    share = ev["benign_group_exported"] / max(ev["benign_group_accounts"], 1)
    repl = "-" if ev["replacement_recall"] is None else f"{ev['replacement_recall']:.4f}"
    return (
        f"| {ev['world']} | {ev['size']:,} | {ev['seed']} | {ev['precision']:.4f} | {ev['recall']:.4f} | "
        f"{groups.get(lowest, 0):.4f} ({lowest}) | {repl} | {ev['benign_group_exported']} ({share:.3%}) | "
        f"{ev['organic_exported']} / {custom} | {ev['wall_s']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--world", default="evasive", choices=["evasive", "classic", "alt"])
    parser.add_argument(
        "--scale", action="append", default=[], help="stress world: NAME=FACTOR (linkgraph generate --scale)"
    )
    args = parser.parse_args()
    if args.world == "alt" and args.scale:
        parser.error("--scale applies to linkgraph generate's worlds, not --world alt")
    print(
        "| world | accounts | seed | precision | recall | lowest operation | replacements | benign exported |"
        " organic exported / of them cron or proxy customers | detect wall (s) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for size in (int(s) for s in args.sizes.split(",")):
        for seed in (int(s) for s in args.seeds.split(",")):
            print(row(measure(args.world, size, seed, tuple(args.scale))), flush=True)


if __name__ == "__main__":
    main()
