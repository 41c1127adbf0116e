/* doc_alarm_open.c — the first example of Python's signal documentation,
 * in plain C: an alarm limits the time spent waiting to open a device that
 * may never answer. The handler says which signal came; the blocked call
 * fails with EINTR and the program reports "Couldn't open device!".
 *
 * The device is simulated by a call that blocks on every target: sleep()
 * for 30 s. A real blocking open() (of a FIFO with no writer, see
 * doc_alarm_fifo.c) cannot be had on WebAssembly: WASI preview1 has no
 * FIFOs, and Emscripten's file systems never block a read or an open. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void handler(int signum) {
  printf("Signal handler called with signal %s (%d)\n", signum == SIGALRM ? "SIGALRM" : "?", signum);
}

/* Stands for open("/dev/ttyS0", O_RDWR) on a device that is not turned on:
 * returns -1 with errno EINTR when a signal cuts the wait short. */
static int open_device(void) {
  if (sleep(30) != 0) {
    errno = EINTR;
    return -1;
  }
  return 3;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  /* Set the signal handler and a 1-second alarm (the docs use 5 s). No
   * SA_RESTART: the blocked call must give up. */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);
  alarm(1);

  /* This open() may hang indefinitely */
  int fd = open_device();
  alarm(0); /* Disable the alarm */
  if (fd < 0) {
    printf("OSError: Couldn't open device! (%s)\n", errno == EINTR ? "EINTR" : "other");
    return 0; /* the outcome the example expects */
  }
  printf("device opened\n");
  return 0;
}
