/* posix_app.c — an unmodified POSIX program (sigaction, alarm, pause,
 * sigprocmask, raise), built against an installed sigemu's POSIX layer on
 * WebAssembly: -I<prefix>/include/sigemu-libc and @<prefix>/lib/sigemu_libc.rsp
 * (tests/consumers/run.sh). Prints "posix_app: ok" and exits 0. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t alarms, usr1;
static void on_alarm(int sig) { alarms += sig == SIGALRM; }
static void on_usr1(int sig) { usr1 += sig == SIGUSR1; }

int main(void) {
  struct sigaction sa;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sa.sa_handler = on_alarm;
  if (sigaction(SIGALRM, &sa, NULL) != 0) return 1;
  sa.sa_handler = on_usr1;
  if (sigaction(SIGUSR1, &sa, NULL) != 0) return 1;
  alarm(1);
  pause();
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, &old);
  raise(SIGUSR1);
  int held = usr1 == 0;
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (alarms != 1 || !held || usr1 != 1) {
    printf("posix_app: FAIL alarms=%d held=%d usr1=%d\n", (int)alarms, held, (int)usr1);
    return 1;
  }
  printf("posix_app: ok\n");
  return 0;
}
