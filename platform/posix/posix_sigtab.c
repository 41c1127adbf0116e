/* posix_sigtab.c — the host's own signal table, read from <signal.h> and
 * strsignal() at run time.
 *
 * The posix backend is the reference the emulated backends are judged
 * against, so it must not copy the Linux table of src/sigtab.c: it reports
 * what this libc says. Numbers come from the <signal.h> macros (and
 * SIGRTMIN/SIGRTMAX, which glibc computes at run time), texts from
 * strsignal() with CPython's rule (a text containing "Unknown signal" means
 * no description: Python returns None), validity from sigfillset() exactly
 * as CPython's valid_signals() builds it (glibc leaves out its reserved 32
 * and 33). Real-time signals between SIGRTMIN and SIGRTMAX get the names
 * src/sigtab.c uses (SIGRTMIN+n for the lower half, SIGRTMAX-n above), so
 * that a parity test can compare the two tables row by row.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"

typedef struct {
  int num;
  const char *name;
  int action;
} hostsig;

/* The standard signals this libc defines, with Linux's default actions
 * (signal(7)); other systems agree on the ones they share. */
static const hostsig host_signals[] = {
#ifdef SIGHUP
    {SIGHUP, "SIGHUP", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGINT
    {SIGINT, "SIGINT", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGQUIT
    {SIGQUIT, "SIGQUIT", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGILL
    {SIGILL, "SIGILL", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGTRAP
    {SIGTRAP, "SIGTRAP", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGABRT
    {SIGABRT, "SIGABRT", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGEMT
    {SIGEMT, "SIGEMT", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGBUS
    {SIGBUS, "SIGBUS", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGFPE
    {SIGFPE, "SIGFPE", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGKILL
    {SIGKILL, "SIGKILL", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGUSR1
    {SIGUSR1, "SIGUSR1", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGSEGV
    {SIGSEGV, "SIGSEGV", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGUSR2
    {SIGUSR2, "SIGUSR2", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGPIPE
    {SIGPIPE, "SIGPIPE", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGALRM
    {SIGALRM, "SIGALRM", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGTERM
    {SIGTERM, "SIGTERM", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGSTKFLT
    {SIGSTKFLT, "SIGSTKFLT", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGCHLD
    {SIGCHLD, "SIGCHLD", SIGEMU_DEFAULT_IGNORE},
#endif
#ifdef SIGCONT
    {SIGCONT, "SIGCONT", SIGEMU_DEFAULT_CONTINUE},
#endif
#ifdef SIGSTOP
    {SIGSTOP, "SIGSTOP", SIGEMU_DEFAULT_STOP},
#endif
#ifdef SIGTSTP
    {SIGTSTP, "SIGTSTP", SIGEMU_DEFAULT_STOP},
#endif
#ifdef SIGTTIN
    {SIGTTIN, "SIGTTIN", SIGEMU_DEFAULT_STOP},
#endif
#ifdef SIGTTOU
    {SIGTTOU, "SIGTTOU", SIGEMU_DEFAULT_STOP},
#endif
#ifdef SIGURG
    {SIGURG, "SIGURG", SIGEMU_DEFAULT_IGNORE},
#endif
#ifdef SIGXCPU
    {SIGXCPU, "SIGXCPU", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGXFSZ
    {SIGXFSZ, "SIGXFSZ", SIGEMU_DEFAULT_CORE},
#endif
#ifdef SIGVTALRM
    {SIGVTALRM, "SIGVTALRM", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGPROF
    {SIGPROF, "SIGPROF", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGWINCH
    {SIGWINCH, "SIGWINCH", SIGEMU_DEFAULT_IGNORE},
#endif
#ifdef SIGIO
    {SIGIO, "SIGIO", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGINFO
    {SIGINFO, "SIGINFO", SIGEMU_DEFAULT_IGNORE},
#endif
#ifdef SIGPWR
    {SIGPWR, "SIGPWR", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGLOST
    {SIGLOST, "SIGLOST", SIGEMU_DEFAULT_TERMINATE},
#endif
#ifdef SIGSYS
    {SIGSYS, "SIGSYS", SIGEMU_DEFAULT_CORE},
#endif
};

/* Other names for the same numbers, as Python exposes them. */
static const sigemu__sigalias host_aliases[] = {
#ifdef SIGIOT
    {"SIGIOT", SIGIOT},
#endif
#ifdef SIGCLD
    {"SIGCLD", SIGCLD},
#endif
#ifdef SIGPOLL
    {"SIGPOLL", SIGPOLL},
#endif
    {NULL, 0},
};

#define MAXROWS (NSIG > 1 ? NSIG - 1 : 1)

static sigemu__sigdesc rows[MAXROWS];
static char names[MAXROWS][24];
static char descs[MAXROWS][64];
static int nrows;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const hostsig *find_host(int sig) {
  for (size_t i = 0; i < sizeof(host_signals) / sizeof(host_signals[0]); i++)
    if (host_signals[i].num == sig) return &host_signals[i];
  return NULL;
}

static void build(void) {
  sigset_t all;
  sigfillset(&all);
#ifdef SIGRTMIN
  int rtmin = SIGRTMIN, rtmax = SIGRTMAX;
#else
  int rtmin = NSIG, rtmax = -1;
#endif
  for (int sig = 1; sig < NSIG && nrows < MAXROWS; sig++) {
    const hostsig *h = find_host(sig);
    bool valid = sigismember(&all, sig) == 1;
    if (!h && !valid) continue; /* reserved by libc: no name, no text */
    int i = nrows++;
    rows[i].num = sig;
    rows[i].action = h ? h->action : SIGEMU_DEFAULT_TERMINATE;
    if (h) {
      rows[i].name = h->name;
    } else if (sig == rtmin) {
      rows[i].name = "SIGRTMIN";
    } else if (sig == rtmax) {
      rows[i].name = "SIGRTMAX";
    } else if (sig > rtmin && sig < rtmax) {
      int half = (rtmax - rtmin) / 2;
      if (sig - rtmin < half)
        snprintf(names[i], sizeof names[i], "SIGRTMIN+%d", sig - rtmin);
      else
        snprintf(names[i], sizeof names[i], "SIGRTMAX-%d", rtmax - sig);
      rows[i].name = names[i];
    } else {
      rows[i].name = NULL;
    }
    /* glibc's strsignal() may use a per-thread buffer for the texts it
     * builds (real-time signals): copy before anything else calls it. */
    const char *d = strsignal(sig);
    if (d && !strstr(d, "Unknown signal")) {
      snprintf(descs[i], sizeof descs[i], "%s", d);
      rows[i].desc = descs[i];
    } else {
      rows[i].desc = NULL;
    }
  }
}

const sigemu__sigdesc *sigemu__os_sigtable(int *count) {
  pthread_once(&once, build);
  if (count) *count = nrows;
  return rows;
}

const sigemu__sigalias *sigemu__os_sigaliases(int *count) {
  if (count)
    *count = (int)(sizeof(host_aliases) / sizeof(host_aliases[0])) - 1;
  return host_aliases;
}

int sigemu__os_nsig(void) { return NSIG; }

bool sigemu__os_sig_valid(int sig) {
  if (sig < 1 || sig >= NSIG) return false;
  sigset_t all;
  sigfillset(&all);
  return sigismember(&all, sig) == 1;
}

int sigemu__os_signal_precheck(int sig) {
  (void)sig; /* POSIX has no whitelist: any number in range goes on */
  return 0;
}
