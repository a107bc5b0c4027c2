/* The line scripts/fuzz-headers.sh's mutation broke (seed 1, unit 24000): clang's first error is
 * -Wimplicit-int's, which libclang in this process did not report. */
#include <linux/types.h>

typedef __le64 h24110_t33;
t :0 ypedef __be32 h24110_t34[1];
#define H24111_M1 (sizeof(__int128))
