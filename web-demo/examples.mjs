// examples.mjs — the Python console's one-click examples (python.html), shared
// by the page and its browser test (test-python.mjs). Each has the code a
// visitor sees and what to do while it runs:
//   interrupt: press Interrupt after `after` ms;
//   usr1: press SIGUSR1 after `after` ms.
// `expect` is the outcome the sigemu build shows: the exception that ends
// the cell ('' = none) and a pattern its output matches.
export const EXAMPLES = [
  {
    id: 'busy',
    title: 'while True: pass',
    what: 'a busy loop; Interrupt (or Ctrl+C) raises KeyboardInterrupt in it',
    code: `while True:\n    pass\n`,
    action: { interrupt: true, after: 1500 },
    expect: { exception: 'KeyboardInterrupt', output: /KeyboardInterrupt/ },
  },
  {
    id: 'sleep',
    title: 'time.sleep(100)',
    what: 'a long sleep; Interrupt ends it at once, and it sleeps at near-zero CPU',
    code: `import time\nt0 = time.monotonic()\ntry:\n    time.sleep(100)\nfinally:\n    print(f"slept {time.monotonic() - t0:.2f} s")\n`,
    action: { interrupt: true, after: 3000 },
    expect: { exception: 'KeyboardInterrupt', output: /slept \d+\.\d\d s[\s\S]*KeyboardInterrupt/ },
  },
  {
    id: 'alarm',
    title: 'signal.alarm(2)',
    what: 'an alarm in 2 s; its handler ends the busy loop',
    code: `import signal, time

done = False
def on_alarm(signum, frame):
    global done
    print(f"{signal.Signals(signum).name} after {time.monotonic() - t0:.3f} s")
    done = True

signal.signal(signal.SIGALRM, on_alarm)
t0 = time.monotonic()
signal.alarm(2)
while not done:
    pass
print("loop ended by the handler")
`,
    expect: { exception: '', output: /SIGALRM after 2\.\d{3} s\s+loop ended by the handler/ },
  },
  {
    id: 'ticker',
    title: 'setitimer ticker',
    what: 'ITIMER_REAL every 0.25 s prints while Python computes',
    code: `import signal, time

ticks = 0
def tick(signum, frame):
    global ticks
    ticks += 1
    print(f"tick {ticks} at {time.monotonic() - t0:.2f} s")

signal.signal(signal.SIGALRM, tick)
t0 = time.monotonic()
signal.setitimer(signal.ITIMER_REAL, 0.25, 0.25)
try:
    total = 0
    for i in range(3_000_000):
        total += i * i % 7
finally:
    signal.setitimer(signal.ITIMER_REAL, 0)
print(f"computed {total} in {time.monotonic() - t0:.2f} s, {ticks} ticks on the way")
`,
    expect: { exception: '', output: /tick 1 at \d+\.\d\d s[\s\S]*computed \d+ in [\d.]+ s, [1-9]\d* ticks on the way/ },
  },
  {
    id: 'sigwait',
    title: 'signal.sigwait',
    what: 'waits, at near-zero CPU, until the SIGUSR1 button is pressed',
    code: `import signal, time

signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
print("sigwait: press SIGUSR1")
t0 = time.monotonic()
sig = signal.sigwait({signal.SIGUSR1})
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1})
print(f"sigwait returned {signal.Signals(sig).name} after {time.monotonic() - t0:.2f} s")
`,
    action: { usr1: true, after: 3000 },
    expect: { exception: '', output: /sigwait returned SIGUSR1 after \d+\.\d\d s/ },
  },
  {
    id: 'timeout',
    title: '@timeout decorator',
    what: 'a timeout built on SIGALRM, as libraries do it',
    code: `import functools, signal

def timeout(seconds):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            def expired(signum, frame):
                raise TimeoutError(f"{fn.__name__}() ran over {seconds} s")
            old = signal.signal(signal.SIGALRM, expired)
            signal.setitimer(signal.ITIMER_REAL, seconds)
            try:
                return fn(*args, **kwargs)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
        return wrapper
    return decorate

@timeout(1.5)
def quick():
    return sum(range(1000))

@timeout(1.5)
def endless_search():
    n = 0
    while True:
        n += 1

print("quick() ->", quick())
try:
    endless_search()
except TimeoutError as e:
    print("TimeoutError:", e)
`,
    expect: { exception: '', output: /quick\(\) -> 499500\s+TimeoutError: endless_search\(\) ran over 1\.5 s/ },
  },
];
