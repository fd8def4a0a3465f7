"""A domain's home network on Spark: the same accounts at home as embedded, established staff included."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from worlds import write_tables

from linkgraph.graph import GraphParams, build_link_graph
from linkgraph.ingest.load import load_tables
from linkgraph.scoring.home import home_network
from linkgraph.scoring.population import established_accounts

pytestmark = pytest.mark.spark
N = 200
START = pd.Timestamp("2026-03-02", tz="UTC")


def _world() -> dict[str, pd.DataFrame]:
    """A firm's 12 staff (created years before the log; 10 behind its office NAT), 24 accounts an
    operation made on the firm's domain in the log's first week (on its VMs), a new hire behind
    the office NAT, a campus whose 8 new students share its NAT, and webmail users."""
    ids = [f"u{i:04d}" for i in range(N)]
    domain = ["firm.example"] * 37 + ["uni.example"] * 8 + ["mail.example"] * (N - 45)
    created = [START - pd.Timedelta(days=900 + 10 * i) for i in range(12)]
    created += [START + pd.Timedelta(days=i % 7) for i in range(12, N)]
    ips = [(a, "10.1.0.1") for a in [*range(10), 36]] + [(a, f"10.2.0.{a % 4}") for a in range(12, 36)]
    ips += [(a, "10.3.0.1") for a in range(37, 45)] + [(a, f"10.9.{a}.1") for a in range(45, N)]
    requests = pd.DataFrame({"account_id": ids, "timestamp": [START + pd.Timedelta(hours=i) for i in range(N)]})
    return {
        "accounts": pd.DataFrame({"account_id": ids, "email_domain": domain, "created_at": created}),
        "proxies": pd.DataFrame({"account_id": [ids[a] for a, _ in ips], "ip": [ip for _, ip in ips]}),
        "payment_methods": pd.DataFrame({"account_id": ids[:2], "payment_method_id": ["pm_a", "pm_b"]}),
        "prompt_fingerprints": pd.DataFrame({"account_id": ids[:2], "fingerprint": ["fp_a", "fp_b"]}),
        "requests": requests,
    }


def test_spark_puts_the_same_accounts_at_home_as_embedded(spark_settings: object, tmp_path: Path) -> None:
    from linkgraph.spark.home import home_network_table, with_established
    from linkgraph.spark.links import build_graph
    from linkgraph.spark.session import start_session
    from linkgraph.spark.validate import validate_tables

    data = write_tables(_world(), tmp_path / "world")
    dataset = load_tables(data)
    graph = build_link_graph(dataset, GraphParams())
    established = established_accounts(dataset.accounts, dataset.requests)
    assert established is not None and established.sum() == 12
    home = home_network(graph, dataset.accounts["email_domain"], 5, established)
    at_home = set(graph.account_ids[np.flatnonzero(home)])
    assert {f"u{i:04d}" for i in range(10)} <= at_home  # the staff keep their office
    assert "u0036" not in at_home  # the staff's home, not the new hire's by it
    assert {f"u{i:04d}" for i in range(37, 45)} <= at_home  # new students on the campus NAT

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    checked = validate_tables(spark, str(data))
    spark_graph = build_graph(spark, checked.tables, None, GraphParams())
    requests = checked.tables["requests"]
    dated = replace(spark_graph, accounts=with_established(spark_graph.accounts, requests))
    table = home_network_table(dated, 5)
    assert table is not None
    codes = table.select("acct").toPandas()["acct"].to_numpy()
    ids = dated.accounts.select("acct", "account_id").toPandas().set_index("acct")["account_id"]
    assert set(ids.loc[codes]) == at_home
