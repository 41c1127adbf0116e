/* psiginfo_out.c — psiginfo() prints the signal and what siginfo_t says of
 * its origin. glibc prints the sender's pid and uid; to keep the trace the
 * same from run to run, stderr goes to a file that is read back with our
 * pid and uid replaced by "PID" and "UID". */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"

static siginfo_t got;
static void handler(int sig, siginfo_t *info, void *ctx) { (void)sig; (void)ctx; got = *info; }

static void replace_all(char *line, const char *what, const char *with) {
  char out[512], *p = line, *hit;
  size_t n = 0, wl = strlen(what);
  out[0] = 0;
  while (wl && (hit = strstr(p, what)) != NULL) {
    /* whole numbers only */
    int edge_l = hit == line || hit[-1] < '0' || hit[-1] > '9';
    int edge_r = hit[wl] < '0' || hit[wl] > '9';
    size_t keep = (size_t)(hit - p) + (edge_l && edge_r ? 0 : wl);
    n += (size_t)snprintf(out + n, sizeof out - n, "%.*s%s", (int)keep, p,
                          edge_l && edge_r ? with : "");
    p = hit + wl;
  }
  snprintf(out + n, sizeof out - n, "%s", p);
  strcpy(line, out);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_siginfo(SIGUSR1, handler, 0);
  catch_siginfo(SIGRTMIN + 1, handler, 0);
  if (!freopen("psiginfo_out.tmp", "w+", stderr)) {
    printf("cannot redirect stderr: %s\n", err_name(errno));
    return 1;
  }
  raise(SIGUSR1);
  psiginfo(&got, "raise");
  kill(getpid(), SIGUSR1);
  psiginfo(&got, "kill");
  sigqueue(getpid(), SIGRTMIN + 1, (union sigval){.sival_int = 5});
  psiginfo(&got, "sigqueue");
  psiginfo(&got, NULL);
  fflush(stderr);
  rewind(stderr);
  char pid[32], uid[32], line[512];
  snprintf(pid, sizeof pid, "%ld", (long)getpid());
  snprintf(uid, sizeof uid, "%ld", (long)getuid());
  FILE *f = fopen("psiginfo_out.tmp", "r");
  while (f && fgets(line, sizeof line - 64, f)) {
    replace_all(line, pid, "PID");
    replace_all(line, uid, "UID");
    printf("%s", line);
  }
  if (f) fclose(f);
  remove("psiginfo_out.tmp");
  return 0;
}
