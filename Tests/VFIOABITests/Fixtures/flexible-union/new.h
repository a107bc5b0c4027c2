#include <linux/types.h>
/* The same layout through a union of the old padding and a flexible array (__DECLARE_FLEX_ARRAY). */
struct s {
  __u8 bLength;
  __u8 bDescriptorType;
  union {
    __le16 legacy_padding;
    struct { struct { } __empty_wData; __le16 wData[]; };
  };
};
