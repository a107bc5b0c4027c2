#include <linux/types.h>
struct s { unknown_type_t a; };
