enum { ATTR_A, ATTR_B, __ATTR_MAX };
#define ATTR_MAX (__ATTR_MAX - 1)
