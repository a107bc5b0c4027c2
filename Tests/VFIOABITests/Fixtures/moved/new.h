#include "moved-target.h"
struct stays { int a; };
