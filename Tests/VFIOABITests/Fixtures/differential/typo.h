/* A misspelt keyword: a clang process's first error suggests the keyword ("did you mean 'union'?"),
 * which libclang leaves out unless spell checking is asked for. Reduced from a mutated unit of
 * scripts/fuzz-headers.sh (seed 1, unit 111200). */
unio typo_u {
	int a;
};
