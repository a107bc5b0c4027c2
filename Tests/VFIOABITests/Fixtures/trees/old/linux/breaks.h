struct breaks { int a; int b; };
