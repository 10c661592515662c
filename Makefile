# sitrep: `make run` serves the dashboard, `make test` lints and runs every test.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
DB      ?= data/sitrep.duckdb
ARTICLES ?= data/articles
PORT    ?= 8501

.PHONY: run test check lint bench screenshots load evaluate db ingest rebuild setup setup-dev browser clean

run: setup $(DB)  ## set up, build the database if missing, serve on http://127.0.0.1:$(PORT)
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: setup-dev browser lint  ## set up, lint, run every test (the browser test included)
	$(BIN)/pytest

check: setup-dev lint  ## the edit loop: lint and the fast tests (no AppTest, servers, browsers or crash tests)
	$(BIN)/pytest -q -m "not slow"

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup-dev browser  ## measure speed on synthetic corpora and under load; writes BENCHMARKS.md (BENCH_FULL=1 adds 100k articles)
	$(BIN)/python scripts/bench.py

screenshots: setup-dev browser  ## pictures of every view of the sample data for the README, in docs/screenshots/
	$(BIN)/python scripts/screenshots.py

load: setup-dev browser  ## 10 sessions at once changing a filter (protocol and Chromium); prints a table
	$(BIN)/python scripts/load.py --browsers

evaluate: setup  ## score the extractor on the real pages (when beside the project), the gold, held-out and blind sets, and the displacement excerpts abroad
	$(BIN)/python -m pipeline evaluate
	$(BIN)/python -m pipeline evaluate --gold tests/holdout
	$(BIN)/python -m pipeline evaluate --gold tests/holdout2
	$(BIN)/python -m pipeline evaluate --gold tests/blind
	$(BIN)/python -m pipeline evaluate --real tests/abroad
	$(BIN)/python -m pipeline evaluate --real tests/abroad_heldout

db: setup $(DB)  ## build the database from ARTICLES if it is missing

ingest: setup  ## add the articles under ARTICLES (default data/articles) to the database
	$(BIN)/python -m pipeline ingest $(ARTICLES) --db $(DB)

rebuild: setup  ## build the database anew from ARTICLES only
	$(BIN)/python -m pipeline ingest $(ARTICLES) --db $(DB) --rebuild

$(DB): | setup
	$(BIN)/python -m pipeline ingest $(ARTICLES) --db $(DB)

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

browser:  ## Debian chromium for the real-browser test (installed when missing; needs root)
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian chromium for the browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
