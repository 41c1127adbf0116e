# SIGINT sent from outside (the JS controller; kill(2) natively) raises
# KeyboardInterrupt in a busy loop.
# harness: send=SIGINT after=1
import time
print("READY", flush=True)
t0 = time.monotonic()
try:
    while time.monotonic() - t0 < 60:
        pass
    print("FAIL no KeyboardInterrupt within 60 s")
except KeyboardInterrupt:
    print(f"PASS KeyboardInterrupt after {time.monotonic() - t0:.2f} s")
