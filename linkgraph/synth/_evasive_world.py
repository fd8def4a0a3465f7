"""The evasive world: plan its populations, build them, enforce bans and write the tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from ._builder import DAY, HOUR, KIND_NAMES, OBS_END
from ._evasive_base import BANNED, EV_STATUSES, SUSPENDED, EvasiveWorld
from ._evasive_benign import (
    build_ci_fleet,
    build_cron,
    build_enterprise_ci,
    build_proxy_customers,
    build_research_lab,
    build_university,
    sprinkle_throwaway,
)
from ._evasive_ops import HydraPlan, build_hydra, build_sync, build_varied, plan_hydra
from ._evasive_requests import build_evasive_requests
from ._output import account_ids, dedupe, hex64, hex_tokens
from ._population import build_companies, build_organic
from ._tables import Texts, assemble, take, write_all


@dataclass(frozen=True)
class EvasivePlan:
    """How many accounts each population of the evasive world gets."""

    organic: int
    company_sizes: np.ndarray
    sizes: dict[str, int]
    hydra: HydraPlan


SCALABLE = (
    "op_sync",
    "op_varied",
    "company_ci",
    "enterprise_ci",
    "university_0",
    "research_lab",
    "organic_cron",
    "organic_proxy_customers",
    "organic_hydra_customers",
)
"""Populations of the evasive world whose size ``scale`` multiplies (the rest come from organic)."""


def check_scale(scale: dict[str, float] | None) -> dict[str, float]:
    """``scale`` if every name is in :data:`SCALABLE` with a factor > 0; raises ValueError otherwise."""
    for name, factor in (scale or {}).items():
        if name not in SCALABLE or not factor > 0:
            raise ValueError(f"scale {name}={factor}: use a factor > 0 for one of {', '.join(SCALABLE)}")
    return dict(scale or {})


def plan_evasive(n: int, rng: np.random.Generator, scale: dict[str, float] | None = None) -> EvasivePlan:
    """Sizes for ``n`` accounts: fractions of n with minimums, so tiny worlds have everything.

    ``scale`` multiplies the size of populations in :data:`SCALABLE` (a stress world: a larger
    operation, more proxy customers); the accounts come from, or go back to, the organic ones.
    """
    fraud = 0.024 * n
    hydra = plan_hydra(rng, max(120, round(0.60 * fraud)))
    sizes = {
        "op_sync": max(40, round(0.04 * fraud)),
        "op_varied": max(100, round(0.36 * fraud)),
        "company_ci": min(120, max(20, round(n / 10_000))),
        "enterprise_ci": max(40, round(0.0005 * n)),
        "university_0": max(60, round(0.0015 * n)),
        "research_lab": max(8, round(n / 50_000)),
        "organic_cron": max(30, round(0.005 * n)),
        "organic_proxy_customers": max(30, round(0.004 * n)),
        "organic_hydra_customers": max(30, round(0.004 * n)),
    }
    for name, factor in check_scale(scale).items():
        sizes[name] = max(1, round(sizes[name] * factor))
    target = max(10, round(0.01 * n))
    draws = np.clip(np.rint(rng.lognormal(np.log(10.0), 0.75, target // 5 + 2)), 5, 50).astype(np.int64)
    company_sizes = draws[: max(2, int(np.searchsorted(np.cumsum(draws), target)) + 1)]
    organic = n - sum(sizes.values()) - hydra.total - int(company_sizes.sum())
    if organic < n // 3:
        raise ValueError(f"n_accounts={n} is too small for the evasive world")
    return EvasivePlan(organic, company_sizes, sizes, hydra)


def _build(w: EvasiveWorld, plan: EvasivePlan) -> None:
    s = plan.sizes
    build_organic(w, plan.organic)
    sprinkle_throwaway(w, np.flatnonzero(w.group == w.group_id("organic")), 0.005)
    build_companies(w, plan.company_sizes)
    build_ci_fleet(w, s["company_ci"])
    build_enterprise_ci(w, s["enterprise_ci"])
    build_university(w, s["university_0"])
    build_research_lab(w, s["research_lab"])
    build_cron(w, s["organic_cron"])
    build_sync(w, s["op_sync"])
    build_varied(w, s["op_varied"])
    build_hydra(w, plan.hydra)
    pools = np.concatenate([w.proxy_pool, w.reseller_pool])
    build_proxy_customers(w, s["organic_proxy_customers"], pools, "organic_proxy_customers")
    build_proxy_customers(w, s["organic_hydra_customers"], w.hydra_pool, "organic_hydra_customers")
    if w.next_account != w.n:
        raise RuntimeError("population plan does not cover n_accounts")


def _ban_organic(w: EvasiveWorld, ip: dict[str, np.ndarray]) -> None:
    """Ban and suspend a few background organic accounts that never touched a shared IP
    (proxy networks, carrier NAT, VPN exits): nothing ties them to an operation."""
    rng = w.rng
    shared = np.concatenate([w.proxy_pool, w.reseller_pool, w.hydra_pool, w.carrier_ip, w.vpn_ip])
    proxied = np.unique(ip["acct"][np.isin(ip["art"], shared)])
    cand = np.flatnonzero(w.group == w.group_id("organic"))
    cand = cand[~np.isin(cand, proxied)]
    k = max(3, round(0.0002 * w.n))
    pick = rng.choice(cand, 2 * k, replace=False)
    when = w.created[pick] + DAY + (rng.random(pick.size) * (OBS_END - 2 * DAY - w.created[pick])).astype(np.int64)
    w.enforce(pick[:k], when[:k], BANNED)
    w.enforce(pick[k:], when[k:], SUSPENDED)


def _stop_at_end(w: EvasiveWorld, d: dict[str, np.ndarray], reveal: bool) -> None:
    """Clip link windows at each account's end of activity. With ``reveal``, an enforced
    account's latest link ends within 2 hours before its ban, as a last login would."""
    end = w.end[d["acct"]]
    d["last"] = np.minimum(d["last"], end)
    d["first"] = np.minimum(d["first"], d["last"])
    if not reveal:
        return
    o = np.lexsort((d["last"], d["acct"]))
    a = d["acct"][o]
    latest = o[np.r_[a[1:] != a[:-1], True]]
    latest = latest[w.end[d["acct"][latest]] < OBS_END]
    jitter = (w.rng.random(latest.size) * 2 * HOUR).astype(np.int64)
    d["last"][latest] = np.maximum(w.end[d["acct"][latest]] - jitter, d["first"][latest])


def generate_evasive(out: Path, n: int, seed: int, fmt: str, rpa: float, scale: dict[str, float] | None = None) -> dict:
    """Build the evasive world for ``(n, seed, rpa, scale)`` and write its tables; returns a summary."""
    rng = np.random.default_rng(seed)
    plan = plan_evasive(n, rng, scale)
    w = EvasiveWorld(n, rng)
    _build(w, plan)
    pm = dedupe(w.links["pm"], w.n_cards)
    ip = dedupe(w.links["ip"], w.net.count)
    fp = dedupe(w.links["fp"], w.n_fps)
    _ban_organic(w, ip)
    _stop_at_end(w, pm, False)
    _stop_at_end(w, fp, False)
    _stop_at_end(w, ip, True)

    number = rng.permutation(n)
    internal = np.argsort(number)
    ids = account_ids(n)
    pm_text = hex_tokens(rng, w.n_cards, "pm_", 12)
    fp_text = hex_tokens(rng, w.n_fps, "fp_", 8)
    sim_text = hex64(w.sim.table())
    ip_text, ip_asn = w.net.to_arrow()
    req = build_evasive_requests(w, rpa, ip, fp)
    extra = {
        "status": take(pa.array(list(EV_STATUSES)), w.status[internal]),
        "replacement": pa.array(w.replacement[internal]),
    }
    texts = Texts(number, ids, pm_text, fp_text, ip_text, ip_asn, list(EV_STATUSES), sim_text, extra)
    tables, truth = assemble(w, texts, pm, ip, fp, req)
    rows, files = write_all(out, fmt, tables, truth)

    kinds = np.asarray(w.group_kind)[w.group]
    by_group: dict[str, int] = {}
    for name, size in zip(w.groups, np.bincount(w.group, minlength=len(w.groups)), strict=True):
        key = "company" if name.startswith("company_") and name != "company_ci" else name
        by_group[key] = by_group.get(key, 0) + int(size)
    hyd = w.group == w.group_id("op_hydra")
    return {
        "world": "evasive",
        "n_accounts": n,
        "accounts_by_kind": {name: int((kinds == k).sum()) for k, name in enumerate(KIND_NAMES)},
        "accounts_by_group": by_group,
        "accounts_by_status": {s: int((w.status == i).sum()) for i, s in enumerate(EV_STATUSES)},
        "hydra": {
            "cells": int(plan.hydra.sizes.size),
            "banned_cells": int(plan.hydra.banned.sum()),
            "banned_accounts": int((hyd & (w.status == BANNED)).sum()),
            "replacement_accounts": int(w.replacement.sum()),
        },
        "organic_enforced": int(((w.group == w.group_id("organic")) & (w.status != 0)).sum()),
        "companies": int(plan.company_sizes.size),
        "rows": rows,
        "files": files,
    }
