#ifndef NEIGHBOUR_H
#define NEIGHBOUR_H
struct neighbour { long n; };
#define NEIGHBOUR_SIZE 8
#endif
