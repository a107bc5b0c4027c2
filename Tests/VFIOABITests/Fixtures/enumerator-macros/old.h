/* Macros named like the enumerators they stand for, as linux/netfilter/nfnetlink.h and
 * linux/pkt_sched.h write them: one names its enumerator, one is the last value below a sentinel. */
enum groups {
	GROUP_NONE,
#define GROUP_NONE GROUP_NONE
	GROUP_ONE,
#define GROUP_ONE GROUP_ONE
	__GROUP_MAX
};
#define __GROUP_MAX (__GROUP_MAX - 1)
