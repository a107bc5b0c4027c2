#include "neighbour.h"
/* a path with a space and a quote */
struct quoted { struct neighbour n; int q; };
#define QUOTED_VALUE 0x10
