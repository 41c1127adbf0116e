# Real-world SIGALRM use: a timeout decorator (setitimer + a raising handler,
# restored afterwards), around computing, sleeping and quick functions.
import functools, signal, time


class Timeout(Exception):
    pass


def timeout(seconds):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            def on_alarm(signum, frame):
                raise Timeout(f"{func.__name__} timed out after {seconds} s")
            previous = signal.signal(signal.SIGALRM, on_alarm)
            signal.setitimer(signal.ITIMER_REAL, seconds)
            try:
                return func(*args, **kwargs)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        return wrapper
    return decorate


@timeout(0.5)
def primes_forever():
    found, n = [], 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
        n += 1


@timeout(0.5)
def sleepy():
    time.sleep(30)


@timeout(5)
def quick():
    return sum(range(1000))


assert quick() == 499500
for func in (primes_forever, sleepy):
    t0 = time.monotonic()
    try:
        func()
        raise SystemExit(f"FAIL {func.__name__} returned")
    except Timeout as e:
        elapsed = time.monotonic() - t0
        assert 0.45 <= elapsed < 5, (func.__name__, elapsed)
        print(f"{func.__name__}: {e} ({elapsed:.2f} s)")
assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
print("PASS timeouts fired, the quick call returned, SIGALRM restored")
