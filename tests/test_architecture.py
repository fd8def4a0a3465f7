"""The package's shape: no import cycles, no upward imports, short modules, documented rooms."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "linkgraph"
MAX_MODULE_LINES = 400

# A room may import its own modules and rooms of a lower or equal rank, never a higher one.
RANK = {
    "version": 0,
    "storage": 0,
    "codes": 0,
    "ingest": 1,
    "synth": 1,
    "coherence": 1,
    "graph": 2,
    "communities": 2,
    "signals": 2,
    "backends": 3,
    "scoring": 3,
    "runs": 4,
    "campaigns": 5,
    "enforcement": 6,
    "detect": 7,
    "spark": 7,
    "investigate": 8,
    "app": 9,
    "cli": 10,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, name: str, known: set[str]) -> set[str]:
    """linkgraph modules that ``path`` imports (anywhere in the file, lazy imports included)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            # ``from pkg import mod`` runs pkg/__init__ first: it imports the package too.
            targets = [base, *(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known)]
        else:
            continue
        found |= {t for t in targets if t in known and t != name}
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imported(path, name, known) for name, path in mods.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def room(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def test_find_cycle_finds_a_planted_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_nothing_imports_upward() -> None:
    offenders = []
    for name, targets in graph().items():
        src = room(name)
        if src is None:  # the package root re-exports the public API
            continue
        assert src in RANK, f"{name}: add its room to RANK"
        for target in targets:
            dst = room(target)
            if dst is not None and dst != src and RANK[dst] > RANK[src]:
                offenders.append(f"{name} -> {target}")
    assert not offenders, "upward imports:\n" + "\n".join(sorted(offenders))


def test_modules_are_short() -> None:
    long = {n: len(p.read_text().splitlines()) for n, p in modules().items()}
    assert not {n: k for n, k in long.items() if k > MAX_MODULE_LINES}


def test_every_room_says_what_it_owns() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text()))
        assert doc and len(doc) > 40, f"{init}: say what the room owns and what it may import"
