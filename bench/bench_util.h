/* bench_util.h — the little toolbox every C benchmark of bench/ shares:
 * a monotonic clock, medians and percentiles, and the one output format the
 * report (bench/report.mjs) reads.
 *
 * Why a format of our own: the machine is shared and noisy, so each
 * benchmark measures its figure and its baseline in the same run, several
 * repetitions interleaved, and hands both to the report, which alone knows
 * the targets. One record per line, prefixed "@@ " so that a stray printf
 * never breaks the parse:
 *   @@ {"id":"check.native","ours":0.41,"base":0.38,"unit":"ns", ...}
 * Samples (latency distributions, timer series) ride along as arrays.
 *
 * Header-only (static functions) because each benchmark is one program and
 * the wasm builds compile the same file with a different toolchain.
 */
#ifndef SIGEMU_BENCH_UTIL_H
#define SIGEMU_BENCH_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Everything here is static; a program uses only part of it. */
#define BENCH_FN static __attribute__((unused))

BENCH_FN int64_t bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The clock of the cost loops (idle check, raise): natively the calling
 * thread's CPU time, so that the time the machine's other tenants take from
 * us while a repetition runs is not counted; on WebAssembly there is no such
 * clock, and the wall clock with the minimum of many short repetitions
 * stands in for it (bench_common.h). */
#if defined(CLOCK_THREAD_CPUTIME_ID) && !defined(__wasm__)
#  define BENCH_COST_CLOCK "thread CPU time"
#else
#  define BENCH_COST_CLOCK "wall clock"
#endif
BENCH_FN int64_t bench_cost_ns(void) {
#if defined(CLOCK_THREAD_CPUTIME_ID) && !defined(__wasm__)
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
#else
  return bench_now_ns();
#endif
}

BENCH_FN int bench_cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The q-quantile (0..1) of v[0..n), nearest rank; sorts a copy. */
BENCH_FN double bench_quantile(const double *v, size_t n, double q) {
  if (n == 0) return 0;
  double *c = (double *)malloc(n * sizeof *c); /* cast: C++ includes it too */
  if (!c) return 0;
  memcpy(c, v, n * sizeof *c);
  qsort(c, n, sizeof *c, bench_cmp_double);
  size_t i = (size_t)(q * (double)(n - 1) + 0.5);
  double r = c[i < n ? i : n - 1];
  free(c);
  return r;
}

BENCH_FN double bench_median(const double *v, size_t n) {
  return bench_quantile(v, n, 0.5);
}

BENCH_FN double bench_min(const double *v, size_t n) {
  double m = n ? v[0] : 0;
  for (size_t i = 1; i < n; i++)
    if (v[i] < m) m = v[i];
  return m;
}

/* ---- records ------------------------------------------------------------ */
/* A record is built with begin / fields / end, all on one line. */
BENCH_FN void bench_rec_begin(const char *id) {
  printf("@@ {\"id\":\"%s\"", id);
}
BENCH_FN void bench_rec_num(const char *key, double v) {
  printf(",\"%s\":%.6g", key, v);
}
BENCH_FN void bench_rec_str(const char *key, const char *v) {
  printf(",\"%s\":\"", key);
  for (; *v; v++) {
    if (*v == '"' || *v == '\\') putchar('\\');
    putchar(*v);
  }
  putchar('"');
}
BENCH_FN void bench_rec_arr(const char *key, const double *v, size_t n) {
  printf(",\"%s\":[", key);
  for (size_t i = 0; i < n; i++) printf(i ? ",%.6g" : "%.6g", v[i]);
  putchar(']');
}
BENCH_FN void bench_rec_end(void) {
  printf("}\n");
  fflush(stdout);
}

/* The usual pair: our figure next to its baseline, same unit. */
BENCH_FN void bench_pair(const char *id, double ours, double base,
                       const char *unit, const char *note) {
  bench_rec_begin(id);
  bench_rec_num("ours", ours);
  bench_rec_num("base", base);
  bench_rec_str("unit", unit);
  if (note && *note) bench_rec_str("note", note);
  bench_rec_end();
}

#endif /* SIGEMU_BENCH_UTIL_H */
