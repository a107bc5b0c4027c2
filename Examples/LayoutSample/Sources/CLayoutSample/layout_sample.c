#include "layout_sample.h"

/* The ring's size in bytes: the one thing the C target computes, so that it has a source file. */
unsigned long layout_sample_ring_bytes(void) {
	return SAMPLE_RING_ENTRIES * sizeof(struct sample_ring_entry);
}
