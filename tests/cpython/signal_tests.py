"""Run CPython's own Lib/test/test_signal.py, unmodified, and report every
test's outcome.

    signal_tests.py [--host-spawn] [TEST NAMES...]

Runs inside the interpreter under test (native, Emscripten, WASI). The test
module is the interpreter's own `test.test_signal`; this file only collects
the results: one line per test on stdout,

    @@TEST {"id": ..., "outcome": "pass|fail|error|skip|xfail|xpass", "detail": ...}

printed (and flushed) as soon as the test ends, so a run that hangs or is
killed still reports every test before the one it stopped in. unittest's
verbose output goes to stderr. A final `@@DONE {...}` line carries the
counts as unittest saw them.
"""
import json
import sys
import time
import traceback
import unittest


def emit(kind, obj):
    sys.stdout.write("@@%s %s\n" % (kind, json.dumps(obj)))
    sys.stdout.flush()


class CollectingResult(unittest.TextTestResult):
    def startTest(self, test):
        self._t0 = time.monotonic()
        emit("START", {"id": test.id()})
        super().startTest(test)

    def _report(self, test, outcome, detail=""):
        seconds = time.monotonic() - getattr(self, "_t0", time.monotonic())
        emit("TEST", {"id": test.id(), "outcome": outcome,
                      "detail": detail, "seconds": round(seconds, 3)})

    def addSuccess(self, test):
        super().addSuccess(test)
        self._report(test, "pass")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._report(test, "fail", self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        # setUpModule/setUpClass errors come as _ErrorHolder objects.
        self._report(test, "error", self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._report(test, "skip", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._report(test, "xfail", self._exc_info_to_string(err, test))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._report(test, "xpass")

    def addSubTest(self, test, subtest, err):
        # A failing subtest fails its test; report it under the test's id.
        super().addSubTest(test, subtest, err)
        if err is not None:
            outcome = "fail" if issubclass(err[0], test.failureException) else "error"
            self._report(test, outcome, self._exc_info_to_string(err, subtest))


def main():
    args = sys.argv[1:]
    if "--host-spawn" in args:
        # Prototype: subprocess through the host (tests/cpython/hostspawn.py).
        args.remove("--host-spawn")
        import hostspawn
        hostspawn.install()
    names = args or ["test.test_signal"]
    emit("INFO", {"version": sys.version, "platform": sys.platform,
                  "executable": sys.executable})
    try:
        suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    except Exception:
        emit("DONE", {"ran": 0, "import_error": traceback.format_exc()})
        return 2
    runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=2,
                                     resultclass=CollectingResult)
    result = runner.run(suite)
    emit("DONE", {"ran": result.testsRun,
                  "failures": len(result.failures),
                  "errors": len(result.errors),
                  "skipped": len(result.skipped)})
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
