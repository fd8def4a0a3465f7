"""Column checks and normalisation for one table; every problem is collected, not just the first."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest.contract import MAX_EXAMPLES, Problem, TableSpec, looks_like_card_number

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
        return {"ip": self._ip, "payment_method_id": self._payment, "email_domain": self._lower}

    def _text_id(self, col: str) -> None:
        stripped = pc.utf8_trim_whitespace(pa.array(self.frame[col].astype("str"), type=pa.string()))
        values = pd.Series(stripped.to_pandas(), index=self.frame.index)
        self.flag(values.isna() | (values == ""), col, "value is empty")
        self.frame[col] = values

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
        if pd.api.types.is_integer_dtype(raw.dtype):
            self.flag((raw < 0).fillna(False).to_numpy(dtype=bool), col, "not a non-negative integer")
            self.frame[col] = raw.astype("Int64")
            return
        num = pd.to_numeric(raw, errors="coerce")
        bad = raw.notna() & (num.isna() | (num < 0) | (num.fillna(0) % 1 != 0))
        if raw.dtype == object or pd.api.types.is_string_dtype(raw):
            bad &= raw.astype("str").str.strip() != ""
        self.flag(bad, col, "not a non-negative integer")
        self.frame[col] = num.where(~bad).astype("Int64")

    def _arrow(self, col: str) -> pa.Array:
        return pa.array(self.frame[col].astype("str"), type=pa.string())

    def _ip(self, col: str) -> None:
        """IPv4 is checked by one vectorised pattern; anything else (IPv6) is parsed once per value."""
        self._text_id(col)
        arr = self._arrow(col)
        v4 = pc.match_substring_regex(arr, f"^{IPV4_RE}$").fill_null(True).to_numpy(zero_copy_only=False)
        other = ~v4 & self.frame[col].notna().to_numpy() & (self.frame[col] != "").to_numpy()
        if not other.any():
            return
        values = self.frame.loc[other, col]
        canonical = canonical_ips(pd.Series(values.unique(), dtype="str"))
        lookup = dict(zip(values.unique(), canonical, strict=True))
        fixed = values.map(lookup)
        self.flag(
            np.isin(np.arange(len(self.frame)), np.flatnonzero(other)[fixed.isna().to_numpy()]),
            col,
            "not a valid IPv4 or IPv6 address",
        )
        self.frame[col] = self.frame[col].astype(object)
        self.frame.loc[other, col] = fixed
        self.frame[col] = self.frame[col].astype("str").where(self.frame[col].notna())

    def _payment(self, col: str) -> None:
        """Refuse values that look like raw card numbers (13-19 digits passing Luhn)."""
        self._text_id(col)
        arr = self._arrow(col)
        candidate = pc.match_substring_regex(arr, r"^[0-9][0-9 \-]{11,30}[0-9]$").fill_null(False)
        idx = np.flatnonzero(candidate.to_numpy(zero_copy_only=False))
        raw_card = np.zeros(len(self.frame), dtype=bool)
        if idx.size:
            raw_card[idx] = self.frame[col].iloc[idx].map(_is_card).to_numpy(dtype=bool)
        self.flag(
            raw_card,
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
