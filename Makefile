# Orion — everyday commands. `make run` and `make test` are all a newcomer needs.
VENV ?= .venv
PYTHON ?= python3
PORT ?= 5000
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: install translations db run worker cron test test-fast test-tools lint check clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

translations: install
	$(FLASK) translate compile

db: install
	$(FLASK) db upgrade

# Embedded default: SQLite under instance/, jobs in-process, nothing else to install.
run: translations db
	$(FLASK) seed demo
	@echo ""
	@echo "  Orion is starting on port $(PORT):"
	@echo "    storefront  http://localhost:$(PORT)/platforms/main/storefront/acme/"
	@echo "                http://acme.orion.localhost:$(PORT)/"
	@echo "    admin       http://localhost:$(PORT)/admin/   (admin@orion.test / orion-demo)"
	@echo "    store       http://localhost:$(PORT)/store/acme/   (owner@acme.test / orion-demo)"
	@echo ""
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

worker: install
	$(FLASK) rq worker --with-scheduler

# Periodic jobs of the enabled modules, in-process (with REDIS_URL: `$(FLASK) orion scheduler`).
cron: install
	$(FLASK) orion cron

test: translations
	$(BIN)/pytest

test-fast: translations
	$(BIN)/pytest -m "not browser"

# Nu HTML Checker and axe-core for the HTML and accessibility tests (they skip without them).
test-tools: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

lint: install
	$(BIN)/ruff check .

check: install
	$(FLASK) orion check

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache node_modules
