/* bits.h — the lowest and highest set bit of a 64-bit word, for walking
 * signal sets word by word instead of testing every number. Internal. */
#ifndef SIGEMU_BITS_H
#define SIGEMU_BITS_H

#include <stdint.h>

/* x must not be 0. */
static inline int sigemu__lowest_bit(uint64_t x) {
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_ctzll(x);
#else
  int n = 0;
  while (!(x & 1)) x >>= 1, n++;
  return n;
#endif
}

static inline int sigemu__highest_bit(uint64_t x) {
#if defined(__GNUC__) || defined(__clang__)
  return 63 - __builtin_clzll(x);
#else
  int n = 63;
  while (!(x >> 63)) x <<= 1, n--;
  return n;
#endif
}

#endif /* SIGEMU_BITS_H */
