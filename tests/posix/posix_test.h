/* posix_test.h — shared helpers of the posix backend's tests.
 *
 * These tests use real signals, real threads and real processes, so each
 * needs the same few things: a fresh sigemu per test (setup/teardown that
 * also put the OS call table back), handlers that count and remember the
 * thread they ran on, a captured report channel, threads that start with
 * every signal blocked (so a process-directed signal cannot land on them),
 * and waits bounded by a generous wall-clock limit.
 */
#ifndef SIGEMU_POSIX_TEST_H
#define SIGEMU_POSIX_TEST_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "harness.h"
#include "sigemu.h"

/* Handler hits per signal, order of runs, and whether every run was on the
 * main thread; reset by pt_setup. */
extern atomic_int pt_hits[SIGEMU_MAXSIG];
extern int pt_order[256];
extern atomic_int pt_norder;
extern atomic_int pt_off_main; /* runs seen off the main thread */

/* Reports (sigemu_options.report), newline-separated. */
extern char pt_reports[8192];
void pt_reports_clear(void);

/* The counting handler; returns (int)(intptr_t)arg. */
int pt_count(int sig, void *arg);
/* Install pt_count for sig, returning code ret when it runs. */
int pt_install(int sig, int ret);
int pt_set(int sig, sigemu_kind kind);

/* Fresh sigemu for each test; python_defaults off. */
void pt_setup(void);
void pt_teardown(void);
/* Re-initialise with options (after pt_setup's init). */
int pt_reinit(bool python_defaults);

double pt_now(void); /* monotonic seconds */
/* Wait (running handlers) until pt_hits[sig] >= n or limit seconds pass. */
bool pt_wait_hits(int sig, int n, double limit);

/* A thread with every signal blocked. */
pthread_t pt_spawn(void *(*fn)(void *), void *arg);
/* Sleep ms milliseconds without sigemu (a helper thread's sleep). */
void pt_msleep(int ms);

sigemu_sigset pt_set_of(int a, int b, int c);

#endif /* SIGEMU_POSIX_TEST_H */
