"""Start the real in-process Neo4j 5.26 + open GDS jar (``tools/neo4j-server``) for live tests.

Not a test module: ``running_server`` starts ``java -jar JAR`` in its own process group with a
temporary data directory, waits for its ``NEO4J_BOLT_URI=`` line and for Bolt to accept the
password, yields a ``LiveServer`` and stops the JVM (SIGTERM, then SIGKILL) on exit. The JVM is
also told to exit when its standard input closes, so a killed test run leaves no server behind.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import ServiceUnavailable

REPO = Path(__file__).resolve().parent.parent
JAR = REPO / "tools" / "neo4j-server" / "target" / "linkgraph-neo4j-server.jar"
BUILD_COMMAND = "mvn -q -B -f tools/neo4j-server/pom.xml package -DskipTests"
READY_PREFIX = "NEO4J_BOLT_URI="
USER = "neo4j"
MIN_JAVA = 17
# Modest heap (the page cache is fixed at 128 MiB inside the server). C1-only JIT halves start-up on
# 2 cores (about 20 s -> 10 s measured) at the cost of peak speed, which small test graphs never need.
JAVA_OPTIONS = ("-Xms256m", "-Xmx2g", "-XX:TieredStopAtLevel=1")
STOP_TIMEOUT_S = 30.0
_KEPT_LINES = 200


@dataclass(frozen=True)
class LiveServer:
    """Where the running server listens and how to log in."""

    uri: str
    user: str
    password: str = field(repr=False)


def find_java(java: str | None = None) -> str | None:
    """The java executable to use: ``java`` if given, else $JAVA_HOME/bin/java, else java on PATH."""
    if java:
        return java
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def java_major_version(java: str) -> int | None:
    """The major version ``java -version`` reports (17, 21, 25), or None if it cannot run."""
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)', done.stderr + done.stdout)
    return int(match.group(1)) if match else None


def java_available(java: str | None = None) -> bool:
    """True if a Java >= 17 runtime is there to run the jar."""
    exe = find_java(java)
    if exe is None:
        return False
    major = java_major_version(exe)
    return major is not None and major >= MIN_JAVA


def jar_available() -> bool:
    """True if the server jar has been built."""
    return JAR.is_file()


class _Output:
    """Collects a child's output lines on background threads; remembers the Bolt URI line."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: deque[str] = deque(maxlen=_KEPT_LINES)
        self.uri: str | None = None
        self.ready = threading.Event()
        self._lock = threading.Lock()
        assert proc.stdout is not None and proc.stderr is not None
        self._threads = [
            threading.Thread(target=self._pump, args=(proc.stdout, True), daemon=True),
            threading.Thread(target=self._pump, args=(proc.stderr, False), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _pump(self, stream: object, is_stdout: bool) -> None:
        for raw in stream:  # type: ignore[attr-defined]
            line = raw.rstrip("\n")
            with self._lock:
                self.lines.append(line)
                if is_stdout and self.uri is None and line.startswith(READY_PREFIX):
                    self.uri = line[len(READY_PREFIX) :].strip()
                    self.ready.set()

    def text(self) -> str:
        """The last lines seen, stdout and stderr interleaved."""
        with self._lock:
            return "\n".join(self.lines)

    def join(self, timeout_s: float) -> None:
        """Wait (briefly) for the pipes to drain after the process ended."""
        for thread in self._threads:
            thread.join(timeout_s)


def _stop(proc: subprocess.Popen[str]) -> None:
    """SIGTERM the server's process group, wait, then SIGKILL if it does not go."""
    if proc.stdin is not None:
        with suppress(OSError):  # the pipe may already be broken
            proc.stdin.close()
    if proc.poll() is None:
        with suppress(ProcessLookupError):  # it exited meanwhile
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
            return
        except subprocess.TimeoutExpired:
            pass
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=STOP_TIMEOUT_S)


def _wait_for_bolt(uri: str, password: str, proc: subprocess.Popen[str], deadline: float) -> None:
    """Wait until a driver logs in; an authentication error is raised at once."""
    last: Exception | None = None
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with GraphDatabase.driver(uri, auth=(USER, password), connection_timeout=5) as driver:
                driver.verify_connectivity()
            return
        except (ServiceUnavailable, OSError) as exc:
            last = exc
            time.sleep(0.25)
    raise RuntimeError(f"Bolt at {uri} did not accept connections in time: {last!r}")


def admin_import(args: list[str], data_dir: Path, java: str | None = None, timeout_s: float = 600) -> str:
    """Run ``neo4j-admin ARGS`` (e.g. ``database import full ...``) from the server jar into ``data_dir``.

    The jar carries Neo4j's own admin tool (``org.neo4j.cli.AdminTool``); it reads
    ``server.directories.data`` from a neo4j.conf written for this call. Returns its output.
    """
    exe = find_java(java)
    if exe is None or not jar_available():
        raise RuntimeError(f"need java and {JAR} ({BUILD_COMMAND})")
    home = data_dir.parent / f"{data_dir.name}-home"
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(f"server.directories.data={data_dir}\n", encoding="utf-8")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    command = [exe, "-Xmx1g", "-cp", str(JAR), "org.neo4j.cli.AdminTool", *args]
    # cwd: the importer writes import.report into its working directory
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout_s, check=False, cwd=home)
    if done.returncode != 0:
        raise RuntimeError(
            f"neo4j-admin {' '.join(args[:3])} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
    return done.stdout


@contextmanager
def running_server(
    password: str,
    port: int = 0,
    java: str | None = None,
    timeout_s: float = 120,
    data_dir: Path | None = None,
    java_options: tuple[str, ...] = JAVA_OPTIONS,
    env: dict[str, str] | None = None,
) -> Iterator[LiveServer]:
    """Run the server jar; yield where it listens; stop it on exit.

    ``data_dir`` None: a fresh temporary database. Given: that directory is used (and kept), e.g.
    one written by :func:`admin_import`. ``env`` adds variables (``NEO4J_IMPORT_DIR``, ``NEO4J_PAGECACHE_MIB``).
    """
    exe = find_java(java)
    if exe is None:
        raise RuntimeError("no java found (set JAVA_HOME or put java >= 17 on PATH)")
    if not jar_available():
        raise FileNotFoundError(f"{JAR} is missing; build it with: {BUILD_COMMAND}")
    child_env = dict(os.environ)
    child_env.pop("NEO4J_DATA_DIR", None)  # a fresh temporary database unless data_dir is given
    if data_dir is not None:
        child_env["NEO4J_DATA_DIR"] = str(data_dir)
    child_env.update(env or {})
    child_env["NEO4J_PASSWORD"] = password
    child_env["NEO4J_BOLT_PORT"] = str(port)
    command = [exe, *java_options, "-jar", str(JAR), "--exit-on-stdin-eof"]
    proc = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env,
        start_new_session=True,
    )
    output = _Output(proc)
    try:
        deadline = time.monotonic() + timeout_s
        while not output.ready.wait(0.2):
            if proc.poll() is not None:
                output.join(5)
                raise RuntimeError(
                    f"the Neo4j server exited with code {proc.returncode} before it was ready:\n{output.text()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Neo4j server was not ready within {timeout_s:.0f} s:\n{output.text()}")
        assert output.uri is not None
        try:
            _wait_for_bolt(output.uri, password, proc, deadline)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n{output.text()}") from exc
        yield LiveServer(uri=output.uri, user=USER, password=password)
    finally:
        _stop(proc)
        output.join(5)
