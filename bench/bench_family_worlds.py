"""Template families on real worlds' SimHashes: this tree against a baseline tree, same process.

Usage::

    git archive <commit> linkgraph | tar -x -C /tmp/base
    python bench/bench_family_worlds.py W [W ...] --baseline /tmp/base [--repeat 3]

Reads each world's ``prompt_fingerprints`` SimHashes (with their request counts as weights),
runs :func:`linkgraph.signals.families.named_families` of this checkout and of the baseline
tree alternately ``--repeat`` times (each tree first on every other repetition: the first run
of a pair is slower), and prints the median seconds of each, their ratio and whether the
labels and family ids are identical. Worlds of dense paraphrase clouds (the fourteenth and
fifteenth independent worlds) are where the pair work and the chain rounds cost. With the
baseline set to this checkout the ratio shows the machine's noise (0.92-1.06 on ev1m).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent.parent


def _families_module(tree: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, tree / "linkgraph" / "signals" / "families.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _hashes(world: Path) -> tuple[np.ndarray, np.ndarray]:
    frame = pd.read_parquet(world / "prompt_fingerprints.parquet", columns=["simhash", "request_count"])
    frame = frame[frame["simhash"].notna()]
    hashes = np.array([int(h, 16) for h in frame["simhash"]], dtype=np.uint64)
    return hashes, frame["request_count"].fillna(1).to_numpy(dtype=np.float64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("worlds", nargs="+", type=Path)
    parser.add_argument("--baseline", type=Path, required=True, help="a tree holding linkgraph/ (git archive)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    trees = {"now": _families_module(HERE, "families_now"), "base": _families_module(args.baseline, "families_base")}
    for world in args.worlds:
        hashes, weights = _hashes(world)
        seconds: dict[str, list[float]] = {"now": [], "base": []}
        result = {}
        for rep in range(args.repeat):
            order = list(trees.items()) if rep % 2 == 0 else list(trees.items())[::-1]  # no first-run bias
            for name, module in order:
                start = time.perf_counter()
                result[name] = module.named_families(hashes, weights, 4)
                seconds[name].append(time.perf_counter() - start)
        same = all(np.array_equal(a, b) for a, b in zip(result["now"], result["base"], strict=True))
        median = {k: float(np.median(v)) for k, v in seconds.items()}
        print(
            json.dumps(
                {
                    "world": world.name,
                    "distinct_hashes": len(np.unique(hashes)),
                    "median_s": {k: round(v, 2) for k, v in median.items()},
                    "ratio": round(median["now"] / median["base"], 3),
                    "identical": same,
                }
            )
        )


if __name__ == "__main__":
    main()
