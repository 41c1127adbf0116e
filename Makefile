# sigemu — the two commands: `make demo` and `make test`.
# Both install what is missing first (toolchain/setup.sh). Other targets:
# make bench | web | parity | fuzz | build-all | clean
SHELL := /bin/bash
.DEFAULT_GOAL := test
JOBS ?= 2
export CMAKE_BUILD_PARALLEL_LEVEL := $(JOBS)
# Emscripten's JS optimizer needs acorn, which Debian keeps in /usr/share/nodejs.
export NODE_PATH ?= /usr/share/nodejs

.PHONY: setup build build-all demo test parity bench web fuzz clean tables clean-toolchains

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

# Every target the machine can build (the presets of the README), and the
# wasm presets again with Debian 13's toolchain (build/PRESET-d13; the root
# is made once by toolchain/debian13.sh; SIGEMU_D13=0 leaves them out).
SIGEMU_D13 ?= 1
export SIGEMU_D13
build-all: build
	$(call preset,emscripten)
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

web: build-all
	@tests/run-suite.sh web

fuzz: setup
	@tests/run-suite.sh fuzz

# Regenerate the generated docs (availability table, bad-input table).
tables: build
	@tests/run-suite.sh tables

clean:
	rm -rf build

# The cached toolchains outside the clone (Debian 13 root, wasmtime venv).
clean-toolchains:
	toolchain/debian13.sh clean
	rm -rf "$${SIGEMU_CACHE:-$$HOME/.cache/sigemu}"/wasmtime-py-*
