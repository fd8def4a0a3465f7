"""The signals stage: derived links from v2 columns, and nothing at all without them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from worlds import write_tables

from linkgraph.detect import DetectParams, run_detection
from linkgraph.graph import build_link_graph
from linkgraph.ingest.load import load_tables
from linkgraph.signals.derive import SignalParams, derive_links

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
T0 = pd.Timestamp("2026-09-19T00:00:00Z")


def test_signals_switch_off_cleanly_without_the_new_columns() -> None:
    """The classic sample has no SimHash and no waves: the run equals one with the signals off."""
    dataset = load_tables(SAMPLE, request_columns=("account_id", "timestamp", "model"))
    on = run_detection(dataset, DetectParams())
    off = run_detection(dataset, replace(DetectParams(), signals=SignalParams(families=False, lockstep=False)))
    assert on.signals["family_links"] == 0 and on.signals["lockstep_links"] == 0
    pd.testing.assert_frame_equal(on.scored.members, off.scored.members)
    pd.testing.assert_frame_equal(on.scored.clusters, off.scored.clusters)


def _paraphrases(center: int, n: int, rng: np.random.Generator) -> np.ndarray:
    flips = rng.integers(0, 64, size=(n, 2)).astype(np.uint64)
    return (np.uint64(center) ^ (np.uint64(1) << flips[:, 0]) ^ (np.uint64(1) << flips[:, 1])).astype(np.uint64)


def test_paraphrases_become_one_family_and_waves_become_lockstep_links() -> None:
    rng = np.random.default_rng(3)
    n = 40
    hashes = _paraphrases(0x1234_5678_9ABC_DEF0, n, rng)
    simhashes = pd.DataFrame(
        {
            "acct": np.arange(n),
            "simhash": hashes,
            "first_seen": pd.Series([T0] * n),
            "last_seen": pd.Series([T0] * n),
            "count": np.ones(n, dtype=np.int64),
        }
    )
    waves = [(T0 + pd.Timedelta(minutes=17 * w, seconds=int(s)), a) for w in range(6) for a, s in enumerate(range(n))]
    m = 5_000  # background: one request each, at random minutes of the day, on personal templates
    background = pd.DataFrame(
        {
            "acct": np.arange(n, n + m),
            "timestamp": T0 + pd.to_timedelta(rng.integers(0, 86_400, m), unit="s"),
            "prompt_simhash": rng.integers(0, 2**63, m).astype(np.uint64),
            "has_simhash": True,
        }
    )
    wave_rows = pd.DataFrame(
        {
            "acct": np.array([a for _, a in waves]),
            "timestamp": pd.Series([t for t, _ in waves]),
            "prompt_simhash": np.resize(hashes, len(waves)),
            "has_simhash": True,
        }
    )
    requests = pd.concat([background, wave_rows], ignore_index=True)
    derived = derive_links(simhashes, requests)
    families = derived.links[derived.links["kind"] == "family"]
    assert families["artifact"].nunique() == 1 and len(families) == n
    lockstep = derived.links[derived.links["kind"] == "lockstep"]
    assert set(lockstep["acct"]) == set(range(n))
    assert derived.report["lockstep_buckets"] >= 6


def test_each_fingerprint_knows_its_template_family(tmp_path: Path) -> None:
    """Load, derive and weigh: a fingerprint carries its family's code, other artifacts -1."""

    base = 0x0F0F_1234_5678_9ABC
    prompts = pd.DataFrame(
        {
            "account_id": ["a", "b", "c", "d", "e"],
            "fingerprint": ["fp_one", "fp_two", "fp_two", "fp_far", "fp_none"],
            "simhash": [
                f"{base:016x}",
                f"{base ^ 0b101:016x}",
                f"{base ^ 0b101:016x}",
                f"{~base & (2**64 - 1):016x}",
                None,
            ],
        }
    )
    tables = {
        "accounts": pd.DataFrame({"account_id": list("abcde")}),
        "payment_methods": pd.DataFrame({"account_id": ["a"], "payment_method_id": ["pm_a"]}),
        "proxies": pd.DataFrame({"account_id": ["a", "b"], "ip": ["10.0.0.1", "10.0.0.1"]}),
        "prompt_fingerprints": prompts,
    }
    dataset = load_tables(write_tables(tables, tmp_path / "w"))
    derived = derive_links(dataset.simhashes, None, SignalParams())
    graph = build_link_graph(dataset, None, derived.links, derived.fingerprint_family)
    arts = graph.artifacts.set_index("artifact")
    family_of = {fp: graph.artifacts["artifact"].iloc[arts.loc[fp, "family"]] for fp in ("fp_one", "fp_two", "fp_far")}
    assert family_of["fp_one"] == family_of["fp_two"] != family_of["fp_far"]
    assert all(name.startswith("tf:") for name in family_of.values())
    assert arts.loc["fp_none", "family"] == -1 and arts.loc["10.0.0.1", "family"] == -1
    assert (graph.artifacts.loc[graph.artifacts["kind"] == "family", "family"] == -1).all()
