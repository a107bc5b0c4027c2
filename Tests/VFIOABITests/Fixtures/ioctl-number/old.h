#include <linux/types.h>
#include <linux/ioctl.h>
struct s { __u32 a; };
#define S_IOCTL _IOW(0x3b, 1, struct s)
