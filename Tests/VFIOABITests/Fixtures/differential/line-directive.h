/* A `#line` directive renames the lines after it: clang's errors name them as it says
 * (`elsewhere.h:51`), which libclang's formatted diagnostic did not, naming this file's line 6. */
#define LINE_DIRECTIVE_A 1
#line 50 "elsewhere.h"
struct line_directive_s { int a; };
int line_directive_x = ;
