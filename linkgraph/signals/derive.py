"""Derived artifacts for one dataset: template families and lockstep buckets, as link rows.

This is where the signals meet the data contract's optional v2 columns. Families come from
``prompt_fingerprints.simhash`` (else from ``requests.prompt_simhash``); lockstep buckets
come from the ``requests`` log, keyed by the request's template family where it has a
SimHash. Absent columns switch the matching signal off, and then nothing changes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from linkgraph.signals.families import family_ids
from linkgraph.signals.lockstep import lockstep_links

LINK_COLUMNS = ["acct", "kind", "artifact", "first_seen", "last_seen", "count"]
FAMILY, LOCKSTEP = "family", "lockstep"


@dataclass(frozen=True)
class SignalParams:
    """Switches and thresholds of the derived signals (recorded in the run manifest)."""

    families: bool = True
    family_max_bits: int = 4
    lockstep: bool = True
    lockstep_window_s: int = 60
    lockstep_min_accounts: int = 5
    lockstep_busy_factor: float = 10.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Derived:
    """Derived link rows (``LINK_COLUMNS``) and what each signal found, for the manifest."""

    links: pd.DataFrame
    report: dict[str, object] = field(default_factory=dict)
    buckets: pd.DataFrame | None = None


def _empty_links() -> pd.DataFrame:
    ts = pd.Series(pd.to_datetime([], utc=True))
    return pd.DataFrame(
        {"acct": np.empty(0, np.int64), "kind": [], "artifact": [], "first_seen": ts, "last_seen": ts, "count": []}
    )


def _request_hashes(requests: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    if requests is None or "prompt_simhash" not in requests.columns:
        return np.empty(0, np.uint64), np.zeros(0, dtype=bool)
    has = requests["has_simhash"].to_numpy() if "has_simhash" in requests.columns else np.ones(len(requests), bool)
    return requests["prompt_simhash"].to_numpy().astype(np.uint64), has.astype(bool)


def _families(
    simhashes: pd.DataFrame | None, requests: pd.DataFrame | None, params: SignalParams
) -> tuple[pd.DataFrame, np.ndarray | None]:
    """Family link rows, and each request's family id (None when requests carry no SimHash)."""
    fp = simhashes if simhashes is not None and len(simhashes) else None
    req_h, req_ok = _request_hashes(requests)
    if fp is None and not req_ok.any():
        return _empty_links(), None
    fp_h = fp["simhash"].to_numpy().astype(np.uint64) if fp is not None else np.empty(0, np.uint64)
    fp_w = fp["count"].fillna(1).to_numpy().astype(np.float64) if fp is not None else np.empty(0)
    hashes = np.concatenate([fp_h, req_h[req_ok]])
    weights = np.concatenate([fp_w, np.ones(int(req_ok.sum()))])
    ids = family_ids(hashes, weights, params.family_max_bits)
    request_family = None
    if req_ok.any():
        request_family = np.full(len(req_h), None, dtype=object)
        request_family[req_ok] = ids[len(fp_h) :]
    if fp is not None:
        src = pd.DataFrame(
            {"acct": fp["acct"].to_numpy(), "artifact": ids[: len(fp_h)], "count": fp_w.astype(np.int64)}
            | {
                "first_seen": fp["first_seen"].reset_index(drop=True),
                "last_seen": fp["last_seen"].reset_index(drop=True),
            }
        )
    else:
        assert requests is not None
        stamp = requests["timestamp"][req_ok].reset_index(drop=True)
        src = pd.DataFrame(
            {"acct": requests["acct"].to_numpy()[req_ok], "artifact": ids, "count": 1}
            | {"first_seen": stamp, "last_seen": stamp}
        )
    links = (
        src.groupby(["acct", "artifact"], sort=True)
        .agg(first_seen=("first_seen", "min"), last_seen=("last_seen", "max"), count=("count", "sum"))
        .reset_index()
        .assign(kind=FAMILY)
    )
    return links[LINK_COLUMNS], request_family


def _lockstep(
    requests: pd.DataFrame, family: np.ndarray | None, params: SignalParams
) -> tuple[pd.DataFrame, dict, pd.DataFrame]:
    frame = requests[["acct", "timestamp"]].rename(columns={"acct": "account_id"}).reset_index(drop=True)
    for column in ("prompt_fingerprint", "model"):
        if column in requests.columns:
            frame[column] = requests[column].reset_index(drop=True)
    found = lockstep_links(
        frame,
        family=pd.Series(family) if family is not None else None,
        window_s=params.lockstep_window_s,
        min_accounts=params.lockstep_min_accounts,
        busy_factor=params.lockstep_busy_factor,
    )
    links = found.links.assign(kind=LOCKSTEP)
    links["acct"] = links["acct"].astype(np.int64)
    report = {
        "lockstep_buckets": int((~found.buckets["generic"]).sum()),
        "lockstep_generic_buckets": int(found.buckets["generic"].sum()),
        "lockstep_busy_windows": len(found.busy_windows),
        "lockstep_generic_keys": len(found.generic_keys),
    }
    return links[LINK_COLUMNS], report, found.buckets


def derive_links(
    simhashes: pd.DataFrame | None, requests: pd.DataFrame | None, params: SignalParams | None = None
) -> Derived:
    """Template-family and lockstep link rows for one dataset.

    ``simhashes`` has ``acct, simhash, first_seen, last_seen, count`` (prompt fingerprints
    with a SimHash); ``requests`` has ``acct, timestamp`` and optionally ``model``,
    ``prompt_fingerprint``, ``prompt_simhash`` and ``has_simhash``. Either may be None.
    """
    params = params or SignalParams()
    parts: list[pd.DataFrame] = []
    report: dict[str, object] = {}
    buckets = None
    family = None
    if params.families:
        links, family = _families(simhashes, requests, params)
        parts.append(links)
        report["family_links"] = len(links)
        report["families"] = int(links["artifact"].nunique())
    if params.lockstep and requests is not None and len(requests):
        links, found, buckets = _lockstep(requests, family, params)
        parts.append(links)
        report.update(found, lockstep_links=len(links))
    parts = [p for p in parts if len(p)]
    links = pd.concat(parts, ignore_index=True) if parts else _empty_links()
    return Derived(links, report, buckets)
