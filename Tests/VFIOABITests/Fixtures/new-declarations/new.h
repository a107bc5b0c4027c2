#include <linux/types.h>
#include <linux/ioctl.h>
struct s { __u32 a; };
struct t { __u64 b; };
enum e { E_A };
#define M_NEW 0x10
