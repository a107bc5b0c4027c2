#include <linux/types.h>
#include <linux/ioctl.h>
struct s { __u32 argsz; __u32 flags; __u32 reserved; __u32 count; };
