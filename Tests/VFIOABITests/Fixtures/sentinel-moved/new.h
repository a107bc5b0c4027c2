/* The lists moved into an included header (ethtool_netlink_generated.h) and grew there. */
#include "sentinel-target.h"
