"""Small worlds for satellite moves (tests/scoring/test_satellite_moves.py and the Spark parity test)."""

from __future__ import annotations

import pandas as pd

F1, F2, NAT1, NAT2, CARD, EXIT = range(6)
KINDS = ["family", "family", "ip", "ip", "payment", "ip"]


def satellite_world(stayer: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Community 0: an operation's core (0-9) on two families and its private exit. Community 1:
    a crowd's core (10-29) on a carrier's two NAT addresses and (10-14) a card, holding 30-34
    as well: 30, 31 core there on the NAT alone, with both families; 34 peripheral with one
    family and the operation's exit. ``stayer`` 32: core there with both families and the
    crowd's card; 33: core with one family and the operation's exit."""
    links = []
    for a in range(10):
        links += [(a, F1), (a, F2), (a, EXIT)]
    for a in range(10, 35):
        links += [(a, NAT1), (a, NAT2)]
    links += [(a, CARD) for a in range(10, 15)]
    links += [(30, F1), (30, F2), (31, F1), (31, F2), (34, F1), (34, EXIT)]
    links += {None: [], 32: [(32, F1), (32, F2), (32, CARD)], 33: [(33, F1), (33, EXIT)]}[stayer]
    frame = pd.DataFrame(links, columns=["acct", "art"])
    df = frame.groupby("art").size().reindex(range(6)).to_numpy()
    artifacts = pd.DataFrame({"kind": KINDS, "df": df, "weight": 0.5, "generic": False})
    roles = ["core"] * 34 + ["peripheral"]
    members = pd.DataFrame({"acct": range(35), "community": [0] * 10 + [1] * 25, "role": roles})
    return members, frame, artifacts


def crowd_yield_world() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Community 0's core (0-29) shares a carrier's three NAT addresses, community 1's (30-35)
    an operation's two families, community 2's (36-41) a card; 42, peripheral in 2, passed
    through the three NAT addresses and sends both families. Below 300 accounts community 0
    is a crowd; from 70, communities 1 and 2 are not."""
    nat, family, card = [0, 1, 2], [3, 4], 5
    links = [(a, n) for a in range(30) for n in nat] + [(a, f) for a in range(30, 36) for f in family]
    links += [(a, card) for a in range(36, 42)] + [(42, art) for art in nat + family]
    frame = pd.DataFrame(links, columns=["acct", "art"])
    kinds = ["ip"] * 3 + ["family"] * 2 + ["payment"]
    df = frame.groupby("art").size().to_numpy()
    artifacts = pd.DataFrame({"kind": kinds, "df": df, "weight": 0.5, "generic": False})
    community = [0] * 30 + [1] * 6 + [2] * 7
    members = pd.DataFrame({"acct": range(43), "community": community, "role": ["core"] * 42 + ["peripheral"]})
    return members, frame, artifacts


def coreless_world(cell: int, hangers: int = 0) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Community 0's core (0-9) sends two families and shares an exit; community 1 has no core:
    ``cell`` accounts from 10 on, each on both families, the exit and a family of their own.
    ``hangers``: peripheral members of community 0 without links (from 100 on)."""
    f1, f2, exit_ip, own = range(4)
    links = [(a, art) for a in range(10) for art in (f1, f2, exit_ip)]
    links += [(a, art) for a in range(10, 10 + cell) for art in (f1, f2, exit_ip, own)]
    frame = pd.DataFrame(links, columns=["acct", "art"])
    df = frame.groupby("art").size().reindex(range(4)).to_numpy()
    artifacts = pd.DataFrame({"kind": ["family", "family", "ip", "family"], "df": df, "weight": 0.5, "generic": False})
    role = ["core"] * 10 + ["peripheral"] * cell
    members = pd.DataFrame({"acct": range(10 + cell), "community": [0] * 10 + [1] * cell, "role": role})
    extra = pd.DataFrame({"acct": range(100, 100 + hangers), "community": 0, "role": "peripheral"})
    return pd.concat([members, extra], ignore_index=True), frame, artifacts


def later_round_world() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.Series]:
    """Community 0's core (0-5) sends two paraphrase families (F1 and F2; F1 also in the shared
    wording P1), pays with a card and shares an exit. The moves into 0 from community 1: 10
    sends P1 (a fingerprint and its family) and uses the exit; 11 paraphrases F1 and F2; 12
    paraphrases F1 and pays with the card; 13 sends P1 (with F1) and paraphrases F2."""
    f1, p1, f2, exit_ip, card = range(5)
    kinds = ["family", "fingerprint", "family", "ip", "payment"]
    links = [(a, art) for a in range(6) for art in range(5)]
    links += [(10, f1), (10, p1), (10, exit_ip), (11, f1), (11, f2), (12, f1), (12, card)]
    links += [(13, f1), (13, p1), (13, f2)]
    frame = pd.DataFrame(links, columns=["acct", "art"])
    df = frame.groupby("art").size().reindex(range(5)).to_numpy()
    family = [-1, f1, -1, -1, -1]
    artifacts = pd.DataFrame({"kind": kinds, "df": df, "weight": 0.5, "generic": False, "family": family})
    accts = [*range(6), 10, 11, 12, 13]
    members = pd.DataFrame({"acct": accts, "community": [0] * 6 + [1] * 4, "role": ["core"] * 6 + ["peripheral"] * 4})
    moves = pd.Series(0, index=[10, 11, 12, 13], name="community")
    return members, frame, artifacts, moves
