#include <linux/types.h>
/* a2 covers a and the padding after it: old callers leave bytes 4 to 7 unset. */
struct s { union { __u32 a; __u64 a2; }; __u64 b; };
