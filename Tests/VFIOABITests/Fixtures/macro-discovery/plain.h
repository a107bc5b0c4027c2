#include "inc/sub.h"
#include "inc/sub.h"
/* How clang -E -dD spells each definition: one space where blanks or a comment separate two tokens. */
#define A 1
#define B (A +  2) /* trailing */
#define C (A /* inner */+ 3)
#define F	0x10	|	0x20
#define G/**/7
#define I "a /* b */  c"
#define J '/'
#define J3 '"'
#define K (SUB_B + 1)
#define M 1
#define M 1
#if 0
#define N 99
#endif
#define P SUB_LINE
#define Q (P + 1)
#define R __COUNTER__
#define S FN(3)
#define W (  8  )
#define X 1.5
#define Y
#define Y2 /* nothing */
#define Z(a, b) ((a) + (b) + __LINE__)
#define ZZ Z(1, 2)
#define AA 0x1p4
#define CC sizeof(int)
#define SUB_A 6
#define DD 	 12 	 
#define VT 15+ 1
#define FF 16+ 1
#define OBJ 17
#define OBJ(x) (x)
#define FUNCTION_THEN_OBJECT(x) (x)
#define FUNCTION_THEN_OBJECT 18
#define SPACED_PARAMS( a , b ) a ## b
#define CAT SPACED_PARAMS(1, 9)
#define STAR (2 */**/3)
#define SLASH (8 / /**/ 2)
