"""The hand-over to the driver: the tables the run store reads (and frames for checks).

Scoring runs in Spark (:mod:`linkgraph.spark.scoring`); campaigns and the run writer are the
embedded code, run on the driver over the scored tables and these frames (see docs/spark.md,
"What runs where"): the accounts table and the requests of the scored members (``acct,
timestamp, model``, for the run's activity table). :func:`link_frames` (the link table with
its weights) is kept for checks against the embedded graph. Timestamps cross as integer
microseconds and become UTC timestamps in Arrow; every column is converted from Arrow once,
as the embedded reader does (no Python objects per row).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest.columns import TS
from linkgraph.ingest.contract import STATUSES
from linkgraph.ingest.links import nullable_int
from linkgraph.ingest.load import Dataset
from linkgraph.ingest.readers import SourceFile, sha256_of
from linkgraph.spark.links import KINDS, SparkGraph
from linkgraph.spark.read import TableFiles


def _micros(column: str) -> Any:
    from pyspark.sql import functions as F

    return F.unix_micros(F.col(column)).alias(column)


def _stamp(values: pa.ChunkedArray) -> pd.api.extensions.ExtensionArray:
    """Integer microseconds as a datetime64[us, UTC] array (nulls become NaT)."""
    return pc.cast(values, TS).to_pandas().array


def _sorted(table: pa.Table, *keys: str) -> pa.Table:
    """``table`` ordered by integer ``keys`` (first key first), without going through pandas."""
    order = np.lexsort([table.column(k).to_numpy() for k in reversed(keys)])
    return table.take(order)


def _codes(values: pa.ChunkedArray, categories: list[str]) -> np.ndarray:
    """Position of each value in ``categories`` (-1 when absent), as int8 codes."""
    return pc.index_in(values, value_set=pa.array(categories, pa.string())).fill_null(-1).to_numpy().astype(np.int8)


def accounts_frame(graph: SparkGraph) -> pd.DataFrame:
    """One row per account in ``acct`` order, as :class:`Dataset.accounts`."""
    cols = [c for c in ("account_id", "created_at", "email_domain", "country", "status") if c in graph.accounts.columns]
    picked = [_micros(c) if c == "created_at" else c for c in cols]
    table = _sorted(graph.accounts.select("acct", *picked).toArrow(), "acct")
    frame = pd.DataFrame({c: table.column(c).to_pandas().array for c in cols})
    if "created_at" in frame:
        frame["created_at"] = _stamp(table.column("created_at"))
    status = table.column("status") if "status" in cols else pa.nulls(len(table), pa.string())
    frame["status"] = pd.Categorical.from_codes(_codes(status, list(STATUSES)), categories=pd.Index(STATUSES))
    return frame


def link_frames(graph: SparkGraph) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(links, artifacts, edges) as :class:`LinkGraph` holds them (edges: the links to usable artifacts)."""
    arts = _sorted(graph.artifacts.toArrow(), "art")
    present = [k for k in KINDS if k in set(pc.unique(arts.column("kind")).to_pylist())]
    kind_codes = _codes(arts.column("kind"), present)
    usable = arts.column("usable").to_numpy()
    weight = arts.column("weight").to_numpy()
    artifacts = pd.DataFrame(
        {
            "kind": pd.Categorical.from_codes(kind_codes, categories=pd.Index(present)),
            "artifact": arts.column("artifact").to_pandas().array,
            "df": arts.column("df").to_numpy().astype(np.int64),
            "weight": weight.astype(np.float64),
            "generic": arts.column("generic").to_numpy().astype(bool),
            "light": arts.column("light").to_numpy(zero_copy_only=False).astype(bool),
            "family": arts.column("family").to_numpy().astype(np.int64),
        }
    )
    cols = ("acct", "art", _micros("first_seen"), _micros("last_seen"), "count")
    table = _sorted(graph.links.select(*cols).toArrow(), "acct", "art")
    art = table.column("art").to_numpy().astype(np.int64)
    acct = table.column("acct").to_numpy().astype(np.int32)
    links = pd.DataFrame(
        {
            "acct": acct,
            "art": art,
            "kind": pd.Categorical.from_codes(kind_codes[art], categories=pd.Index(present)),
            "artifact": arts.column("artifact").take(art).to_pandas().array,
            "first_seen": _stamp(table.column("first_seen")),
            "last_seen": _stamp(table.column("last_seen")),
            "count": nullable_int(table.column("count").chunks),
        }
    )
    del table
    keep = usable[art]
    edges = pd.DataFrame({"acct": acct[keep], "art": art[keep], "weight": weight[art[keep]]})
    return links, artifacts, edges


def requests_frame(requests: Any | None, accounts: Any) -> pd.DataFrame | None:
    """``acct, timestamp, model, family`` of every request (categoricals), as scoring reads them."""
    if requests is None:
        return None
    cols = [c for c in ("model", "family") if c in requests.columns]
    joined = requests.join(accounts.select("account_id", "acct"), "account_id")
    table = _sorted(joined.select("acct", _micros("timestamp"), *cols).toArrow(), "acct", "timestamp")
    out = pd.DataFrame(
        {"acct": table.column("acct").to_numpy().astype(np.int32), "timestamp": _stamp(table.column("timestamp"))}
    )
    for col in cols:
        values = table.column(col)
        if col == "family" and values.null_count == len(values):
            continue  # no request carries a SimHash: no family column, as embedded
        out[col] = values.to_pandas().astype("category")
    return out


def asn_frame(proxies: Any | None) -> Any | None:
    """``ip, asn`` (Spark) where the ASN is known: the first row naming one wins (file order)."""
    from pyspark.sql import functions as F

    if proxies is None or "asn" not in proxies.columns:
        return None
    return (
        proxies.filter(F.col("asn").isNotNull())
        .groupBy("ip")
        .agg(F.min_by("asn", F.struct("_file", "_mono")).alias("asn"))
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


def driver_dataset(graph: SparkGraph, requests: pd.DataFrame | None, inputs: list[SourceFile]) -> Dataset:
    """The :class:`Dataset` the run writer takes: the accounts and ``requests`` (the members' only).

    No link table: scoring ran in Spark (:mod:`linkgraph.spark.scoring`) and publishing reads none.
    """
    links = pd.DataFrame({"acct": pd.Series(dtype=np.int32), "art": pd.Series(dtype=np.int64)})
    artifacts = pd.DataFrame({"kind": pd.Series(dtype="category"), "artifact": pd.Series(dtype=object)})
    return Dataset(accounts_frame(graph), links, artifacts, requests, pd.Series(dtype="Int64"), inputs, None)
