#include "CDirtyScanBaseline.h"

uint64_t cdirty_sum_dirty_iovas(const uint64_t *words, size_t count, uint64_t base, uint64_t page_size) {
  uint64_t sum = 0;
  for (size_t i = 0; i < count; i++) {
    uint64_t word = words[i];
    while (word) {
      sum += base + (uint64_t)(i * 64 + (size_t)__builtin_ctzll(word)) * page_size;
      word &= word - 1;
    }
  }
  return sum;
}
