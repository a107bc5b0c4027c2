#define F_A 1
#define F_B 2
#define F_C 4
#define F_ALL (F_A | F_B | F_C)
