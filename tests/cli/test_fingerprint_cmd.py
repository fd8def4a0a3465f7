"""``linkgraph fingerprint``: prompt text in, contract rows out, text never written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from linkgraph.cli.main import app
from linkgraph.signals.simhash import hamming, parse_simhash


def test_paraphrases_share_a_family_and_text_is_never_written(tmp_path: Path) -> None:
    base = "You are an expert tutor. Explain step by step, showing every intermediate result, how to solve {}"
    prompts = pd.DataFrame(
        {
            "account_id": ["a1", "a2", "a3", "a3"],
            "timestamp": [
                "2026-09-01T10:00:00Z",
                "2026-09-01T10:00:20Z",
                "2026-09-02T11:00:00",
                "2026-09-03T12:00:00Z",
            ],
            "text": [
                base.format("the equation 12 + 7 = x"),
                base.format("the equation 40 + 3 = x"),
                "Write a haiku about the sea at dawn",
                "hi",
            ],
        }
    )
    src = tmp_path / "prompts.csv"
    prompts.to_csv(src, index=False)
    result = CliRunner().invoke(app, ["fingerprint", str(src), "-o", str(tmp_path / "out"), "--requests"])
    assert result.exit_code == 0, result.output
    prints = pd.read_csv(tmp_path / "out" / "prompt_fingerprints.csv", dtype=str)
    assert list(prints.columns) == ["account_id", "fingerprint", "first_seen", "last_seen", "request_count", "simhash"]
    assert prints["simhash"].str.fullmatch("[0-9a-f]{16}").all()
    h, ok = parse_simhash(prints["simhash"])
    by = dict(zip(prints["account_id"], h, strict=False))
    assert ok.all() and int(hamming(by["a1"], by["a2"])) <= 3  # numbers normalise away: one template
    written = "".join(p.read_text() for p in (tmp_path / "out").iterdir())
    assert "tutor" not in written and "haiku" not in written


def test_bad_timestamp_names_file_row_and_column(tmp_path: Path) -> None:
    src = tmp_path / "p.csv"
    pd.DataFrame({"account_id": ["a", "b"], "timestamp": ["2026-01-01", "yesterday"], "text": ["x", "y"]}).to_csv(
        src, index=False
    )
    result = CliRunner().invoke(app, ["fingerprint", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "p.csv, row 2, column 'timestamp'" in result.output
    assert not (tmp_path / "out").exists()
