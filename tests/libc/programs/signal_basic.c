/* signal_basic.c — signal() returns the previous disposition and installs a
 * handler with BSD semantics (glibc and musl): it stays installed after a
 * delivery, the signal is blocked while it runs, and SA_RESTART is set. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static int calls;

static void on_int(int sig) {
  calls++;
  printf("handler %s call %d, %s blocked inside: %s\n", sig_name(sig), calls,
         sig_name(sig), strstr(mask_str(), "SIGINT") ? "yes" : "no");
}

static const char *disp(void (*h)(int)) {
  return h == SIG_DFL ? "SIG_DFL" : h == SIG_IGN ? "SIG_IGN" : h == SIG_ERR ? "SIG_ERR"
       : h == on_int ? "on_int" : "other";
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("signal(SIGINT, on_int) returned %s\n", disp(signal(SIGINT, on_int)));
  raise(SIGINT);
  raise(SIGINT);
  struct sigaction now;
  sigaction(SIGINT, NULL, &now);
  printf("still installed: %s, SA_RESTART: %s, SA_RESETHAND: %s\n",
         now.sa_handler == on_int ? "yes" : "no", now.sa_flags & SA_RESTART ? "yes" : "no",
         now.sa_flags & SA_RESETHAND ? "yes" : "no");
  printf("signal(SIGINT, SIG_IGN) returned %s\n", disp(signal(SIGINT, SIG_IGN)));
  raise(SIGINT);
  printf("signal(SIGINT, SIG_DFL) returned %s\n", disp(signal(SIGINT, SIG_DFL)));
  printf("signal(SIGINT, SIG_DFL) returned %s\n", disp(signal(SIGINT, SIG_DFL)));
  printf("calls: %d\n", calls);
  return 0;
}
