"""Light prompts on Spark: the same flags as the embedded graph (a prompt nearly every user sent once)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from worlds import write_tables

from linkgraph.graph import GraphParams, build_link_graph
from linkgraph.ingest.load import load_tables

pytestmark = pytest.mark.spark


def _world(counted: bool) -> dict[str, pd.DataFrame]:
    ids = [f"u{i:03d}" for i in range(60)]
    rows = [(a, "fp_public", 1) for a in range(20)] + [(a, "fp_template", 5) for a in range(20, 30)]
    rows += [(a, "fp_mostly_once", 1 if a < 39 else 2) for a in range(30, 40)]  # 9 of 10 sent it once
    rows += [(a, "fp_twice", 2) for a in range(40, 50)]
    prompts = pd.DataFrame({"account_id": [ids[a] for a, _, _ in rows], "fingerprint": [f for _, f, _ in rows]})
    if counted:
        prompts["request_count"] = [c for _, _, c in rows]
    cards = pd.DataFrame({"account_id": ids[:10], "payment_method_id": ["card_a"] * 10})
    ips = pd.DataFrame({"account_id": ids[:10], "ip": ["10.0.0.1"] * 10})
    tables = {"accounts": pd.DataFrame({"account_id": ids}), "payment_methods": cards, "proxies": ips}
    return tables | {"prompt_fingerprints": prompts}


def _light(artifacts: pd.DataFrame) -> dict[str, bool]:
    return dict(zip(artifacts["artifact"].astype(str), artifacts["light"].astype(bool), strict=True))


@pytest.mark.parametrize("counted", [True, False])
def test_spark_marks_the_same_light_prompts_as_embedded(spark_settings: object, tmp_path: Path, counted: bool) -> None:
    from linkgraph.spark.collect import link_frames
    from linkgraph.spark.links import build_graph
    from linkgraph.spark.session import start_session
    from linkgraph.spark.validate import validate_tables

    data = write_tables(_world(counted), tmp_path / "world")
    flags = _light(build_link_graph(load_tables(data)).artifacts)
    light = {"fp_public", "fp_mostly_once"} if counted else set()
    assert {name for name, is_light in flags.items() if is_light} == light  # no card, IP or template

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    graph = build_graph(spark, validate_tables(spark, str(data)).tables, None, GraphParams())
    _, artifacts, _ = link_frames(graph)
    assert _light(artifacts) == flags
