"""Validation in Spark SQL refuses what embedded refuses, with the same messages (file, row, column)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from linkgraph.ingest.contract import InputError
from linkgraph.ingest.load import load_tables

pytestmark = pytest.mark.spark
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _edit(path: Path, change: object) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = change(frame)  # type: ignore[operator]
    frame.to_csv(path, index=False)


def _broken_sample(root: Path) -> Path:
    """The sample with one problem of each kind the Spark engine checks."""
    data = root / "broken"
    shutil.copytree(SAMPLE, data)

    def accounts(f: pd.DataFrame) -> pd.DataFrame:
        f.loc[4, "status"] = "deleted"
        f.loc[6, "created_at"] = "yesterday"
        f.loc[8, "account_id"] = ""
        return pd.concat([f, f.iloc[[2, 3]]], ignore_index=True)  # two duplicate ids

    def proxies(f: pd.DataFrame) -> pd.DataFrame:
        f.loc[1, "account_id"] = "acct_unknown"
        f.loc[3, "ip"] = "300.1.2.3"
        f.loc[5, "asn"] = "-4"
        f.loc[7, "request_count"] = "many"
        return f

    def prompts(f: pd.DataFrame) -> pd.DataFrame:
        f["note"] = ""
        f.loc[10, "note"] = "4111 1111 1111 1111"
        return f

    _edit(data / "accounts.csv", accounts)
    _edit(data / "proxies.csv", proxies)
    _edit(data / "prompt_fingerprints.csv", prompts)
    _edit(data / "payment_methods.csv", lambda f: f.rename(columns={"payment_method_id": "pm"}))
    _edit(data / "requests.csv", lambda f: f.assign(timestamp=f["timestamp"].where(f.index != 2, "2024-13-45")))
    return data


def _problems(run: object) -> list[str]:
    with pytest.raises(InputError) as refused:
        run()  # type: ignore[operator]
    return sorted(str(p) for p in refused.value.problems)


def test_spark_refuses_what_embedded_refuses(spark_settings: object, tmp_path: Path) -> None:
    from linkgraph.spark.session import start_session
    from linkgraph.spark.validate import validate_tables

    data = _broken_sample(tmp_path)
    embedded = _problems(lambda: load_tables(data))
    spark = start_session(spark_settings)  # type: ignore[arg-type]
    found = _problems(lambda: validate_tables(spark, str(data)))
    assert len(embedded) >= 9
    assert "4111" not in "\n".join(found)
    assert found == embedded


def test_spark_names_a_missing_table(spark_settings: object, tmp_path: Path) -> None:
    from linkgraph.spark.session import start_session
    from linkgraph.spark.validate import validate_tables

    data = tmp_path / "partial"
    shutil.copytree(SAMPLE, data)
    (data / "proxies.csv").unlink()
    spark = start_session(spark_settings)  # type: ignore[arg-type]
    found = _problems(lambda: validate_tables(spark, str(data)))
    assert found == [f"proxies.csv: table 'proxies' is missing from {data} (.csv, .csv.gz or .parquet)"]
