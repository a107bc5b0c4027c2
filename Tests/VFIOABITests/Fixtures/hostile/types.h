typedef int v4si __attribute__((vector_size(16)));
struct types {
	int (*callbacks[4])(void);
	int (*rows)[8];
	v4si vector;
	char (*(*table)[3])[5];
	long double ld;
	__int128 wide;
	unsigned char tail[];
};
