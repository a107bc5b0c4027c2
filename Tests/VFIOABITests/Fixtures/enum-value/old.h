#include <linux/types.h>
#include <linux/ioctl.h>
enum e { E_A, E_B };
