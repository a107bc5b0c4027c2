#include <linux/fine.h>
struct later { struct fine f; };
