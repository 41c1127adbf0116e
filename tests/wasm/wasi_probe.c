/* wasi_probe.c — what a WASI runtime does with the calls the wasi backend
 * uses: clocks (resolution, CPU-time clocks), and poll_oneoff (relative and
 * absolute clock subscriptions, read subscriptions on a regular file and on
 * a named pipe). One line per probe, "probe NAME RESULT"; tests/wasm/run.sh
 * runs it under node:wasi and wasmtime and docs/wasm.md reports the
 * differences.
 *
 *   wasi_probe.wasm [DIR [fifo]]   DIR (preopened) holds "file" (a regular
 *                                  file) and, with "fifo", "fifo" (a named
 *                                  pipe nobody writes to: wasmtime's open of
 *                                  it blocks until a writer appears)
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static uint64_t now(void) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0) return 0;
  return t;
}

static void clocks(void) {
  static const struct { const char *name; __wasi_clockid_t id; } c[] = {
      {"realtime", __WASI_CLOCKID_REALTIME},
      {"monotonic", __WASI_CLOCKID_MONOTONIC},
      {"process_cputime", __WASI_CLOCKID_PROCESS_CPUTIME_ID},
      {"thread_cputime", __WASI_CLOCKID_THREAD_CPUTIME_ID},
  };
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
    __wasi_timestamp_t res = 0, t = 0;
    __wasi_errno_t e1 = __wasi_clock_res_get(c[i].id, &res);
    __wasi_errno_t e2 = __wasi_clock_time_get(c[i].id, 1, &t);
    if (e2)
      printf("probe clock_%s time_get errno %u (res_get errno %u)\n", c[i].name, e2, e1);
    else
      printf("probe clock_%s ok, resolution %llu ns%s\n", c[i].name,
             (unsigned long long)res, e1 ? " (res_get failed)" : "");
  }
}

/* One poll_oneoff over subs; prints which userdata fired and the time. */
static void poll_report(const char *name, __wasi_subscription_t *subs, int n) {
  __wasi_event_t ev[4];
  __wasi_size_t got = 0;
  uint64_t t0 = now();
  __wasi_errno_t e = __wasi_poll_oneoff(subs, ev, (__wasi_size_t)n, &got);
  double ms = (double)(now() - t0) / 1e6;
  if (e) {
    printf("probe %s errno %u\n", name, e);
    return;
  }
  printf("probe %s after %.0f ms, %u event(s):", name, ms, (unsigned)got);
  for (__wasi_size_t i = 0; i < got; i++)
    printf(" %s%s", ev[i].userdata == 1 ? "clock" : ev[i].userdata == 2 ? "guard" : "fd",
           ev[i].error ? "(error)" : "");
  printf("\n");
}

static __wasi_subscription_t clock_sub(uint64_t ud, uint64_t ns, int abs) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = ud;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  s.u.u.clock.timeout = abs ? now() + ns : ns;
  s.u.u.clock.precision = 1000;
  s.u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
  return s;
}

static void fd_read_probe(const char *name, const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) {
    printf("probe %s open failed\n", name);
    return;
  }
  __wasi_subscription_t s[2];
  s[0] = clock_sub(2, 200000000, 0);
  memset(&s[1], 0, sizeof s[1]);
  s[1].userdata = 3;
  s[1].u.tag = __WASI_EVENTTYPE_FD_READ;
  s[1].u.u.fd_read.file_descriptor = (__wasi_fd_t)fd;
  poll_report(name, s, 2);
  char b[8];
  ssize_t r = read(fd, b, sizeof b);
  printf("probe %s_read returns %zd\n", name, r);
  close(fd);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  clocks();
  __wasi_subscription_t s[2];
  s[0] = clock_sub(1, 50000000, 0);
  poll_report("poll_relative_50ms", s, 1);
  s[0] = clock_sub(1, 0, 0);
  poll_report("poll_relative_0", s, 1);
  /* Absolute deadline 50 ms ahead, with a 1 s relative guard: a runtime
   * that never fires absolute subscriptions shows the guard. */
  s[0] = clock_sub(1, 50000000, 1);
  s[1] = clock_sub(2, 1000000000, 0);
  poll_report("poll_absolute_50ms", s, 2);
  poll_report("poll_no_subscriptions", s, 0);
  if (argc > 1) {
    char p[512];
    snprintf(p, sizeof p, "%s/file", argv[1]);
    fd_read_probe("poll_fd_read_file", p);
  }
  if (argc > 2 && strcmp(argv[2], "fifo") == 0) {
    char p[512];
    snprintf(p, sizeof p, "%s/fifo", argv[1]);
    fd_read_probe("poll_fd_read_fifo", p);
  }
  fflush(stdout);
  return 0;
}
