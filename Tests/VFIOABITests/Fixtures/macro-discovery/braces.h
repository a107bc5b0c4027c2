/* A header whose braces do not balance: its macros are still every #define the preprocessor sees. */
#include "inc/sub.h"
#define BEFORE 1
}
#define AFTER_CLOSE 2
struct open {
#define INSIDE_OPEN 3
void f(void) { { (
#define DEEP 4
