# Jadebridge: `make run` to try it, `make test` to test it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CRM := $(BIN)/crm
INSTALLED := $(VENV)/.installed
POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres install migrate seed clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

# A development secret only for this local server; production sets its own.
run: export SECRET_KEY ?= jadebridge-development-only
run: install
	$(CRM) db upgrade
	$(CRM) seed-demo --if-empty
	$(CRM) run --host 127.0.0.1 --port 5000

test: install
	$(BIN)/pytest -q

test-postgres: install
	TEST_DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -q

clean:
	rm -rf $(VENV) instance/*.sqlite*
