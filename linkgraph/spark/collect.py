"""The hand-over to the driver: the weighted graph and the tables scoring and the run store read.

Scoring, campaigns and the run writer are the embedded code, run on the driver over these
frames (see docs/spark.md, "What runs where"): the accounts table, the link table with its
weights, the request columns scoring reads (``acct, timestamp, model, family``) and the
ASN of each IP. Timestamps cross as integer microseconds and become UTC datetimes here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph
from linkgraph.ingest.contract import STATUSES
from linkgraph.ingest.load import Dataset
from linkgraph.ingest.readers import SourceFile, sha256_of
from linkgraph.spark.links import KINDS, SparkGraph
from linkgraph.spark.read import TableFiles


def _arrow(frame: Any) -> pd.DataFrame:
    return frame.toArrow().to_pandas()


def _micros(column: str) -> Any:
    from pyspark.sql import functions as F

    return F.unix_micros(F.col(column)).alias(column)


def _stamp(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.astype("Int64"), unit="us", utc=True).astype("datetime64[us, UTC]")


def accounts_frame(graph: SparkGraph) -> pd.DataFrame:
    """One row per account in ``acct`` order, as :class:`Dataset.accounts`."""
    cols = [c for c in ("account_id", "created_at", "email_domain", "country", "status") if c in graph.accounts.columns]
    picked = [_micros(c) if c == "created_at" else c for c in cols]
    frame = _arrow(graph.accounts.select("acct", *picked)).sort_values("acct").drop(columns="acct")
    frame = frame.reset_index(drop=True)
    if "created_at" in frame:
        frame["created_at"] = _stamp(frame["created_at"])
    frame["status"] = pd.Categorical(frame["status"], categories=list(STATUSES))
    return frame


def link_frames(graph: SparkGraph) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(links, artifacts, edges) as :class:`LinkGraph` holds them (edges: the links to usable artifacts)."""
    artifacts = _arrow(graph.artifacts).sort_values("art").reset_index(drop=True)
    usable = artifacts["usable"].to_numpy(dtype=bool)
    present = [k for k in KINDS if k in set(artifacts["kind"])]
    artifacts = pd.DataFrame(
        {
            "kind": pd.Categorical(artifacts["kind"], categories=present),
            "artifact": artifacts["artifact"].astype(str),
            "df": artifacts["df"].to_numpy(dtype=np.int64),
            "weight": artifacts["weight"].to_numpy(dtype=np.float64),
            "generic": artifacts["generic"].to_numpy(dtype=bool),
        }
    )
    links = _arrow(graph.links.select("acct", "art", _micros("first_seen"), _micros("last_seen"), "count")).sort_values(
        ["acct", "art"], kind="stable"
    )
    art = links["art"].to_numpy(dtype=np.int64)
    links = pd.DataFrame(
        {
            "acct": links["acct"].to_numpy(dtype=np.int32),
            "art": art,
            "kind": pd.Categorical.from_codes(
                artifacts["kind"].cat.codes.to_numpy()[art], categories=artifacts["kind"].cat.categories
            ),
            "artifact": artifacts["artifact"].to_numpy(dtype=object)[art],
            "first_seen": _stamp(links["first_seen"]).to_numpy(),
            "last_seen": _stamp(links["last_seen"]).to_numpy(),
            "count": links["count"].astype("Int64").to_numpy(),
        }
    )
    keep = usable[art]
    edges = pd.DataFrame(
        {
            "acct": links["acct"].to_numpy()[keep],
            "art": art[keep],
            "weight": artifacts["weight"].to_numpy()[art[keep]],
        }
    )
    return links, artifacts, edges


def requests_frame(requests: Any | None, accounts: Any) -> pd.DataFrame | None:
    """``acct, timestamp, model, family`` of every request (categoricals), as scoring reads them."""
    if requests is None:
        return None
    cols = [c for c in ("model", "family") if c in requests.columns]
    frame = _arrow(
        requests.join(accounts.select("account_id", "acct"), "account_id").select("acct", _micros("timestamp"), *cols)
    )
    out = pd.DataFrame(
        {"acct": frame["acct"].to_numpy(dtype=np.int32), "timestamp": _stamp(frame["timestamp"]).to_numpy()}
    )
    for col in cols:
        if col == "family" and frame[col].isna().all():
            continue  # no request carries a SimHash: no family column, as embedded
        out[col] = frame[col].astype("category")
    return out.sort_values(["acct", "timestamp"], kind="stable").reset_index(drop=True)


def ip_asn(proxies: Any | None) -> pd.Series:
    """The ASN of each IP where known: the first row naming one wins (file order)."""
    from pyspark.sql import functions as F

    if proxies is None or "asn" not in proxies.columns:
        return pd.Series(dtype="Int64")
    first = (
        proxies.filter(F.col("asn").isNotNull())
        .groupBy("ip")
        .agg(F.min_by("asn", F.struct("_file", "_mono")).alias("asn"))
    )
    frame = _arrow(first).sort_values("ip")
    return pd.Series(
        frame["asn"].astype("Int64").to_numpy(), index=pd.Index(frame["ip"].astype(str), name="ip"), name="asn"
    )


def sources(files: dict[str, TableFiles], rows: dict[str, list[int]]) -> list[SourceFile]:
    """The manifest's inputs: local files are hashed (sha256); others keep an empty digest."""
    out = []
    for name, table in files.items():
        for path, size, n in zip(table.paths, table.sizes, rows.get(name, [0] * len(table.paths)), strict=False):
            local = path[len("file:") :] if path.startswith("file:") else None
            digest = sha256_of(Path(local)) if local else ""
            out.append(SourceFile(name, local or path, size, digest, n))
    return out


def driver_dataset(
    graph: SparkGraph, requests: pd.DataFrame | None, asn: pd.Series, inputs: list[SourceFile]
) -> tuple[Dataset, LinkGraph]:
    """The :class:`Dataset` and :class:`LinkGraph` that scoring and the run writer take."""
    accounts = accounts_frame(graph)
    links, artifacts, edges = link_frames(graph)
    dataset = Dataset(accounts, links, artifacts, requests, asn, inputs, None)
    account_ids = accounts["account_id"].to_numpy()
    return dataset, LinkGraph(len(accounts), account_ids, artifacts, links, edges)
