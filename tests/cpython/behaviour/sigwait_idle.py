# signal.sigwait blocks (the harness checks it uses near-zero CPU) until the
# controller sends SIGUSR1, and returns that signal.
# harness: send=SIGUSR1 after=3 max_cpu=0.05
import signal, time
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
print("READY", flush=True)
t0 = time.monotonic()
sig = signal.sigwait({signal.SIGUSR1})
assert sig == signal.SIGUSR1, sig
print(f"PASS sigwait returned {signal.Signals(sig).name} after {time.monotonic() - t0:.2f} s")
