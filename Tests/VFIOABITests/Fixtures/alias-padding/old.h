#include <linux/types.h>
/* Bytes 4 to 7 are padding. */
struct s { __u32 a; __u64 b; };
