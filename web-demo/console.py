"""console.py: the Python side of the web demo's consoles (python.html).

The same file runs in both interpreters of the page, CPython built with
sigemu and Pyodide, so that a cell means the same thing in both. The page's
worker writes a cell's source to a file and calls run(path); run() executes
it in __main__ as the interactive interpreter would (the value of a last
expression is shown), prints any exception's traceback and writes the
exception's class name (or nothing) to OUTCOME, which the worker reads.

Handlers are noted for the page's signal log: signal.signal() is wrapped so
that a Python handler, when it starts, first writes its signal number to
NOTE_PATH (a device whose writes the worker timestamps), and for a SIGALRM
of ITIMER_REAL how late it started after the timer's deadline (alarm() and
setitimer() are wrapped to remember it). getsignal() still returns the
function the program installed.
"""
import ast
import os
import signal
import sys
import time
import traceback

import __main__

OUTCOME = '/tmp/console-outcome'
NOTE_PATH = '/dev/console-notes'

_note_fd = None
_installed = {}  # signum -> the handler the program gave signal.signal()
_real_signal = signal.signal
_real_getsignal = signal.getsignal


def _note(signum):
    global _note_fd
    late = _lateness(signum)
    try:
        if _note_fd is None:
            _note_fd = os.open(NOTE_PATH, os.O_WRONLY)
        os.write(_note_fd, (f'{signum} {late:.3f}\n' if late is not None else f'{signum}\n').encode())
    except OSError:
        pass  # no device: the log shows what the host saw


# ITIMER_REAL's deadline as the program set it (alarm, setitimer), so that
# the log can say how late a SIGALRM handler started: [deadline, interval]
# on time.monotonic(). The real functions do the work and answer.
_timer = None


def _arm(t0, seconds, interval=0.0):
    global _timer
    _timer = [t0 + seconds, interval] if seconds > 0 else None


def _lateness(signum):
    """ms from the timer's deadline to now, for a SIGALRM it caused."""
    global _timer
    if signum != signal.SIGALRM or _timer is None:
        return None
    now = time.monotonic()
    deadline, interval = _timer
    if now < deadline:
        return None  # not the timer's: a SIGALRM sent by other means
    if interval > 0:  # the next one is on the same grid (missed periods coalesce)
        _timer[0] = deadline + ((now - deadline) // interval + 1) * interval
    else:
        _timer = None
    return (now - deadline) * 1000


def _wrap_timer(name, arm):
    real = getattr(signal, name, None)
    if real is None:
        return  # this interpreter has no such timer
    def wrapper(*args, **kwargs):
        t0 = time.monotonic()  # before the layer reads its clock: no early deadline
        result = real(*args, **kwargs)
        arm(t0, *args, **kwargs)
        return result
    wrapper.__name__, wrapper.__doc__ = real.__name__, real.__doc__
    setattr(signal, name, wrapper)


_wrap_timer('alarm', lambda t0, seconds: _arm(t0, seconds))
_wrap_timer('setitimer', lambda t0, which, seconds, interval=0.0:
            _arm(t0, seconds, interval) if which == signal.ITIMER_REAL else None)


def _signal(signalnum, handler):
    if callable(handler):
        def noted(signum, frame, _handler=handler):
            _note(signum)
            return _handler(signum, frame)
        old = _real_signal(signalnum, noted)
    else:
        old = _real_signal(signalnum, handler)
    previous = _installed.pop(int(signalnum), old)
    if callable(handler):
        _installed[int(signalnum)] = handler
    return previous


def _getsignal(signalnum):
    return _installed.get(int(signalnum), _real_getsignal(signalnum))


_signal.__doc__ = signal.signal.__doc__
_getsignal.__doc__ = signal.getsignal.__doc__
signal.signal = _signal
signal.getsignal = _getsignal

# Output reaches the page line by line, as on a terminal.
for _stream in (sys.stdout, sys.stderr):
    try:
        _stream.reconfigure(line_buffering=True)
    except (AttributeError, ValueError):
        pass


def run(path):
    """Run the cell in `path` in __main__; write the outcome."""
    name = ''
    try:
        with open(path, encoding='utf-8') as f:
            src = f.read()
        tree = ast.parse(src, '<console>', 'exec')
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = tree.body.pop()
        exec(compile(tree, '<console>', 'exec'), __main__.__dict__)
        if last is not None:
            exec(compile(ast.Interactive([last]), '<console>', 'single'), __main__.__dict__)
    except SystemExit as e:
        name = 'SystemExit'
        print(f'SystemExit: {e.code}', file=sys.stderr)
    except BaseException as e:  # KeyboardInterrupt included: the console goes on
        name = type(e).__name__
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
            tb = tb.tb_next  # the traceback starts in the cell, as in the REPL
        traceback.print_exception(type(e), e, tb)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        _outcome(name)


def poke():
    """The console is idle and a signal may be waiting: handle it now, as a
    terminal's REPL does at its prompt. time.sleep(0) is a wait: it takes
    what the host sent, runs the handlers, and raises what they raise."""
    name = ''
    try:
        time.sleep(0)
    except BaseException as e:
        name = type(e).__name__
        traceback.print_exception(type(e), e, None)
    _outcome(name)


def version():
    _outcome(sys.version)


def _outcome(text):
    with open(OUTCOME, 'w') as f:
        f.write(text)
