struct fine { int a; };
struct fine_added { int b; };
