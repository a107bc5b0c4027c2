enum { ATTR_A, ATTR_B, ATTR_C, __ATTR_MAX };
#define ATTR_MAX (__ATTR_MAX - 1)
