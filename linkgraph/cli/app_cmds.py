"""CLI commands for the investigator app (`linkgraph app`)."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer

from linkgraph.cli.common import err

APP_MAIN = Path(__file__).resolve().parent.parent / "app" / "main.py"
"""The app's entry script; it ships inside the package, so checkouts and installs find it alike."""


def port_free(host: str, port: int) -> bool:
    """Whether ``host:port`` can be bound right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def app_url(host: str, port: int) -> str:
    """The address to open in a browser."""
    shown = "localhost" if host in ("127.0.0.1", "localhost", "0.0.0.0", "::") else host  # any-address: local
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def streamlit_command(host: str, port: int) -> list[str]:
    """The ``streamlit run`` command line for the app, through :mod:`linkgraph.app.serve`.

    That module loads the newest run before Streamlit starts serving (so the first page is
    quick), then runs ``streamlit`` with these arguments.
    """
    return [
        sys.executable,
        "-m",
        "linkgraph.app.serve",
        "run",
        str(APP_MAIN),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--theme.base",
        "light",
    ]


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""

    @app.command("app")
    def run_app(
        runs: Annotated[Path, typer.Option("--runs", help="Directory of detection runs.")] = Path("runs"),
        port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to serve on.")] = 8501,
        host: Annotated[str, typer.Option("--host", help="Address to bind (non-local needs authentication).")] = (
            "127.0.0.1"
        ),
        warm: Annotated[
            bool,
            typer.Option(
                "--warm/--no-warm",
                help="Load the newest run before serving, so the first page is quick (start-up takes longer).",
            ),
        ] = True,
    ) -> None:
        """Start the investigator app (Streamlit) on the runs in RUNS_DIR."""
        from rich.markup import escape

        from linkgraph.app.access import AuthNotConfigured, ensure_servable, read_secrets
        from linkgraph.investigate.run_data import RUNS_ENV
        from linkgraph.runs.store import list_runs

        try:
            mode = ensure_servable(host, read_secrets())
        except AuthNotConfigured as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
            raise typer.Exit(2) from None
        except ValueError as exc:  # a malformed secrets.toml
            err.print(f"[red]error:[/red] cannot read .streamlit/secrets.toml: {escape(str(exc))}", highlight=False)
            raise typer.Exit(2) from None
        if not port_free(host, port):
            err.print(f"[red]error:[/red] {host}:{port} is in use; pick another with --port", highlight=False)
            raise typer.Exit(2)
        runs = runs.resolve()
        if not list_runs(runs):
            err.print(
                f"[yellow]warning:[/yellow] no runs in {escape(str(runs))} yet; run 'linkgraph detect DATA_DIR "
                f"--runs {escape(str(runs))}'",
                highlight=False,
            )
        from linkgraph.app.serve import WARM_ENV

        env = {**os.environ, RUNS_ENV: str(runs), WARM_ENV: "1" if warm else "0"}
        gate = {"oidc": "OIDC sign-in", "password": "password gate"}.get(mode or "", "no authentication (local only)")
        print(f"linkgraph app: runs {runs}; {gate}", flush=True)
        print(f"linkgraph app: open {app_url(host, port)} (once the newest run is loaded)", flush=True)
        os.execve(sys.executable, streamlit_command(host, port), env)
