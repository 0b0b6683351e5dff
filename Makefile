# tally: the two commands a new machine needs.
#   make demo   install into .venv and run tally on the bundled examples
#   make test   install into .venv (with test extras) and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/tally extract examples/*.txt examples/*.wiki examples/*.xml examples/*.xml.bz2 --format table
	$(BIN)/tally extract examples/reports.csv --text-column text --id-column id --format table

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/bench_counts.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info test-artifacts
