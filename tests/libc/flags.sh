# tests/libc/flags.sh — sourced by run.sh: how each target compiles a
# program of tests/libc/programs/ and how each column runs it. The one
# place where the POSIX layer's flags go in.
#
# LIBC_CFLAGS_<target> / LIBC_LDFLAGS_<target> are the layer's compile and
# link flags: one -I (libc/include/<flavour>: Emscripten's <setjmp.h>, the
# declarations wasi-libc lacks) and one
# response file, @build/<preset>/libc/sigemu_libc.rsp (every --wrap, the
# archives, the JS library), as libc/CMakeLists.txt writes it. Each can be
# overridden from the environment.
#
# LIBC_LAYER picks the C library the matrix is about:
#   auto   (default) the layer for each target whose rsp is built
#          (cmake --build --preset P --target sigemu_libc), stock otherwise
#   layer  the layer everywhere (a target without its rsp fails to build)
#   stock  the stock C libraries: the "before" column
# For wasi, stock means wasi-libc's own opt-in emulation: without
# -D_WASI_EMULATED_SIGNAL its <signal.h> stops the build with #error, so a
# porter's first step is these two flags (signal() and raise() only).
: "${LIBC_LAYER:=auto}"
layer_rsp() { echo "$root/build/$1/libc/sigemu_libc.rsp"; }
use_layer() { # preset: whether this target builds against the layer
  case "$LIBC_LAYER" in
    stock) return 1 ;;
    layer) return 0 ;;
    *) [ -f "$(layer_rsp "$1")" ] ;;
  esac
}
# The layer's headers for a flavour (Emscripten: <setjmp.h> that keeps the
# mask; WASI: everything wasi-libc lacks), when the tree has them.
layer_inc() { [ -d "$root/libc/include/$1" ] && echo "-I$root/libc/include/$1"; }
if use_layer emscripten; then
  : "${LIBC_CFLAGS_emscripten=$(layer_inc emscripten)}"
  : "${LIBC_LDFLAGS_emscripten=@$(layer_rsp emscripten)}"
else
  : "${LIBC_CFLAGS_emscripten=}"
  : "${LIBC_LDFLAGS_emscripten=}"
fi
if use_layer emscripten-pthread; then
  : "${LIBC_CFLAGS_emscripten_pthread=$(layer_inc emscripten)}"
  : "${LIBC_LDFLAGS_emscripten_pthread=@$(layer_rsp emscripten-pthread)}"
else
  : "${LIBC_CFLAGS_emscripten_pthread=}"
  : "${LIBC_LDFLAGS_emscripten_pthread=}"
fi
if use_layer wasi; then
  : "${LIBC_CFLAGS_wasi=$(layer_inc wasi)}"
  : "${LIBC_LDFLAGS_wasi=@$(layer_rsp wasi)}"
else
  : "${LIBC_CFLAGS_wasi=-D_WASI_EMULATED_SIGNAL}"
  : "${LIBC_LDFLAGS_wasi=-lwasi-emulated-signal}"
fi
# The same for Debian 13's toolchain (Emscripten 3.1.69, clang-19,
# wasi-libc 2024; toolchain/debian13.sh), built by `make build-all` into
# build/<preset>-d13: its columns run only against the layer.
: "${LIBC_CFLAGS_emscripten_d13=$(layer_inc emscripten)}"
: "${LIBC_LDFLAGS_emscripten_d13=@$(layer_rsp emscripten-d13)}"
: "${LIBC_CFLAGS_wasi_d13=$(layer_inc wasi)}"
: "${LIBC_LDFLAGS_wasi_d13=@$(layer_rsp wasi-d13)}"
# What each column was built against, for the matrix's header.
libc_kind() { # target
  local v="LIBC_LDFLAGS_${1//-/_}"
  case "${!v}" in @*sigemu_libc.rsp) echo layer ;; *) echo stock ;; esac
}

# Toolchain flags that are not the layer's business (the same for every
# program; warnings about the XSI calls being deprecated are expected).
COMMON_CFLAGS="-std=c11 -O1 -Wall -Wno-deprecated-declarations"
NODE=(node --no-experimental-fetch --no-warnings)

# Targets: a build each. Columns: a target run one way (wasi runs under
# node:wasi and, when present, wasmtime).
ALL_TARGETS=(native emscripten emscripten-pthread wasi emscripten-d13 wasi-d13)

# What each target can do at all; a program that needs something else is
# "unavailable" there (the reason comes from expected-differences.txt).
# Needs: threads (a second thread), pipe (a pipe() whose read() blocks),
# fifo (mkfifo() and an open() that blocks on it), setjmp (sigsetjmp and
# siglongjmp).
target_has() { # target need
  case "$1:$2" in
    native:*) return 0 ;;
    emscripten:setjmp|emscripten-d13:setjmp) return 0 ;;
    emscripten-pthread:threads|emscripten-pthread:setjmp) return 0 ;;
    *) return 1 ;;
  esac
}

# The WASI sysroot: two links, so that clang does not also search the
# host's /usr/include.
wasi_sysroot() {
  local d="$out/wasi-sysroot"
  if [ ! -e "$d/include/wasm32-wasi" ]; then
    mkdir -p "$d/include" "$d/lib"
    ln -sfn /usr/include/wasm32-wasi "$d/include/wasm32-wasi"
    ln -sfn /usr/lib/wasm32-wasi "$d/lib/wasm32-wasi"
  fi
  echo "$d"
}

# compile_cmd TARGET SRC OUT-BASENAME: sets ART (the artefact's path) and
# CMD (the command that builds it; run.sh also hashes it to know when a
# build is stale).
compile_cmd() {
  local target="$1" src="$2" base="$3"
  local inc="-I$here/programs"
  case "$target" in
    native)
      ART="$base"
      CMD=(gcc $COMMON_CFLAGS -pthread $inc "$src" -o "$ART") ;;
    emscripten)
      ART="$base.js"
      CMD=(emcc $COMMON_CFLAGS $LIBC_CFLAGS_emscripten $inc "$src" -o "$ART"
           -sEXIT_RUNTIME=1 $LIBC_LDFLAGS_emscripten) ;;
    emscripten-pthread)
      ART="$base.js"
      CMD=(emcc $COMMON_CFLAGS -pthread $LIBC_CFLAGS_emscripten_pthread $inc "$src" -o "$ART"
           -sEXIT_RUNTIME=1 -sPTHREAD_POOL_SIZE=4 $LIBC_LDFLAGS_emscripten_pthread) ;;
    wasi)
      ART="$base.wasm"
      # -ferror-limit=0: the matrix lists every missing name, not the first 20.
      CMD=(clang-14 --target=wasm32-wasi --sysroot="$(wasi_sysroot)" $COMMON_CFLAGS -ferror-limit=0
           -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_PROCESS_CLOCKS $LIBC_CFLAGS_wasi $inc
           "$src" -o "$ART" $LIBC_LDFLAGS_wasi -lwasi-emulated-getpid -lwasi-emulated-process-clocks) ;;
    emscripten-d13)
      ART="$base.js"
      CMD=("$root/toolchain/debian13.sh" run emcc $COMMON_CFLAGS $LIBC_CFLAGS_emscripten_d13 $inc
           "$src" -o "$ART" -sEXIT_RUNTIME=1 $LIBC_LDFLAGS_emscripten_d13) ;;
    wasi-d13)
      ART="$base.wasm"
      # clang-19 finds Debian's compiler-rt with wasm32-wasi (not -wasip1);
      # the sysroot's links resolve to the root's wasi-libc inside it.
      CMD=("$root/toolchain/debian13.sh" run clang-19 --target=wasm32-wasi --sysroot="$(wasi_sysroot)"
           $COMMON_CFLAGS -ferror-limit=0 -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_PROCESS_CLOCKS
           $LIBC_CFLAGS_wasi_d13 $inc "$src" -o "$ART" $LIBC_LDFLAGS_wasi_d13
           -lwasi-emulated-getpid -lwasi-emulated-process-clocks) ;;
    *) echo "unknown target $target" >&2; return 2 ;;
  esac
}

# Columns, each with its target and its runner. A column whose runner is
# missing is left out with a reason.
column_target() {
  case "$1" in
    wasi-node|wasi-wasmtime) echo wasi ;;
    wasi-d13-node) echo wasi-d13 ;;
    *) echo "$1" ;;
  esac
}

column_missing() { # column -> reason on stdout when it cannot run here
  case "$1" in
    native) command -v gcc >/dev/null || echo "no gcc" ;;
    emscripten|emscripten-pthread) command -v emcc >/dev/null || echo "no emcc (Debian package emscripten)" ;;
    wasi-node)
      command -v clang-14 >/dev/null || echo "no clang-14"
      [ -e /usr/lib/wasm32-wasi/libc.a ] || echo "no wasi-libc" ;;
    wasi-wasmtime)
      [ -x "$root/tools/run-wasmtime" ] || echo "no tools/run-wasmtime (the toolchain work adds it)" ;;
    emscripten-d13|wasi-d13-node)
      local t="${1%-node}"
      if [ "${SIGEMU_D13:-1}" = 0 ]; then echo "SIGEMU_D13=0"
      elif [ ! -f "$(layer_rsp "$t")" ]; then echo "no build/$t (make build-all builds it with toolchain/debian13.sh)"; fi ;;
    *) echo "unknown column" ;;
  esac
}

# run COLUMN ARTEFACT: runs it in the current directory (a scratch
# directory of the column; the programs' temporary files go there).
run_artefact() {
  case "$1" in
    native) exec setsid "$2" ;;  # its own process group: kill(0, ...) reaches only it
    emscripten|emscripten-pthread|emscripten-d13) exec "${NODE[@]}" "$root/js/bin/run-emscripten.mjs" "$2" ;;
    wasi-node|wasi-d13-node) exec "${NODE[@]}" "$root/js/bin/run-wasi.mjs" "$2" ;;
    wasi-wasmtime) exec "$root/tools/run-wasmtime" --dir . "$2" ;;  # "." preopened, as run-wasi.mjs does
  esac
}
