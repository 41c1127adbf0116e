# pthread_sigmask: a blocked signal stays pending, its handler runs when it
# is unblocked (before pthread_sigmask returns).
import os, signal

got = []
signal.signal(signal.SIGUSR1, lambda signum, frame: got.append(signum))
old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
assert signal.SIGUSR1 not in old, old
os.kill(os.getpid(), signal.SIGUSR1)
assert got == [], got
assert signal.SIGUSR1 in signal.sigpending(), signal.sigpending()
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1})
assert got == [signal.SIGUSR1], got
assert signal.SIGUSR1 not in signal.sigpending()
print("PASS blocked -> pending -> unblocked -> handled")
