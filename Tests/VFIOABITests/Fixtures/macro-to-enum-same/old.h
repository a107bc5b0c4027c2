#include <linux/types.h>
#include <linux/ioctl.h>
#define STATE_RUNNING 2
