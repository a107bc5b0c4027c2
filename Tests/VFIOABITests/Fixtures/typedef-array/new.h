/* A typedef changed under an array: the element's canonical type changes, the size does not. */
typedef unsigned int t;
struct s { t b; t a[4]; };
