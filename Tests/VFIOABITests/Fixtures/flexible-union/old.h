#include <linux/types.h>
/* usb/ch9.h before 6.x: a one-element array standing for a variable-length one. */
struct s { __u8 bLength; __u8 bDescriptorType; __le16 wData[1]; };
