/* A typedef changed under a pointer, and under a pointer to an array of it. */
typedef int t;
typedef t four[4];
struct s { t *p; four *q; };
