# The README's commands. `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
DEMO_DATA ?= data/sample
DEMO_RUNS ?= runs/demo
PORT ?= 8501
HOST ?= 127.0.0.1

.PHONY: demo app test venv lint format typecheck cypher-lint bench clean

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

test: venv
	$(BIN)/pytest -q

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

clean:
	rm -rf $(VENV) runs .pytest_cache .mypy_cache .ruff_cache
