/* The same types respelled through typedefs (linux/vt.h did this in 6.x): nothing changed. */
#include <linux/types.h>
typedef int pair[2];
typedef __u8 byte;
struct s {
  __u32 a[4];
  byte *p;
  __s32 (*f)(__u64, pair);
  struct { int x; } anonymous[2];
};
typedef int function(int);
struct adjusted { int (*f)(pair, function, const int); };
