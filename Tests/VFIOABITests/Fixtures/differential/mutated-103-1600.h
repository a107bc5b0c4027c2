/* A mutation of scripts/fuzz-headers.sh (seed 103, unit 1600) made a member's line a macro,
 * `h1657_t3`, whose expansion further down leaves a declaration without a type. clang locates the
 * error where the macro is expanded (line 12); libclang's formatted diagnostic named the line of its
 * `#define` (line 7). Reduced from the unit. */
struct h1657_s {
	struct {
		#define  h1657_t3 *h1657_f25;
		int :13;
		unsigned char h1657_b26 : 1;
	};
	struct {
		h1657_t3 h1657_f30;
	};
};
