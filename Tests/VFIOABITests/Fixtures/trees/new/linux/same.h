#ifndef SAME_H
#define SAME_H
struct same { int a; };
#define SAME_X 1
#endif
