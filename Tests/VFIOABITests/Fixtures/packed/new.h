#include <linux/types.h>
#include <linux/ioctl.h>
struct s { __u8 a; __u32 b; } __attribute__((packed));
