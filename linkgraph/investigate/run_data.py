"""A run loaded for investigation: its tables indexed by cluster, lineage status, run history.

:func:`load_run` reads a run once (the app caches it per run directory; runs are immutable).
Per-cluster lookups slice tables sorted by cluster id (binary search), so they cost the size
of the cluster, not of the run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from linkgraph.runs.store import list_runs, read_manifest, read_table

RUNS_ENV = "LINKGRAPH_RUNS"
"""Environment variable naming the runs directory the app reads."""

LINEAGE_FILE = "lineage.parquet"
CHANGE_STATUSES = ("new", "grown", "shrunk", "merged", "split", "unchanged")
"""Lineage statuses a current cluster can have; ``dissolved`` only names previous clusters."""
CHANGED = ("new", "grown", "shrunk", "merged", "split")
BANDS = ("high", "medium", "low")


def runs_dir_from_env(default: str | Path = "runs") -> Path:
    """The runs directory named by ``LINKGRAPH_RUNS``, else ``default``."""
    return Path(os.environ.get(RUNS_ENV) or default)


def _sorted_by(
    frame: pd.DataFrame, key: str, then: list[str] | None = None, ascending: list[bool] | None = None
) -> tuple[pd.DataFrame, np.ndarray]:
    by = [key, *(then or [])]
    order = frame.sort_values(by, ascending=[True, *(ascending or [True] * (len(by) - 1))], kind="stable")
    order = order.reset_index(drop=True)
    return order, order[key].astype(str).to_numpy(dtype=object)


def _slice(frame: pd.DataFrame, keys: np.ndarray, key: str) -> pd.DataFrame:
    lo = int(np.searchsorted(keys, key, side="left"))
    hi = int(np.searchsorted(keys, key, side="right"))
    return frame.iloc[lo:hi]


@dataclass
class RunData:
    """One run's tables, indexed for the app's lookups."""

    run_dir: Path
    manifest: dict
    clusters: pd.DataFrame
    members: pd.DataFrame
    evidence: pd.DataFrame
    links: pd.DataFrame
    accounts: pd.DataFrame
    lineage: pd.DataFrame | None = None
    campaigns: pd.DataFrame | None = None
    _keys: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _member_pos: pd.Index | None = field(default=None, repr=False)
    derived: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    """Tables computed from the run on first use (the run is immutable, so they never go stale)."""

    @property
    def run_id(self) -> str:
        return str(self.manifest["run_id"])

    @property
    def runs_dir(self) -> Path:
        return self.run_dir.parent

    def cluster(self, cluster_id: str) -> pd.Series:
        """The cluster's row; ``KeyError`` when the run has no such cluster."""
        return cast(pd.Series, self.clusters.loc[cluster_id])

    def has_cluster(self, cluster_id: str) -> bool:
        return cluster_id in self.clusters.index

    def members_of(self, cluster_id: str) -> pd.DataFrame:
        """Members of a cluster, core first, strongest evidence first."""
        return _slice(self.members, self._keys["members"], cluster_id)

    def links_of(self, cluster_id: str) -> pd.DataFrame:
        """Evidence links of a cluster's members."""
        return _slice(self.links, self._keys["links"], cluster_id)

    def evidence_of(self, cluster_id: str) -> pd.DataFrame:
        """Artifacts shared inside a cluster, strongest first."""
        return _slice(self.evidence, self._keys["evidence"], cluster_id)

    def member(self, account_id: str) -> pd.Series | None:
        """The members row of a clustered account, else ``None``."""
        assert self._member_pos is not None
        try:
            pos = self._member_pos.get_loc(account_id)
        except KeyError:
            return None
        return self.members.iloc[int(pos)] if isinstance(pos, int | np.integer) else None

    def member_ids(self) -> pd.Index:
        """Every clustered account id, in the order of :attr:`members`."""
        assert self._member_pos is not None
        return self._member_pos


def read_lineage(run_dir: str | Path) -> pd.DataFrame | None:
    """The run's lineage table when the run has one."""
    path = Path(run_dir) / LINEAGE_FILE
    return pd.read_parquet(path) if path.is_file() else None


def read_campaigns(run_dir: Path) -> pd.DataFrame | None:
    """The run's campaigns with their lineage status (``change``), or ``None`` before campaigns."""
    path = run_dir / "campaigns.parquet"
    if not path.is_file():
        return None
    campaigns = pd.read_parquet(path)
    lineage_path = run_dir / "campaign_lineage.parquet"
    lineage = pd.read_parquet(lineage_path) if lineage_path.is_file() else None
    campaigns["change"] = change_status(campaigns.rename(columns={"campaign_id": "cluster_id"}), lineage).to_numpy()
    campaigns = campaigns.set_index("campaign_id", drop=False)
    campaigns.index.name = None
    return campaigns


def change_status(clusters: pd.DataFrame, lineage: pd.DataFrame | None) -> pd.Series:
    """Lineage status per cluster (``new`` for every cluster when the run has no lineage)."""
    if lineage is None or lineage.empty or not {"cluster_id", "status"} <= set(lineage.columns):
        return pd.Series("new", index=clusters.index, dtype=object)
    current = lineage[lineage["status"].astype(str) != "dissolved"]
    status = current.drop_duplicates("cluster_id", keep="last").set_index("cluster_id")["status"].astype(str)
    return clusters["cluster_id"].map(status).fillna("new").astype(object)


def load_run(run_dir: str | Path) -> RunData:
    """Read a run and index it for the app (the app caches this per run directory)."""
    run_dir = Path(run_dir)
    manifest = read_manifest(run_dir)
    clusters = read_table(run_dir, "clusters")
    lineage = read_lineage(run_dir)
    clusters["change"] = change_status(clusters, lineage)
    clusters = clusters.sort_values(["risk_score", "size"], ascending=[False, False], kind="stable")
    clusters = clusters.set_index("cluster_id", drop=False)
    clusters.index.name = None
    members, member_keys = _sorted_by(
        read_table(run_dir, "members"), "cluster_id", ["role", "evidence_score", "account_id"], [True, False, True]
    )
    evidence, evidence_keys = _sorted_by(
        read_table(run_dir, "evidence"), "cluster_id", ["strength", "artifact"], [False, True]
    )
    links, link_keys = _sorted_by(read_table(run_dir, "member_links"), "cluster_id", ["account_id"])
    accounts_path = run_dir / "accounts.parquet"
    accounts = pd.read_parquet(accounts_path) if accounts_path.is_file() else pd.DataFrame({"account_id": []})
    accounts = accounts.drop_duplicates("account_id").set_index("account_id", drop=False)
    accounts.index.name = None
    data = RunData(run_dir, manifest, clusters, members, evidence, links, accounts, lineage, read_campaigns(run_dir))
    data._keys = {"members": member_keys, "evidence": evidence_keys, "links": link_keys}
    data._member_pos = pd.Index(members["account_id"].astype(str))
    return data


def lineage_of(run: RunData, cluster_id: str) -> str:
    """One line on where a cluster comes from, from the run's lineage table."""
    lin = run.lineage
    if lin is None or "cluster_id" not in lin.columns:
        return "no lineage for this run: treated as new"
    rows = lin[(lin["cluster_id"] == cluster_id) & (lin["status"].astype(str) != "dissolved")]
    if rows.empty:
        return "new in this run"
    r = rows.iloc[-1]
    status = str(r["status"])
    if status == "new":
        return "new in this run"
    parts = [status]
    if "sources" in r.index and pd.notna(r["sources"]) and str(r["sources"]):
        parts.append(f"from {r['sources']}")
    if {"added", "removed"} <= set(r.index) and int(r["added"]) + int(r["removed"]):
        parts.append(f"+{int(r['added'])} / −{int(r['removed'])} members")
    if "prev_size" in r.index and pd.notna(r["prev_size"]):
        parts.append(f"was {int(r['prev_size'])} accounts")
    return ", ".join(parts)


def run_trend(runs_dir: str | Path, last: int = 30) -> pd.DataFrame:
    """One row per recent run: flagged accounts and clusters per risk band (manifests only)."""
    rows = []
    for run_id in list_runs(runs_dir)[-last:]:
        manifest = read_manifest(Path(runs_dir) / run_id)
        bands = manifest.get("clusters_by_band", {})
        rows.append(
            {
                "run_id": run_id,
                "started_at": pd.Timestamp(str(manifest.get("started_at", ""))),
                "flagged_accounts": int(manifest.get("flagged_accounts", 0)),
                **{band: int(bands.get(band, 0)) for band in BANDS},
            }
        )
    return pd.DataFrame(rows, columns=["run_id", "started_at", "flagged_accounts", *BANDS])


def previous_manifest(runs_dir: str | Path, run_id: str) -> dict | None:
    """The manifest of the run before ``run_id``, if any."""
    runs = list_runs(runs_dir)
    if run_id not in runs or runs.index(run_id) == 0:
        return None
    return read_manifest(Path(runs_dir) / runs[runs.index(run_id) - 1])
