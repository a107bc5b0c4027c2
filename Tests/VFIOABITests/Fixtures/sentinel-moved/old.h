/* ethtool_netlink.h before 6.15: the lists and their count sentinels in the header itself. */
enum attr { ATTR_A, ATTR_B, __ATTR_CNT };
