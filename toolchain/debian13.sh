#!/usr/bin/env bash
# toolchain/debian13.sh — the second toolchain column: a Debian 13 (trixie)
# root with a current Emscripten (3.1.69), clang-19 and wasi-libc 2024, made
# by debootstrap on demand and reused while its inputs are unchanged.
#
#   debian13.sh root          create the root if missing; print its path
#   debian13.sh run CMD...    run CMD inside the root (chroot, in a private
#                             mount namespace with the repository bind-mounted
#                             at the same path, so paths are the same inside
#                             and outside)
#   debian13.sh preset NAME   configure + build preset NAME with the root's
#                             toolchain into build/NAME-d13 (NAME: emscripten,
#                             emscripten-pthread, wasi)
#   debian13.sh versions      print the tool versions inside the root
#   debian13.sh clean         remove every Debian 13 root in the cache
#
# Where: ${SIGEMU_CACHE:-$HOME/.cache/sigemu}/debian13-KEY, KEY a hash of the
# suite and the package list below (change either and a new root is made).
# The Debian mirror is read from this machine's apt sources at run time.
# Needs root (debootstrap, chroot, unshare); CI runs as root.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cache="${SIGEMU_CACHE:-$HOME/.cache/sigemu}"
suite=trixie
# The toolchains users have, plus what building the presets needs.
pkgs=(emscripten wasi-libc libclang-rt-19-dev-wasm32 nodejs cmake ninja-build)
key="$(printf '%s\n' "v1" "$suite" "${pkgs[@]}" | sha256sum | cut -c1-12)"
rootdir="$cache/debian13-$key"

# The machine's Debian mirror: the URI of the first deb source whose suites
# name the host's release (deb822 .sources first, then one-line lists).
mirror() {
  local codename f
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v cn="$codename" '
      function flush() { if (deb && uri != "" && (cn == "" || suites ~ ("(^| )" cn "( |$)"))) { print uri; found = 1; exit } }
      /^[[:space:]]*$/ { flush(); deb = 0; uri = ""; suites = ""; next }
      /^Types:/ { deb = ($0 ~ /(: | )deb( |$)/) }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { sub(/^Suites:[[:space:]]*/, ""); suites = $0 }
      END { if (!found) flush() }' "$f" | head -1
  done | head -1 | grep . && return 0
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk -v cn="$codename" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
      if (cn == "" || $(i+1) == cn) { print $i; exit } }' | grep . && return 0
  echo "debian13: no Debian mirror in /etc/apt/sources.list*" >&2
  return 1
}

create() {
  [ -f "$rootdir/.ready" ] && return 0
  command -v debootstrap >/dev/null || {
    echo "debian13: installing debootstrap" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
  }
  local url tmp t0
  url="$(mirror)"
  tmp="$rootdir.tmp"
  rm -rf "$tmp"
  mkdir -p "$cache"
  t0=$(date +%s)
  echo "debian13: debootstrap $suite into $rootdir (once; a few minutes)" >&2
  if ! debootstrap --variant=minbase --include="$(IFS=,; echo "${pkgs[*]}")" \
      "$suite" "$tmp" "$url" >"$cache/debian13-$key.log" 2>&1; then
    tail -20 "$cache/debian13-$key.log" >&2
    echo "debian13: debootstrap failed (log: $cache/debian13-$key.log)" >&2
    return 1
  fi
  rm -rf "$tmp/var/cache/apt/archives/"*.deb
  versions_of "$tmp" >"$tmp/.versions"
  mv "$tmp" "$rootdir"
  touch "$rootdir/.ready"
  echo "debian13: root ready in $(( $(date +%s) - t0 )) s: $(tr '\n' ' ' <"$rootdir/.versions")" >&2
}

versions_of() { # root
  chroot "$1" sh -c '
    echo "emscripten $(dpkg-query -W -f="\${Version}" emscripten)"
    echo "clang $(dpkg-query -W -f="\${Version}" clang-19 2>/dev/null || echo ?)"
    echo "wasi-libc $(dpkg-query -W -f="\${Version}" wasi-libc)"
    echo "node $(node --version)"
    echo "cmake $(cmake --version | head -1 | cut -d" " -f3)"'
}

# Run "$@" in the root: a private mount namespace (nothing to unmount
# afterwards, nothing leaks), the repository, /proc, /dev and /tmp bound in.
run_in() {
  create
  SIGEMU_D13_ROOT="$rootdir" SIGEMU_D13_REPO="$repo" unshare -m -- bash -c '
    set -e
    r="$SIGEMU_D13_ROOT"
    mount --make-rprivate / 2>/dev/null || true
    mkdir -p "$r$SIGEMU_D13_REPO"
    mount --bind "$SIGEMU_D13_REPO" "$r$SIGEMU_D13_REPO"
    mount -t proc proc "$r/proc"
    mount --rbind /dev "$r/dev"
    mount --bind /tmp "$r/tmp"
    cd "$PWD" 2>/dev/null || cd "$SIGEMU_D13_REPO"
    exec chroot "$r" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root \
      TERM=dumb LANG=C.UTF-8 \
      CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" \
      sh -c "cd \"\$0\" && exec \"\$@\"" "$PWD" "$@"' _ "$@"
}

preset() { # name
  local p="$1" b="build/$1-d13"
  case "$p" in emscripten|emscripten-pthread|wasi) ;; *)
    echo "debian13: preset must be emscripten, emscripten-pthread or wasi" >&2; return 2 ;;
  esac
  cd "$repo"
  mkdir -p build
  if [ ! -f "$b/build.ninja" ]; then
    run_in cmake --preset "$p" -B "$b" >"$b.configure.log" 2>&1 ||
      { cat "$b.configure.log"; return 1; }
  fi
  run_in cmake --build "$b" >"$b.build.log" 2>&1 || { tail -40 "$b.build.log"; return 1; }
}

cmd="${1:-root}"
[ $# -gt 0 ] && shift
case "$cmd" in
  root) create; echo "$rootdir" ;;
  run) run_in "$@" ;;
  preset) preset "$@" ;;
  versions) create; cat "$rootdir/.versions" ;;
  mirror) mirror ;;
  clean) rm -rf "$cache"/debian13-* ;;
  *) echo "usage: $0 root|run CMD...|preset NAME|versions|clean" >&2; exit 2 ;;
esac
