"""SimHash text parsing, formatting, popcount and Hamming distance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkgraph.signals import simhash as S

u64 = st.integers(min_value=0, max_value=2**64 - 1)


@settings(max_examples=50, deadline=None)
@given(st.lists(u64, max_size=50))
def test_format_parse_roundtrip(values: list[int]) -> None:
    h = np.array(values, dtype=np.uint64)
    text = S.format_simhash(h)
    assert [f"{v:016x}" for v in values] == list(text)
    parsed, ok = S.parse_simhash(pa.array(list(text)))
    assert ok.all() and (parsed == h).all()


def test_invalid_rows_are_flagged_not_raised() -> None:
    values = ["00000000000000ff", None, "ff", "0123456789abcdeg", "FFFFFFFFFFFFFFFF", " 00000000000000f", ""]
    for arr in (pd.Series(values), np.array(values, dtype=object), pa.chunked_array([values[:3], values[3:]])):
        h, ok = S.parse_simhash(arr)
        assert ok.tolist() == [True, False, False, False, True, False, False]
        assert h[0] == 255 and h[4] == 2**64 - 1 and (h[~ok] == 0).all()


def test_parse_sliced_arrow_array() -> None:
    arr = pa.array(["0000000000000001", "0000000000000002", "0000000000000003"]).slice(1)
    h, ok = S.parse_simhash(arr)
    assert h.tolist() == [2, 3] and ok.all()


@settings(max_examples=50, deadline=None)
@given(st.lists(u64, min_size=1, max_size=40), st.lists(u64, min_size=1, max_size=40))
def test_popcount_and_hamming_match_python(a: list[int], b: list[int]) -> None:
    n = min(len(a), len(b))
    x, y = np.array(a[:n], dtype=np.uint64), np.array(b[:n], dtype=np.uint64)
    assert S.popcount64(x).tolist() == [bin(v).count("1") for v in a[:n]]
    assert S.hamming(x, y).tolist() == [bin(p ^ q).count("1") for p, q in zip(a[:n], b[:n], strict=True)]


def test_popcount_byte_table_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    x = np.array([[0, 1], [2**64 - 1, 2**63 + 5]], dtype=np.uint64)
    expected = S.popcount64(x)
    monkeypatch.delattr(np, "bitwise_count", raising=False)
    assert (S.popcount64(x) == expected).all() and S.popcount64(x).shape == (2, 2)


def test_hamming_of_scalars() -> None:
    assert int(S.hamming(0, 2**64 - 1)) == 64
