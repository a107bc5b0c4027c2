#include <linux/types.h>
#include <linux/ioctl.h>
struct kept { __u32 a; };
