#define G_A 1
#define G_B 2
#define G_ALL 3
