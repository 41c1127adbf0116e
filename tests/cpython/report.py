"""Tables of the CPython runs: test_signal.py per build, the behaviour
tests, build facts. Reads what tests/cpython/run.sh left in RESULTS_DIR.

    python3 tests/cpython/report.py RESULTS_DIR [--check]

Prints Markdown. With --check, exits 1 when a build that must pass did not:
the native reference and every `sigemu` build must have no failure, no
error, no test that did not run, and only skips whose reason
tests/cpython/allowed-skips.txt accepts for that build; their behaviour
tests must all pass; a requested build that could not be built fails.
Stock builds are the baseline: reported, never checked.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORDER = ["native", "wasi-stock", "emscripten-stock", "emscripten-pthread-stock",
         "wasi-sigemu", "wasi-sigemu-pure", "emscripten-sigemu", "emscripten-pthread-sigemu"]
LABEL = {
    "native": "native (reference)",
    "wasi-stock": "WASI, stock",
    "emscripten-stock": "Emscripten, stock",
    "emscripten-pthread-stock": "Emscripten -pthread, stock",
    "wasi-sigemu": "WASI, with sigemu (host imports, node:wasi)",
    "wasi-sigemu-pure": "WASI, with sigemu (pure preview1)",
    "emscripten-sigemu": "Emscripten, with sigemu",
    "emscripten-pthread-sigemu": "Emscripten -pthread, with sigemu",
}


def checked(build):
    """The native reference and the sigemu builds must pass; the rest is
    the baseline (stock) or a prototype (+spawn)."""
    return build == "native" or ("-sigemu" in build and "+" not in build)


def label(build):
    base = re.split(r"[@+]", build)[0]
    text = LABEL.get(base, base)
    if build.endswith("@wasmtime"):
        text += ", under wasmtime"
    if build.endswith("+spawn"):
        text += ", subprocess tests through the host (prototype)"
    return text


def load_json_lines(path, kind):
    out = []
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("@@%s " % kind):
                out.append(json.loads(line[len(kind) + 3:]))
    return out


def signal_results(results_dir, build):
    """Per test id: (outcome, detail); plus the id it hung in, if any."""
    base = os.path.join(results_dir, build + ".test_signal.out")
    per = {}
    rank = {"pass": 0, "skip": 0, "xfail": 0, "xpass": 1, "fail": 2, "error": 3}
    for t in load_json_lines(base, "TEST"):
        old = per.get(t["id"])
        if old is None or rank[t["outcome"]] > rank[old[0]]:
            per[t["id"]] = (t["outcome"], t["detail"])
    started = [s["id"] for s in load_json_lines(base, "START")]
    hung = next((i for i in reversed(started) if i not in per), None)
    done = load_json_lines(base, "DONE")
    return per, hung, (done[-1] if done else None)


def short(test_id):
    return test_id.replace("test.test_signal.", "")


def first_line(detail):
    """The exception a failure ended with: the last `SomeError: ...` line
    (for a failed child process, the child's), else the last line."""
    child = re.search(r"\nstderr:\n---\n(.*?)\n---", detail, re.S)
    if child and child.group(1).strip():  # script_helper's report of a failed child
        return "child: " + child.group(1).strip().splitlines()[-1].strip().replace("|", "\\|")
    lines = [l.strip() for l in detail.strip().splitlines() if l.strip() and l.strip() != "---"]
    errors = [l for l in lines if re.match(r"^[A-Za-z_.]*(Error|Exception|Interrupt|Exit)\b", l)]
    text = errors[-1] if errors else (lines[-1] if lines else "")
    return text.replace("|", "\\|")


def allowed_skips():
    rules = []
    path = os.path.join(HERE, "allowed-skips.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            builds, pattern, why = line.split("\t")
            rules.append((builds.split(","), re.compile(pattern), why))
    return rules


def skip_allowed(rules, build, reason):
    build = re.split(r"[@+]", build)[0]
    target = build.split("-")[0]
    for builds, pattern, _ in rules:
        if ("*" in builds or build in builds or target in builds) and pattern.search(reason):
            return True
    return False


def main():
    results_dir = sys.argv[1]
    check = "--check" in sys.argv
    with open(os.path.join(results_dir, "builds.json"), encoding="utf-8") as f:
        builds = json.load(f)  # {name: {"dir":..., "seconds":..., "sizes": {...}} | {"missing": reason}}
    names = [b for b in ORDER if b in builds] + sorted(set(builds) - set(ORDER))
    # More runs of a build: under wasmtime (@wasmtime, checked like the
    # build), with the subprocess tests through the host (+spawn, the
    # prototype of tests/cpython/hostspawn.py, never checked).
    variants = [b + v for b in names for v in ("@wasmtime", "+spawn")
                if os.path.exists(os.path.join(results_dir, b + v + ".test_signal.out"))]
    problems = []
    rules = allowed_skips()
    out = []
    w = out.append

    # The full list of tests: the union of what every build reported.
    all_ids = set()
    runs = {}
    for b in names + variants:
        if "missing" in builds.get(b, {}):
            continue
        runs[b] = signal_results(results_dir, b)
        all_ids |= set(runs[b][0])
    def has_run(b):
        return os.path.exists(os.path.join(results_dir, b + ".test_signal.out"))
    # A build tested only under another runtime (make test: pure WASI under
    # wasmtime) has no row of its own.
    rows = [r for b in names
            for r in ([b] if has_run(b) or "missing" in builds[b] else [])
            + [v for v in variants if v.startswith(b + "@") or v.startswith(b + "+")]]

    w("### `test_signal.py` (CPython 3.11.2, unmodified)\n")
    w("| build | tests | ran | passed | failed | errors | skipped | did not run |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for b in rows:
        if "missing" in builds.get(b, {}):
            w(f"| {label(b)} | — | not built: {builds[b]['missing']} | | | | | |")
            continue
        per, hung, _ = runs[b]
        outcomes = [o for o, _ in per.values()]
        n = {k: outcomes.count(k) for k in ("pass", "fail", "error", "skip")}
        notrun = len(all_ids - set(per))
        ran = n["pass"] + n["fail"] + n["error"]
        w(f"| {label(b)} | {len(all_ids)} | {ran} | {n['pass']} | {n['fail']} | "
          f"{n['error']} | {n['skip']} | {notrun} |")
    w("")
    for b in rows:
        if "missing" in builds.get(b, {}):
            if checked(b) and not builds[b].get("optional"):
                problems.append(f"{b}: not built ({builds[b]['missing']})")
            continue
        per, hung, _ = runs[b]
        must_pass = checked(b)
        w(f"#### {label(b)}\n")
        bad = sorted((i, o, d) for i, (o, d) in per.items() if o in ("fail", "error", "xpass"))
        if bad:
            w("Failures:\n")
            for i, o, d in bad:
                w(f"- `{short(i)}`: {o}: {first_line(d)}")
                if must_pass:
                    problems.append(f"{b}: {short(i)} {o}")
            w("")
        missing = sorted(all_ids - set(per))
        if missing:
            why = f"the run stopped in `{short(hung)}`" if hung else "the run ended early"
            w(f"Did not run ({why}, killed after its time limit): "
              + ", ".join(f"`{short(i)}`" for i in missing) + "\n")
            if must_pass:
                problems.append(f"{b}: {len(missing)} tests did not run ({why})")
        skips = {}
        for i, (o, d) in per.items():
            if o == "skip":
                skips.setdefault(d, []).append(short(i))
        if skips:
            w("| skip reason | tests |")
            w("| --- | --- |")
            for reason in sorted(skips, key=lambda r: (-len(skips[r]), r)):
                tests = ", ".join(f"`{t}`" for t in sorted(skips[reason]))
                w(f"| {reason} | {len(skips[reason])}: {tests} |")
                if must_pass and not skip_allowed(rules, b, reason):
                    problems.append(f"{b}: skip not allowed ({reason}): {len(skips[reason])} tests")
            w("")

    bpath = os.path.join(results_dir, "behaviour.json")
    if os.path.exists(bpath):
        with open(bpath, encoding="utf-8") as f:
            beh = json.load(f)
        bnames = [b for b in names if any(r["build"] == b for r in beh["results"])]
        w("### Behaviour tests (`tests/cpython/behaviour/`)\n")
        w("| test | " + " | ".join(LABEL.get(b, b) for b in bnames) + " |")
        w("| --- | " + " | ".join(":---:" for _ in bnames) + " |")
        cell = {(r["build"], r["test"]): r for r in beh["results"]}
        for t in beh["tests"]:
            row = []
            for b in bnames:
                r = cell.get((b, t["name"]))
                row.append("—" if r is None else {"pass": "pass", "n/a": "n/a"}.get(r["status"], "**FAIL**"))
                if r and r["status"] not in ("pass", "n/a") and checked(b):
                    problems.append(f"{b}: behaviour {t['name']}: {r['detail']}")
            w(f"| `{t['name']}` | " + " | ".join(row) + " |")
        w("")
        for t in beh["tests"]:
            w(f"- `{t['name']}`: {t['summary']}")
            for b in bnames:
                r = cell.get((b, t["name"]))
                if r:
                    extra = f" [channel: {r['channel']}]" if r.get("channel") else ""
                    w(f"  - {LABEL.get(b, b)}: {r['status']}: {r['detail']}{extra}")
        w("")

    lpath = os.path.join(results_dir, "latency.md")
    if os.path.exists(lpath):
        w("### Interrupt latency (`tests/cpython/latency.mjs`)\n")
        with open(lpath, encoding="utf-8") as f:
            w(f.read().rstrip() + "\n")

    w("### Builds\n")
    w("| build | build time (s, when it was built) | load average then | interpreter size |")
    w("| --- | ---: | --- | --- |")
    for b in names:
        info = builds[b]
        if "missing" in info:
            w(f"| {LABEL.get(b, b)} | — | — | not built |")
            continue
        sizes = ", ".join(f"{k} {v:,} B" for k, v in info.get("sizes", {}).items())
        w(f"| {LABEL.get(b, b)} | {info.get('seconds', '?')} | {info.get('load', '?')} | {sizes} |")
    w("")
    print("\n".join(out))
    if check:
        for p in problems:
            print("cpython: FAIL: " + p, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
