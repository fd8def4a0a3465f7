"""The investigator app in a real Chromium: open a cluster and an account, download an export.

Starts ``linkgraph app`` on a free local port over a small generated world and drives
``/usr/bin/chromium`` with Playwright. Screenshots and the downloaded files go to
``LINKGRAPH_ARTIFACTS`` (default: a pytest temporary folder, printed at the end); page render
times go to ``browser_timings.txt`` there. Any Streamlit exception on a page fails the test.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
GRAPH = 'iframe[data-testid="stCustomComponentV1"]'


def largest_clusters(runs: Path) -> list[str]:
    """The ids of the two biggest clusters of the latest run, biggest first."""
    import pandas as pd

    latest = sorted(p for p in runs.iterdir() if (p / "manifest.json").is_file())[-1]
    clusters = pd.read_parquet(latest / "clusters.parquet", columns=["cluster_id", "size"])
    return clusters.sort_values("size", ascending=False, kind="stable")["cluster_id"].head(2).astype(str).tolist()


def is_local(url: str) -> bool:
    """Whether a browser request stays on this machine (inline ``data:``/``blob:`` URLs need no network)."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("LINKGRAPH_ARTIFACTS") or tmp_path_factory.mktemp("browser"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``linkgraph app`` over a freshly generated and detected world (2,000 accounts by default).

    ``LINKGRAPH_BROWSER_ACCOUNTS=N`` generates a bigger world; ``LINKGRAPH_BROWSER_RUNS=DIR`` serves a
    copy of existing runs instead (for measuring render times on a 1M-account run).
    """
    if not CHROMIUM.is_file():
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"CI must drive a real browser: {CHROMIUM} is missing", pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api")
    root = tmp_path_factory.mktemp("served")
    cli = [sys.executable, "-m", "linkgraph.cli.main"]
    existing = os.environ.get("LINKGRAPH_BROWSER_RUNS")
    if existing:
        shutil.copytree(existing, root / "runs", ignore=shutil.ignore_patterns("audit.jsonl*", "reviews.jsonl*"))
    else:
        accounts = os.environ.get("LINKGRAPH_BROWSER_ACCOUNTS", "2000")
        subprocess.run(
            [*cli, "generate", str(root / "world"), "--accounts", accounts, "--seed", "5"],
            check=True,
            capture_output=True,
        )
        for _ in range(2):  # two runs, so the overview has a previous run and a trend
            subprocess.run(
                [*cli, "detect", str(root / "world"), "--runs", str(root / "runs")], check=True, capture_output=True
            )
    port = free_port()
    env = {**os.environ, "HOME": str(root), "LINKGRAPH_USER": "browser-test"}
    env.pop("LINKGRAPH_APP_PASSWORD", None)
    log = (root / "app.log").open("w")
    proc = subprocess.Popen(
        [*cli, "app", "--runs", str(root / "runs"), "--port", str(port)],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"linkgraph app did not come up:\n{(root / 'app.log').read_text()}")
            time.sleep(0.3)
        yield base, root / "runs"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


class Walk:
    """A browser page plus the checks every step makes: title, idle app, no exception, a screenshot."""

    def __init__(self, page: object, artifacts: Path) -> None:
        self.page = page
        self.artifacts = artifacts
        self.timings: list[tuple[str, float]] = []

    def settle(self, title: str, name: str, started: float, graph: bool = False, shot: bool = True) -> None:
        """Wait for the page to finish, record its render time, check for exceptions, take a screenshot."""
        page = self.page
        page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=60_000)  # type: ignore[attr-defined]
        page.wait_for_selector(IDLE, timeout=60_000)  # type: ignore[attr-defined]
        if graph:
            frame = page.frame_locator(GRAPH).first  # type: ignore[attr-defined]
            frame.locator("canvas").first.wait_for(timeout=60_000)
        self.timings.append((name, time.perf_counter() - started))
        errors = page.locator(EXCEPTION)  # type: ignore[attr-defined]
        assert errors.count() == 0, f"Streamlit exception on {name}: {errors.first.inner_text()}"
        if shot:
            page.wait_for_timeout(1000 if graph else 300)  # type: ignore[attr-defined]  # let drawing finish
            page.screenshot(path=str(self.artifacts / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]

    def nav(self, label: str, title: str, name: str, shot: bool = True) -> None:
        started = time.perf_counter()
        self.page.locator('[data-testid="stSidebarNav"]').get_by_text(label, exact=True).click()  # type: ignore[attr-defined]
        self.settle(title, name, started, shot=shot)

    def click_first_row(self, grid: object, row: int = 0) -> None:
        """Tick the selection box of a data row in a canvas-drawn st.dataframe."""
        box = grid.bounding_box()  # type: ignore[attr-defined]
        assert box, "the table is not on screen"
        self.page.mouse.click(box["x"] + 18, box["y"] + 35 + 35 * row + 17)  # type: ignore[attr-defined]


def pick_run(page: Any, sidebar: Any, run_id: str) -> None:
    """Open the run list and click one run in it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector(IDLE, timeout=30_000)
    box = sidebar.get_by_role("combobox").first
    box.wait_for(timeout=30_000)
    option = page.get_by_role("option", name=run_id)
    for _ in range(6):  # a click that lands while the sidebar redraws does not open the list (a loaded CI
        # machine redraws for longer: one of four clean-clone CI runs on 2026-12-05 needed more than three clicks)
        box.click()
        try:
            option.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    option.click()


def lazy_controls(page: Any, runs: Path) -> None:
    """The first view draws its filters, the run picker and the case work only once their expander is opened;
    the choices outlive a closed expander."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    assert page.get_by_role("slider").count() == 0 and page.get_by_role("combobox").count() == 0
    page.get_by_text("Filter campaigns", exact=True).click()
    slider = page.get_by_role("slider").first
    slider.wait_for(timeout=30_000)
    slider.focus()
    slider.press("ArrowRight")
    page.get_by_text("at risk ≥ 0.45").first.wait_for(timeout=30_000)
    page.wait_for_selector(IDLE, timeout=30_000)
    assert page.get_by_role("slider").count() == 1  # still open while it is used
    page.get_by_text("Filter campaigns", exact=True).click()
    page.wait_for_selector(IDLE, timeout=30_000)
    page.get_by_role("slider").first.wait_for(state="detached", timeout=30_000)
    assert page.get_by_text("at risk ≥ 0.45").count() == 1  # the filter is kept

    if page.get_by_text("Case work on").count():  # a campaign is shown
        save = page.get_by_role("button", name="Save").first
        for _ in range(6):  # a click that lands while the page redraws is lost, as for the run list below (a
            # clean-clone CI run on 2026-12-06, its machine loaded, waited 30 s for the case work after one click)
            page.wait_for_selector(IDLE, timeout=30_000)
            if save.count():
                break
            page.get_by_text("Case work on").first.click()
            try:
                save.wait_for(timeout=15_000)
            except PlaywrightTimeout:
                continue  # still drawing (the next round waits for it) or the click was lost (click again)
        save.wait_for(timeout=30_000)
        page.wait_for_selector(IDLE, timeout=30_000)

    ids = sorted(p.name for p in runs.iterdir() if (p / "manifest.json").is_file())
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Change run", exact=True).click()
    for run_id in (ids[0], ids[-1]):  # an older run, then back to the newest
        chosen = sidebar.get_by_text(run_id, exact=True).first
        for _ in range(4):  # a pick whose click lands while the sidebar redraws is lost (a clean-clone CI run on
            # 2026-12-06, its machine loaded, never showed the picked run): pick again until the run is shown
            pick_run(page, sidebar, run_id)
            try:
                chosen.wait_for(timeout=20_000)
                break
            except PlaywrightTimeout:
                page.keyboard.press("Escape")
        chosen.wait_for(timeout=30_000)
        page.wait_for_selector(IDLE, timeout=30_000)
        assert page.get_by_text(f"Run `{run_id}`").count() == 0  # drawn as code, not as raw markdown
        assert page.get_by_text(f"Run {run_id}", exact=False).count() >= 1
    sidebar.get_by_text("Change run", exact=True).click()
    page.wait_for_selector(IDLE, timeout=30_000)


def test_open_cluster_account_and_download_export(served: tuple[str, Path], artifacts: Path) -> None:
    from playwright.sync_api import sync_playwright

    base, runs = served
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 2200}, accept_downloads=True)
        page = context.new_page()
        js_errors: list[str] = []
        page.on("pageerror", lambda exc: js_errors.append(str(exc)))
        outside: list[str] = []  # the app must work air-gapped: nothing may leave 127.0.0.1
        page.on("request", lambda req: None if is_local(req.url) else outside.append(req.url))
        walk = Walk(page, artifacts)
        try:
            started = time.perf_counter()
            page.goto(base)
            walk.settle("Campaigns", "campaigns", started)
            lazy_controls(page, runs)
            walk.nav("Overview", "Overview", "overview")
            assert page.get_by_text("High-risk clusters").count() >= 1

            walk.nav("Clusters", "Clusters", "clusters")
            grid = page.locator('[data-testid="stDataFrame"]').first
            started = time.perf_counter()
            walk.click_first_row(grid)
            page.wait_for_url("**/cluster?cluster=*", timeout=30_000)
            walk.settle("Cluster detail", "cluster", started, graph=True)
            cluster_id = page.url.split("cluster=")[1].split("&")[0]

            started = time.perf_counter()
            page.get_by_role("tab", name="Timeline").click()
            page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
            walk.settle("Cluster detail", "cluster_timeline", started)
            started = time.perf_counter()
            page.get_by_role("tab", name="Review and export").click()
            page.get_by_role("button", name="Download CSV").wait_for(timeout=30_000)
            walk.settle("Cluster detail", "cluster_review_export", started)
            with page.expect_download() as dl:
                page.get_by_role("button", name="Download CSV").click()
            cluster_csv = artifacts / dl.value.suggested_filename
            dl.value.save_as(cluster_csv)
            rows = list(csv.DictReader(cluster_csv.open()))
            assert rows and {r["cluster_id"] for r in rows} == {cluster_id}
            assert list(rows[0]) == ["account_id", "cluster_id", "risk_score", "role", "evidence", "campaign_id"]

            started = time.perf_counter()
            page.get_by_role("tab", name="Members").click()
            members = page.locator(".st-key-members_table [data-testid='stDataFrame']")
            members.wait_for(timeout=30_000)
            walk.settle("Cluster detail", "cluster_members", started)
            started = time.perf_counter()
            walk.click_first_row(members)
            page.wait_for_url("**/account?account=*", timeout=30_000)
            walk.settle("Account lookup", "account", started)
            account = page.url.split("account=")[1].split("&")[0]
            assert page.get_by_text(cluster_id, exact=True).count() >= 1
            other = next(r["account_id"] for r in rows if r["account_id"] != account)
            field = page.get_by_label("Account B")
            field.fill(other)
            started = time.perf_counter()
            field.press("Enter")
            page.locator('[data-testid="stAlert"]').filter(has_text=other).first.wait_for(timeout=30_000)
            walk.settle("Account lookup", "account_why_linked", started)

            walk.nav("Review", "Review", "review")
            walk.click_first_row(page.locator('[data-testid="stDataFrame"]').first)
            page.get_by_role("button", name="Save mark").wait_for(timeout=30_000)
            page.get_by_text("needs review", exact=True).click()
            page.get_by_label("Note").fill("shared card and proxy; check payment history")
            started = time.perf_counter()
            page.get_by_role("button", name="Save mark").click()
            page.locator('[data-testid="stAlert"]').filter(has_text="marked needs review").wait_for(timeout=30_000)
            walk.settle("Review", "review_marked", started)
            marks = [json.loads(line) for line in (runs / "reviews.jsonl").read_text().splitlines()]
            assert [(m["mark"], m["who"]) for m in marks] == [("needs_review", "browser-test")]
            walk.nav("Export", "Export", "export")
            with page.expect_download() as dl:
                page.get_by_role("button", name="Download CSV").click()
            export_csv = artifacts / dl.value.suggested_filename
            dl.value.save_as(export_csv)
            exported = list(csv.DictReader(export_csv.open()))
            assert exported and all(r["role"] == "core" for r in exported)
            with page.expect_download() as dl:
                page.get_by_role("button", name="Download its manifest").click()
            manifest = json.loads(Path(dl.value.path()).read_text())
            assert manifest["row_count"] == len(exported) and manifest["format"] == "csv"
            page.wait_for_selector(IDLE)
            audit = [json.loads(line) for line in (runs / "audit.jsonl").read_text().splitlines()]
            downloads = [a for a in audit if a["action"] == "download"]
            assert [d["what"] for d in downloads] == ["list", "list", "manifest"]
            assert [a["action"] for a in audit if a["action"] == "review"] == ["review"]

            # every page again, after its first load, navigating inside the app as an investigator does;
            # then the largest cluster, typed into the cluster page (first its first load, then again)
            for label in (
                "Campaigns",
                "Overview",
                "Clusters",
                "Cluster detail",
                "Account lookup",
                "Search",
                "Review",
                "Export",
            ):
                walk.nav(label, label, f"again_{label.lower().replace(' ', '_')}", shot=False)
            largest, second = largest_clusters(runs)
            for attempt in ("first", "again"):
                walk.nav("Cluster detail", "Cluster detail", f"cluster_page_{attempt}", shot=False)
                network_tab = page.get_by_role("tab", name="Network and evidence")
                if network_tab.get_attribute("aria-selected") != "true":  # the page keeps the last open tab
                    network_tab.click()
                    page.get_by_role("heading", name="Network", exact=True).wait_for(timeout=30_000)
                    page.wait_for_selector(IDLE, timeout=60_000)
                field = page.get_by_role("textbox", name="Cluster id")
                if field.input_value() == largest:  # show another cluster first, so the largest really loads
                    field.fill(second)
                    field.press("Enter")
                    page.get_by_role("heading", name=second).first.wait_for(timeout=120_000)
                    page.wait_for_selector(IDLE, timeout=60_000)
                field.fill(largest)
                started = time.perf_counter()
                field.press("Enter")
                page.get_by_role("heading", name=largest).first.wait_for(timeout=120_000)
                walk.settle(
                    "Cluster detail", f"largest_cluster_{attempt}", started, graph=True, shot=attempt == "again"
                )
                walk.nav("Overview", "Overview", f"overview_{attempt}", shot=False)
        finally:
            lines = [f"{name}\t{seconds:.2f}s" for name, seconds in walk.timings]
            (artifacts / "browser_timings.txt").write_text("\n".join(lines) + "\n")
            print(f"\nscreenshots and downloads in {artifacts}\n" + "\n".join(lines))
            browser.close()
    assert not js_errors, js_errors
    assert not outside, f"requests that left 127.0.0.1: {sorted(set(outside))}"


def test_campaigns_waterfall_drilldown_and_export_confirmation(served: tuple[str, Path], artifacts: Path) -> None:
    """The views issue 12 added, in Chromium, with a screenshot each (campaigns, waterfall, drill-down, export)."""
    import pandas as pd
    from playwright.sync_api import sync_playwright

    base, runs = served
    latest = sorted(p for p in runs.iterdir() if (p / "manifest.json").is_file())[-1]
    clusters = pd.read_parquet(latest / "clusters.parquet")
    top = str(clusters["cluster_id"].iloc[0])
    links = pd.read_parquet(latest / "member_links.parquet")
    card = str(links[links["cluster_id"] == top]["artifact"].value_counts().index[0])
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1440, "height": 1800}).new_page()
        outside: list[str] = []
        page.on("request", lambda req: None if is_local(req.url) else outside.append(req.url))
        walk = Walk(page, artifacts)
        try:
            started = time.perf_counter()
            page.goto(base)
            walk.settle("Campaigns", "campaigns_view", started)
            assert page.get_by_text("Looks like:").count() >= 1

            started = time.perf_counter()
            page.goto(f"{base}/cluster?cluster={top}")
            walk.settle("Cluster detail", "cluster_waterfall", started)
            page.get_by_role("heading", name="Why this score").wait_for()
            assert page.locator('[data-testid="stVegaLiteChart"]').count() == 1  # the waterfall, above the tabs

            started = time.perf_counter()
            page.goto(f"{base}/search?q={urllib.parse.quote(card.upper())}")
            walk.settle("Search", "artifact_drilldown", started)
            page.get_by_role("heading", name=f"Who uses {card}").wait_for()

            walk.nav("Export", "Export", "export_default", shot=False)
            slider = page.get_by_role("slider").first
            slider.focus()
            started = time.perf_counter()
            for _ in range(4):
                slider.press("ArrowLeft")
                page.wait_for_timeout(300)
            page.get_by_text("Below the documented threshold").first.wait_for(timeout=60_000)
            walk.settle("Export", "export_confirmation", started)
            assert page.get_by_role("button", name="Download CSV").count() == 0  # not before confirming
        finally:
            browser.close()
    assert not outside, f"requests that left 127.0.0.1: {sorted(set(outside))}"
