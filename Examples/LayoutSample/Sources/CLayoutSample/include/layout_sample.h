/* The structs a driver shares with its device, as a downstream package of swift-vfio might define. */
#ifndef LAYOUT_SAMPLE_H
#define LAYOUT_SAMPLE_H

#include <linux/types.h>

#define SAMPLE_RING_ENTRIES 256

enum sample_queue_state {
	SAMPLE_QUEUE_STOPPED = 0,
	SAMPLE_QUEUE_RUNNING = 1,
};

/* A request the driver writes into the device's BAR: argsz first, as VFIO's own structs. */
struct sample_request {
	__u32 argsz;
	__u32 flags;
#define SAMPLE_REQUEST_FLAG_READ (1 << 0)
	__u64 iova;
	__u64 size;
	__u32 queue_state;	/* enum sample_queue_state */
	__u32 reserved;
};

/* One descriptor of the ring the device reads by DMA. */
struct sample_ring_entry {
	__u64 address;
	__u32 length;
	__u16 id;
	__u16 flags;
};

/* The ring's size in bytes. */
unsigned long layout_sample_ring_bytes(void);

#endif
