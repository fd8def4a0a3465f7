"""Start the app server with the newest run already loaded (``linkgraph app`` runs this module).

``python -m linkgraph.app.serve run APP_MAIN [streamlit flags]`` first does, in the server's
own process, the work the first page would otherwise do while the browser waits, then hands
over to ``streamlit run`` with the same arguments:

- imports the app's modules (Streamlit's elements, pandas, networkx, the read model);
- loads the newest run of ``LINKGRAPH_RUNS`` into the cache the pages share
  (:func:`linkgraph.app.state.load_run`): every table read, sorted and indexed, and the
  artifact index the search uses built;
- builds that run's default enforcement list (:func:`linkgraph.app.cached.export_frame`) and
  the network of its riskiest cluster, which the cluster page opens by default.

The server answers its health check only after this, so start-up takes a few seconds longer
and the first page is as quick as a later one. It prints what it loaded and how long it took.
``LINKGRAPH_APP_WARM=0`` skips it: the first page then imports and loads the run itself.
Runs added later, or older runs picked in the sidebar, are loaded when first opened.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WARM_ENV = "LINKGRAPH_APP_WARM"


def warm_enabled(environ: dict[str, str] | None = None) -> bool:
    """Whether to warm at start-up (``LINKGRAPH_APP_WARM`` unset or not ``0``/``false``/``no``)."""
    value = (os.environ if environ is None else environ).get(WARM_ENV, "1")
    return value.strip().lower() not in ("0", "false", "no")


@contextmanager
def _quiet_streamlit() -> Iterator[None]:
    """Silence Streamlit's "no runtime" and "no script context" warnings while caches are filled before it runs."""
    from streamlit import config
    from streamlit.logger import set_log_level

    set_log_level("error")
    try:
        yield
    finally:
        set_log_level(str(config.get_option("logger.level")))


def load_streamlit_config(argv: list[str]) -> None:
    """Parse ``argv`` (``run SCRIPT --server.port …``) as ``streamlit`` will and load that config now.

    Importing the app reads Streamlit's config; reading it with the final flags first keeps
    Streamlit from seeing a "changed" server section (and warning about it) when it starts.
    """
    from streamlit.web import bootstrap, cli

    if argv[:1] != ["run"]:
        return
    params = cli.main_run.make_context("run", list(argv[1:])).params
    bootstrap.load_config_options({k: v for k, v in params.items() if k not in ("target", "args")})


def warm(runs_dir: Path) -> str:
    """Import the app and load the newest run of ``runs_dir`` into the pages' caches; returns a report line.

    ``runs_dir`` must be spelled as the pages spell it (``LINKGRAPH_RUNS``): it is part of the cache keys.
    """
    started = time.perf_counter()
    with _quiet_streamlit():
        import streamlit.emojis  # noqa: F401  (the page icon's check loads it: 0.5 s on the first page otherwise)

        # Not network_view: a custom component declared before Streamlit's runtime exists is never
        # registered with it (the browser then gets a 404 for the network view).
        from linkgraph.app import cached, casework, state, widgets  # noqa: F401
        from linkgraph.investigate import artifacts, campaigns, network, overview, paths, timelines  # noqa: F401
        from linkgraph.runs.store import list_runs

        imported = time.perf_counter()
        runs = list_runs(runs_dir)
        if not runs:
            return f"imported the app in {imported - started:.1f} s; no run to load yet"
        run = state.load_run(str(runs_dir / runs[-1])).load_all()
        artifacts.artifact_index(run)
        loaded = time.perf_counter()
        cached.export_frame(run)
        if len(run.clusters):  # the cluster page opens on the riskiest cluster unless told another
            cached.cluster_network(run, str(run.clusters.index[0]))
    done = time.perf_counter()
    return (
        f"warmed in {done - started:.1f} s: app imported {imported - started:.1f} s, run {runs[-1]} loaded "
        f"{loaded - imported:.1f} s, its enforcement list and riskiest cluster's network {done - loaded:.1f} s"
    )


def main(argv: list[str]) -> None:
    """Warm (unless disabled), then run ``streamlit`` with ``argv`` (e.g. ``run APP_MAIN --server.port 8501``)."""
    if warm_enabled():
        from linkgraph.investigate.run_data import runs_dir_from_env

        load_streamlit_config(argv)
        print(f"linkgraph app: {warm(runs_dir_from_env())}", flush=True)
    from streamlit.web import cli

    sys.argv = ["streamlit", *argv]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
