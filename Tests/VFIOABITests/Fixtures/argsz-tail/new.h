#include <linux/types.h>
#include <linux/ioctl.h>
struct s { __u32 argsz; __u32 flags; __u64 offset; };
