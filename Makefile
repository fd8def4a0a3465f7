# The README's commands. `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
DEMO_DATA ?= data/sample
DEMO_RUNS ?= runs/demo
PORT ?= 8501
HOST ?= 127.0.0.1

NEO4J_JAR := tools/neo4j-server/target/linkgraph-neo4j-server.jar
NEO4J_BOLT_PORT ?= 7687
NEO4J_JAVA_OPTS ?= -Xms512m -Xmx2g

.PHONY: demo app test test-spark venv lint format typecheck cypher-lint bench bench-neo4j clean neo4j neo4j-jar

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[all]'
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(BIN)/linkgraph validate $(DEMO_DATA)
	$(BIN)/linkgraph detect $(DEMO_DATA) --runs $(DEMO_RUNS)
	$(BIN)/linkgraph show --runs $(DEMO_RUNS) --top 8
	$(BIN)/linkgraph evaluate --runs $(DEMO_RUNS) --truth $(DEMO_DATA)/truth.csv
	$(BIN)/linkgraph export --runs $(DEMO_RUNS) -o $(DEMO_RUNS)/enforcement.csv
	@echo "Starting the investigator app on $(DEMO_RUNS); Ctrl-C stops it."
	$(BIN)/linkgraph app --runs $(DEMO_RUNS) --port $(PORT) --host $(HOST)

# The investigator app on the demo runs (http://localhost:$(PORT)); other hosts need authentication.
app: venv
	$(BIN)/linkgraph app --runs $(DEMO_RUNS) --port $(PORT) --host $(HOST)

# The live Neo4j tests start the jar once per run (tests/conftest.py); without it they skip (CI: fail).
test: venv
	$(BIN)/pytest -q

# Only the Spark engine's tests (local mode; the 100k-world parity alone: pytest -m spark_world).
test-spark: venv
	$(BIN)/pytest -q -m spark tests/spark

# Real Neo4j 5.26 + open GDS in one jar (tools/neo4j-server/README.md); rebuilt when its sources change.
$(NEO4J_JAR): tools/neo4j-server/pom.xml $(shell find tools/neo4j-server/src -type f 2>/dev/null)
	mvn -q -B -f tools/neo4j-server/pom.xml package -DskipTests
	@test -f $@

neo4j-jar: $(NEO4J_JAR)

# Neo4j + GDS for linkgraph in the foreground (Ctrl-C stops it, data in a temporary directory):
#   NEO4J_PASSWORD=choose-8+-chars make neo4j      then, in another shell:
#   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... linkgraph detect DATA --backend neo4j
# NEO4J_BOLT_PORT (default 7687), NEO4J_DATA_DIR (keep the database), NEO4J_IMPORT_DIR (LOAD CSV files).
neo4j: $(NEO4J_JAR)
	@test -n "$$NEO4J_PASSWORD" || { echo "make neo4j: set NEO4J_PASSWORD (8 or more characters) first" >&2; exit 2; }
	@echo "Starting Neo4j + GDS on bolt://127.0.0.1:$(NEO4J_BOLT_PORT); when it prints NEO4J_BOLT_URI, use:" >&2
	@echo "  export NEO4J_URI=bolt://127.0.0.1:$(NEO4J_BOLT_PORT) NEO4J_USER=neo4j NEO4J_PASSWORD=<yours>" >&2
	NEO4J_BOLT_PORT=$(NEO4J_BOLT_PORT) exec java $(NEO4J_JAVA_OPTS) -jar $(NEO4J_JAR)

lint: venv
	$(BIN)/ruff check linkgraph app tests bench
	$(BIN)/ruff format --check linkgraph app tests bench

format: venv
	$(BIN)/ruff format linkgraph app tests bench
	$(BIN)/ruff check --fix linkgraph app tests bench

typecheck: venv
	$(BIN)/mypy linkgraph

cypher-lint:
	test -d tools/cypher-lint/node_modules || (cd tools/cypher-lint && npm ci --no-audit --no-fund)
	node tools/cypher-lint/lint.mjs

bench: venv
	$(PY) bench/bench_detect.py

# Neo4j load throughput, detect --backend neo4j vs embedded, where the time goes (starts the jar).
bench-neo4j: venv $(NEO4J_JAR)
	$(PY) bench/bench_neo4j.py

clean:
	rm -rf $(VENV) runs .pytest_cache .mypy_cache .ruff_cache
