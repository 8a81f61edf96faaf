# Two commands on a fresh machine: `make serve` and `make test`. Both set everything up
# (virtualenv, dependencies, database migrations, knowledge index) and are fast when
# nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
CHROMIUM := /usr/bin/chromium

.PHONY: setup serve test test-fast bench lint fmt clean browser

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)
	$(BIN)/mlsd db upgrade
	$(BIN)/mlsd kb index

serve: setup
	$(BIN)/mlsd serve

# Browser tests use Debian's chromium; installed here when missing (no browser downloads).
browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: setup browser
	$(BIN)/ruff check app tests bench migrations
	$(BIN)/pytest -q -n 2 --dist loadfile

test-fast: $(STAMP)
	$(BIN)/pytest -q -x -m "not browser and not slow"

bench: setup
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check app tests bench migrations

fmt: $(STAMP)
	$(BIN)/ruff format app tests bench
	$(BIN)/ruff check --fix app tests bench

clean:
	rm -rf $(VENV) data .pytest_cache test-artifacts
