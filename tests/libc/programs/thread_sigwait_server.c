/* thread_sigwait_server.c — the server pattern: main blocks the signals
 * before creating any thread (so every thread inherits the mask), and one
 * thread takes them with sigwait(). SIGHUP "reloads", SIGTERM stops it.
 * [needs threads] */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "trace.h"

static sigset_t handled;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int taken;

static void *signal_thread(void *arg) {
  (void)arg;
  for (;;) {
    int sig;
    int rc = sigwait(&handled, &sig);
    if (rc != 0) {
      printf("sigwait: %s\n", err_name(rc));
      return NULL;
    }
    printf("signal thread: %s -> %s\n", sig_name(sig), sig == SIGTERM ? "stopping" : "reloading");
    pthread_mutex_lock(&lock);
    taken++;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
    if (sig == SIGTERM) return NULL;
  }
}

static void send_and_wait(int sig) {
  pthread_mutex_lock(&lock);
  int before = taken;
  kill(getpid(), sig);
  while (taken == before) pthread_cond_wait(&cond, &lock);
  pthread_mutex_unlock(&lock);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigemptyset(&handled);
  sigaddset(&handled, SIGHUP);
  sigaddset(&handled, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &handled, NULL);
  pthread_t t;
  pthread_create(&t, NULL, signal_thread, NULL);
  for (int i = 0; i < 3; i++) send_and_wait(SIGHUP);
  send_and_wait(SIGTERM);
  pthread_join(t, NULL);
  printf("main: %d signals taken, pending %s\n", taken, pending_str());
  return 0;
}
