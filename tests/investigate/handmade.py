"""Hand-made runs whose structure every read-model and app-page test knows (see :func:`build_tables`)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph.runs.activity import activity_table

RUN_1 = "20261101T000000Z-aaaaaa"
RUN_2 = "20261102T000000Z-bbbbbb"
BIG = "C000004"
BIG_SIZE = 1200


def _link(acct: str, cid: str, kind: str, artifact: str, n: int, df: int, w: float) -> dict:
    return {
        "account_id": acct,
        "cluster_id": cid,
        "kind": kind,
        "artifact": artifact,
        "n_members": n,
        "df": df,
        "weight": w,
    }


def build_tables() -> dict[str, pd.DataFrame]:
    """Three small clusters with a known structure and one big one.

    C000001 (high): a1-a3 share card P1, a3-a4 share IP I1, a4-a5 share template F1; a5 is peripheral.
    C000002 (medium): b1-b3 share IP I2; b3 also used I1 (the only cross-cluster artifact).
    C000003 (low): c1-c2 share ASN 64500.
    C000004 (high): 1,200 accounts over 40 card hubs and 200 IPs.
    """
    clusters = [
        ("C000001", 5, 0.9, "high", 4, "payment+ip+fingerprint", "payment P1 (3 accts, w=0.9)"),
        ("C000002", 3, 0.5, "medium", 2, "ip", "ip I2 (3 accts, w=0.6)"),
        ("C000003", 2, 0.1, "low", 2, "asn", "asn 64500 (2 accts, w=0.1)"),
        (BIG, BIG_SIZE, 0.8, "high", 1000, "payment+ip", "payment H000 (30 accts, w=0.8)"),
    ]
    clusters_df = pd.DataFrame(
        clusters, columns=["cluster_id", "size", "risk_score", "risk_band", "n_core", "dominant_kinds", "top_evidence"]
    )
    members = [
        ("a1", "C000001", "core", 0.9, 1),
        ("a2", "C000001", "core", 0.8, 1),
        ("a3", "C000001", "core", 0.85, 2),
        ("a4", "C000001", "core", 0.7, 2),
        ("a5", "C000001", "peripheral", 0.3, 1),
        ("b1", "C000002", "core", 0.6, 1),
        ("b2", "C000002", "core", 0.6, 1),
        ("b3", "C000002", "peripheral", 0.4, 2),
        ("c1", "C000003", "core", 0.2, 1),
        ("c2", "C000003", "core", 0.2, 1),
    ]
    links = [
        _link("a1", "C000001", "payment", "P1", 3, 3, 0.9),
        _link("a2", "C000001", "payment", "P1", 3, 3, 0.9),
        _link("a3", "C000001", "payment", "P1", 3, 3, 0.9),
        _link("a3", "C000001", "ip", "I1", 2, 3, 0.7),
        _link("a4", "C000001", "ip", "I1", 2, 3, 0.7),
        _link("a4", "C000001", "fingerprint", "F1", 2, 2, 0.5),
        _link("a5", "C000001", "fingerprint", "F1", 2, 2, 0.5),
        _link("b1", "C000002", "ip", "I2", 3, 3, 0.6),
        _link("b2", "C000002", "ip", "I2", 3, 3, 0.6),
        _link("b3", "C000002", "ip", "I2", 3, 3, 0.6),
        _link("b3", "C000002", "ip", "I1", 1, 3, 0.7),
        _link("c1", "C000003", "asn", "64500", 2, 2, 0.1),
        _link("c2", "C000003", "asn", "64500", 2, 2, 0.1),
    ]
    for i in range(BIG_SIZE):
        acct = f"z{i:04d}"
        members.append((acct, BIG, "core" if i < 1000 else "peripheral", round(0.5 + (i % 50) / 100, 2), 2))
        links.append(_link(acct, BIG, "payment", f"H{i % 40:03d}", 30, 30, 0.8))
        links.append(_link(acct, BIG, "ip", f"10.9.{i % 200}.1", 6, 6, 0.5))
    members_df = pd.DataFrame(members, columns=["account_id", "cluster_id", "role", "evidence_score", "n_shared"])
    links_df = pd.DataFrame(links)
    evidence = links_df.groupby(["cluster_id", "kind", "artifact"], as_index=False).agg(
        n_members=("n_members", "max"), df=("df", "max"), weight=("weight", "max")
    )
    evidence["generic"] = False
    evidence["strength"] = evidence["n_members"] * evidence["weight"]
    created = pd.Timestamp("2026-10-01", tz="UTC") + pd.to_timedelta(range(len(members_df)), unit="h")
    accounts = pd.DataFrame(
        {
            "account_id": members_df["account_id"],
            "created_at": created,
            "email_domain": "example.com",
            "country": "US",
            "status": "active",
        }
    )
    return {
        "clusters": clusters_df,
        "members": members_df,
        "evidence": evidence,
        "member_links": links_df,
        "accounts": accounts,
    }


def write_run(
    runs_dir: Path,
    run_id: str,
    inputs: list[dict] | None = None,
    lineage: pd.DataFrame | None = None,
    flagged: int = 1004,
) -> Path:
    """Write the hand-made tables as a published run."""
    tables = build_tables()
    folder = runs_dir / run_id
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    if lineage is not None:
        lineage.to_parquet(folder / "lineage.parquet", index=False)
    bands = tables["clusters"]["risk_band"].value_counts().to_dict()
    manifest = {
        "run_id": run_id,
        "started_at": f"{run_id[:4]}-{run_id[4:6]}-{run_id[6:8]}T00:00:00+00:00",
        "finished_at": "2026-11-01T00:01:00+00:00",
        "export_threshold": 0.7,
        "accounts": 2000,
        "clusters_by_band": bands,
        "flagged_accounts": flagged,
        "inputs": inputs or [],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def make_runs(tmp_path: Path) -> Path:
    """Two runs; the second has lineage and keeps the activity of its members (the first, an old run, none)."""
    requests = pd.DataFrame(
        {
            "account_id": ["a1", "a1", "a2", "b1", "zz"],
            "timestamp": pd.to_datetime(
                [
                    "2026-10-01T01:00:00Z",
                    "2026-10-01T02:00:00Z",
                    "2026-10-03T00:00:00Z",
                    "2026-10-01T00:00:00Z",
                    "2026-10-01T00:00:00Z",
                ]
            ),
            "model": ["m1", "m2", "m2", "m1", "m1"],
        }
    )
    ids = np.array(sorted(set(build_tables()["members"]["account_id"]) | {"zz"}), dtype=object)
    requests["acct"] = pd.Index(ids).get_indexer(requests["account_id"])
    members = pd.Index(ids).get_indexer(build_tables()["members"]["account_id"])
    root = tmp_path / "runs"
    write_run(root, RUN_1, flagged=1000)
    lineage = pd.DataFrame(
        {
            "cluster_id": ["C000001", "C000002", "C000009"],
            "status": ["grown", "unchanged", "dissolved"],
            "added": [2, 0, 0],
            "removed": [0, 0, 3],
            "sources": ["C000001", "C000002", "C000009"],
        }
    )
    folder = write_run(root, RUN_2, lineage=lineage)
    activity_table(requests, ids, members).to_parquet(folder / "activity.parquet", index=False)
    return root
