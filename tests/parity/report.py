#!/usr/bin/env python3
"""report.py — judges the parity cells and writes the matrix.

Called by tests/parity/run.sh after every scenario has run on the oracle
(CPython) and on each backend column; the outputs are in OUT/cells/
(`NAME.oracle`, `NAME.<column>`) and each column's availability table in
OUT/features.<column>.

A cell is
  same         identical to the oracle's trace (exit status included);
  unavailable  the backend stopped at a step it cannot run ("unavailable X"),
               everything before it matched the oracle, X is listed for
               this backend in expected-differences.txt, and the backend's
               own table (runner --features) says X is indeed missing;
  differs      anything else (a failure).
A scenario whose oracle trace carries "!! expected" or an error is broken:
every cell of it fails. Writes OUT/matrix.md, OUT/index.html and the summary
table (docs/parity-summary.md); prints the matrix and `N passed, N failed`.
"""

import argparse
import difflib
import html
import os
import re
import signal
import sys


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return ["(no output)"]


def load_features(path):
    """backend name, {token: available} for features, runner caps, signals."""
    backend, avail = "?", {}
    for line in read(path):
        parts = line.split()
        if len(parts) == 2 and parts[0] == "backend":
            backend = parts[1]
        elif len(parts) == 3 and parts[0] in ("feature", "runner"):
            avail[parts[1]] = parts[2] == "yes"
        elif len(parts) == 3 and parts[0] == "signal":
            avail[parts[1]] = True
            avail["#" + parts[1]] = int(parts[2])  # its number on this backend
    return backend, avail


def load_expected(path):
    """Lines `BACKEND TOKEN reason...`; BACKEND is a column or a backend."""
    entries = []
    for no, line in enumerate(read(path), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 3:
            sys.exit("%s:%d: want 'BACKEND TOKEN reason'" % (path, no))
        entries.append({"where": parts[0], "token": parts[1],
                        "reason": parts[2], "line": no, "used": 0})
    return entries


UNAV = re.compile(r"^L\d+: .* -> unavailable (\S+)$")
KILLED = re.compile(r"^killed by signal (\d+)$")


def excused(token, col, backend, avail, expected):
    """The expected-differences.txt entry that excuses `token` missing on
    this column, if the column's own table agrees that it is missing."""
    if avail.get(token, False):
        return None
    for e in expected:
        if e["token"] == token and e["where"] in (col, backend):
            return e
    return None


def judge(oracle, cell, col, backend, avail, expected):
    """(state, detail): state in same / unavailable / differs."""
    if cell == oracle:
        return "same", ""
    # The oracle died of signal N where this backend can only exit with
    # 128+N (no OS to kill the process): the one honest difference, if
    # everything before it matched.
    if len(cell) == len(oracle) and cell[:-1] == oracle[:-1] and KILLED.match(oracle[-1]):
        # The oracle's number is Linux's; the backend exits with its own
        # number for the same signal (Windows' SIGABRT is 22).
        num = int(KILLED.match(oracle[-1]).group(1))
        try:
            num = avail.get("#" + signal.Signals(num).name, num)
        except ValueError:
            pass
        if cell[-1] == "exit %d" % (128 + num):
            e = excused("KILLED_BY_SIGNAL", col, backend, avail, expected)
            if e:
                e["used"] += 1
                return "unavailable", "KILLED_BY_SIGNAL"
            return "differs", "exits with 128+N where the oracle was killed by N, " \
                "and KILLED_BY_SIGNAL is not excused for %s" % col
    # Unavailable: the last line before `exit` names what is missing.
    body = [l for l in cell if not l.startswith("exit ")]
    if body and UNAV.match(body[-1]):
        token = UNAV.match(body[-1]).group(1)
        prefix = body[:-1]
        if oracle[:len(prefix)] != prefix:
            return "differs", "differs before the unavailable step"
        if avail.get(token, False):
            return "differs", "says %s is unavailable, but --features says it is" % token
        e = excused(token, col, backend, avail, expected)
        if e:
            e["used"] += 1
            return "unavailable", token
        return "differs", "%s unavailable on %s but not in expected-differences.txt" % (token, col)
    return "differs", ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--summary", required=True)
    ap.add_argument("--cols", nargs="*", default=[])
    ap.add_argument("scenarios", nargs="*")
    a = ap.parse_args()
    cells_dir = os.path.join(a.out, "cells")
    expected = load_expected(a.expected)
    feats = {c: load_features(os.path.join(a.out, "features." + c)) for c in a.cols}
    names = [os.path.splitext(os.path.basename(s))[0] for s in a.scenarios]
    titles = {}
    for s, n in zip(a.scenarios, names):
        first = [l for l in read(s) if l.startswith("#")]
        titles[n] = first[0].lstrip("# ").strip() if first else ""

    results = {}  # (name, col) -> (state, detail, diff lines)
    broken = {}
    for n in names:
        oracle = read(os.path.join(cells_dir, n + ".oracle"))
        bad = [l for l in oracle if "!! expected" in l or l.startswith(("scenario error", "stray", "TIMEOUT"))]
        # A default action may end the oracle ("killed by signal N", SIGKILL
        # included); a Python error (1), a scenario error (3), a stray raise
        # (4) or a timeout (the TIMEOUT line, exit 124) may not.
        if bad or oracle[-1] in ("exit 1", "exit 2", "exit 3", "exit 4", "exit 124"):
            broken[n] = bad[:3] or [oracle[-1]]
        for c in a.cols:
            cell = read(os.path.join(cells_dir, "%s.%s" % (n, c)))
            backend, avail = feats[c]
            state, detail = judge(oracle, cell, c, backend, avail, expected)
            diff = []
            if state != "same":
                diff = list(difflib.unified_diff(oracle, cell, "oracle", c, lineterm="", n=2))
            if n in broken:
                state, detail = "differs", "scenario broken on the oracle: " + "; ".join(broken[n])
            results[(n, c)] = (state, detail, diff)

    # ---- text matrix ----------------------------------------------------
    sym = {"same": "same", "unavailable": "unavail", "differs": "DIFFERS"}
    w = max([len(n) for n in names] + [8])
    print("%-*s  %s" % (w, "scenario", "  ".join("%-10s" % c for c in a.cols)))
    for n in names:
        print("%-*s  %s" % (w, n, "  ".join("%-10s" % sym[results[(n, c)][0]] for c in a.cols)))
    passed = failed = 0
    counts = {c: {"same": 0, "unavailable": 0, "differs": 0} for c in a.cols}
    for (n, c), (state, detail, diff) in results.items():
        counts[c][state] += 1
        if state == "differs":
            failed += 1
        else:
            passed += 1
    fails = [(n, c) for n in names for c in a.cols if results[(n, c)][0] == "differs"]
    if fails:
        print("\nDifferences:")
        for n, c in fails:
            state, detail, diff = results[(n, c)]
            print("--- %s on %s%s" % (n, c, (": " + detail) if detail else ""))
            for l in diff[2:14]:
                print("    " + l)
    for e in expected:
        # A line whose backend has the token here (native SETUID when run
        # as root) cannot match: nothing to say about it.
        lacking = [c for c in a.cols if e["where"] in (c, feats[c][0])
                   and not feats[c][1].get(e["token"], False)]
        if not e["used"] and lacking:
            print("note: expected-differences.txt:%d (%s %s) matched no cell"
                  % (e["line"], e["where"], e["token"]))
    for n, why in broken.items():
        print("BROKEN scenario %s: %s" % (n, "; ".join(why)))

    # ---- Markdown matrix and summary -------------------------------------
    heads = ["%s (%s)" % (c, feats[c][0]) for c in a.cols]
    md = ["# Parity matrix", "",
          "Generated by `tests/parity/run.sh` (`make parity`): every scenario of",
          "`tests/scenarios/` on CPython's `signal` module (the oracle) and on each",
          "backend. `same`: identical trace; `unavailable (X)`: the backend lacks X,",
          "as `tests/parity/expected-differences.txt` says; `DIFFERS`: a failure.", "",
          "| scenario | " + " | ".join(heads) + " |",
          "| --- | " + " | ".join("---" for _ in a.cols) + " |"]
    for n in names:
        row = []
        for c in a.cols:
            state, detail, _ = results[(n, c)]
            row.append("same" if state == "same" else
                       "unavailable (%s)" % detail if state == "unavailable" else "**DIFFERS**")
        md.append("| `%s` | %s |" % (n, " | ".join(row)))
    md += ["", "%d passed, %d failed" % (passed, failed), ""]
    with open(os.path.join(a.out, "matrix.md"), "w") as f:
        f.write("\n".join(md))

    summary = ["# Parity summary", "",
               "<!-- generated by tests/parity/run.sh; do not edit -->", "",
               "%d scenarios; each cell compares a backend's trace with CPython %s's"
               % (len(names), sys.version.split()[0]),
               "`signal` module. Full matrix and diffs: `make parity`, then",
               "`build/parity/index.html`. How to add a scenario: `docs/parity.md`.", "",
               "| backend | column | same | unavailable (expected) | differs |",
               "| --- | --- | ---: | ---: | ---: |"]
    for c in a.cols:
        k = counts[c]
        summary.append("| %s | %s | %d | %d | %d |" % (feats[c][0], c, k["same"], k["unavailable"], k["differs"]))
    summary += ["", "%d passed, %d failed (unavailable cells count as passed)." % (passed, failed), ""]
    if a.summary:
        with open(a.summary, "w") as f:
            f.write("\n".join(summary))
        # The README carries the same table between its parity markers.
        readme = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(a.summary))), "README.md")
        begin, end = "<!-- parity:begin -->", "<!-- parity:end -->"
        if os.path.exists(readme):
            text = open(readme).read()
            if begin in text and end in text:
                table = [l for l in summary if l.startswith("|") or l.endswith("count as passed).")]
                head, rest = text.split(begin, 1)
                _, tail = rest.split(end, 1)
                with open(readme, "w") as f:
                    f.write(head + begin + "\n" + "\n".join(table) + "\n" + end + tail)

    # ---- HTML page with the diffs ---------------------------------------
    color = {"same": "#d4f7d4", "unavailable": "#eeeeee", "differs": "#ffc8c8"}
    h = ["<!doctype html><meta charset=utf-8><title>sigemu parity</title>",
         "<style>body{font-family:sans-serif}td,th{padding:2px 8px;border:1px solid #ccc}"
         "table{border-collapse:collapse}pre{background:#f6f6f6;padding:6px}</style>",
         "<h1>sigemu parity matrix</h1>",
         "<p>%d passed, %d failed. Oracle: CPython %s <code>signal</code>.</p>"
         % (passed, failed, html.escape(sys.version.split()[0])),
         "<table><tr><th>scenario</th>" + "".join("<th>%s</th>" % html.escape(x) for x in heads) + "</tr>"]
    for n in names:
        h.append("<tr><td title='%s'>%s</td>" % (html.escape(titles[n], quote=True), html.escape(n)))
        for c in a.cols:
            state, detail, _ = results[(n, c)]
            label = state if state != "unavailable" else "unavailable (%s)" % detail
            if state == "differs":
                label = "<a href='#%s-%s'>differs</a>" % (n, c)
            h.append("<td style='background:%s'>%s</td>" % (color[state], label))
        h.append("</tr>")
    h.append("</table><h2>Differences</h2>")
    for n, c in fails:
        state, detail, diff = results[(n, c)]
        h.append("<h3 id='%s-%s'>%s on %s</h3><p>%s</p><pre>%s</pre>"
                 % (n, c, html.escape(n), html.escape(c), html.escape(detail),
                    html.escape("\n".join(diff))))
    with open(os.path.join(a.out, "index.html"), "w") as f:
        f.write("\n".join(h))

    print("\nmatrix: %s/matrix.md, %s/index.html" % (a.out, a.out))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
