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

from linkgraph.signals.families import named_families
from linkgraph.signals.lockstep import lockstep_links
from linkgraph.signals.rewrites import family_centres, rewrite_group_of_families
from linkgraph.signals.simhash import simhash_texts

LINK_COLUMNS = ["acct", "kind", "artifact", "first_seen", "last_seen", "count"]
FAMILY, REWRITE, LOCKSTEP = "family", "rewrite", "lockstep"
_NAT = np.iinfo(np.int64).min


@dataclass(frozen=True)
class SignalParams:
    """Switches and thresholds of the derived signals (recorded in the run manifest)."""

    families: bool = True
    family_max_bits: int = 4
    rewrites: bool = True
    rewrite_max_bits: int = 12
    rewrite_max_users: int = 6
    rewrite_min_families: int = 3
    rewrite_chance: float = 0.01
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
    request_family: pd.Series | None = None
    """Each request's template family (categorical, NaN without SimHash), for behaviour features."""
    fingerprint_family: pd.DataFrame | None = None
    """``art`` (a prompt fingerprint's artifact code) and ``family`` (its family's id), one row per fingerprint."""


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


def _instants(values: pd.Series) -> tuple[np.ndarray, str]:
    """Timestamps as int64 in their own unit (NaT = int64 min), and the unit."""
    stamps = pd.DatetimeIndex(pd.to_datetime(values, utc=True))
    return stamps.asi8, stamps.unit


def _stamps(values: np.ndarray, unit: str) -> pd.Series:
    return pd.Series(values.view(f"M8[{unit}]")).dt.tz_localize("UTC")


def _aggregate_links(
    acct: np.ndarray,
    label: np.ndarray,
    names: pd.CategoricalDtype,
    first_seen: pd.Series,
    last_seen: pd.Series,
    count: np.ndarray,
    kind: str = FAMILY,
) -> pd.DataFrame:
    """One row per (account, family), in that order: earliest first_seen, latest last_seen (both
    skipping NaT), summed count. ``names`` are the families (categories in label order)."""
    n = len(names.categories)
    key = acct.astype(np.int64) * np.int64(n) + label
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]]) if len(key) else np.zeros(0, np.int64)
    keys = sorted_key[starts]
    first, unit = _instants(first_seen)
    first = np.where(first == _NAT, np.iinfo(np.int64).max, first)[order]
    first = np.minimum.reduceat(first, starts) if len(starts) else first[:0]
    first = np.where(first == np.iinfo(np.int64).max, _NAT, first)
    last, last_unit = _instants(last_seen)
    last = np.maximum.reduceat(last[order], starts) if len(starts) else last[:0]
    return pd.DataFrame(
        {
            "acct": keys // n,
            "kind": kind,
            "artifact": pd.Categorical.from_codes(keys % n, dtype=names, validate=False),
            "first_seen": _stamps(first, unit),
            "last_seen": _stamps(last, last_unit),
            "count": np.add.reduceat(count.astype(np.int64)[order], starts) if len(starts) else count[:0],
        }
    )


def _fingerprint_family(fp: pd.DataFrame, labels: np.ndarray, names: pd.CategoricalDtype) -> pd.DataFrame | None:
    """One row per fingerprint code (``art``) with its ``family``; a fingerprint given with
    several SimHashes in different families takes the family whose id sorts first."""
    if "art" not in fp.columns:
        return None
    art = fp["art"].to_numpy().astype(np.int64)
    if not len(art):
        return pd.DataFrame({"art": art, "family": pd.Categorical.from_codes(labels[:0], dtype=names)})
    family = np.full(int(art.max()) + 1, -1, dtype=np.int64)
    family[art] = labels
    clash = family[art] != labels  # rare: one fingerprint, hashes in two families
    if clash.any():
        rows = np.flatnonzero(np.isin(art, art[clash]))
        text = np.asarray(names.categories, dtype=object)[labels[rows]].astype(str)
        order = np.lexsort((text, art[rows]))
        first = order[np.r_[True, art[rows][order][1:] != art[rows][order][:-1]]]
        family[art[rows][first]] = labels[rows][first]
    present = np.flatnonzero(family >= 0)
    return pd.DataFrame(
        {"art": present, "family": pd.Categorical.from_codes(family[present], dtype=names, validate=False)}
    )


def _rewrite_links(
    links: pd.DataFrame, hashes: np.ndarray, weights: np.ndarray, labels: np.ndarray, params: SignalParams
) -> tuple[pd.DataFrame, dict[str, object]]:
    """Rewrite-group link rows (one per account and group) from the family links, and a report."""
    codes = links["artifact"].cat.codes.to_numpy().astype(np.int64)
    n = len(links["artifact"].cat.categories)
    users = np.bincount(codes, minlength=n)
    shared = ((users >= 2) & (users <= params.rewrite_max_users))[labels]  # the few rows that can take part
    centres = family_centres(hashes[shared], weights[shared], labels[shared], n)
    group, bits = rewrite_group_of_families(
        centres,
        users,
        params.rewrite_max_bits,
        params.rewrite_max_users,
        params.rewrite_min_families,
        params.rewrite_chance,
    )
    row = group[codes]
    sel = row >= 0
    n_groups = int(group.max()) + 1 if len(group) else 0
    report: dict[str, object] = {"rewrite_bits": bits, "rewrite_groups": n_groups}
    if not n_groups:
        return _empty_links(), report
    smallest = np.full(n_groups, np.iinfo(np.uint64).max, dtype=np.uint64)
    np.minimum.at(smallest, group[group >= 0], centres[group >= 0])
    names = pd.CategoricalDtype(pd.Index(simhash_texts(smallest, "rw:"), dtype=object))
    part = links[sel]
    found = _aggregate_links(
        part["acct"].to_numpy(),
        row[sel],
        names,
        part["first_seen"],
        part["last_seen"],
        part["count"].to_numpy(),
        REWRITE,
    )
    return found, report


def _families(
    simhashes: pd.DataFrame | None, requests: pd.DataFrame | None, params: SignalParams
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, object], pd.Series | None, pd.DataFrame | None]:
    """Family link rows, rewrite-group link rows with their report, each request's family (a
    categorical; None when requests carry no SimHash) and each fingerprint's family (None
    without fingerprint SimHashes)."""
    fp = simhashes if simhashes is not None and len(simhashes) else None
    req_h, req_ok = _request_hashes(requests)
    if fp is None and not req_ok.any():
        return _empty_links(), _empty_links(), {}, None, None
    fp_h = fp["simhash"].to_numpy().astype(np.uint64) if fp is not None else np.empty(0, np.uint64)
    fp_w = fp["count"].fillna(1).to_numpy().astype(np.int64) if fp is not None else np.empty(0, np.int64)
    hashes = np.concatenate([fp_h, req_h[req_ok]])
    weights = np.concatenate([fp_w.astype(np.float64), np.ones(int(req_ok.sum()))])
    labels, texts = named_families(hashes, weights, params.family_max_bits)
    names = pd.CategoricalDtype(pd.Index(texts, dtype=object))  # checked for uniqueness once, not per use
    request_family = None
    if req_ok.any():
        codes = np.full(len(req_h), -1, dtype=np.int64)
        codes[req_ok] = labels[len(fp_h) :]
        request_family = pd.Series(pd.Categorical.from_codes(codes, dtype=names, validate=False))
    fingerprint_family = None
    if fp is not None:
        links = _aggregate_links(
            fp["acct"].to_numpy(), labels[: len(fp_h)], names, fp["first_seen"], fp["last_seen"], fp_w
        )
        fingerprint_family = _fingerprint_family(fp, labels[: len(fp_h)], names)
    else:
        assert requests is not None
        stamp = requests["timestamp"][req_ok].reset_index(drop=True)
        ones = np.ones(len(stamp), dtype=np.int64)
        links = _aggregate_links(requests["acct"].to_numpy()[req_ok], labels, names, stamp, stamp, ones)
    rewrites, report = _empty_links(), dict[str, object]()
    if params.rewrites:
        rewrites, report = _rewrite_links(links, hashes, weights, labels, params)
    return links, rewrites, report, request_family, fingerprint_family


def _lockstep(requests: pd.DataFrame, family: pd.Series | None, params: SignalParams) -> tuple[pd.DataFrame, dict]:
    frame = requests[["acct", "timestamp"]].rename(columns={"acct": "account_id"}).reset_index(drop=True)
    for column in ("prompt_fingerprint", "model"):
        if column in requests.columns:
            frame[column] = requests[column].reset_index(drop=True)
    found = lockstep_links(
        frame,
        family=family,
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
        "lockstep_popular_key_waves": int(
            (~found.buckets["generic"] & found.buckets["key"].isin(found.generic_keys["key"])).sum()
        ),
    }
    return links[LINK_COLUMNS], report


STAMP = pd.DatetimeTZDtype("us", "UTC")
"""One timestamp type for every derived link (the ingest's), so parts concatenate without objects."""


def _stamped(links: pd.DataFrame) -> pd.DataFrame:
    """``links`` with ``first_seen``/``last_seen`` as :data:`STAMP`."""
    return links.assign(**{c: pd.to_datetime(links[c], utc=True).astype(STAMP) for c in ("first_seen", "last_seen")})


def _one_artifact_column(parts: list[pd.DataFrame]) -> pd.Categorical:
    """The parts' artifact ids as one categorical (families are categorical already; ids are
    disjoint across kinds by their prefix), without recoding the large family part."""
    codes, categories = [], []
    offset = 0
    for part in parts:
        values = part["artifact"]
        if isinstance(values.dtype, pd.CategoricalDtype):
            local, names = values.cat.codes.to_numpy().astype(np.int64), values.cat.categories.to_numpy(dtype=object)
        else:
            local, names = pd.factorize(np.asarray(values, dtype=object))
        codes.append(local + offset)
        categories.append(np.asarray(names, dtype=object))
        offset += len(names)
    dtype = pd.CategoricalDtype(pd.Index(np.concatenate(categories), dtype=object))
    return pd.Categorical.from_codes(np.concatenate(codes), dtype=dtype, validate=False)


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
    family = fingerprint_family = None
    if params.families:
        links, rewrites, found_rewrites, family, fingerprint_family = _families(simhashes, requests, params)
        parts += [links, rewrites]
        report["family_links"] = len(links)
        report["families"] = int(links["artifact"].nunique())
        if found_rewrites:  # only where there were families to group (as the Spark engine reports)
            report.update(found_rewrites, rewrite_links=len(rewrites))
    if params.lockstep and requests is not None and len(requests):
        links, found = _lockstep(requests, family, params)
        parts.append(links)
        report.update(found, lockstep_links=len(links))
    parts = [_stamped(p) for p in parts if len(p)]
    if len(parts) > 1:  # one categorical artifact column over both kinds, so nothing is re-hashed as text
        artifact = _one_artifact_column(parts)
        parts = [p.drop(columns="artifact") for p in parts]
        links = pd.concat(parts, ignore_index=True).assign(artifact=artifact)[LINK_COLUMNS]
        links["kind"] = links["kind"].astype("category")
    else:
        links = parts[0] if parts else _empty_links()
    return Derived(links, report, family, fingerprint_family)
