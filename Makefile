# The two commands a newcomer needs: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
PYTEST_ARGS ?=

.PHONY: demo test lint typecheck pytest translations messages screenshots clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not create a virtual environment. On Debian: sudo apt-get install python3-venv"; \
	  exit 1; }
	$(BIN)/python -m pip install -q --upgrade "pip>=24"

$(RUNTIME): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

translations: $(RUNTIME)
	$(BIN)/verbindt compile_translations

demo: $(RUNTIME) translations
	$(BIN)/verbindt demo

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV)
	SECRET_KEY=$${SECRET_KEY:-typecheck-only} $(BIN)/mypy $(wildcard src/verbindt/*/services.py src/verbindt/*/imports.py src/verbindt/*/rules.py src/verbindt/engines)

pytest: $(DEV) translations
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

# Refresh docs/screenshots/ from the browser tests.
screenshots: $(DEV) translations
	SCREENSHOTS=1 $(BIN)/pytest tests/e2e

# Authoring only (needs GNU gettext): refresh the .po files from the source.
messages: $(RUNTIME)
	cd src/verbindt && ../../$(BIN)/django-admin makemessages -l nl -l en --no-location --settings=verbindt.config.settings

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
