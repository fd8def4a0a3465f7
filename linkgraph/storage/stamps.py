"""Sortable, unique ids stamped with the UTC time: runs and exports use the same format."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

_SUFFIX = re.compile(r"[0-9a-f]{6}")


def new_stamp(now: datetime | None = None) -> str:
    """A sortable, unique id such as ``20261121T231502Z-3fa9c1``."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def next_stamp(existing: Sequence[str], now: datetime | None = None) -> str:
    """A new stamp that sorts after every stamp in ``existing`` (sorted, oldest first).

    Two ids made in the same second would otherwise sort by their random suffix, and
    "latest" could go backwards.

    >>> next_stamp(["20990101T000000Z-00000a"]) > "20990101T000000Z-00000a"
    True
    """
    stamp = new_stamp(now)
    if existing and stamp <= existing[-1]:
        last = existing[-1]
        prefix, _, suffix = last.partition("-")
        bumped = f"{prefix}-{int(suffix, 16) + 1:06x}" if _SUFFIX.fullmatch(suffix) else ""
        stamp = bumped if bumped > last and len(bumped) == len(last) else f"{last}-1"
    return stamp
