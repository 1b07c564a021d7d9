# The two commands of the README: `make demo` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-postgres system-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## demo: a fresh demo database on SQLite, served at http://127.0.0.1:5000
demo: $(STAMP)
	$(BIN)/dialogue demo

## system-deps: Chromium and poppler for the browser and PDF tests (Debian; uses sudo when not root)
system-deps:
	@missing=""; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## test: the whole suite (SQLite), browser tests included
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

## test-postgres: the whole suite again on a throw-away PostgreSQL started for it
test-postgres: $(STAMP) system-deps
	bash scripts/with-postgres.sh $(BIN)/python -m pytest -n 2 --dist loadgroup -q

## bench: every benchmark of bench/ in turn, default sizes (about 20 minutes on 2 cores; load.py needs wrk
## and PostgreSQL 15's server binaries: apt-get install wrk postgresql-15). Results: docs/PERFORMANCE.md
BENCHES := render pack documents register portfolio calls pdf_under_load load
bench: $(STAMP)
	@for b in $(BENCHES); do echo "== python bench/$$b.py"; $(BIN)/python bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) instance .pytest_cache tests/artifacts
