# sigemu — the two commands: `make demo` and `make test`.
# Both install what is missing first (toolchain/setup.sh). Other targets:
# make bench | web | parity | fuzz | build-all | clean | python | cpython-test | cpython-docs
SHELL := /bin/bash
.DEFAULT_GOAL := test
JOBS ?= 2
export CMAKE_BUILD_PARALLEL_LEVEL := $(JOBS)
# Emscripten's JS optimizer needs acorn, which Debian keeps in /usr/share/nodejs.
export NODE_PATH ?= /usr/share/nodejs

.PHONY: setup build build-all demo test parity bench web fuzz clean tables python cpython-test cpython-docs

setup:
	@toolchain/setup.sh

# configure+build one preset: $(call preset,NAME)
define preset
	@if [ ! -f build/$(1)/build.ninja ]; then cmake --preset $(1) >build/$(1).configure.log 2>&1 || { cat build/$(1).configure.log; exit 1; }; fi
	@cmake --build --preset $(1) >build/$(1).build.log 2>&1 || { cat build/$(1).build.log; exit 1; }
	@echo "built: $(1)"
endef

build: setup
	@mkdir -p build
	$(call preset,native)

# Every target the machine can build (the presets of the README).
build-all: build
	$(call preset,emscripten)
	$(call preset,wasi)
	$(call preset,mingw)

demo: build-all
	@tests/run-suite.sh demo

test: build-all
	@tests/run-suite.sh test

parity: build-all
	@tests/run-suite.sh parity

bench: build-all
	@tests/run-suite.sh bench

web: build-all
	@tests/run-suite.sh web

fuzz: setup
	@tests/run-suite.sh fuzz

# Regenerate the generated docs (availability table, bad-input table).
tables: build
	@tests/run-suite.sh tables

# CPython 3.11.2 for WASI and Emscripten, stock and on sigemu's POSIX layer
# (python/build.sh; products cached under $${SIGEMU_CACHE:-~/.cache/sigemu}).
PY_FLAVOURS ?= stock sigemu sigemu-pure
python: build-all
	@python/build.sh all $(PY_FLAVOURS)

# test_signal.py and the behaviour tests on every build (docs/cpython.md);
# cpython-docs also rewrites the generated part of docs/cpython.md.
cpython-test: build-all
	@tests/cpython/run.sh test

cpython-docs: build-all
	@tests/cpython/run.sh docs

clean:
	rm -rf build
