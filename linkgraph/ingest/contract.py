"""The input data contract: table schemas and the error type that names file, row and column."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    """Schema of one input table."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    timestamps: tuple[str, ...] = ()
    integers: tuple[str, ...] = ()
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
            optional=("first_seen", "last_seen", "request_count"),
            timestamps=("first_seen", "last_seen"),
            integers=("request_count",),
        ),
        TableSpec(
            "requests",
            required=("account_id", "timestamp"),
            optional=("ip", "model", "prompt_fingerprint"),
            timestamps=("timestamp",),
            optional_table=True,
        ),
    )
}

SUFFIXES = (".parquet", ".csv.gz", ".csv")
"""File endings a table may have, in the order they are looked for."""

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
    if not (13 <= len(digits) <= 19 and digits.isdigit()):
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
