"""A run loaded for investigation: its tables indexed by cluster, lineage status, run history.

:func:`load_run` reads a run once (the app caches it per run directory; runs are immutable).
Per-cluster lookups slice tables sorted by cluster id (binary search), so they cost the size
of the cluster, not of the run.
"""

from __future__ import annotations

import os
import threading
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
LAZY_TABLES = ("members", "evidence", "links", "accounts")
"""Tables :class:`RunData` reads on first use."""


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


class RunData:
    """One run's tables, indexed for the app's lookups.

    The small tables (manifest, clusters, lineage, campaigns) are read up front: the first
    view needs nothing else. The per-account tables (``members``, ``evidence``, ``links``,
    ``accounts``) are read, sorted and indexed on first use, once, under a lock (the app
    shares one ``RunData`` between sessions, which run in threads); :meth:`load_all` reads
    them all at once (the app server does so at start-up).
    """

    def __init__(
        self,
        run_dir: Path,
        manifest: dict,
        clusters: pd.DataFrame,
        lineage: pd.DataFrame | None = None,
        campaigns: pd.DataFrame | None = None,
    ) -> None:
        self.run_dir, self.manifest, self.clusters = run_dir, manifest, clusters
        self.lineage, self.campaigns = lineage, campaigns
        self.derived: dict[str, pd.DataFrame] = {}
        """Tables computed from the run on first use (the run is immutable, so they never go stale)."""
        self._tables: dict[str, pd.DataFrame] = {}
        self._keys: dict[str, np.ndarray] = {}
        self._member_pos: pd.Index | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RunData({str(self.run_dir)!r}, loaded={self.loaded_tables})"

    @property
    def run_id(self) -> str:
        return str(self.manifest["run_id"])

    @property
    def runs_dir(self) -> Path:
        return self.run_dir.parent

    def _table(self, name: str) -> pd.DataFrame:
        table = self._tables.get(name)
        if table is None:
            with self._lock:
                if name not in self._tables:
                    self._read(name)
                table = self._tables[name]
        return table

    def _read(self, name: str) -> None:
        if name == "members":
            members, keys = _sorted_by(
                read_table(self.run_dir, "members"),
                "cluster_id",
                ["role", "evidence_score", "account_id"],
                [True, False, True],
            )
            self._keys["members"] = keys
            self._member_pos = pd.Index(members["account_id"].astype(str))
            self._tables["members"] = members
        elif name == "evidence":
            evidence, keys = _sorted_by(
                read_table(self.run_dir, "evidence"), "cluster_id", ["strength", "artifact"], [False, True]
            )
            self._keys["evidence"] = keys
            self._tables["evidence"] = evidence
        elif name == "links":
            links, keys = _sorted_by(read_table(self.run_dir, "member_links"), "cluster_id", ["account_id"])
            self._keys["links"] = keys
            self._tables["links"] = links
        else:
            path = self.run_dir / "accounts.parquet"
            accounts = pd.read_parquet(path) if path.is_file() else pd.DataFrame({"account_id": []})
            accounts = accounts.drop_duplicates("account_id").set_index("account_id", drop=False)
            accounts.index.name = None
            self._tables["accounts"] = accounts

    def load_all(self) -> RunData:
        """Read every per-account table now (instead of on first use); returns ``self``."""
        for name in LAZY_TABLES:
            self._table(name)
        return self

    @property
    def loaded_tables(self) -> list[str]:
        """The per-account tables read so far (of :data:`LAZY_TABLES`)."""
        return [name for name in LAZY_TABLES if name in self._tables]

    @property
    def members(self) -> pd.DataFrame:
        """Clustered accounts, sorted by cluster id, core first, strongest evidence first."""
        return self._table("members")

    @property
    def evidence(self) -> pd.DataFrame:
        """Artifacts shared inside clusters, sorted by cluster id, strongest first."""
        return self._table("evidence")

    @property
    def links(self) -> pd.DataFrame:
        """Evidence links of clustered accounts (``member_links``), sorted by cluster id."""
        return self._table("links")

    @property
    def accounts(self) -> pd.DataFrame:
        """The run's copy of the clustered accounts' attributes, indexed by account id."""
        return self._table("accounts")

    @property
    def clustered_accounts(self) -> int:
        """How many accounts are in clusters (from the manifest, without reading ``members``)."""
        rows = self.manifest.get("output_rows", {})
        return int(rows["members"]) if "members" in rows else len(self.members)

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
        ids = self.member_ids()
        try:
            pos = ids.get_loc(account_id)
        except KeyError:
            return None
        return self.members.iloc[int(pos)] if isinstance(pos, int | np.integer) else None

    def member_ids(self) -> pd.Index:
        """Every clustered account id, in the order of :attr:`members`."""
        self._table("members")
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


def load_run(run_dir: str | Path, eager: bool = False) -> RunData:
    """Read a run's small tables and index it for the app (the app caches this per run directory).

    The per-account tables are read on first use; ``eager`` reads them now.
    """
    run_dir = Path(run_dir)
    manifest = read_manifest(run_dir)
    clusters = read_table(run_dir, "clusters")
    lineage = read_lineage(run_dir)
    clusters["change"] = change_status(clusters, lineage)
    clusters = clusters.sort_values(["risk_score", "size"], ascending=[False, False], kind="stable")
    clusters = clusters.set_index("cluster_id", drop=False)
    clusters.index.name = None
    data = RunData(run_dir, manifest, clusters, lineage, read_campaigns(run_dir))
    return data.load_all() if eager else data


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
