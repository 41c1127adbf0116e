#!/usr/bin/env bash
# tests/consumers/run.sh test — sigemu as other projects get it, on every
# target (part of `make test`; `make consumers` alone).
#
#  1. A copy of the source (the working tree's files as git sees them) is
#     configured and built for native, emscripten, wasi and mingw, plus
#     BUILD_SHARED_LIBS for native and mingw, with plain CMake (emcmake for
#     Emscripten, the toolchain files for the others; no preset), and
#     installed with `cmake --install --prefix`. The JS package is packed
#     from the copy (`npm pack`). The add_subdirectory consumer builds from
#     the copy. Then the copy and its build trees are deleted, and no
#     installed text file may name them or this repository.
#  2. Per target: tests/consumers/app built once with find_package and once
#     with pkg-config (the target's compiler, C and C++), and run: natively,
#     under Node, under node:wasi (the package's runner), under Wine. The
#     C++ objects must read the check's word themselves (the inline check).
#     The README's CMake and C snippets build against each static install;
#     a POSIX program links the installed POSIX layer (emscripten, wasi).
#  3. Shared libraries export only the API (nm -D; the DLL export table).
#  4. The npm package, installed from its tarball into a scratch project:
#     Node ESM with every subpath (Emscripten and WASI-with-imports programs
#     get a signal from a SignalController), require() of the package,
#     esbuild bundles for the browser run in Chromium, `tsc --strict` on a
#     file using each subpath, and two things that must fail (a browser
#     bundle of 'sigemu/emscripten'; runEmscripten imported from 'sigemu').
# Work dir: build/consumers (made afresh). Prints TAP-style lines and
# "consumers: N passed, N failed"; exit 1 on any failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode="${1:-test}"
[ "$mode" = test ] || { echo "usage: $0 test" >&2; exit 2; }
work="$root/build/consumers"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}" # Emscripten's Release link (acorn)
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
NODE="node --no-warnings --no-experimental-fetch"
rm -rf "$work"
mkdir -p "$work/log"
start=$(date +%s)

n=0 failed=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
not_ok() { # name logfile-or-text
  n=$((n+1)); failed=$((failed+1)); echo "not ok $n - $1"
  if [ -f "${2:-}" ]; then tail -n 15 "$2" | sed 's/^/  # /'; elif [ -n "${2:-}" ]; then echo "$2" | sed 's/^/  # /'; fi
}
step() { # name log command... : ok when the command succeeds (its time noted)
  local name="$1" log="$work/log/$2" t0=$SECONDS; shift 2
  if "$@" >"$log" 2>&1; then ok "$name ($((SECONDS - t0)) s)"; return 0
  else not_ok "$name" "$log"; return 1; fi
}

# ---- 1. build and install from a copy ---------------------------------------
src="$work/src"
mkdir -p "$src"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$root" && git ls-files -z -co --exclude-standard | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$src"
else
  (cd "$root" && tar -cf - --exclude=./build --exclude=./node_modules .) | tar -xf - -C "$src"
fi
# The consumers' own toolchain files (a project has its own; these stay).
mkdir -p "$work/toolchain"
cp "$src/toolchain/wasi.cmake" "$src/toolchain/mingw.cmake" "$work/toolchain/"

lib_only=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DSIGEMU_BUILD_TESTS=OFF
  -DSIGEMU_BUILD_EXAMPLES=OFF -DSIGEMU_BUILD_BENCH=OFF)
configure() { # target -> configure command prefix
  case "$1" in
    native*) echo cmake ;;
    emscripten) echo emcmake cmake ;;
    wasi) echo cmake -DCMAKE_TOOLCHAIN_FILE=$work/toolchain/wasi.cmake ;;
    mingw*) echo cmake -DCMAKE_TOOLCHAIN_FILE=$work/toolchain/mingw.cmake ;;
  esac
}
install_target() { # target [extra cmake args]
  local t="$1"; shift
  $(configure "$t") -S "$src" -B "$work/b/$t" "${lib_only[@]}" "$@" &&
    cmake --build "$work/b/$t" && cmake --install "$work/b/$t" --prefix "$work/prefix/$t"
}
targets=(native native-shared emscripten wasi mingw mingw-shared)
for t in "${targets[@]}"; do
  extra=()
  case "$t" in *-shared) extra=(-DBUILD_SHARED_LIBS=ON) ;; esac
  step "$t: build a copy of the source and install it with --prefix" "install-$t.log" \
    install_target "$t" "${extra[@]}"
done

# add_subdirectory: only the library, C11 for its callers, no -Werror.
subproject() {
  local b="$work/b/subproject"
  cmake -S "$here/subproject" -B "$b" -G Ninja -DSIGEMU_SOURCE="$src" &&
    cmake --build "$b" && "$b/app" || return 1
  local extra; extra="$(ninja -C "$b" -t targets all | grep -oE '^(unit_|sigemu_sim|sigemu_features|bench_|test_)[a-z_]*' | sort -u)"
  [ -z "$extra" ] || { echo "the subproject built more than the library: $extra"; return 1; }
  local core; core="$(ninja -C "$b" -t commands | grep -E '/src/core\.c')"
  [ -n "$core" ] || { echo "no compile command for src/core.c"; return 1; }
  ! echo "$core" | grep -q -- -Werror || { echo "sigemu's sources get -Werror: $core"; return 1; }
  ! echo "$core" | grep -q -- '-std=c99' || { echo "sigemu's sources in C99"; return 1; }
  ninja -C "$b" -t commands | grep -E '/app/app\.c' | grep -qE -- '-std=(c|gnu)(11|17)' ||
    { echo "the app (C99 project) is not raised to C11 for sigemu.h"; return 1; }
  grep -q 'SIGEMU_INSTALL:BOOL=OFF' "$b/CMakeCache.txt" || { echo "install rules on in a subproject"; return 1; }
}
step "add_subdirectory: sigemu::sigemu alone, no -Werror on its sources, C11 for the app" \
  subproject.log subproject

# The emscripten presets find Emscripten wherever it is: here through
# EMSCRIPTEN pointing at a folder of another name (as emsdk sets it).
em_finder() {
  local em="$work/relocated/emsdk/upstream/emscripten"
  mkdir -p "$(dirname "$em")" &&
    ln -sfn "$(dirname "$(readlink -f "$(command -v emcc)")")" "$em" &&
    (cd "$src" && EMSCRIPTEN="$em" cmake --preset emscripten -B "$work/b/em-finder" \
      -DSIGEMU_BUILD_TESTS=OFF -DSIGEMU_BUILD_EXAMPLES=OFF -DSIGEMU_BUILD_BENCH=OFF) &&
    grep -qF "sigemu: Emscripten at $em" "$work/log/em-finder.log"
}
step "the emscripten preset finds Emscripten through EMSCRIPTEN (not Debian's path)" em-finder.log em_finder

pack() {
  (cd "$src/js" && npm pack --silent --pack-destination "$work" >"$work/pack-name.txt") &&
    tar -tzf "$work/$(cat "$work/pack-name.txt")" >"$work/pack-files.txt" &&
    for f in package/LICENSE package/README.md package/package.json package/src/index.js \
        package/src/library_sigemu.js package/types/index.d.ts package/types/emscripten.d.ts; do
      grep -qx "$f" "$work/pack-files.txt" || { echo "missing in the tarball: $f"; return 1; }
    done &&
    ! grep -q '^package/test/' "$work/pack-files.txt"
}
step "npm pack: the tarball has the license, the README, the sources and per-subpath types" pack.log pack

rm -rf "$src" "$work/b"
# (A file may name its own prefix: the POSIX layer's rsp holds absolute
# paths into it.)
leaks="$(grep -rIo -e "$src[^\"[:space:]]*" -e "$work/b/[^\"[:space:]]*" -e "$root/[^\"[:space:]]*" \
  "$work/prefix" 2>/dev/null | grep -v ":$work/prefix/")"
if [ -z "$leaks" ]; then ok "installs name neither the deleted source and build trees nor this repository"
else not_ok "installs name the source or build trees" "$leaks"; fi

# ---- 2. consumers, per target -----------------------------------------------
npmproj="$work/npm"
mkdir -p "$npmproj"
echo '{ "name": "sigemu-consumer", "private": true, "type": "module" }' >"$npmproj/package.json"
step "npm install of the tarball into a scratch project" npm-install.log \
  bash -c "cd '$npmproj' && npm install --offline --no-audit --no-fund '$work/$(cat "$work/pack-name.txt" 2>/dev/null)'"

run_prog() { # target program [args] : run a consumer program the target's way
  local t="$1" p="$2"; shift 2
  case "$t" in
    native) "$p" "$@" ;;
    native-shared) LD_LIBRARY_PATH="$work/prefix/$t/lib" "$p" "$@" ;;
    emscripten) $NODE "$p" "$@" ;;
    wasi) $NODE "$npmproj/node_modules/sigemu/bin/run-wasi.mjs" "$p" "$@" ;;
    mingw*) timeout 120 "$root/tools/run-on.sh" windows "$p" "$@" ;;
  esac
}
expect_ok() { # log program... : runs, exits 0, says "app: ok"
  local out; out="$(run_prog "$@" 2>&1)"; local rc=$?
  echo "$out" | tr -d '\r'
  [ "$rc" = 0 ] && echo "$out" | grep -q "app: ok"
}
# The inline check in C++: the object reads the check's word itself, not
# only calls: the flag, or on WebAssembly without threads the poll count
# (the whole check there, sigemu.h).
reads_flag() { # nm object
  "$1" "$2" | grep -qE ' U (__imp_)?_?sigemu__(tripped|poll_countdown)$'
}
nm_for() {
  case "$1" in
    native*) echo nm ;; mingw*) echo x86_64-w64-mingw32-nm ;; *) echo llvm-nm-14 ;;
  esac
}

cmake_consumer() { # target build-dir
  local t="$1" b="$2" prefix="$work/prefix/$1" args=()
  case "$t" in
    native*) args=(-DCMAKE_PREFIX_PATH="$prefix") ;;
    # Emscripten's toolchain searches packages under its sysroot and the
    # CMAKE_FIND_ROOT_PATH entries only: the prefix is one.
    emscripten) args=(-DCMAKE_FIND_ROOT_PATH="$prefix") ;;
    # No libc++ for wasm32 here: C++ without its runtime (app.c needs none).
    wasi) args=(-DCMAKE_TOOLCHAIN_FILE="$work/toolchain/wasi.cmake" -DCMAKE_PREFIX_PATH="$prefix"
      -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_CXX_COMPILER_TARGET=wasm32-wasi
      "-DCMAKE_CXX_FLAGS=-fno-exceptions -nostdlib++ -Wno-unused-command-line-argument") ;;
    mingw*) args=(-DCMAKE_TOOLCHAIN_FILE="$work/toolchain/mingw.cmake" -DCMAKE_PREFIX_PATH="$prefix"
      -DCMAKE_CXX_COMPILER=x86_64-w64-mingw32-g++) ;;
  esac
  $(configure "$t" | sed 's/ -DCMAKE_TOOLCHAIN_FILE=[^ ]*//') -S "$here/app" -B "$b" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release "${args[@]}" && cmake --build "$b"
}
exe() { # target dir name -> path of the built program
  case "$1" in
    emscripten) echo "$2/$3.js" ;; mingw*) echo "$2/$3.exe" ;; *) echo "$2/$3" ;;
  esac
}
pc_consumer() { # target dir : compile app.c and app_cxx.cpp with pkg-config's flags
  local t="$1" d="$2" cc cxx ld=() pc=sigemu cflags libs
  export PKG_CONFIG_LIBDIR="$work/prefix/$t/lib/pkgconfig"
  local w=(-Wall -Wextra -Werror)
  case "$t" in
    native*) cc=(cc); cxx=(c++) ;;
    emscripten) cc=(emcc); cxx=(em++) ;;
    # No libc++ for wasm32 here: C++ without its runtime (app.c needs none).
    wasi) cc=(clang-14 --target=wasm32-wasi); cxx=(clang++-14 --target=wasm32-wasi -fno-exceptions)
      ld=(-fuse-ld=lld -nostdlib++) ;;
    mingw) cc=(x86_64-w64-mingw32-gcc); cxx=(x86_64-w64-mingw32-g++); ld=(-static) ;;
    mingw-shared) cc=(x86_64-w64-mingw32-gcc); cxx=(x86_64-w64-mingw32-g++)
      ld=(-static-libgcc -static-libstdc++) ;;
  esac
  cflags="$(pkg-config --cflags "$pc")" && libs="$(pkg-config --libs "$pc")" || return 1
  echo "pkg-config --cflags --libs $pc: $cflags $libs"
  mkdir -p "$d"
  "${cc[@]}" "${w[@]}" $cflags "$here/app/app.c" "${ld[@]}" $libs -o "$(exe "$t" "$d" app)" &&
    "${cxx[@]}" "${w[@]}" $cflags -c "$here/app/app_cxx.cpp" -o "$d/app_cxx.o" &&
    "${cxx[@]}" "$d/app_cxx.o" "${ld[@]}" $libs -o "$(exe "$t" "$d" app_cxx)" || return 1
  if [ "$t" = wasi ]; then
    "${cc[@]}" "${w[@]}" $(pkg-config --cflags sigemu-wasi-host) "$here/app/app.c" "${ld[@]}" \
      $(pkg-config --libs sigemu-wasi-host) -o "$d/app_host" || return 1
  fi
  if [ "$t" = mingw-shared ]; then cp "$work/prefix/$t/bin/"*.dll "$d/"; fi
}

# One Wine server for every Windows run (each run then costs a process
# start, not a server start); it leaves 30 s after the last program.
if [ -x /usr/lib/wine/wineserver ]; then
  mkdir -p "$root/build"
  WINEPREFIX="${WINEPREFIX:-$root/build/wineprefix}" /usr/lib/wine/wineserver -p30 </dev/null >/dev/null 2>&1
fi
for t in "${targets[@]}"; do
  [ -d "$work/prefix/$t" ] || { not_ok "$t: consumers (no install to consume)"; continue; }
  b="$work/app-cmake/$t"
  if step "$t: find_package(sigemu) project builds (C and C++)" "cmake-$t.log" cmake_consumer "$t" "$b"; then
    [ "$t" = mingw-shared ] && cp "$work/prefix/$t/bin/"*.dll "$b/"
    for p in app app_cxx; do
      step "$t: find_package build: $p runs" "run-cmake-$t-$p.log" expect_ok "$t" "$(exe "$t" "$b" $p)"
    done
    o="$(find "$b" -name 'app_cxx.cpp.o' -o -name 'app_cxx.cpp.obj' | head -1)"
    step "$t: the C++ object reads the check's word (inline check)" "nm-$t.log" reads_flag "$(nm_for "$t")" "$o"
  fi
  d="$work/app-pc/$t"
  if step "$t: pkg-config build (C and C++)" "pc-$t.log" pc_consumer "$t" "$d"; then
    for p in app app_cxx; do
      step "$t: pkg-config build: $p runs" "run-pc-$t-$p.log" expect_ok "$t" "$(exe "$t" "$d" $p)"
    done
  fi
done

# The POSIX layer (sigemu_libc) on WebAssembly: an unmodified <signal.h>
# program with its one compile flag and its one link flag.
posix_consumer() { # target
  local t="$1" p="$work/prefix/$1" d="$work/posix/$1" cc=(emcc) out
  [ "$t" = wasi ] && cc=(clang-14 --target=wasm32-wasi -fuse-ld=lld)
  mkdir -p "$d"
  out="$d/posix_app$([ "$t" = emscripten ] && echo .js)"
  "${cc[@]}" -Wall -Wextra -Werror -I"$p/include/sigemu-libc" -I"$p/include" \
    "$here/app/posix_app.c" @"$p/lib/sigemu_libc.rsp" -o "$out" &&
    run_prog "$t" "$out" | tee /dev/stderr | grep -q "posix_app: ok"
}
for t in emscripten wasi; do
  if [ -f "$work/prefix/$t/lib/sigemu_libc.rsp" ]; then
    step "$t: a POSIX <signal.h> program on the installed POSIX layer (@sigemu_libc.rsp) runs" \
      "posix-$t.log" posix_consumer "$t"
  else not_ok "$t: the install has the POSIX layer (lib/sigemu_libc.rsp)"; fi
done

# The README's snippets (its CMake project and its C program) build against
# each static install.
readme_block() { # marker -> the fenced block after <!-- consumer:MARKER -->
  awk -v m="<!-- consumer:$1 -->" '$0 == m {f=1; next} f && /^```/ {if (in_) exit; in_=1; next} in_ {print}' "$root/README.md"
}
readme_project() { # target
  local t="$1" d="$work/readme/$1"
  mkdir -p "$d"
  readme_block cmake >"$d/CMakeLists.txt" && readme_block main.c >"$d/main.c" &&
    [ -s "$d/CMakeLists.txt" ] && [ -s "$d/main.c" ] || { echo "README: snippets not found"; return 1; }
  echo 'target_compile_options(app PRIVATE -Wall -Wextra -Werror)' >>"$d/CMakeLists.txt"
  local args=(-DCMAKE_PREFIX_PATH="$work/prefix/$t")
  case "$t" in
    emscripten) args=(-DCMAKE_FIND_ROOT_PATH="$work/prefix/$t") ;;
    wasi|mingw) args+=(-DCMAKE_TOOLCHAIN_FILE="$work/toolchain/$t.cmake") ;;
  esac
  $( [ "$t" = emscripten ] && echo emcmake ) cmake -S "$d" -B "$d/b" -G Ninja "${args[@]}" && cmake --build "$d/b"
}
for t in native emscripten wasi mingw; do
  [ -d "$work/prefix/$t" ] &&
    step "$t: the README's CMake project and C program build (-Wall -Wextra -Werror)" "readme-$t.log" readme_project "$t"
done

# ---- 3. shared libraries export the API only --------------------------------
exports_ok() { # list of exported names on stdin
  local bad; bad="$(grep -vE '^sigemu_[a-z]|^sigemu__(tripped|poll_countdown|check_slow)$' | grep -v '^$')"
  [ -z "$bad" ] || { echo "exported beyond the API:"; echo "$bad"; return 1; }
}
native_exports() { nm -D --defined-only "$work/prefix/native-shared/lib/libsigemu.so" | awk '{print $3}' | tee /dev/stderr | exports_ok; }
dll_exports() {
  x86_64-w64-mingw32-objdump -p "$work/prefix/mingw-shared/bin/"*sigemu*.dll |
    awk '/\[Ordinal\/Name Pointer\] Table/ {f=1; next} f && /^\s*\[/ {print $NF} f && /^$/ {f=0}' | tee /dev/stderr | exports_ok
}
step "native-shared: libsigemu.so exports sigemu_* (and the inline check's three) only" exports-native.log native_exports
step "mingw-shared: the DLL exports sigemu_* (and the inline check's three) only" exports-mingw.log dll_exports

# ---- 4. the npm package -------------------------------------------------------
cp "$here/npm/"* "$npmproj/"
em="$work/app-pc/emscripten/app.js"
step "npm, Node ESM: every subpath; signals reach Emscripten and WASI programs" node-app.log \
  $NODE "$npmproj/node-app.mjs" "$em" "$work/app-pc/wasi/app" "$work/app-pc/wasi/app_host"
step "npm, require('sigemu') (no top-level await; Node 20 needs --experimental-require-module)" require.log \
  bash -c "cd '$npmproj' && node --no-warnings \$(node -e 'process.exit(+process.features.require_module === 1 ? 0 : 1)' 2>/dev/null || echo --experimental-require-module) -e \"const s = require('sigemu'); if (typeof s.SignalController !== 'function') process.exit(1)\""
esbuild() { "$root/node_modules/.bin/esbuild" "$@"; }
tsc() { node "$root/node_modules/typescript/bin/tsc" "$@"; }
browser_bundle() {
  local pc="$work/prefix/emscripten/lib/pkgconfig"
  cd "$npmproj" &&
    esbuild page.js --bundle --platform=browser --format=iife --outfile=www/page.bundle.js &&
    esbuild worker.js --bundle --platform=browser --format=iife --outfile=www/worker.bundle.js &&
    cp index.html www/ &&
    emcc -O2 "$here/app/app.c" $(PKG_CONFIG_LIBDIR="$pc" pkg-config --cflags --libs sigemu) \
      -sMODULARIZE=1 -sEXPORT_NAME=createApp -sENVIRONMENT=worker -sEXIT_RUNTIME=1 -o www/app-worker.js
}
if step "npm, esbuild --bundle --platform=browser --format=iife (page and worker)" bundle.log browser_bundle; then
  step "npm, the bundles in Chromium: the worker's program gets the page's SIGUSR1" browser.log \
    node "$here/npm/browser.mjs" "$npmproj/www"
fi
if (cd "$npmproj" && esbuild browser-emscripten.js --bundle --platform=browser --outfile=www/x.js) >"$work/log/bundle-em.log" 2>&1; then
  not_ok "npm, 'sigemu/emscripten' must not bundle for a browser" "$work/log/bundle-em.log"
else ok "npm, 'sigemu/emscripten' does not bundle for a browser (node condition only)"; fi
step "npm, tsc --strict on a file using each subpath" tsc.log tsc -p "$npmproj/tsconfig.json"
if tsc -p "$npmproj/tsconfig.bad.json" >"$work/log/tsc-bad.log" 2>&1; then
  not_ok "npm, tsc rejects runEmscripten imported from 'sigemu'" "$work/log/tsc-bad.log"
elif grep -q "TS2305" "$work/log/tsc-bad.log"; then ok "npm, tsc rejects runEmscripten imported from 'sigemu' (TS2305)"
else not_ok "npm, tsc rejects runEmscripten imported from 'sigemu' for the right reason" "$work/log/tsc-bad.log"; fi

echo "consumers: $((n - failed)) passed, $failed failed ($(( $(date +%s) - start )) s; logs in build/consumers/log)"
[ "$failed" -eq 0 ]
