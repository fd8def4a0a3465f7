"""Page load times of the investigator app in a real Chromium, and screenshots of the new views.

Usage: ``python bench/bench_app.py RUNS_DIR [--out bench/out/app]``

Serves a *copy* of RUNS_DIR with ``linkgraph app`` on a free local port and drives
``/usr/bin/chromium`` through Playwright: every page once (first load), every page again,
then the campaign view, a cluster's risk waterfall, an artifact drill-down and the export
confirmation below the threshold, with a screenshot of each in ``--out``. Prints the time
each page took to finish rendering, and fails if a request leaves 127.0.0.1 or a page shows
a Streamlit exception. Targets: first load ≤ 3 s, every later page ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
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
PAGES = ["Campaigns", "Overview", "Clusters", "Cluster detail", "Account lookup", "Search", "Review", "Export"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(runs: Path, home: Path) -> tuple[subprocess.Popen, str]:
    """Start ``linkgraph app`` over ``runs``; returns the process and its base URL once healthy."""
    port = free_port()
    env = {**os.environ, "HOME": str(home), "LINKGRAPH_USER": "bench", "PYTHONPATH": str(ROOT)}
    env.pop("LINKGRAPH_APP_PASSWORD", None)
    log = (home / "app.log").open("w")
    cmd = [sys.executable, "-m", "linkgraph.cli.main", "app", "--runs", str(runs), "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"the app did not come up:\n{(home / 'app.log').read_text()}")


class Timed:
    """A Playwright page with the checks of every step: heading, idle app, no exception."""

    def __init__(self, page: Any, out: Path) -> None:
        self.page, self.out = page, out
        self.timings: list[tuple[str, float]] = []

    def settle(self, title: str, name: str, started: float, shot: bool = False) -> None:
        self.page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=120_000)
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

    def goto(self, base: str, path: str, title: str, name: str, shot: bool = False) -> None:
        started = time.perf_counter()
        self.page.goto(base + path)
        self.settle(title, name, started, shot)


def walk(base: str, out: Path, cluster: str, artifact: str) -> list[tuple[str, float]]:
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
            t.goto(base, "/", "Campaigns", "first_load_campaigns", shot=True)
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
            started = time.perf_counter()
            for _ in range(2):
                slider.press("ArrowLeft")
                page.wait_for_timeout(400)
            page.get_by_text("Below the documented threshold").first.wait_for(timeout=120_000)
            t.settle("Export", "export_below_threshold", started, shot=True)
        finally:
            browser.close()
    if outside:
        raise SystemExit(f"requests that left 127.0.0.1: {sorted(set(outside))}")
    return t.timings


def pick(runs: Path) -> tuple[str, str]:
    """The riskiest cluster of the latest run and its strongest artifact."""
    import pandas as pd

    latest = sorted(p for p in runs.iterdir() if (p / "manifest.json").is_file())[-1]
    clusters = pd.read_parquet(latest / "clusters.parquet", columns=["cluster_id", "risk_score"])
    cluster = str(clusters.sort_values("risk_score", ascending=False)["cluster_id"].iloc[0])
    ev = pd.read_parquet(latest / "evidence.parquet")
    ev = ev[ev["cluster_id"] == cluster].sort_values("strength", ascending=False)
    payment = ev[ev["kind"] == "payment"]
    return cluster, str((payment if len(payment) else ev)["artifact"].iloc[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "app")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        shutil.copytree(args.runs, home / "runs", ignore=shutil.ignore_patterns("audit.jsonl*", "cases.jsonl*"))
        cluster, artifact = pick(home / "runs")
        proc, base = serve(home / "runs", home)
        try:
            timings = walk(base, args.out, cluster, artifact)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    for name, seconds in timings:
        print(f"{name:<28} {seconds:6.2f} s")
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
