/* A typedef changed in a function pointer's result. */
typedef short t;
struct s { t (*f)(void); };
