struct added { int a; };
