#define KEEP_ME 1
#define GONE 2
#if 0
#undef KEEP_ME
#define NEVER 3
#endif
#undef GONE
/* #define COMMENTED 4 */
#define LATER (KEEP_ME + 1)
