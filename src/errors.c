/* errors.c — error codes and signal sets.
 *
 * The error strings, Python exception names and symbolic names all come from
 * the one X-macro in sigemu.h, so a new code cannot be half-added. The set
 * helpers are here because they are as small and table-free as the errors.
 */
#include "backend.h"

typedef struct {
  int code;
  const char *name, *pyexc, *msg;
} errinfo;

static const errinfo errors[] = {
#define SIGEMU__ERR_ROW(name, val, pyexc, msg) {val, "SIGEMU_" #name, pyexc, msg},
    SIGEMU_ERRNO_MAP(SIGEMU__ERR_ROW)
#undef SIGEMU__ERR_ROW
    /* Not an error but the code sigemu_default_int_handler returns, which
     * comes out of sigemu_check() like any handler's exception. */
    {SIGEMU_KEYBOARD_INTERRUPT, "SIGEMU_KEYBOARD_INTERRUPT",
     "KeyboardInterrupt", "keyboard interrupt (SIGINT's default handler)"},
};

static const errinfo *find(int err) {
  for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
    if (errors[i].code == err) return &errors[i];
  return NULL;
}

const char *sigemu_strerror(int err) {
  if (err == 0) return "Success";
  const errinfo *e = find(err);
  return e ? e->msg : "Unknown error";
}

const char *sigemu_error_pyexc(int err) {
  if (err == 0) return "";
  const errinfo *e = find(err);
  return e ? e->pyexc : "SystemError";
}

const char *sigemu_error_name(int err) {
  if (err == 0) return "SIGEMU_OK";
  const errinfo *e = find(err);
  return e ? e->name : "SIGEMU_UNKNOWN";
}

static _Thread_local int last_os_error;
int sigemu_last_os_error(void) { return last_os_error; }
void sigemu__set_os_error(int err) { last_os_error = err; }

/* ---- sets --------------------------------------------------------------- */

void sigemu_sigemptyset(sigemu_sigset *set) {
  if (!set) return;
  set->bits[0] = set->bits[1] = 0;
}

void sigemu_sigfillset(sigemu_sigset *set) {
  if (!set) return;
  set->bits[0] = ~(uint64_t)1; /* no signal 0 */
  set->bits[1] = ~(uint64_t)0;
}

static bool in_range(int sig) { return sig >= 1 && sig < SIGEMU_MAXSIG; }

int sigemu_sigaddset(sigemu_sigset *set, int sig) {
  if (!set) return SIGEMU_ENULL;
  if (!in_range(sig)) return SIGEMU_ERANGE_SIG;
  set->bits[sig / 64] |= (uint64_t)1 << (sig % 64);
  return 0;
}

int sigemu_sigdelset(sigemu_sigset *set, int sig) {
  if (!set) return SIGEMU_ENULL;
  if (!in_range(sig)) return SIGEMU_ERANGE_SIG;
  set->bits[sig / 64] &= ~((uint64_t)1 << (sig % 64));
  return 0;
}

int sigemu_sigismember(const sigemu_sigset *set, int sig) {
  if (!set) return SIGEMU_ENULL;
  if (!in_range(sig)) return SIGEMU_ERANGE_SIG;
  return (int)((set->bits[sig / 64] >> (sig % 64)) & 1);
}

bool sigemu_sigisempty(const sigemu_sigset *set) {
  return !set || (set->bits[0] == 0 && set->bits[1] == 0);
}

static int popcount64(uint64_t x) {
  int n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

int sigemu_sigcount(const sigemu_sigset *set) {
  if (!set) return 0;
  return popcount64(set->bits[0]) + popcount64(set->bits[1]);
}
