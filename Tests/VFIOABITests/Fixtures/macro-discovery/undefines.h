#include "inc/sub.h"
#include "inc/sub.h"
#define A 1
#define B (A +  2) /* trailing */
#define C (A /* inner */+ 3)
#define D (A \
   + 4)
#define E (A\
+5)
#define F	0x10	|	0x20
#define G/**/7
#define H 1 // line comment \
  still comment
#define I "a /* b */  c"
#define J '/'
#define K (SUB_B + 1)
#undef SUB_GONE
#define L 3
#undef L
#define M 1
#define M 1
#if 0
#define N 99
#endif
#define O 2
#undef O
#define O 4
#define P SUB_LINE
#define Q (P + 1)
#define R __COUNTER__
#define S FN(3)
#define T (1 ? 2 : 3)
#define U \
  (7)
#define V (1 /*
  multi line comment */ + 2)
#define W (  8  )
#define X 1.5
#define Y
#define Z(a, b) ((a) + (b) + __LINE__)
#define ZZ Z(1, 2)
#define AA 0x1p4
#define BB ( (1 << 70) )
#define CC sizeof(int)
#define SUB_A 6
#define DD 	 12 	 
enum { EN = 3 };
#define EN 9
#undef EN
