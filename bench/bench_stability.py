"""Stable identity: drop 10% of an operation's accounts and run the scheduled detection again.

Usage: ``python bench/bench_stability.py [--accounts 100000] [--seeds 1 2] [--worlds classic evasive]
[--drop 0.1] [--resolution 1.0] [--out bench/out/stability]``

For every world and seed: generate the world, detect it into a fresh runs directory, drop
``--drop`` of one fraudulent operation's accounts from every table, detect again
into the *same* runs directory (the default scheduled run: warm start from the previous
run), and print for the fraud operation spread over the most clusters (ties: the largest):

- whether its campaign kept its id,
- the share of its still-present clustered accounts that kept their cluster (cell) id,
- the lineage statuses of its clusters in the second run (``shrunk`` is the hoped-for one),
- whether a cold run of the same input on a fresh runs directory repeats the first run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from linkgraph.communities.params import PartitionParams  # noqa: E402
from linkgraph.detect import DetectParams, detect  # noqa: E402
from linkgraph.runs.store import read_table  # noqa: E402
from linkgraph.synth import generate_world  # noqa: E402

TABLES = ("accounts", "payment_methods", "proxies", "prompt_fingerprints", "requests")


def most_split_operation(truth: pd.DataFrame, members: pd.DataFrame) -> str:
    """The fraud group spread over the most clusters (ties: the largest): the hardest case for ids."""
    fraud = truth[truth["kind"] == "fraud"].merge(members, on="account_id")
    per = fraud.groupby("group").agg(cells=("cluster_id", "nunique"), size=("account_id", "size"))
    return str(per.sort_values(["cells", "size"], ascending=False).index[0])


def drop_accounts(world: Path, out: Path, fraction: float, seed: int, group: str) -> set[str]:
    """Copy ``world`` to ``out`` without ``fraction`` of the accounts of ``group``; returns the dropped ids."""
    truth = pd.read_csv(world / "truth.csv")
    fraud = truth[truth["kind"] == "fraud"]
    ids = np.sort(fraud.loc[fraud["group"] == group, "account_id"].astype(str).to_numpy())
    rng = np.random.default_rng(seed)
    dropped = set(rng.choice(ids, size=round(fraction * len(ids)), replace=False).tolist())
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for path in world.iterdir():
        name = path.name.split(".")[0]
        if name in TABLES:
            frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
            frame[~frame["account_id"].astype(str).isin(dropped)].to_parquet(out / f"{name}.parquet", index=False)
    return dropped


def members(runs: Path, run_id: str) -> pd.DataFrame:
    return read_table(runs / run_id, "members")


def measure(world: Path, work: Path, fraction: float, seed: int, resolution: float = 1.0) -> dict:
    """Run the drop experiment on ``world``; every artefact goes under ``work``.

    ``resolution`` above 1 makes Leiden cut operations into more cells (the hard case).
    """
    params = DetectParams(partition=PartitionParams(resolution=resolution))
    runs = work / "runs"
    shutil.rmtree(runs, ignore_errors=True)
    first = detect(world, runs, params)
    truth = pd.read_csv(world / "truth.csv")
    group = most_split_operation(truth, members(runs, first))
    dropped = drop_accounts(world, work / "dropped", fraction, seed, group)
    t0 = time.perf_counter()
    second = detect(work / "dropped", runs, params)
    seconds = time.perf_counter() - t0
    op = set(truth.loc[truth["group"] == group, "account_id"].astype(str)) - dropped
    a, b = members(runs, first), members(runs, second)
    a_op, b_op = a[a["account_id"].isin(op)], b[b["account_id"].isin(op)]
    both = a_op.merge(b_op, on="account_id", suffixes=("_a", "_b"))
    camp_a = a_op["campaign_id"].value_counts().index[0] if len(a_op) else None
    camp_b = b_op["campaign_id"].value_counts().index[0] if len(b_op) else None
    lineage = read_table(runs / second, "lineage")
    op_clusters = set(a_op["cluster_id"]) | set(b_op["cluster_id"])
    statuses = lineage[lineage["cluster_id"].isin(op_clusters)]["status"].value_counts().to_dict()
    everyone = a.merge(b, on="account_id", suffixes=("_a", "_b"))
    shutil.rmtree(work / "cold", ignore_errors=True)
    cold = detect(world, work / "cold", params)
    repeat = members(work / "cold", cold)[["account_id", "cluster_id"]]
    same = (
        repeat.sort_values("account_id")
        .reset_index(drop=True)
        .equals(a[["account_id", "cluster_id"]].sort_values("account_id").reset_index(drop=True))
    )
    return {
        "group": group,
        "op_accounts": len(op),
        "op_clusters_before": int(a_op["cluster_id"].nunique()),
        "op_clusters_after": int(b_op["cluster_id"].nunique()),
        "campaign_before": camp_a,
        "campaign_after": camp_b,
        "campaign_kept": camp_a is not None and camp_a == camp_b,
        "op_cell_kept": float((both["cluster_id_a"] == both["cluster_id_b"]).mean()) if len(both) else 0.0,
        "all_cell_kept": float((everyone["cluster_id_a"] == everyone["cluster_id_b"]).mean()),
        "statuses": statuses,
        "cold_repeat_identical": bool(same),
        "second_run_s": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--worlds", nargs="+", default=["classic", "evasive"])
    parser.add_argument("--drop", type=float, default=0.1)
    parser.add_argument("--resolution", type=float, default=1.0, help="Leiden resolution (above 1: more cells)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "stability")
    args = parser.parse_args()
    header = "world     seed  operation   accts  cells a→b  campaign            kept  cell kept  all kept  lineage"
    print(header)
    for kind in args.worlds:
        for seed in args.seeds:
            base = args.out / f"{kind}-{args.accounts}-{seed}"
            world = base / "world"
            if not (world / "truth.csv").is_file():
                generate_world(world, args.accounts, seed, world=kind)
            try:
                r = measure(world, base / f"r{args.resolution:g}", args.drop, seed, args.resolution)
            except ValueError as exc:  # e.g. an evasive world before the ingest reads contract v2 columns
                print(f"{kind:<9} {seed:<5} detection refused the world: {exc}", flush=True)
                continue
            statuses = ", ".join(f"{k} {v}" for k, v in sorted(r["statuses"].items()))
            print(
                f"{kind:<9} {seed:<5} {r['group']:<11} {r['op_accounts']:>6}  {r['op_clusters_before']:>3}→"
                f"{r['op_clusters_after']:<3}    {r['campaign_before']}→{r['campaign_after']}  "
                f"{'yes' if r['campaign_kept'] else 'NO':<4}  {r['op_cell_kept']:>8.1%}  {r['all_cell_kept']:>8.1%}  "
                f"{statuses}; cold repeat identical: {r['cold_repeat_identical']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
