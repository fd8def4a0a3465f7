"""linkgraph: find coordinated networks of accounts through the artifacts they share."""

from __future__ import annotations

from linkgraph.communities.algorithms import communities
from linkgraph.ingest.contract import InputError, Problem
from linkgraph.ingest.load import Dataset, load_tables, validate_dir
from linkgraph.version import __version__

__all__ = ["Dataset", "InputError", "Problem", "__version__", "communities", "load_tables", "validate_dir"]
