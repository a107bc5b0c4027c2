struct fine { int a; };
