"""Host-side spawn: subprocess for CPython on Emscripten under Node.

A prototype of what test_signal.py's subprocess tests need on wasm. CPython
disables subprocess on Emscripten (`subprocess._can_fork_exec` is False,
there is no _posixsubprocess) and test.support says "requires subprocess
support". But Emscripten's system() in Node runs a host shell command with
child_process.spawnSync, and with NODERAWFS the file system is the host's.
install() builds subprocess's fork/exec on that:

  - the child runs to completion inside Popen() (synchronously): a command
    for sys.executable becomes `node python/python.mjs BUILD_DIR ...`, a
    second wasm interpreter in its own Node process;
  - its stdout/stderr go to temporary files, copied into the pipes Popen
    made once it ended; its stdin is /dev/null (input= is not supported);
  - its wait status (what system() returned) is handed to Popen by the
    waitpid() of subprocess's `os` for the pid made up for it;
  - the pipes subprocess makes are files: Emscripten 3.1.6's pipes never
    report end-of-file (a read with no data left fails with EAGAIN even
    when the writer is closed), and by the time the parent reads, the
    child has written everything, which a file holds as well. Files are
    always ready, so communicate() gets a selector that says so (poll()
    on a NODERAWFS file aborts Emscripten 3.1.6).

What this cannot give (see docs/cpython.md): a child that runs while the
parent talks to it, timeouts on a child that does not end (the parent
blocks in Popen), environment variables (Emscripten gives a program its own
environment), signals between the two processes (getpid() is 42 in every
Emscripten program), and a death by a signal's default action seen as such.
Nothing in CPython's files is changed: the test runner calls install()
before it imports the tests; only the subprocess module's globals change.
"""
import os
import selectors
import shlex
import sys
import tempfile
import types

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_status = {}          # made-up pid -> wait status
_next_pid = [40000]


def _interpreter_command():
    """The host command line that starts this interpreter again."""
    return ["node", "--no-experimental-fetch", "--disable-warning=ExperimentalWarning",
            os.path.join(ROOT, "python", "python.mjs"), os.path.dirname(sys.executable)]


def _copy_into(path, fd):
    with open(path, "rb") as f:
        data = f.read()
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _fork_exec(args, executable_list, close_fds, fds_to_keep, cwd, env_list,
               p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite,
               errpipe_read, errpipe_write, *rest):
    argv = [os.fsdecode(a) for a in args]
    if os.path.realpath(argv[0]) == os.path.realpath(sys.executable):
        argv = _interpreter_command() + argv[1:]
    cmd = " ".join(shlex.quote(a) for a in argv)
    if cwd is not None:
        cmd = "cd %s && %s" % (shlex.quote(os.fsdecode(cwd)), cmd)
    tmp = tempfile.mkdtemp(prefix="hostspawn-")
    out, err = os.path.join(tmp, "out"), os.path.join(tmp, "err")
    redirs = " </dev/null"
    if c2pwrite != -1:
        redirs += " >%s" % shlex.quote(out)
    if errwrite != -1:
        redirs += " 2>&1" if errwrite == c2pwrite else " 2>%s" % shlex.quote(err)
    try:
        status = os.system("(%s)%s" % (cmd, redirs))
        if c2pwrite != -1:
            _copy_into(out, c2pwrite)
        if errwrite != -1 and errwrite != c2pwrite:
            _copy_into(err, errwrite)
    finally:
        for f in (out, err):
            if os.path.exists(f):
                os.unlink(f)
        os.rmdir(tmp)
    pid = _next_pid[0]
    _next_pid[0] += 1
    _status[pid] = status
    return pid


def _file_pipe():
    """A pipe for a child that has already ended: one file, two offsets."""
    fd, path = tempfile.mkstemp(prefix="hostspawn-pipe-")
    try:
        r = os.open(path, os.O_RDONLY)
    finally:
        os.close(fd)
    w = os.open(path, os.O_WRONLY)
    os.unlink(path)
    return r, w


class _ReadySelector(selectors._BaseSelectorImpl):
    """Every registered file is ready (they are files, not pipes)."""

    def select(self, timeout=None):
        return [(key, key.events) for key in self._fd_to_key.values()]


class _SubprocessOs(types.ModuleType):
    """What subprocess sees as `os`: the real one, with file pipes and a
    waitpid() that knows the children made here."""

    def __init__(self):
        super().__init__("os")
        self.pipe = _file_pipe

    def waitpid(self, pid, options):
        if pid in _status:
            return pid, _status.pop(pid)
        return os.waitpid(pid, options)

    def __getattr__(self, name):
        return getattr(os, name)


def install():
    """Give this interpreter's subprocess module the host spawn, and tell
    test.support that subprocesses work. Changes no other module."""
    if sys.platform != "emscripten":
        raise RuntimeError("hostspawn is for Emscripten under Node (system() spawns there)")
    import errno
    import subprocess
    sub_os = _SubprocessOs()
    subprocess.os = sub_os
    subprocess._PopenSelector = _ReadySelector
    subprocess._can_fork_exec = True
    subprocess._fork_exec = _fork_exec
    # subprocess binds these as default arguments when it cannot fork.
    Popen = subprocess.Popen
    Popen._internal_poll.__defaults__ = (None, sub_os.waitpid, os.WNOHANG, errno.ECHILD)
    Popen._handle_exitstatus.__defaults__ = (os.waitstatus_to_exitcode, os.WIFSTOPPED, os.WSTOPSIG)
    from test import support
    support.has_subprocess_support = True
