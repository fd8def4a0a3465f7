"""Exports that cannot hit innocents by accident.

The documented default is the run's ``export_threshold``. An export below it must say what
the lower threshold adds (accounts, clusters, the largest added cluster and its core share)
and be confirmed explicitly (``force``, ``--force`` on the CLI), with a reason. The
``reviewed`` mode takes only clusters whose latest review mark or case status is
``confirmed``, whatever their risk.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from linkgraph.enforcement.cases import confirmed_targets
from linkgraph.enforcement.reviews import allowlisted_accounts, latest_marks
from linkgraph.runs.store import read_manifest, read_table


class NeedsConfirmation(ValueError):
    """An export below the documented threshold was asked for without explicit confirmation."""


@dataclass
class ThresholdImpact:
    """What exporting at ``threshold`` adds to the default export at ``default``."""

    threshold: float
    default: float
    accounts: int
    clusters: int
    largest_cluster: str | None
    largest_size: int
    largest_core: int
    largest_core_share: float

    @property
    def below_default(self) -> bool:
        return self.threshold < self.default

    def message(self) -> str:
        """The warning shown before a below-threshold export."""
        if not self.below_default:
            return f"threshold {self.threshold:.2f} is at or above the documented default {self.default:.2f}"
        text = (
            f"threshold {self.threshold:.2f} is below the documented default {self.default:.2f}: it adds "
            f"{self.accounts:,} accounts from {self.clusters:,} clusters"
        )
        if self.largest_cluster:
            text += (
                f"; the largest, {self.largest_cluster}, has {self.largest_size:,} accounts of which "
                f"{self.largest_core:,} ({self.largest_core_share:.0%}) are core"
            )
        return text

    def as_dict(self) -> dict:
        return asdict(self) | {"below_default": self.below_default}


def threshold_impact(run_dir: str | Path, threshold: float, include_enforced: bool = False) -> ThresholdImpact:
    """Accounts and clusters an export at ``threshold`` adds over the run's default threshold."""
    default = float(read_manifest(run_dir)["export_threshold"])
    clusters = read_table(run_dir, "clusters", ["cluster_id", "size", "risk_score"])
    added = clusters[(clusters["risk_score"] >= threshold) & (clusters["risk_score"] < default)]
    members = read_table(run_dir, "members")
    core = members[(members["role"] == "core") & members["cluster_id"].isin(added["cluster_id"])]
    if not include_enforced and "enforced" in core.columns:
        core = core[~core["enforced"].astype(bool)]
    core = core[~core["account_id"].isin(allowlisted_accounts(Path(run_dir).parent))]
    per = core.groupby("cluster_id").size()
    largest = added.sort_values(["size", "cluster_id"], ascending=[False, True]).head(1)
    name = str(largest["cluster_id"].iloc[0]) if len(largest) else None
    size = int(largest["size"].iloc[0]) if len(largest) else 0
    n_core = int(per.get(name, 0)) if name else 0
    return ThresholdImpact(
        float(threshold), default, len(core), len(added), name, size, n_core, n_core / size if size else 0.0
    )


def check_threshold(run_dir: str | Path, threshold: float | None, force: bool, reason: str) -> ThresholdImpact | None:
    """Refuse a below-default export unless ``force`` and a ``reason`` are given; returns its impact."""
    if threshold is None:
        return None
    impact = threshold_impact(run_dir, threshold)
    if impact.below_default and not force:
        raise NeedsConfirmation(impact.message() + ". Confirm with --force and say why with --reason.")
    if impact.below_default and not reason.strip():
        raise NeedsConfirmation(impact.message() + ". A below-threshold export needs a --reason.")
    return impact


def reviewed_clusters(runs_dir: str | Path, run_dir: str | Path) -> list[str]:
    """Clusters of ``run_dir`` whose latest review mark or case status is ``confirmed``."""
    latest = latest_marks(runs_dir)
    confirmed = set(latest.loc[latest["mark"] == "confirmed", "cluster_id"]) if not latest.empty else set()
    confirmed |= confirmed_targets(runs_dir)
    ids = read_table(run_dir, "clusters", ["cluster_id"])["cluster_id"]
    return sorted(set(ids.astype(str)) & {str(c) for c in confirmed})


def campaign_column(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``campaign_id`` column (empty when it has none)."""
    return frame if "campaign_id" in frame.columns else frame.assign(campaign_id="")
