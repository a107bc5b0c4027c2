/* The C baseline for scanning a kernel dirty bitmap, compiled at -O2. */
#ifndef CDIRTY_SCAN_BASELINE_H
#define CDIRTY_SCAN_BASELINE_H

#include <stddef.h>
#include <stdint.h>

/* The sum of the IOVAs of every dirty page: base + page * page_size for each
 * set bit, found a word at a time with __builtin_ctzll. */
uint64_t cdirty_sum_dirty_iovas(const uint64_t *words, size_t count, uint64_t base, uint64_t page_size);

#endif
