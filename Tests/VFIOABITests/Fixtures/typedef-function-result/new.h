/* A typedef changed in a function pointer's result. */
typedef unsigned short t;
struct s { t (*f)(void); };
