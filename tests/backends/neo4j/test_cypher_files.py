"""Every Cypher statement: loads by name, ships with the package, takes parameters, lints clean.

The lint tests run Neo4j's own Cypher parser (``@neo4j-cypher/language-support``, see
tools/cypher-lint) with Node.js; CI installs it, elsewhere they skip with the reason.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from linkgraph.backends.neo4j import cypher

ROOT = Path(__file__).resolve().parents[3]
QUERIES = ROOT / "linkgraph" / "backends" / "neo4j" / "queries"
LINT = ROOT / "tools" / "cypher-lint" / "lint.mjs"
LINT_PACKAGE = ROOT / "tools" / "cypher-lint" / "node_modules" / "@neo4j-cypher" / "language-support"

# Statements that take no values at all: schema DDL and read-only diagnostics.
NO_PARAMETERS = {
    "create_account_id_constraint",
    "create_payment_method_id_constraint",
    "create_proxy_ip_constraint",
    "create_prompt_fingerprint_constraint",
    "create_template_family_id_constraint",
    "create_rewrite_group_id_constraint",
    "create_lockstep_window_id_constraint",
    "create_load_checkpoint_id_constraint",
    "count_graph",
    "show_components",
    "show_labels",
}
# Python modules of the Neo4j path: they bind parameters and must hold no Cypher themselves.
PYTHON_SOURCES = [
    ROOT / "linkgraph" / "cli" / "neo4j_cmds.py",
    ROOT / "bench" / "bench_neo4j.py",
    *sorted((ROOT / "linkgraph" / "backends" / "neo4j").glob("*.py")),
]
CYPHER_IN_PYTHON = re.compile(r"\b(MATCH|MERGE|UNWIND|DETACH DELETE|CREATE CONSTRAINT)\b|\b(CALL|RETURN)\s+gds\.")


def _strip(text: str) -> str:
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", " ", text, flags=re.S)


def test_every_statement_loads_by_name() -> None:
    names = cypher.names()
    assert len(names) >= 20
    files = sorted(p.stem for p in QUERIES.glob("*.cypher"))
    assert list(names) == files
    for name in names:
        assert re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", name), f"{name}: use verb_noun"
        text = cypher.load(name)
        assert text and not text.endswith(";")
        assert cypher.load(name) is text  # cached


def test_unknown_or_malformed_names_are_refused() -> None:
    with pytest.raises(cypher.UnknownQuery, match="no Cypher statement named 'merge_nothing'"):
        cypher.load("merge_nothing")
    with pytest.raises(ValueError, match="invalid query name"):
        cypher.load("../pyproject")


def test_one_statement_per_file() -> None:
    for name in cypher.names():
        assert ";" not in _strip(cypher.load(name)), f"{name}: one statement per file"


def test_statements_take_parameters_not_values() -> None:
    for name in cypher.names():
        params = cypher.parameters(name)
        if name in NO_PARAMETERS:
            assert not params, f"{name} is listed as parameter-free"
        else:
            assert params, f"{name} takes no $parameters: values must never be written into query text"
    assert cypher.parameters("merge_paid_with") == {"rows"}
    assert cypher.parameters("project_evidence_graph") == {"graph_name", "run", "min_degree"}
    assert cypher.parameters("set_load_checkpoint") == {
        "checkpoint_id",
        "step",
        "batches_done",
        "batch_size",
        "total_rows",
    }


def test_no_string_formatting_placeholders() -> None:
    placeholder = re.compile(r"\{\}|\{\d+\}|%[sdr(]|\$\{|\{[A-Za-z_]+\}")
    for name in cypher.names():
        assert not placeholder.search(_strip(cypher.load(name))), f"{name} looks like a format template"


def test_python_code_holds_no_cypher() -> None:
    offenders = []
    for path in PYTHON_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            if is_text and CYPHER_IN_PYTHON.search(node.value):
                offenders.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
            if isinstance(node, ast.JoinedStr) and any(
                isinstance(v, ast.Constant) and CYPHER_IN_PYTHON.search(str(v.value)) for v in node.values
            ):
                offenders.append(f"{path.name}:{node.lineno}: f-string with Cypher")
    assert not offenders, "Cypher belongs in queries/*.cypher:\n" + "\n".join(offenders)


def test_statements_ship_with_the_package() -> None:
    packaged = resources.files("linkgraph.backends.neo4j").joinpath("queries")
    assert packaged.is_dir()
    assert not (ROOT / "linkgraph" / "backends" / "neo4j" / "queries").is_symlink(), "one real folder, no link"
    assert sorted(e.name for e in packaged.iterdir() if e.name.endswith(".cypher")) == sorted(
        p.name for p in QUERIES.glob("*.cypher")
    )
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "backends/neo4j/queries/*.cypher" in config["tool"]["setuptools"]["package-data"]["linkgraph"]


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the Cypher linter needs Node.js (CI has it)")
    if not LINT_PACKAGE.is_dir():
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail("CI must lint the Cypher: tools/cypher-lint/node_modules is missing", pytrace=False)
        pytest.skip("tools/cypher-lint/node_modules is missing: run (cd tools/cypher-lint && npm ci)")
    return node


MISTAKES = {  # file name -> (query, what the linter must say)
    "syntax": ("MERGE (a:Account {account_id: $id} SET a.x = 1", "Invalid input 'SET'"),
    "procedure": ("CALL gds.leiden.wrte($g, {}) YIELD communityCount RETURN communityCount", "gds.leiden.wrte"),
    "yield": ("CALL gds.wcc.write($g, {}) YIELD nodeCount RETURN nodeCount", "Unknown procedure output"),
    "label": ("MATCH (a:Acount) RETURN a.account_id", "Label Acount"),
    "relationship": ("MATCH (a:Account)-[:PAID_WTH]->(m) RETURN m", "PAID_WTH"),
    "function": ("RETURN gds.graph.projekt($g, 1)", "gds.graph.projekt"),
    "two_statements": ("MATCH (a:Account) RETURN a; MATCH (b:Account) RETURN b", "exactly one statement"),
}


def client_queries() -> list[str]:
    """Every distinct query the real GDS client sends for wcc, leiden, louvain and the estimate (recorded)."""
    from graphdatascience import GraphDataScience
    from neo4j_fakes import RecordingQueryRunner

    from linkgraph.backends.neo4j.gds import detect_communities, projection_estimate
    from linkgraph.communities.params import PartitionParams

    runner = RecordingQueryRunner()
    gds = GraphDataScience(runner, arrow=False, show_progress=False)
    for method in ("wcc", "leiden", "louvain"):
        detect_communities(gds, "run", PartitionParams(method=method))
    projection_estimate(gds)
    return sorted({q for q, _ in runner.queries if q.startswith(("CALL gds.", "RETURN gds."))})


@pytest.fixture(scope="module")
def lint_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[str], list[str]]:
    """One linter run (Node start-up dominates): cypher/, the GDS client's queries, deliberate mistakes.

    Tests lint under CYPHER 5, the language of the Neo4j 5 servers linkgraph targets;
    ``make cypher-lint`` checks CYPHER 25 as well.
    """
    node = _node()
    mistakes = tmp_path_factory.mktemp("mistakes")
    for name, (text, _) in MISTAKES.items():
        (mistakes / f"mistake_{name}.cypher").write_text(text, encoding="utf-8")
    sent = client_queries()
    recorded = mistakes.parent / "client_queries.json"
    recorded.write_text(json.dumps(sent), encoding="utf-8")
    command = [node, str(LINT), "--cypher=5", f"--queries={recorded}", str(QUERIES), str(mistakes)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert "cypher-lint:" in result.stdout, result.stderr
    return result.returncode, result.stdout.splitlines(), sent


def test_every_statement_passes_neo4j_cypher_linter(lint_run: tuple[int, list[str], list[str]]) -> None:
    _, lines, sent = lint_run
    problems = [line for line in lines if line.startswith("cypher/")]
    assert not problems, "\n".join(problems)
    total = len(cypher.names()) + len(MISTAKES) + len(sent)
    assert lines[-1] == f"cypher-lint: {total} queries, {len(MISTAKES)} with problems"


def test_every_query_the_gds_client_sends_passes_the_linter(lint_run: tuple[int, list[str], list[str]]) -> None:
    _, lines, sent = lint_run
    assert len(sent) == 5  # graph.drop, wcc/leiden/louvain write, graph.project.estimate
    assert {q.split("(")[0] for q in sent} == {
        "CALL gds.graph.drop",
        "CALL gds.wcc.write",
        "CALL gds.leiden.write",
        "CALL gds.louvain.write",
        "CALL gds.graph.project.estimate",
    }
    problems = [line for line in lines if "client_queries.json" in line]
    assert not problems, "\n".join(problems)


def test_the_linter_catches_mistakes(lint_run: tuple[int, list[str], list[str]]) -> None:
    code, lines, _ = lint_run
    assert code == 1
    for name, (_, expected) in MISTAKES.items():
        assert any(f"mistake_{name}.cypher:" in line and expected in line for line in lines), (name, lines)
