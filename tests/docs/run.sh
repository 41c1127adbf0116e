#!/usr/bin/env bash
# tests/docs/run.sh test|stamp — the checks that keep the docs honest, run by
# `make test` (a few seconds):
#   links       every relative link of a Markdown file resolves, and no file
#               names a Markdown document the repository does not have, or
#               an issue number (there is no tracker in the repository)
#   versions    include/sigemu.h, js/package.json and CHANGELOG.md agree
#   cmake       cmake_minimum_required and CMakePresets.json agree
#   screenshot  docs/img/web-demo.png and docs/img/python-console.png were
#               taken from the pages as they are now (`make docs-screenshot`
#               writes the stamps), and the page says the poll interval the
#               header has
#   generated   the doc generators write under build/ unless told otherwise
#               (a subset parity run, the bench report, the tables)
# `stamp` records the screenshot's inputs (what `make docs-screenshot` runs).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mode="${1:-test}"
stamp_file=docs/img/web-demo.png.inputs
page_inputs=(web-demo/index.html web-demo/app.js web-demo/style.css)
# The Python consoles' screenshot (python.html and what draws it).
py_stamp_file=docs/img/python-console.png.inputs
py_page_inputs=(web-demo/python.html web-demo/console.js web-demo/console.css web-demo/style.css
  web-demo/examples.mjs web-demo/py-worker.js web-demo/meter.js web-demo/console.py)

if [ "$mode" = stamp ]; then
  sha256sum "${page_inputs[@]}" >"$stamp_file"
  sha256sum "${py_page_inputs[@]}" >"$py_stamp_file"
  echo "docs: wrote $stamp_file and $py_stamp_file"
  exit 0
fi
[ "$mode" = test ] || { echo "usage: $0 test|stamp" >&2; exit 2; }

pass=0 fail=0
ok() { pass=$((pass+1)); echo "ok - $1"; }
not_ok() { fail=$((fail+1)); echo "not ok - $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/#   /'; }
check() { # name command...
  local name="$1" out; shift
  if out="$("$@" 2>&1)"; then ok "$name"; else not_ok "$name" "$out"; fi
}

# ---- links and references --------------------------------------------------
links() {
  python3 - <<'PY'
import os, re, subprocess, sys
files = subprocess.check_output(["git", "ls-files", "-co", "--exclude-standard"], text=True).split()
names = {os.path.basename(f) for f in files}
bad = []
text_ext = (".md", ".c", ".h", ".cpp", ".js", ".mjs", ".sh", ".py", ".cmake",
            ".txt", ".html", ".json", ".ts", "Makefile")
for f in files:
    if not f.endswith(text_ext) or not os.path.isfile(f):
        continue
    s = open(f, encoding="utf-8", errors="replace").read()
    if f.endswith(".md"):
        for m in re.finditer(r"\]\(([^)#\s]+)(#[^)]*)?\)", s):
            t = m.group(1)
            if re.match(r"[a-z]+:", t):
                continue
            if not os.path.exists(os.path.normpath(os.path.join(os.path.dirname(f), t))):
                bad.append(f"{f}: link to {t}, which does not exist")
    for m in re.finditer(r"\b([A-Z][A-Z0-9_-]+\.md)\b", s):
        if m.group(1) not in names:
            bad.append(f"{f}: names {m.group(1)}, which the repository does not have")
    for m in re.finditer(r"(?<![\w/.])(docs/[\w.-]+\.md)\b", s):
        if m.group(1) not in files:
            bad.append(f"{f}: names {m.group(1)}, which the repository does not have")
    for m in re.finditer(r"\bissue\s*#?\d+", s, re.I):
        bad.append(f"{f}: refers to '{m.group(0)}' (no issue tracker in the repository)")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}
check "links: relative links resolve, no missing documents or issue numbers" links

# ---- versions ----------------------------------------------------------------
versions() {
  local h j c
  h="$(sed -nE 's/^#define SIGEMU_VERSION_(MAJOR|MINOR|PATCH) ([0-9]+).*/\2/p' include/sigemu.h | paste -sd.)"
  j="$(node -p "require('./js/package.json').version")"
  c="$(sed -nE 's/^## \[?([0-9]+\.[0-9]+\.[0-9]+)\]?.*/\1/p' CHANGELOG.md | head -1)"
  echo "sigemu.h $h, js/package.json $j, CHANGELOG.md $c"
  [ -n "$h" ] && [ "$h" = "$j" ] && [ "$h" = "$c" ]
}
check "versions: sigemu.h, js/package.json and CHANGELOG.md agree" versions

# ---- CMake version -------------------------------------------------------------
cmake_versions() {
  python3 - <<'PY'
import json, re, sys
m = re.search(r"cmake_minimum_required\(VERSION (\d+)\.(\d+)", open("CMakeLists.txt").read())
need = (int(m.group(1)), int(m.group(2)))
p = json.load(open("CMakePresets.json"))
pm = p.get("cmakeMinimumRequired", {})
pneed = (pm.get("major", 0), pm.get("minor", 0))
# The CMake release that reads each presets schema version.
schema = {1: (3, 19), 2: (3, 20), 3: (3, 21), 4: (3, 23), 5: (3, 24), 6: (3, 25),
          7: (3, 27), 8: (3, 28), 9: (3, 30), 10: (3, 31)}[p["version"]]
print(f"CMakeLists.txt {need}, presets {pneed}, schema v{p['version']} needs {schema}")
sys.exit(0 if need == pneed and schema <= pneed else 1)
PY
}
check "cmake: cmake_minimum_required equals the presets' minimum, which reads their schema" cmake_versions

# ---- the README screenshot -------------------------------------------------------
screenshot() { # stamp file
  [ -f "$1" ] || { echo "$1 missing: run make docs-screenshot"; return 1; }
  sha256sum --quiet -c "$1" ||
    { echo "the page changed after the screenshot was taken: run make docs-screenshot"; return 1; }
}
check "screenshot: docs/img/web-demo.png shows the page as it is" screenshot "$stamp_file"
check "screenshot: docs/img/python-console.png shows the consoles as they are" screenshot "$py_stamp_file"
poll_text() {
  local h p
  h="$(sed -nE 's/^# *define SIGEMU_POLL_EVERY ([0-9]+).*/\1/p' include/sigemu.h)"
  p="$(grep -oE 'every [0-9]+ <code>sigemu_check' web-demo/app.js | grep -oE '[0-9]+')"
  echo "sigemu.h SIGEMU_POLL_EVERY $h, web-demo/app.js says $p"
  [ -n "$h" ] && [ "$h" = "$p" ]
}
check "screenshot: the page states the header's SIGEMU_POLL_EVERY" poll_text

# ---- generators write under build/ ---------------------------------------------
tracked_state() { git ls-files -z -co --exclude-standard | xargs -0 -r sha1sum 2>/dev/null | sort; }
unchanged() { # name command... : the command must leave every file outside build/ alone
  local name="$1" before after; shift
  before="$(tracked_state)"
  "$@" >"$tmp/gen.log" 2>&1
  local rc=$?
  after="$(tracked_state)"
  if [ "$before" = "$after" ]; then ok "$name (exit $rc)"
  else not_ok "$name" "$(diff <(echo "$before") <(echo "$after") | head -20)"; fi
}
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  unset SIGEMU_DOCS_ROOT
  unchanged "generated: a PARITY_ONLY subset run writes under build/ only" \
    env PARITY_ONLY='^check_noop$' tests/parity/run.sh parity
  # A bench report from two made-up records (the real run takes minutes).
  printf '%s\n' '@@ {"id":"check.native","ours":0.3,"base":0.3,"unit":"ns"}' \
    '@@ {"id":"raise.sim","ours":20,"base":1000,"unit":"ns"}' >"$tmp/raw.txt"
  unchanged "generated: the bench report writes under build/ only" \
    node bench/report.mjs "$tmp/raw.txt" "$tmp/bench"
  [ -f build/docs/docs/bench.md ] && [ -f build/docs/bench/results.json ] &&
    ok "generated: the bench report went to build/docs" ||
    not_ok "generated: the bench report went to build/docs" "build/docs/docs/bench.md or bench/results.json missing"
  unchanged "generated: docs/gen-tables.sh writes under build/ only" docs/gen-tables.sh
else
  echo "# SKIP generated: not a git checkout, nothing to compare with"
fi

echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
