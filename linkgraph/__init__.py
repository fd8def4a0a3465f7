"""linkgraph: find coordinated networks of accounts through the artifacts they share.

The public names below are imported on first use (PEP 562), so ``import linkgraph`` (and every
command that imports one room of it) does not pay for igraph, scipy and pandas up front.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from linkgraph.version import __version__

if TYPE_CHECKING:
    from linkgraph.communities.algorithms import communities
    from linkgraph.ingest.contract import InputError, Problem
    from linkgraph.ingest.load import Dataset, load_tables, validate_dir

_PUBLIC = {
    "communities": "linkgraph.communities.algorithms",
    "InputError": "linkgraph.ingest.contract",
    "Problem": "linkgraph.ingest.contract",
    "Dataset": "linkgraph.ingest.load",
    "load_tables": "linkgraph.ingest.load",
    "validate_dir": "linkgraph.ingest.load",
}

__all__ = ["Dataset", "InputError", "Problem", "__version__", "communities", "load_tables", "validate_dir"]


def __getattr__(name: str) -> object:
    """Import a public name from its room the first time it is asked for."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'linkgraph' has no attribute {name!r}")
    value = getattr(import_module(_PUBLIC[name]), name)
    globals()[name] = value
    return value
