"""Column checks and normalisation for one table; every problem is collected, not just the first."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.contract import MAX_EXAMPLES, Problem, TableSpec, looks_like_card_number

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4_RE = rf"{_OCTET}(?:\.{_OCTET}){{3}}"


def row_numbers(mask: pd.Series | np.ndarray) -> tuple[tuple[int, ...], int]:
    """The first offending 1-based rows and how many there are in all."""
    idx = np.flatnonzero(np.asarray(mask, dtype=bool))
    return tuple(int(i) + 1 for i in idx[:MAX_EXAMPLES]), int(idx.size)


class TableChecker:
    """Collects problems for one file while it normalises the table's columns."""

    def __init__(self, spec: TableSpec, frame: pd.DataFrame, label: str) -> None:
        self.spec = spec
        self.frame = frame.reset_index(drop=True)
        self.label = label
        self.problems: list[Problem] = []

    def flag(self, mask: pd.Series | np.ndarray, column: str, message: str) -> None:
        rows, total = row_numbers(mask)
        if total:
            self.problems.append(Problem(self.label, message, column, rows, total))

    def check(self) -> pd.DataFrame:
        """Validate and normalise; returns the normalised frame (meaningful only without problems)."""
        missing = [c for c in self.spec.required if c not in self.frame.columns]
        if missing:
            have = ", ".join(map(str, self.frame.columns)) or "none"
            for col in missing:
                self.problems.append(Problem(self.label, f"required column is missing (columns found: {have})", col))
            return self.frame
        for col in self.spec.required:
            if col not in self.spec.timestamps and col not in self._special():
                self._text_id(col)
        for col in self.spec.timestamps:
            if col in self.frame.columns:
                self._timestamp(col)
        for col in self.spec.integers:
            if col in self.frame.columns:
                self._integer(col)
        for col, fix in self._special().items():
            if col in self.frame.columns:
                fix(col)
        return self.frame

    def _special(self) -> dict[str, Callable[[str], None]]:
        return {"ip": self._ip, "payment_method_id": self._payment, "fingerprint": self._artifact,
                "email_domain": self._lower}

    def _text_id(self, col: str) -> None:
        stripped = pc.utf8_trim_whitespace(pa.array(self.frame[col].astype("str"), type=pa.string()))
        values = pd.Series(stripped.to_pandas(), index=self.frame.index)
        self.flag(values.isna() | (values == ""), col, "value is empty")
        self.frame[col] = values

    def _distinct(self, col: str, clean: Callable[[pd.Series], pd.Series]) -> pd.Series:
        """Check each distinct value once: ``clean`` maps distinct stripped values to canonical
        values (null = invalid). Returns a per-row mask of invalid values and rewrites the column."""
        codes, uniques = pd.factorize(self.frame[col])
        text = pd.Series(uniques, dtype="str").str.strip()
        empty_unique = (text == "").to_numpy()
        canonical = clean(text.where(~empty_unique))
        bad_unique = canonical.isna().to_numpy() & ~empty_unique
        present = codes >= 0
        empty_rows = ~present
        empty_rows[present] = empty_unique[codes[present]]
        self.flag(empty_rows, col, "value is empty")
        bad_rows = np.zeros(len(codes), dtype=bool)
        bad_rows[present] = bad_unique[codes[present]]
        if not canonical.equals(pd.Series(uniques, dtype="str")):
            rebuilt = canonical.to_numpy(dtype=object)[np.where(codes >= 0, codes, 0)]
            self.frame[col] = pd.Series(rebuilt, index=self.frame.index, dtype="str").where(codes >= 0)
        return pd.Series(bad_rows)

    def _artifact(self, col: str) -> None:
        self._distinct(col, lambda text: text)

    def _lower(self, col: str) -> None:
        self.frame[col] = self.frame[col].astype("str").str.strip().str.lower().where(self.frame[col].notna())

    def _timestamp(self, col: str) -> None:
        raw = self.frame[col]
        if isinstance(raw.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(raw):
            ts = pd.to_datetime(raw, utc=True)
        else:
            text = raw.astype("str").str.strip().where(raw.notna())
            text = text.where(text != "")
            try:
                arr = pa.array(text, type=pa.string()).cast(pa.timestamp("us", tz="UTC"))
                ts = pd.Series(arr.to_pandas(), index=text.index)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                ts = pd.to_datetime(text, format="ISO8601", utc=True, errors="coerce")
            self.flag(ts.isna() & text.notna(), col, "not an ISO 8601 timestamp (e.g. 2026-02-01T12:00:00Z)")
        self.frame[col] = ts.astype("datetime64[us, UTC]")

    def _integer(self, col: str) -> None:
        raw = self.frame[col]
        num = pd.to_numeric(raw, errors="coerce")
        bad = raw.notna() & (num.isna() | (num < 0) | (num.fillna(0) % 1 != 0))
        if raw.dtype == object or pd.api.types.is_string_dtype(raw):
            bad &= raw.astype("str").str.strip() != ""
        self.flag(bad, col, "not a non-negative integer")
        self.frame[col] = num.where(~bad).astype("Int64")

    def _ip(self, col: str) -> None:
        self.flag(self._distinct(col, canonical_ips), col, "not a valid IPv4 or IPv6 address")

    def _payment(self, col: str) -> None:
        def refuse_cards(text: pd.Series) -> pd.Series:
            card = text.map(_is_card, na_action="ignore").fillna(False).astype(bool)
            return text.where(~card)

        self.flag(
            self._distinct(col, refuse_cards),
            col,
            "looks like a raw card number (passes the Luhn check); send a processor token or fingerprint instead",
        )


def _is_card(value: str) -> bool:
    return bool(len(value) >= 13 and value[0].isdigit() and looks_like_card_number(value))


def canonical_ips(text: pd.Series) -> pd.Series:
    """Canonical text of each IP (IPv6 compressed, lower case); null where invalid."""
    v4 = text.str.fullmatch(IPV4_RE).fillna(False).astype(bool)
    out = text.where(v4)
    other = text.notna() & ~v4
    if other.any():
        def parse(value: str) -> str | None:
            try:
                return ipaddress.ip_address(value).compressed
            except ValueError:
                return None

        out = out.astype(object)
        out[other] = text[other].map(parse)
    return out
