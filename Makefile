# Casework: `make run` for the demo, `make test` for everything. Both set up what they need first,
# and each step is skipped when its inputs have not changed, so the second run is fast.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON_VERSION := 3.13.0
PEER_CIN := var/venv-cin
PEER_PYTHON_VERSION := 3.11.7
CASEWORK := $(BIN)/casework
DEMO_CHILDREN ?= 2600
HOST ?= 127.0.0.1
PORT ?= 8000
export CASEWORK_DEMO_PASSWORD ?= casework-demo-2026

.PHONY: run test setup lint typecheck test-sqlite test-postgres test-browser lock bench clean

run: setup var/.demo var/.static
	@echo ""
	@echo "Casework is starting at http://$(HOST):$(PORT)/"
	@echo "Demo logins (password: $$CASEWORK_DEMO_PASSWORD):"
	@echo "  fran.frontdoor  front door     sam.worker     social worker, Team A"
	@echo "  tess.colleague  Team A         ola.otherteam  social worker, Team B"
	@echo "  tara.manager    manager, A     ian.chair      conference chair"
	@echo "  pat.analyst     analyst        hana.head      head of service"
	@echo "  adam.admin      administrator"
	@echo ""
	@# The background worker (the census on the returns page) runs beside the web server and
	@# stops with it.
	DEBUG=true $(BIN)/casework db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	DEBUG=true $(BIN)/gunicorn casework.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 \
		--access-logfile - --graceful-timeout 5

setup: $(VENV)/.installed build/.assets var/.migrated $(PEER_CIN)/.installed

# Debian packages: PostgreSQL 15 for the test suite, Chromium for the browser tests, and Pango,
# HarfBuzz and a font with Arial's metrics for WeasyPrint's PDFs.
WEASYPRINT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-liberation
var/.system: Makefile
	@mkdir -p var
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	for deb in $(WEASYPRINT_DEBS); do \
		dpkg-query -W -f='$${Status}' $$deb 2>/dev/null | grep -q "ok installed" \
			|| missing="$$missing $$deb"; \
	done; \
	test -x /usr/lib/postgresql/15/bin/postgres || missing="$$missing postgresql-15"; \
	command -v pg_virtualenv >/dev/null || missing="$$missing postgresql-common"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@touch $@

$(VENV)/.installed: requirements.lock pyproject.toml | var/.system
	@test -x $(BIN)/python || PYENV_VERSION=$(PYTHON_VERSION) python -m venv $(VENV) \
		|| python3.13 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# The DfE-rule CIN validator, our census's conformance and speed peer, in a Python 3.11 venv of
# its own: it pins pandas 1.5 and installs a top-level module its 903 sibling installs too
# (domain/dfe-validators.md). The tests that compare our rules with it run only when it is here.
$(PEER_CIN)/.installed: requirements-peer-cin.lock
	@mkdir -p var
	@test -x $(PEER_CIN)/bin/python || PYENV_VERSION=$(PEER_PYTHON_VERSION) python -m venv $(PEER_CIN) \
		|| python3.11 -m venv $(PEER_CIN)
	@$(PEER_CIN)/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
		|| { echo "$(PEER_CIN) is not Python 3.11; remove it and install 3.11"; exit 1; }
	$(PEER_CIN)/bin/pip install --quiet --disable-pip-version-check -r requirements-peer-cin.lock
	@touch $@

node_modules/.installed: package.json package-lock.json | var/.system
	npm ci --no-fund --no-audit --loglevel=error
	@touch $@

build/.assets: node_modules/.installed scripts/build-assets.mjs $(shell find assets -type f)
	node scripts/build-assets.mjs
	@touch $@

var/.migrated: $(VENV)/.installed $(shell find casework -path '*/migrations/*.py')
	@mkdir -p var
	$(CASEWORK) migrate --noinput -v 0
	$(CASEWORK) holidays
	@touch $@

var/.static: build/.assets $(VENV)/.installed
	$(CASEWORK) collectstatic --noinput -v 0
	@touch $@

var/.demo: var/.migrated
	DEBUG=true $(CASEWORK) seed --if-empty --children $(DEMO_CHILDREN)
	@touch $@

test: setup lint typecheck test-sqlite test-postgres
	@echo "All checks passed."

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy casework bench

# The suite on an in-memory SQLite database, then the browser journeys (one process: they share
# one Chromium and a live server).
test-sqlite: $(VENV)/.installed build/.assets
	$(BIN)/pytest -q -n 2 -m "not browser"
	$(BIN)/pytest -q -m browser

# The same suite on a throwaway PostgreSQL 15 cluster (the browser journeys exercise pages, not
# the database, and run once above; so do the comparisons with the DfE-rule validator).
test-postgres: $(VENV)/.installed build/.assets
	scripts/with-postgres $(BIN)/pytest -q -n 2 -m "not browser and not peer"

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev -o requirements.lock --python-version 3.13 --no-header

bench: setup
	$(BIN)/python bench/pages.py --children 2000

clean:
	rm -rf $(VENV) node_modules build var
