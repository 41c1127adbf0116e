# signal.alarm(1) interrupts `while True: pass`: the handler's exception
# stops the loop, about one second later.
import signal, time

class Alarm(Exception):
    pass

def handler(signum, frame):
    raise Alarm(signum)

signal.signal(signal.SIGALRM, handler)
t0 = time.monotonic()
signal.alarm(1)
try:
    while True:
        pass
except Alarm as e:
    elapsed = time.monotonic() - t0
    assert e.args == (signal.SIGALRM,), e.args
    assert 0.9 <= elapsed < 10, elapsed
    print(f"PASS alarm(1) stopped the loop after {elapsed:.2f} s")
