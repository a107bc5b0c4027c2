/* Records without a tag that typedefs name (linux/uuid.h's guid_t), with bit-fields, an anonymous
 * member, a nested tagged record, two typedefs of one record, and typedefs that name no record. */
#include <linux/types.h>

typedef struct {
	__u8 b[16];
} guid_t;

typedef struct {
	__u32 low:3, mid:5;
	union {
		__u16 word;
		struct { __u8 lo:4, hi:4; };
	};
	struct tagged_inside { __u64 value; } inner;
	__u8 tail[];
} bits_t;

typedef union {
	__u32 u32;
	__u8 bytes[4];
} first_t, second_t;

typedef struct { int unused; } *pointer_t;
typedef struct tagged { int x; } tagged_t;
typedef guid_t again_t;
