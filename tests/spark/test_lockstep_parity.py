"""Spark's lockstep job gives the embedded signal's links, buckets and report, popular keys included."""

from __future__ import annotations

import pandas as pd
import pytest
from lockstep_worlds import paraphrase_world, popular_key_world

from linkgraph.signals.derive import SignalParams
from linkgraph.signals.lockstep import Lockstep, lockstep_links
from linkgraph.signals.waves import WAVE_KEY

pytestmark = pytest.mark.spark


@pytest.mark.parametrize("crowd_on_key", [0, 100])
def test_spark_lockstep_equals_embedded(spark_settings: object, crowd_on_key: int) -> None:
    got = _both_engines(spark_settings, popular_key_world(crowd_on_key))
    assert any(a.endswith("|pf:fp_big") for _, a, _ in got)  # the popular key's waves
    assert not any(account.startswith("c") for account, _, _ in got)  # the crowd at 12:00


def test_spark_lockstep_finds_the_same_waves_over_many_paraphrases(spark_settings: object) -> None:
    got = _both_engines(spark_settings, paraphrase_world(seed=1))
    assert sum(a.endswith(f"|{WAVE_KEY}") for _, a, _ in got) >= 100  # the fragments of the waves


def _both_engines(spark_settings: object, frame: pd.DataFrame) -> list[tuple]:
    """The links ``(account, artifact, count)`` both engines find (asserted equal, reports too)."""
    from linkgraph.spark.lockstep import lockstep
    from linkgraph.spark.session import start_session

    embedded = lockstep_links(frame)
    spark = start_session(spark_settings)  # type: ignore[arg-type]
    found = lockstep(spark.createDataFrame(frame), by_family=False, params=SignalParams())
    links = found.links.select("account_id", "artifact", "count").toPandas()
    got = sorted(map(tuple, links.itertuples(index=False)))
    want = sorted(map(tuple, embedded.links[["acct", "artifact", "count"]].itertuples(index=False)))
    assert got == want
    assert found.report == _report(embedded)
    return got


def _report(embedded: Lockstep) -> dict[str, int]:
    kept = embedded.buckets[~embedded.buckets["generic"]]
    popular = kept["key"].isin(embedded.generic_keys["key"])
    return {
        "lockstep_buckets": len(kept),
        "lockstep_generic_buckets": int(embedded.buckets["generic"].sum()),
        "lockstep_busy_windows": len(embedded.busy_windows),
        "lockstep_generic_keys": len(embedded.generic_keys),
        "lockstep_popular_key_waves": int(popular.sum()),
    }
