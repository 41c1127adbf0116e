/* test_tables.c — the core's tables on the sim backend (unit_tables): error
 * codes (strerror / Python exception / name for every SIGEMU_ERRNO_MAP
 * entry), sigset helpers, signal names and aliases, strsignal texts,
 * valid_signals, NSIG, default actions, features and the backend name.
 *
 * Why: these are the values an embedding interpreter turns into Python
 * objects one to one, so each is checked against what CPython 3.11's
 * `signal` module gives on Linux (the exact strings were taken from a real
 * python3: signal.strsignal(n), signal.valid_signals(), signal.NSIG). None of
 * them needs sigemu_init, and they must not: a binding builds its enums
 * before start-up.
 */
#include "unit.h"

/* ---- errors ------------------------------------------------------------- */

static void t_error_map_every_code_has_message_pyexc_name(void) {
#define X(name, val, pyexc, msg)                                             \
  T_EQ_INT(SIGEMU_##name, val);                                              \
  T_EQ_STR(sigemu_strerror(val), msg);                                       \
  T_EQ_STR(sigemu_error_pyexc(val), pyexc);                                  \
  T_EQ_STR(sigemu_error_name(val), "SIGEMU_" #name);
  SIGEMU_ERRNO_MAP(X)
#undef X
}

static void t_error_codes_are_distinct_and_contiguous(void) {
  int seen[64] = {0}, n = 0;
#define X(name, val, pyexc, msg) seen[-(val)]++, n++;
  SIGEMU_ERRNO_MAP(X)
#undef X
  T_EQ_INT(n, -SIGEMU__ERR_LAST);
  for (int i = 1; i <= n; i++) T_EQ_INT(seen[i], 1);
}

static void t_strerror_unknown_codes(void) {
  T_EQ_STR(sigemu_strerror(-24), "Unknown error");
  T_EQ_STR(sigemu_strerror(-1000), "Unknown error");
  T_EQ_STR(sigemu_strerror(5), "Unknown error");
  /* Never crashes and never claims a real name. */
  const char *nm = sigemu_error_name(-1000);
  T_TRUE(nm == NULL || strncmp(nm, "SIGEMU_E", 8) != 0);
}

static void t_strerror_zero_is_success(void) {
  const char *m = sigemu_strerror(0);
  T_TRUE(m != NULL);
  T_TRUE(strcmp(m, "Unknown error") != 0);
}

static void t_python_exception_classes(void) {
  /* The classes CPython raises for each case (checked with python3). */
  T_EQ_STR(sigemu_error_pyexc(SIGEMU_ERANGE_SIG), "ValueError");
  T_EQ_STR(sigemu_error_pyexc(SIGEMU_EINVAL), "OSError");
  T_EQ_STR(sigemu_error_pyexc(SIGEMU_EITIMER), "ItimerError");
  T_EQ_STR(sigemu_error_pyexc(SIGEMU_EOVERFLOW), "OverflowError");
  T_EQ_STR(sigemu_error_pyexc(SIGEMU_EINTR), "InterruptedError");
  T_EQ_STR(sigemu_error_pyexc(SIGEMU_ETYPE), "TypeError");
  T_EQ_STR(sigemu_strerror(SIGEMU_ENAN), "Invalid value NaN (not a number)");
  T_EQ_STR(sigemu_strerror(SIGEMU_EOVERFLOW),
           "timestamp out of range for platform time_t");
}

static void t_keyboard_interrupt_is_named(void) {
  T_EQ_STR(sigemu_error_pyexc(SIGEMU_KEYBOARD_INTERRUPT), "KeyboardInterrupt");
  T_EQ_STR(sigemu_error_name(SIGEMU_KEYBOARD_INTERRUPT),
           "SIGEMU_KEYBOARD_INTERRUPT");
  T_TRUE(strcmp(sigemu_strerror(SIGEMU_KEYBOARD_INTERRUPT), "Unknown error") != 0);
}

static void t_eagain_is_not_an_exception(void) {
  /* sigtimedwait's timeout is Python's None, not an exception to raise. */
  T_EQ_STR(sigemu_error_pyexc(SIGEMU_EAGAIN), "");
  T_EQ_STR(sigemu_error_pyexc(0), "");
  T_EQ_STR(sigemu_error_pyexc(12345), "SystemError");
}

static void t_enothere_does_not_blame_the_browser_alone(void) {
  /* Pure WASI and sim return it too: the text must hold there. */
  T_TRUE(strstr(sigemu_strerror(SIGEMU_ENOTHERE), "no timer") != NULL);
}

static void t_version_runtime_matches_header(void) {
  T_EQ_INT(sigemu_version(), SIGEMU_VERSION);
  T_EQ_INT(SIGEMU_VERSION, SIGEMU_VERSION_MAJOR * 10000 +
                               SIGEMU_VERSION_MINOR * 100 + SIGEMU_VERSION_PATCH);
  char want[32];
  snprintf(want, sizeof want, "%d.%d.%d", SIGEMU_VERSION_MAJOR,
           SIGEMU_VERSION_MINOR, SIGEMU_VERSION_PATCH);
  T_EQ_STR(sigemu_version_string(), want);
  T_EQ_STR(SIGEMU_VERSION_STRING, want);
}

/* ---- sigsets ---------------------------------------------------------------- */

static void t_sigset_empty_fill_count(void) {
  sigemu_sigset s;
  memset(&s, 0xff, sizeof s);
  sigemu_sigemptyset(&s);
  T_TRUE(sigemu_sigisempty(&s));
  T_EQ_INT(sigemu_sigcount(&s), 0);
  sigemu_sigfillset(&s);
  T_FALSE(sigemu_sigisempty(&s));
  T_EQ_INT(sigemu_sigcount(&s), SIGEMU_MAXSIG - 1);
  T_EQ_INT(sigemu_sigismember(&s, 1), 1);
  T_EQ_INT(sigemu_sigismember(&s, SIGEMU_MAXSIG - 1), 1);
}

static void t_sigset_add_del_member(void) {
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  T_EQ_INT(sigemu_sigaddset(&s, 1), 0);
  T_EQ_INT(sigemu_sigaddset(&s, 64), 0);
  T_EQ_INT(sigemu_sigaddset(&s, 65), 0);
  T_EQ_INT(sigemu_sigaddset(&s, 127), 0);
  T_EQ_INT(sigemu_sigaddset(&s, 64), 0); /* twice: still one member */
  T_EQ_INT(sigemu_sigcount(&s), 4);
  T_EQ_INT(sigemu_sigismember(&s, 64), 1);
  T_EQ_INT(sigemu_sigismember(&s, 63), 0);
  T_EQ_INT(sigemu_sigdelset(&s, 64), 0);
  T_EQ_INT(sigemu_sigismember(&s, 64), 0);
  T_EQ_INT(sigemu_sigdelset(&s, 64), 0); /* deleting a non-member is fine */
  T_EQ_INT(sigemu_sigcount(&s), 3);
}

static void t_sigset_out_of_range_is_error_and_unchanged(void) {
  sigemu_sigset s = unit_set_of(3, 0), before = s;
  int bad[] = {0, -1, SIGEMU_MAXSIG, 1000, -1000};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    T_EQ_ERR(sigemu_sigaddset(&s, bad[i]), SIGEMU_ERANGE_SIG);
    T_EQ_ERR(sigemu_sigdelset(&s, bad[i]), SIGEMU_ERANGE_SIG);
    T_TRUE(sigemu_sigismember(&s, bad[i]) < 0);
  }
  T_EQ_SET(s, before);
}

static void t_sigset_null_pointers(void) {
  T_EQ_ERR(sigemu_sigaddset(NULL, 1), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_sigdelset(NULL, 1), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_sigismember(NULL, 1), SIGEMU_ENULL);
}

/* ---- names ------------------------------------------------------------------ */

static void t_signame_matches_python(void) {
  static const char *names[32] = {
      NULL,      "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",   "SIGTRAP",
      "SIGABRT", "SIGBUS",  "SIGFPE",    "SIGKILL", "SIGUSR1",  "SIGSEGV",
      "SIGUSR2", "SIGPIPE", "SIGALRM",   "SIGTERM", "SIGSTKFLT", "SIGCHLD",
      "SIGCONT", "SIGSTOP", "SIGTSTP",   "SIGTTIN", "SIGTTOU",  "SIGURG",
      "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",
      "SIGPWR",  "SIGSYS"};
  for (int s = 1; s < 32; s++) T_EQ_STR(sigemu_signame(s), names[s]);
  T_EQ_STR(sigemu_signame(34), "SIGRTMIN");
  T_EQ_STR(sigemu_signame(64), "SIGRTMAX");
}

static void t_signame_none_for_reserved_and_out_of_range(void) {
  T_EQ_STR(sigemu_signame(32), NULL);
  T_EQ_STR(sigemu_signame(33), NULL);
  T_EQ_STR(sigemu_signame(0), NULL);
  T_EQ_STR(sigemu_signame(-1), NULL);
  T_EQ_STR(sigemu_signame(65), NULL);
  T_EQ_STR(sigemu_signame(1000), NULL);
}

static void t_signum_names_and_round_trip(void) {
  for (int s = 1; s < U_NSIG; s++) {
    const char *n = sigemu_signame(s);
    if (n) T_EQ_INT(sigemu_signum(n), s);
  }
  T_EQ_INT(sigemu_signum("SIGINT"), 2);
  T_EQ_INT(sigemu_signum("SIGRTMAX"), 64);
}

static void t_signum_aliases_iot_cld_poll(void) {
  /* python3: signal.SIGIOT == 6, SIGCLD == 17, SIGPOLL == 29. */
  T_EQ_INT(sigemu_signum("SIGIOT"), U_SIGABRT);
  T_EQ_INT(sigemu_signum("SIGCLD"), U_SIGCHLD);
  T_EQ_INT(sigemu_signum("SIGPOLL"), U_SIGIO);
}

static void t_signum_without_prefix(void) {
  /* sigemu.h documents "INT" as accepted. */
  T_EQ_INT(sigemu_signum("INT"), U_SIGINT);
  T_EQ_INT(sigemu_signum("TERM"), U_SIGTERM);
  T_EQ_INT(sigemu_signum("IOT"), U_SIGABRT);
}

static void t_signum_unknown_and_null(void) {
  T_TRUE(sigemu_signum("SIGNOPE") < 0);
  T_TRUE(sigemu_signum("") < 0);
  T_TRUE(sigemu_signum("SIG") < 0);
  T_TRUE(sigemu_signum("SIGINTX") < 0);
  T_TRUE(sigemu_signum(NULL) < 0);
}

/* ---- strsignal ------------------------------------------------------------- */

static void t_strsignal_texts_match_python(void) {
  /* python3 -c 'import signal; print(signal.strsignal(n))', n = 1..31 */
  static const char *texts[32] = {
      NULL, "Hangup", "Interrupt", "Quit", "Illegal instruction",
      "Trace/breakpoint trap", "Aborted", "Bus error",
      "Floating point exception", "Killed", "User defined signal 1",
      "Segmentation fault", "User defined signal 2", "Broken pipe",
      "Alarm clock", "Terminated", "Stack fault", "Child exited", "Continued",
      "Stopped (signal)", "Stopped", "Stopped (tty input)",
      "Stopped (tty output)", "Urgent I/O condition",
      "CPU time limit exceeded", "File size limit exceeded",
      "Virtual timer expired", "Profiling timer expired", "Window changed",
      "I/O possible", "Power failure", "Bad system call"};
  for (int s = 1; s < 32; s++) {
    int err = 12345;
    T_EQ_STR(sigemu_strsignal(s, &err), texts[s]);
  }
}

static void t_strsignal_32_33_none_34_realtime_0(void) {
  int err = 0;
  T_EQ_STR(sigemu_strsignal(32, &err), NULL);
  T_EQ_INT(err, 0); /* None, not ValueError */
  T_EQ_STR(sigemu_strsignal(33, &err), NULL);
  T_EQ_INT(err, 0);
  T_EQ_STR(sigemu_strsignal(34, NULL), "Real-time signal 0");
  T_EQ_STR(sigemu_strsignal(35, NULL), "Real-time signal 1");
  T_EQ_STR(sigemu_strsignal(50, NULL), "Real-time signal 16");
  T_EQ_STR(sigemu_strsignal(64, NULL), "Real-time signal 30");
}

static void t_strsignal_out_of_range_is_valueerror(void) {
  int bad[] = {0, -1, 65, 1000};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int err = 0;
    T_EQ_STR(sigemu_strsignal(bad[i], &err), NULL);
    T_EQ_ERR(err, SIGEMU_ERANGE_SIG);
    T_EQ_STR(sigemu_strsignal(bad[i], NULL), NULL); /* err may be NULL */
  }
}

/* ---- valid_signals, NSIG ----------------------------------------------------- */

static void t_valid_signals_62_without_32_33(void) {
  sigemu_sigset s;
  T_EQ_INT(sigemu_valid_signals(&s), 0);
  T_EQ_INT(sigemu_sigcount(&s), 62);
  for (int i = 1; i < 65; i++)
    T_EQ_INT(sigemu_sigismember(&s, i), (i == 32 || i == 33) ? 0 : 1);
  T_EQ_INT(sigemu_sigismember(&s, 65), 0);
}

static void t_valid_signals_null(void) {
  T_EQ_ERR(sigemu_valid_signals(NULL), SIGEMU_ENULL);
}

static void t_nsig_is_65(void) { T_EQ_INT(sigemu_nsig(), 65); }

/* ---- default actions ------------------------------------------------------- */

static void t_default_actions_per_signal(void) {
  T_EQ_INT(sigemu_default_action(U_SIGCHLD), SIGEMU_DEFAULT_IGNORE);
  T_EQ_INT(sigemu_default_action(U_SIGURG), SIGEMU_DEFAULT_IGNORE);
  T_EQ_INT(sigemu_default_action(U_SIGWINCH), SIGEMU_DEFAULT_IGNORE);
  T_EQ_INT(sigemu_default_action(U_SIGTSTP), SIGEMU_DEFAULT_STOP);
  T_EQ_INT(sigemu_default_action(U_SIGSTOP), SIGEMU_DEFAULT_STOP);
  T_EQ_INT(sigemu_default_action(21), SIGEMU_DEFAULT_STOP);
  T_EQ_INT(sigemu_default_action(22), SIGEMU_DEFAULT_STOP);
  T_EQ_INT(sigemu_default_action(U_SIGCONT), SIGEMU_DEFAULT_CONTINUE);
  T_EQ_INT(sigemu_default_action(U_SIGQUIT), SIGEMU_DEFAULT_CORE);
  T_EQ_INT(sigemu_default_action(U_SIGABRT), SIGEMU_DEFAULT_CORE);
  T_EQ_INT(sigemu_default_action(U_SIGSEGV), SIGEMU_DEFAULT_CORE);
  T_EQ_INT(sigemu_default_action(U_SIGXFSZ), SIGEMU_DEFAULT_CORE);
  T_EQ_INT(sigemu_default_action(U_SIGTERM), SIGEMU_DEFAULT_TERMINATE);
  T_EQ_INT(sigemu_default_action(U_SIGINT), SIGEMU_DEFAULT_TERMINATE);
  T_EQ_INT(sigemu_default_action(U_SIGKILL), SIGEMU_DEFAULT_TERMINATE);
  T_EQ_INT(sigemu_default_action(U_SIGIO), SIGEMU_DEFAULT_TERMINATE);
  for (int s = U_SIGRTMIN; s <= U_SIGRTMAX; s++)
    T_EQ_INT(sigemu_default_action(s), SIGEMU_DEFAULT_TERMINATE);
}

static void t_default_action_out_of_range(void) {
  T_TRUE(sigemu_default_action(0) < 0);
  T_TRUE(sigemu_default_action(-1) < 0);
  T_TRUE(sigemu_default_action(65) < 0);
  T_TRUE(sigemu_default_action(1000) < 0);
}

/* ---- backend and features ------------------------------------------------ */

static void t_backend_is_sim(void) { T_EQ_STR(sigemu_backend(), "sim"); }

static void t_sim_features(void) {
  /* sim emulates everything the core owns; it has no OS signals and no
   * pidfd. */
  T_TRUE(sigemu_available(SIGEMU_FEATURE_SIGNAL));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_PTHREAD_SIGMASK));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_SIGTIMEDWAIT));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_ALARM));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_ITIMER_REAL));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_ITIMER_VIRTUAL));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_ITIMER_PROF));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_WAKEUP_FD));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_HOST_SIGNALS));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_VALID_SIGNALS));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_STRSIGNAL));
  T_FALSE(sigemu_available(SIGEMU_FEATURE_OS_SIGNALS));
  T_FALSE(sigemu_available(SIGEMU_FEATURE_PIDFD_SEND_SIGNAL));
}

static void t_feature_names_notes_and_bad_feature(void) {
  T_EQ_STR(sigemu_feature_name(SIGEMU_FEATURE_SIGNAL), "SIGNAL");
  T_EQ_STR(sigemu_feature_what(SIGEMU_FEATURE_ALARM), "alarm");
  for (int f = 0; f < SIGEMU_FEATURE_COUNT; f++) {
    T_TRUE(sigemu_feature_name((sigemu_feature)f) != NULL);
    T_TRUE(sigemu_feature_what((sigemu_feature)f) != NULL);
    T_TRUE(sigemu_feature_note((sigemu_feature)f) != NULL);
    /* A missing feature must say why (the availability table prints it). */
    if (!sigemu_available((sigemu_feature)f))
      T_TRUE(sigemu_feature_note((sigemu_feature)f)[0] != 0);
  }
  T_FALSE(sigemu_available(SIGEMU_FEATURE_COUNT));
  T_FALSE(sigemu_available((sigemu_feature)-1));
  T_FALSE(sigemu_available((sigemu_feature)1000));
}

static void t_unavailable_pidfd_is_enosys(void) {
  if (unit_start(false) != 0) T_FAIL_("init");
  T_EQ_ERR(sigemu_pidfd_send_signal(3, U_SIGTERM, 0), SIGEMU_ENOSYS);
  sigemu_shutdown();
}

static void t_tables_need_no_init(void) {
  T_FALSE(sigemu_initialized());
  T_EQ_INT(sigemu_nsig(), 65);
  T_EQ_STR(sigemu_signame(2), "SIGINT");
  T_EQ_STR(sigemu_strsignal(2, NULL), "Interrupt");
  T_EQ_INT(sigemu_signum("SIGTERM"), 15);
  sigemu_sigset s;
  T_EQ_INT(sigemu_valid_signals(&s), 0);
  T_EQ_INT(sigemu_default_action(U_SIGCHLD), SIGEMU_DEFAULT_IGNORE);
  T_EQ_STR(sigemu_backend(), "sim");
  /* The check with nothing initialised is a harmless no-op. */
  T_EQ_INT(sigemu_check(), 0);
}

static void t_default_int_handler_returns_keyboard_interrupt(void) {
  T_EQ_INT(sigemu_default_int_handler(U_SIGINT, NULL),
           SIGEMU_KEYBOARD_INTERRUPT);
}

static const harness_test tests[] = {
    T(t_error_map_every_code_has_message_pyexc_name),
    T(t_error_codes_are_distinct_and_contiguous),
    T(t_strerror_unknown_codes),
    T(t_strerror_zero_is_success),
    T(t_python_exception_classes),
    T(t_keyboard_interrupt_is_named),
    T(t_eagain_is_not_an_exception),
    T(t_enothere_does_not_blame_the_browser_alone),
    T(t_version_runtime_matches_header),
    T(t_sigset_empty_fill_count),
    T(t_sigset_add_del_member),
    T(t_sigset_out_of_range_is_error_and_unchanged),
    T(t_sigset_null_pointers),
    T(t_signame_matches_python),
    T(t_signame_none_for_reserved_and_out_of_range),
    T(t_signum_names_and_round_trip),
    T(t_signum_aliases_iot_cld_poll),
    T(t_signum_without_prefix),
    T(t_signum_unknown_and_null),
    T(t_strsignal_texts_match_python),
    T(t_strsignal_32_33_none_34_realtime_0),
    T(t_strsignal_out_of_range_is_valueerror),
    T(t_valid_signals_62_without_32_33),
    T(t_valid_signals_null),
    T(t_nsig_is_65),
    T(t_default_actions_per_signal),
    T(t_default_action_out_of_range),
    T(t_backend_is_sim),
    T(t_sim_features),
    T(t_feature_names_notes_and_bad_feature),
    T(t_unavailable_pidfd_is_enosys),
    T(t_tables_need_no_init),
    T(t_default_int_handler_returns_keyboard_interrupt),
};

int main(int argc, char **argv) {
  unit_use_bare();
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
