"""Account-level evaluation of an enforcement list against ground truth."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

TRUTH_COLUMNS = ("account_id", "group", "kind")


@dataclass
class Evaluation:
    """Precision/recall of an export against truth, per fraudulent group too."""

    exported: int
    true_positives: int
    fraud_accounts: int
    precision: float
    recall: float
    group_recall: dict[str, float] = field(default_factory=dict)
    benign_group_exported: int = 0
    benign_group_accounts: int = 0
    organic_exported: int = 0

    def as_dict(self) -> dict[str, object]:
        return self.__dict__.copy()

    def lines(self) -> list[str]:
        share = self.benign_group_exported / self.benign_group_accounts if self.benign_group_accounts else 0.0
        out = [
            f"exported accounts      {self.exported}",
            f"precision              {self.precision:.4f}",
            f"recall                 {self.recall:.4f}  ({self.true_positives}/{self.fraud_accounts} fraudulent)",
        ]
        out += [f"recall {group:<15} {value:.4f}" for group, value in sorted(self.group_recall.items())]
        out += [
            f"benign-group exported  {self.benign_group_exported} of {self.benign_group_accounts} ({share:.2%})",
            f"organic exported       {self.organic_exported}",
        ]
        return out


def read_truth(path: str | Path) -> pd.DataFrame:
    """Read ``truth.csv`` (columns account_id, group, kind)."""
    truth = pd.read_csv(path, dtype=str)
    missing = [c for c in TRUTH_COLUMNS if c not in truth.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    return truth


def evaluate(exported_ids: pd.Series, truth: pd.DataFrame) -> Evaluation:
    """Compare exported account ids with the truth table."""
    flagged = truth["account_id"].isin(set(exported_ids))
    fraud = truth["kind"] == "fraud"
    tp = int((flagged & fraud).sum())
    n_exported = int(pd.Series(exported_ids).nunique())
    groups = truth[fraud].assign(hit=flagged[fraud]).groupby("group")["hit"].mean()
    return Evaluation(
        exported=n_exported,
        true_positives=tp,
        fraud_accounts=int(fraud.sum()),
        precision=tp / n_exported if n_exported else 0.0,
        recall=tp / int(fraud.sum()) if fraud.any() else 0.0,
        group_recall={str(k): float(v) for k, v in groups.items()},
        benign_group_exported=int((flagged & (truth["kind"] == "benign_group")).sum()),
        benign_group_accounts=int((truth["kind"] == "benign_group").sum()),
        organic_exported=int((flagged & (truth["kind"] == "organic")).sum()),
    )
