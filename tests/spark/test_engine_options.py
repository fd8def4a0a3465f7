"""``detect --engine``: the options' rules, and the package importing without pyspark (no Spark started)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from linkgraph.cli.main import app

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--engine", "spark", "--backend", "neo4j"], "cannot be combined with --backend neo4j"),
        (["--spark-master", "local[2]"], "--spark-master needs --engine spark"),
        (["--engine", "flink"], "unknown engine 'flink'"),
    ],
)
def test_engine_options_are_checked_before_anything_runs(tmp_path: Path, args: list[str], says: str) -> None:
    result = runner.invoke(app, ["detect", str(SAMPLE), "--runs", str(tmp_path / "runs"), *args])
    assert result.exit_code == 2
    assert says in result.output
    assert not (tmp_path / "runs").exists()


def test_the_spark_package_imports_without_starting_or_importing_pyspark() -> None:
    code = (
        "import sys, linkgraph.spark.engine, linkgraph.spark.__main__, linkgraph.cli.main; "
        "print('pyspark' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
