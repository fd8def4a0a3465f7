"""Template families stay near-linear and do not chain across unrelated templates.

Usage: ``python bench/bench_families.py [--sizes 100000 1000000 3000000]`` — for each size,
a world of that many distinct hashes: mostly random 64-bit hashes (unrelated templates),
plus planted families (a centre and paraphrases with 0..max_bits flipped bits, one family
with 20,000 paraphrases). Reports time, the family-size distribution of the random part,
planted recall (share of each planted family in its main family) and merges.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

import numpy as np

from linkgraph.signals.families import template_families


def paraphrases(rng: np.random.Generator, centre: np.uint64, n: int, max_bits: int) -> np.ndarray:
    """``n`` hashes with 0..max_bits random bits of ``centre`` flipped."""
    out = np.full(n, centre, dtype=np.uint64)
    flips = rng.integers(0, max_bits + 1, n)
    for f in range(1, max_bits + 1):
        rows = np.flatnonzero(flips >= f)
        out[rows] ^= np.uint64(1) << rng.integers(0, 64, len(rows)).astype(np.uint64)
    return out


def world(n: int, max_bits: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``(hashes, planted)``: planted = family index, -1 for random hashes."""
    rng = np.random.default_rng(seed)
    sizes = [20_000] + [int(s) for s in rng.integers(2, 200, 200)]
    centres = rng.integers(0, 2**64 - 1, len(sizes), dtype=np.uint64, endpoint=True)
    planted = [np.r_[c, paraphrases(rng, c, s - 1, max_bits)] for c, s in zip(centres, sizes, strict=True)]
    planted = [np.unique(p) for p in planted]
    labels = [np.full(len(p), i) for i, p in enumerate(planted)]
    n_random = max(n - sum(len(p) for p in planted), 0)
    rand = rng.integers(0, 2**64 - 1, n_random, dtype=np.uint64, endpoint=True)
    return np.concatenate([*planted, rand]), np.concatenate([*labels, np.full(n_random, -1)])


def run(n: int, max_bits: int = 3) -> dict[str, object]:
    hashes, planted = world(n, max_bits)
    hashes, first = np.unique(hashes, return_index=True)  # distinct hashes, as in production
    planted = planted[first]
    start, cpu = time.perf_counter(), time.process_time()
    fam = template_families(hashes, max_bits=max_bits)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rand = planted < 0
    rand_sizes = np.bincount(fam)[fam[rand]]
    dist = dict(sorted(Counter(rand_sizes.tolist()).items()))
    recalls, merged = [], 0
    for p in range(planted.max() + 1):
        members = fam[planted == p]
        main = np.bincount(members).argmax()
        recalls.append(float((members == main).mean()))
        outsiders = planted[fam == main]
        merged += int((outsiders != p).any())
    return {
        "distinct": len(hashes),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "random_hash_family_sizes": dist,
        "planted_families": int(planted.max() + 1),
        "planted_recall_min": round(min(recalls), 4),
        "planted_recall_mean": round(float(np.mean(recalls)), 4),
        "planted_merged_with_other": merged,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 3_000_000])
    parser.add_argument("--max-bits", type=int, default=3)
    args = parser.parse_args()
    for n in args.sizes:
        print(json.dumps(run(n, args.max_bits)), flush=True)


if __name__ == "__main__":
    main()
