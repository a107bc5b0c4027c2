#include <linux/types.h>
/* usb/functionfs.h before 6.x: two arrays side by side. */
struct s { __u8 first; __u8 reserved; __u8 compatible_id[8]; __u8 sub_id[8]; };
