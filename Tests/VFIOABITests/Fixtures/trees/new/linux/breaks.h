struct breaks { int a; long b; };
