enum { ATTR_A, ATTR_C, __ATTR_MAX };
