"""Rewrite groups on Spark: the same groups and link rows as the embedded signal gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from rewrite_worlds import flip
from worlds import write_tables

from linkgraph.ingest.load import load_tables
from linkgraph.signals.derive import REWRITE, SignalParams, derive_links

pytestmark = pytest.mark.spark


def _world(seed: int = 4) -> dict[str, pd.DataFrame]:
    """Five cells of two accounts on rewrites of one master, two of another, and loners."""
    rng = np.random.default_rng(seed)
    rows = []
    account = 0
    for n_cells in (5, 2):
        master = int(rng.integers(0, 2**63))
        for _ in range(n_cells):
            rewrite = flip(rng, master, int(rng.integers(3, 6)))
            for _member in range(2):
                for p in range(3):
                    rows.append((f"u{account:03d}", f"fp_{account}_{p}", flip(rng, rewrite, p % 2)))
                account += 1
    for _ in range(30):
        rows.append((f"u{account:03d}", f"fp_{account}", int(rng.integers(0, 2**63))))
        account += 1
    ids, fingerprints, hashes = zip(*rows, strict=True)
    return {
        "accounts": pd.DataFrame({"account_id": sorted(set(ids))}),
        "payment_methods": pd.DataFrame({"account_id": ["u000"], "payment_method_id": ["pm_1"]}),
        "proxies": pd.DataFrame({"account_id": ["u000"], "ip": ["10.0.0.1"]}),
        "prompt_fingerprints": pd.DataFrame(
            {"account_id": ids, "fingerprint": fingerprints, "simhash": [f"{h:016x}" for h in hashes]}
        ),
    }


def _rows(frame: pd.DataFrame) -> list[tuple[str, str, int]]:
    return sorted(
        (str(a), str(r), int(c)) for a, r, c in zip(frame["account_id"], frame["artifact"], frame["count"], strict=True)
    )


def test_spark_finds_the_embedded_rewrite_groups(spark_settings: object, tmp_path: Path) -> None:
    from linkgraph.spark.families import family_links, family_table
    from linkgraph.spark.rewrites import rewrite_links
    from linkgraph.spark.session import start_session
    from linkgraph.spark.validate import validate_tables

    data = write_tables(_world(), tmp_path / "world")
    dataset = load_tables(data)
    derived = derive_links(dataset.simhashes, None, SignalParams())
    embedded = derived.links[derived.links["kind"] == REWRITE]
    ids = dataset.accounts["account_id"].to_numpy()
    want = _rows(embedded.assign(account_id=ids[embedded["acct"].to_numpy()]))
    assert len(want) == 10 and len({r for _, r, _ in want}) == 1  # the five cells; two cells are no group

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    fingerprints = validate_tables(spark, str(data)).tables["prompt_fingerprints"]
    families = family_table(spark, fingerprints, None, SignalParams())
    found, report = rewrite_links(spark, family_links(fingerprints, None, families), families, SignalParams())
    assert found is not None
    assert _rows(found.toPandas()) == want
    assert report == {k: derived.report[k] for k in ("rewrite_bits", "rewrite_groups", "rewrite_links")}
