// signals.js — signal names and numbers as the wasm backends number them
// (Linux numbering, like the C side's sigemu__linux_sigtable), so that
// kill('SIGTERM') and kill(15) mean the same thing on every side.

/** Highest signal number a control block can carry (bits for 1..64). */
export const MAX_SIGNAL = 64;

const NAMES = [
  null, 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS',
  'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM',
  'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN',
  'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF',
  'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];
// A null-prototype table: a polluted Object.prototype cannot add names.
const ALIASES = Object.freeze(Object.assign(Object.create(null),
  { SIGIOT: 6, SIGPOLL: 29, SIGCLD: 17, SIGRTMIN: 34, SIGRTMAX: 64 }));

/** Numbers in 1..64 that name a signal (glibc reserves 32 and 33). */
export function isValidSignal(n) {
  return Number.isInteger(n) && n >= 1 && n <= MAX_SIGNAL && n !== 32 && n !== 33;
}

/** 'SIGINT', 'INT', 'SIGRTMIN+3' or a number -> a valid number; else throws. */
export function signalNumber(sig) {
  if (typeof sig === 'number') {
    if (!isValidSignal(sig)) throw new RangeError(`signal number out of range: ${sig}`);
    return sig;
  }
  if (typeof sig !== 'string') throw new TypeError('signal must be a number or a name');
  let name = sig.toUpperCase();
  if (!name.startsWith('SIG')) name = 'SIG' + name;
  const i = NAMES.indexOf(name);
  if (i > 0) return i;
  if (Object.hasOwn(ALIASES, name) && isValidSignal(ALIASES[name])) return ALIASES[name];
  const m = /^SIGRT(MIN|MAX)([+-])(\d+)$/.exec(name);
  if (m) {
    const base = m[1] === 'MIN' ? 34 : 64;
    const n = m[2] === '+' ? base + Number(m[3]) : base - Number(m[3]);
    if (n >= 34 && n <= 64) return n;
  }
  throw new RangeError(`unknown signal name: ${sig}`);
}

/** The name of a number ('SIGINT'), or null. */
export function signalName(n) {
  if (n >= 1 && n < NAMES.length) return NAMES[n];
  if (n === 34) return 'SIGRTMIN';
  if (n === 64) return 'SIGRTMAX';
  if (n > 34 && n < 64) return n < 49 ? `SIGRTMIN+${n - 34}` : `SIGRTMAX-${64 - n}`;
  return null;
}
