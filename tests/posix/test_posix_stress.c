/* test_posix_stress.c — two threads send thousands of signals of four
 * kinds (kill() to the process and pthread_kill() to the main thread) while
 * the main thread blocks and unblocks them, re-installs handlers and flips
 * some to SIG_IGN and back, for about 1.5 s. Afterwards every kind sent
 * after the last toggle must be delivered at least once, every handler run
 * must have been on the main thread, no more runs than sends, and the only
 * reports allowed are CPython's "ignored due to race condition".
 */
#include <errno.h>
#include <time.h>
#include <signal.h>
#include <unistd.h>

#include "posix_test.h"

static const int kinds[4] = {SIGUSR1, SIGUSR2, SIGWINCH, SIGURG};
static atomic_int stop;
static atomic_long sent[4];
static pthread_t main_tid;

typedef struct {
  int use_kill; /* kill() the process, else pthread_kill() the main thread */
  int rounds;   /* 0: until stop */
} sender_arg;

static void *sender(void *p) {
  sender_arg *a = p;
  for (long i = 0; a->rounds ? i < a->rounds * 4 : !atomic_load(&stop); i++) {
    int k = (int)(i % 4);
    int r = a->use_kill ? kill(getpid(), kinds[k]) : pthread_kill(main_tid, kinds[k]);
    if (r == 0) atomic_fetch_add(&sent[k], 1);
    /* Spread the sends over the whole run (thousands, not millions). */
    if (!a->rounds && k == 3) {
      struct timespec ts = {0, 50000};
      nanosleep(&ts, NULL);
    }
  }
  return NULL;
}

/* Only "Signal N ignored due to race condition" lines are allowed. */
static bool reports_ok(void) {
  const char *p = pt_reports;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    char line[128];
    if (n >= sizeof line) return false;
    memcpy(line, p, n);
    line[n] = 0;
    int sig;
    char tail[64];
    if (sscanf(line, "OSError: Signal %d ignored due to race %63[a-z ]", &sig, tail) != 2 ||
        strcmp(tail, "condition") != 0)
      return false;
    p += n + (nl ? 1 : 0);
  }
  return true;
}

static void t_stress(void) {
  main_tid = pthread_self();
  sigemu_sigset all;
  sigemu_sigemptyset(&all);
  for (int k = 0; k < 4; k++) {
    T_EQ_ERR(pt_install(kinds[k], 0), 0);
    sigemu_sigaddset(&all, kinds[k]);
    atomic_store(&sent[k], 0);
  }
  atomic_store(&stop, 0);
  sender_arg ka = {1, 0}, pa = {0, 0};
  pthread_t t1 = pt_spawn(sender, &ka), t2 = pt_spawn(sender, &pa);
  double end = pt_now() + 1.5;
  long toggles = 0;
  int bad = 0;
  while (pt_now() < end) {
    int k = (int)(toggles % 4);
    if (sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &all, NULL) != 0) bad |= 1;
    sigemu_sigset pend;
    if (sigemu_sigpending(&pend) != 0) bad |= 2;
    if (sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &all, NULL) != 0) bad |= 4;
    if (toggles % 7 == 0 && (kinds[k] == SIGWINCH || kinds[k] == SIGURG)) {
      /* Default action of these two is "ignore": SIG_IGN is safe. */
      if (pt_set(kinds[k], SIGEMU_IGN) != 0) bad |= 8;
    }
    if (pt_install(kinds[k], 0) != 0) bad |= 16;
    if (sigemu_check() != 0) bad |= 32;
    toggles++;
  }
  /* The last toggle is behind us: handlers installed, nothing blocked. */
  atomic_store(&stop, 1);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  (void)sigemu_sleep(0.05); /* drain what is in flight */
  (void)sigemu_check();
  int before[4];
  long total_sent = 0, total_hits = 0;
  for (int k = 0; k < 4; k++) {
    before[k] = atomic_load(&pt_hits[kinds[k]]);
    total_sent += atomic_load(&sent[k]);
    total_hits += before[k];
  }
  /* Final round: one of each kind from each sender. */
  sender_arg kf = {1, 1}, pf = {0, 1};
  t1 = pt_spawn(sender, &kf);
  t2 = pt_spawn(sender, &pf);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  bool all_seen = true;
  for (int k = 0; k < 4; k++)
    if (!pt_wait_hits(kinds[k], before[k] + 1, 10.0)) all_seen = false;
  printf("#   %ld signals sent, %ld handler runs, %ld toggles\n", total_sent,
         total_hits, toggles);
  T_EQ_INT(bad, 0);
  T_TRUE(all_seen);
  T_TRUE(total_sent >= 1000);
  T_TRUE(total_hits <= total_sent);
  T_TRUE(total_hits > 0);
  T_EQ_INT(atomic_load(&pt_off_main), 0);
  if (!reports_ok()) T_FAIL_("unexpected report: %s", pt_reports);
}

static const harness_test tests[] = {
    T(t_stress),
};

int main(int argc, char **argv) {
  harness_setup = pt_setup;
  harness_teardown = pt_teardown;
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
