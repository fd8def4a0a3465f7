"""Parameter rows for the Cypher statements, built from the dataset and the weighted graph (pure).

Each function returns a DataFrame whose columns are the keys of ``row`` in one statement
(``UNWIND $rows AS row``); :func:`records` turns a slice of it into driver-ready dicts.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph
from linkgraph.ingest.load import Dataset

LINK_STATEMENTS = {"payment": "merge_paid_with", "ip": "merge_connected_from", "fingerprint": "merge_sent"}
"""Link kind → the statement that merges it. ASN stays a property of ``:Proxy``."""
DERIVED_LINK_STATEMENTS = {
    "family": "merge_in_family",
    "rewrite": "merge_in_rewrite_group",
    "lockstep": "merge_in_window",
}
"""Derived kinds (:mod:`linkgraph.signals.derive`): merged by detect's sync, only when present."""

WEIGHT_STATEMENTS = {
    "payment": "set_payment_method_weights",
    "ip": "set_proxy_weights",
    "fingerprint": "set_prompt_fingerprint_weights",
    "family": "set_template_family_weights",
    "rewrite": "set_rewrite_group_weights",
    "lockstep": "set_lockstep_window_weights",
}
ACCOUNT_PROPERTIES = ("created_at", "email_domain", "country", "status")


def _plain(value: Any) -> Any:
    """A value the driver sends as a plain Cypher value (None for every kind of missing)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values: datetimes, ints, floats, bools, strings, None."""
    columns = {name: plain_column(frame[name]) for name in frame.columns}
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def plain_column(values: pd.Series) -> list[Any]:
    """One column as plain Python values (what :func:`_plain` gives per value), vectorised where
    the dtype allows: numpy numbers and bools, pandas' nullable numbers, bools and strings, and
    object columns that hold nothing but strings.
    Anything else (objects, timestamps) goes value by value through :func:`_plain`."""
    dtype = values.dtype
    if dtype.kind in "iub" and isinstance(dtype, np.dtype):
        return values.to_numpy().tolist()
    if dtype.kind == "f" and isinstance(dtype, np.dtype):
        array = values.to_numpy()
        missing = np.isnan(array)
        if not missing.any():
            return array.tolist()
        plain = array.astype(object)
        plain[missing] = None
        return plain.tolist()
    if isinstance(dtype, pd.Int64Dtype | pd.BooleanDtype | pd.StringDtype) or (
        isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "iub"
    ):
        return values.to_numpy(dtype=object, na_value=None).tolist()  # type: ignore[call-overload]  # stubs lack None
    if pd.api.types.is_object_dtype(dtype) and pd.api.types.infer_dtype(values, skipna=False) == "string":
        return values.tolist()  # all str, no missing value
    return [_plain(v) for v in values.astype(object)]


def account_rows(accounts: pd.DataFrame) -> pd.DataFrame:
    """``account_id, created_at_ns, properties``: the contract's optional columns and any extra
    columns, non-null only; ``created_at`` travels as epoch nanoseconds (:func:`epoch_ns`)."""
    created = accounts["created_at"] if "created_at" in accounts.columns else None
    if created is not None and not pd.api.types.is_datetime64_any_dtype(created):
        created = None  # not a timestamp column: an ordinary property
    extra = [c for c in accounts.columns if c != "account_id" and not (c == "created_at" and created is not None)]
    ordered = [c for c in ACCOUNT_PROPERTIES if c in extra] + [c for c in extra if c not in ACCOUNT_PROPERTIES]
    plain = {c: [_plain(v) for v in accounts[c].astype(object)] for c in ordered}
    props = [{c: _property(plain[c][i]) for c in ordered if plain[c][i] is not None} for i in range(len(accounts))]
    created_ns = epoch_ns(created) if created is not None else pd.Series(pd.NA, index=accounts.index, dtype="Int64")
    return pd.DataFrame(
        {
            "account_id": accounts["account_id"].to_numpy(dtype=object),
            "created_at_ns": created_ns.to_numpy(),
            "properties": props,
        }
    )


def _property(value: Any) -> Any:
    if isinstance(value, str | int | float | bool | datetime):
        return value
    return str(value)


def proxy_rows(links: pd.DataFrame, ip_asn: pd.Series) -> pd.DataFrame:
    """``ip, asn``: one row per IP seen in the links (ASN None when unknown)."""
    ips = pd.unique(links.loc[links["kind"] == "ip", "artifact"].to_numpy())
    asn = ip_asn[~ip_asn.index.duplicated()].reindex(ips) if len(ip_asn) else pd.Series(pd.NA, index=ips)
    return pd.DataFrame({"ip": ips, "asn": pd.array(asn.to_numpy(), dtype="Int64")})


def link_rows(links: pd.DataFrame, account_ids: np.ndarray, kind: str) -> pd.DataFrame:
    """``account_id, artifact, first_seen, last_seen, count`` for the links of one kind."""
    part = links.loc[links["kind"] == kind, ["acct", "artifact", "first_seen", "last_seen", "count"]]
    part = part.reset_index(drop=True)
    account_id = pd.Series(np.asarray(account_ids, dtype=object)[part["acct"].to_numpy()], dtype=object)
    return part.drop(columns="acct").assign(account_id=account_id)[
        ["account_id", "artifact", "first_seen", "last_seen", "count"]
    ]


def epoch_ns(values: pd.Series) -> pd.Series:
    """UTC timestamps as integer nanoseconds since the epoch (nullable).

    The driver turns each Python ``datetime`` into a Neo4j ``DateTime`` in pure Python (about
    100 µs a value, half of the client's time on a link load); an integer costs nothing, and the
    statement rebuilds the same UTC ``DateTime`` with ``datetime({epochSeconds, nanosecond})``.
    """
    stamps = pd.to_datetime(values, utc=True).dt.as_unit("ns")
    missing = stamps.isna().to_numpy()
    ns = stamps.dt.tz_localize(None).to_numpy().view("int64")  # NaT's sentinel is masked below
    return pd.Series(pd.array(ns, dtype="Int64"), index=values.index).mask(missing)


def link_statement_rows(links: pd.DataFrame, account_ids: np.ndarray, kind: str) -> pd.DataFrame:
    """:func:`link_rows` as the merge statements take them: ``first_seen_ns``/``last_seen_ns`` (:func:`epoch_ns`)."""
    rows = link_rows(links, account_ids, kind)
    return pd.DataFrame(
        {
            "account_id": rows["account_id"],
            "artifact": rows["artifact"],
            "first_seen_ns": epoch_ns(rows["first_seen"]),
            "last_seen_ns": epoch_ns(rows["last_seen"]),
            "count": rows["count"],
        }
    )


def weight_rows(graph: LinkGraph, kind: str) -> pd.DataFrame:
    """``artifact, weight, df, generic, evidence`` for every artifact of one kind.

    ``evidence`` is true exactly for the artifacts that have edges in ``graph.edges``, so
    the Neo4j projection keeps the same edges as the embedded backend.
    """
    arts = graph.artifacts
    mask = (arts["kind"] == kind).to_numpy()
    evidence = np.isin(arts.index.to_numpy()[mask], graph.edges["art"].to_numpy())
    return pd.DataFrame(
        {
            "artifact": arts["artifact"].to_numpy(dtype=object)[mask],
            "weight": arts["weight"].to_numpy(dtype=float)[mask],
            "df": arts["df"].to_numpy(dtype=np.int64)[mask],
            "generic": arts["generic"].to_numpy(dtype=bool)[mask],
            "evidence": evidence,
        }
    )


def dataset_statements(dataset: Dataset) -> list[tuple[str, pd.DataFrame]]:
    """Everything ``neo4j-load`` writes: accounts, proxies (with ASN), then the three link kinds."""
    return [
        ("merge_accounts", account_rows(dataset.accounts)),
        ("merge_proxies", proxy_rows(dataset.links, dataset.ip_asn)),
        *link_statements(dataset.links, dataset.accounts["account_id"].to_numpy()),
    ]


def link_statements(links: pd.DataFrame, account_ids: np.ndarray) -> list[tuple[str, pd.DataFrame]]:
    """The link steps; identical whether built from a dataset or a link graph (shared checkpoints).

    The three contract kinds always; a derived kind (template family, rewrite group, lockstep window) only
    when ``links`` has rows of it, so a dataset and a graph without derived links give the same steps.
    """
    steps = [(name, link_statement_rows(links, account_ids, kind)) for kind, name in LINK_STATEMENTS.items()]
    present = set(links["kind"].astype(str).unique())
    steps += [
        (name, link_statement_rows(links, account_ids, kind))
        for kind, name in DERIVED_LINK_STATEMENTS.items()
        if kind in present
    ]
    return steps
