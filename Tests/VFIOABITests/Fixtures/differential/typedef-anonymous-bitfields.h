/* Bit-fields of an anonymous member of an untagged record. clang's record-layout dump names the
 * member after the typedef (`struct t2::(anonymous at …)`) only when it lays the member out after
 * reading the typedef; for t3 it does so before (`struct (anonymous at …)`), while the JSON AST
 * always says `struct t3::(anonymous at …)`. Found by scripts/fuzz-headers.sh (seed 1, header 142,
 * kept beside this file as generated-1-142.h). */
#include <linux/types.h>

typedef struct {
	int z;
	struct {
		int y : 4;
		union {
			int a : 3;
			int b : 9;
		};
	};
} t2;

typedef union {
	struct {
		long u : 3;
		long v : 9;
	};
	__u64 w;
} t3;
