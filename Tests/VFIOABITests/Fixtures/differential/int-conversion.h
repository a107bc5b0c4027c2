/* -Wint-conversion and -Wincompatible-function-pointer-types are errors by default (clang 16 on),
 * which -w does not silence: the header does not compile. */
struct int_conversion_s {
	int a;
};

static int (*int_conversion_f)(int) = (void (*)(void))0;
static int *int_conversion_p = 1;
