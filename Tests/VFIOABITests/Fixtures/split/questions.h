/* Questions of every outcome in both halves of the probe's questions: the A_ macros come first, the
 * B_ macros last, so that two units, each asking one half, each get a type, a call, values wider
 * than 64 bits, values C leaves undefined, a macro #undef'd after its definition and plain values. */
#define A_TYPE int
#define A_WIDE ((__int128)1 << 101)
#define A_PLAIN 7
#define A_GONE 3
#define A_SHIFTED_OUT (1 << 70)
#define A_WIDE_NEGATIVE (-((__int128)1 << 100) - 7)
#define A_CALL vfio_split_missing(1)
#define A_MINUS_ONE (-1)
#undef A_GONE

struct split_b { int x; char y; };
enum { B_ENUMERATOR = 5 };

#define B_TYPE unsigned long
#define B_WIDE_UNSIGNED (((unsigned __int128)1 << 126) + 5)
#define B_ALL_ONES 0xffffffffffffffffULL
#define B_GONE 4
#define B_OVERFLOWED (2147483647 + 1)
#define B_SIZE sizeof(struct split_b)
#define B_FROM_ENUMERATOR (B_ENUMERATOR + 1)
#define B_CALL vfio_split_missing(2)
#undef B_GONE
#define B_LAST 1
