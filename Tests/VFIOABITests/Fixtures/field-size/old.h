#include <linux/types.h>
#include <linux/ioctl.h>
struct s { __u32 a; __u32 b; __u32 c; };
