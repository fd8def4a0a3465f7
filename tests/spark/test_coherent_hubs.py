"""Coherent hubs on Spark: the same generic flags and edges as the embedded graph, hubs re-admitted included."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from worlds import write_tables

from linkgraph.graph import GraphParams, build_link_graph
from linkgraph.ingest.load import load_tables

pytestmark = pytest.mark.spark
N = 1000
PARAMS = GraphParams(
    max_df={"payment": 500, "ip": 5, "fingerprint": 2000}, min_generic_df=60, coherent_lift=5.0, coherent_rounds=3
)
"""IPs of more than 5 users are over the absolute cut-off; up to 60 users, within the relative one."""
IP = {"op": "10.0.0.1", "h1": "10.0.0.2", "h2": "10.0.0.3", "nat": "100.64.0.1", "vpn": "10.9.9.9", "giant": "10.0.7.1"}


def _world() -> dict[str, pd.DataFrame]:
    cards: list[tuple[int, str]] = []
    ips: list[tuple[int, str]] = []
    cards += [(a, "card_a") for a in range(20)] + [(a, "card_b") for a in range(15, 40)]  # the operation: one network
    ips += [(a, IP["op"]) for a in range(40)]  # its proxy IP: re-admitted in round 1
    ips += [(a, IP["h1"]) for a in [*range(40), *range(300, 312)]]  # mostly the operation: round 1
    ips += [(a, IP["h2"]) for a in range(300, 330)]  # tied to the operation only through h1: round 2
    ips += [(a, IP["nat"]) for a in range(500, 560)]  # a carrier NAT of strangers ...
    cards += [(a, "office") for a in range(500, 505)]  # ... five of whom are colleagues
    ips += [(a, IP["vpn"]) for a in range(600, 700)]  # over the relative cut-off: never a candidate
    cards += [(700 + 9 * k + i, f"chain_{k:02d}") for k in range(28) for i in range(10)]  # a component of 253
    ips += [(a, IP["giant"]) for a in range(700, 760)]  # inside it, but no lift over chance
    ids = [f"u{i:04d}" for i in range(N)]

    def table(rows: list[tuple[int, str]], column: str) -> pd.DataFrame:
        return pd.DataFrame({"account_id": [ids[a] for a, _ in rows], column: [v for _, v in rows]})

    prompts = pd.DataFrame({"account_id": ids[:6], "fingerprint": ["fp_shared"] * 6})
    return {
        "accounts": pd.DataFrame({"account_id": ids}),
        "payment_methods": table(cards, "payment_method_id"),
        "proxies": table(ips, "ip"),
        "prompt_fingerprints": prompts,
    }


def _keyed(artifacts: pd.DataFrame, acct: pd.Series, art: pd.Series, ids: object) -> set[tuple[str, str, str]]:
    kind = artifacts["kind"].astype(str).to_numpy()[art.to_numpy()]
    name = artifacts["artifact"].astype(str).to_numpy()[art.to_numpy()]
    accounts = pd.Series(ids).astype(str).to_numpy()[acct.to_numpy()]
    return set(zip(accounts, kind, name, strict=True))


def _generic(artifacts: pd.DataFrame) -> dict[tuple[str, str], bool]:
    keys = zip(artifacts["kind"].astype(str), artifacts["artifact"].astype(str), strict=True)
    return dict(zip(keys, artifacts["generic"].astype(bool), strict=True))


def test_spark_re_admits_the_same_coherent_hubs_as_embedded(spark_settings: object, tmp_path: Path) -> None:
    from linkgraph.spark.collect import link_frames
    from linkgraph.spark.links import build_graph
    from linkgraph.spark.session import start_session
    from linkgraph.spark.validate import validate_tables

    data = write_tables(_world(), tmp_path / "world")
    embedded = build_link_graph(load_tables(data), PARAMS)
    flags = _generic(embedded.artifacts)
    assert not any(flags[("ip", IP[h])] for h in ("op", "h1", "h2"))  # re-admitted, h2 only in round 2
    assert all(flags[("ip", IP[h])] for h in ("nat", "vpn", "giant"))

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    graph = build_graph(spark, validate_tables(spark, str(data)).tables, None, PARAMS)
    _, artifacts, edges = link_frames(graph)
    assert _generic(artifacts) == flags

    ids = embedded.account_ids
    want = _keyed(embedded.artifacts, embedded.edges["acct"], embedded.edges["art"], ids)
    assert ("u0300", "ip", IP["h2"]) in want
    assert _keyed(artifacts, edges["acct"], edges["art"], ids) == want  # the driver's copy of the graph
    on_spark = graph.edges.select("acct", "art").toPandas()
    assert _keyed(artifacts, on_spark["acct"], on_spark["art"], ids) == want  # the edges Spark partitions


def test_one_round_stops_before_the_second_rounds_hub(spark_settings: object, tmp_path: Path) -> None:
    from linkgraph.spark.links import build_graph
    from linkgraph.spark.session import start_session
    from linkgraph.spark.validate import validate_tables

    params = replace(PARAMS, coherent_rounds=1)
    data = write_tables(_world(), tmp_path / "world")
    spark = start_session(spark_settings)  # type: ignore[arg-type]
    graph = build_graph(spark, validate_tables(spark, str(data)).tables, None, params)
    generic = graph.artifacts.filter("kind = 'ip'").select("artifact", "generic").toPandas()
    flags = dict(zip(generic["artifact"], generic["generic"], strict=True))
    assert (flags[IP["op"]], flags[IP["h1"]], flags[IP["h2"]]) == (False, False, True)
    assert _generic(build_link_graph(load_tables(data), params).artifacts)[("ip", IP["h2"])]


def _family_world() -> dict[str, pd.DataFrame]:
    """1,000 accounts, relative cut-off 60: an operation of 80 (overlapping cards of 20) on one template
    family, 80 strangers on another, 130 on a third (over twice the cut-off)."""
    ids = [f"u{i:04d}" for i in range(N)]
    op, strangers, crowd = range(80), range(200, 280), range(400, 530)
    base = {"op": 0x0F0F_1234_5678_9ABC, "pop": 0x7777_0000_FFFF_1111, "crowd": 0x1234_5678_0F0F_0F0F}
    rows = [(a, "fp_op", base["op"]) for a in op] + [(a, "fp_pop", base["pop"]) for a in strangers]
    rows += [(a, "fp_crowd", base["crowd"]) for a in crowd]
    return {
        "accounts": pd.DataFrame({"account_id": ids}),
        "payment_methods": pd.DataFrame(
            {
                "account_id": [ids[a] for a in op for _ in range(2)],
                "payment_method_id": [f"pm_{(a + shift) // 20}" for a in op for shift in (0, 10)],
            }
        ),
        "proxies": pd.DataFrame({"account_id": ids[:1], "ip": ["10.0.0.1"]}),
        "prompt_fingerprints": pd.DataFrame(
            {
                "account_id": [ids[a] for a, _, _ in rows],
                "fingerprint": [f for _, f, _ in rows],
                "simhash": [f"{h:016x}" for _, _, h in rows],
            }
        ),
    }


FAMILY_PARAMS = GraphParams(min_generic_df=60, max_df_fraction=0.0)
"""A relative cut-off of 60 users in the family worlds (1,000 accounts)."""


def _embedded_families(data: Path, params: GraphParams = FAMILY_PARAMS) -> tuple[pd.DataFrame, pd.Series]:
    """The embedded graph's artifacts of ``data``, and per account code its first family's text."""
    from linkgraph.signals.derive import SignalParams, derive_links

    dataset = load_tables(data)
    derived = derive_links(dataset.simhashes, None, SignalParams())
    artifacts = build_link_graph(dataset, params, derived.links, derived.fingerprint_family).artifacts
    return artifacts, derived.links.drop_duplicates("acct").set_index("acct")["artifact"]


def _spark_artifacts(spark_settings: object, data: Path) -> pd.DataFrame:
    """The Spark graph's artifacts of ``data`` (families derived on Spark)."""
    from linkgraph.signals.derive import SignalParams
    from linkgraph.spark.collect import link_frames
    from linkgraph.spark.families import family_links, family_table, fingerprint_families
    from linkgraph.spark.links import build_graph
    from linkgraph.spark.session import start_session
    from linkgraph.spark.validate import validate_tables

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    tables = validate_tables(spark, str(data)).tables
    fingerprints = tables["prompt_fingerprints"]
    families = family_table(spark, fingerprints, None, SignalParams())
    links = family_links(fingerprints, None, families)
    graph = build_graph(spark, tables, links, FAMILY_PARAMS, fingerprint_families(fingerprints, families))
    _, artifacts, _ = link_frames(graph)
    return artifacts


def _family_generic(artifacts: pd.DataFrame) -> pd.Series:
    return artifacts[artifacts["kind"] == "family"].set_index("artifact")["generic"].astype(bool)


def test_spark_keeps_the_same_popular_families_of_one_network(spark_settings: object, tmp_path: Path) -> None:
    """A family just over the relative cut-off stays evidence when nearly all its users are one
    network (:func:`linkgraph.graph.popular_families`), on Spark as embedded."""
    data = write_tables(_family_world(), tmp_path / "world")
    embedded, first_family = _embedded_families(data)
    families_of = _family_generic(embedded)
    assert not families_of[first_family[0]]  # the operation's family: one network, evidence
    assert families_of[first_family[200]] and families_of[first_family[400]]  # strangers; over twice the cut-off
    assert _generic(_spark_artifacts(spark_settings, data)) == _generic(embedded)


def _card_world() -> dict[str, pd.DataFrame]:
    """1,000 accounts, relative cut-off 60: an operation of 80 on one template family, paying in
    pairs on prepaid cards (no component: a card of two is no network edge), and 80 strangers
    on another family, two of whom share a household card."""
    world = _family_world()
    ids = [f"u{i:04d}" for i in range(N)]
    pairs = [(ids[a], f"pm_pair_{a // 2}") for a in range(80)] + [(ids[200], "pm_home"), (ids[201], "pm_home")]
    world["payment_methods"] = pd.DataFrame(pairs, columns=["account_id", "payment_method_id"])
    return world


def test_spark_keeps_the_same_card_tied_families(spark_settings: object, tmp_path: Path) -> None:
    """A family just over the relative cut-off whose users pay in pairs with each other stays
    evidence (:func:`linkgraph.coherence.card_tied_families`), on Spark as embedded."""
    data = write_tables(_card_world(), tmp_path / "world")
    embedded, first_family = _embedded_families(data)
    families_of = _family_generic(embedded)
    assert not families_of[first_family[0]]  # the operation's family: its users pay together
    assert families_of[first_family[200]]  # strangers, one household among them
    without, _ = _embedded_families(data, replace(FAMILY_PARAMS, family_card_share=1.01))
    assert _family_generic(without).all()  # without the rule (a card of two ties no component)
    assert _generic(_spark_artifacts(spark_settings, data)) == _generic(embedded)


def _playbook_world() -> dict[str, pd.DataFrame]:
    """1,000 accounts, relative cut-off 60: an operation of 80 cardless accounts on three
    template families (each account on all three), an app's 80 users on its two, and 80
    strangers on a popular template; nobody shares a card or an IP."""
    ids = [f"u{i:04d}" for i in range(N)]
    bases = [0x0F0F_1234_5678_9ABC, 0x7777_0000_FFFF_1111, 0x1234_5678_0F0F_0F0F]
    bases += [0x5A5A_A5A5_3C3C_C3C3, 0x0123_4567_89AB_CDEF, 0x7EDC_BA98_7654_3210]
    rows = [(a, f"fp_op{k}", bases[k]) for a in range(80) for k in range(3)]
    rows += [(a, f"fp_app{k}", bases[3 + k]) for a in range(200, 280) for k in range(2)]
    rows += [(a, "fp_pop", bases[5]) for a in range(400, 480)]
    return {
        "accounts": pd.DataFrame({"account_id": ids}),
        "payment_methods": pd.DataFrame({"account_id": ids[:1], "payment_method_id": ["pm_one"]}),
        "proxies": pd.DataFrame({"account_id": ids[:1], "ip": ["10.0.0.1"]}),
        "prompt_fingerprints": pd.DataFrame(
            {
                "account_id": [ids[a] for a, _, _ in rows],
                "fingerprint": [f for _, f, _ in rows],
                "simhash": [f"{h:016x}" for _, _, h in rows],
            }
        ),
    }


def test_spark_keeps_the_same_families_of_one_playbook(spark_settings: object, tmp_path: Path) -> None:
    """Families just over the relative cut-off whose users are one set of accounts, three
    families of it, stay evidence (:func:`linkgraph.coherence.co_used_families`), on Spark as
    embedded; an app's two prompts and a popular template do not."""
    data = write_tables(_playbook_world(), tmp_path / "world")
    embedded, first_family = _embedded_families(data)
    families = _family_generic(embedded)
    assert len(families) == 6 and sorted(families.tolist()) == [False] * 3 + [True] * 3
    assert not families[first_family[0]] and families[first_family[200]] and families[first_family[400]]
    without, _ = _embedded_families(data, replace(FAMILY_PARAMS, family_partners=0))
    assert _family_generic(without).all()  # without the rule: no card, no component ties them
    assert _generic(_spark_artifacts(spark_settings, data)) == _generic(embedded)
