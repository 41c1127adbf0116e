#!/usr/bin/env python3
"""oracle.py — runs one parity scenario with CPython's real `signal` module.

This is the reference of the parity suite: every backend's runner
(tests/parity/runner.c) must print exactly the trace this script prints for
the same scenario. The scenario format is described in docs/parity.md; in
short, one step per line, an optional `-> expected` after it, `#` comments.

Output: one line per step, `L<line>: <step> -> <result>`, plus
`; check: <result>` for each check point right after the step that ran a
handler that raised. A step whose `-> expected` (or `expect ...` list) does
not match gets `  !! expected <text>` appended, so a wrong scenario is
visible.

Why the post-step check points: CPython runs signal handlers at the next
bytecode boundary, i.e. right after each C call returns. The C runner mirrors
that by calling sigemu_check() after every successful call, then after the
step until a check passes. The bookkeeping below (execute()) is written so
that no bytecode that checks for signals runs outside a `try` between a step
and its last check point, so that a handler raising late is attributed to a
check point, as it is in C, and never escapes.

Threads: `thread Tn ...` steps run on long-lived worker threads (Worker);
the main thread hands one step at a time to a worker and waits for it.
"""

import _signal
import math
import os
import signal
import sys
import threading
import time
import traceback

TRACE = []          # handler calls and reports, in order
REPORTS = []        # the text of reports: CPython's stderr lines
COUNTS = {}         # handler calls per signal since the last trace query
LATER = []          # threads started by `later`
PIPE = {"r": None, "w": None}   # the installed wakeup pipe
DATA = {"r": None, "w": None}   # the data pipe (`datapipe`, `read`)
INFO = {}           # the last struct_siginfo of sigwaitinfo/sigtimedwait
WORKERS = {}        # name -> Worker
MAIN_IDENT = threading.get_ident()
SETS = ("block", "unblock", "setmask")
WORKER_WAIT = 10.0  # seconds the main thread waits for a worker's step
MAX_CHECKS = 16     # check points after a step, at most


class ScenarioError(Exception):
    """The scenario text is malformed (not a behaviour difference)."""


class HandlerRaised(Exception):
    """What a `raise` handler raises: the C runner returns 1000+sig."""

    def __init__(self, sig):
        super().__init__(sig)
        self.sig = sig


class StepTimeout(Exception):
    """A worker did not finish its step in WORKER_WAIT seconds."""


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


SI_CODES = {0: "SI_USER", 0x80: "SI_KERNEL", -1: "SI_QUEUE", -2: "SI_TIMER",
            -3: "SI_MESGQ", -4: "SI_ASYNCIO", -5: "SI_SIGIO", -6: "SI_TKILL"}


def fmt_id(v, self):
    return "self" if v == self else "0" if v == 0 else "other"


def fmt_info(info, fields):
    """`siginfo [FIELD...]`: signo code pid uid unless fields are named."""
    get = {"signo": lambda: signame(info.si_signo),
           "code": lambda: SI_CODES.get(info.si_code, str(info.si_code)),
           "pid": lambda: fmt_id(info.si_pid, os.getpid()),
           "uid": lambda: fmt_id(info.si_uid, os.getuid()),
           "status": lambda: str(info.si_status),
           "errno": lambda: str(info.si_errno),
           "band": lambda: str(info.si_band)}
    out = []
    for f in fields or ("signo", "code", "pid", "uid"):
        if f not in get:
            raise ScenarioError("siginfo signo|code|pid|uid|status|errno|band")
        out.append("%s=%s" % (f, get[f]()))
    return " ".join(out)


def fmt_exc(e):
    if isinstance(e, HandlerRaised):
        return "raised " + signame(e.sig)
    if isinstance(e, signal.ItimerError):
        return "ItimerError"
    if isinstance(e, StepTimeout):
        return "timeout"
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


class StderrTap:
    """sys.stderr while the oracle runs: CPython writes the first line of a
    wakeup-fd report ("Exception ignored when trying to write to the signal
    wakeup fd:") straight to sys.stderr; keep its text for `reports`."""

    def __init__(self, real):
        self.real = real
        self.partial = ""

    def write(self, s):
        self.real.write(s)
        text = self.partial + s
        lines = text.split("\n")
        self.partial = lines.pop()
        REPORTS.extend(lines)
        return len(s)

    def flush(self):
        self.real.flush()


def unraisable(u):
    """Reports: race-condition notices and wakeup-fd write failures. The
    text kept is what CPython's default hook prints, without the traceback
    (which shows wherever the report happened to run)."""
    if u.object is not None:
        REPORTS.append("%s: %r" % (u.err_msg or "Exception ignored in", u.object))
    elif u.err_msg:
        REPORTS.append(u.err_msg + ":")
    REPORTS.append("%s: %s" % (type(u.exc_value).__name__, u.exc_value))
    msg = str(u.exc_value)
    if "ignored due to race condition" in msg:
        TRACE.append("report:race " + signame(msg.split()[1]))
    elif (u.err_msg and "wakeup fd" in u.err_msg) or isinstance(u.exc_value, OSError):
        # 3.11 reports a failed wakeup write from the trip path with the
        # bare OSError (the "wakeup fd" wording goes to stderr itself).
        TRACE.append("report:wakeup")
    else:
        TRACE.append("report:other")


def take_reports():
    out = " | ".join(REPORTS) if REPORTS else "(none)"
    del REPORTS[:]
    return out


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
            elif act == "write":
                os.write(DATA["w"], bytes([s]))
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
        if len(rest) < 3 or rest[0] != "and" or \
                rest[1] not in ("ignore", "default", "send", "write"):
            raise ScenarioError("expected 'and ignore|default|send|write SIG'")
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
    elif kind == "close":
        # The write end goes away; the fd stays installed (EBADF).
        os.close(PIPE["w"])
        PIPE["w"] = None
        return "ok"
    elif kind == "break":
        # The read end goes away: writes fail with EPIPE.
        os.close(PIPE["r"])
        PIPE["r"] = None
        return "ok"
    else:
        raise ScenarioError("wakeup pipe|full|blocking|closed|off|fd N|read|close|break")
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


def read_data():
    """`read`: one os.read() of the (blocking) data pipe."""
    if DATA["r"] is None:
        raise ScenarioError("read before datapipe")
    data = os.read(DATA["r"], 64)
    return " ".join(str(b) for b in data) if data else "(eof)"


def take_trace():
    out = " ".join(TRACE) if TRACE else "(none)"
    del TRACE[:]
    COUNTS.clear()
    return out


# ---- worker threads --------------------------------------------------------

class Worker:
    """A long-lived thread that runs the steps it is handed, one at a time,
    with its own signal mask (inherited from the thread that started it)."""

    def __init__(self, name):
        self.name = name
        self.ident = None
        self.thread = None
        self.live = False
        self.stuck = False
        self.box = None
        self.cond = threading.Condition()

    def start(self):
        started = threading.Event()

        def body():
            self.ident = threading.get_ident()
            started.set()
            while True:
                with self.cond:
                    while self.box is None or "fn" not in self.box:
                        self.cond.wait()
                    box = self.box
                    fn = box.pop("fn")
                if fn is None:
                    box["v"] = "ok"
                    with self.cond:
                        box["done"] = True
                        self.cond.notify_all()
                    return
                try:
                    box["v"] = fn()
                except BaseException as e:  # the step's result
                    box["e"] = e
                with self.cond:
                    box["done"] = True
                    self.cond.notify_all()

        self.thread = threading.Thread(target=body, daemon=True, name=self.name)
        self.thread.start()
        started.wait()
        self.live = True

    def call(self, fn):
        """Run fn on the worker; its value or exception is the step's."""
        if self.stuck:
            return "busy"
        box = {"fn": fn}
        with self.cond:
            self.box = box
            self.cond.notify_all()
            end = time.monotonic() + WORKER_WAIT
            while "done" not in box and time.monotonic() < end:
                self.cond.wait(0.05)
        if "done" not in box:
            self.stuck = True
            raise StepTimeout()
        self.box = None
        if "e" in box:
            raise box["e"]
        return box["v"]

    def end(self):
        """The thread returns and is joined; then wait until the OS thread
        is gone too (Python's join returns a little before), so that its
        ident names a thread that no longer exists."""
        native = self.thread.native_id
        self.call(None)
        self.live = False
        if self.stuck:
            return "ok"
        self.thread.join()
        deadline = time.monotonic() + 5
        while os.path.exists("/proc/self/task/%d" % native) and time.monotonic() < deadline:
            time.sleep(0.005)
        return "ok"


def worker(name, create=False):
    if name not in WORKERS:
        if not create:
            raise ScenarioError("thread not started: %s" % name)
        WORKERS[name] = Worker(name)
    return WORKERS[name]


def is_worker_name(tok):
    return len(tok) > 1 and tok[0] == "T" and tok[1:].isdigit()


def target(tok):
    """`main` or a started worker -> a thread ident for pthread_kill."""
    if tok == "main":
        return MAIN_IDENT
    if not is_worker_name(tok):
        raise ScenarioError("pthread_kill main|Tn SIG")
    w = worker(tok)
    if w.ident is None:
        raise ScenarioError("thread not started: %s" % tok)
    return w.ident


def in_thread(fn):
    """One step on a fresh thread, joined."""
    w = Worker("anon")
    w.start()
    try:
        return w.call(fn)
    finally:
        if not w.stuck:
            w.end()


def spawn(name):
    """`thread Tn spawn Tm`: Tm is started by Tn (inherits Tn's mask)."""
    w = worker(name, create=True)
    if w.thread is not None:
        raise ScenarioError("thread already started: %s" % name)
    w.start()
    return "ok"


# ---- sending -----------------------------------------------------------------

def kill_from_child(sig, other_user):
    """kill(parent) from a forked child; with another real uid (root keeps
    effective uid 0, so the kill is permitted; si_uid is the real uid)."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            if other_user:
                os.setresuid(65534, 0, 0)
            os.kill(parent, sig)
        except OSError as e:
            code = 101 if e.errno == 22 else 102
        except BaseException:
            code = 102
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 101:
        raise OSError(22, "Invalid argument")
    if code != 0:
        raise OSError("kill from another process failed")


def parse_send(toks):
    """raise SIG | pthread_kill [main|Tn] SIG | kill [self|other|otheruser]
    SIG | write N -> a function that sends."""
    op, rest = toks[0], toks[1:]
    if len(rest) not in (1, 2):
        raise ScenarioError("send: raise|pthread_kill|kill|write [WHO] SIG")
    who = rest[0] if len(rest) == 2 else None
    s = parse_sig(rest[-1])
    if op == "raise" and who is None:
        return lambda: signal.raise_signal(s)
    if op == "pthread_kill":
        t = target(who) if who is not None else MAIN_IDENT
        return lambda: signal.pthread_kill(t, s)
    if op == "kill":
        if who in (None, "self"):
            return lambda: os.kill(os.getpid(), s)
        if who in ("other", "otheruser"):
            return lambda: kill_from_child(s, who == "otheruser")
        raise ScenarioError("kill self|other|otheruser SIG")
    if op == "write" and who is None:
        return lambda: os.write(DATA["w"], bytes([s]))
    raise ScenarioError("send with raise|pthread_kill|kill|write")


def later(delay, fn):
    def body():
        time.sleep(delay)
        try:
            fn()
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


def sigwaitinfo(ss):
    info = signal.sigwaitinfo(ss)
    INFO["last"] = info
    return info


def sigtimedwait(ss, t):
    info = signal.sigtimedwait(ss, t)
    if info is not None:
        INFO["last"] = info
    return info


def datapipe():
    DATA["r"], DATA["w"] = os.pipe()


def thread_step(a):
    """thread Tn start|spawn Tm|end|STEP... ; thread STEP... (one-off)."""
    if not a:
        raise ScenarioError("thread STEP")
    if not is_worker_name(a[0]):
        fn, fmt = step_fn(a)
        return (lambda: in_thread(fn)), fmt
    if len(a) < 2:
        raise ScenarioError("thread Tn start|spawn Tm|end|STEP")
    name, sub = a[0], a[1:]
    if sub == ["start"]:
        def start():
            w = worker(name, create=True)
            if w.thread is not None:
                raise ScenarioError("thread already started: %s" % name)
            w.start()
        return start, lambda v: "ok"
    w = worker(name)
    if not w.live:
        raise ScenarioError("thread not running: %s" % name)
    if sub == ["end"]:
        return w.end, str
    if sub[0] == "spawn" and len(sub) == 2:
        if not is_worker_name(sub[1]):
            raise ScenarioError("spawn Tn")
        return (lambda: w.call(lambda: spawn(sub[1]))), lambda v: "ok"
    fn, fmt = step_fn(sub)
    return (lambda: w.call(fn)), (lambda v: "busy" if w.stuck else fmt(v))


def sigset(xs):
    return [parse_sig(x) for x in xs]


def step_fn(toks):
    """Return (fn, formatter) for one step. fn does the signal call(s)."""
    op, a = toks[0], toks[1:]
    ok = lambda v: "ok"
    if op == "handler":
        sig, h = parse_handler(toks)
        return (lambda: signal.signal(sig, h)), handler_label
    if op == "getsignal":
        s = parse_sig(a[0])
        return (lambda: signal.getsignal(s)), handler_label
    if op in ("raise", "pthread_kill", "kill"):
        return parse_send(toks), ok
    if op == "thread":
        return thread_step(a)
    if op == "later":
        d, fn = float(a[0]), parse_send(a[1:])
        return (lambda: later(d, fn)), ok
    if op in SETS:
        how = {"block": signal.SIG_BLOCK, "unblock": signal.SIG_UNBLOCK,
               "setmask": signal.SIG_SETMASK}[op]
        ss = sigset(a)
        return (lambda: signal.pthread_sigmask(how, ss)), fmt_set
    if op == "sigmask":
        how, ss = int(a[0]), sigset(a[1:])
        return (lambda: signal.pthread_sigmask(how, ss)), fmt_set
    if op == "mask":
        return (lambda: signal.pthread_sigmask(signal.SIG_BLOCK, [])), fmt_set
    if op == "pending":
        return signal.sigpending, fmt_set
    if op == "sigwait":
        ss = sigset(a)
        return (lambda: signal.sigwait(ss)), signame
    if op == "sigwaitinfo":
        ss = sigset(a)
        return (lambda: sigwaitinfo(ss)), lambda i: signame(i.si_signo)
    if op == "sigtimedwait":
        t, ss = number(a[0]), sigset(a[1:])
        return (lambda: sigtimedwait(ss, t)), \
            lambda i: "None" if i is None else signame(i.si_signo)
    if op == "siginfo":
        def info():
            if "last" not in INFO:
                raise ScenarioError("siginfo before a sigwaitinfo/sigtimedwait")
            return INFO["last"]
        return info, lambda i: fmt_info(i, a)
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
    if op == "datapipe":
        return datapipe, ok
    if op == "read":
        return read_data, str
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
    if op == "reports":
        return take_reports, str
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


# execute(fn) -> (value, exception of the call, failed, exceptions of the
# check points after it). Each check point is an explicit
# PyErr_CheckSignals() (a pthread_sigmask() that changes nothing), as
# sigemu_check(): a bare Python call is not enough, because when a handler
# raised inside a C function's own PyErr_CheckSignals(), CPython re-sets
# only its tripped flag, not the eval breaker, so the remaining handlers
# would run at some later, unspecified point.
#
# Why the check points are written out one after another instead of in a
# loop: a handler that raises re-arms the eval breaker, and CPython then
# runs the next tripped handler at the very next bytecode that checks it (a
# loop's back edge, any call). Only calls inside `try` may do that here; the
# `except` clauses below contain no call and no back edge, so every
# exception lands in `errs`. MAX_CHECKS copies: at most that many handlers
# raise in a row.
_CHECK = """
    try:
        _mask(_block, ())
    except BaseException as e:
        errs += (e,)
    else:
        return v, e1, failed, errs
"""
_EXECUTE = """
def execute(fn, _mask=_signal.pthread_sigmask, _block=signal.SIG_BLOCK):
    v = e1 = None
    failed = False
    errs = ()
    try:
        v = fn()
    except BaseException as e:
        e1 = e
        failed = True
""" + _CHECK * MAX_CHECKS + """
    return v, e1, failed, errs
"""
exec(_EXECUTE)


def run(path):
    sys.unraisablehook = unraisable
    sys.stderr = StderrTap(sys.stderr)
    with open(path) as f:
        steps = parse(f.read())
    for no, toks, expected in steps:
        if toks[0] == "needs":
            continue
        text = " ".join(toks)
        if toks[0] == "expect":
            toks, expected = expectation(toks)
        fn, fmt = step_fn(toks)
        v, e1, failed, errs = execute(fn)
        res = fmt_exc(e1) if failed else fmt(v)
        line = "L%d: %s -> %s" % (no, text, res)
        for e in errs:
            line += "; check: " + fmt_exc(e)
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
