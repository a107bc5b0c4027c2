/* Enumerators by value and sign. HIDDEN_A is also a macro of another value: the enumerator keeps its
   own value and the macro its own, as clang computes each. */
enum hidden { HIDDEN_A = 1, HIDDEN_B = 5, HIDDEN_NEGATIVE = -3 };
#define HIDDEN_A 7
enum wide { WIDE_ALL_ONES = 0xffffffffffffffffUL, WIDE_LOWEST = -0x7fffffffffffffffL - 1 };
enum narrow { NARROW_ALL_ONES = 0xffffffffU, NARROW_LAST };
struct holder { enum { HELD_FIRST = -1, HELD_SECOND } held; unsigned int bits : 3, : 2, more : 7; };
