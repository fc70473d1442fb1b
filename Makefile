# The two commands a newcomer needs (see README.md): `make serve` and `make test`.
# Each installs what it needs first, so they work on a fresh Debian machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PYTEST_ARGS ?=
# Debian packages the tests drive: the browser, the web server, the load generator, fc-list,
# which tells whether the fonts below are there, and Java and npm for the W3C HTML checker
# (vnu.jar, from npm: scripts/html_check.py).
SYSTEM_COMMANDS := chromium:chromium nginx:nginx-light wrk:wrk fc-list:fontconfig java:default-jre-headless npm:npm
# The fonts Chromium needs to print the handouts and draw the link preview cards (and show the
# pages) in each language's script are the `font.package` entries of data/languages.yml
# (python -m scripts.languages packages): DejaVu's Arabic alone does not count.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build system-packages clean

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

system-packages: $(INSTALLED)  ## install the Debian packages the tests and handouts need, if any is missing
	@missing=""; for pair in $(SYSTEM_COMMANDS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || [ -x /usr/sbin/$${pair%%:*} ] || missing="$$missing $${pair#*:}"; \
	done; \
	for package in $$($(BIN)/python -m scripts.languages packages); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi

serve: $(INSTALLED)  ## the site at http://127.0.0.1:8000/, rebuilt on every save
	$(BIN)/mkdocs serve

test: $(INSTALLED) system-packages  ## every check (the command CI runs)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

build: $(INSTALLED) system-packages  ## the site in site/, with a PDF handout and a link preview image of every page
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m scripts.handouts site
	$(BIN)/python -m scripts.previews site

clean:
	rm -rf site $(VENV)
