/* posix_support.c — the helpers declared in posix_test.h. */
#include "posix_test.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "posix_syscalls.h"

atomic_int pt_hits[SIGEMU_MAXSIG];
int pt_order[256];
atomic_int pt_norder;
atomic_int pt_off_main;
char pt_reports[8192];
static size_t reports_len;

void pt_reports_clear(void) {
  reports_len = 0;
  pt_reports[0] = 0;
}

static void on_report(const char *msg, void *arg) {
  (void)arg;
  size_t n = strlen(msg);
  if (reports_len + n + 2 >= sizeof pt_reports) return;
  memcpy(pt_reports + reports_len, msg, n);
  reports_len += n;
  pt_reports[reports_len++] = '\n';
  pt_reports[reports_len] = 0;
}

int pt_count(int sig, void *arg) {
  if (sigemu_thread_self() != sigemu_main_thread()) atomic_fetch_add(&pt_off_main, 1);
  atomic_fetch_add(&pt_hits[sig], 1);
  int i = atomic_fetch_add(&pt_norder, 1);
  if (i < 256) pt_order[i] = sig;
  return (int)(intptr_t)arg;
}

int pt_install(int sig, int ret) {
  sigemu_action a = {SIGEMU_CALL, pt_count, (void *)(intptr_t)ret};
  return sigemu_signal(sig, &a, NULL);
}

int pt_set(int sig, sigemu_kind kind) {
  sigemu_action a = {kind, NULL, NULL};
  return sigemu_signal(sig, &a, NULL);
}

static void reset_counters(void) {
  for (int i = 0; i < SIGEMU_MAXSIG; i++) atomic_store(&pt_hits[i], 0);
  atomic_store(&pt_norder, 0);
  atomic_store(&pt_off_main, 0);
  pt_reports_clear();
}

int pt_reinit(bool python_defaults) {
  sigemu_shutdown();
  sigemu_options o = {.python_defaults = python_defaults, .report = on_report};
  return sigemu_init(&o);
}

void pt_setup(void) {
  sigemu__posix_sys_reset();
  reset_counters();
  if (pt_reinit(false) != 0) printf("#   sigemu_init failed\n");
}

void pt_teardown(void) {
  sigemu_shutdown();
  sigemu__posix_sys_reset();
}

double pt_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool pt_wait_hits(int sig, int n, double limit) {
  double end = pt_now() + limit;
  while (atomic_load(&pt_hits[sig]) < n) {
    if (pt_now() > end) return false;
    (void)sigemu_sleep(0.002);
    (void)sigemu_check();
  }
  return true;
}

pthread_t pt_spawn(void *(*fn)(void *), void *arg) {
  sigset_t all, old;
  pthread_t t;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old); /* inherited by the new thread */
  if (pthread_create(&t, NULL, fn, arg) != 0) {
    printf("#   pthread_create failed\n");
    abort();
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return t;
}

void pt_msleep(int ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
  }
}

sigemu_sigset pt_set_of(int a, int b, int c) {
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  if (a > 0) sigemu_sigaddset(&s, a);
  if (b > 0) sigemu_sigaddset(&s, b);
  if (c > 0) sigemu_sigaddset(&s, c);
  return s;
}
