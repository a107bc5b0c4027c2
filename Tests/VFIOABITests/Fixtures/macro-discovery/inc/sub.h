#ifndef SUB_H
#define SUB_H
#define SUB_A 5
#define SUB_B (SUB_A * 2)
#define SUB_GONE 7
#define SUB_LINE __LINE__
#define FN(x) ((x) + 1)
#endif
