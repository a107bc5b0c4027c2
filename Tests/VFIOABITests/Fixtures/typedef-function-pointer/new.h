/* A typedef changed in a function pointer's parameter, spelled out and through a typedef. */
typedef long t;
typedef void (*callback)(t, char *);
struct s { void (*f)(t *); callback g; };
