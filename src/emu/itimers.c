/* itimers.c — ITIMER_REAL, ITIMER_VIRTUAL and ITIMER_PROF, as Linux keeps
 * them (kernel/time/itimer.c).
 *
 *   - Deadlines are absolute, on the timer's own clock (monotonic for REAL;
 *     process CPU time for the other two, or wall time minus time blocked
 *     where the runtime has no CPU clock). A periodic timer's next deadline
 *     is the previous one plus the interval, so it never drifts; periods
 *     missed by a late check coalesce into one signal (hrtimer_forward).
 *   - A periodic ITIMER_REAL stops after firing and re-arms on its grid when
 *     its SIGALRM leaves the process's pending set (dequeue_signal): while
 *     SIGALRM is blocked, or ignored, getitimer reads (0, interval).
 *   - Setting a value of 0 disarms; ITIMER_REAL then forgets its interval,
 *     the CPU timers keep it (setitimer(ITIMER_VIRTUAL, 0, 1) reads back as
 *     (0, 1)).
 *   - The signals are process-directed, si_code SI_KERNEL.
 */
#include "kit.h"

/* The first deadline on the grid (deadline + k*interval) after now,
 * saturating at INT64_MAX as the kernel saturates at KTIME_MAX. */
static int64_t forward(int64_t deadline, int64_t now, int64_t interval) {
  int64_t k = (now - deadline) / interval + 1;
  if (k > (INT64_MAX - deadline) / interval) return INT64_MAX;
  return deadline + k * interval;
}

static int64_t clock_of(int which) {
  if (which == SIGEMU_ITIMER_REAL) return sigemu__plat_now_ns();
  int64_t c = sigemu__plat_cpu_ns();
  if (c < 0) c = sigemu__plat_now_ns() - atomic_load(&sigemu__kit.blocked_ns);
  return c;
}

static bool running(const kit_itimer *t) { return t->armed && !t->stalled; }

static int64_t next_real_locked(void) {
  const kit_itimer *t = &sigemu__kit.timer[SIGEMU_ITIMER_REAL];
  return running(t) ? t->deadline : INT64_MAX;
}

/* Tell the platform the earliest REAL deadline, and keep the count of armed
 * timers. Always, not only on change: a host timer is one-shot and may fire
 * a little early (JS setTimeout), and must then be armed again. */
static void rearm_locked(void) {
  kit_process *k = &sigemu__kit;
  int n = 0;
  for (int w = 0; w < 3; w++) n += k->timer[w].armed;
  atomic_store(&k->armed, n);
  sigemu__plat_arm(next_real_locked());
}

void sigemu__kit_itimers_reset_locked(void) {
  kit_process *k = &sigemu__kit;
  for (int w = 0; w < 3; w++) {
    k->timer[w].armed = k->timer[w].stalled = false;
    k->timer[w].deadline = k->timer[w].interval = 0;
  }
  rearm_locked();
}

void sigemu__kit_real_taken_locked(void) {
  kit_itimer *t = &sigemu__kit.timer[SIGEMU_ITIMER_REAL];
  if (!t->armed || !t->stalled) return;
  int64_t now = clock_of(SIGEMU_ITIMER_REAL);
  if (now >= t->deadline) t->deadline = forward(t->deadline, now, t->interval);
  t->stalled = false;
  rearm_locked();
}

int64_t sigemu__kit_next_deadline(void) {
  sigemu__kit_lock();
  int64_t d = next_real_locked();
  sigemu__kit_unlock();
  return d;
}

int64_t sigemu__kit_next_due_in(void) {
  kit_process *k = &sigemu__kit;
  int64_t best = INT64_MAX;
  sigemu__kit_lock();
  for (int w = 0; w < 3; w++) {
    if (!running(&k->timer[w])) continue;
    int64_t in = k->timer[w].deadline - clock_of(w);
    if (in < 0) in = 0;
    if (in < best) best = in;
  }
  sigemu__kit_unlock();
  return best;
}

void sigemu__kit_timer_due(void) {
  kit_process *k = &sigemu__kit;
  if (atomic_load(&k->armed) == 0) return; /* the common case: no clock read */
  sigemu__kit_lock();
  /* REAL, VIRTUAL, PROF: their clocks cannot be compared, so a fixed order
   * rather than a sort by deadline. */
  for (int w = 0; w < 3; w++) {
    kit_itimer *t = &k->timer[w];
    if (!running(t)) continue;
    int64_t now = clock_of(w);
    if (now < t->deadline) continue;
    if (t->interval == 0)
      t->armed = false;
    else if (w == SIGEMU_ITIMER_REAL)
      t->stalled = true; /* until its SIGALRM is taken */
    else
      t->deadline = forward(t->deadline, now, t->interval);
    kit_siginfo info = sigemu__kit_info(k->timer_sig[w], KIT_SI_KERNEL);
    (void)sigemu__kit_generate_locked(NULL, &info);
  }
  rearm_locked();
  sigemu__kit_unlock();
}

static void left_locked(int which, int64_t now, int64_t *v, int64_t *iv) {
  const kit_itimer *t = &sigemu__kit.timer[which];
  *iv = t->interval;
  if (!running(t)) { /* disarmed, or stalled: the hrtimer is not queued */
    *v = 0;
    return;
  }
  /* As Linux reports it: truncated to µs, never 0 while armed. */
  int64_t rem = t->deadline - now;
  rem = rem / 1000 * 1000;
  if (rem <= 0) rem = 1000;
  *v = rem;
}

int sigemu__kit_setitimer(int which, int64_t value_ns, int64_t interval_ns,
                          int64_t *old_value_ns, int64_t *old_interval_ns) {
  kit_process *k = &sigemu__kit;
  if (which < 0 || which > 2) return SIGEMU_EITIMER;
  if (k->timer_sig[which] <= 0) return SIGEMU_ENOSYS;
  int64_t ov, oi;
  sigemu__kit_lock();
  int64_t now = clock_of(which);
  left_locked(which, now, &ov, &oi);
  kit_itimer *t = &k->timer[which];
  t->stalled = false;
  if (value_ns == 0) {
    t->armed = false;
    t->interval = which == SIGEMU_ITIMER_REAL ? 0 : interval_ns;
  } else {
    t->armed = true;
    t->deadline = now > INT64_MAX - value_ns ? INT64_MAX : now + value_ns;
    t->interval = interval_ns;
  }
  rearm_locked();
  sigemu__kit_unlock();
  if (old_value_ns) *old_value_ns = ov;
  if (old_interval_ns) *old_interval_ns = oi;
  return 0;
}

int sigemu__kit_getitimer(int which, int64_t *value_ns, int64_t *interval_ns) {
  kit_process *k = &sigemu__kit;
  if (which < 0 || which > 2) return SIGEMU_EITIMER;
  if (k->timer_sig[which] <= 0) return SIGEMU_ENOSYS;
  int64_t v, iv;
  sigemu__kit_lock();
  left_locked(which, clock_of(which), &v, &iv);
  sigemu__kit_unlock();
  *value_ns = v;
  *interval_ns = iv;
  return 0;
}
