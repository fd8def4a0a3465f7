"""The command line: one Typer app (``main``), shared helpers (``common``), one module per command group.

May import anything below it; nothing imports :mod:`linkgraph.cli`.
"""

from __future__ import annotations


def main() -> None:
    """Console-script entry point."""
    from linkgraph.cli.main import main as run

    run()
