/* The same types respelled through typedefs (linux/vt.h did this in 6.x): nothing changed. */
#include <linux/types.h>
struct s {
  unsigned int a[4];
  unsigned char *p;
  int (*f)(unsigned long long, int[2]);
  struct { int x; } anonymous[2];
};
struct adjusted { int (*f)(int *, int (*)(int), int); };
