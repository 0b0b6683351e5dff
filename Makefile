# tally: the two commands a new machine needs.
#   make demo   install into .venv and run tally on the bundled examples
#   make test   install into .venv (with test extras) and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: install demo test test-shuffled test-busy bench clean pg browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

DEMO_DB = sqlite:///tally-demo.db

demo: install
	$(BIN)/tally extract examples/2019_ogossagou_massacre.txt --format table
	$(BIN)/tally ingest examples/*.txt examples/*.wiki examples/*.xml.bz2 --db $(DEMO_DB)
	$(BIN)/tally ingest examples/reports.csv --text-column text --id-column id --db $(DEMO_DB)
	$(BIN)/tally ingest examples/linked_reports.csv --text-column text --id-column id --date-column date --db $(DEMO_DB)
	$(BIN)/tally list --db $(DEMO_DB)
	@echo "Serving the web UI (incident list, map, timeline, incident pages); Ctrl-C stops."
	$(BIN)/tally serve --db $(DEMO_DB)

test: install pg browser
	$(BIN)/python -m pytest -q

# The suite in a random order (pytest-randomly): no test may depend on another's state.
# It prints the seed; `make test-shuffled SEED=N` runs that order again.
test-shuffled: install pg browser
	@seed=$${SEED:-$$(date +%s)}; echo "test order: random, seed $$seed"; \
	  $(BIN)/python -m pytest -q -p randomly --randomly-seed=$$seed

# The suite while two processes keep both cores busy: no test may depend on the machine's speed.
test-busy: install pg browser
	@bash -c 'pids=""; for i in 1 2; do $(BIN)/python -c "while True: pass" & pids="$$pids $$!"; done; \
	  trap "kill $$pids" EXIT; $(BIN)/python -m pytest -q'

# The store tests start a throw-away PostgreSQL cluster: install Debian's server when absent
# (sudo only when not root); without it those tests are skipped.
pg:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; \
	} || echo "warning: could not install PostgreSQL; the PostgreSQL store tests will be skipped"

# The browser tests drive Debian's Chromium with Playwright (never a downloaded browser):
# install the chromium package when /usr/bin/chromium is absent; without it they are skipped.
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	} || echo "warning: could not install chromium; the browser tests will be skipped"

bench: install
	$(BIN)/python bench/bench_counts.py
	$(BIN)/python bench/bench_geo.py
	$(BIN)/python bench/bench_store.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info test-artifacts
