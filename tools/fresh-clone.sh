#!/usr/bin/env bash
# tools/fresh-clone.sh [REPO] — the README's two commands on a fresh clone
# (`make fresh-clone`). Clones REPO (default: this repository; its committed
# HEAD) into build/fresh-clone/<time>/sigemu, so that nothing carries over:
# no build/, no node_modules/, a new Wine prefix (it lives under the clone's
# build/). Runs `make demo`, then `make test`, each once, and checks that
# both exit 0 the first time and that the clone is left as git checked it
# out. Prints each command's exit status and time; the logs stay beside the
# clone (delete build/fresh-clone when done).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repo="${1:-$root}"
dir="${FRESH_DIR:-$root/build/fresh-clone/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$dir"
echo "fresh-clone: cloning $repo into $dir/sigemu"
git clone -q "$repo" "$dir/sigemu" || exit 1
cd "$dir/sigemu" || exit 1
echo "fresh-clone: at $(git log -1 --format='%h %s')"
# Nothing from the caller's environment that points at another tree.
unset WINEPREFIX SIGEMU_DOCS_ROOT PARITY_ONLY BENCH_QUICK
status=0
for target in demo test; do
  t0=$(date +%s)
  make "$target" >"$dir/make-$target.log" 2>&1
  rc=$?
  echo "fresh-clone: make $target: exit $rc in $(( $(date +%s) - t0 )) s (log: $dir/make-$target.log)"
  [ "$rc" -eq 0 ] || { status=1; tail -n 30 "$dir/make-$target.log" | sed 's/^/    /'; }
done
changed="$(git status --porcelain)"
if [ -n "$changed" ]; then
  echo "fresh-clone: the commands changed the clone:"; echo "$changed" | sed 's/^/    /'; status=1
fi
[ "$status" -eq 0 ] && echo "fresh-clone: both commands passed the first time" ||
  echo "fresh-clone: FAILED"
exit $status
