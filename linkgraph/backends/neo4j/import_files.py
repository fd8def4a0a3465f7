"""Header and data CSV files for ``neo4j-admin database import full`` (bulk initial load).

For millions of accounts the offline importer is far faster than transactional MERGE. The
files follow the importer's header format (``name:ID(Space)``, ``:START_ID(Space)``,
``:END_ID(Space)``, ``:LABEL``, ``:TYPE``, typed properties) and produce the same graph as
``linkgraph neo4j-load``, including the load checkpoints, so a later ``neo4j-load`` or
``detect --backend neo4j`` finds everything already loaded.
"""

from __future__ import annotations

import math
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from linkgraph.backends.neo4j.loader import DEFAULT_BATCH_SIZE, Step
from linkgraph.backends.neo4j.rows import ACCOUNT_PROPERTIES, dataset_statements, link_rows, proxy_rows
from linkgraph.ingest.load import Dataset

_DATETIME = "%Y-%m-%dT%H:%M:%S.%fZ"
_PROPERTY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_RELATIONSHIPS = (  # file stem, kind, type, end label
    ("paid_with", "payment", "PAID_WITH", "PaymentMethod"),
    ("connected_from", "ip", "CONNECTED_FROM", "Proxy"),
    ("sent", "fingerprint", "SENT", "PromptFingerprint"),
)
_ARTIFACT_NODES = (  # file stem, kind, label, key
    ("payment_methods", "payment", "PaymentMethod", "payment_method_id"),
    ("prompt_fingerprints", "fingerprint", "PromptFingerprint", "fingerprint"),
)


@dataclass(frozen=True)
class ImportFile:
    """One header file and its data file, for ``--nodes`` or ``--relationships``."""

    option: str
    header: Path
    data: Path
    rows: int


def _utc_text(values: pd.Series) -> pd.Series:
    stamps = pd.to_datetime(values, utc=True)
    return stamps.dt.strftime(_DATETIME).where(stamps.notna(), None)


def _write(out: Path, stem: str, option: str, header: list[str], frame: pd.DataFrame) -> ImportFile:
    head, data = out / f"{stem}.header.csv", out / f"{stem}.csv"
    head.write_text(",".join(header) + "\n", encoding="utf-8")
    frame.to_csv(data, header=False, index=False, na_rep="", lineterminator="\n")
    return ImportFile(option, head, data, len(frame))


def _accounts(accounts: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    header, columns = ["account_id:ID(Account)"], {"account_id": accounts["account_id"]}
    for name in accounts.columns:
        if name == "account_id" or not _PROPERTY_NAME.fullmatch(name):
            continue
        column = accounts[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            header.append(f"{name}:datetime")
            columns[name] = _utc_text(column)
        elif pd.api.types.is_bool_dtype(column):
            header.append(f"{name}:boolean")
            columns[name] = column.map({True: "true", False: "false"})
        elif pd.api.types.is_integer_dtype(column):
            header.append(f"{name}:long")
            columns[name] = column
        elif pd.api.types.is_float_dtype(column):
            header.append(f"{name}:double")
            columns[name] = column
        else:
            header.append(name if name in ACCOUNT_PROPERTIES else f"{name}:string")
            columns[name] = column.astype(object).where(column.notna(), None).map(lambda v: v if v is None else str(v))
    frame = pd.DataFrame(columns)
    frame[":LABEL"] = "Account"
    return [*header, ":LABEL"], frame


def write_import_files(dataset: Dataset, out: str | Path, batch_size: int = DEFAULT_BATCH_SIZE) -> list[ImportFile]:
    """Write every node and relationship file into ``out``; returns them in import order."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    links, account_ids = dataset.links, dataset.accounts["account_id"].to_numpy()
    files = [_write(out, "accounts", "--nodes", *_accounts(dataset.accounts))]
    proxies = proxy_rows(links, dataset.ip_asn).assign(**{":LABEL": "Proxy"})
    files.append(_write(out, "proxies", "--nodes", ["ip:ID(Proxy)", "asn:long", ":LABEL"], proxies))
    for stem, kind, label, key in _ARTIFACT_NODES:
        values = pd.unique(links.loc[links["kind"] == kind, "artifact"].to_numpy())
        nodes = pd.DataFrame({key: values, ":LABEL": label})
        files.append(_write(out, stem, "--nodes", [f"{key}:ID({label})", ":LABEL"], nodes))
    checkpoints = []
    for name, rows in dataset_statements(dataset):
        n_batches = math.ceil(len(rows) / batch_size)
        checkpoints.append((Step(name, rows).checkpoint_id(batch_size), name, n_batches, batch_size, len(rows)))
    frame = pd.DataFrame(checkpoints, columns=["checkpoint_id", "step", "batches_done", "batch_size", "total_rows"])
    frame[":LABEL"] = "LoadCheckpoint"
    header = [
        "checkpoint_id:ID(LoadCheckpoint)",
        "step",
        "batches_done:long",
        "batch_size:long",
        "total_rows:long",
        ":LABEL",
    ]
    files.append(_write(out, "load_checkpoints", "--nodes", header, frame))
    for stem, kind, rel_type, end_label in _RELATIONSHIPS:
        rows = link_rows(links, account_ids, kind)
        rels = pd.DataFrame(
            {
                "start": rows["account_id"],
                "end": rows["artifact"],
                "first_seen": _utc_text(rows["first_seen"]),
                "last_seen": _utc_text(rows["last_seen"]),
                "count": rows["count"],
                ":TYPE": rel_type,
            }
        )
        header = [
            ":START_ID(Account)",
            f":END_ID({end_label})",
            "first_seen:datetime",
            "last_seen:datetime",
            "count:long",
            ":TYPE",
        ]
        files.append(_write(out, stem, "--relationships", header, rels))
    return files


def import_command(files: list[ImportFile], database: str = "neo4j", folder: str | None = None) -> str:
    """The ``neo4j-admin database import full`` command for ``files`` (Neo4j 5.19+ argument order).

    The target database must not exist yet (add ``--overwrite-destination=true`` to replace one).

    ``folder`` replaces the files' directory, e.g. ``/import`` inside the Docker container.
    """

    def where(path: Path) -> str:
        return f"{folder.rstrip('/')}/{path.name}" if folder else str(path)

    lines = [f"neo4j-admin database import full {shlex.quote(database)}"]
    lines += [f"{f.option}={shlex.quote(where(f.header) + ',' + where(f.data))}" for f in files]
    return " \\\n  ".join(lines)
