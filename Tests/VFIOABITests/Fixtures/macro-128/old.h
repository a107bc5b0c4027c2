/* Values beyond 64 bits, and values C leaves undefined. */
#define WIDE ((__int128)1 << 100)
#define WIDE_NEGATIVE (-((__int128)1 << 100) - 7)
#define WIDE_UNSIGNED (((unsigned __int128)1 << 126) + 5)
#define ALL_ONES 0xffffffffffffffffULL
#define MINUS_ONE (-1)
#define SHIFTED_OUT (1 << 70)
#define OVERFLOWED (2147483647 + 1)
