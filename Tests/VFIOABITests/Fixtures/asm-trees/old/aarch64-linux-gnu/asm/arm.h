/* Another architecture's asm/: never part of an x86_64 check. */
struct arm_only { int a; };
