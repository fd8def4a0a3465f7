"""Quality when the input is poorer than ours: worlds without email domains or creation times.

Usage: ``python bench/bench_robustness.py [--accounts 100000] [--seeds 1 2 3]`` — generates
each world (cached in ``bench/out/``), writes copies whose ``accounts`` table lacks
``email_domain``, ``created_at`` or both, and prints precision / recall / benign-group
accounts exported of the default export for every variant.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
from bench_detect import BIN, OUT, world

VARIANTS = {
    "full": [],
    "no email_domain": ["email_domain"],
    "no created_at": ["created_at"],
    "neither": ["email_domain", "created_at"],
}


def variant(base: Path, drop: list[str], name: str) -> Path:
    """A copy of ``base`` whose accounts table lacks ``drop``."""
    if not drop:
        return base
    path = OUT / f"{base.name}-{name.replace(' ', '_')}"
    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(base, path)
    accounts = next(path.glob("accounts.*"))
    frame = pd.read_parquet(accounts) if accounts.suffix == ".parquet" else pd.read_csv(accounts)
    frame = frame.drop(columns=drop)
    accounts.unlink()
    frame.to_parquet(path / "accounts.parquet", index=False)
    return path


def evaluate(data: Path) -> dict:
    runs = OUT / f"runs-{data.name}"
    shutil.rmtree(runs, ignore_errors=True)
    subprocess.run([str(BIN), "detect", str(data), "--runs", str(runs)], check=True, capture_output=True)
    out = subprocess.run(
        [str(BIN), "evaluate", "--runs", str(runs), "--truth", str(data / "truth.csv"), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"{'seed':>4} {'variant':<16} {'precision':>9} {'recall':>7} {'lowest op':>9} {'benign exported':>16}")
    for seed in args.seeds:
        base = world(args.accounts, seed)
        for name, drop in VARIANTS.items():
            r = evaluate(variant(base, drop, name))
            print(
                f"{seed:>4} {name:<16} {r['precision']:>9.4f} {r['recall']:>7.4f} "
                f"{min(r['group_recall'].values()):>9.4f} {r['benign_group_exported']:>7}/{r['benign_group_accounts']}"
            )


if __name__ == "__main__":
    main()
