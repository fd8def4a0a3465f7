"""Account-level evaluation of an enforcement list against ground truth.

``truth.csv`` has ``account_id, group, kind`` and may carry ``status`` (accounts already
banned or suspended) and ``replacement`` (1 for accounts that replaced banned ones). Enforced
accounts are left out of the default export by design, so recall counts the fraudulent
accounts that are still active; replacement accounts get their own recall line. Precision
counts every fraudulent account on the list as a hit, enforced or not: when the input does
not mark the banned accounts (no ``status``), they are listed, and that is redundant, not wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

TRUTH_COLUMNS = ("account_id", "group", "kind")
ENFORCED = ("banned", "suspended")


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
    enforced_fraud: int = 0
    replacement_accounts: int = 0
    replacement_recall: float | None = None
    organic_exported_by_group: dict[str, int] = field(default_factory=dict)
    enforced_fraud_exported: int = 0

    def as_dict(self) -> dict[str, object]:
        return self.__dict__.copy()

    def lines(self) -> list[str]:
        share = self.benign_group_exported / self.benign_group_accounts if self.benign_group_accounts else 0.0
        out = [
            f"exported accounts      {self.exported}",
            f"precision              {self.precision:.4f}",
            f"recall                 {self.recall:.4f}  ({self.true_positives}/{self.fraud_accounts} fraudulent)",
        ]
        if self.enforced_fraud:
            out.append(f"already enforced       {self.enforced_fraud} fraudulent accounts (not counted in recall)")
        if self.enforced_fraud_exported:
            out.append(
                f"enforced on the list   {self.enforced_fraud_exported} (not marked in the input; counted as precise)"
            )
        out += [f"recall {group:<15} {value:.4f}" for group, value in sorted(self.group_recall.items())]
        if self.replacement_recall is not None:
            out.append(f"recall replacements    {self.replacement_recall:.4f}  ({self.replacement_accounts} accounts)")
        out += [
            f"benign-group exported  {self.benign_group_exported} of {self.benign_group_accounts} ({share:.2%})",
            f"organic exported       {self.organic_exported}",
        ]
        return out


def read_truth(path: str | Path) -> pd.DataFrame:
    """Read ``truth.csv`` (columns account_id, group, kind; optional status, replacement)."""
    truth = pd.read_csv(path, dtype=str)
    missing = [c for c in TRUTH_COLUMNS if c not in truth.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    return truth


def _flag(truth: pd.DataFrame, column: str, values: tuple[str, ...]) -> pd.Series:
    if column not in truth.columns:
        return pd.Series(False, index=truth.index)
    return truth[column].fillna("").str.strip().str.lower().isin(values)


def evaluate(exported_ids: pd.Series, truth: pd.DataFrame, enforced_ids: pd.Series | None = None) -> Evaluation:
    """Compare exported account ids with the truth table.

    An account is already enforced when truth's ``status`` says so or it is in
    ``enforced_ids`` (the run's members marked banned or suspended in the input).
    """
    flagged = truth["account_id"].isin(set(exported_ids))
    enforced = _flag(truth, "status", ENFORCED)
    if enforced_ids is not None:
        enforced = enforced | truth["account_id"].isin(set(enforced_ids))
    replacement = _flag(truth, "replacement", ("1", "true", "yes"))
    fraud = (truth["kind"] == "fraud") & ~enforced
    organic = truth["kind"] == "organic"
    tp = int((flagged & fraud).sum())
    # an enforced fraudulent account on the list hits no innocent user: precision counts it,
    # recall does not (it is enforced already); it is listed only when the input did not say so
    enforced_listed = int((flagged & (truth["kind"] == "fraud") & enforced).sum())
    n_exported = int(pd.Series(exported_ids).nunique())
    groups = truth[fraud].assign(hit=flagged[fraud]).groupby("group")["hit"].mean()
    repl = fraud & replacement
    by_group = truth[flagged & organic].groupby("group").size()
    return Evaluation(
        exported=n_exported,
        true_positives=tp,
        fraud_accounts=int(fraud.sum()),
        precision=(tp + enforced_listed) / n_exported if n_exported else 0.0,
        recall=tp / int(fraud.sum()) if fraud.any() else 0.0,
        group_recall={str(k): float(v) for k, v in groups.items()},
        benign_group_exported=int((flagged & (truth["kind"] == "benign_group")).sum()),
        benign_group_accounts=int((truth["kind"] == "benign_group").sum()),
        organic_exported=int((flagged & organic).sum()),
        enforced_fraud=int(((truth["kind"] == "fraud") & enforced).sum()),
        replacement_accounts=int(repl.sum()),
        replacement_recall=float(flagged[repl].mean()) if repl.any() else None,
        organic_exported_by_group={str(k): int(v) for k, v in by_group.items()},
        enforced_fraud_exported=enforced_listed,
    )
