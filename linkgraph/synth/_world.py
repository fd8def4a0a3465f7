"""``generate_world``: plan the population, build it, and write the tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._builder import KIND_NAMES, STATUSES, World
from ._evasive_world import check_scale, generate_evasive
from ._operations import build_bulk, build_hydra, build_sync
from ._output import FORMATS, account_ids, dedupe, hex_tokens
from ._population import build_companies, build_enterprises, build_organic, build_university
from ._requests import build_requests
from ._tables import Texts, assemble, write_all

MIN_ACCOUNTS = 1_000
#: World kinds ``generate_world`` can build; the first is the default.
WORLDS = ("classic", "evasive")


@dataclass(frozen=True)
class Plan:
    """How many accounts each population gets."""

    organic: int
    company_sizes: np.ndarray
    enterprise_sizes: list[int]
    university: int
    sync: int
    hydra: int
    bulk: int


def plan_sizes(n: int, rng: np.random.Generator) -> Plan:
    """Sizes of every population for ``n`` accounts (fractions with minimums)."""
    fraud = 0.024 * n
    sync = max(30, round(0.03 * fraud))
    hydra = max(60, round(0.35 * fraud))
    bulk = max(100, round(0.62 * fraud))
    enterprises = [max(40, round(f * n)) for f in (0.0003, 0.0012, 0.003)]
    university = max(60, round(0.005 * n))
    target = max(10, round(0.015 * n))
    draws = np.clip(np.rint(rng.lognormal(np.log(10.0), 0.75, target // 5 + 2)), 5, 50)
    draws = draws.astype(np.int64)
    teams = max(2, int(np.searchsorted(np.cumsum(draws), target)) + 1)
    company_sizes = draws[:teams]
    organic = n - (sync + hydra + bulk + sum(enterprises) + university + int(company_sizes.sum()))
    if organic < n // 2:
        raise ValueError(f"n_accounts={n} is too small; use at least {MIN_ACCOUNTS}")
    return Plan(organic, company_sizes, enterprises, university, sync, hydra, bulk)


def _summary(w: World, plan: Plan, rows: dict[str, int], files: dict[str, str]) -> dict:
    kinds = np.asarray(w.group_kind)[w.group]
    by_group = np.bincount(w.group, minlength=len(w.groups))
    accounts_by_group = {
        "organic": int(plan.organic),
        "company": int(plan.company_sizes.sum()),
        **{f"enterprise_{i}": int(s) for i, s in enumerate(plan.enterprise_sizes)},
        "university_0": int(plan.university),
        "op_sync": int(plan.sync),
        "op_hydra": int(plan.hydra),
        "op_bulk": int(plan.bulk),
    }
    groups_by_kind = {name: 0 for name in KIND_NAMES}
    for kind, size in zip(w.group_kind, by_group, strict=True):
        if size:
            groups_by_kind[KIND_NAMES[kind]] += 1
    return {
        "n_accounts": w.n,
        "accounts_by_kind": {name: int((kinds == k).sum()) for k, name in enumerate(KIND_NAMES)},
        "groups_by_kind": groups_by_kind,
        "accounts_by_group": accounts_by_group,
        "companies": int(plan.company_sizes.size),
        "rows": rows,
        "files": files,
    }


def generate_world(
    out_dir: str | Path,
    n_accounts: int = 5000,
    seed: int = 0,
    fmt: str = "parquet",
    requests_per_account: float = 2.0,
    world: str = "classic",
    scale: dict[str, float] | None = None,
) -> dict:
    """Write accounts, payment_methods, proxies, prompt_fingerprints, requests tables (fmt in
    {"parquet","csv","csv.gz"}, file names NAME.parquet / NAME.csv / NAME.csv.gz) plus truth.csv
    (always CSV) into out_dir; return a summary dict (counts per group kind, rows per table).

    The world is a pure function of ``(n_accounts, seed, requests_per_account, world, scale)``: the
    same arguments give byte-identical files. ``requests_per_account=0`` writes no requests
    table. ``world`` is one of ``WORLDS``: ``"classic"`` (default) or ``"evasive"``, whose
    operations use evasive tactics and whose tables carry the contract v2 SimHash and status
    columns (it needs ``requests_per_account > 0``). ``scale`` (evasive only) multiplies the
    size of named populations, e.g. ``{"op_varied": 3}``, for stress worlds. See
    ``docs/synthetic_world.md`` for the populations, parameters and traps.

    Examples
    --------
    >>> import tempfile
    >>> s = generate_world(tempfile.mkdtemp(), n_accounts=2000, seed=1)
    >>> s["accounts_by_group"]["op_hydra"], s["rows"]["accounts"]
    (60, 2000)
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {sorted(FORMATS)}, got {fmt!r}")
    n = int(n_accounts)
    if n < MIN_ACCOUNTS:
        raise ValueError(f"n_accounts must be at least {MIN_ACCOUNTS}, got {n}")
    if not requests_per_account >= 0:
        raise ValueError("requests_per_account must be >= 0")
    if world not in WORLDS:
        raise ValueError(f"world must be one of {list(WORLDS)}, got {world!r}")
    if world == "evasive" and not requests_per_account > 0:
        raise ValueError("the evasive world needs its requests table: requests_per_account must be > 0")
    if scale and world != "evasive":
        raise ValueError("scale applies to the evasive world only")
    check_scale(scale)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if world == "evasive":
        return generate_evasive(out, n, seed, fmt, requests_per_account, scale)

    rng = np.random.default_rng(seed)
    plan = plan_sizes(n, rng)
    w = World(n, rng)
    build_organic(w, plan.organic)
    build_companies(w, plan.company_sizes)
    build_enterprises(w, plan.enterprise_sizes)
    build_university(w, plan.university)
    build_sync(w, plan.sync)
    build_hydra(w, plan.hydra)
    build_bulk(w, plan.bulk)
    if w.next_account != n:
        raise RuntimeError("population plan does not cover n_accounts")

    pm = dedupe(w.links["pm"], w.n_cards)
    ip = dedupe(w.links["ip"], w.net.count)
    fp = dedupe(w.links["fp"], w.n_fps)

    # Opaque, shuffled account ids and artifact tokens.
    number = rng.permutation(n)
    ids = account_ids(n)
    pm_text = hex_tokens(rng, w.n_cards, "pm_", 12)
    fp_text = hex_tokens(rng, w.n_fps, "fp_", 8)
    ip_text, ip_asn = w.net.to_arrow()
    # Requests draw last, so the other tables do not depend on requests_per_account.
    req = build_requests(w, requests_per_account, ip, fp) if requests_per_account > 0 else None
    texts = Texts(number, ids, pm_text, fp_text, ip_text, ip_asn, [s for s, _ in STATUSES])
    tables, truth = assemble(w, texts, pm, ip, fp, req)
    rows, files = write_all(out, fmt, tables, truth)
    return _summary(w, plan, rows, files)
