# setitimer(ITIMER_REAL, 0.05, 0.05) ticks at least 10 times in a busy loop.
import signal, time

ticks = 0

def handler(signum, frame):
    global ticks
    ticks += 1

signal.signal(signal.SIGALRM, handler)
t0 = time.monotonic()
signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
while ticks < 10 and time.monotonic() - t0 < 10:
    pass
signal.setitimer(signal.ITIMER_REAL, 0)
elapsed = time.monotonic() - t0
assert ticks >= 10, f"{ticks} ticks in {elapsed:.2f} s"
# 10 periods of 50 ms: not before 0.5 s (timers never fire early).
assert elapsed >= 0.45, elapsed
print(f"PASS {ticks} ticks in {elapsed:.2f} s")
