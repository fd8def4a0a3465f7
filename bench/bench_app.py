"""Page load times of the investigator app in a real Chromium, and screenshots of the new views.

Usage: ``python bench/bench_app.py RUNS_DIR [--out bench/out/app] [--repeat 3] [--no-warm]``

Each repetition serves a fresh *copy* of RUNS_DIR with a newly started ``linkgraph app`` on a
free local port and drives ``/usr/bin/chromium`` (a new browser, empty cache) through
Playwright: the first load, every page once, every page again, then a cluster's risk
waterfall and an artifact drill-down (both opened by URL: a full page load each), and the
export confirmation below the threshold, with a screenshot of each in ``--out``. Fails if a
request leaves 127.0.0.1 or a page shows a Streamlit exception.

What is timed:

- **server start-up**: from starting ``linkgraph app`` to its health check answering. By
  default the server warms before it answers (:mod:`linkgraph.app.serve`: imports the app,
  loads the newest run, builds its default enforcement list); ``--no-warm`` serves at once
  and leaves that work to the first page.
- **first load**: from ``page.goto("/")`` in the new browser to the campaign view fully
  rendered: its heading shown, the campaign table drawn and the script idle.
- every other step: from the click (or ``goto``) to the page's heading shown and the script
  idle; below the threshold, from each slider step to its warning shown and the script idle.
- **floor**: the same first load of a one-heading Streamlit page (no data, no linkgraph) in a
  new browser, measured in each repetition just before the app: what Chromium and Streamlit's
  own JavaScript cost on this machine at that moment (it moves with the machine's load).

Prints every step of every repetition and the median per step. Targets: first load ≤ 3 s,
every later page ≤ 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
TABLE = '[data-testid="stDataFrame"]'
PAGES = ["Campaigns", "Overview", "Clusters", "Cluster detail", "Account lookup", "Search", "Review", "Export"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(runs: Path, home: Path, warm: bool) -> tuple[subprocess.Popen, str, float]:
    """Start ``linkgraph app`` over ``runs``; returns the process, its base URL and the seconds until healthy."""
    port = free_port()
    env = {**os.environ, "HOME": str(home), "LINKGRAPH_USER": "bench", "PYTHONPATH": str(ROOT)}
    env.pop("LINKGRAPH_APP_PASSWORD", None)
    log = (home / "app.log").open("w")
    cmd = [sys.executable, "-m", "linkgraph.cli.main", "app", "--runs", str(runs), "--port", str(port)]
    cmd.append("--warm" if warm else "--no-warm")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, base, time.perf_counter() - started
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit(f"the app did not come up:\n{(home / 'app.log').read_text()}")


class Timed:
    """A Playwright page with the checks of every step: heading, idle app, no exception."""

    def __init__(self, page: Any, out: Path) -> None:
        self.page, self.out = page, out
        self.timings: list[tuple[str, float]] = []

    def settle(self, title: str, name: str, started: float, shot: bool = False, table: bool = False) -> None:
        self.page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=120_000)
        if table:  # the page's first table drawn (st.dataframe draws on a canvas)
            self.page.locator(f"{TABLE} canvas").first.wait_for(timeout=120_000)
        self.page.wait_for_selector(IDLE, timeout=120_000)
        self.timings.append((name, time.perf_counter() - started))
        errors = self.page.locator(EXCEPTION)
        if errors.count():
            raise SystemExit(f"Streamlit exception on {name}: {errors.first.inner_text()}")
        if shot:
            self.page.wait_for_timeout(800)
            self.page.screenshot(path=str(self.out / f"{name}.png"), full_page=True)

    def nav(self, label: str, name: str, shot: bool = False) -> None:
        started = time.perf_counter()
        self.page.locator('[data-testid="stSidebarNav"]').get_by_text(label, exact=True).click()
        self.settle(label, name, started, shot)

    def goto(self, base: str, path: str, title: str, name: str, shot: bool = False, table: bool = False) -> None:
        started = time.perf_counter()
        self.page.goto(base + path)
        self.settle(title, name, started, shot, table)


FLOOR_SCRIPT = 'import streamlit as st\n\nst.title("Campaigns")\nst.write("nothing else")\n'
"""A one-heading Streamlit page: its first load is the floor no app page can go below on this machine."""


def floor(home: Path) -> float:
    """The first load of :data:`FLOOR_SCRIPT` in a new browser, timed as the app's first load."""
    from playwright.sync_api import sync_playwright

    script = home / "floor.py"
    script.write_text(FLOOR_SCRIPT)
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            t = Timed(browser.new_context(viewport={"width": 1440, "height": 1800}).new_page(), home)
            t.goto(base, "/", "Campaigns", "floor")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return t.timings[0][1]


def walk(base: str, out: Path, cluster: str, artifact: str, default: float) -> list[tuple[str, float]]:
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(viewport={"width": 1440, "height": 1800}).new_page()
        page.on(
            "request",
            lambda r: None if urllib.parse.urlsplit(r.url).hostname in (None, "127.0.0.1") else outside.append(r.url),
        )
        t = Timed(page, out)
        try:
            t.goto(base, "/", "Campaigns", "first_load_campaigns", shot=True, table=True)
            for label in PAGES[1:]:
                t.nav(label, f"first_{label.lower().replace(' ', '_')}")
            for label in PAGES:
                t.nav(label, f"again_{label.lower().replace(' ', '_')}")
            t.goto(base, f"/cluster?cluster={cluster}", "Cluster detail", "cluster_waterfall", shot=True)
            q = urllib.parse.quote(artifact)
            t.goto(base, f"/search?q={q}", "Search", "artifact_drilldown", shot=True)
            t.nav("Export", "export_default")
            slider = page.get_by_role("slider").first
            slider.focus()
            for step in (1, 2):  # one slider step at a time, each timed until its warning is shown
                lower = round(default - 0.05 * step, 2)
                started = time.perf_counter()
                slider.press("ArrowLeft")
                page.get_by_text(f"threshold {lower:.2f} is below").first.wait_for(timeout=120_000)
                t.settle("Export", f"export_at_{lower:.2f}", started)
            page.wait_for_timeout(800)
            page.screenshot(path=str(out / "export_below_threshold.png"), full_page=True)
        finally:
            browser.close()
    if outside:
        raise SystemExit(f"requests that left 127.0.0.1: {sorted(set(outside))}")
    return t.timings


def pick(runs: Path) -> tuple[str, str, float]:
    """The riskiest cluster of the latest run, its strongest artifact and the run's export threshold."""
    import pandas as pd

    latest = sorted(p for p in runs.iterdir() if (p / "manifest.json").is_file())[-1]
    default = float(json.loads((latest / "manifest.json").read_text())["export_threshold"])
    clusters = pd.read_parquet(latest / "clusters.parquet", columns=["cluster_id", "risk_score"])
    cluster = str(clusters.sort_values("risk_score", ascending=False)["cluster_id"].iloc[0])
    ev = pd.read_parquet(latest / "evidence.parquet")
    ev = ev[ev["cluster_id"] == cluster].sort_values("strength", ascending=False)
    payment = ev[ev["kind"] == "payment"]
    return cluster, str((payment if len(payment) else ev)["artifact"].iloc[0]), default


def run_once(runs: Path, out: Path, warm: bool) -> list[tuple[str, float]]:
    """One repetition: a fresh copy of ``runs``, a newly started server, a new browser."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        shutil.copytree(runs, home / "runs", ignore=shutil.ignore_patterns("audit.jsonl*", "cases.jsonl*"))
        cluster, artifact, default = pick(home / "runs")
        base_load = floor(home)
        proc, base, startup = serve(home / "runs", home, warm)
        try:
            timings = walk(base, out, cluster, artifact, default)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        warmed = [line for line in (home / "app.log").read_text().splitlines() if "warmed" in line]
        print(f"  server: {warmed[0] if warmed else 'not warmed'}", flush=True)
    return [("floor_one_heading_page", base_load), ("server_startup", startup), *timings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "app")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (a new server and browser each)")
    parser.add_argument("--no-warm", dest="warm", action="store_false", help="serve without warming the newest run")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    reps = []
    for i in range(args.repeat):
        print(f"repetition {i + 1}/{args.repeat} ({'warm' if args.warm else 'no warm'} start)", flush=True)
        reps.append(run_once(args.runs, args.out, args.warm))
    names = [name for name, _ in reps[0]]
    print(f"{'step':<28} " + " ".join(f"{'run ' + str(i + 1):>7}" for i in range(len(reps))) + f" {'median':>8}")
    for k, name in enumerate(names):
        values = [rep[k][1] for rep in reps]
        cells = " ".join(f"{v:7.2f}" for v in values)
        print(f"{name:<28} {cells} {statistics.median(values):7.2f} s")
    first_at = names.index("first_load_campaigns")
    later = [statistics.median(rep[k][1] for rep in reps) for k in range(first_at + 1, len(names))]
    first = statistics.median(rep[first_at][1] for rep in reps)
    base_load = statistics.median(rep[0][1] for rep in reps)
    print(
        f"first load median {first:.2f} s (target ≤ 3 s; a one-heading Streamlit page: {base_load:.2f} s); "
        f"slowest later page median {max(later):.2f} s (≤ 2 s)"
    )
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
