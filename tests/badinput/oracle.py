#!/usr/bin/env python3
"""oracle.py — checks the bad-input table against the real CPython.

Why: the "Python exception" column comes from sigemu's own error map
(sigemu_error_pyexc); this runs every "Python equivalent" that is safe to run
in-process with the real `signal` module and checks that CPython raises that
exception. Rows whose equivalent is "-" or needs a thread, a dead thread id
or a platform sigemu does not have are skipped (and counted).
Reads the table rows on stdin; prints "oracle: N passed, N failed, N skipped".
"""
import math, os, signal, sys, time  # noqa: F401  (used by eval)

h = lambda *a: None  # noqa: E731
nan, inf = math.nan, math.inf
r, w = os.pipe()
os.set_blocking(w, True)
blocking_fd = w
c1, c2 = os.pipe()
os.close(c1)
os.close(c2)
closed = c1
SIGUSR1, SIGUSR2, SIGKILL, SIGSTOP = (signal.SIGUSR1, signal.SIGUSR2,
                                      signal.SIGKILL, signal.SIGSTOP)
SIG_BLOCK, SIG_IGN = signal.SIG_BLOCK, signal.SIG_IGN
ITIMER_REAL = signal.ITIMER_REAL
SKIP = ("thread", "dead_id", "pidfd_send_signal", "Signals[")
EXC = {"ItimerError": signal.ItimerError}
passed = failed = skipped = 0
for line in sys.stdin:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) != 5 or not cells[2].startswith("`"):
        continue
    expr, exc = cells[2].strip("`"), cells[4]
    if expr == "-" or any(s in expr for s in SKIP):
        skipped += 1
        continue
    want = EXC.get(exc) or getattr(__builtins__, exc, None)
    try:
        eval(expr)
        got = None
    except BaseException as e:  # noqa: BLE001
        got = e
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
    if want is not None and isinstance(got, want):
        passed += 1
    else:
        failed += 1
        print(f"oracle: {expr}: CPython raised {got!r}, table says {exc}",
              file=sys.stderr)
print(f"oracle: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
