"""The ingest's shortcuts give exactly what the plain computation gives.

Account codes hash only the run heads of a link table (none at all for a table in the
accounts' order), trimming is skipped when no value can start or end with whitespace, and
request categories unify a batch's dictionaries before one lookup; each is checked against
a plain Python reference on random and edge-case input.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from linkgraph.ingest.accounts import account_codes
from linkgraph.ingest.columns import trimmed
from linkgraph.ingest.contract import MAX_EXAMPLES, Problem
from linkgraph.ingest.keys import KeyTable
from linkgraph.ingest.requests import _Categories

IDS = st.sampled_from(["a1", "a2", "a3", "a4", "zz", None])
UNKNOWN = "account_id is not in accounts"


def _reference(accounts: list[str | None], links: list[str | None]) -> tuple[list[int], set[int], set[int]]:
    """(codes, duplicate account rows, unknown link rows) computed row by row."""
    first: dict[str | None, int] = {}
    dup = set()
    for i, a in enumerate(accounts):
        if a in first and a is not None:
            dup.add(i + 1)
        first.setdefault(a, len(first))
    codes, unknown = [], set()
    distinct = len({a for a in accounts}) if dup else len(accounts)
    known = {a: c for a, c in first.items() if a is not None}
    extra: dict[str, int] = {}
    for i, a in enumerate(links):
        if a is None:
            codes.append(-1)
        elif a in known:
            codes.append(known[a])
        else:
            codes.append(distinct + extra.setdefault(a, len(extra)))
            unknown.add(i + 1)
    return codes, dup, unknown


def _run(accounts: list[str | None], links: list[str | None], chunk: int) -> tuple[np.ndarray, list[Problem]]:
    acc = pa.table({"account_id": pa.array(accounts, pa.string())})
    pieces = [links[i : i + chunk] for i in range(0, len(links), chunk)] or [[]]
    col = pa.chunked_array([pa.array(p, pa.string()) for p in pieces], type=pa.string())
    table = pa.table({"account_id": col})
    spans = {"accounts": [(Path("accounts.csv"), len(accounts))], "proxies": [(Path("proxies.csv"), len(links))]}
    problems: list[Problem] = []
    codes = account_codes(acc, spans, {"proxies": table}, problems)
    return codes["proxies"], problems


@settings(max_examples=200, deadline=None)
@given(
    accounts=st.lists(IDS.filter(lambda a: a is not None), min_size=1, max_size=6),
    links=st.lists(IDS, max_size=30),
    chunk=st.integers(1, 7),
)
def test_account_codes_match_a_row_by_row_reference(
    accounts: list[str | None], links: list[str | None], chunk: int
) -> None:
    codes, problems = _run(accounts, links, chunk)
    want, dup, unknown = _reference(accounts, links)
    known = np.array(want) < (len(set(accounts)) if dup else len(accounts))
    assert np.array_equal(codes[known], np.array(want, dtype=np.int64)[known])
    flagged = {(p.file, p.message): (p.rows, p.total) for p in problems if p.message != "has no rows"}
    for key, want_rows in ((("accounts.csv", "duplicate account_id"), dup), (("proxies.csv", UNKNOWN), unknown)):
        rows, total = flagged.get(key, ((), 0))  # the first 20 rows are listed, the rest counted
        assert (set(rows), total) == (set(sorted(want_rows)[:MAX_EXAMPLES]), len(want_rows))


def test_a_table_in_the_accounts_order_needs_no_lookup() -> None:
    accounts = ["b", "a", "c"]
    codes, problems = _run(accounts, ["b", "b", "a", "c", "c", "c"], chunk=2)
    assert codes.tolist() == [0, 0, 1, 2, 2, 2] and not problems


def test_aligned_runs_with_a_repeated_account_keep_the_first_code() -> None:
    codes, problems = _run(["a", "b", "a"], ["a", "b", "b", "a"], chunk=3)
    assert codes.tolist() == [0, 1, 1, 0]
    assert [str(p) for p in problems] == ["accounts.csv, row 3, column 'account_id': duplicate account_id"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(alphabet=st.sampled_from(["a", "1", " ", "\t", "\u00a0", "\u3000", "\x1c", "é", "\u2028"])),
        ),
        max_size=12,
    )
)
def test_trimmed_equals_arrow_trim(values: list[str | None]) -> None:
    col = pa.chunked_array([pa.array(values, pa.string())], type=pa.string())
    assert trimmed(col).equals(pc.utf8_trim_whitespace(col))
    big = pa.chunked_array([pa.array(values, pa.large_string())], type=pa.large_string())
    assert trimmed(big).equals(pc.utf8_trim_whitespace(big))


def _dictionary(values: list[str | None], dictionary: list[str | None]) -> pa.DictionaryArray:
    indices = pa.array([None if v is None else dictionary.index(v) for v in values], pa.int32())
    return pa.DictionaryArray.from_arrays(indices, pa.array(dictionary, pa.string()))


@settings(max_examples=200, deadline=None)
@given(
    batches=st.lists(
        st.lists(st.lists(st.sampled_from(["m1", "m2", "m3", "m4", None]), max_size=8), min_size=1, max_size=3),
        min_size=1,
        max_size=3,
    ),
    repeat=st.booleans(),
    plain=st.booleans(),
)
def test_request_categories_match_the_values(batches: list[list[list[str | None]]], repeat: bool, plain: bool) -> None:
    """Batches of chunks, as dictionaries (with a repeated or null dictionary value) or plain text."""
    cats = _Categories()
    for chunks in batches:
        arrays: list[pa.Array] = []
        for values in chunks:
            if plain:
                arrays.append(pa.array(values, pa.string()))
                continue
            dictionary: list[str | None] = sorted({v for v in values if v is not None}, reverse=True)
            if repeat and dictionary:
                dictionary = [*dictionary, dictionary[0], None]
            arrays.append(_dictionary(values, dictionary))
        cats.add(pa.chunked_array(arrays, type=arrays[0].type))
    got = cats.categorical()
    want = [v for chunks in batches for values in chunks for v in values]
    assert [None if pd.isna(v) else v for v in got] == want
    assert got.categories.is_unique


KEYS = st.text(alphabet=st.sampled_from(["a", "b", "\x00", "é"]), max_size=10)


@settings(max_examples=300, deadline=None)
@given(
    keys=st.lists(KEYS, min_size=1, max_size=12),
    picks=st.lists(st.one_of(st.none(), KEYS, st.integers(0, 11)), max_size=30),
    width=st.integers(0, 10),
    chunk=st.integers(1, 7),
)
def test_key_table_finds_the_first_row_of_each_key(
    keys: list[str], picks: list[str | int | None], width: int, chunk: int
) -> None:
    """Keys of one byte width (padded or cut to ``width``) against queries: keys, other text, null."""
    keys = [(k.encode() + b"z" * width)[:width].decode("utf-8", "replace") for k in keys]
    queries = [keys[p % len(keys)] if isinstance(p, int) else p for p in picks]
    key_chunks = [pa.array(keys[i : i + chunk], pa.string()) for i in range(0, len(keys), chunk)]
    table = KeyTable.of(pa.chunked_array(key_chunks))
    if table is None:  # mixed byte widths (a cut multi-byte character) or empty keys: left to Arrow
        assert len({len(k.encode()) for k in keys}) > 1 or not keys[0]
        return
    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
    pieces = [queries[i : i + chunk] for i in range(0, len(queries), chunk)] or [[]]
    col = pa.chunked_array([pa.array(p, pa.string()) for p in pieces], type=pa.string())
    assert table.find(col).tolist() == [-1 if q is None else first.get(q, -1) for q in queries]
