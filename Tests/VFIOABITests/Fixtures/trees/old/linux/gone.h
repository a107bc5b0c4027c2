struct gone { int a; };
