"""Cypher statements by name: one statement per file in ``queries/``, shipped as package data.

``linkgraph/backends/neo4j/queries/*.cypher`` is the single source: the checkout, the wheel
and the linter read the same files. Query text is never built from values: callers pass
parameters.

Examples
--------
>>> "MERGE (a:Account" in load("merge_accounts")
True
>>> sorted(parameters("set_load_checkpoint"))[:2]
['batch_size', 'batches_done']
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S)


class UnknownQuery(LookupError):
    """No ``queries/<name>.cypher`` file."""


def _folders() -> list[Traversable]:
    folder = resources.files(__package__ or "linkgraph.backends.neo4j").joinpath("queries")
    return [folder] if folder.is_dir() else []


@cache
def names() -> tuple[str, ...]:
    """Every statement's name, sorted."""
    for folder in _folders():
        found = sorted(e.name.removesuffix(".cypher") for e in folder.iterdir() if e.name.endswith(".cypher"))
        if found:
            return tuple(found)
    return ()


@cache
def load(name: str) -> str:
    """The text of ``queries/<name>.cypher`` (cached; trailing ``;`` removed)."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"invalid query name {name!r}: use lower-case verb_noun")
    for folder in _folders():
        entry = folder.joinpath(f"{name}.cypher")
        if entry.is_file():
            return entry.read_text(encoding="utf-8").strip().removesuffix(";").rstrip()
    raise UnknownQuery(f"no Cypher statement named {name!r} (known: {', '.join(names()) or 'none found'})")


def parameters(name: str) -> frozenset[str]:
    """The ``$parameters`` the statement ``name`` expects (outside strings and comments)."""
    code = _STRINGS_AND_COMMENTS.sub(" ", load(name))
    return frozenset(_PARAMETER.findall(code))
