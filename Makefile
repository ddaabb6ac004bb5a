# Two commands: `make run` (set up everything and serve) and `make test` (set up and pass the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK_HASH := $(shell cat requirements.lock | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(LOCK_HASH)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install db run test test-browser lint format bench clean

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

db: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py charger_referentiel referentiel/haute-vienne.yaml
	$(BIN)/python manage.py generer_demo

run: db
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Two processes: the machine has two cores. TEST_ARGS="-n 0" runs in one process.
TEST_ARGS ?= -n 2
test: install
	$(BIN)/pytest $(TEST_ARGS)

# The browser suite (journeys and the axe crawl of every page) once per operator, each read at start-up.
test-browser: install
	PACTE_OPERATEUR=collectivite $(BIN)/pytest -m browser -p no:randomly -p no:xdist
	PACTE_OPERATEUR=etat $(BIN)/pytest -m browser -p no:randomly -p no:xdist

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Measures on PostgreSQL: the large data set (seeded once, about 2 minutes), then each benchmark.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/pacte_bench
BENCH_IMPORT_DB ?= postgres://postgres@127.0.0.1:5432/pacte_bench_import
bench: install
	DATABASE_URL=$(BENCH_DB) $(BIN)/python bench/seed_large.py
	DATABASE_URL=$(BENCH_DB) $(BIN)/python bench/pages.py
	DATABASE_URL=$(BENCH_DB) $(BIN)/python bench/bilan.py
	DATABASE_URL=$(BENCH_DB) $(BIN)/python bench/indicateurs.py
	DATABASE_URL=$(BENCH_DB) $(BIN)/python bench/charge.py
	@if command -v valgrind >/dev/null; then DATABASE_URL=$(BENCH_DB) $(BIN)/python bench/instructions.py; \
	  else echo "bench/instructions.py : valgrind absent (apt-get install -y valgrind)"; fi
	@createdb -h 127.0.0.1 -U postgres pacte_bench_import 2>/dev/null || true
	DATABASE_URL=$(BENCH_IMPORT_DB) $(BIN)/python bench/import_entrants.py
	DATABASE_URL=$(BENCH_IMPORT_DB) $(BIN)/python bench/import_xml.py

clean:
	rm -rf var/pacte.sqlite3 var/staticfiles
