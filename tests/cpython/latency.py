"""Interrupt latency: SIGINT from the host -> KeyboardInterrupt in a busy loop.

    latency.py OUT READY STOP

Runs inside the interpreter under test (tests/cpython/latency.mjs starts
it). Creates the file READY when the busy loop is about to start, then
catches KeyboardInterrupts, noting the time of each on the monotonic clock,
until the file STOP exists (the driver creates it, then sends one last
SIGINT), and writes the times (milliseconds, JSON) to OUT. In Pyodide the
driver calls run() itself with its own clock, ready() and stop().
"""
import sys
import time


def run(now, ready, stop):
    caught = []
    ready()
    while not stop():
        try:
            try:
                while True:
                    pass
            except KeyboardInterrupt:
                caught.append(now())
        except KeyboardInterrupt:  # one that came during the bookkeeping
            caught.append(now())
    return caught


if __name__ == "__main__":
    import json
    import os
    out, ready_path, stop_path = sys.argv[1:4]
    times = run(lambda: time.monotonic_ns() / 1e6, lambda: open(ready_path, "w").close(),
                lambda: os.path.exists(stop_path))
    with open(out, "w") as f:
        json.dump(times, f)
