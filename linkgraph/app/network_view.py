"""The interactive network views (st_link_analysis / Cytoscape): node and edge styles, legend."""

from __future__ import annotations

import streamlit as st
from st_link_analysis import EdgeStyle, NodeStyle, st_link_analysis

KIND_COLORS = {
    "payment": "#d62728",
    "ip": "#1f77b4",
    "fingerprint": "#ff7f0e",
    "family": "#9467bd",
    "rewrite": "#e377c2",
    "lockstep": "#17becf",
}
KIND_ICONS = {
    "payment": "credit_card",
    "ip": "router",
    "fingerprint": "description",
    "family": "library_books",
    "rewrite": "account_tree",
    "lockstep": "schedule",
}
ROLE_COLORS = {"core": "#222222", "peripheral": "#a8a8a8", "account": "#2ca02c"}


class _SizedNode(NodeStyle):
    """A node style with a fixed size, or (for artifact hubs) a size that grows with its member count."""

    def __init__(self, label: str, color: str, icon: str, size: int | str) -> None:
        super().__init__(label, color, "name", icon)
        self.size = size

    def dump(self) -> dict:
        out = super().dump()
        out["style"].update({"width": self.size, "height": self.size, "font-size": 9})
        return out


HUB_SIZE = "mapData(members, 2, 200, 22, 56)"
NODE_STYLES = [
    _SizedNode("core", ROLE_COLORS["core"], "person", 18),
    _SizedNode("peripheral", ROLE_COLORS["peripheral"], "person", 18),
    _SizedNode("account", ROLE_COLORS["account"], "person", 24),
    *(_SizedNode(kind, color, KIND_ICONS[kind], HUB_SIZE) for kind, color in KIND_COLORS.items()),
]


class _WeightedEdge(EdgeStyle):
    """An edge style whose width follows the link's rarity weight, drawn translucent."""

    def dump(self) -> dict:
        out = super().dump()
        out["style"].update({"opacity": 0.5, "width": "mapData(weight, 0, 1, 0.5, 3.5)"})
        return out


EDGE_STYLES = [_WeightedEdge(kind, color, labeled=None, curve_style="haystack") for kind, color in KIND_COLORS.items()]


def draw_network(elements: dict, key: str, height: int = 560) -> None:
    """An interactive Cytoscape view: click a node to see its properties."""
    # Positions come from a seeded layout in Python (linkgraph.investigate.network.place): the
    # same cluster looks the same on every load. Elements without positions fall back to fcose.
    placed = all("position" in node for node in elements.get("nodes", []))
    layout = {"name": "preset", "fit": True, "padding": 20} if placed else {"name": "fcose", "animate": False}
    st_link_analysis(elements, layout=layout, node_styles=NODE_STYLES, edge_styles=EDGE_STYLES, height=height, key=key)


def legend() -> None:
    """The colour key of the network views."""
    items = [
        f"<span style='color:{ROLE_COLORS['core']}'>●</span> core account",
        f"<span style='color:{ROLE_COLORS['peripheral']}'>●</span> peripheral account",
        *(f"<span style='color:{c}'>●</span> {k}" for k, c in KIND_COLORS.items()),
    ]
    st.html("<div style='font-size:0.85rem'>" + " &nbsp; ".join(items) + "</div>")
