#include <linux/types.h>
#include <linux/ioctl.h>
struct s { __u32 count; __u32 pad; __u32 data[]; };
