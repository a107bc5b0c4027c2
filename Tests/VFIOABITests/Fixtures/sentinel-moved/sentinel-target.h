enum attr { ATTR_A, ATTR_B, ATTR_C, __ATTR_CNT };
