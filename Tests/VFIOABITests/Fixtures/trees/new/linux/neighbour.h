#include "same.h"
struct uses_same { struct same s; };
