#include <linux/types.h>
/* Named only by a typedef, as linux/uuid.h names guid_t. */
typedef struct {
	__u8 b[16];
} guid_t;
