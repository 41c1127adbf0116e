#!/usr/bin/env python3
"""oracle.py — runs one parity scenario with CPython's real `signal` module.

This is the reference of the parity suite: every backend's runner
(tests/parity/runner.c) must print exactly the trace this script prints for
the same scenario. The scenario format is described in docs/parity.md; in
short, one step per line, an optional `-> expected` after it, `#` comments.

Output: one line per step, `L<line>: <step> -> <result>`, plus
`; check: <result>` when the check point right after the step ran a handler
that raised. A step whose `-> expected` (or `expect ...` list) does not match
gets `  !! expected <text>` appended, so a wrong scenario is visible.

Why the post-step check point: CPython runs signal handlers at the next
bytecode boundary, i.e. right after each C call returns. The C runner mirrors
that by calling sigemu_check() after every successful call and once after the
step. The bookkeeping below avoids Python function calls between a step and
its check point so that a handler that raises late is attributed to the
check point, as it is in C.
"""

import errno
import math
import os
import signal
import sys
import threading
import time
import traceback

TRACE = []          # handler calls and reports, in order
COUNTS = {}         # handler calls per signal since the last trace query
LATER = []          # threads started by `later`
PIPE = {"r": None, "w": None}
MAIN_IDENT = threading.get_ident()
SETS = ("block", "unblock", "setmask")


class ScenarioError(Exception):
    """The scenario text is malformed (not a behaviour difference)."""


class HandlerRaised(Exception):
    """What a `raise` handler raises: the C runner returns 1000+sig."""

    def __init__(self, sig):
        super().__init__(sig)
        self.sig = sig


def signame(n):
    """Name for 1..31 (Linux numbering), the number otherwise."""
    n = int(n)
    if 1 <= n < 32:
        try:
            return signal.Signals(n).name
        except ValueError:
            return str(n)
    return str(n)


def parse_sig(tok):
    if tok.lstrip("-").isdigit():
        return int(tok)
    if not tok.startswith("SIG") or not hasattr(signal, tok):
        raise ScenarioError("unknown signal %r" % tok)
    return int(getattr(signal, tok))


def fmt_set(nums):
    nums = sorted(int(n) for n in nums)
    if len(nums) <= 8:
        return "{" + ",".join(signame(n) for n in nums) + "}"
    parts, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else "%d-%d" % (nums[i], nums[j]))
        i = j + 1
    return "{" + ",".join(parts) + "}"


def fmt_value(t):
    """A timer's value: coarse, rounded to the nearest 0.1 s, marked '~'.
    (Linux may read a CPU timer back a microsecond above what was set.)"""
    if t == 0:
        return "0"
    return "~%.1f" % (math.floor(t * 10 + 0.5) / 10)


def fmt_interval(t):
    """A timer's interval: exact to the microsecond."""
    us = int(round(t * 1e6))
    if us == 0:
        return "0"
    s = "%d.%06d" % (us // 1000000, us % 1000000)
    return s.rstrip("0").rstrip(".")


def fmt_pair(p):
    return "(%s, %s)" % (fmt_value(p[0]), fmt_interval(p[1]))


def fmt_exc(e):
    if isinstance(e, HandlerRaised):
        return "raised " + signame(e.sig)
    if isinstance(e, signal.ItimerError):
        return "ItimerError"
    return type(e).__name__


def handler_label(h):
    if h is None:
        return "None"
    if h == signal.SIG_DFL:
        return "SIG_DFL"
    if h == signal.SIG_IGN:
        return "SIG_IGN"
    if h is signal.default_int_handler:
        return "default_int_handler"
    return getattr(h, "label", "callable")


def unraisable(u):
    """Reports: race-condition notices and wakeup-fd write failures."""
    msg = str(u.exc_value)
    if "ignored due to race condition" in msg:
        TRACE.append("report:race " + signame(msg.split()[1]))
    elif (u.err_msg and "wakeup fd" in u.err_msg) or isinstance(u.exc_value, OSError):
        # 3.11 reports a failed wakeup write from the trip path with the
        # bare OSError (the "wakeup fd" wording goes to stderr itself).
        TRACE.append("report:wakeup")
    else:
        TRACE.append("report:other")


def make_handler(mode, actions, label):
    def h(signum, frame):
        name = signame(signum)
        TRACE.append(name)
        COUNTS[signum] = COUNTS.get(signum, 0) + 1
        for act, s in actions:
            if act == "ignore":
                signal.signal(s, signal.SIG_IGN)
            elif act == "default":
                signal.signal(s, signal.SIG_DFL)
            elif act == "send":
                signal.raise_signal(s)
        if mode == "raise":
            raise HandlerRaised(signum)
    h.label = label
    return h


def parse_handler(toks):
    """handler SIG MODE [and ACTION SIG]... ; returns (sig, callable)."""
    if len(toks) < 3:
        raise ScenarioError("handler SIG MODE")
    sig = parse_sig(toks[1])
    mode = toks[2]
    label = " ".join(toks[2:])
    if mode == "default":
        return sig, signal.SIG_DFL
    if mode == "ignore":
        return sig, signal.SIG_IGN
    if mode == "int":
        return sig, signal.default_int_handler
    if mode not in ("record", "raise"):
        raise ScenarioError("unknown handler mode %r" % mode)
    actions, rest = [], toks[3:]
    while rest:
        if len(rest) < 3 or rest[0] != "and" or rest[1] not in ("ignore", "default", "send"):
            raise ScenarioError("expected 'and ignore|default|send SIG'")
        actions.append((rest[1], parse_sig(rest[2])))
        rest = rest[3:]
    return sig, make_handler(mode, actions, label)


def which(tok):
    names = {"REAL": signal.ITIMER_REAL, "VIRTUAL": signal.ITIMER_VIRTUAL,
             "PROF": signal.ITIMER_PROF}
    if tok in names:
        return names[tok]
    return int(tok)


def number(tok):
    return float(tok)


def new_pipe(blocking=False):
    r, w = os.pipe()
    os.set_blocking(r, False)
    os.set_blocking(w, blocking)
    return r, w


def wakeup_step(args):
    kind = args[0] if args else "pipe"
    warn = "nowarn" not in args
    if kind == "off":
        old = signal.set_wakeup_fd(-1)
    elif kind == "fd":
        old = signal.set_wakeup_fd(int(args[1]), warn_on_full_buffer=warn)
    elif kind in ("pipe", "full"):
        r, w = new_pipe()
        if kind == "full":
            try:
                while True:
                    os.write(w, b"\0" * 4096)
            except BlockingIOError:
                pass
            try:
                while True:
                    os.write(w, b"\0")
            except BlockingIOError:
                pass
        old = signal.set_wakeup_fd(w, warn_on_full_buffer=warn)
        PIPE["r"], PIPE["w"] = r, w
    elif kind == "blocking":
        r, w = new_pipe(blocking=True)
        old = signal.set_wakeup_fd(w, warn_on_full_buffer=warn)
    elif kind == "closed":
        r, w = new_pipe()
        os.close(r)
        os.close(w)
        old = signal.set_wakeup_fd(w, warn_on_full_buffer=warn)
    else:
        raise ScenarioError("wakeup pipe|full|blocking|closed|off|fd N")
    return "-1" if old == -1 else "fd"


def read_wakeup():
    data = b""
    if PIPE["r"] is None:
        return "(none)"
    try:
        while True:
            chunk = os.read(PIPE["r"], 4096)
            if not chunk:
                break
            data += chunk
    except BlockingIOError:
        pass
    return " ".join(str(b) for b in data) if data else "(none)"


def take_trace():
    out = " ".join(TRACE) if TRACE else "(none)"
    del TRACE[:]
    COUNTS.clear()
    return out


def send(how, sig):
    if how == "raise":
        signal.raise_signal(sig)
    elif how == "pthread_kill":
        signal.pthread_kill(MAIN_IDENT, sig)
    elif how == "kill":
        os.kill(os.getpid(), sig)
    else:
        raise ScenarioError("send with raise|pthread_kill|kill")


def in_thread(fn):
    box = {}

    def body():
        try:
            box["v"] = fn()
        except BaseException as e:  # reported as the step's result
            box["e"] = e
    t = threading.Thread(target=body)
    t.start()
    try:
        t.join()
    finally:
        while t.is_alive():
            t.join()
    if "e" in box:
        raise box["e"]
    return box.get("v")


def later(delay, how, sig):
    def body():
        time.sleep(delay)
        try:
            send(how, sig)
        except Exception:
            pass
    t = threading.Thread(target=body, daemon=True)
    t.start()
    LATER.append(t)


def spin(seconds):
    end = time.process_time() + seconds
    x = 0
    while time.process_time() < end:
        for i in range(200):
            x += i
    return None


def until(sig, n):
    deadline = time.monotonic() + 10.0
    while COUNTS.get(sig, 0) < n:
        if time.monotonic() > deadline:
            return "timeout"
        time.sleep(0.02)
    return "ok"


def step_fn(toks):
    """Return (fn, formatter) for one step. fn does the signal call(s)."""
    op, a = toks[0], toks[1:]
    sigs = lambda xs: [parse_sig(x) for x in xs]
    ok = lambda v: "ok"
    if op == "handler":
        sig, h = parse_handler(toks)
        return (lambda: signal.signal(sig, h)), handler_label
    if op == "getsignal":
        s = parse_sig(a[0])
        return (lambda: signal.getsignal(s)), handler_label
    if op in ("raise", "pthread_kill", "kill"):
        s = parse_sig(a[0])
        return (lambda: send(op, s)), ok
    if op == "thread":
        sub = a[0]
        if sub in ("raise", "pthread_kill", "kill"):
            s = parse_sig(a[1])
            return (lambda: in_thread(lambda: send(sub, s))), ok
        if sub == "handler":
            sig, h = parse_handler(a)
            return (lambda: in_thread(lambda: signal.signal(sig, h))), handler_label
        if sub == "wakeup":
            return (lambda: in_thread(lambda: wakeup_step(a[1:]))), str
        raise ScenarioError("thread raise|pthread_kill|kill|handler|wakeup")
    if op == "later":
        d, how, s = float(a[0]), a[1], parse_sig(a[2])
        return (lambda: later(d, how, s)), ok
    if op in SETS:
        how = {"block": signal.SIG_BLOCK, "unblock": signal.SIG_UNBLOCK,
               "setmask": signal.SIG_SETMASK}[op]
        ss = sigs(a)
        return (lambda: signal.pthread_sigmask(how, ss)), fmt_set
    if op == "sigmask":
        how, ss = int(a[0]), sigs(a[1:])
        return (lambda: signal.pthread_sigmask(how, ss)), fmt_set
    if op == "mask":
        return (lambda: signal.pthread_sigmask(signal.SIG_BLOCK, [])), fmt_set
    if op == "pending":
        return signal.sigpending, fmt_set
    if op == "sigwait":
        ss = sigs(a)
        return (lambda: signal.sigwait(ss)), signame
    if op == "sigwaitinfo":
        ss = sigs(a)
        return (lambda: signal.sigwaitinfo(ss)), lambda i: signame(i.si_signo)
    if op == "sigtimedwait":
        t, ss = number(a[0]), sigs(a[1:])
        return (lambda: signal.sigtimedwait(ss, t)), \
            lambda i: "None" if i is None else signame(i.si_signo)
    if op == "pause":
        return signal.pause, ok
    if op == "sleep":
        t = number(a[0])
        return (lambda: time.sleep(t)), ok
    if op == "spin":
        t = number(a[0])
        return (lambda: spin(t)), ok
    if op == "until":
        s, n = parse_sig(a[0]), int(a[1])
        return (lambda: until(s, n)), str
    if op == "alarm":
        n = int(a[0])
        return (lambda: signal.alarm(n)), str
    if op == "setitimer":
        w, v = which(a[0]), number(a[1])
        i = number(a[2]) if len(a) > 2 else 0.0
        return (lambda: signal.setitimer(w, v, i)), fmt_pair
    if op == "getitimer":
        w = which(a[0])
        return (lambda: signal.getitimer(w)), fmt_pair
    if op == "wakeup":
        if a and a[0] == "read":
            return read_wakeup, str
        return (lambda: wakeup_step(a)), str
    if op == "siginterrupt":
        s, f = parse_sig(a[0]), bool(int(a[1]))
        return (lambda: signal.siginterrupt(s, f)), ok
    if op == "strsignal":
        s = parse_sig(a[0])
        return (lambda: signal.strsignal(s)), \
            lambda v: "None" if v is None else '"%s"' % v
    if op == "valid_signals":
        return signal.valid_signals, fmt_set
    if op == "nsig":
        return (lambda: signal.NSIG), str
    if op == "pidfd":
        s = parse_sig(a[1])
        if a[0] == "self":
            def f():
                fd = os.pidfd_open(os.getpid())
                try:
                    signal.pidfd_send_signal(fd, s)
                finally:
                    os.close(fd)
            return f, ok
        fd = int(a[0])
        return (lambda: signal.pidfd_send_signal(fd, s)), ok
    if op == "check":
        return (lambda: None), ok
    if op == "trace":
        return take_trace, str
    if op == "forget":
        return take_trace, ok
    raise ScenarioError("unknown step %r" % op)


def expectation(toks):
    """`expect WHAT ITEMS...` -> (step tokens, expected text)."""
    what, items = toks[1], toks[2:]
    if what == "trace":
        return ["trace"], " ".join(items) if items else "(none)"
    if what in ("pending", "mask"):
        return [what], fmt_set(parse_sig(x) for x in items)
    if what == "wakeup":
        return ["wakeup", "read"], " ".join(items) if items else "(none)"
    raise ScenarioError("expect trace|pending|mask|wakeup")


def parse(text):
    steps = []
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw
        if line.lstrip().startswith("#"):
            continue
        cut = line.find(" #")
        if cut >= 0:
            line = line[:cut]
        expected = None
        if "->" in line:
            line, expected = line.split("->", 1)
            expected = " ".join(expected.split())
        toks = line.split()
        if not toks:
            continue
        steps.append((no, toks, expected))
    return steps


def _checkpoint():
    """An explicit check point (PyErr_CheckSignals), as sigemu_check().

    A bare Python call is not enough: when a handler raised inside a C
    function's own PyErr_CheckSignals(), CPython re-sets only its tripped
    flag, not the eval breaker, so the remaining handlers would run at some
    later, unspecified point. pthread_sigmask() with an empty set changes
    nothing and ends with PyErr_CheckSignals()."""
    signal.pthread_sigmask(signal.SIG_BLOCK, ())


def execute(fn):
    v = e1 = e2 = None
    failed = False
    try:
        v = fn()
    except BaseException as e:
        e1 = e
        failed = True
    try:
        _checkpoint()
    except BaseException as e:
        e2 = e
    return v, e1, failed, e2


def run(path):
    sys.unraisablehook = unraisable
    with open(path) as f:
        steps = parse(f.read())
    for no, toks, expected in steps:
        if toks[0] == "needs":
            continue
        text = " ".join(toks)
        if toks[0] == "expect":
            toks, expected = expectation(toks)
        fn, fmt = step_fn(toks)
        v, e1, failed, e2 = execute(fn)
        res = fmt_exc(e1) if failed else fmt(v)
        line = "L%d: %s -> %s" % (no, text, res)
        if e2 is not None:
            line += "; check: " + fmt_exc(e2)
        if expected is not None and expected != res:
            line += "  !! expected " + expected
        print(line, flush=True)
    for t in LATER:
        t.join()
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    signal.setitimer(signal.ITIMER_PROF, 0)
    print("end", flush=True)


def main():
    if len(sys.argv) != 2:
        print("usage: oracle.py SCENARIO.scn", file=sys.stderr)
        return 2
    try:
        run(sys.argv[1])
    except ScenarioError as e:
        print("scenario error: %s" % e, flush=True)
        return 3
    except HandlerRaised as e:
        # A handler raised outside any step: the scenario is racy.
        traceback.print_exc()  # to stderr: where it escaped
        print("stray: raised %s" % signame(e.sig), flush=True)
        return 4
    return 0


if __name__ == "__main__":
    sys.exit(main())
