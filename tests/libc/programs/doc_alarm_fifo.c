/* doc_alarm_fifo.c — Python's alarm example with a real blocking open():
 * opening a FIFO for reading blocks until a writer comes, which never
 * happens here, just as open() of a serial device that is not turned on
 * hangs. The alarm's handler makes open() fail with EINTR. Needs mkfifo()
 * and an open() that blocks, which WebAssembly targets do not have (see
 * doc_alarm_open.c for the form that runs everywhere). [needs fifo] */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void handler(int signum) {
  printf("Signal handler called with signal SIGALRM (%d)\n", signum);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  const char *path = "doc_alarm_fifo.fifo";
  unlink(path);
  if (mkfifo(path, 0600) != 0) {
    printf("mkfifo: %s\n", strerror(errno));
    return 2;
  }
  /* No SA_RESTART: a restarted open() would wait again. */
  struct sigaction sa = {.sa_handler = handler};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);
  alarm(1);

  /* This open() may hang indefinitely */
  int fd = open(path, O_RDONLY);
  int e = errno;
  alarm(0); /* Disable the alarm */
  unlink(path);
  if (fd < 0) {
    printf("OSError: Couldn't open device! (%s)\n", e == EINTR ? "EINTR" : strerror(e));
    return 0; /* the outcome the example expects */
  }
  printf("device opened\n");
  close(fd);
  return 0;
}
