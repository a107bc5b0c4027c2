enum { ATTR_A, ATTR_B, ATTR_C, __ATTR_MAX };
