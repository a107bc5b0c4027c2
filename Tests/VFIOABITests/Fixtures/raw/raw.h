#ifndef _UAPI_RAW_H
#define _UAPI_RAW_H
#include <linux/types.h>
struct raw_args {
	void __user *buffer;
	__u32 length;
} __packed;
#endif /* _UAPI_RAW_H */
