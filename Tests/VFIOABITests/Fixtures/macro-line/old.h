/* Macros whose value is the line they are expanded on, directly or through another macro. */
#define HERE __LINE__
#define THERE (HERE + 1)
#define TICK __COUNTER__
#define FIXED 7
