"""Precision and recall of an export against truth."""

from __future__ import annotations

import pandas as pd

from linkgraph.enforcement.evaluate import evaluate

TRUTH = pd.DataFrame(
    {
        "account_id": ["f1", "f2", "b1", "o1", "o2"],
        "group": ["op", "op", "op", "organic", "organic"],
        "kind": ["fraud", "fraud", "fraud", "organic", "organic"],
        "status": ["active", "active", "banned", "active", "banned"],
    }
)


def test_an_enforced_fraudulent_account_on_the_list_is_precise_but_not_recalled() -> None:
    result = evaluate(pd.Series(["f1", "b1"]), TRUTH)
    assert result.precision == 1.0
    assert result.recall == 0.5 and result.true_positives == 1
    assert result.enforced_fraud_exported == 1
    assert any("enforced on the list" in line for line in result.lines())


def test_an_enforced_innocent_account_on_the_list_is_a_false_positive() -> None:
    result = evaluate(pd.Series(["f1", "f2", "o2"]), TRUTH)
    assert result.precision == 2 / 3
    assert result.recall == 1.0
    assert result.organic_exported == 1 and result.enforced_fraud_exported == 0
