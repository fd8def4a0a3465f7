"""16-hex-digit text to 64-bit words (ingest/columns.py ``hex64``): both reading paths agree with Python's int()."""

from __future__ import annotations

import string

import numpy as np
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from linkgraph.ingest.columns import hex64

HEX16 = st.text(alphabet="0123456789abcdefABCDEF", min_size=16, max_size=16)
ODD = st.one_of(
    st.none(),
    st.just(""),
    st.text(alphabet="0123456789abcdef x-é", min_size=16, max_size=16),  # a space, a dash, a multi-byte letter
    st.text(alphabet="0123456789abcdef", min_size=1, max_size=20),
)


def _expected(values: list[str | None]) -> tuple[list[int], list[bool], list[bool]]:
    words, present, bad = [], [], []
    for v in values:
        ok = v is not None and len(v.encode()) == 16 and all(c in string.hexdigits for c in v)
        words.append(int(v, 16) if ok else 0)
        present.append(ok)
        bad.append(v is not None and v != "" and not ok)
    return words, present, bad


@given(st.lists(st.one_of(HEX16, ODD), max_size=40), st.integers(1, 3))
def test_hex64_reads_valid_words_and_flags_the_rest(values: list[str | None], chunks: int) -> None:
    cut = len(values) // chunks
    parts = [values[i * cut : (i + 1) * cut] for i in range(chunks - 1)] + [values[(chunks - 1) * cut :]]
    words, present, bad = hex64(pa.chunked_array([pa.array(p, type=pa.string()) for p in parts]))
    want_words, want_present, want_bad = _expected(values)
    assert words.tolist() == want_words
    assert present.tolist() == want_present
    assert bad.tolist() == want_bad


@given(st.lists(st.one_of(HEX16, st.none(), st.just("")), max_size=40))
def test_well_formed_columns_read_at_once_give_the_same_words(values: list[str | None]) -> None:
    words, present, bad = hex64(pa.chunked_array([pa.array(values, type=pa.string())]))
    assert words.tolist() == _expected(values)[0]
    assert present.tolist() == _expected(values)[1]
    assert not np.asarray(bad).any()


def test_a_value_with_spaces_is_flagged_not_read_past() -> None:
    """``bytes.fromhex`` skips spaces: two of them in one value must not shift the words after it."""
    values = ["0123456789abcdef", "01 2345 6789abcd", "fedcba9876543210"]
    words, present, bad = hex64(pa.chunked_array([pa.array(values)]))
    assert words.tolist() == [0x0123456789ABCDEF, 0, 0xFEDCBA9876543210]
    assert present.tolist() == [True, False, True]
    assert bad.tolist() == [False, True, False]
