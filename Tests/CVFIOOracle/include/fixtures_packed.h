/*
 * Packed layouts for the layout verification tests, with the C compiler's view of them.
 *
 * vfio.h has no packed struct today, but the v1 migration region header was packed in its v18
 * proposal (QEMU's placeholder copy of the kernel patch, May 2020) and merged unpacked: the same
 * 32 bytes and offsets, alignment 1 instead of 8. The second fixture has members that packing
 * leaves misaligned.
 */
#ifndef CVFIO_FIXTURES_PACKED_H
#define CVFIO_FIXTURES_PACKED_H

#include <stddef.h>
#include <linux/types.h>

struct cvfio_fixture_migration_info_v18 {
  __u32 device_state;
  __u32 reserved;
  __u64 pending_bytes;
  __u64 data_offset;
  __u64 data_size;
} __attribute__((packed));

struct cvfio_fixture_packed_misaligned {
  __u8 tag;
  __u64 value;
  __u16 count;
} __attribute__((packed));

struct cvfio_oracle_layout_field {
  const char *name;
  size_t offset;
  size_t size;
  /* _Alignof the member's declared type. */
  size_t alignment;
};

struct cvfio_oracle_layout_record {
  const char *name;
  size_t size;
  size_t alignment;
  const struct cvfio_oracle_layout_field *fields;
  size_t field_count;
};

/* sizeof, _Alignof and offsetof of each fixture. */
extern const size_t cvfio_oracle_packed_fixture_count;
struct cvfio_oracle_layout_record cvfio_oracle_packed_fixture_at(size_t index);

#endif
