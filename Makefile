# Jadebridge: `make run` to try it, `make test` to test it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CRM := $(BIN)/crm
INSTALLED := $(VENV)/.installed
POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test
# The benchmarks' own database (it gets the scale office, ~1 GB): never the test database.
BENCH_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/jadebridge_bench

TRANSLATIONS := crm/translations
# One compiled catalogue per language; rebuilt whenever its .po changes.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))

.PHONY: run test test-postgres screenshots install clean bench load translations-extract translations-update \
	translations-compile translations-init

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED) $(CATALOGUES)

$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po | $(INSTALLED)
	$(BIN)/pybabel -q compile -i $< -o $@

# A development secret only for this local server; production sets its own.
run: export SECRET_KEY ?= jadebridge-development-only
run: install
	$(CRM) db upgrade
	$(CRM) seed-demo --if-empty
	$(CRM) search-reindex
	$(CRM) run --host 127.0.0.1 --port 5000

test: install
	$(BIN)/pytest -q

# Browser journeys save their screenshots for the README here.
screenshots: install
	SCREENSHOT_DIR=docs/screenshots $(BIN)/pytest -q tests/e2e

test-postgres: install
	TEST_DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -q

# Page latency, SQL per page and throughput on the scale office (docs/performance.md); not part of `make test`.
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/run.py --database $(BENCH_POSTGRES_URL)

# 20 users for 2 minutes, then a killed worker and a killed server (docs/performance.md).
load: install
	$(BIN)/python bench/load.py
	$(BIN)/python bench/load.py --database $(BENCH_POSTGRES_URL)

# Catalogues: extract the marked strings, merge them into each language's .po,
# compile the .mo files (built at install time, never committed). See README "Translations".
translations-extract: $(INSTALLED)
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -o $(TRANSLATIONS)/messages.pot --project Jadebridge .

translations-update: translations-extract
	$(BIN)/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching

# A new language: make translations-init LANG_CODE=fi
translations-init: translations-extract
	$(BIN)/pybabel -q init -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $(LANG_CODE)

translations-compile:
	@if ls $(TRANSLATIONS)/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel -q compile --statistics -d $(TRANSLATIONS); fi

clean:
	rm -rf $(VENV) instance/*.sqlite*
