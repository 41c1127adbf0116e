#!/usr/bin/env bash
# tests/libc/link-study.sh — the link facts the POSIX layer is built on,
# measured on the toolchains of this machine. Every fact in docs/libc.md's
# link study comes from a run of this script; it writes its experiments
# under build/libc/link-study/ and prints one line per fact.
#
#   link-study.sh [emscripten] [wasi] [emscripten-new] [wasi-new]
#
# (default: all that are installed). The -new ones are the current
# toolchain of a Debian 13 root under ${SIGEMU_CACHE:-~/.cache/sigemu}
# (LIBC_NEW_ROOT overrides), run through chroot.
#
# Each experiment links tiny programs against stub libraries generated from
# one table of the functions the layer provides (below). The stubs use only
# wasm-level types (pointers as void *), so the same files serve Emscripten
# and wasi-libc, whose headers hide most of these declarations.
#   defined   which functions libc already has, and where (a libc.a member
#             per `-Wl,-y`, or an Emscripten JS library function), which
#             are missing (undefined symbol)
#   dup       a user archive that defines all of them, linked before libc:
#             which definitions collide ("duplicate symbol")
#   wrap      -Wl,--wrap=NAME for each: does the program's call reach
#             __wrap_NAME (JS library functions included)?
#   internal  libc's own callers: calling signal(), sleep(), ... with every
#             callee name wrapped: which wrapper does libc's code reach?
#   rsp       one link flag: a response file @sigemu_libc.rsp holding the
#             --wrap options and the archive
#   js        overriding an Emscripten JS library function (alarm): by a C
#             definition, and by a later --js-library
#   setjmp    whether sigsetjmp is a function or a macro for setjmp
#   include   one compile flag: a -I directory whose signal.h adds to the
#             C library's with #include_next
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/build/libc/link-study"
if [ -d /usr/share/nodejs/acorn ] && [ -z "${NODE_PATH:-}" ]; then export NODE_PATH=/usr/share/nodejs; fi
NODE=(node --no-experimental-fetch --no-warnings)
mkdir -p "$out"
# The current toolchain: a Debian 13 root (Emscripten 3.1.69, clang-19,
# wasi-libc 2024) made by the toolchain work under the cache directory; its
# compilers run through chroot, on files under the root's /tmp.
NEW_ROOT="${LIBC_NEW_ROOT:-$(ls -d "${SIGEMU_CACHE:-$HOME/.cache/sigemu}"/debian13-*/ 2>/dev/null | head -1)}"
NEW_ROOT="${NEW_ROOT%/}"
toolchains=("$@")
if [ ${#toolchains[@]} -eq 0 ]; then
  toolchains=(emscripten wasi)
  [ -n "$NEW_ROOT" ] && toolchains+=(emscripten-new wasi-new)
fi
ROOTPFX=""
# incroot CMD...: runs a command inside the Debian 13 root; paths under the
# root lose their prefix. A script, not a function, so that timeout can run it.
incroot="$out/incroot"
if [ -n "$NEW_ROOT" ]; then
  cat >"$incroot" <<EOF
#!/usr/bin/env bash
root="$NEW_ROOT"
args=()
for a in "\$@"; do args+=("\${a//"\$root"/}"); done
exec chroot "$NEW_ROOT" env -u NODE_EXTRA_CA_CERTS "\${args[@]}"
EOF
  chmod +x "$incroot"
fi

# name | return type | parameters | arguments for a call
table='
sigaction|int|int s, const void *a, void *o|10, 0, 0
signal|void *|int s, void *h|10, 0
bsd_signal|void *|int s, void *h|10, 0
sigprocmask|int|int h, const void *s, void *o|0, 0, 0
pthread_sigmask|int|int h, const void *s, void *o|0, 0, 0
sigpending|int|void *s|0
sigsuspend|int|const void *s|0
sigwait|int|const void *s, int *n|0, 0
sigwaitinfo|int|const void *s, void *i|0, 0
sigtimedwait|int|const void *s, void *i, const void *t|0, 0, 0
sigqueue|int|int p, int s, union stub_sigval v|0, 0, (union stub_sigval){0}
raise|int|int s|0
kill|int|int p, int s|0, 0
killpg|int|int p, int s|0, 0
pthread_kill|int|void *t, int s|0, 0
alarm|unsigned|unsigned s|0
setitimer|int|int w, const void *n, void *o|0, 0, 0
getitimer|int|int w, void *o|0, 0
pause|int|void|
siginterrupt|int|int s, int f|10, 1
sighold|int|int s|10
sigrelse|int|int s|10
sigignore|int|int s|10
sigset|void *|int s, void *h|10, 0
sigpause|int|int s|10
psignal|void|int s, const char *m|10, 0
psiginfo|void|const void *i, const char *m|0, 0
strsignal|char *|int s|10
sigemptyset|int|void *s|0
sigfillset|int|void *s|0
sigaddset|int|void *s, int n|0, 1
sigdelset|int|void *s, int n|0, 1
sigismember|int|const void *s, int n|0, 1
sigisemptyset|int|const void *s|0
sigorset|int|void *d, const void *a, const void *b|0, 0, 0
sigandset|int|void *d, const void *a, const void *b|0, 0, 0
sigaltstack|int|const void *n, void *o|0, 0
sleep|unsigned|unsigned s|0
usleep|int|unsigned u|0
nanosleep|int|const void *r, void *m|0, 0
clock_nanosleep|int|void *c, int f, const void *r, void *m|0, 0, 0, 0
select|int|int n, void *r, void *w, void *e, void *t|0, 0, 0, 0, 0
poll|int|void *f, unsigned long n, int t|0, 0, 0
abort|void|void|
'
# libc-internal names that libc's own code calls (musl), wrapped in the
# "internal" experiment next to the public ones.
internal_table='
__sigaction|int|int s, const void *a, void *o|10, 0, 0
__clock_nanosleep|int|void *c, int f, const void *r, void *m|0, 0, 0, 0
__sysv_signal|void *|int s, void *h|10, 0
'
# caller (a real libc function, called with harmless arguments) -> the
# callees whose wrappers might see it.
callers='
signal|signal(SIGUSR1, SIG_IGN)
bsd_signal|bsd_signal(SIGUSR1, SIG_IGN)
siginterrupt|siginterrupt(SIGUSR1, 1)
sigprocmask|sigprocmask(SIG_BLOCK, &set, 0)
sigwait|sigwait(&set, &n)
sigwaitinfo|sigwaitinfo(&set, 0)
sleep|sleep(0)
usleep|usleep(0)
nanosleep|nanosleep(&ts, 0)
kill|kill(getpid(), 0)
killpg|killpg(getpgrp(), 0)
pause|pause()
psignal|psignal(SIGUSR1, "x")
raise|raise(SIGUSR1)
abort|abort()
__assert_fail|assert(ts.tv_sec == 5)
sigset|sigset(SIGUSR1, SIG_IGN)
sighold|sighold(SIGUSR1)
sigpause|sigpause(SIGUSR1)
'
names() { echo "$1" | sed '/^$/d' | cut -d'|' -f1; }

gen_sources() { # dir
  local d="$1"
  mkdir -p "$d/stubs" "$d/wraps"
  python3 - "$d" "$table" "$internal_table" <<'EOF'
import os, sys
d, table, internal = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [l.split("|") for l in table.strip().splitlines()]
irows = [l.split("|") for l in internal.strip().splitlines()]
head = ('#include <stdio.h>\n'
        'union stub_sigval { int sival_int; void *sival_ptr; };\n')
def proto(n, r, p, prefix=""):
    return f"{r} {prefix}{n}({p or 'void'})"
with open(os.path.join(d, "protos.h"), "w") as f:
    f.write(head)
    for n, r, p, _ in rows + irows:
        f.write(proto(n, r, p) + ";\n")
def body(r, tag):
    ret = "" if r.strip() == "void" else ("return 0;" if "*" not in r else "return (void *)0;")
    return "{ puts(\"" + tag + "\"); " + ret + " }\n"
for n, r, p, _ in rows + irows:
    with open(os.path.join(d, "stubs", n + ".c"), "w") as f:
        f.write(head + proto(n, r, p) + " " + body(r, "stub " + n))
    with open(os.path.join(d, "wraps", n + ".c"), "w") as f:
        f.write(head + proto(n, r, p, "__wrap_") + " " + body(r, "wrap " + n))
with open(os.path.join(d, "callall.c"), "w") as f:
    f.write('#include "protos.h"\nint main(void) {\n  setvbuf(stdout, 0, _IONBF, 0);\n')
    for n, r, p, a in rows:
        f.write(f"  {n}({a});\n")
    f.write("  return 0;\n}\n")
EOF
}

# ---- per toolchain: compiler, archiver, runner ------------------------------
setup_tc() {
  case "$1" in
    emscripten)
      CC=(emcc -O1); AR=(emar); RUN=("${NODE[@]}")
      EXT=js; LIBS_EXTRA=(); EXIT=(-sEXIT_RUNTIME=1)
      command -v emcc >/dev/null || return 1
      TC_VERSION="$(emcc --version 2>/dev/null | sed -n 1p | sed 's/.*) \([0-9.]*\).*/\1/') (wasm-ld $(wasm-ld-14 --version 2>/dev/null | sed 's/.*LLD \([0-9.]*\).*/\1/'))" ;;
    wasi)
      local sr="$out/wasi-sysroot"
      mkdir -p "$sr/include" "$sr/lib"
      ln -sfn /usr/include/wasm32-wasi "$sr/include/wasm32-wasi"
      ln -sfn /usr/lib/wasm32-wasi "$sr/lib/wasm32-wasi"
      CC=(clang-14 --target=wasm32-wasi --sysroot="$sr" -O1); AR=(llvm-ar-14); RUN=("${NODE[@]}" "$root/js/bin/run-wasi.mjs")
      EXT=wasm; LIBS_EXTRA=(-lwasi-emulated-signal -lwasi-emulated-getpid); EXIT=()
      command -v clang-14 >/dev/null && [ -e /usr/lib/wasm32-wasi/libc.a ] || return 1
      TC_VERSION="clang-14 + wasi-libc $(dpkg-query -W -f='${Version}' wasi-libc 2>/dev/null)" ;;
    emscripten-new)
      [ -n "$NEW_ROOT" ] && [ -x "$NEW_ROOT/usr/bin/emcc" ] || return 1
      CC=("$incroot" emcc -O1); AR=("$incroot" emar); RUN=("$incroot" "${NODE[@]}")
      EXT=js; LIBS_EXTRA=(); EXIT=(-sEXIT_RUNTIME=1)
      TC_VERSION="$("$incroot" emcc --version 2>/dev/null | sed -n 1p | sed 's/.*) \([0-9.]*\).*/\1/') (wasm-ld $("$incroot" wasm-ld-19 --version 2>/dev/null | sed 's/.*LLD \([0-9.]*\).*/\1/'), Debian 13 root)" ;;
    wasi-new)
      [ -n "$NEW_ROOT" ] && [ -x "$NEW_ROOT/usr/bin/clang-19" ] || return 1
      local sr="$ROOTPFX/tmp/sigemu-link-study/wasi-sysroot"
      mkdir -p "$sr/include" "$sr/lib"
      # wasm32-wasi, not wasm32-wasip1: Debian's compiler-rt for wasm32 sits
      # where clang looks for the former (lib/wasi/).
      ln -sfn /usr/include/wasm32-wasi "$sr/include/wasm32-wasi"
      ln -sfn /usr/lib/wasm32-wasi "$sr/lib/wasm32-wasi"
      mkdir -p "$ROOTPFX/tmp/sigemu-link-study"
      rm -rf "$ROOTPFX/tmp/sigemu-link-study/js"
      cp -r "$root/js" "$ROOTPFX/tmp/sigemu-link-study/js"
      CC=("$incroot" clang-19 --target=wasm32-wasi --sysroot="$sr" -O1); AR=("$incroot" llvm-ar-19)
      RUN=("$incroot" "${NODE[@]}" "$ROOTPFX/tmp/sigemu-link-study/js/bin/run-wasi.mjs")
      EXT=wasm; LIBS_EXTRA=(-lwasi-emulated-signal -lwasi-emulated-getpid); EXIT=()
      TC_VERSION="clang-19 + wasi-libc $("$incroot" dpkg-query -W -f='${Version}' wasi-libc 2>/dev/null) (Debian 13 root)" ;;
  esac
}

build_archive() { # dir name srcdir names...
  local d="$1" lib="$2" src="$3"; shift 3
  local objs=() n
  for n in "$@"; do
    "${CC[@]}" -c -I"$d" "$src/$n.c" -o "$d/$lib-$n.o" >>"$d/build.log" 2>&1 || return 1
    objs+=("$d/$lib-$n.o")
  done
  rm -f "$d/lib$lib.a"
  "${AR[@]}" rcs "$d/lib$lib.a" "${objs[@]}"
}

# Runs the compiler with its command line as the log's first line, so that
# every fact can be reproduced from its log.
run_cc() { # log args...
  local log="$1"; shift
  echo "+ ${CC[*]} $*" >"$log"
  "${CC[@]}" "$@" >>"$log" 2>&1
}

fact() { printf '%-14s %-9s %s\n' "$tc" "$1" "$2"; echo "$1 $2" >>"$facts"; }

study() {
  tc="$1"
  case "$tc" in *-new) ROOTPFX="$NEW_ROOT" ;; *) ROOTPFX="" ;; esac
  setup_tc "$tc" || { echo "$tc: toolchain not installed — skipped"; return 0; }
  # Work under the root's /tmp for the chroot toolchains (copied back to
  # build/ at the end), under build/ otherwise.
  local d="$out/$tc"
  [ -n "$ROOTPFX" ] && d="$ROOTPFX/tmp/sigemu-link-study/$tc"
  rm -rf "$d" "$out/$tc"; mkdir -p "$d" "$out/$tc"
  facts="$out/$tc/facts.txt"
  gen_sources "$d"
  echo "== $tc: $TC_VERSION"
  echo "$TC_VERSION" >"$d/version.txt"
  local all; all=$(names "$table")

  # -- defined / missing: one link that references everything, with -y.
  local ys=() n
  for n in $all; do ys+=("-Wl,-y,$n"); done
  run_cc "$d/defined.log" -I"$d" "$d/callall.c" -o "$d/defined.$EXT" "${ys[@]}" "${LIBS_EXTRA[@]}" -Wl,--error-limit=0
  local missing=() inlibc=() injs=()
  for n in $all; do
    if grep -qE "undefined symbol: $n\b" "$d/defined.log"; then missing+=("$n")
    elif grep -qE "definition of $n\$" "$d/defined.log"; then
      inlibc+=("$n($(grep -E "definition of $n\$" "$d/defined.log" | head -1 | sed -n 's/.*(\(.*\)): definition.*/\1/p'))")
    else injs+=("$n"); fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    # The others, once the missing ones are given to the linker.
    run_cc "$d/defined2.log" -I"$d" "$d/callall.c" -o "$d/defined.$EXT" "${ys[@]}" "${LIBS_EXTRA[@]}" \
      $(for n in "${missing[@]}"; do echo "$d/stubs/$n.c"; done) -Wl,--error-limit=0
    inlibc=(); injs=()
    for n in $all; do
      [[ " ${missing[*]} " == *" $n "* ]] && continue
      if grep -qE "definition of $n\$" "$d/defined2.log"; then
        inlibc+=("$n($(grep -E "definition of $n\$" "$d/defined2.log" | grep -v "/stubs/" | head -1 | sed -n 's/.*(\(.*\)): definition.*/\1/p'))")
      else injs+=("$n"); fi
    done
  fi
  fact defined "in libc: ${inlibc[*]:-none}"
  [[ "$tc" == emscripten* ]] && fact defined "JS library functions (no wasm definition): ${injs[*]:-none}"
  [[ "$tc" == wasi* ]] && [ ${#injs[@]} -gt 0 ] && fact defined "neither in libc nor missing (check): ${injs[*]}"
  fact missing "${missing[*]:-none}"

  # -- dup: a user archive with every function, before libc.
  build_archive "$d" user "$d/stubs" $all || { fact dup "stub archive did not build (see $d/build.log)"; return; }
  run_cc "$d/dup.log" -I"$d" "$d/callall.c" -o "$d/dup.$EXT" "$d/libuser.a" "${LIBS_EXTRA[@]}" "${EXIT[@]}" -Wl,--error-limit=0
  local dups; dups=$(sed -n 's/.*duplicate symbol: \([A-Za-z_0-9]*\).*/\1/p' "$d/dup.log" | sort -u | tr '\n' ' ')
  fact dup "user archive defining all, program calling all: duplicates: ${dups:-none}"
  if [ -z "$dups" ]; then
    local used; used=$("${RUN[@]}" "$d/dup.$EXT" 2>&1 | grep -c '^stub ')
    fact dup "  the program reached $used of $(echo "$all" | wc -w) user definitions"
  fi
  # The same with an object file (always linked) instead of an archive.
  run_cc "$d/dupobj.log" -I"$d" "$d/callall.c" -o "$d/dupobj.$EXT" "$d"/user-*.o "${LIBS_EXTRA[@]}" "${EXIT[@]}" -Wl,--error-limit=0
  dups=$(sed -n 's/.*duplicate symbol: \([A-Za-z_0-9]*\).*/\1/p' "$d/dupobj.log" | sort -u | tr '\n' ' ')
  fact dup "user objects (not an archive) defining all: duplicates: ${dups:-none}"
  # A program that also uses SIG_IGN / SIG_ERR (wasi-libc: functions in
  # libwasi-emulated-signal's signal.o) pulls libc's member in beside ours.
  cat >"$d/sigign.c" <<'EOF'
#define _WASI_EMULATED_SIGNAL
#include <signal.h>
#include <stdio.h>
int main(void) { signal(SIGINT, SIG_IGN); raise(SIGINT); puts("done"); return 0; }
EOF
  run_cc "$d/sigign.log" "$d/sigign.c" -o "$d/sigign.$EXT" "$d/libuser.a" "${LIBS_EXTRA[@]}" "${EXIT[@]}" -Wl,--error-limit=0
  dups=$(sed -n 's/.*duplicate symbol: \([A-Za-z_0-9]*\).*/\1/p' "$d/sigign.log" | sort -u | tr '\n' ' ')
  if [ -n "$dups" ]; then fact dup "program using SIG_IGN + user archive defining signal/raise: duplicates: $dups"
  else fact dup "program using SIG_IGN + user archive defining signal/raise: links; runs: $("${RUN[@]}" "$d/sigign.$EXT" 2>&1 | tr '\n' ' ')"; fi

  # The same program with --wrap=signal --wrap=raise and a wrapper archive:
  # nothing named signal or raise is defined by us, so libc's member can
  # come in (for SIG_IGN) without a clash.
  build_archive "$d" sigwrap "$d/wraps" signal raise || return
  if run_cc "$d/sigign_wrap.log" "$d/sigign.c" -o "$d/sigign_wrap.$EXT" "$d/libsigwrap.a" -Wl,--wrap=signal -Wl,--wrap=raise "${LIBS_EXTRA[@]}" "${EXIT[@]}" -Wl,--error-limit=0; then
    fact dup "the same with --wrap=signal --wrap=raise and __wrap_ definitions: links; runs: $("${RUN[@]}" "$d/sigign_wrap.$EXT" 2>&1 | tr '\n' ' ')"
  else
    fact dup "the same with --wrap: $(grep -oE 'duplicate symbol: [A-Za-z_0-9]+|undefined symbol: [A-Za-z_0-9]+' "$d/sigign_wrap.log" | sort -u | tr '\n' ' ')"
  fi

  # A library that defines only some of them: a libc member pulled in for
  # another symbol brings its own copy along.
  partial() { # label "stubs" "calls": who defines what, per -Wl,-y
    local label="$1" stubs="$2" calls="$3" c ys=()
    { echo '#include "protos.h"'; echo 'int main(void) {'
      for c in $calls; do echo "  $(echo "$table$internal_table" | awk -F'|' -v n="$c" '$1==n{print n "(" $4 ");"}')"; done
      echo '  return 0;'; echo '}'; } >"$d/partial_$label.c"
    build_archive "$d" "p_$label" "$d/stubs" $stubs || return
    for c in $stubs $calls; do ys+=("-Wl,-y,$c"); done
    if run_cc "$d/partial_$label.log" -I"$d" "$d/partial_$label.c" -o "$d/partial_$label.$EXT" "$d/libp_$label.a" "${ys[@]}" "${LIBS_EXTRA[@]}" "${EXIT[@]}" -Wl,--error-limit=0; then
      fact dup "user defines {$stubs}, program calls {$calls}: links; $(sed -n 's/.*(\([^()]*\)): definition of \([A-Za-z_0-9]*\)$/\2 from \1/p' "$d/partial_$label.log" | sed 's/^\(.*\) from p_[a-z]*-.*/\1 from the user archive/' | sort -u | tr '\n' ';' | sed 's/;/; /g')"
    else
      fact dup "user defines {$stubs}, program calls {$calls}: $(grep -oE 'duplicate symbol: [A-Za-z_0-9]+|undefined symbol: [A-Za-z_0-9]+' "$d/partial_$label.log" | sort -u | tr '\n' ' ')"
    fi
  }
  partial mask "pthread_sigmask" "pthread_sigmask sigpending"
  partial act "sigaction __sigaction" "sigaction signal raise"
  partial sleep "nanosleep" "sleep usleep"
  partial raise "raise" "raise kill"

  # -- wrap: every public name wrapped; which wrappers does the program reach?
  build_archive "$d" wrap "$d/wraps" $all || { fact wrap "wrap archive did not build"; return; }
  local ws=()
  for n in $all; do ws+=("-Wl,--wrap=$n"); done
  if run_cc "$d/wrap.log" -I"$d" "$d/callall.c" -o "$d/wrap.$EXT" "$d/libwrap.a" "${ws[@]}" "${LIBS_EXTRA[@]}" "${EXIT[@]}" -Wl,--error-limit=0; then
    "${RUN[@]}" "$d/wrap.$EXT" >"$d/wrap.out" 2>&1
    local reached=() not=()
    for n in $all; do
      if grep -qx "wrap $n" "$d/wrap.out"; then reached+=("$n"); else not+=("$n"); fi
    done
    fact wrap "--wrap=NAME reaches __wrap_NAME from the program for ${#reached[@]} of $(echo "$all" | wc -w); not for: ${not[*]:-none}"
  else
    fact wrap "link with --wrap failed: $(grep -m3 error "$d/wrap.log" | tr '\n' ' ')"
  fi

  # -- internal: libc's own callers, every candidate callee wrapped.
  local inames; inames="$all $(names "$internal_table")"
  build_archive "$d" iwrap "$d/wraps" $inames || { fact internal "wrap archive did not build"; return; }
  ws=()
  for n in $inames; do ws+=("-Wl,--wrap=$n"); done
  local line caller call
  while IFS='|' read -r caller call; do
    [ -n "$caller" ] || continue
    cat >"$d/call_$caller.c" <<EOF
#define _GNU_SOURCE
#define _WASI_EMULATED_SIGNAL
#include <assert.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
int main(void) {
  long set[16] = {0}; int n; struct timespec ts = {0, 0}; /* set: as big as any sigset_t */
  (void)set; (void)n; (void)ts;
  setvbuf(stdout, 0, _IONBF, 0);
  puts("calling $caller");
  $call;
  return 0;
}
EOF
    # The caller itself must stay libc's: its own --wrap is left out, and
    # __real_ is not needed (the extern above is never used).
    local wsc=()
    for n in $inames; do [ "$n" = "$caller" ] || wsc+=("-Wl,--wrap=$n"); done
    if ! run_cc "$d/call_$caller.log" -w -Wno-error=implicit-function-declaration "$d/call_$caller.c" -o "$d/call_$caller.$EXT" "$d/libiwrap.a" "${wsc[@]}" "${LIBS_EXTRA[@]}" "${EXIT[@]}" -Wl,--error-limit=0; then
      local why; why=$(grep -m1 -oE "undefined symbol: [A-Za-z_0-9]+" "$d/call_$caller.log" || grep -m1 -oE "error: .*" "$d/call_$caller.log")
      fact internal "$caller: not testable here ($why)"
      continue
    fi
    local seen; seen=$(timeout 20 "${RUN[@]}" "$d/call_$caller.$EXT" 2>&1 | sed -n 's/^wrap //p' | sort -u | tr '\n' ' ')
    fact internal "$caller -> ${seen:-(no wrapped callee reached)}"
  done <<<"$callers"

  # -- rsp: the link flag as one response file.
  {
    for n in $all; do echo "-Wl,--wrap=$n"; done
    echo "${d#$ROOTPFX}/libwrap.a"
  } >"$d/sigemu_libc.rsp"
  if run_cc "$d/rsp.log" -I"$d" "$d/callall.c" -o "$d/rsp.$EXT" "@$d/sigemu_libc.rsp" "${LIBS_EXTRA[@]}" "${EXIT[@]}"; then
    fact rsp "one link flag @sigemu_libc.rsp (--wrap list + archive): links; wrappers reached: $("${RUN[@]}" "$d/rsp.$EXT" 2>&1 | grep -c '^wrap ')"
  else
    fact rsp "@sigemu_libc.rsp: link failed: $(grep -m2 -i error "$d/rsp.log" | tr '\n' ' ')"
  fi

  # A GNU ld linker script (INPUT/--wrap in a .ld file) would be the other
  # way to make one link flag: wasm-ld has none.
  echo "INPUT(${d#$ROOTPFX}/libwrap.a)" >"$d/sigemu_libc.ld"
  run_cc "$d/ldscript.log" -I"$d" "$d/callall.c" -o "$d/ldscript.$EXT" -Wl,-T,"$d/sigemu_libc.ld" "${LIBS_EXTRA[@]}" &&
    fact rsp "a linker script (-Wl,-T): accepted" ||
    fact rsp "a linker script (-Wl,-T,file.ld): $(grep -m1 -oE 'wasm-ld[^:]*: error: .*' "$d/ldscript.log")"

  # -- js (Emscripten): overriding the JS library's alarm.
  if [[ "$tc" == emscripten* ]]; then
    cat >"$d/alarm_main.c" <<'EOF'
#include <stdio.h>
#include <unistd.h>
int main(void) { setvbuf(stdout, 0, _IONBF, 0); printf("alarm returned %u\n", alarm(7)); return 0; }
EOF
    cat >"$d/alarm_c.c" <<'EOF'
#include <stdio.h>
unsigned alarm(unsigned s) { printf("C alarm(%u)\n", s); return 42; }
EOF
    cat >"$d/alarm_lib.js" <<'EOF'
mergeInto(LibraryManager.library, {
  alarm: function(s) { out('JS override alarm(' + s + ')'); return 43; },
});
EOF
    "${CC[@]}" -c "$d/alarm_c.c" -o "$d/alarm_c.o" && "${AR[@]}" rcs "$d/libalarmc.a" "$d/alarm_c.o"
    run_cc "$d/alarm_c.log" "$d/alarm_main.c" -o "$d/alarm_c.$EXT" "$d/libalarmc.a" "${EXIT[@]}" &&
      fact js "C definition of alarm in a user archive: $("${RUN[@]}" "$d/alarm_c.$EXT" 2>&1 | tr '\n' ' ')" ||
      fact js "C definition of alarm: link failed: $(grep -m1 error "$d/alarm_c.log")"
    run_cc "$d/alarm_js.log" "$d/alarm_main.c" -o "$d/alarm_js.$EXT" --js-library "$d/alarm_lib.js" "${EXIT[@]}" &&
      fact js "--js-library redefining alarm: $("${RUN[@]}" "$d/alarm_js.$EXT" 2>&1 | tr '\n' ' ')" ||
      fact js "--js-library redefining alarm: link failed: $(grep -m1 -i error "$d/alarm_js.log")"
    # The JS alarm calls the wasm export `raise` directly: --wrap=raise does
    # not route that call (runs after main returns, EXIT_RUNTIME=0).
    cat >"$d/alarm_raise.c" <<'EOF'
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
static void h(int s) { printf("libc's raise ran the handler for %d\n", s); }
int __wrap_raise(int s) { printf("__wrap_raise(%d)\n", s); return 0; }
int main(void) { setvbuf(stdout, 0, _IONBF, 0); signal(SIGALRM, h); alarm(0); puts("main returns"); return 0; }
EOF
    if run_cc "$d/alarm_raise.log" "$d/alarm_raise.c" -o "$d/alarm_raise.$EXT" -Wl,--wrap=raise; then
      fact js "JS alarm firing with --wrap=raise: $(timeout 20 "${RUN[@]}" "$d/alarm_raise.$EXT" 2>&1 | tr '\n' ' ')"
    else
      fact js "--wrap=raise in a program that uses the JS alarm: link fails: $(grep -m1 -oE 'undefined symbol: [a-z_]+ \(referenced by [a-z_]+__deps' "$d/alarm_raise.log")"
    fi
    cat >"$d/alarm_raise2.c" <<'EOF'
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
int __wrap_raise(int s) { printf("__wrap_raise(%d)\n", s); return 0; }
unsigned __wrap_alarm(unsigned s) { printf("__wrap_alarm(%u)\n", s); return __wrap_raise(SIGALRM); }
int main(void) { setvbuf(stdout, 0, _IONBF, 0); alarm(0); raise(SIGUSR1); return 0; }
EOF
    if run_cc "$d/alarm_raise2.log" "$d/alarm_raise2.c" -o "$d/alarm_raise2.$EXT" -Wl,--wrap=raise -Wl,--wrap=alarm "${EXIT[@]}"; then
      fact js "--wrap=raise with --wrap=alarm too: links; $(timeout 20 "${RUN[@]}" "$d/alarm_raise2.$EXT" 2>&1 | tr '\n' ' ')"
    else
      fact js "--wrap=raise --wrap=alarm: link fails: $(grep -m1 -i error "$d/alarm_raise2.log")"
    fi
  fi

  # -- setjmp: is sigsetjmp a function that saves the mask, or a macro?
  printf '#define _GNU_SOURCE\n#include <setjmp.h>\nsigjmp_buf b; int f(void) { return sigsetjmp(b, 1); }\n' >"$d/sigsetjmp.c"
  if run_cc "$d/sigsetjmp.log" -E "$d/sigsetjmp.c" -o "$d/sigsetjmp.i"; then
    fact setjmp "sigsetjmp(b, 1) preprocesses to: $(grep -o 'return [^;]*;' "$d/sigsetjmp.i" | tail -1)"
  else
    fact setjmp "<setjmp.h>: $(grep -m1 -oE 'error: .*' "$d/sigsetjmp.log")"
  fi

  # -- include: one -I directory whose signal.h extends libc's.
  mkdir -p "$d/shim"
  cat >"$d/shim/signal.h" <<'EOF'
/* a shim: libc's signal.h, then what it lacks */
#ifndef _WASI_EMULATED_SIGNAL
#define _WASI_EMULATED_SIGNAL
#endif
#include_next <signal.h>
#ifndef SHIM_SIGNAL_EXTRA
#define SHIM_SIGNAL_EXTRA
int shim_marker(void);
#endif
EOF
  cat >"$d/shim_main.c" <<'EOF'
#include <signal.h>
#include <stdio.h>
int shim_marker(void) { return 7; }
int main(void) { printf("shim declared: %d, SIGINT %d\n", shim_marker(), SIGINT); return 0; }
EOF
  if run_cc "$d/shim.log" -I"$d/shim" "$d/shim_main.c" -o "$d/shim.$EXT" "${EXIT[@]}"; then
    fact include "-I shim with #include_next <signal.h>: compiles; $("${RUN[@]}" "$d/shim.$EXT" 2>&1 | tr '\n' ' ')"
  else
    fact include "-I shim with #include_next: failed: $(grep -m1 error "$d/shim.log")"
  fi
}

for t in "${toolchains[@]}"; do
  study "$t"
  if [ -n "$ROOTPFX" ] && [ -d "$ROOTPFX/tmp/sigemu-link-study/$t" ]; then
    cp -r "$ROOTPFX/tmp/sigemu-link-study/$t/." "$out/$t/"
    rm -rf "$ROOTPFX/tmp/sigemu-link-study/$t"
  fi
done
[ -n "$NEW_ROOT" ] && rm -rf "$NEW_ROOT/tmp/sigemu-link-study"
echo "(experiments and logs: $out)"
