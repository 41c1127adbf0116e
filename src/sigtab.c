/* sigtab.c — the signal table with Linux numbering, and the name, text and
 * default-action lookups every backend answers through its table.
 *
 * sim and both wasm backends use Linux numbering so that a wasm program sees
 * the numbers a Linux build of the same program sees (Python's own wasm
 * builds do the same). The descriptions are glibc's strsignal() texts, as
 * CPython's signal.strsignal() returns them; 32 and 33 are reserved by glibc
 * (NPTL) and have neither a name nor a text. Real-time signals other than
 * SIGRTMIN/SIGRTMAX have no Python name; we name them SIGRTMIN+n / SIGRTMAX-n
 * as glibc's sigabbrev does.
 */
#include <string.h>

#include "backend.h"

const sigemu__sigdesc sigemu__linux_sigtable[] = {
  {1, "SIGHUP", "Hangup", SIGEMU_DEFAULT_TERMINATE},
  {2, "SIGINT", "Interrupt", SIGEMU_DEFAULT_TERMINATE},
  {3, "SIGQUIT", "Quit", SIGEMU_DEFAULT_CORE},
  {4, "SIGILL", "Illegal instruction", SIGEMU_DEFAULT_CORE},
  {5, "SIGTRAP", "Trace/breakpoint trap", SIGEMU_DEFAULT_CORE},
  {6, "SIGABRT", "Aborted", SIGEMU_DEFAULT_CORE},
  {7, "SIGBUS", "Bus error", SIGEMU_DEFAULT_CORE},
  {8, "SIGFPE", "Floating point exception", SIGEMU_DEFAULT_CORE},
  {9, "SIGKILL", "Killed", SIGEMU_DEFAULT_TERMINATE},
  {10, "SIGUSR1", "User defined signal 1", SIGEMU_DEFAULT_TERMINATE},
  {11, "SIGSEGV", "Segmentation fault", SIGEMU_DEFAULT_CORE},
  {12, "SIGUSR2", "User defined signal 2", SIGEMU_DEFAULT_TERMINATE},
  {13, "SIGPIPE", "Broken pipe", SIGEMU_DEFAULT_TERMINATE},
  {14, "SIGALRM", "Alarm clock", SIGEMU_DEFAULT_TERMINATE},
  {15, "SIGTERM", "Terminated", SIGEMU_DEFAULT_TERMINATE},
  {16, "SIGSTKFLT", "Stack fault", SIGEMU_DEFAULT_TERMINATE},
  {17, "SIGCHLD", "Child exited", SIGEMU_DEFAULT_IGNORE},
  {18, "SIGCONT", "Continued", SIGEMU_DEFAULT_CONTINUE},
  {19, "SIGSTOP", "Stopped (signal)", SIGEMU_DEFAULT_STOP},
  {20, "SIGTSTP", "Stopped", SIGEMU_DEFAULT_STOP},
  {21, "SIGTTIN", "Stopped (tty input)", SIGEMU_DEFAULT_STOP},
  {22, "SIGTTOU", "Stopped (tty output)", SIGEMU_DEFAULT_STOP},
  {23, "SIGURG", "Urgent I/O condition", SIGEMU_DEFAULT_IGNORE},
  {24, "SIGXCPU", "CPU time limit exceeded", SIGEMU_DEFAULT_CORE},
  {25, "SIGXFSZ", "File size limit exceeded", SIGEMU_DEFAULT_CORE},
  {26, "SIGVTALRM", "Virtual timer expired", SIGEMU_DEFAULT_TERMINATE},
  {27, "SIGPROF", "Profiling timer expired", SIGEMU_DEFAULT_TERMINATE},
  {28, "SIGWINCH", "Window changed", SIGEMU_DEFAULT_IGNORE},
  {29, "SIGIO", "I/O possible", SIGEMU_DEFAULT_TERMINATE},
  {30, "SIGPWR", "Power failure", SIGEMU_DEFAULT_TERMINATE},
  {31, "SIGSYS", "Bad system call", SIGEMU_DEFAULT_CORE},
  {34, "SIGRTMIN", "Real-time signal 0", SIGEMU_DEFAULT_TERMINATE},
  {35, "SIGRTMIN+1", "Real-time signal 1", SIGEMU_DEFAULT_TERMINATE},
  {36, "SIGRTMIN+2", "Real-time signal 2", SIGEMU_DEFAULT_TERMINATE},
  {37, "SIGRTMIN+3", "Real-time signal 3", SIGEMU_DEFAULT_TERMINATE},
  {38, "SIGRTMIN+4", "Real-time signal 4", SIGEMU_DEFAULT_TERMINATE},
  {39, "SIGRTMIN+5", "Real-time signal 5", SIGEMU_DEFAULT_TERMINATE},
  {40, "SIGRTMIN+6", "Real-time signal 6", SIGEMU_DEFAULT_TERMINATE},
  {41, "SIGRTMIN+7", "Real-time signal 7", SIGEMU_DEFAULT_TERMINATE},
  {42, "SIGRTMIN+8", "Real-time signal 8", SIGEMU_DEFAULT_TERMINATE},
  {43, "SIGRTMIN+9", "Real-time signal 9", SIGEMU_DEFAULT_TERMINATE},
  {44, "SIGRTMIN+10", "Real-time signal 10", SIGEMU_DEFAULT_TERMINATE},
  {45, "SIGRTMIN+11", "Real-time signal 11", SIGEMU_DEFAULT_TERMINATE},
  {46, "SIGRTMIN+12", "Real-time signal 12", SIGEMU_DEFAULT_TERMINATE},
  {47, "SIGRTMIN+13", "Real-time signal 13", SIGEMU_DEFAULT_TERMINATE},
  {48, "SIGRTMIN+14", "Real-time signal 14", SIGEMU_DEFAULT_TERMINATE},
  {49, "SIGRTMAX-15", "Real-time signal 15", SIGEMU_DEFAULT_TERMINATE},
  {50, "SIGRTMAX-14", "Real-time signal 16", SIGEMU_DEFAULT_TERMINATE},
  {51, "SIGRTMAX-13", "Real-time signal 17", SIGEMU_DEFAULT_TERMINATE},
  {52, "SIGRTMAX-12", "Real-time signal 18", SIGEMU_DEFAULT_TERMINATE},
  {53, "SIGRTMAX-11", "Real-time signal 19", SIGEMU_DEFAULT_TERMINATE},
  {54, "SIGRTMAX-10", "Real-time signal 20", SIGEMU_DEFAULT_TERMINATE},
  {55, "SIGRTMAX-9", "Real-time signal 21", SIGEMU_DEFAULT_TERMINATE},
  {56, "SIGRTMAX-8", "Real-time signal 22", SIGEMU_DEFAULT_TERMINATE},
  {57, "SIGRTMAX-7", "Real-time signal 23", SIGEMU_DEFAULT_TERMINATE},
  {58, "SIGRTMAX-6", "Real-time signal 24", SIGEMU_DEFAULT_TERMINATE},
  {59, "SIGRTMAX-5", "Real-time signal 25", SIGEMU_DEFAULT_TERMINATE},
  {60, "SIGRTMAX-4", "Real-time signal 26", SIGEMU_DEFAULT_TERMINATE},
  {61, "SIGRTMAX-3", "Real-time signal 27", SIGEMU_DEFAULT_TERMINATE},
  {62, "SIGRTMAX-2", "Real-time signal 28", SIGEMU_DEFAULT_TERMINATE},
  {63, "SIGRTMAX-1", "Real-time signal 29", SIGEMU_DEFAULT_TERMINATE},
  {64, "SIGRTMAX", "Real-time signal 30", SIGEMU_DEFAULT_TERMINATE},
};
const int sigemu__linux_sigtable_count =
    (int)(sizeof(sigemu__linux_sigtable) / sizeof(sigemu__linux_sigtable[0]));

const sigemu__sigalias sigemu__linux_aliases[] = {
  {"SIGIOT", 6}, {"SIGCLD", 17}, {"SIGPOLL", 29},
};
const int sigemu__linux_aliases_count =
    (int)(sizeof(sigemu__linux_aliases) / sizeof(sigemu__linux_aliases[0]));

bool sigemu__linux_sig_valid(int sig) {
  return sig >= 1 && sig < SIGEMU__LINUX_NSIG && sig != 32 && sig != 33;
}
