"""Backends compute community memberships on the rarity-weighted graph."""

from __future__ import annotations

from linkgraph.backends.base import Backend, get_backend

__all__ = ["Backend", "get_backend"]
