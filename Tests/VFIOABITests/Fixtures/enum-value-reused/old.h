/* vdpa.h in 7.x: an attribute removed and its number given to another. */
enum attr { ATTR_A = 20, ATTR_OLD = 21 };
