/* sa_resethand.c — SA_RESETHAND: the handler runs once and the disposition
 * is back to SIG_DFL when it runs. A second SIGURG (default: ignore) then
 * does nothing. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static int calls;

static void on_urg(int sig) {
  struct sigaction now;
  sigaction(sig, NULL, &now);
  calls++;
  printf("handler: %s, disposition inside: %s, SA_RESETHAND still set: %s\n",
         sig_name(sig), now.sa_handler == SIG_DFL ? "SIG_DFL" : "handler",
         now.sa_flags & SA_RESETHAND ? "yes" : "no");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction old;
  catch_signal(SIGURG, on_urg, SA_RESETHAND);
  sigaction(SIGURG, NULL, &old);
  printf("before: %s\n", old.sa_handler == on_urg ? "handler" : "SIG_DFL");
  raise(SIGURG);
  raise(SIGURG);
  sigaction(SIGURG, NULL, &old);
  printf("after: %s, calls %d\n", old.sa_handler == on_urg ? "handler" : "SIG_DFL",
         calls);
  return 0;
}
