/* Only errors clang makes of warnings by default: -w leaves them errors, so the header does not
 * compile, but the in-process reader's probe unit ignored -Weverything before including the header
 * and gave a manifest. Reduced from a mutated unit of scripts/fuzz-headers.sh (seed 1, unit 24000:
 * `t :0 ypedef __be32 h24110_t34[1];`, where libclang's first error was the second). */
#include <linux/types.h>

struct implicit_int_s {
	__u32 a;
};

extern implicit_int;
