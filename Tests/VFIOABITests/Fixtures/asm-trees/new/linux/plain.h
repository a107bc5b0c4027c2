struct plain { int a; };
