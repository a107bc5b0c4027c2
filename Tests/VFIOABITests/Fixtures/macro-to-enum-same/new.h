#include <linux/types.h>
#include <linux/ioctl.h>
enum state { STATE_STOP = 1, STATE_RUNNING = 2 };
