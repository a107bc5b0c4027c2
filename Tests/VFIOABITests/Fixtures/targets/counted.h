#include <linux/types.h>
/* __counted_by as the newest linux/stddef.h spells it; older ones lack it. */
struct counted {
	__u32 count;
	__u64 base;
	void *cookie;
	long words[2];
	__u32 data[] __counted_by(count);
};
