"""Each fingerprint's template family on Spark: the same as the embedded graph gives it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from worlds import write_tables

from linkgraph.graph import GraphParams, build_link_graph
from linkgraph.ingest.load import load_tables
from linkgraph.signals.derive import SignalParams, derive_links

pytestmark = pytest.mark.spark
BASE = 0x0F0F_1234_5678_9ABC


def _world() -> dict[str, pd.DataFrame]:
    ids = [f"u{i:02d}" for i in range(12)]
    fingerprints = ["fp_one", "fp_two", "fp_two", "fp_far", "fp_none", "fp_one"] * 2
    hashes = {"fp_one": BASE, "fp_two": BASE ^ 0b101, "fp_far": ~BASE & (2**64 - 1)}
    return {
        "accounts": pd.DataFrame({"account_id": ids}),
        "payment_methods": pd.DataFrame({"account_id": ids[:2], "payment_method_id": ["pm_1", "pm_1"]}),
        "proxies": pd.DataFrame({"account_id": ids[:3], "ip": ["10.0.0.1"] * 3}),
        "prompt_fingerprints": pd.DataFrame(
            {
                "account_id": ids,
                "fingerprint": fingerprints,
                "simhash": [f"{hashes[f]:016x}" if f in hashes else None for f in fingerprints],
            }
        ),
    }


def _families(artifacts: pd.DataFrame) -> dict[tuple[str, str], str | None]:
    names = artifacts["artifact"].astype(str).to_numpy()
    return {
        (str(k), str(a)): (names[f] if f >= 0 else None)
        for k, a, f in zip(artifacts["kind"], artifacts["artifact"], artifacts["family"], strict=True)
    }


def test_spark_gives_each_fingerprint_the_embedded_family(spark_settings: object, tmp_path: Path) -> None:
    from linkgraph.spark.collect import link_frames
    from linkgraph.spark.families import family_links, family_table, fingerprint_families
    from linkgraph.spark.links import build_graph
    from linkgraph.spark.session import start_session
    from linkgraph.spark.validate import validate_tables

    data = write_tables(_world(), tmp_path / "world")
    dataset = load_tables(data)
    derived = derive_links(dataset.simhashes, None, SignalParams())
    want = _families(build_link_graph(dataset, None, derived.links, derived.fingerprint_family).artifacts)
    assert want[("fingerprint", "fp_one")] == want[("fingerprint", "fp_two")] != want[("fingerprint", "fp_far")]
    assert want[("fingerprint", "fp_none")] is None

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    tables = validate_tables(spark, str(data)).tables
    fingerprints = tables["prompt_fingerprints"]
    families = family_table(spark, fingerprints, None, SignalParams())
    links = family_links(fingerprints, None, families)
    graph = build_graph(spark, tables, links, GraphParams(), fingerprint_families(fingerprints, families))
    _, artifacts, _ = link_frames(graph)
    assert _families(artifacts) == want
