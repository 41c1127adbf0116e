// control.d.ts — the layout of the SharedArrayBuffer control block
// (src/control.js), exported as the `control` namespace of 'sigemu'.

export declare const CTL_BITS0: 0;
export declare const CTL_BITS1: 1;
export declare const CTL_WAKE: 2;
export declare const CTL_SEQ: 3;
export declare const CTL_POLLS: 4;
export declare const CTL_MAGIC: 5;
export declare const CTL_BLOCKED: 6;
export declare const CTL_CLOSED: 7;
export declare const CTL_WORDS: 8;
export declare const CTL_MAGIC_VALUE: number;
