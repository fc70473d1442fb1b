# The two commands a newcomer needs (see README.md): `make serve` and `make test`.
# Each installs what it needs into .venv first, so they work on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build clean

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

serve: $(INSTALLED)  ## the site at http://127.0.0.1:8000/, rebuilt on every save
	$(BIN)/mkdocs serve

test: $(INSTALLED)  ## every check: strict build, links, citations, own words, reading grade
	$(BIN)/python -m pytest

build: $(INSTALLED)  ## the site in site/
	$(BIN)/mkdocs build --strict

clean:
	rm -rf site $(VENV)
