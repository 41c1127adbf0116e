/* replay.c — runs the fuzz target (fuzz_api.c) over corpus files, without
 * libFuzzer: the corpus regression test.
 *
 * Why: the corpus holds inputs that reach every entry point and every
 * invariant of the fuzz target; replaying them in every native build (gcc or
 * clang, with or without sanitizers) turns each into a regression test.
 * Each file runs in its own child process, so one finding (the target
 * aborts) is reported with its file name and the others still run.
 *
 *   fuzz_replay FILE|DIR...   prints one line per file, then
 *                             "N passed, N failed"; exit 1 on any failure.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int passed, failed;

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    printf("not ok - %s (cannot open)\n", path);
    failed++;
    return;
  }
  static uint8_t buf[1 << 20];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    LLVMFuzzerTestOneInput(buf, n);
    _exit(0);
  }
  int st = 0;
  if (pid < 0 || waitpid(pid, &st, 0) < 0) st = -1;
  if (pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
    passed++;
    printf("ok - %s (%zu bytes)\n", path, n);
  } else {
    failed++;
    if (pid > 0 && WIFSIGNALED(st))
      printf("not ok - %s (killed by signal %d)\n", path, WTERMSIG(st));
    else
      printf("not ok - %s (exit status %d)\n", path,
             WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  }
}

static void run_path(const char *path) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    printf("not ok - %s (missing)\n", path);
    failed++;
    return;
  }
  if (!S_ISDIR(sb.st_mode)) {
    run_file(path);
    return;
  }
  DIR *d = opendir(path);
  if (!d) {
    printf("not ok - %s (cannot list)\n", path);
    failed++;
    return;
  }
  char **names = NULL;
  size_t count = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char **grown = realloc(names, (count + 1) * sizeof *names);
    if (!grown) break;
    names = grown;
    size_t len = strlen(path) + strlen(e->d_name) + 2;
    names[count] = malloc(len);
    if (!names[count]) break;
    snprintf(names[count], len, "%s/%s", path, e->d_name);
    count++;
  }
  closedir(d);
  if (count) qsort(names, count, sizeof *names, cmp_str); /* stable order */
  for (size_t i = 0; i < count; i++) {
    run_file(names[i]);
    free(names[i]);
  }
  free(names);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
    return 2;
  }
  for (int i = 1; i < argc; i++) run_path(argv[i]);
  printf("fuzz corpus: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : (passed ? 0 : 1);
}
