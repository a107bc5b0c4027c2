/* struct fake { int nope; }; */
#define vfio_abi_0 7
#define sizeof_trap 1
struct sneaky { int vfio_abi_1; int a; };
#define a 42
#line 100 "elsewhere.h"
struct after_line { int z; };
#define AFTER_LINE 5
