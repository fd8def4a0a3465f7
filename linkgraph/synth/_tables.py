"""Assembly of the contract tables from a built world, and writing them with ``truth.csv``.

Shared by every world kind. Internal account indices become opaque ids here; artifacts
become tokens. The optional ``simhash`` text is the v2 SimHash column of fingerprints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from ._builder import COUNTRIES, KIND_NAMES, MODELS, World
from ._output import clear_tables, iso_strings, write_table

TABLES = ["accounts", "payment_methods", "proxies", "prompt_fingerprints", "requests"]


@dataclass
class Texts:
    """Opaque text of ids and artifacts, indexed by internal number."""

    number: np.ndarray
    ids: pa.Array
    pm: pa.Array
    fp: pa.Array
    ip: pa.Array
    asn: np.ndarray
    status_names: list[str]
    simhash: pa.Array | None = None
    #: Extra truth columns, already in output (account id) order.
    truth_extra: dict[str, pa.Array] = field(default_factory=dict)


def take(arr: pa.Array, idx: np.ndarray) -> pa.Array:
    """``arr[idx]`` for a numpy index array."""
    return arr.take(pa.array(idx, type=pa.int64()))


def _links(d: dict[str, np.ndarray], t: Texts, art_name: str, art_text: pa.Array, asn: bool, count: bool) -> pa.Table:
    num = t.number[d["acct"]]
    o = np.lexsort((d["art"], d["first"], num))
    art = d["art"][o]
    cols = {"account_id": take(t.ids, num[o]), art_name: take(art_text, art)}
    if asn:
        cols["asn"] = pa.array(t.asn[art])
    cols["first_seen"] = iso_strings(d["first"][o])
    cols["last_seen"] = iso_strings(d["last"][o])
    if count:
        cols["request_count"] = pa.array(d["count"][o])
    if art_name == "fingerprint" and t.simhash is not None:
        cols["simhash"] = take(t.simhash, art)
    return pa.table(cols)


def assemble(
    w: World,
    t: Texts,
    pm: dict[str, np.ndarray],
    ip: dict[str, np.ndarray],
    fp: dict[str, np.ndarray],
    req: dict[str, np.ndarray] | None,
) -> tuple[dict[str, pa.Table], pa.Table]:
    """The contract tables (sorted by account id, requests by time) and the truth table."""
    internal = np.argsort(t.number)
    tables: dict[str, pa.Table] = {}
    tables["accounts"] = pa.table(
        {
            "account_id": t.ids,
            "created_at": iso_strings(w.created[internal]),
            "email_domain": take(pa.array(w.domains), w.domain[internal]),
            "country": take(pa.array([c for c, _ in COUNTRIES]), w.country[internal]),
            "status": take(pa.array(t.status_names), w.status[internal]),
        }
    )
    tables["payment_methods"] = _links(pm, t, "payment_method_id", t.pm, False, False)
    tables["proxies"] = _links(ip, t, "ip", t.ip, True, True)
    tables["prompt_fingerprints"] = _links(fp, t, "fingerprint", t.fp, False, True)
    if req is not None:
        num = t.number[req["acct"]]
        o = np.lexsort((num, req["ts"]))
        cols = {
            "account_id": take(t.ids, num[o]),
            "timestamp": iso_strings(req["ts"][o]),
            "ip": take(t.ip, req["ip"][o]),
            "model": take(pa.array([m for m, _ in MODELS]), req["model"][o]),
            "prompt_fingerprint": take(t.fp, req["fp"][o]),
        }
        if t.simhash is not None:
            cols["prompt_simhash"] = take(t.simhash, req["fp"][o])
        tables["requests"] = pa.table(cols)
    kinds = np.asarray(w.group_kind)[w.group[internal]]
    truth = {
        "account_id": t.ids,
        "group": take(pa.array(w.groups), w.group[internal]),
        "kind": take(pa.array(list(KIND_NAMES)), kinds),
    }
    truth.update(t.truth_extra)
    return tables, pa.table(truth)


def write_all(out: Path, fmt: str, tables: dict[str, pa.Table], truth: pa.Table) -> tuple[dict, dict]:
    """Remove stale tables, write these and ``truth.csv``; returns (rows, files)."""
    clear_tables(out, TABLES)
    files: dict[str, str] = {}
    rows: dict[str, int] = {}
    for name, table in tables.items():
        files[name] = write_table(table, out, name, fmt).name
        rows[name] = table.num_rows
    files["truth"] = write_table(truth, out, "truth", "csv").name
    rows["truth"] = truth.num_rows
    return rows, files
