"""The ``linkgraph`` command line: one Typer app; the commands live in one module per group.

Exit codes are documented in :mod:`linkgraph.cli.common`.
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

import linkgraph.cli.app_cmds as app_cmds
import linkgraph.cli.fingerprint_cmds as fingerprint_cmds
import linkgraph.cli.job_cmds as job_cmds
import linkgraph.cli.neo4j_cmds as neo4j_cmds
import linkgraph.cli.pipeline_cmds as pipeline_cmds
import linkgraph.cli.read_cmds as read_cmds
from linkgraph.cli.common import err

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # never print local variables (they may hold credentials)
    help="Find coordinated networks of accounts.",
)


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    """Find coordinated networks of accounts: generate, validate, detect, export, evaluate."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


for _group in (pipeline_cmds, read_cmds, job_cmds, app_cmds, neo4j_cmds, fingerprint_cmds):
    _group.register(app)


def main() -> None:
    """Entry point of the ``linkgraph`` console script."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted; nothing was published")
        sys.exit(130)


if __name__ == "__main__":
    main()
