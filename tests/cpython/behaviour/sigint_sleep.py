# SIGINT sent from outside interrupts time.sleep(100) with KeyboardInterrupt
# (the harness checks the sleep used < 5 % CPU).
# harness: send=SIGINT after=3 max_cpu=0.05
import time
print("READY", flush=True)
t0 = time.monotonic()
try:
    time.sleep(100)
    print("FAIL time.sleep(100) returned")
except KeyboardInterrupt:
    print(f"PASS KeyboardInterrupt in time.sleep after {time.monotonic() - t0:.2f} s")
