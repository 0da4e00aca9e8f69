# firstpoint: `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help setup demo test fuzz lint format static migrate seed bench clean serve load backup test-production

help: ## Show this list
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/build/firstpoint.css: node_modules/.installed $(wildcard assets/scss/*.scss)
	mkdir -p var/build
	npm run --silent build:css

setup: $(VENV)/.installed node_modules/.installed var/build/firstpoint.css ## Install Python and npm dependencies and build the stylesheet
	@mkdir -p var

static: setup ## Collect static files for production (into var/staticfiles)
	$(MANAGE) collectstatic --noinput --ignore ext --ignore "*.esm.js" --ignore "*.cjs.js" --ignore "*.amd.js"

migrate: setup ## Apply database migrations
	$(MANAGE) migrate --noinput

seed: migrate ## Load (or refresh) the demo council
	$(MANAGE) seed_demo

demo: export DEBUG = 1
demo: export CELERY_TASK_ALWAYS_EAGER = 1
demo: seed ## Set everything up, load the demo council and serve it at http://127.0.0.1:8000
	@echo "firstpoint is at http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

lint: setup ## Check style with ruff (lint and format)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup ## Reformat the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: setup lint ## Set up and run the whole suite, browser tests included
	./scripts/ensure-chromium
	TESTING=1 $(MANAGE) makemigrations --check --dry-run >/dev/null || { echo "A model change has no migration: run manage.py makemigrations"; exit 1; }
	$(VENV)/bin/pytest -n 2 --dist loadfile

fuzz: setup ## Every fuzz test with all its examples (make test tries a third of them)
	FIRSTPOINT_FUZZ=full $(VENV)/bin/pytest -n 2 --dist loadfile tests/fuzz tests/test_schemathesis.py

bench: setup ## Benchmark at council scale on PostgreSQL, telephony and staffing included (BENCH_ARGS=--quick for a small run)
	$(PY) bench/run.py --database-url $${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/firstpoint_bench} $(BENCH_ARGS)

serve: setup ## Run the production stack here: gunicorn, Celery worker and beat (needs SECRET_KEY, DATABASE_URL; see README)
	./scripts/serve

load: setup ## Load-test a production-style server on 127.0.0.1 with locust for LOAD_SECONDS (default 60)
	$(PY) bench/load.py --seconds $(or $(LOAD_SECONDS),60) $(LOAD_ARGS)

backup: ## Back up the PostgreSQL database named by DATABASE_URL into var/backups (see deploy/BACKUPS.md)
	./scripts/backup

test-production: setup ## The production-readiness and fault tests (FIRSTPOINT_SLOW_TESTS=1 adds the backup restore)
	$(VENV)/bin/pytest -p no:xdist tests/production

clean: ## Remove the virtualenv, node_modules and built files (keeps var/ data)
	rm -rf $(VENV) node_modules var/build var/staticfiles
