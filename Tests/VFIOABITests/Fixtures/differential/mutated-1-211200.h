/* A mutation of scripts/fuzz-headers.sh (seed 1, unit 211200) joined a line to `#if 1`: the
 * expression then expands __aligned_u64 (<linux/types.h>), whose `__attribute__` is not an operator.
 * clang locates the error where the macro is expanded, on the `#if` line below; libclang's formatted
 * diagnostic named the macro's definition in <linux/types.h>. Reduced from the unit. */
#include <linux/types.h>

struct h211205_s {
	__u32 h211205_b11 : 31;
	#if 1    __aligned_u64 h211205_b12 : 62;
	unsigned int h211205_f13;
};
