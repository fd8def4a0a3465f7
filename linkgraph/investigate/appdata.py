"""Pure data functions behind the investigator app: load a run, filter, summarise, explain.

Nothing here imports Streamlit. The app caches :func:`load_run` per run directory (runs are
immutable) and calls the rest on the loaded :class:`RunData`. Per-cluster lookups slice tables
sorted by cluster id (binary search), so they cost the size of the cluster, not of the run.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import networkx as nx
import numpy as np
import pandas as pd

from linkgraph.enforcement.export import enforcement_list, export_run
from linkgraph.ingest.readers import find_table
from linkgraph.runs.store import list_runs, read_manifest, read_table

RUNS_ENV = "LINKGRAPH_RUNS"
"""Environment variable naming the runs directory the app reads."""

LINEAGE_FILE = "lineage.parquet"
CHANGE_STATUSES = ("new", "grown", "shrunk", "merged", "split", "unchanged")
"""Lineage statuses a current cluster can have; ``dissolved`` only names previous clusters."""
CHANGED = ("new", "grown", "shrunk", "merged", "split")
BANDS = ("high", "medium", "low")
KIND_ORDER = ("payment", "ip", "asn", "fingerprint")

MAX_NODES = 300
MAX_PATH_LINKS = 250_000


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
    _keys: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _member_pos: pd.Index | None = field(default=None, repr=False)

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


def read_lineage(run_dir: str | Path) -> pd.DataFrame | None:
    """The run's lineage table when the run has one."""
    path = Path(run_dir) / LINEAGE_FILE
    return pd.read_parquet(path) if path.is_file() else None


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
    data = RunData(run_dir, manifest, clusters, members, evidence, links, accounts, lineage)
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


# ---------------------------------------------------------------------------------------------
# Overview


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


def overview(run: RunData) -> dict:
    """Headline numbers of a run and the change since the run before it."""
    m = run.manifest
    clusters = run.clusters
    bands = clusters["risk_band"].value_counts().reindex(list(BANDS), fill_value=0)
    prev = previous_manifest(run.runs_dir, run.run_id)
    changes = clusters["change"].value_counts().reindex(list(CHANGE_STATUSES), fill_value=0).to_dict()
    dissolved = 0
    if run.lineage is not None and "status" in run.lineage.columns:
        dissolved = int((run.lineage["status"].astype(str) == "dissolved").sum())
    flagged = int(m.get("flagged_accounts", 0))
    high_changed = clusters[(clusters["risk_band"] == "high") & clusters["change"].isin(CHANGED)]
    return {
        "run_id": run.run_id,
        "finished_at": m.get("finished_at"),
        "accounts": int(m.get("accounts", 0)),
        "clusters": len(clusters),
        "clustered_accounts": len(run.members),
        "bands": {k: int(v) for k, v in bands.items()},
        "flagged_accounts": flagged,
        "export_threshold": m.get("export_threshold"),
        "previous_run": prev["run_id"] if prev else None,
        "flagged_delta": flagged - int(prev.get("flagged_accounts", 0)) if prev else None,
        "high_delta": int(bands["high"]) - int(prev.get("clusters_by_band", {}).get("high", 0)) if prev else None,
        "changes": {k: int(v) for k, v in changes.items()},
        "dissolved": dissolved,
        "has_lineage": run.lineage is not None,
        "high_changed": len(high_changed),
    }


# ---------------------------------------------------------------------------------------------
# Clusters


def filter_clusters(
    clusters: pd.DataFrame,
    bands: list[str] | None = None,
    min_risk: float = 0.0,
    min_size: int = 0,
    max_size: int | None = None,
    changes: list[str] | None = None,
    kinds: list[str] | None = None,
    marks: list[str] | None = None,
    search: str = "",
) -> pd.DataFrame:
    """Clusters matching every given filter, in risk order.

    ``kinds``: clusters whose dominant kinds include all of them. ``marks``: latest review
    mark, with ``unreviewed`` for clusters without one (needs a ``review`` column).
    ``search``: a cluster id prefix or a substring of the top evidence.
    """
    keep = clusters["risk_score"] >= min_risk
    if bands:
        keep &= clusters["risk_band"].isin(bands)
    keep &= clusters["size"] >= min_size
    if max_size is not None:
        keep &= clusters["size"] <= max_size
    if changes:
        keep &= clusters["change"].isin(changes)
    for kind in kinds or []:
        keep &= clusters["dominant_kinds"].astype(str).str.split("+").map(lambda ks, k=kind: k in ks)
    if marks and "review" in clusters.columns:
        keep &= clusters["review"].isin(marks)
    text = search.strip()
    if text:
        keep &= clusters["cluster_id"].astype(str).str.startswith(text.upper()) | clusters["top_evidence"].astype(
            str
        ).str.contains(text, case=False, regex=False)
    return clusters[keep]


def with_reviews(clusters: pd.DataFrame, latest: pd.DataFrame) -> pd.DataFrame:
    """``clusters`` with a ``review`` column holding each cluster's latest mark."""
    out = clusters.copy()
    marks = out["cluster_id"].map(latest["mark"]) if not latest.empty else pd.Series(index=out.index, dtype=object)
    out["review"] = marks.fillna("unreviewed").astype(object)
    return out


CLUSTER_TABLE_COLUMNS = [
    "cluster_id",
    "risk_score",
    "risk_band",
    "size",
    "n_core",
    "change",
    "review",
    "dominant_kinds",
    "top_evidence",
]


def cluster_table(clusters: pd.DataFrame, limit: int = 2000) -> pd.DataFrame:
    """The ranked table the clusters page shows (at most ``limit`` rows)."""
    cols = [c for c in CLUSTER_TABLE_COLUMNS if c in clusters.columns]
    return clusters[cols].head(limit).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Cluster network


@dataclass
class Network:
    """Cytoscape elements for one cluster plus what was left out."""

    elements: dict
    accounts_total: int
    accounts_shown: int
    artifacts_total: int
    artifacts_shown: int

    @property
    def summarised(self) -> bool:
        return self.accounts_shown < self.accounts_total or self.artifacts_shown < self.artifacts_total


def _rows(frame: pd.DataFrame) -> Iterator[Any]:
    """Rows as named tuples (typed loosely: cells are whatever the column holds)."""
    return frame.itertuples(index=False)


def _short(text: str, n: int = 16) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _sample_accounts(members: pd.DataFrame, budget: int, seed: int) -> pd.DataFrame:
    """A deterministic sample: core and peripheral in proportion (peripheral at least ~10%)."""
    if len(members) <= budget:
        return members
    core = members[members["role"] == "core"]
    peri = members[members["role"] != "core"]
    n_peri = min(len(peri), max(round(budget * len(peri) / len(members)), budget // 10))
    n_core = min(len(core), budget - n_peri)
    n_peri = min(len(peri), budget - n_core)
    return pd.concat([core.sample(n_core, random_state=seed), peri.sample(n_peri, random_state=seed)])


def cluster_network(run: RunData, cluster_id: str, max_nodes: int = MAX_NODES, seed: int = 0) -> Network:
    """Accounts and their shared artifacts as Cytoscape elements, summarised past ``max_nodes``.

    Small clusters are drawn whole. Bigger ones keep the artifact hubs that explain the most
    (members × weight), each labelled with its full member count, and a sample of the members
    linked to them, core and peripheral in proportion. Node labels (``core``, ``peripheral``
    and the artifact kinds) drive the styles.
    """
    members = run.members_of(cluster_id)
    links = run.links_of(cluster_id)
    artifacts = (
        links.groupby(["kind", "artifact"], sort=False)
        .agg(members=("n_members", "max"), df=("df", "max"), weight=("weight", "max"))
        .reset_index()
    )
    artifacts["score"] = artifacts["members"] * artifacts["weight"]
    artifacts = artifacts.sort_values(["score", "artifact"], ascending=[False, True], kind="stable")
    n_acc, n_art = len(members), len(artifacts)
    if n_acc + n_art > max_nodes:
        art_budget = min(n_art, max(max_nodes // 5, max_nodes - n_acc))
        artifacts = artifacts.head(art_budget)
        kept = links.merge(artifacts[["kind", "artifact"]], on=["kind", "artifact"])
        linked = members[members["account_id"].isin(kept["account_id"])]
        members = _sample_accounts(linked, max_nodes - len(artifacts), seed)
        links = kept[kept["account_id"].isin(members["account_id"])]
        shown = links[["kind", "artifact"]].drop_duplicates()
        artifacts = artifacts.merge(shown, on=["kind", "artifact"])
    art_ids = {(k, a): f"x{i}" for i, (k, a) in enumerate(zip(artifacts["kind"], artifacts["artifact"], strict=True))}
    acc_ids = {a: f"a{i}" for i, a in enumerate(members["account_id"])}
    nodes = [
        {
            "data": {
                "id": acc_ids[r.account_id],
                "label": str(r.role),
                "name": str(r.account_id),
                "account_id": str(r.account_id),
                "role": str(r.role),
                "evidence_score": float(r.evidence_score),
                "n_shared": int(r.n_shared),
            }
        }
        for r in _rows(members)
    ]
    nodes += [
        {
            "data": {
                "id": art_ids[(r.kind, r.artifact)],
                "label": str(r.kind),
                "name": f"{_short(str(r.artifact))} ×{int(r.members)}",
                "artifact": str(r.artifact),
                "kind": str(r.kind),
                "members": int(r.members),
                "accounts_overall": int(r.df),
                "weight": round(float(r.weight), 3),
            }
        }
        for r in _rows(artifacts)
    ]
    edges = [
        {
            "data": {
                "id": f"e{i}",
                "source": acc_ids[r.account_id],
                "target": art_ids[(r.kind, r.artifact)],
                "label": str(r.kind),
                "weight": round(float(r.weight), 3),
            }
        }
        for i, r in enumerate(_rows(links))
        if r.account_id in acc_ids and (r.kind, r.artifact) in art_ids
    ]
    return Network({"nodes": nodes, "edges": edges}, n_acc, len(members), n_art, len(artifacts))


# ---------------------------------------------------------------------------------------------
# Cluster tables and timelines


EVIDENCE_COLUMNS = ["kind", "artifact", "n_members", "weight", "df", "strength", "generic"]
MEMBER_COLUMNS = ["account_id", "role", "evidence_score", "n_shared", "created_at", "email_domain", "country", "status"]


def evidence_table(run: RunData, cluster_id: str) -> pd.DataFrame:
    """The artifacts shared in a cluster with their rarity and weights, strongest first."""
    ev = run.evidence_of(cluster_id)
    return ev[[c for c in EVIDENCE_COLUMNS if c in ev.columns]].reset_index(drop=True)


def member_table(run: RunData, cluster_id: str) -> pd.DataFrame:
    """A cluster's members with their account attributes, core first."""
    members = run.members_of(cluster_id)[["account_id", "role", "evidence_score", "n_shared"]].reset_index(drop=True)
    attrs = [c for c in ("created_at", "email_domain", "country", "status") if c in run.accounts.columns]
    if not attrs:
        return members
    found = run.accounts.reindex(members["account_id"].to_numpy())[attrs].reset_index(drop=True)
    return pd.concat([members, found], axis=1)


def _bucket(ts: pd.Series) -> tuple[pd.Series, str]:
    ts = pd.to_datetime(ts, utc=True, errors="coerce").dropna()
    if ts.empty:
        return ts, "day"
    span = (ts.max() - ts.min()).days
    freq, name = ("D", "day") if span <= 120 else ("W-MON", "week")
    return ts.dt.tz_localize(None).dt.to_period(freq).dt.start_time, name


def creation_timeline(table: pd.DataFrame) -> pd.DataFrame:
    """Accounts created per day (or week) by role, from a :func:`member_table`: ``period, core, peripheral``."""
    if "created_at" not in table.columns or table["created_at"].isna().all():
        return pd.DataFrame(columns=["period"])
    table = table.dropna(subset=["created_at"])
    period, _ = _bucket(table["created_at"])
    counts = pd.crosstab(period.rename("period"), table.loc[period.index, "role"])
    return counts.reset_index()


def requests_source(run: RunData) -> tuple[list[Path], str]:
    """The files of the input ``requests`` table of a run, or none with the reason they cannot be read.

    The manifest's ``requests`` inputs when it records them (each checked against its size; a
    table appended to by ``linkgraph append`` has one per part file), else the ``requests``
    table beside the run's other inputs (detection may skip that optional table), base file
    and part files alike.
    """
    inputs = run.manifest.get("inputs", [])
    recorded = [src for src in inputs if src.get("table") == "requests"]
    for src in recorded:
        path = Path(src.get("path", ""))
        if not path.is_file():
            return [], f"the requests input {path} is no longer there"
        if src.get("size") is not None and path.stat().st_size != int(src["size"]):
            return [], f"the requests input {path} changed since the run"
    if recorded:
        return [Path(src["path"]) for src in recorded], ""
    folders = {Path(src["path"]).parent for src in inputs if src.get("path")}
    found = [p for folder in sorted(folders) for p in find_table(folder, "requests")]
    if found:
        return found, ""
    return [], "the run's input had no requests table"


def read_requests(paths: list[Path], accounts: list[str]) -> pd.DataFrame:
    """Requests of ``accounts`` from the files of an input requests table (Parquet filtered while reading)."""
    wanted = ["account_id", "timestamp", "model"]
    frames = []
    for path in paths:
        if path.name.endswith(".parquet"):
            import pyarrow.parquet as pq

            names = pq.read_schema(path).names
            cols = [c for c in wanted if c in names]
            frame = pq.read_table(path, columns=cols, filters=[("account_id", "in", accounts)]).to_pandas()
        else:
            frame = pd.read_csv(path, usecols=lambda c: c in wanted, dtype=str)
            frame = frame[frame["account_id"].isin(set(accounts))]
        if "timestamp" in frame.columns:
            frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True, errors="coerce")
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=wanted)


def activity_timeline(run: RunData, cluster_id: str) -> tuple[pd.DataFrame | None, str]:
    """Requests per day (or week) and model by the cluster's members, or ``None`` and why not."""
    paths, why = requests_source(run)
    if not paths:
        return None, why
    reqs = read_requests(paths, run.members_of(cluster_id)["account_id"].astype(str).tolist())
    if reqs.empty:
        return pd.DataFrame(columns=["period"]), ""
    period, _ = _bucket(reqs["timestamp"])
    model = reqs.loc[period.index, "model"].fillna("unknown") if "model" in reqs.columns else "requests"
    frame = pd.DataFrame({"period": period, "model": model})
    counts = pd.crosstab(frame["period"], frame["model"])
    return counts.reset_index(), ""


# ---------------------------------------------------------------------------------------------
# Accounts


@dataclass
class AccountView:
    """What the account page shows for one clustered account."""

    account_id: str
    cluster_id: str
    role: str
    evidence_score: float
    n_shared: int
    attributes: dict
    cluster: pd.Series
    links: pd.DataFrame


LINK_COLUMNS = ["kind", "artifact", "weight", "n_members", "df"]


def lookup_account(run: RunData, account_id: str) -> AccountView | None:
    """The account's cluster, role and weighted links; ``None`` when it is in no cluster."""
    account_id = account_id.strip()
    row = run.member(account_id)
    if row is None:
        return None
    cid = str(row["cluster_id"])
    links = run.links_of(cid)
    links = links[links["account_id"] == account_id]
    links = links.sort_values(["weight", "n_members"], ascending=[False, False], kind="stable")
    attrs = run.accounts.loc[account_id].drop("account_id").to_dict() if account_id in run.accounts.index else {}
    return AccountView(
        account_id,
        cid,
        str(row["role"]),
        float(row["evidence_score"]),
        int(row["n_shared"]),
        attrs,
        run.cluster(cid),
        links[LINK_COLUMNS].reset_index(drop=True),
    )


def suggest_accounts(run: RunData, text: str, limit: int = 10) -> list[str]:
    """Clustered account ids that start with ``text``."""
    text = text.strip()
    if not text:
        return []
    ids = run._member_pos
    assert ids is not None
    hits = ids[ids.str.startswith(text)]
    return sorted(hits[: limit * 5].tolist())[:limit]


@dataclass
class LinkPath:
    """The shortest evidence path between two accounts (empty ``steps`` when there is none)."""

    a: str
    b: str
    steps: pd.DataFrame
    message: str
    shared: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LINK_COLUMNS))
    """Every artifact A and B both link to (the direct evidence, strongest first)."""

    @property
    def found(self) -> bool:
        return not self.steps.empty


PATH_COLUMNS = ["step", "from_account", "kind", "artifact", "weight", "n_members", "df", "to_account"]


def evidence_graph(links: pd.DataFrame) -> nx.Graph:
    """The bipartite account–artifact graph of ``links``.

    Account nodes are ``("a", id)``, artifact nodes ``("x", kind, artifact)``; an edge costs
    ``1 + 1 / (1 + weight)``, so the fewest hops win and rarer artifacts break ties.
    """
    graph = nx.Graph()
    for r in _rows(links[["account_id", "kind", "artifact", "weight", "n_members", "df"]]):
        w = float(r.weight)
        graph.add_edge(
            ("a", str(r.account_id)),
            ("x", str(r.kind), str(r.artifact)),
            cost=1.0 + 1.0 / (1.0 + w),
            weight=w,
            n_members=int(r.n_members),
            df=int(r.df),
        )
    return graph


def why_linked(run: RunData, a: str, b: str, max_links: int = MAX_PATH_LINKS) -> LinkPath:
    """Why are A and B linked: the shortest path over the accounts and artifacts they share.

    The search runs over the member links of A's and B's clusters (one cluster when they share
    it), and gives up past ``max_links`` links rather than grow without bound.
    """
    a, b = a.strip(), b.strip()
    empty = pd.DataFrame(columns=PATH_COLUMNS)
    if not a or not b:
        return LinkPath(a, b, empty, "give two account ids")
    if a == b:
        return LinkPath(a, b, empty, "that is the same account twice")
    rows = {x: run.member(x) for x in (a, b)}
    missing = [x for x, r in rows.items() if r is None]
    if missing:
        return LinkPath(a, b, empty, f"{', '.join(missing)} is in no cluster of run {run.run_id}")
    cids = sorted({str(rows[a]["cluster_id"]), str(rows[b]["cluster_id"])})  # type: ignore[index]
    links = pd.concat([run.links_of(c) for c in cids])
    if len(links) > max_links:
        return LinkPath(a, b, empty, f"the clusters hold {len(links):,} links, more than the {max_links:,} searched")
    graph = evidence_graph(links)
    try:
        nodes = nx.shortest_path(graph, ("a", a), ("a", b), weight="cost")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        where = "the same cluster" if len(cids) == 1 else f"clusters {' and '.join(cids)}"
        return LinkPath(a, b, empty, f"no chain of shared artifacts joins them in {where}")
    steps = []
    for i in range(0, len(nodes) - 2, 2):
        left, art, right = nodes[i], nodes[i + 1], nodes[i + 2]
        edge = graph.edges[left, art]
        steps.append(
            {
                "step": i // 2 + 1,
                "from_account": left[1],
                "kind": art[1],
                "artifact": art[2],
                "weight": edge["weight"],
                "n_members": edge["n_members"],
                "df": edge["df"],
                "to_account": right[1],
            }
        )
    hops = len(steps)
    by_account = links[links["account_id"].isin([a, b])].drop_duplicates(["account_id", "kind", "artifact"])
    both = by_account.groupby(["kind", "artifact"], sort=False)["account_id"].transform("nunique") == 2
    shared = (
        by_account[both]
        .drop_duplicates(["kind", "artifact"])
        .sort_values(["weight", "artifact"], ascending=[False, True], kind="stable")[LINK_COLUMNS]
    )
    message = (
        f"{a} and {b} share {steps[0]['kind']} {steps[0]['artifact']}"
        if hops == 1
        else f"{a} reaches {b} in {hops} steps through {hops - 1} intermediate account(s)"
    )
    if len(shared) > 1:
        message += f" (and {len(shared) - 1} more shared artifact(s))"
    return LinkPath(a, b, pd.DataFrame(steps, columns=PATH_COLUMNS), message, shared.reset_index(drop=True))


def path_network(path: LinkPath) -> dict:
    """Cytoscape elements of an evidence path."""
    nodes: dict[str, dict] = {}
    edges: list[dict] = []
    for r in _rows(path.steps):
        art = f"x:{r.kind}:{r.artifact}"
        for acc in (r.from_account, r.to_account):
            nodes.setdefault(acc, {"data": {"id": f"a:{acc}", "label": "account", "name": acc}})
        nodes.setdefault(
            art,
            {
                "data": {
                    "id": art,
                    "label": r.kind,
                    "name": _short(str(r.artifact)),
                    "artifact": r.artifact,
                    "weight": r.weight,
                    "members": int(r.n_members),
                }
            },
        )
        for acc in (r.from_account, r.to_account):
            edges.append(
                {
                    "data": {
                        "id": f"e{len(edges)}",
                        "source": f"a:{acc}",
                        "target": art,
                        "label": r.kind,
                        "weight": r.weight,
                    }
                }
            )
    return {"nodes": list(nodes.values()), "edges": edges}


# ---------------------------------------------------------------------------------------------
# Export


MIME = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson"}


@dataclass
class ExportPayload:
    """An enforcement list rendered to bytes, with its sidecar manifest."""

    file_name: str
    data: bytes
    manifest: dict
    frame: pd.DataFrame

    @property
    def mime(self) -> str:
        return MIME.get(self.manifest["format"], "application/octet-stream")


def export_payload(
    run_dir: str | Path, fmt: str = "csv", threshold: float | None = None, cluster_ids: list[str] | None = None
) -> ExportPayload:
    """The enforcement list of a run (or of some clusters) as a downloadable file and manifest.

    Built by :func:`linkgraph.enforcement.export.export_run`, so the file, its sha256 and its manifest are
    exactly what ``linkgraph export`` writes.
    """
    manifest = read_manifest(run_dir)
    frame = enforcement_list(run_dir, threshold, cluster_ids)
    scope = f"-{cluster_ids[0]}" if cluster_ids and len(cluster_ids) == 1 else ""
    name = f"enforcement-{manifest['run_id']}{scope}.{fmt}"
    extra: dict = {"source": "app"}
    if cluster_ids is not None:
        extra["cluster_ids"] = list(cluster_ids)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / name
        sidecar = export_run(run_dir, out, fmt, threshold, frame=frame, extra=extra)
        data = out.read_bytes()
    return ExportPayload(name, data, sidecar, frame)
