// signals.d.ts — signal names and numbers (src/signals.js), Linux numbering.

/** A signal number (1..64 except 32, 33) or a name such as 'SIGINT' or 'INT'. */
export type SignalLike = number | string;

export declare const MAX_SIGNAL: 64;
/** The number of a signal; throws a TypeError/RangeError for a bad one. */
export declare function signalNumber(sig: SignalLike): number;
export declare function signalName(n: number): string | null;
export declare function isValidSignal(n: number): boolean;
