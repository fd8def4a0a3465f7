"""The contract's column rules as Spark SQL expressions: one flag and one normalised value per column.

The rules and messages are the embedded ones (:mod:`linkgraph.ingest.validate`): required
ids not empty, ISO 8601 timestamps (no zone is UTC), non-negative integers, IPv4/IPv6
addresses, statuses, 16-hex-digit SimHashes, and no raw card number (13-19 digits passing
Luhn, spaces and dashes ignored) in any column; a column whose valid values cannot be a
card (timestamps, IPs, statuses, SimHashes) is screened only in its invalid rows.
Non-IPv4 addresses are canonicalised on the driver, once per distinct value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linkgraph.ingest.columns import IPV4_RE
from linkgraph.ingest.contract import STATUSES, TableSpec
from linkgraph.ingest.validate import CARD_MESSAGE

EMPTY = "value is empty"
TIMESTAMP = "not an ISO 8601 timestamp (e.g. 2026-02-01T12:00:00Z)"
INTEGER = "not a non-negative integer"
IP = "not a valid IPv4 or IPv6 address"
STATUS = f"not a valid status ({', '.join(STATUSES[:-1])} or {STATUSES[-1]})"
SIMHASH = "not a SimHash (16 hex digits, e.g. 0f3a9c2be47d1806)"

_LUHN_DIGIT = "cast(substring(d, length(d) - i + 1, 1) as int)"
_LUHN = (
    f"aggregate(sequence(1, length(d)), cast(0 as bigint), (acc, i) -> acc + case when i % 2 = 0 "
    f"then ({_LUHN_DIGIT} * 2) % 10 + ({_LUHN_DIGIT} * 2) div 10 else {_LUHN_DIGIT} end) % 10 = 0"
)


@dataclass
class Rule:
    """One check on one column: the SQL condition of a bad row and its message."""

    column: str
    message: str
    bad: Any


def _card_sql(col: str) -> str:
    d = f"regexp_replace(cast(`{col}` as string), '[ -]', '')"
    body = _LUHN.replace("length(d)", f"length({d})").replace("substring(d,", f"substring({d},")
    return f"coalesce(case when {d} rlike '^[0-9]{{13,19}}$' then {body} else false end, false)"


def _text(col: str) -> Any:
    from pyspark.sql import functions as F

    return F.trim(F.col(f"`{col}`").cast("string"))


def _blank(text: Any) -> Any:
    return text.isNull() | (text == "")


def column_rules(spec: TableSpec, name: str, dtype: str) -> tuple[list[Rule], Any | None]:
    """The rules for column ``name`` of Spark type ``dtype``, and its normalised value (None: keep as is)."""
    from pyspark.sql import functions as F

    cards = F.expr(_card_sql(name))
    text = _text(name)
    typed_time = dtype.startswith("timestamp") or dtype == "date"
    if name in spec.timestamps:
        if typed_time:
            return [], F.col(f"`{name}`").cast("timestamp")
        value = F.when(~_blank(text), text.try_cast("timestamp"))
        bad = ~_blank(text) & value.isNull()
        return [Rule(name, TIMESTAMP, bad), Rule(name, CARD_MESSAGE, bad & cards)], value
    if name in spec.hex64:
        valid = text.rlike("^[0-9a-fA-F]{16}$")
        bad = ~_blank(text) & ~valid
        return [Rule(name, SIMHASH, bad), Rule(name, CARD_MESSAGE, bad & cards)], F.when(valid, F.lower(text))
    if name == "ip":
        v4 = text.rlike(f"^{IPV4_RE}$")
        v6 = text.contains(":") & text.rlike("^[0-9A-Fa-f:.%a-zA-Z]+$")
        bad = ~_blank(text) & ~v4 & ~v6
        rules = [Rule(name, EMPTY, _blank(text)), Rule(name, IP, bad), Rule(name, CARD_MESSAGE, bad & cards)]
        return rules, F.when(~_blank(text), text)
    if name == "status":
        lower = F.lower(text)
        bad = ~_blank(text) & ~lower.isin(*STATUSES)
        value = F.when(_blank(text), F.lit("active")).otherwise(lower)
        return [Rule(name, STATUS, bad), Rule(name, CARD_MESSAGE, bad & cards)], value
    if name == "email_domain":
        return [Rule(name, CARD_MESSAGE, cards)], F.lower(text)
    if name in spec.integers:
        if dtype in ("int", "bigint", "smallint", "tinyint"):
            number = F.col(f"`{name}`").cast("double")
        else:
            number = F.when(~_blank(text), text.try_cast("double"))
        bad = (~_blank(text) & number.isNull()) | (number < 0) | (number != F.floor(number)) | (number >= 2.0**63)
        return [Rule(name, INTEGER, bad), Rule(name, CARD_MESSAGE, cards)], F.when(~bad, number.cast("long"))
    if name in spec.required:
        return [Rule(name, EMPTY, _blank(text)), Rule(name, CARD_MESSAGE, cards)], text
    if typed_time or dtype == "boolean":
        return [], None
    return [Rule(name, CARD_MESSAGE, cards)], None
