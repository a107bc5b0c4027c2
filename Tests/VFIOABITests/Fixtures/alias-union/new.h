#include <linux/types.h>
/* A union member naming both arrays' bytes at once; nothing moved. */
struct s {
  __u8 first;
  __u8 reserved;
  union {
    struct { __u8 compatible_id[8]; __u8 sub_id[8]; };
    __u8 ids[16];
  };
};
