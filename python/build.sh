#!/usr/bin/env bash
# python/build.sh — CPython 3.11.2 for WebAssembly, stock and with sigemu.
#
#   python/build.sh fetch                  source packages (Debian deb-src), checked
#   python/build.sh native                 the native build Python (also the reference)
#   python/build.sh emscripten [FLAVOUR]   wasm32-emscripten, node flavour, static
#   python/build.sh emscripten-pthread [FLAVOUR]   the same with -pthread
#   python/build.sh wasi [FLAVOUR]         wasm32-wasi (clang-14 + wasi-libc)
#   python/build.sh emscripten-browser [FLAVOUR]   wasm32-emscripten, browser
#                                          flavour (stdlib preloaded), for the
#                                          web demo's Python console
#   python/build.sh all [FLAVOUR...]       native + wasi + emscripten (default: stock)
#   python/build.sh plumbing [TARGET]      checks the sigemu flavour's config.site
#                                          and patch without the POSIX layer
#   python/build.sh path TARGET [FLAVOUR]  print the build directory (no build)
#
# FLAVOUR is `stock` (same source, no sigemu) or `sigemu` (the POSIX layer
# `sigemu_libc` linked, sigemu_libc_poll() reached from the eval loop and
# PyErr_CheckSignals; on WASI with sigemu's host imports), or on WASI
# `sigemu-pure` (the layer on WASI preview1 alone). Every expensive product lives outside the clone under
# ${SIGEMU_CACHE:-$HOME/.cache/sigemu}/cpython/, in a directory named by a
# hash of its inputs; a directory with its `.ok` stamp is reused as is.
# build/cpython/<name> in the clone is a symlink to the product in use, and
# build/cpython/logs/ keeps the logs. Build times are in each product's
# `.seconds` (measured when it was built). With SIGEMU_PY_CACHED_ONLY=1 a
# product that is not in the cache is not built: the script exits with 4.
{ # the whole script is read before it runs: editing it mid-run is safe
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=python/common.sh
. "$here/common.sh"

JOBS="${JOBS:-2}"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

# CPython 3.11.2 as Debian ships it: the .orig tarball is the upstream
# release tarball (Python-3.11.2.tgz), pinned by its SHA-256. Debian's own
# patches (debian.tar.xz) are checked but not applied: the builds are of
# upstream CPython.
PY_PKG=python3.11
PY_UPSTREAM=3.11.2
PY_ORIG_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
# Bump when the way a product is built changes in a way its inputs below do
# not capture.
RECIPE=1

log() { echo "cpython: $*" >&2; }
die() { echo "cpython: error: $*" >&2; exit 1; }

mkdir -p "$CACHE" "$OUT/logs"

# ---------------------------------------------------------------- fetching
# A private apt configuration: the machine's own apt sources with every
# `deb` turned into `deb-src`, a private lists dir. The system's apt state
# is not touched; no host name is written anywhere.
apt_dir="$CACHE/apt"
apt_private() {
  mkdir -p "$apt_dir/etc/sources.list.d" "$apt_dir/lists/partial" \
    "$apt_dir/cache/archives/partial"
  : >"$apt_dir/etc/sources.list"
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -nE 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >>"$apt_dir/etc/sources.list"
  done
  rm -f "$apt_dir/etc/sources.list.d/"*.sources
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    sed -E 's/^Types:.*/Types: deb-src/' "$f" >"$apt_dir/etc/sources.list.d/$(basename "$f")"
  done
}
apt_opts() {
  echo -o "Dir::Etc::SourceList=$apt_dir/etc/sources.list" \
    -o "Dir::Etc::SourceParts=$apt_dir/etc/sources.list.d" \
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" \
    -o "APT::Sandbox::User=$(id -un)" -o Debug::NoLocking=1
}
apt_update() { # once per run of this script (fetch_src runs in subshells)
  [ -f "$apt_dir/.updated.$$" ] && return 0
  apt_private
  log "apt-get update (deb-src, private lists in $apt_dir)"
  # shellcheck disable=SC2046
  apt-get $(apt_opts) update >"$OUT/logs/apt-update.log" 2>&1 ||
    { cat "$OUT/logs/apt-update.log" >&2; die "apt-get update failed"; }
  rm -f "$apt_dir"/.updated.*; touch "$apt_dir/.updated.$$"
}

# dsc_check DIR: every file the .dsc lists has its size and SHA-256.
dsc_check() {
  local dir="$1" dsc
  dsc="$(ls "$dir"/*.dsc 2>/dev/null | head -1)"
  [ -n "$dsc" ] || return 1
  awk '/^Checksums-Sha256:/{on=1; next} /^[^ ]/{on=0} on && NF==3 {print $1, $2, $3}' "$dsc" |
    {
      local n=0 sha size name
      while read -r sha size name; do
        [ -f "$dir/$name" ] || return 1
        [ "$(stat -c %s "$dir/$name")" = "$size" ] || return 1
        [ "$(sha256sum "$dir/$name" | cut -d' ' -f1)" = "$sha" ] || return 1
        n=$((n+1))
      done
      [ "$n" -gt 0 ]
    }
}

# fetch_src PKG: the newest downloadable version of source package PKG into
# $CACHE/dl/PKG (checked against its .dsc). Prints the directory.
fetch_src() {
  local pkg="$1" dir="$CACHE/dl/$1"
  if dsc_check "$dir"; then echo "$dir"; return 0; fi
  apt_update
  local versions v tmp
  # shellcheck disable=SC2046
  versions="$(apt-cache $(apt_opts) showsrc --only-source "$pkg" |
    awk '/^Version:/{print $2}' | sort -Vru)"
  [ -n "$versions" ] || die "no deb-src entry for $pkg"
  for v in $versions; do
    tmp="$(mktemp -d "$CACHE/dl/.tmp.XXXXXX")"
    # shellcheck disable=SC2046
    if (cd "$tmp" && apt-get $(apt_opts) source --download-only "$pkg=$v") \
        >"$OUT/logs/fetch-$pkg.log" 2>&1 && dsc_check "$tmp"; then
      rm -rf "$dir"; mv "$tmp" "$dir"
      log "fetched $pkg $v (checksums of the .dsc verified)"
      echo "$dir"; return 0
    fi
    log "$pkg $v: not downloadable here, trying an older version"
    rm -rf "$tmp"
  done
  die "could not fetch $pkg (see $OUT/logs/fetch-$pkg.log)"
}

orig_of() { ls "$1"/*.orig.tar.* | head -1; }

# The extracted CPython source: pristine, or with the sigemu patch.
cpython_src() { # [patch]
  local dl orig sha dir
  mkdir -p "$CACHE/dl" "$CACHE/src"
  # One fetch and extraction at a time (two runs may share the cache).
  exec 8>"$CACHE/.lock-src"
  flock 8
  dl="$(fetch_src "$PY_PKG")"
  orig="$(orig_of "$dl")"
  sha="$(sha256sum "$orig" | cut -d' ' -f1)"
  [ "$sha" = "$PY_ORIG_SHA256" ] ||
    die "$orig is not CPython $PY_UPSTREAM (sha256 $sha, expected $PY_ORIG_SHA256)"
  dir="$CACHE/src/cpython-$PY_UPSTREAM-${sha:0:12}"
  if [ ! -f "$dir/.ok" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    tar -xzf "$orig" -C "$dir" --strip-components=1
    touch "$dir/.ok"
  fi
  if [ "${1:-}" = patch ]; then
    local psha pdir
    psha="$(cat "$here"/patches/*.patch | sha256sum | cut -c1-12)"
    pdir="$dir-sigemu-$psha"
    if [ ! -f "$pdir/.ok" ]; then
      rm -rf "$pdir"; cp -a "$dir" "$pdir"; rm -f "$pdir/.ok"
      local p
      for p in "$here"/patches/*.patch; do
        patch -d "$pdir" -p1 --no-backup-if-mismatch -s <"$p" ||
          die "patch $(basename "$p") does not apply to CPython $PY_UPSTREAM"
      done
      touch "$pdir/.ok"
    fi
    dir="$pdir"
  fi
  exec 8>&-
  echo "$dir"
}

# ---------------------------------------------------------------- products
# product NAME KEYTEXT CMD...: run CMD in $CACHE/NAME-<hash of KEYTEXT>
# unless that directory is already complete. Sets $product to the directory
# and links build/cpython/NAME to it.
product() {
  local name="$1" keytext="$2"; shift 2
  local key dir lock t0 t1
  # Keyed by what goes in, not by where this clone is: the repository's
  # path becomes <repo> (the products link the layer statically, so one
  # built from another clone of the same sources is the same).
  keytext="${keytext//"$root"/<repo>}"
  key="$(printf 'recipe %s\n%s\n' "$RECIPE" "$keytext" | sha256sum | cut -c1-16)"
  dir="$CACHE/$name-$key"
  product="$dir"
  exec 9>"$CACHE/.lock-$name-$key"
  flock 9
  if [ -f "$dir/.ok" ]; then
    log "$name: cached ($dir, built in $(cat "$dir/.seconds")s)"
  elif [ "${SIGEMU_PY_CACHED_ONLY:-0}" = 1 ]; then
    log "$name: not in the cache, not built (SIGEMU_PY_CACHED_ONLY=1)"
    exit 4
  else
    rm -rf "$dir"; mkdir -p "$dir"
    printf 'recipe %s\n%s\n' "$RECIPE" "$keytext" >"$dir/.key"
    log "$name: building in $dir (log: build/cpython/logs/$name.log)"
    t0=$(date +%s)
    # In the background and waited for: a subshell in an `if` or `||` list
    # would run with errexit off, and a failed step would not stop it.
    ( set -e; cd "$dir"; "$@" ) >"$OUT/logs/$name.log" 2>&1 &
    if ! wait $!; then
      tail -40 "$OUT/logs/$name.log" >&2
      die "$name: build failed (full log: $OUT/logs/$name.log)"
    fi
    t1=$(date +%s)
    echo $((t1 - t0)) >"$dir/.seconds"
    cut -d' ' -f1-3 /proc/loadavg >"$dir/.load" # the machine is shared: how busy it was
    touch "$dir/.ok"
    log "$name: built in $((t1 - t0))s"
  fi
  exec 9>&-
  ln -sfn "$dir" "$OUT/$name"
}

tool_id() { "$@" 2>&1 | head -1; }

# describe TARGET FLAVOUR SRC: sigemu-python.json in the current (build)
# directory, read by python/python.mjs and the tests.
describe() {
  printf '{"target": "%s", "flavour": "%s", "srcdir": "%s", "builddir": "%s", "pybuilddir": "%s"}\n' \
    "$1" "$2" "$3" "$PWD" "$(cat pybuilddir.txt)" >sigemu-python.json
}

# --- the native build Python (reference for test_signal as well)
build_native() {
  local src; src="$(cpython_src)"
  local cc="${CC:-cc}"
  local args=(--prefix=/usr/local "CC=$cc")
  do_native() {
    "$src/configure" -C "${args[@]}"
    make -j"$JOBS"
    ./python -c 'import sys, _testcapi; print(sys.version)'
    describe native stock "$src"
  }
  product native "src $src
cc $(tool_id "$cc" --version)
configure ${args[*]}" do_native
  native_dir="$product"
}

# --- zlib and bzip2 for Emscripten, from Debian sources, built with emcc
# (Debian's Emscripten cache is frozen: -sUSE_ZLIB / -sUSE_BZIP2 fail).
build_emlibs() { # [extra emcc flags, e.g. -pthread]
  local zdl bdl extra="${1:-}"
  mkdir -p "$CACHE/dl"
  zdl="$(fetch_src zlib)"; bdl="$(fetch_src bzip2)"
  local zorig borig
  zorig="$(orig_of "$zdl")"; borig="$(orig_of "$bdl")"
  do_emlibs() {
    mkdir -p include lib zlib bzip2
    tar -xf "$zorig" -C zlib --strip-components=1
    tar -xf "$borig" -C bzip2 --strip-components=1
    local f
    (cd zlib
     for f in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite \
              infback inffast inflate inftrees trees uncompr zutil; do
       emcc -O2 $extra -DHAVE_UNISTD_H -DHAVE_STDARG_H -c "$f.c" -o "$f.o"
     done
     emar rcs ../lib/libz.a ./*.o
     cp zlib.h zconf.h ../include/)
    (cd bzip2
     for f in blocksort huffman crctable randtable compress decompress bzlib; do
       emcc -O2 $extra -D_FILE_OFFSET_BITS=64 -c "$f.c" -o "$f.o"
     done
     emar rcs ../lib/libbz2.a ./*.o
     cp bzlib.h ../include/)
    rm -rf zlib bzip2
  }
  product "emlibs${extra:+$extra}" "zlib $(sha256sum "$zorig")
bzip2 $(sha256sum "$borig")
emcc $(tool_id emcc --version)${extra:+
flags $extra}" do_emlibs
  emlibs_dir="$product"
}

# --- the sigemu flavour: the POSIX layer (libc/): one compile
# flag and one link flag, as for any program ported with it
# (libc/CMakeLists.txt). Found, in this order:
#   - SIGEMU_LIBC_CFLAGS and SIGEMU_LIBC_LIBS from the environment;
#   - an installed layer: SIGEMU_LIBC_PREFIX (cmake --install --component
#     libc): -I PREFIX/include[/sigemu-libc], @PREFIX/lib/sigemu_libc.rsp;
#   - the repository's build tree, build/<preset>/libc/: -I include/ (and
#     libc/include/wasi/ first on WASI), @sigemu_libc.rsp. On WASI the
#     flavour `sigemu` links sigemu_libc_host.rsp (the `sigemu` host
#     imports: a JS embedder can send signals; node:wasi) and
#     `sigemu-pure` sigemu_libc.rsp (WASI preview1 only: wasmtime).
# Sets layer_cflags, layer_libs and layer_key (the flags plus a hash of
# every header and library they name).
find_layer() { # target flavour
  local target="$1" flavour="$2" preset="$1" rsp=sigemu_libc.rsp
  [ "$target" = wasi ] && [ "$flavour" = sigemu ] && rsp=sigemu_libc_host.rsp
  layer_cflags="${SIGEMU_LIBC_CFLAGS:-}"
  layer_libs="${SIGEMU_LIBC_LIBS:-}"
  if [ -z "$layer_cflags$layer_libs" ] && [ -n "${SIGEMU_LIBC_PREFIX:-}" ]; then
    [ -f "$SIGEMU_LIBC_PREFIX/lib/$rsp" ] || die "no $rsp in $SIGEMU_LIBC_PREFIX/lib"
    layer_cflags="-I$SIGEMU_LIBC_PREFIX/include"
    [ "$target" = wasi ] && layer_cflags="-I$SIGEMU_LIBC_PREFIX/include/sigemu-libc $layer_cflags"
    layer_libs="@$SIGEMU_LIBC_PREFIX/lib/$rsp"
  elif [ -z "$layer_cflags$layer_libs" ] && [ -f "$root/build/$preset/libc/$rsp" ]; then
    # The layer's shim headers for the flavour (WASI: what wasi-libc lacks;
    # Emscripten: a <setjmp.h> that keeps the mask), then sigemu_libc.h.
    layer_cflags="-I$root/include"
    [ -d "$root/libc/include/${target%-pthread}" ] &&
      layer_cflags="-I$root/libc/include/${target%-pthread} $layer_cflags"
    layer_libs="@$root/build/$preset/libc/$rsp"
  fi
  if [ -z "$layer_cflags$layer_libs" ]; then
    cat >&2 <<EOF
cpython: error: the $flavour flavour for $target needs the POSIX layer
  (sigemu_libc, libc/), which is not built: no build/$preset/libc/$rsp,
  and neither SIGEMU_LIBC_PREFIX nor SIGEMU_LIBC_CFLAGS/SIGEMU_LIBC_LIBS is set.
  Build it with: cmake --preset $preset && cmake --build --preset $preset
EOF
    exit 3
  fi
  local f g files=()
  for f in $layer_cflags $layer_libs; do
    case "$f" in
      -I*) [ -d "${f#-I}" ] && files+=($(find "${f#-I}" -name '*.h' | sort)) ;;
      @*) files+=("${f#@}")
          for g in $(cat "${f#@}"); do case "$g" in *.a|*.js) files+=("$g") ;; esac; done ;;
      *.a|*.js) files+=("$f") ;;
    esac
  done
  # Contents with the repository's path taken out (the response file names
  # the archives by absolute path), so that the key is the same in every clone.
  layer_key="$(printf '%s\n' "$layer_cflags" "$layer_libs"
    for f in ${files[@]+"${files[@]}"}; do
      [ -f "$f" ] && printf '%s  %s\n' "$(sed "s|$root|<repo>|g" "$f" | sha256sum | cut -d' ' -f1)" "$f"
    done)"
}

# config.site for TARGET FLAVOUR into FILE: CPython's own file, then ours.
write_config_site() {
  local src="$1" target="$2" flavour="$3" file="$4"
  {
    cat "$src/Tools/wasm/config.site-wasm32-$target"
    if [ "$flavour" != stock ]; then
      echo; echo "# ---- sigemu ($here/config.site-sigemu)"
      cat "$here/config.site-sigemu"
      if [ -f "$here/config.site-sigemu-$target" ]; then
        echo; echo "# ---- sigemu on $target ($here/config.site-sigemu-$target)"
        cat "$here/config.site-sigemu-$target"
      fi
    fi
  } >"$file"
}

# Extra CPPFLAGS per target for the sigemu flavour: macros configure never
# probes there (WASI: pthread_sigmask is probed only when posix_threads=yes,
# and WASI's threads are stubs).
sigemu_cppflags() {
  case "${1%-pthread}" in
    wasi) echo "-DPy_SIGEMU=1 -DHAVE_PTHREAD_SIGMASK=1" ;;
    *) echo "-DPy_SIGEMU=1" ;;
  esac
}

build_target() { # target flavour
  local target="$1" flavour="${2:-stock}" src
  case "$target/$flavour" in
    */stock|*/sigemu|wasi/sigemu-pure) ;;
    *) die "unknown flavour $flavour for $target (stock|sigemu, and sigemu-pure on wasi)" ;;
  esac
  local sigemu=0
  [ "$flavour" != stock ] && sigemu=1
  if [ "$sigemu" = 1 ]; then find_layer "$target" "$flavour"; src="$(cpython_src patch)"
  else src="$(cpython_src)"; fi
  build_native
  local build_python="$native_dir/python" site_text cppflags="" ldflags="" libs=""
  if [ "$sigemu" = 1 ]; then
    cppflags="$(sigemu_cppflags "$target") $layer_cflags"
    libs="$layer_libs"
  fi
  site_text="$(write_config_site "$src" "${target%-pthread}" "$flavour" /dev/stdout)"
  case "$target" in
    emscripten|emscripten-pthread)
      # -pthread objects only link with -pthread objects (shared memory).
      if [ "$target" = emscripten-pthread ]; then build_emlibs -pthread; else build_emlibs; fi
      local args=(--host=wasm32-unknown-emscripten --build="$("$src/config.guess")"
        --with-emscripten-target=node --with-build-python="$build_python"
        "ZLIB_CFLAGS=-I$emlibs_dir/include" "ZLIB_LIBS=-L$emlibs_dir/lib -lz"
        "BZIP2_CFLAGS=-I$emlibs_dir/include" "BZIP2_LIBS=-L$emlibs_dir/lib -lbz2")
      # -pthread: CPython's own switch (-sUSE_PTHREADS -sPROXY_TO_PTHREAD).
      [ "$target" = emscripten-pthread ] && args+=(--enable-wasm-pthreads)
      do_em() {
        write_config_site "$src" emscripten "$flavour" config.site
        CONFIG_SITE="$PWD/config.site" CPPFLAGS="$cppflags" LDFLAGS="$ldflags" LIBS="$libs" \
          emconfigure "$src/configure" -C "${args[@]}"
        emmake make -j"$JOBS"
        ls -l python.js python.wasm
        describe "$target" "$flavour" "$src"
      }
      product "$target-$flavour" "src $src
site $site_text
emcc $(tool_id emcc --version) emscripten $(dpkg-query -W -f='${Version}' emscripten 2>/dev/null || true)
configure ${args[*]} CPPFLAGS=$cppflags LDFLAGS=$ldflags LIBS=$libs
layer ${layer_key:-}" do_em
      ;;
    wasi)
      local cc="clang-14"
      local args=(--host=wasm32-unknown-wasi --build="$("$src/config.guess")"
        --with-build-python="$build_python")
      do_wasi() {
        # A private sysroot of two symlinks keeps the host's /usr/include out.
        mkdir -p sysroot/include sysroot/lib
        ln -sfn /usr/include/wasm32-wasi sysroot/include/wasm32-wasi
        ln -sfn /usr/lib/wasm32-wasi sysroot/lib/wasm32-wasi
        write_config_site "$src" wasi "$flavour" config.site
        local cc_full="$cc --target=wasm32-wasi --sysroot=$PWD/sysroot"
        CONFIG_SITE="$PWD/config.site" CC="$cc_full" CPP="$cc_full -E" \
          AR=llvm-ar-14 RANLIB=llvm-ranlib-14 READELF=true \
          CPPFLAGS="$cppflags" LDFLAGS="$ldflags" LIBS="$libs" \
          PKG_CONFIG_PATH="" PKG_CONFIG_LIBDIR="$PWD/sysroot/lib/pkgconfig" \
          "$src/configure" -C "${args[@]}"
        make -j"$JOBS"
        ls -l python.wasm
        describe wasi "$flavour" "$src"
      }
      product "wasi-$flavour" "src $src
site $site_text
cc $(tool_id "$cc" --version) wasi-libc $(dpkg-query -W -f='${Version}' wasi-libc 2>/dev/null || true)
configure ${args[*]} CPPFLAGS=$cppflags LDFLAGS=$ldflags LIBS=$libs
layer ${layer_key:-}" do_wasi
      ;;
    *) die "unknown target $target (emscripten|emscripten-pthread|wasi)" ;;
  esac
}

# --- the browser flavour (web-demo/'s Python console; kept apart from
# build_target so that the node builds above are untouched by it).
# CPython's own --with-emscripten-target=browser: no NODERAWFS, the standard
# library zipped by Tools/wasm/wasm_assets.py and preloaded with Emscripten's
# file packager (python.data). An embedder starts it with noInitialRun and
# drives it through the exports below: Py_InitializeEx once, then
# PyRun_SimpleString per cell, with the cell's source written into the
# in-memory FS. The exports go into the final link only (LINKFORSHARED on
# make's command line): configure's link probes must not see them.
BROWSER_EMBED="-sEXPORTED_FUNCTIONS=_main,_Py_InitializeEx,_PyRun_SimpleString -sEXPORTED_RUNTIME_METHODS=FS,ccall"
build_browser() { # flavour
  local flavour="${1:-stock}" src cppflags="" libs=""
  case "$flavour" in
    stock) src="$(cpython_src)" ;;
    sigemu) find_layer emscripten sigemu; src="$(cpython_src patch)"
            cppflags="$(sigemu_cppflags emscripten) $layer_cflags"; libs="$layer_libs" ;;
    *) die "unknown flavour $flavour for emscripten-browser (stock|sigemu)" ;;
  esac
  build_native
  build_emlibs
  local site_text args
  site_text="$(write_config_site "$src" emscripten "$flavour" /dev/stdout)"
  args=(--host=wasm32-unknown-emscripten --build="$("$src/config.guess")"
    --with-emscripten-target=browser --with-build-python="$native_dir/python"
    "ZLIB_CFLAGS=-I$emlibs_dir/include" "ZLIB_LIBS=-L$emlibs_dir/lib -lz"
    "BZIP2_CFLAGS=-I$emlibs_dir/include" "BZIP2_LIBS=-L$emlibs_dir/lib -lbz2")
  do_browser() {
    write_config_site "$src" emscripten "$flavour" config.site
    CONFIG_SITE="$PWD/config.site" CPPFLAGS="$cppflags" LIBS="$libs" \
      emconfigure "$src/configure" -C "${args[@]}"
    local lfs
    lfs="$(sed -nE 's/^LINKFORSHARED=[[:space:]]*//p' Makefile)"
    emmake make -j"$JOBS" LINKFORSHARED="$lfs $BROWSER_EMBED"
    ls -l python.js python.wasm python.data
    describe emscripten-browser "$flavour" "$src"
  }
  product "emscripten-browser-$flavour" "src $src
site $site_text
emcc $(tool_id emcc --version) emscripten $(dpkg-query -W -f='${Version}' emscripten 2>/dev/null || true)
configure ${args[*]} CPPFLAGS=$cppflags LIBS=$libs
embed $BROWSER_EMBED
layer ${layer_key:-}" do_browser
}

# --- plumbing: what can be checked of the sigemu flavour without the layer.
# Configures the patched source with the sigemu config.site and CPPFLAGS,
# a header declaring sigemu_libc_poll() standing in for the layer's (no
# library: nothing is linked), and checks
#   - every HAVE_* macro of config.site-sigemu reached pyconfig.h (and, on
#     WASI, HAVE_PTHREAD_SIGMASK reached the compiler through CPPFLAGS);
#   - the preprocessed signal module has the functions those macros gate,
#     os.kill is compiled in, time.sleep calls clock_nanosleep, and
#     PyErr_CheckSignals calls sigemu_libc_poll();
#   - ceval.o (compiled) calls sigemu_libc_poll(): the patch works.
# Modules are preprocessed, not compiled: on WASI their declarations come
# from the layer's headers (wasi-libc hides sigaction & co.).
plumbing_target() { # target
  local target="$1" src site_text cppflags
  src="$(cpython_src patch)"
  build_native
  site_text="$(write_config_site "$src" "$target" sigemu /dev/stdout)"
  cppflags="$(sigemu_cppflags "$target")"
  local mods="signalmodule timemodule posixmodule"
  do_plumbing() {
    mkdir -p stub
    printf '%s\n' '/* stands in for the POSIX layer'"'"'s header in python/build.sh plumbing */' \
      'void sigemu_libc_poll(void);' >stub/sigemu_libc.h
    write_config_site "$src" "$target" sigemu config.site
    local flags="$cppflags -I$PWD/stub" mk=()
    case "$target" in
      emscripten)
        CONFIG_SITE="$PWD/config.site" CPPFLAGS="$flags" \
          emconfigure "$src/configure" -C --host=wasm32-unknown-emscripten \
          --build="$("$src/config.guess")" --with-emscripten-target=node \
          --with-build-python="$native_dir/python"
        mk=(emmake make) ;;
      wasi)
        mkdir -p sysroot/include sysroot/lib
        ln -sfn /usr/include/wasm32-wasi sysroot/include/wasm32-wasi
        ln -sfn /usr/lib/wasm32-wasi sysroot/lib/wasm32-wasi
        local cc_full="clang-14 --target=wasm32-wasi --sysroot=$PWD/sysroot"
        CONFIG_SITE="$PWD/config.site" CC="$cc_full" CPP="$cc_full -E" \
          AR=llvm-ar-14 RANLIB=llvm-ranlib-14 READELF=true CPPFLAGS="$flags" \
          "$src/configure" -C --host=wasm32-unknown-wasi \
          --build="$("$src/config.guess")" --with-build-python="$native_dir/python"
        mk=(make) ;;
    esac
    "${mk[@]}" Python/ceval.o
    local m cmd
    for m in $mods; do
      # make's own compile command for the module, turned into -E.
      cmd="$("${mk[@]}" -n "Modules/$m.o" | grep -- "-o Modules/$m.o" | tail -1)"
      [ -n "$cmd" ] || { echo "no compile rule for Modules/$m.o"; return 1; }
      cmd="${cmd/ -c / -E }"
      eval "${cmd/-o Modules\/$m.o/-o $m.i}"
    done
  }
  product "plumbing-$target" "src $src
site $site_text
cppflags $cppflags
modules $mods" do_plumbing
  local d="$product" fail=0 m f
  check() { # description, command...
    local what="$1"; shift
    if "$@" >/dev/null 2>&1; then echo "  ok    $what"; else echo "  FAIL  $what"; fail=1; fi
  }
  echo "plumbing, $target (configured in $d):"
  for m in $(sed -nE 's/^ac_cv_func_([a-z_]+)=yes.*/\1/p' "$here/config.site-sigemu"); do
    m="HAVE_$(echo "$m" | tr a-z A-Z)"
    if [ "$target" = wasi ] && [ "$m" = HAVE_PTHREAD_SIGMASK ]; then
      check "$m: not probed on WASI, in CPPFLAGS" grep -q -- "-DHAVE_PTHREAD_SIGMASK=1" "$d/Makefile"
    else
      check "$m in pyconfig.h" grep -qx "#define $m 1" "$d/pyconfig.h"
    fi
  done
  for f in alarm setitimer getitimer pause pthread_sigmask pthread_kill sigpending \
           sigwait sigwaitinfo sigtimedwait valid_signals siginterrupt strsignal; do
    check "signal.$f compiled in" grep -q "^signal_${f}_impl(" "$d/signalmodule.i"
  done
  check "os.kill compiled in" grep -q "^os_kill_impl(" "$d/posixmodule.i"
  check "time.sleep calls clock_nanosleep (absolute deadline)" grep -q "ret = clock_nanosleep(.*, &timeout_abs," "$d/timemodule.i"
  check "PyErr_CheckSignals calls sigemu_libc_poll()" grep -q "sigemu_libc_poll()" "$d/signalmodule.i"
  check "the eval loop calls sigemu_libc_poll() (ceval.o)" grep -q " U sigemu_libc_poll$" <(llvm-nm-14 "$d/Python/ceval.o")
  return "$fail"
}

cmd="${1:-all}"; shift || true
case "$cmd" in
  fetch) cpython_src >/dev/null; fetch_src zlib >/dev/null; fetch_src bzip2 >/dev/null ;;
  native) build_native ;;
  emscripten|emscripten-pthread|wasi) build_target "$cmd" "${1:-stock}" ;;
  emscripten-browser) build_browser "${1:-stock}" ;;
  all)
    flavours=("$@"); [ "${#flavours[@]}" -gt 0 ] || flavours=(stock)
    build_native
    for fl in "${flavours[@]}"; do
      build_target wasi "$fl"
      [ "$fl" = sigemu-pure ] || build_target emscripten "$fl"  # sigemu-pure: WASI only
    done ;;
  plumbing)
    rc=0
    for t in ${1:-wasi emscripten}; do plumbing_target "$t" || rc=1; done
    cat "$here"/patches/*.patch | awk '/^\+\+\+ /{f++; next} /^--- /{next} /^\+/{a++} /^-/{r++}
      END {printf "patch: %d file(s), %d lines added, %d removed\n", f, a, r}' 
    exit "$rc" ;;
  path)
    t="${1:?target}"; fl="${2:-}"
    [ -L "$OUT/$t${fl:+-$fl}" ] || die "$t${fl:+-$fl} is not built (python/build.sh $t ${fl})"
    readlink "$OUT/$t${fl:+-$fl}" ;;
  *) die "unknown command $cmd" ;;
esac
exit
}
