#include <linux/types.h>
#include <linux/ioctl.h>
struct gone { __u32 a; };
struct kept { __u32 a; };
