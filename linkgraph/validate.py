"""Column checks and normalisation for one table; every problem is collected, not just the first."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa

from linkgraph.contract import MAX_EXAMPLES, Problem, TableSpec, looks_like_card_number

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4_RE = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
CARD_CANDIDATE_RE = r"[0-9][0-9 \-]{11,30}[0-9]"


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
            if col not in self.spec.timestamps:
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
        values = self.frame[col].astype("str").str.strip()
        values = values.where(self.frame[col].notna())
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
        num = pd.to_numeric(raw, errors="coerce")
        bad = raw.notna() & (num.isna() | (num < 0) | (num.fillna(0) % 1 != 0))
        if raw.dtype == object or pd.api.types.is_string_dtype(raw):
            bad &= raw.astype("str").str.strip() != ""
        self.flag(bad, col, "not a non-negative integer")
        self.frame[col] = num.where(~bad).astype("Int64")

    def _ip(self, col: str) -> None:
        text = self.frame[col].astype("str").str.strip().where(self.frame[col].notna())
        present = text.notna() & (text != "")
        v4 = text.str.fullmatch(IPV4_RE).fillna(False).astype(bool)
        other = present & ~v4
        canonical = text.copy()
        if other.any():
            lookup: dict[str, str | None] = {}
            for value in text[other].unique():
                try:
                    lookup[value] = ipaddress.ip_address(value).compressed
                except ValueError:
                    lookup[value] = None
            canonical.loc[other] = text[other].map(lookup)
        self.flag(present & canonical.isna(), col, "not a valid IPv4 or IPv6 address")
        self.frame[col] = canonical

    def _payment(self, col: str) -> None:
        text = self.frame[col]
        candidate = text.str.fullmatch(CARD_CANDIDATE_RE).fillna(False).astype(bool)
        raw_card = np.zeros(len(text), dtype=bool)
        if candidate.any():
            hits = text[candidate].map(looks_like_card_number).astype(bool)
            raw_card[np.flatnonzero(candidate.to_numpy())] = hits.to_numpy()
        self.flag(
            raw_card,
            col,
            "looks like a raw card number (passes the Luhn check); send a processor token or fingerprint instead",
        )
