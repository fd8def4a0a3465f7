"""The input data contract: table schemas and the error type that names file, row and column.

Contract version 2 adds three optional columns (absent means the signal is off):

- ``accounts.status``: ``active`` (default, also for empty), ``banned`` or ``suspended``
  (and ``closed``, see :data:`STATUSES`), case-insensitive; anything else is refused.
  Loaded lower-case as ``Dataset.accounts["status"]`` (categorical).
- ``prompt_fingerprints.simhash``: 64-bit SimHash as 16 hex digits (upper case accepted);
  empty is allowed per row. Loaded as ``Dataset.simhashes`` (``acct, simhash`` uint64,
  ``first_seen, last_seen, count``), or None without the column.
- ``requests.prompt_simhash``: the same per request; ``Dataset.requests`` gets
  ``prompt_simhash`` (uint64) and ``has_simhash`` (bool).

A raw card number (13-19 digits passing Luhn) is refused in any column of any table,
extra columns included, and no message ever echoes it (:func:`redact`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    """Schema of one input table."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    timestamps: tuple[str, ...] = ()
    integers: tuple[str, ...] = ()
    hex64: tuple[str, ...] = ()
    optional_table: bool = False


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "accounts",
            required=("account_id",),
            optional=("created_at", "email_domain", "country", "status"),
            timestamps=("created_at",),
        ),
        TableSpec(
            "payment_methods",
            required=("account_id", "payment_method_id"),
            optional=("first_seen", "last_seen"),
            timestamps=("first_seen", "last_seen"),
        ),
        TableSpec(
            "proxies",
            required=("account_id", "ip"),
            optional=("asn", "first_seen", "last_seen", "request_count"),
            timestamps=("first_seen", "last_seen"),
            integers=("asn", "request_count"),
        ),
        TableSpec(
            "prompt_fingerprints",
            required=("account_id", "fingerprint"),
            optional=("first_seen", "last_seen", "request_count", "simhash"),
            timestamps=("first_seen", "last_seen"),
            integers=("request_count",),
            hex64=("simhash",),
        ),
        TableSpec(
            "requests",
            required=("account_id", "timestamp"),
            optional=("ip", "model", "prompt_fingerprint", "prompt_simhash"),
            timestamps=("timestamp",),
            hex64=("prompt_simhash",),
            optional_table=True,
        ),
    )
}

SUFFIXES = (".parquet", ".csv.gz", ".csv")
"""File endings a table may have, in the order they are looked for."""

STATUSES = ("active", "banned", "suspended", "closed")
"""Values of ``accounts.status`` (case-insensitive); empty means active.

``closed`` is not in DATA_CONTRACT.md v2, but the generator and the shipped sample write
it (an account closed by its owner: neither active nor enforced); it is accepted until the
contract says otherwise."""

MAX_EXAMPLES = 20
"""How many offending rows of one kind a problem lists before it summarises the rest."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as possible.

    ``rows`` are 1-based data-row numbers (the header is not counted, so data row 1 is
    line 2 of a CSV file).
    """

    file: str
    message: str
    column: str | None = None
    rows: tuple[int, ...] = ()
    total: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", redact(self.message))
        if self.column is not None:
            object.__setattr__(self, "column", redact(self.column))

    def __str__(self) -> str:
        where = self.file
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows)
            more = self.total - len(self.rows)
            where += f", row {shown}" if len(self.rows) == 1 else f", rows {shown}"
            if more > 0:
                where += f" (and {more} more)"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


@dataclass
class InputError(Exception):
    """Raised when input tables break the contract. Nothing has been loaded."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"{len(self.problems)} problem(s) in the input; nothing was loaded"
        return head + "\n" + "\n".join(f"  - {p}" for p in self.problems)


def looks_like_card_number(value: str) -> bool:
    """True for 13-19 digits (spaces/dashes ignored) that pass the Luhn check.

    >>> looks_like_card_number("4111 1111 1111 1111")
    True
    >>> looks_like_card_number("pm_4111111111111111")
    False
    """
    digits = value.replace(" ", "").replace("-", "")
    if not (13 <= len(digits) <= 19 and digits.isascii() and digits.isdigit()):
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


_DIGIT_RUN = re.compile(r"[0-9](?:[ \-]*[0-9]){12,}")


def redact(text: str) -> str:
    """``text`` with every run of 13 or more digits (spaces and dashes between) blanked.

    Problems quote header names and reader messages; this keeps a card number that
    landed there (a header-less file, a reader echoing a line) out of every report.

    >>> redact("columns found: 4111 1111 1111 1111, ip")
    'columns found: [redacted], ip'
    """
    return _DIGIT_RUN.sub("[redacted]", text)
