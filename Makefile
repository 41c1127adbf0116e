# sigemu — the two commands: `make demo` and `make test`. Both install what
# is missing first (toolchain/setup.sh), then build what they need.
# `make` alone only prints the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
JOBS ?= 2
export CMAKE_BUILD_PARALLEL_LEVEL := $(JOBS)
# Emscripten's JS optimizer needs acorn, which Debian keeps in /usr/share/nodejs.
export NODE_PATH ?= /usr/share/nodejs
# What `make docs*` pass to the generators: write the committed files.
# Everything else (make test, parity, bench, tables --check) writes under build/.
DOCS_HERE := SIGEMU_DOCS_ROOT=$(CURDIR)

.PHONY: help setup build build-em build-all demo test parity bench web fuzz \
        clean tables docs docs-tables docs-parity docs-bench docs-screenshot \
        consumers fresh-clone clean-toolchains python cpython-test cpython-docs

help:
	@echo "make demo        build every target, run the two examples on every backend"
	@echo "make test        the whole suite (unit, posix, wasm, Wine, parity, browser, consumers)"
	@echo "make parity      the parity matrix (report in build/parity/)"
	@echo "make bench       the benchmarks (report in build/bench/)"
	@echo "make web         serve the browser demo and the Python consoles (index.html, python.html)"
	@echo "make fuzz        the libFuzzer run"
	@echo "make consumers   install and consume sigemu from other projects (part of make test)"
	@echo "make docs        refresh every committed generated doc: docs-tables,"
	@echo "                 docs-parity, docs-bench, docs-screenshot (one at a time too)"
	@echo "make fresh-clone make demo + make test in a fresh clone (tools/fresh-clone.sh)"
	@echo "make build-all   configure and build the presets native, emscripten(-pthread), wasi, mingw"
	@echo "make python      CPython 3.11.2 for WASI and Emscripten, stock and on sigemu"
	@echo "make cpython-test test_signal.py and behaviour tests on every CPython build"
	@echo "make cpython-docs refresh the generated part of docs/cpython.md"
	@echo "make clean       remove build/"
	@echo "make clean-toolchains  remove the cached Debian 13 toolchain root"

setup:
	@toolchain/setup.sh

# configure+build one preset: $(call preset,NAME)
define preset
	@mkdir -p build
	@if [ ! -f build/$(1)/build.ninja ]; then cmake --preset $(1) >build/$(1).configure.log 2>&1 || { cat build/$(1).configure.log; exit 1; }; fi
	@cmake --build --preset $(1) >build/$(1).build.log 2>&1 || { cat build/$(1).build.log; exit 1; }
	@echo "built: $(1)"
endef

build: setup
	$(call preset,native)

build-em: setup
	$(call preset,emscripten)

# Every target the machine can build (the presets of the README), and the
# wasm presets again with Debian 13's toolchain (build/PRESET-d13; the root
# is made once by toolchain/debian13.sh; SIGEMU_D13=0 leaves them out).
SIGEMU_D13 ?= 1
export SIGEMU_D13
build-all: build build-em
	$(call preset,emscripten-pthread)
	$(call preset,wasi)
	$(call preset,mingw)
	@if [ "$(SIGEMU_D13)" != 0 ]; then for p in emscripten emscripten-pthread wasi; do \
	  toolchain/debian13.sh preset $$p && echo "built: $$p-d13 (Debian 13)" || exit 1; done; fi

demo: build-all
	@tests/run-suite.sh demo

test: build-all
	@tests/run-suite.sh test

parity: build-all
	@tests/run-suite.sh parity

bench: build-all
	@tests/run-suite.sh bench

web: build-em
	@tests/run-suite.sh web

fuzz: setup
	@tests/run-suite.sh fuzz

consumers: build-all
	@tests/run-suite.sh consumers

fresh-clone:
	@tools/fresh-clone.sh

# ---- committed generated docs: only these targets write them --------------
docs: docs-tables docs-parity docs-bench docs-screenshot

# The availability table (docs/availability.md, README).
docs-tables: build-all
	@$(DOCS_HERE) tests/run-suite.sh tables
tables: docs-tables

# The parity summary (docs/parity-summary.md, README).
docs-parity: build-all
	@$(DOCS_HERE) tests/run-suite.sh parity

# docs/bench.md, bench/results.json, docs/img/bench-*.svg, README.
docs-bench: build-all
	@$(DOCS_HERE) tests/run-suite.sh bench

# docs/img/web-demo.png and docs/img/python-console.png, and the stamps
# `make test` checks them against.
docs-screenshot: build-em
	@SIGEMU_UPDATE_SCREENSHOT=1 web-demo/run.sh test
	@tests/docs/run.sh stamp

# CPython 3.11.2 for WASI and Emscripten, stock and on sigemu's POSIX layer
# (python/build.sh; products cached under $${SIGEMU_CACHE:-~/.cache/sigemu}).
PY_FLAVOURS ?= stock sigemu sigemu-pure
python: build-all
	@python/build.sh all $(PY_FLAVOURS)

# test_signal.py and the behaviour tests on every build, stock ones too
# (`make test` runs the lean set: tests/cpython/run.sh test);
# cpython-docs also rewrites the generated part of docs/cpython.md.
cpython-test: build-all
	@tests/cpython/run.sh full

cpython-docs: build-all
	@tests/cpython/run.sh docs

clean:
	rm -rf build

# The cached toolchains outside the clone (Debian 13 root, wasmtime venv).
clean-toolchains:
	toolchain/debian13.sh clean
	rm -rf "$${SIGEMU_CACHE:-$$HOME/.cache/sigemu}"/wasmtime-py-*
