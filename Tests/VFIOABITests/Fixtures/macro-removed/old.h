#include <linux/types.h>
#include <linux/ioctl.h>
#define M_A 1
#define M_B 2
