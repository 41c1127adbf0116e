#!/usr/bin/env python3
"""report.py — judges the cells of the C-level parity matrix and writes it.

Called by tests/libc/run.sh once every program has been built and run on
every column. OUT/cells/PROGRAM.COLUMN holds the trace (what the program
printed, then "exit N"), or the build log when the build failed;
PROGRAM.COLUMN.state says which ("ran", "build-failed ...",
"unavailable NEED").

A cell is
  same         the trace equals the native one (glibc, the oracle);
  unavailable  the program needs something the target does not have at all
               (threads, pipe, fifo, setjmp) and expected-differences.txt
               gives the reason for that column;
  listed       it differs, and expected-differences.txt lists the program
               for this column with a reason;
  differs      anything else: a build failure, a timeout, a crash or a
               different trace. The reason shown is the first thing wrong.
Writes OUT/matrix.md and OUT/matrix.txt and prints the summary. In --mode
test, exits 1 when any cell differs (or is listed but is in fact the same).
"""

import argparse
import fnmatch
import os
import re
import sys


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


def load_expected(path):
    """[(column glob, token, reason)] from expected-differences.txt."""
    rules = []
    for line in read(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 3:
            sys.exit(f"{path}: a line needs COLUMN TOKEN reason: {line!r}")
        rules.append(tuple(parts))
    return rules


def find_rule(rules, col, token):
    for c, t, reason in rules:
        if fnmatch.fnmatch(col, c) and t == token:
            return reason
    return None


# Compiler and linker messages, boiled down to the names they are about.
UNDECLARED = re.compile(
    r"(implicit declaration of function|use of undeclared identifier|"
    r"unknown type name|incomplete type|undeclared \(first use)"
    r"[^'‘]*['‘](?:struct )?([A-Za-z_][A-Za-z0-9_ ]*)['’]")


def api_name(kind, name):
    """Whether an undeclared name is the C library's (a function, a type, a
    macro) rather than a variable of the program that an earlier missing
    type left undeclared (`sigset_t s;` makes every later `s` undeclared)."""
    if kind != "use of undeclared identifier":
        return True
    return name.endswith("_t") or any(ch.isupper() for ch in name)
UNDEFINED = re.compile(r"undefined symbol: ([A-Za-z_][A-Za-z0-9_]*)")


def build_reason(log):
    log = [l for l in log if not l.startswith("+ ")]  # the command line
    text = "\n".join(log)
    lead = "signal.h #error; " if "wasm lacks signal support" in text else ""
    # Names the program itself uses first; the shared helpers (trace.h)
    # only when the program's own lines had no such error.
    own, helpers = [], []
    for line in log:
        for m in UNDECLARED.finditer(line):
            name = m.group(2).strip()
            if not api_name(m.group(1), name):
                continue
            bucket = helpers if "trace.h:" in line else own
            if name not in bucket:
                bucket.append(name)
    undeclared = own or helpers
    undefined = []
    for m in UNDEFINED.finditer(text):
        if m.group(1) not in undefined:
            undefined.append(m.group(1))
    if undeclared:
        shown = ", ".join(undeclared[:6]) + (f" (+{len(undeclared) - 6})" if len(undeclared) > 6 else "")
        return "compile: " + lead + "undeclared " + shown
    if undefined:
        shown = ", ".join(undefined[:6]) + (f" (+{len(undefined) - 6})" if len(undefined) > 6 else "")
        return "link: undefined " + shown
    for line in log:
        if "error" in line:
            return "build: " + line.strip()[:100]
    return "build failed"


def trace_reason(ref, got):
    if got and got[-1].startswith("exit "):
        status = got[-1]
        if any(l.startswith("TIMEOUT") for l in got):
            return "timeout"
    else:
        status = "?"
    for i in range(max(len(ref), len(got))):
        a = ref[i] if i < len(ref) else "(end)"
        b = got[i] if i < len(got) else "(end)"
        if a != b:
            if a.startswith("exit ") and b.startswith("exit "):
                return f"{b} instead of {a}"
            return f"line {i + 1}: {b[:60]!r} instead of {a[:60]!r}" + (
                f" ({status})" if status != (ref[-1] if ref else "") else "")
    return "differs"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--programs", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--mode", default="report")
    ap.add_argument("--left-out", nargs="*", default=[])
    ap.add_argument("--kinds", nargs="*", default=[],
                    help="COLUMN=KIND: the C library each column was built against")
    ap.add_argument("--cols", nargs="+", required=True)
    ap.add_argument("names", nargs="+")
    a = ap.parse_args()

    rules = load_expected(a.expected)
    cells = os.path.join(a.out, "cells")
    cols = a.cols
    table = {}  # (prog, col) -> (verdict, reason)
    for p in a.names:
        ref = read(os.path.join(cells, f"{p}.native"))
        for c in cols:
            state = (read(os.path.join(cells, f"{p}.{c}.state")) or ["?"])[0]
            got = read(os.path.join(cells, f"{p}.{c}"))
            if c == "native":
                # The oracle: any exit status is its answer; a build failure,
                # a timeout or a program that could not be started is not.
                ok = (state == "ran" and not any(l.startswith("TIMEOUT") for l in got)
                      and got[-1:] not in (["exit 126"], ["exit 127"]))
                table[p, c] = ("same", "oracle") if ok else ("differs", "native run failed: " + (
                    build_reason(got) if state.startswith("build-failed") else trace_reason([], got)))
                continue
            if state.startswith("unavailable"):
                need = state.split()[1]
                reason = find_rule(rules, c, need)
                if reason:
                    table[p, c] = ("unavailable", reason)
                else:
                    table[p, c] = ("differs", f"needs {need}; no reason listed for {c}")
                continue
            if state.startswith("build-failed"):
                verdict, why = "differs", build_reason(got)
            elif state == "ran":
                if got == ref:
                    verdict, why = "same", ""
                else:
                    verdict, why = "differs", trace_reason(ref, got)
            else:
                verdict, why = "differs", state
            listed = find_rule(rules, c, p)
            if listed and verdict == "differs":
                verdict, why = "listed", listed
            elif listed and verdict == "same":
                verdict, why = "differs", "listed in expected-differences.txt but the same as native"
            table[p, c] = (verdict, why)

    # Text matrix (one line per program and column that is not "same") and
    # a markdown table.
    counts = {c: {"same": 0, "unavailable": 0, "listed": 0, "differs": 0} for c in cols}
    for (p, c), (v, _) in table.items():
        counts[c][v] += 1
    short = {"same": "same", "unavailable": "n/a", "listed": "listed", "differs": "DIFFERS"}
    os.makedirs(a.out, exist_ok=True)
    width = max(len(p) for p in a.names)
    lines = [f"{'program':<{width}}  " + "  ".join(f"{c:<18}" for c in cols)]
    for p in a.names:
        lines.append(f"{p:<{width}}  " + "  ".join(f"{short[table[p, c][0]]:<18}" for c in cols))
    lines.append("")
    for c in cols:
        k = counts[c]
        lines.append(f"{c}: {k['same']} same, {k['listed']} listed differences, "
                     f"{k['unavailable']} unavailable, {k['differs']} differ (of {len(a.names)})")
    for l in a.left_out:
        lines.append(f"left out: {l}")
    if a.kinds:
        lines.append("built against: " + ", ".join(k.replace("=", ": ") for k in a.kinds))
    # Per column: the differing cells by kind, and the names the linker
    # or compiler missed most often (the "before" picture of a libc).
    kinds = ["", "Differences by kind:"]
    for c in cols:
        by_kind, names_count = {}, {}
        for p in a.names:
            v, why = table[p, c]
            if v != "differs":
                continue
            kind = why.split(":")[0] if why.startswith(("compile", "link", "build")) else (
                "timeout" if why == "timeout" else "trace")
            by_kind[kind] = by_kind.get(kind, 0) + 1
            if kind in ("compile", "link"):
                listed = re.split(r"undefined |undeclared ", why, maxsplit=1)[-1]
                for n in re.split(r", | \(", listed):
                    n = n.strip(" )")
                    if n and not n.startswith("+") and " " not in n:
                        names_count[n] = names_count.get(n, 0) + 1
        if by_kind:
            kinds.append(f"  {c}: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
        if names_count:
            top = sorted(names_count.items(), key=lambda kv: (-kv[1], kv[0]))
            kinds.append("    missing names (programs): " + ", ".join(f"{n} ({k})" for n, k in top[:25]))
    details = kinds + ["", "Why each cell is not the same:"]
    for c in cols:
        for p in a.names:
            v, why = table[p, c]
            if v != "same":
                details.append(f"  {c:<18} {p:<28} {v}: {why}")
    with open(os.path.join(a.out, "matrix.txt"), "w") as f:
        f.write("\n".join(lines + details) + "\n")

    md = ["# C-level parity matrix (generated by tests/libc/run.sh)", "",
          "Each cell compares the program's trace with the native one (glibc).", "",
          "| program | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for p in a.names:
        row = []
        for c in cols:
            v, why = table[p, c]
            row.append("same" if v == "same" else f"{short[v]}: {why}".replace("|", "\\|"))
        md.append(f"| {p} | " + " | ".join(row) + " |")
    md += [""] + [f"- {l}" for l in lines[len(a.names) + 2:] if l]
    with open(os.path.join(a.out, "matrix.md"), "w") as f:
        f.write("\n".join(md) + "\n")

    print("\n".join(lines))
    print(f"(details: {os.path.join(a.out, 'matrix.txt')}, {os.path.join(a.out, 'matrix.md')})")
    bad = sum(counts[c]["differs"] for c in cols)
    if a.mode == "test" and bad:
        print(f"libc: {bad} cells differ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
