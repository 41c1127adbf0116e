# A handler that raises stops the loop it interrupted; the exception is the
# handler's, and the code after the loop runs.
import signal, time

class Stop(Exception):
    pass

def handler(signum, frame):
    raise Stop("from the handler")

signal.signal(signal.SIGALRM, handler)
signal.setitimer(signal.ITIMER_REAL, 0.2)
n = 0
t0 = time.monotonic()
try:
    while True:
        n += 1
except Stop as e:
    assert str(e) == "from the handler"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    print(f"PASS the handler's exception stopped the loop after {n} iterations, "
          f"{time.monotonic() - t0:.2f} s")
