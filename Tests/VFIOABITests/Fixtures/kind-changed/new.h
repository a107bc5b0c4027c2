#include <linux/types.h>
union s { __u32 a; __u32 b; };
