enum attr { ATTR_A = 20, ATTR_NEW = 21 };
